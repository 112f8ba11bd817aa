"""The integrity check accepts every valid network and finds every defect injected into one.

Each injector in :data:`INJECTORS` damages a network in one way by adding entities whose ids
(``defekt-...``) cannot clash with generated ones, so it applies to any network; it returns the
damaged network and the problem that must be reported: its exact path and a word of its message.
"""

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import integrationsnetz as inz
from integrationsnetz.courses.catalogue import OFFICIAL_COURSE_TYPES
from integrationsnetz.courses.course_list import read_course_list
from integrationsnetz.testing import strategies as inz_st

BERLIN = ZoneInfo("Europe/Berlin")
NOON = datetime(2024, 8, 1, 12, tzinfo=BERLIN)

Injected = tuple[inz.NetworkData, str, str]


def _add(data: inz.NetworkData, **collections: tuple[inz.Entity, ...]) -> inz.NetworkData:
    return attrs.evolve(data, **{name: (*getattr(data, name), *items) for name, items in collections.items()})


def _org(data: inz.NetworkData, org_id: str = "defekt-org", **fields: object) -> inz.Organization:
    return inz.Organization(
        id=org_id,
        network_id=data.network.id,
        name="Defekt",
        kind=inz.OrganizationKind.OTHER,
        **fields,  # type: ignore[arg-type]
    )


def _person(data: inz.NetworkData, person_id: str = "defekt-p") -> inz.Person:
    return inz.Person(id=person_id, network_id=data.network.id, function="Testperson")


def _membership(data: inz.NetworkData, membership_id: str = "defekt-m", **fields: object) -> inz.Membership:
    values: dict[str, object] = {"actor_id": "defekt-p", "since": date(2024, 5, 1), **fields}
    return inz.Membership(id=membership_id, network_id=data.network.id, **values)  # type: ignore[arg-type]


def _group(data: inz.NetworkData, **fields: object) -> inz.WorkingGroup:
    values: dict[str, object] = {"founded": date(2024, 1, 1), **fields}
    return inz.WorkingGroup(
        id="defekt-ag",
        network_id=data.network.id,
        name="AG Defekt",
        topic="Defekt",
        **values,  # type: ignore[arg-type]
    )


def _venue(data: inz.NetworkData, **fields: object) -> inz.Venue:
    return inz.Venue(
        id="defekt-ort",
        network_id=data.network.id,
        name="Ort",
        address=inz.Address(city="Eisenach"),
        **fields,  # type: ignore[arg-type]
    )


def _meeting(data: inz.NetworkData, **fields: object) -> inz.Meeting:
    values: dict[str, object] = {"kind": inz.MeetingKind.NETWORK, "start": NOON, "end": NOON + timedelta(hours=2)}
    values.update(fields)
    return inz.Meeting(id="defekt-mtg", network_id=data.network.id, title="Defekt", **values)  # type: ignore[arg-type]


def _course(data: inz.NetworkData, **fields: object) -> inz.Course:
    values: dict[str, object] = {
        "course_type": "general",
        "provider_id": "defekt-org",
        "units_total": 700,
        "units_per_week": 20,
        "seats": 20,
        **fields,
    }
    return inz.Course(id="defekt-kurs", network_id=data.network.id, **values)  # type: ignore[arg-type]


def unknown_actor(data: inz.NetworkData) -> Injected:
    damaged = _add(data, memberships=(_membership(data, actor_id="defekt-niemand"),))
    return damaged, 'memberships["defekt-m"].actor_id', "unknown actor"


def unknown_group(data: inz.NetworkData) -> Injected:
    damaged = _add(data, persons=(_person(data),), memberships=(_membership(data, group_id="defekt-ag"),))
    return damaged, 'memberships["defekt-m"].group_id', "unknown working group"


def unknown_venue(data: inz.NetworkData) -> Injected:
    return _add(data, meetings=(_meeting(data, venue_id="defekt-ort"),)), 'meetings["defekt-mtg"].venue_id', "venue"


def unknown_room(data: inz.NetworkData) -> Injected:
    damaged = _add(data, venues=(_venue(data),), meetings=(_meeting(data, venue_id="defekt-ort", room_id="r9"),))
    return damaged, 'meetings["defekt-mtg"].room_id', "has no room"


def room_without_venue(data: inz.NetworkData) -> Injected:
    return _add(data, meetings=(_meeting(data, room_id="r1"),)), 'meetings["defekt-mtg"].room_id', "needs the venue"


def unknown_presenter(data: inz.NetworkData) -> Injected:
    agenda = (
        inz.AgendaItem(kind=inz.AgendaItemKind.WELCOME, title="Begrüßung"),
        inz.AgendaItem(kind=inz.AgendaItemKind.INPUT, title="Input", presenter_ids=("defekt-niemand",)),
    )
    damaged = _add(data, meetings=(_meeting(data, agenda=agenda),))
    return damaged, 'meetings["defekt-mtg"].agenda[1].presenter_ids[0]', "unknown actor"


def unknown_moderator(data: inz.NetworkData) -> Injected:
    damaged = _add(data, meetings=(_meeting(data, moderator_id="defekt-niemand"),))
    return damaged, 'meetings["defekt-mtg"].moderator_id', "unknown actor"


