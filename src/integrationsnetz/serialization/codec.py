"""The codec: model objects to JSON bytes and back, fast, with every problem named when a read fails.

A :class:`Codec` holds the two converters of one configuration: the fast one reads and writes;
the detailed one runs only when the fast one refuses, to say what is wrong and where.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import attrs
import cattrs
import orjson
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from integrationsnetz.errors import InvalidData, InvalidField
from integrationsnetz.serialization.converter import make_converter
from integrationsnetz.serialization.strict import Expected

T = TypeVar("T")


def _describe(exc: BaseException) -> str:
    if isinstance(exc, Expected):
        return str(exc)
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"unknown field(s): {', '.join(sorted(exc.extra_fields))}"
    if isinstance(exc, (AttributeError, TypeError)):
        got = str(exc).partition(" object")[0].strip("'") or "something else"
        return f"expected an object with named fields, got a {got}"
    if isinstance(exc, ValueError):
        return str(exc)
    return f"cannot be read: {exc}"


def problems_of(exc: BaseException, path: str = "$") -> list[str]:
    """Every problem in a cattrs structuring error as ``$.path.to.field: what was expected``."""
    found: list[str] = []
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        with_notes, without = exc.group_exceptions()
        for inner, note in with_notes:
            name = getattr(note, "name", None)
            step = f".{name}" if name is not None else f"[{note.index!r}]"
            found.extend(problems_of(inner, path + step))
        for inner in without:
            found.extend(problems_of(inner, path))
        return found
    if isinstance(exc, ForbiddenExtraKeysError):
        return [f"{path}.{key}: unknown field" for key in sorted(exc.extra_fields)]
    if isinstance(exc, InvalidField):  # a model constructor's or validator's refusal
        return [f"{path}.{exc.field}: {exc.reason}"]
    message = _describe(exc)
    if type(exc) is ValueError:
        # Validators outside the model say "field: what is wrong"; put the field into the path.
        head, sep, tail = message.partition(": ")
        if sep and head.replace("_", "").replace("[", "").replace("]", "").isalnum() and " " not in head:
            return [f"{path}.{head}: {tail}"]
    return [f"{path}: {message}"]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects that form no cycles.

    Bulk loads spend more time in the collector than in decoding otherwise.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@attrs.frozen
class Codec:
    """Structure and unstructure model objects, and encode them as JSON bytes.

    Build one with :func:`make_codec` (or take ``host.codec`` from a plugin host, which includes
    the plugins' converter extensions).
    """

    fast: cattrs.Converter
    detailed: cattrs.Converter

    def unstructure(self, obj: Any) -> Any:
        """Plain data (dicts, lists, strings, numbers) for ``obj``."""
        with paused_gc():  # many new dicts and lists, no cycles: the collector would only rescan them
            return self.fast.unstructure(obj)

    def structure(self, data: Any, cls: type[T], *, source: str | None = None, path: str = "$") -> T:
        """Build a ``cls`` from plain data, or raise :class:`InvalidData` listing every problem."""
        try:
            with paused_gc():  # building many small objects that form no cycles
                return self.fast.structure(data, cls)
        except Exception:  # noqa: BLE001 - the detailed pass explains it
            pass
        try:
            return self.detailed.structure(data, cls)  # pragma: no cover - both converters agree
        except Exception as exc:  # noqa: BLE001
            raise InvalidData(problems_of(exc, path), source=source) from None

    def dumps(self, obj: Any) -> bytes:
        """Compact UTF-8 JSON for ``obj``."""
        return orjson.dumps(self.unstructure(obj))

    def loads(self, payload: bytes | str, cls: type[T], *, source: str | None = None) -> T:
        """Parse JSON and structure it as ``cls``."""
        try:
            data = orjson.loads(payload)
        except orjson.JSONDecodeError as exc:
            raise InvalidData([f"not valid JSON: {exc}"], source=source) from None
        return self.structure(data, cls, source=source)

    def loads_many(
        self, payloads: Sequence[bytes | str], cls: type[T], *, source: Callable[[int], str] | None = None
    ) -> list[T]:
        """:meth:`loads` for each payload (a store's rows), pausing the collector once for all.

        ``source(i)`` names payload ``i`` in the error, computed only when one is bad.
        """
        hook, loads = self.fast.get_structure_hook(cls), orjson.loads
        collecting = gc.isenabled()
        gc.disable()  # as paused_gc(), without a context manager's cost on a query's few rows
        try:
            return [hook(loads(payload), cls) for payload in payloads]
        except Exception:  # noqa: BLE001 - the one-by-one pass finds the bad payload and explains it
            pass
        finally:
            if collecting:
                gc.enable()
        return [
            self.loads(payload, cls, source=None if source is None else source(index))
            for index, payload in enumerate(payloads)
        ]


def make_codec(extensions: Iterable[Callable[[cattrs.Converter], None]] = ()) -> Codec:
    """A codec with the library's configuration and the given converter extensions."""
    extensions = tuple(extensions)
    return Codec(
        fast=make_converter(detailed_validation=False, extensions=extensions),
        detailed=make_converter(detailed_validation=True, extensions=extensions),
    )
