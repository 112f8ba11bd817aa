"""Schema versions of documents and stores, and the steps that upgrade older ones.

A document or store records the ``schema_version`` it was written with. Older ones are upgraded
step by step on load; newer ones are refused with a clear error instead of being misread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from integrationsnetz.errors import InvalidData, SchemaVersionError
from integrationsnetz.serialization import SCHEMA_VERSION

#: ``MIGRATIONS[n]`` turns a version-``n`` document dict into a version ``n + 1`` one.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def check_version(version: object, *, source: str | None) -> int:
    """Validate a recorded schema version and return it; refuse one from the future."""
    if type(version) is not int or version < 1:
        raise InvalidData([f"$.schema_version: expected a whole number >= 1, got {version!r}"], source=source)
    if version > SCHEMA_VERSION:
        raise SchemaVersionError(
            [
                f"$.schema_version: written with schema {version}, but this version of integrationsnetz "
                f"reads up to schema {SCHEMA_VERSION}; upgrade integrationsnetz to read it"
            ],
            source=source,
        )
    return version


def upgrade_document(raw: dict[str, Any], *, source: str | None) -> dict[str, Any]:
    """Check ``raw["schema_version"]`` and upgrade the document to the current version.

    Returns the document without its ``schema_version`` key, ready to structure.
    """
    if "schema_version" not in raw:
        raise InvalidData(["$.schema_version: required field missing (the document's format version)"], source=source)
    body = dict(raw)
    version = check_version(body.pop("schema_version"), source=source)
    while version < SCHEMA_VERSION:
        body = MIGRATIONS[version](body)
        version += 1
    return body
