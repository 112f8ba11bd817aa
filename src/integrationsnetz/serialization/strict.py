"""The strict hooks for single values: ``"5"`` is not an int, ``"false"`` not a bool, ``5`` not a string.

Each hook takes exactly its own type and raises :class:`Expected` otherwise, saying what was
expected and what came; the codec turns that into a problem with its path.
"""

from __future__ import annotations

import math
from enum import Enum
from typing import Any, get_args, get_origin

from integrationsnetz.model.field_types import INT_RANGE


class Expected(ValueError):
    """A value of the wrong shape; the message says what was expected and what came."""


def shown(value: object) -> str:
    """``value`` as an error message shows it: its repr, cut short; a huge number by its length."""
    if isinstance(value, int) and value.bit_length() > 200:  # repr() refuses over 4,300 digits
        return f"a number of about {int(value.bit_length() * 0.30103)} digits"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def structure_str(value: object, _: Any) -> str:
    """A string, and only a string."""
    if type(value) is str:
        return value
    raise Expected(f"expected a string, got {shown(value)}")


def structure_int(value: object, _: Any) -> int:
    """A whole number that fits in 64 bits (not a bool, not a float, not text)."""
    if type(value) is int:
        if value in INT_RANGE:
            return value
        raise Expected(f"expected a whole number that fits in 64 bits, got {shown(value)}")
    raise Expected(f"expected a whole number, got {shown(value)}")


def structure_float(value: object, _: Any) -> float:
    """A finite number; a whole number is taken as a float."""
    if type(value) is float or type(value) is int:
        try:
            number = float(value)
        except OverflowError:
            number = math.inf
        if math.isfinite(number):
            return number
        raise Expected(f"expected a finite number, got {shown(value)}")
    raise Expected(f"expected a number, got {shown(value)}")


def structure_bool(value: object, _: Any) -> bool:
    """``true`` or ``false``, not ``1`` or ``"false"``."""
    if type(value) is bool:
        return value
    raise Expected(f"expected true or false, got {shown(value)}")


_ENUM_MEMBERS: dict[type[Enum], dict[object, Enum]] = {}


def structure_enum(value: object, cls: type[Enum]) -> Enum:
    """The member of ``cls`` with this value; the error lists the values it could have been."""
    members = _ENUM_MEMBERS.get(cls)
    if members is None:
        members = _ENUM_MEMBERS[cls] = {member.value: member for member in cls}
    try:
        return members[value]
    except (KeyError, TypeError):
        choices = ", ".join(repr(choice) for choice in members)
        raise Expected(f"expected one of {choices}, got {shown(value)}") from None


def structure_str_tuple(value: object, _: Any) -> tuple[str, ...]:
    """A list of strings as a tuple."""
    if type(value) is list or type(value) is tuple:
        for item in value:
            if type(item) is not str:
                raise Expected(f"expected a list of strings, got {shown(value)}")
        return tuple(value)
    raise Expected(f"expected a list of strings, got {shown(value)}")


def is_homogeneous_tuple(cls: Any) -> bool:
    """Whether ``cls`` is ``tuple[X, ...]``, which the wire holds as a list."""
    args = get_args(cls)
    return get_origin(cls) is tuple and len(args) == 2 and args[1] is Ellipsis


def require_list(value: object) -> None:
    """Raise :class:`Expected` unless ``value`` is a list (or a tuple)."""
    if type(value) is not list and type(value) is not tuple:
        raise Expected(f"expected a list, got {shown(value)}")
