"""The planner's report is the truth: after every re-plan, the store and the calendar feeds agree with it.

A Hypothesis test plans into a real SQLite store, changes rules and absences at random, plans
again into the same store, and after every step compares the report, the store and the ICS
feeds as a calendar client expands them (recurring-ical-events).
"""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import attrs
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import integrationsnetz as inz
from integrationsnetz.model import (
    Meeting,
    MeetingStatus,
    Network,
    NetworkData,
    Person,
    Region,
    State,
    WorkingGroup,
)
from integrationsnetz.plugins import PluginHost
from integrationsnetz.schedule import (
    Absence,
    MonthlyNth,
    OnBlocked,
    Outcome,
    Plan,
    PlanRequest,
    Series,
    Weekday,
    Weekly,
    plan,
    save_plan,
)
from integrationsnetz.testing.schedule import PEOPLE, district_office, plan_requests, working_group

HOST = PluginHost(entry_points=False)
AGS = {State.TH: "16063", State.BY: "09162", State.NI: "03159"}


def network_of(request: PlanRequest) -> NetworkData:
    """The network a generated request plans for: its people, one group per series, the district office."""
    return NetworkData(
        network=Network(
            id=request.network_id,
            name="Netzwerk",
            region=Region(name="Kreis", state=request.state, ags=AGS[request.state]),
        ),
        persons=tuple(
            Person(id=person_id, network_id=request.network_id, function="Koordination") for person_id in PEOPLE
        ),
        groups=tuple(
            WorkingGroup(
                id=group_id(series),
                network_id=request.network_id,
                name=series.title,
                topic="Thema",
                founded=date(2020, 1, 1),
            )
            for series in request.series
        ),
        venues=(district_office(),),
    )


def group_id(series: Series) -> str:
    return f"ag-{series.id}"


@attrs.frozen
class Step:
    """What one re-plan changes: the series, the absences, and meetings confirmed in the store meanwhile."""

    series: tuple[Series, ...]
    absences: tuple[Absence, ...]
    confirm: int | None


def steps(request: PlanRequest) -> st.SearchStrategy[list[Step]]:
    weekdays = st.sampled_from(list(Weekday)[:5])
    rules = st.one_of(
        st.builds(Weekly, weekday=weekdays, every_weeks=st.integers(1, 4)),
        st.builds(MonthlyNth, weekday=weekdays, ordinal=st.sampled_from([1, 2, 3, 4, -1])),
    )
    days = st.integers(0, (request.end - request.start).days).map(lambda n: request.start + timedelta(days=n))

    @st.composite
    def absence(draw: st.DrawFn) -> Absence:
        first = draw(days)
        return Absence(
            person_id=draw(st.sampled_from(PEOPLE)), start=first, end=first + timedelta(days=draw(st.integers(0, 21)))
        )

    @st.composite
    def change(draw: st.DrawFn, series: tuple[Series, ...], absences: tuple[Absence, ...]) -> Step:
        what = draw(st.sampled_from(["add-absence", "drop-absence", "rule", "window", "confirm"]))
        if what == "add-absence":
            return Step(series, (*absences, draw(absence())), None)
        if what == "drop-absence" and absences:
            index = draw(st.integers(0, len(absences) - 1))
            return Step(series, absences[:index] + absences[index + 1 :], None)
        if what in ("rule", "window"):
            index = draw(st.integers(0, len(series) - 1))
            chosen = series[index]
            if what == "rule":
                chosen = attrs.evolve(chosen, rule=draw(rules))
            else:
                chosen = attrs.evolve(
                    chosen, move_window_days=draw(st.integers(0, 7)), on_blocked=draw(st.sampled_from(list(OnBlocked)))
                )
            return Step((*series[:index], chosen, *series[index + 1 :]), absences, None)
        return Step(series, absences, draw(st.integers(0, 1000)))

    @st.composite
    def sequence(draw: st.DrawFn) -> list[Step]:
        series, absences = request.series, request.absences
        found = []
        for _ in range(draw(st.integers(1, 4))):
            step = draw(change(series, absences))
            found.append(step)
            series, absences = step.series, step.absences
        return found

    return sequence()


