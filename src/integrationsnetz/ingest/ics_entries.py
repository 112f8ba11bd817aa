"""One ``VEVENT`` read into an :class:`Entry`: its times resolved, its rules checked, its problems with lines.

Reading is where a file's values are judged, so every problem names its line and property:
two ``DTSTART``, ``DTEND`` and ``DURATION`` together, ``DTEND`` a date-time while ``DTSTART``
is a date, a zone that exists nowhere, a rule dateutil cannot run. Valid entries this importer
does not take (no start, ending before they start, outside the years it reads) get a reason
instead.

Times: a zone name (or a ``VTIMEZONE`` of the file) gives the zone; a UTC time is that instant;
a floating time is read in the calendar's ``X-WR-TIMEZONE``, else in Europe/Berlin. With
``X-WR-TIMEZONE`` (Google), UTC times are moved to that zone, the instant unchanged, so a series
written in UTC repeats at the wall-clock time Google meant; nothing else depends on it.
"""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from integrationsnetz.ingest.ics_lines import Block, Problem, shown_name
from integrationsnetz.ingest.ics_rules import Rule, Unsupported, read_rule

BERLIN = ZoneInfo("Europe/Berlin")

#: The years an entry is read in: a series can run and zones can convert without leaving Python's
#: calendar (years 1 to 9999); dates outside are a broken export (``00001231``), not a meeting.
#: (Of what is read, the model holds the years 1900 to 2999; the series drop the other dates.)
FIRST_YEAR, LAST_YEAR = 1000, 8999

#: The properties the importer reads; a broken value elsewhere (``CREATED``) does not touch a meeting.
USED_PROPERTIES = frozenset(
    {"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID", "UID", "SUMMARY",
     "DESCRIPTION", "LOCATION", "STATUS", "URL", "SEQUENCE", "X-INTEGRATIONSNETZ-ID"}
)  # fmt: skip

Moment = date | datetime  #: a day (all-day entries) or an aware date-time


@attrs.frozen
class Entry:
    """A ``VEVENT`` as the importer uses it. Date-times are aware; all-day entries hold dates."""

    component: Any  #: icalendar's component, for the texts
    block: Block
    uid: str | None
    start: Moment
    end: Moment  #: DTEND, or DTSTART + DURATION, or DTSTART (timed) / the next day (all-day)
    rules: tuple[Rule, ...] = ()
    rdates: tuple[tuple[Moment, timedelta | None], ...] = ()  #: with a PERIOD's own length
    exdates: tuple[Moment, ...] = ()
    recurrence_id: Moment | None = None
    this_and_future: bool = False
    sequence: int = 0
    #: What each date of its series lasts: DTEND − DTSTART exactly (RFC 5545 §3.8.5.3), or DURATION,
    #: whose days are calendar days (``nominal``: ``P1D`` is 23 hours on the spring switch).
    length: timedelta = timedelta(0)
    nominal: bool = False

    @property
    def all_day(self) -> bool:
        """Whole days: ``DTSTART;VALUE=DATE``."""
        return not isinstance(self.start, datetime)

    def end_of(self, start: Moment) -> Moment:
        """When a date of its series that starts at ``start`` ends."""
        return later(start, self.length, exact=not self.nominal)

    @property
    def recurs(self) -> bool:
        """A series of its own: a rule or extra dates."""
        return bool(self.rules or self.rdates)


@attrs.define
class Reading:
    """What reading one ``VEVENT`` gave: an entry, or why there is none, and what is wrong."""

    entry: Entry | None = None
    problems: list[Problem] = attrs.Factory(list)  #: values it needs that are broken: it cannot be read
    unused: list[Problem] = attrs.Factory(list)  #: broken values it does not need
    skip: str | None = None  #: a valid entry not taken, and why
    skip_line: int | None = None


class _Broken(Exception):
    """A value that makes the entry unreadable."""

    def __init__(self, line: int, text: str) -> None:
        super().__init__(text)
        self.problem = Problem(line, text)


@attrs.frozen
class Zones:
    """How the calendar's times are read: floating ones in ``floating``; UTC ones moved to ``utc_to``."""

    floating: tzinfo = BERLIN
    utc_to: tzinfo | None = None


