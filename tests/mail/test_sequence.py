"""The ``SEQUENCE`` of e-mailed invitations rises only when what invitees see changes (RFC 5546 §2.1.4).

Every store write raises a meeting's revision, including recording who was sent what and taking
in answers; re-sending must not turn that into an update in 70 calendars. Each test sends through
a real SMTP server (aiosmtpd) on this machine and reads the calendar part that arrived.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import attrs
import icalendar
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import integrationsnetz as inz
from integrationsnetz.errors import InvalidData
from integrationsnetz.mail import (
    MessageKind,
    Reply,
    SmtpSettings,
    Verdict,
    apply_replies,
    compose_invitations,
    invitee_digest,
    record_sent,
    send,
)
from integrationsnetz.model import Invitation, MailedVersion, Meeting, MeetingStatus

sys.path.insert(0, str(Path(__file__).parent))  # tests/ is not a package: reach mailnet.py
from mailnet import AS_OF, BERLIN, MEETING, network_data, server

STAMP = datetime(2027, 1, 4, 9, tzinfo=BERLIN)
REACHABLE = ("p-mueller", "p-ok", "jobcenter")
ADDRESS = {"p-mueller": "mueller@example.org", "p-ok": "ada.berg@example.org", "jobcenter": "jobcenter@example.org"}


def _arrived(store: inz.Store, **options: object) -> dict[str, tuple[str, str, int]]:
    """Compose and send through a real server: per address the subject, METHOD and SEQUENCE that arrived."""
    outbox = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP, **options)  # type: ignore[arg-type]
    with server() as (inbox, port):
        send(outbox, SmtpSettings(host="127.0.0.1", port=port), store=store)
    got = {}
    for message in inbox.messages():
        part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
        calendar = icalendar.Calendar.from_ical(part.get_content())
        event = next(iter(calendar.walk("VEVENT")))
        got[message["To"].addresses[0].addr_spec] = (str(message["Subject"]), str(calendar["METHOD"]),
                                                     int(event["SEQUENCE"]))  # fmt: skip
    return got


def _change(store: inz.Store, **changes: object) -> None:
    store.put(attrs.evolve(store.get(Meeting, MEETING), **changes))


def test_sending_twice_without_a_change_sends_nothing_the_second_time(store: inz.Store) -> None:
    first = _arrived(store)
    assert sorted(first) == sorted(ADDRESS.values())
    meeting = store.get(Meeting, MEETING)
    (sequence,) = {seq for _, _, seq in first.values()}
    assert meeting.mailed is not None
    assert (meeting.mailed.sequence, meeting.mailed.digest) == (sequence, invitee_digest(meeting))
    again = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP)
    assert again.nothing_to_send
    assert not again.changed
    assert sorted(again.up_to_date) == sorted(REACHABLE)
    assert again.sequence == sequence
    assert _arrived(store) == {}
    assert store.get(Meeting, MEETING).revision == meeting.revision  # nothing sent, nothing written


def test_a_new_invitee_alone_gets_it_with_the_same_sequence(store: inz.Store) -> None:
    meeting = store.get(Meeting, MEETING)
    _change(store, invitations=tuple(i for i in meeting.invitations if i.actor_id != "p-ok"))
    first = _arrived(store)
    (sequence,) = {seq for _, _, seq in first.values()}
    meeting = store.get(Meeting, MEETING)
    _change(store, invitations=(*meeting.invitations, Invitation(actor_id="p-ok")))
    second = _arrived(store)
    assert list(second) == ["ada.berg@example.org"]
    subject, method, seq = second["ada.berg@example.org"]
    assert (method, seq) == ("REQUEST", sequence)
    assert subject.startswith("Einladung: ")
    assert store.get(Meeting, MEETING).revision > sequence  # the store moved on; the SEQUENCE did not


def test_answers_do_not_make_an_update(store: inz.Store) -> None:
    first = _arrived(store)
    (sequence,) = {seq for _, _, seq in first.values()}
    outbox = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP, resend_all=True)
    reply = Reply(source="antwort.eml", uid=outbox.uid, attendee="ada.berg@example.org", answer="ACCEPTED",
                  stamp=datetime(2027, 1, 5, 8, tzinfo=UTC), sequence=sequence)  # fmt: skip
    assert [o.verdict for o in apply_replies(store, [reply]).outcomes] == [Verdict.UPDATED]
    assert _arrived(store) == {}
    statuses = {i.actor_id: i.status for i in store.get(Meeting, MEETING).invitations}
    assert statuses["p-ok"] is inz.AttendanceStatus.ACCEPTED


def test_a_changed_time_is_an_update_to_everyone_and_older_answers_are_stale(store: inz.Store) -> None:
    first = _arrived(store)
    (old,) = {seq for _, _, seq in first.values()}
    uid = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP).uid
    meeting = store.get(Meeting, MEETING)
    _change(store, start=meeting.start + timedelta(hours=1), end=meeting.end + timedelta(hours=1))
    second = _arrived(store)
    assert sorted(second) == sorted(ADDRESS.values())
    (new,) = {seq for _, _, seq in second.values()}
    assert new > old
    assert all(subject.startswith("Geändert: ") and method == "REQUEST" for subject, method, _ in second.values())
    late = Reply(source="spät.eml", uid=uid, attendee="mueller@example.org", answer="ACCEPTED",
                 stamp=datetime(2027, 1, 6, 8, tzinfo=UTC), sequence=old)  # fmt: skip
    assert [o.verdict for o in apply_replies(store, [late]).outcomes] == [Verdict.STALE_SEQUENCE]
    assert _arrived(store) == {}  # and the update is not sent twice


def test_resend_all_sends_everyone_the_same_sequence(store: inz.Store) -> None:
    first = _arrived(store)
    again = _arrived(store, resend_all=True)
    assert sorted(again) == sorted(first)
    assert {seq for _, _, seq in again.values()} == {seq for _, _, seq in first.values()}
    assert all(subject.startswith("Einladung: ") for subject, _, _ in again.values())


def test_a_cancellation_goes_out_with_a_higher_sequence(store: inz.Store) -> None:
    first = _arrived(store)
    (old,) = {seq for _, _, seq in first.values()}
    _change(store, status=MeetingStatus.CANCELLED)
    cancelled = _arrived(store)
    assert sorted(cancelled) == sorted(ADDRESS.values())
    assert {(method, seq > old) for _, method, seq in cancelled.values()} == {("CANCEL", True)}
    assert _arrived(store) == {}  # a cancellation sent is not sent again


def test_sequence_given_to_a_feed_is_refused() -> None:
    with pytest.raises(InvalidData, match="PUBLISH"):
        inz.IcsOptions(sequence=3)
    assert inz.IcsOptions(method="REQUEST", sequence=3).sequence == 3


def test_mailed_version_refuses_nonsense() -> None:
    with pytest.raises(inz.InvalidData):
        MailedVersion(sequence=-1, digest="ab", sent_at=STAMP)
    with pytest.raises(inz.InvalidData):
        MailedVersion(sequence=1, digest=" ", sent_at=STAMP)
    with pytest.raises(inz.InvalidData):
        MailedVersion(sequence=1, digest="ab", sent_at=datetime(2027, 1, 1))


def test_what_invitees_do_not_see_leaves_the_digest_alone() -> None:
    meeting = network_data().meetings[0]
    digest = invitee_digest(meeting)
    same = attrs.evolve(meeting, invitations=(), headcount=70, revision=9, status=MeetingStatus.PLANNED,
                        mailed=MailedVersion(sequence=3, digest=digest, sent_at=STAMP),
                        start=meeting.start.astimezone(UTC), end=meeting.end.astimezone(UTC))  # fmt: skip
    assert invitee_digest(same) == digest
    for changed in ({"title": "Anderes"}, {"description": "Neu"}, {"online_url": "https://example.org/x"},
                    {"status": MeetingStatus.CANCELLED}, {"end": meeting.end + timedelta(minutes=1)}):  # fmt: skip
        assert invitee_digest(attrs.evolve(meeting, **changed)) != digest, changed


# -- the invariant, over any order of operations

_OPS = st.lists(
    st.sampled_from(["significant", "attendance", "reply", "invite", "send", "send"]), min_size=1, max_size=12
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=_OPS)
def test_the_sequence_each_invitee_gets_never_falls_and_rises_exactly_with_a_change(ops: list[str]) -> None:
    """Per invitee: the SEQUENCEs received never fall; a message comes only with something new to
    them (a first invitation or a changed meeting), and its SEQUENCE is above the last one they got
    exactly when what they see changed since. Sending is composing and recording as delivery does."""
    data = network_data()
    meeting = attrs.evolve(data.meetings[0], invitations=(Invitation(actor_id="p-mueller"),))
    with inz.open_store("memory://") as store:
        inz.save_network(store, attrs.evolve(data, meetings=(meeting,)))
        version = 0  # counts the significant changes: what invitees see
        received: dict[str, list[tuple[int, int, MessageKind]]] = {}  # actor -> (SEQUENCE, version, kind)
        pending = list(REACHABLE[1:])
        for step, op in enumerate(ops):
            current = store.get(Meeting, MEETING)
            if op == "significant":
                _change(store, title=f"Netzwerktreffen {step}")
                version += 1
            elif op == "attendance":
                _change(store, headcount=step)
            elif op == "reply" and received:
                actor = sorted(received)[0]
                seq = received[actor][-1][0]
                uid = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP, resend_all=True).uid
                when = datetime(2027, 1, 1, tzinfo=UTC) + timedelta(minutes=step)
                reply = Reply(source="r.eml", uid=uid, attendee=ADDRESS[actor], answer="TENTATIVE", stamp=when,
                              sequence=seq)  # fmt: skip
                apply_replies(store, [reply])
            elif op == "invite" and pending:
                _change(store, invitations=(*current.invitations, Invitation(actor_id=pending.pop(0))))
            elif op == "send":
                outbox = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP)
                for message in outbox.messages:
                    part = next(p for p in message.message.walk() if p.get_content_type() == "text/calendar")
                    seq = int(next(iter(icalendar.Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")))
                              ["SEQUENCE"])  # fmt: skip
                    for actor in message.actor_ids:
                        before = received.get(actor)
                        if before is None:
                            assert message.kind is MessageKind.INVITATION
                        else:
                            last_seq, last_version, _ = before[-1]
                            assert last_version != version, "a message with nothing new"
                            assert seq > last_seq, "a change without a higher SEQUENCE"
                            assert message.kind is MessageKind.UPDATE
                        received.setdefault(actor, []).append((seq, version, message.kind))
                record_sent(store, outbox, outbox.actor_ids)
                invited = {i.actor_id for i in store.get(Meeting, MEETING).invitations}
                # after sending, every reachable invitee has the current version
                assert {a for a in invited if a in REACHABLE} == {a for a in received if received[a][-1][1] == version}
        for history in received.values():
            sequences = [seq for seq, _, _ in history]
            assert sequences == sorted(sequences)
            for (seq_a, ver_a, _), (seq_b, ver_b, _) in pairwise(history):
                assert (seq_b > seq_a) == (ver_b != ver_a)
        # two invitees who have the same version have the same SEQUENCE
        latest = {history[-1][1]: set() for history in received.values()}
        for history in received.values():
            latest[history[-1][1]].add(history[-1][0])
        assert all(len(seqs) == 1 for seqs in latest.values())


@pytest.mark.parametrize("method", ["REQUEST", "CANCEL"])
def test_the_given_sequence_is_written_for_a_series_date_and_a_single_meeting(method: str) -> None:
    from integrationsnetz.exporters import ExportOptions, export_result
    from integrationsnetz.testing.samples import sample_network, with_consents

    data = with_consents(sample_network(), ["invitations"])
    for meeting_id in ("ag-sprache-2026-02", "nt-2024-2"):
        ics = inz.IcsOptions(method=method, sequence=41)
        options = ExportOptions(audience="recipients", ics=ics, as_of=date(2024, 1, 1))
        payload = export_result(data, "ics", select=meeting_id, options=options).payload
        event = next(iter(icalendar.Calendar.from_ical(payload).walk("VEVENT")))
        assert int(event["SEQUENCE"]) == 41, meeting_id
        assert ("RECURRENCE-ID" in event) == (meeting_id == "ag-sprache-2026-02")
