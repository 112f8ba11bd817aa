"""``sqlite:`` - the embedded default: one file, WAL, indexed queries, browsable in Datasette.

URLs: ``sqlite:///absolute/path/netz.db`` or ``sqlite:relative/netz.db``; the option
``?synchronous=normal`` trades the last commits on power loss for speed (default ``full``).

This module is the store: its transactions, reads, writes and erasure. The tables, their indexes
and the migrations of an older file are in :mod:`integrationsnetz.store.sqlite_layout`.

A large batch into an empty table builds that table's indexes after its rows, in the same
transaction (see ``_bulk``). Writers take the database's write lock for the whole transaction
(``BEGIN IMMEDIATE``), so two processes never interleave and a stale revision is always seen.
``sqlite3`` is imported only when a store is opened.
"""

from __future__ import annotations

import builtins
import contextlib
import os
import warnings
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import orjson

from integrationsnetz import guard
from integrationsnetz.errors import NotFound, StoreError
from integrationsnetz.hookspecs import hookimpl
from integrationsnetz.model.courses import Course
from integrationsnetz.model.entity import Entity
from integrationsnetz.model.meetings import Meeting
from integrationsnetz.model.memberships import Membership
from integrationsnetz.model.network_data import ENTITY_TYPES, entity_type_name
from integrationsnetz.privacy import ErasureIncompleteWarning
from integrationsnetz.serialization import format_datetime, paused_gc
from integrationsnetz.store import Capability, Change, StoreBackend, StoreURL
from integrationsnetz.store.base import BaseStore
from integrationsnetz.store.bookkeeping import Clock, check_revision, from_micros, micros, stamped
from integrationsnetz.store.queries import CourseQuery, MeetingQuery
from integrationsnetz.store.sqlite_layout import (
    INSERT,
    TOMBSTONE,
    drop_index,
    forget_participants,
    prepare,
    row_of,
    secondary_indexes,
    write_participants,
)

if TYPE_CHECKING:
    from integrationsnetz.contract.host import Host
    from integrationsnetz.serialization import Codec

E = TypeVar("E", bound=Entity)

#: How long a statement waits for another connection's lock.
_BUSY_TIMEOUT_MS = 30_000
#: How long the checkpoint after an erasure waits for other connections' readers before it warns.
_ERASURE_WAIT_MS = 2_000

# A batch at least this large into an empty table goes in without the table's secondary indexes,
# which are built afterwards (in the same transaction): sorting once is several times faster than
# growing each index row by row in random order, as SQLite's and PostgreSQL's bulk-load advice says.
_BULK_ROWS = 1000
_CHUNK = 500


