"""A member's calendar read as busy time: what blocks, what does not, what is never kept, and the limits.

Every test parses real calendar text through ``read_busy`` (icalendar and dateutil underneath); the
subscription tests fetch from a real HTTP server on the loopback interface.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import integrationsnetz as inz
from integrationsnetz import InvalidData, WrongType
from integrationsnetz.ingest.ics_series import MAX_DATES_PER_SERIES

BERLIN = ZoneInfo("Europe/Berlin")
YEAR_2027 = {"start": date(2027, 1, 1), "end": date(2027, 12, 31)}


def calendar(*events: str, extra: str = "") -> bytes:
    """A calendar of VEVENTs written as ``"NAME:value"`` lines joined by ``|``; ``extra`` adds raw components."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//test//EN"]
    for event in events:
        lines += ["BEGIN:VEVENT", *event.split("|"), "END:VEVENT"]
    lines += [line for line in extra.split("|") if line]
    return ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode()


def spans(result: inz.BusyTimes) -> list[tuple[datetime, datetime]]:
    return [(busy.start.astimezone(UTC), busy.end.astimezone(UTC)) for busy in result.busy]


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def test_opaque_and_tentative_entries_block_transparent_and_cancelled_ones_do_not() -> None:
    payload = calendar(
        "UID:a|SUMMARY:Arzttermin|DTSTART;TZID=Europe/Berlin:20270309T133000|DTEND;TZID=Europe/Berlin:20270309T150000",
        "UID:b|SUMMARY:frei|TRANSP:TRANSPARENT|DTSTART:20270310T080000Z|DTEND:20270310T090000Z",
        "UID:c|SUMMARY:abgesagt|STATUS:CANCELLED|DTSTART:20270311T080000Z|DTEND:20270311T090000Z",
        "UID:d|SUMMARY:vielleicht|STATUS:TENTATIVE|DTSTART:20270312T080000Z|DTEND:20270312T090000Z",
        "UID:e|SUMMARY:Outlook frei|X-MICROSOFT-CDO-BUSYSTATUS:FREE|DTSTART:20270313T080000Z|DTEND:20270313T090000Z",
        "UID:f|SUMMARY:Frist|DTSTART:20270314T080000Z",  # a point in time: no busy time
        "UID:g|SUMMARY:explizit|TRANSP:OPAQUE|STATUS:CONFIRMED|DTSTART:20270315T080000Z|DTEND:20270315T090000Z",
    )
    result = inz.read_busy(payload, "im-1", **YEAR_2027)
    assert spans(result) == [
        (utc(2027, 3, 9, 12, 30), utc(2027, 3, 9, 14)),
        (utc(2027, 3, 12, 8), utc(2027, 3, 12, 9)),
        (utc(2027, 3, 15, 8), utc(2027, 3, 15, 9)),
    ]
    assert {busy.person_id for busy in result.busy} == {"im-1"}
    free = inz.read_busy(payload, "im-1", tentative="free", **YEAR_2027)
    assert utc(2027, 3, 12, 8) not in [start for start, _ in spans(free)]


def test_nothing_but_times_is_kept() -> None:
    """Titles, places, descriptions and attendees are in no field of the result, nor in its report."""
    payload = calendar(
        "UID:geheim-uid@example.org|SUMMARY:Therapie Dr. Geheim|LOCATION:Praxis Geheimweg 1|DESCRIPTION:vertraulich"
        "|ATTENDEE;CN=Frau Geheim:mailto:geheim@example.org|DTSTART:20270309T080000Z|DTEND:20270309T090000Z",
        "UID:kaputt|SUMMARY:Kaputt Geheim|DTSTART:20270310T080000Z|DTEND:nonsense",
    )
    result = inz.read_busy(payload, "im-1", on_error="skip", **YEAR_2027)
    assert spans(result) == [(utc(2027, 3, 9, 8), utc(2027, 3, 9, 9))]
    assert result.skipped
    assert all(skip.line is not None for skip in result.skipped)
    assert "geheim" not in repr(result).lower()


