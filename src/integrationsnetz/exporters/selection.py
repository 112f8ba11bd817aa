"""Which part of a network an export covers: a selection of entities and a time range.

Narrowing keeps the reference collections (organisations, people, venues, memberships) whole,
so an exporter can still look up a meeting's venue or presenters; it narrows the subjects:
meetings, events, courses, and the working groups they belong to. An exporter that lists actors
(the directory, the distribution lists) asks :func:`actors_of` which of them the selection is
about: a working group's members, a meeting's invitees.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import attrs

from integrationsnetz.errors import ExportError
from integrationsnetz.exporters.references import References
from integrationsnetz.model.actors import Organization, Person
from integrationsnetz.model.courses import Course
from integrationsnetz.model.entity import Entity
from integrationsnetz.model.events import AllDay, Event
from integrationsnetz.model.groups import WorkingGroup
from integrationsnetz.model.meetings import Meeting
from integrationsnetz.model.memberships import Membership, Role
from integrationsnetz.model.network_data import NetworkData
from integrationsnetz.model.networks import Network
from integrationsnetz.model.venues import Venue

BERLIN = ZoneInfo("Europe/Berlin")
#: Up to this many meetings, an export also looks at their neighbours (a Protokoll's previous meeting).
_FEW = 20


def as_moment(value: date | datetime) -> datetime:
    """A range bound as an aware date-time: a plain date means 00:00 in Berlin that day."""
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=BERLIN)
    return datetime.combine(value, time(0), tzinfo=BERLIN)


def _event_start(event: Event) -> datetime:
    when = event.when
    return as_moment(when.first_day) if isinstance(when, AllDay) else when.start


def narrow(
    data: NetworkData,
    selected: Iterable[Entity],
    start: date | datetime | None = None,
    end: date | datetime | None = None,
) -> NetworkData:
    """``data`` with only the selected subjects, and of those only what lies in ``[start, end)``.

    Meetings and events count by their start; a course counts when it runs at some time in the
    range. An empty selection (or the network itself) means everything.
    """
    chosen = tuple(selected)
    meetings: dict[str, Meeting] = {}
    events: dict[str, Event] = {}
    courses: dict[str, Course] = {}
    group_ids: set[str] = set()
    if not chosen or any(isinstance(item, Network) for item in chosen):
        meetings = {m.id: m for m in data.meetings}
        events = {e.id: e for e in data.events}
        courses = {c.id: c for c in data.courses}
        group_ids = {g.id for g in data.groups}
    for item in chosen:
        if isinstance(item, Network):
            continue
        if isinstance(item, Meeting):
            meetings[item.id] = item
        elif isinstance(item, Event):
            events[item.id] = item
        elif isinstance(item, Course):
            courses[item.id] = item
        elif isinstance(item, WorkingGroup):
            group_ids.add(item.id)
            meetings.update((m.id, m) for m in data.meetings if m.group_id == item.id)
        elif isinstance(item, Person | Organization):
            meetings.update((m.id, m) for m in data.meetings if item.id in m.participant_ids())
            events.update((e.id, e) for e in data.events if e.organizer_id == item.id)
            courses.update((c.id, c) for c in data.courses if item.id == c.provider_id or item.id in c.teacher_ids)
        elif isinstance(item, Venue):
            meetings.update((m.id, m) for m in data.meetings if m.venue_id == item.id)
            events.update((e.id, e) for e in data.events if e.venue_id == item.id)
            courses.update((c.id, c) for c in data.courses if c.venue_id == item.id)
        else:
            raise ExportError(
                f"select: cannot export a {type(item).__name__}; choose a network, working group, person, "
                "organisation, venue, meeting, event or course"
            )
    group_ids.update(m.group_id for m in meetings.values() if m.group_id is not None)
    # Groups holding tasks that came out of a selected meeting (the minutes list them), or out of
    # the meeting before it (the minutes carry its open tasks over).
    origins = set(meetings)
    if len(meetings) <= _FEW:
        origins.update(m.id for m in neighbours_of(meetings.values(), data))
    group_ids.update(
        g.id for g in data.groups if any(t.origin_meeting_id in origins for t in g.tasks if t.origin_meeting_id)
    )
    low = as_moment(start) if start is not None else None
    high = as_moment(end) if end is not None else None

    def inside(moment: datetime) -> bool:
        return (low is None or moment >= low) and (high is None or moment < high)

    def course_inside(course: Course) -> bool:
        if course.start is None:
            return low is None and high is None
        first = as_moment(course.start)
        last = as_moment(course.end or course.start)
        return (high is None or first < high) and (low is None or last >= low.replace(hour=0, minute=0))

    return attrs.evolve(
        data,
        meetings=tuple(m for m in data.meetings if m.id in meetings and inside(m.start)),
        events=tuple(e for e in data.events if e.id in events and inside(_event_start(e))),
        courses=tuple(c for c in data.courses if c.id in courses and course_inside(c)),
        groups=tuple(g for g in data.groups if g.id in group_ids),
    )


def series_of(meetings: Iterable[Meeting], data: NetworkData) -> tuple[Meeting, ...]:
    """Every meeting of ``data`` in a series (``series_id``) that one of ``meetings`` belongs to."""
    series_ids = {meeting.series_id for meeting in meetings if meeting.series_id is not None}
    if not series_ids:
        return ()
    return tuple(meeting for meeting in data.meetings if meeting.series_id in series_ids)


def _body(meeting: Meeting) -> tuple[str, str | None]:
    """Who meets: a working group, or (outside groups) the meeting kind, e.g. the network's plenary."""
    return (meeting.kind.value, meeting.group_id)


