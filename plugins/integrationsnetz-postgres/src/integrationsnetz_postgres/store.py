"""The PostgreSQL store: one connection, optimistic concurrency enforced with row locks.

A write locks the rows it replaces (``SELECT ... FOR UPDATE``, in id order so two batches never
deadlock), compares their revisions with the ones the entities were read at and raises
:class:`~integrationsnetz.errors.Conflict` on a stale one; a new id that another writer creates
at the same moment fails on the primary key and becomes a Conflict too. So no update is lost,
however many processes write at once.

``modified`` stamps come from the server's clock. Writers share an advisory lock of the store
for their transaction; :meth:`PostgresStore.changed_since` takes it alone for an instant, so it
answers only up to a moment before which every write has committed and after which every new
write is stamped: a consumer that continues from the last ``modified`` it saw misses nothing.

Every write and every ``transaction()`` block is an explicit transaction (nested ones are
savepoints) on the connection of :mod:`integrationsnetz_postgres.connection`, which also says
what happens when it breaks. The tables are those of :mod:`integrationsnetz_postgres.schema`.
"""

from __future__ import annotations

import builtins
import logging
from collections.abc import Collection, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

import orjson
import psycopg

from integrationsnetz import guard
from integrationsnetz.errors import Conflict, NotFound, StoreError
from integrationsnetz.model import ENTITY_TYPES, Course, Entity, Meeting, Membership
from integrationsnetz.model.network_data import entity_type_name
from integrationsnetz.serialization import Codec, paused_gc
from integrationsnetz.store import Change, StoreURL
from integrationsnetz.store.base import BaseStore
from integrationsnetz.store.bookkeeping import check_revision, network_of, stamped
from integrationsnetz.store.queries import CourseQuery, MeetingQuery
from integrationsnetz.store.schema import check_store_version, current_version, upgrade_entity
from integrationsnetz_postgres.connection import Session
from integrationsnetz_postgres.namespace import DEFAULT_SCHEMA, check_schema_name, lock_key
from integrationsnetz_postgres.schema import COLUMNS, Column, migrate, stored_data_version

E = TypeVar("E", bound=Entity)

log = logging.getLogger("integrationsnetz_postgres")

_MICROSECOND = timedelta(microseconds=1)
_COPY_FROM = 64  # new rows from this many on go in with COPY, several times faster than INSERTs
_COMMON = ("id", "network_id", "revision", "created", "modified", "doc")


