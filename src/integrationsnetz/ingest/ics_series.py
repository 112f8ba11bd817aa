"""Entries sharing a UID become one series, and a series its occurrences, within limits that hold.

A series is its master (``RRULE``, ``RDATE``, ``EXDATE``; RFC 5545 §3.8.5) and its overrides
(``RECURRENCE-ID``, §3.8.4.4). Each occurrence keeps the *slot* it fills: the date the rule
gave it (its ``RECURRENCE-ID``), whatever its start after a move. Ids are made from the slot, so
a moved meeting keeps its id and two dates never share one; a ``RANGE=THISANDFUTURE`` override
moves (and retitles) every later date, each in its own slot.

Limits: a series gives at most :data:`MAX_DATES_PER_SERIES` dates, a file at most
:data:`MAX_DATES_PER_FILE` (the earliest, across all series), and no rule runs further than
:data:`MAX_YEARS` years from its start; a rule without an end runs to the horizon
(``ImportOptions.horizon`` after its start, or to the last date the file names if that is later).
Each cut is reported in ``ImportResult.skipped``, naming the series.

A reader that wants only a period (the busy-time reader: the year planned) passes ``since``: the
caps then count the dates from there on, and a rule whose periods give one date each starts at
the period (a daily appointment since 2010 still blocks 2027); the dates before it a rule has
to pass on the way are capped too (:data:`MAX_DATES_BEFORE`).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import Any

import attrs

from integrationsnetz.contract.importers import ImportOptions, Skipped
from integrationsnetz.ingest.ics_entries import BERLIN, LAST_YEAR, Entry, Moment, instant, later, wall
from integrationsnetz.ingest.ics_rules import Budget, dates
from integrationsnetz.model.field_types import YEARS

#: The most dates one series imports: years of any real meeting series, few enough to read in
#: a fraction of a second (``FREQ=SECONDLY`` without an end would otherwise run for hours).
MAX_DATES_PER_SERIES = 5_000

#: The most dates one file imports (the earliest ones): a member's calendar of many years holds
#: a few thousand; beyond this the import would take seconds per file.
MAX_DATES_PER_FILE = 50_000

#: No rule runs further than this from its start (with its UNTIL far beyond, or without an end).
MAX_YEARS = 100

#: The most dates of one series before ``since`` that are looked at and passed by (a rule
#: whose dates cannot be skipped: monthly, or with ``BY…`` parts and a ``COUNT``).
MAX_DATES_BEFORE = 20_000

_LAST_MOMENT = datetime(LAST_YEAR, 12, 31, tzinfo=BERLIN)
_MAX_SLOTS = 4 * MAX_DATES_PER_SERIES  #: dates of a series looked at, excluded ones included


@attrs.frozen
class Occurrence:
    """One date of the file: whose texts it shows, the slot it fills, when it is."""

    entry: Entry
    slot: Moment
    start: Moment
    end: Moment
    series: Series

    @property
    def start_instant(self) -> datetime:
        """When it starts, on the time line (for ordering)."""
        return instant(self.start)


@attrs.define
class Series:
    """The entries of one UID (a UID-less entry is a series of its own)."""

    key: str  #: the UID, or a name for a UID-less entry
    master: Entry | None = None
    overrides: dict[object, Entry] = attrs.Factory(dict)  #: slot key -> the override for it

    @property
    def recurring(self) -> bool:
        """More than one date, or dates changed one by one: its meetings share a series id."""
        return bool(self.overrides) or (self.master is not None and self.master.recurs)

    @property
    def first(self) -> Entry:
        """The entry that stands for the series in messages: the master, else its first override."""
        if self.master is not None:
            return self.master
        return min(self.overrides.values(), key=lambda entry: entry.block.line)

    @property
    def label(self) -> str:
        """How messages name the series: its UID, or (none) its first entry's title and start."""
        return self.key if not self.key.startswith("#") else describe(self.first)

    @property
    def unbounded(self) -> bool:
        """A rule of the master goes on for ever."""
        return self.master is not None and any(rule.unbounded for rule in self.master.rules)


