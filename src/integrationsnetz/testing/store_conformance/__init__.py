"""The conformance suite every storage backend must pass: subclass it, give it store URLs.

In the style of fsspec's and SQLAlchemy's suites: the tests live in a class; a backend's test
module subclasses it and overrides one fixture, ``new_store_url``, a function that returns the
URL of a new, empty store each time it is called (Hypothesis needs a fresh store per example)::

    # tests/test_conformance.py of integrationsnetz-mydb
    import itertools
    import pytest
    from integrationsnetz.testing.store_conformance import StoreConformance

    class TestMyDBStore(StoreConformance):
        @pytest.fixture
        def new_store_url(self, tmp_path):
            counter = itertools.count()
            return lambda: f"mydb://{tmp_path}/store-{next(counter)}"

What a backend can do beyond the basics comes from its ``StoreBackend.capabilities``, and the
suite holds it to exactly that:

* ``DURABLE``: every write must survive closing and reopening (the state machine reopens the
  store between steps), a clock stepping back across a reopen, and a writer process killed with
  SIGKILL at many points of small and large transactions (:mod:`integrationsnetz.testing.processes`);
* ``MULTI_PROCESS``: the state machine switches between two stores open on one URL, and the
  second must see the first's writes, conflicts and clock;
* ``CONCURRENT_WRITERS``: several processes increment one counter through the revision API
  (reload on ``Conflict``) and no increment may be lost.

The schema tests run for every durable backend: a store written under schema *n* must be
migrated when opened under *n + 1* and refused under *n - 1*. A backend that cannot migrate says
so with ``migrates_older_stores = False`` in its test class; it must then refuse older stores.

Child processes open the store with the same plugins as ``plugin_host`` (a plugin that is not
installed is loaded from its file). Override ``plugin_host`` if your backend is not installed as
a plugin (``PluginHost(entry_points=False, plugins=[mod])``). The long harness runs are marked
``@pytest.mark.slow``; register the marker in your pytest configuration.

The suite compares the backend with the ``memory:`` store, the reference: a Hypothesis state
machine drives both side by side and checks after every step that they agree.

The tests live in one private module per concept, each a class of tests on the shared fixtures
(``_fixtures.py``): the contract of one store (``_contract.py``), its queries (``_queries.py``),
the write guard (``_write_guard.py``), reopening and sharing (``_durability.py``), the clock
(``_clock.py``), schema versions (``_schema.py``), crashes and races (``_crashes.py``) and the
state machine (``_side_by_side.py``). :class:`StoreConformance` is all of them.
"""

from __future__ import annotations

from integrationsnetz.testing.store_conformance._clock import ClockTests, WallClock
from integrationsnetz.testing.store_conformance._contract import ContractTests
from integrationsnetz.testing.store_conformance._crashes import CrashTests, Harness
from integrationsnetz.testing.store_conformance._durability import DurabilityTests
from integrationsnetz.testing.store_conformance._entities import new_entities, unstamped
from integrationsnetz.testing.store_conformance._queries import QueryTests
from integrationsnetz.testing.store_conformance._schema import SchemaTests
from integrationsnetz.testing.store_conformance._side_by_side import SideBySideTests
from integrationsnetz.testing.store_conformance._write_guard import WriteGuardTests

__all__ = ["Harness", "StoreConformance", "WallClock", "new_entities", "unstamped"]


class StoreConformance(
    ContractTests,
    QueryTests,
    WriteGuardTests,
    DurabilityTests,
    ClockTests,
    SchemaTests,
    CrashTests,
    SideBySideTests,
):
    """Every storage backend must pass these tests. Subclass it and override ``new_store_url``.

    Most tests write entities without their network or the actors they mention, so they write
    drafts (``draft=True``); the write-guard tests check that references are refused otherwise.

    Fixtures to override: ``new_store_url`` (required), ``plugin_host``, ``host_recipe``,
    ``wall_clock`` and ``set_schema_version``; settings: ``hypothesis_settings`` and
    ``migrates_older_stores``.
    """