def test_all_day_entries_are_whole_days_and_free_ones_are_not() -> None:
    payload = calendar(
        "UID:u|SUMMARY:Urlaub|DTSTART;VALUE=DATE:20270315|DTEND;VALUE=DATE:20270320",
        "UID:v|SUMMARY:Fortbildung|DTSTART;VALUE=DATE:20270319|DTEND;VALUE=DATE:20270323",  # overlaps: merged
        "UID:w|SUMMARY:Geburtstag|TRANSP:TRANSPARENT|DTSTART;VALUE=DATE:20270401",
        "UID:x|SUMMARY:Alter Urlaub|DTSTART;VALUE=DATE:20261230|DTEND;VALUE=DATE:20270103",  # cut to the period
    )
    result = inz.read_busy(payload, "im-1", **YEAR_2027)
    assert [(a.start, a.end, a.reason) for a in result.absences] == [
        (date(2027, 1, 1), date(2027, 1, 2), None),
        (date(2027, 3, 15), date(2027, 3, 22), None),
    ]
    assert result.busy == ()


def test_free_busy_periods_by_their_type() -> None:
    freebusy = (
        "BEGIN:VFREEBUSY|UID:fb|DTSTART:20270301T000000Z|DTEND:20270401T000000Z"
        "|FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:20270302T080000Z/PT8H,20270303T080000Z/20270303T100000Z"
        "|FREEBUSY:20270304T080000Z/PT1H|FREEBUSY;FBTYPE=FREE:20270305T080000Z/PT1H"
        "|FREEBUSY;FBTYPE=BUSY-TENTATIVE:20270306T080000Z/PT1H|END:VFREEBUSY"
    )
    result = inz.read_busy(calendar(extra=freebusy), "im-2", **YEAR_2027)
    assert spans(result) == [
        (utc(2027, 3, 2, 8), utc(2027, 3, 2, 16)),
        (utc(2027, 3, 3, 8), utc(2027, 3, 3, 10)),
        (utc(2027, 3, 4, 8), utc(2027, 3, 4, 9)),
        (utc(2027, 3, 6, 8), utc(2027, 3, 6, 9)),
    ]
    assert len(inz.read_busy(calendar(extra=freebusy), "im-2", tentative="free", **YEAR_2027).busy) == 3


def test_a_broken_free_busy_period_names_its_own_line() -> None:
    """The FREEBUSY line, not the VFREEBUSY's BEGIN (review-14 F15); the value is not quoted."""
    freebusy = "BEGIN:VFREEBUSY|UID:fb|DTSTAMP:20270101T000000Z|FREEBUSY:20270302T080000Z-geheim|END:VFREEBUSY"
    with pytest.raises(InvalidData, match=r"^<calendar bytes>: line 7: FREEBUSY of the VFREEBUSY that starts on "
                                          r"line 4: icalendar cannot read its value$") as caught:  # fmt: skip
        inz.read_busy(calendar(extra=freebusy), "im-2")
    assert "geheim" not in str(caught.value)
    (skip,) = inz.read_busy(calendar(extra=freebusy), "im-2", on_error="skip").skipped
    assert skip.line == 7


