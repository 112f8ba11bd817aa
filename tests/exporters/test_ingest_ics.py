"""The ics importer on calendars as the common clients export them, and on broken files."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import integrationsnetz as inz
from integrationsnetz import Event, ImportOptions, InvalidData, Meeting, MeetingStatus, NetworkData
from integrationsnetz.exporters import ExportOptions
from integrationsnetz.model.entity import Entity
from integrationsnetz.testing.export_conformance import ImporterConformance

FIXTURES = Path(__file__).with_name("fixtures")
BERLIN = ZoneInfo("Europe/Berlin")


def read(name: str, host: inz.PluginHost) -> inz.ImportResult:
    return inz.import_from(FIXTURES / name, options=ImportOptions(network_id="netz-wak"), host=host)


def starts(result: inz.ImportResult, title_prefix: str) -> list[str]:
    return [e.start.isoformat() for e in result.entities if isinstance(e, Meeting) and e.title.startswith(title_prefix)]


def test_outlook_windows_zone_series_with_exdate_and_moved_meeting(host: inz.PluginHost) -> None:
    result = read("outlook.ics", host)
    assert starts(result, "Jour fixe") == [
        "2026-03-16T10:00:00+01:00",
        "2026-03-31T10:00:00+02:00",  # moved from Monday 30 March by a RECURRENCE-ID override
        "2026-04-27T10:00:00+02:00",  # 13 April is an EXDATE
        "2026-05-11T10:00:00+02:00",
    ]
    meetings = [e for e in result.entities if isinstance(e, Meeting)]
    assert all(isinstance(m.start.tzinfo, ZoneInfo) and m.start.tzinfo.key == "Europe/Berlin" for m in meetings)
    assert len({m.series_id for m in meetings}) == 1
    (holiday,) = [e for e in result.entities if isinstance(e, Event)]
    assert (holiday.when.first_day, holiday.when.last_day) == (date(2026, 5, 1), date(2026, 5, 3))  # type: ignore[union-attr]


def test_google_utc_times_with_x_wr_timezone_and_floating_times(host: inz.PluginHost) -> None:
    result = read("google.ics", host)
    assert starts(result, "Abstimmung") == [
        "2026-03-11T16:00:00+01:00",
        "2026-03-18T16:00:00+01:00",
        "2026-03-25T17:00:00+01:00",  # the override, one hour later
        "2026-04-08T16:00:00+02:00",  # 1 April excluded; DST keeps 16:00 local
    ]
    assert starts(result, "Fachtag") == ["2026-06-17T09:00:00+02:00"]  # floating, read in X-WR-TIMEZONE
    (location_meeting,) = [e for e in result.entities if isinstance(e, Meeting)][:1]
    assert location_meeting.description is not None
    assert location_meeting.description.startswith("Ort: VHS Eisenach, Wartburgallee 1")


def test_apple_all_day_event_and_skipped_todo(host: inz.PluginHost) -> None:
    result = read("apple.ics", host)
    assert starts(result, "3. Netzwerktreffen") == ["2026-10-14T09:00:00+02:00"]
    (fair,) = [e for e in result.entities if isinstance(e, Event)]
    assert (fair.when.first_day, fair.when.last_day) == (date(2026, 10, 15), date(2026, 10, 16))  # type: ignore[union-attr]
    assert [str(s) for s in result.skipped] == ["line 55: VTODO: a to-do, not a meeting"]


def test_thunderbird_monthly_count_with_cancelled_override(host: inz.PluginHost) -> None:
    result = read("thunderbird.ics", host)
    meetings = [e for e in result.entities if isinstance(e, Meeting)]
    assert [(m.start.date().isoformat(), m.status) for m in meetings] == [
        ("2026-02-10", MeetingStatus.CONFIRMED),
        ("2026-03-10", MeetingStatus.CANCELLED),
        ("2026-04-14", MeetingStatus.CONFIRMED),
        ("2026-05-12", MeetingStatus.CONFIRMED),
    ]
    assert meetings[0].description is not None
    assert "Backslash \\ und ein Emoji 🏠" in meetings[0].description
    assert [s.reason for s in result.skipped] == ["has no start (DTSTART)"]


def test_nextcloud_rdate_exdate_unbounded_series_and_utc(host: inz.PluginHost) -> None:
    result = read("nextcloud.ics", host)
    first = starts(result, "Sprechstunde")[:4]
    assert first == [
        "2026-03-25T10:00:00+01:00",
        "2026-04-02T10:00:00+02:00",  # RDATE
        "2026-04-08T10:00:00+02:00",  # 1 April is an EXDATE
        "2026-04-15T10:00:00+02:00",
    ]
    assert starts(result, "Telefonkonferenz") == ["2026-10-26T10:00:00+01:00"]  # UTC read as Berlin time
    reasons = [s.reason for s in result.skipped]
    assert "a free/busy block, not a meeting" in reasons
    assert any(r.startswith("has no end; dates after 2027-03-26") for r in reasons)


def test_until_drops_later_dates(host: inz.PluginHost) -> None:
    options = ImportOptions(network_id="netz", until=date(2026, 5, 1))
    result = inz.import_from(FIXTURES / "nextcloud.ics", options=options, host=host)
    assert max(e.start for e in result.entities if isinstance(e, Meeting)) < datetime(2026, 5, 1, tzinfo=BERLIN)


BROKEN = {
    "bad date": (b"DTSTART:2026XX01T100000", 6, "DTSTART of the event that starts on line 4"),
    "no colon": (b"DTSTART;TZID=Europe/Berlin 20260101T100000", 7, "expected a content line"),
    "cut off": (None, 4, "never closed"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_malformed_files_name_the_line_and_import_nothing(case: str, host: inz.PluginHost) -> None:
    line, number, message = BROKEN[case]
    lines = [
        b"BEGIN:VCALENDAR", b"VERSION:2.0", b"PRODID:x", b"BEGIN:VEVENT", b"UID:good",
        b"DTSTAMP:20260101T000000Z", b"DTSTART:20260101T100000Z", b"SUMMARY:ok", b"END:VEVENT",
        b"BEGIN:VEVENT", b"UID:2", b"DTSTAMP:20260101T000000Z",
    ]  # fmt: skip
    if case == "bad date":
        lines = [*lines[:4], b"UID:bad", line, b"DTSTAMP:20260101T000000Z", b"END:VEVENT", b"END:VCALENDAR"]  # type: ignore[list-item]
    elif case == "no colon":
        lines = [*lines[:6], line, b"END:VEVENT", b"END:VCALENDAR"]  # type: ignore[list-item]
    else:
        lines = lines[:8]
    payload = b"\r\n".join(lines) + b"\r\n"
    import io

    with pytest.raises(InvalidData) as caught:
        inz.import_from(
            io.BytesIO(payload), "ics", options=ImportOptions(network_id="n", source="kaputt.ics"), host=host
        )
    text = str(caught.value)
    assert text.startswith(f"kaputt.ics: line {number}:")
    assert message in text


def test_not_utf8_names_the_line(host: inz.PluginHost) -> None:
    payload = b"BEGIN:VCALENDAR\r\nSUMMARY:M\xfcller\r\nEND:VCALENDAR\r\n"
    with pytest.raises(InvalidData, match="line 2: not UTF-8"):
        inz.import_from(io.BytesIO(payload), "ics", options=ImportOptions(network_id="n"), host=host)


class TestIcsImporterConformance(ImporterConformance):
    """Our own feed read back: the meetings and events come back at the same times."""

    format = "ics"
    export_format = "ics"

    def export_options(self) -> ExportOptions:
        return ExportOptions(include_personal_data=False)

    def expected(self, sample: NetworkData) -> list[Entity]:
        meetings = [m for m in sample.meetings if m.status is not MeetingStatus.CANCELLED]
        return [*meetings, *sample.events]

    def comparable(self, entity: Entity) -> object:
        if isinstance(entity, Meeting):
            status = {MeetingStatus.HELD: MeetingStatus.CONFIRMED}.get(entity.status, entity.status)
            return ("meeting", entity.title, entity.start, entity.end, status)
        assert isinstance(entity, Event)
        return ("event", entity.id, entity.title, entity.when, entity.cancelled)

    def malformed(self) -> tuple[bytes, int]:
        return b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VCALENDAR\r\n", 5


def calendar(*events: str) -> bytes:
    """A calendar of VEVENTs written as ``"NAME:value"`` lines joined by ``|``."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//test//EN"]
    for event in events:
        lines += ["BEGIN:VEVENT", "DTSTAMP:20250101T000000Z", *event.split("|"), "END:VEVENT"]
    return ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode()