@attrs.define
class Expansion:
    """The occurrences of a file in time order, and what the limits left out."""

    occurrences: list[Occurrence]
    skipped: list[Skipped]
    incomplete: set[str]  #: keys of the series some of whose dates a limit left out


def group(entries: list[Entry], skipped: list[Skipped]) -> list[Series]:
    """The series of a file, in file order. Of two entries for the same UID (or the same date of one
    series) the higher ``SEQUENCE`` wins, else the first; the other is reported."""
    by_key: dict[str, Series] = {}
    result: list[Series] = []
    for index, entry in enumerate(entries):
        key = entry.uid if entry.uid is not None else f"#{index}"
        series = by_key.get(key)
        if series is None:
            series = by_key[key] = Series(key=key)
            result.append(series)
        if entry.recurrence_id is None:
            series.master = _winner(series.master, entry, skipped, "has the same UID as the entry")
        else:
            slot = _slot_key(entry.recurrence_id)
            series.overrides[slot] = _winner(series.overrides.get(slot), entry, skipped,
                                             "changes the same date of its series as the entry")  # fmt: skip
    return result


def _winner(kept: Entry | None, new: Entry, skipped: list[Skipped], same: str) -> Entry:
    if kept is None:
        return new
    winner, loser = (new, kept) if new.sequence > kept.sequence else (kept, new)
    why = "" if new.sequence == kept.sequence else f" (SEQUENCE {winner.sequence}, not {loser.sequence})"
    skipped.append(
        Skipped(
            item=describe(loser),
            reason=f"{same} on line {winner.block.line}{why}; only that one is imported",
            line=loser.block.line,
        )
    )
    return winner


def _slot_key(moment: Moment) -> object:
    """How a RECURRENCE-ID or EXDATE names a slot: the instant, or (a day) the day."""
    return instant(moment) if isinstance(moment, datetime) else moment


def describe(entry: Entry) -> str:
    """The entry as a person finds it in their calendar: title and start."""
    summary = entry.component.get("SUMMARY")
    summary = str(summary[0] if isinstance(summary, list) else summary or "").strip() or "(no title)"
    return f"{summary!r} on {entry.start.isoformat()}"


def expand(
    all_series: list[Series], options: ImportOptions, budget: Budget, *, since: datetime | None = None
) -> Expansion:
    """Every occurrence of the file's series, earliest first, within the limits; with ``since``
    (aware), only those that end after it, the caps counted from there."""
    skipped: list[Skipped] = []
    horizon = _horizon(all_series, options)
    stop = None if options.until is None else datetime.combine(options.until, time(0), tzinfo=BERLIN)
    heap: list[tuple[datetime, int, Occurrence, Iterator[Occurrence]]] = []
    limits = _Limits(horizon, stop, budget, skipped, since=None if since is None else instant(since))
    for order, series in enumerate(all_series):
        _push(heap, order, _capped(series, limits))
    taken: list[Occurrence] = []
    while heap and len(taken) < MAX_DATES_PER_FILE:
        _, order, occurrence, stream = heapq.heappop(heap)
        taken.append(occurrence)
        _push(heap, order, stream)
    reported = {s.item for s in skipped}
    if heap:
        cut = _moment_text(min(heap)[2].slot)
        for _, _, occurrence, _ in sorted(heap, key=lambda item: item[1]):
            item = f"series {occurrence.series.label}"
            reported.add(item)
            limits.incomplete.add(occurrence.series.key)
            reason = f"dates from {cut} on are not imported: the file holds more than {MAX_DATES_PER_FILE:,} dates"
            skipped.append(Skipped(item=item, reason=reason, line=occurrence.series.first.block.line))
    if stop is None or stop > horizon:
        last_day = horizon.astimezone(BERLIN).date().isoformat()
        for series in all_series:
            if series.unbounded and f"series {series.label}" not in reported:
                limits.incomplete.add(series.key)
                reason = f"has no end; dates after {last_day} are not imported"
                skipped.append(Skipped(item=f"series {series.label}", reason=reason, line=series.first.block.line))
    if stop is not None:  # a series may have dates from ``until`` on: which, the import did not look
        limits.incomplete.update(s.key for s in all_series if s.master is not None and s.master.rules)
    return Expansion(occurrences=taken, skipped=skipped, incomplete=limits.incomplete)


