"""Our own calendar imported back: entries this library wrote, matched to the stored entities they came from.

A feed (``integrationsnetz veroeffentlichen``, ``export``) carries what a calendar can: times,
title, description, place as text, status, a web address. A meeting in the store holds more: its
group, venue and room, invitations, agenda, minutes, its series. So an entry we wrote is not
imported as a new meeting; it is matched to the stored entity it was written from, and the import
changes only what the calendar changed, keeping everything a calendar cannot carry.

Matching: ``meeting/<id>`` and ``event/<id>`` name the entity; a date of our series
(``series/<series id>``) is the stored meeting of that series that holds the date's slot (the
exporter's plan of the stored series, else the meeting starting then). The entry's UID must be
the one the network's exports give it (uuid5 of the network id and ``meeting/<id>`` or
``series/<id>``), so another network's feed is not taken for ours.

"What the calendar changed" is measured against what we would write now: the stored entities
are exported again (in both languages, with and without personal data) and read back; a value the
calendar holds that equals one of those is no change. A date of our series that matches no stored
meeting, or an entry whose UID does not fit, is reported and not imported.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

import attrs

from integrationsnetz.contract.importers import ImportOptions, ImportResult, OwnEntry, Skipped
from integrationsnetz.contract.stores import Store
from integrationsnetz.model.entity import Entity
from integrationsnetz.model.events import Event
from integrationsnetz.model.meetings import Meeting, MeetingStatus

#: How the exporter marks a cancelled entry's title, in each language it writes.
_CANCELLED_PREFIXES = ("Abgesagt: ", "Cancelled: ")

Key = tuple[type[Entity], str]


@attrs.frozen
class Reconciled:
    """An import with our own entries matched: what to write, and what was left out and why."""

    entities: tuple[Entity, ...]  #: foreign entities as read; ours as the stored entity with the calendar's changes
    own_series: frozenset[str]  #: series ids recognised as ours: the import deletes none of their dates
    notes: tuple[Skipped, ...]


def reconcile(store: Store, result: ImportResult, stored: Mapping[Key, Entity]) -> Reconciled:
    """``result`` with each entry we wrote replaced by the stored entity it came from, changed as the calendar says.

    ``stored`` holds the store's meetings and events of the result's network(s), by type and id.
    """
    if not result.own:
        return Reconciled(entities=result.entities, own_series=frozenset(), notes=())
    from integrationsnetz.exporters.ics_values import uid_for

    own = {entry.id: entry for entry in result.own}
    by_id: dict[str, Entity] = {key[1]: entity for key, entity in stored.items()}
    series = _StoredSeries(stored.values())
    notes: list[Skipped] = []
    matches: dict[str, tuple[Entity, Entity, OwnEntry]] = {}  # stored id -> (stored, read, own entry)
    order: list[Entity | str] = []  # the result's order; a str is the id of a matched stored entity
    own_series: set[str] = set()
    for entity in result.entities:
        entry = own.get(entity.id)
        if entry is None:
            order.append(entity)
            continue
        network_id = str(getattr(entity, "network_id", ""))
        if entry.series_id is None:
            found = by_id.get(entity.id)
            if found is None:  # not (or no longer) in the store: imported as read, under its id
                order.append(entity)
                continue
            kind = "meeting" if isinstance(found, Meeting) else "event"
            uids = {uid_for(network_id, kind, found.id)}
            if isinstance(found, Meeting) and found.series_id is not None:
                uids.add(uid_for(network_id, "series", found.series_id))
                own_series.add(found.series_id)
            if entry.uid not in uids:
                notes.append(_note(entity, f"names the stored {kind} {found.id!r}, but its UID is not the one "
                                           "this network's calendars give it; not imported"))  # fmt: skip
                continue
        else:
            if entry.uid != uid_for(network_id, "series", entry.series_id) or not series.holds(entry.series_id):
                order.append(entity)  # not a series of this store: imported as read
                continue
            own_series.add(entry.series_id)
            assert entry.slot is not None
            found = series.meeting_at(entry.series_id, entry.slot)
            if found is None:
                notes.append(_note(entity, f"a date of the series {entry.series_id!r} that the store does not "
                                           "hold; not imported (plan it, or add it as a meeting)"))  # fmt: skip
                continue
        if type(found) is not type(entity):
            what = "an all-day entry" if isinstance(entity, Event) else "a timed entry"
            notes.append(_note(entity, f"is {what} now, the stored {type(found).__name__.lower()} "
                                       f"{found.id!r} is not; not imported"))  # fmt: skip
            continue
        if found.id in matches:
            notes.append(_note(entity, f"a second entry for the stored {found.id!r}; only the first is imported"))
            continue
        matches[found.id] = (found, entity, entry)
        order.append(found.id)
    merged = _merged(store, matches, notes)
    entities: list[Entity] = []
    for item in order:
        if not isinstance(item, str):
            entities.append(item)
        elif item in merged:
            entities.append(merged[item])
    return Reconciled(entities=tuple(entities), own_series=frozenset(own_series), notes=tuple(notes))


class _StoredSeries:
    """The stored meetings of each series, and which of them holds a date the exporter gave it."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.members: dict[str, list[Meeting]] = {}
        for entity in entities:
            if isinstance(entity, Meeting) and entity.series_id is not None:
                self.members.setdefault(entity.series_id, []).append(entity)
        self._slots: dict[str, dict[datetime, Meeting]] = {}

    def holds(self, series_id: str) -> bool:
        return series_id in self.members

    def meeting_at(self, series_id: str, slot: datetime) -> Meeting | None:
        """The meeting whose slot (as the exporter plans the stored series) or start is ``slot``."""
        from integrationsnetz.exporters.ics_series import plan_series
        from integrationsnetz.exporters.ics_values import wall_clock

        slots = self._slots.get(series_id)
        if slots is None:
            members = sorted(self.members[series_id], key=lambda m: (m.start, m.id))
            plan = plan_series(members)
            by_id = {m.id: m for m in members}
            slots = {} if plan is None else {slot: by_id[meeting_id] for meeting_id, slot in plan.slot_of.items()}
            self._slots[series_id] = slots
        found = slots.get(wall_clock(slot))
        if found is not None:
            return found
        return next((m for m in self.members[series_id] if m.start == slot), None)


