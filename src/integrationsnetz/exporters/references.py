"""What an export prints for a reference: an actor's name, a venue's place, a course's title.

Built once per export from the (already redacted) data, so every exporter names things alike:
a person appears by name only when the data still holds the name, else by function.
"""

from __future__ import annotations

from integrationsnetz.model.actors import Organization, Person
from integrationsnetz.model.contacts import ContactKind
from integrationsnetz.model.course_types import OFFICIAL_COURSE_TYPES
from integrationsnetz.model.courses import Course
from integrationsnetz.model.groups import WorkingGroup
from integrationsnetz.model.network_data import NetworkData
from integrationsnetz.model.venues import Venue


class References:
    """Lookups by id over one network's data (a plain object: built per export, never stored)."""

    def __init__(self, data: NetworkData) -> None:
        self.data = data
        self.network = data.network
        self.venues: dict[str, Venue] = {venue.id: venue for venue in data.venues}
        self.groups: dict[str, WorkingGroup] = {group.id: group for group in data.groups}
        self.actors: dict[str, Organization | Person] = {org.id: org for org in data.organizations}
        self.actors.update((person.id, person) for person in data.persons)

    def actor_name(self, actor_id: str | None) -> str | None:
        """An organisation's short or full name, a person's name (or function when redacted)."""
        actor = self.actors.get(actor_id) if actor_id else None
        if actor is None:
            return actor_id
        if isinstance(actor, Organization):
            return actor.name
        return actor.display_name

    def actor_label(self, actor_id: str) -> str:
        """A name with its organisation, e.g. "Leitung (Amt für Migration)"."""
        actor = self.actors.get(actor_id)
        name = self.actor_name(actor_id) or actor_id
        if isinstance(actor, Person) and actor.affiliation_id:
            org = self.actor_name(actor.affiliation_id)
            if org and org != name:
                return f"{name} ({org})"
        return name

    def email_of(self, actor_id: str | None) -> str | None:
        """The actor's first e-mail address, if the data holds one."""
        actor = self.actors.get(actor_id) if actor_id else None
        if actor is None:
            return None
        return next((c.value for c in actor.contacts if c.kind is ContactKind.EMAIL), None)

    def network_email(self) -> str | None:
        """The network's public mailbox (the fallback organiser of calendar entries)."""
        return next((c.value for c in self.network.contacts if c.kind is ContactKind.EMAIL), None)

    def place(self, venue_id: str | None, room_id: str | None = None) -> str | None:
        """ "Museum, Saal, Markt 1, 99817 Eisenach": what a calendar's LOCATION and an invitation say."""
        venue = self.venues.get(venue_id) if venue_id else None
        if venue is None:
            return None
        room = venue.room(room_id) if room_id else None
        parts = [venue.name, room.name if room else None, venue.address.one_line()]
        return ", ".join(part for part in parts if part)

    def course_title(self, course: Course, language: str) -> str:
        """ "Alphabetisierungskurs (Eisenach)": the course type's name and the place."""
        kind = OFFICIAL_COURSE_TYPES.get(course.course_type)
        name = (kind.name_en if language == "en" else kind.name_de) if kind else course.course_type
        where = course.place or self.place(course.venue_id)
        return f"{name} ({where})" if where else name