def _push(heap: list[Any], order: int, stream: Iterator[Occurrence]) -> None:
    occurrence = next(stream, None)
    if occurrence is not None:
        heapq.heappush(heap, (instant(occurrence.slot), order, occurrence, stream))


def _horizon(all_series: list[Series], options: ImportOptions) -> datetime:
    """How far a rule without an end runs: its start + horizon, or the file's last named date."""
    ends: list[datetime] = []
    for series in all_series:
        for entry in [series.master, *series.overrides.values()]:
            if entry is None:
                continue
            ends.append(instant(entry.end))
            ends.extend(instant(moment) for moment, _ in entry.rdates)
            for rule in entry.rules:
                if rule.unbounded:
                    ends.append(instant(entry.start) + options.horizon)
                elif rule.until is not None:
                    ends.append(instant(_attach(rule.until, entry.start)))
    return min(max(ends, default=_LAST_MOMENT), _LAST_MOMENT)


def _attach(moment: datetime, like: Moment) -> Moment:
    """A wall-clock time of a series in its zone (a day for an all-day series)."""
    if isinstance(like, datetime):
        return moment.replace(tzinfo=like.tzinfo)
    return moment.date()


@attrs.frozen
class _Limits:
    horizon: datetime  #: where rules without an end stop
    stop: datetime | None  #: ImportOptions.until: nothing from here on
    budget: Budget
    skipped: list[Skipped]
    since: datetime | None = None  #: ImportOptions' reader wants only what ends after this (UTC)
    incomplete: set[str] = attrs.Factory(set)


def _capped(series: Series, limits: _Limits) -> Iterator[Occurrence]:
    """The series' occurrences in slot order, at most :data:`MAX_DATES_PER_SERIES`, only those
    in the years the model holds (the others are counted against the cap too, and reported)."""
    given = outside = 0
    last: Occurrence | None = None
    for occurrence in _occurrences(series, limits):
        if limits.stop is not None and instant(occurrence.start) >= limits.stop:
            limits.incomplete.add(series.key)
            continue
        if limits.since is not None and instant(occurrence.end) <= limits.since:
            continue  # before the period read: not counted against the cap
        if given == MAX_DATES_PER_SERIES:
            assert last is not None
            limits.incomplete.add(series.key)
            reason = (
                f"has more than {MAX_DATES_PER_SERIES:,} dates; those after {_moment_text(last.slot)} are not imported"
            )
            limits.skipped.append(Skipped(item=f"series {series.label}", reason=reason, line=series.first.block.line))
            break
        given += 1
        last = occurrence
        if occurrence.start.year in YEARS and occurrence.end.year in YEARS:
            yield occurrence
        else:
            outside += 1
    if outside:
        limits.incomplete.add(series.key)
        what = "it lies" if outside == 1 and not series.recurring else f"{outside:,} of its dates lie"
        reason = f"{what} outside the years {YEARS.start}–{YEARS.stop - 1} the model holds; not imported"
        limits.skipped.append(Skipped(item=f"series {series.label}", reason=reason, line=series.first.block.line))


