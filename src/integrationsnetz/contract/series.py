"""Meeting series as rules: "every 6 weeks on Tuesday 14:00–16:00 in room A or B".

A :class:`Series` says when a body should meet (its :data:`Recurrence`), at which times, where,
with whom, how far apart, and what to do when a date is blocked. The planner turns it into
:class:`~integrationsnetz.model.Meeting` objects. Each occurrence has a stable key (its nominal
date, or season and year), so a meeting keeps its id, and its calendar UID, when the plan is
made again.

The host's converter learns to read them from TOML (``"14:00"`` times, the tagged recurrence
rules) in the built-in plugin :mod:`integrationsnetz.schedule.series_converter`.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date, time, timedelta
from enum import StrEnum
from typing import Any

import attrs

from integrationsnetz.contract.bounds import (
    MAX_ATTENDANCE,
    MAX_DAYS,
    MAX_EVERY_MONTHS,
    MAX_EVERY_WEEKS,
    at_most,
    validate_planning_date,
)
from integrationsnetz.model.entity import validate_id, validate_ids, validate_not_blank
from integrationsnetz.model.meetings import MeetingKind


class Strictness(StrEnum):
    """How a constraint binds: never broken (hard), avoided when possible (soft), or not applied (off)."""

    HARD = "hard"
    SOFT = "soft"
    OFF = "off"


class Weekday(StrEnum):
    """A day of the week, written out so a coordinator's file reads plainly."""

    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"

    @property
    def number(self) -> int:
        """Monday is 0, as :meth:`datetime.date.weekday` counts."""
        return _WEEKDAYS.index(self)

    @classmethod
    def of(cls, day: date) -> Weekday:
        """The weekday of ``day``."""
        return _WEEKDAYS[day.weekday()]


_WEEKDAYS: tuple[Weekday, ...] = tuple(Weekday)


def _validate_slot_end(instance: TimeSlot, attribute: attrs.Attribute[time], value: time) -> None:
    if value <= instance.start:
        raise ValueError(f"{attribute.name}: {value:%H:%M} is not after start {instance.start:%H:%M}")


@attrs.frozen(kw_only=True)
class TimeSlot:
    """Local wall-clock times of a session (Europe/Berlin unless the series says otherwise)."""

    start: time
    end: time = attrs.field(validator=_validate_slot_end)


def first_on_or_after(day: date, weekday: Weekday) -> date:
    """The first ``weekday`` on or after ``day``."""
    return day + timedelta(days=(weekday.number - day.weekday()) % 7)


@attrs.frozen(kw_only=True)
class Occurrence:
    """One session a rule asks for: its stable ``key``, its nominal ``day`` and the last day it may move to."""

    key: str
    day: date
    latest: date


def _validate_first(instance: Weekly, attribute: attrs.Attribute[date | None], value: date | None) -> None:
    # A first day off the weekday would be moved silently; the coordinator meant one of the two.
    if value is not None and Weekday.of(value) is not instance.weekday:
        raise ValueError(
            f"{attribute.name}: {value.isoformat()} is a {Weekday.of(value).value.capitalize()}, "
            f"not a {instance.weekday.value.capitalize()} (weekday = {instance.weekday.value!r})"
        )


