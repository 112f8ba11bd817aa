"""Ids and dates that survive real calendars: no UID, series, moved dates, several rules, odd lengths.

Each case is a small calendar as some client writes it; the test says what a user finds in
the store afterwards, and that importing the same file again finds the same ids.
"""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import integrationsnetz as inz
from integrationsnetz import AllDay, Event, ImportOptions, InvalidData, Meeting, Network, Region, State

BERLIN = ZoneInfo("Europe/Berlin")


def calendar(*events: str, header: str = "") -> bytes:
    """A calendar of VEVENTs written as ``"NAME:value"`` lines joined by ``|`` (no DTSTAMP added)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//test//EN", *filter(None, header.split("|"))]
    for event in events:
        lines += ["BEGIN:VEVENT", *event.split("|"), "END:VEVENT"]
    return ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode()


def read(payload: bytes, **options: object) -> inz.ImportResult:
    chosen = ImportOptions(network_id="netz", source="kalender.ics", **options)  # type: ignore[arg-type]
    return inz.import_from(io.BytesIO(payload), "ics", options=chosen)


def starts(result: inz.ImportResult) -> list[str]:
    return [f"{e.start:%Y-%m-%d %H:%M}" for e in result.entities if isinstance(e, Meeting)]


# -- entries without a UID ------------------------------------------------------------------------


def test_entries_without_uid_get_ids_of_their_own_that_a_second_import_finds_again() -> None:
    payload = calendar(
        "DTSTAMP:20250101T000000Z|DTSTART:20250303T100000Z|DTEND:20250303T110000Z|SUMMARY:Beratung",
        "DTSTAMP:20250101T000000Z|DTSTART:20250304T100000Z|DTEND:20250304T110000Z|SUMMARY:Sprechstunde",
        "DTSTAMP:20250101T000000Z|DTSTART:20250304T100000Z|DTEND:20250304T110000Z|SUMMARY:Sprechstunde",
    )
    first = read(payload)
    ids = [e.id for e in first.entities]
    assert len(ids) == 3 == len(set(ids))  # two equal entries stay two meetings
    assert all(i.startswith("ics-noid-") for i in ids)
    assert ids[2] == f"{ids[1]}-2"
    exported_again = payload.replace(b"DTSTAMP:20250101", b"DTSTAMP:20250607")  # a new export, same entries
    assert [e.id for e in read(exported_again).entities] == ids


def test_series_without_uid_keep_every_date_and_stay_apart() -> None:
    """Two series without UID, same title and start (one weekly, one monthly): two series, every date."""
    weekly = "DTSTART:20250303T100000Z|DTEND:20250303T110000Z|RRULE:FREQ=WEEKLY;COUNT=4|SUMMARY:AG"
    result = read(calendar(weekly, weekly.replace("WEEKLY;COUNT=4", "MONTHLY;COUNT=2")))
    assert sorted(starts(result)) == ["2025-03-03 11:00", "2025-03-03 11:00", "2025-03-10 11:00",
                                      "2025-03-17 11:00", "2025-03-24 11:00",
                                      "2025-04-03 12:00"]  # fmt: skip  # 10:00 UTC is 12:00 in summer
    meetings = [e for e in result.entities if isinstance(e, Meeting)]
    assert len({m.id for m in meetings}) == 6
    assert len({m.series_id for m in meetings}) == 2
    assert result.skipped == ()


# -- series ---------------------------------------------------------------------------------------


def test_every_date_of_a_series_has_its_own_id_named_after_its_slot() -> None:
    result = read(
        calendar(
            "UID:jf@x|DTSTART;TZID=Europe/Berlin:20250303T100000|DTEND;TZID=Europe/Berlin:20250303T110000"
            "|RRULE:FREQ=WEEKLY;UNTIL=20250331T090000Z|SUMMARY:Jour fixe",
            "UID:jf@x|RECURRENCE-ID;TZID=Europe/Berlin:20250317T100000"
            "|DTSTART;TZID=Europe/Berlin:20250318T140000|DTEND;TZID=Europe/Berlin:20250318T150000|SUMMARY:verschoben",
        )
    )
    assert [e.id for e in result.entities] == [
        "ics-jf@x-20250303T1000",
        "ics-jf@x-20250310T1000",
        "ics-jf@x-20250317T1000",  # moved to Tuesday 14:00: its slot, not its new start, names it
        "ics-jf@x-20250324T1000",
        "ics-jf@x-20250331T1000",
    ]
    assert starts(result)[2] == "2025-03-18 14:00"
    assert result.skipped == ()


def test_this_and_future_moves_every_later_date_each_in_its_own_slot() -> None:
    result = read(
        calendar(
            "UID:taf@x|DTSTART:20240901T120000Z|DTEND:20240901T140000Z|RRULE:FREQ=DAILY;COUNT=5|SUMMARY:Kurs",
            "UID:taf@x|RECURRENCE-ID;RANGE=THISANDFUTURE:20240903T120000Z|DTSTART:20240903T090000Z"
            "|DTEND:20240903T160000Z|SUMMARY:Kurs (neue Zeit)",
        )
    )
    meetings = [e for e in result.entities if isinstance(e, Meeting)]
    assert [(f"{m.start:%d. %H:%M}", f"{m.end:%H:%M}", m.title) for m in meetings] == [
        ("01. 14:00", "16:00", "Kurs"),
        ("02. 14:00", "16:00", "Kurs"),
        ("03. 11:00", "18:00", "Kurs (neue Zeit)"),  # 3 hours earlier, 7 hours long, from here on
        ("04. 11:00", "18:00", "Kurs (neue Zeit)"),
        ("05. 11:00", "18:00", "Kurs (neue Zeit)"),
    ]
    assert [m.id[-13:] for m in meetings] == [f"202409{day:02d}T1400" for day in range(1, 6)]
    assert result.skipped == ()


def test_several_rules_and_extra_dates_are_joined_each_date_once() -> None:
    result = read(
        calendar(
            "UID:multi@x|DTSTART;TZID=Europe/Berlin:20250303T100000|DURATION:PT1H"
            "|RRULE:FREQ=WEEKLY;COUNT=3|RRULE:FREQ=MONTHLY;COUNT=2"  # the Monday of 3 March in both
            "|RDATE;TZID=Europe/Berlin:20250305T100000,20250310T100000|RDATE;VALUE=DATE-TIME:20250320T090000Z"
            "|EXDATE;TZID=Europe/Berlin:20250317T100000|SUMMARY:Vieles"
        )
    )
    assert starts(result) == ["2025-03-03 10:00", "2025-03-05 10:00", "2025-03-10 10:00", "2025-03-20 10:00",
                              "2025-04-03 10:00"]  # fmt: skip
    assert all(m.duration == timedelta(hours=1) for m in result.entities if isinstance(m, Meeting))


def test_an_event_with_two_rrule_lines_is_read_not_an_attribute_error() -> None:
    two = "RRULE:FREQ=DAILY;COUNT=2|RRULE:FREQ=WEEKLY;COUNT=2"
    result = read(calendar(f"UID:zwei@x|DTSTART:20250303T100000Z|DTEND:20250303T110000Z|{two}|SUMMARY:Zwei Regeln"))
    assert starts(result) == ["2025-03-03 11:00", "2025-03-04 11:00", "2025-03-10 11:00"]


# -- lengths ---------------------------------------------------------------------------------------


def test_entries_without_a_length_are_imported_not_skipped() -> None:
    result = read(
        calendar(
            "UID:frist@x|DTSTART;TZID=Europe/Berlin:20250303T120000|SUMMARY:Abgabefrist",  # no DTEND: a point
            "UID:null@x|DTSTART:20250304T120000Z|DTEND:20250304T120000Z|SUMMARY:Erinnerung",  # DTEND = DTSTART
            "UID:tag@x|DTSTART;VALUE=DATE:20250305|SUMMARY:Aktionstag",  # a day, no DTEND: that day
            "UID:dauer@x|DTSTART;TZID=Europe/Berlin:20250306T090000|DURATION:PT90M|SUMMARY:Workshop",
            "UID:tage@x|DTSTART;VALUE=DATE:20250310|DURATION:P3D|SUMMARY:Messe",
        )
    )
    assert result.skipped == ()
    by_id = {e.id: e for e in result.entities}
    point = by_id["ics-frist@x"]
    assert isinstance(point, Meeting)
    assert (point.start, point.duration) == (datetime(2025, 3, 3, 12, tzinfo=BERLIN), timedelta(minutes=1))
    assert by_id["ics-null@x"].duration == timedelta(minutes=1)  # type: ignore[union-attr]
    assert by_id["ics-tag@x"].when == AllDay(first_day=date(2025, 3, 5), last_day=date(2025, 3, 5))  # type: ignore[union-attr]
    assert by_id["ics-dauer@x"].duration == timedelta(minutes=90)  # type: ignore[union-attr]
    assert by_id["ics-tage@x"].when == AllDay(first_day=date(2025, 3, 10), last_day=date(2025, 3, 12))  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ("DTSTART;VALUE=DATE:20250303|DTEND:20250304T100000Z",
         "kalender.ics: line 7: DTEND of the event that starts on line 4 is a date-time but DTSTART (line 6) "
         "is a date; RFC 5545 wants both of one type"),
        ("DTSTART:20250303T100000Z|DTSTART:20250303T120000Z",
         "kalender.ics: line 7: DTSTART of the event that starts on line 4 appears twice (also on line 6)"),
        ("DTSTART:20250303T100000Z|DTEND:20250303T110000Z|DURATION:PT1H",
         "kalender.ics: line 8: DTEND (line 7) and DURATION of the event that starts on line 4: "
         "RFC 5545 allows one of them"),
        ("DTSTART;VALUE=DATE:20250303|DURATION:PT2H",
         "kalender.ics: line 7: DURATION of the event that starts on line 4 has hours or minutes, but DTSTART "
         "is a date; RFC 5545 wants whole days or weeks"),
    ],
    ids=["date and date-time", "two DTSTART", "DTEND and DURATION", "hours for a day"],
)  # fmt: skip
def test_start_and_end_that_contradict_each_other_are_refused_with_their_lines(lines: str, expected: str) -> None:
    with pytest.raises(InvalidData) as refused:
        read(calendar(f"UID:x@x|{lines}|SUMMARY:Widerspruch"))
    assert str(refused.value) == expected


# -- importing again ------------------------------------------------------------------------------

SERIES = (
    "UID:ag@x|SEQUENCE:1|DTSTART;TZID=Europe/Berlin:20250303T100000|DTEND;TZID=Europe/Berlin:20250303T113000"
    "|RRULE:FREQ=WEEKLY;COUNT=6|SUMMARY:AG Sprache"
)
SINGLE = "UID:fest@x|DTSTART;VALUE=DATE:20250501|SUMMARY:Sommerfest"


def _store_with_network(tmp_path: Path) -> inz.Store:
    store = inz.open_store(f"sqlite://{tmp_path}/netz.db")
    store.put(Network(id="netz", name="Netzwerk", region=Region(name="Wartburgkreis", state=State.TH, ags="16063")))
    return store


def _in_store(store: inz.Store) -> list[tuple[str, str]]:
    meetings = [(m.id, f"{m.start:%m-%d %H:%M} {m.title}") for m in store.list(Meeting, network_id="netz")]
    events = [(e.id, e.title) for e in store.list(Event, network_id="netz")]
    return sorted(meetings + events)


def test_importing_the_same_calendar_again_updates_the_store_instead_of_duplicating(tmp_path: Path) -> None:
    store = _store_with_network(tmp_path)
    try:
        first = inz.save_import(store, read(calendar(SERIES, SINGLE)))
        assert (len(first.created), first.updated, first.deleted) == (7, (), ())
        before = _in_store(store)
        again = inz.save_import(store, read(calendar(SERIES, SINGLE)))
        assert (again.created, again.updated, again.deleted, len(again.unchanged)) == ((), (), (), 7)
        assert _in_store(store) == before
        assert {m.revision for m in store.list(Meeting, network_id="netz")} == {1}  # nothing rewritten

        # The coordinator moves one date, cancels another and ends the series two weeks early;
        # the summer party gets a new title.
        changed = calendar(
            SERIES.replace("COUNT=6", "COUNT=4").replace("SEQUENCE:1", "SEQUENCE:3")
            + "|EXDATE;TZID=Europe/Berlin:20250310T100000",
            "UID:ag@x|SEQUENCE:3|RECURRENCE-ID;TZID=Europe/Berlin:20250317T100000"
            "|DTSTART;TZID=Europe/Berlin:20250318T100000|DTEND;TZID=Europe/Berlin:20250318T113000|SUMMARY:AG Sprache",
            SINGLE.replace("Sommerfest", "Sommerfest im Park"),
        )
        third = inz.save_import(store, read(changed))
        assert sorted(third.deleted) == ["ics-ag@x-20250310T1000", "ics-ag@x-20250331T1000", "ics-ag@x-20250407T1000"]
        assert sorted(third.updated) == ["ics-ag@x-20250317T1000", "ics-fest@x"]
        assert _in_store(store) == [
            ("ics-ag@x-20250303T1000", "03-03 10:00 AG Sprache"),
            ("ics-ag@x-20250317T1000", "03-18 10:00 AG Sprache"),
            ("ics-ag@x-20250324T1000", "03-24 10:00 AG Sprache"),
            ("ics-fest@x", "Sommerfest im Park"),
        ]
    finally:
        store.close()


def test_a_series_cut_by_the_horizon_keeps_its_later_dates_in_the_store(tmp_path: Path) -> None:
    """Only a series imported whole may lose stored dates after its last imported one."""
    endless = "UID:immer@x|DTSTART;TZID=Europe/Berlin:20250303T100000|DURATION:PT1H|RRULE:FREQ=WEEKLY|SUMMARY:Immer"
    store = _store_with_network(tmp_path)
    try:
        inz.save_import(store, read(calendar(endless), horizon=timedelta(days=60)))
        shorter = read(calendar(endless), horizon=timedelta(days=30))
        assert [(s.id, s.complete) for s in shorter.series] == [("ics-immer@x", False)]
        assert inz.save_import(store, shorter).deleted == ()
        assert len(store.list(Meeting, network_id="netz")) == 9
    finally:
        store.close()
