"""The search for one session's slot: which days, times and rooms to try, in which order, and why each fails.

The nominal day comes first, then the later days of the series' window, preferred weekdays
first; on each day every time slot and every venue (in the series' order, or rotated). The
first candidate no constraint objects to wins; failing that, the one with the fewest soft
objections; failing that, the session is dropped, and the search says which hard constraint
blocked it on how many days.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import attrs

from integrationsnetz.contract.constraints import Candidate, Constraint
from integrationsnetz.contract.plan_context import PlanContext
from integrationsnetz.contract.series import Occurrence, OnBlocked, Series, VenueChoice, VenueOption, Weekday


@attrs.frozen
class SlotSearch:
    """Where the search for one session ended.

    ``candidate`` is the slot found (None: none in the window); ``first_block`` is the first
    objection met on the way, as (constraint code, reason), and ``softs`` the soft objections the
    chosen slot still has. ``blocked_by`` counts, per hard constraint, the days it blocked first.
    """

    candidate: Candidate | None
    first_block: tuple[str, str] | None
    softs: tuple[tuple[str, str], ...]
    blocked_by: Counter[str]


def find_slot(
    series: Series,
    occurrence: Occurrence,
    ordinal: int,
    meeting_id: str,
    *,
    last: date,
    hard: list[Constraint],
    soft: list[Constraint],
    context: PlanContext,
) -> SlotSearch:
    """Look for a slot for the session ``occurrence`` (the ``ordinal``-th of ``series``) up to ``last``."""
    zone = ZoneInfo(series.timezone)
    days = candidate_days(series, occurrence.day, last)
    places = venue_order(series.venues, ordinal, series.venue_choice)

    first_block: tuple[str, str] | None = None
    blocked_by: Counter[str] = Counter()
    best: tuple[Candidate, list[tuple[str, str]]] | None = None
    for day in days:
        day_block: str | None = None
        for slot in series.times:
            start = datetime.combine(day, slot.start, tzinfo=zone)
            end = datetime.combine(day, slot.end, tzinfo=zone)
            for place in places:
                candidate = Candidate(
                    series=series,
                    meeting_id=meeting_id,
                    start=start,
                    end=end,
                    venue_id=place.venue_id if place else None,
                    room_id=place.room_id if place else None,
                )
                violation = first_violation(candidate, hard, context)
                if violation is not None:
                    if first_block is None:
                        first_block = violation
                    day_block = day_block or violation[0]
                    continue
                softs = violations(candidate, soft, context)
                if not softs:
                    return SlotSearch(candidate, first_block, (), blocked_by)
                if best is None or len(softs) < len(best[1]):
                    best = (candidate, softs)
                    if first_block is None:
                        first_block = softs[0]
        if day_block is not None:
            blocked_by[day_block] += 1
    if best is not None:
        return SlotSearch(best[0], first_block, tuple(best[1]), blocked_by)
    return SlotSearch(None, first_block, (), blocked_by)


def last_day(series: Series, occurrence: Occurrence) -> date:
    """The last day a session may move to."""
    if series.on_blocked is OnBlocked.MOVE:
        return min(occurrence.day + timedelta(days=series.move_window_days), occurrence.latest)
    return occurrence.day


def candidate_days(series: Series, nominal: date, last: date) -> list[date]:
    """The days to try: ``nominal`` first, then the allowed weekdays up to ``last``, preferred ones first."""
    allowed = set(series.allowed_weekdays)
    preferred = set(series.preferred)
    later = [nominal + timedelta(days=offset) for offset in range(1, (last - nominal).days + 1)]
    later = [day for day in later if Weekday.of(day) in allowed]
    later.sort(key=lambda day: (Weekday.of(day) not in preferred, day))
    return [nominal, *later]


def venue_order(options: tuple[VenueOption, ...], ordinal: int, choice: VenueChoice) -> list[VenueOption | None]:
    """The venues to try, in order (rotated by ``ordinal`` when the series rotates); ``[None]`` when it names none."""
    if not options:
        return [None]
    if choice is VenueChoice.ROTATE:
        shift = ordinal % len(options)
        return list(options[shift:] + options[:shift])
    return list(options)


def first_violation(
    candidate: Candidate, constraints: list[Constraint], context: PlanContext
) -> tuple[str, str] | None:
    """The first of ``constraints`` that objects to ``candidate``, as (code, reason), or None."""
    for constraint in constraints:
        reason = constraint.check(candidate, context)
        if reason is not None:
            return constraint.code, reason
    return None


def violations(candidate: Candidate, constraints: list[Constraint], context: PlanContext) -> list[tuple[str, str]]:
    """Every objection of ``constraints`` to ``candidate``, as (code, reason)."""
    found = []
    for constraint in constraints:
        reason = constraint.check(candidate, context)
        if reason is not None:
            found.append((constraint.code, reason))
    return found
