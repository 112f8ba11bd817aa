"""The ``jsonl:`` store: records in memory, appended to one file, committed by a marker line.

Built on :class:`integrationsnetz.store.simple.SimpleStore`, which supplies the whole Store
protocol (revisions, conflicts, tombstones, queries, transactions, erasure) on four primitives.
This module only says where records live:

* ``_read`` / ``_scan`` answer from a dict of records, refreshed from the file's new lines;
* ``_commit`` appends the records and a ``{"commit": n}`` line, then fsyncs;
* ``_exclusive`` / ``_shared`` hold an ``flock`` on the file.
"""

from __future__ import annotations

import fcntl
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
from integrationsnetz.store.schema import check_store_version, current_version
from integrationsnetz.store.simple import SimpleStore

if TYPE_CHECKING:
    from integrationsnetz.serialization import Codec

HEADER = "integrationsnetz-jsonl"


class JsonLinesStore(SimpleStore):
    """A store in one append-only JSON-lines file."""

    def __init__(self, url: StoreURL, codec: Codec) -> None:
        super().__init__(url, codec)
        if url.host or not url.path:
            raise StoreError(f"store URL {url.masked!r}: expected jsonl:///absolute/file.jsonl or jsonl:file.jsonl")
        self.path = Path(url.path)
        self._codec = codec
        self._state: dict[tuple[str, str], Record] = {}
        self._offset = 0  # bytes of the file read up to the last commit line
        self._commits = 0
        self._locked = False
        try:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot open ({exc.strerror or exc})") from None
        with self._exclusive():
            if os.fstat(self._fd).st_size == 0:
                self._append([{HEADER: 1, "schema_version": current_version()}])
                self._offset = os.fstat(self._fd).st_size

    # -- locking and reading the file -------------------------------------------------------

    @contextmanager
    def _locked_file(self, mode: int) -> Iterator[None]:
        if self._locked:
            yield
            return
        fcntl.flock(self._fd, mode)
        self._locked = True
        try:
            self._refresh()
            yield
        finally:
            self._locked = False
            fcntl.flock(self._fd, fcntl.LOCK_UN)

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
                check_store_version(item.get("schema_version"), source=str(self.path))
                self._offset += consumed
                consumed = 0
            elif "commit" in item:
                for record in pending:
                    self._state[(record.entity_type, record.id)] = record
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
        lines: list[dict[str, Any]] = [
            {
                "type": record.entity_type,
                "id": record.id,
                "revision": record.revision,
                "modified": format_datetime(record.modified),
                "network_id": record.network_id,
                "entity": None if record.entity is None else self._codec.unstructure(record.entity),
            }
            for record in records
        ]
        lines.append({"commit": self._commits + 1})
        os.ftruncate(self._fd, self._offset)  # drop a torn tail left by a killed writer
        self._append(lines)
        for record in records:
            self._state[(record.entity_type, record.id)] = record
        self._commits += 1
        self._offset = os.fstat(self._fd).st_size

    def _append(self, lines: list[dict[str, Any]]) -> None:
        payload = b"".join(orjson.dumps(line) + b"\n" for line in lines)
        try:
            os.pwrite(self._fd, payload, self._offset)
            os.fsync(self._fd)
        except OSError as exc:
            os.ftruncate(self._fd, self._offset)
            raise StoreError(f"{self.path}: cannot write ({exc.strerror or exc}); nothing was changed") from None

    def _close(self) -> None:
        os.close(self._fd)
