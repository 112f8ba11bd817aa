"""Answers read from reply messages, applied to the invitations of the store's meetings.

A reply names its meeting by the UID the invitation carried: ``uid_for(network, "meeting", id)``
for a single meeting, the series' UID and the date's ``RECURRENCE-ID`` for one date of a series
written with a rule (the exporter's own functions give both, so they are the UIDs that went out).
Its ``ATTENDEE`` is matched, in any case, to an invitee's e-mail contact; an address several
invitees share (an office mailbox) answers for each of them who was sent the meeting's invitation
(``sent_sequence`` set; for all of them when none was), one outcome each, naming the others in
:attr:`Outcome.shared_with`; those behind it who were not sent it (no consent, added later) keep
their status (:attr:`Verdict.NOT_SENT`).

An answer changes an invitation only if it is the newest the network knows (RFC 5546 §2.1.5):
one to an older invitation (its ``SEQUENCE`` below the ``sent_sequence`` recorded when the
current one was e-mailed) or one older than the answer already recorded (its ``DTSTAMP`` not after
``answered_at``) is stale. So the answers of one run, or of several, can come in any order and
end in the same statuses. Attendance recorded on the day (present, excused) stays, and a
cancelled meeting takes no answers. A ``COUNTER`` (another time proposed) is reported as a
:attr:`Verdict.PROPOSAL` with the proposed time and never applied. Every reply ends up in the
report, changed or not, with the reason; the store gets one write per changed meeting, all in one
transaction, and none on a dry run.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from enum import StrEnum

import attrs

from integrationsnetz.contract.stores import Store
from integrationsnetz.exporters.ics_series import plan_series
from integrationsnetz.exporters.ics_values import uid_for, wall_clock
from integrationsnetz.exporters.wording import BERLIN
from integrationsnetz.mail.replies import Reply
from integrationsnetz.model.actors import Organization, Person
from integrationsnetz.model.contacts import ContactKind
from integrationsnetz.model.meetings import AttendanceStatus, Invitation, Meeting, MeetingStatus
from integrationsnetz.model.network_data import NetworkData

_ANSWERS = {
    "ACCEPTED": AttendanceStatus.ACCEPTED,
    "DECLINED": AttendanceStatus.DECLINED,
    "TENTATIVE": AttendanceStatus.TENTATIVE,
}
_RECORDED_ON_THE_DAY = frozenset({AttendanceStatus.PRESENT, AttendanceStatus.EXCUSED})


class Verdict(StrEnum):
    """What became of one answer."""

    UPDATED = "updated"
    ALREADY_RECORDED = "already_recorded"
    STALE_SEQUENCE = "stale_sequence"
    STALE_STAMP = "stale_stamp"
    ATTENDANCE_KEPT = "attendance_kept"
    MEETING_CANCELLED = "meeting_cancelled"
    UNKNOWN_MEETING = "unknown_meeting"
    WHOLE_SERIES = "whole_series"
    NOT_INVITED = "not_invited"
    DELEGATED = "delegated"
    NO_ANSWER = "no_answer"
    NOT_SENT = "not_sent"
    PROPOSAL = "proposal"
    FUTURE_STAMP = "future_stamp"

    @property
    def group(self) -> str:
        """``updated``, ``proposed`` (another time proposed, not applied), ``ignored`` (matched but not
        applied) or ``unmatched`` (no meeting or invitee)."""
        if self is Verdict.UPDATED:
            return "updated"
        if self is Verdict.PROPOSAL:
            return "proposed"
        if self in (Verdict.UNKNOWN_MEETING, Verdict.WHOLE_SERIES, Verdict.NOT_INVITED):
            return "unmatched"
        return "ignored"


_REASONS: dict[Verdict, tuple[str, str]] = {
    Verdict.UPDATED: ("Antwort übernommen", "answer recorded"),
    Verdict.ALREADY_RECORDED: ("Antwort ist schon eingetragen", "answer already recorded"),
    Verdict.STALE_SEQUENCE: (
        "Antwort auf eine ältere Einladung (SEQUENCE {sequence}, verschickt {sent})",
        "answer to an older invitation (SEQUENCE {sequence}, sent {sent})",
    ),
    Verdict.STALE_STAMP: (
        "älter als die eingetragene Antwort vom {answered}",
        "older than the answer recorded from {answered}",
    ),
    Verdict.ATTENDANCE_KEPT: (
        "Anwesenheit ist schon festgehalten ({status})",
        "attendance already recorded ({status})",
    ),
    Verdict.MEETING_CANCELLED: ("Termin ist abgesagt", "the meeting is cancelled"),
    Verdict.UNKNOWN_MEETING: ("kein Termin mit dieser UID", "no meeting with this UID"),
    Verdict.WHOLE_SERIES: (
        "Antwort auf die ganze Serie, nicht auf einen Termin",
        "answer to the whole series, not to one date",
    ),
    Verdict.NOT_INVITED: ("{attendee} ist nicht eingeladen", "{attendee} is not invited"),
    Verdict.DELEGATED: ("weitergeleitet an {delegate}", "delegated to {delegate}"),
    Verdict.NO_ANSWER: ("keine Antwort ({answer})", "no answer ({answer})"),
    Verdict.PROPOSAL: (
        "schlägt {proposed} vor; nicht übernommen",
        "proposes {proposed}; not applied",
    ),
    Verdict.FUTURE_STAMP: (
        "Zeitstempel {stamp} liegt nach dem Einlesen: nicht eingetragen",
        "time stamp {stamp} lies after the reading: not applied",
    ),
    Verdict.NOT_SENT: (
        "geteiltes Postfach: {actor} wurde diese Einladung nicht geschickt",
        "shared mailbox: {actor} was not sent this invitation",
    ),
}


@attrs.frozen(kw_only=True)
class Outcome:
    """What became of one reply: its meeting and invitee (when found), the statuses before and after."""

    reply: Reply
    verdict: Verdict
    meeting_id: str | None = None
    actor_id: str | None = None
    before: AttendanceStatus | None = None
    after: AttendanceStatus | None = None
    sent_sequence: int | None = None
    answered_at: datetime | None = None
    #: The other invitees the same mailbox belongs to (a shared address answers for all of them).
    shared_with: tuple[str, ...] = ()

    def reason(self, language: str = "en") -> str:
        """Why, in German (``"de"``) or English: what the report and the command line show."""
        german, english = _REASONS[self.verdict]
        text = german if language == "de" else english
        return text.format(
            sequence=self.reply.sequence,
            sent=self.sent_sequence,
            answered=self.answered_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC") if self.answered_at else "",
            status=self.before.value if self.before else "",
            attendee=self.reply.attendee,
            delegate=self.reply.delegated_to or "?",
            answer=self.reply.answer,
            actor=self.actor_id or "",
            proposed=self.proposed(language),
            stamp=self.reply.stamp.strftime("%Y-%m-%d %H:%M:%S UTC"),
        )

    def proposed(self, language: str = "en") -> str:
        """The time a ``COUNTER`` proposes, in Berlin time ("19.01.2027 15:00–17:00"); empty for an answer."""
        start, end = self.reply.proposed_start, self.reply.proposed_end
        if start is None:
            return "?" if self.verdict is Verdict.PROPOSAL else ""
        day = "%d.%m.%Y %H:%M" if language == "de" else "%Y-%m-%d %H:%M"
        text = start.astimezone(BERLIN).strftime(day)
        if end is not None:
            same = end.astimezone(BERLIN).date() == start.astimezone(BERLIN).date()
            text += "–" + end.astimezone(BERLIN).strftime("%H:%M" if same else day)
        return text

    @property
    def other_sender(self) -> bool:
        """The message came from another address than the attendee's (a secretary, a forward): worth a look."""
        return self.reply.sender is not None and self.reply.sender != self.reply.attendee


