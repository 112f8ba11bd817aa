"""The backend beside the reference: a Hypothesis state machine drives it and ``memory:`` alike.

After every step the two must agree on every answer; between steps a ``DURABLE`` store is
reopened and a ``MULTI_PROCESS`` one swapped for a second store on the same URL.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import attrs
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test

from integrationsnetz.errors import Conflict, IntegrationsnetzError
from integrationsnetz.model import ENTITY_TYPES, CourseStatus, Entity, Meeting
from integrationsnetz.store import Capability, Change, Store
from integrationsnetz.testing.store_conformance._entities import (
    COURSE_TYPES,
    GROUPS,
    NETWORKS,
    PEOPLE,
    pooled,
    unstamped,
)
from integrationsnetz.testing.store_conformance._fixtures import SuiteFixtures
from integrationsnetz.testing.strategies import BERLIN

__all__ = ["SideBySideTests"]

_START = datetime(2024, 1, 1, tzinfo=BERLIN)


def _outcome(call: Callable[[], Any]) -> tuple[str, Any]:
    """What the call returned, or the name of the library's error it raised: what two stores must agree on."""
    try:
        return ("ok", call())
    except IntegrationsnetzError as exc:
        return (type(exc).__name__, None)


def _normal(value: Any) -> Any:
    """An answer as two stores written alike agree on it: without the stores' stamps, as lists."""
    if isinstance(value, Entity):
        return unstamped(value)
    if isinstance(value, Change):
        return (value.entity_type, value.id, value.revision, None if value.entity is None else unstamped(value.entity))
    if isinstance(value, (list, tuple)):
        return [_normal(item) for item in value]
    return value


def _meetings_in(store: Store, *, start: datetime, end: datetime, person_id: str | None) -> list[Meeting]:
    return store.meetings_between(start, end, person_id=person_id)


class SideBySideTests(SuiteFixtures):
    """Random sequences of every operation, on the backend and on ``memory:``, compared after every step."""

    def test_agrees_with_the_memory_store(
        self,
        new_store_url: Callable[[], str],
        open_store: Callable[[str], Store],
        capabilities: frozenset[Capability],
    ) -> None:
        """A Hypothesis state machine drives the backend and ``memory:`` alike; they always agree.

        Between steps it reopens a durable store and switches to a second store on the same URL
        (``MULTI_PROCESS``), so every write must survive and be seen by the other store.
        """
        machine = _side_by_side(new_store_url, open_store, capabilities)
        run_state_machine_as_test(
            machine,
            settings=settings(
                self.hypothesis_settings,
                max_examples=min(self.hypothesis_settings.max_examples, 15),
                stateful_step_count=20,
            ),
        )


