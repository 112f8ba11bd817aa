"""The fixtures of the storage suite: those a backend overrides, and those its tests take."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import ClassVar

import pytest
from hypothesis import HealthCheck, settings

from integrationsnetz.plugins import PluginHost
from integrationsnetz.store import Capability, Store, StoreURL
from integrationsnetz.testing import processes

__all__ = ["SuiteFixtures"]

_SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


class SuiteFixtures:
    """The settings and fixtures every part of the storage suite uses; a backend overrides some of them."""

    #: Raise for a slow backend (e.g. a server); every Hypothesis test uses these settings.
    hypothesis_settings: ClassVar[settings] = _SETTINGS

    #: Set to False if the backend cannot migrate a store of an older schema; it must then refuse one.
    migrates_older_stores: ClassVar[bool] = True

    # -- fixtures a backend overrides ---------------------------------------------------------

    @pytest.fixture
    def new_store_url(self) -> Callable[[], str]:
        """A function returning the URL of a new, empty store each time it is called."""
        raise NotImplementedError("override the new_store_url fixture in your test class")

    @pytest.fixture
    def plugin_host(self) -> PluginHost:
        """The host that opens stores: by default with every installed plugin."""
        return PluginHost()

    @pytest.fixture
    def host_recipe(self, plugin_host: PluginHost) -> processes.HostRecipe:
        """How the harnesses' child processes build a host with ``plugin_host``'s plugins."""
        return processes.HostRecipe.of(plugin_host)

    # -- fixtures the tests use ---------------------------------------------------------------

    @pytest.fixture
    def store_url(self, new_store_url: Callable[[], str]) -> str:
        """The URL of one new, empty store."""
        return new_store_url()

    @pytest.fixture
    def capabilities(self, store_url: str, plugin_host: PluginHost) -> frozenset[Capability]:
        """What the backend promises, from its ``StoreBackend``."""
        parsed = StoreURL.parse(store_url)
        backends = plugin_host.store_backends()
        backend = backends.get(parsed.scheme) or backends[parsed.base_scheme]
        return backend.capabilities

    @pytest.fixture
    def durable_store_url(self, store_url: str, capabilities: frozenset[Capability]) -> str:
        """The URL of one new store, for a test of what outlives it: skipped unless the backend is ``DURABLE``."""
        if Capability.DURABLE not in capabilities:
            pytest.skip("the backend is not durable (no Capability.DURABLE): nothing outlives its store")
        return store_url

    @pytest.fixture
    def shared_store_url(self, store_url: str, capabilities: frozenset[Capability]) -> str:
        """The URL of one new store, for a test that opens it twice: skipped unless the backend is ``MULTI_PROCESS``."""
        if Capability.MULTI_PROCESS not in capabilities:
            pytest.skip("the backend is not shared between processes (no Capability.MULTI_PROCESS)")
        return store_url

    @pytest.fixture
    def open_store(self, plugin_host: PluginHost) -> Callable[[str], Store]:
        """Open a store by URL with the suite's host."""
        return plugin_host.open_store

    @pytest.fixture
    def store(self, store_url: str, open_store: Callable[[str], Store]) -> Iterator[Store]:
        """One new store, closed after the test."""
        with open_store(store_url) as store:
            yield store

    @pytest.fixture
    def reference(self, plugin_host: PluginHost) -> Iterator[Store]:
        """A ``memory:`` store to compare with."""
        with plugin_host.open_store("memory:") as store:
            yield store
