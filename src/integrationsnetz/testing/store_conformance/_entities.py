"""What the suite writes: entities as a user creates them, drawn from small pools, and hand-made specimens.

The pools are small on purpose: ids, networks, people and groups repeat, so the operations of a
test meet each other (an update finds what a put wrote, a query finds the meetings of a person).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

import attrs
from hypothesis import strategies as st

from integrationsnetz.model import (
    Address,
    AllDay,
    AttendanceStatus,
    Coordinates,
    Course,
    Entity,
    Event,
    EventKind,
    FundingProgramme,
    Invitation,
    Meeting,
    Membership,
    Organization,
    OrganizationKind,
    Person,
    ProviderCapacity,
    Registration,
    Room,
    Timed,
    Venue,
    Waitlist,
    WorkingGroup,
)
from integrationsnetz.testing import strategies
from integrationsnetz.testing.strategies import BERLIN

__all__ = ["COURSE_TYPES", "GROUPS", "NETWORKS", "PEOPLE", "all_types_samples", "new_entities", "pooled", "unstamped"]

#: The pools: the ids of people, networks, groups and course types the pooled entities refer to.
PEOPLE = ["anna", "ben", "cem"]
NETWORKS = ["n1", "n2"]
GROUPS = ["ag-wohnen", "ag-sprache"]
COURSE_TYPES = ["alpha", "allgemein"]


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def new_entities(
    *, network_id: str | None = None, types: Sequence[type[Entity]] | None = None
) -> st.SearchStrategy[Entity]:
    """Entities as a user creates them: revision 0, no ``modified`` (a ``created`` may come along)."""
    return strategies.entities(network_id=network_id, types=types).map(
        lambda entity: attrs.evolve(entity, revision=0, modified=None)
    )


@st.composite
def pooled(draw: st.DrawFn, cls: type[Entity], ids: st.SearchStrategy[str]) -> Entity:
    """A new entity whose id and references come from small pools, so operations meet each other."""
    actors = st.sampled_from(PEOPLE)
    entity = draw(new_entities(network_id=draw(st.sampled_from(NETWORKS)), types=[cls]))
    entity = attrs.evolve(entity, id=draw(actors if cls is Person else ids))
    if isinstance(entity, Meeting):
        minutes = entity.minutes
        if minutes is not None:
            minutes = attrs.evolve(minutes, recorded_by_id=draw(_optional(actors)))
        return attrs.evolve(
            entity,
            group_id=draw(_optional(st.sampled_from(GROUPS))),
            organizer_id=draw(_optional(actors)),
            moderator_id=draw(_optional(actors)),
            invitations=tuple(
                Invitation(actor_id=actor, status=draw(st.sampled_from(list(AttendanceStatus))))
                for actor in draw(st.lists(actors, max_size=3, unique=True))
            ),
            agenda=tuple(
                attrs.evolve(item, presenter_ids=tuple(draw(st.lists(actors, max_size=2, unique=True))))
                for item in entity.agenda
            ),
            minutes=minutes,
        )
    if isinstance(entity, Membership):
        return attrs.evolve(entity, actor_id=draw(actors))
    if isinstance(entity, Course):
        return attrs.evolve(
            entity,
            course_type=draw(st.sampled_from(COURSE_TYPES)),
            provider_id=draw(st.sampled_from(["vhs", "bildungswerk"])),
            teacher_ids=tuple(draw(st.lists(actors, max_size=2, unique=True))),
        )
    if isinstance(entity, WorkingGroup):
        return attrs.evolve(
            entity, tasks=tuple(attrs.evolve(task, owner_id=draw(_optional(actors))) for task in entity.tasks)
        )
    return entity


def all_types_samples() -> list[Entity]:
    """One hand-made entity of every stored type: the rare ones the pooled strategies skip."""
    fall_back = datetime(2024, 10, 27, 2, 30, tzinfo=BERLIN, fold=1)
    return [
        Organization(
            id="amt-für-migration",
            network_id="n",
            name="Amt für Versorgung und Migration – Ausländerbehörde",
            kind=OrganizationKind.AUTHORITY,
            address=Address(street="Erzberger Allee 14", postal_code="36433", city="Bad Salzungen"),
        ),
        Venue(
            id="museum-ß",
            network_id="n",
            name="Museum „Thüringer Museum“ 🏛️",
            address=Address(city="Eisenach"),
            coordinates=Coordinates(latitude=50.9747, longitude=10.3205),
            rooms=(Room(id="saal", name="Großer Saal", capacity=120, step_free=True),),
        ),
        Event(
            id="berufemarkt",
            network_id="n",
            kind=EventKind.JOB_FAIR,
            title="24. Berufemarkt 🎓",
            when=AllDay(first_day=date(2024, 10, 12), last_day=date(2024, 10, 12)),
        ),
        Event(
            id="fachtag",
            network_id="n",
            kind=EventKind.SPECIALIST_DAY,
            title="Fachtag Wohnen",
            when=Timed(start=fall_back, end=fall_back + timedelta(hours=1)),
        ),
        Waitlist(
            id="warte-eisenach",
            network_id="n",
            course_type="allgemein",
            place="Eisenach",
            as_of=date(2024, 10, 1),
            registrations=(Registration(registered_on=date(2024, 3, 1), reference="Ä-17"),),
            reported_wait_days=190,
        ),
        ProviderCapacity(
            id="vhs-2025", network_id="n", provider_id="vhs", as_of=date(2025, 1, 1), teachers_fte=3.5, rooms=4
        ),
        FundingProgramme(
            id="pfd",
            network_id="n",
            name="Partnerschaft für Demokratie",
            topics=("Demokratie", "Ehrenamt 💪"),
            deadline=date(2025, 1, 31),
        ),
    ]


def unstamped(entity: Entity) -> Entity:
    """The entity without the store's timestamps: what two stores written alike agree on."""
    return attrs.evolve(entity, created=None, modified=None)