@attrs.frozen
class ReplyReport:
    """Every reply's outcome, and the meetings changed (written unless ``dry_run``)."""

    outcomes: tuple[Outcome, ...]
    meetings: tuple[Meeting, ...]
    dry_run: bool = False

    @property
    def updated(self) -> tuple[Outcome, ...]:
        """The answers that changed an invitation."""
        return tuple(o for o in self.outcomes if o.verdict.group == "updated")

    @property
    def ignored(self) -> tuple[Outcome, ...]:
        """The answers matched to an invitation but not applied (stale, already recorded, kept attendance)."""
        return tuple(o for o in self.outcomes if o.verdict.group == "ignored")

    @property
    def proposals(self) -> tuple[Outcome, ...]:
        """The invitees' proposals of another time (``METHOD:COUNTER``): listed for the organiser, not applied."""
        return tuple(o for o in self.outcomes if o.verdict is Verdict.PROPOSAL)

    @property
    def stale(self) -> tuple[Outcome, ...]:
        """The answers older than what the invitation holds (by SEQUENCE or DTSTAMP)."""
        return tuple(o for o in self.outcomes if o.verdict in (Verdict.STALE_SEQUENCE, Verdict.STALE_STAMP))

    @property
    def unmatched(self) -> tuple[Outcome, ...]:
        """The answers for no known meeting, or from an address not invited."""
        return tuple(o for o in self.outcomes if o.verdict.group == "unmatched")


