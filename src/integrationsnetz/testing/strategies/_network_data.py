"""Strategies across the whole model: any stored entity, and a whole network whose references resolve."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import TypeVar

import attrs
from hypothesis import strategies as st

from integrationsnetz.model.actors import Organization
from integrationsnetz.model.courses import Course, ProviderCapacity
from integrationsnetz.model.entity import Entity
from integrationsnetz.model.groups import WorkingGroup
from integrationsnetz.model.meetings import AttendanceStatus, Invitation, Meeting, MeetingKind, MeetingStatus
from integrationsnetz.model.memberships import Membership, Role
from integrationsnetz.model.network_data import ENTITY_TYPES, NetworkData
from integrationsnetz.model.networks import Network
from integrationsnetz.model.venues import Room, Venue
from integrationsnetz.testing.strategies._actors import organizations, persons
from integrationsnetz.testing.strategies._courses import courses, provider_capacities, waitlists
from integrationsnetz.testing.strategies._entity_fields import STRATEGY_OF, bookkeeping, optional_ref, restamp
from integrationsnetz.testing.strategies._events import events
from integrationsnetz.testing.strategies._funding import funding_programmes
from integrationsnetz.testing.strategies._groups import working_groups
from integrationsnetz.testing.strategies._meetings import (
    agenda_items,
    agenda_length,
    invitations,
    mailed_versions,
    minutes,
)
from integrationsnetz.testing.strategies._networks import bare_networks
from integrationsnetz.testing.strategies._primitives import (
    DEFAULT_MAX_DATE,
    DEFAULT_MIN_DATE,
    aware_datetimes,
    ids,
    later,
    names,
    optional,
    periods,
    texts,
    urls,
)
from integrationsnetz.testing.strategies._venues import venues

__all__ = ["entities", "networks"]

E = TypeVar("E", bound=Entity)

# A booking of a venue: its id, the room (None: the whole venue), start and end as UTC instants.
_Slot = tuple[str, str | None, datetime, datetime]


def entities(
    *, network_id: str | None = None, types: Sequence[type[Entity]] | None = None
) -> st.SearchStrategy[Entity]:
    """Any stored entity (every type in ``ENTITY_TYPES``, or only ``types``).

    With ``network_id`` every entity that belongs to a network belongs to that one (a
    :class:`Network` then has that id).
    """
    chosen = list(types) if types is not None else list(ENTITY_TYPES.values())
    missing = [cls.__name__ for cls in chosen if cls not in STRATEGY_OF]
    if missing:
        raise ValueError(f"types: no strategy for {', '.join(missing)}")
    return st.one_of([STRATEGY_OF[cls](network_id=network_id) for cls in chosen])


def networks(*, network_id: str | None = None, max_size: int = 3) -> st.SearchStrategy[NetworkData]:
    """A whole network whose references all resolve: :func:`integrationsnetz.integrity.check` finds nothing.

    Every collection holds up to ``max_size`` entities (and lists inside them up to ``max_size``
    items); raise it for bigger networks. Courses use the official course types.
    """
    return _network_data(network_id, max_size)


@attrs.define
class _Drawing:
    """One network being drawn: Hypothesis's draw, the size limit and the ids taken so far."""

    draw: st.DrawFn
    max_size: int
    taken: set[str]

    def count(self) -> int:
        return self.draw(st.integers(0, self.max_size))

    def new_ids(self, prefix: str, count: int) -> list[str]:
        found: list[str] = []
        while len(found) < count:
            candidate = self.draw(ids(prefix=prefix, max_size=8))
            if candidate not in self.taken:
                self.taken.add(candidate)
                found.append(candidate)
        return found

    def each(self, strategy: st.SearchStrategy[E], entity_ids: list[str]) -> list[E]:
        # One strategy per collection, drawn once per entity and given its id afterwards:
        # building strategies is what costs most here.
        return [attrs.evolve(self.draw(strategy), id=entity_id) for entity_id in entity_ids]


