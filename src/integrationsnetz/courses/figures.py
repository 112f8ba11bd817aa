"""The course figures of a network on a date: what runs, who waits, and what it would take.

:func:`course_figures` reads a :class:`~integrationsnetz.model.NetworkData` (courses, waiting
lists, provider capacities) and hands the per-type inputs to :mod:`integrationsnetz.courses.planning`.
It is pure: the report module renders the result, nothing here writes files.

How the inputs are read from the data (each can be overridden):

* running courses: not cancelled, started on or before the date and not yet ended;
* ``g``: participants of the running courses (seats where none are recorded): lowest, mean, highest;
* ``U`` and ``h``: the mean of the running courses, or the type's units and 25 UE a week;
* ``Q``: the registrations on the latest waiting list (per type, place and provider) up to the date;
* ``λ``: registrations dated within the last ``inflow_window_weeks`` weeks, per week, with a
  Poisson range (``n ± 2√n``); zero for a type closed to new courses (nothing new is planned for
  it). Those already placed are no longer on a list, so when waits are short this undercounts:
  pass ``inflow=`` with the BAMF or Ausländerbehörde figures then.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta

import attrs

from integrationsnetz.courses.catalogue import CourseCatalogue, official_catalogue
from integrationsnetz.courses.planning import Range, TypeInputs, TypePlan, courses_carried, plan
from integrationsnetz.errors import InvalidData, WrongType
from integrationsnetz.model.courses import Course, CourseStatus, ProviderCapacity, Waitlist
from integrationsnetz.model.network_data import NetworkData

#: UE per week assumed for a type without running courses (full-time: about 25).
DEFAULT_UNITS_PER_WEEK = 25.0
#: Teaching weeks per calendar week (holidays, exams) when nobody says otherwise.
DEFAULT_TEACHING_SHARE = Range(0.75, 0.8, 0.85)
#: Seats filled at start for a type without running courses and without a maximum group size.
DEFAULT_GROUP_SIZE = 15.0
#: The largest count or rate the figures take: far above any district, far below where the
#: arithmetic of floats stops being finite (1e308 teachers would make every result infinite).
LARGEST_INPUT = 1_000_000_000


@attrs.frozen(kw_only=True)
class Note:
    """Something the report must point out about a course type, rendered in the report's language.

    ``kind`` is ``"unknown_type"`` (not in the catalogue), ``"abolished"`` (people wait for a type
    that may not start any more; ``detail`` is the date) or ``"no_courses"`` (people wait, no course runs).
    """

    kind: str
    course_type: str
    detail: str = ""


@attrs.frozen(kw_only=True)
class ObservedWait:
    """How long the people on the lists have waited so far: real data, not a model."""

    waiting: int
    median_days: float | None
    longest_days: int | None
    over_start_rule: int
    reported_wait_days: tuple[int, ...] = ()


@attrs.frozen(kw_only=True)
class PlaceFigures:
    """One waiting list: who waits for which course type where, and for how long already."""

    course_type: str
    place: str
    provider_id: str | None
    as_of: date
    observed: ObservedWait


@attrs.frozen(kw_only=True)
class TypeFigures:
    """One course type: what runs now, the seats, who waits, and the plan."""

    code: str
    name_de: str
    name_en: str
    running: int
    planned: int
    seats: int
    participants: int
    observed: ObservedWait
    plan: TypePlan
    open_for_new_courses: bool
    needs_alpha_approval: bool
    inflow_given: bool = False

    @property
    def occupancy(self) -> float | None:
        """Participants per seat in the running courses (``None`` without seats)."""
        return self.participants / self.seats if self.seats else None


@attrs.frozen(kw_only=True)
class ProviderFigures:
    """One provider (Kursträger): running courses by type, seats, and the teachers it has."""

    provider_id: str
    name: str
    running_by_type: Mapping[str, int]
    planned: int
    seats: int
    participants: int
    teachers_fte: float | None
    alpha_teachers_fte: float | None
    rooms: int | None
    teachers_bound: float

    @property
    def running(self) -> int:
        """All running courses of this provider."""
        return sum(self.running_by_type.values())

    @property
    def occupancy(self) -> float | None:
        """Participants per seat in its running courses."""
        return self.participants / self.seats if self.seats else None


@attrs.frozen(kw_only=True)
class TeacherFigures:
    """Teachers in full-time equivalents: bound now, needed for the target, and available."""

    now: float
    for_target: Range
    extra_for_target: Range
    clearing: Range | None
    available: float | None
    alpha_available: float | None
    alpha_for_target: Range
    courses_carried: int | None


@attrs.frozen(kw_only=True)
class CourseFigures:
    """Everything the figures report shows, computed for one date."""

    network_name: str
    as_of: date
    catalogue_source: str
    target_weeks: float
    teacher_units_per_week: int
    clear_by: date | None
    types: tuple[TypeFigures, ...]
    providers: tuple[ProviderFigures, ...]
    teachers: TeacherFigures
    inflow_window_weeks: int
    notes: tuple[Note, ...] = ()
    places: tuple[PlaceFigures, ...] = ()

    @property
    def running(self) -> int:
        """All running courses."""
        return sum(kind.running for kind in self.types)

    @property
    def waiting(self) -> int:
        """Everyone on a waiting list."""
        return sum(kind.plan.inputs.queue for kind in self.types)

    @property
    def mean_wait_now(self) -> Range:
        """The wait of someone registering today, averaged over the waiting people of all types."""
        weighted = [kind for kind in self.types if kind.plan.inputs.queue]
        total = sum(kind.plan.inputs.queue for kind in weighted)
        if not total:
            return Range.exact(0)

        def mean(part: str) -> float:
            return sum(float(getattr(kind.plan.wait_now, part)) * kind.plan.inputs.queue for kind in weighted) / total

        return Range(mean("low"), mean("central"), mean("high"))


def is_running(course: Course, on: date) -> bool:
    """Whether ``course`` runs on ``on`` (dates first; the status where dates are missing)."""
    if course.status is CourseStatus.CANCELLED:
        return False
    if course.start is None:
        return course.status is CourseStatus.RUNNING
    if course.start > on:
        return False
    if course.end is not None:
        return on <= course.end
    return course.status is not CourseStatus.COMPLETED


def is_planned(course: Course, on: date) -> bool:
    """Whether ``course`` is yet to start after ``on``."""
    if course.status is CourseStatus.CANCELLED:
        return False
    if course.start is None:
        return course.status is CourseStatus.PLANNED
    return course.start > on


def latest_waitlists(waitlists: Iterable[Waitlist], on: date) -> list[Waitlist]:
    """The newest list per course type, place and provider dated on or before ``on``."""
    newest: dict[tuple[str, str, str | None], Waitlist] = {}
    for waitlist in waitlists:
        if waitlist.as_of > on:
            continue
        key = (waitlist.course_type, waitlist.place, waitlist.provider_id)
        if key not in newest or newest[key].as_of < waitlist.as_of:
            newest[key] = waitlist
    return sorted(newest.values(), key=lambda w: (w.course_type, w.place, w.provider_id or "", w.id))


def latest_capacities(capacities: Iterable[ProviderCapacity], on: date) -> dict[str, ProviderCapacity]:
    """The newest capacity record per provider dated on or before ``on``."""
    newest: dict[str, ProviderCapacity] = {}
    for capacity in capacities:
        if capacity.as_of <= on and (
            capacity.provider_id not in newest or newest[capacity.provider_id].as_of < capacity.as_of
        ):
            newest[capacity.provider_id] = capacity
    return newest


def inflow_from_registrations(dates: Iterable[date], on: date, window_weeks: int) -> Range:
    """Registrations per week within the window before ``on``, with a Poisson range ``n ± 2√n``.

    With no registration in the window the high end is 3 per window (the usual 95 % bound for a
    count of zero).
    """
    start = on - timedelta(weeks=window_weeks)
    count = sum(1 for day in dates if start < day <= on)
    spread = 2 * math.sqrt(count) if count else 3.0
    return Range(max(0.0, count - spread) / window_weeks, count / window_weeks, (count + spread) / window_weeks)


def observed_wait(
    registrations: Iterable[date], waitlists: Iterable[Waitlist], on: date, start_within_weeks: int
) -> ObservedWait:
    """How long the registrations have waited by ``on``, and how many longer than the start rule."""
    waited = sorted((on - day).days for day in registrations if day <= on)
    return ObservedWait(
        waiting=len(waited),
        median_days=float(statistics.median(waited)) if waited else None,
        longest_days=waited[-1] if waited else None,
        over_start_rule=sum(1 for days in waited if days > start_within_weeks * 7),
        reported_wait_days=tuple(w.reported_wait_days for w in waitlists if w.reported_wait_days is not None),
    )


def course_figures(
    data: NetworkData,
    *,
    as_of: date,
    catalogue: CourseCatalogue | None = None,
    inflow: Mapping[str, Range | float] | None = None,
    inflow_window_weeks: int = 26,
    teaching_share: Range = DEFAULT_TEACHING_SHARE,
    target_weeks: float | None = None,
    clear_by: date | None = None,
) -> CourseFigures:
    """The figures for ``data`` on ``as_of``.

    ``inflow`` gives registrations per week per course type where they are known (a number or a
    :class:`Range`); ``target_weeks`` defaults to the catalogue's start rule (six weeks);
    ``clear_by`` asks what it takes to bring the wait to the target by that date.
    """
    rules = catalogue if catalogue is not None else official_catalogue()
    _check_inputs(
        data,
        rules,
        as_of=as_of,
        inflow=inflow,
        inflow_window_weeks=inflow_window_weeks,
        teaching_share=teaching_share,
        target_weeks=target_weeks,
        clear_by=clear_by,
    )
    target = float(rules.start_within_weeks if target_weeks is None else target_weeks)
    teacher_week = rules.teacher_units_per_week
    weeks_left = None if clear_by is None else max(0, (clear_by - as_of).days) / 7
    running = [course for course in data.courses if is_running(course, as_of)]
    planned = [course for course in data.courses if is_planned(course, as_of)]
    waitlists = latest_waitlists(data.waitlists, as_of)
    given_inflow = dict(inflow or {})

    codes = list(
        dict.fromkeys(
            [*(c.course_type for c in running), *(c.course_type for c in planned), *(w.course_type for w in waitlists)]
        )
    )
    codes += [code for code in given_inflow if code not in codes]
    order = {code: position for position, code in enumerate(rules.types)}
    codes.sort(key=lambda code: (order.get(code, len(order)), code))

    running_by_type: dict[str, list[Course]] = defaultdict(list)
    for course in running:
        running_by_type[course.course_type].append(course)
    lists_by_type: dict[str, list[Waitlist]] = defaultdict(list)
    for waitlist in waitlists:
        lists_by_type[waitlist.course_type].append(waitlist)
    notes: list[Note] = []
    types: list[TypeFigures] = []
    for code in codes:
        kind = rules.types.get(code)
        if kind is None:
            notes.append(Note(kind="unknown_type", course_type=code, detail=rules.source))
        its_courses = running_by_type.get(code, [])
        its_lists = lists_by_type.get(code, [])
        registrations = [r.registered_on for w in its_lists for r in w.registrations]
        filled = [float(c.participants or c.seats) for c in its_courses if (c.participants or c.seats)]
        if filled:
            group = Range(min(filled), statistics.fmean(filled), max(filled))
        else:
            default = float(kind.max_group_size) if kind and kind.max_group_size else DEFAULT_GROUP_SIZE
            group = Range.exact(default)
        units = (
            statistics.fmean(c.units_total for c in its_courses)
            if its_courses
            else float(kind.total_units if kind else 700)
        )
        per_week = statistics.fmean(c.units_per_week for c in its_courses) if its_courses else DEFAULT_UNITS_PER_WEEK
        if code in given_inflow:
            value = given_inflow[code]
            rate = value if isinstance(value, Range) else Range.exact(float(value))
        elif kind is not None and not kind.open_for_new_courses(as_of):
            rate = Range.exact(0)  # no new courses of an abolished type: plan none
        else:
            rate = inflow_from_registrations(registrations, as_of, inflow_window_weeks)
        inputs = TypeInputs(
            course_type=code,
            courses=len(its_courses),
            units_per_course=units,
            units_per_week=per_week,
            group_size=group,
            inflow_per_week=rate,
            queue=len(registrations),
            teaching_share=teaching_share,
        )
        observed = observed_wait(registrations, its_lists, as_of, rules.start_within_weeks)
        types.append(
            TypeFigures(
                code=code,
                name_de=kind.name_de if kind else code,
                name_en=kind.name_en if kind else code,
                running=len(its_courses),
                planned=sum(1 for c in planned if c.course_type == code),
                seats=sum(c.seats for c in its_courses),
                participants=sum(c.participants for c in its_courses),
                observed=observed,
                plan=plan(inputs, target_weeks=target, teacher_units_per_week=teacher_week, weeks_left=weeks_left),
                open_for_new_courses=kind.open_for_new_courses(as_of) if kind else True,
                needs_alpha_approval=bool(kind and kind.needs_alpha_approval),
                inflow_given=code in given_inflow,
            )
        )
        if kind is not None and not kind.open_for_new_courses(as_of) and inputs.queue:
            notes.append(Note(kind="abolished", course_type=code, detail=str(kind.abolished_from)))
        if inputs.queue and not its_courses:
            notes.append(Note(kind="no_courses", course_type=code))

    places = tuple(
        PlaceFigures(
            course_type=waitlist.course_type,
            place=waitlist.place,
            provider_id=waitlist.provider_id,
            as_of=waitlist.as_of,
            observed=observed_wait(
                [r.registered_on for r in waitlist.registrations], [waitlist], as_of, rules.start_within_weeks
            ),
        )
        for waitlist in waitlists
    )
    providers = _providers(data, running, planned, as_of, teacher_week)
    return CourseFigures(
        network_name=data.network.name,
        as_of=as_of,
        catalogue_source=rules.source,
        target_weeks=target,
        teacher_units_per_week=teacher_week,
        clear_by=clear_by,
        types=tuple(types),
        providers=providers,
        teachers=_teachers(types, providers, teacher_week),
        inflow_window_weeks=inflow_window_weeks,
        notes=tuple(notes),
        places=places,
    )


#: The years a report may be made for (``as_of``, ``clear_by``): the dates the model stores.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def _number_problem(value: object, *, positive: bool = False) -> str | None:
    """Why ``value`` cannot enter the figures, or None: a finite number from 0 (or above 0) up to LARGEST_INPUT."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"expected a number, got {value!r}"
    if not (value > 0 if positive else value >= 0) or not value <= LARGEST_INPUT:
        low = "above 0" if positive else "from 0"
        return f"expected a number {low} up to {LARGEST_INPUT:,}, got {value!r}"
    return None


