"""Personal data out of exports unless asked for (DSGVO Art. 5(1)(c), data minimisation).

:func:`redact` runs before any exporter sees the data, so the built-ins and third-party
exporters alike can only publish what is public: people stay visible by their function
("Leitung Migrationsamt"), never by name, contact details, consents or attendance.
"""

from __future__ import annotations

import attrs

from integrationsnetz.model.network_data import NetworkData


def redact(data: NetworkData) -> NetworkData:
    """``data`` without names, contacts and consents of people, and without their attendance.

    Organisations keep their public contacts and their attendance; a meeting keeps its
    ``headcount``. Free text (descriptions, minutes) is kept as written: do not put names there.
    """
    person_ids = {person.id for person in data.persons}
    persons = tuple(
        person
        if person.name is None and not person.contacts and not person.consents
        else attrs.evolve(person, name=None, contacts=(), consents=())
        for person in data.persons
    )
    meetings = tuple(
        attrs.evolve(meeting, invitations=tuple(i for i in meeting.invitations if i.actor_id not in person_ids))
        if any(i.actor_id in person_ids for i in meeting.invitations)
        else meeting
        for meeting in data.meetings
    )
    return attrs.evolve(data, persons=persons, meetings=meetings)
