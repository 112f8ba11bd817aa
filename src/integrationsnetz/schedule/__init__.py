"""Planning a year of meetings: series rules, constraints and holiday calendars.

``plan(PlanRequest.for_network(data, series, start=..., end=...))`` returns a :class:`Plan`:
the meetings and a report of every session moved or dropped, with the reason; ``save_plan``
writes it into a store so the store holds what the report says. Constraints and
holiday calendars are plugins (``register_schedule_constraints``, ``register_holiday_calendars``);
the built-in ones cover German public and school holidays, people, rooms and gaps.
"""

from integrationsnetz.contract.constraints import Candidate, Constraint
from integrationsnetz.contract.holidays import HolidayCalendar, HolidayEntry, HolidayKind, HolidayOverrides, Language
from integrationsnetz.contract.plan_context import Absence, Busy, PlanContext, format_day
from integrationsnetz.contract.series import (
    MonthlyNth,
    Occurrence,
    OnBlocked,
    Recurrence,
    Season,
    Seasonal,
    Series,
    Strictness,
    TimeSlot,
    VenueChoice,
    VenueOption,
    Weekday,
    Weekly,
)
from integrationsnetz.schedule.config import CalendarTimes, PlanConfig, load_plan_config
from integrationsnetz.schedule.planner import plan
from integrationsnetz.schedule.plans import Adjustment, Outcome, Plan, PlanRequest
from integrationsnetz.schedule.saving import save_plan

__all__ = [
    "Absence",
    "Adjustment",
    "Busy",
    "CalendarTimes",
    "Candidate",
    "Constraint",
    "HolidayCalendar",
    "HolidayEntry",
    "HolidayKind",
    "HolidayOverrides",
    "Language",
    "MonthlyNth",
    "Occurrence",
    "OnBlocked",
    "Outcome",
    "Plan",
    "PlanConfig",
    "PlanContext",
    "PlanRequest",
    "Recurrence",
    "Season",
    "Seasonal",
    "Series",
    "Strictness",
    "TimeSlot",
    "VenueChoice",
    "VenueOption",
    "Weekday",
    "Weekly",
    "format_day",
    "load_plan_config",
    "plan",
    "save_plan",
]
