"""The planning arithmetic: the worked example by hand, and its invariants as properties."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from integrationsnetz.courses.planning import (
    Range,
    TypeInputs,
    backlog_courses,
    course_weeks,
    courses_carried,
    courses_for_target,
    gathering_wait,
    long_run_wait,
    plan,
    stable_courses,
    teacher_fte,
    throughput,
    wait_after,
    wait_now,
)

PROPERTIES = settings(max_examples=120, deadline=None)

courses_st = st.integers(0, 60)
groups = st.floats(4, 25)
inflows = st.floats(0, 20)
queues = st.integers(0, 600)
weeks_st = st.floats(10, 80)
targets = st.floats(1, 30)


def test_worked_example_by_hand() -> None:
    """The research notes' table (courses.md § 5) for the general course: 12 courses, 18 seats, 160 waiting."""
    weeks = course_weeks(700, 25, 0.8)
    assert weeks == pytest.approx(35)
    placed = throughput(12, 18, weeks)
    assert placed == pytest.approx(6.17, abs=0.01)
    assert wait_now(160, placed) == pytest.approx(25.9, abs=0.05)
    assert wait_after(10, 160, 6.5, placed) == pytest.approx((160 + (6.5 - placed) * 10) / placed)
    assert long_run_wait(12, 18, 6.5, weeks) == math.inf  # 6.5 register, 6.17 are placed: it grows
    assert teacher_fte(17, 25, 29) == pytest.approx(14.66, abs=0.01)  # "today 17 courses ≈ 14.7 FTE"
    # Formula 4 at 16 courses: ρ = 6.5/8.23, W = ρ·35/(2·16·(1−ρ)) ≈ 4.1 weeks.
    assert long_run_wait(16, 18, 6.5, weeks) == pytest.approx(4.11, abs=0.01)
    assert courses_for_target(18, 6.5, weeks, 6) == 16
    assert long_run_wait(15, 18, 6.5, weeks) > 6


def test_edge_values() -> None:
    """No courses, no inflow, no units per week: defined answers, not exceptions."""
    assert wait_now(0, 0) == 0
    assert wait_now(5, 0) == math.inf
    assert course_weeks(700, 0, 0.8) == math.inf
    assert throughput(3, 18, math.inf) == 0
    assert courses_for_target(18, 0, 35, 6) == 0
    assert courses_for_target(18, 2, 35, 0) == math.inf
    assert stable_courses(18, 6.5, 35) == 13
    assert gathering_wait(15, 0.3) == pytest.approx(23.3, abs=0.1)
    assert gathering_wait(15, 0) == math.inf
    assert backlog_courses(0, 0, 0, 18, 35, target_weeks=6, weeks_left=10) == (0, 0)
    assert backlog_courses(36, 0, 0, 18, 35, target_weeks=6, weeks_left=0) == (2, 2)
    assert backlog_courses(5, 0, 0, 18, math.inf, target_weeks=6, weeks_left=0) == (math.inf, math.inf)
    assert courses_carried(14.7, 25, 29) == 17
    with pytest.raises(ValueError, match="low <= central <= high"):
        Range(2, 1, 3)
    with pytest.raises(ValueError, match="queue"):
        TypeInputs(course_type="general", courses=1, units_per_course=700, units_per_week=25,
                   group_size=Range.exact(18), inflow_per_week=Range.exact(1), queue=-1)  # fmt: skip


@PROPERTIES
@given(courses=courses_st, more=st.integers(1, 20), group=groups, inflow=inflows, queue=queues, weeks=weeks_st)
def test_more_courses_never_lengthen_the_wait(
    *,
    courses: int,
    more: int,
    group: float,
    inflow: float,
    queue: int,
    weeks: float,
) -> None:
    """Today's wait, the wait in half a year and the long-run wait never grow with more courses."""
    before, after = throughput(courses, group, weeks), throughput(courses + more, group, weeks)
    assert wait_now(queue, after) <= wait_now(queue, before)
    assert wait_after(26, queue, inflow, after) <= wait_after(26, queue, inflow, before)
    assert long_run_wait(courses + more, group, inflow, weeks) <= long_run_wait(courses, group, inflow, weeks)


@PROPERTIES
@given(fte=st.floats(0, 60), more=st.floats(0.5, 20), per_week=st.integers(10, 30), group=groups,
       inflow=inflows, queue=queues, weeks=weeks_st)  # fmt: skip
def test_more_teachers_never_lengthen_the_wait(
    *,
    fte: float,
    more: float,
    per_week: int,
    group: float,
    inflow: float,
    queue: int,
    weeks: float,
) -> None:
    """Teachers carry courses (⌊L·T/h⌋); more of them carry at least as many, so the wait cannot grow."""
    carried, carried_more = courses_carried(fte, per_week, 29), courses_carried(fte + more, per_week, 29)
    assert carried_more >= carried
    assert teacher_fte(carried, per_week, 29) <= fte + 1e-9  # what they carry, they can teach
    assert wait_now(queue, throughput(carried_more, group, weeks)) <= wait_now(queue, throughput(carried, group, weeks))
    assert long_run_wait(carried_more, group, inflow, weeks) <= long_run_wait(carried, group, inflow, weeks)