def test_a_weekly_series_with_exdate_and_a_moved_date() -> None:
    payload = calendar(
        "UID:jf|SUMMARY:Jour fixe|DTSTART;TZID=Europe/Berlin:20270302T100000|DTEND;TZID=Europe/Berlin:20270302T110000"
        "|RRULE:FREQ=WEEKLY;COUNT=4|EXDATE;TZID=Europe/Berlin:20270309T100000",
        "UID:jf|SUMMARY:Jour fixe|RECURRENCE-ID;TZID=Europe/Berlin:20270316T100000"
        "|DTSTART;TZID=Europe/Berlin:20270317T140000|DTEND;TZID=Europe/Berlin:20270317T150000",
        "UID:jf|SUMMARY:Jour fixe|RECURRENCE-ID;TZID=Europe/Berlin:20270323T100000|STATUS:CANCELLED"
        "|DTSTART;TZID=Europe/Berlin:20270323T100000|DTEND;TZID=Europe/Berlin:20270323T110000",
    )
    result = inz.read_busy(payload, "im-1", **YEAR_2027)
    assert [(b.start.astimezone(BERLIN).replace(tzinfo=None)) for b in result.busy] == [
        datetime(2027, 3, 2, 10),
        datetime(2027, 3, 17, 14),
    ]


def test_a_series_without_end_reaches_the_period_planned() -> None:
    """A weekly meeting since 2024 still blocks 2027 (the importer's default horizon would stop in 2025)."""
    payload = calendar("UID:s|DTSTART;TZID=Europe/Berlin:20240105T090000|DTEND;TZID=Europe/Berlin:20240105T100000"
                       "|RRULE:FREQ=WEEKLY")  # fmt: skip
    result = inz.read_busy(payload, "im-1", **YEAR_2027)
    assert len(result.busy) == 53  # every Friday of 2027
    assert result.busy[0].start == datetime(2027, 1, 1, 9, tzinfo=BERLIN)


def test_the_repeated_hour_of_the_autumn_night_is_two_different_hours() -> None:
    """01:30 to 02:30 in the second 02:00-03:00 hour (UTC 01:00) lies after the first (UTC 00:00)."""
    first = "UID:a|DTSTART:20271031T003000Z|DTEND:20271031T005000Z"  # 02:30-02:50 CEST
    second = "UID:b|DTSTART:20271031T013000Z|DTEND:20271031T015000Z"  # 02:30-02:50 CET
    result = inz.read_busy(calendar(first, second), "im-1", **YEAR_2027)
    assert spans(result) == [(utc(2027, 10, 31, 0, 30), utc(2027, 10, 31, 0, 50)),
                             (utc(2027, 10, 31, 1, 30), utc(2027, 10, 31, 1, 50))]  # fmt: skip
    assert [busy.start.fold for busy in result.busy] == [0, 1]
    zoned = "UID:c|DTSTART;TZID=Europe/Berlin:20271031T013000|DTEND;TZID=Europe/Berlin:20271031T033000"
    (busy,) = inz.read_busy(calendar(zoned), "im-1", **YEAR_2027).busy
    assert busy.end.astimezone(UTC) - busy.start.astimezone(UTC) == timedelta(hours=3)  # the hour repeats


def test_a_rule_of_minutes_is_cut_quickly() -> None:
    payload = calendar("UID:m|DTSTART:20270101T080000Z|DTEND:20270101T080100Z|RRULE:FREQ=MINUTELY")
    began = time.process_time()
    result = inz.read_busy(payload, "im-1", **YEAR_2027)
    assert time.process_time() - began < 5
    assert any(f"more than {MAX_DATES_PER_SERIES:,} dates" in skip.reason for skip in result.skipped)
    (busy,) = result.busy  # 5,000 touching minutes, merged
    assert busy.end.astimezone(UTC) - busy.start.astimezone(UTC) == timedelta(minutes=MAX_DATES_PER_SERIES)


def test_the_networks_own_entries_can_be_left_out() -> None:
    payload = calendar("UID:ours|DTSTART:20270309T080000Z|DTEND:20270309T090000Z",
                       "UID:theirs|DTSTART:20270310T080000Z|DTEND:20270310T090000Z")  # fmt: skip
    result = inz.read_busy(payload, "im-1", skip_uids={"ours"}, **YEAR_2027)
    assert spans(result) == [(utc(2027, 3, 10, 8), utc(2027, 3, 10, 9))]


