"""The dates of one recurrence rule (``RRULE``), with bounds that hold for any rule a file can hold.

dateutil computes the dates, but it scans period after period until the year 9999 when a rule
never matches (``FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30``: half a minute), and forever when
``BYSETPOS`` never selects within a second (``FREQ=SECONDLY;BYSETPOS=2``). Calendars come from
outside, so every rule is bounded here before it runs:

* rules finer than daily (``HOURLY``, ``MINUTELY``, ``SECONDLY``) are expanded only without
  ``BY…`` parts (no meeting repeats that way; with them dateutil's scan has no useful bound);
* a rule whose day filters match no day of the 400-year Gregorian cycle, or whose ``BYSETPOS``
  can never select, has no dates (found in a few hundred steps, not by scanning);
* the rule runs on a calendar moved by a multiple of 400 years (the Gregorian calendar repeats
  exactly: weekdays, leap years, week numbers) so that its last wanted date lies within 400
  years of 9999, where dateutil stops by itself; and no file may hold more than
  :data:`MAX_FRUITLESS_RULES` rules that scan to that end without a date.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from typing import Any

import attrs

#: Rules of one file that may scan to the end of the calendar without giving a date (each one
#: costs up to a tenth of a second): more is a file made to slow the importer down.
MAX_FRUITLESS_RULES = 10

_CYCLE_YEARS = 400  # the Gregorian calendar repeats exactly after 400 years (146,097 days)
_FREQUENCIES = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY")
_SUB_DAILY = frozenset({"HOURLY", "MINUTELY", "SECONDLY"})
_BY_PARTS = ("BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS")
_DAY_FILTERS = ("BYMONTH", "BYWEEKNO", "BYYEARDAY", "BYMONTHDAY")
_KNOWN = frozenset({"FREQ", "INTERVAL", "COUNT", "UNTIL", "WKST", *_BY_PARTS})
_DAYS_PER_PERIOD = {"YEARLY": 366, "MONTHLY": 31, "WEEKLY": 7, "DAILY": 1}
_STEPS = {"WEEKLY": timedelta(weeks=1), "DAILY": timedelta(days=1), "HOURLY": timedelta(hours=1),
          "MINUTELY": timedelta(minutes=1), "SECONDLY": timedelta(seconds=1)}  # fmt: skip
_WEEKDAYS = frozenset({"MO", "TU", "WE", "TH", "FR", "SA", "SU"})

#: The values each numeric part may take (RFC 5545 §3.3.10); ``True``: negative ones too
#: (``BYMONTHDAY=-1``: the last day of the month). Zero is never one of them.
_RANGES: dict[str, tuple[int, int, bool]] = {
    "INTERVAL": (1, 10**9, False),  # 0 gives the same date for ever, below 0 runs backwards
    "BYSECOND": (0, 60, False),
    "BYMINUTE": (0, 59, False),
    "BYHOUR": (0, 23, False),
    "BYMONTHDAY": (1, 31, True),
    "BYYEARDAY": (1, 366, True),
    "BYWEEKNO": (1, 53, True),
    "BYMONTH": (1, 12, False),
    "BYSETPOS": (1, 366, True),
}


class TooCostly(Exception):
    """More rules than :data:`MAX_FRUITLESS_RULES` scanned to the end of the calendar without a date."""


class Unsupported(Exception):
    """A valid rule this importer does not expand; the message says why."""


@attrs.define
class Budget:
    """What one import may still spend on fruitless scans."""

    fruitless: int = 0

    def spend(self) -> None:
        self.fruitless += 1
        if self.fruitless > MAX_FRUITLESS_RULES:
            raise TooCostly(f"more than {MAX_FRUITLESS_RULES} recurrence rules never give a date")


@attrs.frozen
class Rule:
    """One ``RRULE`` of an entry: what dateutil runs, and where the rule ends.

    ``until`` is the last wanted wall-clock moment in the entry's zone (inclusive), None for a
    rule without ``UNTIL``; ``count`` is ``COUNT``. A rule with ``empty`` set has no dates.
    """

    line: int
    text: str  #: the rule as dateutil reads it, without UNTIL and COUNT
    count: int | None
    until: datetime | None
    empty: bool = False
    #: How far apart its periods are when each gives exactly one date (no ``BY…`` parts, a
    #: frequency of weeks or finer): the rule can then start late without changing its dates.
    step: timedelta | None = None

    @property
    def unbounded(self) -> bool:
        """Neither UNTIL nor COUNT: the rule goes on for ever."""
        return self.until is None and self.count is None


def read_rule(
    parts: dict[str, list[Any]], start: datetime, line: int, until: datetime | None, *, all_day: bool = False
) -> Rule:
    """Check a rule (icalendar's parts of it) for an entry starting at ``start`` (naive wall time).

    Raises ``ValueError`` for a rule that is not valid and :class:`Unsupported` for a valid one
    this importer does not expand; ``until`` is the rule's ``UNTIL`` already read as wall time.
    An all-day entry (``all_day``) repeats by days: no times in its rule (RFC 5545 §3.3.10).
    """
    from dateutil.rrule import rrulestr

    unknown = sorted(key for key in parts if key not in _KNOWN | {"RSCALE", "SKIP"} and not key.startswith("X-"))
    if unknown:
        raise ValueError(f"unknown part {_token(unknown[0])}")
    scale = str(parts.get("RSCALE", ["GREGORIAN"])[0]).upper()
    if scale != "GREGORIAN":
        raise Unsupported(f"uses the {_token(scale)} calendar (RSCALE), which this importer does not expand")
    skip = str(parts.get("SKIP", ["OMIT"])[0]).upper()
    if skip != "OMIT":
        raise Unsupported(
            f"moves dates that do not exist (SKIP={_token(skip)}, RFC 7529), which this importer does not do"
        )
    frequencies = parts.get("FREQ") or []
    frequency = str(frequencies[0]).upper() if frequencies else ""
    if frequency not in _FREQUENCIES:
        raise ValueError(f"FREQ must be one of {', '.join(_FREQUENCIES)}")
    _check_ranges(parts, frequency)
    used_by = [key for key in _BY_PARTS if parts.get(key)]
    if all_day:
        timed = [key for key in ("BYHOUR", "BYMINUTE", "BYSECOND") if parts.get(key)]
        if frequency in _SUB_DAILY or timed:
            what = timed[0] if timed else f"FREQ={frequency}"
            raise ValueError(f"{what} for an entry of whole days (DTSTART is a date)")
    if frequency in _SUB_DAILY and used_by:
        raise Unsupported(
            f"repeats {frequency} with {used_by[0]}: rules finer than daily are expanded only without BY… parts"
        )
    counts = parts.get("COUNT") or []
    count = counts[0] if counts else None
    if count is not None and not isinstance(count, int):
        raise ValueError("COUNT must be a whole number")
    if count is not None and count < 1:
        count = None  # COUNT=-1 (some exporters' "for ever", as recurring-ical-events reads it): no count
    text = _text({key: value for key, value in parts.items() if key in _KNOWN and key not in ("UNTIL", "COUNT")})
    try:
        # raises ValueError on a rule dateutil cannot run
        rrulestr(text + (f";COUNT={count}" if count is not None else ""), dtstart=start)
    except (ValueError, TypeError, OverflowError) as exc:  # dateutil's words may quote the file: not shown
        raise ValueError(f"dateutil cannot run the rule ({type(exc).__name__})") from None
    empty = _never_selects(parts, frequency) or _matches_no_day(parts, frequency)
    step = None
    if frequency in _STEPS and not used_by:
        step = _STEPS[frequency] * _whole((parts.get("INTERVAL") or [1])[0])  # type: ignore[operator]
    return Rule(line=line, text=text, count=count, until=until, empty=empty, step=step)


def _check_ranges(parts: dict[str, list[Any]], frequency: str) -> None:
    """Every numeric part and weekday within RFC 5545's bounds, before dateutil sees the rule.

    dateutil runs ``INTERVAL=0`` for ever (the same date again and again) and fails deep inside
    on ``INTERVAL=-1``; out-of-range ``BY…`` values make it scan without end or raise from
    ``datetime``. Messages name the part and what it may be, never the value (a member's
    calendar is private, and a rule's text is part of it).
    """
    for key, (low, high, signed) in _RANGES.items():
        for value in parts.get(key) or []:
            number = _whole(value)
            if key == "BYMONTH" and getattr(value, "leap", False):
                raise ValueError("BYMONTH: leap months (5L) exist only in other calendars than the Gregorian")
            size = abs(number) if signed and number is not None else number
            if number is None or size is None or not low <= size <= high:
                span = f"from ±{low} to ±{high}" if signed else f"from {low} to {high}"
                raise ValueError(f"{key} must be a whole number {'of 1 or more' if key == 'INTERVAL' else span}")
    for value in parts.get("BYDAY") or []:
        text = str(value).strip().upper()
        weekday, ordinal = text[-2:], text[:-2]
        if weekday not in _WEEKDAYS:
            raise ValueError("BYDAY must name weekdays (MO, TU, WE, TH, FR, SA, SU)")
        if ordinal:
            number = _whole(ordinal)
            if number is None or not 1 <= abs(number) <= 53:
                raise ValueError("BYDAY: the number before a weekday must be from ±1 to ±53 (-1FR: the last Friday)")
            if abs(number) > 5 and (frequency == "MONTHLY" or parts.get("BYMONTH")):
                raise ValueError("BYDAY: a weekday comes at most five times in a month (-1FR: the last Friday)")
    for value in parts.get("WKST") or []:
        if str(value).strip().upper() not in _WEEKDAYS:
            raise ValueError("WKST must name a weekday (MO, TU, WE, TH, FR, SA, SU)")


def _token(text: str) -> str:
    """A name from the file as messages show it: a short name as it is, anything else not at all."""
    return text if re.fullmatch(r"[A-Za-z0-9-]{1,20}", text) else "(a name that is none)"


def _whole(value: object) -> int | None:
    """A part's value as a whole number (icalendar gives ints, a ``+2`` may stay text), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return int(value)
    text = str(value).strip()
    digits = text[1:] if text[:1] in "+-" else text
    if not digits.isdigit() or len(digits) > 12:
        return None
    return int(text)


def dates(
    rule: Rule,
    start: datetime,
    limit: datetime,
    budget: Budget,
    cut: Callable[[], None] = lambda: None,
    *,
    begin: datetime | None = None,
) -> Iterator[datetime]:
    """The rule's wall-clock dates for an entry starting at ``start``, ascending, none after ``limit``.

    ``limit`` is where the importer stops the rule (a horizon); ``cut`` is called when the rule
    would go on beyond it (its UNTIL or COUNT is further, or it has none). ``begin``: dates
    before it are not wanted; a rule whose periods give one date each starts at the last period
    before it (a daily appointment since 2010 reaches 2027 without 6,000 dates on the way).
    """
    from dateutil.rrule import rrulestr

    if rule.empty:
        return
    count = rule.count
    if begin is not None and rule.step is not None and begin > start:
        periods = (begin - start) // rule.step
        if count is not None:
            if periods >= count:
                return  # every date lies before ``begin``
            count -= periods
        start += periods * rule.step
    own_end = rule.until
    if own_end is not None and own_end <= limit:
        limit, cut = own_end, _nothing
    if limit < start:  # UNTIL before DTSTART: the rule gives no date (and moving it would leave year 9999)
        return
    shift = max(0, (9999 - 1 - limit.year) // _CYCLE_YEARS) * _CYCLE_YEARS
    moved = rrulestr(rule.text + (f";COUNT={count}" if count is not None else ""), dtstart=_years_later(start, shift))
    given = 0
    for moment in moved:
        original = _years_later(moment, -shift)
        if original > limit:
            if count is None or given < count:
                cut()
            return
        given += 1
        yield original
    if count is None or given < count:
        budget.spend()  # dateutil scanned to the year 9999 without reaching the limit


def _nothing() -> None:
    """No one to tell."""


def _years_later(moment: datetime, years: int) -> datetime:
    """The same wall-clock moment ``years`` (a multiple of 400) later: 29 February exists in both."""
    return moment.replace(year=moment.year + years)


def _text(parts: dict[str, list[Any]]) -> str:
    """A rule's text (``FREQ=WEEKLY;BYDAY=TU``) from its parts as icalendar holds them."""
    import icalendar

    payload: bytes = icalendar.vRecur(parts).to_ical()  # type: ignore[no-untyped-call]
    return payload.decode()


def _never_selects(parts: dict[str, list[Any]], frequency: str) -> bool:
    """``BYSETPOS`` asks only for positions no period has (dateutil would look for ever)."""
    positions = [value for value in parts.get("BYSETPOS") or [] if isinstance(value, int)]
    if not positions or frequency not in _DAYS_PER_PERIOD:
        return False
    times = 1
    for key in ("BYHOUR", "BYMINUTE", "BYSECOND"):
        times *= max(1, len(parts.get(key) or []))
    largest = _DAYS_PER_PERIOD[frequency] * times
    return all(abs(position) > largest or position == 0 for position in positions)


def _matches_no_day(parts: dict[str, list[Any]], frequency: str) -> bool:
    """The day filters of a daily or weekly rule match no day of a whole Gregorian cycle.

    A yearly rule with the same filters visits every day of a year at once, so 400 steps decide
    what a daily rule would scan 146,097 steps for. (Monthly and yearly rules scan cheaply.)
    """
    from dateutil.rrule import rrulestr

    if frequency not in ("DAILY", "WEEKLY") or not any(parts.get(key) for key in _DAY_FILTERS):
        return False
    probe = {key: parts[key] for key in (*_DAY_FILTERS, "WKST") if parts.get(key)}
    if parts.get("BYDAY"):
        probe["BYDAY"] = [str(day).lstrip("+-0123456789") for day in parts["BYDAY"]]  # weekdays, no ordinals
    probe["FREQ"] = ["YEARLY"]
    yearly = rrulestr(_text(probe), dtstart=datetime.combine(date(9999 - _CYCLE_YEARS, 1, 1), time(0)))
    return next(iter(yearly), None) is None


__all__ = ["MAX_FRUITLESS_RULES", "Budget", "Rule", "TooCostly", "Unsupported", "dates", "read_rule"]
