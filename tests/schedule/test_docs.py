"""The how-to's plugin code runs as written: its constraint and calendar plug into a real host."""

from __future__ import annotations

import re
import types
from datetime import date
from pathlib import Path

import pytest

from integrationsnetz.model import State
from integrationsnetz.plugins import PluginHost
from integrationsnetz.schedule import HolidayKind, Outcome, Plan, PlanContext, PlanRequest, Weekday, Weekly, plan
from integrationsnetz.testing.schedule import district_office, working_group

HOW_TO = Path(__file__).resolve().parents[2] / "docs" / "how-to" / "add-a-constraint-or-holiday-calendar.md"


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", HOW_TO.read_text(encoding="utf-8"), flags=re.S)


def module_from(code: str, name: str) -> types.ModuleType:
    module = types.ModuleType(name)
    exec(compile(code, f"{HOW_TO.name}:{name}", "exec"), module.__dict__)
    return module


def test_the_council_week_constraint_of_the_how_to_moves_a_session() -> None:
    constraint_code, _ = python_blocks()
    host = PluginHost(entry_points=False, plugins=[module_from(constraint_code, "council_plugin")])
    rule = Weekly(weekday=Weekday.TUESDAY, every_weeks=2, first=date(2027, 6, 15))
    series = working_group("sprache", date(2027, 6, 15), rule=rule, weekdays=(), move_window_days=7, min_gap_days=0)
    request = PlanRequest(
        network_id="netz",
        state=State.TH,
        start=date(2027, 6, 1),
        end=date(2027, 6, 25),
        series=(series,),
        venues=(district_office(),),
    )
    (line,) = plan(request, host=host).outcomes(Outcome.MOVED)  # 15 June 2027 lies in ISO week 24
    assert line.constraints == ("council-week",)
    assert line.message == "AG sprache: Woche der Kreistagssitzung – verschoben auf Di 22.06.2027 14:00"


def test_the_holiday_calendar_of_the_how_to_blocks_its_day() -> None:
    _, calendar_code = python_blocks()
    host = PluginHost(entry_points=False, plugins=[module_from(calendar_code, "festival_plugin")])
    assert host.holiday_calendars()["eisenach-local"].kind is HolidayKind.LOCAL
    context = PlanContext(state=State.TH, calendars=host.holiday_calendars().values())
    assert context.holiday(HolidayKind.LOCAL, date(2027, 3, 14)) == "Sommergewinn"
    assert (
        PlanContext(state=State.BY, calendars=host.holiday_calendars().values()).holiday(
            HolidayKind.LOCAL, date(2027, 3, 14)
        )
        is None
    )


REFERENCE = HOW_TO.parents[1] / "reference" / "planning-file.md"


def test_the_reference_corrections_file_fills_the_missing_hessen_dates(tmp_path: Path) -> None:
    from integrationsnetz.schedule import HolidayOverrides
    from integrationsnetz.testing.schedule import network_meeting

    (toml,) = re.findall(r"```toml\n(.*?)```", REFERENCE.read_text(encoding="utf-8"), flags=re.S)
    path = tmp_path / "ferien.toml"
    path.write_text(toml, encoding="utf-8")
    host = PluginHost(entry_points=False)
    request = PlanRequest(
        network_id="netz",
        state=State.HE,
        start=date(2030, 1, 1),
        end=date(2030, 12, 31),
        series=(network_meeting(),),
        overrides=HolidayOverrides.load(path, host=host),
    )
    result = plan(request, host=host)
    assert result.warnings == ()
    assert not [m for m in result.meetings if date(2030, 3, 25) <= m.start.date() <= date(2030, 4, 12)]


TUTORIAL = HOW_TO.parents[1] / "tutorial-plan-a-year.md"


def test_the_tutorials_python_section_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import integrationsnetz as inz

    section = TUTORIAL.read_text(encoding="utf-8").split("## 6. From Python", 1)[1]
    (code,) = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    store_url = f"sqlite://{tmp_path / 'netz.db'}"
    assert code.count("sqlite:///path/to/netz.db") == 1
    monkeypatch.chdir(HOW_TO.parents[2])  # the tutorial runs from the repository's root
    namespace: dict[str, object] = {}
    exec(compile(code.replace("sqlite:///path/to/netz.db", store_url), TUTORIAL.name, "exec"), namespace)
    result = namespace["result"]
    assert isinstance(result, Plan)
    with inz.open_store(store_url) as store:
        stored = store.list(inz.Meeting)
    assert {meeting.id for meeting in stored} >= {meeting.id for meeting in result.meetings}