def expanded(feed: bytes, request: PlanRequest) -> list[datetime]:
    """The start of every occurrence a calendar client shows (cancelled ones are not shown)."""
    import icalendar
    import recurring_ical_events

    calendar = icalendar.Calendar.from_ical(feed)
    window = (request.start - timedelta(days=1), request.end + timedelta(days=2))
    occurrences = recurring_ical_events.of(calendar).between(*window)
    assert not [event for event in occurrences if str(event.get("STATUS", "")) == "CANCELLED"]
    return sorted(event.decoded("DTSTART").astimezone(UTC) for event in occurrences)


def live_starts(meetings: list[Meeting]) -> list[datetime]:
    return sorted(m.start.astimezone(UTC) for m in meetings if m.status is not MeetingStatus.CANCELLED)


def where(meeting: Meeting) -> tuple[str, MeetingStatus, datetime, datetime, str | None, str | None]:
    return (meeting.id, meeting.status, meeting.start, meeting.end, meeting.venue_id, meeting.room_id)


def assert_report_is_stored(
    result: Plan, request: PlanRequest, store: inz.Store, data: NetworkData, before: dict[str, Meeting]
) -> None:
    """The report, the store and every feed tell the same story."""
    stored = store.list(Meeting, network_id=request.network_id)
    by_id = {meeting.id: meeting for meeting in stored}
    ours = [meeting for meeting in stored if meeting.series_id is not None]
    # the store holds the plan: every meeting of the series, nothing more (withdrawn ones are gone)
    assert sorted(map(where, ours)) == sorted(map(where, result.meetings))
    for line in result.report:
        meeting = by_id.get(line.meeting_id)
        event(f"report line: {line.outcome.value}" + (" (was planned before)" if line.meeting_id in before else ""))
        if line.outcome is Outcome.DROPPED:
            # reported as dropped: nothing takes place; a session published before is cancelled
            assert meeting is None or meeting.status is MeetingStatus.CANCELLED, line
            assert (meeting is not None) == (line.meeting_id in before), line
        elif line.outcome is Outcome.WITHDRAWN:
            assert meeting is None, line
        elif line.outcome in (Outcome.MOVED, Outcome.COMPROMISE):
            assert meeting is not None, line
            assert meeting.start == line.start, line
            assert meeting.status is MeetingStatus.PLANNED, line
    # a session that took place before and no longer does is in the report
    reported = {line.meeting_id for line in result.outcomes(Outcome.DROPPED) + result.outcomes(Outcome.WITHDRAWN)}
    for meeting_id, old in before.items():
        now = by_id.get(meeting_id)
        if old.status is not MeetingStatus.CANCELLED and (now is None or now.status is MeetingStatus.CANCELLED):
            assert meeting_id in reported, meeting_id
    # the feeds as a client shows them: each live meeting exactly once, at its time
    planned = attrs.evolve(data, meetings=tuple(stored))
    assert expanded(inz.export(planned, "ics", host=HOST), request) == live_starts(stored)
    for series in request.series:
        group = planned.get(WorkingGroup, group_id(series))
        feed = inz.export(planned, "ics", select=group, host=HOST)
        assert expanded(feed, request) == live_starts([m for m in stored if m.group_id == group.id]), series.id


def replan(store: inz.Store, data: NetworkData, request: PlanRequest) -> tuple[Plan, dict[str, Meeting]]:
    before = store.list(Meeting, network_id=request.network_id)
    result = plan(attrs.evolve(request, existing=tuple(before)), host=HOST)
    save_plan(store, result, before)
    return result, {meeting.id: meeting for meeting in before if meeting.series_id is not None}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan_requests(), st.data())
