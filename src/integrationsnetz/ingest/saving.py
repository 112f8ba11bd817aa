"""An import written into a store so that importing the same calendar again updates it.

Imported ids are stable (the same file gives the same ids), so a second import of a member's
calendar meets the entities of the first: those are updated in place (a store refuses to create
an id twice), unchanged ones are left alone (their revision does not move), and the dates of a
series that the calendar no longer holds (a date cancelled since, a series cut short when it was
edited "from this date on") are deleted, so nothing stale stays next to its replacement.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, time
from zoneinfo import ZoneInfo

import attrs

from integrationsnetz.contract.importers import ImportResult
from integrationsnetz.contract.stores import Store
from integrationsnetz.errors import WrongType
from integrationsnetz.model.entity import Entity
from integrationsnetz.model.events import AllDay, Event
from integrationsnetz.model.meetings import Meeting


@attrs.frozen(kw_only=True)
class Saved:
    """What :func:`save_import` did, by id."""

    created: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()


def save_import(store: Store, result: ImportResult) -> Saved:
    """Write ``result`` into ``store`` in one transaction: create, update, and drop stale series dates.

    An entity whose id the store holds is updated (its ``created`` kept), one it does not hold is
    created. A stored date of an imported series (an id ``<series id>-<date>`` as the import
    names them) that the result no longer holds is deleted: any such date when the series was
    imported complete, else those between its first and last imported date. Entities the
    import did not name (a meeting planned in the store, another series) are never touched.
    """
    if not isinstance(result, ImportResult):
        raise WrongType([f"save_import: result: expected the ImportResult of import_from, got {type(result).__name__}"])
    if not all(callable(getattr(store, name, None)) for name in ("list", "put_many", "delete", "transaction")):
        raise WrongType([f"save_import: store: expected an open store (open_store(url)), got {type(store).__name__}"])
    imported = {(type(entity), entity.id): entity for entity in result.entities}
    network_ids = {getattr(entity, "network_id", None) for entity in result.entities}
    stored: dict[tuple[type[Entity], str], Entity] = {}
    for kind in (Meeting, Event):
        for network_id in network_ids:
            stored.update(((kind, e.id), e) for e in store.list(kind, network_id=network_id))
    created, updated, unchanged, writes = [], [], [], []
    for key, entity in imported.items():
        old = stored.get(key)
        if old is None:
            created.append(entity.id)
            writes.append(entity)
            continue
        new = attrs.evolve(entity, revision=old.revision, created=old.created, modified=old.modified)
        if new == old:
            unchanged.append(entity.id)
        else:
            updated.append(entity.id)
            writes.append(new)
    stale = list(_stale(result, stored, imported))
    with store.transaction():
        if writes:
            store.put_many(writes)
        for entity in stale:
            store.delete(type(entity), entity.id, revision=entity.revision)
    return Saved(
        created=tuple(created),
        updated=tuple(updated),
        unchanged=tuple(unchanged),
        deleted=tuple(entity.id for entity in stale),
    )


def _stale(
    result: ImportResult,
    stored: dict[tuple[type[Entity], str], Entity],
    imported: dict[tuple[type[Entity], str], Entity],
) -> Iterable[Entity]:
    """Stored dates of the result's series that the result does not hold."""
    for series in result.series:
        named = re.compile(re.escape(series.id) + r"-\d{8}T\d{4}(\d{2})?Z?")
        members = [e for key, e in imported.items() if named.fullmatch(key[1])]
        first = min((_start(e) for e in members), default=None)
        last = max((_start(e) for e in members), default=None)
        for key, entity in stored.items():
            if key in imported or not named.fullmatch(key[1]):
                continue
            if series.complete or (first is not None and last is not None and first <= _start(entity) <= last):
                yield entity


def _start(entity: Entity) -> datetime:
    """When an imported meeting or event begins (an all-day event: its first midnight in Berlin)."""
    if isinstance(entity, Meeting):
        return entity.start
    assert isinstance(entity, Event)
    when = entity.when
    if isinstance(when, AllDay):
        return datetime.combine(when.first_day, time(0), tzinfo=ZoneInfo("Europe/Berlin"))
    return when.start
