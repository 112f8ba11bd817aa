"""The built-in holiday calendars: German public and school holidays per state, offline.

Data comes from the `holidays` package (public holidays by state; school holidays from the
KMK tables, ``categories=("school",)``), corrected by the file shipped beside this module,
``data/holiday_overrides.toml``, where the package is wrong or has no data yet. Public holidays
follow rules the package knows for its whole range of years; school holidays are tables, known
up to the last day listed (plus the corrections' ``[[known]]`` periods). The package is imported
only when a calendar is first asked, not at ``import integrationsnetz``.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable, Mapping
from datetime import date
from importlib import resources
from types import MappingProxyType

from integrationsnetz.contract.holidays import HolidayCalendar, HolidayKind, HolidayOverrides, Language, plain_toml
from integrationsnetz.hookspecs import hookimpl
from integrationsnetz.model.networks import State

#: The corrections shipped with the library (package data).
OVERRIDES_FILE = "data/holiday_overrides.toml"


@functools.cache
def shipped_overrides() -> HolidayOverrides:
    """The library's own corrections to the `holidays` package data."""
    from integrationsnetz.serialization import make_codec

    text = resources.files("integrationsnetz.schedule").joinpath(OVERRIDES_FILE).read_text(encoding="utf-8")
    raw = plain_toml(tomllib.loads(text))
    return make_codec().structure(raw, HolidayOverrides, source=f"integrationsnetz/schedule/{OVERRIDES_FILE}")


@functools.cache
def _package_days(category: str, state: State, year: int, language: Language) -> Mapping[date, str]:
    import holidays

    found = holidays.country_holidays(
        "DE", subdiv=state.value, years=year, language="en_US" if language == "en" else "de", categories=(category,)
    )
    return MappingProxyType(dict(sorted(found.items())))


@functools.cache
def _corrected(kind: HolidayKind, state: State, year: int, language: Language) -> Mapping[date, str]:
    days = _package_days(kind.value, state, year, language)
    return MappingProxyType(shipped_overrides().apply(kind, state, year, days))


@functools.cache
def _package_known(category: str, state: State) -> tuple[date, date]:
    import holidays

    calendar = holidays.country_holidays("DE", subdiv=state.value)
    first, last = date(calendar.start_year, 1, 1), date(calendar.end_year, 12, 31)
    if category == "school":
        # School holidays are tables, not rules: known up to the last day the tables list.
        listed = holidays.country_holidays(
            "DE", subdiv=state.value, years=range(calendar.start_year, calendar.end_year + 1), categories=("school",)
        )
        last = max(listed, default=first)
    return first, last


def known_periods(kind: HolidayKind, state: State) -> tuple[tuple[date, date], ...]:
    """The periods the package (and the shipped corrections) have data for, ``kind`` in ``state``."""
    return (_package_known(kind.value, state), *shipped_overrides().known_spans(kind, state))


def public_holidays(state: State, year: int, language: Language = "de") -> Mapping[date, str]:
    """The state's public holidays in ``year`` (statewide ones; not Fronleichnam in a few towns)."""
    return _corrected(HolidayKind.PUBLIC, state, year, language)


def school_holidays(state: State, year: int, language: Language = "de") -> Mapping[date, str]:
    """Every day of the state's school holidays in ``year`` (KMK data, ranges inclusive)."""
    return _corrected(HolidayKind.SCHOOL, state, year, language)


@hookimpl
def register_holiday_calendars() -> Iterable[HolidayCalendar]:
    """German public and school holidays for all 16 states."""
    return [
        HolidayCalendar(
            code="de-public",
            kind=HolidayKind.PUBLIC,
            description="Public holidays of the German state (holidays package, corrected)",
            days=public_holidays,
            known=functools.partial(known_periods, HolidayKind.PUBLIC),
        ),
        HolidayCalendar(
            code="de-school",
            kind=HolidayKind.SCHOOL,
            description="School holidays of the German state (KMK via the holidays package, corrected)",
            days=school_holidays,
            known=functools.partial(known_periods, HolidayKind.SCHOOL),
        ),
    ]