class SQLiteStore(BaseStore):
    """A store in one SQLite file. Open it with ``open_store("sqlite:///path.db")``."""

    def __init__(self, url: StoreURL, path: Path, codec: Codec, *, synchronous: str = "FULL") -> None:
        import sqlite3

        self.url = url
        self.path = path
        self._sqlite_error = sqlite3.DatabaseError
        self._codec = codec
        self._clock = Clock()
        self._depth = 0
        self._closed = False
        self._erased_in_transaction = False  # an erase_person in the open transaction
        self._erasure_unfinished = False  # an erasure whose old pages are still in the -wal file
        where = self.url.masked
        if not path.parent.is_dir():
            raise StoreError(f"{where}: the directory {str(path.parent)!r} does not exist")
        try:
            self._db = sqlite3.connect(path, isolation_level=None, timeout=30.0, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"{where}: cannot open the database ({exc})") from None
        try:
            with self._errors():
                self._db.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
                self._db.execute("PRAGMA journal_mode = WAL")
                self._db.execute(f"PRAGMA synchronous = {synchronous}")
                self._db.execute("PRAGMA secure_delete = ON")  # erased personal data leaves no trace in free pages
                prepare(self._db, codec, where=where, path=path)
        except BaseException:
            self._db.close()
            raise

    def schema_version(self) -> int | None:
        """The schema version in the database's ``meta`` table (the current one once opened)."""
        self._check_open()
        with self._errors():
            row = self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row and str(row[0]).isdigit() else None

    # -- errors -----------------------------------------------------------------------------

    @contextmanager
    def _errors(self) -> Iterator[None]:
        import sqlite3

        try:
            yield
        except sqlite3.DatabaseError as exc:
            raise self._translated(exc) from None

    def _translated(self, exc: Exception) -> StoreError:
        """The store's error for a ``sqlite3.DatabaseError``: what happened to which file."""
        text = str(exc)
        if "not a database" in text or "malformed" in text:
            return StoreError(
                f"{self.url.masked}: the database file {str(self.path)!r} is damaged or not a SQLite "
                f"database ({text}); restore it from a backup"
            )
        if "readonly" in text or "read-only" in text:
            text += "; the file or its directory is read-only"
        elif "unable to open" in text and not os.access(self.path.parent, os.W_OK):
            text += (
                f"; the directory {str(self.path.parent)!r} is read-only "
                "(SQLite writes its -wal and -shm files beside the database)"
            )
        return StoreError(f"{self.url.masked}: {text}; nothing was changed")

    # -- transactions -----------------------------------------------------------------------

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"{self.url.masked}: the store is closed")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes in the block, or none (``BEGIN IMMEDIATE``); a nested block is a savepoint."""
        self._check_open()
        db = self._db
        depth = self._depth
        with self._errors():
            if depth == 0:
                db.execute("BEGIN IMMEDIATE")
                row = db.execute("SELECT value FROM meta WHERE key = 'last_modified_us'").fetchone()
                if row is not None:
                    self._clock.observe(from_micros(int(row[0])))
            else:
                db.execute(f"SAVEPOINT sp{depth}")
        self._depth += 1
        try:
            with self._errors():  # a failing statement inside the block becomes a StoreError
                yield
        except BaseException:
            self._depth -= 1
            self._undo(depth)
            raise
        self._depth -= 1
        with self._errors():
            if depth == 0:
                try:
                    db.execute("COMMIT")
                except BaseException:
                    self._undo(depth)
                    raise
            else:
                db.execute(f"RELEASE sp{depth}")
        if depth == 0 and (self._erased_in_transaction or self._erasure_unfinished):
            self._clear_wal(warn=self._erased_in_transaction)

    def _undo(self, depth: int) -> None:
        """Roll back to where the block at ``depth`` began; SQLite may have rolled back already."""
        import sqlite3

        db = self._db
        if depth == 0:
            self._erased_in_transaction = False
        with contextlib.suppress(sqlite3.Error):
            if depth == 0:
                if db.in_transaction:
                    db.execute("ROLLBACK")
            else:
                db.execute(f"ROLLBACK TO sp{depth}")
                db.execute(f"RELEASE sp{depth}")

    def _now(self) -> datetime:
        stamp = self._clock.now()
        self._note_stamp(stamp)
        return stamp

    def _note_stamp(self, stamp: datetime) -> None:
        """Record the newest stamp, so the next writer (maybe another process) stamps later."""
        self._db.execute("INSERT OR REPLACE INTO meta VALUES ('last_modified_us', ?)", (str(micros(stamp)),))

    # -- rows -------------------------------------------------------------------------------

    @contextmanager
    def _bulk(self, table: str, rows: int) -> Iterator[None]:
        """Write a large batch into an empty ``table`` without its secondary indexes, then build them.

        Inside the caller's transaction: if the batch fails, the rollback restores the indexes.
        """
        db = self._db
        if rows < _BULK_ROWS or db.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None:
            yield
            return
        statements = secondary_indexes(table)
        for statement in statements:
            db.execute(drop_index(statement))
        yield
        for statement in statements:
            db.execute(statement)

    def _stored(self, table: str, ids: Sequence[str]) -> dict[str, tuple[int, bool, str | None, int]]:
        """id -> (revision, deleted, created text, modified_us) for the ids that have a row."""
        found: dict[str, tuple[int, bool, str | None, int]] = {}
        for offset in range(0, len(ids), _CHUNK):
            chunk = ids[offset : offset + _CHUNK]
            marks = ",".join("?" * len(chunk))
            query = f"SELECT id, revision, data IS NULL, created, modified_us FROM {table} WHERE id IN ({marks})"
            for entity_id, revision, deleted, created, modified_us in self._db.execute(query, chunk):
                found[entity_id] = (revision, bool(deleted), created, modified_us)
        return found

    def _decode(self, table: str, entity_id: str, data: str | bytes, cls: type[E]) -> E:
        return self._codec.loads(data, cls, source=f"{self.url.masked} {table} {entity_id!r}")

    def _decode_rows(self, table: str, rows: Sequence[tuple[str, str]], cls: type[E]) -> builtins.list[E]:
        """Entities from ``(id, data)`` rows; an error names the row's table and id."""
        return self._codec.loads_many(
            [data for _, data in rows], cls, source=lambda index: f"{self.url.masked} {table} {rows[index][0]!r}"
        )

    # -- writes -----------------------------------------------------------------------------

    def _live_ids(self, table: str, ids: Collection[str]) -> builtins.list[str]:
        """Which of ``ids`` are live entities of ``table`` (this transaction's writes included)."""
        return [
            entity_id
            for entity_id, (_, deleted, _, _) in self._stored(table, builtins.list(ids)).items()
            if not deleted
        ]

    def _put_many(self, entities: builtins.list[Entity], *, draft: bool) -> builtins.list[Entity]:
        """Write the batch in one transaction, with one ``executemany`` per table."""
        from integrationsnetz.serialization import parse_datetime

        where = self.url.masked
        with paused_gc():  # the write guard, before the store is touched; the stamps it adds are valid
            for entity in entities:
                guard.json_payload(self._codec, entity, source=f"{where}: {entity_type_name(entity)} {entity.id!r}")
        with self.transaction(), paused_gc():
            if not draft:
                guard.refuse(guard.reference_problems(entities, self._live_ids), source=where)
            by_table: dict[str, list[int]] = {}
            for position, entity in enumerate(entities):
                by_table.setdefault(entity_type_name(entity), []).append(position)
            stamps = [self._clock.now() for _ in entities]
            if stamps:
                self._note_stamp(stamps[-1])
            stored_at: dict[int, Entity] = {}
            for table, positions in by_table.items():
                stored = self._stored(table, [entities[p].id for p in positions])
                live_before = [entity_id for entity_id, (_, deleted, _, _) in stored.items() if not deleted]
                rows = []
                meetings: dict[str, Meeting] = {}  # the last version of each meeting in the batch
                for position in positions:
                    entity = entities[position]
                    now = stamps[position]
                    current = stored.get(entity.id)
                    check_revision(
                        where,
                        table,
                        entity.id,
                        entity.revision,
                        stored_revision=None if current is None else current[0],
                        deleted=current is not None and current[1],
                        modified=None if current is None else from_micros(current[3]),
                    )
                    created = None
                    if current is not None and not current[1] and current[2] is not None:
                        created = parse_datetime(current[2])
                    new = stamped(entity, revision=1 if current is None else current[0] + 1, created=created, now=now)
                    row = row_of(self._codec, table, new)
                    created_text, modified_us = row[3], row[-2]  # as row_of lays them out
                    stored[entity.id] = (new.revision, False, created_text, modified_us)  # type: ignore[assignment]
                    stored_at[position] = new
                    rows.append(row)
                    if isinstance(new, Meeting):
                        meetings[new.id] = new
                if meetings and live_before:
                    forget_participants(self._db, live_before)
                with self._bulk(table, len(rows)):
                    self._db.executemany(INSERT[table], rows)
                if meetings:
                    write_participants(self._db, meetings.keys())
                    self._note_meeting_length(meetings.values())
            return [stored_at[position] for position in range(len(entities))]

    def _note_meeting_length(self, meetings: Iterable[Meeting]) -> None:
        longest = max(micros(m.end) - micros(m.start) for m in meetings)
        row = self._db.execute("SELECT value FROM meta WHERE key = 'longest_meeting_us'").fetchone()
        if row is None or int(row[0]) < longest:
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('longest_meeting_us', ?)", (str(longest),))

    def delete(self, cls: type[Entity], entity_id: str, *, revision: int | None = None) -> None:
        """Delete, leaving a tombstone row; ``NotFound`` if absent, ``Conflict`` if ``revision`` is stale."""
        table = entity_type_name(cls)
        with self.transaction():
            current = self._stored(table, [entity_id]).get(entity_id)
            if current is None or current[1]:
                raise NotFound(f"{self.url.masked}: no {table} with id {entity_id!r} to delete")
            if revision is not None:
                check_revision(
                    self.url.masked,
                    table,
                    entity_id,
                    revision,
                    stored_revision=current[0],
                    modified=from_micros(current[3]),
                )
            if table == "meeting":
                forget_participants(self._db, [entity_id])
            now = self._now()
            self._db.execute(TOMBSTONE[table], (current[0] + 1, format_datetime(now), micros(now), entity_id))

    # -- reads ------------------------------------------------------------------------------

    def _query(self, sql: str, parameters: Sequence[object] = ()) -> builtins.list[Any]:
        self._check_open()
        try:
            return self._db.execute(sql, parameters).fetchall()
        except self._sqlite_error as exc:  # (no context manager here: queries are the hot path)
            raise self._translated(exc) from None

    def get(self, cls: type[E], entity_id: str) -> E:
        """The live entity; ``NotFound`` if absent or deleted."""
        table = entity_type_name(cls)
        rows = self._query(f"SELECT data FROM {table} WHERE id = ?", (entity_id,))
        if not rows or rows[0][0] is None:
            state = "was deleted" if rows else "does not exist"
            raise NotFound(f"{self.url.masked}: {table} {entity_id!r} {state}")
        return self._decode(table, entity_id, rows[0][0], cls)

    def list(self, cls: type[E], *, network_id: str | None = None) -> builtins.list[E]:
        """Live entities of a type, of one network if given, by id."""
        table = entity_type_name(cls)
        if network_id is None:
            rows = self._query(f"SELECT id, data FROM {table} WHERE data IS NOT NULL ORDER BY id")
        else:
            rows = self._query(
                f"SELECT id, data FROM {table} WHERE network_id = ? AND data IS NOT NULL ORDER BY id",
                (network_id,),
            )
        return self._decode_rows(table, rows, cls)

    def iter_entities(self, cls: type[E], *, network_id: str | None = None) -> Iterator[E]:
        """Like :meth:`list`, but one entity at a time: loads a whole store without holding every row twice."""
        self._check_open()
        table = entity_type_name(cls)
        sql = f"SELECT id, data FROM {table} WHERE data IS NOT NULL"
        parameters: tuple[str, ...] = ()
        if network_id is not None:
            sql += " AND network_id = ?"
            parameters = (network_id,)
        with self._errors():
            cursor = self._db.execute(sql + " ORDER BY id", parameters)
            for entity_id, data in cursor:
                yield self._decode(table, entity_id, data, cls)

    def _changed_since(self, since: datetime | None, network_id: str | None) -> builtins.list[Change]:
        changes = []
        after = -(2**62) if since is None else micros(since)
        for table, cls in ENTITY_TYPES.items():
            sql = f"SELECT id, revision, modified_us, data FROM {table} WHERE modified_us > ?"
            parameters: tuple[object, ...] = (after,)
            if network_id is not None:
                sql += " AND network_id = ?"
                parameters = (after, network_id)
            for entity_id, revision, modified_us, data in self._query(sql, parameters):
                changes.append(
                    Change(
                        entity_type=table,
                        id=entity_id,
                        revision=revision,
                        modified=from_micros(modified_us),
                        entity=None if data is None else self._decode(table, entity_id, data, cls),
                    )
                )
        return sorted(changes, key=lambda change: (change.modified, change.entity_type, change.id))

    def _meetings_between(self, query: MeetingQuery) -> builtins.list[Meeting]:
        """Indexed: by start, by group, or through the pairs of a person."""
        start_us, end_us = micros(query.start), micros(query.end)
        sql = "SELECT m.id, m.data FROM meeting m"
        parameters: list[object] = []
        if query.person_id is not None:
            sql += " JOIN meeting_participant p ON p.meeting_id = m.id AND p.actor_id = ?"
            parameters.append(query.person_id)
        # A meeting that overlaps the window starts at most the longest meeting's length before it:
        # that bound keeps the search on the start index (NULL, so no rows, before any meeting).
        sql += (
            " WHERE m.start_us >= ? - (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'longest_meeting_us')"
            " AND m.start_us < ? AND m.end_us > ?"
        )
        parameters += [start_us, end_us, start_us]
        if query.group_id is not None:
            sql += " AND m.group_id = ?"
            parameters.append(query.group_id)
        if query.network_id is not None:
            sql += " AND m.network_id = ?"
            parameters.append(query.network_id)
        sql += " ORDER BY m.start_us, m.id"
        return self._decode_rows("meeting", self._query(sql, parameters), Meeting)

    def _courses(self, query: CourseQuery) -> builtins.list[Course]:
        """Indexed by each filter's column."""
        conditions = ["data IS NOT NULL"]
        parameters: list[object] = []
        for column, value in query.equalities():
            conditions.append(f"{column} = ?")
            parameters.append(value)
        sql = f"SELECT id, data FROM course WHERE {' AND '.join(conditions)} ORDER BY id"
        return self._decode_rows("course", self._query(sql, parameters), Course)

    def _memberships_of(self, actor_id: str, on: date | None) -> builtins.list[Membership]:
        """Indexed by the actor."""
        sql = "SELECT id, data FROM membership WHERE actor_id = ? AND data IS NOT NULL"
        parameters: list[object] = [actor_id]
        if on is not None:
            sql += ' AND since <= ? AND ("until" IS NULL OR "until" >= ?)'
            parameters += [on.isoformat(), on.isoformat()]
        sql += " ORDER BY id"
        rows = self._query(sql, parameters)
        return self._decode_rows("membership", rows, Membership)

    # -- personal data ----------------------------------------------------------------------

    def _mentioning(self, person_id: str) -> Iterator[Entity]:
        """Every live entity whose document contains the id as a JSON string (a superset)."""
        needle = orjson.dumps(person_id).decode()
        for table, cls in ENTITY_TYPES.items():
            rows = self._query(
                f"SELECT id, data FROM {table} WHERE data IS NOT NULL AND instr(data, ?) > 0",
                (needle,),
            )
            for entity_id, data in rows:
                yield self._decode(table, entity_id, data, cls)

    def erase_person(self, person_id: str) -> int:
        """Delete the person and their memberships and remove every other reference, atomically.

        No copy stays in the files: ``secure_delete`` zeroes the old rows in the database, and
        when the transaction commits, a checkpoint moves the pages into it and empties the -wal
        file, which holds the old pages until then. Another connection's read transaction blocks
        that: after a short wait, an :class:`~integrationsnetz.privacy.ErasureIncompleteWarning`
        says so, and :meth:`finish_erasure` (or the next commit) finishes it.
        """
        with self.transaction():
            changed = super().erase_person(person_id)
            if changed:
                self._erased_in_transaction = True
        return changed

    def finish_erasure(self) -> None:
        """Empty the -wal file of the pages an erasure replaced; StoreError if a reader still blocks it.

        Needed only after an :class:`~integrationsnetz.privacy.ErasureIncompleteWarning`; closing
        the last connection to the database does the same.
        """
        self._check_open()
        if not self._checkpoint(_ERASURE_WAIT_MS):
            self._erasure_unfinished = True
            raise StoreError(
                f"{self.url.masked}: an erased person's old data is still in {self._wal_name()}: another "
                f"connection has held a read transaction for over {_ERASURE_WAIT_MS / 1000:g} s; "
                "end it (or close the other programs using the database) and call finish_erasure() again"
            )
        self._erasure_unfinished = False

    def _clear_wal(self, *, warn: bool) -> None:
        """After a commit that erased (``warn``) or followed an unfinished erasure: empty the -wal file."""
        self._erased_in_transaction = False
        if self._checkpoint(_ERASURE_WAIT_MS if warn else 0):
            self._erasure_unfinished = False
            return
        self._erasure_unfinished = True
        if warn:
            warnings.warn(
                f"{self.url.masked}: the person is erased from the store, but their old data stays in "
                f"{self._wal_name()} while another connection reads the database (it blocked the checkpoint "
                f"for {_ERASURE_WAIT_MS / 1000:g} s); call store.finish_erasure() when the other readers are "
                "done (the next write or the last connection to close also finishes it)",
                ErasureIncompleteWarning,
                stacklevel=5,  # the caller of erase_person (through transaction and contextlib)
            )

    def _checkpoint(self, wait_ms: int) -> bool:
        """Move the -wal file's pages into the database and truncate it; False if readers blocked it."""
        db = self._db
        with self._errors():
            db.execute(f"PRAGMA busy_timeout = {wait_ms}")  # the checkpoint waits for readers this long
            try:
                busy, _, _ = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            finally:
                db.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        return not busy

    def _wal_name(self) -> str:
        return repr(f"{self.path}-wal")

    # -- life cycle -------------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection; further use raises StoreError."""
        if not self._closed:
            if self._erasure_unfinished:  # one more try; the last connection to close clears the file anyway
                with contextlib.suppress(StoreError):
                    self._checkpoint(0)
            self._closed = True
            self._db.close()


