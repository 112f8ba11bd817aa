"""Dates and wall-clock times as a coordinator types them, and the weeks ``--woche`` names.

``10.02.2027 10:00`` is a time on the clock of the network's zone (Europe/Berlin unless
``--zeitzone`` says otherwise); the zone database (:mod:`zoneinfo`) gives its offset. A wall time
that the clock skips in spring is refused, and one it shows twice in autumn needs ``--erste`` or
``--zweite``: the command never guesses which instant is meant.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click

from integrationsnetz.cli.wording import say

#: The zone of the wall-clock times typed on the command line, unless ``--zeitzone`` names another.
DEFAULT_ZONE = "Europe/Berlin"

#: Which of the two instants of a wall time shown twice (the hour repeated when summer time ends).
Occurrence = Literal["first", "second"] | None

_GERMAN_DAY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_CLOCK = re.compile(r"(\d{1,2})[:.](\d{2})")


def zone_named(name: str) -> ZoneInfo:
    """The zone ``name`` (``Europe/Berlin``); :class:`click.BadParameter` for a name the zone database lacks."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise click.BadParameter(say("time.bad_zone", value=name)) from None


def _years() -> range:
    """The years the model holds (imported here, so ``--help`` does not load the model)."""
    from integrationsnetz.model.field_types import YEARS

    return YEARS


def within_years(day: date, text: str) -> None:
    """Refuse (:class:`click.BadParameter`) a day outside the years the library holds (1900 to 2999).

    Checked where the text is read, before any arithmetic: a time near Python's own limits (years 1
    and 9999) has no UTC instant and no end two hours later.
    """
    years = _years()
    if day.year not in years:
        raise click.BadParameter(say("time.years", value=text, first=years.start, last=years.stop - 1))


def parse_day_text(text: str, shown: str | None = None) -> date | None:
    """``10.02.2027`` or ``2027-02-10`` as a date, None when ``text`` is neither.

    :class:`click.BadParameter` for a real date outside the years the library holds (naming
    ``shown``, the whole value typed, when ``text`` is a part of it).
    """
    text = text.strip()
    found = _GERMAN_DAY.fullmatch(text)
    try:
        if found:
            day = date(int(found.group(3)), int(found.group(2)), int(found.group(1)))
        elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            day = date.fromisoformat(text)
        else:
            return None
    except ValueError:
        return None
    within_years(day, shown or text)
    return day


def parse_day(value: str | None) -> date | None:
    """A date option (``--von``, ``--faellig``, ``--stand`` …): ``10.02.2027`` or ``2027-02-10``, None when not given.

    :class:`click.BadParameter` (a usage error, exit code 2) for anything else, and for a date
    outside the years the library holds.
    """
    if value is None:
        return None
    day = parse_day_text(value)
    if day is None:
        raise click.BadParameter(say("bad_date", value=value))
    return day


def day_range(first: date | None, last: date | None) -> None:
    """Refuse ``--von`` after ``--bis``: an empty range is a typo, not a question with no answer."""
    if first is not None and last is not None and first > last:
        raise click.UsageError(say("time.from_after_to", first=f"{first:%d.%m.%Y}", last=f"{last:%d.%m.%Y}"))


def parse_clock(text: str) -> time | None:
    """``10:00`` (or ``10.00``) as a time of day, None when ``text`` is none."""
    found = _CLOCK.fullmatch(text.strip())
    if not found:
        return None
    hour, minute = int(found.group(1)), int(found.group(2))
    return time(hour, minute) if hour < 24 and minute < 60 else None


def parse_when(text: str) -> datetime | date:
    """A day (``10.02.2027``, ``2027-02-10``), a wall time (``10.02.2027 10:00``, ``2027-02-10T10:00``)
    or an instant with its offset (``2027-02-10T10:00+01:00``); :class:`click.BadParameter` otherwise.

    A wall time comes back naive: :func:`on_the_clock` gives it its zone.
    """
    text = text.strip()
    day = parse_day_text(text)
    if day is not None:
        return day
    head, _, clock = text.replace("T", " ", 1).partition(" ")
    day, moment = parse_day_text(head, text), parse_clock(clock)
    if day is not None and moment is not None:
        return datetime.combine(day, moment)
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(say("time.bad", value=text)) from None
    within_years(parsed, text)
    return parsed if parsed.tzinfo is not None else parsed.replace(second=0, microsecond=0)


