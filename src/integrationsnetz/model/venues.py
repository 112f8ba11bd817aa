"""Venues and their rooms: where meetings and courses take place."""

from __future__ import annotations

import attrs

from integrationsnetz.model.contacts import Address
from integrationsnetz.model.entity import (
    NetworkPart,
    refuse,
    validate_id,
    validate_non_negative,
    validate_not_blank,
    validate_optional_id,
)
from integrationsnetz.model.field_types import typed_fields


def _validate_latitude(instance: Coordinates, attribute: attrs.Attribute[float], value: float) -> None:
    if not -90.0 <= value <= 90.0:
        raise refuse(instance, attribute.name, f"expected a latitude between -90 and 90, got {value}")


def _validate_longitude(instance: Coordinates, attribute: attrs.Attribute[float], value: float) -> None:
    if not -180.0 <= value <= 180.0:
        raise refuse(instance, attribute.name, f"expected a longitude between -180 and 180, got {value}")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Coordinates:
    """WGS 84 position, for maps and the calendar's GEO property."""

    latitude: float = attrs.field(validator=_validate_latitude)
    longitude: float = attrs.field(validator=_validate_longitude)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Room:
    """A bookable room of a venue; the planner never double-books one."""

    id: str = attrs.field(validator=validate_id)
    name: str = attrs.field(validator=validate_not_blank)
    capacity: int | None = attrs.field(default=None, validator=validate_non_negative)
    step_free: bool | None = None


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Venue(NetworkPart):
    """A place: the district office, a museum hall, a provider's classrooms.

    ``capacity`` is the whole venue's limit; a room may have its own. ``step_free`` None means
    "not known", which is different from "no". ``directions`` is how to get there (bus stop,
    parking, entrance), as an invitation letter prints it.
    """

    name: str = attrs.field(validator=validate_not_blank)
    address: Address
    coordinates: Coordinates | None = None
    rooms: tuple[Room, ...] = ()
    capacity: int | None = attrs.field(default=None, validator=validate_non_negative)
    step_free: bool | None = None
    owner_id: str | None = attrs.field(default=None, validator=validate_optional_id)
    directions: str | None = None

    def room(self, room_id: str) -> Room | None:
        """The room with that id, if the venue has it."""
        return next((room for room in self.rooms if room.id == room_id), None)

    def capacity_of(self, room_id: str | None) -> int | None:
        """The tightest known limit for a meeting held in ``room_id`` (or the whole venue)."""
        room = self.room(room_id) if room_id else None
        limits = [limit for limit in (self.capacity, room.capacity if room else None) if limit is not None]
        return min(limits) if limits else None
