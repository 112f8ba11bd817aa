"""The rules every backend applies on a write: revisions, timestamps, tombstones.

Shared by all built-in backends (and free for plugins) so that "conflict", "revision" and
"modified" mean the same thing whatever holds the data:

* a new entity is written with revision 0 and stored with revision 1;
* an update must carry the stored revision, else :func:`check_revision` raises ``Conflict``;
* a deletion leaves a tombstone (:class:`Record` without an entity) one revision higher;
* re-creating a deleted id is a put with revision 0; the revision continues after the tombstone's;
* ``modified`` comes from a :class:`Clock` that never repeats or goes back within a store, so a
  "changed since" consumer that remembers the last ``modified`` it saw misses nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from types import MemberDescriptorType
from typing import Any

import attrs

from integrationsnetz.errors import Conflict
from integrationsnetz.model.entity import Entity, NetworkPart
from integrationsnetz.model.networks import Network

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


@attrs.frozen(kw_only=True)
class Record:
    """What a store holds under one (type, id): the entity, or a tombstone when ``entity`` is None."""

    entity_type: str
    id: str
    revision: int
    modified: datetime
    network_id: str | None
    entity: Entity | None = None

    @property
    def deleted(self) -> bool:
        """Whether this is a tombstone."""
        return self.entity is None


def network_of(entity: Entity) -> str | None:
    """The network an entity belongs to; a :class:`Network` belongs to itself."""
    if isinstance(entity, NetworkPart):
        return entity.network_id
    if isinstance(entity, Network):
        return entity.id
    return None


def micros(value: datetime) -> int:
    """An aware datetime as whole microseconds since 1970 UTC: exact, and sortable as an integer."""
    return (value - _EPOCH) // _MICROSECOND


def from_micros(value: int) -> datetime:
    """The inverse of :func:`micros`, in UTC."""
    return _EPOCH + timedelta(microseconds=value)


class Clock:
    """UTC timestamps for ``modified`` that strictly increase, even when the wall clock does not.

    A backend shared by several processes calls :meth:`observe` with the newest stamp it finds
    in storage (under its write lock) before stamping.
    """

    def __init__(self) -> None:
        self._last: datetime | None = None

    def observe(self, stamp: datetime | None) -> None:
        """Never hand out a stamp at or before ``stamp``."""
        if stamp is not None and (self._last is None or stamp > self._last):
            self._last = stamp

    def now(self) -> datetime:
        """A fresh stamp, later than every stamp handed out or observed before."""
        stamp = datetime.now(UTC)
        if self._last is not None and stamp <= self._last:
            stamp = self._last + _MICROSECOND
        self._last = stamp
        return stamp


def check_revision(
    where: str,
    entity_type: str,
    entity_id: str,
    revision: int,
    *,
    stored_revision: int | None,
    deleted: bool = False,
    modified: datetime | None = None,
) -> None:
    """Raise ``Conflict`` unless a write based on ``revision`` matches what is stored.

    ``stored_revision`` is None when the id was never stored; ``deleted`` marks a tombstone.
    ``where`` names the store (password masked) for the message.
    """
    if stored_revision is None and revision == 0:
        return  # the common case of a bulk save: a new entity
    name = f"{entity_type} {entity_id!r}"
    when = f", {modified.isoformat()}" if modified is not None else ""
    if stored_revision is None:
        if revision != 0:
            raise Conflict(
                f"{where}: {name} does not exist, but the write is based on revision {revision}; "
                "it was never stored here (write new entities with revision 0)"
            )
        return
    if deleted:
        if revision != 0:
            raise Conflict(
                f"{where}: {name} was deleted (tombstone at revision {stored_revision}{when}); "
                f"the write is based on revision {revision}. Write it with revision 0 to create it again"
            )
        return
    if revision != stored_revision:
        if revision == 0:
            raise Conflict(f"{where}: {name} already exists (revision {stored_revision}); load it and update it")
        raise Conflict(
            f"{where}: {name} was changed by someone else: the store has revision {stored_revision}"
            f"{when}, the write is based on revision {revision}. "
            "Load it again, re-apply your change and write again"
        )


def check_record(where: str, record: Record | None, entity_type: str, entity_id: str, revision: int) -> None:
    """:func:`check_revision` against a :class:`Record` (None when the id was never stored)."""
    check_revision(
        where,
        entity_type,
        entity_id,
        revision,
        stored_revision=None if record is None else record.revision,
        deleted=record is not None and record.entity is None,
        modified=None if record is None else record.modified,
    )


def stamped(entity: Entity, *, revision: int, created: datetime | None, now: datetime) -> Entity:
    """The entity as it is stored: at ``revision``, ``modified`` now.

    ``created`` is the stored entity's; a new entity (``created`` None) keeps a ``created`` it
    brings (e.g. imported history) or gets ``now``.
    """
    return _restamped(entity, revision, created or entity.created or now, now)


_RESTAMPERS: dict[type[Entity], Callable[[Entity, int, datetime, datetime], Entity]] = {}


def _restamped(entity: Entity, revision: int, created: datetime, modified: datetime) -> Entity:
    """A copy of ``entity`` with new bookkeeping fields, without re-running every validator.

    ``attrs.evolve`` would rebuild the object through ``__init__`` (about 5x slower for a
    meeting); only the store's own fields change here and the store makes their values valid.
    """
    restamp = _RESTAMPERS.get(type(entity))
    if restamp is None:
        restamp = _RESTAMPERS[type(entity)] = _restamper(type(entity))
    return restamp(entity, revision, created, modified)


def _restamper(cls: type[Entity]) -> Callable[[Entity, int, datetime, datetime], Entity]:
    """A function generated for ``cls`` that copies every field slot by slot, the stamps replaced."""
    namespace: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    lines = ["def restamp(entity, revision, created, modified):", "    clone = _new(_cls)"]
    for index, field in enumerate(attrs.fields(cls)):
        descriptor = getattr(cls, field.name)
        if isinstance(descriptor, MemberDescriptorType):
            namespace[f"_set{index}"] = descriptor.__set__
        else:  # a class without slots
            namespace[f"_set{index}"] = functools.partial(_set_attribute, name=field.name)
        value = field.name if field.name in ("revision", "created", "modified") else f"entity.{field.name}"
        lines.append(f"    _set{index}(clone, {value})")
    lines.append("    return clone")
    exec(compile("\n".join(lines), f"<restamp {cls.__qualname__}>", "exec"), namespace)
    restamp: Callable[[Entity, int, datetime, datetime], Entity] = namespace["restamp"]
    return restamp


def _set_attribute(clone: object, value: object, *, name: str) -> None:
    object.__setattr__(clone, name, value)


def stamped_over(entity: Entity, record: Record | None, now: datetime) -> Entity:
    """:func:`stamped` for a write over ``record`` (None when the id was never stored)."""
    return stamped(
        entity,
        revision=1 if record is None else record.revision + 1,
        created=None if record is None or record.entity is None else record.entity.created,
        now=now,
    )


def tombstone(current: Record, now: datetime) -> Record:
    """The record a deletion leaves: no entity, one revision up, stamped ``now``."""
    return attrs.evolve(current, revision=current.revision + 1, modified=now, entity=None)


def record_of(entity: Entity, entity_type: str) -> Record:
    """The record for a stored (stamped) entity."""
    assert entity.modified is not None, "stamp the entity before recording it"
    return Record(
        entity_type=entity_type,
        id=entity.id,
        revision=entity.revision,
        modified=entity.modified,
        network_id=network_of(entity),
        entity=entity,
    )
