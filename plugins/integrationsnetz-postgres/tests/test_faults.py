"""Faults against real servers: a session killed mid-transaction and a client killed while the
server commits (on the shared server), a server restarted mid-run (the run's own throwaway
cluster: a test restarts only a server it started)."""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from integrationsnetz_postgres.connection import conninfo_of

from integrationsnetz import StoreError
from integrationsnetz.model import Course, Meeting
from integrationsnetz.plugins import PluginHost
from integrationsnetz.store import Store, StoreURL, open_store
from integrationsnetz.testing import processes

from .conftest import DEFAULT_URL, URL_ENV, SharedServer, ThrowawayCluster, course


@pytest.fixture
def victim(store_url: str) -> Iterator[tuple[Store, str]]:
    """A store whose session can be found (by its application name) and ended from outside."""
    name = f"victim-{uuid.uuid4().hex[:8]}"
    with open_store(f"{store_url}&application_name={name}") as store:
        yield store, name


def terminate(admin_url: str, application_name: str) -> int:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s", (application_name,)
        ).fetchall()
    return len(rows)


def test_a_session_killed_inside_a_transaction_leaves_nothing_half_written(
    victim: tuple[Store, str], postgres_cluster: SharedServer
) -> None:
    store, name = victim
    kept = store.put(course("before"), draft=True)

    def half_done() -> None:
        with store.transaction():
            store.put_many([course(f"c{number:03d}") for number in range(200)], draft=True)
            assert terminate(postgres_cluster.admin_url, name) == 1
            store.put(course("after"), draft=True)

    with pytest.raises(StoreError, match="lost the connection") as raised:
        half_done()
    assert store.url.masked in str(raised.value)
    assert store.list(Course) == [kept]  # the next call reconnected; none of the 201 writes landed
    assert store.list(Meeting) == []


def test_a_session_killed_during_a_large_write_keeps_all_or_nothing(
    victim: tuple[Store, str], store_url: str, postgres_cluster: SharedServer
) -> None:
    store, name = victim
    batch = [course(f"c{number:05d}") for number in range(6000)]
    killer = threading.Timer(0.15, terminate, args=(postgres_cluster.admin_url, name))
    killer.start()
    try:
        store.put_many(batch, draft=True)
        failed = False
    except StoreError:
        failed = True
    finally:
        killer.join()
    # Read through a fresh session: when the write finishes before the kill, the kill ends the
    # victim's idle session and its next call reports the lost connection (then reconnects).
    with open_store(store_url) as reader:
        stored = len(reader.list(Course))
    assert stored == (0 if failed else len(batch))


def slow_commits(store_url: str, seconds: float) -> None:
    """Make every COMMIT that changed a working group take ``seconds``: a deferred trigger sleeps in it."""
    url = StoreURL.parse(store_url)
    schema = dict(url.query)["schema"]
    with psycopg.connect(conninfo_of(url), autocommit=True) as conn:
        conn.execute(
            f'CREATE FUNCTION "{schema}".slow_commit() RETURNS trigger LANGUAGE plpgsql'
            f" AS $$ BEGIN PERFORM pg_sleep({seconds}); RETURN NULL; END $$"
        )
        conn.execute(
            f'CREATE CONSTRAINT TRIGGER slow_commit AFTER UPDATE ON "{schema}".working_group'
            f' DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "{schema}".slow_commit()'
        )


def test_a_writer_killed_while_the_server_commits_is_judged_after_the_commit_landed(store_url: str) -> None:
    """The server finishes a COMMIT its killed client sent, later: the kill harness must not read across it.

    Each COMMIT of the harness's writer takes 0.2 s here, so most kills fall while the server is
    committing, and the harness reads the store while that transaction lands. It used to read the
    counter before the commit and the tombstones after it (the change feed waits for writers in
    flight), and reported a state of no transaction (the finding of 2026-12-03, under load).
    """
    host = PluginHost()
    with open_store(store_url):
        pass  # the tables, for the trigger
    slow_commits(store_url, 0.2)
    report = processes.kill_small_transactions(store_url, host, processes.HostRecipe.of(host), kills=6, seed=3)
    assert not report.problems, report.outcomes


def started_at(admin_url: str) -> object:
    """When the server at ``admin_url`` started, or None if it does not answer."""
    try:
        with psycopg.connect(admin_url, connect_timeout=3) as conn:
            return conn.execute("SELECT pg_postmaster_start_time()").fetchone()
    except psycopg.Error:
        return None


def test_a_server_restart_gives_a_clear_error_and_the_store_recovers(own_cluster: ThrowawayCluster) -> None:
    store_url = f"{own_cluster.admin_url}&schema=restart_{uuid.uuid4().hex[:6]}"
    shared = os.environ.get(URL_ENV) or DEFAULT_URL
    shared_since, own_since = started_at(shared), started_at(own_cluster.admin_url)
    acknowledged: list[Course] = []
    errors: list[StoreError] = []
    failures: list[RuntimeError] = []
    restarted = threading.Event()
    with open_store(store_url) as store:

        def restart() -> None:
            try:
                own_cluster.restart()
            except RuntimeError as exc:
                failures.append(exc)
            finally:
                restarted.set()

        restarter = threading.Thread(target=restart)
        try:
            number = 0
            restarter.start()
            deadline = time.monotonic() + 60
            after = 0
            while after < 20 and time.monotonic() < deadline:  # keep writing through the restart
                number += 1
                try:
                    acknowledged.append(store.put(course(f"c{number:04d}"), draft=True))
                except StoreError as exc:
                    errors.append(exc)
                    time.sleep(0.05)
                if restarted.is_set():
                    after += 1
        finally:
            restarter.join()
        assert not failures, failures
        assert errors, "no write met the restart"
        assert all(store.url.masked in str(error) for error in errors)
        assert "lost the connection" in str(errors[0]) or "cannot connect" in str(errors[0])
        stored = {entity.id: entity for entity in store.list(Course)}  # recovered
    for entity in acknowledged:  # nothing the store acknowledged was lost
        assert stored[entity.id] == entity
    assert started_at(own_cluster.admin_url) != own_since  # this run's own server restarted ...
    assert started_at(shared) == shared_since  # ... and the shared one did not