def _occurrences(series: Series, limits: _Limits) -> Iterator[Occurrence]:
    """The master's slots (less its EXDATEs, overrides in their place), merged with the overrides
    that fill no slot of it (their master is elsewhere, or beyond the horizon)."""
    master = series.master
    overrides = _Overrides(series, limits.skipped)
    excluded = _Exclusions(master)
    slots = _slots(master, series, limits) if master is not None else iter(())
    early = None if limits.since is None or master is None else _early(limits.since, master)
    looked_at = before = 0
    for slot, length in slots:
        if early is not None and instant(slot) < early:
            before += 1
            if before > MAX_DATES_BEFORE:
                limits.incomplete.add(series.key)
                reason = (f"has more than {MAX_DATES_BEFORE:,} dates before the period read, which cannot be "
                          f"skipped; those from {_moment_text(slot)} on are not read")  # fmt: skip
                line = series.first.block.line
                limits.skipped.append(Skipped(item=f"series {series.label}", reason=reason, line=line))
                break
        else:
            looked_at += 1
        if looked_at > _MAX_SLOTS:  # a day excluded from a rule of minutes: 1,440 slots to pass
            limits.incomplete.add(series.key)
            reason = (
                f"has more than {_MAX_SLOTS:,} dates, most of them excluded; "
                f"those from {_moment_text(slot)} on are not imported"
            )
            limits.skipped.append(Skipped(item=f"series {series.label}", reason=reason, line=series.first.block.line))
            break
        yield from overrides.unmatched_before(instant(slot) - timedelta(days=1), excluded)
        if excluded.covers(slot):
            continue
        override = overrides.take(slot)
        if override is not None:
            yield Occurrence(entry=override, slot=slot, start=override.start, end=override.end, series=series)
            continue
        assert master is not None
        source = overrides.governing(slot) or master
        if source is master:
            start = slot
            if slot is master.start:
                end = master.end
            elif length is not None:  # an RDATE with a PERIOD: its own length
                end = later(slot, length, exact=True)
            else:
                end = master.end_of(slot)
        else:
            start = later(slot, _moved_by(source), exact=True)
            end = source.end_of(start)
        yield Occurrence(entry=source, slot=slot, start=start, end=end, series=series)
    yield from overrides.unmatched_before(None, excluded)


def _moved_by(override: Entry) -> timedelta:
    """How far a ``RANGE=THISANDFUTURE`` override moves the dates after it (RFC 5545 §3.8.4.4)."""
    recurrence_id = override.recurrence_id
    if recurrence_id is None or isinstance(recurrence_id, datetime) != isinstance(override.start, datetime):
        return timedelta(0)
    return instant(override.start) - instant(recurrence_id)


class _Overrides:
    """The overrides of a series: found by slot, and those no slot claimed."""

    def __init__(self, series: Series, skipped: list[Skipped]) -> None:
        self.series = series
        self.skipped = skipped
        self.by_key = series.overrides
        self.by_day: dict[date, object] = {}  # a timed RECURRENCE-ID for the day of an all-day slot
        for key, entry in series.overrides.items():
            if isinstance(entry.recurrence_id, datetime):
                self.by_day.setdefault(entry.recurrence_id.date(), key)
        self.pending = sorted(series.overrides.items(), key=lambda item: _order(item[1]))
        self.future = [entry for _, entry in self.pending if entry.this_and_future]
        self.taken: set[object] = set()

    def take(self, slot: Moment) -> Entry | None:
        """The override for ``slot``: same instant, or (when one side is a day) the same day."""
        if isinstance(slot, datetime):
            key: object = instant(slot)
            if key not in self.by_key:
                key = slot.date()
        else:
            key = slot if slot in self.by_key else self.by_day.get(slot, slot)
        entry = self.by_key.get(key)
        if entry is None or key in self.taken:
            return None
        self.taken.add(key)
        return entry

    def governing(self, slot: Moment) -> Entry | None:
        """The latest ``RANGE=THISANDFUTURE`` override before ``slot``, whose changes the slot takes."""
        found = None
        for entry in self.future:
            if _order(entry) <= instant(slot):
                found = entry
        return found

    def unmatched_before(self, before: datetime | None, excluded: _Exclusions) -> Iterator[Occurrence]:
        """Overrides no slot has claimed up to ``before`` (all at the end): dates of their own."""
        while self.pending and (before is None or _order(self.pending[0][1]) < before):
            key, entry = self.pending.pop(0)
            moment = entry.recurrence_id
            if key in self.taken or moment is None or excluded.covers(moment):
                continue
            master = self.series.master
            if master is not None and entry.sequence < master.sequence:
                # An older version of the series changed this date; the series (since changed) has it no more.
                reason = (f"changes a date its series no longer has (SEQUENCE {entry.sequence}; the series, "
                          f"line {master.block.line}, is at {master.sequence})")  # fmt: skip
                self.skipped.append(Skipped(item=describe(entry), reason=reason, line=entry.block.line))
                continue
            yield Occurrence(entry=entry, slot=moment, start=entry.start, end=entry.end, series=self.series)