def read_entry(component: Any, block: Block, zones: Zones, *, quote: bool = True) -> Reading:
    """Read one ``VEVENT``; every problem it has is in the result, none is raised.

    With ``quote`` False no message holds a value of the file (icalendar's words may quote it).
    """
    reading = Reading()
    for name, message in getattr(component, "errors", []):
        prop = (name or "").upper()
        where = block.line_of(prop) if prop else block.line
        shown = shown_name(name, quote=quote) if name else "a line"
        said = str(message)[:200] if quote else "the value cannot be read"
        problem = Problem(where, f"{shown} of the event that starts on line {block.line}: {said}")
        (reading.problems if not prop or prop in USED_PROPERTIES else reading.unused).append(problem)
    if reading.problems:
        return reading
    try:
        _read(component, block, zones, reading, quote=quote)
    except _Broken as broken:
        reading.problems.append(broken.problem)
    return reading


def _read(component: Any, block: Block, zones: Zones, reading: Reading, *, quote: bool) -> None:
    where = f"of the event that starts on line {block.line}"
    for name in ("DTSTART", "DTEND", "DURATION", "RECURRENCE-ID", "UID", "SEQUENCE"):
        lines = block.lines_of(name)
        if len(lines) > 1:
            raise _Broken(lines[1], f"{name} {where} appears twice (also on line {lines[0]})")
    start_prop = component.get("DTSTART")
    if start_prop is None:
        reading.skip, reading.skip_line = "has no start (DTSTART)", block.line
        return
    read = _Reader(block, zones, where, quote=quote)
    start = read.moment(start_prop, "DTSTART")
    if _outside(start, reading, block):
        return
    end_prop, duration_prop = component.get("DTEND"), component.get("DURATION")
    length: Any = None
    end: Moment | None
    if end_prop is not None and duration_prop is not None:
        raise _Broken(
            block.line_of("DURATION"),
            f"DTEND (line {block.line_of('DTEND')}) and DURATION {where}: RFC 5545 allows one of them",
        )
    if end_prop is not None:
        end = read.moment(end_prop, "DTEND")
        if isinstance(end, datetime) != isinstance(start, datetime):
            kinds = ("a date-time", "a date") if isinstance(end, datetime) else ("a date", "a date-time")
            raise _Broken(
                block.line_of("DTEND"),
                f"DTEND {where} is {kinds[0]} but DTSTART (line "
                f"{block.line_of('DTSTART')}) is {kinds[1]}; RFC 5545 wants both of one type",
            )
    elif duration_prop is not None:
        length = getattr(duration_prop, "dt", None)
        if not isinstance(length, timedelta):
            raise _Broken(block.line_of("DURATION"), f"DURATION {where}: expected a duration such as PT1H")
        if not isinstance(start, datetime) and length % timedelta(days=1):
            raise _Broken(
                block.line_of("DURATION"),
                f"DURATION {where} has hours or minutes, but DTSTART is a date; RFC 5545 wants whole days or weeks",
            )
        end = _later(start, length, exact=False)
    else:
        end = start if isinstance(start, datetime) else _later(start, timedelta(days=1), exact=False)
    if _outside(end, reading, block) or end is None:
        return
    if _before(end, start):
        shown = f"DURATION:{duration_prop.to_ical().decode()}" if duration_prop is not None else "DTEND before DTSTART"
        reading.skip = f"ends before it starts ({shown})"
        reading.skip_line = block.line_of("DURATION" if duration_prop is not None else "DTEND")
        return
    recurrence_prop = component.get("RECURRENCE-ID")
    recurrence_id = read.moment(recurrence_prop, "RECURRENCE-ID") if recurrence_prop is not None else None
    scope = str(recurrence_prop.params.get("RANGE", "")).upper() if recurrence_prop is not None else ""
    # RDATEs and EXDATEs beyond the years read here name no date this import could hold: dropped.
    rdates = tuple(item for item in read.periods(component.get("RDATE"), "RDATE") if _readable(item[0]))
    exdates = tuple(moment for moment, _ in read.periods(component.get("EXDATE"), "EXDATE") if _readable(moment))
    if recurrence_id is not None and _outside(recurrence_id, reading, block):
        return
    try:
        rules = tuple(read.rules(component.get("RRULE"), start))
    except Unsupported as unsupported:
        reading.skip, reading.skip_line = str(unsupported), block.line_of("RRULE")
        return
    uid_prop = component.get("UID")
    uid = str(uid_prop).strip() if uid_prop is not None else ""
    sequence = component.get("SEQUENCE", 0)
    reading.entry = Entry(
        component=component,
        block=block,
        uid=uid or None,
        start=start,
        end=end,
        rules=rules,
        rdates=rdates,
        exdates=exdates,
        recurrence_id=recurrence_id,
        this_and_future=scope == "THISANDFUTURE",
        sequence=sequence if isinstance(sequence, int) else 0,
        length=length if isinstance(length, timedelta) else _exact_length(start, end),
        nominal=duration_prop is not None,
    )


