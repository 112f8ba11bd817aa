"""The e-mail tests' network and a real SMTP server (aiosmtpd) on a free port of this machine.

The network: an organiser with an address, invitees of every kind.

Invitees: two people with an invitations consent and an address (one with umlauts in the name),
one with the consent withdrawn, one without any consent, one person with consent but no address,
and an organisation with an address.
"""

from __future__ import annotations

import email
import email.message
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from email import policy
from typing import Any
from zoneinfo import ZoneInfo

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP as Server  # noqa: N811 - the server side, beside smtplib's client
from aiosmtpd.smtp import Envelope, Session

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


def address(value: str) -> tuple[ContactPoint, ...]:
    """One e-mail contact."""
    return (ContactPoint(kind=ContactKind.EMAIL, value=value),)


def consent(withdrawn: date | None = None) -> tuple[Consent, ...]:
    """An invitations consent given before the tests' day, withdrawn on ``withdrawn`` if given."""
    return (Consent(purpose=ConsentPurpose.INVITATIONS, given_on=GIVEN, withdrawn_on=withdrawn),)


def network_data() -> inz.NetworkData:
    """The test network (see the module docstring)."""
    network = Network(id=NETWORK, name="Netzwerk Integration Wartburgkreis",
                      region=Region(name="Wartburgkreis", state=State.TH, ags="16063"),
                      contacts=address("integration@wartburgkreis.example"))  # fmt: skip
    orgs = (
        Organization(network_id=NETWORK, id="lra", name="Landratsamt Wartburgkreis",
                     kind=OrganizationKind.AUTHORITY, contacts=address("sozialplanung@wartburgkreis.example")),
        Organization(network_id=NETWORK, id="jobcenter", name="Jobcenter Wartburgkreis",
                     kind=OrganizationKind.JOBCENTER, contacts=address("jobcenter@example.org")),
        Organization(network_id=NETWORK, id="verein", name="Verein ohne Adresse", kind=OrganizationKind.OTHER),
    )  # fmt: skip
    persons = (
        Person(network_id=NETWORK, id="p-mueller", function="Integrationsmanagerin", name="Jürgen Müller-Weiß",
               contacts=address("mueller@example.org"), consents=consent()),
        Person(network_id=NETWORK, id="p-ok", function="Migrationsberatung", name="Ada Berg",
               contacts=address("ada.berg@example.org"), consents=consent()),
        Person(network_id=NETWORK, id="p-withdrawn", function="Ehrenamt", name="Zoe Zurück",
               contacts=address("zoe@example.org"), consents=consent(withdrawn=date(2026, 12, 1))),
        Person(network_id=NETWORK, id="p-none", function="Schulsozialarbeit", name="Nina Nein",
               contacts=address("nina@example.org")),
        Person(network_id=NETWORK, id="p-noaddress", function="Kita-Leitung", name="Otto Ohne", consents=consent()),
    )  # fmt: skip
    invited = ("p-mueller", "p-ok", "p-withdrawn", "p-none", "p-noaddress", "jobcenter", "verein")
    meeting = Meeting(network_id=NETWORK, id=MEETING, kind=MeetingKind.NETWORK, title=TITLE,
                      start=datetime(2027, 1, 12, 14, tzinfo=BERLIN), end=datetime(2027, 1, 12, 16, tzinfo=BERLIN),
                      status=MeetingStatus.CONFIRMED, organizer_id="lra",
                      invitations=tuple(Invitation(actor_id=a) for a in invited))  # fmt: skip
    return inz.NetworkData(network=network, organizations=orgs, persons=persons, meetings=(meeting,))


class Inbox:
    """The server's handler: keeps every message, refuses recipients starting with "refuse"."""

    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], bytes]] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self, server: Server, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Server, session: Session, envelope: Envelope) -> str:  # noqa: N802
        content = envelope.original_content or b""
        self.received.append((str(envelope.mail_from), list(envelope.rcpt_tos), content))
        return "250 OK"

    def messages(self) -> list[email.message.EmailMessage]:
        """What arrived, parsed."""
        return [email.message_from_bytes(raw, policy=policy.default) for _, _, raw in self.received]  # type: ignore[misc]

    def recipients(self) -> list[str]:
        """Every envelope recipient of every message."""
        return [address for _, addresses, _ in self.received for address in addresses]


def free_port(host: str) -> int:
    """A port nobody listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


@contextmanager
def server(host: str = "127.0.0.1", **options: Any) -> Iterator[tuple[Inbox, int]]:
    """An aiosmtpd server on ``host`` with ``options`` (STARTTLS, login ...); its inbox and port."""
    inbox = Inbox()
    port = free_port(host)
    controller = Controller(inbox, hostname=host, port=port, server_hostname="localhost", **options)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()
