"""Strategies for integration courses: course types, courses, waiting lists and providers' capacity."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from datetime import timedelta

from hypothesis import strategies as st

from integrationsnetz.model.course_types import OFFICIAL_COURSE_TYPES
from integrationsnetz.model.courses import (
    Course,
    CourseStatus,
    CourseType,
    ProviderCapacity,
    Registration,
    Waitlist,
)
from integrationsnetz.testing.strategies._entity_fields import (
    bookkeeping,
    draws,
    network_ids,
    optional_ref,
    ref,
    ref_tuple,
    with_bookkeeping,
)
from integrationsnetz.testing.strategies._primitives import (
    DEFAULT_MAX_DATE,
    DEFAULT_MIN_DATE,
    dates,
    drawn,
    ids,
    names,
    optional,
    texts,
)

__all__ = ["course_types", "courses", "provider_capacities", "registrations", "waitlists"]


@functools.cache
def course_types() -> st.SearchStrategy[CourseType]:
    """A course type of one's own (the official ones are in ``courses.catalogue``)."""
    return st.builds(
        CourseType,
        code=ids(prefix="type-"),
        name_de=names(),
        name_en=names(),
        language_units=st.integers(0, 1300),
        orientation_units=st.integers(0, 100),
        max_group_size=optional(st.integers(0, 30)),
        abolished_from=optional(dates()),
        note=optional(texts()),
        repeat_units=st.integers(0, 300),
        needs_alpha_approval=st.booleans(),
    )


@draws(Course)
def courses(
    *,
    network_id: str | None = None,
    course_ids: st.SearchStrategy[str] | None = None,
    course_type_codes: Sequence[str] | None = None,
    provider_ids: Sequence[str] | None = None,
    venue_ids: Sequence[str] | None = None,
    teacher_ids: Sequence[str] | None = None,
    course_types: Mapping[str, CourseType] | None = None,
    max_size: int = 3,
) -> st.SearchStrategy[Course]:
    """An integration course within its type's rules: seats (at least 1) within the maximum group size,
    participants within the seats, units within the type's total (+ repetition), 1 or more units a
    week but no more than in all, and a start before the type was abolished (unless cancelled).

    ``course_type_codes`` defaults to the official catalogue's codes.
    """
    catalogue = course_types if course_types is not None else OFFICIAL_COURSE_TYPES
    codes = list(course_type_codes) if course_type_codes is not None else sorted(catalogue)

    def build(draw: st.DrawFn) -> Course:
        code = draw(st.sampled_from(codes))
        kind = catalogue.get(code)
        limit = kind.max_group_size if kind is not None else None
        seats = draw(st.integers(0 if limit == 0 else 1, limit if limit is not None else 30))
        allowed = kind.total_units + kind.repeat_units if kind is not None else 1300
        units_total = draw(st.integers(min(1, allowed), allowed))
        status = draw(st.sampled_from(list(CourseStatus)))
        last_start = DEFAULT_MAX_DATE
        if kind is not None and kind.abolished_from is not None and status is not CourseStatus.CANCELLED:
            last_start = max(DEFAULT_MIN_DATE, kind.abolished_from - timedelta(days=1))
        start = end = None
        if draw(st.booleans()):
            start = draw(dates(max_value=last_start))
            end = draw(optional(dates(min_value=start)))
        return Course(
            id=draw(course_ids if course_ids is not None else ids(prefix="kurs-")),
            network_id=draw(network_ids(network_id)),
            **draw(bookkeeping()),
            course_type=code,
            provider_id=draw(ref(provider_ids)),
            venue_id=draw(optional_ref(venue_ids)),
            place=draw(optional(names())),
            start=start,
            end=end,
            units_total=units_total,
            units_per_week=draw(st.integers(min(1, units_total), min(30, units_total))),
            seats=seats,
            participants=draw(st.integers(0, seats)),
            teacher_ids=draw(ref_tuple(teacher_ids, max_size)),
            status=status,
        )

    return drawn(build)


@functools.cache
def registrations() -> st.SearchStrategy[Registration]:
    """A pseudonymous registration for a course place."""
    return st.builds(Registration, registered_on=dates(), reference=optional(texts(max_size=12)))


@draws(Waitlist)
def waitlists(
    *,
    network_id: str | None = None,
    waitlist_ids: st.SearchStrategy[str] | None = None,
    course_type_codes: Sequence[str] | None = None,
    provider_ids: Sequence[str] | None = None,
    max_size: int = 3,
) -> st.SearchStrategy[Waitlist]:
    """A waiting list for one course type at one place."""
    codes = list(course_type_codes) if course_type_codes is not None else sorted(OFFICIAL_COURSE_TYPES)
    return with_bookkeeping(
        st.builds(
            Waitlist,
            id=waitlist_ids if waitlist_ids is not None else ids(prefix="wl-"),
            network_id=network_ids(network_id),
            course_type=st.sampled_from(codes),
            place=names(),
            as_of=dates(),
            registrations=st.lists(registrations(), max_size=max_size).map(tuple),
            reported_wait_days=optional(st.integers(0, 1000)),
            provider_id=optional_ref(provider_ids),
        )
    )


@draws(ProviderCapacity)
def provider_capacities(
    *,
    network_id: str | None = None,
    capacity_ids: st.SearchStrategy[str] | None = None,
    provider_ids: Sequence[str] | None = None,
) -> st.SearchStrategy[ProviderCapacity]:
    """A course provider's teachers (in FTE) and rooms as of a date."""
    fte = st.floats(0.0, 40.0, allow_nan=False)
    return with_bookkeeping(
        st.builds(
            ProviderCapacity,
            id=capacity_ids if capacity_ids is not None else ids(prefix="cap-"),
            network_id=network_ids(network_id),
            provider_id=ref(provider_ids),
            as_of=dates(),
            teachers_fte=fte,
            alpha_teachers_fte=optional(fte),
            rooms=optional(st.integers(0, 20)),
            note=optional(texts()),
        )
    )
