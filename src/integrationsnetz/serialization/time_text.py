"""Dates and date-times as text: RFC 9557 (``2024-10-14T09:00:00+02:00[Europe/Berlin]``) and ``YYYY-MM-DD``.

The zone's name follows the offset in brackets, so it survives a round trip; a date-time
without a UTC offset is refused. Loading a year of meetings reads the same few texts again and
again, so both directions keep what they have done before (bounded).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from integrationsnetz.model.field_types import YEARS
from integrationsnetz.serialization.strict import Expected, shown


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
        raise Expected(f"expected a date-time text with a UTC offset, got {shown(text)}")
    stamp, bracket, rest = text.partition("[")
    try:
        value = datetime.fromisoformat(stamp)
    except ValueError:
        raise Expected(f"expected a date-time with a UTC offset, got {shown(text)}") from None
    if value.tzinfo is None:
        raise Expected(f"expected a date-time with a UTC offset, got {shown(text)}")
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
        raise Expected(f"expected a date-time in the years {YEARS.start} to {YEARS.stop - 1}, got {value.isoformat()}")
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
            raise Expected(f"offset {stamp[19:] or '?'} does not match {zone.key} on that day, got {shown(text)}")
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
        raise Expected(f"expected a known time zone name in [...], got {shown(text)}")
    if len(_ZONES) < 1000:
        _ZONES[rest] = zone
    return zone


def structure_datetime(text: object, _: Any) -> datetime:
    """:func:`parse_datetime` as a converter hook (the fast pass calls :func:`parse_datetime` directly)."""
    return parse_datetime(text)


def structure_date(text: object, _: Any) -> date:
    """A date as ``YYYY-MM-DD`` text (or a native TOML date) in the years the model holds."""
    if type(text) is date:  # a TOML document may hold a native date
        day = text
    elif type(text) is not str or len(text) != 10 or text[4] != "-" or text[7] != "-" or not text.isascii():
        raise Expected(f"expected a date as YYYY-MM-DD, got {shown(text)}")  # not 2025-W11-3 either
    else:
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise Expected(f"expected a date as YYYY-MM-DD, got {shown(text)}") from None
    if day.year not in YEARS:
        raise Expected(f"expected a date in the years {YEARS.start} to {YEARS.stop - 1}, got {day.isoformat()}")
    return day
