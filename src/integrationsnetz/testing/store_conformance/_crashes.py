"""Crashes and races with real processes: a writer killed with SIGKILL, writers racing on one counter.

The harnesses themselves are :mod:`integrationsnetz.testing.processes`; this module holds them to
the backend's capabilities (``DURABLE`` for the kills, ``CONCURRENT_WRITERS`` for the race). The
longer runs are marked ``slow``.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import attrs
import pytest

from integrationsnetz.plugins import PluginHost
from integrationsnetz.store import Capability
from integrationsnetz.testing import processes
from integrationsnetz.testing.store_conformance._fixtures import SuiteFixtures

__all__ = ["CrashTests", "Harness"]

_NOT_DURABLE = "the backend is not durable: there is nothing to find after a crash"


@attrs.frozen
class Harness:
    """What the process harnesses need of a backend, and the checks of what they report.

    A test class that overrides one of the harness tests (to mark it, say) passes it on:
    ``super().test_sigkill_during_small_transactions(harness)``.
    """

    store_url: str
    new_store_url: Callable[[], str]
    plugin_host: PluginHost
    host_recipe: processes.HostRecipe
    capabilities: frozenset[Capability]

    def kill_small_transactions(self, *, kills: int) -> None:
        """A writer of small transactions killed ``kills`` times: each time the state after a whole one."""
        self._require(Capability.DURABLE, _NOT_DURABLE)
        report = processes.kill_small_transactions(self.store_url, self.plugin_host, self.host_recipe, kills=kills)
        assert not report.problems, f"after SIGKILL of a writer: {report.outcomes}"

    def kill_large_transaction(self, *, size: int, points: int) -> None:
        """A writer of one large save killed at ``points`` points of it: each time the old or the new state."""
        self._require(Capability.DURABLE, _NOT_DURABLE)
        report = processes.kill_large_transaction(
            self.new_store_url, self.plugin_host, self.host_recipe, size=size, points=points
        )
        print(f"states after SIGKILL at {points} points: {report.outcomes}")
        assert not report.problems, f"after SIGKILL of a writer: {report.outcomes}"

    def race(self, *, writers: int, increments: int) -> None:
        """``writers`` processes increment one counter ``increments`` times each: no increment is lost."""
        self._require(Capability.CONCURRENT_WRITERS, "the backend does not declare CONCURRENT_WRITERS")
        report = processes.race(
            self.store_url, self.plugin_host, self.host_recipe, writers=writers, increments=increments
        )
        print(f"{writers} writers, {report.expected} increments, {report.conflicts} conflicts")
        assert not report.failures, f"writers failed: {report.failures}"
        assert report.lost == 0, (
            f"{report.lost} of {report.expected} increments were lost: the counter ended at {report.counted} "
            f"(revision {report.revision}); a backend declaring CONCURRENT_WRITERS must serialise writers "
            "and check revisions against what is stored, under its write lock"
        )
        assert report.revision == report.expected + 1

    def _require(self, capability: Capability, reason: str) -> None:
        if capability not in self.capabilities:
            pytest.skip(reason)


def _harness(harness: Harness | object, before_0_2: tuple[Any, ...]) -> Harness:
    """The harness, or one made from the four arguments these tests took before 0.2 (with a warning).

    An override written then calls ``super().test_...(store_url, plugin_host, host_recipe,
    capabilities)`` (``new_store_url`` first for the large-transaction tests); it keeps testing,
    and is told to pass ``harness`` instead, until the next release.
    """
    if isinstance(harness, Harness):
        return harness
    warnings.warn(
        "the storage suite's crash and race tests take one fixture now: "
        "override them as test_...(self, harness) and call super().test_...(harness)",
        DeprecationWarning,
        stacklevel=3,
    )
    plugin_host, host_recipe, capabilities = before_0_2
    if callable(harness):
        return Harness(str(harness()), harness, plugin_host, host_recipe, capabilities)
    return Harness(str(harness), lambda: str(harness), plugin_host, host_recipe, capabilities)


class CrashTests(SuiteFixtures):
    """SIGKILL of a writer during small transactions and during one large save; racing writers."""

    @pytest.fixture
    def harness(
        self,
        store_url: str,
        new_store_url: Callable[[], str],
        plugin_host: PluginHost,
        host_recipe: processes.HostRecipe,
        capabilities: frozenset[Capability],
    ) -> Harness:
        """The backend as the process harnesses need it."""
        return Harness(store_url, new_store_url, plugin_host, host_recipe, capabilities)

    def test_sigkill_during_small_transactions(self, harness: Harness, *before_0_2: Any) -> None:
        """A writer killed at random moments of small transactions: each time the state after a whole one."""
        _harness(harness, before_0_2).kill_small_transactions(kills=4)

    @pytest.mark.slow
    def test_sigkill_during_small_transactions_thoroughly(self, harness: Harness, *before_0_2: Any) -> None:
        """The same, killed 15 times."""
        _harness(harness, before_0_2).kill_small_transactions(kills=15)

    def test_sigkill_during_a_large_transaction(self, harness: Harness, *before_0_2: Any) -> None:
        """A writer killed at points spread over one save of 120 entities: each time the old or the new state."""
        _harness(harness, before_0_2).kill_large_transaction(size=60, points=4)

    @pytest.mark.slow
    def test_sigkill_during_a_large_transaction_thoroughly(self, harness: Harness, *before_0_2: Any) -> None:
        """The same with 400 entities, killed at 8 points."""
        _harness(harness, before_0_2).kill_large_transaction(size=200, points=8)

    def test_concurrent_writers_lose_no_update(self, harness: Harness, *before_0_2: Any) -> None:
        """Three processes increment one counter 8 times each, reloading on Conflict: it reaches 24."""
        _harness(harness, before_0_2).race(writers=3, increments=8)

    @pytest.mark.slow
    def test_concurrent_writers_lose_no_update_thoroughly(self, harness: Harness, *before_0_2: Any) -> None:
        """Four processes, 50 increments each."""
        _harness(harness, before_0_2).race(writers=4, increments=50)
