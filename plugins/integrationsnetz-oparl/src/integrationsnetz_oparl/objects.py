"""The network's records as OParl 1.1 objects: one function per OParl type, each a plain dict.

Every object gets its stable URL from :class:`Urls`, so the same record always has the same
address and a re-publication writes the same bytes. Persons reach this module already chosen
(publication consent) and redacted by the library's privacy rules (:mod:`.endpoint`).
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote

import attrs

from integrationsnetz.model import Meeting, Membership, Person, Venue, WorkingGroup
from integrationsnetz.model.entity import Entity
from integrationsnetz.model.meetings import MeetingStatus
from integrationsnetz.model.memberships import Role
from integrationsnetz.model.networks import Network

SCHEMA = "https://schema.oparl.org/1.1/"
#: OParl ``meetingState`` as council systems write it (the spec's own examples, German).
MEETING_STATE = {
    MeetingStatus.PLANNED: "terminiert",
    MeetingStatus.CONFIRMED: "eingeladen",
    MeetingStatus.HELD: "durchgeführt",
    MeetingStatus.CANCELLED: "abgesagt",
}
#: OParl ``Membership.role``: free text, the German words the network documents use.
ROLE = {Role.COORDINATOR: "Koordination", Role.CO_LEAD: "Co-Leitung", Role.MEMBER: "Mitglied", Role.GUEST: "Gast"}
#: ``organizationType``: the spec's own vocabulary ("Gremium", "Partei", "Fraktion", "Verwaltungsbereich",
#: "externes Gremium", "Institution", "Sonstiges"). A network of office and partners is no council body.
NETWORK_TYPE = "externes Gremium"
GROUP_TYPE = "externes Gremium"
#: ``classification``: free text; portals show it as the kind of body.
NETWORK_CLASSIFICATION = "Netzwerk"
GROUP_CLASSIFICATION = "Arbeitsgruppe"


Json = dict[str, Any]


@attrs.frozen
class Urls:
    """Where each object of the endpoint lives: ``base`` plus a path that is also its file name."""

    base: str

    def of(self, path: str) -> str:
        """The URL of ``path`` (relative, ``/``-separated, ending in ``.json``)."""
        return f"{self.base}/{path}"

    @staticmethod
    def item(kind: str, record_id: str) -> str:
        """The path of one object: ``meeting/nt-2024-2.json``."""
        return f"{kind}/{quote(record_id, safe='')}.json"

    @staticmethod
    def page(name: str, number: int) -> str:
        """The path of page ``number`` (1-based) of a list: ``meetings.json``, ``meetings-2.json``."""
        return f"{name}.json" if number == 1 else f"{name}-{number}.json"

    def network(self) -> str:
        """The network's organisation."""
        return self.of("organization/network.json")

    def group(self, group_id: str) -> str:
        """A working group's organisation."""
        return self.of(self.item("organization/group", group_id))

    def agenda_item(self, meeting_id: str, position: int) -> str:
        """The agenda item at ``position`` (0 for TOP 1) of a meeting."""
        return self.of(f"agendaitem/{quote(meeting_id, safe='')}-{position + 1}.json")


def _stamps(entity: Entity | Network) -> Json:
    """``created`` and ``modified`` where the record has them (never invented: a re-run writes the same bytes)."""
    stamps: Json = {}
    if entity.created is not None:
        stamps["created"] = entity.created.isoformat()
    if entity.modified is not None:
        stamps["modified"] = entity.modified.isoformat()
    return stamps


def _day(value: date | None) -> Json:
    return {} if value is None else {"value": value.isoformat()}


def system(urls: Urls, network: Network) -> Json:
    """The ``oparl:System``: the entry point a client is given."""
    return {
        "id": urls.of("system.json"),
        "type": SCHEMA + "System",
        "oparlVersion": "https://schema.oparl.org/1.1/",
        "body": urls.of("bodies.json"),
        "name": network.name,
        **({"website": network.website} if network.website else {}),
        **_stamps(network),
    }


def body(urls: Urls, network: Network) -> Json:
    """The ``oparl:Body``: the Landkreis (or city) the network serves, with its AGS."""
    region = network.region
    return {
        "id": urls.of("body.json"),
        "type": SCHEMA + "Body",
        "system": urls.of("system.json"),
        "name": region.name,
        "ags": region.ags,
        "classification": "Landkreis",
        "mainOrganization": urls.network(),
        "organization": urls.of("organizations.json"),
        "person": urls.of("persons.json"),
        "meeting": urls.of("meetings.json"),
        "paper": urls.of("papers.json"),
        "locationList": urls.of("locations.json"),
        "legislativeTerm": [],
        **({"website": network.website} if network.website else {}),
        **_stamps(network),
    }