def _check_inputs(
    data: NetworkData,
    rules: CourseCatalogue,
    *,
    as_of: date,
    inflow: Mapping[str, Range | float] | None,
    inflow_window_weeks: int,
    teaching_share: Range,
    target_weeks: float | None,
    clear_by: date | None,
) -> None:
    """Refuse, all at once, the options and stored figures the arithmetic cannot use.

    A misspelt course type in ``inflow`` would otherwise be reported as "as given" while the
    type it was meant for is estimated; a ``clear_by`` in the past has no weeks left to plan.
    """
    problems: list[str] = []
    if not isinstance(data, NetworkData):
        raise WrongType([f"data: expected a NetworkData, got {type(data).__name__}"])
    if not isinstance(rules, CourseCatalogue):
        raise WrongType([f"catalogue: expected a CourseCatalogue, got {type(rules).__name__}"])
    if not isinstance(as_of, date) or isinstance(as_of, datetime):
        raise InvalidData([f"as_of: expected a date, got {as_of!r}"])
    if not FIRST_YEAR <= as_of.year <= LAST_YEAR:  # the inflow window reaches back before it
        raise InvalidData([f"as_of: expected a date in the years {FIRST_YEAR} to {LAST_YEAR}, got {as_of.isoformat()}"])
    if clear_by is not None:
        if not isinstance(clear_by, date) or isinstance(clear_by, datetime):
            problems.append(f"clear_by: expected a date, got {clear_by!r}")
        elif not FIRST_YEAR <= clear_by.year <= LAST_YEAR:
            problems.append(f"clear_by: expected a date in the years {FIRST_YEAR} to {LAST_YEAR}, got "
                            f"{clear_by.isoformat()}")  # fmt: skip
        elif clear_by <= as_of:
            problems.append(f"clear_by: expected a date after the report's date {as_of:%d.%m.%Y}, "
                            f"got {clear_by:%d.%m.%Y}")  # fmt: skip
    if target_weeks is not None and (reason := _number_problem(target_weeks, positive=True)):
        problems.append(f"target_weeks: {reason}")
    if type(inflow_window_weeks) is not int or not 0 < inflow_window_weeks <= 520:
        problems.append(
            f"inflow_window_weeks: expected a whole number of weeks from 1 to 520, got {inflow_window_weeks!r}"
        )
    if not isinstance(teaching_share, Range) or not 0 < teaching_share.low <= teaching_share.high <= 1:
        problems.append(f"teaching_share: expected a Range of shares above 0 up to 1, got {teaching_share!r}")
    if inflow is not None and not isinstance(inflow, Mapping):
        problems.append(
            f"inflow: expected registrations per week by course type, e.g. {{'general': 4.5}}, got {inflow!r}"
        )
    elif inflow:
        known = {*rules.types, *(c.course_type for c in data.courses), *(w.course_type for w in data.waitlists)}
        for code, value in inflow.items():
            if code not in known:
                problems.append(f"inflow[{code!r}]: unknown course type; expected one of {', '.join(sorted(known))}")
            parts = (value.low, value.central, value.high) if isinstance(value, Range) else (value,)
            reason = next((r for r in map(_number_problem, parts) if r), None)
            if reason:
                problems.append(f"inflow[{code!r}]: {reason}")
    for capacity in data.provider_capacities:
        for field in ("teachers_fte", "alpha_teachers_fte", "rooms"):
            value = getattr(capacity, field)
            if value is not None and (reason := _number_problem(value)):
                problems.append(f"provider_capacities[{capacity.id!r}].{field}: {reason}")
    for course in data.courses:
        for field in ("seats", "participants", "units_total", "units_per_week"):
            # A course of no teaching units would take no weeks and place everyone at once.
            if reason := _number_problem(getattr(course, field), positive=field == "units_total"):
                problems.append(f"courses[{course.id!r}].{field}: {reason}")
    if problems:
        raise InvalidData(problems, source="course figures")


