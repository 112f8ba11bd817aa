"""Personal data of one person: where it is held, how to export it, how to erase it (DSGVO).

Pure functions over model objects, shared by every storage backend, so "erase" means the same
thing everywhere. A backend finds the candidate entities (any entity whose document mentions the
person's id is enough; extra candidates are harmless), then:

* :func:`mentions` says where an entity refers to the person (for the Art. 15 export);
* :func:`plan_erasure` says which entities to delete and which to rewrite (Art. 17).

A person is referred to as an *actor*: by memberships, invitations, agenda presenters,
organiser and moderator of meetings and events, the recorder of minutes, task owners, course
teachers, venue owners, funders and waiting-list providers.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from integrationsnetz.errors import Conflict
from integrationsnetz.model.actors import Person
from integrationsnetz.model.courses import Course, Waitlist
from integrationsnetz.model.entity import Entity
from integrationsnetz.model.events import Event
from integrationsnetz.model.funding import FundingProgramme
from integrationsnetz.model.groups import WorkingGroup
from integrationsnetz.model.meetings import AttendanceStatus, Meeting
from integrationsnetz.model.memberships import Membership
from integrationsnetz.model.network_data import entity_type_name
from integrationsnetz.model.venues import Venue


class ErasureIncompleteWarning(UserWarning):
    """An erasure is done in the store, but an old copy of the data remains where the backend keeps it.

    The person is gone for every reader of the store; the bytes stay until the backend can clear
    them (``sqlite:``: while another connection reads, its write-ahead log keeps the old pages).
    The message says where and how to finish (``SQLiteStore.finish_erasure()``).
    """


@attrs.frozen(kw_only=True)
class Mention:
    """One entity that refers to the person, and the fields where it does."""

    entity_type: str
    entity_id: str
    where: tuple[str, ...]


@attrs.frozen(kw_only=True)
class PersonalData:
    """Everything a store holds on one person (DSGVO Art. 15), ready to unstructure as JSON.

    ``person`` is None when the store has no live record (never known, or already erased).
    """

    person_id: str
    person: Person | None
    memberships: tuple[Membership, ...]
    mentions: tuple[Mention, ...]


@attrs.frozen(kw_only=True)
class Erasure:
    """What erasing one person changes: entities to delete and entities to rewrite.

    ``updates`` hold the rewritten entities at the revision they were read with, so a store's
    ordinary optimistic check still applies when it writes them.
    """

    deletions: tuple[Entity, ...]
    updates: tuple[Entity, ...]

    @property
    def changed(self) -> int:
        """How many entities the erasure touches."""
        return len(self.deletions) + len(self.updates)


def mentions(entity: Entity, person_id: str) -> tuple[str, ...]:
    """The fields of ``entity`` that refer to the person (empty when none do)."""
    where: list[str] = []
    if isinstance(entity, Person):
        if entity.id == person_id:
            where.append("id")
    elif isinstance(entity, Membership):
        if entity.actor_id == person_id:
            where.append("actor_id")
    elif isinstance(entity, Meeting):
        if entity.organizer_id == person_id:
            where.append("organizer_id")
        if entity.moderator_id == person_id:
            where.append("moderator_id")
        where.extend(
            f"invitations[{i}] ({invitation.status.value})"
            for i, invitation in enumerate(entity.invitations)
            if invitation.actor_id == person_id
        )
        where.extend(
            f"agenda[{i}].presenter_ids" for i, item in enumerate(entity.agenda) if person_id in item.presenter_ids
        )
        if entity.minutes is not None and entity.minutes.recorded_by_id == person_id:
            where.append("minutes.recorded_by_id")
    elif isinstance(entity, WorkingGroup):
        where.extend(f"tasks[{task.id!r}].owner_id" for task in entity.tasks if task.owner_id == person_id)
    elif isinstance(entity, Course):
        if person_id in entity.teacher_ids:
            where.append("teacher_ids")
        if entity.provider_id == person_id:
            where.append("provider_id")
    elif isinstance(entity, Event):
        if entity.organizer_id == person_id:
            where.append("organizer_id")
    elif isinstance(entity, Venue):
        if entity.owner_id == person_id:
            where.append("owner_id")
    elif isinstance(entity, FundingProgramme):
        if entity.funder_id == person_id:
            where.append("funder_id")
    elif isinstance(entity, Waitlist) and entity.provider_id == person_id:
        where.append("provider_id")
    return tuple(where)


def _none_if(value: str | None, person_id: str) -> str | None:
    return None if value == person_id else value


def scrub(entity: Entity, person_id: str) -> Entity:
    """``entity`` with every optional reference to the person removed (the same object if none).

    Memberships of the person and the person itself are not scrubbed but deleted: see
    :func:`plan_erasure`. A meeting the person came to keeps its count of those present: the
    person is folded into ``headcount``, so the Protokoll still says how many came.
    """
    if not mentions(entity, person_id):
        return entity
    if isinstance(entity, Meeting):
        minutes = entity.minutes
        if minutes is not None and minutes.recorded_by_id == person_id:
            minutes = attrs.evolve(minutes, recorded_by_id=None)
        invitations = tuple(i for i in entity.invitations if i.actor_id != person_id)
        listed = sum(1 for i in invitations if i.status is AttendanceStatus.PRESENT)
        came = entity.present_count
        return attrs.evolve(
            entity,
            organizer_id=_none_if(entity.organizer_id, person_id),
            moderator_id=_none_if(entity.moderator_id, person_id),
            invitations=invitations,
            headcount=entity.headcount if max(listed, entity.headcount or 0) == came else came,
            agenda=tuple(
                attrs.evolve(item, presenter_ids=tuple(p for p in item.presenter_ids if p != person_id))
                if person_id in item.presenter_ids
                else item
                for item in entity.agenda
            ),
            minutes=minutes,
        )
    if isinstance(entity, WorkingGroup):
        return attrs.evolve(
            entity,
            tasks=tuple(
                attrs.evolve(task, owner_id=None) if task.owner_id == person_id else task for task in entity.tasks
            ),
        )
    if isinstance(entity, Course):
        return attrs.evolve(entity, teacher_ids=tuple(t for t in entity.teacher_ids if t != person_id))
    if isinstance(entity, Event):
        return attrs.evolve(entity, organizer_id=None)
    if isinstance(entity, Venue):
        return attrs.evolve(entity, owner_id=None)
    if isinstance(entity, FundingProgramme):
        return attrs.evolve(entity, funder_id=None)
    if isinstance(entity, Waitlist):
        return attrs.evolve(entity, provider_id=None)
    return entity


def plan_erasure(person_id: str, candidates: Iterable[Entity]) -> Erasure:
    """Which of ``candidates`` to delete and which to rewrite to forget the person.

    The person and their memberships are deleted; every other reference is removed from the
    entity that holds it. A course the person *provides* cannot lose its provider, so that
    raises :class:`~integrationsnetz.errors.Conflict` before anything is planned: reassign the
    course first.
    """
    deletions: list[Entity] = []
    updates: list[Entity] = []
    blocked: list[str] = []
    for entity in candidates:
        where = mentions(entity, person_id)
        if not where:
            continue
        if isinstance(entity, (Person, Membership)):
            deletions.append(entity)
            continue
        if isinstance(entity, Course) and entity.provider_id == person_id:
            blocked.append(entity.id)
            continue
        updates.append(scrub(entity, person_id))
    if blocked:
        raise Conflict(
            f"cannot erase person {person_id!r}: they are the provider of course(s) {', '.join(sorted(blocked))}; "
            "give those courses another provider first"
        )
    order = _order_key
    return Erasure(deletions=tuple(sorted(deletions, key=order)), updates=tuple(sorted(updates, key=order)))


def personal_data(person_id: str, candidates: Iterable[Entity]) -> PersonalData:
    """Gather what ``candidates`` hold on the person into one exportable value."""
    person: Person | None = None
    memberships: list[Membership] = []
    found: list[Mention] = []
    for entity in candidates:
        where = mentions(entity, person_id)
        if not where:
            continue
        if isinstance(entity, Person):
            person = entity
            continue
        if isinstance(entity, Membership):
            memberships.append(entity)
        found.append(Mention(entity_type=entity_type_name(entity), entity_id=entity.id, where=where))
    return PersonalData(
        person_id=person_id,
        person=person,
        memberships=tuple(sorted(memberships, key=lambda m: m.id)),
        mentions=tuple(sorted(found, key=lambda m: (m.entity_type, m.entity_id))),
    )


def _order_key(entity: Entity) -> tuple[str, str]:
    return (entity_type_name(entity), entity.id)
