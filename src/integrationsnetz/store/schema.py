"""Schema versions of stores: check the version a store records, upgrade older entity documents.

A store keeps each entity as the document the converter writes, so the document migrations in
:mod:`integrationsnetz.migrations` apply to stores too: an entity document is wrapped into a
one-entity network document (``{"meetings": [doc]}``), taken through each step, and unwrapped.
A migration step must therefore accept documents that hold only some collections (use
``body.get("meetings", [])``).
"""

from __future__ import annotations

from typing import Any

from integrationsnetz import migrations
from integrationsnetz.model.network_data import COLLECTIONS, ENTITY_TYPES


def current_version() -> int:
    """The schema version this library writes."""
    version: int = getattr(migrations, "SCHEMA_VERSION")  # read at call time: tests raise it  # noqa: B009
    return version


def check_store_version(version: object, *, source: str) -> int:
    """The recorded version, or ``SchemaVersionError`` naming ``source`` if it is from the future."""
    if isinstance(version, str) and version.isdigit():
        version = int(version)
    return migrations.check_version(version, source=source)


_COLLECTION_OF = {
    type_name: next((name for name, cls in COLLECTIONS.items() if cls is klass), None)
    for type_name, klass in ENTITY_TYPES.items()
}


def upgrade_entity(entity_type: str, document: dict[str, Any], version: int) -> dict[str, Any]:
    """One entity's document, taken from schema ``version`` to the current one."""
    collection = _COLLECTION_OF[entity_type]
    body: dict[str, Any] = {"network": document} if collection is None else {collection: [document]}
    while version < current_version():
        body = migrations.MIGRATIONS[version](body)
        version += 1
    if collection is None:
        upgraded: dict[str, Any] = body["network"]
        return upgraded
    (only,) = body[collection]
    result: dict[str, Any] = only
    return result
