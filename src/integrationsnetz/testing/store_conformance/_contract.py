"""The contract of every store: exact round trips, revisions and tombstones, transactions, the change feed.

What one store open in one process must do; what outlives it or is shared is in the modules beside.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import timedelta

import attrs
import pytest
from hypothesis import given

from integrationsnetz.errors import Conflict, NotFound, StoreError
from integrationsnetz.model import Meeting, Network, Person, Region, State
from integrationsnetz.model.entity import Entity
from integrationsnetz.plugins import PluginHost
from integrationsnetz.store import Store
from integrationsnetz.testing.store_conformance._entities import all_types_samples, new_entities, unstamped
from integrationsnetz.testing.store_conformance._fixtures import SuiteFixtures

__all__ = ["ContractTests", "abort_after"]


class _Abort(Exception):
    """Raised by the suite to make a transaction fail."""


def abort_after(store: Store, work: Callable[[], object]) -> None:
    """Run ``work`` in a transaction that then fails, and check the failure came out of it."""

    def run() -> None:
        with store.transaction():
            work()
            raise _Abort

    with pytest.raises(_Abort):
        run()


class ContractTests(SuiteFixtures):
    """What a store keeps and answers: every field exactly, revisions, tombstones, transactions, changes."""

    # -- round trips -----------------------------------------------------------------------------

    def test_round_trip_is_exact(self, store: Store, plugin_host: PluginHost) -> None:
        """Every field comes back exactly, time zones and folds included (compared as documents)."""
        counter = itertools.count()
        codec = plugin_host.codec

        @self.hypothesis_settings
        @given(entity=new_entities())
        def check(entity: Entity) -> None:
            entity = attrs.evolve(entity, id=f"{entity.id}-{next(counter)}")
            stored = store.put(entity, draft=True)
            got = store.get(type(entity), entity.id)
            assert codec.unstructure(got) == codec.unstructure(stored)
            expected = attrs.evolve(unstamped(entity), revision=1)
            assert codec.unstructure(unstamped(got)) == codec.unstructure(expected)
            if entity.created is not None:
                assert codec.unstructure(got.created) == codec.unstructure(entity.created)

        check()

    def test_round_trip_of_every_entity_type(self, store: Store, plugin_host: PluginHost) -> None:
        """Hand-made specimens (an ambiguous DST hour, all-day and timed events ...) come back exactly."""
        codec = plugin_host.codec
        samples = all_types_samples()
        stored = store.put_many(samples, draft=True)
        for entity, written in zip(samples, stored, strict=True):
            got = store.get(type(entity), entity.id)
            assert codec.unstructure(got) == codec.unstructure(written)
            assert codec.unstructure(unstamped(got)) == codec.unstructure(attrs.evolve(entity, revision=1))

    # -- basic behaviour -------------------------------------------------------------------------

    def test_put_stamps_revision_created_and_modified(self, store: Store) -> None:
        """A new entity is stored at revision 1 with UTC stamps; an update raises the revision."""
        person = store.put(Person(id="p", network_id="n", function="Integrationsmanagerin"), draft=True)
        assert person.revision == 1
        assert person.created is not None
        assert person.modified is not None
        assert person.created.utcoffset() == timedelta(0)
        updated = store.put(attrs.evolve(person, name="Jürgen Groß"), draft=True)
        assert updated.revision == 2
        assert updated.created == person.created
        assert updated.modified is not None
        assert updated.modified > person.modified
        assert store.get(Person, "p") == updated

    def test_missing_entity_raises_not_found(self, store: Store) -> None:
        """``get`` of an unknown id raises NotFound naming the id."""
        with pytest.raises(NotFound, match="nobody"):
            store.get(Person, "nobody")

    def test_ids_are_per_type(self, store: Store) -> None:
        """A person and a meeting may share an id."""
        store.put(Person(id="x", network_id="n", function="Lehrkraft"), draft=True)
        with pytest.raises(NotFound):
            store.get(Meeting, "x")

    def test_stale_revision_raises_conflict_naming_the_entity(self, store: Store) -> None:
        """Two edits of the same revision: the second is refused, the first survives."""
        person = store.put(Person(id="p-ä", network_id="n", function="Koordination"), draft=True)
        store.put(attrs.evolve(person, function="Koordination Integration"), draft=True)
        with pytest.raises(Conflict, match="person 'p-ä'"):
            store.put(attrs.evolve(person, function="lost update"), draft=True)
        with pytest.raises(Conflict, match="already exists"):
            store.put(attrs.evolve(person, revision=0), draft=True)
        with pytest.raises(Conflict):
            store.put(Person(id="never", network_id="n", function="x", revision=3), draft=True)
        assert store.get(Person, "p-ä").function == "Koordination Integration"

    def test_delete_leaves_a_tombstone(self, store: Store) -> None:
        """Deleted: gone for get and list, reported by changed_since, re-creatable with revision 0."""
        person = store.put(Person(id="p", network_id="n", function="Ehrenamt"), draft=True)
        store.delete(Person, "p", revision=person.revision)
        with pytest.raises(NotFound):
            store.get(Person, "p")
        assert store.list(Person) == []
        with pytest.raises(NotFound):
            store.delete(Person, "p")
        (change,) = [c for c in store.changed_since() if c.id == "p"]
        assert change.deleted
        assert change.revision == 2
        assert change.entity_type == "person"
        with pytest.raises(Conflict):
            store.put(person, draft=True)  # based on revision 1, but it was deleted
        again = store.put(attrs.evolve(person, revision=0, created=None, modified=None), draft=True)
        assert again.revision == 3

    def test_delete_with_stale_revision_is_refused(self, store: Store) -> None:
        """``delete(..., revision=n)`` refuses when someone changed the entity since revision n."""
        person = store.put(Person(id="p", network_id="n", function="Ehrenamt"), draft=True)
        store.put(attrs.evolve(person, function="Ehrenamt (Sprachcafé)"), draft=True)
        with pytest.raises(Conflict, match="person 'p'"):
            store.delete(Person, "p", revision=person.revision)
        assert store.get(Person, "p").revision == 2

    def test_list_by_type_and_network(self, store: Store) -> None:
        """``list`` gives live entities ordered by id, of one network if asked."""
        store.put_many(
            [
                Person(id="b", network_id="n1", function="x"),
                Person(id="a", network_id="n2", function="y"),
                Person(id="c", network_id="n1", function="z"),
                Network(id="n1", name="Netz", region=Region(name="Wartburgkreis", state=State.TH, ags="16063")),
            ],
            draft=True,
        )
        assert [p.id for p in store.list(Person)] == ["a", "b", "c"]
        assert [p.id for p in store.list(Person, network_id="n1")] == ["b", "c"]
        assert [n.id for n in store.list(Network, network_id="n1")] == ["n1"]

    # -- transactions ----------------------------------------------------------------------------

    def test_failed_transaction_writes_nothing(self, store: Store) -> None:
        """An exception inside ``transaction()`` rolls every write of the block back."""
        kept = store.put(Person(id="kept", network_id="n", function="x"), draft=True)

        def work() -> None:
            store.put(Person(id="new", network_id="n", function="y"), draft=True)
            store.put(attrs.evolve(kept, function="changed"), draft=True)
            store.delete(Person, "kept", revision=2)
            assert [p.id for p in store.list(Person)] == ["new"]  # reads see the block's own writes

        abort_after(store, work)
        assert store.list(Person) == [kept]

    def test_put_many_is_all_or_nothing(self, store: Store) -> None:
        """One stale entity in a batch: Conflict, and none of the batch is written."""
        existing = store.put(Person(id="b", network_id="n", function="x"), draft=True)
        store.put(attrs.evolve(existing, function="newer"), draft=True)
        batch = [Person(id="a", network_id="n", function="y"), existing, Person(id="c", network_id="n", function="z")]
        with pytest.raises(Conflict, match="person 'b'"):
            store.put_many(batch, draft=True)
        assert [p.id for p in store.list(Person)] == ["b"]

    def test_nested_transaction_is_a_savepoint(self, store: Store) -> None:
        """An inner block that fails undoes only its own writes."""
        with store.transaction():
            store.put(Person(id="outer", network_id="n", function="x"), draft=True)
            abort_after(store, lambda: store.put(Person(id="inner", network_id="n", function="y"), draft=True))
            with store.transaction():
                store.put(Person(id="inner-ok", network_id="n", function="z"), draft=True)
        assert [p.id for p in store.list(Person)] == ["inner-ok", "outer"]

    # -- sync ------------------------------------------------------------------------------------

    def test_changed_since_reports_writes_and_deletions_in_order(self, store: Store) -> None:
        """Each change once, oldest first, strictly later than ``since``; tombstones included."""
        first = store.put(Person(id="a", network_id="n1", function="x"), draft=True)
        assert first.modified is not None
        mark = first.modified
        store.put(Person(id="b", network_id="n2", function="y"), draft=True)
        store.put(attrs.evolve(first, function="x2"), draft=True)
        store.delete(Person, "b")
        changes = store.changed_since(mark)
        assert [(c.id, c.revision, c.deleted) for c in changes] == [("a", 2, False), ("b", 2, True)]
        assert all(c.modified > mark for c in changes)
        assert changes[0].modified < changes[1].modified
        assert [c.id for c in store.changed_since(mark, network_id="n2")] == ["b"]
        assert store.changed_since(changes[-1].modified) == []
        assert len(store.changed_since()) == 2

    def test_modified_strictly_increases(self, store: Store) -> None:
        """Quick successive writes still get distinct, increasing ``modified`` stamps."""
        stamps = [store.put(Person(id=f"p{i}", network_id="n", function="x"), draft=True).modified for i in range(30)]
        assert all(a is not None and b is not None and a < b for a, b in itertools.pairwise(stamps))

    # -- a closed store ----------------------------------------------------------------------------

    def test_closed_store_refuses_work(self, store_url: str, open_store: Callable[[str], Store]) -> None:
        """Using a closed store raises StoreError instead of failing obscurely."""
        store = open_store(store_url)
        store.close()
        with pytest.raises(StoreError, match="closed"):
            store.get(Person, "p")

    def test_repr_and_errors_mask_the_password(self, store: Store) -> None:
        """The URL shows without its password in repr and messages."""
        assert store.url.password is None or store.url.password not in repr(store)
        with pytest.raises(NotFound) as caught:
            store.get(Person, "nobody")
        assert store.url.password is None or store.url.password not in str(caught.value)
