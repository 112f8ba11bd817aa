"""A small network in a store, for the e-mail tests: an organiser with an address, invitees of every kind.

Invitees: two people with an invitations consent and an address (one with umlauts in the name),
one with the consent withdrawn, one without any consent, one person with consent but no address,
and an organisation with an address.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

import integrationsnetz as inz
from integrationsnetz.model import (
    Consent,
    ConsentPurpose,
    ContactKind,
    ContactPoint,
    Invitation,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Network,
    Organization,
    OrganizationKind,
    Person,
    Region,
    State,
)

BERLIN = ZoneInfo("Europe/Berlin")
NETWORK = "netz-mail"
MEETING = "nt-2027-1"
AS_OF = date(2027, 1, 4)
GIVEN = date(2026, 6, 1)
TITLE = "Netzwerktreffen Größe & Vielfalt"


def email(value: str) -> tuple[ContactPoint, ...]:
    """One e-mail contact."""
    return (ContactPoint(kind=ContactKind.EMAIL, value=value),)


def consent(withdrawn: date | None = None) -> tuple[Consent, ...]:
    """An invitations consent given before the tests' day, withdrawn on ``withdrawn`` if given."""
    return (Consent(purpose=ConsentPurpose.INVITATIONS, given_on=GIVEN, withdrawn_on=withdrawn),)


def network_data() -> inz.NetworkData:
    """The test network (see the module docstring)."""
    network = Network(id=NETWORK, name="Netzwerk Integration Wartburgkreis",
                      region=Region(name="Wartburgkreis", state=State.TH, ags="16063"),
                      contacts=email("integration@wartburgkreis.example"))  # fmt: skip
    orgs = (
        Organization(network_id=NETWORK, id="lra", name="Landratsamt Wartburgkreis",
                     kind=OrganizationKind.AUTHORITY, contacts=email("sozialplanung@wartburgkreis.example")),
        Organization(network_id=NETWORK, id="jobcenter", name="Jobcenter Wartburgkreis",
                     kind=OrganizationKind.JOBCENTER, contacts=email("jobcenter@example.org")),
        Organization(network_id=NETWORK, id="verein", name="Verein ohne Adresse", kind=OrganizationKind.OTHER),
    )  # fmt: skip
    persons = (
        Person(network_id=NETWORK, id="p-mueller", function="Integrationsmanagerin", name="Jürgen Müller-Weiß",
               contacts=email("mueller@example.org"), consents=consent()),
        Person(network_id=NETWORK, id="p-ok", function="Migrationsberatung", name="Ada Berg",
               contacts=email("ada.berg@example.org"), consents=consent()),
        Person(network_id=NETWORK, id="p-withdrawn", function="Ehrenamt", name="Zoe Zurück",
               contacts=email("zoe@example.org"), consents=consent(withdrawn=date(2026, 12, 1))),
        Person(network_id=NETWORK, id="p-none", function="Schulsozialarbeit", name="Nina Nein",
               contacts=email("nina@example.org")),
        Person(network_id=NETWORK, id="p-noaddress", function="Kita-Leitung", name="Otto Ohne", consents=consent()),
    )  # fmt: skip
    invited = ("p-mueller", "p-ok", "p-withdrawn", "p-none", "p-noaddress", "jobcenter", "verein")
    meeting = Meeting(network_id=NETWORK, id=MEETING, kind=MeetingKind.NETWORK, title=TITLE,
                      start=datetime(2027, 1, 12, 14, tzinfo=BERLIN), end=datetime(2027, 1, 12, 16, tzinfo=BERLIN),
                      status=MeetingStatus.CONFIRMED, organizer_id="lra",
                      invitations=tuple(Invitation(actor_id=a) for a in invited))  # fmt: skip
    return inz.NetworkData(network=network, organizations=orgs, persons=persons, meetings=(meeting,))


@pytest.fixture
def store() -> Iterator[inz.Store]:
    """A memory store holding the test network."""
    with inz.open_store("memory://") as opened:
        inz.save_network(opened, network_data())
        yield opened
