"""A significant change asks the invitees again (RFC 5546 §2.1.5, §3.2.2; review finding N3).

Answers to the version before a change must not stand: the "Geändert" calendar names the
invitees it reaches with ``PARTSTAT=NEEDS-ACTION;RSVP=TRUE`` and recording the sending sets their
invitations back to invited, keeping ``answered_at`` so an answer to the older version read later is
still stale. Sent through a real SMTP server (aiosmtpd) on this machine.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import attrs
import icalendar

import integrationsnetz as inz
from integrationsnetz.mail import Reply, SmtpSettings, Verdict, apply_replies, compose_invitations, send
from integrationsnetz.model import Meeting

sys.path.insert(0, str(Path(__file__).parent))  # tests/ is not a package: reach mailnet.py
from mailnet import AS_OF, BERLIN, MEETING, server

STAMP = datetime(2027, 1, 4, 9, tzinfo=BERLIN)
ANSWERED_AT = datetime(2027, 1, 5, 8, tzinfo=UTC)


def _send(store: inz.Store, **options: object) -> dict[str, icalendar.vCalAddress]:
    """Compose and send; per address the ATTENDEE of the calendar that arrived (the one naming it)."""
    outbox = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP, **options)  # type: ignore[arg-type]
    with server() as (inbox, port):
        send(outbox, SmtpSettings(host="127.0.0.1", port=port), store=store)
    got = {}
    for message in inbox.messages():
        part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
        event = next(iter(icalendar.Calendar.from_ical(part.get_content()).walk("VEVENT")))
        got[message["To"].addresses[0].addr_spec] = event["ATTENDEE"]
    return got


def _answer(store: inz.Store, uid: str, attendee: str, answer: str, sequence: int) -> Verdict:
    reply = Reply(source="antwort.eml", uid=uid, attendee=attendee, answer=answer, stamp=ANSWERED_AT,
                  sequence=sequence)  # fmt: skip
    (outcome,) = apply_replies(store, [reply]).outcomes
    return outcome.verdict


def test_a_changed_time_asks_again_and_old_answers_do_not_stand(store: inz.Store) -> None:
    first = _send(store)
    assert {str(a.params["PARTSTAT"]) for a in first.values()} == {"NEEDS-ACTION"}
    assert {str(a.params["RSVP"]) for a in first.values()} == {"TRUE"}
    outbox = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP, resend_all=True)
    old = outbox.sequence
    assert _answer(store, outbox.uid, "mueller@example.org", "ACCEPTED", old) is Verdict.UPDATED
    assert _answer(store, outbox.uid, "ada.berg@example.org", "DECLINED", old) is Verdict.UPDATED
    meeting = store.get(Meeting, MEETING)
    store.put(attrs.evolve(meeting, start=meeting.start + timedelta(hours=1), end=meeting.end + timedelta(hours=1)))

    second = _send(store)

    for address in ("mueller@example.org", "ada.berg@example.org"):
        assert second[address].params["PARTSTAT"] == "NEEDS-ACTION", address
        assert str(second[address].params["RSVP"]) == "TRUE", address
    invitations = {i.actor_id: i for i in store.get(Meeting, MEETING).invitations}
    for actor in ("p-mueller", "p-ok"):
        assert invitations[actor].status is inz.AttendanceStatus.INVITED, actor
        assert invitations[actor].answered_at == ANSWERED_AT, actor
    # the answer to the older version, read only now, is stale and does not come back
    assert _answer(store, outbox.uid, "mueller@example.org", "ACCEPTED", old) is Verdict.STALE_SEQUENCE
    statuses = {i.actor_id: i.status for i in store.get(Meeting, MEETING).invitations}
    assert statuses["p-mueller"] is inz.AttendanceStatus.INVITED


def test_sending_again_without_a_change_keeps_the_answers(store: inz.Store) -> None:
    _send(store)
    outbox = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP, resend_all=True)
    assert _answer(store, outbox.uid, "mueller@example.org", "ACCEPTED", outbox.sequence) is Verdict.UPDATED
    again = _send(store, resend_all=True)
    assert again["mueller@example.org"].params["PARTSTAT"] == "ACCEPTED"
    statuses = {i.actor_id: i.status for i in store.get(Meeting, MEETING).invitations}
    assert statuses["p-mueller"] is inz.AttendanceStatus.ACCEPTED
