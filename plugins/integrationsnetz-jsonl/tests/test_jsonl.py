"""integrationsnetz-jsonl: discovered through its entry point, and conformant."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs
import orjson
import pytest

from integrationsnetz import Person, migrations
from integrationsnetz.model import ContactKind, ContactPoint, Membership
from integrationsnetz.plugins import PluginHost
from integrationsnetz.store import StoreURL
from integrationsnetz.store.schema import current_version
from integrationsnetz.testing.erasure_conformance import ErasureConformance, RawStorage, raw_files
from integrationsnetz.testing.store_conformance import StoreConformance


def test_installed_plugin_is_discovered_without_registration_code() -> None:
    """The entry point in pyproject.toml is all it takes (datasette's cookiecutter test)."""
    host = PluginHost()
    assert "jsonl" in host.store_backends()
    assert host.owner_of("register_store_backends", "jsonl") == "integrationsnetz-jsonl"
    (info,) = [plugin for plugin in host.plugins() if plugin.name == "integrationsnetz-jsonl"]
    assert info.distribution == "integrationsnetz-jsonl"
    assert info.provides == ("store:jsonl",)


def test_a_torn_tail_is_ignored_and_cut_off(tmp_path: Path) -> None:
    """Half a transaction at the end of the file (a killed writer) does not count."""
    url = f"jsonl://{tmp_path}/netz.jsonl"
    host = PluginHost()
    with host.open_store(url) as store:
        store.put(Person(id="kept", network_id="n", function="x"), draft=True)
    with (tmp_path / "netz.jsonl").open("ab") as handle:
        handle.write(b'{"type": "person", "id": "torn", "revision": 1, "modified": "2025-01-0')
    with host.open_store(url) as store:
        assert [p.id for p in store.list(Person)] == ["kept"]
        store.put(Person(id="next", network_id="n", function="y"), draft=True)
    with host.open_store(url) as store:
        assert [p.id for p in store.list(Person)] == ["kept", "next"]


SENTINEL = Person(
    id="p-17",
    network_id="n",
    function="Sprachmittlerin",
    name="Zorro Sentinel",
    contacts=(
        ContactPoint(kind=ContactKind.EMAIL, value="zorro.sentinel@example.org"),
        ContactPoint(kind=ContactKind.PHONE, value="+49 3695 55 0199"),
    ),
)
TRACES = (b"Zorro", b"Sentinel", b"zorro.sentinel@example.org", b"3695 55 0199")


def _raw(directory: Path) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(directory.iterdir()) if path.is_file())


def test_erasure_leaves_no_trace_in_the_file(tmp_path: Path) -> None:
    """Earlier lines with the person's name, e-mail and phone are gone; the rest, and the history of changes, stay."""
    url = f"jsonl://{tmp_path}/netz.jsonl"
    host = PluginHost()
    with host.open_store(url) as store, host.open_store(url) as other:
        person = store.put(SENTINEL, draft=True)
        store.put(attrs.evolve(person, function="Sprachmittlerin (Arabisch)"), draft=True)
        store.put(Membership(id="ms", network_id="n", actor_id="p-17", since=person.created.date()), draft=True)  # type: ignore[union-attr]
        kept = store.put(Person(id="ben", network_id="n", function="Lehrkraft"), draft=True)
        assert all(trace in _raw(tmp_path) for trace in TRACES)
        seen = other.changed_since()
        assert store.erase_person("p-17") == 2
        assert not [trace for trace in TRACES if trace in _raw(tmp_path)]
        # the other store, holding the replaced file open, reads the new one
        assert other.get(Person, "ben") == kept
        erased = sorted((c.id, c.deleted) for c in other.changed_since(seen[-1].modified))
        assert erased == [("ms", True), ("p-17", True)]
        other.put(attrs.evolve(kept, function="Lehrkraft (DaZ)"), draft=True)
        assert store.get(Person, "ben").revision == 2
    with host.open_store(url) as store:
        assert store.personal_data_of("p-17").person is None
        assert store.get(Person, "ben").function == "Lehrkraft (DaZ)"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["netz.jsonl"]


def test_erasure_inside_a_transaction_rewrites_at_its_commit(tmp_path: Path) -> None:
    """The rewrite waits for the enclosing transaction; a failed one leaves the file as it was."""
    url = f"jsonl://{tmp_path}/netz.jsonl"
    with PluginHost().open_store(url) as store:
        store.put(SENTINEL, draft=True)

        def erase_then_fail() -> None:
            with store.transaction():
                store.erase_person("p-17")
                raise RuntimeError

        with pytest.raises(RuntimeError):
            erase_then_fail()
        assert store.get(Person, "p-17").name == "Zorro Sentinel"
        with store.transaction():
            store.erase_person("p-17")
            store.put(Person(id="ben", network_id="n", function="Lehrkraft"), draft=True)
        assert not [trace for trace in TRACES if trace in _raw(tmp_path)]
        assert [p.id for p in store.list(Person)] == ["ben"]


def test_a_file_of_an_older_schema_is_migrated_and_rewritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening it under a newer schema migrates every record once and records the new version in the header."""
    url = f"jsonl://{tmp_path}/netz.jsonl"
    host = PluginHost()
    with host.open_store(url) as store:
        store.put(Person(id="p", network_id="n", function="lehrkraft"), draft=True)
    old = current_version()
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", old + 1)
    monkeypatch.setitem(migrations.MIGRATIONS, old, lambda body: body | {"persons": [
        person | {"function": person["function"].upper()} for person in body.get("persons", [])]})  # fmt: skip
    with host.open_store(url) as store:
        assert store.get(Person, "p").function == "LEHRKRAFT"
    header, *_ = (tmp_path / "netz.jsonl").read_bytes().splitlines()
    assert orjson.loads(header)["schema_version"] == old + 1


class TestJsonLinesStore(StoreConformance, ErasureConformance):
    """The shipped conformance suites: a few lines is all a plugin needs."""

    @pytest.fixture
    def new_store_url(self, tmp_path: Path) -> Callable[[], str]:
        counter = itertools.count()
        return lambda: f"jsonl://{tmp_path}/netz-{next(counter)}.jsonl"

    @pytest.fixture
    def raw_storage(self) -> RawStorage:
        """The log file and anything beside it that shares its name (a lock file, a rewrite in progress)."""

        def files_of(url: str) -> Iterator[tuple[str, bytes]]:
            path = Path(StoreURL.parse(url).path)
            return raw_files(*sorted(path.parent.glob(path.name + "*")))

        return files_of
