"""Importers: read files from other tools into the model ("import" is a keyword, hence "ingest").

One call reads every format::

    import integrationsnetz as inz

    result = inz.import_from("kalender.ics", options=inz.ImportOptions(network_id="netz-wak"))
    result.entities      # meetings and events, ready to save in a store
    result.skipped       # what was left out, and why (a to-do, an entry without a start ...)

Importers are plugins (``register_importers``); the built-ins (``ics``, ``csv``) register the
same way. An import is all or nothing: a malformed file raises
:class:`~integrationsnetz.InvalidData` naming the file and the line, and returns nothing.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import attrs

from integrationsnetz.errors import InvalidData, NotFound, WrongType
from integrationsnetz.model.entity import Entity, is_valid_id

if TYPE_CHECKING:
    from integrationsnetz.plugins import PluginHost


_LONGEST_HORIZON = timedelta(days=36_525)


def _validate_network_id(_instance: object, _attribute: attrs.Attribute[str], value: object) -> None:
    if not is_valid_id(value):
        raise InvalidData([f"network_id: expected the id of the network the entries belong to, got {value!r}"])


def _validate_source(_instance: object, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise WrongType([f"{attribute.name}: expected the file's name for messages, got {value!r}"])


def _validate_horizon(_instance: object, attribute: attrs.Attribute[timedelta], value: object) -> None:
    if not isinstance(value, timedelta) or not timedelta(0) < value <= _LONGEST_HORIZON:
        raise WrongType([f"{attribute.name}: expected a timedelta above zero and up to 100 years, "
                         f"e.g. timedelta(days=366), got {value!r}"])  # fmt: skip


def _validate_until(_instance: object, attribute: attrs.Attribute[date | None], value: object) -> None:
    if value is not None and (not isinstance(value, date) or isinstance(value, datetime)):
        raise WrongType([f"{attribute.name}: expected a date (the first day not imported), got {value!r}"])


@attrs.frozen(kw_only=True)
class ImportOptions:
    """Where imported entities belong and how far recurring entries are expanded.

    ``horizon`` bounds a series without an end (``RRULE`` without ``UNTIL``/``COUNT``): its
    dates are imported up to ``horizon`` after its start, and the report says so.
    ``until`` (exclusive), when set, drops everything from that day on.
    """

    network_id: str = attrs.field(validator=_validate_network_id)
    source: str | None = attrs.field(default=None, validator=_validate_source)
    horizon: timedelta = attrs.field(default=timedelta(days=366), validator=_validate_horizon)
    until: date | None = attrs.field(default=None, validator=_validate_until)


@attrs.frozen(kw_only=True)
class Skipped:
    """Something an import left out: what it was, why, and where in the file."""

    item: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        return f"{where}{self.item}: {self.reason}"


@attrs.frozen(kw_only=True)
class ImportResult:
    """What an import produced, and what it skipped with the reason for each."""

    entities: tuple[Entity, ...] = ()
    skipped: tuple[Skipped, ...] = ()


@attrs.frozen(kw_only=True)
class Importer:
    """An import format: ``read`` parses a binary stream into entities of one network.

    ``read`` raises :class:`InvalidData` (with ``options.source`` and the line) for a malformed
    file and never returns part of one.
    """

    format: str
    media_type: str
    suffix: str
    description: str
    read: Callable[[BinaryIO, ImportOptions], ImportResult]


def import_from(
    source: str | os.PathLike[str] | BinaryIO,
    format: str | None = None,
    *,
    options: ImportOptions,
    host: PluginHost | None = None,
) -> ImportResult:
    """Read ``source`` (a path or a binary stream) with the importer for ``format``.

    Without ``format`` the file's suffix picks the importer (``.ics``, ``.csv``).
    """
    from integrationsnetz.plugins import default_host

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


__all__ = ["ImportOptions", "ImportResult", "Importer", "Skipped", "import_from"]
