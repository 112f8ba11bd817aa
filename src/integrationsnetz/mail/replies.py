"""Answers to e-mailed invitations (iMIP ``METHOD:REPLY``, RFC 6047) read from one message.

An invitee's calendar answers an invitation with a message whose calendar part says
``METHOD:REPLY`` and holds the event's ``UID`` (with ``RECURRENCE-ID`` for one date of a series),
its ``SEQUENCE``, the answer's time stamp ``DTSTAMP`` and one ``ATTENDEE`` with the answer in
``PARTSTAT``. Where that part sits differs by client: Outlook puts ``text/calendar; method=REPLY``
into a ``multipart/alternative``, Thunderbird adds the same calendar again as an ``invite.ics``
attachment (``application/ics``), Apple Mail sends it base64 in a ``multipart/mixed``. So the
whole MIME tree is searched, and a calendar given twice counts once.

A ``METHOD:COUNTER`` (an invitee proposing another time) is read the same way, as a :class:`Reply`
whose ``answer`` is ``COUNTER`` with the proposed ``DTSTART``/``DTEND``: reported, never applied.
A message that is not a reply (no calendar part, or another METHOD) is passed over; one that
cannot be read, or is too large to be a reply, is a :class:`ReadProblem` naming where it came
from. Nothing here raises on bad input: a folder of mail with one broken message still gives
the answers of the others. :mod:`integrationsnetz.mail.mailboxes` reads files, mbox, Maildir and
IMAP; :mod:`integrationsnetz.mail.answers` applies the answers to the invitations.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time
from email import policy
from email.message import Message
from email.parser import BytesParser
from email.utils import parseaddr
from typing import Any

import attrs

from integrationsnetz.exporters.ics_values import BERLIN
from integrationsnetz.model.field_types import YEARS

#: A reply is a few kilobytes; a larger message is no reply and is not parsed (a mailbox full of
#: attachments stays fast, a hostile message cannot make the reader work for minutes).
MAX_MESSAGE_BYTES = 5_000_000
#: The largest calendar part read (Outlook's replies, with a time-zone block, are under 10 kB).
MAX_CALENDAR_BYTES = 1_000_000
#: MIME parts looked at per message.
MAX_PARTS = 200
#: Answers taken from one calendar part (a reply answers one event, or a few dates of a series).
MAX_ANSWERS = 500

#: The METHODs read: an answer (REPLY) and an invitee's proposal of another time (COUNTER, reported only).
_READ_METHODS = frozenset({"REPLY", "COUNTER"})
_CALENDAR_TYPES = frozenset({"text/calendar", "application/ics", "text/x-vcalendar", "application/octet-stream"})


@attrs.frozen(kw_only=True)
class Reply:
    """One invitee's answer to one meeting, as a reply message carries it.

    ``attendee`` is the answering address (lower case, without ``mailto:``), ``answer`` the
    ``PARTSTAT`` (``ACCEPTED``, ``DECLINED``, ``TENTATIVE``, or another value the applier reports),
    ``stamp`` the ``DTSTAMP`` in UTC, ``recurrence_id`` the date of a series it answers for, and
    ``sender`` the message's ``From`` address (a check: usually the attendee). ``source`` says where
    the message came from (a file, ``box.mbox#3``, ``imap://host/INBOX;UID=17``). A ``COUNTER``
    (``answer``) carries the time the invitee proposes in ``proposed_start`` and ``proposed_end``.
    """

    source: str
    uid: str
    attendee: str
    answer: str
    stamp: datetime
    sequence: int = 0
    recurrence_id: datetime | None = None
    sender: str | None = None
    summary: str | None = None
    delegated_to: str | None = None
    proposed_start: datetime | None = None
    proposed_end: datetime | None = None


@attrs.frozen
class ReadProblem:
    """A message that could not be read as a reply: where it came from and why (in English, and in German)."""

    source: str
    reason: str
    german: str = ""

    def reason_in(self, language: str) -> str:
        """Why, in ``language`` (``"de"`` or ``"en"``): what the command line shows."""
        return self.german if language == "de" and self.german else self.reason


@attrs.frozen
class ReadReplies:
    """What reading gave: the answers, the messages that could not be read, how many were passed over.

    ``passed_over`` counts messages without a reply in them (ordinary mail, invitations).
    """

    replies: tuple[Reply, ...] = ()
    problems: tuple[ReadProblem, ...] = ()
    passed_over: int = 0
    messages: int = 0

    def __add__(self, other: ReadReplies) -> ReadReplies:
        return ReadReplies(
            replies=self.replies + other.replies,
            problems=self.problems + other.problems,
            passed_over=self.passed_over + other.passed_over,
            messages=self.messages + other.messages,
        )


def joined(results: Iterable[ReadReplies]) -> ReadReplies:
    """Many results as one (in linear time, where ``+`` in a loop would copy the tuples each time)."""
    replies: list[Reply] = []
    problems: list[ReadProblem] = []
    passed_over = messages = 0
    for result in results:
        replies.extend(result.replies)
        problems.extend(result.problems)
        passed_over += result.passed_over
        messages += result.messages
    return ReadReplies(tuple(replies), tuple(problems), passed_over, messages)


def replies_in_message(raw: bytes, source: str) -> ReadReplies:
    """The answers in one message (its bytes as stored: an ``.eml`` file, one mbox entry, an IMAP body)."""
    if len(raw) > MAX_MESSAGE_BYTES:
        reason = f"message of {len(raw):,} bytes is larger than {MAX_MESSAGE_BYTES:,}: no reply is; not read"
        german = (
            f"Nachricht von {len(raw):,} Bytes ist größer als {MAX_MESSAGE_BYTES:,}: keine Rückmeldung; nicht gelesen"
        )
        return ReadReplies(problems=(ReadProblem(source, reason, german),), messages=1)
    try:
        # compat32: the structured header classes of policy.default cost half the reading time of a reply
        message = BytesParser(policy=policy.compat32).parsebytes(raw)
        calendars = list(_calendar_parts(message))
    except Exception as exc:  # noqa: BLE001 - the email package raises many kinds on hostile input: report, never a traceback
        problem = ReadProblem(source, f"not a readable e-mail message: {_short(exc)}",
                              f"keine lesbare E-Mail-Nachricht: {_short(exc)}")  # fmt: skip
        return ReadReplies(problems=(problem,), messages=1)
    if not calendars:
        return ReadReplies(passed_over=1, messages=1)
    sender = _sender(message)
    found: dict[tuple[object, ...], Reply] = {}
    problems: list[ReadProblem] = []
    not_reply = 0
    for number, data in enumerate(calendars, start=1):
        where = source if len(calendars) == 1 else f"{source} (calendar part {number})"
        if len(data) > MAX_CALENDAR_BYTES:
            problems.append(
                ReadProblem(
                    where,
                    f"calendar part larger than {MAX_CALENDAR_BYTES:,} bytes; not read",
                    f"Kalenderteil größer als {MAX_CALENDAR_BYTES:,} Bytes; nicht gelesen",
                )
            )
            continue
        try:
            method, answers = _answers(data, source, sender)
        except _Unreadable as exc:
            problems.append(ReadProblem(where, exc.reason, exc.german))
            continue
        if method not in _READ_METHODS:
            not_reply += 1
            continue
        for reply in answers:
            key = (reply.uid, reply.recurrence_id, reply.attendee, reply.stamp, reply.answer, reply.sequence)
            found.setdefault(key, reply)  # Thunderbird's invite.ics repeats the text/calendar part
    if not found and not problems:
        return ReadReplies(passed_over=1, messages=1)
    return ReadReplies(replies=tuple(found.values()), problems=tuple(problems), messages=1)


class _Unreadable(Exception):
    """A calendar part that is not a usable reply (internal: becomes a ReadProblem), why in English and German."""

    def __init__(self, reason: str, german: str) -> None:
        super().__init__(reason)
        self.reason, self.german = reason, german


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


def _sender(message: Message) -> str | None:
    try:
        value = str(message.get("From", "") or "")
    except Exception:  # noqa: BLE001 - a From header the parser cannot decode is no address
        return None
    address = parseaddr(value)[1].strip().lower()
    return address or None


def _calendar_parts(message: Message) -> Iterator[bytes]:
    """Every calendar in the message: ``text/calendar``, ``application/ics``, or an attachment named ``*.ics``."""
    for count, part in enumerate(message.walk(), start=1):
        if count > MAX_PARTS:
            raise ValueError(f"more than {MAX_PARTS} MIME parts")
        if part.is_multipart():
            continue
        kind = part.get_content_type()
        name = str(part.get_filename() or "").lower()
        if kind not in _CALENDAR_TYPES and not name.endswith(".ics"):
            continue
        if kind == "application/octet-stream" and not name.endswith(".ics"):
            continue
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes) and payload.strip():
            yield _as_utf8(payload, part.get_content_charset())


def _as_utf8(payload: bytes, charset: str | None) -> bytes:
    if charset and charset.lower().replace("-", "") not in ("utf8", "usascii"):
        try:
            return payload.decode(charset).encode("utf-8")
        except (LookupError, UnicodeDecodeError):
            return payload
    return payload


def _answers(data: bytes, source: str, sender: str | None) -> tuple[str, list[Reply]]:
    """The calendar's METHOD and, for a REPLY, one :class:`Reply` per ATTENDEE of each VEVENT."""
    from icalendar import Calendar

    try:
        calendars = Calendar.from_ical(data, multiple=True)
    except Exception as exc:  # noqa: BLE001 - icalendar raises ValueError, KeyError, IndexError on broken files
        raise _Unreadable(
            f"calendar part cannot be read: {_short(exc)}", f"Kalenderteil nicht lesbar: {_short(exc)}"
        ) from None
    if not calendars:
        raise _Unreadable("calendar part holds no VCALENDAR", "Kalenderteil ohne VCALENDAR")
    method = str(calendars[0].get("METHOD", "")).strip().upper()
    if method not in _READ_METHODS:
        return method, []
    replies: list[Reply] = []
    for calendar in calendars:
        for event in calendar.walk("VEVENT"):
            try:
                replies.extend(_event_answers(event, source, sender, method))
            except _Unreadable:
                raise
            except Exception as exc:  # noqa: BLE001 - icalendar raises ValueError kinds on a broken value: report it
                where = f"VEVENT {str(event.get('UID', '?'))[:80]!r}"
                raise _Unreadable(f"{where}: {_short(exc)}", f"{where}: nicht lesbar ({_short(exc)})") from None
            if len(replies) > MAX_ANSWERS:
                raise _Unreadable(
                    f"more than {MAX_ANSWERS} answers in one calendar part",
                    f"mehr als {MAX_ANSWERS} Antworten in einem Kalenderteil",
                )
    if not replies:
        raise _Unreadable(
            f"METHOD:{method} without an event that names an ATTENDEE",
            f"METHOD:{method} ohne einen Termin (VEVENT) mit ATTENDEE",
        )
    return method, replies


def _event_answers(event: Any, source: str, sender: str | None, method: str = "REPLY") -> list[Reply]:
    uid = str(event.get("UID", "")).strip()
    if not uid:
        raise _Unreadable("VEVENT without UID", "VEVENT ohne UID")
    stamp = _instant(event, "DTSTAMP")
    if stamp is None:
        raise _Unreadable(
            f"VEVENT {uid} without DTSTAMP (RFC 5546 requires it in a REPLY)",
            f"VEVENT {uid} ohne DTSTAMP (RFC 5546 verlangt ihn in einer Rückmeldung)",
        )
    if stamp.year not in YEARS:  # the model keeps 1900-2999: a forged stamp must not stop the whole read
        raise _Unreadable(
            f"VEVENT {uid}: DTSTAMP {stamp.isoformat()} lies outside the years {YEARS.start}-{YEARS.stop - 1}",
            f"VEVENT {uid}: DTSTAMP {stamp.isoformat()} liegt außerhalb der Jahre {YEARS.start}-{YEARS.stop - 1}",
        )
    try:
        sequence = int(str(event.get("SEQUENCE", 0)).strip() or 0)
    except ValueError:
        raise _Unreadable(
            f"VEVENT {uid}: SEQUENCE {event.get('SEQUENCE')!r} is not a number",
            f"VEVENT {uid}: SEQUENCE {event.get('SEQUENCE')!r} ist keine Zahl",
        ) from None
    if sequence < 0:
        raise _Unreadable(
            f"VEVENT {uid}: SEQUENCE {sequence} is negative", f"VEVENT {uid}: SEQUENCE {sequence} ist negativ"
        )
    attendees = event.get("ATTENDEE")
    if attendees is None:
        return []
    attendees = attendees if isinstance(attendees, list) else [attendees]
    if len(attendees) > 1:  # a forged or broken reply could otherwise answer for others
        raise _Unreadable(
            f"VEVENT {uid}: a REPLY names {len(attendees)} ATTENDEEs; RFC 5546 allows one: not applied",
            f"VEVENT {uid}: die Rückmeldung nennt {len(attendees)} ATTENDEEs, RFC 5546 erlaubt einen: "
            "nicht eingetragen",
        )
    summary = str(event.get("SUMMARY", "")).strip() or None
    recurrence_id = _instant(event, "RECURRENCE-ID")
    if recurrence_id is not None and recurrence_id.year not in YEARS:
        raise _Unreadable(
            f"VEVENT {uid}: RECURRENCE-ID {recurrence_id.isoformat()} lies outside the years "
            f"{YEARS.start}-{YEARS.stop - 1}",
            f"VEVENT {uid}: RECURRENCE-ID {recurrence_id.isoformat()} liegt außerhalb der Jahre "
            f"{YEARS.start}-{YEARS.stop - 1}",
        )
    counter = method == "COUNTER"  # a proposal: the new time is the event's DTSTART/DTEND
    proposed = (_instant(event, "DTSTART"), _instant(event, "DTEND")) if counter else (None, None)
    replies = []
    for attendee in attendees:
        address = _address(str(attendee)) or _address(str(attendee.params.get("EMAIL", "")))
        if address is None:
            raise _Unreadable(
                f"VEVENT {uid}: ATTENDEE {str(attendee)[:80]!r} is not a mailto: address",
                f"VEVENT {uid}: ATTENDEE {str(attendee)[:80]!r} ist keine mailto:-Adresse",
            )
        replies.append(
            Reply(
                source=source,
                uid=uid,
                attendee=address,
                answer="COUNTER" if counter else str(attendee.params.get("PARTSTAT", "NEEDS-ACTION")).strip().upper(),
                stamp=stamp,
                sequence=sequence,
                recurrence_id=recurrence_id,
                sender=sender,
                summary=summary,
                delegated_to=_address(str(attendee.params.get("DELEGATED-TO", ""))),
                proposed_start=proposed[0],
                proposed_end=proposed[1],
            )
        )
    return replies


def _address(value: str) -> str | None:
    """``mailto:Name@Example.org`` (any case, quotes) as ``name@example.org``; None if not an address."""
    text = value.strip().strip('"').strip()
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:") :]
    text = text.strip().lower()
    if "@" not in text or text.startswith("@") or text.endswith("@") or any(c.isspace() for c in text):
        return None
    return text


def _instant(event: Any, name: str) -> datetime | None:
    """A property's time as an aware datetime (UTC kept, floating read as Berlin, a date at midnight Berlin)."""
    prop = event.get(name)
    if prop is None:
        return None
    try:
        value = prop.dt
    except Exception:  # noqa: BLE001 - no .dt, or icalendar's BrokenCalendarProperty (a ValueError) on a bad date
        raise _Unreadable(
            f"{name} {str(prop)[:60]!r} is not a time", f"{name} {str(prop)[:60]!r} ist keine Zeitangabe"
        ) from None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=BERLIN)
        return value if name != "DTSTAMP" else value.astimezone(UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=BERLIN)
    raise _Unreadable(f"{name} {str(prop)[:60]!r} is not a time", f"{name} {str(prop)[:60]!r} ist keine Zeitangabe")
