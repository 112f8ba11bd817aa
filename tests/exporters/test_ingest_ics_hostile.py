"""Calendars that hang, crash or trip a reader: rules out of range, deep nesting, characters split by a fold.

Found by an outside review (review-14): ``INTERVAL=0`` ran for ever, ``INTERVAL=-1`` escaped as a
plugin error, 50,000 nested components took minutes, and a fold inside an ``ä`` was "not UTF-8".
Every test reads real text through the ``ics`` importer or ``read_busy``.
"""

from __future__ import annotations

import io
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import date
from types import FrameType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import integrationsnetz as inz
from integrationsnetz import ImportOptions, InvalidData, Meeting
from integrationsnetz.ingest.ics_lines import MAX_DEPTH

YEAR_2027 = {"start": date(2027, 1, 1), "end": date(2027, 12, 31)}


def calendar(*events: str) -> bytes:
    """A calendar of VEVENTs written as ``"NAME:value"`` lines joined by ``|``."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//test//EN"]
    for event in events:
        lines += ["BEGIN:VEVENT", *event.split("|"), "END:VEVENT"]
    return ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode()


def read(payload: bytes, on_error: str = "refuse") -> inz.ImportResult:
    options = ImportOptions(network_id="netz", source="kalender.ics", on_error=on_error)  # type: ignore[arg-type]
    return inz.import_from(io.BytesIO(payload), "ics", options=options)


class Hung(Exception):
    """The block ran past its deadline."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Interrupt the block (a hang) after ``seconds`` of wall time: the test fails instead of waiting."""

    def ring(_signal: int, _frame: FrameType | None) -> None:
        raise Hung(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def event(rule: str) -> str:
    return f"UID:r@x|SUMMARY:Regel|DTSTART:20270104T100000Z|DTEND:20270104T101000Z|RRULE:{rule}"


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("FREQ=DAILY;INTERVAL=0", "INTERVAL must be a whole number of 1 or more"),  # ran for ever
        ("FREQ=WEEKLY;INTERVAL=-1;COUNT=3", "INTERVAL must be a whole number of 1 or more"),  # PluginError
        ("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY must be a whole number from ±1 to ±31"),
        ("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY must be a whole number from ±1 to ±31"),
        ("FREQ=DAILY;BYHOUR=24", "BYHOUR must be a whole number from 0 to 23"),
        ("FREQ=DAILY;BYMINUTE=60", "BYMINUTE must be a whole number from 0 to 59"),
        ("FREQ=YEARLY;BYYEARDAY=367", "BYYEARDAY must be a whole number from ±1 to ±366"),
        ("FREQ=YEARLY;BYWEEKNO=-54", "BYWEEKNO must be a whole number from ±1 to ±53"),
        ("FREQ=YEARLY;BYMONTH=13", "BYMONTH must be a whole number from 1 to 12"),
        ("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0", "BYSETPOS must be a whole number from ±1 to ±366"),
        ("FREQ=YEARLY;BYDAY=54MO", "BYDAY: the number before a weekday must be from ±1 to ±53 (-1FR: the last Friday)"),
        ("FREQ=MONTHLY;BYDAY=6MO", "BYDAY: a weekday comes at most five times in a month (-1FR: the last Friday)"),
    ],
)
def test_rule_parts_out_of_range_are_refused_with_the_rrule_line(rule: str, message: str) -> None:
    payload = calendar(event(rule))
    with deadline(5), pytest.raises(InvalidData) as caught:
        read(payload)
    assert str(caught.value) == f"kalender.ics: line 9: RRULE of the event that starts on line 4: {message}"
    with deadline(5):
        skipped = read(payload, on_error="skip")
    assert skipped.entities == ()
    (skip,) = skipped.skipped
    assert skip.line == 9
    assert message in skip.reason


def test_a_rule_out_of_range_in_a_members_calendar_names_the_line_and_blocks_nothing_else() -> None:
    good = "UID:g@x|DTSTART:20270105T100000Z|DTEND:20270105T110000Z"
    payload = calendar(event("FREQ=WEEKLY;INTERVAL=-1"), good)
    with deadline(5), pytest.raises(InvalidData, match=r"line 9: RRULE .*: INTERVAL must be"):
        inz.read_busy(payload, "im-1", **YEAR_2027)
    with deadline(5):
        result = inz.read_busy(payload, "im-1", on_error="skip", **YEAR_2027)
    assert len(result.busy) == 1
    assert [skip.line for skip in result.skipped] == [9]


PARTS = {
    "FREQ": st.sampled_from(["YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY", "X"]),
    "INTERVAL": st.integers(-3, 400),
    "COUNT": st.integers(-2, 10**7),
    "UNTIL": st.sampled_from(["20270301", "20270301T100000Z", "99991231T235959Z", "10000101"]),
    "BYSECOND": st.integers(-2, 62),
    "BYMINUTE": st.integers(-2, 61),
    "BYHOUR": st.integers(-2, 25),
    "BYDAY": st.builds(
        lambda number, day: f"{number or ''}{day}", st.integers(-55, 55), st.sampled_from(["MO", "TU", "SU", "XX"])
    ),
    "BYMONTHDAY": st.integers(-33, 33),
    "BYYEARDAY": st.integers(-368, 368),
    "BYWEEKNO": st.integers(-55, 55),
    "BYMONTH": st.integers(-1, 14),
    "BYSETPOS": st.integers(-400, 400),
    "WKST": st.sampled_from(["MO", "SU", "XX"]),
}


