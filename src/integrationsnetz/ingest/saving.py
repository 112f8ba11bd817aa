"""An import written into a store so that importing the same calendar again updates it.

Imported ids are stable (the same file gives the same ids), so a second import of a member's
calendar meets the entities of the first: those are updated in place (a store refuses to create
an id twice), unchanged ones are left alone (their revision does not move), and the dates of a
series that the calendar no longer holds (a date cancelled since, a series cut short when it was
edited "from this date on") are deleted, so nothing stale stays next to its replacement; so is
the old form of an entry that turned from a single entry into a series, or back. A series of
which a part was left out (a broken main entry in a tolerant import) deletes nothing: the
file's dates of it are not all there. Entries this library wrote itself are matched to the
stored entities they came from (:mod:`~integrationsnetz.ingest.own_entries`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, time
from zoneinfo import ZoneInfo

import attrs

from integrationsnetz.contract.importers import ImportResult, Skipped
from integrationsnetz.contract.stores import Store
from integrationsnetz.errors import WrongType
from integrationsnetz.ingest.own_entries import reconcile
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


@attrs.frozen(kw_only=True)
class ImportChanges:
    """What :func:`save_import` would do with a store, before it does it (:func:`compare_import`).

    ``created``, ``updated``, ``unchanged`` and ``deleted`` are ids, as in :class:`Saved`;
    ``writes`` are the entities it would write (an update at the stored revision, with the
    stored entity's ``created``), ``stale`` the stored ones it would delete. ``notes`` are
    entries of the calendar left out for the store's sake (a date of our own series the store
    does not hold, an entry of ours with a UID that does not fit), each with its reason.
    """

    created: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()
    writes: tuple[Entity, ...] = ()
    stale: tuple[Entity, ...] = ()
    notes: tuple[Skipped, ...] = ()


def compare_import(store: Store, result: ImportResult) -> ImportChanges:
    """What writing ``result`` into ``store`` would change, entity by entity; nothing is written.

    The rules are :func:`save_import`'s, which writes exactly these changes.
    """
    return _compare(store, result, "compare_import")


def _compare(store: Store, result: ImportResult, caller: str) -> ImportChanges:
    if not isinstance(result, ImportResult):
        raise WrongType([f"{caller}: result: expected the ImportResult of import_from, got {type(result).__name__}"])
    if not all(callable(getattr(store, name, None)) for name in ("list", "put_many", "delete", "transaction")):
        raise WrongType([f"{caller}: store: expected an open store (open_store(url)), got {type(store).__name__}"])
    network_ids = {getattr(entity, "network_id", None) for entity in result.entities}
    stored: dict[tuple[type[Entity], str], Entity] = {}
    for kind in (Meeting, Event):
        for network_id in network_ids:
            stored.update(((kind, e.id), e) for e in store.list(kind, network_id=network_id))
    reconciled = reconcile(store, result, stored)
    imported = {(type(entity), entity.id): entity for entity in reconciled.entities}
    partial = [re.compile(re.escape(s.id) + f"({_STAMP})?") for s in result.series if s.left_out]
    created, updated, unchanged, writes = [], [], [], []
    notes = list(reconciled.notes)
    for key, entity in imported.items():
        old = stored.get(key)
        if old is None:
            created.append(entity.id)
            writes.append(entity)
            continue
        if any(named.fullmatch(entity.id) for named in partial):
            # a part of the series was left out (a broken override, say): the dates read may stand in
            # for what it said, so a stored date stays as it is rather than be put back to the rule
            unchanged.append(entity.id)
            if old != attrs.evolve(entity, revision=old.revision, created=old.created, modified=old.modified):
                notes.append(Skipped(item=entity.id, reason="kept as stored: a part of its series was left out",
                                     line=None))  # fmt: skip
            continue
        new = attrs.evolve(entity, revision=old.revision, created=old.created, modified=old.modified)
        if new == old:
            unchanged.append(entity.id)
        else:
            updated.append(entity.id)
            writes.append(new)
    stale = list(_stale(result, stored, imported, reconciled.own_series))
    return ImportChanges(
        created=tuple(created),
        updated=tuple(updated),
        unchanged=tuple(unchanged),
        deleted=tuple(entity.id for entity in stale),
        writes=tuple(writes),
        stale=tuple(stale),
        notes=tuple(notes),
    )


def save_import(store: Store, result: ImportResult) -> Saved:
    """Write ``result`` into ``store`` in one transaction: create, update, and drop stale series dates.

    An entity whose id the store holds is updated (its ``created`` kept), one it does not hold is
    created. A stored date of an imported series (an id ``<series id>-<date>`` as the import names
    them) that the result no longer holds is deleted: any such date when the series was imported
    complete, else those between its first and last imported date, none when a part of it was left
    out (``ImportedSeries.left_out``), whose stored dates then stay as they are. An entry that was a
    single entry and is a series now (or the other way round) replaces its old form. Entries this
    library wrote (``ImportResult.own``) update the stored entity they came from, only in what the
    calendar changed, and delete nothing. Entities the import did not name (a meeting planned in the
    store, another series) are never touched.
    """
    changes = _compare(store, result, "save_import")
    with store.transaction():
        if changes.writes:
            store.put_many(list(changes.writes))
        for entity in changes.stale:
            store.delete(type(entity), entity.id, revision=entity.revision)
    return Saved(created=changes.created, updated=changes.updated, unchanged=changes.unchanged,
                 deleted=changes.deleted)  # fmt: skip


_STAMP = r"-\d{8}T\d{4}(\d{2})?Z?"


def _stale(
    result: ImportResult,
    stored: dict[tuple[type[Entity], str], Entity],
    imported: dict[tuple[type[Entity], str], Entity],
    own_series: frozenset[str],
) -> Iterable[Entity]:
    """Stored dates of the result's series that the result does not hold, and the old form of an
    entry that changed between single and series."""
    found: dict[tuple[type[Entity], str], Entity] = {}
    for series in result.series:
        if series.left_out or series.id in own_series:
            continue
        named = re.compile(re.escape(series.id) + _STAMP)
        members = [e for key, e in imported.items() if named.fullmatch(key[1])]
        first = min((_start(e) for e in members), default=None)
        last = max((_start(e) for e in members), default=None)
        for key, entity in stored.items():
            if key in imported or not (named.fullmatch(key[1]) or key[1] == series.id):
                continue
            if series.complete or (first is not None and last is not None and first <= _start(entity) <= last):
                found[key] = entity
    for single in result.singles:
        named = re.compile(re.escape(single) + _STAMP)
        for key, entity in stored.items():
            if key not in imported and (named.fullmatch(key[1]) or key[1] == single):
                found[key] = entity
    return found.values()


def _start(entity: Entity) -> datetime:
    """When an imported meeting or event begins (an all-day event: its first midnight in Berlin)."""
    if isinstance(entity, Meeting):
        return entity.start
    assert isinstance(entity, Event)
    when = entity.when
    if isinstance(when, AllDay):
        return datetime.combine(when.first_day, time(0), tzinfo=ZoneInfo("Europe/Berlin"))
    return when.start
