"""What constraints can ask while the planner works: holidays, bookings, absences, venues, wording.

The planner builds one :class:`PlanContext` per run and books every meeting into it as it goes,
so a constraint sees the meetings already in the store and those planned before the candidate.
Lookups are indexed by day, so one check costs the same however long the year is.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import attrs

from integrationsnetz.contract.bounds import validate_planning_date
from integrationsnetz.contract.holidays import HolidayCalendar, HolidayKind, HolidayOverrides, Language
from integrationsnetz.model.entity import instant, is_valid_id, refuse
from integrationsnetz.model.field_types import typed_fields
from integrationsnetz.model.meetings import Meeting, MeetingStatus
from integrationsnetz.model.networks import State
from integrationsnetz.model.venues import Venue

_WEEKDAY_DE = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
_WEEKDAY_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _validate_absence_end(instance: Absence, attribute: attrs.Attribute[date], value: date) -> None:
    if value < instance.start:
        raise ValueError(f"{attribute.name}: {value.isoformat()} lies before start {instance.start.isoformat()}")


@attrs.frozen(kw_only=True)
class Absence:
    """Days a person cannot attend anything (leave, training): ``start`` to ``end`` inclusive.

    ``reason`` stays inside the plan's report; leave it empty when it is nobody's business.
    """

    person_id: str
    start: date = attrs.field(validator=validate_planning_date)
    end: date = attrs.field(validator=[validate_planning_date, _validate_absence_end])
    reason: str | None = None


def _validate_person(instance: Busy, attribute: attrs.Attribute[str], value: str) -> None:
    if not is_valid_id(value):
        raise refuse(instance, attribute.name, f"expected the id of a person, got {value!r}")


def _validate_busy_start(instance: Busy, attribute: attrs.Attribute[datetime], value: datetime) -> None:
    validate_planning_date(instance, attribute, value.date())


def _validate_busy_end(instance: Busy, attribute: attrs.Attribute[datetime], value: datetime) -> None:
    validate_planning_date(instance, attribute, value.date())
    if instant(value) <= instant(instance.start):
        reason = f"{value.isoformat()} is not after start {instance.start.isoformat()}"
        raise refuse(instance, attribute.name, reason)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Busy:
    """Hours a person cannot attend anything: ``start`` (inclusive) to ``end`` (exclusive), aware.

    Read from a member's calendar (:func:`integrationsnetz.read_busy`). It has no reason, title or
    place on purpose: the plan's report says "belegt" / "busy" and nothing about why. Times compare
    as instants, so the repeated hour of the autumn switch is told apart.
    """

    person_id: str = attrs.field(validator=_validate_person)
    start: datetime = attrs.field(validator=_validate_busy_start)
    end: datetime = attrs.field(validator=_validate_busy_end)


def format_day(day: date, language: Language) -> str:
    """A day as a coordinator reads it: ``Fr 03.10.2025`` or ``Fri 3 Oct 2025``."""
    if language == "en":
        return f"{_WEEKDAY_EN[day.weekday()]} {day.day} {_MONTH_EN[day.month - 1]} {day.year}"
    return f"{_WEEKDAY_DE[day.weekday()]} {day:%d.%m.%Y}"


def format_time(moment: datetime) -> str:
    """A local time as ``14:00``."""
    return f"{moment:%H:%M}"


class PlanContext:
    """The planner's view of the world for one run; constraints only read it.

    Args:
        state: whose holidays count.
        language: the report's language.
        calendars: the holiday calendars to consult.
        overrides: the district's corrections, applied on top of every calendar of their kind.
        venues: venues by id (rooms and capacities).
        absences: people's blocked days (:class:`Absence`) and hours (:class:`Busy`).
        labels: how to name people, groups and venues in the report (id -> text).
        zone: the local time zone that decides which day a meeting falls on (Europe/Berlin).
    """

    def __init__(
        self,
        *,
        state: State,
        language: Language = "de",
        calendars: Iterable[HolidayCalendar] = (),
        overrides: HolidayOverrides | None = None,
        venues: Iterable[Venue] = (),
        absences: Iterable[Absence | Busy] = (),
        labels: Mapping[str, str] | None = None,
        zone: tzinfo | None = None,
    ) -> None:
        self.state = state
        self.zone = zone or ZoneInfo("Europe/Berlin")
        self.language: Language = language
        self._calendars = tuple(sorted(calendars, key=lambda calendar: calendar.code))
        self._overrides = overrides or HolidayOverrides()
        self._holiday_years: dict[tuple[HolidayKind, int], dict[date, str]] = {}
        self._venues = {venue.id: venue for venue in venues}
        self._labels = dict(labels or {})
        self._absences: dict[str, list[Absence]] = {}
        given = list(absences)
        days = [absence for absence in given if isinstance(absence, Absence)]
        for absence in sorted(days, key=lambda a: (a.person_id, a.start, a.end)):
            self._absences.setdefault(absence.person_id, []).append(absence)
        self._busy = _merged([busy for busy in given if isinstance(busy, Busy)])
        self._by_person_day: dict[tuple[str, date], list[Meeting]] = {}
        self._by_place_day: dict[tuple[str, date], list[Meeting]] = {}
        self._series_days: dict[str, list[tuple[date, str]]] = {}
        self._dropped: dict[str, list[date]] = {}

    # -- wording ------------------------------------------------------------------------------

    def say(self, *, de: str, en: str) -> str:
        """The text in the report's language."""
        return en if self.language == "en" else de

    def day_text(self, day: date) -> str:
        """A day in the report's language."""
        return format_day(day, self.language)

    def label(self, some_id: str) -> str:
        """How the report names a person, venue or group (its id when nothing better is known)."""
        return self._labels.get(some_id, some_id)

    # -- holidays -----------------------------------------------------------------------------

    def holiday(self, kind: HolidayKind, day: date) -> str | None:
        """The name of the holiday of ``kind`` on ``day`` in the state (after corrections), or None."""
        days = self._holiday_years.get((kind, day.year))
        if days is None:
            days = self._load_holidays(kind, day.year)
        return days.get(day)

    def unknown_holidays(self, kind: HolidayKind, first: date, last: date) -> list[tuple[date, date]]:
        """The parts of ``first`` to ``last`` for which no calendar of ``kind`` (nor a correction) has data.

        Empty when no calendar of the kind is registered: then there are no such days to know.
        """
        calendars = [calendar for calendar in self._calendars if calendar.kind is kind]
        limited = [calendar.known for calendar in calendars if calendar.known is not None]
        if not calendars or len(limited) < len(calendars):
            return []  # none of this kind, or one that knows every day
        spans = self._overrides.known_spans(kind, self.state)
        for known in limited:
            spans.extend(known(self.state))
        gaps = []
        day = first
        for start, end in sorted(spans):
            if day > last or start > last:
                break
            if start > day:
                gaps.append((day, start - timedelta(days=1)))
            if end >= last:  # a plugin's span may reach date.max: nothing after it to step to
                return gaps
            day = max(day, end + timedelta(days=1))
        if day <= last:
            gaps.append((day, last))
        return gaps

    def _load_holidays(self, kind: HolidayKind, year: int) -> dict[date, str]:
        merged: dict[date, list[str]] = {}
        for calendar in self._calendars:
            if calendar.kind is kind:
                for day, name in calendar.days(self.state, year, self.language).items():
                    names = merged.setdefault(day, [])
                    if name not in names:
                        names.append(name)
        joined = {day: " / ".join(names) for day, names in merged.items()}
        days = self._overrides.apply(kind, self.state, year, joined)
        self._holiday_years[(kind, year)] = days
        return days

    # -- people -------------------------------------------------------------------------------

    def absence(self, person_id: str, day: date) -> Absence | None:
        """The absence that keeps ``person_id`` away on ``day``, if any."""
        for absence in self._absences.get(person_id, ()):
            if absence.start <= day <= absence.end:
                return absence
        return None

    def busy_time(self, person_id: str, start: datetime, end: datetime) -> Busy | None:
        """A busy time of ``person_id`` (from their calendar) that overlaps ``[start, end)``, if any.

        Overlapping and touching busy times of one person are merged, so the answer is the whole
        stretch around the slot; it carries no reason.
        """
        spans = self._busy.get(person_id)
        if not spans:
            return None
        index = bisect.bisect_left(spans[0], instant(end)) - 1  # the last span starting before ``end``
        if index >= 0 and instant(spans[1][index].end) > instant(start):
            return spans[1][index]
        return None

    def busy(self, person_id: str, start: datetime, end: datetime, *, ignore: str | None = None) -> Meeting | None:
        """A booked meeting of ``person_id`` that overlaps ``[start, end)``, other than ``ignore``."""
        return _overlapping(self._by_person_day.get((person_id, self.local_day(start)), ()), start, end, ignore)

    # -- places -------------------------------------------------------------------------------

    def venue(self, venue_id: str) -> Venue | None:
        """The venue with that id, if the planner knows it."""
        return self._venues.get(venue_id)

    def room_taken(
        self, venue_id: str, room_id: str | None, start: datetime, end: datetime, *, ignore: str | None = None
    ) -> Meeting | None:
        """A booked meeting in the same room that overlaps ``[start, end)``.

        A meeting without a room takes the whole venue, so it clashes with every room of it.
        """
        for meeting in self._by_place_day.get((venue_id, self.local_day(start)), ()):
            if meeting.id == ignore or not _overlaps(meeting, start, end):
                continue
            if room_id is None or meeting.room_id is None or meeting.room_id == room_id:
                return meeting
        return None

    # -- series -------------------------------------------------------------------------------

    def neighbours(self, series_id: str, day: date, *, ignore: str | None = None) -> tuple[date | None, date | None]:
        """The days of the series' booked sessions on or just before ``day``, and just after it.

        ``ignore`` leaves out one meeting (the candidate itself, when it is already booked).
        """
        sessions = self._series_days.get(series_id, [])
        index = bisect.bisect_right(sessions, (day, "\U0010ffff"))
        before = next((d for d, i in reversed(sessions[:index]) if i != ignore), None)
        after = next((d for d, i in sessions[index:] if i != ignore), None)
        return before, after

    def dropped_between(self, series_id: str, first: date, last: date) -> bool:
        """Whether a session of the series was dropped with its nominal day in ``(first, last)``."""
        days = self._dropped.get(series_id, [])
        index = bisect.bisect_right(days, first)
        return index < len(days) and days[index] < last

    # -- what the planner writes --------------------------------------------------------------

    def book(self, meeting: Meeting) -> None:
        """Record a meeting as taking its people, its room and its place in its series."""
        if meeting.status is MeetingStatus.CANCELLED:
            return
        for day in self._days_of(meeting):
            for person_id in meeting.participant_ids():
                self._by_person_day.setdefault((person_id, day), []).append(meeting)
            if meeting.venue_id is not None:
                self._by_place_day.setdefault((meeting.venue_id, day), []).append(meeting)
        if meeting.series_id is not None:
            bisect.insort(
                self._series_days.setdefault(meeting.series_id, []), (self.local_day(meeting.start), meeting.id)
            )

    def local_day(self, moment: datetime) -> date:
        """The local day a moment falls on."""
        return moment.astimezone(self.zone).date()

    def _days_of(self, meeting: Meeting) -> list[date]:
        first = self.local_day(meeting.start)
        last = self.local_day(meeting.end - timedelta(microseconds=1))
        return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]

    def drop(self, series_id: str, nominal: date) -> None:
        """Record that the session of ``series_id`` due on ``nominal`` could not be placed."""
        bisect.insort(self._dropped.setdefault(series_id, []), nominal)