@st.composite
def _network_data(draw: st.DrawFn, network_id: str | None, max_size: int) -> NetworkData:
    network = draw(bare_networks(network_id=network_id))
    nid = network.id
    drawing = _Drawing(draw, max_size, {nid})
    count, new_ids, each = drawing.count, drawing.new_ids, drawing.each

    org_ids = new_ids("org-", count())
    person_ids = new_ids("p-", count())
    # Every group needs a co-lead, so groups come only with actors to lead them.
    group_ids = new_ids("ag-", count() if org_ids or person_ids else 0)
    venue_ids = new_ids("ort-", count())
    meeting_ids = new_ids("mtg-", count())
    actor_ids = org_ids + person_ids

    orgs: list[Organization] = []
    for index, org in enumerate(each(organizations(network_id=nid, parent_ids=()), org_ids)):
        # A parent always comes earlier in the list, so parents never form a cycle.
        parent = org_ids[draw(st.integers(0, index - 1))] if index and draw(st.booleans()) else None
        orgs.append(attrs.evolve(org, parent_id=parent))
    people = each(persons(network_id=nid, organization_ids=org_ids), person_ids)

    # Task ids are unique across groups: decisions refer to tasks by id alone.
    groups: list[WorkingGroup] = []
    group_strategy = working_groups(network_id=nid, actor_ids=actor_ids, meeting_ids=meeting_ids, max_size=max_size)
    for group in each(group_strategy, group_ids):
        task_ids = new_ids("task-", len(group.tasks))
        fresh_tasks = tuple(attrs.evolve(task, id=new_id) for task, new_id in zip(group.tasks, task_ids, strict=True))
        groups.append(attrs.evolve(group, tasks=fresh_tasks))

    places = each(venues(network_id=nid, actor_ids=actor_ids, max_size=max_size), venue_ids)
    members = _memberships(drawing, network, groups, actor_ids)
    held = _meetings(drawing, nid, meeting_ids=meeting_ids, groups=groups, places=places, actor_ids=actor_ids)

    public_events = each(events(network_id=nid, actor_ids=actor_ids, venue_ids=venue_ids), new_ids("va-", count()))
    course_list: list[Course] = []
    capacities: list[ProviderCapacity] = []
    if org_ids:  # both need a provider
        course_strategy = courses(
            network_id=nid, provider_ids=org_ids, venue_ids=venue_ids, teacher_ids=person_ids, max_size=max_size
        )
        course_list = each(course_strategy, new_ids("kurs-", count()))
        capacities = each(provider_capacities(network_id=nid, provider_ids=org_ids), new_ids("cap-", count()))
    waiting = each(waitlists(network_id=nid, provider_ids=org_ids, max_size=max_size), new_ids("wl-", count()))
    programmes = each(
        funding_programmes(network_id=nid, funder_ids=org_ids, max_size=max_size), new_ids("fp-", count())
    )
    return NetworkData(
        network=network,
        organizations=tuple(orgs),
        persons=tuple(people),
        memberships=tuple(members),
        groups=tuple(groups),
        venues=tuple(places),
        meetings=tuple(held),
        events=tuple(public_events),
        courses=tuple(course_list),
        waitlists=tuple(waiting),
        funding_programmes=tuple(programmes),
        provider_capacities=tuple(capacities),
    )


def _memberships(
    drawing: _Drawing, network: Network, groups: list[WorkingGroup], actor_ids: list[str]
) -> list[Membership]:
    """A co-lead for every group, then members of the network or a group, no actor twice in one role."""
    draw = drawing.draw
    members: list[Membership] = []
    seen_keys: set[tuple[str, str | None, Role]] = set()
    for group, membership_id in zip(groups, drawing.new_ids("mem-", len(groups)), strict=True):
        # Each group is co-led from its founding to its end (integrity.check asks for a co-lead).
        lead = draw(st.sampled_from(actor_ids))
        seen_keys.add((lead, group.id, Role.CO_LEAD))
        members.append(
            Membership(
                id=membership_id,
                network_id=network.id,
                actor_id=lead,
                role=Role.CO_LEAD,
                group_id=group.id,
                since=group.founded,
            )
        )
    if not actor_ids:
        return members
    for membership_id in drawing.new_ids("mem-", drawing.count()):
        actor_id = draw(st.sampled_from(actor_ids))
        home = draw(optional(st.sampled_from(groups))) if groups else None
        role = draw(st.sampled_from(list(Role)))
        key = (actor_id, home.id if home else None, role)
        if key in seen_keys:  # the same actor twice in one role would overlap
            continue
        seen_keys.add(key)
        if home is not None:
            low, high = home.founded, home.dissolved or DEFAULT_MAX_DATE
        else:
            low, high = network.founded or DEFAULT_MIN_DATE, DEFAULT_MAX_DATE
        since, until = draw(periods(min_date=low, max_date=high))
        membership = Membership(
            id=membership_id,
            network_id=network.id,
            actor_id=actor_id,
            role=role,
            group_id=home.id if home else None,
            since=since,
            until=until,
        )
        members.append(restamp(membership, draw(bookkeeping())))
    return members