def _path_of(url: StoreURL) -> Path:
    if url.host:
        raise StoreError(
            f"store URL {url.masked!r}: SQLite files are local; write sqlite:///absolute/path.db or sqlite:relative.db"
        )
    if not url.path or url.path.endswith("/"):
        raise StoreError(f"store URL {url.masked!r}: expected a file name, e.g. sqlite:///srv/netz/netz.db")
    return Path(url.path).expanduser()


def open_sqlite_store(url: StoreURL, host: Host) -> SQLiteStore:
    """Open (or create) the SQLite store at the URL's path."""
    options = dict(url.query)
    synchronous = options.pop("synchronous", "full").upper()
    if synchronous not in ("FULL", "NORMAL") or options:
        unknown = ", ".join(sorted(options)) or f"synchronous={synchronous.lower()}"
        raise StoreError(f"store URL {url.masked!r}: unknown option {unknown} (known: synchronous=full|normal)")
    return SQLiteStore(url, _path_of(url), host.codec, synchronous=synchronous)


@hookimpl
def register_store_backends() -> Iterable[StoreBackend]:
    """The built-in ``sqlite:`` backend."""
    return [
        StoreBackend(
            scheme="sqlite",
            open=open_sqlite_store,
            description="One SQLite file (WAL): the embedded default, indexed, browsable with Datasette",
            capabilities=frozenset({Capability.DURABLE, Capability.MULTI_PROCESS, Capability.CONCURRENT_WRITERS}),
        )
    ]
