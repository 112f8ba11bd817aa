"""The clock: ``modified`` keeps rising when the wall clock steps back, across stores and reopening.

A store that trusts the wall clock alone stamps a later write earlier than one already stored,
and ``changed_since`` then misses it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo

import attrs
import pytest

from integrationsnetz.model import Person
from integrationsnetz.store import Store, bookkeeping
from integrationsnetz.testing.store_conformance._fixtures import SuiteFixtures

__all__ = ["ClockTests", "WallClock"]

_UNOBSERVED_CLOCK = (
    "a store stamped a write earlier than a write already in storage, so changed_since() misses it: "
    "before stamping, observe the newest stamp in storage while holding the write lock "
    "(bookkeeping.Clock.observe), as files: and sqlite: do"
)


class WallClock:
    """The wall clock the stores' stamps come from, which a test steps back (as NTP or a restored VM does).

    It replaces the clock :class:`integrationsnetz.store.bookkeeping.Clock` reads; a backend that
    stamps from elsewhere overrides the suite's ``wall_clock`` fixture.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        clock = self
        self.offset = timedelta(0)

        class SteppedDatetime(datetime):
            @classmethod
            def now(cls, tz: tzinfo | None = None) -> datetime:  # type: ignore[override]
                return datetime.now(tz) + clock.offset

        monkeypatch.setattr(bookkeeping, "datetime", SteppedDatetime)

    def step(self, delta: timedelta) -> None:
        """Move the clock by ``delta`` (negative: back)."""
        self.offset += delta


class ClockTests(SuiteFixtures):
    """The wall clock steps back an hour between two stores' writes, or while the store is closed."""

    @pytest.fixture
    def wall_clock(self, monkeypatch: pytest.MonkeyPatch) -> WallClock | None:
        """The clock the clock tests step back: the one ``bookkeeping.Clock`` reads.

        A backend that stamps from another clock (a database server's) overrides this, or returns
        None to skip the clock tests.
        """
        return WallClock(monkeypatch)

    @pytest.fixture
    def stepped_clock(self, wall_clock: WallClock | None) -> WallClock:
        """``wall_clock``, the test skipped when it is None."""
        if wall_clock is None:
            pytest.skip("the wall_clock fixture returns None: the backend's clock cannot be stepped")
        return wall_clock

    def test_clock_stepping_back_between_two_stores(
        self, shared_store_url: str, open_store: Callable[[str], Store], stepped_clock: WallClock
    ) -> None:
        """The wall clock steps back an hour between two stores' writes: the later writes are still later."""
        with open_store(shared_store_url) as one, open_store(shared_store_url) as two:
            assert two.list(Person) == []  # the second store has looked before the first writes
            first = one.put(Person(id="a", network_id="n", function="x"), draft=True)
            stepped_clock.step(timedelta(hours=-1))
            second = two.put(Person(id="b", network_id="n", function="y"), draft=True)
            two.delete(Person, "a")
            assert first.modified is not None
            assert second.modified is not None
            assert second.modified > first.modified, _UNOBSERVED_CLOCK
            for store in (one, two):
                changes = [(c.id, c.deleted) for c in store.changed_since(first.modified)]
                assert changes == [("b", False), ("a", True)], _UNOBSERVED_CLOCK

    def test_clock_stepping_back_across_a_reopen(
        self, durable_store_url: str, open_store: Callable[[str], Store], stepped_clock: WallClock
    ) -> None:
        """The wall clock steps back an hour while the store is closed: writes after reopening are later."""
        with open_store(durable_store_url) as store:
            first = store.put(Person(id="a", network_id="n", function="x"), draft=True)
        stepped_clock.step(timedelta(hours=-1))
        with open_store(durable_store_url) as store:
            second = store.put(attrs.evolve(first, function="y"), draft=True)
            assert first.modified is not None
            assert second.modified is not None
            assert second.modified > first.modified, _UNOBSERVED_CLOCK
            assert [c.revision for c in store.changed_since(first.modified)] == [2], _UNOBSERVED_CLOCK
