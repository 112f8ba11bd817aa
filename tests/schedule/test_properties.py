"""Invariants of the planner over generated requests (Hypothesis)."""

from __future__ import annotations

import itertools

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from integrationsnetz.model import Meeting, MeetingStatus
from integrationsnetz.plugins import PluginHost
from integrationsnetz.schedule import Absence, HolidayKind, Outcome, Plan, PlanContext, PlanRequest, Strictness, plan
from integrationsnetz.testing.schedule import PEOPLE, plan_requests

HOST = PluginHost(entry_points=False)
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def run(request: PlanRequest) -> Plan:
    return plan(request, host=HOST)


def overlap(a: Meeting, b: Meeting) -> bool:
    return a.start < b.end and b.start < a.end


@PROPERTY
@given(plan_requests())
def test_no_meeting_on_a_hard_blocked_day(request: PlanRequest) -> None:
    result = run(request)
    context = PlanContext(state=request.state, calendars=HOST.holiday_calendars().values())
    series = {s.id: s for s in request.series}
    for meeting in result.meetings:
        day = meeting.start.date()
        assert context.holiday(HolidayKind.PUBLIC, day) is None, meeting
        if series[meeting.series_id or ""].strictness.get("school-holiday") is Strictness.HARD:
            assert context.holiday(HolidayKind.SCHOOL, day) is None, meeting
        for absence in request.absences:
            if absence.start <= day <= absence.end:
                assert absence.person_id not in meeting.participant_ids(), (meeting, absence)


@PROPERTY
@given(plan_requests())
def test_no_person_or_room_is_double_booked(request: PlanRequest) -> None:
    result = run(request)
    planned = [meeting for meeting in result.meetings if meeting.status is MeetingStatus.PLANNED]
    pairs = [*itertools.combinations(result.meetings, 2), *itertools.product(planned, request.existing)]
    for a, b in pairs:
        if not overlap(a, b):
            continue
        assert not set(a.participant_ids()) & set(b.participant_ids()), (a, b)
        if a.venue_id is not None and a.venue_id == b.venue_id:
            assert a.room_id is not None, (a, b)
            assert b.room_id is not None, (a, b)
            assert a.room_id != b.room_id, (a, b)


@PROPERTY
@given(plan_requests())
def test_gaps_stay_within_bounds(request: PlanRequest) -> None:
    result = run(request)
    dropped = {(line.series_id, line.nominal) for line in result.outcomes(Outcome.DROPPED)}
    for series in request.series:
        days = [meeting.start.date() for meeting in result.of_series(series.id)]
        for first, second in itertools.pairwise(days):
            assert (second - first).days >= series.min_gap_days, (series.id, first, second)
            if series.max_gap_days is None:
                continue
            gap_from_a_drop = any(sid == series.id and first < nominal < second for sid, nominal in dropped)
            assert gap_from_a_drop or (second - first).days <= series.max_gap_days, (series.id, first, second)


@PROPERTY
@given(plan_requests())
def test_the_same_input_gives_the_same_plan_in_any_order(request: PlanRequest) -> None:
    first = run(request)
    shuffled = attrs.evolve(request, series=tuple(reversed(request.series)), absences=tuple(reversed(request.absences)))
    assert run(request) == first
    assert run(shuffled) == first


@PROPERTY
@given(plan_requests(), st.data())
def test_confirmed_meetings_are_never_moved_and_ids_stay(request: PlanRequest, data: st.DataObject) -> None:
    first = run(request)
    if not first.meetings:
        return
    chosen = data.draw(st.sets(st.sampled_from([m.id for m in first.meetings])), label="confirmed")
    status = data.draw(st.sampled_from([MeetingStatus.CONFIRMED, MeetingStatus.HELD]))
    stored = tuple(attrs.evolve(m, status=status) if m.id in chosen else m for m in first.meetings)
    day = data.draw(st.dates(min_value=request.start, max_value=request.end), label="new leave")
    leave = Absence(person_id=data.draw(st.sampled_from(PEOPLE)), start=day, end=day)
    again = run(attrs.evolve(request, existing=stored, absences=(*request.absences, leave)))
    by_id = {meeting.id: meeting for meeting in again.meetings}
    for meeting in stored:
        if meeting.id in chosen:
            assert by_id[meeting.id] == meeting
    nominal_ids = {s.meeting_id(o) for s in request.series for o in s.occurrences(request.start, request.end)}
    assert set(by_id) <= nominal_ids
    withdrawn = {m.id for m in again.withdrawn}
    assert withdrawn.isdisjoint(by_id)
    assert withdrawn | set(by_id) >= {m.id for m in first.meetings} - {line.meeting_id for line in again.report}
