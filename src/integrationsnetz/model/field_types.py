"""Every model field checks the type of its value when an object is built.

attrs does not enforce annotations, and a value of the wrong type travels far before it fails:
``Meeting(kind="netwrok")`` was saved, and the document could not be loaded again. So each model
class passes :func:`typed_fields` to attrs as its ``field_transformer``, which gives every field a
converter made from its annotation. The converter takes what is unambiguous and returns it in the
field's own type (an enum's exact value becomes the member, a list becomes a tuple, a ``str``
subclass a plain ``str``) and refuses everything else with
:class:`~integrationsnetz.errors.InvalidField`, naming the class, the field and what was expected.

What is refused, beyond the plain type: ``bool`` where a number is expected, a ``datetime`` where a
``date`` is expected (it is a subclass), naive date-times, numbers that are not finite or do not fit
in 64 bits, and text holding lone surrogates. Each of these would be written by a store and then
refused (or silently changed) when read back.

The converter's fast pass (:mod:`integrationsnetz.serialization.fast_pass`) builds objects without calling
these converters, because it checks the same types while it reads.
"""

from __future__ import annotations

import contextlib
import math
import sys
from collections.abc import Callable, Mapping
from datetime import date, datetime
from enum import Enum
from types import NoneType, UnionType
from typing import Any, Literal, Union, get_args, get_origin

import attrs

from integrationsnetz.errors import InvalidField

#: The range a whole number must fit in: every store and JSON encoder holds 64-bit integers.
INT_RANGE = range(-(2**63), 2**63)

#: The years a date or date-time may lie in. Python's own limits (years 1 to 9999) are reached by
#: everyday arithmetic (an all-day event ending on 31 Dec 9999 has no exclusive end in a calendar;
#: a time near them has no UTC instant), and no network meets outside these.
YEARS = range(1900, 3000)

_Check = Callable[[Any], Any]

#: The converters :func:`typed_fields` made (so the fast pass can tell them from a plugin's own),
#: each with the namespace its annotation is read in: the module of the class that declared it.
_FIELD_CONVERTERS: dict[object, dict[str, Any]] = {}