def _providers(
    data: NetworkData, running: list[Course], planned: list[Course], as_of: date, teacher_week: int
) -> tuple[ProviderFigures, ...]:
    names = {org.id: org.short_name or org.name for org in data.organizations}
    capacities = latest_capacities(data.provider_capacities, as_of)
    running_by_provider: dict[str, list[Course]] = defaultdict(list)
    for course in running:
        running_by_provider[course.provider_id].append(course)
    planned_by_provider: dict[str, int] = defaultdict(int)
    for course in planned:
        planned_by_provider[course.provider_id] += 1
    ids = sorted(set(running_by_provider) | set(planned_by_provider) | set(capacities))
    result = []
    for provider_id in ids:
        own = running_by_provider.get(provider_id, [])
        by_type: dict[str, int] = defaultdict(int)
        for course in own:
            by_type[course.course_type] += 1
        capacity = capacities.get(provider_id)
        result.append(
            ProviderFigures(
                provider_id=provider_id,
                name=names.get(provider_id, provider_id),
                running_by_type=dict(sorted(by_type.items())),
                planned=planned_by_provider.get(provider_id, 0),
                seats=sum(c.seats for c in own),
                participants=sum(c.participants for c in own),
                teachers_fte=capacity.teachers_fte if capacity else None,
                alpha_teachers_fte=capacity.alpha_teachers_fte if capacity else None,
                rooms=capacity.rooms if capacity else None,
                teachers_bound=sum(c.units_per_week for c in own) / teacher_week,
            )
        )
    return tuple(sorted(result, key=lambda p: (-p.running, p.name)))


