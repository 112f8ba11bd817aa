"""``sqlite:`` - the embedded default: one file, WAL, indexed queries, browsable in Datasette.

URLs: ``sqlite:///absolute/path/netz.db`` or ``sqlite:relative/netz.db``; the option
``?synchronous=normal`` trades the last commits on power loss for speed (default ``full``).

Layout (what a person sees in ``sqlite3`` or Datasette):

* one table per entity type (``meeting``, ``person``, ``course`` ...) with ``id``,
  ``network_id``, ``revision``, ``created``, ``modified``, the columns its queries need
  (``meeting.group_id``, ``start``, ``end``; ``course.course_type``, ``provider_id``,
  ``status``; ``membership.actor_id`` ...) and ``data``, the entity's full JSON document.
  A row whose ``data`` is NULL is a tombstone (a deleted entity, kept for "changed since").
  Times are kept twice: as RFC 9557 text to read, as UTC microseconds (``*_us``) to compare.
* ``meeting_participant``: one row per meeting and actor among its participants, keyed by
  (actor, meeting), for "meetings of a person". ``meeting.participants`` holds the same actors
  as a JSON array: a meeting's rows are found through it when the meeting changes, so the pairs
  need no second index (which cost about a fifth of a bulk save).
* ``meta``: ``schema_version`` and the store's bookkeeping.

Every query has an index (``EXPLAIN QUERY PLAN`` shows ``SEARCH ... USING INDEX``); no query
scans the JSON documents. A large batch into an empty table builds that table's indexes after
its rows, in the same transaction (see ``_bulk``). Writers take the database's write lock for the
whole transaction (``BEGIN IMMEDIATE``), so two processes never interleave and a stale revision is
always seen.
``sqlite3`` is imported only when a store is opened.
"""

from __future__ import annotations

import builtins
import contextlib
import os
import warnings
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import orjson

from integrationsnetz import guard
from integrationsnetz.errors import InvalidData, NotFound, SchemaVersionError, StoreError
from integrationsnetz.hookspecs import hookimpl
from integrationsnetz.model.courses import Course, CourseStatus
from integrationsnetz.model.entity import Entity
from integrationsnetz.model.meetings import Meeting
from integrationsnetz.model.memberships import Membership
from integrationsnetz.model.network_data import ENTITY_TYPES, entity_type_name
from integrationsnetz.privacy import ErasureIncompleteWarning, PersonalData, personal_data, plan_erasure
from integrationsnetz.serialization import format_datetime, paused_gc
from integrationsnetz.store import Capability, Change, Store, StoreBackend, StoreURL
from integrationsnetz.store.bookkeeping import Clock, check_revision, from_micros, micros, network_of, stamped
from integrationsnetz.store.queries import check_batch, check_course_status, check_day, check_instant, check_window
from integrationsnetz.store.schema import check_store_version, current_version, upgrade_entity

if TYPE_CHECKING:
    from integrationsnetz.contract.host import Host
    from integrationsnetz.serialization import Codec

E = TypeVar("E", bound=Entity)

#: How long a statement waits for another connection's lock.
_BUSY_TIMEOUT_MS = 30_000
#: How long the checkpoint after an erasure waits for other connections' readers before it warns.
_ERASURE_WAIT_MS = 2_000

_COMMON = "id TEXT PRIMARY KEY, network_id TEXT, revision INTEGER NOT NULL, created TEXT, modified TEXT NOT NULL"


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _meeting_columns(meeting: Meeting, document: dict[str, Any]) -> tuple[object, ...]:
    return (
        meeting.title,
        meeting.kind.value,
        meeting.status.value,
        meeting.group_id,
        document["start"],
        document["end"],
        micros(meeting.start),
        micros(meeting.end),
        orjson.dumps(meeting.participant_ids()).decode(),
    )


def _membership_columns(membership: Membership, _document: dict[str, Any]) -> tuple[object, ...]:
    return (
        membership.actor_id,
        membership.group_id,
        membership.role.value,
        membership.since.isoformat(),
        _text(membership.until),
    )


def _course_columns(course: Course, _document: dict[str, Any]) -> tuple[object, ...]:
    return (course.course_type, course.provider_id, course.status.value, _text(course.start), _text(course.end))


