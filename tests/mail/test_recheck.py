"""The findings of the outside re-check of e-mail invitations and answers, each pinned by a test (N5, N6).

N3 (a significant change asks again) is in ``test_asked_again.py``.
"""

from __future__ import annotations

import base64
import email
import sys
from datetime import UTC, datetime
from email import policy
from pathlib import Path

import attrs

import integrationsnetz as inz
from integrationsnetz.mail import SmtpSettings, Verdict, apply_replies, compose_invitations, replies_in_message, send

sys.path.insert(0, str(Path(__file__).parent))  # tests/ is not a package: reach mailnet.py
from client_replies import reply_message
from mailnet import AS_OF, BERLIN, MEETING, address, server

STAMP = datetime(2027, 1, 4, 9, tzinfo=BERLIN)
ANSWERED_AT = datetime(2027, 1, 5, 8, tzinfo=UTC)


def _ada_declines(text: bytes) -> bytes:
    return reply_message("outlook", text, attendee="ada.berg@example.org", name="Ada Berg", answer="DECLINED",
                         stamp=ANSWERED_AT)  # fmt: skip


def _calendar_to_ada(store: inz.Store) -> bytes:
    outbox = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP)
    (message,) = [m for m in outbox.messages if "p-ok" in m.actor_ids]
    part = next(p for p in message.message.walk() if p.get_content_type() == "text/calendar")
    return bytes(part.get_payload(decode=True))


def test_n5_a_shared_mailbox_answers_only_for_the_invitees_it_was_sent_to(store: inz.Store) -> None:
    # Nina Nein has no invitations consent; her contact is Ada Berg's office mailbox
    person = store.get(inz.Person, "p-none")
    store.put(attrs.evolve(person, contacts=address("ada.berg@example.org")))
    outbox = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP)
    assert "p-none" in {n.actor_id for n in outbox.not_reached}
    with server() as (_inbox, port):
        send(outbox, SmtpSettings(host="127.0.0.1", port=port), store=store)
    (message,) = [m for m in outbox.messages if "p-ok" in m.actor_ids]
    part = next(p for p in message.message.walk() if p.get_content_type() == "text/calendar")
    text = bytes(part.get_payload(decode=True))

    report = apply_replies(store, replies_in_message(_ada_declines(text), "r.eml").replies)

    verdicts = {o.actor_id: o for o in report.outcomes}
    assert verdicts["p-ok"].verdict is Verdict.UPDATED
    assert verdicts["p-none"].verdict is Verdict.NOT_SENT
    assert verdicts["p-none"].verdict.group == "ignored"
    assert verdicts["p-none"].after is None
    assert verdicts["p-none"].reason("de") == "geteiltes Postfach: p-none wurde diese Einladung nicht geschickt"
    assert verdicts["p-none"].reason("en") == "shared mailbox: p-none was not sent this invitation"
    status = {i.actor_id: i.status for i in store.get(inz.Meeting, MEETING).invitations}
    assert status["p-ok"] is inz.AttendanceStatus.DECLINED
    assert status["p-none"] is inz.AttendanceStatus.INVITED


def test_n5_a_shared_mailbox_nobody_behind_was_sent_to_answers_for_all(store: inz.Store) -> None:
    person = store.get(inz.Person, "p-none")
    store.put(attrs.evolve(person, contacts=address("ada.berg@example.org")))
    text = _calendar_to_ada(store)  # composed, never sent: no sent_sequence anywhere

    report = apply_replies(store, replies_in_message(_ada_declines(text), "r.eml").replies)

    assert sorted((o.actor_id, o.verdict) for o in report.outcomes) == [
        ("p-none", Verdict.UPDATED),
        ("p-ok", Verdict.UPDATED),
    ]


def _counter(text: bytes, start: str, end: str) -> bytes:
    """Outlook's "Neue Uhrzeit vorschlagen": METHOD:COUNTER with the proposed DTSTART/DTEND (in its own zone)."""
    reply = reply_message("outlook", text, attendee="ada.berg@example.org", name="Ada Berg", answer="TENTATIVE",
                          stamp=ANSWERED_AT)  # fmt: skip
    message = email.message_from_bytes(reply, policy=policy.default)
    part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    calendar = part.get_content().replace("\r\n ", "")
    swap = {"METHOD": "METHOD:COUNTER", "DTSTART": f"DTSTART;TZID=W. Europe Standard Time:{start}",
            "DTEND": f"DTEND;TZID=W. Europe Standard Time:{end}"}  # fmt: skip
    counter = "\r\n".join(swap.get(line.split(";")[0].split(":")[0], line) for line in calendar.split("\r\n"))
    assert "METHOD:COUNTER" in counter
    assert start in counter
    encoded = base64.encodebytes(counter.encode()).decode().replace("\n", "\r\n")
    return ("From: Ada Berg <ada.berg@example.org>\r\nSubject: Neuer Zeitvorschlag: Netzwerktreffen\r\n"
            "MIME-Version: 1.0\r\nContent-Type: text/calendar; charset=\"utf-8\"; method=COUNTER\r\n"
            f"Content-Transfer-Encoding: base64\r\n\r\n{encoded}").encode()  # fmt: skip


def test_n6_a_counter_is_read_with_the_proposed_time(store: inz.Store) -> None:
    read = replies_in_message(_counter(_calendar_to_ada(store), "20270119T150000", "20270119T170000"), "c.eml")
    assert read.problems == ()
    assert read.passed_over == 0
    (reply,) = read.replies
    assert (reply.answer, reply.attendee) == ("COUNTER", "ada.berg@example.org")
    assert reply.proposed_start == datetime(2027, 1, 19, 15, tzinfo=BERLIN)
    assert reply.proposed_end == datetime(2027, 1, 19, 17, tzinfo=BERLIN)


def test_n6_a_counter_is_reported_as_a_proposal_and_not_applied(store: inz.Store) -> None:
    text = _calendar_to_ada(store)
    raw = _counter(text, "20270119T150000", "20270119T170000")
    report = apply_replies(store, replies_in_message(raw, "c.eml").replies)
    (outcome,) = report.outcomes
    assert report.proposals == (outcome,)
    assert (outcome.verdict, outcome.actor_id, outcome.meeting_id) == (Verdict.PROPOSAL, "p-ok", MEETING)
    assert outcome.reason("de") == "schlägt 19.01.2027 15:00–17:00 vor; nicht übernommen"
    assert report.meetings == ()
    status = {i.actor_id: i.status for i in store.get(inz.Meeting, MEETING).invitations}
    assert status["p-ok"] is inz.AttendanceStatus.INVITED
