"""The converter between model objects and plain data (JSON and TOML documents, store rows).

:func:`configure_converter` is the one configuration; plugins extend it through the
``configure_converter`` hook. A :class:`Codec` holds two converters built by it: a fast one
(cattrs without detailed validation), and a detailed one that runs only when the fast one fails,
so every problem is reported with its path without making the common case slow.

Wire rules:

* strict scalars: ``"5"`` is not an int, ``"false"`` not a bool, ``5`` not a string;
* timed values are RFC 9557 text, ``2024-10-14T09:00:00+02:00[Europe/Berlin]``, so the zone
  name survives a round trip; a date-time without a UTC offset is an error;
* unknown keys are errors; fields at their default are left out (TOML has no null);
* a TOML document may also hold native TOML dates and offset date-times (hand-edited files).
"""

from __future__ import annotations

import gc
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from enum import Enum, StrEnum
from types import MemberDescriptorType
from typing import Any, TypeVar, get_args, get_origin
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs
import cattrs
import orjson
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.fns import identity
from cattrs.strategies import configure_tagged_union

from integrationsnetz.errors import InvalidData, InvalidField
from integrationsnetz.model.entity import (
    KNOWN_VALID_IDS,
    validate_aware,
    validate_id,
    validate_ids,
    validate_non_negative,
    validate_not_blank,
    validate_optional_id,
)
from integrationsnetz.model.events import AllDay, Timed
from integrationsnetz.model.field_types import INT_RANGE, YEARS, is_field_converter

T = TypeVar("T")

#: Version of the document and store layout this library writes. Bump it with a migration.
SCHEMA_VERSION = 1


class Expected(ValueError):
    """A value of the wrong shape; the message says what was expected and what came."""


def _shown(value: object) -> str:
    if isinstance(value, int) and value.bit_length() > 200:  # repr() refuses over 4,300 digits
        return f"a number of about {int(value.bit_length() * 0.30103)} digits"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def format_datetime(value: datetime) -> str:
    """RFC 9557 text: ISO 8601 with offset, plus ``[Zone/Name]`` when the zone has one."""
    tz = value.tzinfo
    if isinstance(tz, ZoneInfo) and type(value) is datetime:
        # Equal datetimes in one zone with one fold have the same wall time: the same text.
        key = (value, tz, value.fold)
        known = _FORMATTED.get(key)
        if known is None:
            if len(_FORMATTED) >= _SHARED_LIMIT:
                _FORMATTED.clear()
            known = _FORMATTED[key] = f"{value.isoformat()}[{tz.key}]"
        return known
    text = value.isoformat()
    if tz is UTC:
        return text.replace("+00:00", "Z")
    return text


def parse_datetime(text: object) -> datetime:
    """Read RFC 9557 text back into an aware datetime (a ZoneInfo when the name is given)."""
    if type(text) is str:
        known = _PARSED.get(text)
        if known is not None:
            return known
    else:
        if type(text) is datetime:  # a TOML document may hold a native date-time
            if text.utcoffset() is None:
                raise Expected(f"expected a date-time with a UTC offset, got {text.isoformat()!r}")
            return _in_years(text)
        raise Expected(f"expected a date-time text with a UTC offset, got {_shown(text)}")
    stamp, bracket, rest = text.partition("[")
    try:
        value = datetime.fromisoformat(stamp)
    except ValueError:
        raise Expected(f"expected a date-time with a UTC offset, got {_shown(text)}") from None
    if value.tzinfo is None:
        raise Expected(f"expected a date-time with a UTC offset, got {_shown(text)}")
    _in_years(value)
    if not bracket:
        return value
    local = _in_zone(value, rest, text, stamp)
    if len(_PARSED) >= _SHARED_LIMIT:
        _PARSED.clear()
    _PARSED[text] = local
    return local


def _in_years(value: datetime) -> datetime:
    if value.year not in YEARS:
        raise Expected(
            f"expected a date-time in the years {YEARS.start} to {YEARS.stop - 1}, got {value.isoformat()}"
        )
    return value


# Times in a named zone repeat (meetings start on the hour, on the same days), and a datetime is
# immutable: each text is parsed once and its datetime shared, as invitations are, and each time
# formatted once. UTC stamps (``created``, ``modified``) are unique and so not kept.
_PARSED: dict[str, datetime] = {}
_FORMATTED: dict[tuple[datetime, ZoneInfo, int], str] = {}  # the other way round
_SHARED_LIMIT = 20_000