def _name_column(entity: Any, _document: dict[str, Any]) -> tuple[object, ...]:
    return (getattr(entity, "name", None) or getattr(entity, "title", None) or getattr(entity, "function", None),)


# Columns besides the common ones, per table, with how to fill them. Persons get no name
# column: personal data stays in the document only.
_EXTRA: dict[str, tuple[tuple[str, ...], Callable[[Any, dict[str, Any]], tuple[object, ...]]]] = {
    "meeting": (
        ("title", "kind", "status", "group_id", "start", "end", "start_us", "end_us", "participants"),
        _meeting_columns,
    ),
    "membership": (("actor_id", "group_id", "role", "since", "until"), _membership_columns),
    "course": (("course_type", "provider_id", "status", "start", "end"), _course_columns),
    "network": (("name",), _name_column),
    "organization": (("name",), _name_column),
    "working_group": (("name",), _name_column),
    "venue": (("name",), _name_column),
    "event": (("title",), _name_column),
    "funding_programme": (("name",), _name_column),
    "waitlist": (("course_type", "place"), lambda waitlist, _: (waitlist.course_type, waitlist.place)),
    "person": ((), lambda _person, _document: ()),
    "provider_capacity": (("provider_id", "as_of"), lambda c, _: (c.provider_id, c.as_of.isoformat())),
}
_NO_EXTRA: tuple[tuple[str, ...], Callable[[Any, dict[str, Any]], tuple[object, ...]]] = ((), lambda _e, _d: ())


def _extra(table: str) -> tuple[tuple[str, ...], Callable[[Any, dict[str, Any]], tuple[object, ...]]]:
    """The extra columns of a table; a type added to the model later gets none until listed above."""
    return _EXTRA.get(table, _NO_EXTRA)


_INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_{t}_modified ON {t} (modified_us)",
    "CREATE INDEX IF NOT EXISTS ix_{t}_network ON {t} (network_id, id)",
)
_TYPE_INDEXES = {
    "meeting": (
        "CREATE INDEX IF NOT EXISTS ix_meeting_group_start ON meeting (group_id, start_us, id)",
        "CREATE INDEX IF NOT EXISTS ix_meeting_start ON meeting (start_us, id)",
    ),
    "membership": ("CREATE INDEX IF NOT EXISTS ix_membership_actor ON membership (actor_id, id)",),
    "course": (
        "CREATE INDEX IF NOT EXISTS ix_course_type ON course (course_type, id)",
        "CREATE INDEX IF NOT EXISTS ix_course_provider ON course (provider_id, id)",
        "CREATE INDEX IF NOT EXISTS ix_course_status ON course (status, id)",
    ),
}


def _secondary_indexes(table: str) -> tuple[str, ...]:
    """The ``CREATE INDEX`` statements of ``table`` (its primary key aside)."""
    return tuple(t.format(t=table) for t in _INDEXES) + _TYPE_INDEXES.get(table, ())


# A batch at least this large into an empty table goes in without the table's secondary indexes,
# which are built afterwards (in the same transaction): sorting once is several times faster than
# growing each index row by row in random order, as SQLite's and PostgreSQL's bulk-load advice says.
_BULK_ROWS = 1000


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _create_statements() -> list[str]:
    statements = ["CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"]
    for table in ENTITY_TYPES:
        extra = "".join(f", {_quote(column)}" for column in _extra(table)[0])
        statements.append(
            f"CREATE TABLE IF NOT EXISTS {table} ({_COMMON}{extra}, modified_us INTEGER NOT NULL, data TEXT)"
        )
        statements.extend(_secondary_indexes(table))
    statements.append(
        "CREATE TABLE IF NOT EXISTS meeting_participant (actor_id TEXT NOT NULL, meeting_id TEXT NOT NULL, "
        "PRIMARY KEY (actor_id, meeting_id)) WITHOUT ROWID"
    )
    return statements


