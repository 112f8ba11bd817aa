"""A member's calendar as busy time: when they cannot come, and nothing about why.

:func:`read_busy` reads a calendar (a file, its bytes, or a subscription address) as one
person's busy times, which a plan treats like absences: a session that would fall into one moves,
and the report says "belegt" / "busy". It reads with the ``ics`` importer's parts (the file's
structure with every problem's line, the entries, their series with ``RRULE``, ``RDATE``,
``EXDATE`` and changed dates, within the same limits) and keeps only when:

* a ``VEVENT`` is busy unless it is ``TRANSP:TRANSPARENT`` ("show as free"), ``STATUS:CANCELLED``
  or Outlook's ``X-MICROSOFT-CDO-BUSYSTATUS:FREE`` (or ``WORKINGELSEWHERE``). ``STATUS:TENTATIVE``
  (and Outlook's tentative) is busy, as Outlook and Exchange count it for free/busy;
  ``tentative="free"`` leaves such entries out. An entry without a length (a deadline) is no
  busy time;
* a timed entry is a :class:`~integrationsnetz.schedule.Busy` (its instants: the repeated hour of
  the autumn night is told apart); an all-day entry is an
  :class:`~integrationsnetz.schedule.Absence` of its whole days, without a reason;
* a ``VFREEBUSY`` gives its ``FREEBUSY`` periods: ``FBTYPE=BUSY`` (the default),
  ``BUSY-UNAVAILABLE`` and unknown types are busy, ``BUSY-TENTATIVE`` counts as tentative,
  ``FREE`` is not busy.

Busy times that overlap or touch are merged, so not even where one appointment ends and the next
begins is kept. Titles, descriptions, places, attendees and organisers are never read into the
result; what was skipped is named by its line, not by its title.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Literal

import attrs

from integrationsnetz.contract.bounds import FIRST_YEAR, LAST_YEAR, in_planning_years
from integrationsnetz.contract.importers import ImportOptions, OnError, Skipped
from integrationsnetz.contract.plan_context import Absence, Busy
from integrationsnetz.errors import InvalidData, WrongType
from integrationsnetz.ingest.ics import read_file
from integrationsnetz.ingest.ics_entries import BERLIN, Moment, Zones, instant, read_moment
from integrationsnetz.ingest.ics_lines import Block, Problem
from integrationsnetz.ingest.ics_rules import Budget, TooCostly
from integrationsnetz.ingest.ics_series import expand, group
from integrationsnetz.ingest.subscription import MAX_BYTES, TIMEOUT, fetch, is_address, shown
from integrationsnetz.model.entity import is_valid_id

#: What to do with tentative entries: count them as busy (Outlook's way, the default) or not.
Tentative = Literal["busy", "free"]

_FREE_STATUS = frozenset({"FREE", "WORKINGELSEWHERE"})  # X-MICROSOFT-CDO-BUSYSTATUS
_LONGEST = timedelta(days=36_525)  # the importer's longest horizon: a rule without end reaches the window


@attrs.frozen(kw_only=True)
class BusyTimes:
    """One person's busy times from a calendar: hours (``busy``), whole days (``absences``), what was left out.

    ``skipped`` names what was not read (an entry the file breaks, dates past a limit) by line
    and reason only. :meth:`blocked` is what a :class:`~integrationsnetz.schedule.PlanRequest`
    takes as ``absences``.
    """

    person_id: str
    busy: tuple[Busy, ...] = ()
    absences: tuple[Absence, ...] = ()
    skipped: tuple[Skipped, ...] = ()

    def blocked(self) -> tuple[Absence | Busy, ...]:
        """The whole days and the hours, for ``PlanRequest.for_network(..., absences=...)``."""
        return (*self.absences, *self.busy)


def read_busy(
    source: bytes | str | os.PathLike[str],
    person_id: str,
    *,
    start: date | None = None,
    end: date | None = None,
    tentative: Tentative = "busy",
    on_error: OnError = "refuse",
    skip_uids: Iterable[str] = (),
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
) -> BusyTimes:
    """The busy times of ``person_id`` in a calendar: ``source`` is its bytes, a file path, or an address.

    An address (``https://``, ``http://``, ``webcal://``) is fetched with at most ``max_bytes``
    bytes in ``timeout`` seconds. ``start`` and ``end`` (days, inclusive) limit what is read to
    the period to plan; a series without an end then runs into the period. Without them, a
    series without an end is read one year from its start, as the importer does.
    ``skip_uids`` are UIDs of the network's own entries, left out (the plan knows its own
    meetings; a member who accepted an invitation would otherwise block that meeting itself).

    A broken file raises :class:`~integrationsnetz.InvalidData` with every problem's line and
    property; ``on_error="skip"`` leaves the broken entries out and lists them in ``skipped``.
    """
    _check_arguments(person_id, start, end, tentative=tentative, timeout=timeout, max_bytes=max_bytes)
    payload, name = _payload(source, timeout=timeout, max_bytes=max_bytes)
    options = ImportOptions(
        network_id="busy",
        source=name,
        horizon=_LONGEST if end is not None else timedelta(days=366),
        until=end + timedelta(days=1) if end is not None else None,
        on_error=on_error,
    )
    _, reading = read_file(payload, options, keep=frozenset({"VFREEBUSY"}), quote=False)
    skip = frozenset(skip_uids)
    entries = [entry for entry in reading.entries if entry.uid is None or entry.uid not in skip]
    skipped = reading.skipped
    all_series = group(entries, skipped)
    try:
        since = None if start is None else datetime.combine(start, time(0), tzinfo=BERLIN)
        expansion = expand(all_series, options, Budget(), since=since)  # the caps count from ``start``
    except TooCostly as exc:
        raise InvalidData([f"{exc}: the file is refused, it would take too long to read"], source=name) from None
    skipped.extend(expansion.skipped)
    window = _Window(start, end)
    for occurrence in expansion.occurrences:
        if _busy(occurrence.entry.component, tentative):
            window.add(occurrence.start, occurrence.end)
    problems: list[Problem] = []
    for block, component, zones in reading.kept:
        found = _free_busy(block, component, zones, tentative, window)
        if on_error == "skip":
            skipped.extend(Skipped(item="", reason=f"left out: {p.text}", line=p.line) for p in found)
        problems.extend(found)
    if problems and on_error != "skip":
        raise InvalidData([str(p) for p in sorted(problems, key=lambda p: p.line)], source=name)
    return BusyTimes(
        person_id=person_id,
        busy=tuple(Busy(person_id=person_id, start=s, end=e) for s, e in _merge_times(window.times)),
        absences=tuple(Absence(person_id=person_id, start=s, end=e) for s, e in _merge_days(window.days)),
        skipped=tuple(_without_titles(skip_) for skip_ in skipped),
    )


def _check_arguments(
    person_id: object, start: object, end: object, *, tentative: object, timeout: object, max_bytes: object
) -> None:
    problems = []
    if not is_valid_id(person_id):
        problems.append(f"person_id: expected the id of a person, got {person_id!r}")
    for name, day in (("start", start), ("end", end)):
        if day is not None and (not isinstance(day, date) or isinstance(day, datetime)):
            problems.append(f"{name}: expected a date (a day of the period), got {day!r}")
        elif isinstance(day, date) and not in_planning_years(day):
            problems.append(f"{name}: expected a date in the years {FIRST_YEAR} to {LAST_YEAR}, got {day.isoformat()}")
    if not problems and isinstance(start, date) and isinstance(end, date) and end < start:
        problems.append(f"end: {end.isoformat()} lies before start {start.isoformat()}")
    if tentative not in ("busy", "free"):
        problems.append(f"tentative: expected 'busy' (tentative entries block, as in Outlook) or 'free', "
                        f"got {tentative!r}")  # fmt: skip
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not 0 < timeout < math.inf:
        problems.append(f"timeout: expected a number of seconds above zero, got {timeout!r}")
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1:
        problems.append(f"max_bytes: expected a whole number of bytes above zero, got {max_bytes!r}")
    if problems:
        raise WrongType([f"read_busy: {problem}" for problem in problems])


def _payload(source: object, *, timeout: float, max_bytes: int) -> tuple[bytes, str]:
    """The calendar's bytes and how messages name it."""
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source), "<calendar bytes>"
    if isinstance(source, str) and is_address(source):
        return fetch(source, timeout=timeout, max_bytes=max_bytes), shown(source)
    if not isinstance(source, str | os.PathLike):
        raise WrongType([f"read_busy: source: expected the calendar's bytes, a file path or an https:// address, "
                         f"got {type(source).__name__}"])  # fmt: skip
    path = Path(source)
    try:
        with path.open("rb") as stream:
            payload = stream.read(max_bytes + 1)
    except (OSError, ValueError) as exc:  # ValueError: a path with a NUL character
        reason = getattr(exc, "strerror", None) or exc
        raise InvalidData([f"cannot read the file ({reason})"], source=str(path)) from None
    if len(payload) > max_bytes:
        raise InvalidData([f"the calendar is larger than {max_bytes:,} bytes (max_bytes)"], source=str(path))
    return payload, str(path)


