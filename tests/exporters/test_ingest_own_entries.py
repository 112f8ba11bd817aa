"""Entries this library wrote, imported back into the store they came from: only what a calendar
changed is taken, everything a calendar cannot carry stays.

Real parts: the Wartburgkreis example network in a real store, the ``ics`` exporter's feed,
edited as a calendar program would, the importer and ``save_import``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pytest
import wartburgkreis

import integrationsnetz as inz
from integrationsnetz import ImportOptions, Meeting, MeetingStatus


@pytest.fixture
def store() -> Iterator[inz.Store]:
    with inz.open_store("memory:") as opened:
        inz.save_network(opened, wartburgkreis.build())
        yield opened


def feed(store: inz.Store) -> str:
    """The network's feed as published, its folded lines unfolded (so a test can edit one)."""
    data = inz.load_network(store, "netz-wak")
    return inz.export(data, "ics").decode().replace("\r\n ", "")


def imported(store: inz.Store, text: str) -> tuple[inz.Saved, inz.ImportChanges]:
    result = inz.import_from(io.BytesIO(text.encode()), "ics", options=ImportOptions(network_id="netz-wak"))
    return inz.save_import(store, inz.ImportResult(entities=result.entities, own=result.own)), inz.compare_import(
        store, result
    )


def test_the_feed_imported_back_changes_nothing(store: inz.Store) -> None:
    before = store.list(Meeting)
    saved, _ = imported(store, feed(store))
    assert (saved.created, saved.updated, saved.deleted) == ((), (), ())
    assert store.list(Meeting) == before


def test_a_new_title_description_and_cancellation_are_taken_the_rest_is_kept(store: inz.Store) -> None:
    [meeting] = store.list(Meeting)
    assert meeting.agenda
    assert meeting.description is None
    text = feed(store)
    end = text.index("X-INTEGRATIONSNETZ-ID:meeting/nt-2024-2")
    entry = text[text.rindex("BEGIN:VEVENT", 0, end) : end]
    changed = re.sub(r"SUMMARY:[^\r]*", "SUMMARY:Netzwerktreffen (verlegt)", entry, count=1)
    changed = changed.replace("DESCRIPTION:", "DESCRIPTION:Bitte Unterlagen mitbringen.\\n\\n")  # before the agenda
    changed = changed.replace("STATUS:CONFIRMED", "STATUS:CANCELLED")
    saved, _ = imported(store, text.replace(entry, changed))
    assert saved.updated == ("nt-2024-2",)
    after = store.get(Meeting, "nt-2024-2")
    assert after.title == "Netzwerktreffen (verlegt)"
    assert after.description == "Bitte Unterlagen mitbringen."  # the agenda the exporter added is not
    assert after.status is MeetingStatus.CANCELLED
    assert (after.agenda, after.invitations, after.venue_id, after.kind, after.start) == (
        meeting.agenda, meeting.invitations, meeting.venue_id, meeting.kind, meeting.start)  # fmt: skip


def test_a_new_place_is_reported_and_the_venue_kept(store: inz.Store) -> None:
    text = re.sub(r"LOCATION:Automobilmuseum[^\r]*", "LOCATION:Rathaus Eisenach", feed(store), count=1)
    saved, changes = imported(store, text)
    assert saved.updated == ()
    assert [note.reason for note in changes.notes] == [
        "its place is 'Rathaus Eisenach' in the calendar; a calendar's place names no venue, the stored one is kept"
    ]
    assert store.get(Meeting, "nt-2024-2").venue_id == "automobilmuseum-eisenach"


def test_an_entry_naming_our_meeting_with_another_uid_is_not_taken_for_ours(store: inz.Store) -> None:
    """Another network's feed (its UIDs are made from its id) never overwrites a meeting of the same id."""
    before = store.get(Meeting, "nt-2024-2")
    text = feed(store)
    start = text.index("X-INTEGRATIONSNETZ-ID:meeting/nt-2024-2")
    uid = re.findall(r"UID:([^\r]*)", text[:start])[-1]
    text = text.replace(f"UID:{uid}", "UID:0f0f0f0f-aaaa-5bbb-8ccc-123456789abc").replace(
        "SUMMARY:", "SUMMARY:Fremd ", 1
    )
    saved, changes = imported(store, text)
    assert saved.updated == ()
    assert "its UID is not the one this network's calendars give it" in changes.notes[0].reason
    assert store.get(Meeting, "nt-2024-2") == before