def _merged(found: list[Busy]) -> dict[str, tuple[list[datetime], list[Busy]]]:
    """Per person: disjoint busy spans sorted by start (their start instants, for bisecting, and the spans)."""
    by_person: dict[str, list[Busy]] = {}
    for busy in sorted(found, key=lambda b: (b.person_id, instant(b.start), instant(b.end))):
        spans = by_person.setdefault(busy.person_id, [])
        if spans and instant(busy.start) <= instant(spans[-1].end):
            if instant(busy.end) > instant(spans[-1].end):
                spans[-1] = attrs.evolve(spans[-1], end=busy.end)
            continue
        spans.append(busy)
    return {person: ([instant(b.start) for b in spans], spans) for person, spans in by_person.items()}


def _overlaps(meeting: Meeting, start: datetime, end: datetime) -> bool:
    # Instants, not wall clocks: two times of one zone compare by the clock and ignore ``fold``,
    # so in the hour the clocks go back a clash would be missed or invented.
    return instant(meeting.start) < instant(end) and instant(start) < instant(meeting.end)


def _overlapping(meetings: Iterable[Meeting], start: datetime, end: datetime, ignore: str | None) -> Meeting | None:
    for meeting in meetings:
        if meeting.id != ignore and _overlaps(meeting, start, end):
            return meeting
    return None
