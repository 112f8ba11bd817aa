"""A base for backends that hold one record per entity and answer queries by scanning.

:class:`SimpleStore` implements the whole :class:`~integrationsnetz.store.Store` protocol on
four primitives a backend supplies: read one record, scan one type's records, commit a batch of
records atomically, and hold an exclusive write lock. ``memory:`` and ``files:`` are built on
it, and so can a plugin (the ``integrationsnetz-jsonl`` example is). Queries scan every record
of a type, which is right for a district's few thousand entities; a backend with indexes
(``sqlite:``) builds on :class:`~integrationsnetz.store.base.BaseStore` instead, with the same
rules from :mod:`~integrationsnetz.store.bookkeeping`, :mod:`~integrationsnetz.store.queries`
and :mod:`integrationsnetz.privacy`.

Transactions stage their writes in memory (a stack of layers; each nested block is one layer,
a savepoint) and hand them to :meth:`SimpleStore._commit` once, at the end of the outermost
block, while the write lock is held.
"""

from __future__ import annotations

import builtins
import functools
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import date, datetime
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar, cast

from integrationsnetz import guard
from integrationsnetz.contract.host import default_codec
from integrationsnetz.errors import NotFound, StoreError
from integrationsnetz.model.courses import Course
from integrationsnetz.model.entity import Entity
from integrationsnetz.model.meetings import Meeting
from integrationsnetz.model.memberships import Membership
from integrationsnetz.model.network_data import ENTITY_TYPES, entity_type_name
from integrationsnetz.store import Change, StoreURL
from integrationsnetz.store.base import BaseStore
from integrationsnetz.store.bookkeeping import Clock, Record, check_record, record_of, stamped_over, tombstone
from integrationsnetz.store.queries import CourseQuery, MeetingQuery, meeting_order, membership_matches

if TYPE_CHECKING:
    from integrationsnetz.serialization import Codec

E = TypeVar("E", bound=Entity)
P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S", bound="SimpleStore")


