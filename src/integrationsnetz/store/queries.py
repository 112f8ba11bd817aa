"""The store queries as plain predicates and sort orders over model objects.

They define what each :class:`~integrationsnetz.store.Store` query returns. Backends that scan
(``memory:``, ``files:``, small plugins) use them directly; indexed backends (``sqlite:``,
``postgresql:``) must return the same, which the conformance suite checks against ``memory:``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

import attrs

from integrationsnetz.errors import WrongType
from integrationsnetz.model.courses import Course, CourseStatus
from integrationsnetz.model.entity import Entity
from integrationsnetz.model.meetings import Meeting
from integrationsnetz.model.memberships import Membership
from integrationsnetz.store.bookkeeping import micros


def check_instant(method: str, name: str, value: object) -> datetime:
    """``value`` if it is an aware date-time: a date or a naive time names no instant to compare.

    Every backend calls this first, so each refuses the same arguments with the same words.
    """
    if not isinstance(value, datetime):
        kind = "the date" if isinstance(value, date) else f"a {type(value).__name__}"
        raise WrongType([f"{method}: {name}: expected a timezone-aware date-time, got {kind} {value!r}"])
    if value.tzinfo is None or value.utcoffset() is None:
        raise WrongType([f"{method}: {name}: expected a timezone-aware date-time, got the naive "
                         f"{value.isoformat()!r}; give it a zone, e.g. tzinfo=ZoneInfo('Europe/Berlin')"])  # fmt: skip
    return value


def check_batch(value: object) -> list[Entity]:
    """The entities of a ``put_many``, as a list: any iterable of them (a generator too), never None or one entity."""
    if isinstance(value, (Entity, str, bytes)) or not isinstance(value, Iterable):
        raise WrongType([f"put_many: expected a list of entities, got {type(value).__name__}"])
    return list(value)


def check_window(start: object, end: object) -> tuple[datetime, datetime]:
    """The bounds of :meth:`~integrationsnetz.store.Store.meetings_between`, checked."""
    return check_instant("meetings_between", "start", start), check_instant("meetings_between", "end", end)


def check_day(method: str, name: str, value: object) -> date | None:
    """``value`` if it is a plain date (or None): a date-time would compare wrongly with the dates stored."""
    if value is not None and (not isinstance(value, date) or isinstance(value, datetime)):
        raise WrongType([f"{method}: {name}: expected a date, got {type(value).__name__} {value!r}"])
    return value


def check_course_status(value: object) -> CourseStatus | None:
    """The ``status`` filter of :meth:`~integrationsnetz.store.Store.courses` as a member ("running" works too)."""
    if value is None or isinstance(value, CourseStatus):
        return value
    if isinstance(value, str) and value in CourseStatus._value2member_map_:
        return CourseStatus(value)
    known = ", ".join(repr(status.value) for status in CourseStatus)
    raise WrongType([f"courses: status: expected a CourseStatus ({known}), got {value!r}"])


def meeting_matches(
    meeting: Meeting,
    start: datetime,
    end: datetime,
    *,
    network_id: str | None = None,
    group_id: str | None = None,
    person_id: str | None = None,
) -> bool:
    """Whether the meeting overlaps ``[start, end)`` and fits every given filter.

    "With a person" means the person is among :meth:`Meeting.participant_ids`: organiser,
    moderator, presenter, or an invitee who has not declined.
    """
    # As instants: within one zone Python compares wall times and ignores the fold of a DST switch.
    if not (micros(meeting.start) < micros(end) and micros(meeting.end) > micros(start)):
        return False
    if network_id is not None and meeting.network_id != network_id:
        return False
    if group_id is not None and meeting.group_id != group_id:
        return False
    return person_id is None or person_id in meeting.participant_ids()


def meeting_order(meeting: Meeting) -> tuple[int, str]:
    """Meetings are listed by start (as an instant) and then by id."""
    return (micros(meeting.start), meeting.id)


@attrs.frozen
class MeetingQuery:
    """The checked arguments of :meth:`~integrationsnetz.store.Store.meetings_between`, as one value."""

    start: datetime
    end: datetime
    network_id: str | None = None
    group_id: str | None = None
    person_id: str | None = None

    def matches(self, meeting: Meeting) -> bool:
        """Whether the meeting is in the answer (see :func:`meeting_matches`)."""
        return meeting_matches(
            meeting, self.start, self.end, network_id=self.network_id, group_id=self.group_id, person_id=self.person_id
        )


def course_matches(
    course: Course,
    *,
    network_id: str | None = None,
    course_type: str | None = None,
    provider_id: str | None = None,
    status: CourseStatus | None = None,
) -> bool:
    """Whether the course fits every given filter."""
    return (
        (network_id is None or course.network_id == network_id)
        and (course_type is None or course.course_type == course_type)
        and (provider_id is None or course.provider_id == provider_id)
        and (status is None or course.status == status)
    )


@attrs.frozen
class CourseQuery:
    """The checked filters of :meth:`~integrationsnetz.store.Store.courses`, as one value (None: any)."""

    network_id: str | None = None
    course_type: str | None = None
    provider_id: str | None = None
    status: CourseStatus | None = None

    def matches(self, course: Course) -> bool:
        """Whether the course is in the answer (see :func:`course_matches`)."""
        return course_matches(
            course,
            network_id=self.network_id,
            course_type=self.course_type,
            provider_id=self.provider_id,
            status=self.status,
        )

    def equalities(self) -> list[tuple[str, str]]:
        """The given filters as ``(field, value)`` pairs, the status as its text: one ``field = value`` each in SQL."""
        pairs = [
            ("network_id", self.network_id),
            ("course_type", self.course_type),
            ("provider_id", self.provider_id),
            ("status", None if self.status is None else self.status.value),
        ]
        return [(field, value) for field, value in pairs if value is not None]


def membership_matches(membership: Membership, actor_id: str, on: date | None = None) -> bool:
    """Whether the membership is the actor's (and runs on ``on``, if given)."""
    return membership.actor_id == actor_id and (on is None or membership.active(on))
