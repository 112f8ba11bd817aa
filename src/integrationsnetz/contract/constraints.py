"""Schedule constraints: rules a planned session must (hard) or should (soft) satisfy.

A :class:`Constraint` is what a plugin registers through ``register_schedule_constraints``. The
planner asks every constraint about every candidate (a day, time and place for one session):
``check(candidate, context)`` returns None when the candidate is fine, else the reason in
words a coordinator reads ("Fr 03.10.2025 ist Feiertag: Tag der Deutschen Einheit"). Write the
reason with ``context.say(de=..., en=...)`` so it follows the report's language.

A district's own rule is a few lines::

    from integrationsnetz import hookimpl
    from integrationsnetz.schedule import Constraint

    COUNCIL_WEEKS = {(2027, 11), (2027, 24)}

    def not_in_council_week(candidate, context):
        year, week, _ = candidate.day.isocalendar()
        if (year, week) in COUNCIL_WEEKS:
            return context.say(de="Woche der Kreistagssitzung", en="week of the district council")
        return None

    @hookimpl
    def register_schedule_constraints():
        return [Constraint(code="council-week", description="Not in the week of the district council",
                           check=not_in_council_week)]
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING

import attrs

from integrationsnetz.contract.holidays import HolidayKind
from integrationsnetz.contract.series import Series, Strictness

if TYPE_CHECKING:
    from integrationsnetz.contract.plan_context import PlanContext


@attrs.frozen(kw_only=True)
class Candidate:
    """A possible place in time for one session of a series: what every constraint judges.

    ``meeting_id`` is the id the meeting will have, so a constraint can ignore the meeting itself
    when it looks at what is already booked.
    """

    series: Series
    meeting_id: str
    start: datetime
    end: datetime
    venue_id: str | None = None
    room_id: str | None = None

    @property
    def day(self) -> date:
        """The local day of the session."""
        return self.start.date()

    @property
    def participant_ids(self) -> tuple[str, ...]:
        """Who must attend: the series' participants and its organiser."""
        ids = self.series.participant_ids
        organizer = self.series.organizer_id
        return ids if organizer is None or organizer in ids else (*ids, organizer)


@attrs.frozen(kw_only=True)
class Constraint:
    """A named rule the planner applies to every candidate session, keyed by ``code``.

    ``strictness`` is the default; a series overrides it per code (``Series.strictness``).
    ``check`` must be pure: the same candidate and context give the same answer. A constraint
    that reads holiday calendars names their ``holiday_kind``, so the planner can stop (hard) or
    warn (soft) where no calendar of that kind has data for the planned days.
    """

    code: str
    description: str
    check: Callable[[Candidate, PlanContext], str | None]
    strictness: Strictness = Strictness.HARD
    holiday_kind: HolidayKind | None = None


def unknown_constraint(code: str, known: Iterable[str]) -> str:
    """Why ``code`` names no constraint: the close match if there is one (``school-holidays``), else the known codes."""
    codes = sorted(known)
    close = difflib.get_close_matches(code, codes, n=1)
    if close:
        return f"unknown constraint {code!r}; did you mean {close[0]!r}? (known: {', '.join(codes) or 'none'})"
    return f"unknown constraint {code!r} (known: {', '.join(codes) or 'none'})"
