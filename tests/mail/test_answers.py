"""Answers from reply messages into the invitations: round trip per client, stale, unmatched, dry run, held meetings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import integrationsnetz as inz
from integrationsnetz.exporters import export_result
from integrationsnetz.exporters.ics_values import uid_for
from integrationsnetz.mail import Reply, Verdict, answer_invitations, apply_replies, read_replies, replies_in_message
from integrationsnetz.plugins import PluginHost
from integrationsnetz.testing.samples import SENTINEL_EMAIL, sample_network, with_consents

HOST = PluginHost(entry_points=False)
AS_OF = date(2026, 1, 5)
T0 = datetime(2026, 1, 6, 9, 0, tzinfo=UTC)
Build = Callable[..., bytes]
INVITEES = {
    "p-sentinel": (SENTINEL_EMAIL, "Zoë Sentinelli"),
    "jobcenter": ("jobcenter-wartburgkreis@example.org", "Jobcenter Wartburgkreis"),
    "vhs": ("kurse@vhs-wak.example", "VHS Wartburgkreis"),
}


def _data(*, held: bool = False, sent: int | None = None) -> inz.NetworkData:
    """The sample with the network meeting nt-2024-2 planned anew: confirmed, everyone invited, no answers."""
    sample = sample_network()
    meeting = sample.get(inz.Meeting, "nt-2024-2")
    invitations = tuple(
        inz.Invitation(actor_id=actor, status=inz.AttendanceStatus.PRESENT if held and actor == "jobcenter"
                       else inz.AttendanceStatus.INVITED, sent_sequence=sent)
        for actor in (*INVITEES, "institut")
    )  # fmt: skip
    meeting = attrs.evolve(meeting, status=inz.MeetingStatus.HELD if held else inz.MeetingStatus.CONFIRMED,
                           invitations=invitations, minutes=None, headcount=None)  # fmt: skip
    others = tuple(m for m in sample.meetings if m.id != meeting.id)
    return with_consents(attrs.evolve(sample, meetings=(meeting, *others)), ["invitations"])


def _request(data: inz.NetworkData, meeting_id: str = "nt-2024-2", **ics: object) -> bytes:
    options = inz.ExportOptions(audience="recipients", as_of=AS_OF,
                                ics=inz.IcsOptions(method=inz.IcsMethod.REQUEST, **ics))  # type: ignore[arg-type]  # fmt: skip
    return export_result(data, "ics", select=meeting_id, options=options, host=HOST).payload


def _store(data: inz.NetworkData) -> inz.Store:
    store = inz.open_store("memory:", host=HOST)
    inz.save_network(store, data)
    return store


def _statuses(store: inz.Store, meeting_id: str = "nt-2024-2") -> dict[str, str]:
    return {i.actor_id: i.status.value for i in store.get(inz.Meeting, meeting_id).invitations}


@pytest.mark.parametrize("client", ["outlook", "thunderbird", "apple"])
def test_a_reply_in_each_clients_form_sets_the_answer(client: str, build_reply: Build, tmp_path: Path) -> None:
    """Round trip: the exporter's REQUEST -> a client's REPLY e-mail on disk -> read -> applied -> the status."""
    data = _data()
    request = _request(data)
    store = _store(data)
    revision = store.get(inz.Meeting, "nt-2024-2").revision
    for number, (actor, answer) in enumerate([("p-sentinel", "ACCEPTED"), ("jobcenter", "DECLINED"),
                                              ("vhs", "TENTATIVE")]):  # fmt: skip
        address, name = INVITEES[actor]
        raw = build_reply(
            client, request, attendee=address, name=name, answer=answer, stamp=T0 + timedelta(hours=number)
        )
        (tmp_path / f"{number}.eml").write_bytes(raw)
    read = read_replies(tmp_path)
    assert read.problems == ()
    assert len(read.replies) == 3
    assert {r.sender for r in read.replies} == {INVITEES[a][0] for a in INVITEES}
    report = apply_replies(store, read.replies)
    assert [o.verdict for o in report.outcomes] == [Verdict.UPDATED] * 3
    assert _statuses(store) == {"p-sentinel": "accepted", "jobcenter": "declined", "vhs": "tentative",
                                "institut": "invited"}  # fmt: skip
    stored = store.get(inz.Meeting, "nt-2024-2")
    assert stored.revision == revision + 1  # one write for three answers
    assert next(i for i in stored.invitations if i.actor_id == "vhs").answered_at == T0 + timedelta(hours=2)


def test_a_reply_for_one_date_of_a_series_finds_that_date(build_reply: Build) -> None:
    """The invitation for a series date carries the series' UID and RECURRENCE-ID; the reply lands on that meeting,
    also for the meeting moved off its slot (25 -> 26 March)."""
    data = with_consents(sample_network(), ["invitations"])
    store = _store(data)
    for meeting_id in ("ag-sprache-2026-02", "ag-sprache-2026-04"):
        request = _request(data, meeting_id)
        assert b"RECURRENCE-ID" in request
        raw = build_reply("outlook", request, attendee="kurse@vhs-wak.example", name="VHS", answer="DECLINED", stamp=T0)
        report = apply_replies(store, replies_in_message(raw, "x.eml").replies)
        assert [(o.verdict, o.meeting_id) for o in report.outcomes] == [(Verdict.UPDATED, meeting_id)]
        assert _statuses(store, meeting_id)["vhs"] == "declined"


def _reply(actor: str = "p-sentinel", answer: str = "ACCEPTED", *, stamp: datetime = T0, sequence: int = 0,
           uid: str | None = None, source: str = "m.eml") -> Reply:  # fmt: skip
    return Reply(source=source, uid=uid or uid_for("netz-wak", "meeting", "nt-2024-2"), attendee=INVITEES[actor][0],
                 answer=answer, stamp=stamp, sequence=sequence)  # fmt: skip


def test_stale_by_sequence_and_by_stamp() -> None:
    store = _store(_data(sent=3))
    old_invitation = _reply(sequence=2, stamp=T0 + timedelta(days=2))
    assert apply_replies(store, [old_invitation]).outcomes[0].verdict is Verdict.STALE_SEQUENCE
    assert _statuses(store)["p-sentinel"] == "invited"
    newer = _reply("p-sentinel", "DECLINED", sequence=3, stamp=T0 + timedelta(days=1))
    assert apply_replies(store, [newer]).outcomes[0].verdict is Verdict.UPDATED
    older = _reply("p-sentinel", "ACCEPTED", sequence=3, stamp=T0)  # written before, read after
    outcome = apply_replies(store, [older]).outcomes[0]
    assert outcome.verdict is Verdict.STALE_STAMP
    assert "older than the answer recorded" in outcome.reason()
    assert apply_replies(store, [newer]).outcomes[0].verdict is Verdict.ALREADY_RECORDED  # read twice: no change
    assert _statuses(store)["p-sentinel"] == "declined"


def test_unmatched_replies_are_reported_not_applied() -> None:
    store = _store(_data())
    before = store.get(inz.Meeting, "nt-2024-2")
    stranger = attrs.evolve(_reply(), attendee="fremd@example.org")
    unknown = _reply(uid="040000008200E00074C5B7101A82E008-unbekannt")
    series = _reply(uid=uid_for("netz-wak", "series", "ag-sprache-2026"))
    delegated = attrs.evolve(_reply(answer="DELEGATED"), delegated_to="vertretung@example.org")
    report = apply_replies(store, [stranger, unknown, series, delegated])
    assert [o.verdict for o in report.outcomes] == [Verdict.NOT_INVITED, Verdict.UNKNOWN_MEETING,
                                                    Verdict.WHOLE_SERIES, Verdict.DELEGATED]  # fmt: skip
    assert len(report.unmatched) == 3
    assert report.updated == ()
    assert report.outcomes[0].reason("de") == "fremd@example.org ist nicht eingeladen"
    assert "vertretung@example.org" in report.outcomes[3].reason()
    assert store.get(inz.Meeting, "nt-2024-2") == before


def test_a_dry_run_writes_nothing() -> None:
    store = _store(_data())
    before = store.get(inz.Meeting, "nt-2024-2")
    report = apply_replies(store, [_reply()], dry_run=True)
    assert report.dry_run
    assert [o.verdict for o in report.updated] == [Verdict.UPDATED]
    assert report.meetings[0].invitations[0].status is inz.AttendanceStatus.ACCEPTED
    assert store.get(inz.Meeting, "nt-2024-2") == before


def test_a_held_meeting_keeps_its_recorded_attendance() -> None:
    store = _store(_data(held=True))
    report = apply_replies(store, [_reply("jobcenter", "DECLINED"), _reply("vhs", "ACCEPTED")])
    assert [o.verdict for o in report.outcomes] == [Verdict.ATTENDANCE_KEPT, Verdict.UPDATED]
    assert _statuses(store)["jobcenter"] == "present"


def test_a_cancelled_meeting_takes_no_answers() -> None:
    data = _data()
    meeting = attrs.evolve(data.get(inz.Meeting, "nt-2024-2"), status=inz.MeetingStatus.CANCELLED)
    data = attrs.evolve(data, meetings=(meeting, *(m for m in data.meetings if m.id != meeting.id)))
    report = answer_invitations(data, [_reply()])
    assert report.outcomes[0].verdict is Verdict.MEETING_CANCELLED
    assert report.meetings == ()


_ANSWER = st.sampled_from(["ACCEPTED", "DECLINED", "TENTATIVE"])


@st.composite
def _replies(draw: st.DrawFn) -> list[Reply]:
    """Answers of the invitees, some to an older invitation, with distinct time stamps per invitee."""
    replies = []
    for actor in INVITEES:
        minutes = draw(st.lists(st.integers(0, 10_000), unique=True, max_size=5))
        for minute in minutes:
            replies.append(_reply(actor, draw(_ANSWER), stamp=T0 + timedelta(minutes=minute),
                                  sequence=draw(st.integers(1, 3))))  # fmt: skip
    return replies


@given(replies=_replies(), order=st.randoms(use_true_random=False), batch=st.integers(1, 4))
def test_any_order_of_replies_ends_in_the_same_statuses(replies: list[Reply], order: object, batch: int) -> None:
    """However the answers arrive (shuffled, in batches of any size), the newest valid one per invitee wins."""
    data = _data(sent=2)
    expected = dict.fromkeys((*INVITEES, "institut"), "invited")
    for actor in INVITEES:
        valid = [r for r in replies if r.attendee == INVITEES[actor][0] and r.sequence >= 2]
        if valid:
            expected[actor] = max(valid, key=lambda r: r.stamp).answer.lower()
    shuffled = list(replies)
    order.shuffle(shuffled)  # type: ignore[attr-defined]
    store = _store(data)
    for start in range(0, len(shuffled), batch):
        apply_replies(store, shuffled[start : start + batch])
    assert _statuses(store) == expected
    once = answer_invitations(data, replies).meetings or (data.get(inz.Meeting, "nt-2024-2"),)
    assert {i.actor_id: i.status.value for i in once[0].invitations} == expected