def read_bytes(payload: bytes, host: inz.PluginHost) -> inz.ImportResult:
    options = ImportOptions(network_id="netz-wak", source="kalender.ics")
    return inz.import_from(io.BytesIO(payload), "ics", options=options, host=host)


class TookTooLong(Exception):
    pass


def test_a_series_of_endless_seconds_or_millions_of_minutes_imports_fast_and_says_what_it_left(
    host: inz.PluginHost,
) -> None:
    import signal

    payload = calendar(
        "UID:sekunden@x|DTSTART:20250301T100000Z|DURATION:PT1S|RRULE:FREQ=SECONDLY|SUMMARY:Sekunde",
        "UID:minuten@x|DTSTART;TZID=Europe/Berlin:20250301T100000|DTEND;TZID=Europe/Berlin:20250301T100100"
        "|RRULE:FREQ=MINUTELY;COUNT=100000000|SUMMARY:Minute",
    )

    def stop(*_: object) -> None:
        raise TookTooLong

    previous = signal.signal(signal.SIGVTALRM, stop)
    signal.setitimer(signal.ITIMER_VIRTUAL, 30)  # CPU seconds: a busy machine does not make it fail
    try:
        result = read_bytes(payload, host)
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)
    per_series = {uid: sum(1 for e in result.entities if e.id.startswith(f"ics-{uid}")) for uid in ("sek", "min")}
    assert per_series == {"sek": 5000, "min": 5000}  # every second its own meeting, none merged
    reasons = {skip.item: skip.reason for skip in result.skipped}
    assert reasons == {
        "series sekunden@x": "has more than 5,000 dates; those after 2025-03-01 11:23:19 are not imported",
        "series minuten@x": "has more than 5,000 dates; those after 2025-03-04 21:19:00 are not imported",
    }