@attrs.frozen(kw_only=True)
class Weekly:
    """Every ``every_weeks`` weeks on ``weekday``, counted from ``first`` (or the first such day).

    ``first`` must fall on ``weekday``.
    """

    weekday: Weekday
    every_weeks: int = attrs.field(default=1, validator=at_most(MAX_EVERY_WEEKS, least=1))
    first: date | None = attrs.field(default=None, validator=[validate_planning_date, _validate_first])

    def occurrences(self, start: date, end: date) -> list[Occurrence]:
        """Sessions between ``start`` and ``end`` (inclusive)."""
        anchor = self.first or first_on_or_after(start, self.weekday)
        step = timedelta(weeks=self.every_weeks)
        if anchor < start:  # keep the rhythm of an earlier anchor
            anchor += step * -(-(start - anchor).days // step.days)
        found = []
        day = anchor
        while day <= end:
            found.append(Occurrence(key=day.isoformat(), day=day, latest=end))
            day += step
        return found

    def weekday_of_rule(self) -> Weekday:
        """The weekday the rule names."""
        return self.weekday


def _validate_ordinal(_instance: Any, attribute: attrs.Attribute[int], value: int) -> None:
    if value not in (1, 2, 3, 4, -1):
        raise ValueError(f"{attribute.name}: expected 1, 2, 3, 4 or -1 (the last), got {value}")


@attrs.frozen(kw_only=True)
class MonthlyNth:
    """The ``ordinal``-th ``weekday`` of every ``every_months`` months ("the 2nd Wednesday"); -1 is the last."""

    weekday: Weekday
    ordinal: int = attrs.field(validator=_validate_ordinal)
    every_months: int = attrs.field(default=1, validator=at_most(MAX_EVERY_MONTHS, least=1))

    def occurrences(self, start: date, end: date) -> list[Occurrence]:
        """Sessions between ``start`` and ``end`` (inclusive); months count from ``start``'s month."""
        found = []
        year, month = start.year, start.month
        while date(year, month, 1) <= end:
            day = self._day_in(year, month)
            if start <= day <= end:
                found.append(Occurrence(key=day.isoformat(), day=day, latest=end))
            month += self.every_months
            year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        return found

    def _day_in(self, year: int, month: int) -> date:
        if self.ordinal == -1:
            last = date(year, month, calendar.monthrange(year, month)[1])
            return last - timedelta(days=(last.weekday() - self.weekday.number) % 7)
        return first_on_or_after(date(year, month, 1), self.weekday) + timedelta(weeks=self.ordinal - 1)

    def weekday_of_rule(self) -> Weekday:
        """The weekday the rule names."""
        return self.weekday


def _validate_month_day(_instance: Any, attribute: attrs.Attribute[str], value: str) -> None:
    try:
        date.fromisoformat(f"2024-{value}")  # a leap year, so 02-29 is allowed
    except ValueError:
        raise ValueError(f"{attribute.name}: expected a month and day as MM-DD, got {value!r}") from None


def _validate_season_end(instance: Season, attribute: attrs.Attribute[str], value: str) -> None:
    _validate_month_day(instance, attribute, value)
    if value < instance.start and not instance.wraps:
        raise ValueError(
            f"{attribute.name}: {value} lies before start {instance.start}; "
            "for a season that runs into the next year, set wraps = true"
        )


@attrs.frozen(kw_only=True)
class Season:
    """A part of the year a session must fall in, e.g. spring = ``03-01`` to ``05-31``.

    A season that runs into the next year (winter, ``12-01`` to ``02-28``) says so with
    ``wraps = true``; without it, an end before the start is a typo and refused.
    """

    label: str = attrs.field(validator=validate_not_blank)
    start: str = attrs.field(validator=_validate_month_day)
    end: str = attrs.field(validator=_validate_season_end)
    wraps: bool = False

    def span(self, year: int) -> tuple[date, date]:
        """The season's first and last day in ``year`` (a season may run into the next year)."""
        first = date.fromisoformat(f"{year}-{self.start}") if self.start != "02-29" else date(year, 3, 1)
        last_year = year + 1 if self.end < self.start else year
        last = date.fromisoformat(f"{last_year}-{self.end}") if self.end != "02-29" else date(last_year, 3, 1)
        return first, last


def _validate_seasons(_instance: Any, attribute: attrs.Attribute[Any], value: tuple[Season, ...]) -> None:
    if not value:
        raise ValueError(f"{attribute.name}: name at least one season")
    labels = [season.label for season in value]
    if len(set(labels)) != len(labels):
        raise ValueError(f"{attribute.name}: season labels must differ, got {labels}")


@attrs.frozen(kw_only=True)
class Seasonal:
    """One session in each season of the year, due on the season's first ``weekday``.

    "Twice a year, one in spring and one in autumn, Monday": a blocked session moves within the
    series' ``move_window_days`` but never past the end of its season (give seasonal series a
    wide window, e.g. 60 days).
    """

    weekday: Weekday
    seasons: tuple[Season, ...] = attrs.field(validator=_validate_seasons)

    def occurrences(self, start: date, end: date) -> list[Occurrence]:
        """Sessions of each season that starts between ``start`` and ``end``."""
        found = []
        for year in range(start.year, end.year + 1):
            for season in self.seasons:
                first, last = season.span(year)
                first, last = max(first, start), min(last, end)
                if first > last:
                    continue
                day = first_on_or_after(first, self.weekday)
                if day <= last:
                    found.append(Occurrence(key=f"{year}-{_slug(season.label)}", day=day, latest=last))
        return sorted(found, key=lambda occurrence: occurrence.day)

    def weekday_of_rule(self) -> Weekday:
        """The weekday the rule names."""
        return self.weekday


def _slug(label: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", " ": "-", "/": "-"})
    return "".join(ch for ch in label.lower().translate(table) if ch.isalnum() or ch == "-")


#: The rule that places a series' sessions; tagged by ``rule`` in TOML and JSON.
Recurrence = Weekly | MonthlyNth | Seasonal


class OnBlocked(StrEnum):
    """What happens to a session whose day is blocked: move it within the window, or skip it."""

    MOVE = "move"
    SKIP = "skip"


class VenueChoice(StrEnum):
    """How candidate venues are tried: always in the order given, or rotating from session to session."""

    IN_ORDER = "in_order"
    ROTATE = "rotate"


@attrs.frozen(kw_only=True)
class VenueOption:
    """A place a series may meet: a venue, and a room of it (or the whole venue)."""

    venue_id: str = attrs.field(validator=validate_id)
    room_id: str | None = None


def _validate_times(_instance: Any, attribute: attrs.Attribute[Any], value: tuple[TimeSlot, ...]) -> None:
    if not value:
        raise ValueError(f"{attribute.name}: name at least one time slot, e.g. 14:00-16:00")


def _validate_series_end(instance: Series, attribute: attrs.Attribute[date | None], value: date | None) -> None:
    if value is not None and instance.start is not None and value < instance.start:
        raise ValueError(f"{attribute.name}: {value.isoformat()} lies before start {instance.start.isoformat()}")


def _validate_max_gap(instance: Series, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None and value < instance.min_gap_days:
        raise ValueError(f"{attribute.name}: {value} is less than min_gap_days {instance.min_gap_days}")


def _validate_timezone(_instance: Any, attribute: attrs.Attribute[str], value: str) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{attribute.name}: expected a zone name such as 'Europe/Berlin', got {value!r}") from None


def _strictness_map(value: Mapping[str, Strictness | str]) -> dict[str, Strictness]:
    try:
        return {code: Strictness(level) for code, level in value.items()}
    except ValueError as exc:
        raise ValueError(f"strictness: expected 'hard', 'soft' or 'off' ({exc})") from None


@attrs.frozen(kw_only=True)
class Series:
    """The rules for the sessions of one body: when, where, with whom, and how to handle blocked days.

    ``times`` lists the allowed time slots, the preferred first. ``weekdays`` are the days a
    blocked session may move to (default: the rule's weekday only; a list without the rule's
    weekday excludes it); ``preferred_weekdays`` are tried before the others (default: the
    rule's weekday). ``start``/``end`` narrow the planning
    period. ``strictness`` overrides a constraint per series, e.g. ``{"school-holiday": "hard"}``.
    ``participant_ids`` must all attend, so none of them may be busy elsewhere.
    """

    id: str = attrs.field(validator=validate_id)
    title: str = attrs.field(validator=validate_not_blank)
    rule: Recurrence
    times: tuple[TimeSlot, ...] = attrs.field(validator=_validate_times)
    kind: MeetingKind = MeetingKind.WORKING_GROUP
    group_id: str | None = None
    start: date | None = attrs.field(default=None, validator=validate_planning_date)
    end: date | None = attrs.field(default=None, validator=[validate_planning_date, _validate_series_end])
    weekdays: tuple[Weekday, ...] = ()
    preferred_weekdays: tuple[Weekday, ...] = ()
    min_gap_days: int = attrs.field(default=0, validator=at_most(MAX_DAYS))
    max_gap_days: int | None = attrs.field(default=None, validator=[at_most(MAX_DAYS), _validate_max_gap])
    expected_attendance: int | None = attrs.field(default=None, validator=at_most(MAX_ATTENDANCE))
    participant_ids: tuple[str, ...] = attrs.field(default=(), validator=validate_ids)
    organizer_id: str | None = None
    venues: tuple[VenueOption, ...] = ()
    venue_choice: VenueChoice = VenueChoice.IN_ORDER
    on_blocked: OnBlocked = OnBlocked.MOVE
    move_window_days: int = attrs.field(default=7, validator=at_most(MAX_DAYS))
    strictness: Mapping[str, Strictness] = attrs.field(factory=dict, converter=_strictness_map)
    timezone: str = attrs.field(default="Europe/Berlin", validator=_validate_timezone)
    description: str | None = None

    @property
    def allowed_weekdays(self) -> tuple[Weekday, ...]:
        """The days a blocked session may move to: ``weekdays`` as written, else the rule's weekday.

        A list that leaves out the rule's own weekday means it: a blocked Tuesday with
        ``weekdays = ["wednesday", "thursday"]`` never moves to the next Tuesday.
        """
        return self.weekdays or (self.rule.weekday_of_rule(),)

    @property
    def preferred(self) -> tuple[Weekday, ...]:
        """The weekdays tried first when a session must move."""
        return self.preferred_weekdays or (self.rule.weekday_of_rule(),)

    def occurrences(self, start: date, end: date) -> list[Occurrence]:
        """The sessions the rule asks for in the planning period, narrowed by the series' own dates."""
        first = max(start, self.start) if self.start else start
        last = min(end, self.end) if self.end else end
        if first > last:
            return []
        return self.rule.occurrences(first, last)

    def meeting_id(self, occurrence: Occurrence) -> str:
        """The stable id of the meeting for ``occurrence`` (so its calendar UID survives re-planning)."""
        return f"{self.id}-{occurrence.key}"