def overlapping_memberships(data: inz.NetworkData) -> Injected:
    first = _membership(data, "defekt-m1", since=date(2024, 3, 1), until=date(2024, 9, 30))
    second = _membership(data, "defekt-m2", since=date(2024, 9, 1))
    damaged = _add(data, persons=(_person(data),), memberships=(first, second))
    return damaged, 'memberships["defekt-m2"]', "overlaps membership 'defekt-m1'"


def too_many_present(data: inz.NetworkData) -> Injected:
    invited = tuple(inz.Invitation(actor_id=actor, status=inz.AttendanceStatus.PRESENT) for actor in ("a1", "a2"))
    damaged = _add(
        data,
        persons=tuple(_person(data, actor) for actor in ("a1", "a2")),
        venues=(_venue(data, capacity=40),),
        meetings=(_meeting(data, venue_id="defekt-ort", invitations=invited, headcount=41),),
    )
    return damaged, 'meetings["defekt-mtg"].headcount', "headcount 41 exceeds the venue's capacity of 40"


def too_many_present_in_room(data: inz.NetworkData) -> Injected:
    rooms = (inz.Room(id="klein", name="Kleiner Raum", capacity=1),)
    invited = tuple(inz.Invitation(actor_id=actor, status=inz.AttendanceStatus.PRESENT) for actor in ("a1", "a2"))
    damaged = _add(
        data,
        persons=tuple(_person(data, actor) for actor in ("a1", "a2")),
        venues=(_venue(data, rooms=rooms),),
        meetings=(_meeting(data, venue_id="defekt-ort", room_id="klein", invitations=invited),),
    )
    return damaged, 'meetings["defekt-mtg"].invitations', "2 invitees marked present exceed the room's capacity of 1"


def headcount_above_room_capacity(data: inz.NetworkData) -> Injected:
    """The words of the issue: a headcount is a headcount, and the tighter limit is the room's."""
    rooms = (inz.Room(id="saal", name="Saal", capacity=60),)
    meeting = _meeting(data, venue_id="defekt-ort", room_id="saal", headcount=80)
    damaged = _add(data, venues=(_venue(data, rooms=rooms, capacity=200),), meetings=(meeting,))
    return damaged, 'meetings["defekt-mtg"].headcount', "headcount 80 exceeds the room's capacity of 60"


def one_invitee_too_many(data: inz.NetworkData) -> Injected:
    invited = (inz.Invitation(actor_id="defekt-p", status=inz.AttendanceStatus.PRESENT),)
    damaged = _add(
        data,
        persons=(_person(data),),
        venues=(_venue(data, capacity=0),),
        meetings=(_meeting(data, venue_id="defekt-ort", invitations=invited, headcount=0),),
    )
    return damaged, 'meetings["defekt-mtg"].invitations', "1 invitee marked present exceeds the venue's capacity of 0"


def meeting_outside_group_lifetime(data: inz.NetworkData) -> Injected:
    group = _group(data, dissolved=date(2024, 6, 30))
    meeting = _meeting(data, kind=inz.MeetingKind.WORKING_GROUP, group_id="defekt-ag")
    damaged = _add(data, groups=(group,), meetings=(meeting,))
    return damaged, 'meetings["defekt-mtg"].start', "outside the lifetime"


def meeting_before_group_founded(data: inz.NetworkData) -> Injected:
    group = _group(data, founded=date(2024, 9, 1))
    meeting = _meeting(data, kind=inz.MeetingKind.WORKING_GROUP, group_id="defekt-ag")
    damaged = _add(data, groups=(group,), meetings=(meeting,))
    return damaged, 'meetings["defekt-mtg"].start', "outside the lifetime"


def group_meeting_without_group(data: inz.NetworkData) -> Injected:
    damaged = _add(data, meetings=(_meeting(data, kind=inz.MeetingKind.WORKING_GROUP),))
    return damaged, 'meetings["defekt-mtg"].group_id', "needs the group"


def membership_outside_group_lifetime(data: inz.NetworkData) -> Injected:
    group = _group(data, founded=date(2024, 6, 1))
    membership = _membership(data, group_id="defekt-ag", since=date(2024, 5, 1))
    damaged = _add(data, persons=(_person(data),), groups=(group,), memberships=(membership,))
    return damaged, 'memberships["defekt-m"].since', "outside the lifetime"


def membership_before_network_founded(data: inz.NetworkData) -> Injected:
    network = attrs.evolve(data.network, founded=date(2024, 6, 1), dissolved=None)
    damaged = _add(attrs.evolve(data, network=network), persons=(_person(data),), memberships=(_membership(data),))
    return damaged, 'memberships["defekt-m"].since', "before the network was founded"


def duplicate_id(data: inz.NetworkData) -> Injected:
    damaged = _add(data, organizations=(_org(data), _org(data)))
    return damaged, 'organizations["defekt-org"]', "used 2 times"


def actor_id_shared_by_organisation_and_person(data: inz.NetworkData) -> Injected:
    damaged = _add(data, organizations=(_org(data, "defekt-x"),), persons=(_person(data, "defekt-x"),))
    return damaged, 'persons["defekt-x"]', "organizations"