def test_different_uids_never_become_the_same_meeting(host: inz.PluginHost) -> None:
    uids = ["🎉@x", "🎈@x", "a/b", "a_b"]
    payload = calendar(
        *(f"UID:{uid}|DTSTART:2025030{day}T100000Z|DTEND:2025030{day}T110000Z|SUMMARY:{uid}" for day, uid in
          enumerate(uids, start=1))
    )  # fmt: skip
    result = read_bytes(payload, host)
    assert [e.title for e in result.entities] == uids
    assert result.skipped == ()
    assert result.entities[3].id == "ics-a_b"  # a UID that is an id as it stands stays readable
    assert result.entities[2].id.startswith("ics-a_b-")


def test_the_same_uid_twice_is_skipped_with_an_honest_reason(host: inz.PluginHost) -> None:
    twice = "UID:a@x|DTSTART:20250301T100000Z|DTEND:20250301T110000Z|SUMMARY:Zweimal"
    (skip,) = read_bytes(calendar(twice, twice.replace("20250301T1", "20250302T1")), host).skipped
    assert (skip.reason, skip.line) == ("has the same UID as the entry on line 4; only that one is imported", 11)


@pytest.mark.parametrize(
    ("ending", "reason"),
    [
        ("DURATION:-PT1H", "ends before it starts (DURATION:-PT1H)"),
        ("DTEND:20250301T090000Z", "ends before it starts (DTEND before DTSTART)"),
    ],
)
def test_an_entry_ending_before_it_starts_is_skipped_with_line_and_reason(
    host: inz.PluginHost, ending: str, reason: str
) -> None:
    result = read_bytes(calendar(f"UID:rueckwaerts@x|DTSTART:20250301T100000Z|{ending}|SUMMARY:Rückwärts"), host)
    assert result.entities == ()
    (skip,) = result.skipped
    assert (skip.reason, skip.line) == (reason, 8)
