"""Holiday calendars with real data: Thüringen 2025, other states, corrections, lazy import."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import attrs
import pytest

import integrationsnetz as inz
from integrationsnetz.errors import InvalidData, ScheduleError
from integrationsnetz.model import State
from integrationsnetz.plugins import PluginHost
from integrationsnetz.schedule import (
    HolidayCalendar,
    HolidayKind,
    HolidayOverrides,
    PlanContext,
    PlanRequest,
    Series,
    plan,
)
from integrationsnetz.schedule.german_holidays import public_holidays, school_holidays, shipped_overrides
from integrationsnetz.testing.schedule import district_office, network_meeting, working_group


def test_thueringen_2025_public_holidays_include_the_state_specific_ones() -> None:
    days = public_holidays(State.TH, 2025)
    assert days[date(2025, 10, 3)] == "Tag der Deutschen Einheit"
    assert days[date(2025, 10, 31)] == "Reformationstag"
    assert days[date(2025, 9, 20)] == "Weltkindertag"
    assert date(2025, 6, 19) not in days  # Fronleichnam is not a statewide holiday in Thüringen
    assert len(days) == 11


def test_weltkindertag_is_thueringen_only() -> None:
    assert date(2025, 9, 20) not in public_holidays(State.BY, 2025)
    assert date(2025, 10, 31) not in public_holidays(State.BY, 2025)  # no Reformationstag in Bavaria


def test_english_names_on_request() -> None:
    assert public_holidays(State.TH, 2025, "en")[date(2025, 10, 3)] == "German Unity Day"


def test_thueringen_2025_school_holidays_are_inclusive_ranges() -> None:
    days = school_holidays(State.TH, 2025)
    autumn = [day for day, name in days.items() if name == "Herbstferien"]
    assert (min(autumn), max(autumn)) == (date(2025, 10, 6), date(2025, 10, 18))
    assert days[date(2025, 7, 1)] == "Sommerferien"
    assert date(2025, 9, 1) not in days


def test_shipped_overrides_fill_the_years_the_package_lacks() -> None:
    overrides = shipped_overrides()
    assert overrides.add, "the shipped file has corrections"
    assert all(entry.source for entry in overrides.add), "every correction names its source"
    days = school_holidays(State.TH, 2030)
    assert days[date(2030, 7, 15)] == "Sommerferien"
    assert days[date(2030, 1, 2)] == "Weihnachtsferien"
    assert school_holidays(State.TH, 2029)[date(2029, 10, 22)] == "Herbstferien"
    assert school_holidays(State.TH, 2029)[date(2029, 12, 27)] == "Weihnachtsferien"


def test_a_district_file_adds_and_removes_days(tmp_path: Path, host: PluginHost) -> None:
    corrections = tmp_path / "feiertage.toml"
    corrections.write_text(
        """
[[add]]
kind = "public"
states = ["TH"]
start = 2025-06-19
name = "Fronleichnam (Eichsfeld)"
source = "Thüringer Feiertagsgesetz § 2 Abs. 2"

