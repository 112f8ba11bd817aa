"""The findings of the outside review of e-mail invitations and replies (review 20), each pinned by a test."""

from __future__ import annotations

import email
import mailbox
import sys
from datetime import UTC, datetime
from email import policy
from pathlib import Path

import icalendar
import pytest

import integrationsnetz as inz
from integrationsnetz.exporters.ics_values import uid_for
from integrationsnetz.mail import SmtpSettings, compose_invitations, read_replies, send

sys.path.insert(0, str(Path(__file__).parent))  # tests/ is not a package: reach mailnet.py
import attrs
from mailnet import AS_OF, BERLIN, MEETING, NETWORK, address, consent, server

STAMP = datetime(2027, 1, 4, 9, tzinfo=BERLIN)
UID = uid_for(NETWORK, "meeting", MEETING)


def _reply(event_lines: str, sender: str = "a@example.org") -> bytes:
    calendar = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\n"
                f"UID:{UID}\r\n{event_lines}END:VEVENT\r\nEND:VCALENDAR\r\n")  # fmt: skip
    head = f"From: {sender}\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: text/calendar; method=REPLY\r\n\r\n"
    return (head + calendar).encode()


GOOD = "DTSTAMP:20270105T100000Z\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:ada.berg@example.org\r\n"


@pytest.mark.parametrize(
    "broken",
    [
        "DTSTAMP:99999999T999999Z\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:x@example.org\r\n",
        "DTSTAMP:20270105T100000Z\r\nRECURRENCE-ID:notadate\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:x@example.org\r\n",
        # the recheck: readable, but outside the years the model keeps (applying it stopped every answer)
        "DTSTAMP:99991231T235959Z\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:x@example.org\r\n",
        "DTSTAMP:18000101T000000Z\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:x@example.org\r\n",
        "DTSTAMP:20270105T100000Z\r\nRECURRENCE-ID:00010101T000000Z\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:x@example.org\r\n",
    ],
)
def test_1_an_unreadable_date_is_a_problem_and_the_other_replies_are_read(tmp_path: Path, broken: str) -> None:
    box = mailbox.mbox(tmp_path / "in.mbox")
    box.add(_reply(GOOD, "ada.berg@example.org"))
    box.add(_reply(broken))
    box.close()
    read = read_replies(tmp_path / "in.mbox")
    assert [r.attendee for r in read.replies] == ["ada.berg@example.org"]
    assert [p.source for p in read.problems] == [f"{tmp_path / 'in.mbox'}#2"]


def _sharing(store: inz.Store, second: str) -> None:
    """Give the person without consent an invitations consent and the address ``second`` (Ada Berg's, in some case)."""
    person = store.get(inz.Person, "p-none")
    store.put(attrs.evolve(person, contacts=address(second), consents=consent()))


def test_2_bcc_records_every_invitee_of_a_shared_mailbox_and_names_it_once(store: inz.Store) -> None:
    _sharing(store, "ada.berg@example.org")
    outbox = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP, one_message_bcc=True)
    assert outbox.not_reached == () or all(n.actor_id != "p-none" for n in outbox.not_reached)
    with server() as (inbox, port):
        delivery = send(outbox, SmtpSettings(host="127.0.0.1", port=port), store=store)
    assert inbox.recipients().count("ada.berg@example.org") == 1
    assert {"p-ok", "p-none"} <= set(delivery.sent)
    sent = {i.actor_id: i.sent_sequence for i in store.get(inz.Meeting, MEETING).invitations}
    assert sent["p-ok"] == sent["p-none"] == outbox.sequence


def test_3_a_shared_mailbox_gets_one_message_and_its_reply_answers_for_everyone_behind_it(store: inz.Store) -> None:
    from client_replies import reply_message

    from integrationsnetz.mail import apply_replies, replies_in_message

    _sharing(store, "ADA.Berg@example.org")
    outbox = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP)
    (shared,) = [m for m in outbox.messages if "p-ok" in m.actor_ids]
    assert sorted(shared.actor_ids) == ["p-none", "p-ok"]
    assert len(shared.addresses) == 1
    calendar = next(p for p in shared.message.walk() if p.get_content_type() == "text/calendar")
    text = calendar.get_payload(decode=True).decode()
    assert text.lower().count("mailto:ada.berg@example.org") == 1
    with server() as (inbox, port):
        send(outbox, SmtpSettings(host="127.0.0.1", port=port), store=store)
    assert [a.lower() for a in inbox.recipients()].count("ada.berg@example.org") == 1
    raw = reply_message("outlook", text.encode(), attendee="ada.berg@example.org", name="Ada Berg",
                        answer="DECLINED", stamp=datetime(2027, 1, 5, 8, tzinfo=UTC))  # fmt: skip
    report = apply_replies(store, replies_in_message(raw, "r.eml").replies)
    assert sorted((o.actor_id, o.verdict.value, o.shared_with) for o in report.outcomes) == [
        ("p-none", "updated", ("p-ok",)),
        ("p-ok", "updated", ("p-none",)),
    ]
    status = {i.actor_id: i.status for i in store.get(inz.Meeting, MEETING).invitations}
    assert status["p-ok"] is status["p-none"] is inz.AttendanceStatus.DECLINED


