"""The planner on real holiday data: moves, drops with the blocking constraint, re-planning, plugins."""

from __future__ import annotations

import types
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import attrs
import pytest

from integrationsnetz import hookimpl
from integrationsnetz.errors import ScheduleError
from integrationsnetz.model import Meeting, MeetingKind, MeetingStatus, State
from integrationsnetz.plugins import PluginHost
from integrationsnetz.schedule import (
    Absence,
    Candidate,
    Constraint,
    MonthlyNth,
    OnBlocked,
    Outcome,
    PlanContext,
    PlanRequest,
    Series,
    TimeSlot,
    VenueOption,
    Weekday,
    Weekly,
    plan,
)
from integrationsnetz.testing.schedule import COORDINATORS, district_office, network_meeting, working_group

BERLIN = ZoneInfo("Europe/Berlin")


def request(*series: Series, **changes: object) -> PlanRequest:
    values: dict[str, object] = {
        "network_id": "netz",
        "state": State.TH,
        "start": date(2025, 1, 1),
        "end": date(2025, 12, 31),
        "series": series,
        "venues": (district_office(),),
        "labels": {"koordination-1": "Integrationsmanagerin", "koordination-2": "Integrationsmanager"},
    }
    values.update(changes)
    return PlanRequest(**values)  # type: ignore[arg-type]


def friday_series(**changes: object) -> Series:
    """A Friday series whose 3 Oct 2025 session meets Tag der Deutschen Einheit."""
    values: dict[str, object] = {
        "id": "wohnen",
        "title": "AG Wohnen",
        "rule": Weekly(weekday=Weekday.FRIDAY, every_weeks=4, first=date(2025, 9, 5)),
        "end": date(2025, 10, 30),
        "times": (TimeSlot(start=time(10), end=time(12)),),
        "weekdays": (Weekday.TUESDAY,),
        "move_window_days": 5,
        "strictness": {"school-holiday": "off"},
    }
    values.update(changes)
    return Series(**values)  # type: ignore[arg-type]


def test_a_session_on_tag_der_deutschen_einheit_moves_and_the_report_says_why(host: PluginHost) -> None:
    result = plan(request(friday_series()), host=host)
    moved = result.outcomes(Outcome.MOVED)
    assert [line.nominal for line in moved] == [date(2025, 10, 3)]
    assert moved[0].start == datetime(2025, 10, 7, 10, tzinfo=BERLIN)
    assert moved[0].constraints == ("public-holiday",)
    assert moved[0].message == (
        "AG Wohnen: Fr 03.10.2025 ist Feiertag: Tag der Deutschen Einheit – verschoben auf Di 07.10.2025 10:00"
    )
    # the meeting keeps the id of its nominal date, so its calendar UID does not depend on the move
    assert "wohnen-2025-10-03" in {meeting.id for meeting in result.meetings}


def test_the_report_in_english(host: PluginHost) -> None:
    result = plan(request(friday_series(), language="en"), host=host)
    assert result.outcomes(Outcome.MOVED)[0].message == (
        "AG Wohnen: Fri 3 Oct 2025 is a public holiday: German Unity Day – moved to Tue 7 Oct 2025 10:00"
    )


def test_reformationstag_and_weltkindertag_block_in_thueringen(host: PluginHost) -> None:
    series = friday_series(
        id="fr",
        rule=MonthlyNth(weekday=Weekday.FRIDAY, ordinal=-1),
        on_blocked=OnBlocked.SKIP,
        start=date(2025, 10, 1),
        end=date(2025, 12, 31),
    )
    saturday = friday_series(
        id="sa", rule=Weekly(weekday=Weekday.SATURDAY, first=date(2025, 9, 20)), end=date(2025, 9, 20)
    )
    result = plan(request(series, saturday), host=host)
    dropped = {line.nominal: line for line in result.outcomes(Outcome.DROPPED)}
    assert "Reformationstag" in dropped[date(2025, 10, 31)].message
    assert "entfällt (Regel: nicht verschieben)" in dropped[date(2025, 10, 31)].message
    assert "Weltkindertag" in dropped[date(2025, 9, 20)].message
    assert result.of_series("sa") == ()
    # the same Saturday is an ordinary day in Bavaria
    assert len(plan(request(saturday, state=State.BY), host=host).of_series("sa")) == 1


