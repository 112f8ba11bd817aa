"""The layout of a ``sqlite:`` store: its tables, indexes and rows, and how an older file is brought up to it.

What a person sees in ``sqlite3`` or Datasette:

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
scans the JSON documents. :func:`prepare` creates the tables in a new file and brings an older
one up to date: the layout (``meeting.participants``) and the documents' schema version, each in
one transaction under the write lock. The store's reads and writes are in
:mod:`integrationsnetz.store.sqlite`. Like that module, this one leaves ``sqlite3`` unimported
until a store is opened.
"""

from __future__ import annotations

import builtins
import contextlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from integrationsnetz.errors import InvalidData, SchemaVersionError, StoreError
from integrationsnetz.model.courses import Course
from integrationsnetz.model.entity import Entity
from integrationsnetz.model.meetings import Meeting
from integrationsnetz.model.memberships import Membership
from integrationsnetz.model.network_data import ENTITY_TYPES
from integrationsnetz.serialization import format_datetime
from integrationsnetz.store.bookkeeping import micros, network_of
from integrationsnetz.store.schema import check_store_version, current_version, upgrade_entity

if TYPE_CHECKING:
    import sqlite3

    from integrationsnetz.serialization import Codec

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


def secondary_indexes(table: str) -> tuple[str, ...]:
    """The ``CREATE INDEX`` statements of ``table`` (its primary key aside)."""
    return tuple(t.format(t=table) for t in _INDEXES) + _TYPE_INDEXES.get(table, ())


def drop_index(create_statement: str) -> str:
    """The ``DROP INDEX`` statement for the index a :func:`secondary_indexes` statement creates."""
    return "DROP INDEX IF EXISTS " + create_statement.split()[5]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _create_statements() -> list[str]:
    statements = ["CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"]
    for table in ENTITY_TYPES:
        extra = "".join(f", {_quote(column)}" for column in _extra(table)[0])
        statements.append(
            f"CREATE TABLE IF NOT EXISTS {table} ({_COMMON}{extra}, modified_us INTEGER NOT NULL, data TEXT)"
        )
        statements.extend(secondary_indexes(table))
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


#: Per table: the statement that writes a :func:`row_of` (a new row, or over the old one).
INSERT = {table: _insert_statement(table) for table in ENTITY_TYPES}
#: Per table: the statement that turns a row into a tombstone (revision, modified text, modified_us, id).
TOMBSTONE = {table: _tombstone_statement(table) for table in ENTITY_TYPES}

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
#: The pairs of the meetings in a JSON array of ids, deleted by key (through their ``participants``).
DELETE_PARTICIPANTS = (
    "DELETE FROM meeting_participant WHERE (actor_id, meeting_id) IN ("
    "SELECT actor.value, meeting.id FROM meeting, json_each(meeting.participants) AS actor "
    "WHERE meeting.id IN (SELECT value FROM json_each(?)))"
)


def row_of(codec: Codec, table: str, entity: Entity) -> tuple[object, ...]:
    """The values :data:`INSERT` writes for a stored (stamped) entity; ``created`` is at 3, ``modified_us`` at -2."""
    document = codec.fast.unstructure(entity)
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


def write_participants(db: sqlite3.Connection, meeting_ids: Iterable[str]) -> None:
    """Record the pairs of these stored meetings, whose earlier pairs are forgotten already."""
    db.execute(_INSERT_PARTICIPANTS, (orjson.dumps(builtins.list(meeting_ids)),))


def forget_participants(db: sqlite3.Connection, meeting_ids: Iterable[str]) -> None:
    """Delete the pairs of these stored meetings: before their rows are replaced or deleted."""
    ids = orjson.dumps(builtins.list(meeting_ids))
    # A meeting that an older integrationsnetz wrote into this store has no participants
    # column to find its pairs by: they are found by a scan.
    for (meeting_id,) in db.execute(_UNLISTED, (ids,)).fetchall():
        db.execute("DELETE FROM meeting_participant WHERE meeting_id = ?", (meeting_id,))
    db.execute(DELETE_PARTICIPANTS, (ids,))


