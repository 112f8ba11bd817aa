"""The network itself and the region (Landkreis or city) it serves."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Any

import attrs

from integrationsnetz.model.contacts import ContactPoint
from integrationsnetz.model.entity import Entity, refuse, validate_not_blank
from integrationsnetz.model.field_types import typed_fields


class State(StrEnum):
    """The German states by their ISO 3166-2 subdivision code (what holiday calendars key on)."""

    BW = "BW"
    BY = "BY"
    BE = "BE"
    BB = "BB"
    HB = "HB"
    HH = "HH"
    HE = "HE"
    MV = "MV"
    NI = "NI"
    NW = "NW"
    RP = "RP"
    SL = "SL"
    SN = "SN"
    ST = "ST"
    SH = "SH"
    TH = "TH"


# The first two digits of an official municipality key (AGS) name the state.
STATE_BY_AGS_PREFIX: dict[str, State] = {
    "01": State.SH, "02": State.HH, "03": State.NI, "04": State.HB, "05": State.NW, "06": State.HE,
    "07": State.RP, "08": State.BW, "09": State.BY, "10": State.SL, "11": State.BE, "12": State.BB,
    "13": State.MV, "14": State.SN, "15": State.ST, "16": State.TH,
}  # fmt: skip

_AGS = re.compile(r"[0-9]{2}([0-9]{3}([0-9]{3})?)?")


def _validate_ags(instance: Region, attribute: attrs.Attribute[str], value: str) -> None:
    if not _AGS.fullmatch(value):
        raise refuse(instance, attribute.name, f"expected an official key of 2, 5 or 8 digits, got {value!r}")
    expected = STATE_BY_AGS_PREFIX.get(value[:2])
    if expected is None:
        raise refuse(instance, attribute.name, f"{value[:2]!r} is not the key of a German state")
    if expected is not instance.state:
        raise refuse(instance, attribute.name, f"key {value!r} lies in {expected.value}, not in {instance.state.value}")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Region:
    """A district (Landkreis), a district-free city or a state: the area a network serves.

    ``ags`` is the official municipality key (Amtlicher Gemeindeschlüssel), e.g. ``"16063"`` for
    the Wartburgkreis; its first two digits must agree with ``state``.
    """

    name: str = attrs.field(validator=validate_not_blank)
    state: State
    ags: str = attrs.field(validator=_validate_ags)


def _validate_dates(instance: Any, attribute: attrs.Attribute[Any], value: date | None) -> None:
    start = getattr(instance, "founded", None)
    if value is not None and start is not None and value < start:
        raise refuse(instance, attribute.name, f"{value.isoformat()} lies before founded {start.isoformat()}")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Network(Entity):
    """An integration network: the district office's cooperation with its partners.

    Who coordinates it and who belongs to it are :class:`~integrationsnetz.model.Membership`
    records, so that "who was a member when" has an answer.
    """

    name: str = attrs.field(validator=validate_not_blank)
    region: Region
    founded: date | None = None
    dissolved: date | None = attrs.field(default=None, validator=_validate_dates)
    description: str | None = None
    contacts: tuple[ContactPoint, ...] = ()
    website: str | None = None
    language: str = "de"