def _insert_statement(table: str) -> str:
    columns = ["id", "network_id", "revision", "created", "modified", *_extra(table)[0]]
    columns += ["modified_us", "data"]
    names = ", ".join(_quote(column) for column in columns)
    marks = ", ".join("?" for _ in columns)
    return f"INSERT OR REPLACE INTO {table} ({names}) VALUES ({marks})"


def _tombstone_statement(table: str) -> str:
    extra = _extra(table)[0]
    nulls = "".join(f", {_quote(column)} = NULL" for column in extra)
    return (
        f"UPDATE {table} SET revision = ?, modified = ?, modified_us = ?, data = NULL{nulls}, created = NULL "
        "WHERE id = ?"
    )


_INSERT = {table: _insert_statement(table) for table in ENTITY_TYPES}
_TOMBSTONE = {table: _tombstone_statement(table) for table in ENTITY_TYPES}
_CHUNK = 500
# The pairs of the meetings in a JSON array of ids, made from their ``participants`` column (a
# tombstone's is NULL: no pairs) in one statement: a row per pair through ``executemany`` costs
# about twice as much, and sorting them in Python as much again (in key order the B-tree grows
# at its end, several times faster than random order).
_INSERT_PARTICIPANTS = (
    "INSERT OR IGNORE INTO meeting_participant (actor_id, meeting_id) "
    "SELECT actor.value, meeting.id FROM meeting, json_each(meeting.participants) AS actor "
    "WHERE meeting.id IN (SELECT value FROM json_each(?)) ORDER BY 1, 2"
)
_UNLISTED = (
    "SELECT id FROM meeting WHERE id IN (SELECT value FROM json_each(?)) AND participants IS NULL AND data IS NOT NULL"
)
# The same pairs, deleted by key: before the meetings' rows are replaced or deleted.
_DELETE_PARTICIPANTS = (
    "DELETE FROM meeting_participant WHERE (actor_id, meeting_id) IN ("
    "SELECT actor.value, meeting.id FROM meeting, json_each(meeting.participants) AS actor "
    "WHERE meeting.id IN (SELECT value FROM json_each(?)))"
)