def _teachers(types: list[TypeFigures], providers: tuple[ProviderFigures, ...], teacher_week: int) -> TeacherFigures:
    zero = Range.exact(0)
    for_target = sum((kind.plan.teachers_for_target for kind in types), zero)
    extra = sum((kind.plan.extra_teachers for kind in types), zero)
    alpha = sum((kind.plan.teachers_for_target for kind in types if kind.needs_alpha_approval), zero)
    clearing_parts = [kind.plan.clearing_teachers for kind in types]
    clearing = None
    if types and all(part is not None for part in clearing_parts):
        clearing = sum((part for part in clearing_parts if part is not None), zero)
    known = [p.teachers_fte for p in providers if p.teachers_fte is not None]
    alpha_known = [p.alpha_teachers_fte for p in providers if p.alpha_teachers_fte is not None]
    available = sum(known) if known else None
    weekly = [kind.plan.inputs.units_per_week for kind in types if kind.running]
    mean_week = statistics.fmean(weekly) if weekly else DEFAULT_UNITS_PER_WEEK
    return TeacherFigures(
        now=sum(kind.plan.teachers_now for kind in types),
        for_target=for_target,
        extra_for_target=extra,
        clearing=clearing,
        available=available,
        alpha_available=sum(alpha_known) if alpha_known else None,
        alpha_for_target=alpha,
        courses_carried=courses_carried(available, mean_week, teacher_week) if available is not None else None,
    )