def answer_invitations(
    data: NetworkData, replies: Iterable[Reply], *, not_after: datetime | None = None
) -> ReplyReport:
    """The outcome of every reply and the meetings as they are with the answers applied (nothing written).

    Answers for the same invitation are taken oldest first (by DTSTAMP, then SEQUENCE), so their
    order in ``replies`` does not matter; the newest valid one decides. An answer stamped after
    ``not_after`` (the command line gives the time of reading plus a day for clocks that are off)
    is not applied: a forged stamp far ahead would otherwise make every later real answer stale.
    """
    replies = list(replies)
    index = _UidIndex(data)
    addresses = _addresses(data)
    meetings = {m.id: m for m in data.meetings}
    ordered = sorted(replies, key=lambda r: (r.stamp, r.sequence, r.answer, r.source))
    outcomes: list[Outcome] = []
    changed: dict[str, Meeting] = {}
    for reply in ordered:
        if not_after is not None and reply.stamp > not_after:
            outcomes.append(Outcome(reply=reply, verdict=Verdict.FUTURE_STAMP))
            continue
        found = index.meeting_for(reply)
        if isinstance(found, Verdict):
            outcomes.append(Outcome(reply=reply, verdict=found))
            continue
        meeting = changed.get(found, meetings[found])
        for outcome, invitation in _answers(meeting, reply, addresses):
            outcomes.append(outcome)
            if invitation is not None:
                invitations = tuple(invitation if i.actor_id == invitation.actor_id else i for i in meeting.invitations)
                meeting = changed[meeting.id] = attrs.evolve(meeting, invitations=invitations)
    original = {id(r): n for n, r in enumerate(replies)}
    outcomes.sort(key=lambda o: original[id(o.reply)])  # the report in the order the replies were read
    return ReplyReport(outcomes=tuple(outcomes), meetings=tuple(changed.values()))


def apply_replies(
    store: Store,
    replies: Iterable[Reply],
    *,
    dry_run: bool = False,
    network_id: str | None = None,
    not_after: datetime | None = None,
) -> ReplyReport:
    """Apply the answers to the invitations of the store's meetings; the report of what became of each.

    ``network_id`` may be left out when the store holds one network. The changed meetings are
    written in one transaction, one write each, at the revision they were read at (a meeting
    changed meanwhile raises :class:`~integrationsnetz.errors.Conflict` and nothing is written).
    With ``dry_run`` the report says what would change and nothing is written. ``not_after``: as
    for :func:`answer_invitations`.
    """
    from integrationsnetz.errors import NotFound, WrongType
    from integrationsnetz.model.networks import Network
    from integrationsnetz.store.network import load_network

    if not isinstance(store, Store):
        raise WrongType([f"apply_replies: store: expected an open store, got {type(store).__name__}"])
    if isinstance(replies, (str, bytes)) or not isinstance(replies, Iterable):
        got = type(replies).__name__
        raise WrongType([f"apply_replies: replies: expected replies (read_replies(...).replies), got {got}"])
    replies = list(replies)
    wrong = [type(reply).__name__ for reply in replies if not isinstance(reply, Reply)]
    if wrong:
        raise WrongType([f"apply_replies: replies: expected Reply objects, got {wrong[0]}"])
    if network_id is None:
        networks = store.list(Network)
        if len(networks) != 1:
            raise NotFound(f"the store holds {len(networks)} networks; name one with network_id= (apply_replies)")
        network_id = networks[0].id
    report = answer_invitations(load_network(store, network_id), list(replies), not_after=not_after)
    if dry_run:
        return attrs.evolve(report, dry_run=True)
    if report.meetings:
        with store.transaction():
            store.put_many(report.meetings)
    return report


