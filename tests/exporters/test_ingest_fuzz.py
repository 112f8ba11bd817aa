"""Mutated real files into the importers: each is read, or refused with the library's error.

The inputs are the calendars of five clients (``fixtures/*.ics``), the district office's actor
list and the shipped course list, changed at random the way files get damaged: bytes replaced,
inserted or dropped, lines doubled, cut off, or joined, special characters put where parsers
trip (quotes, separators, line ends, BOMs, NULs, very long runs).
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import integrationsnetz as inz
from integrationsnetz.courses.course_list import read_course_list, sample_course_list
from integrationsnetz.testing.samples import sample_network

FIXTURES = Path(__file__).parent / "fixtures"
CALENDARS = {path.name: path.read_bytes() for path in sorted(FIXTURES.glob("*.ics"))}
ACTOR_LIST = (FIXTURES / "akteure_landratsamt.csv").read_bytes()
OPTIONS = inz.ImportOptions(network_id="netz-wak")
NETWORK = sample_network()

#: Bytes where parsers trip: line ends, quotes, separators, BOMs, NUL, non-UTF-8, property syntax.
TRICKY = [b"\r", b"\n", b"\r\n", b'"', b";", b",", b"\t", b":", b"=", b"\x00", b"\xef\xbb\xbf", b"\xff\xfe",
          b"\x81", b"\xe9", b"\xf0\x9f", b" ", b"\\", b"BEGIN:VEVENT", b"END:VEVENT", b"END:VCALENDAR",
          b"RRULE:FREQ=DAILY;COUNT=3", b"RRULE:FREQ=SECONDLY", b"DTSTART:99991231T000000Z", b"DTSTART;VALUE=DATE:2024",
          b"TZID=Nowhere/Else", b"1" * 30, b"x" * 140_000]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` with one to five damages."""
    payload = original
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(payload)))
        piece = draw(st.sampled_from(TRICKY) | st.binary(min_size=1, max_size=8))
        match draw(st.sampled_from(["insert", "replace", "drop", "double-line", "cut"])):
            case "insert":
                payload = payload[:at] + piece + payload[at:]
            case "replace":
                payload = payload[:at] + piece + payload[at + len(piece) :]
            case "drop":
                payload = payload[:at] + payload[at + draw(st.integers(1, 200)) :]
            case "double-line":
                start = payload.rfind(b"\n", 0, at) + 1
                end = payload.find(b"\n", at)
                line = payload[start : end + 1 if end >= 0 else len(payload)]
                payload = payload[:start] + line + line + payload[start:]
            case _:
                payload = payload[:at]
    return payload


FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


@FUZZ
@given(data=st.data(), name=st.sampled_from(sorted(CALENDARS)))
def test_damaged_calendars_are_read_or_refused(data: st.DataObject, name: str) -> None:
    payload = data.draw(mutated(CALENDARS[name]))
    with contextlib.suppress(inz.IntegrationsnetzError):
        inz.import_from(io.BytesIO(payload), "ics", options=OPTIONS)


@FUZZ
@given(data=st.data())
def test_damaged_actor_lists_are_read_or_refused(data: st.DataObject) -> None:
    payload = data.draw(mutated(ACTOR_LIST))
    with contextlib.suppress(inz.IntegrationsnetzError):
        inz.import_from(io.BytesIO(payload), "csv", options=OPTIONS)


@FUZZ
@given(data=st.data())
def test_damaged_course_lists_are_read_or_refused(data: st.DataObject) -> None:
    payload = data.draw(mutated(sample_course_list()))
    with contextlib.suppress(inz.IntegrationsnetzError):
        read_course_list(payload, NETWORK, new_providers=data.draw(st.booleans()))


GOOGLE, OUTLOOK = CALENDARS["google.ics"], CALENDARS["outlook.ics"]


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        pytest.param(GOOGLE.replace(b"X-WR-TIMEZONE:Europe/Berlin", b"X-WR-TIMEZONE:Mars/Olympus"),
                     "line 7: X-WR-TIMEZONE: unknown time zone .Mars/Olympus.", id="unknown X-WR-TIMEZONE"),
        pytest.param(GOOGLE.replace(b"RRULE:FREQ=WEEKLY", b"RRULE:FREQ=DAILY;COUNT=2\r\nRRULE:FREQ=WEEKLY", 1),
                     None, id="two RRULEs"),
        pytest.param(GOOGLE.replace(b"DTEND:20260311T163000Z", b"DTEND:20260311T163000Z\r\nDTEND:20260311T170000Z", 1),
                     "line 12: DTEND of the event that starts on line 9 appears twice", id="two DTENDs"),
        pytest.param(OUTLOOK.replace(b'"W. Europe Standard Time":20260316T10', b'"' + b"x" * 300 + b'":20260316T10', 1),
                     "line 28: DTSTART of the VEVENT that starts on line 21: a TZID that is no time zone name",
                     id="zone name longer than a file name"),
    ],
)  # fmt: skip
def test_what_fuzzing_found_in_calendars(payload: bytes, message: str | None) -> None:
    """Each leaked a calendar library's own error (ZoneInfoNotFoundError, AttributeError, InvalidCalendar, OSError)."""
    if message is None:  # two rules: both are expanded
        result = inz.import_from(io.BytesIO(payload), "ics", options=OPTIONS)
        assert result.entities
        return
    with pytest.raises(inz.InvalidData, match=message):
        inz.import_from(io.BytesIO(payload), "ics", options=OPTIONS)
