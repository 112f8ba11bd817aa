"""The coordinator's planning file: read through the host's codec, errors name file and field."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import attrs
import pytest

from integrationsnetz.errors import InvalidData
from integrationsnetz.plugins import PluginHost
from integrationsnetz.schedule import (
    HolidayOverrides,
    MonthlyNth,
    OnBlocked,
    Seasonal,
    Strictness,
    Weekday,
    Weekly,
    load_plan_config,
)

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


def goettingen_copy(tmp_path: Path, *replacements: tuple[str, str]) -> Path:
    """The Göttingen planning file with its network and corrections, edited the way people mistype."""
    text = (EXAMPLES / "landkreis-goettingen.toml").read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "plan.toml"
    path.write_text(text, encoding="utf-8")
    for name in ("landkreis-goettingen-netzwerk.toml", "landkreis-goettingen-feiertage.toml"):
        (tmp_path / name).write_bytes((EXAMPLES / name).read_bytes())
    return path


def test_unknown_people_groups_venues_and_rooms_are_refused_all_at_once(tmp_path: Path, host: PluginHost) -> None:
    path = goettingen_copy(
        tmp_path,
        ('"jobcenter-integration"]', '"jobcenter-integraton"]'),
        ('group_id = "sprache-bildung"', 'group_id = "sprache-bildun"'),
        ('room_id = "forum"', 'room_id = "forun"'),
        ('venues = [{ venue_id = "kreishaus-goe", room_id = "raum-112" }]', 'venues = [{ venue_id = "kreishaus-go" }]'),
        ('person_id = "koordination-goe-1"', 'person_id = "koordination-go-1"'),
    )
    with pytest.raises(InvalidData) as caught:
        load_plan_config(path, host=host)
    assert str(caught.value).splitlines() == [
        f"{path}: {line}"
        for line in (
            "$.series[0].venues[1].room_id: venue 'vhs-osterode' has no room 'forun' (rooms: forum)",
            "$.series[1].group_id: no working group with id 'sprache-bildun'",
            "$.series[1].venues[0].venue_id: no venue with id 'kreishaus-go'",
            "$.series[2].participant_ids[1]: no person or organisation with id 'jobcenter-integraton'",
            "$.absences[0].person_id: no person or organisation with id 'koordination-go-1'",
        )
    ]


def test_a_network_given_in_code_is_what_the_ids_are_checked_against(tmp_path: Path, host: PluginHost) -> None:
    import integrationsnetz as inz

    path = goettingen_copy(tmp_path, ('network = "landkreis-goettingen-netzwerk.toml"', "# no network document"))
    data = inz.documents.load(EXAMPLES / "landkreis-goettingen-netzwerk.toml", host=host)
    assert load_plan_config(path, host=host, data=data).network is None
    bare = attrs.evolve(data, persons=(), organizations=())
    with pytest.raises(InvalidData, match=r"\$\.series\[0\]\.participant_ids\[0\]: no person or organisation"):
        load_plan_config(path, host=host, data=bare)


def test_a_first_day_off_the_rules_weekday_is_refused(tmp_path: Path, host: PluginHost) -> None:
    path = goettingen_copy(tmp_path, ('first = "2027-01-14"', 'first = "2027-01-13"'))
    with pytest.raises(InvalidData) as caught:
        load_plan_config(path, host=host)
    assert str(caught.value) == (
        f"{path}: $.series[2].rule.first: 2027-01-13 is a Wednesday, not a Thursday (weekday = 'thursday')"
    )


def test_a_season_ending_before_it_starts_is_refused_unless_it_wraps(tmp_path: Path, host: PluginHost) -> None:
    path = goettingen_copy(tmp_path, ('end = "04-30"', 'end = "02-01"'))
    with pytest.raises(InvalidData) as caught:
        load_plan_config(path, host=host)
    assert str(caught.value) == (
        f"{path}: $.series[0].rule.seasons[0].end: 02-01 lies before start 02-15; "
        "for a season that runs into the next year, set wraps = true"
    )
    path = goettingen_copy(tmp_path, ('end = "04-30"', 'end = "02-01", wraps = true'))
    season = load_plan_config(path, host=host).series[0].rule.seasons[0]  # type: ignore[union-attr]
    assert season.span(2027) == (date(2027, 2, 15), date(2028, 2, 1))


@pytest.mark.parametrize("language", ['"fr"', "1", '"DE"'])
def test_an_unsupported_language_is_named_without_internals(tmp_path: Path, host: PluginHost, language: str) -> None:
    path = goettingen_copy(tmp_path, ('language = "de"', f"language = {language}"))
    with pytest.raises(InvalidData) as caught:
        load_plan_config(path, host=host)
    shown = language.strip('"') if language.startswith('"') else int(language)
    assert str(caught.value) == (
        f"{path}: $.language: expected 'de' or 'en' (the languages the report is written in), got {shown!r}"
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("every_weeks = 8", "every_weeks = 9223372036854775807",
         "$.series[2].rule.every_weeks: at most 52, got 9223372036854775807"),
        ("move_window_days = 2", "move_window_days = 100000000",
         "$.series[1].move_window_days: at most 366, got 100000000"),
        ("min_gap_days = 21", "min_gap_days = 100000000", "$.series[1].min_gap_days: at most 366, got 100000000"),
        # Outside the model's years, the reader refuses them first; inside them, the planner's bound.
        ('first = "2027-01-14"', 'first = "0001-01-04"', "$.series[2].rule.first: expected a date in the years 1900 "
         "to 2999, got 0001-01-04"),
        ('first = "2027-01-14"', 'first = "1950-01-05"', "$.series[2].rule.first: expected a date in the years 2000 "
         "to 2999, got 1950-01-05"),
        ('end = "2027-08-20"', 'end = "9999-12-31"', "$.absences[0].end: expected a date in the years 1900 to 2999, "
         "got 9999-12-31"),
    ],
)  # fmt: skip
def test_extreme_numbers_and_dates_are_refused_with_the_field(
    tmp_path: Path, host: PluginHost, old: str, new: str, expected: str
) -> None:
    path = goettingen_copy(tmp_path, (old, new))
    with pytest.raises(InvalidData) as caught:
        load_plan_config(path, host=host)
    assert str(caught.value) == f"{path}: {expected}"


def test_a_corrections_file_spanning_every_date_is_refused_not_overflowed(tmp_path: Path, host: PluginHost) -> None:
    path = tmp_path / "feiertage.toml"
    path.write_text('[[known]]\nkind = "school"\nstart = 0001-01-01\nend = 9999-12-31\n', encoding="utf-8")
    with pytest.raises(InvalidData) as caught:
        HolidayOverrides.load(path, host=host)
    assert caught.value.problems == (
        "$.known[0].start: expected a date in the years 1900 to 2999, got 0001-01-01",
        "$.known[0].end: expected a date in the years 1900 to 2999, got 9999-12-31",
    )


def test_an_unknown_strictness_code_is_refused_on_loading_with_the_close_match(
    tmp_path: Path, host: PluginHost
) -> None:
    path = goettingen_copy(tmp_path, ('school-holiday = "hard"', 'school-holidays = "hard"'))
    with pytest.raises(InvalidData) as caught:
        load_plan_config(path, host=host)
    assert str(caught.value).startswith(
        f"{path}: $.series[0].strictness.school-holidays: unknown constraint 'school-holidays'; "
        "did you mean 'school-holiday'? (known: "
    )


def test_a_network_that_is_no_document_names_the_planning_file_and_field(tmp_path: Path, host: PluginHost) -> None:
    (tmp_path / "passwd").write_text("root:x:0:0\n", encoding="utf-8")
    path = goettingen_copy(tmp_path, ('network = "landkreis-goettingen-netzwerk.toml"', 'network = "passwd"'))
    with pytest.raises(InvalidData) as caught:
        load_plan_config(path, host=host)
    assert str(caught.value) == f"{path}: $.network: expected a network document ending in .json or .toml, got 'passwd'"
    (tmp_path / "netz.json").write_text("{}", encoding="utf-8")
    path = goettingen_copy(tmp_path, ('network = "landkreis-goettingen-netzwerk.toml"', 'network = "netz.json"'))
    with pytest.raises(InvalidData) as caught:
        load_plan_config(path, host=host)
    assert all(
        line.startswith(f"{path}: $.network: {tmp_path / 'netz.json'}: ") for line in str(caught.value).splitlines()
    )
