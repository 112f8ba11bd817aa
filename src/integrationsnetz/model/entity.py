"""What every stored entity has: a stable id and its storage bookkeeping.

The validators here are the model's boundary checks; they run when an object is built, so an
object that exists is an object that is valid on its own (cross-references are checked by
:func:`integrationsnetz.integrity.check`, because they need the whole network).
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import attrs

from integrationsnetz.errors import InvalidField
from integrationsnetz.model.field_types import typed_fields

MAX_ID_LENGTH = 200


def refuse(instance: object, field: str, reason: str) -> InvalidField:
    """The error a validator raises: it names the class, the field and what was wrong."""
    return InvalidField(type(instance).__name__, field, reason)


def _bad_id_reason(value: object) -> str | None:
    if not isinstance(value, str):
        return f"expected a string id, got {type(value).__name__}"
    if not value:
        return "an id cannot be empty"
    if len(value) > MAX_ID_LENGTH:
        return f"an id has at most {MAX_ID_LENGTH} characters, got {len(value)}"
    if value in {".", ".."}:
        return f"{value!r} is not a usable id"
    if "/" in value or "\\" in value:
        return f"an id cannot hold a path separator, got {value!r}"
    # isprintable() is False for every control, format and line/paragraph separator character
    # (and for some harmless ones): the per-character look-up runs only for those rare ids.
    if not value.isprintable() and any(unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp"} for ch in value):
        return f"an id cannot hold a control character, got {value!r}"
    if value != value.strip():
        return f"an id cannot start or end with white space, got {value!r}"
    return None


#: Ids seen valid before: a document repeats the same actor ids in every invitation and agenda
#: item, so remembering them saves most of the checking (the converter's fast pass reads it too).
#: Bounded; cleared when full.
KNOWN_VALID_IDS: set[str] = set()
KNOWN_VALID_IDS_LIMIT = 200_000


def _check_id(value: object) -> str | None:
    if value.__class__ is str and value in KNOWN_VALID_IDS:
        return None
    reason = _bad_id_reason(value)
    if reason is None:
        if len(KNOWN_VALID_IDS) >= KNOWN_VALID_IDS_LIMIT:
            KNOWN_VALID_IDS.clear()
        KNOWN_VALID_IDS.add(value)  # type: ignore[arg-type]  # a valid id is a str
    return reason


def is_valid_id(value: object) -> bool:
    """Whether ``value`` can serve as an id (so stores can use it as a file name or key)."""
    return _check_id(value) is None


def validate_id(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: ids are safe as file names, URL parts and database keys."""
    reason = _check_id(value)
    if reason is not None:
        raise refuse(instance, attribute.name, reason)


def validate_ids(instance: Any, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    """attrs validator for a tuple of references."""
    for position, item in enumerate(value):
        reason = _check_id(item)
        if reason is not None:
            raise refuse(instance, f"{attribute.name}[{position}]", reason)


def validate_optional_id(instance: Any, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """attrs validator for an optional reference."""
    if value is not None:
        validate_id(instance, attribute, value)


def validate_aware(instance: Any, attribute: attrs.Attribute[Any], value: datetime | None) -> None:
    """Timed values must know their zone: a naive 09:00 means nothing to a calendar."""
    if value is not None and (value.tzinfo is None or value.utcoffset() is None):
        raise refuse(instance, attribute.name, f"expected a timezone-aware date-time, got {value.isoformat()!r}")


#: The schemes of a web address: what a calendar client or a browser may open without running anything.
WEB_SCHEMES = frozenset({"http", "https"})


def is_web_address(url: str) -> bool:
    """Whether ``url`` is an ``http``/``https`` address with a host (never ``javascript:``, ``file:``, ``data:``).

    The one rule for addresses people click: the model's ``online_url`` and the calendar import's ``URL``.
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.netloc)


def validate_optional_web_address(instance: Any, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """attrs validator: a link a document prints and a calendar opens must be a web address."""
    if value is not None and isinstance(value, str) and not is_web_address(value):
        shown = value if len(value) <= 40 else f"{value[:40]}…"
        raise refuse(instance, attribute.name, f"expected a web address (http or https), got {shown!r}")


def validate_not_blank(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    """Names and titles are what people read: they cannot be empty."""
    if not value.strip():
        raise refuse(instance, attribute.name, "cannot be empty")


def validate_non_negative(instance: Any, attribute: attrs.Attribute[Any], value: int | None) -> None:
    """Counts and capacities are never negative."""
    if value is not None and value < 0:
        raise refuse(instance, attribute.name, f"expected a number >= 0, got {value}")


def instant(value: datetime) -> datetime:
    """The same moment in UTC.

    Python compares and subtracts two datetimes that share a ``tzinfo`` by their wall-clock
    time, ignoring ``fold``: 02:30 after the autumn switch would count as before 02:45 of the
    hour before. Compare and subtract instants instead.
    """
    return value.astimezone(UTC)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Entity:
    """The base of every stored entity.

    ``created``, ``modified`` and ``revision`` belong to the store: a new object has revision 0
    and no timestamps; every successful write raises the revision by one and stamps
    ``modified``, which is what optimistic concurrency and "changed since" sync rest on.
    """

    id: str = attrs.field(validator=validate_id)
    created: datetime | None = attrs.field(default=None, validator=validate_aware)
    modified: datetime | None = attrs.field(default=None, validator=validate_aware)
    revision: int = attrs.field(default=0, validator=validate_non_negative)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class NetworkPart(Entity):
    """An entity that belongs to one network; ``network_id`` keeps districts apart in a shared store."""

    network_id: str = attrs.field(validator=validate_id)
