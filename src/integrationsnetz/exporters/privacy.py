"""Personal data out of exports unless asked for (DSGVO Art. 5(1)(c), data minimisation).

:func:`redact` runs before any exporter sees the data, so the built-ins and third-party
exporters alike can only publish what is public: people stay visible by their function
("Leitung Migrationsamt"), never by name, contact details, consents or attendance.
:func:`redact_selected` does the same for what the caller selected, which an exporter gets
beside the data.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from integrationsnetz.contract.exporters import ExportOptions
from integrationsnetz.model.actors import Person
from integrationsnetz.model.entity import Entity
from integrationsnetz.model.meetings import Meeting
from integrationsnetz.model.network_data import NetworkData


def redact(data: NetworkData) -> NetworkData:
    """``data`` without names, contacts and consents of people, and without their attendance.

    Organisations keep their public contacts and their attendance; a meeting keeps its
    ``headcount``. Free text (descriptions, minutes) is kept as written: do not put names there.
    """
    person_ids = {person.id for person in data.persons}
    return attrs.evolve(
        data,
        persons=tuple(_person(person) for person in data.persons),
        meetings=tuple(_meeting(meeting, person_ids) for meeting in data.meetings),
    )


def redact_selected(selected: Iterable[Entity], redacted: NetworkData, everyone: NetworkData) -> tuple[Entity, ...]:
    """The selected entities as ``redacted`` holds them, so an exporter gets the same objects twice.

    A selected entity that ``redacted`` lacks (a meeting outside the time range, or one the
    caller built and never put into the data) is redacted on its own; ``everyone`` (the data
    before narrowing) says which invited actors are people.
    """
    held = {(type(entity), entity.id): entity for entity in redacted.entities()}
    person_ids = {person.id for person in everyone.persons}
    chosen = []
    for entity in selected:
        found = held.get((type(entity), entity.id))
        if found is not None:
            chosen.append(found)
        elif isinstance(entity, Person):
            chosen.append(_person(entity))
        elif isinstance(entity, Meeting):
            chosen.append(_meeting(entity, person_ids))
        else:
            chosen.append(entity)
    return tuple(chosen)


def redact_meetings(meetings: Iterable[Meeting], redacted: NetworkData, everyone: NetworkData) -> tuple[Meeting, ...]:
    """Meetings beside the data (a series' other dates) stripped like it, as :func:`redact_selected` does."""
    return tuple(m for m in redact_selected(meetings, redacted, everyone) if isinstance(m, Meeting))


def _person(person: Person) -> Person:
    if person.name is None and not person.contacts and not person.consents:
        return person
    return attrs.evolve(person, name=None, contacts=(), consents=())


def _meeting(meeting: Meeting, person_ids: set[str]) -> Meeting:
    if not any(invitation.actor_id in person_ids for invitation in meeting.invitations):
        return meeting
    return attrs.evolve(meeting, invitations=tuple(i for i in meeting.invitations if i.actor_id not in person_ids))


def may_show_name(person: Person, options: ExportOptions) -> bool:
    """Whether a document may print this person's name (else it prints their function).

    The one place that decides it for the Einladung, Tagesordnung, Protokoll, Teilnehmendenliste
    and Namensschilder: today only when personal data is asked for and the name is known; rules
    of consent (publication of the name) belong here.
    """
    return options.include_personal_data and person.name is not None
