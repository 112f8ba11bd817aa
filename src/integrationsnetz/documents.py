"""A whole network as one JSON or TOML document: for sharing, for git, for hand editing.

JSON documents are indented and end with a newline so they diff well; TOML is for people who
edit by hand. Both carry ``schema_version``. Loading checks everything the converter checks and
reports every problem with the file name and the path of the field.

Saving never writes what loading would refuse: :func:`save` reads the new document back before
it touches the file, and refuses dangling references and duplicate ids unless ``draft=True``
(see :mod:`integrationsnetz.guard`). It never replaces a read-only file.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import orjson

from integrationsnetz import guard
from integrationsnetz.atomic import write_atomic
from integrationsnetz.contract.host import default_codec
from integrationsnetz.errors import InvalidData, WrongType
from integrationsnetz.migrations import upgrade_document
from integrationsnetz.model.entity import Entity
from integrationsnetz.model.network_data import COLLECTIONS, NetworkData
from integrationsnetz.serialization import SCHEMA_VERSION, Codec, paused_gc

if TYPE_CHECKING:
    from integrationsnetz.contract.host import Host

DocumentFormat = Literal["json", "toml"]
FORMATS: tuple[DocumentFormat, ...] = ("json", "toml")


def _codec(host: Host | None) -> Codec:

    return host.codec if host is not None else default_codec()


def _path(path: object) -> Path:
    if not isinstance(path, (str, os.PathLike)):
        raise WrongType([f"expected a file path, got {type(path).__name__}"])
    if "\0" in str(path):
        raise InvalidData([f"{str(path)!r}: a file path cannot hold a NUL character"])
    return Path(path)


def _network_data(data: object) -> NetworkData:
    if not isinstance(data, NetworkData):
        raise WrongType([f"expected NetworkData, got {type(data).__name__}"])
    return data


def _format(format: object) -> DocumentFormat:
    if format not in FORMATS:
        raise InvalidData([f"format: expected one of {', '.join(map(repr, FORMATS))}, got {format!r}"])
    return format


def format_of(path: str | Path) -> DocumentFormat:
    """The document format a file name implies (``.json`` or ``.toml``)."""
    suffix = _path(path).suffix.lower().lstrip(".")
    if suffix == "json":
        return "json"
    if suffix == "toml":
        return "toml"
    raise InvalidData([f"expected a file ending in .json or .toml, got {Path(path).name!r}"], source=str(path))


def dumps(
    data: NetworkData, format: DocumentFormat = "json", *, host: Host | None = None, source: str | None = None
) -> bytes:
    """The document for ``data`` as UTF-8 bytes.

    A value that has no form in the document (an infinite number, a lone surrogate in a text, a
    wrong type set past a constructor) raises :class:`InvalidData` naming the field.
    """
    format = _format(format)
    data = _network_data(data)
    with paused_gc():  # many new dicts and lists, no cycles
        plain = guard.unstructured(_codec(host), data, source=source or "document")
    return _encoded(plain, format, source=source)


def _encoded(plain: dict[str, Any], format: DocumentFormat, *, source: str | None) -> bytes:
    """The document's bytes for the plain form of a network; InvalidData if it has no such form."""
    body = {"schema_version": SCHEMA_VERSION, **plain}
    try:
        if format == "json":
            payload = orjson.dumps(body, option=orjson.OPT_INDENT_2) + b"\n"
            suspect = b"null" in payload  # JSON writes an infinite number or NaN as null
        else:
            import tomli_w

            payload = tomli_w.dumps(body).encode("utf-8")
            suspect = _TOML_NON_FINITE.search(payload) is not None
    except (TypeError, ValueError):  # a lone surrogate (or a value the format has no form for)
        raise InvalidData(
            guard.unwritable(body) or [f"$: cannot be written as {format.upper()}"], source=source
        ) from None
    if suspect:
        problems = guard.unwritable(body)
        if problems:
            raise InvalidData(problems, source=source)
    return payload


# A bare inf or nan as a TOML value (a text that merely contains them only costs a closer look).
_TOML_NON_FINITE = re.compile(rb"[=\[,]\s*[+-]?(?:inf|nan)\b")


