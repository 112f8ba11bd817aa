"""A meeting's start and end from ``--beginn``, ``--ende`` and ``--dauer`` as typed, on the zone's clock.

Kept apart from the commands so the rules are in one place: a day without a time moves a meeting
to that day at its old time; ``--ende`` alone as ``12:00`` is on the start's day; a changed start
keeps the meeting's length; a duration is elapsed time (a meeting across the autumn switch lasts
what it says, whatever the clock shows).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import click

from integrationsnetz.cli.times import Occurrence, on_the_clock, parse_clock, parse_when
from integrationsnetz.cli.wording import say

if TYPE_CHECKING:
    from integrationsnetz.model import Meeting

#: How long a new meeting lasts when neither ``--ende`` nor ``--dauer`` is given.
DEFAULT_LENGTH = timedelta(hours=2)


def parse_length(text: str) -> timedelta:
    """``90`` (minutes) or ``1:30`` (hours and minutes) as a positive length."""
    found = re.fullmatch(r"(?:(\d{1,3}):)?(\d{1,4})", text.strip())
    if found:
        minutes = int(found.group(1) or 0) * 60 + int(found.group(2))
        if (found.group(1) is None or int(found.group(2)) < 60) and 0 < minutes <= 24 * 60:
            return timedelta(minutes=minutes)
    raise click.BadParameter(say("time.bad_length", value=text))


def _after(moment: datetime, length: timedelta, zone: ZoneInfo) -> datetime:
    return (moment.astimezone(UTC) + length).astimezone(zone)


def _start(text: str, before: Meeting | None, zone: ZoneInfo, occurrence: Occurrence) -> datetime:
    when = parse_when(text)
    if isinstance(when, datetime):
        return on_the_clock(when, zone, occurrence)
    if before is None:
        raise click.BadParameter(say("time.need_clock", value=text))
    clock = before.start.astimezone(zone).time()
    return on_the_clock(datetime.combine(when, clock), zone, occurrence)


def _end(text: str, start: datetime, zone: ZoneInfo, occurrence: Occurrence) -> datetime:
    clock = parse_clock(text)
    if clock is not None:
        return on_the_clock(datetime.combine(start.astimezone(zone).date(), clock), zone, occurrence)
    when = parse_when(text)
    if isinstance(when, date) and not isinstance(when, datetime):
        raise click.BadParameter(say("time.need_clock", value=text))
    return on_the_clock(when, zone, occurrence)


def meeting_times(
    before: Meeting | None,
    *,
    start_text: str | None,
    end_text: str | None,
    length_text: str | None,
    zone: ZoneInfo,
    occurrence: Occurrence,
) -> tuple[datetime, datetime]:
    """The start and end a new (``before`` None) or changed meeting gets from the options as typed."""
    if end_text is not None and length_text is not None:
        raise click.UsageError(say("time.end_or_length"))
    if start_text is not None:
        start = _start(start_text, before, zone, occurrence)
    elif before is not None:
        start = before.start
    else:
        raise click.UsageError(say("missing", what="--beginn", option="--beginn"))
    if end_text is not None:
        return start, _end(end_text, start, zone, occurrence)
    if length_text is not None:
        return start, _after(start, parse_length(length_text), zone)
    if before is None:
        return start, _after(start, DEFAULT_LENGTH, zone)
    if start_text is not None:
        return start, _after(start, before.duration, zone)
    return start, before.end
