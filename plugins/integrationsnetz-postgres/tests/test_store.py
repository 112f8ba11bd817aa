"""The PostgreSQL store against a real server: revisions, tombstones, networks kept apart, state-wide queries."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from integrationsnetz import Conflict, NotFound, StoreError, WrongType
from integrationsnetz.model import (
    Course,
    CourseStatus,
    Invitation,
    Meeting,
    MeetingKind,
    Membership,
    Network,
    Region,
    Registration,
    Role,
    State,
    Waitlist,
)
from integrationsnetz.store import Store, open_store

from .conftest import course

BERLIN = ZoneInfo("Europe/Berlin")


def network(network_id: str, name: str = "Netzwerk") -> Network:
    return Network(id=network_id, name=name, region=Region(name="Wartburgkreis", state=State.TH, ags="16063"))


def meeting(meeting_id: str, network_id: str, start: datetime, hours: float = 2, **fields: object) -> Meeting:
    defaults: dict[str, object] = {"kind": MeetingKind.NETWORK, "title": f"Sitzung {meeting_id}"}
    return Meeting(
        id=meeting_id,
        network_id=network_id,
        start=start,
        end=(start.astimezone(UTC) + timedelta(hours=hours)).astimezone(start.tzinfo),
        **(defaults | fields),  # type: ignore[arg-type]
    )


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as opened:
        yield opened


@pytest.mark.parametrize("batch", [None, "n-1", network("n-1")], ids=["None", "a string", "one entity"])
def test_put_many_refuses_what_is_not_a_list_of_entities_as_every_store_does(store: Store, batch: object) -> None:
    with pytest.raises(WrongType, match="put_many: expected a list of entities"):
        store.put_many(batch)  # type: ignore[arg-type]
    assert store.list(Network) == []


def test_round_trip_keeps_every_character_and_stamps_bookkeeping(store: Store) -> None:
    title = "Integrationskurs Äöü ß 🎉 mit \x00 und \u2028 Zeilen"
    stored = store.put(meeting("m-ä", "wak", datetime(2024, 10, 27, 1, 30, tzinfo=BERLIN), title=title), draft=True)
    assert stored.revision == 1
    assert stored.created == stored.modified
    assert stored.modified is not None
    assert stored.modified.tzinfo is not None
    loaded = store.get(Meeting, "m-ä")
    assert loaded == stored
    assert loaded.title == title
    assert loaded.start.tzinfo == BERLIN  # the zone name survives, not just the offset


def test_stale_revision_is_a_conflict_naming_the_entity(store: Store) -> None:
    first = store.put(course("c1", "wak"), draft=True)
    second = store.put(attrs.evolve(first, participants=5), draft=True)
    assert second.revision == 2
    assert second.created == first.created
    with pytest.raises(Conflict, match=r"course 'c1' was changed by someone else.*revision 2.*revision 1"):
        store.put(attrs.evolve(first, participants=7), draft=True)
    with pytest.raises(Conflict, match="revision 2"):
        store.put(course("c1", "wak"), draft=True)  # a "new" entity whose id is taken
    assert store.get(Course, "c1").participants == 5


def test_delete_leaves_a_tombstone_that_changed_since_reports(store: Store) -> None:
    before = datetime.now(UTC) - timedelta(seconds=1)
    kept = store.put(course("keep", "wak"), draft=True)
    gone = store.put(course("gone", "wak"), draft=True)
    with pytest.raises(Conflict):
        store.delete(Course, "gone", revision=7)
    store.delete(Course, "gone", revision=gone.revision)
    with pytest.raises(NotFound, match="gone"):
        store.get(Course, "gone")
    with pytest.raises(NotFound):
        store.delete(Course, "gone")
    with pytest.raises(Conflict, match="was deleted"):
        store.put(gone, draft=True)
    changes = store.changed_since(before)
    assert [(change.id, change.deleted, change.revision) for change in changes] == [
        ("keep", False, 1),
        ("gone", True, 2),
    ]
    assert changes[0].entity == kept
    assert changes[1].modified > gone.modified  # type: ignore[operator]
    assert store.changed_since(changes[1].modified) == []
    again = store.put(course("gone", "wak"), draft=True)  # an id may be used again after deletion
    assert again.revision == 3
    assert store.list(Course) == [again, kept]


def test_a_failed_transaction_writes_nothing(store: Store) -> None:
    kept = store.put(course("c1", "wak"), draft=True)

    def block() -> None:
        with store.transaction():
            store.put(course("c2", "wak"), draft=True)
            store.put(meeting("m1", "wak", datetime(2025, 1, 1, 10, tzinfo=UTC)), draft=True)
            store.put(attrs.evolve(kept, revision=0), draft=True)  # stale: the whole block is rolled back

    with pytest.raises(Conflict):
        block()
    assert store.list(Course) == [kept]
    assert store.list(Meeting) == []
    with pytest.raises(Conflict):
        store.put_many([course("c3", "wak"), attrs.evolve(kept, revision=9)], draft=True)
    assert [c.id for c in store.list(Course)] == ["c1"]


def test_a_conflict_caught_inside_a_transaction_leaves_the_rest_usable(store: Store) -> None:
    kept = store.put(course("c1", "wak"), draft=True)
    with store.transaction():
        store.put(course("c2", "wak"), draft=True)
        with pytest.raises(Conflict):
            store.put(attrs.evolve(kept, revision=0), draft=True)
        store.put(course("c3", "wak"), draft=True)
    assert [c.id for c in store.list(Course)] == ["c1", "c2", "c3"]


def test_ids_are_ordered_by_code_point_like_every_other_backend(store: Store) -> None:
    ids = ["b", "a", "Z", "ä", "é", "ß", "a-1", "a_1", "10", "9", "🎉"]
    store.put_many([course(course_id, "wak") for course_id in ids], draft=True)
    assert [c.id for c in store.list(Course)] == sorted(ids)


def test_networks_share_the_database_but_stay_apart(store: Store) -> None:
    store.put_many(
        [network("wak"), network("eisenach"), course("wak-1", "wak"), course("ea-1", "eisenach")], draft=True
    )
    since = datetime.now(UTC) - timedelta(minutes=1)
    assert [c.id for c in store.list(Course, network_id="wak")] == ["wak-1"]
    assert [c.id for c in store.list(Course, network_id="eisenach")] == ["ea-1"]
    assert [c.id for c in store.list(Network, network_id="wak")] == ["wak"]
    assert {c.id for c in store.changed_since(since, network_id="eisenach")} == {"eisenach", "ea-1"}
    assert [c.id for c in store.courses(network_id="wak")] == ["wak-1"]


def test_state_wide_queries_answer_across_networks(store: Store) -> None:
    monday = datetime(2025, 3, 3, tzinfo=BERLIN)
    store.put_many(
        [
            course("wak-1", "wak", "general", status=CourseStatus.RUNNING),
            course("ea-1", "eisenach", "general", provider_id="bfz"),
            course("ea-2", "eisenach", "youth"),
            Waitlist(
                id="wl-wak", network_id="wak", course_type="general", place="Bad Salzungen", as_of=date(2025, 3, 1)
            ),
            Waitlist(
                id="wl-ea",
                network_id="eisenach",
                course_type="alpha",
                place="Eisenach",
                as_of=date(2025, 3, 1),
                registrations=(Registration(registered_on=date(2025, 1, 2)),),
            ),
            meeting("before", "wak", monday - timedelta(hours=3)),  # ends an hour before the week
            meeting("overnight", "wak", monday - timedelta(hours=1)),  # runs into the week
            meeting("friday", "eisenach", monday + timedelta(days=4, hours=9)),
            meeting("next-monday", "eisenach", monday + timedelta(days=7)),  # starts as the week ends
        ],
        draft=True,
    )
    assert [c.id for c in store.courses(course_type="general")] == ["ea-1", "wak-1"]
    assert [c.id for c in store.courses(course_type="general", provider_id="bfz")] == ["ea-1"]
    assert [c.id for c in store.courses(status=CourseStatus.RUNNING)] == ["wak-1"]
    assert [w.id for w in store.list(Waitlist)] == ["wl-ea", "wl-wak"]
    week = store.meetings_between(monday, monday + timedelta(days=7))
    assert [m.id for m in week] == ["overnight", "friday"]
    assert [m.id for m in store.meetings_between(monday, monday + timedelta(days=7), network_id="eisenach")] == [
        "friday"
    ]


def test_meetings_of_a_group_and_of_a_person(store: Store) -> None:
    start = datetime(2025, 5, 5, 9, tzinfo=BERLIN)
    store.put_many(
        [
            meeting("a", "wak", start, group_id="ag-sprache", organizer_id="p1"),
            meeting("b", "wak", start + timedelta(days=1), invitations=(Invitation(actor_id="p2"),)),
            meeting("c", "wak", start + timedelta(days=2), group_id="ag-sprache", moderator_id="p2"),
        ],
        draft=True,
    )
    later = start + timedelta(days=30)
    assert [m.id for m in store.meetings_between(start, later, group_id="ag-sprache")] == ["a", "c"]
    assert [m.id for m in store.meetings_between(start, later, person_id="p2")] == ["b", "c"]
    assert [m.id for m in store.meetings_between(start, later, person_id="p2", group_id="ag-sprache")] == ["c"]


def test_memberships_of_an_actor_on_a_day(store: Store) -> None:
    store.put_many(
        [
            Membership(id="m1", network_id="wak", actor_id="p1", since=date(2020, 1, 1), until=date(2022, 12, 31)),
            Membership(id="m2", network_id="wak", actor_id="p1", since=date(2023, 1, 1), role=Role.COORDINATOR),
            Membership(id="m3", network_id="wak", actor_id="p2", since=date(2020, 1, 1)),
        ],
        draft=True,
    )
    assert [m.id for m in store.memberships_of("p1")] == ["m1", "m2"]
    assert [m.id for m in store.memberships_of("p1", on=date(2022, 12, 31))] == ["m1"]
    assert [m.id for m in store.memberships_of("p1", on=date(2023, 1, 1))] == ["m2"]


def test_closed_store_refuses_with_a_clear_error(store_url: str) -> None:
    opened = open_store(store_url)
    opened.close()
    with pytest.raises(StoreError, match="closed"):
        opened.list(Course)


def _meetings_overlap(meeting_: Meeting, start: datetime, end: datetime) -> bool:
    return meeting_.start < end and meeting_.end > start


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    starts=st.lists(st.integers(min_value=0, max_value=60 * 24 * 14), min_size=1, max_size=12),
    lengths=st.lists(st.integers(min_value=1, max_value=60 * 24 * 3), min_size=12, max_size=12),
    window=st.tuples(st.integers(min_value=-600, max_value=60 * 24 * 16), st.integers(min_value=-600, max_value=2000)),
)
def test_range_query_agrees_with_the_plain_overlap_rule(
    store_url: str, starts: list[int], lengths: list[int], window: tuple[int, int]
) -> None:
    origin = datetime(2025, 3, 23, 23, tzinfo=UTC)  # the DST switch falls inside the fortnight

    def at(minutes: float) -> datetime:  # real instants, shown in Berlin time (no wall-clock gaps)
        return (origin + timedelta(minutes=minutes)).astimezone(BERLIN)

    with open_store(store_url) as store:
        for old in store.list(Meeting):
            store.delete(Meeting, old.id)
        meetings = [meeting(f"m{i}", "wak", at(minute), hours=lengths[i] / 60) for i, minute in enumerate(starts)]
        store.put_many(meetings, draft=True)
        start, end = at(window[0]), at(window[0] + window[1])
        expected = sorted((m for m in meetings if _meetings_overlap(m, start, end)), key=lambda m: (m.start, m.id))
        assert [m.id for m in store.meetings_between(start, end)] == [m.id for m in expected]
