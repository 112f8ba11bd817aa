"""Importers: read files from other tools into the model ("import" is a keyword, hence "ingest").

One call reads every format::

    import integrationsnetz as inz

    result = inz.import_from("kalender.ics", options=inz.ImportOptions(network_id="netz-wak"))
    result.entities      # meetings and events, ready to save in a store
    result.skipped       # what was left out, and why (a to-do, an entry without a start ...)
    inz.compare_import(store, result)  # what saving it would change, nothing written
    inz.save_import(store, result)   # into a store; importing the same calendar again updates it

Importers are plugins (``register_importers``); the built-ins (``ics``, ``csv``) register the
same way. By default an import is all or nothing: a malformed file raises
:class:`~integrationsnetz.InvalidData` naming the file and every problem's line, and returns
nothing; ``ImportOptions(on_error="skip")`` leaves out the broken entries instead (``ics``).

A member's calendar can also be read as busy time only, for planning: ``inz.read_busy(path or
address, "p-mueller")`` keeps when they are busy and nothing about why (:mod:`~integrationsnetz.ingest.busy`).
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import BinaryIO

import attrs

from integrationsnetz.contract.importers import ImportedSeries, Importer, ImportOptions, ImportResult, OwnEntry, Skipped
from integrationsnetz.contract.registries import Registries, default_host
from integrationsnetz.errors import InvalidData, NotFound, WrongType
from integrationsnetz.ingest.busy import BusyTimes, read_busy
from integrationsnetz.ingest.saving import ImportChanges, Saved, compare_import, save_import


def import_from(
    source: str | os.PathLike[str] | BinaryIO,
    format: str | None = None,
    *,
    options: ImportOptions,
    host: Registries | None = None,
) -> ImportResult:
    """Read ``source`` (a path or a binary stream) with the importer for ``format``.

    Without ``format`` the file's suffix picks the importer (``.ics``, ``.csv``).
    """

    if not isinstance(options, ImportOptions):
        raise WrongType([f"import_from: options: expected ImportOptions(network_id=...), got {options!r}"])
    if isinstance(source, io.TextIOBase):
        raise WrongType(["import_from: source: expected a binary stream; open the file with mode 'rb'"])
    if not isinstance(source, str | os.PathLike) and not callable(getattr(source, "read", None)):
        raise WrongType([f"import_from: source: expected a path or a binary stream, got {type(source).__name__}"])
    if format is not None and not isinstance(format, str):
        raise WrongType([f"import_from: format: expected a format's name such as 'ics', got {format!r}"])
    host = host or default_host()
    importers = host.importers()
    if format is None:
        if not isinstance(source, str | os.PathLike):
            raise NotFound("import_from: give the format of a stream, e.g. format='ics'")
        suffix = Path(source).suffix.lower()
        format = next((name for name, importer in importers.items() if importer.suffix == suffix), None)
        if format is None:
            known = ", ".join(importers) or "none"
            raise host.missing(NotFound(f"no importer for files ending in {suffix!r}; known formats: {known}."))
    importer = importers.get(format)
    if importer is None:
        known = ", ".join(importers) or "none"
        raise host.missing(NotFound(f"no importer for format {format!r}; known formats: {known}."))
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if options.source is None:
            options = attrs.evolve(options, source=str(path))
        try:
            with path.open("rb") as stream:
                return importer.read(stream, options)
        except OSError as exc:
            raise InvalidData([f"cannot read the file ({exc.strerror or exc})"], source=str(path)) from None
    return importer.read(source, options)


__all__ = [
    "BusyTimes",
    "ImportChanges",
    "ImportOptions",
    "ImportResult",
    "ImportedSeries",
    "Importer",
    "OwnEntry",
    "Saved",
    "Skipped",
    "compare_import",
    "import_from",
    "read_busy",
    "save_import",
]