def _note(entity: Entity, reason: str) -> Skipped:
    title = getattr(entity, "title", "")
    return Skipped(item=f"{title!r} ({entity.id})", reason=reason)


def _merged(
    store: Store, matches: Mapping[str, tuple[Entity, Entity, OwnEntry]], notes: list[Skipped]
) -> dict[str, Entity]:
    """Each matched stored entity with the calendar's changes (those that differ from what we would write)."""
    written = _written_now(store, [stored for stored, _, _ in matches.values()])
    result: dict[str, Entity] = {}
    for stored_id, (stored, read, entry) in matches.items():
        again = written.get(stored_id, [])
        changes = _changes(stored, read, entry, again)
        if entry.location is not None and again and all(e.location != entry.location for _, e in again):
            notes.append(_note(read, f"its place is {entry.location!r} in the calendar; a calendar's place "
                                     "names no venue, the stored one is kept"))  # fmt: skip
        try:
            result[stored_id] = attrs.evolve(stored, **changes)
        except ValueError as exc:
            notes.append(_note(read, f"cannot be taken over: {exc}"))
    return result


def _written_now(store: Store, entities: list[Entity]) -> dict[str, list[tuple[Entity, OwnEntry]]]:
    """How the ``ics`` exporter writes each entity now, read back: in German and English, with and
    without personal data (a feed may have been written either way)."""
    from integrationsnetz.contract.exporters import ExportOptions, IcsOptions
    from integrationsnetz.exporters import export
    from integrationsnetz.ingest.ics import read_ics
    from integrationsnetz.store.network import load_network

    found: dict[str, list[tuple[Entity, OwnEntry]]] = {}
    by_network: dict[str, list[Entity]] = {}
    for entity in entities:
        by_network.setdefault(str(getattr(entity, "network_id", "")), []).append(entity)
    for network_id, chosen in by_network.items():
        data = load_network(store, network_id)
        for language in ("de", "en"):
            for personal in (False, True):
                options = ExportOptions(language=language, include_personal_data=personal,
                                        ics=IcsOptions(series=False, show_cancelled=True))  # fmt: skip
                payload = export(data, "ics", select=chosen, options=options)
                again = read_ics(io.BytesIO(payload), ImportOptions(network_id=network_id))
                entries = {entry.id: entry for entry in again.own}
                for entity in again.entities:
                    if entity.id in entries:
                        found.setdefault(entity.id, []).append((entity, entries[entity.id]))
    return found


def _changes(stored: Entity, read: Entity, entry: OwnEntry, again: list[tuple[Entity, OwnEntry]]) -> dict[str, Any]:
    """The fields a calendar carries whose value in ``read`` is none of those we would write now."""
    changes: dict[str, Any] = {}
    if not again:  # the exporter writes it no more (it could not be read back): take nothing
        return changes
    written = [entity for entity, _ in again]
    if isinstance(stored, Meeting) and isinstance(read, Meeting):
        if all((w.start, w.end) != (read.start, read.end) for w in written if isinstance(w, Meeting)):
            changes.update(start=read.start, end=read.end)
        cancelled = read.status is MeetingStatus.CANCELLED
        if all((w.status is MeetingStatus.CANCELLED) != cancelled for w in written if isinstance(w, Meeting)):
            changes["status"] = read.status
        carried: tuple[str, ...] = ("title", "online_url")
    elif isinstance(stored, Event) and isinstance(read, Event):
        carried = ("when", "title", "url", "cancelled")
    else:
        return changes
    for name in carried:
        value = getattr(read, name)
        if all(getattr(w, name) != value for w in written):
            changes[name] = value
    if "title" in changes:
        changes["title"] = _without_prefix(str(changes["title"]), [str(getattr(w, "title", "")) for w in written])
    descriptions = [e.description for _, e in again]
    if entry.description not in descriptions:
        changes["description"] = _own_text(entry.description, getattr(stored, "description", None), descriptions)
    return changes


def _without_prefix(title: str, written: list[str]) -> str:
    """A new title of a cancelled entry without the word the exporter put before it."""
    for prefix in _CANCELLED_PREFIXES:
        if title.startswith(prefix) and any(w.startswith(prefix) for w in written):
            return title[len(prefix) :].strip() or title
    return title


def _own_text(incoming: str | None, stored: str | None, written: list[str | None]) -> str | None:
    """The calendar's description without what the exporter added to the stored one (agenda, online link)."""
    from integrationsnetz.exporters.ics_values import clean_text

    if incoming is None:
        return None
    head = clean_text(stored).strip() if stored else ""
    for text in written:
        if text is None or not text.startswith(head):
            continue
        tail = text[len(head) :]
        if tail.strip() and incoming.endswith(tail):
            return incoming[: -len(tail)].strip() or None
    return incoming
