"""The store's questions: meetings in a window, courses, memberships, a person's data and its erasure.

Every backend answers alike, and refuses the wrong kind of argument alike.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import attrs
import pytest

from integrationsnetz.errors import WrongType
from integrationsnetz.model import (
    ENTITY_TYPES,
    AgendaItem,
    AgendaItemKind,
    AttendanceStatus,
    Course,
    CourseStatus,
    Invitation,
    Meeting,
    MeetingKind,
    Membership,
    Minutes,
    Person,
    Task,
    WorkingGroup,
)
from integrationsnetz.plugins import PluginHost
from integrationsnetz.store import Store
from integrationsnetz.testing.store_conformance._fixtures import SuiteFixtures
from integrationsnetz.testing.strategies import BERLIN

__all__ = ["QueryTests"]


class QueryTests(SuiteFixtures):
    """Queries by time, person, group, network, course type and day; a person's data found and erased."""

    # -- queries ---------------------------------------------------------------------------------

    def test_meeting_queries(self, store: Store) -> None:
        """Overlap with ``[start, end)``, group, person and network filters; ordered by start."""
        day = datetime(2024, 10, 27, 0, 30, tzinfo=BERLIN)  # the night summer time ends
        meetings = [
            Meeting(id="m1", network_id="n", kind=MeetingKind.WORKING_GROUP, title="AG Wohnen", group_id="ag-wohnen",
                    start=day, end=day + timedelta(hours=3), organizer_id="anna"),
            Meeting(id="m2", network_id="n", kind=MeetingKind.NETWORK, title="Netzwerktreffen",
                    start=day + timedelta(days=1), end=day + timedelta(days=1, hours=2),
                    invitations=(Invitation(actor_id="anna", status=AttendanceStatus.DECLINED),
                                 Invitation(actor_id="ben"))),
            Meeting(id="m0", network_id="m", kind=MeetingKind.OTHER, title="früher", start=day - timedelta(days=40),
                    end=day - timedelta(days=39), agenda=(AgendaItem(kind=AgendaItemKind.INPUT, title="Input",
                                                                     presenter_ids=("anna",)),)),
        ]  # fmt: skip
        store.put_many(meetings, draft=True)
        window = (day - timedelta(days=60), day + timedelta(days=5))
        assert [m.id for m in store.meetings_between(*window)] == ["m0", "m1", "m2"]
        assert [m.id for m in store.meetings_between(*window, person_id="anna")] == ["m0", "m1"]
        assert [m.id for m in store.meetings_between(*window, person_id="ben")] == ["m2"]
        assert [m.id for m in store.meetings_between(*window, group_id="ag-wohnen")] == ["m1"]
        assert [m.id for m in store.meetings_between(*window, network_id="m")] == ["m0"]
        # [start, end): touching is not overlapping
        assert store.meetings_between(day + timedelta(hours=3), day + timedelta(hours=4)) == []
        assert [m.id for m in store.meetings_between(day + timedelta(hours=2), day + timedelta(hours=4))] == ["m1"]
        store.delete(Meeting, "m1")
        assert [m.id for m in store.meetings_between(*window, person_id="anna")] == ["m0"]
        # an update that changes who comes moves the meeting from one person to the other
        store.put(attrs.evolve(store.get(Meeting, "m2"), invitations=(Invitation(actor_id="cem"),)), draft=True)
        assert store.meetings_between(*window, person_id="ben") == []
        assert [m.id for m in store.meetings_between(*window, person_id="cem")] == ["m2"]

    def test_course_and_membership_queries(self, store: Store) -> None:
        """Courses by type, provider and status; memberships of an actor, on a day."""
        store.put_many(
            [
                Course(id="k1", network_id="n", course_type="alpha", provider_id="vhs", units_total=1300,
                       units_per_week=20, seats=15, status=CourseStatus.RUNNING),
                Course(id="k2", network_id="n", course_type="allgemein", provider_id="vhs", units_total=700,
                       units_per_week=20, seats=20),
                Course(id="k3", network_id="o", course_type="alpha", provider_id="bw", units_total=1300,
                       units_per_week=20, seats=15, status=CourseStatus.RUNNING),
                Membership(id="ms1", network_id="n", actor_id="anna", since=date(2024, 3, 1),
                           until=date(2024, 12, 31)),
                Membership(id="ms2", network_id="n", actor_id="anna", group_id="ag", since=date(2025, 1, 1)),
                Membership(id="ms3", network_id="n", actor_id="ben", since=date(2024, 3, 1)),
            ],
            draft=True,
        )  # fmt: skip
        assert [c.id for c in store.courses()] == ["k1", "k2", "k3"]
        assert [c.id for c in store.courses(course_type="alpha")] == ["k1", "k3"]
        assert [c.id for c in store.courses(provider_id="vhs", status=CourseStatus.RUNNING)] == ["k1"]
        assert [c.id for c in store.courses(network_id="o")] == ["k3"]
        assert [m.id for m in store.memberships_of("anna")] == ["ms1", "ms2"]
        assert [m.id for m in store.memberships_of("anna", on=date(2024, 12, 31))] == ["ms1"]
        assert [m.id for m in store.memberships_of("anna", on=date(2025, 1, 1))] == ["ms2"]
        assert store.memberships_of("nobody") == []

    def test_query_arguments_of_the_wrong_kind_are_refused_alike(self, store: Store) -> None:
        """A date or a naive time names no instant: every backend refuses it with ``WrongType``, naming it."""
        day = datetime(2024, 10, 14, 9, 0, tzinfo=BERLIN)
        store.put(Meeting(id="m1", network_id="n", kind=MeetingKind.OTHER, title="Treffen", start=day,
                          end=day + timedelta(hours=2)), draft=True)  # fmt: skip
        for start, end, named in (
            (day.date(), day.date() + timedelta(days=1), "start"),
            (day.replace(tzinfo=None), day + timedelta(days=1), "start"),
            (day, (day + timedelta(days=1)).replace(tzinfo=None), "end"),
        ):
            with pytest.raises(WrongType, match=f"meetings_between: {named}: expected a timezone-aware date-time"):
                store.meetings_between(start, end)  # type: ignore[arg-type]
        with pytest.raises(WrongType, match="changed_since: since"):
            store.changed_since(datetime(2024, 1, 1))
        with pytest.raises(WrongType, match="memberships_of: on: expected a date"):
            store.memberships_of("anna", on=day)
        with pytest.raises(WrongType, match="courses: status"):
            store.courses(status="läuft")  # type: ignore[arg-type]
        assert store.courses(status="running") == store.courses(status=CourseStatus.RUNNING)  # type: ignore[arg-type]
        assert [m.id for m in store.meetings_between(day, day + timedelta(hours=1))] == ["m1"]

    # -- personal data ---------------------------------------------------------------------------

    def test_erase_person_leaves_no_trace(self, store: Store, plugin_host: PluginHost) -> None:
        """The person, their memberships and every reference go; the rest stays."""
        start = datetime(2024, 10, 14, 9, tzinfo=BERLIN)
        store.put_many(
            [
                Person(id="anna", network_id="n", function="Integrationsmanagerin", name="Anna Größer"),
                Person(id="ben", network_id="n", function="Lehrkraft"),
                Membership(id="ms-anna", network_id="n", actor_id="anna", since=date(2024, 3, 1)),
                Membership(id="ms-ben", network_id="n", actor_id="ben", since=date(2024, 3, 1)),
                Meeting(id="m", network_id="n", kind=MeetingKind.NETWORK, title="Treffen", start=start,
                        end=start + timedelta(hours=4), organizer_id="anna", moderator_id="anna",
                        invitations=(Invitation(actor_id="anna"), Invitation(actor_id="ben")),
                        agenda=(AgendaItem(kind=AgendaItemKind.INPUT, title="Zahlen", presenter_ids=("anna", "ben")),),
                        minutes=Minutes(text="…", recorded_by_id="anna")),
                WorkingGroup(id="ag", network_id="n", name="AG Wohnen", topic="Wohnen", founded=date(2024, 3, 1),
                             tasks=(Task(id="t", title="Umfrage", owner_id="anna"),)),
                Course(id="k", network_id="n", course_type="alpha", provider_id="vhs", units_total=1300,
                       units_per_week=20, seats=15, teacher_ids=("anna", "ben")),
            ],
            draft=True,
        )  # fmt: skip
        before = store.personal_data_of("anna")
        assert before.person is not None
        assert before.person.name == "Anna Größer"
        assert [m.id for m in before.memberships] == ["ms-anna"]
        assert {(m.entity_type, m.entity_id) for m in before.mentions} == {
            ("membership", "ms-anna"),
            ("meeting", "m"),
            ("working_group", "ag"),
            ("course", "k"),
        }
        assert store.erase_person("anna") == 5
        after = store.personal_data_of("anna")
        assert after.person is None
        assert after.memberships == ()
        assert after.mentions == ()
        codec = plugin_host.codec
        for cls in ENTITY_TYPES.values():
            for entity in store.list(cls):
                text = codec.dumps(entity).decode()
                assert '"anna"' not in text, text
                assert "Größer" not in text, text
        meeting = store.get(Meeting, "m")
        assert meeting.participant_ids() == ("ben",)
        assert store.get(Course, "k").teacher_ids == ("ben",)
        assert store.meetings_between(start, start + timedelta(days=1), person_id="anna") == []
        assert store.erase_person("anna") == 0
