"""The integrity check accepts every valid network and finds every defect injected into one.

Each injector in :data:`INJECTORS` damages a network in one way by adding entities whose ids
(``defekt-...``) cannot clash with generated ones, so it applies to any network; it returns the
damaged network and the problem that must be reported: its exact path and a word of its message.
"""

from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import integrationsnetz as inz
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
    return damaged, 'meetings["defekt-mtg"].invitations', "41 people present, but the venue holds 40"


def too_many_present_in_room(data: inz.NetworkData) -> Injected:
    rooms = (inz.Room(id="klein", name="Kleiner Raum", capacity=1),)
    invited = tuple(inz.Invitation(actor_id=actor, status=inz.AttendanceStatus.PRESENT) for actor in ("a1", "a2"))
    damaged = _add(
        data,
        persons=tuple(_person(data, actor) for actor in ("a1", "a2")),
        venues=(_venue(data, rooms=rooms),),
        meetings=(_meeting(data, venue_id="defekt-ort", room_id="klein", invitations=invited),),
    )
    return damaged, 'meetings["defekt-mtg"].invitations', "the venue holds 1"


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


def group_too_big_for_course_type(data: inz.NetworkData) -> Injected:
    course = _course(data, course_type="literacy", seats=20, units_total=1000)
    damaged = _add(data, organizations=(_org(data),), courses=(course,))
    return damaged, 'courses["defekt-kurs"].seats', "maximum group size 16"


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
    return damaged, 'meetings["defekt-mtg"].minutes.decisions[0].agenda_item', "no item 3"


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
    group_too_big_for_course_type,
    waitlist_unknown_course_type,
    unknown_task_in_decision,
    decision_on_missing_agenda_item,
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
