"""What an export prints for a reference: an actor's name, a venue's place, a course's title.

Built once per export from the (already redacted) data, so every exporter names things alike:
a person appears by name only when the data still holds the name, else by function.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from integrationsnetz.model.actors import Organization, Person
from integrationsnetz.model.characters import isolated
from integrationsnetz.model.contacts import ContactKind
from integrationsnetz.model.course_types import OFFICIAL_COURSE_TYPES
from integrationsnetz.model.courses import Course
from integrationsnetz.model.groups import WorkingGroup
from integrationsnetz.model.network_data import NetworkData
from integrationsnetz.model.venues import Venue


class References:
    """Lookups by id over one network's data (a plain object: built per export, never stored)."""

    def __init__(
        self, data: NetworkData, *, name_shown: Callable[[Person], bool] | None = None, isolate: bool = False
    ) -> None:
        """``isolate``: every name and place in its own direction (:func:`isolated`), as documents print them."""
        self.data = data
        #: What a user's text becomes in a composed line ("name (organisation)"): isolated for documents.
        self.shown: Callable[[str], str] = isolated if isolate else str
        #: Whether a person's name may appear (default: whenever the data still holds it).
        self.name_shown = name_shown or (lambda person: person.name is not None)
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
            return self.shown(actor.name)
        return self.shown(actor.name if actor.name is not None and self.name_shown(actor) else actor.function)

    def organization_of(self, actor_id: str | None) -> Organization | None:
        """The organisation itself, or the one a person works for."""
        actor = self.actors.get(actor_id) if actor_id else None
        if isinstance(actor, Person):
            actor = self.actors.get(actor.affiliation_id) if actor.affiliation_id else None
        return actor if isinstance(actor, Organization) else None

    def actor_label(self, actor_id: str) -> str:
        """A name with its organisation, e.g. "Leitung (Amt für Migration)".

        The organisation is left out when the name or function already says it
        ("Moderator, Institut für kommunale Planung und Entwicklung" stays as it is).
        """
        actor = self.actors.get(actor_id)
        name = self.actor_name(actor_id) or actor_id
        org = self.organization_of(actor_id) if isinstance(actor, Person) else None
        if org is not None and not says_organization(name, org):
            return f"{name} ({self.shown(org.name)})"
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
        parts: list[str] = []
        for part in (venue.name, room.name if room else None, venue.address.one_line()):
            # A venue named after its town ("Eisenach" in Eisenach) says the place once.
            if part and all(part.casefold() != seen.casefold() for seen in parts):
                parts.append(part)
        return ", ".join(self.shown(part) for part in parts)

    def course_title(self, course: Course, language: str) -> str:
        """ "Alphabetisierungskurs (Eisenach)": the course type's name and the place."""
        kind = OFFICIAL_COURSE_TYPES.get(course.course_type)
        name = (kind.name_en if language == "en" else kind.name_de) if kind else course.course_type
        where = course.place or self.place(course.venue_id)
        return f"{name} ({where})" if where else name


_LEGAL_FORMS = frozenset({"gmbh", "ggmbh", "ev", "e", "v", "ag", "kg", "mbh", "und", "für", "der", "des", "die"})


def _significant(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+", text.casefold()) if w not in _LEGAL_FORMS]


def says_organization(text: str, org: Organization) -> bool:
    """Whether ``text`` already names the organisation, so a label need not repeat it.

    True when the short name is one of its words, or when it holds all but at most one of the
    organisation name's significant words (legal forms and articles left out, "Büros" counted as
    "Büro"): "Vertreterin, Diakonisches Bildungsinstitut Johannes Falk" names "Diakonisches
    Bildungsinstitut Johannes Falk gGmbH"; "Landrat des Wartburgkreises" does not name
    "Landratsamt Wartburgkreis".
    """
    words = _significant(text)
    if org.short_name and org.short_name.casefold() in words:
        return True
    wanted = _significant(org.name)
    found = sum(1 for name in wanted if any(word.startswith(name) for word in words))
    return bool(wanted) and found >= len(wanted) - (1 if len(wanted) >= 4 else 0)