def _shown(wall: datetime) -> str:
    return f"{wall:%d.%m.%Y %H:%M}"


def on_the_clock(wall: datetime, zone: ZoneInfo, occurrence: Occurrence = None) -> datetime:
    """The instant the naive ``wall`` time names in ``zone``.

    :class:`click.BadParameter` when the clock skips that time (the hour lost in spring) or shows
    it twice (the hour repeated in autumn) and ``occurrence`` does not say which of the two.
    """
    if wall.tzinfo is not None:
        return wall.astimezone(zone)
    first, second = wall.replace(tzinfo=zone, fold=0), wall.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first
    if _skipped(wall, zone):
        begins = wall.replace(second=0, microsecond=0)
        while _skipped(begins - timedelta(minutes=1), zone):
            begins -= timedelta(minutes=1)
        jump = (second.utcoffset() or timedelta()) - (first.utcoffset() or timedelta())
        raise click.BadParameter(
            say("time.gap", value=_shown(wall), zone=zone.key, skipped=f"{begins:%H:%M}", to=f"{begins + jump:%H:%M}")
        )
    if occurrence is None:
        raise click.BadParameter(
            say("time.twice", value=_shown(wall), zone=zone.key, first=_offset(first), second=_offset(second))
        )
    return first if occurrence == "first" else second


def _skipped(wall: datetime, zone: ZoneInfo) -> bool:
    """Whether the clock of ``zone`` never shows the naive ``wall`` time (the hour lost in spring)."""
    return wall.replace(tzinfo=zone).astimezone(UTC).astimezone(zone).replace(tzinfo=None) != wall


def _offset(moment: datetime) -> str:
    offset = moment.utcoffset() or timedelta()
    hours, rest = divmod(int(offset.total_seconds()) // 60, 60)
    return f"UTC{'+' if offset >= timedelta() else '-'}{abs(hours)}" + (f":{rest:02d}" if rest else "")


def is_ambiguous(moment: datetime) -> bool:
    """Whether the wall time of ``moment`` (in its own zone) is one the clock shows twice."""
    zone = moment.tzinfo
    if zone is None:
        return False
    wall = moment.replace(tzinfo=None)
    first, second = wall.replace(tzinfo=zone, fold=0), wall.replace(tzinfo=zone, fold=1)
    return (
        first.utcoffset() != second.utcoffset() and first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == wall
    )


def local_text(moment: datetime, zone: ZoneInfo) -> str:
    """``10.02.2027 10:00`` on the zone's clock; with its offset where the clock shows that time twice."""
    local = moment.astimezone(zone)
    text = _shown(local)
    return f"{text} ({_offset(local)})" if is_ambiguous(local) else text


def week_of(choice: str, today: date) -> tuple[date, date]:
    """Monday and Sunday of the week ``choice`` names: ``diese``/``this``, ``nächste``/``naechste``/``next``,
    ``letzte``/``last``, a calendar week of this year (``6``) or of a given one (``2027-6``, ``2027-W06``).
    """
    word = choice.strip().lower()
    monday = today - timedelta(days=today.weekday())
    shifts = {"diese": 0, "this": 0, "nächste": 1, "naechste": 1, "next": 1, "letzte": -1, "last": -1}
    if word in shifts:
        first = monday + timedelta(weeks=shifts[word])
        return first, first + timedelta(days=6)
    found = re.fullmatch(r"(?:(\d{4})-?w?)?(\d{1,2})", word)
    if found:
        year = int(found.group(1)) if found.group(1) else today.isocalendar().year
        years = _years()
        if year not in years:
            raise click.BadParameter(say("time.years", value=choice, first=years.start, last=years.stop - 1))
        try:
            first = date.fromisocalendar(year, int(found.group(2)), 1)
        except ValueError:
            raise click.BadParameter(say("week.bad", value=choice)) from None
        return first, first + timedelta(days=6)
    raise click.BadParameter(say("week.bad", value=choice))