def test_school_holidays_are_soft_by_default_and_hard_on_request(host: PluginHost) -> None:
    autumn = Weekly(weekday=Weekday.TUESDAY, every_weeks=1, first=date(2025, 10, 7))
    soft = friday_series(id="soft", rule=autumn, end=date(2025, 10, 8), strictness={}, weekdays=())
    result = plan(request(soft), host=host)
    assert [m.start.date() for m in result.meetings] == [date(2025, 10, 7)]
    (line,) = result.outcomes(Outcome.COMPROMISE)
    assert line.constraints == ("school-holiday",)
    assert "Herbstferien" in line.message
    hard = attrs.evolve(soft, strictness={"school-holiday": "hard"})
    result = plan(request(hard), host=host)
    assert result.meetings == ()
    (line,) = result.outcomes(Outcome.DROPPED)
    assert line.constraints == ("school-holiday",)
    assert "kein freier Termin bis Mi 08.10.2025 (school-holiday 1×)" in line.message


def test_a_dropped_session_names_every_constraint_that_blocked_its_window(host: PluginHost) -> None:
    series = working_group("arbeit", date(2025, 8, 12))
    leave = Absence(person_id="koordination-2", start=date(2025, 8, 11), end=date(2025, 8, 22), reason="Urlaub")
    result = plan(request(series, absences=(leave,)), host=host)
    (line,) = result.outcomes(Outcome.DROPPED)
    assert line.nominal == date(2025, 8, 12)
    assert line.constraints == ("person-absent",)
    assert line.message.startswith(
        "AG arbeit Di 12.08.2025: Integrationsmanager ist am Di 12.08.2025 abwesend (Urlaub)"
    )
    assert "(person-absent 3×)" in line.message


def test_two_groups_with_the_same_coordinators_never_meet_at_once(host: PluginHost) -> None:
    first = working_group("sprache", date(2025, 1, 14))
    second = working_group("arbeit", date(2025, 1, 14))
    result = plan(request(first, second), host=host)
    by_day = {(m.series_id, m.start.date()) for m in result.meetings}
    assert ("arbeit", date(2025, 1, 14)) in by_day  # series are served in the order of their ids
    assert ("sprache", date(2025, 1, 15)) in by_day
    line = next(line for line in result.outcomes(Outcome.MOVED) if line.nominal == date(2025, 1, 14))
    assert line.constraints == ("person-busy",)
    assert "Integrationsmanagerin ist am Di 14.01.2025 14:00–16:00 schon in „AG arbeit“" in line.message


def test_a_room_booked_in_the_store_is_respected_and_capacity_counts(host: PluginHost) -> None:
    other = Meeting(
        id="fremd",
        network_id="netz",
        kind=MeetingKind.OTHER,
        title="Kreistagsausschuss",
        start=datetime(2025, 1, 14, 13, tzinfo=BERLIN),
        end=datetime(2025, 1, 14, 17, tzinfo=BERLIN),
        venue_id="landratsamt",
        room_id="raum-a",
    )
    small = working_group("klein", date(2025, 1, 14), participant_ids=("p1",), expected_attendance=10)
    big = working_group("gross", date(2025, 1, 21), participant_ids=("p2",), expected_attendance=15)
    result = plan(request(small, big, existing=(other,)), host=host)
    klein = result.of_series("klein")[0]
    assert (klein.start.date(), klein.room_id) == (date(2025, 1, 14), "raum-b")  # room A taken, B seats 12
    gross = result.of_series("gross")[0]
    assert gross.room_id == "raum-a"  # room B seats 12 < 15
    only_b = attrs.evolve(big, venues=(VenueOption(venue_id="landratsamt", room_id="raum-b"),), id="nur-b")
    (line, *_) = plan(request(only_b), host=host).outcomes(Outcome.DROPPED)
    assert line.constraints == ("room-capacity",)
    assert "Landratsamt, Raum B fasst 12 Personen, erwartet werden 15" in line.message


def test_aware_local_times_across_daylight_saving_time(host: PluginHost) -> None:
    weekly = friday_series(rule=Weekly(weekday=Weekday.MONDAY, first=date(2025, 3, 24)), end=date(2025, 4, 1))
    first, second = plan(request(weekly), host=host).meetings
    assert (first.start.hour, second.start.hour) == (10, 10)
    assert first.start.utcoffset() == timedelta(hours=1)  # CET before 30 March 2025
    assert second.start.utcoffset() == timedelta(hours=2)  # CEST after
    assert second.start.astimezone(UTC) - first.start.astimezone(UTC) == timedelta(days=7, hours=-1)