class SQLiteStore:
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
                self._prepare()
        except BaseException:
            self._db.close()
            raise

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

    # -- schema -----------------------------------------------------------------------------

    def _prepare(self) -> None:
        db = self._db
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            db.execute("BEGIN IMMEDIATE")
            try:
                for statement in _create_statements():
                    db.execute(statement)
                db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(current_version()),))
                db.execute("INSERT INTO meta VALUES ('written_by', 'integrationsnetz')")
                db.execute("COMMIT")
            except BaseException:
                self._undo(0)
                raise
            return
        if "meta" not in tables:
            raise StoreError(
                f"{self.url.masked}: {str(self.path)!r} is a SQLite database but not an integrationsnetz store "
                "(it has no 'meta' table)"
            )
        version = self._stored_version()
        if "participants" not in self._columns("meeting"):
            self._add_participants_column()
        if version < current_version():
            self._upgrade(version)

    def _columns(self, table: str) -> set[str]:
        return {row[1] for row in self._db.execute(f"PRAGMA table_info({table})")}

    def _add_participants_column(self) -> None:
        """Bring a store from before ``meeting.participants`` to the current layout, in one transaction.

        The column is filled from the stored pairs (what was recorded, whatever the rule was then),
        and the index on the pairs' meeting id, which it replaces, is dropped. The meeting indexes
        are built again: such stores have them without the trailing ``id`` that spares the
        queries a sort.
        """
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            if "participants" not in self._columns("meeting"):  # another process may have done it meanwhile
                db.execute("ALTER TABLE meeting ADD COLUMN participants")
                db.execute(
                    "UPDATE meeting SET participants = (SELECT json_group_array(actor_id) FROM meeting_participant "
                    "WHERE meeting_id = meeting.id) WHERE data IS NOT NULL"
                )
                db.execute("DROP INDEX IF EXISTS ix_participant_meeting")
                for statement in _secondary_indexes("meeting"):
                    db.execute("DROP INDEX IF EXISTS " + statement.split()[5])
                    db.execute(statement)
            db.execute("COMMIT")
        except BaseException:
            self._undo(0)
            raise

    def _stored_version(self) -> int:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            raise StoreError(f"{self.url.masked}: the store records no schema_version in its meta table")
        try:
            return check_store_version(row[0], source=self.url.masked)
        except SchemaVersionError:
            raise
        except InvalidData as exc:
            raise StoreError(str(exc)) from None

    def _upgrade(self, version: int) -> None:
        """Take every stored document from ``version`` to the current schema, in one transaction."""
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            version = self._stored_version()  # another process may have upgraded meanwhile
            for statement in _create_statements():
                db.execute(statement)
            db.execute("DELETE FROM meeting_participant")  # rebuilt from the upgraded meetings
            for table, cls in ENTITY_TYPES.items():
                rows = db.execute(f"SELECT id, data FROM {table} WHERE data IS NOT NULL").fetchall()
                entities = []
                for entity_id, data in rows:
                    document = upgrade_entity(table, orjson.loads(data), version)
                    source = f"{self.url.masked} {table} {entity_id!r}"
                    entities.append(self._codec.structure(document, cls, source=source))
                db.executemany(_INSERT[table], [self._row(table, entity) for entity in entities])
                if table == "meeting":
                    self._write_participants(entity.id for entity in entities)
            db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(current_version()),))
            db.execute("COMMIT")
        except BaseException:
            self._undo(0)
            raise

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

    def _row(self, table: str, entity: Entity) -> tuple[object, ...]:
        document = self._codec.fast.unstructure(entity)
        extra = _extra(table)[1](entity, document)
        assert entity.modified is not None
        return (
            entity.id,
            network_of(entity),
            entity.revision,
            document.get("created"),
            document["modified"],
            *extra,
            micros(entity.modified),
            orjson.dumps(document).decode(),
        )

    def _write_participants(self, meeting_ids: Iterable[str]) -> None:
        """Record the pairs of these stored meetings, whose earlier pairs are forgotten already."""
        self._db.execute(_INSERT_PARTICIPANTS, (orjson.dumps(builtins.list(meeting_ids)),))

    def _forget_participants(self, meeting_ids: Iterable[str]) -> None:
        """Delete the pairs of these stored meetings: before their rows are replaced or deleted."""
        ids = orjson.dumps(builtins.list(meeting_ids))
        # A meeting that an older integrationsnetz wrote into this store has no participants
        # column to find its pairs by: they are found by a scan.
        for (meeting_id,) in self._db.execute(_UNLISTED, (ids,)).fetchall():
            self._db.execute("DELETE FROM meeting_participant WHERE meeting_id = ?", (meeting_id,))
        self._db.execute(_DELETE_PARTICIPANTS, (ids,))

    @contextmanager
    def _bulk(self, table: str, rows: int) -> Iterator[None]:
        """Write a large batch into an empty ``table`` without its secondary indexes, then build them.

        Inside the caller's transaction: if the batch fails, the rollback restores the indexes.
        """
        db = self._db
        if rows < _BULK_ROWS or db.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None:
            yield
            return
        statements = _secondary_indexes(table)
        for statement in statements:
            db.execute("DROP INDEX IF EXISTS " + statement.split()[5])
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

    def put(self, entity: E, *, draft: bool = False) -> E:
        """Write one entity; ``Conflict`` if its revision is stale."""
        return self.put_many([entity], draft=draft)[0]  # type: ignore[return-value]

    def _live_ids(self, table: str, ids: Collection[str]) -> builtins.list[str]:
        """Which of ``ids`` are live entities of ``table`` (this transaction's writes included)."""
        return [
            entity_id
            for entity_id, (_, deleted, _, _) in self._stored(table, builtins.list(ids)).items()
            if not deleted
        ]

    def put_many(self, entities: Sequence[Entity], *, draft: bool = False) -> builtins.list[Entity]:
        """Write many entities in one transaction, with one ``executemany`` per table."""
        from integrationsnetz.serialization import parse_datetime

        entities = check_batch(entities)
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
                    row = self._row(table, new)
                    created_text, modified_us = row[3], row[-2]  # as _row lays them out
                    stored[entity.id] = (new.revision, False, created_text, modified_us)  # type: ignore[assignment]
                    stored_at[position] = new
                    rows.append(row)
                    if isinstance(new, Meeting):
                        meetings[new.id] = new
                if meetings and live_before:
                    self._forget_participants(live_before)
                with self._bulk(table, len(rows)):
                    self._db.executemany(_INSERT[table], rows)
                if meetings:
                    self._write_participants(meetings.keys())
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
                self._forget_participants([entity_id])
            now = self._now()
            self._db.execute(_TOMBSTONE[table], (current[0] + 1, format_datetime(now), micros(now), entity_id))

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

    def changed_since(self, since: datetime | None = None, *, network_id: str | None = None) -> builtins.list[Change]:
        """Writes and deletions after ``since``, oldest first."""
        changes = []
        after = -(2**62) if since is None else micros(check_instant("changed_since", "since", since))
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

    def meetings_between(
        self,
        start: datetime,
        end: datetime,
        *,
        network_id: str | None = None,
        group_id: str | None = None,
        person_id: str | None = None,
    ) -> builtins.list[Meeting]:
        """Meetings overlapping ``[start, end)`` with the given filters, by start (indexed)."""
        start, end = check_window(start, end)
        start_us, end_us = micros(start), micros(end)
        sql = "SELECT m.id, m.data FROM meeting m"
        parameters: list[object] = []
        if person_id is not None:
            sql += " JOIN meeting_participant p ON p.meeting_id = m.id AND p.actor_id = ?"
            parameters.append(person_id)
        # A meeting that overlaps the window starts at most the longest meeting's length before it:
        # that bound keeps the search on the start index (NULL, so no rows, before any meeting).
        sql += (
            " WHERE m.start_us >= ? - (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'longest_meeting_us')"
            " AND m.start_us < ? AND m.end_us > ?"
        )
        parameters += [start_us, end_us, start_us]
        if group_id is not None:
            sql += " AND m.group_id = ?"
            parameters.append(group_id)
        if network_id is not None:
            sql += " AND m.network_id = ?"
            parameters.append(network_id)
        sql += " ORDER BY m.start_us, m.id"
        return self._decode_rows("meeting", self._query(sql, parameters), Meeting)

    def courses(
        self,
        *,
        network_id: str | None = None,
        course_type: str | None = None,
        provider_id: str | None = None,
        status: CourseStatus | None = None,
    ) -> builtins.list[Course]:
        """Courses matching every given filter, by id (indexed)."""
        status = check_course_status(status)
        conditions = ["data IS NOT NULL"]
        parameters: list[object] = []
        for column, value in (
            ("network_id", network_id),
            ("course_type", course_type),
            ("provider_id", provider_id),
            ("status", None if status is None else status.value),
        ):
            if value is not None:
                conditions.append(f"{column} = ?")
                parameters.append(value)
        sql = f"SELECT id, data FROM course WHERE {' AND '.join(conditions)} ORDER BY id"
        return self._decode_rows("course", self._query(sql, parameters), Course)

    def memberships_of(self, actor_id: str, *, on: date | None = None) -> builtins.list[Membership]:
        """The actor's memberships (running ``on``, if given), by id (indexed)."""
        sql = "SELECT id, data FROM membership WHERE actor_id = ? AND data IS NOT NULL"
        parameters: list[object] = [actor_id]
        on = check_day("memberships_of", "on", on)
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
            erasure = plan_erasure(person_id, builtins.list(self._mentioning(person_id)))
            for entity in erasure.deletions:
                self.delete(type(entity), entity.id, revision=entity.revision)
            if erasure.updates:
                self.put_many(erasure.updates, draft=True)  # removing references never waits for others
            if erasure.changed:
                self._erased_in_transaction = True
        return erasure.changed

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

    def personal_data_of(self, person_id: str) -> PersonalData:
        """Everything held on the person."""
        return personal_data(person_id, self._mentioning(person_id))

    # -- life cycle -------------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection; further use raises StoreError."""
        if not self._closed:
            if self._erasure_unfinished:  # one more try; the last connection to close clears the file anyway
                with contextlib.suppress(StoreError):
                    self._checkpoint(0)
            self._closed = True
            self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<SQLiteStore {self.url.masked}>"


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
