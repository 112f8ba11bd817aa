"""integrationsnetz-jsonl: discovered through its entry point, and conformant."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pytest

from integrationsnetz import Person
from integrationsnetz.plugins import PluginHost
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


class TestJsonLinesStore(StoreConformance):
    """The shipped conformance suite: a few lines is all a plugin needs."""

    @pytest.fixture
    def new_store_url(self, tmp_path: Path) -> Callable[[], str]:
        counter = itertools.count()
        return lambda: f"jsonl://{tmp_path}/netz-{next(counter)}.jsonl"