def network_organization(urls: Urls, network: Network, memberships: list[str]) -> Json:
    """The network itself as an ``oparl:Organization``."""
    founded, dissolved = _day(network.founded), _day(network.dissolved)
    return {
        "id": urls.network(),
        "type": SCHEMA + "Organization",
        "body": urls.of("body.json"),
        "name": network.name,
        "organizationType": NETWORK_TYPE,
        "classification": NETWORK_CLASSIFICATION,
        "membership": memberships,
        **({"startDate": founded["value"]} if founded else {}),
        **({"endDate": dissolved["value"]} if dissolved else {}),
        **({"website": network.website} if network.website else {}),
        **_stamps(network),
    }


def group_organization(urls: Urls, group: WorkingGroup, memberships: list[str]) -> Json:
    """A working group as an ``oparl:Organization``, part of the network's."""
    return {
        "id": urls.group(group.id),
        "type": SCHEMA + "Organization",
        "body": urls.of("body.json"),
        "name": group.name,
        "organizationType": GROUP_TYPE,
        "classification": GROUP_CLASSIFICATION,
        "subOrganizationOf": urls.network(),
        "membership": memberships,
        "startDate": group.founded.isoformat(),
        **({"endDate": group.dissolved.isoformat()} if group.dissolved else {}),
        **({"keyword": [group.topic]} if group.topic else {}),
        **_stamps(group),
    }


def membership(urls: Urls, record: Membership) -> Json:
    """One person's membership of the network or a working group."""
    organization = urls.group(record.group_id) if record.group_id else urls.network()
    return {
        "id": urls.of(urls.item("membership", record.id)),
        "type": SCHEMA + "Membership",
        "person": urls.of(urls.item("person", record.actor_id)),
        "organization": organization,
        "role": ROLE[record.role],
        "startDate": record.since.isoformat(),
        **({"endDate": record.until.isoformat()} if record.until else {}),
        **_stamps(record),
    }


def person(urls: Urls, record: Person, memberships: list[Json]) -> Json:
    """A person with a publication consent, as the privacy rules redacted them (``status``: their function)."""
    emails = [c.value for c in record.contacts if c.kind.value == "email"]
    phones = [c.value for c in record.contacts if c.kind.value == "phone"]
    return {
        "id": urls.of(urls.item("person", record.id)),
        "type": SCHEMA + "Person",
        "body": urls.of("body.json"),
        "name": record.name or record.function,
        "status": [record.function],
        "membership": memberships,
        **({"email": emails} if emails else {}),
        **({"phone": phones} if phones else {}),
        **_stamps(record),
    }


def location(urls: Urls, venue: Venue, room: str | None = None) -> Json:
    """A venue as an ``oparl:Location``, with a GeoJSON point (longitude first) where coordinates are known."""
    address = venue.address
    found: Json = {
        "id": urls.of(urls.item("location", venue.id)),
        "type": SCHEMA + "Location",
        "description": venue.name,
        "locality": address.city,
        **({"streetAddress": address.street} if address.street else {}),
        **({"postalCode": address.postal_code} if address.postal_code else {}),
        **_stamps(venue),
    }
    if venue.coordinates is not None:
        point = [venue.coordinates.longitude, venue.coordinates.latitude]
        found["geojson"] = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": point},
            "properties": {"name": venue.name},
        }
    if room is not None:
        found["room"] = room
    return found


def agenda_items(urls: Urls, meeting: Meeting) -> list[Json]:
    """The agenda (TOP 1, 2, ...); ``result`` and ``resolutionText`` from the minutes' decisions where recorded."""
    decided: dict[int, list[str]] = {}
    for decision in meeting.minutes.decisions if meeting.minutes else ():
        if decision.agenda_item is not None:
            decided.setdefault(decision.agenda_item, []).append(decision.text)
    items = []
    for position, item in enumerate(meeting.agenda):
        found: Json = {
            "id": urls.agenda_item(meeting.id, position),
            "type": SCHEMA + "AgendaItem",
            "meeting": urls.of(urls.item("meeting", meeting.id)),
            "number": str(position + 1),
            "order": position + 1,
            "name": item.title,
            **_stamps(meeting),
        }
        if position in decided:
            found["result"] = "beschlossen"
            found["resolutionText"] = "\n".join(decided[position])
        items.append(found)
    return items


def meeting(urls: Urls, record: Meeting, place: Json | None, participants: list[str]) -> Json:
    """A meeting with its agenda embedded; ``organization`` is its working group, else the network."""
    organization = urls.group(record.group_id) if record.group_id else urls.network()
    found: Json = {
        "id": urls.of(urls.item("meeting", record.id)),
        "type": SCHEMA + "Meeting",
        "name": record.title,
        "meetingState": MEETING_STATE[record.status],
        "cancelled": record.status is MeetingStatus.CANCELLED,
        "start": record.start.isoformat(),
        "end": record.end.isoformat(),
        "organization": [organization],
        "agendaItem": agenda_items(urls, record),
        **_stamps(record),
    }
    if place is not None:
        found["location"] = place
    if participants:
        found["participant"] = participants
    return found