def wrong_network_id(data: inz.NetworkData) -> Injected:
    damaged = _add(data, organizations=(attrs.evolve(_org(data), network_id="defekt-netz"),))
    return damaged, 'organizations["defekt-org"].network_id', "belongs to network 'defekt-netz'"


def parent_cycle(data: inz.NetworkData) -> Injected:
    damaged = _add(
        data, organizations=(_org(data, "defekt-a", parent_id="defekt-b"), _org(data, "defekt-b", parent_id="defekt-a"))
    )
    return damaged, 'organizations["defekt-a"].parent_id', "cycle"


def unknown_parent(data: inz.NetworkData) -> Injected:
    damaged = _add(data, organizations=(_org(data, parent_id="defekt-niemand"),))
    return damaged, 'organizations["defekt-org"].parent_id', "unknown organisation"


def unknown_affiliation(data: inz.NetworkData) -> Injected:
    person = attrs.evolve(_person(data), affiliation_id="defekt-niemand")
    return _add(data, persons=(person,)), 'persons["defekt-p"].affiliation_id', "unknown organisation"


def unknown_course_type(data: inz.NetworkData) -> Injected:
    damaged = _add(data, organizations=(_org(data),), courses=(_course(data, course_type="defekt-kursart"),))
    return damaged, 'courses["defekt-kurs"].course_type', "unknown course type"


def unknown_provider(data: inz.NetworkData) -> Injected:
    return _add(data, courses=(_course(data),)), 'courses["defekt-kurs"].provider_id', "unknown organisation"


def unknown_teacher(data: inz.NetworkData) -> Injected:
    course = _course(data, teacher_ids=("defekt-lehrkraft",))
    damaged = _add(data, organizations=(_org(data),), courses=(course,))
    return damaged, 'courses["defekt-kurs"].teacher_ids[0]', "unknown person"


def more_participants_than_seats(data: inz.NetworkData) -> Injected:
    damaged = _add(data, organizations=(_org(data),), courses=(_course(data, seats=12, participants=13),))
    return damaged, 'courses["defekt-kurs"].participants', "13 participants, but only 12 seats"


def one_participant_one_seat_too_many(data: inz.NetworkData) -> Injected:
    damaged = _add(data, organizations=(_org(data),), courses=(_course(data, seats=1, participants=2),))
    return damaged, 'courses["defekt-kurs"].participants', "2 participants, but only 1 seat"


def group_too_big_for_course_type(data: inz.NetworkData) -> Injected:
    course = _course(data, course_type="literacy", seats=20, units_total=1000)
    damaged = _add(data, organizations=(_org(data),), courses=(course,))
    return damaged, 'courses["defekt-kurs"].seats', "20 seats, but the maximum group size of 'literacy' is 16"


def _with_course(data: inz.NetworkData, **fields: object) -> inz.NetworkData:
    return _add(data, organizations=(_org(data),), courses=(_course(data, **fields),))


def course_without_weekly_units(data: inz.NetworkData) -> Injected:
    damaged = _with_course(data, units_per_week=0)
    return damaged, 'courses["defekt-kurs"].units_per_week', "0 teaching units a week"


def course_with_more_units_a_week_than_in_all(data: inz.NetworkData) -> Injected:
    damaged = _with_course(data, units_total=20, units_per_week=25)
    return damaged, 'courses["defekt-kurs"].units_per_week', "25 teaching units a week, more than the course's 20 units"


def course_without_seats(data: inz.NetworkData) -> Injected:
    return _with_course(data, seats=0), 'courses["defekt-kurs"].seats', "0 seats"


def course_without_units(data: inz.NetworkData) -> Injected:
    return _with_course(data, units_total=0), 'courses["defekt-kurs"].units_total', "0 teaching units"


def course_longer_than_its_type(data: inz.NetworkData) -> Injected:
    damaged = _with_course(data, units_total=800)
    return damaged, 'courses["defekt-kurs"].units_total', "800 teaching units, but a 'general' course has at most 700"


def course_longer_than_its_type_with_repetition(data: inz.NetworkData) -> Injected:
    damaged = _with_course(data, course_type="literacy", seats=16, units_total=1301)
    return damaged, 'courses["defekt-kurs"].units_total', "at most 1300 (1000 + 300 for repetition)"


def youth_course_after_its_abolition(data: inz.NetworkData) -> Injected:
    """The case of the issue: a youth integration course starting in 2027."""
    damaged = _with_course(data, course_type="youth", units_total=1000, start=date(2027, 1, 4))
    words = "starts 2027-01-04, but no 'youth' course may start on or after 2025-05-01"
    return damaged, 'courses["defekt-kurs"].start', words


def parents_course_on_the_day_of_abolition(data: inz.NetworkData) -> Injected:
    damaged = _with_course(data, course_type="parents", units_total=1000, start=date(2025, 5, 1))
    return damaged, 'courses["defekt-kurs"].start', "no 'parents' course may start on or after 2025-05-01"


