"""Invitations by e-mail (iMIP, RFC 6047): one meeting's REQUEST or CANCEL as messages to its invitees.

:func:`compose_invitations` reads the meeting and its network from a store, has the ``ics``
exporter write the calendar (``METHOD:REQUEST``, or ``CANCEL`` for a cancelled meeting; the
exporter decides UID, RECURRENCE-ID, SEQUENCE, ORGANIZER and who may be named) and wraps it in
messages. Nothing is sent here: :mod:`integrationsnetz.mail.smtp` delivers an :class:`Outbox`,
:mod:`integrationsnetz.mail.outbox` writes it as ``.eml`` files.

The shape of a message is the one the CalConnect developer's guide recommends and Google,
Yahoo and Thunderbird send, which Outlook, Thunderbird and Apple Mail show with answer buttons::

    multipart/mixed
      multipart/alternative
        text/plain                                  the Einladung letter (or the cancellation)
        text/html                                   the same as a page
        text/calendar; method=REQUEST; charset=...  the iMIP part, last of the alternatives
      application/ics; name="invite.ics"            the same calendar as an attachment

Outlook looks for iMIP data only in the first child of a ``multipart/mixed`` (MS-STANDARDS
[RFC6047] notes, V0343) and needs the ``method`` parameter on the ``text/calendar`` part; the
attachment serves clients that read only attachments. The calendar travels in base64, so no
mail server rewraps its lines or CRLFs.

A message to one invitee names only that invitee as ``ATTENDEE`` (the others' addresses are not
theirs to see); one message to all in BCC carries the calendar as the exporter wrote it. Invitees
who share a mailbox (an office address, in any case) get one message naming it once: a reply from
it answers for all of them (:mod:`integrationsnetz.mail.answers`).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.headerregistry import Address
from email.message import EmailMessage, Message
from email.mime.application import MIMEApplication
from email.mime.text import MIMEText
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from enum import StrEnum
from functools import partial
from html import escape

import attrs

from integrationsnetz.contract.stores import Store
from integrationsnetz.errors import ExportError, WrongType
from integrationsnetz.exporters import ExportOptions, IcsMethod, IcsOptions, export_result
from integrationsnetz.exporters.references import References
from integrationsnetz.exporters.wording import BERLIN
from integrationsnetz.mail.plaintext import plain_text
from integrationsnetz.mail.versions import invitee_digest
from integrationsnetz.model.actors import ConsentPurpose
from integrationsnetz.model.characters import isolated, printable
from integrationsnetz.model.meetings import AttendanceStatus, Meeting, MeetingStatus
from integrationsnetz.model.network_data import NetworkData
from integrationsnetz.store.network import load_network

#: How every message is written: CRLF line ends, headers folded at 78, non-ASCII text encoded for a 7-bit path.
POLICY = SMTP.clone(cte_type="7bit")

_WEEKDAYS = {"de": ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"), "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}
_WORDS: dict[str, tuple[str, str]] = {
    "invitation": ("Einladung", "Invitation"),
    "update": ("Geändert", "Updated"),
    "cancellation": ("Abgesagt", "Cancelled"),
    "subject": ("{kind}: {title} am {when}", "{kind}: {title} on {when}"),
    "clock": ("{day}, {time} Uhr", "{day}, {time}"),
    "updated_note": (
        "Dieser Termin wurde geändert. Es gilt die folgende Einladung; Ihr Kalender übernimmt die Änderung.",
        "This meeting has changed. The invitation below replaces the earlier one; your calendar takes the change.",
    ),
    "salutation": ("Sehr geehrte Damen und Herren,", "Dear colleagues,"),
    "cancel_text": (
        "der Termin „{title}“ am {when} findet nicht statt. Bitte entfernen Sie ihn aus Ihrem Kalender "
        "(die beigefügte Absage tut das in den meisten Kalendern von selbst).",
        "the meeting “{title}” on {when} will not take place. Please remove it from your calendar "
        "(the attached cancellation does so in most calendars by itself).",
    ),
    "closing": ("Mit freundlichen Grüßen", "Kind regards"),
    "no_address": ("keine E-Mail-Adresse", "no e-mail address"),
    "no_consent": ("keine Einwilligung „Einladungen“ am {day}", "no invitations consent on {day}"),
    "not_in_calendar": (
        "nicht als Teilnehmende im Kalender genannt ({reason})",
        "not named as an attendee in the calendar ({reason})",
    ),
    "invalid_address": ("ungültige E-Mail-Adresse {address!r}", "invalid e-mail address {address!r}"),
    "bad_sender": (
        "der Absender {sender!r} lässt sich nicht in eine E-Mail schreiben: {error}",
        "sender {sender!r} cannot be written into an e-mail: {error}",
    ),
    "bad_address": (
        "die Adresse {address!r} lässt sich nicht in eine E-Mail schreiben ({error})",
        "the address {address!r} cannot be written into an e-mail ({error})",
    ),
}


def _word(key: str, language: str) -> str:
    pair = _WORDS[key]
    return pair[1] if language == "en" else pair[0]


class MessageKind(StrEnum):
    """What a message tells its recipient: a first invitation, a changed one, or a cancellation."""

    INVITATION = "invitation"
    UPDATE = "update"
    CANCELLATION = "cancellation"


@attrs.frozen(kw_only=True)
class NotReached:
    """An invitee the messages do not reach, and why: the coordinator tells them another way."""

    actor_id: str
    label: str
    reason: str

    def __str__(self) -> str:
        return f"{self.label} ({self.actor_id}): {self.reason}"


@attrs.frozen(kw_only=True, eq=False)
class OutgoingMessage:
    """One e-mail ready to go: for whom (invitee ids and addresses), its subject and the message itself.

    In BCC mode ``addresses`` are the hidden recipients and the message's ``To`` is the sender.
    ``addresses`` names each mailbox once (several invitees may share one, in any case);
    ``actor_addresses`` gives each of ``actor_ids`` its mailbox, so delivery records everyone it reached.
    """

    kind: MessageKind
    actor_ids: tuple[str, ...]
    addresses: tuple[str, ...]
    subject: str
    message: EmailMessage
    actor_addresses: tuple[str, ...] = ()

    def actors_at(self, address: str) -> tuple[str, ...]:
        """The invitees whose mailbox ``address`` is (any case)."""
        wanted = address.lower()
        pairs = zip(self.actor_ids, self.actor_addresses or self.addresses, strict=False)
        return tuple(actor for actor, mailbox in pairs if mailbox.lower() == wanted)

    def as_bytes(self) -> bytes:
        """The message as it goes over SMTP or into an ``.eml`` file (CRLF line ends)."""
        return self.message.as_bytes(policy=POLICY)


@attrs.frozen(kw_only=True, eq=False)
class Outbox:
    """The messages of one meeting's invitation or cancellation, and the invitees they do not reach.

    ``sequence`` is the calendar's ``SEQUENCE`` as the exporter wrote it (what delivery records as
    each reached invitee's ``sent_sequence``); ``digest`` fingerprints what invitees see
    (:func:`~integrationsnetz.mail.versions.invitee_digest`; recorded with the sequence as the
    meeting's ``mailed`` version); ``changed`` says whether that differs from the version last
    e-mailed (True for a first sending). ``uid`` and ``recurrence_id`` say which calendar entry
    the messages are about. ``up_to_date`` lists the invitees left out because they already have
    this version; with no ``messages`` there is nothing to send (:attr:`nothing_to_send`).
    """

    network_id: str
    meeting_id: str
    method: IcsMethod
    uid: str
    recurrence_id: str | None
    sequence: int
    sender: str
    messages: tuple[OutgoingMessage, ...]
    not_reached: tuple[NotReached, ...]
    digest: str
    changed: bool
    up_to_date: tuple[str, ...] = ()

    @property
    def nothing_to_send(self) -> bool:
        """Whether no message is to go out (everyone meant has this version already, or none can be reached)."""
        return not self.messages

    @property
    def actor_ids(self) -> tuple[str, ...]:
        """Every invitee a message goes to, in message order."""
        return tuple(actor_id for message in self.messages for actor_id in message.actor_ids)


@attrs.frozen
class _Calendar:
    """What the messages need from the calendar the exporter wrote."""

    text: str
    method: IcsMethod
    uid: str
    recurrence_id: str | None
    sequence: int
    organizer: str
    organizer_name: str
    attendees: frozenset[str]


def _read_calendar(payload: bytes) -> _Calendar:
    import icalendar

    calendar = icalendar.Calendar.from_ical(payload)
    event = next(iter(calendar.walk("VEVENT")))
    organizer = event["ORGANIZER"]
    attendees = event.get("ATTENDEE", [])
    if not isinstance(attendees, list):
        attendees = [attendees]
    recurrence = event.get("RECURRENCE-ID")
    return _Calendar(
        text=payload.decode("utf-8"),
        method=IcsMethod(str(calendar["METHOD"])),
        uid=str(event["UID"]),
        recurrence_id=recurrence.to_ical().decode("ascii") if recurrence is not None else None,
        sequence=int(event.get("SEQUENCE", 0)),
        organizer=_mailto(str(organizer)),
        organizer_name=str(organizer.params.get("CN", "")),
        attendees=frozenset(_mailto(str(a)).lower() for a in attendees),
    )


def _mailto(uri: str) -> str:
    return uri[7:] if uri.lower().startswith("mailto:") else uri


def only_attendee(calendar: str, address: str | None) -> str:
    """The calendar with every ``ATTENDEE`` but ``address``'s removed (folded lines kept as written).

    Each mailbox is named once (the first line of invitees sharing it); ``None`` keeps every mailbox.
    """
    lines = calendar.split("\r\n")
    logical: list[list[str]] = []
    for line in lines:
        if line[:1] in (" ", "\t") and logical:
            logical[-1].append(line)
        else:
            logical.append([line])
    kept = []
    wanted = None if address is None else address.lower()
    named: set[str] = set()
    for group in logical:
        unfolded = "".join([group[0], *(part[1:] for part in group[1:])])
        name = re.split(r"[;:]", unfolded, maxsplit=1)[0].upper()
        if name == "ATTENDEE":
            mailbox = _attendee_address(unfolded)
            if (wanted is not None and mailbox != wanted) or mailbox in named:
                continue  # another invitee's, or a mailbox named already (a shared one is named once)
            named.add(mailbox)
        kept.extend(group)
    return "\r\n".join(kept)


def _attendee_address(line: str) -> str:
    """The address of an unfolded ``ATTENDEE`` line: the value after the last ``mailto:`` (lower case)."""
    lowered = line.lower()
    at = lowered.rfind("mailto:")
    return lowered[at + 7 :] if at >= 0 else lowered.rsplit(":", 1)[-1]


def _when(meeting: Meeting, language: str) -> str:
    start = meeting.start.astimezone(BERLIN)
    day = f"{_WEEKDAYS['en' if language == 'en' else 'de'][start.weekday()]} {start:%d.%m.%Y}"
    return _word("clock", language).format(day=day, time=f"{start:%H:%M}")


def subject_for(kind: MessageKind, meeting: Meeting, language: str = "de") -> str:
    """ "Einladung: Netzwerktreffen am Di 12.01.2027, 14:00 Uhr" (one line, whatever the title holds)."""
    title = isolated(" ".join(printable(meeting.title).split()))  # a U+202E in it cannot reverse the date after it
    return _word("subject", language).format(
        kind=_word(kind.value, language), title=title, when=_when(meeting, language)
    )


def _targeted(meeting: Meeting, cancel: bool, sequence: int, resend_all: bool) -> tuple[list[str], list[str]]:
    """The invitees a message is meant for (all, or for a cancellation those who were told or said
    yes), and of those the ones left out because they were sent ``sequence`` already."""
    chosen, current = [], []
    for invitation in meeting.invitations:
        if cancel:
            told = invitation.sent_sequence is not None
            agreed = invitation.status in (AttendanceStatus.ACCEPTED, AttendanceStatus.TENTATIVE)
            if invitation.status is AttendanceStatus.DECLINED or not (told or agreed):
                continue
        sent = invitation.sent_sequence
        if not resend_all and sent is not None and sent >= sequence:
            current.append(invitation.actor_id)
            continue
        chosen.append(invitation.actor_id)
    return chosen, current


def sequence_to_send(meeting: Meeting, digest: str, default: int) -> int:
    """The ``SEQUENCE`` an invitation of ``meeting`` carries, given what invitees see now (``digest``).

    Never e-mailed: ``default``, the exporter's number (the revision), which is at least what any
    feed or ``.ics`` file with the same UID carried. Unchanged since last e-mailed: that version's
    ``SEQUENCE``. Changed: one more than that, or ``default`` if higher (RFC 5546 §2.1.4: the
    number rises with the organiser's significant change, and only then).
    """
    mailed = meeting.mailed
    if mailed is None:
        return default
    if mailed.digest == digest:
        return mailed.sequence
    return max(mailed.sequence + 1, default)


#: The answers a significant change sets back (RFC 5546 §2.1.5); attendance recorded on the day stays.
ANSWERED = frozenset({AttendanceStatus.ACCEPTED, AttendanceStatus.TENTATIVE, AttendanceStatus.DECLINED})


def answers_reset(meeting: Meeting, sequence: int) -> Meeting:
    """``meeting`` with the answers of invitees sent an older ``SEQUENCE`` than ``sequence`` set back to invited.

    A higher ``SEQUENCE`` means a significant change since they were sent theirs: their answer was
    to a meeting that is no more, so the organiser asks again (RFC 5546 §2.1.5, §3.2.2). ``answered_at``
    stays, so an answer to the older version read later is still stale. ``meeting`` itself when none changes.
    """
    invitations = tuple(
        attrs.evolve(i, status=AttendanceStatus.INVITED)
        if i.sent_sequence is not None and i.sent_sequence < sequence and i.status in ANSWERED
        else i
        for i in meeting.invitations
    )
    if invitations == meeting.invitations:
        return meeting
    return attrs.evolve(meeting, invitations=invitations)


def _left_out_reason(data: NetworkData, actor_id: str, email: str | None, day: date, language: str) -> str | None:
    """Why the exporter left an invitee out, in ``language``: no consent that day, or no address (None: other)."""
    person = next((p for p in data.persons if p.id == actor_id), None)
    if person is not None and not person.consented(ConsentPurpose.INVITATIONS, day):
        return _word("no_consent", language).format(day=day.strftime("%d.%m.%Y" if language == "de" else "%Y-%m-%d"))
    return _word("no_address", language) if email is None or not _plain_address(email) else None


_PLAIN_ADDRESS = re.compile(r"[^\s@,;:<>()\[\]\\\"]+@[^\s@,;:<>()\[\]\\\"]+\.[^\s@,;:<>()\[\]\\\".]+")


def _plain_address(email: str) -> bool:
    """Whether ``email`` is one bare address (``name@example.org``): no list, no display name, no line break."""
    return _PLAIN_ADDRESS.fullmatch(email) is not None


def _address(email: str, name: str) -> Address:
    """An ``Address`` that the SMTP policy can write (raises ValueError/IndexError when it cannot)."""
    address = Address(display_name=isolated(" ".join(printable(name).split())), addr_spec=email)
    message = EmailMessage(policy=POLICY)
    message["To"] = address
    message.as_bytes()  # a local part or domain that cannot go into a 7-bit header fails here, not later
    return address


def _bodies(kind: MessageKind, texts: tuple[str, str], language: str) -> tuple[str, str]:
    """The text and HTML bodies of a message of ``kind`` (the letter's, with a note for an update)."""
    text, html = texts
    if kind is MessageKind.UPDATE:
        note = _word("updated_note", language)
        text = f"{note}\n\n{text}"
        shown = f"<p><strong>{escape(note)}</strong></p>\n"
        html = re.sub(r"(<body[^>]*>\n?)", lambda found: found.group(1) + shown, html, count=1)
    return text, html


def _cancellation_texts(meeting: Meeting, signed: str, language: str) -> tuple[str, str]:
    title = " ".join(meeting.title.split())
    body = _word("cancel_text", language).format(title=title, when=_when(meeting, language))
    paragraphs = [_word("salutation", language), body, f"{_word('closing', language)}\n{signed}"]
    text = "\n\n".join(paragraphs) + "\n"
    page = "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>\n" for p in paragraphs)
    subject = escape(subject_for(MessageKind.CANCELLATION, meeting, language))
    html = (
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n<title>{subject}</title>\n'
        f"</head>\n<body>\n{page}</body>\n</html>\n"
    )
    return text, html


def _letter_texts(store_data: NetworkData, meeting_id: str, options: ExportOptions) -> tuple[str, str]:
    """The Einladung letter (exporters/letters.py) as plain text (from the Markdown) and as an HTML page."""
    letter = attrs.evolve(options, document="invitation", audience="public", ics=IcsOptions())
    text = plain_text(export_result(store_data, "markdown", select=meeting_id, options=letter).payload.decode("utf-8"))
    html = export_result(store_data, "html", select=meeting_id, options=letter).payload.decode("utf-8")
    return text, html


def _build(
    *,
    kind: MessageKind,
    subject: str,
    sender: Address,
    to: list[Address],
    bcc: list[Address],
    texts: tuple[str, str],
    calendar: str,
    method: IcsMethod,
    stamp: datetime,
    language: str,
) -> EmailMessage:
    message = EmailMessage(policy=POLICY)
    message["From"] = sender
    message["To"] = to
    if bcc:
        message["Bcc"] = bcc
    message["Subject"] = subject
    message["Date"] = format_datetime(stamp.astimezone(UTC))
    message["Message-ID"] = make_msgid(domain=sender.domain or None)
    message["Content-Language"] = language
    message.set_content(texts[0])
    message.add_alternative(texts[1], subtype="html")
    part = MIMEText(calendar, "calendar", "utf-8")  # base64: no server rewraps its lines or CRLFs
    # method unquoted and first, as Outlook writes it (RFC 6047 §2.4: it must equal the calendar's METHOD).
    part.replace_header("Content-Type", f'text/calendar; method={method.value}; charset="UTF-8"')
    del part["MIME-Version"]  # a header of the whole message only
    part.add_header("Content-Class", "urn:content-classes:calendarmessage")
    alternatives: list[Message] = message.get_payload()  # type: ignore[assignment]  # a multipart's payload
    alternatives.append(part)
    message.make_mixed()
    attachment = MIMEApplication(calendar.encode("utf-8"), "ics", name="invite.ics")
    del attachment["MIME-Version"]
    attachment.add_header("Content-Disposition", "attachment", filename="invite.ics")
    message.attach(attachment)  # type: ignore[arg-type]  # any Message part; typeshed asks for an EmailMessage
    return message


def compose_invitations(
    store: Store,
    meeting_id: str,
    *,
    sender: str | None = None,
    one_message_bcc: bool = False,
    as_of: date | None = None,
    language: str = "de",
    stamp: datetime | None = None,
    resend_all: bool = False,
) -> Outbox:
    """The invitation (or, for a cancelled meeting, the cancellation) of ``meeting_id`` as e-mails.

    The ``SEQUENCE`` stays the one last e-mailed while what invitees see is unchanged, and rises
    when it changed (:func:`sequence_to_send`; ``Meeting.mailed`` holds the version last sent).
    A planned or confirmed meeting gets a ``REQUEST`` to every invitee not yet sent this version:
    after no change only to new invitees (``resend_all`` sends it to everyone again, with the same
    ``SEQUENCE``); after a change, titled "Geändert", to those sent an older one, and as an
    invitation to new ones. A cancelled meeting gets a ``CANCEL`` to everyone who was sent the
    invitation or accepted it (tentatively), not to those who declined. Only
    organisations with an address and people with an active ``invitations`` consent on ``as_of``
    (default today) and an address get a message; everyone else meant is in ``not_reached`` with
    the reason. One message per invitee, or with ``one_message_bcc`` one to the sender with all in
    BCC. ``sender`` (an e-mail address) is the ``From``; default the organiser's (ORGANIZER).

    Raises :class:`~integrationsnetz.errors.NotFound` for an unknown meeting,
    :class:`~integrationsnetz.errors.ExportError` for a meeting already held or one without an
    organiser address, :class:`~integrationsnetz.errors.WrongType` for arguments of the wrong kind.
    """
    problems = []
    if not isinstance(store, Store):
        problems.append(f"compose_invitations: store: expected a Store, got {type(store).__name__}")
    if not isinstance(meeting_id, str):
        problems.append(f"compose_invitations: meeting_id: expected text, got {type(meeting_id).__name__}")
    if sender is not None and not isinstance(sender, str):
        problems.append(f"compose_invitations: sender: expected an e-mail address, got {type(sender).__name__}")
    if not isinstance(resend_all, bool):
        problems.append(f"compose_invitations: resend_all: expected True or False, got {resend_all!r}")
    if language not in ("de", "en"):
        problems.append(f"compose_invitations: language: expected 'de' or 'en', got {language!r}")
    if problems:
        raise WrongType(problems)
    meeting = store.get(Meeting, meeting_id)
    if meeting.status is MeetingStatus.HELD:
        raise ExportError(f"meeting {meeting_id!r} was already held: there is nothing to invite to or cancel")
    data = load_network(store, meeting.network_id)
    cancel = meeting.status is MeetingStatus.CANCELLED
    method = IcsMethod.CANCEL if cancel else IcsMethod.REQUEST
    stamp = (stamp or datetime.now(UTC)).replace(microsecond=0)
    options = ExportOptions(language=language, audience="recipients", as_of=as_of, stamp=stamp,
                            ics=IcsOptions(method=method))  # fmt: skip
    result = export_result(data, "ics", select=meeting_id, options=options)
    calendar = _read_calendar(result.payload)
    venue = next((v for v in data.venues if v.id == meeting.venue_id), None)
    digest = invitee_digest(meeting, venue)
    sequence = sequence_to_send(meeting, digest, calendar.sequence)
    asked_again = meeting if cancel else answers_reset(meeting, sequence)
    if sequence != calendar.sequence or asked_again is not meeting:
        if asked_again is not meeting:  # the calendar asks again (NEEDS-ACTION, RSVP) whom the change reaches
            data = attrs.evolve(data, meetings=tuple(asked_again if m.id == meeting_id else m for m in data.meetings))
        options = attrs.evolve(options, ics=IcsOptions(method=method, sequence=sequence))
        result = export_result(data, "ics", select=meeting_id, options=options)
        calendar = _read_calendar(result.payload)
    refs = References(data)
    left_out = {entry.actor_id: entry for entry in result.left_out}
    try:
        from_address = _address(sender or calendar.organizer, calendar.organizer_name or data.network.name)
    except (ValueError, IndexError) as exc:
        raise ExportError(
            _word("bad_sender", language).format(sender=sender or calendar.organizer, error=exc)
        ) from None
    if cancel:
        signed = calendar.organizer_name or data.network.name
        letter = _cancellation_texts(meeting, signed, language)
    else:
        letter = _letter_texts(data, meeting_id, options)
    reached: list[tuple[str, Address, MessageKind]] = []
    not_reached: list[NotReached] = []
    targeted, up_to_date = _targeted(meeting, cancel, sequence, resend_all)
    for actor_id in targeted:
        label = refs.actor_label(actor_id)
        email = refs.email_of(actor_id)
        if actor_id in left_out:
            reason = (
                _left_out_reason(data, actor_id, email, options.decision_day, language) or left_out[actor_id].reason
            )
            if reason.startswith("no e-mail address"):  # the exporter's words are English
                reason = _word("no_address", language)
            not_reached.append(NotReached(actor_id=actor_id, label=label, reason=reason))
            continue
        if email is not None and not _plain_address(email):
            reason = _word("invalid_address", language).format(address=email)
            not_reached.append(NotReached(actor_id=actor_id, label=label, reason=reason))
            continue
        if email is None or email.lower() not in calendar.attendees:
            reason = _word("no_address", language) if email is None else "?"
            reason = _word("not_in_calendar", language).format(reason=reason) if email else reason
            not_reached.append(NotReached(actor_id=actor_id, label=label, reason=reason))
            continue
        try:
            address = _address(email, refs.actor_name(actor_id) or "")
        except (ValueError, IndexError) as exc:
            reason = _word("bad_address", language).format(address=email, error=exc)
            not_reached.append(NotReached(actor_id=actor_id, label=label, reason=reason))
            continue
        invitation = next(i for i in meeting.invitations if i.actor_id == actor_id)
        if cancel:
            kind = MessageKind.CANCELLATION
        elif invitation.sent_sequence is not None and invitation.sent_sequence < calendar.sequence:
            kind = MessageKind.UPDATE
        else:
            kind = MessageKind.INVITATION
        reached.append((actor_id, address, kind))
    messages: list[OutgoingMessage] = []
    build = partial(_build, sender=from_address, method=method, stamp=stamp, language=language)
    mailboxes: dict[str, list[tuple[str, Address, MessageKind]]] = {}
    for entry in reached:  # one message per mailbox: invitees sharing an address get it once
        mailboxes.setdefault(entry[1].addr_spec.lower(), []).append(entry)
    if one_message_bcc and reached:
        kinds = {kind for _, _, kind in reached}
        kind = kinds.pop() if len(kinds) == 1 else MessageKind.INVITATION
        subject = subject_for(kind, meeting, language)
        texts = letter if cancel else _bodies(kind, letter, language)
        bcc = [group[0][1] for group in mailboxes.values()]
        built = build(kind=kind, subject=subject, to=[from_address], bcc=bcc, texts=texts,
                      calendar=only_attendee(calendar.text, None))  # fmt: skip
        messages.append(OutgoingMessage(kind=kind, actor_ids=tuple(a for a, _, _ in reached),
                                        addresses=tuple(a.addr_spec for a in bcc), subject=subject, message=built,
                                        actor_addresses=tuple(a.addr_spec for _, a, _ in reached)))  # fmt: skip
    else:
        for group in mailboxes.values():
            address = group[0][1]
            kinds = {kind for _, _, kind in group}
            kind = kinds.pop() if len(kinds) == 1 else MessageKind.INVITATION
            subject = subject_for(kind, meeting, language)
            texts = letter if cancel else _bodies(kind, letter, language)
            own = only_attendee(calendar.text, address.addr_spec)
            built = build(kind=kind, subject=subject, to=[address], bcc=[], texts=texts, calendar=own)
            messages.append(OutgoingMessage(kind=kind, actor_ids=tuple(a for a, _, _ in group),
                                            addresses=(address.addr_spec,), subject=subject, message=built,
                                            actor_addresses=tuple(a.addr_spec for _, a, _ in group)))  # fmt: skip
    return Outbox(
        network_id=meeting.network_id,
        meeting_id=meeting_id,
        method=method,
        uid=calendar.uid,
        recurrence_id=calendar.recurrence_id,
        sequence=calendar.sequence,
        sender=from_address.addr_spec,
        messages=tuple(messages),
        not_reached=tuple(not_reached),
        digest=digest,
        changed=meeting.mailed is None or meeting.mailed.digest != digest,
        up_to_date=tuple(up_to_date),
    )


__all__ = [
    "POLICY",
    "MessageKind",
    "NotReached",
    "Outbox",
    "OutgoingMessage",
    "answers_reset",
    "compose_invitations",
    "sequence_to_send",
    "subject_for",
]
