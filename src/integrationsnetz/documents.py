"""A whole network as one JSON or TOML document: for sharing, for git, for hand editing.

JSON documents are indented and end with a newline so they diff well; TOML is for people who
edit by hand. Both carry ``schema_version``. Loading checks everything the converter checks and
reports every problem with the file name and the path of the field.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import orjson

from integrationsnetz.atomic import write_atomic
from integrationsnetz.errors import InvalidData
from integrationsnetz.migrations import upgrade_document
from integrationsnetz.model.network_data import NetworkData
from integrationsnetz.serialization import SCHEMA_VERSION, Codec

if TYPE_CHECKING:
    from integrationsnetz.plugins import PluginHost

DocumentFormat = Literal["json", "toml"]
FORMATS: tuple[DocumentFormat, ...] = ("json", "toml")


def _codec(host: PluginHost | None) -> Codec:
    from integrationsnetz.plugins import default_host

    return (host or default_host()).codec


def format_of(path: str | Path) -> DocumentFormat:
    """The document format a file name implies (``.json`` or ``.toml``)."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix == "json":
        return "json"
    if suffix == "toml":
        return "toml"
    raise InvalidData([f"expected a file ending in .json or .toml, got {Path(path).name!r}"], source=str(path))


def dumps(data: NetworkData, format: DocumentFormat = "json", *, host: PluginHost | None = None) -> bytes:
    """The document for ``data`` as UTF-8 bytes."""
    body = {"schema_version": SCHEMA_VERSION, **_codec(host).unstructure(data)}
    if format == "json":
        return orjson.dumps(body, option=orjson.OPT_INDENT_2) + b"\n"
    if format == "toml":
        import tomli_w

        return tomli_w.dumps(body).encode("utf-8")
    raise ValueError(f"format: expected one of {FORMATS}, got {format!r}")


def loads(
    payload: bytes | str,
    format: DocumentFormat = "json",
    *,
    source: str | None = None,
    host: PluginHost | None = None,
) -> NetworkData:
    """Read a document; :class:`InvalidData` lists every problem with ``source`` and the field path."""
    if format not in FORMATS:
        raise ValueError(f"format: expected one of {FORMATS}, got {format!r}")
    raw: Any
    # JSON, TOML and UTF-8 decoding errors are all ValueErrors; tomllib loads only when needed.
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


def save(data: NetworkData, path: str | Path, *, host: PluginHost | None = None) -> None:
    """Write the document atomically; the format follows the file's suffix."""
    write_atomic(path, dumps(data, format_of(path), host=host))


def load(path: str | Path, *, host: PluginHost | None = None) -> NetworkData:
    """Read a document file; the format follows the file's suffix."""
    target = Path(path)
    try:
        payload = target.read_bytes()
    except OSError as exc:
        raise InvalidData([f"cannot read the file ({exc.strerror or exc})"], source=str(target)) from None
    return loads(payload, format_of(target), source=str(target), host=host)
