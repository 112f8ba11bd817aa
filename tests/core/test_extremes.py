"""Values at the edges that an outside tester used to get past the library's errors."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import attrs
import pytest
import wartburgkreis

import integrationsnetz as inz
from integrationsnetz import documents

DATA = wartburgkreis.build()
MEETING = DATA.meetings[0]


@pytest.mark.parametrize(
    "start",
    [
        datetime(9999, 12, 31, 20, tzinfo=timezone(timedelta(hours=-5))),  # no UTC instant
        datetime(1, 1, 1, 0, 30, tzinfo=UTC),
        datetime(3000, 1, 1, 9, tzinfo=UTC),
    ],
)
def test_date_times_outside_the_supported_years_are_refused(start: datetime) -> None:
    with pytest.raises(inz.InvalidField, match=r"^Meeting\.start: expected a date-time in the years 1900 to 2999"):
        attrs.evolve(MEETING, start=start, end=start + timedelta(hours=1))


def test_a_last_day_with_no_calendar_end_is_refused() -> None:
    """An all-day event ending 31 Dec 9999 has no exclusive end in a calendar: the ICS export failed."""
    with pytest.raises(inz.InvalidField, match=r"^AllDay\.first_day: expected a date in the years 1900 to 2999"):
        inz.AllDay(first_day=date(9999, 12, 31), last_day=date(9999, 12, 31))


@pytest.mark.parametrize("text", ["0001-01-01", "3000-01-01", "2025-W11-3", "２０２５-01-01"])
def test_documents_refuse_dates_outside_the_years_or_not_written_yyyy_mm_dd(text: str) -> None:
    network = {"id": "n", "name": "N", "founded": text, "region": {"name": "W", "state": "TH", "ags": "16"}}
    payload = json.dumps({"schema_version": 1, "network": network}).encode()
    with pytest.raises(inz.InvalidData, match=r"^\$\.network\.founded: expected a date"):
        documents.loads(payload)


def test_a_huge_count_is_named_not_printed() -> None:
    """repr() of a number over 4,300 digits raises ValueError; the message says how long it is instead."""
    with pytest.raises(inz.InvalidField, match=r"^Meeting\.headcount: .*got a number of about 5000 digits"):
        attrs.evolve(MEETING, headcount=10**5000)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("start", "2025-05-14"),
        ("start", date(2025, 5, 14)),
        ("agenda", ({"kind": "welcome"},)),
        ("agenda", None),
        ("minutes", "protokoll"),
        ("headcount", 10**5000),
    ],
    ids=["text start", "date start", "dict agenda", "None agenda", "text minutes", "huge headcount"],
)
def test_check_reports_values_set_past_the_constructor(field: str, value: object) -> None:
    """check() walks whole networks: a value set with object.__setattr__ is reported, not tripped over."""
    meeting = attrs.evolve(MEETING)
    object.__setattr__(meeting, field, value)
    problems = inz.check(attrs.evolve(DATA, meetings=(meeting,)))
    assert problems
    assert all(problem.path.startswith(f'meetings["{MEETING.id}"].{field}') for problem in problems), problems


def test_check_refuses_a_course_catalogue_that_is_not_a_mapping() -> None:
    with pytest.raises(inz.WrongType, match="course_types"):
        inz.check(DATA, course_types="x")  # type: ignore[arg-type]


def test_a_nul_byte_in_a_path_is_the_librarys_error(tmp_path: Path) -> None:
    with pytest.raises(inz.InvalidData, match="NUL"):
        documents.load(str(tmp_path / "go\x00od.json"))
    with pytest.raises(inz.InvalidData, match="NUL"):
        documents.save(DATA, str(tmp_path / "x\x00.json"))
    with pytest.raises(inz.StoreError, match="NUL"):
        inz.open_store(f"sqlite:///{tmp_path}/a\x00.db")


def test_a_crash_inside_a_built_in_plugin_is_called_a_bug_not_a_plugin_to_block() -> None:
    from integrationsnetz.plugins import _guarded

    def broken() -> None:
        raise ZeroDivisionError("x")

    with pytest.raises(inz.PluginError, match="bug in integrationsnetz") as caught:
        _guarded(broken, "integrationsnetz.exporters.ics", "register_exporters (write)")()
    assert "DISABLE_PLUGINS" not in str(caught.value)


def test_draft_must_be_true_or_false(tmp_path: Path) -> None:
    """``draft="no"`` used to count as yes."""
    with pytest.raises(inz.WrongType, match="draft"):
        documents.save(DATA, tmp_path / "netz.json", draft="no")  # type: ignore[arg-type]
    assert not (tmp_path / "netz.json").exists()


def test_utf8_documents_with_a_byte_order_mark_load(tmp_path: Path) -> None:
    """Windows Notepad saves UTF-8 with a BOM: JSON and TOML documents and planning files read it."""
    for suffix in ("json", "toml"):
        path = tmp_path / f"netz.{suffix}"
        path.write_bytes(b"\xef\xbb\xbf" + documents.dumps(DATA, suffix))  # type: ignore[arg-type]
        assert documents.load(path) == DATA
    from integrationsnetz.schedule.config import load_plan_config

    plan = tmp_path / "plan.toml"
    plan.write_bytes(b"\xef\xbb\xbf" + (Path("examples") / "wartburgkreis.toml").read_bytes())
    assert load_plan_config(plan).series


def test_a_document_that_is_not_utf8_says_so(tmp_path: Path) -> None:
    path = tmp_path / "netz.json"
    path.write_bytes(documents.dumps(DATA).decode("utf-8").encode("cp1252", errors="replace"))
    with pytest.raises(inz.InvalidData, match=r"not UTF-8 text .*save the file as UTF-8"):
        documents.load(path)


def test_an_official_key_has_ascii_digits() -> None:
    with pytest.raises(inz.InvalidField, match=r"^Region\.ags"):
        inz.Region(name="Regensburg", state=inz.State.BY, ags="09٣٧٥")


def test_a_value_json_cannot_hold_is_named_by_its_path(tmp_path: Path) -> None:
    meeting = attrs.evolve(MEETING)
    object.__setattr__(meeting, "headcount", 2**70)
    with pytest.raises(inz.InvalidData, match=r"\$\.meetings\[0\]\.headcount: expected a whole number that fits"):
        documents.save(attrs.evolve(DATA, meetings=(meeting,)), tmp_path / "netz.json")
