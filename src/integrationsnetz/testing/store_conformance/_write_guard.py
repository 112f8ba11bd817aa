"""The write guard at the store's door: every valid id is kept, and nothing is written that cannot be read back.

A write with a dangling reference, a duplicate id or a value set past a constructor is refused
whole, with every problem listed, unless the writer says it is a draft.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

import attrs
import pytest

from integrationsnetz.errors import InvalidData
from integrationsnetz.model import (
    Entity,
    Invitation,
    Meeting,
    MeetingKind,
    Network,
    Organization,
    OrganizationKind,
    Person,
    ProviderCapacity,
    Region,
    State,
    WorkingGroup,
)
from integrationsnetz.model.entity import MAX_ID_LENGTH
from integrationsnetz.store import Capability, Store
from integrationsnetz.testing.store_conformance._fixtures import SuiteFixtures
from integrationsnetz.testing.strategies import BERLIN

__all__ = ["WriteGuardTests"]


class WriteGuardTests(SuiteFixtures):
    """Long and unusual ids stored and found; unreadable values, dangling references and duplicates refused."""

    def test_every_valid_id_can_be_stored(
        self, store_url: str, open_store: Callable[[str], Store], capabilities: frozenset[Capability]
    ) -> None:
        """Long and non-ASCII ids (a file name of 41 x "é" would need 246 bytes) are stored and found again."""
        ids = ["é" * 41, "😀" * 67, "x" * MAX_ID_LENGTH, "ä" * MAX_ID_LENGTH, "𝔘" * MAX_ID_LENGTH, ".hidden", "a b"]
        ids += ["é" * 41 + "-2", "Straße 7", "CON", "%41"]
        people = [Person(id=entity_id, network_id="n", function="x") for entity_id in ids]
        with open_store(store_url) as store:
            store.put_many(people, draft=True)
            assert [p.id for p in store.list(Person)] == sorted(ids)
            for entity_id in ids:
                assert store.get(Person, entity_id).id == entity_id
            store.delete(Person, ids[0])
        if Capability.DURABLE in capabilities:
            with open_store(store_url) as store:
                assert [p.id for p in store.list(Person)] == sorted(ids[1:])
                assert {c.id for c in store.changed_since()} == set(ids)
                store.put(attrs.evolve(people[0], revision=0), draft=True)

    def test_what_cannot_be_read_back_is_refused(
        self, store_url: str, open_store: Callable[[str], Store], capabilities: frozenset[Capability]
    ) -> None:
        """Infinite numbers, lone surrogates and wrong values set past a constructor: InvalidData, nothing written."""
        capacity = ProviderCapacity(id="c", network_id="n", provider_id="vhs", as_of=date(2025, 1, 1), teachers_fte=2)
        start = datetime(2025, 3, 1, 9, tzinfo=BERLIN)
        meeting = Meeting(id="m", network_id="n", kind=MeetingKind.NETWORK, title="T", start=start,
                          end=start + timedelta(hours=1))  # fmt: skip
        defects: list[tuple[Entity, str, object, str]] = [
            (capacity, "teachers_fte", float("inf"), r"teachers_fte: expected a finite number"),
            (capacity, "alpha_teachers_fte", float("nan"), r"alpha_teachers_fte: expected a finite number"),
            (meeting, "title", "Treffen \ud800", r"title: not valid Unicode"),
            (meeting, "kind", "netwrok", r"kind: expected one of"),
            (meeting, "start", start.replace(tzinfo=None), r"start"),
        ]
        with open_store(store_url) as store:
            good = store.put_many([capacity, meeting], draft=True)
            for entity, field, value, message in defects:
                stored = next(e for e in good if type(e) is type(entity))
                for candidate in (attrs.evolve(stored), attrs.evolve(entity, id=f"new-{field}")):
                    object.__setattr__(candidate, field, value)  # past the constructor, as a bug would
                    with pytest.raises(InvalidData, match=message):
                        store.put(candidate, draft=True)
                    with pytest.raises(InvalidData, match=message):
                        store.put_many([Person(id="p", network_id="n", function="x"), candidate], draft=True)
            self._check_unchanged(store, good)
        if Capability.DURABLE in capabilities:
            with open_store(store_url) as store:
                self._check_unchanged(store, good)

    @staticmethod
    def _check_unchanged(store: Store, good: Sequence[Entity]) -> None:
        assert store.list(ProviderCapacity) == [good[0]]
        assert store.list(Meeting) == [good[1]]
        assert store.list(Person) == []
        assert [change.id for change in store.changed_since()] == ["c", "m"]

    def test_dangling_references_are_refused_unless_draft(self, store: Store) -> None:
        """References resolve in the batch or the store; otherwise every problem is listed and nothing written."""
        network = Network(id="n", name="Netz", region=Region(name="Kreis", state=State.TH, ags="16063"))
        anna = Person(id="anna", network_id="n", function="Koordination")
        start = datetime(2025, 3, 1, 9, tzinfo=BERLIN)
        meeting = Meeting(
            id="m", network_id="n", kind=MeetingKind.WORKING_GROUP, title="AG", start=start,
            end=start + timedelta(hours=1), group_id="ag-x", organizer_id="anna",
            invitations=(Invitation(actor_id="anna"), Invitation(actor_id="bnea")),
        )  # fmt: skip
        with pytest.raises(InvalidData) as caught:
            store.put_many([meeting, anna, network])  # order within a batch does not matter
        assert caught.value.problems[:2] == (
            "meeting 'm'.group_id: refers to unknown working group 'ag-x'",
            "meeting 'm'.invitations[1].actor_id: refers to unknown actor 'bnea'",
        )
        assert "draft=True" in caught.value.problems[-1]
        assert store.changed_since() == []
        store.put_many([network, anna])  # complete: resolved in the batch
        with pytest.raises(InvalidData, match="unknown working group 'ag-x'"):
            store.put(meeting)
        group = WorkingGroup(id="ag-x", network_id="elsewhere", name="AG X", topic="Sprache", founded=date(2024, 1, 1))
        with pytest.raises(
            InvalidData, match=r"working_group 'ag-x'\.network_id: refers to unknown network 'elsewhere'"
        ):
            store.put(group)
        group = store.put(attrs.evolve(group, network_id="n"))
        with pytest.raises(InvalidData, match="'bnea'"):
            store.put(meeting)  # the group resolves in the store now; bnea still does not
        draft = store.put(meeting, draft=True)
        assert store.get(Meeting, "m") == draft
        store.delete(WorkingGroup, group.id)
        with pytest.raises(InvalidData, match="'ag-x'"):
            store.put(attrs.evolve(draft, invitations=draft.invitations[:1]))  # a deleted entity does not resolve

    def test_duplicate_ids_in_one_write_are_refused(self, store: Store) -> None:
        """One id twice in a batch, or a person taking an organisation's id (actor ids are shared)."""
        network = Network(id="n", name="Netz", region=Region(name="Kreis", state=State.TH, ags="16063"))
        store.put(network)
        twice = [Person(id="p", network_id="n", function="x"), Person(id="p", network_id="n", function="y")]
        with pytest.raises(InvalidData, match="person 'p': written twice"):
            store.put_many(twice)
        store.put(Organization(id="vhs", network_id="n", name="VHS", kind=OrganizationKind.EDUCATION))
        with pytest.raises(InvalidData, match="person 'vhs': an organization has this id too"):
            store.put(Person(id="vhs", network_id="n", function="x"))
        assert store.list(Person) == []