def _exact_length(start: Moment, end: Moment) -> timedelta:
    if isinstance(start, datetime) or isinstance(end, datetime):
        return instant(end) - instant(start)
    return end - start


def _readable(moment: Moment) -> bool:
    return FIRST_YEAR <= moment.year <= LAST_YEAR


def _outside(moment: Moment | None, reading: Reading, block: Block) -> bool:
    """A moment outside the years read here (None: beyond Python's calendar); the entry is skipped."""
    if moment is not None and FIRST_YEAR <= moment.year <= LAST_YEAR:
        return False
    year = "after the year 9999" if moment is None else f"in the year {moment.year}"
    reading.skip = f"lies {year}, outside the years {FIRST_YEAR}–{LAST_YEAR} read here"
    reading.skip_line = block.line
    return True


def _later(moment: Moment, length: timedelta, *, exact: bool) -> Moment | None:
    """:func:`later`, or None past the year 9999."""
    try:
        return later(moment, length, exact=exact)
    except OverflowError:
        return None


def later(moment: Moment, length: timedelta, *, exact: bool) -> Moment:
    """``length`` after ``moment`` in its zone.

    Exact: that much real time (02:30 in the repeated October hour plus 20 minutes is 02:50 of the
    same hour). Not exact (a ``DURATION``): its days are calendar days, the same wall-clock time a
    day later, and only the rest is real time (RFC 5545 §3.3.6).
    """
    if not isinstance(moment, datetime):
        return moment + timedelta(days=length.days)
    # A zone of the file's own VTIMEZONE may not convert back reliably: such ends stay in UTC.
    zone = moment.tzinfo if isinstance(moment.tzinfo, ZoneInfo) else UTC
    if exact:
        return (moment.astimezone(UTC) + length).astimezone(zone)
    days = timedelta(days=length.days)
    moved = (moment + days).replace(fold=0) if days else moment
    rest = length - days
    return (moved.astimezone(UTC) + rest).astimezone(zone) if rest else moved


def _before(end: Moment, start: Moment) -> bool:
    return instant(end) < instant(start)


def instant(moment: Moment) -> datetime:
    """Where a moment lies on the time line (a day: its midnight in Berlin), for ordering and matching."""
    if isinstance(moment, datetime):
        return moment.astimezone(UTC)
    return datetime.combine(moment, time(0), tzinfo=BERLIN).astimezone(UTC)


def wall(moment: Moment) -> datetime:
    """The naive wall-clock time of a moment in its own zone (a day: its midnight)."""
    if isinstance(moment, datetime):
        return moment.replace(tzinfo=None)
    return datetime.combine(moment, time(0))


