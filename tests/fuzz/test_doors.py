"""The fuzz profile: every door that reads a file, fed mutated real files.

Each input is either accepted or refused with the library's own error, within a time limit; an
accepted document is saved (as a draft where its references are broken) and read back equal, and
a refused one leaves every file as it was. ``./dev test``
runs each target at 300 examples; ``./dev fuzz`` at 20,000 each (the ``fuzz`` profile).
"""

from __future__ import annotations

import io
import json
import tempfile
import time
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import tomli_w
import wartburgkreis
from hypothesis import assume, given
from hypothesis import strategies as st

import integrationsnetz as inz
from integrationsnetz import documents
from integrationsnetz.courses.course_list import read_course_list, sample_course_list
from integrationsnetz.ingest import ImportOptions
from integrationsnetz.schedule.config import load_plan_config
from integrationsnetz.testing.fuzzing import accepted_or_refused, fuzz_settings, mutated_bytes, mutated_tree
from integrationsnetz.testing.samples import sample_network

ROOT = Path(__file__).parents[2]
FIXTURES = ROOT / "tests" / "exporters" / "fixtures"
NETWORK = wartburgkreis.build()  # the course list's providers
SAMPLE = sample_network()  # small (31 entities), with the tricky values: zones, folds, escapes, a sentinel
DOCUMENT = orjson.loads(documents.dumps(SAMPLE, "json"))
PLANNING_FILE = (ROOT / "examples" / "wartburgkreis.toml").read_bytes()
PLANNING = tomllib.loads(PLANNING_FILE.decode("utf-8"))
ACTOR_CSV = (FIXTURES / "akteure_landratsamt.csv").read_bytes()
COURSE_CSV = sample_course_list()
CALENDARS = [path.read_bytes() for path in sorted(FIXTURES.glob("*.ics"))]


def _toml(tree: Any) -> bytes:
    try:
        return tomli_w.dumps(tree).encode("utf-8")
    except (TypeError, ValueError):  # None or a non-string key: not TOML at all
        assume(False)
        raise


