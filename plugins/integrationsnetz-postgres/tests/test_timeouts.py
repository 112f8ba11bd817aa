"""Lock and statement timeouts: a writer behind another session's lock waits a bounded time, then hears why."""

from __future__ import annotations

import time
from collections.abc import Iterator

import attrs
import psycopg
import pytest
from integrationsnetz_postgres.connection import conninfo_of
from integrationsnetz_postgres.store import PostgresStore
from psycopg.conninfo import conninfo_to_dict

from integrationsnetz import Conflict, StoreError
from integrationsnetz.model import Course
from integrationsnetz.store import Store, StoreURL, open_store

from .conftest import course


@pytest.fixture
def locked(store_url: str) -> Iterator[tuple[Course, psycopg.Connection[object]]]:
    """A stored course whose row another session has locked (``SELECT ... FOR UPDATE``) and holds."""
    with open_store(store_url) as store:
        stored = store.put(course("c1"), draft=True)
    parsed = StoreURL.parse(store_url)
    schema = dict(parsed.query)["schema"]
    with psycopg.connect(conninfo_of(parsed)) as holder:  # not autocommit: the lock lasts until rollback
        holder.execute(f'SELECT 1 FROM "{schema}".course WHERE id = %s FOR UPDATE', ("c1",))
        yield stored, holder
        holder.rollback()


def timed_update(store: Store, stored: Course) -> float:
    started = time.monotonic()
    try:
        store.put(attrs.evolve(stored, participants=5), draft=True)
    finally:
        elapsed = time.monotonic() - started
    return elapsed


def test_a_row_lock_held_by_another_session_is_a_conflict_after_lock_timeout(
    store_url: str, locked: tuple[Course, psycopg.Connection[object]]
) -> None:
    stored, holder = locked
    with open_store(f"{store_url}&lock_timeout=300ms") as store:
        started = time.monotonic()
        with pytest.raises(Conflict, match=r"lock_timeout \(300ms\).*another session holds the lock") as raised:
            timed_update(store, stored)
        assert time.monotonic() - started < 3
        assert "lost the connection" not in str(raised.value)
        holder.rollback()  # the other session is done: the same store writes at once
        assert store.put(attrs.evolve(stored, participants=5), draft=True).revision == 2


def test_without_a_setting_the_wait_ends_after_five_seconds(
    store_url: str, locked: tuple[Course, psycopg.Connection[object]]
) -> None:
    stored, _ = locked
    with open_store(store_url) as store:
        started = time.monotonic()
        with pytest.raises(Conflict, match=r"lock_timeout \(5s\)"):
            timed_update(store, stored)
        assert 4.5 < time.monotonic() - started < 15


def test_a_statement_running_too_long_is_cancelled_and_says_which_setting(
    store_url: str, locked: tuple[Course, psycopg.Connection[object]]
) -> None:
    stored, _ = locked
    with open_store(f"{store_url}&lock_timeout=0&statement_timeout=300ms") as store:
        with pytest.raises(StoreError, match=r"cancelled the statement.*statement_timeout is 300ms") as raised:
            timed_update(store, stored)
        assert "lost the connection" not in str(raised.value)
        assert store.get(Course, "c1") == stored  # the session is still usable


@pytest.mark.parametrize(
    "options",
    ["options=-c%20lock_timeout%3D3000", "options=-c+lock_timeout=3000", "options=-c lock_timeout=3000"],
)
def test_libpq_options_with_spaces_reach_the_server(store_url: str, options: str) -> None:
    with open_store(f"{store_url}&{options}") as store:
        assert isinstance(store, PostgresStore)
        assert store._live().execute("SHOW lock_timeout").fetchone() == ("3s",)


def test_libpq_gets_every_parameter_as_decoded() -> None:
    url = StoreURL.parse("postgresql://u@h/db?options=-c+a%3Db&application_name=x%2By&schema=s&lock_timeout=1s")
    assert conninfo_to_dict(conninfo_of(url)) == {
        "user": "u",
        "host": "h",
        "dbname": "db",
        "options": "-c a=b",
        "application_name": "x+y",
        "connect_timeout": "10",
    }


@pytest.mark.parametrize("name", ["lock_timeout", "statement_timeout"])
def test_a_timeout_that_is_not_a_duration_is_refused_before_connecting(name: str) -> None:
    url = f"postgresql://u:secret@127.0.0.1:1/db?{name}=soon"
    with pytest.raises(StoreError, match=rf"u:\*\*\*@.*{name}='soon' is not a duration.*e\.g\. {name}="):
        open_store(url)