def _busy(component: Any, tentative: Tentative) -> bool:
    """Whether a ``VEVENT`` blocks its time (see the module's text)."""
    transparency = _text(component, "TRANSP")
    status = _text(component, "STATUS")
    outlook = _text(component, "X-MICROSOFT-CDO-BUSYSTATUS")
    if transparency == "TRANSPARENT" or status == "CANCELLED" or outlook in _FREE_STATUS:
        return False
    return tentative == "busy" or (status != "TENTATIVE" and outlook != "TENTATIVE")


def _text(component: Any, name: str) -> str:
    value = component.get(name)
    if value is None or isinstance(value, list):
        return ""
    return str(value).strip().upper()


def _free_busy(block: Block, component: Any, zones: Zones, tentative: Tentative, window: _Window) -> list[Problem]:
    """Add the busy periods of one ``VFREEBUSY`` to ``window``; the problems of its values."""
    problems = []
    line = block.line_of("FREEBUSY")
    for name, _message in getattr(component, "errors", []):  # its words may quote the file
        if (name or "").upper() == "FREEBUSY":
            problems.append(Problem(line, f"FREEBUSY of the VFREEBUSY that starts on line {block.line}: "
                                          "the value cannot be read"))  # fmt: skip
    values = component.get("FREEBUSY")
    for period in values if isinstance(values, list) else [values] if values is not None else []:
        kind = str(getattr(period, "params", {}).get("FBTYPE", "BUSY")).strip().upper()
        if kind == "FREE" or (kind == "BUSY-TENTATIVE" and tentative == "free"):
            continue
        value = getattr(period, "dt", None)
        where = f"FREEBUSY of the VFREEBUSY that starts on line {block.line}"
        if not isinstance(value, tuple) or len(value) != 2:
            problems.append(Problem(line, f"{where}: expected a period such as 20270301T080000Z/PT1H"))
            continue
        first = read_moment(period, "FREEBUSY", block, zones, value[0], quote=False)
        second = value[1]
        if not isinstance(second, timedelta):
            second = read_moment(period, "FREEBUSY", block, zones, second, quote=False)
        broken = [item for item in (first, second) if isinstance(item, Problem)]
        if broken:
            problems.extend(item for item in broken if isinstance(item, Problem))
            continue
        if not isinstance(first, datetime) or not isinstance(second, datetime | timedelta):
            problems.append(Problem(line, f"{where}: expected date-times, got a day"))
            continue
        window.add(first, second if isinstance(second, datetime) else instant(first) + second)
    return problems


