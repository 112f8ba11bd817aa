"""The official BAMF integration course types (IntV §§ 10–13, as amended 3 Dec 2024), and overrides.

Figures and their sources are in the project's research notes (courses.md). Where the sources
disagree the note says so. Rules change faster than releases, so a user who knows better loads a
data file (TOML or JSON) with :func:`load_course_types`; it overrides any field of any type, adds
types, and sets the catalogue-wide rules (the six-week start rule, the 29 UE teacher week)::

    # course-types.toml
    start_within_weeks = 6
    teacher_units_per_week = 29

    [types.intensive]          # the older rule: 400 + 30
    orientation_units = 30

    [types.general]
    max_group_size = 20

:func:`dumps_course_types` writes the official catalogue in that format, as a template to edit.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from integrationsnetz.contract.host import default_codec
from integrationsnetz.errors import InvalidData, NotFound, WrongType
from integrationsnetz.model.course_types import OFFICIAL_COURSE_TYPES
from integrationsnetz.model.courses import CourseType

if TYPE_CHECKING:
    from integrationsnetz.contract.host import Host
    from integrationsnetz.serialization import Codec

#: "Der Kurs soll nicht später als sechs Wochen nach der Anmeldung beginnen" (§ 7(3) IntV, older text).
START_WITHIN_WEEKS = 6

#: UE a salaried full-time teacher may teach per 40-hour week (BAMF Trägerrundschreiben 28 Feb 2025).
TEACHER_UNITS_PER_WEEK = 29


def official_course_types() -> dict[str, CourseType]:
    """A fresh, editable copy of the official course types by code."""
    return dict(OFFICIAL_COURSE_TYPES)


@attrs.frozen(kw_only=True)
class CourseCatalogue:
    """The course types together with the rules the planning arithmetic measures against.

    ``start_within_weeks`` is the target a course start is held to (six weeks after registration);
    ``teacher_units_per_week`` turns courses into teacher full-time equivalents. ``source`` says
    where the catalogue came from, so a report can name it.
    """

    types: Mapping[str, CourseType]
    start_within_weeks: int = START_WITHIN_WEEKS
    teacher_units_per_week: int = TEACHER_UNITS_PER_WEEK
    source: str = "official"

    def type_of(self, code: str) -> CourseType:
        """The course type ``code``; :class:`~integrationsnetz.errors.NotFound` (a KeyError) naming the known ones."""
        try:
            return self.types[code]
        except (KeyError, TypeError):
            raise NotFound(f"unknown course type {code!r}; known: {', '.join(self.types)}") from None


def official_catalogue() -> CourseCatalogue:
    """The official course types and rules as published (see the module docstring for the sources)."""
    return CourseCatalogue(types=OFFICIAL_COURSE_TYPES)


_RULE_FIELDS = {"start_within_weeks", "teacher_units_per_week"}
_TOP_FIELDS = {*_RULE_FIELDS, "types", "base"}


def load_course_types(
    path: str | Path,
    *,
    base: CourseCatalogue | None = None,
    host: Host | None = None,
) -> CourseCatalogue:
    """Read a course-type file (``.toml`` or ``.json``) over ``base`` (default: the official catalogue).

    A type table overrides only the fields it names; a new code needs every required field.
    ``base = "none"`` at the top of the file starts from an empty catalogue instead. Every problem
    in the file is reported at once as :class:`InvalidData` with the file and the field path.
    """
    if not isinstance(path, str | os.PathLike):
        raise WrongType([f"load_course_types: path: expected a file's path, got {type(path).__name__}"])
    target = Path(path)
    source = str(target)
    raw = _read(target)
    problems: list[str] = []
    if not isinstance(raw, dict):
        raise InvalidData([f"$: expected a table of settings at the top, got {type(raw).__name__}"], source=source)
    for key in sorted(set(raw) - _TOP_FIELDS):
        problems.append(f"$.{key}: unknown field (expected one of {', '.join(sorted(_TOP_FIELDS))})")
    start = base if base is not None else official_catalogue()
    base_choice = raw.get("base", "official")
    if base_choice == "none":
        start = CourseCatalogue(types={})
    elif base_choice != "official":
        problems.append(f"$.base: expected 'official' or 'none', got {base_choice!r}")
    rules: dict[str, int] = {}
    for key in sorted(_RULE_FIELDS & set(raw)):
        value = raw[key]
        if type(value) is not int or value <= 0:
            problems.append(f"$.{key}: expected a whole number > 0, got {value!r}")
        else:
            rules[key] = value
    codec = _codec(host)
    types = dict(start.types)
    tables = raw.get("types", {})
    if not isinstance(tables, dict):
        problems.append(f"$.types: expected a table of course types by code, got {type(tables).__name__}")
        tables = {}
    for code, table in tables.items():
        where = f"$.types.{code}"
        if not isinstance(table, dict):
            problems.append(f"{where}: expected a table of fields, got {type(table).__name__}")
            continue
        if "code" in table and table["code"] != code:
            problems.append(f"{where}.code: must match the table name {code!r}, got {table['code']!r}")
            continue
        merged: dict[str, Any] = dict(codec.unstructure(types[code])) if code in types else {}
        merged.update({key: _plain(value) for key, value in table.items()})
        merged["code"] = code
        try:
            types[code] = codec.structure(merged, CourseType, path=where)
        except InvalidData as exc:
            problems.extend(exc.problems)
    if problems:
        raise InvalidData(problems, source=source)
    return CourseCatalogue(
        types=MappingProxyType(types),
        start_within_weeks=rules.get("start_within_weeks", start.start_within_weeks),
        teacher_units_per_week=rules.get("teacher_units_per_week", start.teacher_units_per_week),
        source=source,
    )


def dumps_course_types(catalogue: CourseCatalogue | None = None, *, host: Host | None = None) -> str:
    """The catalogue as TOML text in the format :func:`load_course_types` reads: a template to edit."""
    import tomli_w

    chosen = catalogue if catalogue is not None else official_catalogue()
    if not isinstance(chosen, CourseCatalogue):
        raise WrongType([f"dumps_course_types: catalogue: expected a CourseCatalogue, got {type(chosen).__name__}"])
    codec = _codec(host)
    body: dict[str, Any] = {
        "base": "none",
        "start_within_weeks": chosen.start_within_weeks,
        "teacher_units_per_week": chosen.teacher_units_per_week,
        "types": {},
    }
    for code, kind in chosen.types.items():
        fields = dict(codec.unstructure(kind))
        fields.pop("code", None)
        body["types"][code] = fields
    return str(tomli_w.dumps(body))


def _read(target: Path) -> Any:
    suffix = target.suffix.lower()
    if suffix not in (".toml", ".json"):
        raise InvalidData([f"expected a file ending in .toml or .json, got {target.name!r}"], source=str(target))
    try:
        payload = target.read_bytes()
    except OSError as exc:
        raise InvalidData([f"cannot read the file ({exc.strerror or exc})"], source=str(target)) from None
    try:
        if suffix == ".toml":
            import tomllib

            return tomllib.loads(payload.decode("utf-8-sig"))
        return json.loads(payload)
    except ValueError as exc:  # TOML, JSON and UTF-8 decoding errors alike
        raise InvalidData([f"not a valid {suffix[1:].upper()} file: {exc}"], source=str(target)) from None
    except RecursionError:  # both parsers recurse per nesting level
        raise InvalidData(
            [f"not a valid {suffix[1:].upper()} file: nested too deeply (arrays or tables within each other)"],
            source=str(target),
        ) from None


def _plain(value: Any) -> Any:
    """TOML gives dates as objects; the converter reads dates as text, like JSON has them."""
    return value.isoformat() if isinstance(value, date) else value


def _codec(host: Host | None) -> Codec:

    return host.codec if host is not None else default_codec()
