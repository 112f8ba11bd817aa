"""Erasure leaves no trace: the erasure suite's own guarantees, and ``sqlite:``'s readers.

The suite itself runs on the built-in backends in test_conformance.py."""

from __future__ import annotations

import sqlite3
import time
import warnings
from collections.abc import Iterable
from pathlib import Path

import pytest

from integrationsnetz import Person, StoreError
from integrationsnetz.model import ContactKind, ContactPoint
from integrationsnetz.plugins import PluginHost
from integrationsnetz.privacy import ErasureIncompleteWarning
from integrationsnetz.store import StoreURL
from integrationsnetz.store.sqlite import SQLiteStore
from integrationsnetz.testing.erasure_conformance import (
    SENTINEL_PHONE,
    ErasureConformance,
    raw_files,
    trace_forms,
    traces_in,
)
from integrationsnetz.testing.samples import SENTINEL_EMAIL, SENTINEL_NAME


def sqlite_files(url: str) -> Iterable[tuple[str, bytes]]:
    """The raw storage of a ``sqlite:`` store: the database and its -wal, -journal and -shm files."""
    path = StoreURL.parse(url).path
    return raw_files(*(Path(path + suffix) for suffix in ("", "-wal", "-journal", "-shm")))


def test_a_durable_backend_without_a_hook_is_told_to_provide_one(tmp_path: Path, builtin_host: PluginHost) -> None:
    """The raw search is never skipped quietly for a backend that keeps data."""
    suite = ErasureConformance()
    with pytest.raises(pytest.fail.Exception, match="provides no raw_storage hook"):
        suite.test_erasure_leaves_no_trace_in_raw_storage(
            lambda: f"sqlite://{tmp_path}/netz.db", builtin_host, None, reopen=False
        )


def test_a_hook_that_sees_nothing_cannot_pass(tmp_path: Path, builtin_host: PluginHost) -> None:
    suite = ErasureConformance()
    with pytest.raises(AssertionError, match="shows no 'Zoë Sentinelli' before the erasure"):
        suite.test_erasure_leaves_no_trace_in_raw_storage(
            lambda: f"sqlite://{tmp_path}/netz.db", builtin_host, lambda url: [], reopen=False
        )


def test_trace_forms_find_slugs_escapes_and_other_encodings() -> None:
    forms = trace_forms(SENTINEL_NAME, SENTINEL_EMAIL, SENTINEL_PHONE)
    for stored in (
        b"person/zoe-sentinelli.json",  # an id made from the name
        b'{"name": "Zo\\u00eb Sentinelli"}',
        "Zoë Sentinelli".encode("utf-16-le"),
        b"zoe.sentinelli%40example.org",
        b"tel:+4936957734821",
        b"Zo%C3%AB%20Sentinelli",
    ):
        assert traces_in([("x", stored)], forms), stored
    assert not traces_in([("x", b'{"id": "p-e7", "revision": 3, "modified": "2025-01-01T00:00:00Z"}')], forms)


# -- sqlite: erasure while another connection reads ------------------------------------------------


def _sentinel(person_id: str = "p1") -> Person:
    return Person(
        id=person_id,
        network_id="n",
        function="Integrationsmanagerin",
        name=SENTINEL_NAME,
        contacts=(ContactPoint(kind=ContactKind.EMAIL, value=SENTINEL_EMAIL),),
    )


def _traces(url: str) -> list[str]:
    return traces_in(sqlite_files(url), trace_forms(SENTINEL_NAME, SENTINEL_EMAIL))


def test_sqlite_erasure_blocked_by_a_reader_is_reported_and_finished_later(
    tmp_path: Path, builtin_host: PluginHost
) -> None:
    """A reader holds the old pages in the WAL: a warning says so within seconds, ``finish_erasure`` ends it."""
    url = f"sqlite://{tmp_path}/netz.db"
    with builtin_host.open_store(url) as store:
        assert isinstance(store, SQLiteStore)
        store.put_many([_sentinel(), Person(id="p2", network_id="n", function="Lehrkraft")], draft=True)
        reader = sqlite3.connect(tmp_path / "netz.db", isolation_level=None)
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM person").fetchone()  # a read transaction on the old snapshot
        began = time.monotonic()
        with pytest.warns(ErasureIncompleteWarning) as caught:
            assert store.erase_person("p1") == 1
        assert time.monotonic() - began < 10, "erase_person waited for the reader far too long"
        message = str(caught[0].message)
        assert "netz.db-wal" in message
        assert "finish_erasure()" in message
        assert _traces(url), "the reader's snapshot should still hold the old pages"
        with pytest.raises(StoreError, match=r"netz\.db-wal.*another connection"):
            store.finish_erasure()
        reader.execute("COMMIT")
        reader.close()
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            store.finish_erasure()
        assert _traces(url) == []
        with pytest.raises(Exception, match="was deleted"):
            store.get(Person, "p1")


def test_sqlite_unfinished_erasure_is_finished_by_the_next_commit(tmp_path: Path, builtin_host: PluginHost) -> None:
    url = f"sqlite://{tmp_path}/netz.db"
    with builtin_host.open_store(url) as store:
        store.put(_sentinel(), draft=True)
        reader = sqlite3.connect(tmp_path / "netz.db", isolation_level=None)
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM person").fetchone()
        with pytest.warns(ErasureIncompleteWarning):
            store.erase_person("p1")
        reader.execute("COMMIT")
        reader.close()
        store.put(Person(id="p2", network_id="n", function="Lehrkraft"), draft=True)
        assert _traces(url) == []


def test_sqlite_erasure_inside_a_transaction_clears_the_wal_when_it_commits(
    tmp_path: Path, builtin_host: PluginHost
) -> None:
    url = f"sqlite://{tmp_path}/netz.db"
    with builtin_host.open_store(url) as store:
        store.put(_sentinel(), draft=True)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with store.transaction():
                store.erase_person("p1")
                store.put(Person(id="p2", network_id="n", function="Lehrkraft"), draft=True)
        assert _traces(url) == []
