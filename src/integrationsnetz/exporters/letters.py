"""The Einladung as a letter, and the Tagesordnung on its own.

The letter is what goes out of a district office: the sender block of the network's office,
place and date, salutation, the invitation, time and place with directions and whether the room
is step-free, how and by when to register, the agenda and whom to ask (the network's public
contacts, else the sending office's functional mailbox, so a letter always says where to
register). The Tagesordnung numbers its items (TOP 1, 2, ...; a break is no TOP), gives each
its time from the meeting's start and the durations before it, and names presenters by function.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import partial

from integrationsnetz.contract.exporters import ExportRequest
from integrationsnetz.exporters.pages import Block, Facts, Heading, Letterhead, Page, Paragraph, Table, isolated
from integrationsnetz.exporters.privacy import may_show_name
from integrationsnetz.exporters.references import References
from integrationsnetz.exporters.wording import BERLIN, format_date, format_span, word
from integrationsnetz.model.actors import Organization
from integrationsnetz.model.contacts import ContactKind, ContactPoint
from integrationsnetz.model.meetings import AgendaItemKind, Meeting
from integrationsnetz.model.memberships import Role


def references(request: ExportRequest) -> References:
    """The lookups of a meeting document: a person's name only where :func:`may_show_name` allows it."""
    return References(request.data, name_shown=partial(may_show_name, options=request.options), isolate=True)


def presenters(ids: tuple[str, ...], refs: References) -> str:
    """ "Integrationsmanager, Stabsstelle Sozialplanung; Landrat ...": each label once, in order."""
    return "; ".join(dict.fromkeys(refs.actor_label(actor_id) for actor_id in ids))


def agenda_numbers(meeting: Meeting) -> list[int | None]:
    """Each agenda position's TOP number (from 1), None for a break: breaks are no TOP."""
    numbers: list[int | None] = []
    number = 0
    for item in meeting.agenda:
        if item.kind is AgendaItemKind.BREAK:
            numbers.append(None)
        else:
            number += 1
            numbers.append(number)
    return numbers


def agenda_times(meeting: Meeting) -> list[str]:
    """Each item's time, "09:30–09:40", from the start and the durations before it.

    An item without a duration gets its start only; the items after it get no time. Durations
    are counted in real time and shown on the wall clock, so on the night the clocks change an
    item from 01:30 for an hour ends at 03:30 (spring), one from 02:30 at 02:30 again (autumn).
    """
    times = []
    clock: datetime | None = meeting.start.astimezone(UTC)
    for item in meeting.agenda:
        if clock is None:
            times.append("")
        elif item.minutes is None:
            times.append(f"{clock.astimezone(BERLIN):%H:%M}")
            clock = None
        else:
            end = clock + timedelta(minutes=item.minutes)
            times.append(f"{clock.astimezone(BERLIN):%H:%M}–{end.astimezone(BERLIN):%H:%M}")
            clock = end
    return times


def agenda_table(meeting: Meeting, refs: References, language: str) -> Table:
    """TOP, time, topic and presenters; a break is a row without a number."""
    rows = []
    for number, when, item in zip(agenda_numbers(meeting), agenda_times(meeting), meeting.agenda, strict=True):
        title = isolated(item.title) + (f"\n{isolated(item.description)}" if item.description else "")
        top = str(number) if number is not None else ""
        rows.append((top, when, title, presenters(item.presenter_ids, refs)))
    header = (word("item", language), word("time", language), word("title", language), word("presenters", language))
    return Table(header=header, rows=tuple(rows))


def _where(meeting: Meeting, refs: References, language: str) -> list[tuple[str, str]]:
    """The "Wo" line: the place; "to be announced" for a meeting in person whose place is not set yet."""
    place = refs.place(meeting.venue_id, meeting.room_id)
    if place:
        return [(word("where", language), place)]
    if meeting.online_url:
        return []  # online only: the "Online" line says where
    return [(word("where", language), word("place_not_yet_set", language))]


def meeting_facts(meeting: Meeting, refs: References, language: str) -> list[tuple[str, str]]:
    """When, where (or online), who invites and who moderates."""
    facts = [(word("when", language), format_span(meeting.start, meeting.end, language))]
    facts += _where(meeting, refs, language)
    if meeting.online_url:
        facts.append((word("online", language), meeting.online_url))
    if meeting.organizer_id:
        facts.append((word("organizer", language), refs.actor_label(meeting.organizer_id)))
    if meeting.moderator_id:
        facts.append((word("moderation", language), refs.actor_label(meeting.moderator_id)))
    return facts


def office(meeting: Meeting, refs: References) -> Organization | None:
    """The sending office: the meeting's organiser, else the organisation of the network's coordinators."""
    found = refs.organization_of(meeting.organizer_id)
    if found is not None:
        return found
    coordinators = sorted(
        m.actor_id for m in refs.data.memberships if m.role is Role.COORDINATOR and m.group_id is None
    )
    return next((org for org in map(refs.organization_of, coordinators) if org is not None), None)


def _chain(org: Organization | None, refs: References) -> list[Organization]:
    """The organisation and its parents, the top one first (Landratsamt, then its unit)."""
    chain: list[Organization] = []
    while org is not None and org not in chain:
        chain.insert(0, org)
        parent = refs.actors.get(org.parent_id) if org.parent_id else None
        org = parent if isinstance(parent, Organization) else None
    return chain


def _contacts(meeting: Meeting, refs: References) -> tuple[ContactPoint, ...]:
    """Whom to write to: the network's public contacts, else the sending office's functional ones.

    The office is an organisation (its mailbox is no person's data); where the unit has none,
    its parent's count (the Landratsamt's for its Stabsstelle).
    """
    if refs.network.contacts:
        return refs.network.contacts
    return next((org.contacts for org in reversed(_chain(office(meeting, refs), refs)) if org.contacts), ())


