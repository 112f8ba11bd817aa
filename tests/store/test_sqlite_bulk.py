"""``sqlite:`` bulk saves: a large batch into an empty table skips its indexes and rebuilds them.

The shortcut must be invisible: afterwards the schema holds every index it held before, the
queries answer as the memory store does, and a batch that fails leaves the store as it was.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from integrationsnetz import AttendanceStatus, Conflict, Invitation, Meeting, MeetingKind
from integrationsnetz.plugins import PluginHost

BERLIN = ZoneInfo("Europe/Berlin")
PEOPLE = [f"p-{n}" for n in range(30)]


def _meetings(count: int) -> list[Meeting]:
    first = datetime(2027, 1, 4, 9, 0, tzinfo=BERLIN)
    return [
        Meeting(
            id=f"m-{n:05d}",
            network_id="netz",
            kind=MeetingKind.WORKING_GROUP,
            title=f"AG {n % 5}",
            group_id=f"ag-{n % 5}",
            start=first + timedelta(days=n),
            end=first + timedelta(days=n, hours=2),
            invitations=tuple(
                Invitation(
                    actor_id=PEOPLE[(n + k) % len(PEOPLE)],
                    status=AttendanceStatus.DECLINED if k == 0 else AttendanceStatus.ACCEPTED,
                )
                for k in range(4)
            ),
        )
        for n in range(count)
    ]


def _indexes(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as db:
        return sorted(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))


def test_a_bulk_save_leaves_every_index_and_answers_like_memory(builtin_host: PluginHost, tmp_path: Path) -> None:
    meetings = _meetings(1500)  # 1,500 meeting rows: above the bulk size
    fresh = tmp_path / "fresh.db"
    builtin_host.open_store(f"sqlite://{fresh}").close()
    path = tmp_path / "bulk.db"
    with builtin_host.open_store(f"sqlite://{path}") as store, builtin_host.open_store("memory:") as memory:
        statements: list[str] = []
        store._db.set_trace_callback(statements.append)  # type: ignore[attr-defined]  # white box: the shortcut ran
        store.put_many(meetings, draft=True)
        store._db.set_trace_callback(None)  # type: ignore[attr-defined]
        assert "DROP INDEX IF EXISTS ix_meeting_start" in statements
        memory.put_many(meetings, draft=True)
        window = (datetime(2027, 3, 1, tzinfo=BERLIN), datetime(2027, 6, 1, tzinfo=BERLIN))
        for person in ("p-0", "p-7", "p-29"):
            ours = [m.id for m in store.meetings_between(*window, person_id=person)]
            assert ours == [m.id for m in memory.meetings_between(*window, person_id=person)]
            assert ours  # invited and not declined somewhere in the window
        assert [m.id for m in store.meetings_between(*window, group_id="ag-3")] == [
            m.id for m in memory.meetings_between(*window, group_id="ag-3")
        ]
    assert _indexes(path) == _indexes(fresh)
    with sqlite3.connect(path) as db:
        plan = db.execute("EXPLAIN QUERY PLAN SELECT start_us FROM meeting WHERE start_us > 0 ORDER BY start_us")
        assert "USING COVERING INDEX ix_meeting_start" in " ".join(row[-1] for row in plan)


def test_a_failing_bulk_save_leaves_the_store_and_its_indexes_as_they_were(
    builtin_host: PluginHost, tmp_path: Path
) -> None:
    path = tmp_path / "netz.db"
    with builtin_host.open_store(f"sqlite://{path}") as store:
        before = _indexes(path)
        meetings = _meetings(1500)
        meetings[-1] = Meeting(
            **{
                **{f: getattr(meetings[-1], f) for f in ("id", "network_id", "kind", "title", "start", "end")},
                "revision": 3,
            }
        )
        with pytest.raises(Conflict, match="m-01499"):
            store.put_many(meetings, draft=True)  # the last one claims a revision that was never stored
        assert store.list(Meeting) == []
    assert _indexes(path) == before
