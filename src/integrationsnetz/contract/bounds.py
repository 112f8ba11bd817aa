"""The limits of what a planning file and a holiday corrections file may say.

Each number and date a coordinator writes has a range that covers every real plan with room to
spare; a value outside it is a typo (a year of ``0027``, a window of ``100000000`` days) and is
refused with the file and the field, before any date arithmetic could overflow. The ranges are
listed in ``docs/reference/planning-file.md``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs

from integrationsnetz.model.entity import refuse

#: The years a planning file may plan (``year``).
FIRST_PLAN_YEAR, LAST_PLAN_YEAR = 2000, 2100
#: The years a date of a series, an absence or a holiday correction may fall in: within the
#: model's dates, so every meeting planned from them can be stored, and far from ``date.max``.
FIRST_YEAR, LAST_YEAR = 2000, 2999

#: The most weeks between two sessions of a weekly rule (once a year at the least).
MAX_EVERY_WEEKS = 52
#: The most months between two sessions of a monthly rule.
MAX_EVERY_MONTHS = 12
#: The most days a session may move, and the widest gap between two sessions.
MAX_DAYS = 366
#: The most people a meeting may expect.
MAX_ATTENDANCE = 100_000


def in_planning_years(day: date) -> bool:
    """Whether ``day`` lies in the years a plan may name."""
    return FIRST_YEAR <= day.year <= LAST_YEAR


def validate_planning_date(instance: Any, attribute: attrs.Attribute[Any], value: date | None) -> None:
    """A date in the years a plan may name (:data:`FIRST_YEAR` to :data:`LAST_YEAR`)."""
    if value is not None and not in_planning_years(value):
        reason = f"expected a date in the years {FIRST_YEAR} to {LAST_YEAR}, got {value.isoformat()}"
        raise refuse(instance, attribute.name, reason)


def at_most(limit: int, *, least: int = 0) -> Any:
    """A validator for a whole number from ``least`` up to ``limit`` (None passes: the field is optional)."""

    def validate(instance: Any, attribute: attrs.Attribute[Any], value: int | None) -> None:
        if value is None:
            return
        if value < least:
            raise refuse(instance, attribute.name, f"expected a number >= {least}, got {value}")
        if value > limit:
            raise refuse(instance, attribute.name, f"at most {limit}, got {value}")

    return validate
