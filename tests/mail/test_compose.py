"""Composing iMIP messages: structure Outlook, Thunderbird and Apple read, recipients, kinds, subjects."""

from __future__ import annotations

import email
import sys
from datetime import datetime
from email import policy
from pathlib import Path

import attrs
import icalendar
import pytest

import integrationsnetz as inz
from integrationsnetz.mail import MessageKind, compose_invitations

sys.path.insert(0, str(Path(__file__).parent))  # tests/ is not a package: reach mailnet.py
from mailnet import AS_OF, BERLIN, MEETING

STAMP = datetime(2027, 1, 4, 9, tzinfo=BERLIN)


def parsed(raw: bytes) -> email.message.EmailMessage:
    """A message as a receiving client reads it."""
    return email.message_from_bytes(raw, policy=policy.default)  # type: ignore[return-value]


def calendar_of(message: email.message.EmailMessage) -> tuple[icalendar.Calendar, str]:
    """The text/calendar part's calendar and its Content-Type header."""
    part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    return icalendar.Calendar.from_ical(part.get_content()), str(part["Content-Type"])


def test_one_message_per_consenting_invitee_with_an_address(store: inz.Store) -> None:
    outbox = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP)
    assert sorted(outbox.actor_ids) == ["jobcenter", "p-mueller", "p-ok"]
    assert all(len(m.addresses) == 1 for m in outbox.messages)
    missed = {entry.actor_id: entry.reason for entry in outbox.not_reached}
    assert set(missed) == {"p-withdrawn", "p-none", "p-noaddress", "verein"}
    assert missed["p-withdrawn"] == missed["p-none"] == "keine Einwilligung „Einladungen“ am 04.01.2027"
    assert missed["verein"] == missed["p-noaddress"] == "keine E-Mail-Adresse"


def test_a_message_has_the_shape_outlook_reads(store: inz.Store) -> None:
    outbox = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP)
    mine = next(m for m in outbox.messages if m.actor_ids == ("p-mueller",))
    message = parsed(mine.as_bytes())
    assert message.get_content_type() == "multipart/mixed"
    alternative, attachment = message.get_payload()  # type: ignore[misc]
    assert [p.get_content_type() for p in alternative.get_payload()] == ["text/plain", "text/html", "text/calendar"]
    assert attachment.get_content_type() == "application/ics"
    assert attachment.get_filename() == "invite.ics"
    assert message["Subject"] == "Einladung: Netzwerktreffen Größe & Vielfalt am Di 12.01.2027, 14:00 Uhr"
    assert message["To"].addresses[0].display_name == "Jürgen Müller-Weiß"
    assert message["From"].addresses[0].addr_spec == "sozialplanung@wartburgkreis.example"
    assert message["Message-ID"]
    assert message["Date"].datetime == STAMP
    raw = mine.as_bytes()
    assert raw.isascii()
    assert b"\r\n" in raw
    calendar, _ = calendar_of(message)
    assert b'Content-Type: text/calendar; method=REQUEST; charset="UTF-8"\r\n' in raw  # as Outlook writes it
    assert str(calendar["METHOD"]) == "REQUEST"
    event = next(iter(calendar.walk("VEVENT")))
    assert str(event["ORGANIZER"]).lower() == "mailto:sozialplanung@wartburgkreis.example"
    assert [str(a).lower() for a in [event["ATTENDEE"]]] == ["mailto:mueller@example.org"]  # only its own
    assert int(event["SEQUENCE"]) == outbox.sequence
    assert "Sehr geehrte Damen und Herren" in alternative.get_payload()[0].get_content()


def test_bcc_mode_is_one_message_to_the_sender(store: inz.Store) -> None:
    outbox = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP, one_message_bcc=True)
    (only,) = outbox.messages
    assert sorted(only.addresses) == ["ada.berg@example.org", "jobcenter@example.org", "mueller@example.org"]
    assert str(only.message["To"]) == "Landratsamt Wartburgkreis <sozialplanung@wartburgkreis.example>"
    event = next(iter(calendar_of(parsed(only.as_bytes()))[0].walk("VEVENT")))
    assert len(event["ATTENDEE"]) == 3


def test_an_invitee_sent_an_older_sequence_gets_an_update(store: inz.Store) -> None:
    first = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP)
    meeting = store.get(inz.Meeting, MEETING)
    marked = tuple(attrs.evolve(i, sent_sequence=first.sequence) if i.actor_id == "p-ok" else i
                   for i in meeting.invitations)  # fmt: skip
    store.put(attrs.evolve(meeting, invitations=marked, title="Netzwerktreffen (neuer Ort)"))
    second = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP)
    assert second.sequence > first.sequence
    kinds = {m.actor_ids[0]: m.kind for m in second.messages}
    assert kinds == {"p-ok": MessageKind.UPDATE, "p-mueller": MessageKind.INVITATION,
                     "jobcenter": MessageKind.INVITATION}  # fmt: skip
    update = next(m for m in second.messages if m.kind is MessageKind.UPDATE)
    assert update.subject.startswith("Geändert: Netzwerktreffen (neuer Ort) am Di 12.01.2027")
    assert "wurde geändert" in parsed(update.as_bytes()).get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_a_cancellation_goes_to_those_told_or_agreeing_not_to_those_who_declined(store: inz.Store) -> None:
    meeting = store.get(inz.Meeting, MEETING)
    statuses = {"p-mueller": inz.AttendanceStatus.ACCEPTED, "p-ok": inz.AttendanceStatus.DECLINED,
                "jobcenter": inz.AttendanceStatus.INVITED}  # fmt: skip
    changed = tuple(attrs.evolve(i, status=statuses.get(i.actor_id, i.status)) for i in meeting.invitations)
    store.put(attrs.evolve(meeting, invitations=changed, status=inz.MeetingStatus.CANCELLED))
    outbox = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP)
    assert outbox.method is inz.IcsMethod.CANCEL
    assert outbox.actor_ids == ("p-mueller",)  # declined: no; never sent and no answer: no
    (message,) = outbox.messages
    assert message.subject.startswith("Abgesagt: Netzwerktreffen")
    calendar, content_type = calendar_of(parsed(message.as_bytes()))
    assert "CANCEL" in content_type
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(next(iter(calendar.walk("VEVENT")))["STATUS"]) == "CANCELLED"


def test_a_held_meeting_is_refused(store: inz.Store) -> None:
    meeting = store.get(inz.Meeting, MEETING)
    store.put(attrs.evolve(meeting, status=inz.MeetingStatus.HELD))
    with pytest.raises(inz.ExportError, match="already held"):
        compose_invitations(store, MEETING)


def test_an_unknown_meeting_and_wrong_arguments_are_the_librarys_errors(store: inz.Store) -> None:
    with pytest.raises(inz.NotFound):
        compose_invitations(store, "quatsch")
    with pytest.raises(inz.WrongType, match="meeting_id"):
        compose_invitations(store, 7)  # type: ignore[arg-type]