[[remove]]
kind = "school"
start = "2025-10-06"
end = "2025-10-10"
""",
        encoding="utf-8",
    )
    overrides = HolidayOverrides.load(corrections, host=host)
    context = PlanContext(state=State.TH, calendars=host.holiday_calendars().values(), overrides=overrides)
    assert context.holiday(HolidayKind.PUBLIC, date(2025, 6, 19)) == "Fronleichnam (Eichsfeld)"
    assert context.holiday(HolidayKind.SCHOOL, date(2025, 10, 7)) is None
    assert context.holiday(HolidayKind.SCHOOL, date(2025, 10, 13)) == "Herbstferien"
    other_state = PlanContext(state=State.SN, calendars=host.holiday_calendars().values(), overrides=overrides)
    assert other_state.holiday(HolidayKind.PUBLIC, date(2025, 6, 19)) is None  # states = ["TH"] only


def test_a_bad_corrections_file_names_the_file_and_field(tmp_path: Path, host: PluginHost) -> None:
    corrections = tmp_path / "feiertage.toml"
    corrections.write_text('[[add]]\nkind = "feiertag"\nstart = 2025-06-19\nend = 2025-06-01\n', encoding="utf-8")
    with pytest.raises(InvalidData) as caught:
        HolidayOverrides.load(corrections, host=host)
    text = str(caught.value)
    assert str(corrections) in text
    assert "$.add[0].kind: expected one of 'public', 'school', 'local'" in text


def test_a_corrections_file_that_is_not_toml(tmp_path: Path, host: PluginHost) -> None:
    corrections = tmp_path / "feiertage.toml"
    corrections.write_text("[[add]\n", encoding="utf-8")
    with pytest.raises(InvalidData, match=r"feiertage\.toml: not a valid TOML file"):
        HolidayOverrides.load(corrections, host=host)


def test_importing_the_library_does_not_import_holidays() -> None:
    code = (
        "import sys, integrationsnetz, integrationsnetz.schedule\n"
        "from integrationsnetz.plugins import PluginHost\n"
        "host = PluginHost(entry_points=False); host.holiday_calendars(); host.schedule_constraints()\n"
        "assert 'holidays' not in sys.modules, 'holidays imported too early'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_built_in_calendars_and_constraints_are_plugins(host: PluginHost) -> None:
    assert set(host.holiday_calendars()) >= {"de-public", "de-school"}
    assert set(host.schedule_constraints()) >= {
        "public-holiday",
        "school-holiday",
        "person-busy",
        "person-absent",
        "room-busy",
        "room-capacity",
        "series-gap",
    }
    assert host.owner_of("register_holiday_calendars", "de-public") == "integrationsnetz.schedule.german_holidays"


# -- missing holiday data --------------------------------------------------------------------

HESSEN_2030 = {"network_id": "netz", "state": State.HE, "start": date(2030, 1, 1), "end": date(2030, 12, 31)}


def hessen_2030(*series: Series, **changes: object) -> PlanRequest:
    values: dict[str, object] = {**HESSEN_2030, "series": series, "venues": (district_office(),)}
    values.update(changes)
    return PlanRequest(**values)  # type: ignore[arg-type]


def test_the_holidays_package_really_lacks_hessen_2030() -> None:
    """The cases below use a real gap, not a made-up one (update them when the package gains 2030)."""
    assert school_holidays(State.HE, 2030) == {}
    assert school_holidays(State.HE, 2029)[date(2029, 7, 23)] == "Sommerferien"


def test_a_hard_school_holiday_rule_without_data_stops_the_plan(host: PluginHost) -> None:
    with pytest.raises(ScheduleError) as caught:
        plan(hessen_2030(network_meeting(), working_group("wohnen", date(2030, 1, 8))), host=host)
    lines = str(caught.value).splitlines()
    assert lines[0] == "the plan cannot start: holiday data is missing"
    assert lines[1] == (
        "  school holidays of HE are not known for 2030 (2030-03-04 to 2030-11-15), "
        "but school-holiday is hard for series 'netzwerktreffen'"
    )
    assert "[[known]]" in lines[2]
    assert "integrationsnetz/schedule/data/holiday_overrides.toml" in lines[2]
    assert "holiday_overrides in the planning file" in lines[2]
    assert len(lines) == 3  # 'wohnen' avoids school holidays softly: a warning, not an error


def test_a_soft_school_holiday_rule_without_data_plans_and_warns(host: PluginHost) -> None:
    result = plan(hessen_2030(working_group("wohnen", date(2030, 1, 8))), host=host)
    assert result.meetings
    assert result.warnings == (
        "Schulferien in HE für 2030 nicht bekannt (Di 08.01.2030 – Fr 13.12.2030): AG wohnen ohne sie geplant "
        "(school-holiday ist weich) – Termine als [[add]] und den Zeitraum als [[known]] in einer Feiertagsdatei "
        "(holiday_overrides) ergänzen",
    )
    assert result.text().splitlines()[0] == result.warnings[0]
    english = plan(hessen_2030(working_group("wohnen", date(2030, 1, 8)), language="en"), host=host)
    assert english.warnings[0].startswith("school holidays of HE not known for 2030 (Tue 8 Jan 2030 – Fri 13 Dec 2030)")
    off = working_group("wohnen", date(2030, 1, 8), strictness={"school-holiday": "off"})
    assert plan(hessen_2030(off), host=host).warnings == ()


def test_a_district_supplies_the_missing_dates_in_its_corrections_file(tmp_path: Path, host: PluginHost) -> None:
    corrections = tmp_path / "ferien-hessen.toml"
    corrections.write_text(
        """
