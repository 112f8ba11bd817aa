"""A coordinator's planning file (TOML): the year, the series, absences and holiday corrections.

Nothing about a district is hard-wired in code: a district describes its rules in a file like
``examples/landkreis-goettingen.toml`` and the example scripts plan from it. A mistake is
reported with the file and the field (``goettingen.toml: $.series[1].times[0].end: 13:00 is
not after start 14:00``), never as a traceback. Ids of people, groups, venues and rooms are
checked against the network the file plans for, so a typo cannot plan meetings that point at
nothing.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from integrationsnetz.contract.bounds import FIRST_PLAN_YEAR, LAST_PLAN_YEAR
from integrationsnetz.contract.constraints import unknown_constraint
from integrationsnetz.contract.holidays import HolidayOverrides, Language, read_toml, structure_toml
from integrationsnetz.contract.plan_context import Absence
from integrationsnetz.contract.registries import default_host
from integrationsnetz.contract.series import Series
from integrationsnetz.errors import InvalidData, WrongType

if TYPE_CHECKING:
    from integrationsnetz.contract.registries import Registries
    from integrationsnetz.model.network_data import NetworkData


def _validate_year(_instance: Any, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None and not FIRST_PLAN_YEAR <= value <= LAST_PLAN_YEAR:
        raise ValueError(
            f"{attribute.name}: expected a year between {FIRST_PLAN_YEAR} and {LAST_PLAN_YEAR}, got {value}"
        )


def _validate_series(_instance: Any, attribute: attrs.Attribute[Any], value: tuple[Series, ...]) -> None:
    if not value:
        raise ValueError(f"{attribute.name}: name at least one series ([[series]])")
    ids = [series.id for series in value]
    duplicates = sorted({series_id for series_id in ids if ids.count(series_id) > 1})
    if duplicates:
        raise ValueError(f"{attribute.name}: two series share the id {duplicates[0]!r}")


@attrs.frozen(kw_only=True)
class PlanConfig:
    """What a coordinator writes down once and edits each year.

    ``year`` None plans the coming year. ``network`` and ``holiday_overrides`` are file paths,
    relative to the planning file; :func:`load_plan_config` makes them absolute.
    """

    series: tuple[Series, ...] = attrs.field(validator=_validate_series)
    year: int | None = attrs.field(default=None, validator=_validate_year)
    language: Language = "de"
    network: str | None = None
    holiday_overrides: str | None = None
    absences: tuple[Absence, ...] = ()

    def period(self, today: date) -> tuple[date, date]:
        """The first and last day to plan: the configured year, else the year after ``today``."""
        year = self.year if self.year is not None else today.year + 1
        return date(year, 1, 1), date(year, 12, 31)

    def overrides(self, *, host: Registries | None = None) -> HolidayOverrides:
        """The district's holiday corrections (none when the file names none)."""
        if self.holiday_overrides is None:
            return HolidayOverrides()
        return HolidayOverrides.load(self.holiday_overrides, host=host)

    def constraint_problems(self, host: Registries | None = None) -> list[str]:
        """Every ``strictness`` key that names no constraint of ``host`` (default: the default host)."""

        known = (host or default_host()).schedule_constraints()
        return [
            f"$.series[{index}].strictness.{code}: {unknown_constraint(code, known)}"
            for index, series in enumerate(self.series)
            for code in series.strictness
            if code not in known
        ]

    def reference_problems(self, data: NetworkData) -> list[str]:
        """Every id in the file that ``data``'s network does not have, as ``$.path: what is missing``."""
        actors = {person.id for person in data.persons} | {org.id for org in data.organizations}
        groups = {group.id for group in data.groups}
        venues = {venue.id: venue for venue in data.venues}
        problems = []

        def actor(path: str, actor_id: str | None) -> None:
            if actor_id is not None and actor_id not in actors:
                problems.append(f"{path}: no person or organisation with id {actor_id!r}")

        for index, series in enumerate(self.series):
            where = f"$.series[{index}]"
            if series.group_id is not None and series.group_id not in groups:
                problems.append(f"{where}.group_id: no working group with id {series.group_id!r}")
            for position, participant_id in enumerate(series.participant_ids):
                actor(f"{where}.participant_ids[{position}]", participant_id)
            actor(f"{where}.organizer_id", series.organizer_id)
            for position, option in enumerate(series.venues):
                venue = venues.get(option.venue_id)
                if venue is None:
                    problems.append(f"{where}.venues[{position}].venue_id: no venue with id {option.venue_id!r}")
                elif option.room_id is not None and venue.room(option.room_id) is None:
                    rooms = ", ".join(room.id for room in venue.rooms) or "none"
                    problems.append(
                        f"{where}.venues[{position}].room_id: venue {option.venue_id!r} has no room "
                        f"{option.room_id!r} (rooms: {rooms})"
                    )
        for index, absence in enumerate(self.absences):
            actor(f"$.absences[{index}].person_id", absence.person_id)
        return problems


def load_plan_config(
    path: str | Path, *, host: Registries | None = None, data: NetworkData | None = None
) -> PlanConfig:
    """Read a planning file; :class:`InvalidData` names the file and every wrong field at once.

    The ids of people, groups, venues and rooms are checked against ``data``, or, when it is
    None, against the network document the file names (``network = "..."``). A file that names
    none and is given none is checked when it is planned (:func:`~integrationsnetz.schedule.plan`).
    """
    if not isinstance(path, (str, os.PathLike)):
        raise WrongType([f"load_plan_config: expected a file path, got {type(path).__name__}"])
    target = Path(path)
    config = structure_toml(read_toml(target), PlanConfig, source=str(target), host=host)
    problems = config.constraint_problems(host)
    network, overrides = config.network, config.holiday_overrides
    if network is not None:
        network = str((target.parent / network).resolve())
        if not Path(network).is_file():
            problems.append(f"$.network: no file {config.network!r} next to the planning file")
        elif Path(network).suffix.lower() not in (".json", ".toml"):
            problems.append(f"$.network: expected a network document ending in .json or .toml, got {config.network!r}")
    if overrides is not None:
        overrides = str((target.parent / overrides).resolve())
        if not Path(overrides).is_file():
            problems.append(f"$.holiday_overrides: no file {config.holiday_overrides!r} next to the planning file")
    if problems:
        raise InvalidData(problems, source=str(target))
    config = attrs.evolve(config, network=network, holiday_overrides=overrides)
    if network is not None and data is None:
        from integrationsnetz.documents import load

        try:
            data = load(network, host=host)
        except InvalidData as exc:  # the document's own errors, told as the planning file's field
            where = f"{exc.source}: " if exc.source else ""
            raise InvalidData(
                [f"$.network: {where}{problem}" for problem in exc.problems], source=str(target)
            ) from None
    if data is not None:
        problems = config.reference_problems(data)
        if problems:
            raise InvalidData(problems, source=str(target))
    return config
