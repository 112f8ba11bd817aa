"""Which meetings of one ``series_id`` become one calendar event with a rule (RRULE).

One entry with a rule is what a calendar shows for a recurring meeting, and it updates as a
whole; but each exception to the rule (a moved or skipped date) is an override or an EXDATE,
and single events are the form every client reads alike. So the planner tries the weekly and
monthly rules a series could follow, lets a meeting move within a tolerance, and answers
``None`` (single events) when more than half the meetings would be exceptions or a time lies in
the hour a DST switch repeats or skips. :mod:`~integrationsnetz.exporters.ics_rule_entry` writes the plan.
"""

from __future__ import annotations

import calendar as _calendar
from datetime import date, datetime, timedelta

import attrs

from integrationsnetz.exporters.ics_values import BERLIN, unambiguous, wall_clock
from integrationsnetz.model.meetings import Meeting

_WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@attrs.frozen
class Rule:
    """A recurrence a series may follow, with how far a meeting may move and still count as its date's."""

    freq: str  # WEEKLY or MONTHLY
    interval: int
    byday: str  # "WE", "2WE", "-1WE"
    tolerance: timedelta

    def slots(self, first: datetime, last: datetime) -> list[datetime]:
        """Wall-clock starts from ``first`` (itself a slot) up to ``last`` inclusive."""
        result = []
        if self.freq == "WEEKLY":
            step = timedelta(weeks=self.interval)
            slot = first
            while slot <= last:
                result.append(slot)
                slot += step
            return result
        weekday = first.weekday()
        nth = int(self.byday[:-2])
        year, month = first.year, first.month
        while True:
            days = _calendar.monthrange(year, month)[1]
            candidates = [d for d in range(1, days + 1) if date(year, month, d).weekday() == weekday]
            day = candidates[nth - 1] if nth > 0 else candidates[nth]
            slot = datetime(year, month, day, first.hour, first.minute, first.second)
            if slot > last:
                return result
            result.append(slot)
            month += self.interval
            year, month = year + (month - 1) // 12, (month - 1) % 12 + 1


def _rules_for(first: datetime) -> list[Rule]:
    """The rules a series starting at ``first`` may follow: every 1–8 weeks on its weekday, or every
    1, 2, 3 or 6 months on its n-th (or last) weekday. A meeting moved by up to half the interval
    (at most 10 days) still counts as that date's meeting."""
    code = _WEEKDAY_CODES[first.weekday()]
    rules = [Rule("WEEKLY", k, code, timedelta(days=min(3 * k, 10))) for k in range(1, 9)]
    days = []
    nth = (first.day - 1) // 7 + 1
    if nth <= 4:
        days.append(f"{nth}{code}")
    if first.day + 7 > _calendar.monthrange(first.year, first.month)[1]:
        days.append(f"-1{code}")
    rules += [Rule("MONTHLY", months, day, timedelta(days=10)) for months in (1, 2, 3, 6) for day in days]
    return rules


@attrs.frozen
class SeriesPlan:
    """The rule a series follows, the slots it names up to the last meeting, and each meeting's slot."""

    rule: Rule
    slots: tuple[datetime, ...]
    slot_of: dict[str, datetime]  # meeting id -> its slot (wall clock)


def plan_series(members: list[Meeting]) -> SeriesPlan | None:
    """The rule the meetings follow, with each meeting's slot; None when they follow none well."""
    if len(members) < 3:
        return None
    starts = {m.id: wall_clock(m.start) for m in members}
    if not all(unambiguous(wall_clock(moment)) for m in members for moment in (m.start, m.end)):
        return None  # a rule cannot name a time in the repeated or skipped hour
    if any(m.start.astimezone(BERLIN).utcoffset() != m.end.astimezone(BERLIN).utcoffset() for m in members):
        return None  # a meeting across a DST switch: clients disagree on its length in a rule
    first = starts[members[0].id]
    last = max(starts.values())
    best: tuple[int, SeriesPlan] | None = None
    for rule in _rules_for(first):
        slots = rule.slots(first, last + rule.tolerance)
        free = set(slots)
        slot_of: dict[str, datetime] = {}
        moved: list[Meeting] = []
        for meeting in members:
            local = starts[meeting.id]
            if local in free:
                free.discard(local)
                slot_of[meeting.id] = local
            else:
                moved.append(meeting)
        for meeting in moved:
            local = starts[meeting.id]
            near = [s for s in free if abs(s - local) <= rule.tolerance]
            if not near:
                break
            slot = min(near, key=lambda s: (abs(s - local), s))
            free.discard(slot)
            slot_of[meeting.id] = slot
        else:
            used = sorted(set(slot_of.values()))
            kept = tuple(s for s in slots if s <= used[-1])
            gaps = sum(1 for s in kept if s not in set(used))
            irregular = len(moved) + gaps
            if irregular * 2 > len(members) or not all(unambiguous(s) for s in kept):
                continue
            if best is None or irregular < best[0]:
                best = (irregular, SeriesPlan(rule=rule, slots=kept, slot_of=slot_of))
    return best[1] if best else None