def waitlist_unknown_course_type(data: inz.NetworkData) -> Injected:
    waitlist = inz.Waitlist(
        id="defekt-wl", network_id=data.network.id, course_type="defekt-kursart", place="X", as_of=date(2024, 10, 1)
    )
    return _add(data, waitlists=(waitlist,)), 'waitlists["defekt-wl"].course_type', "unknown course type"


def unknown_task_in_decision(data: inz.NetworkData) -> Injected:
    minutes = inz.Minutes(decisions=(inz.Decision(text="Beschluss", task_ids=("defekt-aufgabe",)),))
    damaged = _add(data, meetings=(_meeting(data, minutes=minutes),))
    return damaged, 'meetings["defekt-mtg"].minutes.decisions[0].task_ids[0]', "unknown task"


def decision_on_missing_agenda_item(data: inz.NetworkData) -> Injected:
    minutes = inz.Minutes(decisions=(inz.Decision(text="Beschluss", agenda_item=3),))
    agenda = (inz.AgendaItem(kind=inz.AgendaItemKind.WELCOME, title="Begrüßung"),)
    damaged = _add(data, meetings=(_meeting(data, agenda=agenda, minutes=minutes),))
    return damaged, 'meetings["defekt-mtg"].minutes.decisions[0].agenda_item', "the agenda has only 1 item"


def discussion_of_a_missing_agenda_item(data: inz.NetworkData) -> Injected:
    minutes = inz.Minutes(discussions=(inz.Discussion(agenda_item=2, text="Aussprache"),))
    agenda = (inz.AgendaItem(kind=inz.AgendaItemKind.WELCOME, title="Begrüßung"),)
    damaged = _add(data, meetings=(_meeting(data, agenda=agenda, minutes=minutes),))
    return damaged, 'meetings["defekt-mtg"].minutes.discussions[0].agenda_item', "the agenda has only 1 item"


def decision_on_an_empty_agenda(data: inz.NetworkData) -> Injected:
    minutes = inz.Minutes(decisions=(inz.Decision(text="Beschluss", agenda_item=0),))
    damaged = _add(data, meetings=(_meeting(data, minutes=minutes),))
    words = "refers to agenda[0], but the agenda is empty"
    return damaged, 'meetings["defekt-mtg"].minutes.decisions[0].agenda_item', words


def agenda_longer_than_the_meeting(data: inz.NetworkData) -> Injected:
    agenda = (
        inz.AgendaItem(kind=inz.AgendaItemKind.INPUT, title="Input", minutes=90),
        inz.AgendaItem(kind=inz.AgendaItemKind.DISCUSSION, title="Aussprache", minutes=45),
    )
    damaged = _add(data, meetings=(_meeting(data, agenda=agenda),))
    words = "the agenda items add up to 135 minutes, but the meeting lasts 120 minutes"
    return damaged, 'meetings["defekt-mtg"].agenda', words


def group_without_co_lead(data: inz.NetworkData) -> Injected:
    return _add(data, groups=(_group(data),)), 'groups["defekt-ag"]', "has no co-lead"


def group_whose_co_lead_left(data: inz.NetworkData) -> Injected:
    lead = _membership(data, role=inz.Role.CO_LEAD, group_id="defekt-ag", since=date(2024, 1, 1),
                       until=date(2024, 6, 30))  # fmt: skip
    damaged = _add(data, persons=(_person(data),), groups=(_group(data),), memberships=(lead,))
    return damaged, 'groups["defekt-ag"]', "has no co-lead after 2024-06-30"


def _two_meetings(data: inz.NetworkData, first: dict[str, object], second: dict[str, object]) -> inz.NetworkData:
    rooms = (inz.Room(id="saal", name="Saal"), inz.Room(id="foyer", name="Foyer"))
    one = attrs.evolve(_meeting(data, venue_id="defekt-ort", **first), id="defekt-mtg1")
    two = attrs.evolve(_meeting(data, venue_id="defekt-ort", **second), id="defekt-mtg2")
    return _add(data, venues=(_venue(data, rooms=rooms),), meetings=(one, two))


def room_double_booked(data: inz.NetworkData) -> Injected:
    later = {"room_id": "saal", "start": NOON + timedelta(hours=1), "end": NOON + timedelta(hours=3)}
    damaged = _two_meetings(data, {"room_id": "saal"}, later)
    words = "room 'saal' of venue 'defekt-ort' is already booked at that time by meeting 'defekt-mtg1'"
    return damaged, 'meetings["defekt-mtg2"].room_id', words


def room_taken_by_a_meeting_in_the_whole_venue(data: inz.NetworkData) -> Injected:
    damaged = _two_meetings(data, {}, {"room_id": "foyer"})
    return damaged, 'meetings["defekt-mtg2"].room_id', "'defekt-mtg1' (2024-08-01 12:00–14:00) takes the whole venue"


def whole_venue_booked_while_a_room_is_taken(data: inz.NetworkData) -> Injected:
    damaged = _two_meetings(data, {"room_id": "foyer"}, {})
    words = "venue 'defekt-ort' is already booked in room 'foyer' at that time by meeting 'defekt-mtg1'"
    return damaged, 'meetings["defekt-mtg2"].venue_id', words