def test_after_every_re_plan_the_store_and_the_feeds_hold_what_the_report_says(
    generated: PlanRequest, data: st.DataObject
) -> None:
    request = attrs.evolve(
        generated,
        series=tuple(attrs.evolve(series, group_id=group_id(series)) for series in generated.series),
        existing=(),
    )
    network = network_of(request)
    with tempfile.TemporaryDirectory() as folder, inz.open_store(f"sqlite://{folder}/netz.db", host=HOST) as store:
        store.put_many([*network.entities(), *generated.existing])
        result, before = replan(store, network, request)
        assert_report_is_stored(result, request, store, network, before)
        for step in data.draw(steps(request), label="steps"):
            if step.confirm is not None:
                live = [
                    m
                    for m in store.list(Meeting, network_id=request.network_id)
                    if m.series_id and m.status is MeetingStatus.PLANNED
                ]
                if live:
                    chosen = live[step.confirm % len(live)]
                    store.put(attrs.evolve(chosen, status=MeetingStatus.CONFIRMED))
            request = attrs.evolve(request, series=step.series, absences=step.absences)
            result, before = replan(store, network, request)
            assert_report_is_stored(result, request, store, network, before)


def test_tutorial_step_3_a_dropped_session_is_cancelled_in_the_store_and_the_feed(tmp_path: Path) -> None:
    """The case users found: leave added after the first plan drops a session that stayed planned."""
    series = working_group(
        "wohnen", date(2025, 1, 7), group_id="ag-wohnen", participant_ids=("p1",), end=date(2025, 6, 30)
    )
    request = PlanRequest(
        network_id="netz",
        state=State.TH,
        start=date(2025, 1, 1),
        end=date(2025, 12, 31),
        series=(series,),
        venues=(district_office(),),
    )
    network = attrs.evolve(
        network_of(request),
        groups=(
            WorkingGroup(id="ag-wohnen", network_id="netz", name="AG Wohnen", topic="Wohnen", founded=date(2020, 1, 1)),
        ),
    )
    with inz.open_store(f"sqlite://{tmp_path / 'netz.db'}", host=HOST) as store:
        store.put_many(list(network.entities()))
        first, _ = replan(store, network, request)
        assert "wohnen-2025-04-01" in {m.id for m in first.meetings}
        leave = Absence(person_id="p1", start=date(2025, 3, 31), end=date(2025, 4, 4), reason="Urlaub")
        again, _ = replan(store, network, attrs.evolve(request, absences=(leave,)))
        [dropped] = again.outcomes(Outcome.DROPPED)
        assert dropped.meeting_id == "wohnen-2025-04-01"
        assert "entfällt" in dropped.message
        stored = store.get(Meeting, "wohnen-2025-04-01")
        assert stored.status is MeetingStatus.CANCELLED
        assert stored.start == datetime.combine(date(2025, 4, 1), time(14), tzinfo=stored.start.tzinfo)
        assert stored.revision == 2  # a higher SEQUENCE, so clients take the change
        feed = inz.export(attrs.evolve(network, meetings=tuple(store.list(Meeting))), "ics", host=HOST)
        assert b"EXDATE;TZID=Europe/Berlin:20250401T140000" in feed
        assert date(2025, 4, 1) not in {moment.date() for moment in expanded(feed, request)}
        # planned again with the same leave: nothing changes, the cancelled session stays cancelled
        third, _ = replan(store, network, attrs.evolve(request, absences=(leave,)))
        assert store.get(Meeting, "wohnen-2025-04-01").revision == 2
        assert not third.outcomes(Outcome.DROPPED)


def test_planning_the_next_year_leaves_this_years_meetings_alone(tmp_path: Path) -> None:
    series = working_group("wohnen", date(2025, 1, 7), participant_ids=("p1",))
    request = PlanRequest(
        network_id="netz",
        state=State.TH,
        start=date(2025, 1, 1),
        end=date(2025, 12, 31),
        series=(series,),
        venues=(district_office(),),
    )
    this_year = plan(request, host=HOST)
    next_year = plan(
        attrs.evolve(request, start=date(2026, 1, 1), end=date(2026, 12, 31), existing=this_year.meetings), host=HOST
    )
    assert not next_year.withdrawn
    assert not next_year.outcomes(Outcome.WITHDRAWN)
    assert {m.start.year for m in next_year.meetings} == {2026}
    # and the first session of the new year keeps its distance to the last of the old one
    last, first = this_year.meetings[-1].start.date(), next_year.meetings[0].start.date()
    assert (first - last).days >= series.min_gap_days
