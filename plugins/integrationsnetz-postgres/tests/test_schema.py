"""The table layout's version: older databases are migrated, newer ones refused, first opens race safely."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from integrationsnetz_postgres.connection import conninfo_of
from integrationsnetz_postgres.schema import LAYOUT_VERSION, meeting_people, migrate

from integrationsnetz import SchemaVersionError
from integrationsnetz.model import Meeting, MeetingKind, ProviderCapacity
from integrationsnetz.plugins import default_host
from integrationsnetz.store import StoreURL, open_store


def connect(store_url: str) -> psycopg.Connection[tuple[object, ...]]:
    return psycopg.connect(conninfo_of(StoreURL.parse(store_url)), autocommit=True)


def schema_of(store_url: str) -> str:
    return dict(StoreURL.parse(store_url).query)["schema"]


def test_a_layout_1_database_is_migrated_with_its_data(store_url: str) -> None:
    schema = schema_of(store_url)
    start = datetime(2025, 6, 2, 9, tzinfo=UTC)
    old = Meeting(
        id="m1", network_id="wak", kind=MeetingKind.NETWORK, title="Plenum", start=start,
        end=start + timedelta(hours=2), revision=4, created=start, modified=start,
    )  # fmt: skip
    with connect(store_url) as conn:
        migrate(conn, schema, where="test", target=1)  # what version 1 of the plugin left behind
        conn.execute(
            f'INSERT INTO "{schema}".meeting (id, network_id, revision, created, modified, doc, start_at, end_at,'
            " group_id, people_ids) VALUES (%s, %s, %s, %s, %s, %s::json, %s, %s, %s, %s)",
            ("m1", "wak", 4, start, start, default_host().codec.dumps(old).decode(), start, old.end, None,
             meeting_people(old)),
        )  # fmt: skip
    with open_store(store_url) as store:
        assert store.meetings_between(start, start + timedelta(days=1)) == [old]  # answered via the new range index
    with connect(store_url) as conn:
        versions = conn.execute(f'SELECT version FROM "{schema}".schema_version ORDER BY version').fetchall()
        assert [row[0] for row in versions] == list(range(1, LAYOUT_VERSION + 1))


def test_a_database_from_a_newer_plugin_is_refused(store_url: str) -> None:
    open_store(store_url).close()
    with connect(store_url) as conn:
        conn.execute(
            f'INSERT INTO "{schema_of(store_url)}".schema_version (version, data_version, library) '
            "VALUES (99, 1, 'integrationsnetz-postgres 9.0')"
        )
    with pytest.raises(SchemaVersionError, match=r"layout 99.*upgrade integrationsnetz-postgres") as raised:
        open_store(store_url)
    assert StoreURL.parse(store_url).masked in str(raised.value)


def test_documents_from_a_newer_library_are_refused(store_url: str) -> None:
    open_store(store_url).close()
    with connect(store_url) as conn:
        conn.execute(f'UPDATE "{schema_of(store_url)}".schema_version SET data_version = 42')
    with pytest.raises(SchemaVersionError, match=r"schema 42.*upgrade integrationsnetz"):
        open_store(store_url)


def test_an_entity_type_newer_than_the_database_gets_its_table(store_url: str) -> None:
    open_store(store_url).close()
    with connect(store_url) as conn:
        conn.execute(f'DROP TABLE "{schema_of(store_url)}".provider_capacity')  # as before the type existed
    with open_store(store_url) as store:
        assert store.list(ProviderCapacity) == []


def test_processes_opening_a_new_database_at_once_create_it_once(store_url: str) -> None:
    failures: list[BaseException] = []

    def open_and_close() -> None:
        try:
            open_store(store_url).close()
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=open_and_close) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with connect(store_url) as conn:
        count = conn.execute(f'SELECT count(*) FROM "{schema_of(store_url)}".schema_version').fetchone()
    assert count == (LAYOUT_VERSION,)
