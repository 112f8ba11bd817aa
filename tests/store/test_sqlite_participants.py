"""``sqlite:`` "meetings of a person": the pair table stays exactly what the stored meetings say.

The pairs have no index on their meeting id: a meeting's pairs are found through its
``participants`` column when it changes. These tests hold that bookkeeping to the stored
documents, check that the lookups use the primary key, and bring a store written before the
column to the current layout.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import pytest

from integrationsnetz import AttendanceStatus, Conflict, Invitation, Meeting, MeetingKind
from integrationsnetz.plugins import PluginHost
from integrationsnetz.store.sqlite_layout import DELETE_PARTICIPANTS

BERLIN = ZoneInfo("Europe/Berlin")
WINDOW = (datetime(2027, 1, 1, tzinfo=BERLIN), datetime(2028, 1, 1, tzinfo=BERLIN))


def _meeting(n: int, *people: str, organizer: str | None = None) -> Meeting:
    start = datetime(2027, 2, 1, 9, 0, tzinfo=BERLIN) + timedelta(days=n)
    return Meeting(
        id=f"m-{n}",
        network_id="netz",
        kind=MeetingKind.NETWORK,
        title=f"Treffen {n}",
        start=start,
        end=start + timedelta(hours=2),
        organizer_id=organizer,
        invitations=tuple(Invitation(actor_id=person) for person in people),
    )


def _pairs(path: Path) -> set[tuple[str, str]]:
    with sqlite3.connect(path) as db:
        return set(db.execute("SELECT actor_id, meeting_id FROM meeting_participant"))


def _indexes(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as db:
        return dict(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))


def _expected(meetings: list[Meeting]) -> set[tuple[str, str]]:
    return {(actor, meeting.id) for meeting in meetings for actor in meeting.participant_ids()}


def test_pairs_follow_updates_deletions_and_batches(builtin_host: PluginHost, tmp_path: Path) -> None:
    path = tmp_path / "netz.db"
    with builtin_host.open_store(f"sqlite://{path}") as store:
        first = store.put_many(
            [_meeting(0, "anna", "ben"), _meeting(1, "ben"), _meeting(2, "cem", organizer="dana")], draft=True
        )
        assert _pairs(path) == _expected(first)
        # ben declines m-0, cem joins; m-1 is written twice in one batch (the last version counts)
        changed = attrs.evolve(
            first[0],
            invitations=(
                Invitation(actor_id="anna"),
                Invitation(actor_id="ben", status=AttendanceStatus.DECLINED),
                Invitation(actor_id="cem"),
            ),
        )
        once = attrs.evolve(first[1], invitations=(Invitation(actor_id="anna"),))
        [changed, _, twice] = store.put_many([changed, once, attrs.evolve(once, title="x", revision=2)], draft=True)
        assert twice.participant_ids() == ("anna",)
        store.delete(Meeting, "m-2")
        assert _pairs(path) == _expected([changed, twice]) == {("anna", "m-0"), ("cem", "m-0"), ("anna", "m-1")}
        assert [m.id for m in store.meetings_between(*WINDOW, person_id="ben")] == []
        assert [m.id for m in store.meetings_between(*WINDOW, person_id="anna")] == ["m-0", "m-1"]
        # a deleted meeting written again (revision 0) gets its pairs back
        again = store.put(_meeting(2, "ben"), draft=True)
        assert _pairs(path) == _expected([changed, twice, again])


def test_a_failed_batch_leaves_the_pairs_as_they_were(builtin_host: PluginHost, tmp_path: Path) -> None:
    path = tmp_path / "netz.db"
    with builtin_host.open_store(f"sqlite://{path}") as store:
        stored = store.put_many([_meeting(0, "anna"), _meeting(1, "ben")], draft=True)
        before = _pairs(path)
        stale = attrs.evolve(stored[1], invitations=(Invitation(actor_id="cem"),), revision=7)
        fresh = attrs.evolve(stored[0], invitations=(Invitation(actor_id="dana"),))
        with pytest.raises(Conflict, match="m-1"):
            store.put_many([fresh, stale], draft=True)
        assert _pairs(path) == before


def test_finding_a_meetings_pairs_uses_the_primary_key(builtin_host: PluginHost, tmp_path: Path) -> None:
    path = tmp_path / "netz.db"
    builtin_host.open_store(f"sqlite://{path}").close()
    with sqlite3.connect(path) as db:
        plan = " ".join(row[-1] for row in db.execute("EXPLAIN QUERY PLAN " + DELETE_PARTICIPANTS, ('["m"]',)))
    assert "SEARCH meeting_participant USING PRIMARY KEY (actor_id=? AND meeting_id=?)" in plan
    assert "SCAN meeting_participant" not in plan


@pytest.mark.skipif(sqlite3.sqlite_version_info < (3, 35), reason="the old layout needs DROP COLUMN (3.35)")
def test_a_store_from_before_the_participants_column_is_brought_up_to_date(
    builtin_host: PluginHost, tmp_path: Path
) -> None:
    path = tmp_path / "netz.db"
    with builtin_host.open_store(f"sqlite://{path}") as store:
        stored = store.put_many([_meeting(0, "anna", "ben"), _meeting(1, "ben"), _meeting(2, "cem")], draft=True)
        store.delete(Meeting, "m-2")
    fresh = _indexes(path)
    with sqlite3.connect(path) as db:  # the layout this library wrote before the column
        db.execute("ALTER TABLE meeting DROP COLUMN participants")
        db.execute("CREATE INDEX ix_participant_meeting ON meeting_participant (meeting_id)")
        db.execute("DROP INDEX ix_meeting_start")
        db.execute("CREATE INDEX ix_meeting_start ON meeting (start_us)")
    with builtin_host.open_store(f"sqlite://{path}") as store:
        with sqlite3.connect(path) as db:
            columns = dict(db.execute("SELECT id, participants FROM meeting ORDER BY id"))
        assert columns == {"m-0": '["anna","ben"]', "m-1": '["ben"]', "m-2": None}
        assert _indexes(path) == fresh  # the pair index is gone, the meeting indexes are the current ones
        updated = store.put(attrs.evolve(stored[0], invitations=(Invitation(actor_id="cem"),)), draft=True)
        assert _pairs(path) == _expected([updated, stored[1]])
        assert [m.id for m in store.meetings_between(*WINDOW, person_id="ben")] == ["m-1"]
        # an older integrationsnetz still writing to the store leaves the column empty
        with sqlite3.connect(path) as db:
            db.execute("UPDATE meeting SET participants = NULL WHERE id = 'm-1'")
        store.put(attrs.evolve(stored[1], invitations=(Invitation(actor_id="dana"),)), draft=True)
        assert [m.id for m in store.meetings_between(*WINDOW, person_id="ben")] == []
        assert [m.id for m in store.meetings_between(*WINDOW, person_id="dana")] == ["m-1"]
