"""A member's calendar stays private in every message, long-standing series reach the period, subscriptions log in.

Found by an outside review (review-14): a raw line break in a DESCRIPTION put the appointment's
text into ``integrationsnetz plan``'s error, a daily appointment since 2010 blocked nothing in 2027,
``https://user:pw@…`` failed as "(InvalidURL)". Real calendar text through ``read_busy``; the
subscriptions come from a real HTTP server on the loopback interface.
"""

from __future__ import annotations

import base64
import io
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest

import integrationsnetz as inz
from integrationsnetz import ImportOptions, InvalidData
from integrationsnetz.ingest.ics_series import MAX_DATES_PER_SERIES

YEAR_2027 = {"start": date(2027, 1, 1), "end": date(2027, 12, 31)}
SECRET = "Herrn Mueller wegen Kuendigung"


def calendar(*events: str) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//test//EN"]
    for event in events:
        lines += ["BEGIN:VEVENT", *event.split("|"), "END:VEVENT"]
    return ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode()


BROKEN_BY_A_LINE_BREAK = calendar(
    "UID:a|SUMMARY:Personalgespräch|DTSTART;TZID=Europe/Berlin:20270112T133000"
    f"|DTEND;TZID=Europe/Berlin:20270112T150000|DESCRIPTION:Gespraech mit|{SECRET}",
    "UID:b|DTSTART:20270113T080000Z|DTEND:20270113T090000Z",
)


def test_no_text_of_a_members_calendar_appears_in_a_message() -> None:
    """Outlook writes a DESCRIPTION's line break raw: the next line is text, not a content line."""
    with pytest.raises(InvalidData) as caught:
        inz.read_busy(BROKEN_BY_A_LINE_BREAK, "im-1", **YEAR_2027)
    assert str(caught.value) == (
        "<calendar bytes>: line 10: expected a content line NAME:value (a line break inside a value?)"
    )
    tolerant = inz.read_busy(BROKEN_BY_A_LINE_BREAK, "im-1", on_error="skip", **YEAR_2027)
    assert [skip.line for skip in tolerant.skipped] == [10]
    assert len(tolerant.busy) == 1  # the other entry still blocks
    for text in (repr(tolerant), *(str(skip) for skip in tolerant.skipped)):
        assert "Mueller" not in text
        assert "Personalgespräch" not in text
    # The importer reads the user's own file: it may quote the line, cut short.
    with pytest.raises(InvalidData, match="got 'Herrn Mueller"):
        inz.import_from(io.BytesIO(BROKEN_BY_A_LINE_BREAK), "ics", options=ImportOptions(network_id="n"))


@pytest.mark.parametrize(
    "event",
    [
        "UID:a|DTSTART;TZID=Mueller/Kuendigung:20270112T133000|DTEND:20270112T150000Z",  # a zone name
        "UID:a|DTSTART:20270112T133000Z|DTEND:Mueller-Kuendigung",  # a value icalendar cannot read
        "UID:a|DTSTART:20270112T133000Z|DTEND:20270112T150000Z|RRULE:FREQ=MUELLER",  # a rule
        "UID:a|DTSTART:20270112T133000Z|DTEND:20270112T150000Z|RRULE:FREQ=DAILY;X=Mueller;INTERVAL=Mueller",
        "UID:a|DTSTART:20270112T133000Z|DTEND:20270112T150000Z|Mueller:Kuendigung|END:MUELLER",
    ],
)
def test_broken_values_are_named_by_line_and_property_only(event: str) -> None:
    for on_error in ("refuse", "skip"):
        try:
            said = str(inz.read_busy(calendar(event), "im-1", on_error=on_error, **YEAR_2027))  # type: ignore[arg-type]
        except InvalidData as exc:
            said = str(exc)
        assert "line" in said or on_error == "skip"
        assert "MUELLER" not in said.upper(), said


def test_a_login_page_instead_of_a_calendar_is_refused_without_quoting_it(
    server: Callable[..., str],
) -> None:
    page = server("/private-4711/kalender.ics", f"<html><body>Anmeldung {SECRET}</body></html>".encode())
    for on_error in ("refuse", "skip"):
        with pytest.raises(InvalidData) as caught:
            inz.read_busy(page, "im-1", on_error=on_error, **YEAR_2027)  # type: ignore[arg-type]
        assert str(caught.value).endswith(": line 1: expected BEGIN:VCALENDAR; the file holds no calendar")
        assert "Mueller" not in str(caught.value)
        assert "4711" not in str(caught.value)


# -- a series since long ago reaches the period ---------------------------------------------------


def standing(start: str, rule: str) -> bytes:
    return calendar(f"UID:old|DTSTART;TZID=Europe/Berlin:{start}T100000|DTEND;TZID=Europe/Berlin:{start}T103000"
                    f"|RRULE:{rule}")  # fmt: skip


