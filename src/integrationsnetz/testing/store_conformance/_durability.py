"""What outlives a store or is shared: every write survives reopening, and a second store sees the first's.

The tests of a ``DURABLE`` backend close the store and open it again; those of a
``MULTI_PROCESS`` backend open two stores on one URL. Other backends skip them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

import attrs
import pytest

from integrationsnetz.errors import Conflict, NotFound
from integrationsnetz.model import ENTITY_TYPES, Invitation, Meeting, MeetingKind, Network, Person, Region, State
from integrationsnetz.store import Store
from integrationsnetz.testing.store_conformance._contract import abort_after
from integrationsnetz.testing.store_conformance._fixtures import SuiteFixtures
from integrationsnetz.testing.strategies import BERLIN

__all__ = ["DurabilityTests"]


def _snapshot(store: Store, networks: Sequence[str]) -> dict[str, Any]:
    """Everything the store answers about its content, by the call that answers it."""
    answers: dict[str, Any] = {"changed_since()": store.changed_since()}
    for network_id in networks:
        answers[f"changed_since(network_id={network_id!r})"] = store.changed_since(network_id=network_id)
    for cls in ENTITY_TYPES.values():
        answers[f"list({cls.__name__})"] = store.list(cls)
        for network_id in networks:
            answers[f"list({cls.__name__}, network_id={network_id!r})"] = store.list(cls, network_id=network_id)
    return answers


class DurabilityTests(SuiteFixtures):
    """Reopening loses nothing (tombstones included); two stores on one URL cannot lose an update."""

    def test_data_survives_reopening(self, durable_store_url: str, open_store: Callable[[str], Store]) -> None:
        """Close and open again: everything is there, including tombstones."""
        with open_store(durable_store_url) as store:
            kept = store.put(Person(id="p", network_id="n", function="Lotsin 🧭"), draft=True)
            store.put(Person(id="gone", network_id="n", function="x"), draft=True)
            store.delete(Person, "gone")
        with open_store(durable_store_url) as store:
            assert store.get(Person, "p") == kept
            assert [(c.id, c.deleted) for c in store.changed_since()] == [("p", False), ("gone", True)]
            assert store.put(attrs.evolve(kept, function="Lotsin"), draft=True).revision == 2

    def test_two_stores_on_one_url_cannot_lose_an_update(
        self, shared_store_url: str, open_store: Callable[[str], Store]
    ) -> None:
        """Two writers read revision 1: the first write wins, the second gets Conflict."""
        with open_store(shared_store_url) as one, open_store(shared_store_url) as two:
            original = one.put(Person(id="p", network_id="n", function="x"), draft=True)
            seen_by_two = two.get(Person, "p")
            one.put(attrs.evolve(original, function="from one"), draft=True)
            with pytest.raises(Conflict, match="person 'p'"):
                two.put(attrs.evolve(seen_by_two, function="from two"), draft=True)
            assert two.get(Person, "p").function == "from one"
            abort_after(one, lambda: one.put(Person(id="q", network_id="n", function="y"), draft=True))
            with pytest.raises(NotFound):
                two.get(Person, "q")

    def test_every_write_survives_reopening(self, durable_store_url: str, open_store: Callable[[str], Store]) -> None:
        """Batches, transactions, updates and deletions: after reopening every answer is the same."""
        start = datetime(2025, 5, 6, 17, tzinfo=BERLIN)
        network = Network(id="n1", name="Netz", region=Region(name="Wartburgkreis", state=State.TH, ags="16063"))
        with open_store(durable_store_url) as store:
            store.put_many(
                [
                    network,
                    Person(id="a", network_id="n1", function="Lotsin"),
                    Person(id="b", network_id="n2", function="Lehrkraft"),
                    Person(id="c", network_id="n1", function="Ehrenamt"),
                    Meeting(id="m", network_id="n2", kind=MeetingKind.NETWORK, title="Treffen", start=start,
                            end=start + timedelta(hours=2), invitations=(Invitation(actor_id="a"),)),
                    Person(id="z", network_id="n2", function="the last of the batch"),
                ],
                draft=True,
            )  # fmt: skip
            store.delete(Person, "b", revision=1)
            with store.transaction():
                store.put(attrs.evolve(store.get(Person, "a"), function="Lotsin 🧭"), draft=True)
                store.put(Person(id="d", network_id="n2", function="Sprachmittlerin"), draft=True)
                store.delete(Person, "c")
                store.put(Person(id="e", network_id="n1", function="the last of the transaction"), draft=True)
            before = _snapshot(store, ["n1", "n2"])
        with open_store(durable_store_url) as store:
            after = _snapshot(store, ["n1", "n2"])
            for call, answer in before.items():
                assert after[call] == answer, f"after reopening, {call} answers differently"
            again = store.put(Person(id="b", network_id="n2", function="wieder da"), draft=True)
            assert again.revision == 3, "re-creating a deleted entity continues after its tombstone's revision"
