"""The ``json`` exporter: the network (or the selected part) as a JSON document.

It is exactly the document format of :mod:`integrationsnetz.documents` (with
``schema_version``), so :func:`integrationsnetz.documents.load` reads it back; personal data is
left out unless asked for, like in every export.
"""

from __future__ import annotations

from typing import BinaryIO

from integrationsnetz import documents
from integrationsnetz.exporters import Exporter, ExportRequest
from integrationsnetz.hookspecs import hookimpl


def write(request: ExportRequest, stream: BinaryIO) -> None:
    """The ``Exporter.write`` of the ``json`` format."""
    stream.write(documents.dumps(request.data, "json", host=request.host))


@hookimpl
def register_exporters() -> list[Exporter]:
    """The built-in ``json`` exporter."""
    return [
        Exporter(
            format="json",
            media_type="application/json",
            suffix=".json",
            description="The network as a JSON document (schema_version; read back with documents.load)",
            write=write,
        )
    ]