def _meetings(
    drawing: _Drawing,
    nid: str,
    *,
    meeting_ids: list[str],
    groups: list[WorkingGroup],
    places: list[Venue],
    actor_ids: list[str],
) -> list[Meeting]:
    """Meetings within their group's lifetime, no room booked twice at once, no more present than it holds."""
    draw, max_size = drawing.draw, drawing.max_size
    task_ids = [task.id for group in groups for task in group.tasks]
    held: list[Meeting] = []
    booked: list[_Slot] = []
    for meeting_id in meeting_ids:
        kind = draw(st.sampled_from(list(MeetingKind)))
        host_group: WorkingGroup | None = None
        if groups and (kind is MeetingKind.WORKING_GROUP or draw(st.booleans())):
            host_group = draw(st.sampled_from(groups))
        if kind is MeetingKind.WORKING_GROUP and host_group is None:
            kind = MeetingKind.NETWORK
        if host_group is not None:
            founded = host_group.founded
            low, high = founded, host_group.dissolved or min(DEFAULT_MAX_DATE, founded + timedelta(days=3 * 365))
        else:
            low, high = DEFAULT_MIN_DATE, DEFAULT_MAX_DATE
        start = draw(aware_datetimes(min_date=low, max_date=high))
        agenda = tuple(draw(st.lists(agenda_items(actor_ids=actor_ids, max_size=max_size), max_size=max_size)))
        length = draw(st.timedeltas(min_value=timedelta(minutes=15), max_value=timedelta(hours=10)))
        end = later(start, max(length, agenda_length(agenda)))
        status = draw(st.sampled_from(list(MeetingStatus)))
        venue: Venue | None = None
        room: Room | None = None
        wants_venue, wants_room = draw(st.booleans()), draw(st.booleans())
        if places and wants_venue:
            venue = draw(st.sampled_from(places))
            if venue.rooms and wants_room:
                room = draw(st.sampled_from(venue.rooms))
        if venue is not None and status is not MeetingStatus.CANCELLED:
            # A room holds one meeting at a time; one that finds its room taken meets elsewhere.
            slot = (venue.id, room.id if room else None, start.astimezone(UTC), end.astimezone(UTC))
            if any(_clash(slot, other) for other in booked):
                venue = room = None
            else:
                booked.append(slot)
        limit = venue.capacity_of(room.id if room else None) if venue is not None else None
        invited = draw(
            st.lists(invitations(actor_ids=actor_ids), max_size=max_size, unique_by=lambda i: i.actor_id)
            if actor_ids
            else st.just([])
        )
        invited_fitted, headcount = _fit_capacity(invited, draw(optional(st.integers(0, 120))), limit)
        record = draw(
            optional(minutes(actor_ids=actor_ids, agenda_size=len(agenda), task_ids=task_ids, max_size=max_size))
        )
        meeting = Meeting(
            id=meeting_id,
            network_id=nid,
            kind=kind,
            title=draw(names()),
            start=start,
            end=end,
            group_id=host_group.id if host_group else None,
            status=status,
            venue_id=venue.id if venue else None,
            room_id=room.id if room else None,
            organizer_id=draw(optional_ref(actor_ids)),
            moderator_id=draw(optional_ref(actor_ids)),
            invitations=invited_fitted,
            agenda=agenda,
            minutes=record,
            headcount=headcount,
            series_id=draw(optional(ids(prefix="series-"))),
            description=draw(optional(texts())),
            online_url=draw(optional(urls())),
            mailed=draw(optional(mailed_versions())),
        )
        held.append(restamp(meeting, draw(bookkeeping())))
    return held


def _fit_capacity(
    invited: list[Invitation], headcount: int | None, limit: int | None
) -> tuple[tuple[Invitation, ...], int | None]:
    """Mark invitees beyond the venue's limit as excused and cap the headcount: a valid meeting."""
    if limit is None:
        return tuple(invited), headcount
    present = 0
    fitted: list[Invitation] = []
    for invitation in invited:
        if invitation.status is AttendanceStatus.PRESENT:
            present += 1
            if present > limit:
                fitted.append(Invitation(actor_id=invitation.actor_id, status=AttendanceStatus.EXCUSED))
                continue
        fitted.append(invitation)
    return tuple(fitted), None if headcount is None else min(headcount, limit)


def _clash(slot: _Slot, other: _Slot) -> bool:
    """Two bookings of one venue at once, in the same room or one of them in the whole venue."""
    venue, room, start, end = slot
    other_venue, other_room, other_start, other_end = other
    same_place = venue == other_venue and (room is None or other_room is None or room == other_room)
    return same_place and start < other_end and other_start < end
