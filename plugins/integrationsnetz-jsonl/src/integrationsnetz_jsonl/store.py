"""The ``jsonl:`` store: records in memory, appended to one file, committed by a marker line.

Built on :class:`integrationsnetz.store.simple.SimpleStore`, which supplies the whole Store
protocol (revisions, conflicts, tombstones, queries, transactions, erasure) on four primitives.
This module only says where records live:

* ``_read`` / ``_scan`` answer from a dict of records, refreshed from the file's new lines
  (observing their stamps, so this process never stamps a write before one already stored);
* ``_commit`` appends the records and a ``{"commit": n}`` line, then fsyncs;
* ``_exclusive`` / ``_shared`` hold an ``flock`` on the file.

Two things rewrite the file instead of appending: opening a store of an older schema (every
record migrated) and erasing a person (no earlier version of any record may keep their data).
The new file is written beside the old one, locked, and renamed over it; the old one is then
overwritten with zeros. A process that finds the name pointing to another file than the one it
holds open reads the new file from the start.
"""

from __future__ import annotations

import fcntl
import glob
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from integrationsnetz import InvalidData, StoreError
from integrationsnetz.model import ENTITY_TYPES
from integrationsnetz.serialization import format_datetime, parse_datetime
from integrationsnetz.store import StoreURL
from integrationsnetz.store.bookkeeping import Record
from integrationsnetz.store.schema import check_store_version, current_version, upgrade_entity
from integrationsnetz.store.simple import SimpleStore

if TYPE_CHECKING:
    from integrationsnetz.serialization import Codec

HEADER = "integrationsnetz-jsonl"
_ZEROS = bytes(1 << 20)


