"""Checks that need the whole network: references, overlaps, capacities, lifetimes, the domain's rules.

:func:`check` returns every problem at once, each with a path a person can follow, such as
``meetings["nt-2024-2"].agenda[3].presenter_ids[0]``. An empty list means the network is sound.
What it examines is listed in ``docs/reference/model.md`` ("What check examines").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime

import attrs

from integrationsnetz.errors import WrongType
from integrationsnetz.model.characters import unprintable
from integrationsnetz.model.course_types import OFFICIAL_COURSE_TYPES
from integrationsnetz.model.courses import Course, CourseStatus, CourseType
from integrationsnetz.model.entity import Entity, instant, is_web_address
from integrationsnetz.model.field_types import type_problems
from integrationsnetz.model.meetings import AttendanceStatus, Meeting, MeetingKind, MeetingStatus
from integrationsnetz.model.memberships import Membership, Role
from integrationsnetz.model.network_data import COLLECTIONS, NetworkData
from integrationsnetz.model.venues import Venue


@attrs.frozen
class Problem:
    """One defect: where it is and what is wrong."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def _at(collection: str, entity_id: str) -> str:
    return f"{collection}[{entity_id!r}]".replace("'", '"')


def _count(number: int, noun: str) -> str:
    """``1 item``, ``2 items``: a number with its (regular) noun in the right form."""
    return f"{number} {noun if number == 1 else noun + 's'}"


def _span(meeting: Meeting) -> str:
    """When a meeting takes place, in its own zone: ``2025-05-14 14:00–16:00``."""
    start, end = meeting.start, meeting.end
    until = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%Y-%m-%d %H:%M}"
    return f"{start:%Y-%m-%d %H:%M}–{until}"


def check(data: NetworkData, *, course_types: Mapping[str, CourseType] | None = None) -> list[Problem]:
    """Every integrity problem of ``data``; ``course_types`` defaults to the official catalogue."""
    if not isinstance(data, NetworkData):
        raise WrongType([f"check: expected NetworkData, got {type(data).__name__}"])
    if course_types is not None and not isinstance(course_types, Mapping):
        what = type(course_types).__name__
        raise WrongType([f"check: course_types: expected a mapping of code to CourseType, got {what}"])
    wrong = _wrong_types(data)
    if wrong:  # values set past the constructors: the rules below would trip over them
        return wrong
    if course_types is None:
        course_types = OFFICIAL_COURSE_TYPES
    return list(_Checker(data, course_types).run())


def _wrong_types(data: NetworkData) -> list[Problem]:
    lines = type_problems(data.network, "network")
    for collection in COLLECTIONS:
        for entity in getattr(data, collection):
            lines.extend(type_problems(entity, _at(collection, str(entity.id))))
    return [Problem(*line.split(": ", 1)) for line in lines]