def loads(
    payload: bytes | str,
    format: DocumentFormat = "json",
    *,
    source: str | None = None,
    host: Host | None = None,
) -> NetworkData:
    """Read a document; :class:`InvalidData` lists every problem with ``source`` and the field path."""
    format = _format(format)
    if not isinstance(payload, (bytes, str)):
        raise WrongType([f"expected the document as bytes or text, got {type(payload).__name__}"])
    if isinstance(payload, bytes):
        if payload.startswith(b"\xef\xbb\xbf"):  # Windows editors save UTF-8 with a byte order mark
            payload = payload[3:]
        try:
            payload.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidData(
                [
                    f"not UTF-8 text (byte {exc.start}: {payload[exc.start : exc.start + 1]!r}); "
                    f"{format.upper()} documents are UTF-8: save the file as UTF-8"
                ],
                source=source,
            ) from None
    elif payload.startswith("\ufeff"):
        payload = payload[1:]
    raw: Any
    # JSON and TOML errors are ValueErrors; tomllib loads only when needed.
    try:
        if format == "json":
            raw = orjson.loads(payload)
        else:
            import tomllib

            raw = tomllib.loads(payload.decode("utf-8") if isinstance(payload, bytes) else payload)
    except ValueError as exc:
        raise InvalidData([f"not a valid {format.upper()} document: {exc}"], source=source) from None
    except RecursionError:  # tomllib recurses per nesting level; orjson stops at 1024 with a ValueError
        raise InvalidData(
            [f"not a valid {format.upper()} document: nested too deeply (arrays or tables within each other)"],
            source=source,
        ) from None
    if not isinstance(raw, dict):
        raise InvalidData([f"$: expected an object at the top, got {type(raw).__name__}"], source=source)
    body = upgrade_document(raw, source=source)
    return _codec(host).structure(body, NetworkData, source=source)


def save(data: NetworkData, path: str | Path, *, draft: bool = False, host: Host | None = None) -> None:
    """Write the document atomically; the format follows the file's suffix.

    Before the file is touched, the new document is read back as :func:`load` would read it,
    and its references are checked: every id it refers to must be an entity of the document
    (the network's own id for ``network_id``), and every id is used once per collection. Any
    problem raises :class:`InvalidData` listing them all, and the file is left as it was.
    ``draft=True`` saves a knowingly incomplete network (dangling references allowed); a
    document that would not load again is refused even then. A read-only file is never
    replaced (:class:`~integrationsnetz.errors.StoreError`).
    """
    target = _path(path)
    data = _network_data(data)
    if type(draft) is not bool:
        raise WrongType([f"save: draft: expected True or False, got {draft!r}"])
    format = format_of(target)
    source = str(target)
    with paused_gc():
        plain = guard.unstructured(_codec(host), data, source=source)
    payload = _encoded(plain, format, source=source)
    try:
        back = loads(payload, format, source=source, host=host)
        guard.check_same(_codec(host), data, plain, back, source=source)
    except InvalidData as exc:
        problems = [*exc.problems, "nothing was written: the document would not load again as it is"]
        raise InvalidData(problems, source=source) from None
    if not draft:
        guard.refuse(guard.reference_problems(list(data.entities()), name=_document_path), source=source)
    write_atomic(target, payload)


_COLLECTION_OF = {cls: name for name, cls in COLLECTIONS.items()}


def _document_path(entity: Entity) -> str:
    """Where an entity sits in a document, as :func:`integrationsnetz.integrity.check` names it."""
    collection = next((name for cls, name in _COLLECTION_OF.items() if isinstance(entity, cls)), "network")
    return f'{collection}["{entity.id}"]' if collection != "network" else "network"


def load(path: str | Path, *, host: Host | None = None) -> NetworkData:
    """Read a document file; the format follows the file's suffix."""
    target = _path(path)
    try:
        payload = target.read_bytes()
    except OSError as exc:
        raise InvalidData([f"cannot read the file ({exc.strerror or exc})"], source=str(target)) from None
    return loads(payload, format_of(target), source=str(target), host=host)
