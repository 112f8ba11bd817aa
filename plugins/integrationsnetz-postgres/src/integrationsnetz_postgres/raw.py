"""What the server keeps on disk: a byte search through a store's table files and the write-ahead log.

``erase_person`` removes a person from every live row, but PostgreSQL keeps the old row versions
in the table's pages until they are overwritten (a plain ``VACUUM`` only marks their space free)
and in the write-ahead log until its segments are recycled and overwritten.
:meth:`~integrationsnetz_postgres.store.PostgresStore.compact` rewrites the tables; this module
is how to check that it worked, and the hook the storage conformance suite searches with.

The files are read by the server (``pg_read_binary_file``), so it works with a remote server
too, for a role that may read server files and take a checkpoint: a superuser, or a member of
``pg_read_server_files``, ``pg_checkpoint`` (PostgreSQL 15) and ``pg_monitor`` (for the WAL).
It searches bytes: a value the server compressed (a document larger than about 2 kB, kept
compressed in the table's TOAST table) is not found by its text.
"""

from __future__ import annotations

from typing import Any

import psycopg

from integrationsnetz.errors import StoreError
from integrationsnetz.store import StoreURL
from integrationsnetz_postgres.connection import conninfo_of
from integrationsnetz_postgres.namespace import DEFAULT_SCHEMA

__all__ = ["find_in_storage"]

_SEGMENT = 1 << 30  # a relation's file is split into segments of 1 GiB: path, path.1, path.2 ...
_CHUNK = 8 << 20

#: The store's tables, their TOAST tables and every index on either: each with its file and size.
_RELATIONS = """
WITH tables AS (
    SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = %s AND c.relkind = 'r'
    UNION ALL
    SELECT c.reltoastrelid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = %s AND c.relkind = 'r' AND c.reltoastrelid <> 0
), relations AS (
    SELECT oid FROM tables
    UNION ALL
    SELECT indexrelid FROM pg_index WHERE indrelid IN (SELECT oid FROM tables)
)
SELECT oid::regclass::text, pg_relation_filepath(oid), pg_relation_size(oid)
FROM relations ORDER BY 1
"""


def find_in_storage(url: str | StoreURL, text: str, *, wal: bool = False) -> list[str]:
    """Where the server's files for the store at ``url`` hold ``text`` (UTF-8): empty when nowhere.

    Searches the main fork of the store's tables, their TOAST tables and their indexes, after a
    checkpoint has written every change to them; each hit is named as
    ``"relation (file path)"``. With ``wal``, also the segments in ``pg_wal``, named
    ``"pg_wal/<segment>"``. Raises :class:`~integrationsnetz.errors.StoreError` when the role
    may not read the files.
    """
    parsed = url if isinstance(url, StoreURL) else StoreURL.parse(url)
    schema = dict(parsed.query).get("schema", DEFAULT_SCHEMA)
    needle = text.encode()
    hits: list[str] = []
    try:
        with psycopg.connect(conninfo_of(parsed), autocommit=True, connect_timeout=10) as conn:
            conn.execute("CHECKPOINT")  # the table files then hold what the shared buffers held
            for relation, path, size in conn.execute(_RELATIONS, (schema, schema)).fetchall():
                for segment in range(max(1, -(-size // _SEGMENT))):
                    name = path if segment == 0 else f"{path}.{segment}"
                    if _holds(conn, name, min(_SEGMENT, size - segment * _SEGMENT), needle):
                        hits.append(f"{relation} ({name})")
            if wal:
                for segment, size in conn.execute("SELECT name, size FROM pg_ls_waldir() ORDER BY name"):
                    if _holds(conn, f"pg_wal/{segment}", size, needle):
                        hits.append(f"pg_wal/{segment}")
    except psycopg.Error as exc:
        reason = str(exc).strip().replace("\n", " ")
        if parsed.password:
            reason = reason.replace(parsed.password, "***")
        raise StoreError(
            f"cannot search the files of {parsed.masked}: {reason}. It needs a superuser, or a role in "
            "pg_read_server_files and pg_checkpoint (and pg_monitor for the WAL)"
        ) from None
    return hits


def _holds(conn: psycopg.Connection[Any], path: str, size: int, needle: bytes) -> bool:
    """Whether the file at ``path`` (relative to the data directory) holds ``needle`` in its first ``size`` bytes."""
    overlap = len(needle) - 1
    tail = b""
    for offset in range(0, size, _CHUNK):
        row = conn.execute(
            "SELECT pg_read_binary_file(%s, %s, %s, true)", (path, offset, min(_CHUNK, size - offset))
        ).fetchone()
        if row is None or row[0] is None:  # the file went away meanwhile (a segment recycled)
            return False
        chunk = tail + bytes(row[0])
        if needle in chunk:
            return True
        tail = chunk[-overlap:] if overlap else b""
    return False