def _contact_lines(meeting: Meeting, refs: References, language: str) -> list[str]:
    network = refs.network
    lines = [f"{word(c.kind.value, language)} {c.value}" for c in _contacts(meeting, refs)]
    if network.website:
        lines.append(f"{word('web', language)} {network.website}")
    return lines


def letterhead(meeting: Meeting, refs: References, language: str, day: date) -> Letterhead:
    """The sender block (office, network, address, contacts) and "Bad Salzungen, 30.09.2024"."""
    chain = _chain(office(meeting, refs), refs)
    lines = [org.name for org in chain]
    if refs.network.name not in lines:
        lines.append(refs.network.name)
    address = next((org.address for org in reversed(chain) if org.address is not None), None)
    if address is not None:
        lines += [
            part for part in (address.street, " ".join(filter(None, (address.postal_code, address.city)))) if part
        ]
    lines += _contact_lines(meeting, refs, language)
    place = address.city if address is not None else refs.network.region.name
    when = format_date(day, language).split(", ", 1)[1]
    return Letterhead(sender=tuple(lines), date_line=word("date_line", language).format(place=place, day=when))


def _letter_day(meeting: Meeting, request: ExportRequest) -> date:
    """The letter's date: the export's ``stamp``, else the meeting's last change, else the data's newest.

    Never the clock while the data has a date, so the same data gives the same letter (the Word
    file's bytes too); only data without any change time (built by hand, no store) is dated today.
    """
    stamp = request.options.stamp or meeting.modified or meeting.created
    if stamp is None:
        stamp = max((e.modified for e in request.data.entities() if e.modified is not None), default=None)
    return stamp.astimezone(BERLIN).date() if stamp is not None else date.today()


def _accessibility(meeting: Meeting, refs: References, language: str) -> str | None:
    venue = refs.venues.get(meeting.venue_id) if meeting.venue_id else None
    if venue is None:
        return None
    room = venue.room(meeting.room_id) if meeting.room_id else None
    step_free = room.step_free if room is not None and room.step_free is not None else venue.step_free
    key = {True: "step_free", False: "not_step_free", None: "step_free_unknown"}[step_free]
    return word(key, language)


def _place_facts(meeting: Meeting, refs: References, language: str) -> list[tuple[str, str]]:
    facts = [(word("when", language), format_span(meeting.start, meeting.end, language))]
    facts += _where(meeting, refs, language)
    if meeting.online_url:
        facts.append((word("online", language), meeting.online_url))
    venue = refs.venues.get(meeting.venue_id) if meeting.venue_id else None
    if venue is not None and venue.directions:
        facts.append((word("directions", language), venue.directions))
    if venue is not None and venue.coordinates is not None:
        lat, lon = venue.coordinates.latitude, venue.coordinates.longitude
        facts.append(
            (word("map", language), f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}")
        )
    accessible = _accessibility(meeting, refs, language)
    if accessible:
        facts.append((word("accessibility", language), accessible))
    if meeting.moderator_id:
        facts.append((word("moderation", language), refs.actor_label(meeting.moderator_id)))
    return facts


def _registration(meeting: Meeting, refs: References, language: str) -> str | None:
    mailbox = next((c.value for c in _contacts(meeting, refs) if c.kind is ContactKind.EMAIL), None)
    contact = meeting.registration_contact or mailbox
    if meeting.registration_until is None and contact is None:
        return None
    if meeting.registration_until is not None:
        text = word("register_until", language).format(day=format_date(meeting.registration_until, language))
    else:
        text = word("register_please", language)
    return text + (word("register_at", language).format(contact=contact) if contact else ".")


def invitation(meeting: Meeting, request: ExportRequest) -> Page:
    """The Einladung as a letter (see the module docstring)."""
    language = request.options.language
    refs = references(request)
    day = format_date(meeting.start.astimezone(BERLIN).date(), language)
    text = word("invitation_text", language).format(title=isolated(meeting.title), day=day)
    blocks: list[Block] = [Paragraph(word("salutation", language)), Paragraph(text)]
    if meeting.description:
        blocks.append(Paragraph(meeting.description))
    blocks += [Heading(word("time_and_place", language)), Facts(tuple(_place_facts(meeting, refs, language)))]
    registration = _registration(meeting, refs, language)
    if registration:
        blocks += [Heading(word("registration", language)), Paragraph(registration)]
    blocks.append(Heading(word("agenda", language)))
    blocks.append(agenda_table(meeting, refs, language) if meeting.agenda else Paragraph(word("no_entries", language)))
    contacts = _contact_lines(meeting, refs, language)
    if contacts:
        blocks += [Heading(word("contact", language)), Paragraph("\n".join([word("questions", language), *contacts]))]
    sender = _chain(office(meeting, refs), refs)
    signed = sender[-1].name if sender else refs.network.name
    blocks.append(Paragraph(f"{word('closing', language)}\n\n{signed}"))
    head = letterhead(meeting, refs, language, _letter_day(meeting, request))
    title = f"{word('invitation', language)}: {isolated(meeting.title)}"
    return Page(title=title, language=language, blocks=tuple(blocks), head=head)


def agenda(meeting: Meeting, request: ExportRequest) -> Page:
    """The Tagesordnung: when and where, then the numbered items with times and presenters."""
    language = request.options.language
    refs = references(request)
    blocks: list[Block] = [Facts(tuple(meeting_facts(meeting, refs, language)))]
    blocks.append(agenda_table(meeting, refs, language) if meeting.agenda else Paragraph(word("no_entries", language)))
    title = f"{word('agenda', language)}: {isolated(meeting.title)}"
    return Page(title=title, language=language, blocks=tuple(blocks))