def _reader(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """Run a read method under the backend's shared lock, so it never sees half a commit."""

    @functools.wraps(method)
    def read(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        self._check_open()
        if self._layers:  # inside a transaction the write lock already covers reads
            return method(self, *args, **kwargs)
        with self._shared():
            return method(self, *args, **kwargs)

    return read


class SimpleStore(BaseStore):
    """The Store protocol on top of four primitives; subclass it and implement them.

    * :meth:`_read` - the record (live or tombstone) of one type and id, or None;
    * :meth:`_scan` - every record of one type;
    * :meth:`_commit` - write a batch of records so that all or none are stored;
    * :meth:`_exclusive` - a context manager holding the write lock (default: none needed).

    The primitives see committed data only; staging, revisions, stamps, queries and the write
    guard (:mod:`integrationsnetz.guard`, with ``codec``: default, the default host's) are done here.
    """

    def __init__(self, url: StoreURL, codec: Codec | None = None) -> None:
        self.url = url
        self._guard_codec = codec
        self._clock = Clock()
        self._layers: list[dict[tuple[str, str], Record]] = []
        self._closed = False

    # -- the primitives ---------------------------------------------------------------------

    def _read(self, entity_type: str, entity_id: str) -> Record | None:
        raise NotImplementedError

    def _scan(self, entity_type: str) -> Iterator[Record]:
        raise NotImplementedError

    def _commit(self, records: Sequence[Record]) -> None:
        raise NotImplementedError

    def _has(self, entity_type: str, entity_id: str) -> bool:
        """Whether a live entity of that type and id is committed (override when a cheaper test exists)."""
        record = self._read(entity_type, entity_id)
        return record is not None and record.entity is not None

    def _exclusive(self) -> AbstractContextManager[object]:
        """Hold the write lock for one transaction; also the place to refresh the clock."""
        return nullcontext()

    def _shared(self) -> AbstractContextManager[object]:
        """Hold a read lock for one read operation (default: none needed)."""
        return nullcontext()

    def _close(self) -> None:
        """Release what the backend holds (files, handles)."""

    # -- reading through the staged layers --------------------------------------------------

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"{self.url.masked}: the store is closed")

    def _current(self, entity_type: str, entity_id: str) -> Record | None:
        key = (entity_type, entity_id)
        for layer in reversed(self._layers):
            if key in layer:
                return layer[key]
        return self._read(entity_type, entity_id)

    def _merged_records(self, entity_type: str) -> Iterator[Record]:
        if not self._layers:
            yield from self._scan(entity_type)
            return
        staged: dict[str, Record] = {}
        for layer in self._layers:
            for (kind, entity_id), record in layer.items():
                if kind == entity_type:
                    staged[entity_id] = record
        for record in self._scan(entity_type):
            if record.id not in staged:
                yield record
        yield from staged.values()

    def _live_entities(self, entity_type: str) -> Iterator[Entity]:
        for record in self._merged_records(entity_type):
            if record.entity is not None:
                yield record.entity

    # -- transactions -----------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes in the block, or none; a nested block is a savepoint."""
        self._check_open()
        if self._layers:
            self._layers.append({})
            try:
                yield
            except BaseException:
                self._layers.pop()
                raise
            top = self._layers.pop()
            self._layers[-1].update(top)
            return
        with self._exclusive():
            self._layers.append({})
            try:
                yield
                records = list(self._layers[-1].values())
                if records:
                    self._commit(records)
            finally:
                self._layers.clear()

    def _stage(self, record: Record) -> None:
        self._layers[-1][(record.entity_type, record.id)] = record

    # -- the write guard --------------------------------------------------------------------

    def _write_codec(self) -> Codec:
        if self._guard_codec is None:
            self._guard_codec = default_codec()
        return self._guard_codec

    def _live_ids(self, entity_type: str, ids: Collection[str]) -> set[str]:
        found = set()
        for entity_id in ids:
            key = (entity_type, entity_id)
            staged = next((layer[key] for layer in reversed(self._layers) if key in layer), None)
            live = self._has(entity_type, entity_id) if staged is None else staged.entity is not None
            if live:
                found.add(entity_id)
        return found

    def _check_references(self, entities: Sequence[Entity]) -> None:
        guard.refuse(guard.reference_problems(entities, self._live_ids), source=self.url.masked)

    # -- writes -----------------------------------------------------------------------------

    def put(self, entity: E, *, draft: bool = False) -> E:
        """Write one entity; ``Conflict`` if its revision is stale, ``InvalidData`` if the guard refuses it."""
        with self.transaction():
            entity_type = entity_type_name(entity)
            guard.json_payload(self._write_codec(), entity, source=f"{self.url.masked}: {entity_type} {entity.id!r}")
            if not draft:
                self._check_references([entity])
            current = self._current(entity_type, entity.id)
            check_record(self.url.masked, current, entity_type, entity.id, entity.revision)
            stored = stamped_over(entity, current, self._clock.now())
            self._stage(record_of(stored, entity_type))
        return cast(E, stored)

    def _put_many(self, entities: builtins.list[Entity], *, draft: bool) -> builtins.list[Entity]:
        with self.transaction():
            if not draft:
                self._check_references(entities)
            return [self.put(entity, draft=True) for entity in entities]

    def delete(self, cls: type[Entity], entity_id: str, *, revision: int | None = None) -> None:
        """Delete, leaving a tombstone; ``NotFound`` if absent, ``Conflict`` if ``revision`` is stale."""
        with self.transaction():
            entity_type = entity_type_name(cls)
            current = self._current(entity_type, entity_id) if isinstance(entity_id, str) else None
            if current is None or current.entity is None:
                raise NotFound(f"{self.url.masked}: no {entity_type} with id {entity_id!r} to delete")
            if revision is not None:
                check_record(self.url.masked, current, entity_type, entity_id, revision)
            self._stage(tombstone(current, self._clock.now()))

    # -- reads ------------------------------------------------------------------------------

    @_reader
    def get(self, cls: type[E], entity_id: str) -> E:
        """The live entity; ``NotFound`` if absent or deleted."""
        entity_type = entity_type_name(cls)
        if not isinstance(entity_id, str):  # no entity has it; the files: store could not even name its file
            raise NotFound(f"{self.url.masked}: no {entity_type} has the id {entity_id!r} (ids are text)")
        record = self._current(entity_type, entity_id)
        if record is None or record.entity is None:
            state = "was deleted" if record is not None else "does not exist"
            raise NotFound(f"{self.url.masked}: {entity_type} {entity_id!r} {state}")
        return cast(E, record.entity)

    @_reader
    def list(self, cls: type[E], *, network_id: str | None = None) -> builtins.list[E]:
        """Live entities of a type, of one network if given, by id."""
        entity_type = entity_type_name(cls)
        found = [
            cast(E, record.entity)
            for record in self._merged_records(entity_type)
            if record.entity is not None and (network_id is None or record.network_id == network_id)
        ]
        return sorted(found, key=lambda entity: entity.id)

    @_reader
    def _changed_since(self, since: datetime | None, network_id: str | None) -> builtins.list[Change]:
        changes = [
            Change(
                entity_type=record.entity_type,
                id=record.id,
                revision=record.revision,
                modified=record.modified,
                entity=record.entity,
            )
            for entity_type in ENTITY_TYPES
            for record in self._merged_records(entity_type)
            if (since is None or record.modified > since) and (network_id is None or record.network_id == network_id)
        ]
        return sorted(changes, key=lambda change: (change.modified, change.entity_type, change.id))

    @_reader
    def _meetings_between(self, query: MeetingQuery) -> builtins.list[Meeting]:
        found = [
            meeting
            for meeting in self._live_entities("meeting")
            if isinstance(meeting, Meeting) and query.matches(meeting)
        ]
        return sorted(found, key=meeting_order)

    @_reader
    def _courses(self, query: CourseQuery) -> builtins.list[Course]:
        found = [
            course for course in self._live_entities("course") if isinstance(course, Course) and query.matches(course)
        ]
        return sorted(found, key=lambda course: course.id)

    @_reader
    def _memberships_of(self, actor_id: str, on: date | None) -> builtins.list[Membership]:
        found = [
            membership
            for membership in self._live_entities("membership")
            if isinstance(membership, Membership) and membership_matches(membership, actor_id, on)
        ]
        return sorted(found, key=lambda membership: membership.id)

    # -- personal data ----------------------------------------------------------------------

    @_reader
    def _mentioning(self, person_id: str) -> builtins.list[Entity]:
        """Every live entity: the scan finds the mentions."""
        return [entity for entity_type in ENTITY_TYPES for entity in self._live_entities(entity_type)]

    # -- life cycle -------------------------------------------------------------------------

    def close(self) -> None:
        """Release what the store holds; further use raises StoreError."""
        if not self._closed:
            self._closed = True
            self._close()