def invited_twice(data: inz.NetworkData) -> Injected:
    invited = (inz.Invitation(actor_id="defekt-p"), inz.Invitation(actor_id="defekt-p"))
    damaged = _add(data, persons=(_person(data),), meetings=(_meeting(data, invitations=invited),))
    return damaged, 'meetings["defekt-mtg"].invitations[1].actor_id', "invited twice"


def unknown_task_owner(data: inz.NetworkData) -> Injected:
    group = _group(data, tasks=(inz.Task(id="defekt-aufgabe", title="Tun", owner_id="defekt-niemand"),))
    return _add(data, groups=(group,)), 'groups["defekt-ag"].tasks[0].owner_id', "unknown actor"


def unknown_goal_of_task(data: inz.NetworkData) -> Injected:
    group = _group(data, tasks=(inz.Task(id="defekt-aufgabe", title="Tun", goal_id="defekt-ziel"),))
    return _add(data, groups=(group,)), 'groups["defekt-ag"].tasks[0].goal_id', "unknown goal"


def duplicate_room(data: inz.NetworkData) -> Injected:
    rooms = (inz.Room(id="saal", name="Saal"), inz.Room(id="saal", name="Saal 2"))
    return _add(data, venues=(_venue(data, rooms=rooms),)), 'venues["defekt-ort"].rooms', "'saal' is used more"


def event_at_unknown_venue(data: inz.NetworkData) -> Injected:
    event = inz.Event(
        id="defekt-va",
        network_id=data.network.id,
        kind=inz.EventKind.JOB_FAIR,
        title="Berufemarkt",
        when=inz.AllDay(first_day=date(2024, 10, 19), last_day=date(2024, 10, 19)),
        venue_id="defekt-ort",
    )
    return _add(data, events=(event,)), 'events["defekt-va"].venue_id', "unknown venue"


def unknown_funder(data: inz.NetworkData) -> Injected:
    programme = inz.FundingProgramme(id="defekt-fp", network_id=data.network.id, name="F", funder_id="defekt-niemand")
    return _add(data, funding_programmes=(programme,)), 'funding_programmes["defekt-fp"].funder_id', "unknown"


INJECTORS: tuple[Callable[[inz.NetworkData], Injected], ...] = (
    unknown_actor,
    unknown_group,
    unknown_venue,
    unknown_room,
    room_without_venue,
    unknown_presenter,
    unknown_moderator,
    overlapping_memberships,
    too_many_present,
    too_many_present_in_room,
    headcount_above_room_capacity,
    one_invitee_too_many,
    meeting_outside_group_lifetime,
    meeting_before_group_founded,
    group_meeting_without_group,
    membership_outside_group_lifetime,
    membership_before_network_founded,
    duplicate_id,
    actor_id_shared_by_organisation_and_person,
    wrong_network_id,
    parent_cycle,
    unknown_parent,
    unknown_affiliation,
    unknown_course_type,
    unknown_provider,
    unknown_teacher,
    more_participants_than_seats,
    one_participant_one_seat_too_many,
    group_too_big_for_course_type,
    course_without_weekly_units,
    course_with_more_units_a_week_than_in_all,
    course_without_seats,
    course_without_units,
    course_longer_than_its_type,
    course_longer_than_its_type_with_repetition,
    youth_course_after_its_abolition,
    parents_course_on_the_day_of_abolition,
    waitlist_unknown_course_type,
    unknown_task_in_decision,
    decision_on_missing_agenda_item,
    discussion_of_a_missing_agenda_item,
    decision_on_an_empty_agenda,
    agenda_longer_than_the_meeting,
    group_without_co_lead,
    group_whose_co_lead_left,
    room_double_booked,
    room_taken_by_a_meeting_in_the_whole_venue,
    whole_venue_booked_while_a_room_is_taken,
    invited_twice,
    unknown_task_owner,
    unknown_goal_of_task,
    duplicate_room,
    event_at_unknown_venue,
    unknown_funder,
)


def _reported(problems: list[inz.Problem], path: str, words: str) -> bool:
    return any(problem.path == path and words in problem.message for problem in problems)


@settings(max_examples=40)
@given(data=inz_st.networks())
def test_every_valid_network_is_accepted(data: inz.NetworkData) -> None:
    """Generated networks are internally consistent: nothing to report."""
    assert inz.check(data) == []


_COLLECTION_PATHS = tuple(inz.COLLECTIONS)


def _check_injection(data: inz.NetworkData, inject: Callable[[inz.NetworkData], Injected]) -> None:
    assert inz.check(data) == []
    damaged, path, words = inject(data)
    problems = inz.check(damaged)
    assert _reported(problems, path, words), problems
    assert all(problem.path.startswith(_COLLECTION_PATHS) for problem in problems)


@pytest.mark.parametrize("inject", INJECTORS, ids=lambda inject: inject.__name__)
def test_each_injected_defect_is_found_in_the_example(inject: Callable[[inz.NetworkData], Injected]) -> None:
    """Every injector, on the Wartburgkreis network: the defect is reported at its path."""
    import wartburgkreis

    _check_injection(wartburgkreis.build(), inject)