[[add]]
kind = "school"
states = ["HE"]
start = 2030-03-25
end = 2030-04-12
name = "Osterferien"
source = "Hessisches Kultusministerium, Ferientermine 2030"

[[add]]
kind = "school"
states = ["HE"]
start = 2030-07-22
end = 2030-08-30
name = "Sommerferien"

[[add]]
kind = "school"
states = ["HE"]
start = 2030-10-14
end = 2030-10-25
name = "Herbstferien"

[[known]]
kind = "school"
states = ["HE"]
start = 2029-08-25
end = 2030-12-31
source = "Hessisches Kultusministerium, Ferientermine 2030"
""",
        encoding="utf-8",
    )
    overrides = HolidayOverrides.load(corrections, host=host)
    result = plan(hessen_2030(network_meeting(), overrides=overrides), host=host)
    assert result.warnings == ()
    days = [meeting.start.date() for meeting in result.meetings]
    assert len(days) == 2
    assert not [
        day
        for day in days
        if date(2030, 3, 25) <= day <= date(2030, 4, 12) or date(2030, 10, 14) <= day <= date(2030, 10, 25)
    ]
    # the [[known]] entry is what makes the dates count as complete: without it, still refused
    partial = attrs.evolve(overrides, known=())
    with pytest.raises(ScheduleError, match="school holidays of HE are not known for 2030"):
        plan(hessen_2030(network_meeting(), overrides=partial), host=host)


def test_the_shipped_corrections_cover_the_thueringen_school_year_2029_30(host: PluginHost) -> None:
    series = working_group("wohnen", date(2029, 9, 4))
    spring = plan(hessen_2030(series, state=State.TH, start=date(2029, 9, 1), end=date(2030, 8, 23)), host=host)
    assert spring.warnings == ()
    autumn = plan(hessen_2030(series, state=State.TH, start=date(2029, 9, 1), end=date(2030, 12, 31)), host=host)
    assert autumn.warnings[0].startswith("Schulferien in TH für 2030 nicht bekannt (Sa 24.08.2030 – Fr 13.12.2030)")


def test_public_holidays_beyond_the_packages_years_stop_the_plan(host: PluginHost) -> None:
    series = working_group("wohnen", date(2101, 1, 4), strictness={"school-holiday": "off"})
    with pytest.raises(ScheduleError, match=r"public holidays of HE are not known for 2101 \(2101-01-04 to "):
        plan(hessen_2030(series, start=date(2101, 1, 1), end=date(2101, 6, 30)), host=host)


def test_a_plugin_calendar_that_names_no_known_periods_counts_as_complete(host: PluginHost) -> None:
    calendars = {
        "school": HolidayCalendar(
            code="school", kind=HolidayKind.SCHOOL, description="a district's own list", days=lambda *_: {}
        ),
        **{
            code: calendar
            for code, calendar in host.holiday_calendars().items()
            if calendar.kind is not HolidayKind.SCHOOL
        },
    }
    assert plan(hessen_2030(network_meeting()), calendars=calendars, host=host).meetings


def test_a_calendar_known_up_to_the_last_date_python_has_does_not_overflow(host: PluginHost) -> None:
    calendars = {
        **host.holiday_calendars(),
        "school": HolidayCalendar(
            code="school",
            kind=HolidayKind.SCHOOL,
            description="a district's list, complete for ever",
            days=lambda *_: {},
            known=lambda _state: [(date.min, date.max)],
        ),
    }
    context = PlanContext(state=State.HE, calendars=calendars.values())
    assert context.unknown_holidays(HolidayKind.SCHOOL, date(2030, 1, 1), date(2030, 12, 31)) == []


def test_a_period_outside_the_planning_years_is_refused(host: PluginHost) -> None:
    with pytest.raises(ScheduleError, match=r"start: expected a date in the years 2000 to 2999, got 1950-01-01"):
        plan(hessen_2030(network_meeting(), start=date(1950, 1, 1)), host=host)
    with pytest.raises(inz.InvalidField, match=r"PlanRequest\.end: expected a date in the years 1900 to 2999"):
        plan(hessen_2030(network_meeting(), end=date(9999, 12, 31)), host=host)
