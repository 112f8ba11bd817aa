"""The built-in plugin that teaches the host's converter to read meeting series from TOML and JSON.

The series rules themselves (:class:`~integrationsnetz.contract.series.Series` and its parts)
belong to the plugin contract; here they get ``"14:00"`` times, report languages and the
recurrence rules tagged by ``rule``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import time
from typing import Any, get_args

import cattrs
from cattrs.strategies import configure_tagged_union

from integrationsnetz.contract.holidays import Language
from integrationsnetz.contract.series import MonthlyNth, Recurrence, Seasonal, Weekly
from integrationsnetz.hookspecs import hookimpl

_RULE_TAGS: Mapping[type, str] = {Weekly: "weekly", MonthlyNth: "monthly", Seasonal: "seasonal"}


def _parse_time(value: object, _: Any) -> time:
    if isinstance(value, time):
        return value
    if type(value) is str:
        try:
            parsed = time.fromisoformat(value)
        except ValueError:
            parsed = None
        if parsed is not None and parsed.tzinfo is None:
            return parsed
    raise ValueError(f"expected a local time as HH:MM, got {value!r}")


def _parse_language(value: object, _: Any) -> Language:
    for language in get_args(Language):
        if value == language and type(value) is str:
            return language  # type: ignore[no-any-return]
    known = " or ".join(repr(language) for language in get_args(Language))
    raise ValueError(f"expected {known} (the languages the report is written in), got {value!r}")


def configure_series_converter(converter: cattrs.Converter) -> None:
    """Teach ``converter`` the series types: ``HH:MM`` times, report languages and the tagged recurrence rules."""
    converter.register_structure_hook(time, _parse_time)
    converter.register_structure_hook_func(lambda cls: cls == Language, _parse_language)
    converter.register_unstructure_hook(time, lambda value: value.strftime("%H:%M"))
    configure_tagged_union(Recurrence, converter, tag_name="rule", tag_generator=lambda cls: _RULE_TAGS[cls])
    tagged = converter.get_structure_hook(Recurrence)
    known = ", ".join(repr(tag) for tag in _RULE_TAGS.values())

    def structure_rule(value: Any, cls: Any) -> Any:
        if not isinstance(value, dict):
            raise ValueError(f"expected a table with rule = {known}, got {value!r}")
        if value.get("rule") not in _RULE_TAGS.values():
            raise ValueError(f"rule: expected one of {known}, got {value.get('rule')!r}")
        return tagged(value, cls)

    converter.register_structure_hook(Recurrence, structure_rule)


@hookimpl
def configure_converter(converter: cattrs.Converter) -> None:
    """Series rules read from TOML and JSON through the host's codec."""
    configure_series_converter(converter)