def _load_then_save_and_reload(payload: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"netzwerk.{suffix}"
        path.write_bytes(payload)
        loaded = accepted_or_refused(lambda: documents.load(path))
        if isinstance(loaded, inz.IntegrationsnetzError):
            assert path.read_bytes() == payload  # a refused document is left as it was
            return
        for other in ("json", "toml"):
            copy = Path(folder) / f"copy.{other}"
            checked = accepted_or_refused(lambda copy=copy: documents.save(loaded, copy))  # references checked
            if isinstance(checked, inz.IntegrationsnetzError):
                assert not copy.exists()  # refused: nothing written
                documents.save(loaded, copy, draft=True)  # what loaded can always be saved as a draft
            assert documents.load(copy) == loaded


@fuzz_settings()
@given(tree=mutated_tree(DOCUMENT), suffix=st.sampled_from(["json", "toml"]))
def test_structurally_mutated_documents(tree: Any, suffix: str) -> None:
    payload = json.dumps(tree).encode("utf-8") if suffix == "json" else _toml(tree)
    _load_then_save_and_reload(payload, suffix)


@fuzz_settings()
@given(choice=st.data(), suffix=st.sampled_from(["json", "toml"]))
def test_byte_mutated_documents(choice: st.DataObject, suffix: str) -> None:
    original = documents.dumps(SAMPLE, suffix)  # type: ignore[arg-type]
    _load_then_save_and_reload(choice.draw(mutated_bytes(original)), suffix)


@fuzz_settings()
@given(tree=mutated_tree(PLANNING), raw=st.booleans(), choice=st.data())
def test_mutated_planning_files(tree: Any, raw: bool, choice: st.DataObject) -> None:
    payload = choice.draw(mutated_bytes(PLANNING_FILE)) if raw else _toml(tree)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.toml"
        path.write_bytes(payload)
        accepted_or_refused(lambda: load_plan_config(path))


@fuzz_settings()
@given(choice=st.data())
def test_mutated_actor_lists(choice: st.DataObject) -> None:
    payload = choice.draw(mutated_bytes(ACTOR_CSV))
    options = ImportOptions(network_id="netz-wak", source="akteure.csv")
    accepted_or_refused(lambda: inz.import_from(io.BytesIO(payload), "csv", options=options))


@fuzz_settings()
@given(choice=st.data())
def test_mutated_course_lists(choice: st.DataObject) -> None:
    payload = choice.draw(mutated_bytes(COURSE_CSV))
    accepted_or_refused(lambda: read_course_list(payload, NETWORK, name="kurse.csv", new_providers=True))


#: Lines that make calendar parsers trip or run: rules without end or that never match, dates
#: at the edges of time, unknown zones, nested and broken components, hostile URLs.
CALENDAR_LINES = [
    b"RRULE:FREQ=SECONDLY", b"RRULE:FREQ=MINUTELY;COUNT=100000000", b"RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
    b"RRULE:FREQ=SECONDLY;BYSETPOS=2", b"RRULE:FREQ=DAILY;INTERVAL=7;BYDAY=MO", b"RRULE:FREQ=YEARLY;UNTIL=99991231",
    b"RRULE:", b"DTSTART:99991231T235959Z", b"DTSTART:00010101T000000Z", b"DTSTART;VALUE=DATE:20260101",
    b"DTEND:20260101T100000Z", b"DURATION:PT0S", b"DURATION:-P1D", b"RDATE;VALUE=PERIOD:20260101T100000Z/PT1H",
    b"EXDATE:00010101", b"RECURRENCE-ID;RANGE=THISANDFUTURE:20260311T150000Z", b"RECURRENCE-ID;VALUE=DATE:20260311",
    b"DTSTART;TZID=Nowhere/Else:20260101T100000", b"X-WR-TIMEZONE:Mars/Olympus", b"BEGIN:VEVENT", b"END:VEVENT",
    b"BEGIN:VCALENDAR", b"END:VCALENDAR", b"UID:", b"URL:javascript:alert(1)", b"CREATED:00001231T000000Z",
    b"SEQUENCE:-1", b"CALSCALE:HEBREW", b"RRULE:RSCALE=HEBREW;FREQ=YEARLY",
    # review-14: a rule that ran for ever or crashed, deep nesting, a fold inside a character
    b"RRULE:FREQ=DAILY;INTERVAL=0", b"RRULE:FREQ=WEEKLY;INTERVAL=-1;COUNT=3", b"RRULE:FREQ=MONTHLY;BYDAY=8MO",
    b"RRULE:FREQ=YEARLY;UNTIL=10000101", b"RRULE:FREQ=DAILY;BYHOUR=25", b"BEGIN:X-A\r\n" * 30,
    b"SUMMARY:\xc3\r\n \xa4", b"FREEBUSY:garbage", b"DTSTART;TZID=Europe/Berlin:20100104T100000",
]  # fmt: skip


def _small_corpus() -> list[bytes]:
    """The calendars icalendar and recurring-ical-events ship, up to 20 KB each (the fuzz seeds)."""
    import icalendar
    import recurring_ical_events

    paths = (
        path for module in (icalendar, recurring_ical_events) for path in Path(module.__file__).parent.rglob("*.ics")
    )
    return [path.read_bytes() for path in sorted(paths) if path.stat().st_size < 20_000]


CALENDAR_SEEDS = CALENDARS + _small_corpus()


@st.composite
def mutated_calendar(draw: st.DrawFn) -> bytes:
    """A real calendar, changed line by line (a tricky line inserted, a line doubled or dropped) and byte by byte."""
    lines = draw(st.sampled_from(CALENDAR_SEEDS)).split(b"\n")
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(lines)))
        match draw(st.sampled_from(["insert", "double", "drop"])):
            case "insert":
                lines.insert(at, draw(st.sampled_from(CALENDAR_LINES)) + b"\r")
            case "double" if at < len(lines):
                lines.insert(at, lines[at])
            case _ if at < len(lines):
                del lines[at]
    joined = b"\n".join(lines)
    return draw(mutated_bytes(joined, max_mutations=2)) if draw(st.booleans()) else joined


