"""Everything one network holds, as one value: what a document contains and a check examines."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TypeVar

import attrs

from integrationsnetz.errors import NotFound, WrongType
from integrationsnetz.model.actors import Organization, Person
from integrationsnetz.model.courses import Course, ProviderCapacity, Waitlist
from integrationsnetz.model.entity import Entity
from integrationsnetz.model.events import Event
from integrationsnetz.model.field_types import typed_fields
from integrationsnetz.model.funding import FundingProgramme
from integrationsnetz.model.groups import WorkingGroup
from integrationsnetz.model.meetings import Meeting
from integrationsnetz.model.memberships import Membership
from integrationsnetz.model.networks import Network
from integrationsnetz.model.venues import Venue

#: Every stored entity type by its name; stores use the name as table, folder or key prefix.
ENTITY_TYPES: Mapping[str, type[Entity]] = {
    "network": Network,
    "organization": Organization,
    "person": Person,
    "membership": Membership,
    "working_group": WorkingGroup,
    "venue": Venue,
    "meeting": Meeting,
    "event": Event,
    "course": Course,
    "waitlist": Waitlist,
    "funding_programme": FundingProgramme,
    "provider_capacity": ProviderCapacity,
}

#: The reverse of :data:`ENTITY_TYPES`.
ENTITY_TYPE_NAMES: Mapping[type[Entity], str] = {cls: name for name, cls in ENTITY_TYPES.items()}

#: The collections of a :class:`NetworkData`, with the entity type each holds.
COLLECTIONS: Mapping[str, type[Entity]] = {
    "organizations": Organization,
    "persons": Person,
    "memberships": Membership,
    "groups": WorkingGroup,
    "venues": Venue,
    "meetings": Meeting,
    "events": Event,
    "courses": Course,
    "waitlists": Waitlist,
    "funding_programmes": FundingProgramme,
    "provider_capacities": ProviderCapacity,
}

E = TypeVar("E", bound=Entity)


def entity_type_name(entity: Entity | type[Entity]) -> str:
    """The registered name of an entity's type, e.g. ``"meeting"``."""
    cls = entity if isinstance(entity, type) else type(entity)
    for klass in cls.__mro__:
        name = ENTITY_TYPE_NAMES.get(klass)
        if name is not None:
            return name
    raise WrongType([f"{cls.__name__} is not a stored entity type; expected one of {_type_list()}"])


def _type_list() -> str:
    return ", ".join(cls.__name__ for cls in ENTITY_TYPES.values())


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class NetworkData:
    """A network with all its actors, groups, meetings, events and courses.

    This is the unit a document holds and :func:`integrationsnetz.integrity.check` examines.
    Collections are tuples in a stable order; use :meth:`by_id` for lookups.
    """

    network: Network
    organizations: tuple[Organization, ...] = ()
    persons: tuple[Person, ...] = ()
    memberships: tuple[Membership, ...] = ()
    groups: tuple[WorkingGroup, ...] = ()
    venues: tuple[Venue, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    events: tuple[Event, ...] = ()
    courses: tuple[Course, ...] = ()
    waitlists: tuple[Waitlist, ...] = ()
    funding_programmes: tuple[FundingProgramme, ...] = ()
    provider_capacities: tuple[ProviderCapacity, ...] = ()

    def entities(self) -> Iterator[Entity]:
        """The network and then every entity of every collection."""
        yield self.network
        for name in COLLECTIONS:
            yield from getattr(self, name)

    def by_id(self, collection: str) -> dict[str, Entity]:
        """One collection as a dict by id, e.g. ``data.by_id("meetings")["nt-2024-2"]``."""
        if collection not in COLLECTIONS:
            raise NotFound(f"no collection {collection!r}; the collections are {', '.join(COLLECTIONS)}")
        return {entity.id: entity for entity in getattr(self, collection)}

    def get(self, cls: type[E], entity_id: str) -> E:
        """The entity of type ``cls`` with that id; :class:`~integrationsnetz.errors.NotFound` if there is none.

        ``NotFound`` is a :class:`KeyError`, so code written for the plain ``KeyError`` keeps working.
        """
        for entity in self._collection_of(cls):
            if entity.id == entity_id:
                return entity
        raise NotFound(f"network {self.network.id!r} has no {entity_type_name(cls)} with id {entity_id!r}")

    def _collection_of(self, cls: type[E]) -> tuple[E, ...]:
        if cls is Network:
            return (self.network,)  # type: ignore[return-value]
        for name, klass in COLLECTIONS.items():
            if isinstance(cls, type) and issubclass(cls, klass):
                return getattr(self, name)  # type: ignore[no-any-return]
        label = cls.__name__ if isinstance(cls, type) else repr(cls)
        raise WrongType([f"{label} is not a stored entity type; expected one of {_type_list()}"])

    @classmethod
    def from_entities(cls, network: Network, entities: list[Entity]) -> NetworkData:
        """Gather loose entities (e.g. from a store) into collections, ordered by id."""
        buckets: dict[str, list[Entity]] = {name: [] for name in COLLECTIONS}
        for entity in entities:
            for name, klass in COLLECTIONS.items():
                if isinstance(entity, klass):
                    buckets[name].append(entity)
                    break
            else:
                raise WrongType([f"{type(entity).__name__} does not belong in a network's collections"])
        return cls(
            network=network,
            **{name: tuple(sorted(items, key=lambda e: e.id)) for name, items in buckets.items()},  # type: ignore[arg-type]
        )