@attrs.frozen
class _Reader:
    """Reads the date values of one entry, naming the line of each problem."""

    block: Block
    zones: Zones
    where: str
    quote: bool = True  #: messages may show the value

    def moment(self, prop: Any, name: str, value: Any = None) -> Moment:
        """A DATE or DATE-TIME property (or one value of a list) as a day or an aware date-time."""
        value = getattr(prop, "dt", None) if value is None else value
        line = self.block.line_of(name)
        if isinstance(value, datetime):
            moment: datetime = value
            if moment.tzinfo is not None and not isinstance(moment.tzinfo, ZoneInfo) and moment.tzinfo is not UTC:
                # A zone the database knows, first: a file's VTIMEZONE (Outlook's, from 1601 on) takes
                # dateutil thousands of steps per offset; the database converts at once.
                known = known_zone(str(getattr(prop, "params", {}).get("TZID", "")))
                if known is not None:
                    moment = moment.replace(tzinfo=known)
            if moment.tzinfo is None or moment.utcoffset() is None:
                zone_name = getattr(prop, "params", {}).get("TZID")
                if zone_name:
                    shown = f" {str(zone_name)[:60]!r}" if self.quote else ""
                    raise _Broken(
                        line,
                        f"{name} {self.where}: unknown time zone{shown} "
                        "(neither a zone name nor a VTIMEZONE of the file)",
                    )
                moment = moment.replace(tzinfo=self.zones.floating)
            elif self.zones.utc_to is not None and moment.utcoffset() == timedelta(0) and _is_utc(moment.tzinfo):
                moment = moment.astimezone(self.zones.utc_to)
            elif not isinstance(moment.tzinfo, ZoneInfo):
                known = known_zone(str(getattr(prop, "params", {}).get("TZID", "")))
                if known is not None:
                    moment = moment.replace(tzinfo=known)
            return moment
        if isinstance(value, date):
            day: date = value
            return day
        got = f", got {str(value)[:60]!r}" if self.quote else ""
        raise _Broken(line, f"{name} {self.where}: expected a date or a date-time{got}")

    def periods(self, props: Any, name: str) -> list[tuple[Moment, timedelta | None]]:
        """The values of every RDATE (or EXDATE) line: a day, a date-time, or a PERIOD with its length."""
        found: list[tuple[Moment, timedelta | None]] = []
        for prop in props if isinstance(props, list) else [props] if props is not None else []:
            for item in getattr(prop, "dts", []):
                value = item.dt
                if isinstance(value, tuple):  # a PERIOD: start and end, or start and duration
                    first = self.moment(prop, name, value[0])
                    second = value[1]
                    if not isinstance(second, timedelta):
                        second = _exact_length(first, self.moment(prop, name, second))
                    found.append((first, second))
                else:
                    found.append((self.moment(prop, name, value), None))
        return found

    def rules(self, props: Any, start: Moment) -> list[Rule]:
        """Every RRULE of the entry (RFC 2445 allowed several; their dates are joined)."""
        found = []
        lines = self.block.lines_of("RRULE")
        for index, prop in enumerate(props if isinstance(props, list) else [props] if props is not None else []):
            line = lines[index] if index < len(lines) else self.block.line
            if not prop:
                continue  # "RRULE:" with nothing after it (calendarlabs.com writes it): no rule
            until_values = prop.get("UNTIL") or []
            try:
                until = self._until(until_values[0], start) if until_values else None
                found.append(read_rule(dict(prop), wall(start), line, until, all_day=not isinstance(start, datetime)))
            except (ValueError, TypeError, OverflowError) as exc:
                raise _Broken(line, f"RRULE {self.where}: {exc}") from None
        return found

    def _until(self, value: Any, start: Moment) -> datetime:
        """UNTIL as the last wall-clock moment in the entry's zone that the rule may give (inclusive).

        A day as UNTIL of a timed entry means that whole day (Outlook writes it so); a UTC or
        floating UNTIL is read as the instant or wall time it names.
        """
        if not isinstance(value, datetime):
            day = value if isinstance(value, date) else None
            if day is None:
                raise ValueError("UNTIL must be a date or a date-time")
            return datetime.combine(day, time.max if isinstance(start, datetime) else time(0))
        if not isinstance(start, datetime):
            return datetime.combine(value.date(), time(0))
        if value.tzinfo is None or value.utcoffset() is None:
            return value
        zone = start.tzinfo
        return value.astimezone(zone).replace(tzinfo=None)


def read_moment(
    prop: Any, name: str, block: Block, zones: Zones, value: Any = None, *, quote: bool = True
) -> Moment | Problem:
    """One date value of a component other than a ``VEVENT`` (a ``FREEBUSY`` period's start or end),
    read as an entry's would be; a broken one is a :class:`Problem` with its line."""
    reader = _Reader(block, zones, f"of the {block.name} that starts on line {block.line}", quote=quote)
    try:
        return reader.moment(prop, name, value)
    except _Broken as broken:
        return broken.problem


@functools.lru_cache(maxsize=256)
def known_zone(name: str) -> ZoneInfo | None:
    """The zone database's zone for a TZID: an IANA name, a Windows name (``W. Europe Standard
    Time``), or a vendor's ``/mozilla.org/…/Europe/Berlin``.

    Such a zone is read from the database even when the file has a VTIMEZONE for it: Outlook's
    VTIMEZONE holds only today's rule (from 1601 on), the database every year's, and it converts
    a hundred times faster. A name no database knows is read from the file's VTIMEZONE.
    """
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    cleaned = name.strip().strip("/")
    parts = cleaned.split("/")
    for candidate in [cleaned, WINDOWS_TO_OLSON.get(cleaned, ""), *("/".join(parts[n:]) for n in range(1, len(parts)))]:
        if candidate and len(candidate) < 100 and all(ch.isalnum() or ch in "/_-+" for ch in candidate):
            try:
                return ZoneInfo(candidate)
            except (ValueError, KeyError, OSError):  # not a name of the database
                continue
    return None


def _is_utc(zone: tzinfo | None) -> bool:
    """A zone that is UTC by name, not just by today's offset (Iceland is +00:00 but no UTC)."""
    if zone is UTC:
        return True
    key = getattr(zone, "key", None)
    return key in ("UTC", "Etc/UTC") or (key is None and str(zone) in ("UTC", "UTC+00:00"))