@settings(max_examples=60)
@given(data=inz_st.networks(max_size=2), inject=st.sampled_from(INJECTORS))
def test_injected_defects_are_found_in_generated_networks(
    data: inz.NetworkData, inject: Callable[[inz.NetworkData], Injected]
) -> None:
    """Any injector on any valid network: the defect is reported at its path."""
    _check_injection(data, inject)


def _renamed(data: inz.NetworkData, injected: Injected, tag: str) -> Injected:
    """The injection with every ``defekt-`` id renamed ``defekt<tag>-``, so injections combine."""
    damaged, path, words = injected
    payload = inz.documents.dumps(damaged).replace(b'"defekt-', f'"defekt{tag}-'.encode())
    renamed = inz.documents.loads(payload)
    return renamed, path.replace('"defekt-', f'"defekt{tag}-'), words.replace("'defekt-", f"'defekt{tag}-")


@settings(max_examples=10)
@given(data=inz_st.networks(max_size=2), chosen=st.sets(st.sampled_from(INJECTORS), min_size=2, max_size=6))
def test_all_defects_are_reported_at_once(
    data: inz.NetworkData, chosen: set[Callable[[inz.NetworkData], Injected]]
) -> None:
    """Several defects in one network: every one is in the single report (not just the first)."""
    combined = data
    expected = []
    for number, inject in enumerate(sorted(chosen, key=lambda inject: inject.__name__)):
        damaged, path, words = _renamed(data, inject(data), str(number))
        added = {name: getattr(damaged, name)[len(getattr(data, name)) :] for name in inz.COLLECTIONS}
        combined = _add(combined, **added)
        if damaged.network != data.network:
            combined = attrs.evolve(combined, network=damaged.network)
        expected.append((path, words))
    problems = inz.check(combined)
    for path, words in expected:
        assert _reported(problems, path, words), (path, words, problems)


def test_the_issue_example_path() -> None:
    """The path format of the issue: ``meetings["nt-2024-2"].agenda[3].presenters[0]``-style."""
    import wartburgkreis

    data = wartburgkreis.build()
    meeting = data.meetings[0]
    agenda = list(meeting.agenda)
    agenda[3] = attrs.evolve(agenda[3], presenter_ids=("niemand", *agenda[3].presenter_ids))
    damaged = attrs.evolve(data, meetings=(attrs.evolve(meeting, agenda=tuple(agenda)),))
    assert [str(problem) for problem in inz.check(damaged)] == [
        "meetings[\"nt-2024-2\"].agenda[3].presenter_ids[0]: refers to unknown actor 'niemand'"
    ]


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: _meeting(inz.NetworkData(network=_NET), end=NOON - timedelta(minutes=1)), "end"),
        (lambda: _meeting(inz.NetworkData(network=_NET), end=NOON), "end"),
        (lambda: _membership(inz.NetworkData(network=_NET), since=date(2024, 5, 1), until=date(2024, 4, 30)), "until"),
        (lambda: _group(inz.NetworkData(network=_NET), dissolved=date(2023, 12, 31)), "dissolved"),
        (lambda: inz.AllDay(first_day=date(2024, 10, 19), last_day=date(2024, 10, 18)), "last_day"),
        (lambda: inz.Timed(start=NOON, end=NOON), "end"),
        (lambda: _course(inz.NetworkData(network=_NET), start=date(2024, 5, 1), end=date(2024, 4, 1)), "end"),
        (lambda: inz.Consent(purpose=inz.ConsentPurpose.DIRECTORY, given_on=date(2024, 5, 1),
                             withdrawn_on=date(2024, 4, 1)), "withdrawn_on"),
    ],
)  # fmt: skip
def test_an_end_before_its_start_is_refused_at_construction(build: Callable[[], object], field: str) -> None:
    """The model refuses these outright, naming the field, so a check never has to find them."""
    with pytest.raises(inz.InvalidField, match=rf"^\w+\.{field}: "):
        build()


_NET = inz.Network(id="netz", name="Netz", region=inz.Region(name="Wartburgkreis", state=inz.State.TH, ags="16063"))


def test_naive_datetimes_are_refused_at_construction() -> None:
    """A meeting must know its zone: 09:00 means nothing to a calendar in another one."""
    with pytest.raises(inz.InvalidField, match=r"^Meeting\.start: expected a timezone-aware date-time"):
        _meeting(inz.NetworkData(network=_NET), start=datetime(2024, 10, 14, 9), end=NOON)


# --- the domain rules, beyond the injectors -----------------------------------------------------

ZONES = st.sampled_from(
    (BERLIN, ZoneInfo("UTC"), ZoneInfo("America/New_York"), ZoneInfo("Asia/Kolkata"), timezone(timedelta(hours=-9)))
)


def _booked(data: inz.NetworkData, first: inz.Meeting, second: inz.Meeting) -> list[inz.Problem]:
    rooms = (inz.Room(id="saal", name="Saal"), inz.Room(id="foyer", name="Foyer"))
    damaged = _add(data, venues=(_venue(data, rooms=rooms),), meetings=(first, second))
    return [problem for problem in inz.check(damaged) if "booked" in problem.message]


