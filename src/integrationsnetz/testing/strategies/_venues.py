"""Strategies for venues, their rooms and where they lie."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from hypothesis import strategies as st

from integrationsnetz.model.venues import Coordinates, Room, Venue
from integrationsnetz.testing.strategies._contacts import addresses
from integrationsnetz.testing.strategies._entity_fields import draws, network_ids, optional_ref, with_bookkeeping
from integrationsnetz.testing.strategies._primitives import ids, names, optional

__all__ = ["coordinates", "rooms", "venues"]


@functools.cache
def coordinates() -> st.SearchStrategy[Coordinates]:
    """A WGS 84 position (poles and the date line included)."""
    return st.builds(
        Coordinates,
        latitude=st.floats(-90.0, 90.0, allow_nan=False),
        longitude=st.floats(-180.0, 180.0, allow_nan=False),
    )


def rooms(*, room_ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Room]:
    """A room of a venue, with or without a known capacity and step-free access."""
    return st.builds(
        Room,
        id=room_ids if room_ids is not None else ids(prefix="room-"),
        name=names(),
        capacity=optional(st.integers(0, 500)),
        step_free=optional(st.booleans()),
    )


@draws(Venue)
def venues(
    *,
    network_id: str | None = None,
    venue_ids: st.SearchStrategy[str] | None = None,
    actor_ids: Sequence[str] | None = None,
    max_size: int = 3,
) -> st.SearchStrategy[Venue]:
    """A venue with an address and rooms (room ids unique within the venue)."""
    return with_bookkeeping(
        st.builds(
            Venue,
            id=venue_ids if venue_ids is not None else ids(prefix="venue-"),
            network_id=network_ids(network_id),
            name=names(),
            address=addresses(),
            coordinates=optional(coordinates()),
            rooms=st.lists(rooms(), max_size=max_size, unique_by=lambda room: room.id).map(tuple),
            capacity=optional(st.integers(0, 1000)),
            step_free=optional(st.booleans()),
            owner_id=optional_ref(actor_ids),
        )
    )