def test_the_network_meeting_lands_once_in_spring_and_once_in_autumn(host: PluginHost) -> None:
    result = plan(request(network_meeting()), host=host)
    spring, autumn = result.meetings
    assert spring.id == "netzwerktreffen-2025-fruehjahr"
    assert autumn.id == "netzwerktreffen-2025-herbst"
    assert date(2025, 3, 1) <= spring.start.date() <= date(2025, 5, 31)
    assert date(2025, 9, 15) <= autumn.start.date() <= date(2025, 11, 30)
    assert spring.start.weekday() == autumn.start.weekday() == 0
    assert spring.kind is MeetingKind.NETWORK


def test_re_planning_keeps_confirmed_meetings_and_every_id(host: PluginHost) -> None:
    groups = [working_group(name, date(2025, 1, 7) + timedelta(weeks=week)) for week, name in enumerate("abcde")]
    first = plan(request(*groups), host=host)
    confirmed = {m.id: attrs.evolve(m, status=MeetingStatus.CONFIRMED) for m in first.meetings[::3]}
    stored = tuple(confirmed.get(m.id, m) for m in first.meetings)
    leave = Absence(person_id=COORDINATORS[0], start=date(2025, 3, 1), end=date(2025, 3, 31))
    again = plan(request(*groups, existing=stored, absences=(leave,)), host=host)
    kept = {m.id: m for m in again.meetings}
    for meeting_id, meeting in confirmed.items():
        assert kept[meeting_id] == meeting  # not moved, not changed
    assert {m.id for m in again.meetings} <= {m.id for m in first.meetings} | {line.meeting_id for line in again.report}
    march = [m for m in again.live() if m.start.month == 3 and m.id not in confirmed]
    assert march == []
    dropped = {line.meeting_id for line in again.outcomes(Outcome.DROPPED)}
    assert dropped
    assert {m.id for m in again.meetings if m.status is MeetingStatus.CANCELLED} == dropped  # planned before: cancelled
    conflicts = again.outcomes(Outcome.CONFLICT)
    assert {line.meeting_id for line in conflicts} == {m.id for m in confirmed.values() if m.start.month == 3}


def test_rules_that_cannot_work_are_refused_before_planning(host: PluginHost) -> None:
    broken = working_group(
        "x", date(2025, 1, 7), venues=(VenueOption(venue_id="rathaus"),), strictness={"no-such-rule": "hard"}
    )
    with pytest.raises(ScheduleError) as caught:
        plan(request(broken, broken), host=host)
    text = str(caught.value)
    assert "series 'x': two series have this id" in text
    assert "series 'x': strictness['no-such-rule']: unknown constraint 'no-such-rule'" in text
    assert "series 'x': venues[0]: no venue with id 'rathaus'" in text


def test_a_request_for_a_network_refuses_people_and_groups_it_does_not_have(host: PluginHost) -> None:
    typo = working_group("x", date(2025, 1, 7), group_id="ag-wohnen", participant_ids=("koordination-1", "frau-mueler"))
    leave = Absence(person_id="herr-schmit", start=date(2025, 3, 3), end=date(2025, 3, 7))
    known = {"actor_ids": frozenset(COORDINATORS), "group_ids": frozenset({"ag-sprache"})}
    with pytest.raises(ScheduleError) as caught:
        plan(request(typo, absences=(leave,), **known), host=host)
    assert str(caught.value).splitlines()[1:] == [
        "  series 'x': group_id: no working group with id 'ag-wohnen'",
        "  series 'x': participant_ids[1]: no person or organisation with id 'frau-mueler'",
        "  absences[0]: no person or organisation with id 'herr-schmit'",
    ]
    assert plan(request(typo, absences=(leave,)), host=host).meetings  # a bare request knows no network: unchecked


COUNCIL_WEEKS = {(2025, 5), (2025, 20)}


def not_in_council_week(candidate: Candidate, context: PlanContext) -> str | None:
    year, week, _ = candidate.day.isocalendar()
    if (year, week) in COUNCIL_WEEKS:
        return context.say(de="Woche der Kreistagssitzung", en="week of the district council")
    return None


def district_plugin() -> types.ModuleType:
    """A district's own constraint, written the way the how-to shows."""
    module = types.ModuleType("wartburgkreis_rules")

    @hookimpl
    def register_schedule_constraints() -> list[Constraint]:
        return [Constraint(code="council-week", description="Not in the council's week", check=not_in_council_week)]

    module.register_schedule_constraints = register_schedule_constraints  # type: ignore[attr-defined]
    return module


