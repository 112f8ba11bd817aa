"""The built-in schedule constraints, registered like any plugin's.

=================  ========  ===============================================================
code               default   what it keeps a session from
=================  ========  ===============================================================
public-holiday     hard      a public holiday of the state (calendars of kind ``public``)
school-holiday     soft      the state's school holidays (kind ``school``)
local-holiday      hard      local days off (kind ``local``), e.g. a district's own list
person-busy        hard      a participant already in another meeting at that time
person-absent      hard      a participant's blocked days (leave) and busy hours (calendars)
room-busy          hard      a room (or whole venue) already booked at that time
room-capacity      hard      a room smaller than the expected attendance
series-gap         hard      less than ``min_gap_days`` from the series' neighbour sessions, or
                             more than ``max_gap_days`` after the previous one (unless a
                             session in between was dropped)
=================  ========  ===============================================================
"""

from __future__ import annotations

from collections.abc import Iterable

from integrationsnetz.contract.constraints import Candidate, Constraint
from integrationsnetz.contract.holidays import HolidayKind
from integrationsnetz.contract.plan_context import PlanContext, format_time
from integrationsnetz.contract.series import Strictness
from integrationsnetz.hookspecs import hookimpl


def public_holiday(candidate: Candidate, context: PlanContext) -> str | None:
    """A public holiday blocks the day."""
    name = context.holiday(HolidayKind.PUBLIC, candidate.day)
    if name is None:
        return None
    day = context.day_text(candidate.day)
    return context.say(de=f"{day} ist Feiertag: {name}", en=f"{day} is a public holiday: {name}")


def school_holiday(candidate: Candidate, context: PlanContext) -> str | None:
    """School holidays: parents among the members are away."""
    name = context.holiday(HolidayKind.SCHOOL, candidate.day)
    if name is None:
        return None
    day = context.day_text(candidate.day)
    return context.say(de=f"{day} liegt in den Schulferien: {name}", en=f"{day} falls in the school holidays: {name}")


def local_holiday(candidate: Candidate, context: PlanContext) -> str | None:
    """A local day off (a district's own calendar)."""
    name = context.holiday(HolidayKind.LOCAL, candidate.day)
    if name is None:
        return None
    day = context.day_text(candidate.day)
    return context.say(de=f"{day} ist örtlich frei: {name}", en=f"{day} is a local day off: {name}")


def person_busy(candidate: Candidate, context: PlanContext) -> str | None:
    """Nobody can be in two meetings at once."""
    for person_id in candidate.participant_ids:
        other = context.busy(person_id, candidate.start, candidate.end, ignore=candidate.meeting_id)
        if other is not None:
            who, day = context.label(person_id), context.day_text(candidate.day)
            zone = context.zone
            when = f"{format_time(other.start.astimezone(zone))}–{format_time(other.end.astimezone(zone))}"
            return context.say(
                de=f"{who} ist am {day} {when} schon in „{other.title}“",
                en=f"{who} is already in '{other.title}' on {day} {when}",
            )
    return None


def person_absent(candidate: Candidate, context: PlanContext) -> str | None:
    """A participant's leave blocks the day; a busy time from their calendar blocks the hours it covers.

    A busy time is reported as "belegt" / "busy" and nothing more: its calendar entry's title
    was never read into the plan.
    """
    for person_id in candidate.participant_ids:
        absence = context.absence(person_id, candidate.day)
        if absence is not None:
            who, day = context.label(person_id), context.day_text(candidate.day)
            why = f" ({absence.reason})" if absence.reason else ""
            return context.say(de=f"{who} ist am {day} abwesend{why}", en=f"{who} is away on {day}{why}")
        if context.busy_time(person_id, candidate.start, candidate.end) is not None:
            who, day = context.label(person_id), context.day_text(candidate.day)
            when = f"{format_time(candidate.start)}–{format_time(candidate.end)}"
            return context.say(de=f"{who}: belegt am {day} {when}", en=f"{who}: busy on {day} {when}")
    return None


