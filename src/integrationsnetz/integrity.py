"""Checks that need the whole network: references, overlaps, capacities, lifetimes.

:func:`check` returns every problem at once, each with a path a person can follow, such as
``meetings["nt-2024-2"].agenda[3].presenter_ids[0]``. An empty list means the network is sound.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

import attrs

from integrationsnetz.model.courses import CourseType
from integrationsnetz.model.entity import Entity
from integrationsnetz.model.meetings import MeetingKind
from integrationsnetz.model.network_data import COLLECTIONS, NetworkData


@attrs.frozen
class Problem:
    """One defect: where it is and what is wrong."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def _at(collection: str, entity_id: str) -> str:
    return f"{collection}[{entity_id!r}]".replace("'", '"')


def check(data: NetworkData, *, course_types: Mapping[str, CourseType] | None = None) -> list[Problem]:
    """Every integrity problem of ``data``; ``course_types`` defaults to the official catalogue."""
    if course_types is None:
        # Imported here: the courses package is not needed by ``import integrationsnetz``.
        from integrationsnetz.courses.catalogue import OFFICIAL_COURSE_TYPES

        course_types = OFFICIAL_COURSE_TYPES
    return list(_Checker(data, course_types).run())


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

    def run(self) -> Iterable[Problem]:
        yield from self._ids_and_ownership()
        yield from self._actors()
        yield from self._memberships()
        yield from self._groups()
        yield from self._venues()
        yield from self._meetings()
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
                limit = venue.capacity_of(meeting.room_id)
                if limit is not None and meeting.present_count > limit:
                    yield Problem(
                        f"{path}.invitations", f"{meeting.present_count} people present, but the venue holds {limit}"
                    )
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
            if meeting.minutes is not None:
                yield from self._actor(f"{path}.minutes.recorded_by_id", meeting.minutes.recorded_by_id)
                for index, decision in enumerate(meeting.minutes.decisions):
                    decision_path = f"{path}.minutes.decisions[{index}]"
                    if decision.agenda_item is not None and decision.agenda_item >= len(meeting.agenda):
                        count = len(meeting.agenda)
                        message = f"the agenda has {count} items, no item {decision.agenda_item}"
                        yield Problem(f"{decision_path}.agenda_item", message)
                    for position, task_id in enumerate(decision.task_ids):
                        if task_id not in self.task_ids:
                            yield Problem(
                                f"{decision_path}.task_ids[{position}]", f"refers to unknown task {task_id!r}"
                            )

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
            if course.participants > course.seats:
                yield Problem(
                    f"{path}.participants", f"{course.participants} participants, but only {course.seats} seats"
                )
            kind = self.course_types.get(course.course_type)
            if kind is not None and kind.max_group_size is not None and course.seats > kind.max_group_size:
                message = f"{course.seats} seats exceed the maximum group size {kind.max_group_size} of {kind.code!r}"
                yield Problem(f"{path}.seats", message)
        for waitlist in self.data.waitlists:
            path = _at("waitlists", waitlist.id)
            yield from self._ref(f"{path}.course_type", waitlist.course_type, self.course_types, "course type")
            yield from self._ref(f"{path}.provider_id", waitlist.provider_id, self.organizations, "organisation")
        for capacity in self.data.provider_capacities:
            path = _at("provider_capacities", capacity.id)
            yield from self._ref(f"{path}.provider_id", capacity.provider_id, self.organizations, "organisation")