def test_a_district_adds_its_own_constraint_as_a_plugin() -> None:
    host = PluginHost(entry_points=False, plugins=[district_plugin()])
    assert host.owner_of("register_schedule_constraints", "council-week") == "wartburgkreis_rules"
    series = working_group("sprache", date(2025, 1, 28), weekdays=(), move_window_days=7)  # week 5
    result = plan(request(series), host=host)
    line = result.outcomes(Outcome.MOVED)[0]
    assert line.constraints == ("council-week", "school-holiday")
    assert line.message == (
        "AG sprache: Woche der Kreistagssitzung – verschoben auf Di 04.02.2025 14:00 "
        "(trotz: Di 04.02.2025 liegt in den Schulferien: Winterferien)"
    )
    # the same series without the plugin stays in week 5
    assert plan(request(series), host=PluginHost(entry_points=False)).meetings[0].start.date() == date(2025, 1, 28)
    # and a series can switch the district's rule off
    relaxed = attrs.evolve(series, strictness={"council-week": "off"})
    assert plan(request(relaxed), host=host).meetings[0].start.date() == date(2025, 1, 28)


def test_changed_rules_withdraw_planned_meetings_but_keep_confirmed_ones(host: PluginHost) -> None:
    every_six = working_group("wohnen", date(2025, 1, 7), end=date(2025, 6, 30))
    first = plan(request(every_six), host=host)
    confirmed = attrs.evolve(first.meetings[1], status=MeetingStatus.CONFIRMED)
    stored = (first.meetings[0], confirmed, *first.meetings[2:])
    every_four = attrs.evolve(every_six, rule=Weekly(weekday=Weekday.TUESDAY, every_weeks=4, first=date(2025, 1, 7)))
    again = plan(request(every_four, existing=stored), host=host)
    new_ids = {m.id for m in again.meetings}
    assert confirmed in again.meetings  # its date is no longer a rule date, yet it stays
    assert "wohnen-2025-01-07" in new_ids  # same nominal date, same id
    withdrawn = {m.id for m in again.withdrawn}
    assert withdrawn == {m.id for m in stored if m is not confirmed} - new_ids
    assert withdrawn
    assert {line.meeting_id for line in again.outcomes(Outcome.WITHDRAWN)} == withdrawn


def test_a_blocked_session_moves_only_to_the_weekdays_the_series_lists(host: PluginHost) -> None:
    """``weekdays = ["wednesday", "thursday"]`` is where a blocked Tuesday may go: not to the next Tuesday."""
    series = working_group("sprache", date(2025, 8, 12), move_window_days=7, min_gap_days=0)
    leave = Absence(person_id="koordination-2", start=date(2025, 8, 12), end=date(2025, 8, 12))
    (line,) = plan(request(series, absences=(leave,)), host=host).outcomes(Outcome.MOVED)
    assert line.start is not None
    assert line.start.date() == date(2025, 8, 13)
    only_tuesdays = attrs.evolve(series, weekdays=())  # the default: the rule's weekday
    (line,) = plan(request(only_tuesdays, absences=(leave,)), host=host).outcomes(Outcome.MOVED)
    assert line.start is not None
    assert line.start.date() == date(2025, 8, 19)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"rule": Weekly(weekday=Weekday.TUESDAY, first=date(2030, 1, 1))},
         "AG sprache: keine Termine – der erste Termin der Regel (first) ist Di 01.01.2030, nach dem Ende des "
         "Zeitraums Mi 31.12.2025"),
        ({"start": date(2026, 3, 1)},
         "AG sprache: keine Termine – die Reihe gilt So 01.03.2026 – … (start/end), außerhalb von "
         "Mi 01.01.2025 – Mi 31.12.2025"),
    ],
)  # fmt: skip
def test_a_series_with_nothing_to_plan_says_why(host: PluginHost, changes: dict[str, object], expected: str) -> None:
    series = working_group("sprache", date(2025, 1, 7), **changes)
    result = plan(request(series), host=host)
    assert result.meetings == ()
    assert result.warnings == (expected,)
    assert expected in result.text()


def test_progress_counts_every_session_once_and_changes_nothing(host: PluginHost) -> None:
    series = (friday_series(end=None), friday_series(id="sprache", title="AG Sprache", end=None))
    calls: list[tuple[int, int]] = []
    watched = plan(request(*series), host=host, progress=lambda done, total: calls.append((done, total)))
    assert watched == plan(request(*series), host=host)
    total = calls[0][1]
    assert total == sum(len(s.occurrences(date(2025, 1, 1), date(2025, 12, 31))) for s in series) > 0
    assert calls == [(done, total) for done in range(total + 1)]  # from 0 to all, one step per session
