"""A coordinator's planning file (TOML): the year, the series, absences, members' calendars and holiday corrections.

Nothing about a district is hard-wired in code: a district describes its rules in a file like
``examples/landkreis-goettingen.toml`` and the example scripts plan from it. A mistake is
reported with the file and the field (``goettingen.toml: $.series[1].times[0].end: 13:00 is
not after start 14:00``), never as a traceback. Ids of people, groups, venues and rooms are
checked against the network the file plans for, so a typo cannot plan meetings that point at
nothing. Members' calendars (``[[calendars]]``) are read only when a plan is made
(:meth:`PlanConfig.blocked_times`, :meth:`PlanConfig.read_calendars` with what each left out),
for the period planned; loading the file only checks that each names a file that exists or a web
address that can be fetched.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs

from integrationsnetz.contract.bounds import FIRST_PLAN_YEAR, LAST_PLAN_YEAR
from integrationsnetz.contract.constraints import unknown_constraint
from integrationsnetz.contract.holidays import HolidayOverrides, Language, read_toml, structure_toml
from integrationsnetz.contract.importers import OnError
from integrationsnetz.contract.plan_context import Absence, Busy
from integrationsnetz.contract.registries import default_host
from integrationsnetz.contract.series import Series
from integrationsnetz.errors import InvalidData, WrongType
from integrationsnetz.ingest.subscription import is_address, shown, web_address

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


def _validate_place(instance: MemberCalendar, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if (instance.file is None) == (value is None):
        raise ValueError(f"{attribute.name}: name the calendar's file or its url, one of them")


@attrs.frozen(kw_only=True)
class MemberCalendar:
    """A member's calendar as busy time (``[[calendars]]``): a file (relative to the planning file) or an address.

    ``tentative`` says whether tentative entries block ("busy", Outlook's way) or not ("free");
    ``on_error = "skip"`` leaves out the entries the file breaks instead of refusing it.
    """

    person_id: str
    file: str | None = None
    url: str | None = attrs.field(default=None, validator=_validate_place)
    tentative: Literal["busy", "free"] = "busy"
    on_error: OnError = "refuse"


#: The entries left out of one calendar that a note lists by line (the others are counted).
_NOTED_LINES = 5


@attrs.frozen(kw_only=True)
class CalendarTimes:
    """The members' calendars read for a period: what blocks, and notes on what each left out.

    ``notes`` has a line per calendar that left entries out (``on_error = "skip"``, a limit): how
    many, their lines and reasons, never their titles; a plan shows them with its warnings.
    """

    blocked: tuple[Absence | Busy, ...] = ()
    notes: tuple[str, ...] = ()


def _note(person_id: str, where: str, skipped: tuple[Any, ...], language: Language) -> str:
    """One calendar's left-out entries as a plan's warning: count, lines and reasons."""
    listed = "; ".join(f"line {skip.line}: {skip.reason}" if skip.line is not None else skip.reason
                       for skip in skipped[:_NOTED_LINES])  # fmt: skip
    rest = [skip.line for skip in skipped[_NOTED_LINES:] if skip.line is not None]
    more = ""
    if len(skipped) > _NOTED_LINES:
        lines = ", ".join(str(line) for line in rest[:20]) + (" …" if len(rest) > 20 else "")
        more = (f"; {len(skipped) - _NOTED_LINES} weitere (Zeilen {lines})" if language == "de"
                else f"; {len(skipped) - _NOTED_LINES} more (lines {lines})")  # fmt: skip
    count = len(skipped)
    if language == "de":
        entries = "Eintrag" if count == 1 else "Einträge"
        return f"Kalender von {person_id} ({where}): {count} {entries} nicht gelesen – {listed}{more}"
    entries = "entry" if count == 1 else "entries"
    return f"Calendar of {person_id} ({where}): {count} {entries} not read – {listed}{more}"


@attrs.frozen(kw_only=True)
class PlanConfig:
    """What a coordinator writes down once and edits each year.

    ``year`` None plans the coming year. ``network``, ``holiday_overrides`` and the calendars'
    ``file`` are file paths, relative to the planning file; :func:`load_plan_config` makes them
    absolute and sets ``source`` to the planning file, which messages name.
    """

    series: tuple[Series, ...] = attrs.field(validator=_validate_series)
    year: int | None = attrs.field(default=None, validator=_validate_year)
    language: Language = "de"
    network: str | None = None
    holiday_overrides: str | None = None
    absences: tuple[Absence, ...] = ()
    calendars: tuple[MemberCalendar, ...] = ()
    source: str | None = None

    def period(self, today: date) -> tuple[date, date]:
        """The first and last day to plan: the configured year, else the year after ``today``."""
        year = self.year if self.year is not None else today.year + 1
        return date(year, 1, 1), date(year, 12, 31)

    def overrides(self, *, host: Registries | None = None) -> HolidayOverrides:
        """The district's holiday corrections (none when the file names none)."""
        if self.holiday_overrides is None:
            return HolidayOverrides()
        return HolidayOverrides.load(self.holiday_overrides, host=host)

    def blocked_times(self, start: date, end: date, *, data: NetworkData | None = None) -> tuple[Absence | Busy, ...]:
        """The file's absences and its members' calendars read as busy time for ``start`` to ``end``.

        What ``PlanRequest.for_network(..., absences=...)`` takes. Each calendar is read (a file, or
        fetched from its address) with :func:`~integrationsnetz.read_busy`; with ``data``, the
        network's own meetings and series are left out of them (a member who accepted an
        invitation has the meeting in their calendar, and it must not block itself). A calendar
        that cannot be read raises :class:`InvalidData` naming the planning file and the field
        (``$.calendars[0].file``).
        """
        return self.read_calendars(start, end, data=data).blocked

    def read_calendars(self, start: date, end: date, *, data: NetworkData | None = None) -> CalendarTimes:
        """:meth:`blocked_times`, with a note for each calendar that left entries out (by line, never by title)."""
        from integrationsnetz.ingest.busy import read_busy

        found: list[Absence | Busy] = list(self.absences)
        notes: list[str] = []
        skip = _own_uids(self, data) if data is not None else frozenset()
        problems: list[str] = []
        for index, calendar in enumerate(self.calendars):
            field, where = ("file", calendar.file) if calendar.file is not None else ("url", calendar.url)
            assert where is not None
            try:
                times = read_busy(where, calendar.person_id, start=start, end=end, tentative=calendar.tentative,
                                  on_error=calendar.on_error, skip_uids=skip)  # fmt: skip
            except InvalidData as exc:
                named = f"{exc.source}: " if exc.source else ""
                problems.extend(f"$.calendars[{index}].{field}: {named}{problem}" for problem in exc.problems)
                continue
            found.extend(times.blocked())
            if times.skipped:
                shown_where = Path(calendar.file).name if calendar.file is not None else shown(where)
                notes.append(_note(calendar.person_id, shown_where, times.skipped, self.language))
        if problems:
            raise InvalidData(problems, source=self.source)
        return CalendarTimes(blocked=tuple(found), notes=tuple(notes))

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
        for index, calendar in enumerate(self.calendars):
            actor(f"$.calendars[{index}].person_id", calendar.person_id)
        return problems


def _own_uids(config: PlanConfig, data: NetworkData) -> frozenset[str]:
    """The UIDs the network's calendars give its meetings and series (the exporter's, from their ids)."""
    from integrationsnetz.exporters.ics_values import uid_for

    network = data.network.id
    series = {series.id for series in config.series} | {m.series_id for m in data.meetings if m.series_id}
    return frozenset(
        [uid_for(network, "series", series_id) for series_id in series]
        + [uid_for(network, "meeting", meeting.id) for meeting in data.meetings]
    )


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
    calendars = []
    for index, calendar in enumerate(config.calendars):
        if calendar.file is not None:
            path = (target.parent / calendar.file).resolve()
            if not path.is_file():
                problems.append(f"$.calendars[{index}].file: no file {calendar.file!r} next to the planning file")
            calendars.append(attrs.evolve(calendar, file=str(path)))
            continue
        if calendar.url is not None and not is_address(calendar.url):
            problems.append(
                f"$.calendars[{index}].url: expected an address starting with https://, http:// or webcal://, "
                f"got {shown(calendar.url) if '://' in calendar.url else repr(calendar.url)}"
            )
        elif calendar.url is not None:
            try:
                web_address(calendar.url)  # a host that cannot be read, a port that is no number
            except InvalidData as exc:
                problems.extend(f"$.calendars[{index}].url: {exc.source}: {problem}" for problem in exc.problems)
        calendars.append(calendar)
    if problems:
        raise InvalidData(problems, source=str(target))
    config = attrs.evolve(
        config, network=network, holiday_overrides=overrides, calendars=tuple(calendars), source=str(target)
    )
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