def _order(entry: Entry) -> datetime:
    assert entry.recurrence_id is not None
    return instant(entry.recurrence_id)


class _Exclusions:
    """A master's EXDATEs: instants for date-times, days for days (a day excludes that whole day)."""

    def __init__(self, master: Entry | None) -> None:
        moments = master.exdates if master is not None else ()
        all_day = master is not None and master.all_day
        self.instants = frozenset(instant(m) for m in moments if isinstance(m, datetime))
        self.days = frozenset(
            m.date() if isinstance(m, datetime) else m for m in moments if all_day or not isinstance(m, datetime)
        )

    def covers(self, slot: Moment) -> bool:
        if isinstance(slot, datetime):
            return instant(slot) in self.instants or slot.date() in self.days
        return slot in self.days


def _slots(master: Entry, series: Series, limits: _Limits) -> Iterator[tuple[Moment, timedelta | None]]:
    """The master's dates in time order: DTSTART, every rule's dates, RDATEs; each once.

    A rule without an end runs to the horizon, one with COUNT or UNTIL to its end; none further
    than :data:`MAX_YEARS` from the start, nor past ``ImportOptions.until``.
    """
    start = master.start
    furthest = min(instant(start) + timedelta(days=36_524 * MAX_YEARS // 100), _LAST_MOMENT)
    if limits.stop is not None:
        furthest = min(furthest, limits.stop)
    zone = start.tzinfo if isinstance(start, datetime) else BERLIN
    first_wall = wall(start)
    sources: list[Iterator[tuple[datetime, int, Moment, timedelta | None]]] = [
        iter([(instant(start), 0, start, None)]),
        iter(sorted(((instant(m), 1, m, length) for m, length in master.rdates), key=lambda item: item[:2])),
    ]

    def cut() -> None:
        """A rule went on beyond where the importer stops it: the series is not imported whole."""
        if series.key in limits.incomplete:
            return
        limits.incomplete.add(series.key)
        if limits.stop is None or furthest < limits.stop:
            last = _moment_text(furthest.astimezone(zone).date())
            reason = f"repeats for more than {MAX_YEARS} years; dates after {last} are not imported"
            limits.skipped.append(Skipped(item=f"series {series.label}", reason=reason, line=master.block.line))

    for rule in master.rules:
        limit = min(limits.horizon, furthest) if rule.unbounded else furthest
        wall_limit = limit.astimezone(zone).replace(tzinfo=None)
        begin = None if limits.since is None else _early(limits.since, master).astimezone(zone).replace(tzinfo=None)
        found = dates(rule, first_wall, wall_limit, limits.budget, _nothing if rule.unbounded else cut, begin=begin)
        moments = (_attach(d, start) for d in found if d != first_wall)
        sources.append((instant(moment), 2, moment, None) for moment in moments)
    seen: datetime | None = None
    for key, _, moment, length in heapq.merge(*sources, key=lambda item: item[:2]):
        if key != seen:
            seen = key
            yield moment, length


def _early(since: datetime, master: Entry) -> datetime:
    """Dates of ``master`` that start before this end before ``since`` (an hour spare: a clock change)."""
    return since - abs(master.length) - timedelta(hours=1)


def _nothing() -> None:
    """A rule without an end is reported once for the series (``has no end``), not here."""


def _moment_text(value: Moment) -> str:
    return f"{value:%Y-%m-%d %H:%M:%S}" if isinstance(value, datetime) else value.isoformat()
