"""Meetings of the network and its working groups: agenda, invitations, attendance, minutes."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import StrEnum

import attrs

from integrationsnetz.model.entity import (
    NetworkPart,
    instant,
    refuse,
    validate_aware,
    validate_id,
    validate_ids,
    validate_non_negative,
    validate_not_blank,
    validate_optional_id,
    validate_optional_web_address,
)
from integrationsnetz.model.field_types import typed_fields


class MeetingKind(StrEnum):
    """Which body meets."""

    NETWORK = "network"
    WORKING_GROUP = "working_group"
    STEERING = "steering"
    OTHER = "other"


class MeetingStatus(StrEnum):
    """A meeting's life: planned, confirmed (invitations out), held, or cancelled."""

    PLANNED = "planned"
    CONFIRMED = "confirmed"
    HELD = "held"
    CANCELLED = "cancelled"


class AttendanceStatus(StrEnum):
    """An invitee's answer before the meeting, and what happened on the day."""

    INVITED = "invited"
    ACCEPTED = "accepted"
    TENTATIVE = "tentative"
    DECLINED = "declined"
    PRESENT = "present"
    EXCUSED = "excused"


class AgendaItemKind(StrEnum):
    """The sort of agenda item; documents and reports group by it."""

    WELCOME = "welcome"
    INPUT = "input"
    ADDRESS = "address"
    REPORT = "report"
    FIGURES = "figures"
    BREAK = "break"
    DISCUSSION = "discussion"
    ANNOUNCEMENT = "announcement"
    CLOSING = "closing"
    OTHER = "other"


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class AgendaItem:
    """One item (TOP) of an agenda; its position is its place in ``Meeting.agenda``."""

    kind: AgendaItemKind
    title: str = attrs.field(validator=validate_not_blank)
    presenter_ids: tuple[str, ...] = attrs.field(default=(), validator=validate_ids)
    minutes: int | None = attrs.field(default=None, validator=validate_non_negative)
    description: str | None = None


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Discussion:
    """What was said under one agenda item (TOP): the Protokoll's section for it.

    ``agenda_item`` is the item's position in ``Meeting.agenda`` (0 for TOP 1), as for a
    :class:`Decision`.
    """

    agenda_item: int = attrs.field(validator=validate_non_negative)
    text: str = attrs.field(validator=validate_not_blank)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Invitation:
    """An invited actor and where their attendance stands.

    ``sent_sequence`` is the ``SEQUENCE`` of the last invitation or update e-mailed to this invitee
    (None: none went by e-mail); an answer to an older one is stale. ``answered_at`` is the time
    stamp (``DTSTAMP``) of the e-mailed answer that set ``status``, so an older answer read later
    does not overwrite a newer one (RFC 5546 §2.1.5).
    """

    actor_id: str = attrs.field(validator=validate_id)
    status: AttendanceStatus = AttendanceStatus.INVITED
    sent_sequence: int | None = attrs.field(default=None, validator=validate_non_negative)
    answered_at: datetime | None = attrs.field(default=None, validator=validate_aware)


