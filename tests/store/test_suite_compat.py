"""A storage suite override written against 0.1 keeps testing, with a warning, for one release."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pytest

from integrationsnetz.plugins import PluginHost
from integrationsnetz.store import Capability
from integrationsnetz.testing import processes
from integrationsnetz.testing.store_conformance import Harness
from integrationsnetz.testing.store_conformance._crashes import CrashTests


class TestAnOverrideOfZeroPointOne(CrashTests):
    """The SQLite backend's crash tests (the part of the suite that changed), overridden as 0.1's plugins did."""

    @pytest.fixture
    def new_store_url(self, tmp_path: Path) -> Callable[[], str]:
        counter = itertools.count()
        return lambda: f"sqlite:///{tmp_path}/s{next(counter)}.db"

    def test_sigkill_during_small_transactions(  # type: ignore[override]
        self,
        store_url: str,
        plugin_host: PluginHost,
        host_recipe: processes.HostRecipe,
        capabilities: frozenset[Capability],
    ) -> None:
        with pytest.warns(DeprecationWarning, match=r"super\(\).test_...\(harness\)"):
            super().test_sigkill_during_small_transactions(store_url, plugin_host, host_recipe, capabilities)

    def test_sigkill_during_a_large_transaction(  # type: ignore[override]
        self,
        new_store_url: Callable[[], str],
        plugin_host: PluginHost,
        host_recipe: processes.HostRecipe,
        capabilities: frozenset[Capability],
    ) -> None:
        with pytest.warns(DeprecationWarning, match="harness"):
            super().test_sigkill_during_a_large_transaction(new_store_url, plugin_host, host_recipe, capabilities)


def test_the_harness_of_an_old_call_is_the_backend_it_names(tmp_path: Path) -> None:
    """What the old arguments make is a harness of the same store, host and capabilities."""
    from integrationsnetz.testing.store_conformance._crashes import _harness

    host = PluginHost(entry_points=False)
    url = f"sqlite:///{tmp_path}/a.db"
    with pytest.warns(DeprecationWarning, match="take one fixture now"):
        made = _harness(url, (host, processes.HostRecipe.of(host), frozenset({Capability.DURABLE})))
    assert isinstance(made, Harness)
    assert (made.store_url, made.plugin_host, made.capabilities) == (url, host, frozenset({Capability.DURABLE}))
