"""Holiday calendars with real data: Thüringen 2025, other states, corrections, lazy import."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from integrationsnetz.errors import InvalidData
from integrationsnetz.model import State
from integrationsnetz.plugins import PluginHost
from integrationsnetz.schedule import HolidayKind, HolidayOverrides, PlanContext
from integrationsnetz.schedule.german_holidays import public_holidays, school_holidays, shipped_overrides


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