@attrs.define
class _Window:
    """The period read: busy times are kept where they overlap it, cut to it."""

    start: date | None
    end: date | None
    times: list[tuple[datetime, datetime]] = attrs.Factory(list)
    days: list[tuple[date, date]] = attrs.Factory(list)

    def add(self, start: Moment, end: Moment) -> None:
        """One busy time: timed (instants, in Berlin) or whole days (``end`` exclusive)."""
        if isinstance(start, datetime) and isinstance(end, datetime):
            low = self._moment(self.start or date(FIRST_YEAR, 1, 1))
            high = self._moment((self.end or date(LAST_YEAR, 12, 30)) + timedelta(days=1))
            first, after = max(instant(start), low), min(instant(end), high)
            if first < after:
                self.times.append((first.astimezone(BERLIN), after.astimezone(BERLIN)))
            return
        first_day = start.date() if isinstance(start, datetime) else start
        after_day = end.date() if isinstance(end, datetime) else end
        last_day = max(first_day, after_day - timedelta(days=1))
        first_day = max(first_day, self.start or date(FIRST_YEAR, 1, 1))
        last_day = min(last_day, self.end or date(LAST_YEAR, 12, 31))
        if first_day <= last_day:
            self.days.append((first_day, last_day))

    @staticmethod
    def _moment(day: date) -> datetime:
        return instant(datetime.combine(day, time(0), tzinfo=BERLIN))


def _merge_times(times: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    merged: list[tuple[datetime, datetime]] = []
    for start, end in sorted(times, key=lambda pair: (instant(pair[0]), instant(pair[1]))):
        if merged and instant(start) <= instant(merged[-1][1]):
            if instant(end) > instant(merged[-1][1]):
                merged[-1] = (merged[-1][0], end)
            continue
        merged.append((start, end))
    return merged


def _merge_days(days: list[tuple[date, date]]) -> list[tuple[date, date]]:
    merged: list[tuple[date, date]] = []
    for first, last in sorted(days):
        if merged and first <= merged[-1][1] + timedelta(days=1):
            merged[-1] = (merged[-1][0], max(last, merged[-1][1]))
            continue
        merged.append((first, last))
    return merged


def _without_titles(skipped: Skipped) -> Skipped:
    """A report line that names the entry by its line, never by its title or UID."""
    item = f"the entry of line {skipped.line}" if skipped.line is not None else "the calendar"
    return Skipped(item=item, reason=skipped.reason, line=skipped.line)


__all__ = ["BusyTimes", "Tentative", "read_busy"]
