"""Consent decides what of a person an export shows (DSGVO Art. 5(1)(c), 6(1)(a), 7(3)).

:func:`redact` runs before any exporter sees the data, so the built-ins and third-party
exporters alike get only what each person's consents allow for the export's audience:

* ``"public"``: a person's name only with an active ``publication`` consent, else their function
  ("Leitung Migrationsamt"); never contacts or consents; attendance only of the people named.
* ``"internal"``: names and attendance; contact details only with an active ``directory``
  consent; the consents themselves (a sign-in sheet ticks photos and publication).
* ``"recipients"``: as ``"internal"``, and the e-mail address of everyone with an active
  ``invitations`` consent (invitations and mailing lists go to those people only). The
  organiser's address as the sender of an iTIP message is not part of the data: see
  :func:`senders`.

Consent is decided for one day, the export's ``as_of`` (default: today): a consent withdrawn on
or before that day hides what it allowed, whatever the date of the meeting a document is about.
:func:`redact_selected` does the same for what the caller selected, which an exporter gets
beside the data. :func:`shows_name` is the one rule for whether a name may be shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo

import attrs

from integrationsnetz.contract.exporters import AUDIENCES, Audience, ExportOptions, IcsMethod
from integrationsnetz.errors import InvalidData
from integrationsnetz.model.actors import ConsentPurpose, Person
from integrationsnetz.model.contacts import ContactKind
from integrationsnetz.model.entity import Entity
from integrationsnetz.model.meetings import AttendanceStatus, Meeting
from integrationsnetz.model.network_data import NetworkData

__all__ = [
    "consented",
    "keeps_contacts",
    "keeps_email",
    "may_show_name",
    "redact",
    "redact_meetings",
    "redact_person",
    "redact_selected",
    "senders",
    "shows_name",
]


def _today() -> date:
    return datetime.now(ZoneInfo("Europe/Berlin")).date()


def _check(audience: str) -> None:
    if audience not in AUDIENCES:
        raise InvalidData([f"audience: expected one of {', '.join(AUDIENCES)}, got {audience!r}"])


def consented(person: Person, purpose: ConsentPurpose | str, on: date) -> bool:
    """Whether ``person`` has a consent for ``purpose`` that covers ``on``."""
    return person.consented(ConsentPurpose(purpose), on)


def shows_name(person: Person, audience: Audience, on: date) -> bool:
    """Whether an export for ``audience`` on ``on`` may show the person's name.

    Public: only with an active ``publication`` consent. Internal and recipients: yes (the
    network's own working papers name who does what).
    """
    _check(audience)
    return audience != "public" or person.consented(ConsentPurpose.PUBLICATION, on)


def keeps_contacts(person: Person, audience: Audience, on: date) -> bool:
    """Whether the person's contact details (phone, e-mail, ...) may be shown: ``directory`` consent, never public."""
    _check(audience)
    return audience != "public" and person.consented(ConsentPurpose.DIRECTORY, on)


def keeps_email(person: Person, audience: Audience, on: date) -> bool:
    """Whether the person's e-mail address may be in the export.

    With their contact details (:func:`keeps_contacts`), or, for the recipients of a message,
    with an active ``invitations`` consent.
    """
    if keeps_contacts(person, audience, on):
        return True
    return audience == "recipients" and person.consented(ConsentPurpose.INVITATIONS, on)


def redact_person(person: Person, audience: Audience = "public", on: date | None = None) -> Person:
    """The person as an export for ``audience`` may show them on ``on`` (the same object if unchanged)."""
    on = on or _today()
    name = person.name if shows_name(person, audience, on) else None
    if keeps_contacts(person, audience, on):
        contacts = person.contacts
    elif keeps_email(person, audience, on):
        contacts = tuple(c for c in person.contacts if c.kind is ContactKind.EMAIL)
    else:
        contacts = ()
    consents = person.consents if audience != "public" else ()
    if name == person.name and contacts == person.contacts and consents == person.consents:
        return person
    return attrs.evolve(person, name=name, contacts=contacts, consents=consents)


def redact(data: NetworkData, audience: Audience = "public", on: date | None = None) -> NetworkData:
    """``data`` as an export for ``audience`` may show it, with consents decided for ``on`` (default today).

    Organising a meeting is no exception: the organiser is redacted like everyone else (the
    sender of an iTIP message comes from :func:`senders`, beside the data). Organisations
    keep their public contacts and their attendance. A public export drops the
    attendance of people it does not name and keeps the meeting's count of those present
    (``headcount`` covers them), so counts never depend on what is hidden. Free text
    (descriptions, minutes) is kept as written: do not put names there.
    """
    _check(audience)
    on = on or _today()
    hidden = _hidden_attendance(data.persons, audience, on)
    return attrs.evolve(
        data,
        persons=tuple(redact_person(person, audience, on) for person in data.persons),
        meetings=tuple(_meeting(meeting, hidden) for meeting in data.meetings),
    )


def senders(data: NetworkData, options: ExportOptions) -> dict[str, str]:
    """The e-mail address of each meeting's organising person, for an iTIP message's ``ORGANIZER`` only.

    An invitation or cancellation (``ics`` with ``METHOD:REQUEST`` or ``CANCEL``) to the
    recipients is sent by the meeting's organiser: every recipient sees the sender's address, so
    the message names it without a consent. ``data`` is the data before :func:`redact`; empty for
    any other export (a feed, a list, a document), where the organiser's consents decide.
    """
    if options.effective_audience != "recipients" or options.ics.method is IcsMethod.PUBLISH:
        return {}
    persons = {person.id: person for person in data.persons}
    found: dict[str, str] = {}
    for meeting in data.meetings:
        person = persons.get(meeting.organizer_id or "")
        email = next((c.value for c in person.contacts if c.kind is ContactKind.EMAIL), None) if person else None
        if person is not None and email is not None:
            found[person.id] = email
    return found


def redact_selected(
    selected: Iterable[Entity],
    redacted: NetworkData,
    everyone: NetworkData,
    audience: Audience = "public",
    on: date | None = None,
) -> tuple[Entity, ...]:
    """The selected entities as ``redacted`` holds them, so an exporter gets the same objects twice.

    A selected entity that ``redacted`` lacks (a meeting outside the time range, or one the
    caller built and never put into the data) is redacted on its own; ``everyone`` (the data
    before narrowing) says which invited actors are people.
    """
    on = on or _today()
    held = {(type(entity), entity.id): entity for entity in redacted.entities()}
    hidden = _hidden_attendance(everyone.persons, audience, on)
    chosen = []
    for entity in selected:
        found = held.get((type(entity), entity.id))
        if found is not None:
            chosen.append(found)
        elif isinstance(entity, Person):
            chosen.append(redact_person(entity, audience, on))
        elif isinstance(entity, Meeting):
            chosen.append(_meeting(entity, hidden))
        else:
            chosen.append(entity)
    return tuple(chosen)


def redact_meetings(
    meetings: Iterable[Meeting],
    redacted: NetworkData,
    everyone: NetworkData,
    audience: Audience = "public",
    on: date | None = None,
) -> tuple[Meeting, ...]:
    """Meetings beside the data (a series' other dates) stripped like it, as :func:`redact_selected` does."""
    chosen = redact_selected(meetings, redacted, everyone, audience, on)
    return tuple(m for m in chosen if isinstance(m, Meeting))


def _hidden_attendance(persons: Iterable[Person], audience: Audience, on: date) -> set[str]:
    """The people whose attendance the audience may not see: in public, those it does not name."""
    if audience != "public":
        return set()
    return {person.id for person in persons if not shows_name(person, audience, on)}


def _meeting(meeting: Meeting, hidden: set[str]) -> Meeting:
    if not any(invitation.actor_id in hidden for invitation in meeting.invitations):
        return meeting
    present = meeting.present_count
    kept = tuple(i for i in meeting.invitations if i.actor_id not in hidden)
    listed = sum(1 for i in kept if i.status is AttendanceStatus.PRESENT)
    headcount = meeting.headcount if present == listed else max(present, meeting.headcount or 0)
    return attrs.evolve(meeting, invitations=kept, headcount=headcount)


def may_show_name(person: Person, options: ExportOptions) -> bool:
    """Whether a document may print this person's name (else it prints their function).

    The one place the Einladung, Tagesordnung, Protokoll, Teilnehmendenliste and Namensschilder
    ask. ``person`` comes from the export's data, which :func:`redact` has already decided for
    the audience and day (``options``): a name it kept may be shown. (Its consents are gone in a
    public export, so they cannot be asked again here.)
    """
    del options  # decided by redact(); kept so a stricter rule per document has its place
    return person.name is not None