def _side_by_side(
    new_url: Callable[[], str], open_store: Callable[[str], Store], capabilities: frozenset[Capability]
) -> type[RuleBasedStateMachine]:
    """A state machine class comparing a backend with the reference store after every step."""
    ids = st.sampled_from(["a", "b", "ä-ß", "🎉"])
    types = list(ENTITY_TYPES.values())

    def entity_of(cls: type[Entity]) -> st.SearchStrategy[Entity]:
        return pooled(cls, ids)

    new_entities = st.sampled_from(types).flatmap(entity_of)

    class SideBySide(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.url = new_url()
            self.real = open_store(self.url)
            self.other: Store | None = None  # a second store on the URL, when the backend is MULTI_PROCESS
            self.reference = open_store("memory:")
            self.marks: list[tuple[datetime, datetime]] = []

        def both(self, call: Callable[[Store], Any]) -> Any:
            expected = _outcome(lambda: call(self.reference))
            got = _outcome(lambda: call(self.real))
            assert _normal(got) == _normal(expected)
            return expected[1]

        def teardown(self) -> None:
            self.real.close()
            if self.other is not None:
                self.other.close()
            self.reference.close()

        @precondition(lambda self: Capability.DURABLE in capabilities)
        @rule()
        def reopen(self) -> None:
            self.real.close()
            if self.other is not None:
                self.other.close()
                self.other = None
            self.real = open_store(self.url)

        @precondition(lambda self: Capability.MULTI_PROCESS in capabilities)
        @rule()
        def switch_to_the_other_store(self) -> None:
            if self.other is None:
                self.other = open_store(self.url)
            self.real, self.other = self.other, self.real

        @rule(entity=new_entities)
        def put_new(self, entity: Entity) -> None:
            self.both(lambda store: store.put(entity, draft=True))

        @rule(data=st.data(), entity_type=st.sampled_from(types), shift=st.sampled_from([0, 0, 0, -1, 1]))
        def update(self, data: st.DataObject, entity_type: type[Entity], shift: int) -> None:
            live = self.reference.list(entity_type)
            if not live:
                return
            current = data.draw(st.sampled_from(live))
            replacement = data.draw(entity_of(entity_type))
            entity = attrs.evolve(replacement, id=current.id, revision=max(0, current.revision + shift))
            self.both(lambda store: store.put(entity, draft=True))

        @rule(entity_type=st.sampled_from(types), entity_id=ids, with_revision=st.booleans())
        def delete(self, entity_type: type[Entity], entity_id: str, with_revision: bool) -> None:
            revision = None
            if with_revision:
                found = [e for e in self.reference.list(entity_type) if e.id == entity_id]
                revision = found[0].revision if found else 1
            self.both(lambda store: store.delete(entity_type, entity_id, revision=revision))

        @rule(entities=st.lists(new_entities, max_size=4), fail=st.booleans())
        def transaction(self, entities: list[Entity], fail: bool) -> None:
            def run(store: Store) -> list[Entity]:
                with store.transaction():
                    written = [store.put(entity, draft=True) for entity in entities]
                    if fail:
                        raise Conflict("the test aborts this transaction")
                return written

            self.both(run)

        @rule(entities=st.lists(new_entities, max_size=4))
        def put_many(self, entities: list[Entity]) -> None:
            self.both(lambda store: store.put_many(entities, draft=True))

        @rule(person_id=st.sampled_from(PEOPLE))
        def erase_person(self, person_id: str) -> None:
            self.both(lambda store: store.erase_person(person_id))
            self.both(lambda store: store.personal_data_of(person_id).mentions)

        @rule()
        def mark(self) -> None:
            real, reference = self.real.changed_since(), self.reference.changed_since()
            if real and reference:
                self.marks.append((real[-1].modified, reference[-1].modified))

        @precondition(lambda self: bool(self.marks))
        @rule(data=st.data())
        def changed_since(self, data: st.DataObject) -> None:
            real_mark, reference_mark = data.draw(st.sampled_from(self.marks))
            assert _normal(self.real.changed_since(real_mark)) == _normal(self.reference.changed_since(reference_mark))

        @rule(
            days=st.integers(0, 3000),
            length=st.integers(1, 800),
            group_id=st.sampled_from([None, *GROUPS]),
            person_id=st.sampled_from([None, *PEOPLE]),
            network_id=st.sampled_from([None, *NETWORKS]),
        )
        def meetings_between(
            self, days: int, length: int, group_id: str | None, person_id: str | None, network_id: str | None
        ) -> None:
            start = _START + timedelta(days=days - 1500)
            end = start + timedelta(days=length)
            self.both(
                lambda store: store.meetings_between(
                    start, end, group_id=group_id, person_id=person_id, network_id=network_id
                )
            )

        @rule(data=st.data(), person_id=st.sampled_from([None, *PEOPLE]))
        def meetings_at_the_edges(self, data: st.DataObject, person_id: str | None) -> None:
            meetings = self.reference.list(Meeting)
            if not meetings:
                return
            meeting = data.draw(st.sampled_from(meetings))
            for start, end in (
                (meeting.end, meeting.end + timedelta(hours=1)),  # touching after: no overlap
                (meeting.start - timedelta(hours=1), meeting.start),  # touching before: no overlap
                (meeting.start, meeting.start + timedelta(microseconds=1)),
                (meeting.end - timedelta(microseconds=1), meeting.end),
            ):
                self.both(functools.partial(_meetings_in, start=start, end=end, person_id=person_id))

        @rule(
            course_type=st.sampled_from([None, *COURSE_TYPES]),
            provider_id=st.sampled_from([None, "vhs"]),
            status=st.sampled_from([None, *CourseStatus]),
        )
        def courses(self, course_type: str | None, provider_id: str | None, status: CourseStatus | None) -> None:
            self.both(lambda store: store.courses(course_type=course_type, provider_id=provider_id, status=status))

        @rule(actor_id=st.sampled_from(PEOPLE), on=st.none() | st.dates(date(2015, 1, 1), date(2030, 12, 31)))
        def memberships_of(self, actor_id: str, on: date | None) -> None:
            self.both(lambda store: store.memberships_of(actor_id, on=on))

        @invariant()
        def same_content(self) -> None:
            for cls in types:
                assert _normal(self.real.list(cls)) == _normal(self.reference.list(cls)), cls.__name__
            assert _normal(self.real.changed_since()) == _normal(self.reference.changed_since())

    return SideBySide