class PostgresStore(BaseStore):
    """A :class:`~integrationsnetz.store.Store` in a PostgreSQL database, shared by many districts.

    Open it with ``open_store("postgresql://user@host/db")``; ``?schema=name`` picks the
    PostgreSQL schema the tables live in (default ``integrationsnetz``). Queries given
    ``network_id=None`` answer for every network in the database: that is how the state sees
    all courses of a type, all waiting lists or all meetings of a week.
    """

    def __init__(self, url: StoreURL, codec: Codec) -> None:
        self.url = url
        self._codec = codec
        query = dict(url.query)
        self.schema = check_schema_name(query.get("schema", DEFAULT_SCHEMA), where=url.masked)
        self._session = Session(url)
        self._depth = 0  # open transaction() blocks
        self._last: datetime | None = None  # the latest stamp this store handed out
        self._lock = lock_key(self.schema)
        self._session.connect()
        try:
            with self._errors("checking the table layout"):
                before = migrate(self._live(), self.schema, where=url.masked)
                self._upgrade_documents()
        except BaseException:
            self.close()
            raise
        if before == 0:
            log.info("created the integrationsnetz tables in %s (schema %s)", url.masked, self.schema)

    def _upgrade_documents(self) -> None:
        """Take documents written by an older library through its migrations; refuse newer ones."""
        conn = self._live()
        version = check_store_version(stored_data_version(conn, self.schema), source=self.url.masked)
        if version == current_version():
            return
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (self._lock,))
            version = stored_data_version(conn, self.schema)
            if version == current_version():
                return  # another process upgraded them while this one waited for the lock
            for type_name, cls in ENTITY_TYPES.items():
                columns = COLUMNS.get(type_name, ())
                rows = []
                for entity_id, doc in conn.execute(
                    f"SELECT id, doc::text FROM {self._table(type_name)} WHERE doc IS NOT NULL"
                ).fetchall():
                    source = f"{self.url.masked} {type_name} {entity_id!r}"
                    upgraded = upgrade_entity(type_name, orjson.loads(doc), version)
                    row = self._row(self._codec.structure(upgraded, cls, source=source), columns)
                    rows.append((*row[1:], row[0]))
                if rows:
                    conn.cursor().executemany(self._update_sql(type_name), rows)
            conn.execute(f"UPDATE {self._table('schema_version')} SET data_version = %s", (current_version(),))
        log.info("upgraded the documents in %s from schema %s to %s", self.url.masked, version, current_version())

    def schema_version(self) -> int | None:
        """The schema version of the documents, as the ``schema_version`` table records it."""
        with self._errors("reading the schema version"):
            return stored_data_version(self._live(), self.schema)

    def __repr__(self) -> str:
        return f"PostgresStore({self.url.masked!r})"

    # -- connection ------------------------------------------------------------------------

    def _live(self) -> psycopg.Connection[Any]:
        return self._session.live(in_transaction=self._depth > 0)

    def _errors(self, doing: str) -> AbstractContextManager[None]:
        return self._session.errors(doing)

    @contextmanager
    def _write(self, doing: str) -> Iterator[psycopg.Connection[Any]]:
        """One transaction (a savepoint inside an open ``transaction()`` block)."""
        conn = self._live()
        with self._errors(doing), conn.transaction():
            yield conn

    # -- the Store protocol -----------------------------------------------------------------

    def _table(self, cls: type[Entity] | str) -> str:
        name = cls if isinstance(cls, str) else entity_type_name(cls)
        return f'"{self.schema}".{name}'

    def _decode(self, rows: Sequence[tuple[Any, ...]], cls: type[E], type_name: str) -> builtins.list[E]:
        codec = self._codec
        source = f"{self.url.masked} ({type_name})"
        with paused_gc():
            return [codec.loads(row[0], cls, source=source) for row in rows]

    def get(self, cls: type[E], entity_id: str) -> E:
        """The entity of type ``cls`` with that id; NotFound if absent or deleted."""
        type_name = entity_type_name(cls)
        with self._errors(f"reading {type_name} {entity_id!r}"):
            row = (
                self._live()
                .execute(
                    f"SELECT doc::text FROM {self._table(type_name)} WHERE id = %s AND doc IS NOT NULL", (entity_id,)
                )
                .fetchone()
            )
        if row is None:
            raise NotFound(f"no {type_name} with id {entity_id!r} in {self.url.masked}")
        return self._decode([row], cls, type_name)[0]

    def _put_many(self, entities: builtins.list[Entity], *, draft: bool) -> builtins.list[Entity]:
        """Write the batch in one transaction, after the library's write guard (:mod:`integrationsnetz.guard`).

        Every document must read back, and unless ``draft`` every reference must resolve in the
        batch or the store.
        """
        if not entities:
            return []
        with paused_gc():
            for entity in entities:
                source = f"{self.url.masked}: {entity_type_name(entity)} {entity.id!r}"
                guard.json_payload(self._codec, entity, source=source)
        if not draft:
            with self.transaction():  # the references are looked up in the batch's own snapshot
                guard.refuse(guard.reference_problems(entities, self._live_ids), source=self.url.masked)
                return self._write_batch(entities)
        return self._write_batch(entities)

    def _live_ids(self, type_name: str, ids: Collection[str]) -> builtins.list[str]:
        """Which of ``ids`` are live entities of that type."""
        with self._errors(f"looking up {type_name} ids"):
            rows = self._live().execute(
                f"SELECT id FROM {self._table(type_name)} WHERE id = ANY(%s) AND doc IS NOT NULL", (sorted(ids),)
            )
            return [row[0] for row in rows]

    def _write_batch(self, entities: builtins.list[Entity]) -> builtins.list[Entity]:
        positions: dict[str, builtins.list[int]] = {}
        for index, entity in enumerate(entities):
            positions.setdefault(entity_type_name(entity), []).append(index)
        stored: builtins.list[Entity | None] = [None] * len(entities)
        with self._write(f"writing {len(entities)} entities") as conn:
            stamps = self._stamps(conn, len(entities))
            for type_name in sorted(positions):
                batch = [(index, entities[index]) for index in positions[type_name]]
                self._put_type(conn, type_name, batch, stored, stamps)
        return [entity for entity in stored if entity is not None]

    def _put_type(
        self,
        conn: psycopg.Connection[Any],
        type_name: str,
        batch: builtins.list[tuple[int, Entity]],
        stored: builtins.list[Entity | None],
        stamps: builtins.list[datetime],
    ) -> None:
        table = self._table(type_name)
        ids = sorted({entity.id for _, entity in batch})
        state: dict[str, tuple[int, bool, datetime | None, datetime]] = {
            row[0]: (row[1], row[2], row[3], row[4])
            for row in conn.execute(
                f"SELECT id, revision, doc IS NOT NULL, created, modified FROM {table}"
                " WHERE id = ANY(%s) ORDER BY id FOR UPDATE",
                (ids,),
            )
        }
        existing = set(state)
        rows: dict[str, tuple[Any, ...]] = {}
        columns = COLUMNS.get(type_name, ())
        for index, entity in batch:
            current = state.get(entity.id)
            check_revision(
                self.url.masked,
                type_name,
                entity.id,
                entity.revision,
                stored_revision=None if current is None else current[0],
                deleted=current is not None and not current[1],
                modified=None if current is None else current[3],
            )
            now = stamps[index]
            revision = 0 if current is None else current[0]
            created = current[2] if current is not None and current[1] else None
            new = stamped(entity, revision=revision + 1, created=created, now=now)
            state[entity.id] = (new.revision, True, new.created, now)
            stored[index] = new
            rows[new.id] = self._row(new, columns)
        names = _COMMON + tuple(column.name for column in columns)
        inserts = [row for entity_id, row in rows.items() if entity_id not in existing]
        updates = [row for entity_id, row in rows.items() if entity_id in existing]
        placeholders = ", ".join("%s::json" if name == "doc" else "%s" for name in names)
        with conn.cursor() as cursor:
            if len(inserts) >= _COPY_FROM:
                with cursor.copy(f"COPY {table} ({', '.join(names)}) FROM STDIN") as copy:
                    for row in inserts:
                        copy.write_row(row)
            elif inserts:
                cursor.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({placeholders})", inserts)
            if updates:
                cursor.executemany(self._update_sql(type_name), [(*row[1:], row[0]) for row in updates])

    def _update_sql(self, type_name: str) -> str:
        """UPDATE of one row by id; its parameters are a :meth:`_row` without the id, then the id."""
        names = _COMMON[1:] + tuple(column.name for column in COLUMNS.get(type_name, ()))
        assignments = ", ".join(f"{name} = %s" + ("::json" if name == "doc" else "") for name in names)
        return f"UPDATE {self._table(type_name)} SET {assignments} WHERE id = %s"

    def _row(self, entity: Entity, columns: tuple[Column, ...]) -> tuple[Any, ...]:
        """The values of a table row for a stamped entity, in the order of ``_COMMON`` + ``columns``."""
        return (
            entity.id,
            network_of(entity),
            entity.revision,
            entity.created,
            entity.modified,
            self._codec.dumps(entity).decode(),
            *(column.value(entity) for column in columns),
        )

    def _stamps(self, conn: psycopg.Connection[Any], count: int) -> builtins.list[datetime]:
        """``count`` fresh ``modified`` stamps; joins the writers that :meth:`changed_since` waits for.

        Stamps come from the server's clock, rise strictly within this store object, and are
        never earlier than the moment this transaction joined the writers (see :meth:`_horizon`).
        """
        row = conn.execute("SELECT clock_timestamp() FROM pg_advisory_xact_lock_shared(%s)", (self._lock,)).fetchone()
        assert row is not None
        first: datetime = row[0]
        if self._last is not None and first <= self._last:
            first = self._last + _MICROSECOND
        stamps = [first + offset * _MICROSECOND for offset in range(count)]
        self._last = stamps[-1]
        return stamps

    def _horizon(self, conn: psycopg.Connection[Any]) -> datetime:
        """A time before which every write is committed, and after which every new one will be stamped.

        Taking the store's lock alone waits for the writers in flight; a writer that comes later
        takes its stamp after this moment. So a "changed since" answer that stops here can be
        continued from its last ``modified`` without missing a change.
        """
        row = conn.execute("SELECT clock_timestamp() FROM pg_advisory_lock(%s)", (self._lock,)).fetchone()
        conn.execute("SELECT pg_advisory_unlock(%s)", (self._lock,))
        assert row is not None
        horizon: datetime = row[0]
        return horizon

    def delete(self, cls: type[Entity], entity_id: str, *, revision: int | None = None) -> None:
        """Delete, leaving a tombstone. With ``revision``, refuse (Conflict) if it is stale."""
        type_name = entity_type_name(cls)
        table = self._table(type_name)
        with self._write(f"deleting {type_name} {entity_id!r}") as conn:
            stamp = self._stamps(conn, 1)[0]
            row = conn.execute(
                f"SELECT revision, doc IS NOT NULL FROM {table} WHERE id = %s FOR UPDATE", (entity_id,)
            ).fetchone()
            if row is None or not row[1]:
                raise NotFound(f"no {type_name} with id {entity_id!r} in {self.url.masked}")
            if revision is not None and revision != row[0]:
                raise Conflict(
                    f"{type_name} {entity_id!r} in {self.url.masked}: delete based on revision {revision}, but the "
                    f"store holds revision {row[0]} (changed by someone else); reload it and decide again"
                )
            cleared = "".join(f", {column.name} = NULL" for column in COLUMNS.get(type_name, ()))
            conn.execute(
                f"UPDATE {table} SET doc = NULL, revision = revision + 1, modified = %s{cleared} WHERE id = %s",
                (stamp, entity_id),
            )

    def list(self, cls: type[E], *, network_id: str | None = None) -> builtins.list[E]:
        """All live entities of a type (of one network, if given), ordered by id."""
        type_name = entity_type_name(cls)
        where, params = "doc IS NOT NULL", []
        if network_id is not None:
            where += " AND network_id = %s"
            params.append(network_id)
        with self._errors(f"listing {type_name}"):
            rows = self._live().execute(
                f"SELECT doc::text FROM {self._table(type_name)} WHERE {where} ORDER BY id", params
            )
            return self._decode(rows.fetchall(), cls, type_name)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A block whose writes all happen or, if it raises, none do (nested blocks are savepoints)."""
        conn = self._live()
        self._depth += 1
        try:
            with self._errors("committing a transaction"), conn.transaction():
                yield
        finally:
            self._depth -= 1

    def _changed_since(self, since: datetime | None, network_id: str | None) -> builtins.list[Change]:
        """Up to the horizon (:meth:`_horizon`): continuing from the last ``modified`` misses nothing."""
        conditions: builtins.list[str] = ["modified < %s"]
        params: builtins.list[Any] = [None]  # the horizon, known once connected
        if since is not None:
            conditions.append("modified > %s")
            params.append(since)
        if network_id is not None:
            conditions.append("network_id = %s")
            params.append(network_id)
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        selects = [
            f"SELECT '{name}' COLLATE \"C\" AS entity_type, id, revision, modified, doc::text"
            f" FROM {self._table(name)}{where}"
            for name in ENTITY_TYPES
        ]
        query = " UNION ALL ".join(selects) + " ORDER BY modified, entity_type, id"
        with self._errors("listing changes"):
            conn = self._live()
            params[0] = self._horizon(conn)
            rows = conn.execute(query, params * len(selects)).fetchall()
        changes = []
        with paused_gc():
            for type_name, entity_id, revision, modified, doc in rows:
                entity = None
                if doc is not None:
                    entity = self._codec.loads(doc, ENTITY_TYPES[type_name], source=f"{self.url.masked} ({type_name})")
                changes.append(
                    Change(entity_type=type_name, id=entity_id, revision=revision, modified=modified, entity=entity)
                )
        return changes

    def _meetings_between(self, query: MeetingQuery) -> builtins.list[Meeting]:
        """On the range index; a person's meetings through the GIN index of the people they name."""
        start, end, person_id = query.start, query.end, query.person_id
        conditions = ["doc IS NOT NULL", "start_at < %s", "end_at > %s"]
        params: builtins.list[Any] = [end, start]
        if start <= end:  # lets the planner use the range index; the two comparisons decide
            conditions.append("during && tstzrange(%s, %s, '[]')")
            params += [start, end]
        for column, value in (("network_id", query.network_id), ("group_id", query.group_id)):
            if value is not None:
                conditions.append(f"{column} = %s")
                params.append(value)
        if person_id is not None:
            conditions.append("people_ids @> ARRAY[%s]::text[]")
            params.append(person_id)
        sql = f"SELECT doc::text FROM {self._table('meeting')} WHERE {' AND '.join(conditions)} ORDER BY start_at, id"
        with self._errors("querying meetings"):
            rows = self._live().execute(sql, params).fetchall()
        meetings = self._decode(rows, Meeting, "meeting")
        if person_id is not None:
            meetings = [meeting for meeting in meetings if person_id in meeting.participant_ids()]
        return meetings

    def _courses(self, query: CourseQuery) -> builtins.list[Course]:
        """Indexed by type and status, or by provider."""
        conditions, params = ["doc IS NOT NULL"], []
        for column, value in query.equalities():
            conditions.append(f"{column} = %s")
            params.append(value)
        sql = f"SELECT doc::text FROM {self._table('course')} WHERE {' AND '.join(conditions)} ORDER BY id"
        with self._errors("querying courses"):
            rows = self._live().execute(sql, params).fetchall()
        return self._decode(rows, Course, "course")

    def _memberships_of(self, actor_id: str, on: date | None) -> builtins.list[Membership]:
        """Indexed by the actor."""
        conditions = ["doc IS NOT NULL", "actor_id = %s"]
        params: builtins.list[Any] = [actor_id]
        if on is not None:
            conditions.append("since <= %s AND (until IS NULL OR until >= %s)")
            params += [on, on]
        query = f"SELECT doc::text FROM {self._table('membership')} WHERE {' AND '.join(conditions)} ORDER BY id"
        with self._errors("querying memberships"):
            rows = self._live().execute(query, params).fetchall()
        return self._decode(rows, Membership, "membership")

    def _mentioning(self, person_id: str) -> builtins.list[Entity]:
        """Every live entity whose document holds the id as a JSON string: a superset of the mentions.

        :mod:`integrationsnetz.privacy` decides which of them really refer to the person.
        """
        selects = [
            f"SELECT '{name}' AS entity_type, doc::text FROM {self._table(name)}"
            " WHERE doc IS NOT NULL AND strpos(doc::text, %s) > 0"
            for name in ENTITY_TYPES
        ]
        needle = orjson.dumps(person_id).decode()  # the id as it stands in a document
        with self._errors("looking for a person's data"):
            rows = self._live().execute(" UNION ALL ".join(selects), [needle] * len(selects)).fetchall()
        source = f"{self.url.masked} (personal data)"
        return [self._codec.loads(doc, ENTITY_TYPES[type_name], source=source) for type_name, doc in rows]

    def compact(self) -> None:
        """Rewrite the store's tables (``VACUUM FULL``), so old row versions leave the table files.

        After :meth:`erase_person` the erased data is gone from every live row, but PostgreSQL
        keeps the old row versions in the table pages (a plain ``VACUUM`` only marks their space
        free); this removes them. Each table is locked against reads and writes while it is
        rewritten (with ``lock_timeout`` to get the lock; no statement timeout for the rewrite).
        What stays in the write-ahead log, replicas and backups is in the plugin's README.

        Raises :class:`~integrationsnetz.errors.StoreError`, after rewriting, when another
        session's transaction began before the store's last write: PostgreSQL keeps the old row
        versions it may still see, so end that session (or wait for it) and compact again.
        """
        if self._depth:
            raise StoreError(f"{self.url.masked}: compact() rewrites the tables and cannot run inside a transaction")
        tables = ", ".join(self._table(name) for name in (*ENTITY_TYPES, "schema_version"))
        latest = " UNION ALL ".join(f"SELECT max(modified) AS at FROM {self._table(name)}" for name in ENTITY_TYPES)
        with self._errors("looking for sessions that still see old rows"):
            conn = self._live()
            row = conn.execute(f"SELECT max(at) FROM ({latest}) AS latest").fetchone()
            last_write = None if row is None else row[0]
            readers = conn.execute(_OLD_SNAPSHOTS, (last_write,) * 2).fetchall() if last_write else []
        with self._errors(f"rewriting the tables (VACUUM FULL {tables})"):
            conn.execute("SELECT set_config('statement_timeout', '0', false)")
            try:
                conn.execute(f"VACUUM (FULL) {tables}")
            finally:
                if not conn.broken:
                    timeout = self._session.timeouts["statement_timeout"]
                    conn.execute("SELECT set_config('statement_timeout', %s, false)", (timeout,))
        if readers:
            raise StoreError(
                f"{self.url.masked}: the tables were rewritten, but old row versions may remain: "
                f"{'; '.join(text for (text,) in readers)} began before the store's last write and may still "
                "see them. End it (SELECT pg_terminate_backend(pid)) or wait until it ends, then compact again"
            )
        log.info("rewrote the tables of %s (VACUUM FULL)", self.url.masked)

    def close(self) -> None:
        """Close the connection (an open transaction is rolled back by the server)."""
        self._session.close()


#: Whatever keeps old row versions of this database from being removed: another session's
#: transaction, a prepared transaction or a replication slot older than the given time / any.
_OLD_SNAPSHOTS = """
SELECT 'session ' || pid || ' (' || coalesce(nullif(application_name, ''), usename) || ', ' || state
       || ' since ' || xact_start || ')'
FROM pg_stat_activity
WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xmin IS NOT NULL
  AND backend_type <> 'autovacuum worker' AND xact_start <= %s
UNION ALL
SELECT 'prepared transaction ' || quote_literal(gid) || ' (since ' || prepared || ')'
FROM pg_prepared_xacts WHERE database = current_database() AND prepared <= %s
UNION ALL
SELECT 'replication slot ' || quote_literal(slot_name) FROM pg_replication_slots WHERE xmin IS NOT NULL
"""