class JsonLinesStore(SimpleStore):
    """A store in one append-only JSON-lines file."""

    _state: dict[tuple[str, str], Record]
    _version: int | None  # the schema version in the file's header

    def __init__(self, url: StoreURL, codec: Codec) -> None:
        super().__init__(url, codec)
        if url.host or not url.path:
            raise StoreError(f"store URL {url.masked!r}: expected jsonl:///absolute/file.jsonl or jsonl:file.jsonl")
        self.path = Path(url.path)
        self._codec = codec
        self._locked = False
        self._rewrite_next = False  # set by erase_person: its commit rewrites the file without history
        self._fd = self._open_file()
        self._forget()
        with self._exclusive():
            for leftover in self.path.parent.glob(f".{glob.escape(self.path.name)}.*.tmp"):
                leftover.unlink(missing_ok=True)  # a rewrite whose writer was killed before the rename
            if os.fstat(self._fd).st_size == 0:
                self._version = current_version()
                self._append([{HEADER: 1, "schema_version": self._version}])
                self._offset = os.fstat(self._fd).st_size
            elif self._version is not None and self._version < current_version():
                self._rewrite(list(self._state.values()))

    def schema_version(self) -> int | None:
        """The schema version in the file's header line (the current one once opened)."""
        with self._shared():
            return self._version

    def _open_file(self) -> int:
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot open ({exc.strerror or exc})") from None

    def _forget(self) -> None:
        """Start reading the file from its first line."""
        self._state = {}
        self._offset = 0  # bytes of the file read up to the last commit line
        self._commits = 0
        self._version = None

    # -- locking and reading the file -------------------------------------------------------

    @contextmanager
    def _locked_file(self, mode: int) -> Iterator[None]:
        if self._locked:
            yield
            return
        self._lock(mode)
        self._locked = True
        try:
            self._refresh()
            yield
        finally:
            self._locked = False
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    def _lock(self, mode: int) -> None:
        """Lock the file the path names now: another process may have renamed a rewritten file over ours."""
        while True:
            fcntl.flock(self._fd, mode)
            try:
                named = os.stat(self.path)
            except OSError as exc:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
                raise StoreError(f"{self.path}: cannot open ({exc.strerror or exc})") from None
            held = os.fstat(self._fd)
            if (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino):
                return
            os.close(self._fd)  # releases the lock on the replaced file
            self._fd = self._open_file()
            self._forget()

    def _exclusive(self) -> Any:
        return self._locked_file(fcntl.LOCK_EX)

    def _shared(self) -> Any:
        return self._locked_file(fcntl.LOCK_SH)

    def _refresh(self) -> None:
        """Read the lines other writers committed since we last looked; ignore a torn tail."""
        size = os.fstat(self._fd).st_size
        if size <= self._offset:
            return
        chunk = os.pread(self._fd, size - self._offset, self._offset)
        pending: list[Record] = []
        consumed = 0
        for line in chunk.splitlines(keepends=True):
            if not line.endswith(b"\n"):
                break  # a line cut off by a killed writer
            consumed += len(line)
            try:
                item = orjson.loads(line)
            except orjson.JSONDecodeError:
                break  # the torn tail of a killed writer: nothing after the last commit counts
            if HEADER in item:
                self._version = check_store_version(item.get("schema_version"), source=str(self.path))
                self._offset += consumed
                consumed = 0
            elif "commit" in item:
                for record in pending:
                    self._state[(record.entity_type, record.id)] = record
                    self._clock.observe(record.modified)
                pending.clear()
                self._commits = item["commit"]
                self._offset += consumed
                consumed = 0
            else:
                pending.append(self._record(item))

    def _record(self, item: dict[str, Any]) -> Record:
        try:
            entity_type = item["type"]
            document = item["entity"]
            entity = None
            if document is not None:
                if self._version is not None and self._version < current_version():
                    document = upgrade_entity(entity_type, document, self._version)
                entity = self._codec.structure(document, ENTITY_TYPES[entity_type], source=str(self.path))
            return Record(
                entity_type=entity_type,
                id=item["id"],
                revision=item["revision"],
                modified=parse_datetime(item["modified"]),
                network_id=item.get("network_id"),
                entity=entity,
            )
        except (KeyError, TypeError, ValueError) as exc:
            problem = f"a line after byte {self._offset} is not a record: {exc}"
            raise InvalidData([problem], source=str(self.path)) from None

    # -- the SimpleStore primitives ----------------------------------------------------------

    def _read(self, entity_type: str, entity_id: str) -> Record | None:
        return self._state.get((entity_type, entity_id))

    def _scan(self, entity_type: str) -> Iterator[Record]:
        return iter([record for (kind, _), record in self._state.items() if kind == entity_type])

    def _commit(self, records: Sequence[Record]) -> None:
        if self._rewrite_next:
            self._rewrite_next = False
            state = dict(self._state)
            state.update({(record.entity_type, record.id): record for record in records})
            self._rewrite(list(state.values()))
            return
        lines: list[dict[str, Any]] = [self._line(record) for record in records]
        lines.append({"commit": self._commits + 1})
        os.ftruncate(self._fd, self._offset)  # drop a torn tail left by a killed writer
        self._append(lines)
        for record in records:
            self._state[(record.entity_type, record.id)] = record
        self._commits += 1
        self._offset = os.fstat(self._fd).st_size

    def _line(self, record: Record) -> dict[str, Any]:
        return {
            "type": record.entity_type,
            "id": record.id,
            "revision": record.revision,
            "modified": format_datetime(record.modified),
            "network_id": record.network_id,
            "entity": None if record.entity is None else self._codec.unstructure(record.entity),
        }

    def _append(self, lines: list[dict[str, Any]]) -> None:
        payload = b"".join(orjson.dumps(line) + b"\n" for line in lines)
        try:
            os.pwrite(self._fd, payload, self._offset)
            os.fsync(self._fd)
        except OSError as exc:
            os.ftruncate(self._fd, self._offset)
            raise StoreError(f"{self.path}: cannot write ({exc.strerror or exc}); nothing was changed") from None

    # -- rewriting the file ------------------------------------------------------------------

    def erase_person(self, person_id: str) -> int:
        """Erase the person (see ``Store``), and rewrite the file so no earlier line keeps their data."""
        outermost = not self._layers
        self._rewrite_next = True
        try:
            return super().erase_person(person_id)
        finally:
            if outermost:  # else the enclosing transaction's commit rewrites
                self._rewrite_next = False

    def _rewrite(self, records: list[Record]) -> None:
        """Replace the file by one holding only ``records``, at the current schema; zero the old one.

        Called with the exclusive lock held. The new file is locked before it gets the name, so no
        other process writes to it before this one has finished.
        """
        version = current_version()
        lines = [{HEADER: 1, "schema_version": version}, *(self._line(record) for record in records), {"commit": 1}]
        payload = b"".join(orjson.dumps(line) + b"\n" for line in lines)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            fd = os.open(temporary, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
        except OSError as exc:
            raise StoreError(f"{temporary}: cannot write ({exc.strerror or exc}); nothing was changed") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            os.write(fd, payload)
            os.fsync(fd)
            os.replace(temporary, self.path)
        except OSError as exc:
            os.close(fd)
            temporary.unlink(missing_ok=True)
            raise StoreError(f"{self.path}: cannot write ({exc.strerror or exc}); nothing was changed") from None
        _sync_directory(self.path.parent)
        old, self._fd = self._fd, fd
        _overwrite_with_zeros(old)
        os.close(old)
        self._state = {(record.entity_type, record.id): record for record in records}
        self._commits = 1
        self._version = version
        self._offset = len(payload)

    def _close(self) -> None:
        os.close(self._fd)


def _sync_directory(directory: Path) -> None:
    """Make a rename in ``directory`` durable."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _overwrite_with_zeros(fd: int) -> None:
    """Zero a replaced file's bytes: other names or open handles of it must not keep erased data."""
    size = os.fstat(fd).st_size
    for offset in range(0, size, len(_ZEROS)):
        os.pwrite(fd, _ZEROS[: size - offset], offset)
    os.fsync(fd)
    os.ftruncate(fd, 0)