def _validate_sequence(instance: MailedVersion, attribute: attrs.Attribute[int], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise refuse(instance, attribute.name, f"expected a whole number >= 0, got {value!r}")


def _validate_sent_at(instance: MailedVersion, attribute: attrs.Attribute[datetime], value: datetime) -> None:
    if not isinstance(value, datetime):
        raise refuse(instance, attribute.name, f"expected a timezone-aware date-time, got {value!r}")
    validate_aware(instance, attribute, value)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class MailedVersion:
    """The version of a meeting last e-mailed as an invitation: its ``SEQUENCE`` and what invitees saw.

    ``digest`` fingerprints what an invitee sees of the meeting (time, title, place, text;
    :func:`integrationsnetz.mail.versions.invitee_digest`), not who is invited or who answered.
    Sending again keeps ``sequence`` while the digest is the same, so a re-sent invitation is no
    update in anyone's calendar (RFC 5546 §2.1.4: only the organiser's significant change raises it).
    """

    sequence: int = attrs.field(validator=_validate_sequence)
    digest: str = attrs.field(validator=validate_not_blank)
    sent_at: datetime = attrs.field(validator=_validate_sent_at)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Decision:
    """A decision recorded in the minutes, with the agenda item it belongs to and the tasks it set."""

    text: str = attrs.field(validator=validate_not_blank)
    agenda_item: int | None = attrs.field(default=None, validator=validate_non_negative)
    task_ids: tuple[str, ...] = attrs.field(default=(), validator=validate_ids)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Minutes:
    """The record (Protokoll) of a held meeting: the general text, what was said per TOP, decisions."""

    text: str = ""
    recorded_by_id: str | None = attrs.field(default=None, validator=validate_optional_id)
    decisions: tuple[Decision, ...] = ()
    approved_on: date | None = None
    discussions: tuple[Discussion, ...] = ()


@attrs.frozen
class AttendanceCount:
    """How many came, were excused, declined or did not answer: counted before any redaction.

    ``present`` is the larger of the listed invitees marked present and the ``headcount``, as in
    :attr:`Meeting.present_count`; the others count listed invitations.
    """

    present: int
    excused: int
    declined: int
    invited: int


def _validate_end(instance: Meeting, attribute: attrs.Attribute[datetime], value: datetime) -> None:
    validate_aware(instance, attribute, value)
    if instant(value) <= instant(instance.start):
        raise refuse(instance, attribute.name, f"{value.isoformat()} is not after start {instance.start.isoformat()}")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Meeting(NetworkPart):
    """A dated gathering of the network or a working group.

    ``start`` and ``end`` are timezone-aware. ``headcount`` records how many came when the
    people are not listed one by one (a plenary of "over 70"); ``invitations`` holds those who are.
    ``series_id`` ties a meeting to the series rule that planned it, so re-planning keeps it.
    ``registration_until`` is the last day to register and ``registration_contact`` how to do it
    (an e-mail address, a phone number or a web form): the invitation letter says both.
    ``mailed`` is the version last e-mailed as an invitation (None: never): the invitations
    by e-mail keep its ``SEQUENCE`` until what invitees see changes.
    """

    kind: MeetingKind
    title: str = attrs.field(validator=validate_not_blank)
    start: datetime = attrs.field(validator=validate_aware)
    end: datetime = attrs.field(validator=_validate_end)
    group_id: str | None = attrs.field(default=None, validator=validate_optional_id)
    status: MeetingStatus = MeetingStatus.PLANNED
    venue_id: str | None = attrs.field(default=None, validator=validate_optional_id)
    room_id: str | None = attrs.field(default=None, validator=validate_optional_id)
    organizer_id: str | None = attrs.field(default=None, validator=validate_optional_id)
    moderator_id: str | None = attrs.field(default=None, validator=validate_optional_id)
    invitations: tuple[Invitation, ...] = ()
    agenda: tuple[AgendaItem, ...] = ()
    minutes: Minutes | None = None
    headcount: int | None = attrs.field(default=None, validator=validate_non_negative)
    series_id: str | None = None
    description: str | None = None
    online_url: str | None = attrs.field(default=None, validator=validate_optional_web_address)
    registration_until: date | None = None
    registration_contact: str | None = None
    mailed: MailedVersion | None = None

    @property
    def duration(self) -> timedelta:
        """How long the meeting lasts."""
        return instant(self.end) - instant(self.start)

    @property
    def present_count(self) -> int:
        """People present: the listed ones marked present, or the headcount if that is larger."""
        listed = sum(1 for invitation in self.invitations if invitation.status is AttendanceStatus.PRESENT)
        return max(listed, self.headcount or 0)

    def attendance(self) -> AttendanceCount:
        """The counts of this meeting's attendance (take them before people are removed for a public document)."""
        statuses = [invitation.status for invitation in self.invitations]
        return AttendanceCount(
            present=self.present_count,
            excused=statuses.count(AttendanceStatus.EXCUSED),
            declined=statuses.count(AttendanceStatus.DECLINED),
            invited=sum(statuses.count(status) for status in _ANSWERING),
        )

    def participant_ids(self) -> tuple[str, ...]:
        """Everyone who has to be there: organiser, moderator, presenters and invitees who have not declined."""
        seen: dict[str, None] = {}
        for actor_id in (self.organizer_id, self.moderator_id):
            if actor_id is not None:
                seen[actor_id] = None
        for item in self.agenda:
            seen.update(dict.fromkeys(item.presenter_ids))
        seen.update(dict.fromkeys(i.actor_id for i in self.invitations if i.status not in _NOT_COMING))
        return tuple(seen)


_ANSWERING = (AttendanceStatus.INVITED, AttendanceStatus.ACCEPTED, AttendanceStatus.TENTATIVE)
_NOT_COMING = frozenset({AttendanceStatus.DECLINED, AttendanceStatus.EXCUSED})
