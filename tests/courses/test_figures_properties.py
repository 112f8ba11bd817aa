"""Properties of the figures read from network data: more courses help, nothing waiting means no wait."""

from __future__ import annotations

from datetime import date, timedelta

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from integrationsnetz import Course, CourseStatus, NetworkData, Registration, Waitlist
from integrationsnetz.courses import course_figures
from integrationsnetz.model.networks import Network, Region, State

AS_OF = date(2024, 10, 14)
NETWORK = Network(id="wak", name="Netzwerk", region=Region(name="Wartburgkreis", state=State.TH, ags="16063"))


def course(number: int, participants: int, started_weeks_ago: int) -> Course:
    start = AS_OF - timedelta(weeks=started_weeks_ago)
    return Course(id=f"c{number}", network_id="wak", course_type="general", provider_id="vhs", start=start,
                  end=start + timedelta(weeks=40), units_total=700, units_per_week=25, seats=25,
                  participants=participants, status=CourseStatus.RUNNING)  # fmt: skip


@st.composite
def districts(draw: st.DrawFn) -> NetworkData:
    """A district with some general courses and a waiting list registered over the last year."""
    courses = tuple(
        course(number, draw(st.integers(1, 25)), draw(st.integers(0, 39))) for number in range(draw(st.integers(0, 8)))
    )
    days = draw(st.lists(st.integers(0, 365), max_size=80))
    registrations = tuple(Registration(registered_on=AS_OF - timedelta(days=day)) for day in days)
    waitlist = Waitlist(id="wl", network_id="wak", course_type="general", place="Eisenach", as_of=AS_OF,
                        registrations=registrations)  # fmt: skip
    return NetworkData(network=NETWORK, courses=courses, waitlists=(waitlist,))


@settings(max_examples=60, deadline=None)
@given(data=districts(), participants=st.integers(1, 25))
def test_another_course_never_lengthens_the_wait(data: NetworkData, participants: int) -> None:
    """Adding a running course of the same kind never makes today's or the long-run wait longer."""
    before = course_figures(data, as_of=AS_OF).types[0].plan
    more = attrs.evolve(data, courses=(*data.courses, course(99, participants, 1)))
    after = course_figures(more, as_of=AS_OF).types[0].plan
    assert after.wait_now.central <= before.wait_now.central
    assert after.long_run_wait.central <= before.long_run_wait.central
    assert after.placed_per_week.central >= before.placed_per_week.central


@settings(max_examples=30, deadline=None)
@given(data=districts())
def test_an_empty_list_and_no_inflow_mean_no_wait(data: NetworkData) -> None:
    """With nobody on the list and no inflow, the report shows no wait and asks for nothing more."""
    empty = attrs.evolve(data, waitlists=(attrs.evolve(data.waitlists[0], registrations=()),))
    figures = course_figures(empty, as_of=AS_OF, inflow={"general": 0.0}, clear_by=AS_OF + timedelta(weeks=10))
    plan = figures.types[0].plan
    assert plan.wait_now.high == 0
    assert plan.long_run_wait.high == 0
    assert plan.extra_courses.high == 0
    assert figures.teachers.extra_for_target.high == 0
    assert figures.teachers.clearing is not None
    assert figures.teachers.clearing.high == 0