class _Wrong(Exception):
    """A refused value; ``where`` is the position inside the field (``[2]``), if any."""

    def __init__(self, reason: str, where: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.where = where


def typed_fields(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """attrs ``field_transformer``: give every field a converter that checks its annotation."""
    checked = []
    for field in fields:
        if field.converter is None:
            namespace = vars(sys.modules[cls.__module__])
        elif is_field_converter(field.converter):  # inherited: named after this class from now on
            namespace = _FIELD_CONVERTERS[field.converter]
        else:
            checked.append(field)  # a converter of its own
            continue
        convert = _field_converter(cls.__name__, field.name, field.type, namespace)
        _FIELD_CONVERTERS[convert] = namespace
        checked.append(field.evolve(converter=convert))
    return checked


def is_field_converter(converter: object) -> bool:
    """Whether ``converter`` is one of the type checks :func:`typed_fields` added."""
    try:
        return converter in _FIELD_CONVERTERS
    except TypeError:  # an unhashable converter of a plugin's own
        return False


def type_problems(obj: object, path: str = "$") -> list[str]:
    """Every field of ``obj`` (and of the model objects inside it) holding a value of the wrong type.

    A constructor refuses such values, but ``object.__setattr__`` gets past it; code that walks a
    whole network (:func:`~integrationsnetz.check`) asks here first, so it reports them instead
    of failing on them. Lines read ``$.meetings[0].start: expected ...``.
    """
    cls = type(obj)
    if not attrs.has(cls):
        return []
    found = []
    for field in attrs.fields(cls):
        value = getattr(obj, field.name, None)
        where = f"{path}.{field.name}"
        if is_field_converter(field.converter):
            try:
                field.converter(value)
            except InvalidField as exc:
                found.append(f"{path}.{exc.field}: {exc.reason}")
                continue
        if isinstance(value, tuple):
            for index, item in enumerate(value):
                found.extend(type_problems(item, f"{where}[{index}]"))
        else:
            found.extend(type_problems(value, where))
    return found


def _field_converter(owner: str, name: str, annotation: Any, namespace: dict[str, Any]) -> _Check:
    check: _Check | None = None
    # Classes whose values are taken as they are, without a call (None for an optional field, an
    # enum's members, model objects, dates, bools), and whether plain ASCII text is: most values
    # a constructor sees are of these, and the converter runs for every field, defaults included.
    taken: frozenset[type] = frozenset()
    ascii_taken = False
    with contextlib.suppress(NameError):  # a class defined later in its module: resolved on first use
        kind = _resolve(annotation, namespace)
        check, taken, ascii_taken = _checker(kind), _taken_as_is(kind), str in _members(kind)

    def convert(value: Any) -> Any:
        nonlocal check
        cls = value.__class__
        if cls in taken or (cls is str and ascii_taken and value.isascii()):
            return value
        if check is None:
            check = _checker(_resolve(annotation, namespace))
        try:
            return check(value)
        except _Wrong as wrong:
            raise InvalidField(owner, name + wrong.where, wrong.reason) from None

    convert.__qualname__ = f"check {owner}.{name}"
    return convert


def _members(kind: Any) -> tuple[Any, ...]:
    """The types a field of type ``kind`` holds: ``(X, NoneType)`` for ``X | None``."""
    origin = get_origin(kind)
    return get_args(kind) if origin is Union or origin is UnionType else (kind,)


def _taken_as_is(kind: Any) -> frozenset[type]:
    return frozenset(
        member
        for member in _members(kind)
        if member in (NoneType, bool) or (isinstance(member, type) and (issubclass(member, Enum) or attrs.has(member)))
    )


def _resolve(annotation: Any, namespace: dict[str, Any]) -> Any:
    if isinstance(annotation, str):
        return eval(annotation, namespace)
    return annotation


def _checker(kind: Any) -> _Check:
    origin, args = get_origin(kind), get_args(kind)
    if origin is Union or origin is UnionType:
        members = tuple(arg for arg in args if arg is not NoneType)
        inner = _checker(members[0]) if len(members) == 1 else _instance_of(members)
        if len(members) == len(args):
            return inner
        return lambda value: None if value is None else inner(value)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _tuple_of(_checker(args[0]))
    if origin is frozenset:
        return _frozenset_of(_checker(args[0]))
    if origin is Literal:
        return _one_of(args)
    if origin is dict or origin is Mapping:
        return _mapping
    simple = _SIMPLE.get(kind)
    if simple is not None:
        return simple
    if isinstance(kind, type) and issubclass(kind, Enum):
        return _enum_of(kind)
    if isinstance(kind, type) and attrs.has(kind):
        return _instance_of((kind,))
    if kind is Any:
        return lambda value: value
    raise TypeError(f"no type check for the annotation {kind!r}")  # a new kind of field: add one


def _shown(value: object) -> str:
    if isinstance(value, int) and value.bit_length() > 200:  # repr() refuses over 4,300 digits
        return f"a number of about {int(value.bit_length() * 0.30103)} digits"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise _Wrong(f"expected a text, got {_shown(value)}")
    text = value if type(value) is str else str.__str__(value)  # a str subclass (an enum member) as plain text
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise _Wrong(f"expected valid Unicode text, got a lone surrogate in {_shown(text)}") from None
    return text


def _whole_number(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise _Wrong(f"expected a whole number, got {_shown(value)}")
    number = value if type(value) is int else int(value)
    if number not in INT_RANGE:
        raise _Wrong(f"expected a whole number that fits in 64 bits, got {_shown(number)}")
    return number


def _number(value: object) -> float:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise _Wrong(f"expected a number, got {_shown(value)}")
    try:
        number = value if type(value) is float else float(value)
    except OverflowError:
        raise _Wrong(f"expected a finite number, got {_shown(value)}") from None
    if not math.isfinite(number):
        raise _Wrong(f"expected a finite number, got {number}")
    return number


def _truth_value(value: Any) -> bool:
    if type(value) is not bool:
        raise _Wrong(f"expected True or False, got {_shown(value)}")
    return value


def _day(value: Any) -> date:
    if type(value) is not date:
        if isinstance(value, datetime):
            raise _Wrong(f"expected a date, got a date-time {_shown(value)}")
        if not isinstance(value, date):
            raise _Wrong(f"expected a date, got {_shown(value)}")
    if value.year not in YEARS:
        raise _Wrong(f"expected a date in the years {YEARS.start} to {YEARS.stop - 1}, got {value.isoformat()}")
    return value


def _moment(value: Any) -> datetime:
    if not isinstance(value, datetime):
        what = "a date" if isinstance(value, date) else _shown(value)
        raise _Wrong(f"expected a timezone-aware date-time, got {what}")
    if value.utcoffset() is None:
        raise _Wrong(f"expected a timezone-aware date-time, got the naive {value.isoformat()!r}")
    if value.year not in YEARS:
        raise _Wrong(f"expected a date-time in the years {YEARS.start} to {YEARS.stop - 1}, got {value.isoformat()}")
    return value


_SIMPLE: dict[Any, _Check] = {
    str: _text,
    int: _whole_number,
    float: _number,
    bool: _truth_value,
    date: _day,
    datetime: _moment,
}


def _enum_of(cls: type[Enum]) -> _Check:
    members = {member.value: member for member in cls}
    choices = ", ".join(repr(value) for value in members)

    def member(value: Any) -> Enum:
        if value.__class__ is cls:
            return value
        if type(value) is str:
            found = members.get(value)
            if found is not None:
                return found
        raise _Wrong(f"expected one of {choices}, got {_shown(value)}")

    return member


def _tuple_of(element: _Check) -> _Check:
    def items(value: Any) -> tuple[Any, ...]:
        if type(value) is not tuple and type(value) is not list:
            raise _Wrong(f"expected a tuple or list, got {_shown(value)}")
        checked = []
        for index, item in enumerate(value):
            try:
                checked.append(element(item))
            except _Wrong as wrong:
                raise _Wrong(wrong.reason, f"[{index}]{wrong.where}") from None
        return tuple(checked)

    return items


def _frozenset_of(element: _Check) -> _Check:
    def items(value: Any) -> frozenset[Any]:
        if not isinstance(value, (set, frozenset, list, tuple)):
            raise _Wrong(f"expected a set, got {_shown(value)}")
        return frozenset(element(item) for item in value)

    return items


def _one_of(choices: tuple[Any, ...]) -> _Check:
    shown = ", ".join(repr(choice) for choice in choices)

    def choice(value: Any) -> Any:
        if any(value == option and type(value) is type(option) for option in choices):
            return value
        raise _Wrong(f"expected one of {shown}, got {_shown(value)}")

    return choice


def _mapping(value: Any) -> Any:
    if not isinstance(value, Mapping):
        raise _Wrong(f"expected a mapping, got {_shown(value)}")
    return value


def _instance_of(classes: tuple[type, ...]) -> _Check:
    names = " or ".join(cls.__name__ for cls in classes)
    article = "an" if names[0] in "AEIOU" else "a"

    def instance(value: Any) -> Any:
        if not isinstance(value, classes):
            raise _Wrong(f"expected {article} {names}, got {_shown(value)}")
        return value

    return instance