@st.composite
def rules(draw: st.DrawFn) -> str:
    """An RRULE of random parts, each with values around and beyond RFC 5545's bounds."""
    chosen = draw(st.lists(st.sampled_from(sorted(PARTS)), min_size=1, max_size=5, unique=True))
    parts = [] if "FREQ" in chosen else [f"FREQ={draw(PARTS['FREQ'])}"]
    for key in chosen:
        values = draw(st.lists(PARTS[key], min_size=1, max_size=1 if key in ("FREQ", "COUNT", "UNTIL",
                                                                              "INTERVAL", "WKST") else 3))  # fmt: skip
        parts.append(f"{key}={','.join(str(value) for value in values)}")
    return ";".join(parts)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rule=rules(), on_error=st.sampled_from(["refuse", "skip"]), all_day=st.booleans())
def test_no_rule_hangs_or_escapes_with_a_foreign_error(rule: str, on_error: str, all_day: bool) -> None:
    """Any mix of parts: read or refused with the library's error, within two seconds (import and busy)."""
    start = "DTSTART;VALUE=DATE:20270104" if all_day else "DTSTART;TZID=Europe/Berlin:20270104T100000"
    payload = calendar(f"UID:f@x|SUMMARY:Fuzz|{start}|RRULE:{rule}")
    began = time.monotonic()
    with deadline(10):
        with suppress(InvalidData):
            read(payload, on_error=on_error)
        with suppress(InvalidData):
            inz.read_busy(payload, "im-1", on_error=on_error, **YEAR_2027)  # type: ignore[arg-type]
    assert time.monotonic() - began < 4, f"{rule} took {time.monotonic() - began:.1f} s"


def nested(levels: int) -> bytes:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + "BEGIN:X-A\r\n" * levels + "END:X-A\r\n" * levels
            + "END:VCALENDAR\r\n").encode()  # fmt: skip


def flat(levels: int) -> bytes:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + "BEGIN:X-A\r\nEND:X-A\r\n" * levels + "END:VCALENDAR\r\n").encode()


def test_deep_nesting_is_refused_at_once_with_its_line() -> None:
    """50,000 levels took minutes (each END looked at every open component); now: refused at level 20."""
    levels = 50_000
    began = time.process_time()
    read(flat(levels), on_error="skip")  # the same size, the same number of components
    baseline = time.process_time() - began
    began = time.process_time()
    for on_error in ("refuse", "skip"):
        with deadline(30), pytest.raises(InvalidData) as caught:
            read(nested(levels), on_error=on_error)
        assert str(caught.value) == (
            f"kalender.ics: line {MAX_DEPTH + 2}: components nested more than {MAX_DEPTH} levels deep; "
            "a calendar has three or four"
        )
    assert time.process_time() - began < 2 * baseline + 0.1


def test_nesting_within_the_limit_and_many_stray_ends_read_in_linear_time() -> None:
    """An END that closes nothing, or an outer component, finds its BEGIN without a scan."""
    inner = "BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20270104T100000Z\r\n" + "BEGIN:X-A\r\n" * (MAX_DEPTH - 3)
    ends = "END:X-NEVER-OPENED\r\n" * 50_000 + "END:VEVENT\r\n"
    payload = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + inner + ends + "END:VCALENDAR\r\n").encode()
    began = time.process_time()
    read(flat(25_000), on_error="skip")  # as many lines, each component closed at once
    baseline = time.process_time() - began
    with deadline(30):
        began = time.process_time()
        result = read(payload, on_error="skip")
        used = time.process_time() - began
    assert result.entities == ()
    assert used < 3 * baseline + 0.2


def test_a_fold_inside_a_character_is_joined_before_decoding() -> None:
    """RFC 5545 §3.1 folds octets: an exporter folding at 75 octets splits an ``ä`` into two lines."""
    title = "ä" * 40
    raw = f"SUMMARY:{title}".encode()
    split_at = 51  # between the two bytes of an ä
    assert raw[split_at - 1 : split_at] == b"\xc3"
    folded = raw[:split_at] + b"\r\n " + raw[split_at:]
    payload = calendar("UID:f@x|DTSTART:20270104T100000Z|DTEND:20270104T110000Z|SUMMARY-PLACEHOLDER")
    payload = payload.replace(b"SUMMARY-PLACEHOLDER", folded)
    for on_error in ("refuse", "skip"):
        (meeting,) = read(payload, on_error=on_error).entities
        assert isinstance(meeting, Meeting)
        assert meeting.title == title
    with pytest.raises(InvalidData, match=r"line 5: not UTF-8"):  # bytes that are no UTF-8 at all still are not
        read(payload.replace(b"UID:f@x", b"UID:f\xff@x"))
