"""The store queries as plain predicates and sort orders over model objects.

They define what each :class:`~integrationsnetz.store.Store` query returns. Backends that scan
(``memory:``, ``files:``, small plugins) use them directly; indexed backends (``sqlite:``,
``postgresql:``) must return the same, which the conformance suite checks against ``memory:``.
"""

from __future__ import annotations

from datetime import date, datetime

from integrationsnetz.model.courses import Course, CourseStatus
from integrationsnetz.model.meetings import Meeting
from integrationsnetz.model.memberships import Membership
from integrationsnetz.store.bookkeeping import micros


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


def membership_matches(membership: Membership, actor_id: str, on: date | None = None) -> bool:
    """Whether the membership is the actor's (and runs on ``on``, if given)."""
    return membership.actor_id == actor_id and (on is None or membership.active(on))
