"""The database layout: a table per entity type, the version table, and the migrations between layouts.

Every table holds the full JSON document of an entity (``doc``, PostgreSQL ``json``) beside the
columns the queries need, all indexed, and ``network_id`` so many districts share one database.
A deleted entity stays as a tombstone: its row keeps ``id``, ``network_id``, ``revision`` and
``modified``, and ``doc`` becomes NULL. ``doc`` is ``json``, not ``jsonb``: it keeps every string
a user saved (``jsonb`` refuses ``\\u0000``) and measured faster to write and read
(docs/performance.md); ``doc->>'title'`` works on both.

The layout has a version of its own, recorded in ``schema_version``; :func:`migrate` brings an
older database up to :data:`LAYOUT_VERSION` and refuses a newer one. Beside it, ``data_version``
records the library's document schema (``integrationsnetz.migrations``); the store upgrades
older documents and refuses newer ones (:meth:`PostgresStore._upgrade_documents`).
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import psycopg

from integrationsnetz.errors import SchemaVersionError, StoreError
from integrationsnetz.model import ENTITY_TYPES, Meeting
from integrationsnetz.store.schema import current_version
from integrationsnetz_postgres.access import row_security_sql
from integrationsnetz_postgres.namespace import lock_key

#: The table layout this version of the plugin reads and writes.
LAYOUT_VERSION = 2


@attrs.frozen
class Column:
    """An indexed column beside the document, and how to read its value off an entity."""

    name: str
    sql_type: str
    value: Callable[[Any], object]


def meeting_people(meeting: Meeting) -> list[str]:
    """Every actor a meeting names (organiser, moderator, presenters, invitees, minute-taker).

    A superset of those a person query matches: the GIN index narrows, the exact rule filters.
    """
    found = {meeting.organizer_id, meeting.moderator_id}
    found.update(invitation.actor_id for invitation in meeting.invitations)
    for item in meeting.agenda:
        found.update(item.presenter_ids)
    if meeting.minutes is not None:
        found.add(meeting.minutes.recorded_by_id)
    return sorted(actor for actor in found if actor is not None)


#: The columns each table has beside the common ones, in the current layout.
COLUMNS: Mapping[str, tuple[Column, ...]] = {
    "meeting": (
        Column("start_at", "timestamptz", lambda m: m.start),
        Column("end_at", "timestamptz", lambda m: m.end),
        Column("group_id", 'text COLLATE "C"', lambda m: m.group_id),
        Column("people_ids", 'text[] COLLATE "C"', meeting_people),
    ),
    "course": (
        Column("course_type", 'text COLLATE "C"', lambda c: c.course_type),
        Column("provider_id", 'text COLLATE "C"', lambda c: c.provider_id),
        Column("status", "text", lambda c: c.status.value),
        Column("start_on", "date", lambda c: c.start),
    ),
    "membership": (
        Column("actor_id", 'text COLLATE "C"', lambda m: m.actor_id),
        Column("group_id", 'text COLLATE "C"', lambda m: m.group_id),
        Column("since", "date", lambda m: m.since),
        Column("until", "date", lambda m: m.until),
    ),
    "waitlist": (
        Column("course_type", 'text COLLATE "C"', lambda w: w.course_type),
        Column("provider_id", 'text COLLATE "C"', lambda w: w.provider_id),
        Column("as_of", "date", lambda w: w.as_of),
    ),
    "person": (Column("affiliation_id", 'text COLLATE "C"', lambda p: p.affiliation_id),),
}


def entity_table(schema: str, name: str, extra: list[tuple[str, str]]) -> list[str]:
    """The table of one entity type: the common columns, ``extra`` ones, and the common indexes."""
    columns = "".join(f", {column} {sql_type}" for column, sql_type in extra)
    return [
        f'CREATE TABLE "{schema}".{name} ('
        ' id text COLLATE "C" PRIMARY KEY,'
        ' network_id text COLLATE "C" NOT NULL,'
        " revision bigint NOT NULL CHECK (revision > 0),"
        " created timestamptz,"
        " modified timestamptz NOT NULL,"
        f" doc json{columns})",
        f'CREATE INDEX {name}_network ON "{schema}".{name} (network_id, id)',
        f'CREATE INDEX {name}_modified ON "{schema}".{name} (modified, id)',
    ]


def _layout_1(schema: str) -> list[str]:
    # Frozen: this is what version 1 created. Later layouts change it only through new steps.
    extra: dict[str, list[tuple[str, str]]] = {
        "meeting": [
            ("start_at", "timestamptz"),
            ("end_at", "timestamptz"),
            ("group_id", 'text COLLATE "C"'),
            ("people_ids", 'text[] COLLATE "C"'),
        ],
        "course": [
            ("course_type", 'text COLLATE "C"'),
            ("provider_id", 'text COLLATE "C"'),
            ("status", "text"),
            ("start_on", "date"),
        ],
        "membership": [
            ("actor_id", 'text COLLATE "C"'),
            ("group_id", 'text COLLATE "C"'),
            ("since", "date"),
            ("until", "date"),
        ],
        "waitlist": [("course_type", 'text COLLATE "C"'), ("provider_id", 'text COLLATE "C"'), ("as_of", "date")],
        "person": [("affiliation_id", 'text COLLATE "C"')],
    }
    types = [
        "network", "organization", "person", "membership", "working_group", "venue",
        "meeting", "event", "course", "waitlist", "funding_programme",
    ]  # fmt: skip
    statements = [
        f'CREATE SCHEMA IF NOT EXISTS "{schema}"',
        f'CREATE TABLE "{schema}".schema_version ('
        " version integer PRIMARY KEY,"
        " data_version integer NOT NULL,"
        " library text NOT NULL,"
        " applied timestamptz NOT NULL DEFAULT now())",
    ]
    for name in types:
        statements += entity_table(schema, name, extra.get(name, []))
    live = "WHERE doc IS NOT NULL"
    statements += [
        f'CREATE INDEX meeting_start ON "{schema}".meeting (start_at) {live}',
        f'CREATE INDEX meeting_group ON "{schema}".meeting (group_id, start_at) {live}',
        f'CREATE INDEX meeting_people ON "{schema}".meeting USING gin (people_ids) {live}',
        f'CREATE INDEX course_type ON "{schema}".course (course_type, status) {live}',
        f'CREATE INDEX course_provider ON "{schema}".course (provider_id) {live}',
        f'CREATE INDEX membership_actor ON "{schema}".membership (actor_id) {live}',
        f'CREATE INDEX waitlist_type ON "{schema}".waitlist (course_type) {live}',
    ]
    return statements


def _layout_2(schema: str) -> list[str]:
    # Overlap queries ("meetings in this week") on a range index: a B-tree on start alone has to
    # scan every meeting that started before the end of the range.
    return [
        f'ALTER TABLE "{schema}".meeting ADD COLUMN during tstzrange'
        " GENERATED ALWAYS AS (tstzrange(start_at, end_at)) STORED",
        f'CREATE INDEX meeting_during ON "{schema}".meeting USING gist (during) WHERE doc IS NOT NULL',
    ]


#: ``STEPS[n]`` makes layout ``n`` from layout ``n - 1`` (``STEPS[1]`` from an empty schema).
STEPS: Mapping[int, Callable[[str], list[str]]] = {1: _layout_1, 2: _layout_2}


def stored_version(conn: psycopg.Connection[Any], schema: str) -> int:
    """The layout version recorded in ``schema`` (0 when there is none yet)."""
    if not _exists(conn, schema, "schema_version"):
        return 0
    found = conn.execute(f'SELECT max(version) FROM "{schema}".schema_version').fetchone()
    return int(found[0]) if found is not None and found[0] is not None else 0


def stored_data_version(conn: psycopg.Connection[Any], schema: str) -> int:
    """The schema version of the documents (the library's ``SCHEMA_VERSION`` they were written with)."""
    row = conn.execute(f'SELECT max(data_version) FROM "{schema}".schema_version').fetchone()
    return int(row[0]) if row is not None and row[0] is not None else current_version()


def migrate(conn: psycopg.Connection[Any], schema: str, *, where: str, target: int = LAYOUT_VERSION) -> int:
    """Bring ``schema`` to layout ``target``; return the version it had before.

    Runs in one transaction under an advisory lock, so processes opening the store at once
    migrate it once, and a failed step leaves the old layout as it was.
    """
    if target == LAYOUT_VERSION and _up_to_date(conn, schema):
        return LAYOUT_VERSION  # the common case: no lock, no waiting for writers
    try:
        return _migrate(conn, schema, where=where, target=target)
    except psycopg.errors.InsufficientPrivilege as exc:
        raise StoreError(
            f"{where}: the tables in schema {schema!r} must be created or migrated to layout {target}, but this "
            f"role may not ({exc.diag.message_primary}); open the store once as the role that owns the schema"
        ) from None


def _migrate(conn: psycopg.Connection[Any], schema: str, *, where: str, target: int) -> int:
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (lock_key(schema),))
        before = stored_version(conn, schema)
        if before > LAYOUT_VERSION:
            raise SchemaVersionError(
                [
                    f"schema {schema!r} has table layout {before}, but this integrationsnetz-postgres reads up "
                    f"to layout {LAYOUT_VERSION}; upgrade integrationsnetz-postgres to use it"
                ],
                source=where,
            )
        data_version = stored_data_version(conn, schema) if before else current_version()
        for version in range(before + 1, target + 1):
            conn.execute(";\n".join(STEPS[version](schema)))  # one round trip; built from checked names only
            conn.execute(
                f'INSERT INTO "{schema}".schema_version (version, data_version, library) VALUES (%s, %s, %s)',
                (version, data_version, f"integrationsnetz-postgres {_plugin_version()}"),
            )
        if target == LAYOUT_VERSION:
            for name in ENTITY_TYPES:
                if not _exists(conn, schema, name):
                    # An entity type newer than the layout: its table has the common columns only.
                    columns = [(column.name, column.sql_type) for column in COLUMNS.get(name, ())]
                    for statement in entity_table(schema, name, columns):
                        conn.execute(statement)
        if _exists(conn, schema, "network_access"):
            conn.execute(row_security_sql(schema))  # new tables are kept apart by network too
    return before


def _up_to_date(conn: psycopg.Connection[Any], schema: str) -> bool:
    if not _exists(conn, schema, "schema_version"):
        return False
    row = conn.execute(
        f"SELECT max(version), (SELECT count(*) FROM pg_tables WHERE schemaname = %s"
        f' AND tablename = ANY(%s)) FROM "{schema}".schema_version',
        (schema, list(ENTITY_TYPES)),
    ).fetchone()
    return row == (LAYOUT_VERSION, len(ENTITY_TYPES))


def _exists(conn: psycopg.Connection[Any], schema: str, name: str) -> bool:
    # A catalog query, not to_regclass(): that may answer from a cache that has not yet seen a
    # table another session created while this one waited for the lock.
    row = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
        " ON n.oid = c.relnamespace WHERE n.nspname = %s AND c.relname = %s)",
        (schema, name),
    ).fetchone()
    return bool(row and row[0])


def _plugin_version() -> str:
    try:
        return importlib.metadata.version("integrationsnetz-postgres")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - run from a source tree
        return "unknown"