def neighbours_of(meetings: Iterable[Meeting], data: NetworkData) -> tuple[Meeting, ...]:
    """The other meetings of ``data`` held by the same body (working group, or kind outside groups).

    Only for a few meetings (a Protokoll, an invitation): for a whole year's export every meeting
    is a neighbour of another and the documents that use them are per meeting. Cancelled
    meetings are left out: a Protokoll's "next date" and "last meeting" are ones that happen.
    """
    chosen = list(meetings)
    if not chosen or len(chosen) > _FEW:
        return ()
    bodies = {_body(meeting) for meeting in chosen}
    ids = {meeting.id for meeting in chosen}
    return tuple(m for m in data.meetings if _body(m) in bodies and m.id not in ids and m.status.value != "cancelled")


def actors_of(
    data: NetworkData, selected: Iterable[Entity], on: date, roles: Iterable[Role] = ()
) -> tuple[Organization | Person, ...]:
    """The actors a selection is about, organisations first, each once, in the order of ``data``.

    A working group: its members on ``on`` (co-leads included); a meeting: its invitees; a
    course: its provider and teachers; an event: its organiser; a person or organisation:
    itself. Nothing selected, or the network: every actor, or with ``roles`` the network's
    members in those roles. ``roles`` keeps only members in those roles (a group's co-leads:
    ``(Role.CO_LEAD,)``); it applies to working groups and the network.
    """
    chosen = tuple(selected)
    wanted = frozenset(roles)
    ids: set[str] = set()

    def members(group_id: str | None) -> set[str]:
        return {
            m.actor_id
            for m in data.memberships
            if m.group_id == group_id and m.active(on) and (not wanted or m.role in wanted)
        }

    if not chosen or any(isinstance(item, Network) for item in chosen):
        if not wanted:
            return (*data.organizations, *data.persons)
        ids |= members(None)
    for item in chosen:
        if isinstance(item, WorkingGroup):
            ids |= members(item.id)
        elif isinstance(item, Meeting):
            ids.update(invitation.actor_id for invitation in item.invitations)
        elif isinstance(item, Course):
            ids.update((item.provider_id, *item.teacher_ids))
        elif isinstance(item, Event) and item.organizer_id is not None:
            ids.add(item.organizer_id)
        elif isinstance(item, Person | Organization):
            ids.add(item.id)
    return (*(o for o in data.organizations if o.id in ids), *(p for p in data.persons if p.id in ids))


def distribution(meeting: Meeting, refs: References) -> tuple[str, ...]:
    """The Verteiler: the organisations of the body's members on the day and of the invitees, by name.

    ``refs`` must hold the data before redaction (:func:`distributions`): the Verteiler is a list
    of organisations, which are not personal data, and an organisation invited only through a
    person the export does not name still gets the minutes.
    """
    return _verteiler(meeting, [m for m in refs.data.memberships if m.group_id == meeting.group_id], refs)


def distributions(meetings: Iterable[Meeting], data: NetworkData) -> dict[str, tuple[str, ...]]:
    """Each meeting's Verteiler (:func:`distribution`) from ``data`` before redaction, by meeting id.

    Only organisation names: nothing of a person leaves here, so an export for any audience may
    carry it (``ExportRequest.distribution``), as it carries the counts of those present.
    """
    meetings = list(meetings)
    if not meetings:
        return {}
    refs = References(data)
    by_group: dict[str | None, list[Membership]] = {}
    for membership in data.memberships:
        by_group.setdefault(membership.group_id, []).append(membership)
    return {m.id: _verteiler(m, by_group.get(m.group_id, []), refs) for m in meetings}


def _verteiler(meeting: Meeting, members: list[Membership], refs: References) -> tuple[str, ...]:
    day: date = meeting.start.astimezone(BERLIN).date()
    ids = [m.actor_id for m in members if m.active(day)]
    ids += [invitation.actor_id for invitation in meeting.invitations]
    orgs: dict[str, Organization] = {}
    for actor_id in ids:
        org = refs.organization_of(actor_id)
        if org is not None:
            orgs[org.id] = org
    return tuple(sorted((org.name for org in orgs.values()), key=str.casefold))