def test_4_a_reply_naming_two_attendees_is_reported_not_applied() -> None:
    from integrationsnetz.mail import replies_in_message

    two = ("DTSTAMP:20270105T100000Z\r\nATTENDEE;PARTSTAT=DECLINED:mailto:ada.berg@example.org\r\n"
           "ATTENDEE;PARTSTAT=DECLINED:mailto:jobcenter@example.org\r\n")  # fmt: skip
    read = replies_in_message(_reply(two, "angreifer@evil.example"), "forged.eml")
    assert read.replies == ()
    assert [p.source for p in read.problems] == ["forged.eml"]
    assert "2 ATTENDEEs" in read.problems[0].reason


def test_9_wrong_arguments_are_the_librarys_errors_naming_the_field(store: inz.Store, tmp_path: Path) -> None:
    from integrationsnetz.mail import read_imap, record_sent

    with pytest.raises(inz.WrongType, match="SmtpSettings: tls: expected 'starttls', 'implicit' or 'off'"):
        SmtpSettings(host="127.0.0.1", tls="maybe")  # type: ignore[arg-type]
    outbox = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP)
    with pytest.raises(inz.WrongType, match="record_sent: actor_ids"):
        record_sent(store, outbox, "p-ok")
    with pytest.raises(inz.WrongType, match="host: expected HOST"):
        read_imap("127.0.0.1:993", port=143, login=("u", "p"))


def test_9_read_imap_takes_the_port_in_the_host(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nobody listens on the port: the error names it, so it was read as the port, not into the host name."""
    from mailnet import free_port

    from integrationsnetz.mail import read_imap

    port = free_port("127.0.0.1")
    with pytest.raises(inz.MailError, match=f"IMAP 127.0.0.1:{port}: cannot connect"):
        read_imap(f"127.0.0.1:{port}", security="none", login=("u", "p"), timeout=5)


@pytest.mark.parametrize(
    "malformed",
    ["p2@x.example, victim2@evil.example", "p3@x.example\r\nBcc: victim3@evil.example", "Foo <victim4@evil.example>",
     "p8@x.example;victim8@evil.example"],
)  # fmt: skip
def test_6_a_malformed_contact_address_is_reported_as_invalid(store: inz.Store, malformed: str) -> None:
    _sharing(store, malformed)
    outbox = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP)
    (entry,) = [n for n in outbox.not_reached if n.actor_id == "p-none"]
    assert entry.reason.startswith("ungültige E-Mail-Adresse")
    assert all("evil" not in a for m in outbox.messages for a in m.addresses)
    english = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP, language="en")
    assert [n.reason for n in english.not_reached if n.actor_id == "p-none"] == [
        f"invalid e-mail address {malformed!r}"
    ]


def test_7_a_direction_override_in_title_or_name_cannot_reverse_the_headers(store: inz.Store) -> None:
    meeting = store.get(inz.Meeting, MEETING)
    store.put(attrs.evolve(meeting, title="Plenum \u202eevil"))
    person = store.get(inz.Person, "p-ok")
    store.put(attrs.evolve(person, name="Ada \u202eBerg"))
    outbox = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP)
    message = next(m for m in outbox.messages if "p-ok" in m.actor_ids)
    parsed = email.message_from_bytes(message.as_bytes(), policy=policy.default)
    subject = str(parsed["Subject"])
    assert "\u2068Plenum \u202eevil\u202c\u2069 am Di 12.01.2027" in subject  # isolated, the override closed
    assert "\u2068Ada \u202eBerg\u202c\u2069" in parsed["To"].addresses[0].display_name
    ics = icalendar.Calendar.from_ical(next(p for p in parsed.walk() if p.get_content_type() == "text/calendar")
                                       .get_payload(decode=True))  # fmt: skip
    assert str(ics.walk("VEVENT")[0]["SUMMARY"]).endswith("\u202eevil\u202c")


def test_8_the_plain_part_is_plain_text_not_markdown(store: inz.Store) -> None:
    meeting = store.get(inz.Meeting, MEETING)
    store.put(attrs.evolve(meeting, title="Plenum „Ankommen & Teilhabe“ *neu*"))
    outbox = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP)
    parsed = email.message_from_bytes(outbox.messages[0].as_bytes(), policy=policy.default)
    text = next(p for p in parsed.walk() if p.get_content_type() == "text/plain").get_content()
    assert "„Plenum „Ankommen & Teilhabe“ *neu*“" in text
    assert "\\" not in text
    assert "**" not in text
    assert "Mit freundlichen Grüßen\r\n" in text
    assert not any(line.endswith(" ") for line in text.splitlines())


def test_9_smtp_settings_refuse_a_port_inside_the_host_name() -> None:
    with pytest.raises(inz.WrongType, match=r"give host='127.0.0.1', port=8041"):
        SmtpSettings(host="127.0.0.1:8041")
    assert SmtpSettings(host="::1", port=25).host == "::1"  # an IPv6 literal keeps its colons