def room_busy(candidate: Candidate, context: PlanContext) -> str | None:
    """A room holds one meeting at a time."""
    if candidate.venue_id is None:
        return None
    other = context.room_taken(
        candidate.venue_id, candidate.room_id, candidate.start, candidate.end, ignore=candidate.meeting_id
    )
    if other is None:
        return None
    place, day = _place(candidate, context), context.day_text(candidate.day)
    return context.say(
        de=f"{place} ist am {day} durch „{other.title}“ belegt",
        en=f"{place} is taken by '{other.title}' on {day}",
    )


def room_capacity(candidate: Candidate, context: PlanContext) -> str | None:
    """The room must seat everyone expected."""
    expected = candidate.series.expected_attendance
    if expected is None or candidate.venue_id is None:
        return None
    venue = context.venue(candidate.venue_id)
    capacity = venue.capacity_of(candidate.room_id) if venue is not None else None
    if capacity is None or capacity >= expected:
        return None
    place = _place(candidate, context)
    return context.say(
        de=f"{place} fasst {capacity} Personen, erwartet werden {expected}",
        en=f"{place} seats {capacity}, {expected} are expected",
    )


def series_gap(candidate: Candidate, context: PlanContext) -> str | None:
    """Sessions of a series keep their minimum distance, and the maximum one where nothing was dropped."""
    series = candidate.series
    previous, following = context.neighbours(series.id, candidate.day, ignore=candidate.meeting_id)
    for near in (previous, following):
        if near is not None and abs((candidate.day - near).days) < series.min_gap_days:
            return context.say(
                de=f"nur {abs((candidate.day - near).days)} Tage Abstand zur Sitzung am {context.day_text(near)} "
                f"(mindestens {series.min_gap_days})",
                en=f"only {abs((candidate.day - near).days)} days from the session on {context.day_text(near)} "
                f"(at least {series.min_gap_days})",
            )
    limit = series.max_gap_days
    if limit is None:
        return None
    # Only backwards: sessions after this one are planned later, in date order.
    if previous is None or (candidate.day - previous).days <= limit:
        return None
    if context.dropped_between(series.id, previous, candidate.day):
        return None  # the gap comes from a dropped session, which the report names already
    gap = (candidate.day - previous).days
    return context.say(
        de=f"{gap} Tage nach der Sitzung am {context.day_text(previous)} (höchstens {limit})",
        en=f"{gap} days after the session on {context.day_text(previous)} (at most {limit})",
    )


def _place(candidate: Candidate, context: PlanContext) -> str:
    assert candidate.venue_id is not None
    venue = context.venue(candidate.venue_id)
    name = venue.name if venue is not None else context.label(candidate.venue_id)
    room = venue.room(candidate.room_id) if venue is not None and candidate.room_id else None
    if room is not None:
        return f"{name}, {room.name}"
    return f"{name}, {candidate.room_id}" if candidate.room_id else name


@hookimpl
def register_schedule_constraints() -> Iterable[Constraint]:
    """The constraints every plan is checked against unless a series switches one off."""
    return [
        Constraint(
            code="public-holiday",
            description="Not on a public holiday of the state",
            check=public_holiday,
            holiday_kind=HolidayKind.PUBLIC,
        ),
        Constraint(
            code="school-holiday",
            description="Preferably not in the state's school holidays",
            check=school_holiday,
            strictness=Strictness.SOFT,
            holiday_kind=HolidayKind.SCHOOL,
        ),
        Constraint(
            code="local-holiday",
            description="Not on a local day off",
            check=local_holiday,
            holiday_kind=HolidayKind.LOCAL,
        ),
        Constraint(code="person-busy", description="No participant in two meetings at once", check=person_busy),
        Constraint(
            code="person-absent", description="Not on a participant's blocked days or busy hours", check=person_absent
        ),
        Constraint(code="room-busy", description="No room double-booked", check=room_busy),
        Constraint(code="room-capacity", description="The room seats the expected attendance", check=room_capacity),
        Constraint(
            code="series-gap",
            description="Sessions of a series keep their minimum and maximum gap",
            check=series_gap,
        ),
    ]
