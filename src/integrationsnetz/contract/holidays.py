"""Holiday calendars: the days a state blocks (public holidays, school holidays), and corrections.

A :class:`HolidayCalendar` is what a plugin registers through ``register_holiday_calendars``.
The planner asks every registered calendar for the days of the planning years; the
``public-holiday`` and ``school-holiday`` constraints then block (or avoid) them by ``kind``.
A calendar says which periods it has data for (``known``): where none of its kind does, the
planner does not take "no days listed" for "no holidays", it refuses (hard rule) or warns (soft).

:class:`HolidayOverrides` corrects calendars where their data is wrong or missing. The library
ships one file of corrections (applied inside the built-in calendars); a district passes its own
file to the planner (applied on top of every calendar of that kind). Its ``[[known]]`` entries
fill a period no calendar has data for: "these ``[[add]]`` entries are all the days there are".
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import attrs

from integrationsnetz.contract.bounds import validate_planning_date
from integrationsnetz.contract.host import default_codec
from integrationsnetz.errors import InvalidData
from integrationsnetz.model.networks import State

if TYPE_CHECKING:
    from integrationsnetz.contract.host import Host

T = TypeVar("T")

#: The languages the planner writes its report in (calendar names come from the calendar).
Language = Literal["de", "en"]


class HolidayKind(StrEnum):
    """Which constraint a calendar's days feed: public holidays, school holidays, or local days."""

    PUBLIC = "public"
    SCHOOL = "school"
    LOCAL = "local"


@attrs.frozen(kw_only=True)
class HolidayCalendar:
    """A source of blocked days, registered by a plugin and keyed by ``code``.

    ``days(state, year, language)`` maps each day of ``year`` to the holiday's name in that
    language (German when a calendar knows no other). It is called once per state, year and
    language and may be slow; the planner keeps the answer. ``known(state)`` lists the periods
    (first and last day, inclusive) the calendar has complete data for; None means every day.
    """

    code: str
    kind: HolidayKind
    description: str
    days: Callable[[State, int, Language], Mapping[date, str]]
    known: Callable[[State], Sequence[tuple[date, date]]] | None = None


def _validate_end(instance: HolidayEntry, attribute: attrs.Attribute[date | None], value: date | None) -> None:
    if value is not None and value < instance.start:
        raise ValueError(f"{attribute.name}: {value.isoformat()} lies before start {instance.start.isoformat()}")


@attrs.frozen(kw_only=True)
class HolidayEntry:
    """One correction: the days ``start`` to ``end`` (inclusive; one day when ``end`` is empty).

    ``states`` empty means every state. ``source`` says where the correction comes from, so the
    next person can check it.
    """

    kind: HolidayKind
    start: date = attrs.field(validator=validate_planning_date)
    end: date | None = attrs.field(default=None, validator=[validate_planning_date, _validate_end])
    name: str = ""
    states: tuple[State, ...] = ()
    source: str | None = None

    def covers(self, state: State) -> bool:
        """Whether the correction applies in ``state``."""
        return not self.states or state in self.states

    def each_day(self) -> Iterator[date]:
        """Every day the entry spans."""
        day, last = self.start, self.end or self.start
        while day <= last:
            yield day
            day += timedelta(days=1)


def _validate_added(_instance: Any, attribute: attrs.Attribute[Any], value: tuple[HolidayEntry, ...]) -> None:
    for position, entry in enumerate(value):
        if not entry.name.strip():
            raise ValueError(f"{attribute.name}[{position}].name: an added holiday needs a name")


@attrs.frozen(kw_only=True)
class HolidayOverrides:
    """Corrections to holiday calendars: days to ``add`` and days to ``remove``, by kind and state.

    Removal wins over the calendar, addition wins over removal: ``add`` is the last word.
    ``known`` names periods whose days of that kind this file lists completely, for the years a
    calendar has no data for yet (the planner refuses to plan a hard rule where nobody knows).
    """

    add: tuple[HolidayEntry, ...] = attrs.field(default=(), validator=_validate_added)
    remove: tuple[HolidayEntry, ...] = ()
    known: tuple[HolidayEntry, ...] = ()

    def known_spans(self, kind: HolidayKind, state: State) -> list[tuple[date, date]]:
        """The periods this file lists every day of ``kind`` for, in ``state``."""
        return [
            (entry.start, entry.end or entry.start)
            for entry in self.known
            if entry.kind is kind and entry.covers(state)
        ]

    def apply(self, kind: HolidayKind, state: State, year: int, days: Mapping[date, str]) -> dict[date, str]:
        """``days`` of one calendar year with this file's corrections for ``kind`` and ``state``."""
        result = dict(days)
        for entry in self.remove:
            if entry.kind is kind and entry.covers(state):
                for day in entry.each_day():
                    result.pop(day, None)
        for entry in self.add:
            if entry.kind is kind and entry.covers(state):
                for day in entry.each_day():
                    if day.year == year:
                        result[day] = entry.name
        return result

    def __bool__(self) -> bool:
        return bool(self.add or self.remove or self.known)

    @classmethod
    def load(cls, path: str | Path, *, host: Host | None = None) -> HolidayOverrides:
        """Read a corrections file (TOML); :class:`InvalidData` names the file and every bad field.

        The file has ``[[add]]``, ``[[remove]]`` and ``[[known]]`` tables with ``kind``, ``start``,
        optional ``end``, ``name``, ``states`` and ``source``; dates may be TOML dates or
        ``"YYYY-MM-DD"``.
        """
        target = Path(path)
        return structure_toml(read_toml(target), cls, source=str(target), host=host)


def read_toml(target: Path) -> Any:
    """The parsed TOML of a coordinator's file; :class:`InvalidData` naming the file if it cannot be read."""
    try:
        return tomllib.loads(target.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise InvalidData([f"cannot read the file ({exc.strerror or exc})"], source=str(target)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InvalidData([f"not a valid TOML file: {exc}"], source=str(target)) from None
    except RecursionError:  # tomllib recurses once per nesting level
        raise InvalidData(["not a valid TOML file: nested too deeply"], source=str(target)) from None


def plain_toml(value: Any) -> Any:
    """TOML's native dates and times as the ISO text the codec reads, everywhere in ``value``."""
    if isinstance(value, dict):
        return {key: plain_toml(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain_toml(item) for item in value]
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return value


def structure_toml(raw: Any, cls: type[T], *, source: str, host: Host | None = None) -> T:
    """Structure parsed TOML as ``cls`` with the host's codec (errors name ``source`` and the field)."""

    codec = host.codec if host is not None else default_codec()
    return codec.structure(plain_toml(raw), cls, source=source)