def _answers(
    meeting: Meeting, reply: Reply, addresses: dict[str, frozenset[str]]
) -> list[tuple[Outcome, Invitation | None]]:
    """One reply against its meeting: an outcome per invitee behind the address (a shared mailbox
    answers for all of them), each with the changed invitation if it changes."""
    behind = [i for i in meeting.invitations if reply.attendee in addresses.get(i.actor_id, ())]
    if not behind:
        return [(Outcome(reply=reply, verdict=Verdict.NOT_INVITED, meeting_id=meeting.id), None)]
    ids = [i.actor_id for i in behind]
    sent = [i for i in behind if i.sent_sequence is not None]
    outcomes: list[tuple[Outcome, Invitation | None]] = []
    for invitation in behind:
        shared = tuple(a for a in ids if a != invitation.actor_id)
        if sent and invitation.sent_sequence is None:  # the mailbox answers for whom it was sent to
            outcome = _answer(meeting, reply, invitation, shared)[0]
            outcomes.append((attrs.evolve(outcome, verdict=Verdict.NOT_SENT, after=None), None))
        else:
            outcomes.append(_answer(meeting, reply, invitation, shared))
    return outcomes


def _answer(
    meeting: Meeting, reply: Reply, invitation: Invitation, shared: tuple[str, ...]
) -> tuple[Outcome, Invitation | None]:
    """One reply against one invitation: the outcome, and the changed invitation if it changes."""
    outcome = Outcome(
        reply=reply,
        verdict=Verdict.NOT_INVITED,
        meeting_id=meeting.id,
        shared_with=shared,
        actor_id=invitation.actor_id,
        before=invitation.status,
        sent_sequence=invitation.sent_sequence,
        answered_at=invitation.answered_at,
    )
    status = _ANSWERS.get(reply.answer)
    if reply.answer == "COUNTER":  # another time proposed: the organiser decides, nothing is applied
        verdict = Verdict.PROPOSAL
    elif status is None:
        verdict = Verdict.DELEGATED if reply.answer == "DELEGATED" else Verdict.NO_ANSWER
    elif meeting.status is MeetingStatus.CANCELLED:
        verdict = Verdict.MEETING_CANCELLED
    elif invitation.status in _RECORDED_ON_THE_DAY:
        verdict = Verdict.ATTENDANCE_KEPT
    elif invitation.sent_sequence is not None and reply.sequence < invitation.sent_sequence:
        verdict = Verdict.STALE_SEQUENCE
    elif invitation.answered_at is not None and reply.stamp <= invitation.answered_at:
        same = reply.stamp == invitation.answered_at and status is invitation.status
        verdict = Verdict.ALREADY_RECORDED if same else Verdict.STALE_STAMP
    else:
        after = attrs.evolve(invitation, status=status, answered_at=reply.stamp)
        return attrs.evolve(outcome, verdict=Verdict.UPDATED, after=status), after
    return attrs.evolve(outcome, verdict=verdict), None


def _addresses(data: NetworkData) -> dict[str, frozenset[str]]:
    """Each actor's e-mail addresses, lower case (a person's and an organisation's contacts alike)."""
    found: dict[str, frozenset[str]] = {}
    actors: list[Person | Organization] = [*data.persons, *data.organizations]
    for actor in actors:
        emails = frozenset(c.value.strip().lower() for c in actor.contacts if c.kind is ContactKind.EMAIL)
        if emails:
            found[actor.id] = emails
    return found


class _UidIndex:
    """Meetings by the UIDs their invitations carry: a single meeting's, or a series' with the date."""

    def __init__(self, data: NetworkData) -> None:
        network_id = data.network.id
        self.single: dict[str, str] = {}
        self.series: dict[str, list[Meeting]] = {}
        for meeting in data.meetings:
            self.single[uid_for(network_id, "meeting", meeting.id)] = meeting.id
            if meeting.series_id is not None:
                self.series.setdefault(uid_for(network_id, "series", meeting.series_id), []).append(meeting)
        self._slots: dict[str, dict[datetime, str]] = {}

    def meeting_for(self, reply: Reply) -> str | Verdict:
        """The id of the meeting ``reply`` answers, or why there is none."""
        if reply.uid in self.single:
            return self.single[reply.uid]
        members = self.series.get(reply.uid)
        if members is None:
            return Verdict.UNKNOWN_MEETING
        if reply.recurrence_id is None:
            return Verdict.WHOLE_SERIES
        slots = self._slots.get(reply.uid)
        if slots is None:
            whole = sorted(members, key=lambda m: (m.start, m.id))
            plan = plan_series(whole)
            slots = {slot: meeting_id for meeting_id, slot in plan.slot_of.items()} if plan else {}
            self._slots[reply.uid] = slots
        wall = wall_clock(reply.recurrence_id)
        if wall in slots:
            return slots[wall]
        moment = reply.recurrence_id.astimezone(UTC)
        return next((m.id for m in members if m.start.astimezone(UTC) == moment), Verdict.UNKNOWN_MEETING)