def test_broken_files_and_arguments_raise_the_librarys_errors(tmp_path: Path) -> None:
    broken = tmp_path / "x.ics"
    broken.write_bytes(calendar("UID:a|DTSTART:20270309T080000Z|DTEND:kaputt"))
    with pytest.raises(InvalidData, match=r"x\.ics: line 7: DTEND of the event that starts on line 4"):
        inz.read_busy(broken, "im-1")
    with pytest.raises(InvalidData, match="cannot read the file"):
        inz.read_busy(tmp_path / "missing.ics", "im-1")
    with pytest.raises(InvalidData, match="expected BEGIN:VCALENDAR"):
        inz.read_busy(b"BEGIN:VEVENT\r\nEND:VEVENT\r\n", "im-1")
    with pytest.raises(InvalidData, match="larger than 10 bytes"):
        inz.read_busy(broken, "im-1", max_bytes=10)
    for wrong in ({"person_id": ""}, {"start": datetime(2027, 1, 1)}, {"tentative": "maybe"}, {"timeout": 0}):
        arguments: dict[str, object] = {"person_id": "im-1", **wrong}
        with pytest.raises(WrongType):
            inz.read_busy(b"", **arguments)  # type: ignore[arg-type]
    with pytest.raises(WrongType):
        inz.read_busy(12, "im-1")  # type: ignore[arg-type]


# -- subscriptions --------------------------------------------------------------------------------


def test_a_subscription_is_fetched_over_http(server: Callable[..., str]) -> None:
    address = server("/private-4711/basic.ics", calendar("UID:a|SUMMARY:Geheim|DTSTART:20270309T080000Z"
                                                        "|DTEND:20270309T090000Z"))  # fmt: skip
    result = inz.read_busy(address, "im-1", **YEAR_2027)
    assert spans(result) == [(utc(2027, 3, 9, 8), utc(2027, 3, 9, 9))]


def test_subscription_failures_are_the_librarys_errors_and_keep_the_secret(server: Callable[..., str]) -> None:
    missing = server("/private-4711/gone.ics", b"", 404)
    with pytest.raises(InvalidData, match=r"http://127\.0\.0\.1:\d+/…: the server answered 404") as caught:
        inz.read_busy(missing, "im-1")
    assert "4711" not in str(caught.value)
    big = server("/private-4711/big.ics", b"x" * 5000)
    with pytest.raises(InvalidData, match="larger than 1,000 bytes"):
        inz.read_busy(big, "im-1", max_bytes=1000)
    slow = server("/private-4711/slow.ics", b"SLOW")
    began = time.monotonic()
    with pytest.raises(InvalidData, match=r"took longer than 0\.5 seconds"):
        inz.read_busy(slow, "im-1", timeout=0.5)
    assert time.monotonic() - began < 3
    to_file = server("/private-4711/away.ics", b"", 302, {"Location": "file:///etc/passwd"})
    with pytest.raises(InvalidData, match="the server answered 302"):
        inz.read_busy(to_file, "im-1")
    refused = server("/x.ics", b"").replace(":", ":", 1).rsplit(":", 1)[0] + ":1/x.ics"  # nothing listens on port 1
    with pytest.raises(InvalidData, match="cannot fetch the calendar"):
        inz.read_busy(refused, "im-1", timeout=2)


def test_webcal_addresses_are_fetched_over_https() -> None:
    from integrationsnetz.ingest.subscription import is_address, shown, web_address

    address = "calendar.example.org/x.ics?token=s3cret"
    assert web_address(f"webcal://{address}") == f"https://{address}"
    assert web_address("WEBCALS://h.example/") == "https://h.example/"
    secret = "https://user:pw@calendar.example.org:8443/private-s3cret/basic.ics"
    assert shown(secret) == "https://calendar.example.org:8443/…"
    assert is_address("webcal://x")
    assert not is_address("kalender/x.ics")
    assert not is_address("ftp://x/y")
    with pytest.raises(InvalidData):
        web_address("https:///no-host")