def _in_room(data: inz.NetworkData, meeting_id: str, start: datetime, end: datetime, room: str | None) -> inz.Meeting:
    return attrs.evolve(_meeting(data, venue_id="defekt-ort", room_id=room, start=start, end=end), id=meeting_id)


@settings(max_examples=60)
@given(
    data=inz_st.networks(max_size=1),
    timing=st.tuples(
        inz_st.aware_datetimes(),
        st.timedeltas(min_value=timedelta(minutes=1), max_value=timedelta(hours=10)),
        st.floats(0, 1, exclude_max=True),
        ZONES,
    ),
    rooms=st.sampled_from((("saal", "saal"), ("saal", None), (None, "foyer"), (None, None))),
)
def test_a_randomly_double_booked_room_is_always_found(
    data: inz.NetworkData, timing: tuple[datetime, timedelta, float, tzinfo], rooms: tuple[str | None, str | None]
) -> None:
    """The second meeting starts while the first runs, written in any zone (DST switch days often):
    reported once, on the later one; the same meeting starting when the first ends clashes with nothing."""
    start, length, share, zone = timing
    end = (start.astimezone(UTC) + length).astimezone(start.tzinfo)
    # length * share rounds to whole microseconds: 60 s * 0.9999999999999999 is 60 s, no overlap left.
    overlapping = (start.astimezone(UTC) + min(length * share, length - timedelta(microseconds=1))).astimezone(zone)
    first = _in_room(data, "defekt-mtg1", start, end, rooms[0])
    second = _in_room(data, "defekt-mtg2", overlapping, overlapping + timedelta(hours=1), rooms[1])
    problems = _booked(data, first, second)
    assert [problem.path.split(".")[0] for problem in problems] == ['meetings["defekt-mtg2"]'], problems
    after = end.astimezone(zone)
    assert _booked(data, first, _in_room(data, "defekt-mtg2", after, after + timedelta(hours=1), rooms[1])) == []
    cancelled = attrs.evolve(second, status=inz.MeetingStatus.CANCELLED)
    assert _booked(data, first, cancelled) == []


def test_different_rooms_of_one_venue_may_be_used_at_once() -> None:
    data = inz.NetworkData(network=_NET)
    first = _in_room(data, "a", NOON, NOON + timedelta(hours=2), "saal")
    assert _booked(data, first, _in_room(data, "b", NOON, NOON + timedelta(hours=2), "foyer")) == []


# 27 Oct 2024 in Berlin: 02:00-03:00 happens twice, first in summer time (fold=0), then in winter time (fold=1).
FIRST_0200 = datetime(2024, 10, 27, 2, 0, tzinfo=BERLIN)


def test_meetings_in_the_repeated_hour_are_compared_as_instants() -> None:
    """Wall clocks would say 02:15 (second time) lies before 02:45 (first time); the instants do not clash."""
    data = inz.NetworkData(network=_NET)
    early = _in_room(data, "a", FIRST_0200, FIRST_0200.replace(minute=45), "saal")
    late = _in_room(data, "b", FIRST_0200.replace(minute=15, fold=1), FIRST_0200.replace(hour=3), "saal")
    assert _booked(data, early, late) == []
    # 01:30 to 02:30 (second time) runs into 02:45 (first time), though its wall clock ends earlier.
    long_one = _in_room(data, "c", FIRST_0200.replace(hour=1, minute=30), FIRST_0200.replace(minute=30, fold=1), "saal")
    short_one = _in_room(data, "d", FIRST_0200.replace(minute=45), FIRST_0200.replace(hour=3), "saal")
    assert [problem.path for problem in _booked(data, long_one, short_one)] == ['meetings["d"].room_id']


def test_agenda_minutes_count_real_time_across_the_dst_switch() -> None:
    """01:00 to 04:00 lasts four hours when the clocks go back, and two when they go forward."""
    data = inz.NetworkData(network=_NET)
    agenda = (inz.AgendaItem(kind=inz.AgendaItemKind.DISCUSSION, title="Lange Nacht", minutes=230),)
    autumn = _meeting(data, start=FIRST_0200.replace(hour=1), end=FIRST_0200.replace(hour=4), agenda=agenda)
    assert inz.check(_add(data, meetings=(autumn,))) == []
    spring = attrs.evolve(
        autumn, start=datetime(2024, 3, 31, 1, tzinfo=BERLIN), end=datetime(2024, 3, 31, 4, tzinfo=BERLIN)
    )
    assert [str(problem) for problem in inz.check(_add(data, meetings=(spring,)))] == [
        'meetings["defekt-mtg"].agenda: the agenda items add up to 230 minutes, but the meeting lasts 120 minutes'
    ]


