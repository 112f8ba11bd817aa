"""Importing a calendar again into a store: a tolerant import never loses stored dates, and an entry
that changes between single and series replaces its old form.

Real parts: the ``ics`` importer on calendars as clients write them, a real (memory) store,
``save_import`` and ``compare_import`` as users call them.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

import hypothesis.strategies as st
from hypothesis import HealthCheck, given, settings

import integrationsnetz as inz
from integrationsnetz import ImportOptions, Meeting, Network, Region, State

BROKEN_END = "DTEND;TZID=Europe/Berlin:kaputt"


def calendar(*events: str) -> bytes:
    """A calendar of VEVENTs written as ``"NAME:value"`` lines joined by ``|``."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//test//EN"]
    for event in events:
        lines += ["BEGIN:VEVENT", *event.split("|"), "END:VEVENT"]
    return ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode()


def read(payload: bytes, on_error: str = "refuse") -> inz.ImportResult:
    options = ImportOptions(network_id="netz", source="kalender.ics", on_error=on_error)  # type: ignore[arg-type]
    return inz.import_from(io.BytesIO(payload), "ics", options=options)


@contextmanager
def store() -> Iterator[inz.Store]:
    with inz.open_store("memory:") as opened:
        opened.put(Network(id="netz", name="Netz", region=Region(name="Wartburgkreis", state=State.TH, ags="16063")))
        yield opened


def ids(opened: inz.Store) -> list[str]:
    return sorted(m.id for m in opened.list(Meeting, network_id="netz"))


SERIES = ("UID:s|SUMMARY:AG|DTSTART;TZID=Europe/Berlin:20270104T100000|DTEND;TZID=Europe/Berlin:20270104T110000"
          "|RRULE:FREQ=WEEKLY;COUNT=3")  # fmt: skip
OVERRIDE = ("UID:s|RECURRENCE-ID;TZID=Europe/Berlin:20270111T100000|SUMMARY:AG verschoben"
            "|DTSTART;TZID=Europe/Berlin:20270112T100000|DTEND;TZID=Europe/Berlin:20270112T110000")  # fmt: skip
SINGLE = "UID:s|SUMMARY:AG|DTSTART;TZID=Europe/Berlin:20270104T100000|DTEND;TZID=Europe/Berlin:20270104T110000"
ALL_DATES = ["ics-s-20270104T1000", "ics-s-20270111T1000", "ics-s-20270118T1000"]


# -- F1: a series whose main entry was left out --------------------------------------------------


def test_a_series_whose_main_entry_is_broken_deletes_nothing_though_an_override_was_read() -> None:
    broken_master = SERIES.replace("DTEND;TZID=Europe/Berlin:20270104T110000", BROKEN_END)
    with store() as opened:
        inz.save_import(opened, read(calendar(SERIES, OVERRIDE)))
        assert ids(opened) == ALL_DATES
        again = read(calendar(broken_master, OVERRIDE), on_error="skip")
        assert [(s.id, s.complete, s.left_out) for s in again.series] == [("ics-s", False, True)]
        assert [e.id for e in again.entities] == ["ics-s-20270111T1000"]  # the override alone
        saved = inz.save_import(opened, again)
        assert saved.deleted == ()
        assert ids(opened) == ALL_DATES


def test_a_broken_override_does_not_put_its_stored_date_back_to_the_rule() -> None:
    """The moved date stays moved: with its override left out, the rule's date must not stand in for it."""
    broken_override = OVERRIDE.replace("DTEND;TZID=Europe/Berlin:20270112T110000", BROKEN_END)
    with store() as opened:
        inz.save_import(opened, read(calendar(SERIES, OVERRIDE)))
        moved = opened.get(Meeting, "ics-s-20270111T1000")
        assert moved.title == "AG verschoben"
        again = read(calendar(SERIES, broken_override), on_error="skip")
        assert [(s.complete, s.left_out) for s in again.series] == [(False, True)]
        changes = inz.compare_import(opened, again)
        assert "ics-s-20270111T1000" in changes.unchanged
        assert any(note.item == "ics-s-20270111T1000" for note in changes.notes)
        saved = inz.save_import(opened, again)
        assert saved.deleted == ()
        assert saved.updated == ()
        assert opened.get(Meeting, "ics-s-20270111T1000") == moved


def test_a_series_whose_rule_is_not_read_deletes_nothing_either() -> None:
    """A main entry skipped for its rule (another calendar scale) leaves its overrides alone too."""
    hebrew = SERIES.replace("COUNT=3", "COUNT=3;RSCALE=HEBREW")
    with store() as opened:
        inz.save_import(opened, read(calendar(SERIES, OVERRIDE)))
        again = read(calendar(hebrew, OVERRIDE))  # skipped with its reason in either mode
        assert [(s.complete, s.left_out) for s in again.series] == [(False, True)]
        assert inz.save_import(opened, again).deleted == ()
        assert ids(opened) == ALL_DATES