class _Checker:
    def __init__(self, data: NetworkData, course_types: Mapping[str, CourseType]) -> None:
        self.data = data
        self.course_types = course_types
        self.organizations = {o.id: o for o in data.organizations}
        self.persons = {p.id: p for p in data.persons}
        self.groups = {g.id: g for g in data.groups}
        self.venues = {v.id: v for v in data.venues}
        self.meetings = {m.id: m for m in data.meetings}
        self.task_ids = {task.id for group in data.groups for task in group.tasks}
        self.co_leads: dict[str, list[Membership]] = defaultdict(list)
        for membership in data.memberships:
            if membership.role is Role.CO_LEAD and membership.group_id is not None:
                self.co_leads[membership.group_id].append(membership)

    def run(self) -> Iterable[Problem]:
        yield from self._ids_and_ownership()
        yield from self._actors()
        yield from self._memberships()
        yield from self._groups()
        yield from self._venues()
        yield from self._meetings()
        yield from self._room_bookings()
        yield from self._events()
        yield from self._courses()
        for programme in self.data.funding_programmes:
            yield from self._ref(
                f"{_at('funding_programmes', programme.id)}.funder_id",
                programme.funder_id,
                self.organizations,
                "organisation",
            )

    def _ref(self, path: str, ref: str | None, known: Mapping[str, object], what: str) -> Iterable[Problem]:
        if ref is not None and ref not in known:
            yield Problem(path, f"refers to unknown {what} {ref!r}")

    def _actor(self, path: str, ref: str | None) -> Iterable[Problem]:
        if ref is not None and ref not in self.organizations and ref not in self.persons:
            yield Problem(path, f"refers to unknown actor {ref!r}")

    def _ids_and_ownership(self) -> Iterable[Problem]:
        network_id = self.data.network.id
        seen_actor_ids: dict[str, str] = {}
        for collection in COLLECTIONS:
            entities: tuple[Entity, ...] = getattr(self.data, collection)
            counts: dict[str, int] = defaultdict(int)
            for entity in entities:
                counts[entity.id] += 1
                owner = getattr(entity, "network_id", network_id)
                if owner != network_id:
                    yield Problem(
                        f"{_at(collection, entity.id)}.network_id",
                        f"belongs to network {owner!r}, not to {network_id!r}",
                    )
                if collection in ("organizations", "persons"):
                    other = seen_actor_ids.get(entity.id)
                    if other is not None and other != collection:
                        yield Problem(_at(collection, entity.id), f"id is used by an entry of {other} too")
                    seen_actor_ids[entity.id] = collection
            for entity_id, count in counts.items():
                if count > 1:
                    yield Problem(_at(collection, entity_id), f"id is used {count} times")

    def _actors(self) -> Iterable[Problem]:
        for org in self.data.organizations:
            path = _at("organizations", org.id)
            yield from self._ref(f"{path}.parent_id", org.parent_id, self.organizations, "organisation")
            seen = {org.id}
            parent = org.parent_id
            while parent is not None and parent in self.organizations:
                if parent in seen:
                    yield Problem(f"{path}.parent_id", "organisations form a cycle of parents")
                    break
                seen.add(parent)
                parent = self.organizations[parent].parent_id
        for person in self.data.persons:
            yield from self._ref(
                f"{_at('persons', person.id)}.affiliation_id", person.affiliation_id, self.organizations, "organisation"
            )

    def _memberships(self) -> Iterable[Problem]:
        by_key: dict[tuple[str, str | None, str], list[str]] = defaultdict(list)
        memberships = {m.id: m for m in self.data.memberships}
        for membership in self.data.memberships:
            path = _at("memberships", membership.id)
            yield from self._actor(f"{path}.actor_id", membership.actor_id)
            yield from self._ref(f"{path}.group_id", membership.group_id, self.groups, "working group")
            group = self.groups.get(membership.group_id or "")
            if group is not None and (
                membership.since < group.founded or (group.dissolved is not None and membership.since > group.dissolved)
            ):
                yield Problem(
                    f"{path}.since", f"{membership.since.isoformat()} lies outside the lifetime of group {group.id!r}"
                )
            founded = self.data.network.founded
            if membership.group_id is None and founded is not None and membership.since < founded:
                yield Problem(f"{path}.since", f"{membership.since.isoformat()} lies before the network was founded")
            key = (membership.actor_id, membership.group_id, membership.role.value)
            for other_id in by_key[key]:
                if memberships[other_id].overlaps(membership):
                    yield Problem(path, f"overlaps membership {other_id!r} of the same actor in the same role")
            by_key[key].append(membership.id)

    def _groups(self) -> Iterable[Problem]:
        for group in self.data.groups:
            path = _at("groups", group.id)
            yield from self._co_leads(path, group.id, group.dissolved)
            goal_ids = [goal.id for goal in group.goals]
            for duplicate in sorted({g for g in goal_ids if goal_ids.count(g) > 1}):
                yield Problem(f"{path}.goals", f"goal id {duplicate!r} is used more than once")
            task_ids = [task.id for task in group.tasks]
            for duplicate in sorted({t for t in task_ids if task_ids.count(t) > 1}):
                yield Problem(f"{path}.tasks", f"task id {duplicate!r} is used more than once")
            for index, task in enumerate(group.tasks):
                task_path = f"{path}.tasks[{index}]"
                yield from self._actor(f"{task_path}.owner_id", task.owner_id)
                if task.goal_id is not None and task.goal_id not in goal_ids:
                    yield Problem(f"{task_path}.goal_id", f"refers to unknown goal {task.goal_id!r} of this group")
                yield from self._ref(f"{task_path}.origin_meeting_id", task.origin_meeting_id, self.meetings, "meeting")

    def _co_leads(self, path: str, group_id: str, dissolved: date | None) -> Iterable[Problem]:
        """Each working group is co-led by the integration management and a partner, to its last day."""
        leads = self.co_leads.get(group_id, [])
        if not leads:
            yield Problem(path, f"has no co-lead: add a membership with role 'co_lead' and group_id {group_id!r}")
            return
        last_day = date.max if dissolved is None else dissolved
        if all(lead.until is not None and lead.until < last_day for lead in leads):
            left = max(lead.until for lead in leads if lead.until is not None)
            yield Problem(path, f"has no co-lead after {left.isoformat()}, when the last co-lead membership ended")

    def _venues(self) -> Iterable[Problem]:
        for venue in self.data.venues:
            room_ids = [room.id for room in venue.rooms]
            for duplicate in sorted({r for r in room_ids if room_ids.count(r) > 1}):
                yield Problem(f"{_at('venues', venue.id)}.rooms", f"room id {duplicate!r} is used more than once")
            yield from self._actor(f"{_at('venues', venue.id)}.owner_id", venue.owner_id)

    def _meetings(self) -> Iterable[Problem]:
        for meeting in self.data.meetings:
            path = _at("meetings", meeting.id)
            yield from self._ref(f"{path}.group_id", meeting.group_id, self.groups, "working group")
            if meeting.online_url is not None and not is_web_address(meeting.online_url):
                # set past the constructor (or stored before it refused them): never a javascript: link
                yield Problem(f"{path}.online_url", "expected a web address (http or https)")
            if meeting.kind is MeetingKind.WORKING_GROUP and meeting.group_id is None:
                yield Problem(f"{path}.group_id", "a working-group meeting needs the group it belongs to")
            group = self.groups.get(meeting.group_id or "")
            local_day = meeting.start.date()
            if group is not None and not group.active(local_day):
                yield Problem(
                    f"{path}.start", f"{local_day.isoformat()} lies outside the lifetime of group {group.id!r}"
                )
            yield from self._ref(f"{path}.venue_id", meeting.venue_id, self.venues, "venue")
            venue = self.venues.get(meeting.venue_id or "")
            if meeting.room_id is not None:
                if meeting.venue_id is None:
                    yield Problem(f"{path}.room_id", "a room needs the venue it belongs to")
                elif venue is not None and venue.room(meeting.room_id) is None:
                    yield Problem(f"{path}.room_id", f"venue {venue.id!r} has no room {meeting.room_id!r}")
            if venue is not None:
                yield from self._attendance(path, meeting, venue)
            yield from self._actor(f"{path}.organizer_id", meeting.organizer_id)
            yield from self._actor(f"{path}.moderator_id", meeting.moderator_id)
            invited: set[str] = set()
            for index, invitation in enumerate(meeting.invitations):
                yield from self._actor(f"{path}.invitations[{index}].actor_id", invitation.actor_id)
                if invitation.actor_id in invited:
                    yield Problem(f"{path}.invitations[{index}].actor_id", f"{invitation.actor_id!r} is invited twice")
                invited.add(invitation.actor_id)
            for index, item in enumerate(meeting.agenda):
                for position, presenter in enumerate(item.presenter_ids):
                    yield from self._actor(f"{path}.agenda[{index}].presenter_ids[{position}]", presenter)
            planned = sum(item.minutes or 0 for item in meeting.agenda)
            if planned * 60 > meeting.duration.total_seconds():
                lasts = _count(int(meeting.duration.total_seconds() // 60), "minute")
                message = f"the agenda items add up to {_count(planned, 'minute')}, but the meeting lasts {lasts}"
                yield Problem(f"{path}.agenda", message)
            if meeting.minutes is not None:
                yield from self._actor(f"{path}.minutes.recorded_by_id", meeting.minutes.recorded_by_id)
                for index, decision in enumerate(meeting.minutes.decisions):
                    decision_path = f"{path}.minutes.decisions[{index}]"
                    if decision.agenda_item is not None and decision.agenda_item >= len(meeting.agenda):
                        size = "is empty" if not meeting.agenda else f"has only {_count(len(meeting.agenda), 'item')}"
                        message = f"refers to agenda[{decision.agenda_item}], but the agenda {size}"
                        yield Problem(f"{decision_path}.agenda_item", message)
                    for position, task_id in enumerate(decision.task_ids):
                        if task_id not in self.task_ids:
                            yield Problem(
                                f"{decision_path}.task_ids[{position}]", f"refers to unknown task {task_id!r}"
                            )
                for index, discussion in enumerate(meeting.minutes.discussions):
                    if discussion.agenda_item >= len(meeting.agenda):
                        size = "is empty" if not meeting.agenda else f"has only {_count(len(meeting.agenda), 'item')}"
                        message = f"refers to agenda[{discussion.agenda_item}], but the agenda {size}"
                        yield Problem(f"{path}.minutes.discussions[{index}].agenda_item", message)

    def _attendance(self, path: str, meeting: Meeting, venue: Venue) -> Iterable[Problem]:
        """Who came fits the place: the headcount, or the invitees marked present if they are more."""
        limit = venue.capacity_of(meeting.room_id)
        if limit is None or meeting.present_count <= limit:
            return
        room = venue.room(meeting.room_id) if meeting.room_id else None
        whose = "room's" if room is not None and room.capacity == limit else "venue's"
        listed = sum(1 for invitation in meeting.invitations if invitation.status is AttendanceStatus.PRESENT)
        if meeting.headcount is not None and meeting.headcount >= listed:
            yield Problem(f"{path}.headcount", f"headcount {meeting.headcount} exceeds the {whose} capacity of {limit}")
        else:
            verb = "exceeds" if listed == 1 else "exceed"
            who = _count(listed, "invitee")
            yield Problem(f"{path}.invitations", f"{who} marked present {verb} the {whose} capacity of {limit}")

    def _room_bookings(self) -> Iterable[Problem]:
        """No room holds two meetings at once; one without a room takes the whole venue, as the planner books it.

        Cancelled meetings book nothing. Times are compared as instants, so meetings in different
        zones or in the hour repeated when summer time ends are ordered as they really happen.
        """
        by_venue: dict[str, list[tuple[datetime, datetime, Meeting]]] = defaultdict(list)
        for meeting in self.data.meetings:
            if meeting.venue_id is not None and meeting.status is not MeetingStatus.CANCELLED:
                by_venue[meeting.venue_id].append((instant(meeting.start), instant(meeting.end), meeting))
        for venue_id, bookings in by_venue.items():
            bookings.sort(key=lambda booking: (booking[0], booking[2].id))
            running: list[tuple[datetime, datetime, Meeting]] = []
            for start, end, meeting in bookings:
                running = [booking for booking in running if booking[1] > start]
                for _start, _end, other in running:
                    if other.id != meeting.id and (
                        meeting.room_id is None or other.room_id is None or meeting.room_id == other.room_id
                    ):
                        yield self._double_booking(venue_id, meeting, other)
                running.append((start, end, meeting))

    def _double_booking(self, venue_id: str, meeting: Meeting, other: Meeting) -> Problem:
        path = _at("meetings", meeting.id)
        when = f"meeting {other.id!r} ({_span(other)})"
        if meeting.room_id is None:
            taken = "as a whole" if other.room_id is None else f"in room {other.room_id!r}"
            return Problem(f"{path}.venue_id", f"venue {venue_id!r} is already booked {taken} at that time by {when}")
        place = f"room {meeting.room_id!r} of venue {venue_id!r}"
        if other.room_id is None:
            return Problem(f"{path}.room_id", f"{place} is already booked at that time: {when} takes the whole venue")
        return Problem(f"{path}.room_id", f"{place} is already booked at that time by {when}")

    def _events(self) -> Iterable[Problem]:
        for event in self.data.events:
            path = _at("events", event.id)
            yield from self._actor(f"{path}.organizer_id", event.organizer_id)
            yield from self._ref(f"{path}.venue_id", event.venue_id, self.venues, "venue")

    def _courses(self) -> Iterable[Problem]:
        for course in self.data.courses:
            path = _at("courses", course.id)
            yield from self._ref(f"{path}.course_type", course.course_type, self.course_types, "course type")
            yield from self._ref(f"{path}.provider_id", course.provider_id, self.organizations, "organisation")
            yield from self._ref(f"{path}.venue_id", course.venue_id, self.venues, "venue")
            for position, teacher in enumerate(course.teacher_ids):
                yield from self._ref(f"{path}.teacher_ids[{position}]", teacher, self.persons, "person")
            for field, message in course_problems(course, self.course_types.get(course.course_type)):
                yield Problem(f"{path}.{field}", message)
        for waitlist in self.data.waitlists:
            path = _at("waitlists", waitlist.id)
            yield from self._ref(f"{path}.course_type", waitlist.course_type, self.course_types, "course type")
            yield from self._ref(f"{path}.provider_id", waitlist.provider_id, self.organizations, "organisation")
        for capacity in self.data.provider_capacities:
            path = _at("provider_capacities", capacity.id)
            yield from self._ref(f"{path}.provider_id", capacity.provider_id, self.organizations, "organisation")


def course_problems(course: Course, kind: CourseType | None) -> Iterator[tuple[str, str]]:
    """Where ``course`` breaks the rules of its type (``kind``, None when unknown): (field, message) pairs.

    Hours, seats and start date within the rules of the course's type (the BAMF's, or the
    user's), and no more participants than seats. :func:`check` and the course-list importer
    both ask this, so a list cannot import what ``check`` refuses.
    """
    if course.participants > course.seats:
        seats = f"only {_count(course.seats, 'seat')}" if course.seats else "no seats"
        yield "participants", f"{_count(course.participants, 'participant')}, but {seats}"
    if course.units_per_week <= 0:
        yield "units_per_week", "0 teaching units a week: a course teaches at least 1"
    elif 0 < course.units_total < course.units_per_week:
        yield (
            "units_per_week",
            (
                f"{_count(course.units_per_week, 'teaching unit')} a week, "
                f"more than the course's {_count(course.units_total, 'unit')} in all"
            ),
        )
    if course.seats <= 0:
        yield "seats", "0 seats: a course has at least 1"
    if course.units_total <= 0:
        yield "units_total", "0 teaching units: a course teaches at least 1"
    if kind is None:
        return
    if kind.max_group_size is not None and course.seats > kind.max_group_size:
        yield (
            "seats",
            (f"{_count(course.seats, 'seat')}, but the maximum group size of {kind.code!r} is {kind.max_group_size}"),
        )
    allowed = kind.total_units + kind.repeat_units
    if course.units_total > allowed:
        parts = f" ({kind.total_units} + {kind.repeat_units} for repetition)" if kind.repeat_units else ""
        units = _count(course.units_total, "teaching unit")
        yield "units_total", f"{units}, but a {kind.code!r} course has at most {allowed}{parts}"
    abolished = kind.abolished_from
    if abolished is None or course.start is None or course.status is CourseStatus.CANCELLED:
        return  # a cancelled course never ran, so it may keep the date it was planned for
    if not kind.open_for_new_courses(course.start):  # the rule the course-list importer applies too
        yield (
            "start",
            (
                f"starts {course.start.isoformat()}, but no {kind.code!r} course may start on or after "
                f"{abolished.isoformat()}, when the type was abolished"
            ),
        )


def unprintable_texts(data: NetworkData) -> list[Problem]:
    """Every stored text holding control characters (a form feed, ESC, NUL) or noncharacters, by its path.

    Not a defect :func:`check` reports: documents print such a text anyway (a form feed as a line
    break, the others left out, :func:`~integrationsnetz.model.characters.printable`), but what is
    printed is then not what is stored, so ``integrationsnetz check`` shows them as warnings.
    """
    if not isinstance(data, NetworkData):
        raise WrongType([f"unprintable_texts: expected NetworkData, got {type(data).__name__}"])
    found: list[Problem] = []
    roots: list[tuple[str, object]] = [("network", data.network)]
    roots += [(_at(collection, str(entity.id)), entity) for collection in COLLECTIONS
              for entity in getattr(data, collection)]  # fmt: skip
    for root, value in roots:
        for path, text in _texts(value, root):
            characters = unprintable(text)
            if characters:
                said = f"holds control characters ({', '.join(characters)}): documents print them as line breaks "
                found.append(Problem(path, said + "(form feed, vertical tab) or leave them out"))
    return found


def _texts(value: object, path: str) -> Iterator[tuple[str, str]]:
    """Every string inside ``value`` (attrs classes, tuples, lists, mappings), with its path."""
    kind = type(value)
    if isinstance(value, str):
        yield path, value
    elif attrs.has(kind):
        for field in attrs.fields(kind):
            yield from _texts(getattr(value, field.name), f"{path}.{field.name}")
    elif isinstance(value, tuple | list | frozenset | set):
        for index, item in enumerate(value):
            yield from _texts(item, f"{path}[{index}]")
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _texts(key, f"{path} (key)")
            yield from _texts(item, f"{path}[{key!r}]".replace("'", '"'))
