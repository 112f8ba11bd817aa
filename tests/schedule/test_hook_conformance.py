"""The shipped hook suites pass the built-in constraints, calendars and the how-to's, and fail broken ones."""

from __future__ import annotations

import types
from datetime import date
from decimal import Decimal

import cattrs
import pytest

from integrationsnetz import hookimpl
from integrationsnetz.plugins import PluginHost
from integrationsnetz.schedule import Candidate, Constraint, HolidayCalendar, HolidayKind, PlanContext
from integrationsnetz.testing.hook_conformance import (
    ConstraintConformance,
    ConverterConformance,
    HolidayCalendarConformance,
)


class TestPublicHolidayConstraint(ConstraintConformance):
    code = "public-holiday"


class TestSchoolHolidayConstraint(ConstraintConformance):
    code = "school-holiday"


class TestRoomCapacityConstraint(ConstraintConformance):
    code = "room-capacity"


class TestPersonBusyConstraint(ConstraintConformance):
    code = "person-busy"
    judges_candidate_alone = False


class TestGermanPublicHolidays(HolidayCalendarConformance):
    code = "de-public"


class TestGermanSchoolHolidays(HolidayCalendarConformance):
    code = "de-school"


def _plugin(name: str, **hooks: object) -> types.ModuleType:
    module = types.ModuleType(name)
    for hook_name, function in hooks.items():
        setattr(module, hook_name, hookimpl(function))  # type: ignore[arg-type]
    return module


def _friday_afternoon(candidate: Candidate, context: PlanContext) -> str | None:
    if candidate.day.weekday() == 4 and candidate.start.hour >= 12:
        return context.say(de="Freitagnachmittag", en="Friday afternoon")
    return None


FRIDAY = _plugin(
    "integrationsnetz_friday",
    register_schedule_constraints=lambda: [
        Constraint(code="no-friday-afternoon", description="Keep Friday afternoons free", check=_friday_afternoon)
    ],
)


class TestFridayConstraint(ConstraintConformance):
    code = "no-friday-afternoon"
    plugins = (FRIDAY,)


def _closing_days(state: object, year: int, language: str) -> dict[date, str]:
    return {date(year, 12, 24): "Heiligabend" if language == "de" else "Christmas Eve"}


CLOSING = _plugin(
    "integrationsnetz_closing",
    register_holiday_calendars=lambda: [
        HolidayCalendar(code="closing", kind=HolidayKind.LOCAL, description="Office closed", days=_closing_days)
    ],
)


class TestClosingDays(HolidayCalendarConformance):
    code = "closing"
    plugins = (CLOSING,)


def _decimals(converter: cattrs.Converter) -> None:
    converter.register_unstructure_hook(Decimal, str)
    converter.register_structure_hook(Decimal, lambda value, _: Decimal(value))


class TestDecimalConverter(ConverterConformance):
    plugins = (_plugin("integrationsnetz_decimal", configure_converter=_decimals),)
    values = (Decimal("12.50"), Decimal("-0.001"))


# -- the suites fail what they should -----------------------------------------------------------


def _german_only(candidate: Candidate, context: PlanContext) -> str | None:
    return "Freitag" if candidate.day.weekday() == 4 and context.language == "de" else None


def test_a_constraint_answering_only_in_german_fails() -> None:
    plugin = _plugin("integrationsnetz_german", register_schedule_constraints=lambda: [
        Constraint(code="german-only", description="x", check=_german_only)])  # fmt: skip
    suite = type("Suite", (ConstraintConformance,), {"code": "german-only", "plugins": (plugin,)})()
    with pytest.raises(AssertionError, match="English None"):
        suite.test_answers_none_or_a_reason_in_both_languages(PluginHost(entry_points=False, plugins=[plugin]))


def test_a_calendar_with_days_of_another_year_fails() -> None:
    plugin = _plugin("integrationsnetz_sloppy", register_holiday_calendars=lambda: [
        HolidayCalendar(code="sloppy", kind=HolidayKind.LOCAL, description="x",
                        days=lambda state, year, language: {date(2025, 12, 24): "Heiligabend"})])  # fmt: skip
    suite = type("Suite", (HolidayCalendarConformance,), {"code": "sloppy", "plugins": (plugin,)})()
    with pytest.raises(AssertionError, match="gave 2025-12-24"):
        suite.test_days_are_named_days_of_the_asked_year(PluginHost(entry_points=False, plugins=[plugin]))


def test_a_converter_that_loses_precision_fails() -> None:
    def lossy(converter: cattrs.Converter) -> None:
        converter.register_unstructure_hook(Decimal, float)
        converter.register_structure_hook(Decimal, lambda value, _: Decimal(str(round(value, 1))))

    plugin = _plugin("integrationsnetz_lossy", configure_converter=lossy)
    suite = type("Suite", (ConverterConformance,), {"plugins": (plugin,), "values": (Decimal("12.55"),)})()
    with pytest.raises(AssertionError, match="came back as"):
        suite.test_values_survive_the_codec(PluginHost(entry_points=False, plugins=[plugin]))


def test_the_planner_check_needs_the_constraint_to_refuse_something() -> None:
    """A constraint that refuses nothing in the year skips the planner check instead of passing it blindly."""
    plugin = _plugin("integrationsnetz_never", register_schedule_constraints=lambda: [
        Constraint(code="never", description="x", check=lambda candidate, context: None)])  # fmt: skip
    suite = type("Suite", (ConstraintConformance,), {"code": "never", "plugins": (plugin,)})()
    with pytest.raises(pytest.skip.Exception, match="refuses no candidate"):
        suite.test_the_planner_never_places_a_session_it_refuses(PluginHost(entry_points=False, plugins=[plugin]))
