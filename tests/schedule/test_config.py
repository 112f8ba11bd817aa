"""The coordinator's planning file: read through the host's codec, errors name file and field."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from integrationsnetz.errors import InvalidData
from integrationsnetz.plugins import PluginHost
from integrationsnetz.schedule import MonthlyNth, OnBlocked, Seasonal, Strictness, Weekday, Weekly, load_plan_config

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_the_example_planning_file_reads_into_series(host: PluginHost) -> None:
    config = load_plan_config(EXAMPLES / "landkreis-goettingen.toml", host=host)
    network, arbeit = config.series[0], config.series[2]
    assert isinstance(network.rule, Seasonal)
    assert [season.label for season in network.rule.seasons] == ["Frühjahr", "Sommer", "Herbst"]
    assert network.strictness == {"school-holiday": Strictness.HARD}
    assert isinstance(config.series[1].rule, MonthlyNth)
    assert config.series[1].times[1].start == time(14)
    assert arbeit.rule == Weekly(weekday=Weekday.THURSDAY, every_weeks=8, first=date(2027, 1, 14))
    assert arbeit.on_blocked is OnBlocked.SKIP
    assert config.network is not None
    assert Path(config.network).is_file()  # made absolute, relative to the planning file
    assert config.overrides(host=host).add[0].name == "Kreistagssitzung"
    assert config.period(date(2026, 11, 25)) == (date(2027, 1, 1), date(2027, 12, 31))


BROKEN = """
[[series]]
id = "ag"
title = "AG"
times = [{ start = "14:00", end = "13:00" }, { start = "25:00", end = "26:00" }]
on_blocked = "later"
strictness = { school-holiday = "maybe" }
[series.rule]
rule = "weekly"
weekday = "dienstag"
[[series]]
id = "nt"
title = "Netzwerktreffen"
times = [{ start = "09:00", end = "13:00" }]
[series.rule]
rule = "yearly"
"""


def test_a_broken_planning_file_reports_every_problem_with_file_and_field(tmp_path: Path, host: PluginHost) -> None:
    path = tmp_path / "kreis.toml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(InvalidData) as caught:
        load_plan_config(path, host=host)
    text = str(caught.value)
    for expected in (
        "$.series[0].times[0].end: 13:00 is not after start 14:00",
        "$.series[0].times[1].start: expected a local time as HH:MM, got '25:00'",
        "$.series[0].on_blocked: expected one of 'move', 'skip', got 'later'",
        "$.series[0].strictness['school-holiday']: expected one of 'hard', 'soft', 'off', got 'maybe'",
        "$.series[0].rule.weekday: expected one of 'monday'",
        "$.series[1].rule.rule: expected one of 'weekly', 'monthly', 'seasonal', got 'yearly'",
    ):
        assert f"{path}: {expected}" in text, text
    assert all(line.startswith(str(path)) for line in text.splitlines())


def test_a_missing_referenced_file_is_named(tmp_path: Path, host: PluginHost) -> None:
    path = tmp_path / "kreis.toml"
    path.write_text(
        'network = "fehlt.toml"\n[[series]]\nid = "a"\ntitle = "A"\ntimes = [{ start = "09:00", end = "10:00" }]\n'
        '[series.rule]\nrule = "monthly"\nweekday = "monday"\nordinal = 1\n',
        encoding="utf-8",
    )
    with pytest.raises(InvalidData, match=r"kreis\.toml: \$\.network: no file 'fehlt\.toml' next to the planning file"):
        load_plan_config(path, host=host)


def test_a_file_that_is_not_toml(tmp_path: Path, host: PluginHost) -> None:
    path = tmp_path / "kreis.toml"
    path.write_text("[[series]\n", encoding="utf-8")
    with pytest.raises(InvalidData, match=r"kreis\.toml: not a valid TOML file"):
        load_plan_config(path, host=host)


def test_a_year_out_of_range(tmp_path: Path, host: PluginHost) -> None:
    path = tmp_path / "kreis.toml"
    path.write_text(
        'year = 1999\n[[series]]\nid = "a"\ntitle = "A"\ntimes = [{ start = "09:00", end = "10:00" }]\n'
        '[series.rule]\nrule = "monthly"\nweekday = "monday"\nordinal = 1\n',
        encoding="utf-8",
    )
    with pytest.raises(InvalidData, match=r"kreis\.toml: \$\.year: expected a year between 2000 and 2100, got 1999"):
        load_plan_config(path, host=host)
