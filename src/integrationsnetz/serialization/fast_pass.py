"""The fast converter's hooks, generated per model class: build and take apart objects with little overhead.

They accept exactly what the detailed converter accepts and refuse the rest by raising; the
codec then runs the detailed converter, which names every problem with its path. Property tests
check both passes agree on every injected defect.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC
from enum import Enum
from types import MemberDescriptorType
from typing import Any, get_args, get_origin
from zoneinfo import ZoneInfo

import attrs
import cattrs
from cattrs.fns import identity

from integrationsnetz.model.entity import (
    KNOWN_VALID_IDS,
    validate_aware,
    validate_id,
    validate_ids,
    validate_non_negative,
    validate_not_blank,
    validate_optional_id,
)
from integrationsnetz.model.field_types import is_field_converter
from integrationsnetz.serialization.strict import is_homogeneous_tuple
from integrationsnetz.serialization.time_text import parse_datetime, structure_datetime


class _Refused(Exception):
    """Raised by the fast path only; the detailed pass then says what is wrong and where."""


def plain_attrs_class(cls: Any) -> bool:
    """Whether the fast hooks can build ``cls``: an attrs class whose fields are all set by name in ``__init__``."""
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


def fast_structure_fn(cls: type, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
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
            element = get_args(kind)[0] if is_homogeneous_tuple(kind) else None
            element_hook = None if element is None else converter.get_structure_hook(element)
            if field_hook is structure_datetime:  # skip the hook's two-argument wrapper
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


def fast_unstructure_fn(cls: type, converter: cattrs.Converter) -> Callable[[Any], Any]:
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
        element_hook = converter.get_unstructure_hook(get_args(kind)[0]) if is_homogeneous_tuple(kind) else None
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