def _in_zone(value: datetime, rest: str, text: str, stamp: str) -> datetime:
    """``value`` (as parsed, with its offset) in the zone named by ``rest``: the time as written."""
    zone = _ZONES.get(rest)
    if zone is None:
        zone = _zone(rest, text)
    offset = value.utcoffset()
    # The same instant in the named zone: the common case, three times cheaper than replace().
    # Equal offsets mean the wall time is the one written (and the fold the right one).
    local = value.astimezone(zone)
    if local.utcoffset() == offset:
        return local
    # Keep the wall time as written; the offset picks the fold (the repeated hour in autumn, and
    # even a wall time skipped in spring, which Python can hold and so must round-trip).
    local = value.replace(tzinfo=zone)
    if local.utcoffset() != offset:
        local = local.replace(fold=1)
        if local.utcoffset() != offset:
            raise Expected(f"offset {stamp[19:] or '?'} does not match {zone.key} on that day, got {_shown(text)}")
    return local


_ZONES: dict[str, ZoneInfo] = {}  # "Europe/Berlin]" (as it follows the "[") -> its zone


def _zone(rest: str, text: str) -> ZoneInfo:
    name = rest[:-1] if rest.endswith("]") else None
    if name and name.startswith("!"):
        name = name[1:]
    try:
        zone = ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        zone = None
    if zone is None:
        raise Expected(f"expected a known time zone name in [...], got {_shown(text)}")
    if len(_ZONES) < 1000:
        _ZONES[rest] = zone
    return zone


def _structure_datetime(text: object, _: Any) -> datetime:
    return parse_datetime(text)


def _parse_date(text: object, _: Any) -> date:
    if type(text) is date:  # a TOML document may hold a native date
        day = text
    elif type(text) is not str or len(text) != 10 or text[4] != "-" or text[7] != "-" or not text.isascii():
        raise Expected(f"expected a date as YYYY-MM-DD, got {_shown(text)}")  # not 2025-W11-3 either
    else:
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise Expected(f"expected a date as YYYY-MM-DD, got {_shown(text)}") from None
    if day.year not in YEARS:
        raise Expected(f"expected a date in the years {YEARS.start} to {YEARS.stop - 1}, got {day.isoformat()}")
    return day


def _str(value: object, _: Any) -> str:
    if type(value) is str:
        return value
    raise Expected(f"expected a string, got {_shown(value)}")


def _int(value: object, _: Any) -> int:
    if type(value) is int:
        if value in INT_RANGE:
            return value
        raise Expected(f"expected a whole number that fits in 64 bits, got {_shown(value)}")
    raise Expected(f"expected a whole number, got {_shown(value)}")


def _float(value: object, _: Any) -> float:
    if type(value) is float or type(value) is int:
        try:
            number = float(value)
        except OverflowError:
            number = math.inf
        if math.isfinite(number):
            return number
        raise Expected(f"expected a finite number, got {_shown(value)}")
    raise Expected(f"expected a number, got {_shown(value)}")


def _bool(value: object, _: Any) -> bool:
    if type(value) is bool:
        return value
    raise Expected(f"expected true or false, got {_shown(value)}")


_ENUM_MEMBERS: dict[type[Enum], dict[object, Enum]] = {}


def _enum(value: object, cls: type[Enum]) -> Enum:
    members = _ENUM_MEMBERS.get(cls)
    if members is None:
        members = _ENUM_MEMBERS[cls] = {member.value: member for member in cls}
    try:
        return members[value]
    except (KeyError, TypeError):
        choices = ", ".join(repr(choice) for choice in members)
        raise Expected(f"expected one of {choices}, got {_shown(value)}") from None


def _str_tuple(value: object, _: Any) -> tuple[str, ...]:
    if type(value) is list or type(value) is tuple:
        for item in value:
            if type(item) is not str:
                raise Expected(f"expected a list of strings, got {_shown(value)}")
        return tuple(value)
    raise Expected(f"expected a list of strings, got {_shown(value)}")


def _is_homogeneous_tuple(cls: Any) -> bool:
    args = get_args(cls)
    return get_origin(cls) is tuple and len(args) == 2 and args[1] is Ellipsis


def _require_list(value: object) -> None:
    if type(value) is not list and type(value) is not tuple:
        raise Expected(f"expected a list, got {_shown(value)}")


