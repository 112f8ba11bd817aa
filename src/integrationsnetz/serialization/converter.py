"""The library's converter configuration: which hook reads and writes which type.

One configuration for documents and stores alike, so "what a valid document is" has one
answer; plugins add their own hooks afterwards through the ``configure_converter`` hook.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from enum import Enum, StrEnum
from typing import Any, get_args

import cattrs
from cattrs.errors import IterableValidationError, IterableValidationNote
from cattrs.fns import identity
from cattrs.strategies import configure_tagged_union

from integrationsnetz.model.events import AllDay, Timed
from integrationsnetz.serialization.fast_pass import fast_structure_fn, fast_unstructure_fn, plain_attrs_class
from integrationsnetz.serialization.strict import (
    is_homogeneous_tuple,
    require_list,
    structure_bool,
    structure_enum,
    structure_float,
    structure_int,
    structure_str,
    structure_str_tuple,
)
from integrationsnetz.serialization.time_text import format_datetime, structure_date, structure_datetime

#: Version of the document and store layout this library writes. Bump it with a migration.
SCHEMA_VERSION = 1


def configure_converter(converter: cattrs.Converter) -> None:
    """Register the library's hooks on ``converter``: scalars, time, tuples and tagged unions.

    Plugins add their own hooks afterwards (the ``configure_converter`` hook).
    """
    for scalar, structure in (
        (str, structure_str),
        (int, structure_int),
        (float, structure_float),
        (bool, structure_bool),
    ):
        converter.register_structure_hook(scalar, structure)
    # A StrEnum is a str too; registering StrEnum puts it ahead of str in the MRO lookup.
    converter.register_structure_hook(StrEnum, structure_enum)
    converter.register_structure_hook(Enum, structure_enum)
    converter.register_structure_hook(datetime, structure_datetime)
    converter.register_unstructure_hook(datetime, format_datetime)
    converter.register_structure_hook(date, structure_date)
    converter.register_unstructure_hook(date, date.isoformat)
    converter.register_structure_hook_func(lambda cls: cls == tuple[str, ...], structure_str_tuple)
    converter.register_unstructure_hook_func(lambda cls: cls == tuple[str, ...], list)
    converter.register_unstructure_hook(timedelta, lambda value: int(value.total_seconds()))
    converter.register_structure_hook(timedelta, lambda value, _: timedelta(seconds=structure_int(value, None)))

    def tuple_hook_factory(cls: Any) -> Callable[[Any, Any], Any]:
        element = get_args(cls)[0]
        element_hook = converter.get_structure_hook(element)
        if not converter.detailed_validation:

            def fast(value: Any, _: Any) -> tuple[Any, ...]:
                require_list(value)
                return tuple([element_hook(item, element) for item in value])

            return fast

        def detailed(value: Any, _: Any) -> tuple[Any, ...]:
            require_list(value)
            errors: list[Exception] = []
            result = []
            for index, item in enumerate(value):
                try:
                    result.append(element_hook(item, element))
                except Exception as exc:  # noqa: BLE001 - collected and raised as one group
                    exc.__notes__ = [*getattr(exc, "__notes__", []), _index_note(index, element)]
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"while structuring {cls!r}", errors, cls)
            return tuple(result)

        return detailed

    converter.register_structure_hook_factory(
        lambda cls: is_homogeneous_tuple(cls) and get_args(cls)[0] is not str, tuple_hook_factory
    )

    def tuple_unstructure_factory(cls: Any) -> Callable[[Any], Any]:
        # A plain list comprehension over the element's own hook: cattrs' generic iterable hook
        # dispatches per element.
        element_hook = converter.get_unstructure_hook(get_args(cls)[0])
        return lambda value: [element_hook(item) for item in value]

    converter.register_unstructure_hook_factory(
        lambda cls: is_homogeneous_tuple(cls) and get_args(cls)[0] is not str, tuple_unstructure_factory
    )
    # Optional scalars go to JSON as they are; ``identity`` lets cattrs inline them.
    for scalar in (str, int, bool, float):
        converter.register_unstructure_hook(scalar | None, identity)
    configure_tagged_union(
        AllDay | Timed,
        converter,
        tag_name="type",
        tag_generator=_event_time_tag,
    )
    if not converter.detailed_validation:
        converter.register_structure_hook_factory(plain_attrs_class, lambda cls: fast_structure_fn(cls, converter))
        converter.register_unstructure_hook_factory(plain_attrs_class, lambda cls: fast_unstructure_fn(cls, converter))


def _event_time_tag(cls: type) -> str:
    return "all_day" if cls is AllDay else "timed"


def _index_note(index: int, element: Any) -> IterableValidationNote:
    return IterableValidationNote(f"Structuring {element!r} @ index {index}", index, element)


def make_converter(
    *,
    detailed_validation: bool = True,
    extensions: Iterable[Callable[[cattrs.Converter], None]] = (),
) -> cattrs.Converter:
    """Build a converter with the library's configuration, then each extension in order.

    A plugin host passes its plugins' ``configure_converter`` implementations as extensions.
    """
    converter = cattrs.Converter(
        forbid_extra_keys=True,
        omit_if_default=True,
        detailed_validation=detailed_validation,
        prefer_attrib_converters=False,
    )
    configure_converter(converter)
    for extend in extensions:
        extend(converter)
    return converter
