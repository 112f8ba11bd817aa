"""The built-in holiday calendars: German public and school holidays per state, offline.

Data comes from the `holidays` package (public holidays by state; school holidays from the
KMK tables, ``categories=("school",)``), corrected by the file shipped beside this module,
``data/holiday_overrides.toml``, where the package is wrong or has no data yet. The package is
imported only when a calendar is first asked, not at ``import integrationsnetz``.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable, Mapping
from datetime import date
from importlib import resources
from types import MappingProxyType

from integrationsnetz.hookspecs import hookimpl
from integrationsnetz.model.networks import State
from integrationsnetz.schedule.calendars import HolidayCalendar, HolidayKind, HolidayOverrides, Language, plain_toml

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
        ),
        HolidayCalendar(
            code="de-school",
            kind=HolidayKind.SCHOOL,
            description="School holidays of the German state (KMK via the holidays package, corrected)",
            days=school_holidays,
        ),
    ]