def configure_converter(converter: cattrs.Converter) -> None:
    """Register the library's hooks on ``converter``: scalars, time, tuples and tagged unions.

    Plugins add their own hooks afterwards (the ``configure_converter`` hook).
    """
    for scalar, structure in ((str, _str), (int, _int), (float, _float), (bool, _bool)):
        converter.register_structure_hook(scalar, structure)
    # A StrEnum is a str too; registering StrEnum puts it ahead of str in the MRO lookup.
    converter.register_structure_hook(StrEnum, _enum)
    converter.register_structure_hook(Enum, _enum)
    converter.register_structure_hook(datetime, _structure_datetime)
    converter.register_unstructure_hook(datetime, format_datetime)
    converter.register_structure_hook(date, _parse_date)
    converter.register_unstructure_hook(date, date.isoformat)
    converter.register_structure_hook_func(lambda cls: cls == tuple[str, ...], _str_tuple)
    converter.register_unstructure_hook_func(lambda cls: cls == tuple[str, ...], list)
    converter.register_unstructure_hook(timedelta, lambda value: int(value.total_seconds()))
    converter.register_structure_hook(timedelta, lambda value, _: timedelta(seconds=_int(value, None)))

    def tuple_hook_factory(cls: Any) -> Callable[[Any, Any], Any]:
        element = get_args(cls)[0]
        element_hook = converter.get_structure_hook(element)
        if not converter.detailed_validation:

            def fast(value: Any, _: Any) -> tuple[Any, ...]:
                _require_list(value)
                return tuple([element_hook(item, element) for item in value])

            return fast

        def detailed(value: Any, _: Any) -> tuple[Any, ...]:
            _require_list(value)
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
        lambda cls: _is_homogeneous_tuple(cls) and get_args(cls)[0] is not str, tuple_hook_factory
    )

    def tuple_unstructure_factory(cls: Any) -> Callable[[Any], Any]:
        # A plain list comprehension over the element's own hook: cattrs' generic iterable hook
        # dispatches per element.
        element_hook = converter.get_unstructure_hook(get_args(cls)[0])
        return lambda value: [element_hook(item) for item in value]

    converter.register_unstructure_hook_factory(
        lambda cls: _is_homogeneous_tuple(cls) and get_args(cls)[0] is not str, tuple_unstructure_factory
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
        converter.register_structure_hook_factory(_plain_attrs_class, lambda cls: _fast_structure_fn(cls, converter))
        converter.register_unstructure_hook_factory(
            _plain_attrs_class, lambda cls: _fast_unstructure_fn(cls, converter)
        )


class _Refused(Exception):
    """Raised by the fast path only; the detailed pass then says what is wrong and where."""


def _plain_attrs_class(cls: Any) -> bool:
    if not (isinstance(cls, type) and attrs.has(cls)):
        return False
    return all(
        field.init and (field.converter is None or is_field_converter(field.converter)) and field.alias == field.name
        for field in attrs.fields(cls)
    )


# A whole number must also fit in 64 bits (a TOML document may hold a larger one).
_CHECKED_SCALARS = {
    str: "{v}.__class__ is not str",
    int: "{v}.__class__ is not int or not -9223372036854775808 <= {v} <= 9223372036854775807",
    bool: "{v}.__class__ is not bool",
}

# For the model's common validators, a cheap test that is enough for the validator to pass: the
# fast pass calls the validator only when the test fails (and the validator then decides). Each
# test must imply its validator's success; the property tests check the fast and detailed passes
# agree on every injected defect.
_PASSES = {
    validate_id: "{v}.__class__ is str and {v} in _known_ids",
    validate_optional_id: "{v} is None or {v} in _known_ids",
    validate_ids: "_known_ids.issuperset({v})",
    validate_non_negative: "{v} is None or ({v}.__class__ is int and {v} >= 0)",
    validate_not_blank: "{v}.__class__ is str and {v} != '' and not {v}[0].isspace()",
    validate_aware: "{v} is None or {v}.tzinfo.__class__ is _ZoneInfo or {v}.tzinfo is _UTC",
}


def _slot_setters(cls: type, names: Iterable[str]) -> dict[str, Callable[[Any, Any], None]] | None:
    """The slot descriptors' setters for ``names``, or None unless the fields are exactly the slots."""
    slots = {slot for klass in cls.__mro__ for slot in getattr(klass, "__slots__", ())} - {"__weakref__"}
    names = list(names)
    if slots != set(names):
        return None  # not slotted, or an extra slot (a cached hash) that __init__ would fill
    setters = {}
    for name in names:
        descriptor = getattr(cls, name, None)
        if not isinstance(descriptor, MemberDescriptorType):
            return None
        setters[name] = descriptor.__set__
    return setters


_INTERNED_LIMIT = 100_000  # shared objects kept per class, at most


def _fast_structure_fn(cls: type, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """A structure hook for the fast pass, generated per class.

    It does what cattrs' generated hook and the class's ``__init__`` do together, with less
    per-field overhead: a field's type is checked inline (``type(v) is str``), an enum value is a
    dict look-up, unknown keys are found by counting the known ones, and the object is built by
    setting its slots directly; then the class's validators and ``__attrs_post_init__`` run in the
    order ``__init__`` runs them (a validator is skipped when a cheap test in ``_PASSES`` already
    shows it would pass). Anything it refuses raises :class:`_Refused` (or the model's own error):
    the codec then runs the detailed converter, which reports every problem with its path.

    Objects made only of ids and enum members (an ``Invitation``) are shared: frozen and equal,
    one object serves every meeting that invites the same person with the same status.
    """
    attrs.resolve_types(cls)
    fields = attrs.fields(cls)
    setters = None if hasattr(cls, "__attrs_pre_init__") else _slot_setters(cls, (f.name for f in fields))
    namespace: dict[str, Any] = {
        "_cls": cls,
        "_new": object.__new__,
        "_Refused": _Refused,
        "_known_ids": KNOWN_VALID_IDS,
        "_ZoneInfo": ZoneInfo,
        "_UTC": UTC,
    }
    lines = [
        "def structure(o, _=None):",
        "    if o.__class__ is not dict:",
        "        raise _Refused",
        "    n = len(o)",  # minus the optional fields present: what is left must be the required ones
    ]
    checks: list[str] = []
    for index, field in enumerate(fields):
        name, kind, value = field.name, field.type, f"v{index}"
        optional = False
        args = get_args(kind)
        if len(args) == 2 and type(None) in args and get_origin(kind) is not tuple:
            optional, kind = True, next(arg for arg in args if arg is not type(None))
        if kind in _CHECKED_SCALARS:
            check = f"if {_CHECKED_SCALARS[kind].format(v=value)}: raise _Refused"
        elif isinstance(kind, type) and issubclass(kind, Enum):
            namespace[f"_m{index}"] = {member.value: member for member in kind}
            check = f"{value} = _m{index}[{value}]"
        else:
            field_hook = converter.get_structure_hook(kind)
            element = get_args(kind)[0] if _is_homogeneous_tuple(kind) else None
            element_hook = None if element is None else converter.get_structure_hook(element)
            if field_hook is _structure_datetime:  # skip the hook's two-argument wrapper
                namespace["_parse_datetime"] = parse_datetime
                check = f"{value} = _parse_datetime({value})"
            elif getattr(element_hook, "generated_fast_pass", False):  # a tuple of model objects
                namespace[f"_e{index}"] = element_hook
                check = (
                    f"if {value}.__class__ is not list and {value}.__class__ is not tuple: raise _Refused\n"
                    f"{value} = tuple(map(_e{index}, {value}))"
                )
            else:
                namespace[f"_h{index}"], namespace[f"_t{index}"] = field_hook, kind
                check = f"{value} = _h{index}({value}, _t{index})"
        body = [f"{value} = o[{name!r}]"]
        checks_lines = check.split("\n")
        body += [f"if {value} is not None:", *("    " + line for line in checks_lines)] if optional else checks_lines
        if field.default is attrs.NOTHING:
            lines += ["    " + line for line in body]
        else:
            lines.append(f"    if {name!r} in o:")
            lines += ["        " + line for line in [*body, "n -= 1"]]
            lines.append("    else:")
            if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
                if field.default.takes_self:
                    setters = None
                namespace[f"_d{index}"] = field.default.factory
                lines.append(f"        {value} = _d{index}()")
            else:
                namespace[f"_d{index}"] = field.default
                lines.append(f"        {value} = _d{index}")
        if field.validator is not None:
            namespace[f"_v{index}"], namespace[f"_a{index}"] = field.validator, field
            call = f"_v{index}(self, _a{index}, {value})"
            passes = _PASSES.get(field.validator)
            checks.append(call if passes is None else f"if not ({passes.format(v=value)}): {call}")
    required = sum(1 for field in fields if field.default is attrs.NOTHING)
    lines += [f"    if n != {required}:", "        raise _Refused"]  # an unknown key
    if setters is None:  # not a plain slotted class: let its own __init__ build it
        keywords = ", ".join(f"{field.name}=v{index}" for index, field in enumerate(fields))
        lines.append(f"    return _cls({keywords})")
    else:
        interned = not hasattr(cls, "__attrs_post_init__") and all(
            field.validator is validate_id or (isinstance(field.type, type) and issubclass(field.type, Enum))
            for field in fields
        )
        if interned:
            # Only ids and enum members: values from small sets that repeat (the same people are
            # invited to every meeting), so equal objects are shared, as Python shares small ints.
            namespace["_interned"] = {}
            key = "(" + "".join(f"v{index}, " for index in range(len(fields))) + ")"
            lines += [f"    self = _interned.get({key})", "    if self is not None:", "        return self"]
        lines.append("    self = _new(_cls)")
        for index, field in enumerate(fields):
            namespace[f"_s{index}"] = setters[field.name]
            lines.append(f"    _s{index}(self, v{index})")
        lines += ["    " + check for check in checks]
        if hasattr(cls, "__attrs_post_init__"):
            lines.append("    self.__attrs_post_init__()")
        if interned:
            lines += [f"    if len(_interned) < {_INTERNED_LIMIT}:", f"        _interned[{key}] = self"]
        lines.append("    return self")
    exec(compile("\n".join(lines), f"<fast structure {cls.__qualname__}>", "exec"), namespace)
    hook: Callable[[Any, Any], Any] = namespace["structure"]
    hook.generated_fast_pass = True  # type: ignore[attr-defined]  # its callers may call it with one argument
    return hook


def _fast_unstructure_fn(cls: type, converter: cattrs.Converter) -> Callable[[Any], Any]:
    """An unstructure hook for the fast converter, generated per class.

    The same plain data as cattrs' generated hook (required fields first, then the others in
    order, each left out at its default), with less per-field overhead: a value whose hook is the
    identity is taken as it is, ``None`` and empty-tuple defaults are tested with ``is`` and
    truth, an optional value's hook is called directly (not through cattrs' optional wrapper),
    and a tuple of model objects is mapped straight to their hook.
    """
    attrs.resolve_types(cls)
    namespace: dict[str, Any] = {}
    required: list[str] = []
    optional: list[str] = []
    for index, field in enumerate(attrs.fields(cls)):
        name, kind, value = field.name, field.type, f"v{index}"
        args = get_args(kind)
        nullable = len(args) == 2 and type(None) in args and get_origin(kind) is not tuple
        if nullable:
            kind = next(arg for arg in args if arg is not type(None))
        hook = converter.get_unstructure_hook(kind)
        element_hook = converter.get_unstructure_hook(get_args(kind)[0]) if _is_homogeneous_tuple(kind) else None
        if hook is identity:
            expression = value
        elif getattr(element_hook, "generated_fast_pass", False):
            namespace[f"_u{index}"] = element_hook
            expression = f"list(map(_u{index}, {value}))"
        else:
            namespace[f"_h{index}"] = hook
            expression = f"_h{index}({value})"
        if nullable and expression != value:
            expression = f"None if {value} is None else {expression}"
        read = f"{value} = self.{name}"
        if field.default is attrs.NOTHING:
            required += [read, f"d[{name!r}] = {expression}"]
            continue
        default = field.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            condition = f"{value} != _d{index}()"
            namespace[f"_d{index}"] = default.factory
        elif default is None:
            condition = f"{value} is not None"
        elif default == () and type(default) is tuple:
            condition = f"{value} != ()"
        elif isinstance(default, Enum):
            condition = f"{value} is not _d{index}"
            namespace[f"_d{index}"] = default
        else:
            condition = f"{value} != _d{index}"
            namespace[f"_d{index}"] = default
        optional += [read, f"if {condition}:", f"    d[{name!r}] = {expression}"]
    lines = ["def unstructure(self):", "    d = {}", *("    " + line for line in required + optional), "    return d"]
    exec(compile("\n".join(lines), f"<fast unstructure {cls.__qualname__}>", "exec"), namespace)
    hook_fn: Callable[[Any], Any] = namespace["unstructure"]
    hook_fn.generated_fast_pass = True  # type: ignore[attr-defined]
    return hook_fn


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
