"""Erasure down to the disk: after ``erase_person`` and ``compact()`` the table files no longer hold the person.

These tests run on the run's own throwaway cluster, whose files they may read; the byte search
is :func:`integrationsnetz_postgres.raw.find_in_storage`, which first takes a checkpoint.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import psycopg
import pytest
from integrationsnetz_postgres.connection import conninfo_of
from integrationsnetz_postgres.raw import find_in_storage
from integrationsnetz_postgres.store import PostgresStore

from integrationsnetz import Conflict, StoreError
from integrationsnetz.model import ContactKind, ContactPoint, Invitation, Meeting, MeetingKind, Person
from integrationsnetz.store import StoreURL, open_store

from .conftest import ThrowawayCluster

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def sentinel() -> dict[str, str]:
    """A name, e-mail address and phone number found nowhere else."""
    tag = uuid.uuid4().hex[:8]
    return {"name": f"Zorro Sentinel {tag}", "email": f"zorro.{tag}@example.org", "phone": f"+49 3691 {tag[:6]}"}


@pytest.fixture
def store(own_cluster: ThrowawayCluster, sentinel: dict[str, str]) -> Iterator[PostgresStore]:
    """A store holding the sentinel person, a colleague and a meeting inviting both."""
    url = f"{own_cluster.admin_url}&schema=erase_{uuid.uuid4().hex[:6]}"
    start = datetime(2024, 10, 14, 9, tzinfo=BERLIN)
    contacts = (
        ContactPoint(kind=ContactKind.EMAIL, value=sentinel["email"]),
        ContactPoint(kind=ContactKind.PHONE, value=sentinel["phone"]),
    )
    with open_store(url) as opened:
        assert isinstance(opened, PostgresStore)
        opened.put_many(
            [
                Person(id="p-1", network_id="n", function="Ehrenamt", name=sentinel["name"], contacts=contacts),
                Person(id="p-2", network_id="n", function="Lehrkraft", name="Bea Bleibt"),
                Meeting(
                    id="m",
                    network_id="n",
                    kind=MeetingKind.NETWORK,
                    title="Treffen",
                    start=start,
                    end=start + timedelta(hours=2),
                    organizer_id="p-1",
                    invitations=(Invitation(actor_id="p-1"), Invitation(actor_id="p-2")),
                ),
            ],
            draft=True,
        )
        yield opened


def traces(store: PostgresStore, sentinel: dict[str, str]) -> dict[str, list[str]]:
    return {what: hits for what, value in sentinel.items() if (hits := find_in_storage(store.url, value))}


def test_the_search_finds_the_person_in_the_table_files(store: PostgresStore, sentinel: dict[str, str]) -> None:
    found = traces(store, sentinel)
    assert set(found) == {"name", "email", "phone"}
    assert all(hit.startswith(f"{store.schema}.person ") for hits in found.values() for hit in hits)
    assert find_in_storage(store.url, "Bea Bleibt")


def test_erasure_alone_leaves_the_old_row_in_the_pages_and_compact_removes_it(
    store: PostgresStore, sentinel: dict[str, str]
) -> None:
    assert store.erase_person("p-1") == 2
    assert set(traces(store, sentinel)) == {"name", "email", "phone"}  # what the issue found
    store.compact()
    assert traces(store, sentinel) == {}
    assert find_in_storage(store.url, "Bea Bleibt")  # the rest stays
    assert [person.name for person in store.list(Person)] == ["Bea Bleibt"]


def test_the_write_ahead_log_still_holds_the_erased_name(store: PostgresStore, sentinel: dict[str, str]) -> None:
    """What the README says: the WAL (and every copy of it) keeps the data until it is overwritten."""
    store.erase_person("p-1")
    store.compact()
    hits = find_in_storage(store.url, sentinel["name"], wal=True)
    assert hits
    assert all(hit.startswith("pg_wal/") for hit in hits)


def test_compact_says_which_session_still_sees_the_old_rows(store: PostgresStore, sentinel: dict[str, str]) -> None:
    with psycopg.connect(conninfo_of(StoreURL.parse(f"{store.url.raw}&application_name=old-report"))) as reader:
        reader.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        reader.execute("SELECT 1").fetchone()  # its snapshot is taken: it may still read the old rows
        store.erase_person("p-1")
        with pytest.raises(StoreError, match=r"old row versions may remain: session \d+ \(old-report, idle in "):
            store.compact()
        assert "name" in traces(store, sentinel)  # kept for the reader, as PostgreSQL must
        reader.rollback()
    store.compact()
    assert traces(store, sentinel) == {}


def test_compact_waits_for_a_reader_of_the_tables_only_as_long_as_lock_timeout(store: PostgresStore) -> None:
    url = f"{store.url.raw}&lock_timeout=200ms"
    with psycopg.connect(conninfo_of(StoreURL.parse(url))) as reader, open_store(url) as compacting:
        assert isinstance(compacting, PostgresStore)
        reader.execute(f'SELECT count(*) FROM "{store.schema}".person').fetchone()  # holds the table until rollback
        with pytest.raises(Conflict, match=r"lock_timeout \(200ms\) while rewriting the tables"):
            compacting.compact()


def test_compact_inside_a_transaction_is_refused(store: PostgresStore) -> None:
    with store.transaction(), pytest.raises(StoreError, match="cannot run inside a transaction"):
        store.compact()


def test_searching_without_the_rights_says_which_rights(own_cluster: ThrowawayCluster, store: PostgresStore) -> None:
    with psycopg.connect(own_cluster.admin_url, autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS plain_reader")
        conn.execute("CREATE ROLE plain_reader LOGIN")
    url = store.url.raw.replace("postgresql://postgres@", "postgresql://plain_reader@", 1)
    with pytest.raises(StoreError, match="pg_read_server_files and pg_checkpoint"):
        find_in_storage(url, "anything")
