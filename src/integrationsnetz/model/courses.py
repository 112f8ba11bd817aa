"""Integration courses (BAMF), their types, and the waiting lists for a place."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

import attrs

from integrationsnetz.model.entity import (
    NetworkPart,
    refuse,
    validate_id,
    validate_ids,
    validate_non_negative,
    validate_not_blank,
    validate_optional_id,
)
from integrationsnetz.model.field_types import typed_fields


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class CourseType:
    """A kind of integration course with its official teaching units (1 UE = 45 minutes).

    The catalogue in :mod:`integrationsnetz.courses.catalogue` holds the official types; rules
    change, so a user can load their own from a data file instead. ``repeat_units`` is the
    one-off repetition the BAMF may grant (300 UE for literacy and special-needs courses);
    ``needs_alpha_approval`` marks types whose teachers need the extra literacy approval
    (§ 15(2) IntV), which makes them the scarcer teachers.
    """

    code: str = attrs.field(validator=validate_id)
    name_de: str = attrs.field(validator=validate_not_blank)
    name_en: str = attrs.field(validator=validate_not_blank)
    language_units: int = attrs.field(validator=validate_non_negative)
    orientation_units: int = attrs.field(validator=validate_non_negative)
    max_group_size: int | None = attrs.field(default=None, validator=validate_non_negative)
    abolished_from: date | None = None
    note: str | None = None
    repeat_units: int = attrs.field(default=0, validator=validate_non_negative)
    needs_alpha_approval: bool = False

    @property
    def total_units(self) -> int:
        """Language plus orientation units."""
        return self.language_units + self.orientation_units

    def open_for_new_courses(self, on: date) -> bool:
        """Whether a course of this type may start on ``on``."""
        return self.abolished_from is None or on < self.abolished_from


class CourseStatus(StrEnum):
    """Where a course stands."""

    PLANNED = "planned"
    RUNNING = "running"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


def _validate_course_end(instance: Course, attribute: attrs.Attribute[date | None], value: date | None) -> None:
    if value is not None and instance.start is not None and value < instance.start:
        raise refuse(instance, attribute.name, f"{value.isoformat()} lies before start {instance.start.isoformat()}")


def _validate_participants(instance: Course, attribute: attrs.Attribute[int], value: int) -> None:
    validate_non_negative(instance, attribute, value)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Course(NetworkPart):
    """One integration course run by a provider (Kursträger).

    ``course_type`` is the code of a :class:`CourseType`. ``units_per_week`` decides how long the
    course runs and how much teacher time it binds.
    """

    course_type: str = attrs.field(validator=validate_id)
    provider_id: str = attrs.field(validator=validate_id)
    venue_id: str | None = attrs.field(default=None, validator=validate_optional_id)
    place: str | None = None
    start: date | None = None
    end: date | None = attrs.field(default=None, validator=_validate_course_end)
    units_total: int = attrs.field(validator=validate_non_negative)
    units_per_week: int = attrs.field(validator=validate_non_negative)
    seats: int = attrs.field(validator=validate_non_negative)
    participants: int = attrs.field(default=0, validator=_validate_participants)
    teacher_ids: tuple[str, ...] = attrs.field(default=(), validator=validate_ids)
    status: CourseStatus = CourseStatus.PLANNED

    @property
    def free_seats(self) -> int:
        """Seats not taken (never negative, even when a course is overbooked)."""
        return max(0, self.seats - self.participants)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Registration:
    """A person waiting for a course place, kept pseudonymous: a date and an optional reference."""

    registered_on: date
    reference: str | None = None


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Waitlist(NetworkPart):
    """Registrations for one course type at one place, as of a date.

    ``reported_wait_days`` records a wait someone reported (the BAMF's "over half a year") beside
    the registrations it can be estimated from.
    """

    course_type: str = attrs.field(validator=validate_id)
    place: str = attrs.field(validator=validate_not_blank)
    as_of: date
    registrations: tuple[Registration, ...] = ()
    reported_wait_days: int | None = attrs.field(default=None, validator=validate_non_negative)
    provider_id: str | None = attrs.field(default=None, validator=validate_optional_id)

    @property
    def length(self) -> int:
        """How many are waiting."""
        return len(self.registrations)


def _validate_fte(instance: object, attribute: attrs.Attribute[Any], value: float | None) -> None:
    if value is not None and not value >= 0:  # also rejects NaN
        raise refuse(instance, attribute.name, f"expected a number >= 0, got {value}")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class ProviderCapacity(NetworkPart):
    """What a course provider can teach with, as of a date: teachers and rooms.

    Teachers are counted in full-time equivalents (FTE): a salaried full-time teacher teaches at
    most 29 UE a week (BAMF circular of 28 Feb 2025), a freelancer counts by the units they can
    take. The lack of teachers, not of money, is what usually stops new courses, so the figures
    report sets this against the teachers the waiting lists call for.
    """

    provider_id: str = attrs.field(validator=validate_id)
    as_of: date
    teachers_fte: float = attrs.field(validator=_validate_fte)
    alpha_teachers_fte: float | None = attrs.field(default=None, validator=_validate_fte)
    rooms: int | None = attrs.field(default=None, validator=validate_non_negative)
    note: str | None = None