@PROPERTIES
@given(courses=courses_st, group=groups, weeks=weeks_st, target=targets)
def test_no_inflow_and_no_queue_give_no_wait(courses: int, group: float, weeks: float, target: float) -> None:
    """Nobody waiting and nobody coming: no wait now, later or in the long run, and nothing to add."""
    inputs = TypeInputs(course_type="general", courses=courses, units_per_course=weeks * 20, units_per_week=25,
                        group_size=Range.exact(group), inflow_per_week=Range.exact(0), queue=0)  # fmt: skip
    result = plan(inputs, target_weeks=target, weeks_left=10)
    for span in (result.wait_now, result.wait_in_half_a_year, result.long_run_wait, result.extra_courses,
                 result.extra_teachers, result.clearing_courses):  # fmt: skip
        assert span is not None
        assert (span.low, span.central, span.high) == (0, 0, 0)


@PROPERTIES
@given(group=groups, inflow=st.floats(0.05, 20), weeks=weeks_st, target=targets)
def test_courses_for_target_is_the_least_that_suffices(
    group: float, inflow: float, weeks: float, target: float
) -> None:
    """C* reaches the target in the long run and C* − 1 does not."""
    needed = courses_for_target(group, inflow, weeks, target)
    assert needed >= stable_courses(group, inflow, weeks)
    assert long_run_wait(needed, group, inflow, weeks) <= target
    assert long_run_wait(needed - 1, group, inflow, weeks) > target


@PROPERTIES
@given(group=groups, inflow=inflows, weeks=weeks_st, target=targets, longer=st.floats(0, 30), extra=st.floats(0, 5))
def test_courses_for_target_is_monotone(
    *,
    group: float,
    inflow: float,
    weeks: float,
    target: float,
    longer: float,
    extra: float,
) -> None:
    """A laxer target never needs more courses; more inflow or longer courses never need fewer."""
    needed = courses_for_target(group, inflow, weeks, target)
    assert courses_for_target(group, inflow, weeks, target + longer) <= needed
    assert courses_for_target(group, inflow + extra, weeks, target) >= needed
    assert courses_for_target(group, inflow, weeks + longer, target) >= needed


@PROPERTIES
@given(queue=queues, inflow=inflows, courses=courses_st, group=groups, weeks=weeks_st, target=targets,
       left=st.floats(0, 150), later=st.floats(0, 100))  # fmt: skip
def test_clearing_a_backlog_later_never_takes_more(
    *,
    queue: int,
    inflow: float,
    courses: int,
    group: float,
    weeks: float,
    target: float,
    left: float,
    later: float,
) -> None:
    """With the long-run level in place, more time to clear the backlog never needs more extra courses."""
    base = max(courses, courses_for_target(group, inflow, weeks, target))
    soon = backlog_courses(queue, inflow, base, group, weeks, target_weeks=target, weeks_left=left)
    late = backlog_courses(queue, inflow, base, group, weeks, target_weeks=target, weeks_left=left + later)
    assert late[0] <= soon[0]
    assert late[1] <= soon[1]
    assert soon[1] <= soon[0]  # parallel courses never exceed the starts they make room for
    # After the extra starts, what is left waits no longer than the target.
    placed = throughput(base, group, weeks)
    remaining = max(0.0, queue + (inflow - placed) * left) - soon[0] * group
    assert wait_now(max(0.0, remaining), placed) <= target + 1e-6


@PROPERTIES
@given(courses=courses_st, units=st.sampled_from([430, 500, 700, 1000]), per_week=st.integers(8, 30),
       spread=st.floats(0, 0.5), inflow=st.floats(0, 15), queue=queues)  # fmt: skip
def test_ranges_hold_the_central_figure(
    *,
    courses: int,
    units: int,
    per_week: int,
    spread: float,
    inflow: float,
    queue: int,
) -> None:
    """Every figure of a plan is a range around its central value, teachers follow courses."""
    inputs = TypeInputs(course_type="general", courses=courses, units_per_course=units, units_per_week=per_week,
                        group_size=Range.around(16, spread), inflow_per_week=Range.around(inflow, spread),
                        queue=queue)  # fmt: skip
    result = plan(inputs, weeks_left=20)
    assert result.extra_courses.low >= 0
    assert result.teachers_now == pytest.approx(courses * per_week / 29)
    if not math.isinf(result.courses_for_target.central):
        assert result.teachers_for_target.central == pytest.approx(result.courses_for_target.central * per_week / 29)