def test_a_daily_appointment_since_2010_still_blocks_2027() -> None:
    """The 5,000-date cap counted from 2010: nothing was left for 2027 (the planner booked over it)."""
    result = inz.read_busy(standing("20100104", "FREQ=DAILY"), "im-1", **YEAR_2027)
    assert len(result.busy) == 365
    assert result.busy[0].start.isoformat() == "2027-01-01T10:00:00+01:00"
    assert result.skipped == ()
    workdays = inz.read_busy(standing("20080107", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"), "im-1", **YEAR_2027)
    assert len(workdays.busy) == 261
    counted = inz.read_busy(standing("20100104", "FREQ=DAILY;COUNT=6210"), "im-1", **YEAR_2027)  # to 2027-01-04
    assert [busy.start.day for busy in counted.busy] == [1, 2, 3, 4]


@pytest.mark.parametrize("frequency", ["HOURLY", "MINUTELY", "SECONDLY"])
def test_rules_of_hours_minutes_seconds_since_2010_stay_quick_and_capped_in_the_period(frequency: str) -> None:
    began = time.process_time()
    result = inz.read_busy(standing("20100101", f"FREQ={frequency}"), "im-1", **YEAR_2027)
    assert time.process_time() - began < 2
    first = result.busy[0]
    assert first.start.astimezone(UTC) == datetime(2026, 12, 31, 23, tzinfo=UTC)  # midnight in Berlin
    (skip,) = result.skipped
    assert f"more than {MAX_DATES_PER_SERIES:,} dates" in skip.reason
    length = {"HOURLY": timedelta(hours=1), "MINUTELY": timedelta(minutes=1), "SECONDLY": timedelta(seconds=1)}
    last = result.busy[-1]
    assert last.end.astimezone(UTC) - first.start.astimezone(UTC) >= (MAX_DATES_PER_SERIES - 1) * length[frequency]


def test_dates_that_cannot_be_skipped_before_the_period_are_capped_and_reported() -> None:
    every_day = ",".join(str(day) for day in range(1, 29))
    began = time.process_time()
    result = inz.read_busy(standing("19500101", f"FREQ=MONTHLY;BYMONTHDAY={every_day}"), "im-1", **YEAR_2027)
    assert time.process_time() - began < 3
    (skip,) = result.skipped
    assert "dates before the period read" in skip.reason
    assert skip.line == 4


# -- subscriptions ------------------------------------------------------------------------------------

Serve = Callable[..., str]
BUSY = calendar("UID:a|SUMMARY:Geheim|DTSTART:20270309T080000Z|DTEND:20270309T090000Z")


def test_an_address_with_user_and_password_logs_in_with_basic_auth(server: Serve) -> None:
    """Nextcloud's private export with an app password: ``https://anna:app-pw@cloud…/…?export``."""
    address = server("/remote.php/dav/calendars/anna/k/?export", BUSY, login="anna:S3cr%t pw")
    with_login = address.replace("http://", "http://anna:S3cr%25t%20pw@")
    assert len(inz.read_busy(with_login, "im-1", **YEAR_2027).busy) == 1
    sent = "Basic " + base64.b64encode(b"anna:S3cr%t pw").decode()
    assert sent in [given for _, given in server.seen]  # type: ignore[attr-defined]
    with pytest.raises(InvalidData) as caught:
        inz.read_busy(with_login.replace("S3cr", "Falsch"), "im-1", **YEAR_2027)
    assert str(caught.value).endswith("the server answered 401 Unauthorized (wrong user name or password in "
                                      "the address?)")  # fmt: skip
    assert "anna" not in str(caught.value)
    assert "Falsch" not in str(caught.value)
    with pytest.raises(InvalidData, match=r"401 Unauthorized \(the address needs a user name and password"):
        inz.read_busy(address, "im-1", **YEAR_2027)


def test_a_redirect_to_another_host_gets_no_password(server: Serve) -> None:
    target = server("/elsewhere.ics", BUSY)
    other = target.replace("127.0.0.1", "localhost")  # another host name for the same server
    away = server("/k.ics", b"", 302, {"Location": other}, login="anna:pw")
    result = inz.read_busy(away.replace("http://", "http://anna:pw@"), "im-1", **YEAR_2027)
    assert len(result.busy) == 1
    seen = dict(server.seen)  # type: ignore[attr-defined]
    assert seen["/k.ics"] is not None
    assert seen["/elsewhere.ics"] is None


def test_a_redirect_loop_is_one_line(server: Serve) -> None:
    loop = server("/loop.ics", b"", 302, {"Location": "/loop.ics"})
    with pytest.raises(InvalidData) as caught:
        inz.read_busy(loop, "im-1")
    assert "\n" not in str(caught.value)
    assert str(caught.value).endswith("the server answered 302 and redirects in a loop or too often")


@pytest.mark.parametrize("address", ["http://[::1:18714/x", "https://[::1/x?TOKENX", "webcal://host:port/x"])
def test_an_address_that_cannot_be_read_is_the_librarys_error(address: str) -> None:
    with pytest.raises(InvalidData) as caught:
        inz.read_busy(address, "im-1")
    assert "TOKENX" not in str(caught.value)
    assert "/x" not in str(caught.value)
