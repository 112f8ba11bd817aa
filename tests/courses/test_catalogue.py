"""The official course types, and overriding them from a data file without touching code."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from integrationsnetz import InvalidData, NetworkData, ProviderCapacity, check, documents
from integrationsnetz.courses.catalogue import (
    OFFICIAL_COURSE_TYPES,
    dumps_course_types,
    load_course_types,
    official_catalogue,
)
from integrationsnetz.model.networks import Network


def test_official_units_and_rules() -> None:
    """The figures of IntV §§ 10–13 as amended in December 2024."""
    types = OFFICIAL_COURSE_TYPES
    assert (types["general"].language_units, types["general"].orientation_units) == (600, 100)
    for code in ("literacy", "second_script", "special_needs"):
        assert types[code].total_units == 1000
    assert types["intensive"].total_units == 500
    assert types["intensive_430"].total_units == 430
    assert types["literacy"].needs_alpha_approval
    assert types["literacy"].repeat_units == 300
    for code in ("youth", "parents", "women"):
        assert not types[code].open_for_new_courses(date(2025, 6, 1))
        assert types[code].open_for_new_courses(date(2024, 10, 14))  # kept for history
    catalogue = official_catalogue()
    assert (catalogue.start_within_weeks, catalogue.teacher_units_per_week) == (6, 29)


def test_override_changes_only_the_named_fields(tmp_path: Path) -> None:
    """A TOML file sets one field of a type, adds a type and changes a rule."""
    path = tmp_path / "types.toml"
    path.write_text(
        "start_within_weeks = 8\n"
        "[types.intensive]\norientation_units = 30\n"
        "[types.general]\nabolished_from = 2030-01-01\n"
        '[types.job_b2]\nname_de = "Berufssprachkurs B2"\nname_en = "Job language course B2"\n'
        "language_units = 500\norientation_units = 0\n",
        encoding="utf-8",
    )
    catalogue = load_course_types(path)
    assert catalogue.start_within_weeks == 8
    assert catalogue.teacher_units_per_week == 29
    assert catalogue.types["intensive"].total_units == 430
    assert catalogue.types["intensive"].max_group_size == 20  # untouched
    assert catalogue.types["general"].abolished_from == date(2030, 1, 1)
    assert catalogue.types["job_b2"].total_units == 500
    assert catalogue.source == str(path)
    assert OFFICIAL_COURSE_TYPES["intensive"].total_units == 500  # the official one stays


def test_json_file_and_empty_base(tmp_path: Path) -> None:
    """``base = "none"`` starts from scratch; JSON works like TOML."""
    path = tmp_path / "types.json"
    body = {
        "base": "none",
        "types": {"general": {"name_de": "A", "name_en": "A", "language_units": 600, "orientation_units": 100}},
    }
    path.write_text(json.dumps(body), encoding="utf-8")
    assert list(load_course_types(path).types) == ["general"]


def test_every_problem_is_named_with_file_and_path(tmp_path: Path) -> None:
    """Bad fields, unknown keys and incomplete new types are reported together."""
    path = tmp_path / "types.toml"
    path.write_text(
        "teacher_units_per_week = 0\ncolour = 'red'\n"
        "[types.general]\nlanguage_units = '600'\nmax_group_size = -1\n"
        "[types.new_type]\nname_de = 'Neu'\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidData) as caught:
        load_course_types(path)
    message = str(caught.value)
    assert caught.value.source == str(path)
    assert "$.colour: unknown field" in message
    assert "$.teacher_units_per_week: expected a whole number > 0" in message
    assert "$.types.general.language_units: expected a whole number" in message
    assert "$.types.new_type.name_en: required field missing" in message
    assert all(line.startswith(str(path)) for line in message.splitlines())


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("types.toml", "[types\n", "not a valid TOML file"),
        ("types.json", "{", "not a valid JSON file"),
        ("types.yaml", "a: 1", "expected a file ending in .toml or .json"),
        ("types.toml", "types = 3", "$.types: expected a table"),
        ("types.toml", "[types]\ngeneral = 3", "$.types.general: expected a table"),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, text: str, expected: str) -> None:
    """Broken files give one clear line, not a traceback from the parser."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidData, match=expected.replace("$", r"\$").replace(".", r"\.")):
        load_course_types(path)


def test_template_round_trips(tmp_path: Path) -> None:
    """The official catalogue written as a template loads back unchanged."""
    path = tmp_path / "official.toml"
    path.write_text(dumps_course_types(), encoding="utf-8")
    loaded = load_course_types(path)
    assert dict(loaded.types) == dict(OFFICIAL_COURSE_TYPES)


def test_provider_capacity_is_stored_and_checked(tmp_path: Path, network: Network) -> None:
    """A provider's teachers and rooms live in the document and must name a known organisation."""
    capacity = ProviderCapacity(
        id="cap-vhs", network_id="wak", provider_id="vhs", as_of=date(2024, 10, 1), teachers_fte=6.5, rooms=4
    )
    data = NetworkData(network=network, provider_capacities=(capacity,))
    path = tmp_path / "net.json"
    documents.save(data, path, draft=True)  # the provider is unknown: a draft
    assert documents.load(path) == data
    assert [problem.path for problem in check(data)] == ['provider_capacities["cap-vhs"].provider_id']
    with pytest.raises(ValueError, match="teachers_fte"):
        ProviderCapacity(id="x", network_id="wak", provider_id="vhs", as_of=date(2024, 1, 1), teachers_fte=-1)
