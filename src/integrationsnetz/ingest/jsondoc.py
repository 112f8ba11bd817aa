"""The ``json`` importer: the entities of a JSON document (another district's export, a backup).

It reads the format of :mod:`integrationsnetz.documents` with every check the documents do
(schema version, migrations, field paths in errors) and hands back the entities, with their
``network_id`` set to the importing network's.
"""

from __future__ import annotations

from typing import BinaryIO

import attrs

from integrationsnetz import documents
from integrationsnetz.hookspecs import hookimpl
from integrationsnetz.ingest import Importer, ImportOptions, ImportResult
from integrationsnetz.model.entity import Entity, NetworkPart


def read(stream: BinaryIO, options: ImportOptions) -> ImportResult:
    """The ``Importer.read`` of the ``json`` format."""
    data = documents.loads(stream.read(), "json", source=options.source or "<JSON stream>")
    entities: list[Entity] = []
    for entity in data.entities():
        if entity is data.network:
            continue
        if isinstance(entity, NetworkPart) and entity.network_id != options.network_id:
            entities.append(attrs.evolve(entity, network_id=options.network_id))
        else:
            entities.append(entity)
    return ImportResult(entities=tuple(entities))


@hookimpl
def register_importers() -> list[Importer]:
    """The built-in ``json`` importer."""
    return [
        Importer(
            format="json",
            media_type="application/json",
            suffix=".json",
            description="JSON documents (integrationsnetz.documents format)",
            read=read,
        )
    ]
