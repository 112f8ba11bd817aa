"""Holiday calendars: the days a state blocks (public holidays, school holidays)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

import attrs

from integrationsnetz.model.networks import State


@attrs.frozen(kw_only=True)
class HolidayCalendar:
    """A source of blocked days; ``days(state, year)`` maps each day to the holiday's name."""

    code: str
    description: str
    days: Callable[[State, int], Mapping[date, str]]
