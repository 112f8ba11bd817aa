"""Errors that help: every problem of a broken file at once, and a tolerant mode for big real calendars."""

from __future__ import annotations

import io

import pytest

import integrationsnetz as inz
from integrationsnetz import ImportOptions, InvalidData, WrongType


def read(payload: bytes, **options: object) -> inz.ImportResult:
    chosen = ImportOptions(network_id="netz", source="kalender.ics", **options)  # type: ignore[arg-type]
    return inz.import_from(io.BytesIO(payload), "ics", options=chosen)


def lines(*rows: str) -> bytes:
    return ("\r\n".join(rows) + "\r\n").encode()


CUT_OFF_WITH_A_BAD_DATE = lines(
    "BEGIN:VCALENDAR",  # 1
    "VERSION:2.0",
    "PRODID:x",
    "BEGIN:VEVENT",  # 4
    "UID:a@x",
    "DTSTART:2026XX01T100000",  # 6: a broken date in a complete event
    "SUMMARY:Kaputt",
    "END:VEVENT",
    "BEGIN:VEVENT",  # 9
    "UID:b@x",
    "DTSTART:20260101T100000Z",
    "SUMMARY:Gut",
    "END:VEVENT",
    "BEGIN:VEVENT",  # 14: the download ends in here
    "UID:c@x",
    "DTSTART:20260102T10",
)


def test_a_broken_file_reports_every_problem_with_its_line_at_once() -> None:
    with pytest.raises(InvalidData) as refused:
        read(CUT_OFF_WITH_A_BAD_DATE)
    assert refused.value.problems == (
        "line 6: DTSTART of the event that starts on line 4: Wrong datetime format: 2026XX01T100000",
        "line 14: BEGIN:VEVENT is never closed (the file ends first; is it cut off?)",
    )
    assert str(refused.value).startswith("kalender.ics: line 6: DTSTART")


def test_the_tolerant_mode_imports_the_sound_entries_and_reports_the_others() -> None:
    result = read(CUT_OFF_WITH_A_BAD_DATE, on_error="skip")
    assert [e.id for e in result.entities] == ["ics-b@x"]
    assert [str(s) for s in result.skipped] == [
        "line 14: the VEVENT of line 14: left out: BEGIN:VEVENT is never closed (the file ends first; is it cut off?)",
        "line 6: 'Kaputt': left out: DTSTART of the event that starts on line 4: "
        "Wrong datetime format: 2026XX01T100000",
    ]


@pytest.mark.parametrize("value", ["ignore", "SKIP", True, None])
def test_on_error_takes_refuse_or_skip(value: object) -> None:
    with pytest.raises(WrongType, match=r"on_error: expected 'refuse' .* or 'skip'"):
        ImportOptions(network_id="netz", on_error=value)  # type: ignore[arg-type]


def big_calendar(events: int) -> tuple[bytes, int]:
    """A member's calendar of ``events`` entries (ten lines each), one with ``CREATED:00001231T000000Z``;
    returns it and the line of that CREATED."""
    rows = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN"]
    bad_line = 0
    for index in range(events):
        day = f"2024{index % 12 + 1:02d}{index % 28 + 1:02d}"
        created = "00001231T000000Z" if index == events // 2 else "20240101T080000Z"
        if index == events // 2:
            bad_line = len(rows) + 6
        rows += [
            "BEGIN:VEVENT",
            f"UID:{index:06d}-termin@outlook.example",
            "DTSTAMP:20250101T000000Z",
            f"DTSTART;TZID=W. Europe Standard Time:{day}T{8 + index % 9:02d}0000",
            f"DTEND;TZID=W. Europe Standard Time:{day}T{9 + index % 9:02d}0000",
            f"CREATED:{created}",
            f"SUMMARY:Termin {index}",
            "LOCATION:Landratsamt\\, Raum 2.14",
            "END:VEVENT",
        ]
    rows.append("END:VCALENDAR")
    return lines(*rows), bad_line


@pytest.mark.slow
def test_a_62000_line_calendar_with_one_bad_created_is_imported_in_the_tolerant_mode() -> None:
    payload, bad_line = big_calendar(6_900)
    assert len(payload.splitlines()) > 62_000
    with pytest.raises(InvalidData) as refused:
        read(payload)
    assert refused.value.problems == (
        f"line {bad_line}: CREATED of the event that starts on line {bad_line - 5}: "
        "Wrong datetime format: 00001231T000000Z",
    )
    result = read(payload, on_error="skip")
    assert len(result.entities) == 6_900  # CREATED is not read: the entry itself is imported
    (note,) = result.skipped
    assert note.line == bad_line
    assert note.reason.endswith("; the value is not used, the entry is imported")
