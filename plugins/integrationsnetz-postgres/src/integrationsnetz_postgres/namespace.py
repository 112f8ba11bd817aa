"""Where a store lives in the database: its PostgreSQL schema (namespace) and the lock that goes with it.

Several stores can share one database, each in a schema of its own (``?schema=`` in the URL,
default :data:`DEFAULT_SCHEMA`). The layout (:mod:`integrationsnetz_postgres.schema`), the
access rules (:mod:`integrationsnetz_postgres.access`) and the store name tables by it.
"""

from __future__ import annotations

import hashlib
import re

from integrationsnetz.errors import StoreError

#: The PostgreSQL schema (namespace) the tables live in unless the URL says ``?schema=...``.
DEFAULT_SCHEMA = "integrationsnetz"

_SCHEMA_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def check_schema_name(name: str, *, where: str) -> str:
    """Schema names go into SQL text, so only plain lower-case identifiers are accepted."""
    if not _SCHEMA_NAME.fullmatch(name):
        raise StoreError(f"{where}: schema {name!r} is not usable; expected lower-case letters, digits and '_'")
    return name


def lock_key(schema: str) -> int:
    """The advisory lock of one store: writers share it, migrations and change feeds take it alone."""
    digest = hashlib.blake2b(f"integrationsnetz:{schema}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)