# -- creating and migrating ---------------------------------------------------------------


def prepare(db: sqlite3.Connection, codec: Codec, *, where: str, path: Path) -> None:
    """Create the tables in an empty database, or bring a store of an older layout or schema up to date.

    ``where`` names the store in messages (the masked URL), ``path`` is its file.
    """
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        with _write_locked(db):
            for statement in _create_statements():
                db.execute(statement)
            db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(current_version()),))
            db.execute("INSERT INTO meta VALUES ('written_by', 'integrationsnetz')")
        return
    if "meta" not in tables:
        raise StoreError(
            f"{where}: {str(path)!r} is a SQLite database but not an integrationsnetz store (it has no 'meta' table)"
        )
    version = _stored_version(db, where)
    if "participants" not in _columns(db, "meeting"):
        _add_participants_column(db)
    if version < current_version():
        _upgrade(db, codec, where, version)


@contextmanager
def _write_locked(db: sqlite3.Connection) -> Iterator[None]:
    """One transaction under the database's write lock; rolled back if the block raises."""
    import sqlite3

    db.execute("BEGIN IMMEDIATE")
    try:
        yield
        db.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):  # SQLite may have rolled back already
            if db.in_transaction:
                db.execute("ROLLBACK")
        raise


def _columns(db: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in db.execute(f"PRAGMA table_info({table})")}


def _add_participants_column(db: sqlite3.Connection) -> None:
    """Bring a store from before ``meeting.participants`` to the current layout, in one transaction.

    The column is filled from the stored pairs (what was recorded, whatever the rule was then),
    and the index on the pairs' meeting id, which it replaces, is dropped. The meeting indexes
    are built again: such stores have them without the trailing ``id`` that spares the
    queries a sort.
    """
    with _write_locked(db):
        if "participants" not in _columns(db, "meeting"):  # another process may have done it meanwhile
            db.execute("ALTER TABLE meeting ADD COLUMN participants")
            db.execute(
                "UPDATE meeting SET participants = (SELECT json_group_array(actor_id) FROM meeting_participant "
                "WHERE meeting_id = meeting.id) WHERE data IS NOT NULL"
            )
            db.execute("DROP INDEX IF EXISTS ix_participant_meeting")
            for statement in secondary_indexes("meeting"):
                db.execute(drop_index(statement))
                db.execute(statement)


def recorded_version(path: str) -> int | None:
    """The schema version the SQLite file at ``path`` records, read only (so nothing is upgraded); else None."""
    import sqlite3

    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.Error:
        return None
    finally:
        db.close()
    return int(row[0]) if row and str(row[0]).isdigit() else None


def _stored_version(db: sqlite3.Connection, where: str) -> int:
    row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None:
        raise StoreError(f"{where}: the store records no schema_version in its meta table")
    try:
        return check_store_version(row[0], source=where)
    except SchemaVersionError:
        raise
    except InvalidData as exc:
        raise StoreError(str(exc)) from None


def _upgrade(db: sqlite3.Connection, codec: Codec, where: str, version: int) -> None:
    """Take every stored document from ``version`` to the current schema, in one transaction."""
    with _write_locked(db):
        version = _stored_version(db, where)  # another process may have upgraded meanwhile
        for statement in _create_statements():
            db.execute(statement)
        db.execute("DELETE FROM meeting_participant")  # rebuilt from the upgraded meetings
        for table, cls in ENTITY_TYPES.items():
            rows = db.execute(f"SELECT id, data FROM {table} WHERE data IS NOT NULL").fetchall()
            entities = []
            for entity_id, data in rows:
                document = upgrade_entity(table, orjson.loads(data), version)
                entities.append(codec.structure(document, cls, source=f"{where} {table} {entity_id!r}"))
            db.executemany(INSERT[table], [row_of(codec, table, entity) for entity in entities])
            if table == "meeting":
                write_participants(db, (entity.id for entity in entities))
        db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(current_version()),))
