"""Actors: the organisations and people that make up a network."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import attrs

from integrationsnetz.model.contacts import Address, ContactPoint
from integrationsnetz.model.entity import NetworkPart, refuse, validate_not_blank, validate_optional_id
from integrationsnetz.model.field_types import typed_fields


class OrganizationKind(StrEnum):
    """What sort of body an organisation is; reports group actors by it."""

    AUTHORITY = "authority"
    JOBCENTER = "jobcenter"
    FEDERAL_AGENCY = "federal_agency"
    STATE_AGENCY = "state_agency"
    MUNICIPALITY = "municipality"
    COURSE_PROVIDER = "course_provider"
    WELFARE = "welfare"
    EDUCATION = "education"
    HOUSING = "housing"
    EMPLOYER = "employer"
    MIGRANT_ORGANIZATION = "migrant_organization"
    VOLUNTEER_INITIATIVE = "volunteer_initiative"
    OTHER = "other"


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Organization(NetworkPart):
    """An authority, agency, provider, NGO or company taking part in the network.

    ``parent_id`` links a unit to its body, e.g. the migration office to the district office.
    """

    name: str = attrs.field(validator=validate_not_blank)
    kind: OrganizationKind
    short_name: str | None = None
    parent_id: str | None = attrs.field(default=None, validator=validate_optional_id)
    address: Address | None = None
    contacts: tuple[ContactPoint, ...] = ()
    website: str | None = None
    description: str | None = None


class ConsentPurpose(StrEnum):
    """What a person allowed their data to be used for (DSGVO Art. 6(1)(a))."""

    DIRECTORY = "directory"
    INVITATIONS = "invitations"
    PUBLICATION = "publication"
    PHOTOS = "photos"


def _validate_withdrawn(instance: Consent, attribute: attrs.Attribute[date | None], value: date | None) -> None:
    if value is not None and value < instance.given_on:
        given = instance.given_on.isoformat()
        raise refuse(instance, attribute.name, f"{value.isoformat()} lies before given_on {given}")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Consent:
    """A recorded consent: for what, since when, and until it was withdrawn."""

    purpose: ConsentPurpose
    given_on: date
    withdrawn_on: date | None = attrs.field(default=None, validator=_validate_withdrawn)

    def active(self, on: date) -> bool:
        """Whether the consent covers ``on``."""
        return self.given_on <= on and (self.withdrawn_on is None or on < self.withdrawn_on)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Person(NetworkPart):
    """A person in the network, described by their function first.

    ``name`` is optional on purpose: many records only need "head of the migration office".
    Name, contacts and consents are personal data; exports leave them out unless asked, and
    :meth:`~integrationsnetz.store.Store.erase_person` removes them.
    """

    function: str = attrs.field(validator=validate_not_blank)
    name: str | None = None
    affiliation_id: str | None = attrs.field(default=None, validator=validate_optional_id)
    contacts: tuple[ContactPoint, ...] = ()
    consents: tuple[Consent, ...] = ()

    def consented(self, purpose: ConsentPurpose, on: date) -> bool:
        """Whether a consent for ``purpose`` covers ``on`` (given by then, not withdrawn before)."""
        return any(consent.purpose is purpose and consent.active(on) for consent in self.consents)

    @property
    def display_name(self) -> str:
        """What an agenda prints: the name when known, else the function."""
        return self.name or self.function
