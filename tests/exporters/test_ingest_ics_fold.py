"""The repeated hour: 02:30 on the last Sunday of October happens twice, and both come back right.

A time in UTC is an instant, whatever ``X-WR-TIMEZONE`` says: Google exports every time in UTC
and names the calendar's zone there, and the importer reads the instant, not the wall-clock time
a parser makes of it (recurring-ical-events reads the second 02:30 an hour early).
"""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import attrs
import pytest

import integrationsnetz as inz
from integrationsnetz import ImportOptions, Meeting, MeetingKind, MeetingStatus
from integrationsnetz.exporters import ExportOptions
from integrationsnetz.testing.samples import sample_network

BERLIN = ZoneInfo("Europe/Berlin")
FIRST_0230 = datetime(2027, 10, 31, 2, 30, tzinfo=BERLIN)  # 00:30 UTC, summer time
SECOND_0230 = datetime(2027, 10, 31, 2, 30, fold=1, tzinfo=BERLIN)  # 01:30 UTC, winter time


def read(payload: bytes) -> list[Meeting]:
    result = inz.import_from(io.BytesIO(payload), "ics", options=ImportOptions(network_id="netz"))
    assert result.skipped == ()
    return [e for e in result.entities if isinstance(e, Meeting)]


def google_export(*events: tuple[str, str, str]) -> bytes:
    """A calendar as Google exports it: every time in UTC, the calendar's zone in X-WR-TIMEZONE."""
    rows = ["BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN", "VERSION:2.0",
            "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:Kreis", "X-WR-TIMEZONE:Europe/Berlin"]  # fmt: skip
    for uid, start, end in events:
        rows += ["BEGIN:VEVENT", f"DTSTART:{start}", f"DTEND:{end}", "DTSTAMP:20270101T000000Z",
                 f"UID:{uid}@google.com", "SUMMARY:Nachtschicht", "END:VEVENT"]  # fmt: skip
    return ("\r\n".join([*rows, "END:VCALENDAR"]) + "\r\n").encode()


def test_a_google_export_in_the_repeated_hour_keeps_both_0230s() -> None:
    meetings = read(google_export(("erste", "20271031T003000Z", "20271031T010000Z"),
                                  ("zweite", "20271031T013000Z", "20271031T020000Z")))  # fmt: skip
    assert [(m.start, m.start.fold, m.start.utcoffset()) for m in meetings] == [
        (FIRST_0230, 0, timedelta(hours=2)),
        (SECOND_0230, 1, timedelta(hours=1)),
    ]
    assert [m.end.astimezone(ZoneInfo("UTC")).strftime("%H:%M") for m in meetings] == ["01:00", "02:00"]


def test_the_two_0230s_of_one_series_get_two_ids() -> None:
    """A series whose dates are the two 02:30s (RDATE in UTC): two meetings, two ids."""
    payload = google_export(("serie", "20271031T003000Z", "20271031T010000Z")).replace(
        b"SUMMARY:", b"RDATE:20271031T013000Z\r\nSUMMARY:"
    )
    meetings = read(payload)
    assert [m.start.astimezone(ZoneInfo("UTC")).strftime("%H:%M") for m in meetings] == ["00:30", "01:30"]
    assert [m.id for m in meetings] == ["ics-serie@google.com-20271031T0230", "ics-serie@google.com-20271031T0130Z"]


def _night_meetings() -> inz.NetworkData:
    base = sample_network()
    template = Meeting(
        id="m",
        network_id=base.network.id,
        kind=MeetingKind.WORKING_GROUP,
        title="Nachtsitzung",
        start=FIRST_0230,
        end=FIRST_0230.replace(minute=50),
        status=MeetingStatus.CONFIRMED,
    )
    second = attrs.evolve(template, id="m2", start=SECOND_0230, end=SECOND_0230.replace(minute=50))
    return attrs.evolve(base, meetings=(template, second), events=(), courses=())


@pytest.mark.parametrize("x_wr_timezone", [True, False], ids=["with X-WR-TIMEZONE", "without"])
def test_an_export_round_trips_through_the_repeated_hour(x_wr_timezone: bool) -> None:
    data = _night_meetings()
    payload = inz.export(data, "ics", options=ExportOptions(include_personal_data=False))
    payload = payload.replace(b"X-WR-TIMEZONE:Europe/Berlin\r\n", b"")
    if x_wr_timezone:  # as Google writes it; the importer must not read the UTC times as Berlin wall time
        payload = payload.replace(b"BEGIN:VTIMEZONE", b"X-WR-TIMEZONE:Europe/Berlin\r\nBEGIN:VTIMEZONE", 1)
        assert b"X-WR-TIMEZONE:Europe/Berlin" in payload
    meetings = read(payload)
    assert [(m.id, m.start, m.start.fold, m.end) for m in meetings] == [
        (m.id, m.start, m.start.fold, m.end) for m in data.meetings
    ]
    assert [m.start.utcoffset() for m in meetings] == [timedelta(hours=2), timedelta(hours=1)]


def test_a_floating_time_is_read_in_x_wr_timezone_and_a_utc_time_as_its_instant() -> None:
    payload = google_export(("utc", "20270301T140000Z", "20270301T150000Z"))
    payload = payload.replace(b"X-WR-TIMEZONE:Europe/Berlin", b"X-WR-TIMEZONE:America/New_York")
    (utc,) = read(payload)
    assert utc.start == datetime(2027, 3, 1, 14, tzinfo=ZoneInfo("UTC"))  # the instant (09:00 in New York)
    (floating,) = read(payload.replace(b"00Z\r\n", b"00\r\n"))  # no Z: wall-clock times of the calendar's zone
    assert (floating.start.hour, str(floating.start.tzinfo)) == (14, "America/New_York")