def test_a_broken_override_keeps_every_stored_date_of_its_series() -> None:
    with store() as opened:
        inz.save_import(opened, read(calendar(SERIES, OVERRIDE)))
        again = read(calendar(SERIES, OVERRIDE.replace("SUMMARY:AG verschoben", "kaputt ohne Doppelpunkt")), "skip")
        assert [(s.complete, s.left_out) for s in again.series] == [(False, True)]
        assert inz.save_import(opened, again).deleted == ()
        assert ids(opened) == ALL_DATES


# -- F2: single and series under one UID ---------------------------------------------------------


def test_a_single_entry_made_recurring_replaces_the_single_one() -> None:
    with store() as opened:
        inz.save_import(opened, read(calendar(SINGLE)))
        assert ids(opened) == ["ics-s"]
        saved = inz.save_import(opened, read(calendar(SERIES)))
        assert saved.deleted == ("ics-s",)
        assert ids(opened) == ALL_DATES


def test_a_series_made_single_replaces_its_dates() -> None:
    with store() as opened:
        inz.save_import(opened, read(calendar(SERIES, OVERRIDE)))
        saved = inz.save_import(opened, read(calendar(SINGLE)))
        assert sorted(saved.deleted) == ALL_DATES
        assert ids(opened) == ["ics-s"]
        other = read(calendar(SINGLE.replace("UID:s", "UID:t")))  # another UID names nothing of s
        assert inz.save_import(opened, other).deleted == ()
        assert ids(opened) == ["ics-s", "ics-t"]


# -- the property: no lost write ------------------------------------------------------------------

_BREAKS = {
    "value": lambda text: text.replace("DTEND;TZID=Europe/Berlin:2027", "DTEND;TZID=Europe/Berlin:kaputt-2027"),
    "line": lambda text: text.replace("|SUMMARY:", "|kaputt ohne Doppelpunkt|SUMMARY:"),
    "rule": lambda text: text.replace("RRULE:FREQ=WEEKLY;", "RRULE:FREQ=WEEKLY;RSCALE=HEBREW;"),
}


def _at(week: int, hour: int, days: int = 0) -> str:
    """The wall time of week ``week`` of a series from Monday 4 January 2027, ``days`` later."""
    return f"{date(2027, 1, 4) + timedelta(weeks=week, days=days):%Y%m%d}T{hour:02d}0000"


@st.composite
def calendars(draw: st.DrawFn) -> list[str]:
    """The entries of a calendar: UIDs s and t, each a single entry or a weekly series with overrides and EXDATEs."""
    entries: list[str] = []
    for uid in draw(st.lists(st.sampled_from(["s", "t"]), min_size=1, max_size=2, unique=True)):
        hour = draw(st.sampled_from([10, 14]))
        start = f"DTSTART;TZID=Europe/Berlin:{_at(0, hour)}|DTEND;TZID=Europe/Berlin:{_at(0, hour + 1)}"
        count = draw(st.integers(min_value=1, max_value=5))
        if draw(st.booleans()):
            entries.append(f"UID:{uid}|{start}|SUMMARY:{uid} einzeln")
            continue
        excluded = draw(st.sets(st.integers(min_value=1, max_value=4), max_size=2))
        exdates = "".join(f"|EXDATE;TZID=Europe/Berlin:{_at(week, hour)}" for week in sorted(excluded))
        entries.append(f"UID:{uid}|{start}|RRULE:FREQ=WEEKLY;COUNT={count}{exdates}|SUMMARY:{uid}")
        for week in sorted(draw(st.sets(st.integers(min_value=0, max_value=count - 1), max_size=2))):
            entries.append(f"UID:{uid}|RECURRENCE-ID;TZID=Europe/Berlin:{_at(week, hour)}"
                           f"|DTSTART;TZID=Europe/Berlin:{_at(week, hour, 1)}"
                           f"|DTEND;TZID=Europe/Berlin:{_at(week, hour + 1, 1)}|SUMMARY:{uid} verschoben")  # fmt: skip
    return entries


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(before=calendars(), now=calendars(), data=st.data())
def test_a_tolerant_import_never_deletes_what_the_valid_calendar_keeps(
    before: list[str], now: list[str], data: st.DataObject
) -> None:
    """Whatever is broken in the calendar, ``save_import`` deletes no stored meeting that the same
    calendar without the breakage would keep: a broken entry never costs a stored date."""
    broken = list(now)
    for index in data.draw(st.sets(st.integers(min_value=0, max_value=len(now) - 1), min_size=1), label="broken"):
        how = data.draw(st.sampled_from(sorted(_BREAKS)), label="how")
        broken[index] = _BREAKS[how](broken[index])
    with store() as opened:
        inz.save_import(opened, read(calendar(*before)))
        kept_by_valid = set(ids(opened)) - set(inz.compare_import(opened, read(calendar(*now))).deleted)
        saved = inz.save_import(opened, read(calendar(*broken), on_error="skip"))
        assert not set(saved.deleted) & kept_by_valid
        assert kept_by_valid <= set(ids(opened))