@settings(max_examples=80)
@given(
    start=inz_st.aware_datetimes(),
    length=st.timedeltas(min_value=timedelta(minutes=1), max_value=timedelta(hours=6)),
    minutes=st.lists(st.one_of(st.none(), st.integers(0, 240)), max_size=4),
)
def test_the_agenda_is_reported_exactly_when_it_does_not_fit(
    start: datetime, length: timedelta, minutes: list[int | None]
) -> None:
    data = inz.NetworkData(network=_NET)
    agenda = tuple(inz.AgendaItem(kind=inz.AgendaItemKind.OTHER, title="TOP", minutes=value) for value in minutes)
    end = (start.astimezone(UTC) + length).astimezone(start.tzinfo)
    problems = inz.check(_add(data, meetings=(_meeting(data, start=start, end=end, agenda=agenda),)))
    too_long = sum(value or 0 for value in minutes) * 60 > end.timestamp() - start.timestamp()
    assert [problem.path for problem in problems] == (['meetings["defekt-mtg"].agenda'] if too_long else [])


def test_a_cancelled_course_may_keep_a_date_after_its_type_was_abolished() -> None:
    """Planned for June 2025, cancelled when the youth course was abolished: history, not a defect."""
    data = inz.NetworkData(network=_NET)
    course = _course(data, course_type="youth", units_total=1000, start=date(2025, 6, 2))
    damaged = _add(data, organizations=(_org(data),), courses=(course,))
    assert [problem.path for problem in inz.check(damaged)] == ['courses["defekt-kurs"].start']
    cancelled = attrs.evolve(course, status=inz.CourseStatus.CANCELLED)
    assert inz.check(_add(data, organizations=(_org(data),), courses=(cancelled,))) == []


@pytest.mark.parametrize("code", sorted(code for code, kind in OFFICIAL_COURSE_TYPES.items() if kind.abolished_from))
@pytest.mark.parametrize("days_after", [-1, 0, 600])
def test_check_and_the_course_list_share_the_abolition_rule(code: str, days_after: int) -> None:
    """A start the course-list importer refuses is the start check() reports, and only that."""
    kind = OFFICIAL_COURSE_TYPES[code]
    assert kind.abolished_from is not None
    start = kind.abolished_from + timedelta(days=days_after)
    data = inz.NetworkData(network=_NET, organizations=(_org(inz.NetworkData(network=_NET), "vhs"),))
    row = f"Kursart;Träger;Beginn;UE/Woche;Plätze\r\n{kind.name_de};vhs;{start:%d.%m.%Y};20;16\r\n"
    try:
        read_course_list(row.encode(), data, as_of=date(2024, 1, 1))
        refused = False
    except inz.InvalidData:
        refused = True
    course = _course(data, course_type=code, provider_id="vhs", units_total=kind.total_units, seats=16, start=start)
    reported = [problem.path for problem in inz.check(_add(data, courses=(course,)))] == [
        'courses["defekt-kurs"].start'
    ]
    assert refused == reported == (days_after >= 0)


def test_messages_count_in_singular_and_plural() -> None:
    """ "1 item", "2 items": never "1 items"."""
    data = inz.NetworkData(network=_NET)
    for size, words in ((1, "has only 1 item"), (2, "has only 2 items")):
        agenda = tuple(inz.AgendaItem(kind=inz.AgendaItemKind.OTHER, title="TOP") for _ in range(size))
        minutes = inz.Minutes(decisions=(inz.Decision(text="Beschluss", agenda_item=5),))
        problems = inz.check(_add(data, meetings=(_meeting(data, agenda=agenda, minutes=minutes),)))
        assert [problem.message for problem in problems] == [f"refers to agenda[5], but the agenda {words}"]
    for planned, lasts, words in ((1, 0.5, "1 minute, but the meeting lasts 0 minutes"),
                                  (61, 60, "61 minutes, but the meeting lasts 60 minutes")):  # fmt: skip
        agenda = (inz.AgendaItem(kind=inz.AgendaItemKind.OTHER, title="TOP", minutes=planned),)
        meeting = _meeting(data, agenda=agenda, end=NOON + timedelta(minutes=lasts))
        assert [problem.message for problem in inz.check(_add(data, meetings=(meeting,)))] == [
            f"the agenda items add up to {words}"
        ]


@pytest.mark.parametrize("url", ["javascript:alert(4)", "file:///etc/passwd", "data:text/html,x", "https:nohost"])
def test_an_online_meeting_link_is_a_web_address(url: str) -> None:
    """``online_url`` goes into the ICS ``URL`` and the Einladung: the model refuses anything but
    http(s) (the calendar import's rule), and ``check`` reports one set past the constructor."""
    from integrationsnetz.testing.samples import sample_network

    data = sample_network()
    meeting = data.get(inz.Meeting, "nt-2024-2")
    with pytest.raises(inz.InvalidData, match=r"online_url: expected a web address \(http or https\)"):
        attrs.evolve(meeting, online_url=url)
    assert attrs.evolve(meeting, online_url="https://meet.example.org/x?pwd=1").online_url.startswith("https")
    stored = attrs.evolve(meeting, online_url=None)
    object.__setattr__(stored, "online_url", url)  # as a store from before the rule may hold it
    others = tuple(m for m in data.meetings if m.id != meeting.id)
    problems = [str(p) for p in inz.check(attrs.evolve(data, meetings=(*others, stored)))]
    assert 'meetings["nt-2024-2"].online_url: expected a web address (http or https)' in problems