@fuzz_settings()
@given(payload=mutated_calendar(), tolerant=st.booleans())
def test_mutated_calendars(payload: bytes, tolerant: bool) -> None:
    """Imported or refused with the library's error, in both modes, and within two seconds of CPU."""
    options = ImportOptions(network_id="netz-wak", source="kalender.ics", on_error="skip" if tolerant else "refuse")
    began = time.process_time()
    accepted_or_refused(lambda: inz.import_from(io.BytesIO(payload), "ics", options=options))
    assert time.process_time() - began < 2.0, "one calendar took more than two seconds"


@fuzz_settings()
@given(payload=mutated_calendar(), tolerant=st.booleans())
def test_mutated_calendars_as_busy_time(payload: bytes, tolerant: bool) -> None:
    """A member's calendar as busy time: read or refused with the library's error, within two seconds of CPU."""
    began = time.process_time()
    accepted_or_refused(lambda: inz.read_busy(payload, "im-1", start=date(2026, 1, 1), end=date(2026, 12, 31),
                                              on_error="skip" if tolerant else "refuse"))  # fmt: skip
    assert time.process_time() - began < 2.0, "one calendar took more than two seconds"


def _reply_calendars() -> list[bytes]:
    """The calendars of the REPLY fixtures (Outlook, Thunderbird, Apple Mail), decoded."""
    import email
    from email import policy

    found = []
    for path in sorted((ROOT / "tests" / "mail" / "fixtures").glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        for part in message.walk():
            payload = part.get_payload(decode=True)
            if part.get_content_type() == "text/calendar" and isinstance(payload, bytes):
                found.append(payload)
    return found


REPLY_CALENDARS = _reply_calendars()
#: Lines that a forged or broken answer carries: dates that cannot be, answers for others, no answer.
REPLY_LINES = [
    b"DTSTAMP:99999999T999999Z", b"RECURRENCE-ID:notadate", b"SEQUENCE:abc", b"SEQUENCE:99999999999999999999",
    b"ATTENDEE;PARTSTAT=ACCEPTED:mailto:someone@else.example", b"ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO=x:mailto:",
    b"ATTENDEE:invalid", b"PARTSTAT=", b"METHOD:REQUEST", b"METHOD:REPLY", b"UID:", b"DTSTAMP;VALUE=DATE:20270101",
    b"RECURRENCE-ID;TZID=Nowhere/Else:20270112T140000", *CALENDAR_LINES,
]  # fmt: skip


@st.composite
def mutated_reply(draw: st.DrawFn) -> bytes:
    """An answer e-mail around a REPLY calendar changed line by line, the whole message then byte by byte."""
    lines = draw(st.sampled_from(REPLY_CALENDARS)).split(b"\n")
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(lines)))
        lines.insert(at, draw(st.sampled_from(REPLY_LINES)) + b"\r")
    calendar = b"\n".join(lines)
    head = b"From: zoe@example.org\r\nSubject: Zugesagt\r\nMIME-Version: 1.0\r\n"
    if draw(st.booleans()):
        message = head + b"Content-Type: text/calendar; method=REPLY; charset=utf-8\r\n\r\n" + calendar
    else:
        parts = b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nJa.\r\n'
        attached = b"--b\r\nContent-Type: application/ics; name=invite.ics\r\n\r\n" + calendar + b"\r\n--b--\r\n"
        message = head + parts + attached
    return draw(mutated_bytes(message, max_mutations=2)) if draw(st.booleans()) else message


@fuzz_settings()
@given(payload=mutated_reply())
def test_mutated_replies(payload: bytes) -> None:
    """An answer e-mail is read or reported as unreadable, never raised, and applying what was read raises nothing
    but the library's errors, within two seconds of CPU."""
    from integrationsnetz.mail import answer_invitations

    began = time.process_time()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "antwort.eml"
        path.write_bytes(payload)
        read = inz.read_replies(path)
    assert read.messages == 1
    accepted_or_refused(lambda: answer_invitations(SAMPLE, read.replies))
    assert time.process_time() - began < 2.0, "one answer took more than two seconds"
