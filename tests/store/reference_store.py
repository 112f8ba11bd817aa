"""A tiny storage backend to prove the store suite with: one JSON file, replaced whole on each commit.

Not shipped. Without a mutant it passes the conformance suite; ``ref:///path/netz.json?mutant=NAME``
plants one data-losing bug (:data:`MUTANTS`), and ``test_mutants.py`` shows the suite fails each.
It caches what it read and reads the file again only when another process has replaced it (it
holds the file it read open, so the inode it compares cannot be reused), as a real backend would.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import orjson

from integrationsnetz import StoreError, hookimpl
from integrationsnetz.model import ENTITY_TYPES
from integrationsnetz.serialization import format_datetime, parse_datetime
from integrationsnetz.store import Capability, StoreBackend, StoreURL
from integrationsnetz.store.bookkeeping import Record
from integrationsnetz.store.schema import check_store_version, current_version, upgrade_entity
from integrationsnetz.store.simple import SimpleStore

if TYPE_CHECKING:
    from integrationsnetz.plugins import PluginHost
    from integrationsnetz.serialization import Codec

#: The bugs a URL can plant, each as a user would describe what it loses.
MUTANTS = {
    "lose_last_record": "the last record of a multi-record commit is not written to disk",
    "tombstone_wrong_revision": "a tombstone is written with the wrong revision (the deleted one's)",
    "network_id_not_saved": "network_id is not saved",
    "no_locking": "no locking at all, while declaring CONCURRENT_WRITERS",
    "clock_not_observed": "the stored clock is not observed before stamping",
    "not_atomic": "commits are not atomic (written record by record)",
    "no_migration": "stores of an older schema are not migrated",
    "newer_schema_read": "stores of a newer schema are read instead of refused",
    "tombstones_not_saved": "a deletion removes the record instead of keeping a tombstone",
    "stale_reads": "another process's writes are read only when the store is opened",
    "written_at_close": "commits are kept in memory and written when the store is closed",
}


class ReferenceStore(SimpleStore):
    """All records in one JSON document, replaced atomically (temporary file and rename) under an flock."""

    def __init__(self, url: StoreURL, codec: Codec) -> None:
        super().__init__(url, codec)
        self.path = Path(url.path)
        self.mutant = dict(url.query).get("mutant", "")
        if self.mutant and self.mutant not in MUTANTS:
            raise StoreError(f"{url.masked}: no mutant {self.mutant!r}; one of {', '.join(MUTANTS)}")
        self._codec = codec
        self._lock_fd = os.open(self.path.with_name(self.path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o644)
        self._locked = False
        self._held: int | None = None  # the file last read or written, kept open
        self._state: dict[tuple[str, str], Record] = {}  # what this process believes is stored
        self._disk: dict[tuple[str, str], Record] = {}  # what it wrote or read
        self._version = current_version()
        self._dirty = False
        with self._exclusive():
            if self._held is None:
                self._write({}, current_version())
            elif self._version < current_version() and self.mutant != "no_migration":
                self._write(self._disk, current_version())

    # -- locking and reading -------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked_file(self, mode: int) -> Iterator[None]:
        if self._locked:
            yield
            return
        if self.mutant != "no_locking":
            fcntl.flock(self._lock_fd, mode)
        self._locked = True
        try:
            if self.mutant != "stale_reads" or self._held is None:
                self._refresh()
            yield
        finally:
            self._locked = False
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)

    def _exclusive(self) -> Any:
        return self._locked_file(fcntl.LOCK_EX)

    def _shared(self) -> Any:
        return self._locked_file(fcntl.LOCK_SH)

    def _refresh(self) -> None:
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except FileNotFoundError:
            return
        if self._held is not None and os.fstat(fd).st_ino == os.fstat(self._held).st_ino:
            os.close(fd)
            return
        with open(fd, "rb", closefd=False) as handle:
            document = orjson.loads(handle.read())
        version = document["schema_version"]
        if self.mutant != "newer_schema_read":
            version = check_store_version(version, source=str(self.path))
        self._version = version
        records = [self._record(item, version) for item in document["records"]]
        self._disk = {(record.entity_type, record.id): record for record in records}
        self._state = dict(self._disk)
        if self.mutant != "clock_not_observed":
            for record in records:
                self._clock.observe(record.modified)
        self._hold(fd)

    def _hold(self, fd: int) -> None:
        if self._held is not None:
            os.close(self._held)
        self._held = fd

    def _record(self, item: dict[str, Any], version: int) -> Record:
        document = item["entity"]
        entity = None
        if document is not None:
            if version < current_version() and self.mutant != "no_migration":
                document = upgrade_entity(item["type"], document, version)
            entity = self._codec.structure(document, ENTITY_TYPES[item["type"]], source=str(self.path))
        return Record(
            entity_type=item["type"],
            id=item["id"],
            revision=item["revision"],
            modified=parse_datetime(item["modified"]),
            network_id=item["network_id"],
            entity=entity,
        )

    # -- the SimpleStore primitives ------------------------------------------------------------

    def _read(self, entity_type: str, entity_id: str) -> Record | None:
        return self._state.get((entity_type, entity_id))

    def _scan(self, entity_type: str) -> Iterator[Record]:
        return iter([record for (kind, _), record in self._state.items() if kind == entity_type])

    def _commit(self, records: Sequence[Record]) -> None:
        for record in records:
            self._state[(record.entity_type, record.id)] = record
        written = {(record.entity_type, record.id): self._as_written(record) for record in records}
        if self.mutant == "lose_last_record" and len(written) > 1:
            written.popitem()
        if self.mutant == "written_at_close":
            self._dirty = True
            return
        if self.mutant == "not_atomic":
            for key, one in written.items():
                self._write({**self._disk, key: one}, self._version)
            return
        self._write({**self._disk, **written}, self._version)

    def _as_written(self, record: Record) -> Record | None:
        """The record as the file gets it (None: removed)."""
        if record.entity is None and self.mutant == "tombstone_wrong_revision":
            return attrs.evolve(record, revision=record.revision - 1)
        if self.mutant == "network_id_not_saved":
            return attrs.evolve(record, network_id=None)
        if record.entity is None and self.mutant == "tombstones_not_saved":
            return None
        return record

    def _write(self, disk: Mapping[tuple[str, str], Record | None], version: int) -> None:
        kept = {key: record for key, record in disk.items() if record is not None}
        document = {"schema_version": version, "records": [self._item(record) for record in kept.values()]}
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        fd = os.open(temporary, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
        os.write(fd, orjson.dumps(document))
        os.fsync(fd)
        os.replace(temporary, self.path)
        self._hold(fd)
        self._disk = kept
        self._version = version

    def _item(self, record: Record) -> dict[str, Any]:
        return {
            "type": record.entity_type,
            "id": record.id,
            "revision": record.revision,
            "modified": format_datetime(record.modified),
            "network_id": record.network_id,
            "entity": None if record.entity is None else self._codec.unstructure(record.entity),
        }

    def _close(self) -> None:
        if self._dirty:
            with self._exclusive():
                self._write(dict(self._state), self._version)
        if self._held is not None:
            os.close(self._held)
        os.close(self._lock_fd)


def open_reference_store(url: StoreURL, host: PluginHost) -> ReferenceStore:
    """Open the store the URL names (created if missing)."""
    return ReferenceStore(url, host.codec)


@hookimpl
def register_store_backends() -> Iterable[StoreBackend]:
    """The ``ref:`` backend."""
    return [
        StoreBackend(
            scheme="ref",
            open=open_reference_store,
            description="The store suite's reference backend (tests only)",
            capabilities=frozenset({Capability.DURABLE, Capability.MULTI_PROCESS, Capability.CONCURRENT_WRITERS}),
        )
    ]
