r"""Planning arithmetic for integration courses: waits, courses and teachers. Pure functions.

The model is deliberately simple (a fluid queue with courses as batch servers) so a coordinator
can check every figure by hand. Per course type, with

====  =====================================================================
C     courses running in parallel now
U     UE per course (700 general, 1000 special courses)
h     UE per teaching week (full-time about 25)
a     share of calendar weeks with teaching (holidays, exams; about 0.8)
g     seats filled when a course starts (at most the maximum group size)
λ     new registrations per week
Q     people waiting now
T     UE a teacher full-time equivalent (FTE) teaches per week (29, BAMF 2025)
W*    target wait (six weeks: a course should start within six weeks of registration)
====  =====================================================================

the formulas are:

1. duration ``D = U / (h·a)`` weeks; throughput ``μ = C·g / D`` people per week (each seat
   turns over once per course);
2. wait of someone registering today (first come, first served): ``W = Q / μ``;
3. trend: the queue changes by ``λ − μ`` per week, so in ``t`` weeks the wait is
   ``max(0, Q + (λ − μ)·t) / μ``; if ``λ ≥ μ`` it grows without limit;
4. long-run wait once any backlog is gone (needs ``λ < μ``): groups of ``g`` queue for a free
   course like customers at a server with the fixed service time ``D/C``; taking the groups to
   arrive at random (Poisson: it allows for uneven inflow, families, assignments in batches,
   seasonal peaks), Pollaczek–Khinchine gives ``W∞ = ρ·(D/C) / (2·(1 − ρ))`` with ``ρ = λ/μ``;
   infinite when ``λ ≥ μ``, zero without inflow;
5. courses for a target: the least ``C`` with ``W∞ ≤ W*``, i.e. ``λ·D² ≤ 2·W*·C·(C·g − λ·D)``:
   ``C* = ⌈ λ·D/(2g) · (1 + √(1 + 2g/(λ·W*))) ⌉``. Separately, a course only starts once ``g``
   people registered: at a small inflow gathering a group takes ``(g − 1)/(2λ)`` weeks on average,
   which more courses cannot shorten (the minimum-size problem of small course types: pool them,
   start smaller groups, or share places with the neighbouring district);
6. clearing a backlog by a date ``t`` weeks away, on top of ``C' = max(C, C*)`` courses: the queue
   left then is ``L = max(0, Q + (λ − μ')·t)``; the target allows ``μ'·W*`` waiting; every extra
   one-off course takes ``g`` people at its start, so ``B = ⌈(L − μ'·W*) / g⌉`` extra starts, and one
   extra course slot can start ``⌊t/D⌋ + 1`` of them by the date: ``P = ⌈B / (⌊t/D⌋ + 1)⌉`` extra
   courses running in parallel (each for ``D`` weeks);
7. teachers: ``FTE = C·h / T``; the most courses ``L`` FTE can carry: ``⌊L·T / h⌋``.

Uncertain inputs (``g``, ``λ``, ``a``) are :class:`Range` values; :func:`plan` evaluates every
combination of their low, central and high values and reports the lowest and highest result
beside the central one. Dropouts, later entries into running courses, repetitions, part-time
courses and minimum course sizes are left out: every figure is an average, not a promise.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from typing import Any

import attrs

from integrationsnetz.errors import InvalidData, WrongType

INFINITE = math.inf


def _a_number(_instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise WrongType([f"{attribute.name}: expected a number, got {value!r}"])
    if math.isnan(value):
        raise InvalidData([f"{attribute.name}: expected a number, got NaN"])


def _non_negative_range(_instance: object, attribute: attrs.Attribute[Range], value: Range) -> None:
    if not isinstance(value, Range):
        raise WrongType([f"{attribute.name}: expected a Range, got {value!r}"])
    if value.low < 0:
        raise InvalidData([f"{attribute.name}: expected values >= 0, got {value.low}"])


def _non_negative(_instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise WrongType([f"{attribute.name}: expected a number, got {value!r}"])
    if not value >= 0:
        raise InvalidData([f"{attribute.name}: expected a number >= 0, got {value}"])


def _positive(_instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    _non_negative(_instance, attribute, value)
    if value == 0:
        raise InvalidData([f"{attribute.name}: expected a number > 0, got {value}"])


@attrs.frozen
class Range:
    """An uncertain figure: a low, a central and a high value (``low <= central <= high``).

    Inputs nobody knows exactly (how many register per week, how many seats fill) are given as
    ranges so the results carry their uncertainty instead of a false precision. ``math.inf``
    stands for "grows without limit" or "not reachable"; a change per week may be negative.
    """

    low: float = attrs.field(validator=_a_number)
    central: float = attrs.field(validator=_a_number)
    high: float = attrs.field(validator=_a_number)

    def __attrs_post_init__(self) -> None:
        if not self.low <= self.central <= self.high:
            raise InvalidData([f"expected low <= central <= high, got {self.low}, {self.central}, {self.high}"])

    @classmethod
    def exact(cls, value: float) -> Range:
        """A figure known exactly."""
        return cls(value, value, value)

    @classmethod
    def around(cls, central: float, spread: float) -> Range:
        """``central`` give or take the share ``spread`` (0.1 = ±10 %), never below zero."""
        return cls(max(0.0, central * (1 - spread)), central, central * (1 + spread))

    def values(self) -> tuple[float, ...]:
        """The distinct values to try: low, central, high."""
        return tuple(dict.fromkeys((self.low, self.central, self.high)))

    def __add__(self, other: Range) -> Range:
        return Range(self.low + other.low, self.central + other.central, self.high + other.high)


# -- the formulas -------------------------------------------------------------------------------


def course_weeks(units: float, units_per_week: float, teaching_share: float) -> float:
    """Calendar weeks a course runs: ``D = U / (h·a)``."""
    if units_per_week <= 0 or teaching_share <= 0:
        return INFINITE
    return units / (units_per_week * teaching_share)


def throughput(courses: float, group_size: float, weeks: float) -> float:
    """People placed per week by ``courses`` parallel courses: ``μ = C·g / D``."""
    if courses <= 0 or group_size <= 0 or math.isinf(weeks):
        return 0.0
    return courses * group_size / weeks


def wait_now(queue: float, placed_per_week: float) -> float:
    """Weeks until someone registering today gets a place: ``W = Q / μ`` (0 for an empty queue)."""
    if queue <= 0:
        return 0.0
    if placed_per_week <= 0:
        return INFINITE
    return queue / placed_per_week


def wait_after(weeks_ahead: float, queue: float, inflow: float, placed_per_week: float) -> float:
    """The wait ``t`` weeks from now if nothing changes: ``max(0, Q + (λ − μ)·t) / μ``."""
    return wait_now(max(0.0, queue + (inflow - placed_per_week) * weeks_ahead), placed_per_week)


def gathering_wait(group_size: float, inflow: float) -> float:
    """Average weeks until enough people registered to fill a course: ``(g − 1) / (2λ)``."""
    if group_size <= 1:
        return 0.0
    if inflow <= 0:
        return INFINITE
    return (group_size - 1) / (2 * inflow)


def long_run_wait(courses: float, group_size: float, inflow: float, weeks: float) -> float:
    """The wait once the backlog is gone: groups queueing for a free course (formula 4).

    ``W∞ = ρ·D / (2·C·(1 − ρ))`` with ``ρ = λ/μ``; infinite when ``λ ≥ μ`` (the queue grows for
    ever); 0 without inflow (nobody comes, nobody waits).
    """
    if inflow <= 0:
        return 0.0
    mu = throughput(courses, group_size, weeks)
    if mu <= inflow:
        return INFINITE
    rho = inflow / mu
    return rho * weeks / (2 * courses * (1 - rho))


def courses_for_target(group_size: float, inflow: float, weeks: float, target_weeks: float) -> float:
    """The fewest parallel courses whose long-run wait is at most ``target_weeks``.

    ``math.inf`` when no number of courses gets there (a target of zero weeks with inflow).
    Closed form (formula 5 in the module docstring), checked against :func:`long_run_wait`.
    """
    if inflow <= 0:
        return 0
    if math.isinf(weeks) or group_size <= 0 or target_weeks <= 0:
        return INFINITE
    half_load = inflow * weeks / (2 * group_size)  # a = λD/(2g); C* = a·(1 + √(1 + 2g/(λW*))) = a + √(a² + a·D/W*)
    estimate = half_load + math.sqrt(half_load * half_load + half_load * weeks / target_weeks)
    count = max(1, math.ceil(estimate - 1e-9))
    while long_run_wait(count, group_size, inflow, weeks) > target_weeks:
        count += 1
    while count > 1 and long_run_wait(count - 1, group_size, inflow, weeks) <= target_weeks:
        count -= 1
    return count


def stable_courses(group_size: float, inflow: float, weeks: float) -> float:
    """The fewest courses that place more people per week than register (``C·g/D > λ``)."""
    if inflow <= 0:
        return 0
    if math.isinf(weeks) or group_size <= 0:
        return INFINITE
    return math.floor(inflow * weeks / group_size) + 1


def backlog_courses(
    queue: float,
    inflow: float,
    courses: float,
    group_size: float,
    weeks: float,
    *,
    target_weeks: float,
    weeks_left: float,
) -> tuple[float, float]:
    """Extra one-off course starts ``B`` and extra parallel courses ``P`` that bring the wait to
    ``target_weeks`` within ``weeks_left`` weeks, on top of ``courses`` (formula 6)."""
    if math.isinf(weeks) or group_size <= 0:
        return (INFINITE, INFINITE) if queue > 0 else (0, 0)
    mu = throughput(courses, group_size, weeks)
    left = max(0.0, queue + (inflow - mu) * weeks_left)
    excess = left - mu * target_weeks
    if excess <= 0:
        return 0, 0
    starts = math.ceil(excess / group_size - 1e-9)
    per_slot = math.floor(weeks_left / weeks) + 1
    return starts, math.ceil(starts / per_slot)


def teacher_fte(courses: float, units_per_week: float, teacher_units_per_week: float) -> float:
    """Teacher full-time equivalents that ``courses`` parallel courses bind: ``C·h / T``."""
    if math.isinf(courses):
        return INFINITE
    return courses * units_per_week / teacher_units_per_week


def courses_carried(fte: float, units_per_week: float, teacher_units_per_week: float) -> int:
    """How many parallel courses ``fte`` teachers can carry: ``⌊L·T / h⌋``."""
    if units_per_week <= 0:
        return 0
    return math.floor(fte * teacher_units_per_week / units_per_week + 1e-9)


# -- one course type, with ranges -----------------------------------------------------------------


@attrs.frozen(kw_only=True)
class TypeInputs:
    """What the arithmetic needs for one course type (symbols as in the module docstring)."""

    course_type: str
    courses: int = attrs.field(validator=_non_negative)
    units_per_course: float = attrs.field(validator=_positive)
    units_per_week: float = attrs.field(validator=_non_negative)
    group_size: Range = attrs.field(validator=_non_negative_range)
    inflow_per_week: Range = attrs.field(validator=_non_negative_range)
    queue: int = attrs.field(validator=_non_negative)
    teaching_share: Range = attrs.field(default=Range(0.75, 0.8, 0.85), validator=_non_negative_range)


@attrs.frozen(kw_only=True)
class TypePlan:
    """The results for one course type; every uncertain figure is a :class:`Range`.

    ``extra_*`` are on top of what runs now; ``clearing_*`` are on top of the long-run level and
    are needed only until the backlog is cleared (``None`` when no date was asked for).
    """

    inputs: TypeInputs
    weeks_per_course: Range
    placed_per_week: Range
    queue_change_per_week: Range
    wait_now: Range
    wait_in_half_a_year: Range
    gathering_wait: Range
    long_run_wait: Range
    courses_for_target: Range
    extra_courses: Range
    teachers_now: float
    teachers_for_target: Range
    extra_teachers: Range
    clearing_starts: Range | None
    clearing_courses: Range | None
    clearing_teachers: Range | None

    @property
    def growing(self) -> bool:
        """Whether the queue grows even in the central case (more register than are placed)."""
        return self.queue_change_per_week.central > 0


def _spread(inputs: TypeInputs, formula: Callable[[float, float, float], float]) -> Range:
    """``formula(g, λ, a)`` at every combination of low/central/high inputs: lowest, central, highest."""
    results = [
        formula(g, inflow, share)
        for g, inflow, share in itertools.product(
            inputs.group_size.values(), inputs.inflow_per_week.values(), inputs.teaching_share.values()
        )
    ]
    central = formula(inputs.group_size.central, inputs.inflow_per_week.central, inputs.teaching_share.central)
    return Range(min(results), central, max(results))


def plan(
    inputs: TypeInputs,
    *,
    target_weeks: float = 6,
    teacher_units_per_week: float = 29,
    weeks_left: float | None = None,
) -> TypePlan:
    """Run every formula for one course type; ``weeks_left`` asks what clears the backlog by then."""
    if not isinstance(inputs, TypeInputs):
        raise WrongType([f"plan: inputs: expected TypeInputs, got {type(inputs).__name__}"])
    courses = inputs.courses
    queue = inputs.queue
    h = inputs.units_per_week

    def weeks(share: float) -> float:
        return course_weeks(inputs.units_per_course, h, share)

    def mu(g: float, share: float) -> float:
        return throughput(courses, g, weeks(share))

    def needed(g: float, inflow: float, share: float) -> float:
        return max(courses, courses_for_target(g, inflow, weeks(share), target_weeks))

    def base(g: float, inflow: float, share: float) -> float:
        """The long-run level, or just enough to stop the growth when the target is out of reach."""
        level = needed(g, inflow, share)
        if math.isinf(level):
            level = max(courses, stable_courses(g, inflow, weeks(share)))
        return level

    teachers_now = teacher_fte(courses, h, teacher_units_per_week)
    clearing_starts = clearing_courses = clearing_teachers = None
    if weeks_left is not None:
        left = max(0.0, weeks_left)

        def clearing(g: float, inflow: float, share: float) -> tuple[float, float]:
            return backlog_courses(
                queue, inflow, base(g, inflow, share), g, weeks(share), target_weeks=target_weeks, weeks_left=left
            )

        clearing_starts = _spread(inputs, lambda g, i, s: clearing(g, i, s)[0])
        clearing_courses = _spread(inputs, lambda g, i, s: clearing(g, i, s)[1])
        clearing_teachers = _spread(
            inputs, lambda g, i, s: teacher_fte(clearing(g, i, s)[1], h, teacher_units_per_week)
        )
    return TypePlan(
        inputs=inputs,
        weeks_per_course=_spread(inputs, lambda g, i, s: weeks(s)),
        placed_per_week=_spread(inputs, lambda g, i, s: mu(g, s)),
        queue_change_per_week=_spread(inputs, lambda g, i, s: i - mu(g, s)),
        wait_now=_spread(inputs, lambda g, i, s: wait_now(queue, mu(g, s))),
        wait_in_half_a_year=_spread(inputs, lambda g, i, s: wait_after(26, queue, i, mu(g, s))),
        gathering_wait=_spread(inputs, lambda g, i, s: gathering_wait(g, i) if i > 0 else 0.0),
        long_run_wait=_spread(inputs, lambda g, i, s: long_run_wait(courses, g, i, weeks(s))),
        courses_for_target=_spread(inputs, needed),
        extra_courses=_spread(inputs, lambda g, i, s: needed(g, i, s) - courses),
        teachers_now=teachers_now,
        teachers_for_target=_spread(inputs, lambda g, i, s: teacher_fte(needed(g, i, s), h, teacher_units_per_week)),
        extra_teachers=_spread(
            inputs, lambda g, i, s: teacher_fte(needed(g, i, s), h, teacher_units_per_week) - teachers_now
        ),
        clearing_starts=clearing_starts,
        clearing_courses=clearing_courses,
        clearing_teachers=clearing_teachers,
    )
