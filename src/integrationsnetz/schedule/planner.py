"""The planner: series rules plus constraints in, meetings and a report of every change out.

:func:`plan` is pure and deterministic: the same request gives the same plan, byte for byte. It
works greedily in date order. Each session the rules ask for is tried on its nominal day first;
if a hard constraint blocks it, the series' policy moves it to the next allowed day in its window
(preferred weekdays first) or skips it. Soft constraints are avoided where the window allows and
reported where it does not. Every move, drop and compromise lands in the report with the
constraint that caused it, in words a coordinator reads::

    AG Wohnen: Fr 03.10.2025 ist Feiertag: Tag der Deutschen Einheit – verschoben auf Di 07.10.2025 14:00

Meetings already confirmed or held (and cancelled ones) are never moved: re-planning keeps them
and their ids, and plans the rest around them. Planned meetings keep their ids too, because an id
comes from the series and the session's nominal date, not from where the session ended up.

The report is what the store will hold once the plan is saved (:func:`save_plan`): a session an
earlier plan had placed and this one drops stays in the plan as *cancelled*, under its id and
with a higher revision, so a published calendar takes it back as a cancellation (an ``EXDATE`` of
the series' recurring event, ``STATUS:CANCELLED`` where a feed shows cancelled entries) rather
than an entry that silently vanishes; like every cancelled meeting it is kept as it is by later
plans. A session the rules no longer ask for at all is *withdrawn*: deleted by
:func:`save_plan`, so a rule changed back plans it afresh.

The request and the plan are in :mod:`~integrationsnetz.schedule.plans`, the search for one
session's slot in :mod:`~integrationsnetz.schedule.slots`; this module runs the plan and reports.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import attrs

from integrationsnetz.contract.bounds import FIRST_YEAR, LAST_YEAR, in_planning_years
from integrationsnetz.contract.constraints import Candidate, Constraint, unknown_constraint
from integrationsnetz.contract.holidays import HolidayCalendar, HolidayKind
from integrationsnetz.contract.plan_context import PlanContext, format_day, format_time
from integrationsnetz.contract.registries import default_host
from integrationsnetz.contract.series import (
    Occurrence,
    OnBlocked,
    Series,
    Strictness,
)
from integrationsnetz.errors import ScheduleError, WrongType
from integrationsnetz.model.meetings import Invitation, Meeting, MeetingStatus
from integrationsnetz.schedule.plans import Adjustment, Outcome, Plan, PlanRequest
from integrationsnetz.schedule.slots import find_slot, first_violation, last_day

if TYPE_CHECKING:
    from integrationsnetz.contract.registries import Registries

__all__ = ["FIXED_STATUSES", "Adjustment", "Outcome", "Plan", "PlanRequest", "plan"]

#: Statuses the planner never touches: the meeting stays where it is, with its id.
FIXED_STATUSES = frozenset({MeetingStatus.CONFIRMED, MeetingStatus.HELD, MeetingStatus.CANCELLED})


def plan(
    request: PlanRequest,
    *,
    constraints: Mapping[str, Constraint] | None = None,
    calendars: Mapping[str, HolidayCalendar] | None = None,
    host: Registries | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Plan:
    """Plan the series of ``request``; constraints and calendars default to the host's registries.

    ``progress`` (for a progress bar) is called with how many sessions are placed and how many
    there are in all, before the first and after each (the last call has both equal); it changes
    nothing in the plan.

    Raises :class:`~integrationsnetz.errors.ScheduleError` listing every rule that cannot work
    before any date is tried (unknown venue or constraint, empty period); a session that no day
    in its window can take is not an error but a ``dropped`` line in the report.
    """
    if not isinstance(request, PlanRequest):
        raise WrongType([f"plan: expected a PlanRequest (PlanRequest.for_network(...)), got {type(request).__name__}"])
    if constraints is None or calendars is None:
        chosen_host = host or default_host()
        constraints = chosen_host.schedule_constraints() if constraints is None else constraints
        calendars = chosen_host.holiday_calendars() if calendars is None else calendars
    _check(request, constraints)
    planner = _Planner(request, constraints, calendars)
    planner.check_holiday_data()
    return planner.run(progress)


def _check(request: PlanRequest, constraints: Mapping[str, Constraint]) -> None:
    problems: list[str] = []
    if request.end < request.start:
        problems.append(f"the period ends ({request.end.isoformat()}) before it starts ({request.start.isoformat()})")
    for name, day in (("start", request.start), ("end", request.end)):
        if not in_planning_years(day):
            problems.append(f"{name}: expected a date in the years {FIRST_YEAR} to {LAST_YEAR}, got {day.isoformat()}")
    venues = {venue.id: venue for venue in request.venues}
    seen: set[str] = set()
    for series in request.series:
        where = f"series {series.id!r}"
        if series.id in seen:
            problems.append(f"{where}: two series have this id")
        seen.add(series.id)
        for code in series.strictness:
            if code not in constraints:
                problems.append(f"{where}: strictness[{code!r}]: {unknown_constraint(code, constraints)}")
        if request.group_ids is not None and series.group_id is not None and series.group_id not in request.group_ids:
            problems.append(f"{where}: group_id: no working group with id {series.group_id!r}")
        if request.actor_ids is not None:
            named = [
                (f"participant_ids[{position}]", actor_id) for position, actor_id in enumerate(series.participant_ids)
            ]
            named += [("organizer_id", series.organizer_id)] if series.organizer_id is not None else []
            for field, actor_id in named:
                if actor_id not in request.actor_ids:
                    problems.append(f"{where}: {field}: no person or organisation with id {actor_id!r}")
        for position, option in enumerate(series.venues):
            venue = venues.get(option.venue_id)
            if venue is None:
                problems.append(f"{where}: venues[{position}]: no venue with id {option.venue_id!r}")
            elif option.room_id is not None and venue.room(option.room_id) is None:
                rooms = ", ".join(room.id for room in venue.rooms) or "none"
                problems.append(
                    f"{where}: venues[{position}]: venue {option.venue_id!r} has no room {option.room_id!r} "
                    f"(rooms: {rooms})"
                )
    if request.actor_ids is not None:
        for position, absence in enumerate(request.absences):
            if absence.person_id not in request.actor_ids:
                problems.append(f"absences[{position}]: no person or organisation with id {absence.person_id!r}")
    if problems:
        raise ScheduleError("the plan cannot start:\n" + "\n".join(f"  {problem}" for problem in problems))


class _Planner:
    """One run of the greedy planner (state lives here, never in module globals)."""

    def __init__(
        self, request: PlanRequest, constraints: Mapping[str, Constraint], calendars: Mapping[str, HolidayCalendar]
    ) -> None:
        self.request = request
        self.context = PlanContext(
            state=request.state,
            language=request.language,
            calendars=[calendars[code] for code in sorted(calendars)],
            overrides=request.overrides,
            venues=request.venues,
            absences=request.absences,
            labels=request.labels,
        )
        self.rules: dict[str, tuple[list[Constraint], list[Constraint]]] = {}
        for series in request.series:
            hard: list[Constraint] = []
            soft: list[Constraint] = []
            for code in sorted(constraints):
                constraint = constraints[code]
                strictness = series.strictness.get(code, constraint.strictness)
                if strictness is Strictness.HARD:
                    hard.append(constraint)
                elif strictness is Strictness.SOFT:
                    soft.append(constraint)
            self.rules[series.id] = (hard, soft)
        self.report: list[Adjustment] = []
        self.warnings: list[str] = []

    def say(self, *, de: str, en: str) -> str:
        return self.context.say(de=de, en=en)

    def check_holiday_data(self) -> None:
        """Refuse hard holiday rules, and warn about soft ones, where no calendar has data for the days.

        Without this, a year the holiday data does not reach yet would plan as if it had no
        holidays at all.
        """
        missing: dict[tuple[Strictness, str, HolidayKind, date, date], list[str]] = {}
        for series in sorted(self.request.series, key=lambda s: s.id):
            occurrences = series.occurrences(self.request.start, self.request.end)
            if not occurrences:
                continue
            first = occurrences[0].day
            last = max(last_day(series, occurrence) for occurrence in occurrences)
            hard, soft = self.rules[series.id]
            for strictness, constraints in ((Strictness.HARD, hard), (Strictness.SOFT, soft)):
                for constraint in constraints:
                    if constraint.holiday_kind is None:
                        continue
                    for gap in self.context.unknown_holidays(constraint.holiday_kind, first, last):
                        key = (strictness, constraint.code, constraint.holiday_kind, *gap)
                        missing.setdefault(key, []).append(series.id if strictness is Strictness.HARD else series.title)
        state = self.request.state.value
        problems = []
        for (strictness, code, kind, gap_first, gap_last), series_named in sorted(missing.items()):
            years = _years(gap_first, gap_last)
            if strictness is Strictness.HARD:
                names = ", ".join(repr(series_id) for series_id in series_named)
                problems.append(
                    f"{_KIND_WORDS[kind][1]} of {state} are not known for {years} ({gap_first.isoformat()} to "
                    f"{gap_last.isoformat()}), but {code} is hard for series {names}"
                )
                continue
            period = f"{self.context.day_text(gap_first)} – {self.context.day_text(gap_last)}"
            names = ", ".join(series_named)
            self.warnings.append(
                self.say(
                    de=f"{_KIND_WORDS[kind][0]} in {state} für {years} nicht bekannt ({period}): "
                    f"{names} ohne sie geplant ({code} ist weich) – Termine als [[add]] und den Zeitraum als "
                    "[[known]] in einer Feiertagsdatei (holiday_overrides) ergänzen",
                    en=f"{_KIND_WORDS[kind][1]} of {state} not known for {years} ({period}): {names} planned "
                    f"without them ({code} is soft) – add the dates as [[add]] entries and the period as a "
                    "[[known]] entry in a holiday corrections file (holiday_overrides)",
                )
            )
        if problems:
            raise ScheduleError(
                "the plan cannot start: holiday data is missing\n"
                + "\n".join(f"  {problem}" for problem in problems)
                + "\n  to plan there, list the dates in a holiday corrections file: [[add]] entries for the days "
                "and a [[known]] entry for the period, as in integrationsnetz/schedule/data/holiday_overrides.toml; "
                "name the file as holiday_overrides in the planning file (PlanRequest.overrides in Python), "
                "or make the rule soft for these series"
            )

    def run(self, progress: Callable[[int, int], None] | None = None) -> Plan:
        request = self.request
        series_ids = {series.id for series in request.series}
        kept: dict[str, Meeting] = {}
        replaceable: dict[str, Meeting] = {}
        queue: list[tuple[date, int, str, int, Occurrence, Series]] = []
        for series in sorted(request.series, key=lambda s: s.id):
            occurrences = series.occurrences(request.start, request.end)
            if not occurrences:
                self.warnings.append(self._nothing_to_plan(series))
            for ordinal, occurrence in enumerate(occurrences):
                queue.append((occurrence.day, _rank(series), series.id, ordinal, occurrence, series))
        queue.sort(key=lambda item: item[:4])
        asked = {series.meeting_id(occurrence) for *_, occurrence, series in queue}
        for meeting in sorted(request.existing, key=lambda m: m.id):
            ours = meeting.series_id in series_ids and (
                meeting.id in asked or request.start <= self.context.local_day(meeting.start) <= request.end
            )
            if ours and meeting.status is MeetingStatus.PLANNED:
                replaceable[meeting.id] = meeting
                continue
            self.context.book(meeting)  # another period's meetings of the series only keep their gaps
            if meeting.series_id in series_ids and meeting.status is MeetingStatus.CANCELLED:
                # a gap around a cancelled session is no reason to drop the next one
                self.context.drop(meeting.series_id, self.context.local_day(meeting.start))
            if ours:
                kept[meeting.id] = meeting

        meetings: list[Meeting] = []
        for done, (*_, ordinal, occurrence, series) in enumerate(queue, start=1):
            if progress is not None:
                progress(done - 1, len(queue))
            meeting_id = series.meeting_id(occurrence)
            fixed = kept.pop(meeting_id, None)
            if fixed is not None:
                meetings.append(fixed)
                self._check_fixed(series, fixed, occurrence)
                continue
            previous = replaceable.pop(meeting_id, None)
            placed = self._place(series, occurrence, ordinal, meeting_id, previous)
            if placed is None:
                self.context.drop(series.id, occurrence.day)
                if previous is not None:  # it may be published: it stays, cancelled, under its UID
                    meetings.append(attrs.evolve(previous, status=MeetingStatus.CANCELLED))
            else:
                self.context.book(placed)
                meetings.append(placed)
        if progress is not None:
            progress(len(queue), len(queue))
        meetings.extend(kept.values())  # confirmed sessions the rules no longer ask for: still kept
        for meeting in replaceable.values():
            self.report.append(
                Adjustment(
                    series_id=meeting.series_id or "",
                    meeting_id=meeting.id,
                    outcome=Outcome.WITHDRAWN,
                    nominal=meeting.start.date(),
                    start=None,
                    constraints=(),
                    message=self.say(
                        de=f"{meeting.title}: {format_day(meeting.start.date(), 'de')} gehört nicht mehr zum Plan "
                        "(Regel geändert) – entfällt",
                        en=f"{meeting.title}: {format_day(meeting.start.date(), 'en')} is no longer part of the plan "
                        "(rules changed) – withdrawn",
                    ),
                )
            )
        meetings.sort(key=lambda m: (m.start, m.id))
        return Plan(
            meetings=tuple(meetings),
            report=tuple(self.report),
            withdrawn=tuple(sorted(replaceable.values(), key=lambda m: m.id)),
            language=request.language,
            warnings=tuple(self.warnings),
        )

    def _nothing_to_plan(self, series: Series) -> str:
        """Why a series gets no session in the period, so "0 Termine" never stands unexplained."""
        start, end, day = self.request.start, self.request.end, self.context.day_text
        period = f"{day(start)} – {day(end)}"
        if (series.start is not None and series.start > end) or (series.end is not None and series.end < start):
            own = f"{day(series.start) if series.start else '…'} – {day(series.end) if series.end else '…'}"
            return self.say(
                de=f"{series.title}: keine Termine – die Reihe gilt {own} (start/end), außerhalb von {period}",
                en=f"{series.title}: no sessions – the series runs {own} (start/end), outside {period}",
            )
        last = min(end, series.end) if series.end else end
        first = getattr(series.rule, "first", None)
        if isinstance(first, date) and first > last:
            return self.say(
                de=f"{series.title}: keine Termine – der erste Termin der Regel (first) ist {day(first)}, "
                f"nach dem Ende des Zeitraums {day(last)}",
                en=f"{series.title}: no sessions – the rule's first session (first) is {day(first)}, "
                f"after the period ends on {day(last)}",
            )
        return self.say(
            de=f"{series.title}: keine Termine – die Regel ergibt in {period} keinen Tag",
            en=f"{series.title}: no sessions – the rule gives no day in {period}",
        )

    # -- one session --------------------------------------------------------------------------

    def _place(
        self, series: Series, occurrence: Occurrence, ordinal: int, meeting_id: str, previous: Meeting | None
    ) -> Meeting | None:
        hard, soft = self.rules[series.id]
        last = last_day(series, occurrence)
        found = find_slot(
            series, occurrence, ordinal, meeting_id, last=last, hard=hard, soft=soft, context=self.context
        )
        if found.candidate is not None:
            return self._accept(
                series=series,
                occurrence=occurrence,
                candidate=found.candidate,
                first_block=found.first_block,
                softs=found.softs,
                last=last,
                previous=previous,
            )
        self._report_drop(
            series=series,
            occurrence=occurrence,
            meeting_id=meeting_id,
            first_block=found.first_block,
            blocked_by=found.blocked_by,
            last=last,
        )
        return None

    def _accept(
        self,
        *,
        series: Series,
        occurrence: Occurrence,
        candidate: Candidate,
        first_block: tuple[str, str] | None,
        softs: tuple[tuple[str, str], ...],
        last: date,
        previous: Meeting | None,
    ) -> Meeting:
        meeting = _meeting(self.request.network_id, series, candidate, previous)
        nominal_start = datetime.combine(occurrence.day, series.times[0].start, tzinfo=ZoneInfo(series.timezone))
        moved = candidate.start != nominal_start
        if moved and first_block is not None:
            where = self._when(candidate, with_day=candidate.day != occurrence.day)
            text = self.say(de=f"verschoben auf {where}", en=f"moved to {where}")
            codes = [first_block[0]]
            if softs:
                codes += [code for code, _ in softs if code not in codes]
                text += self.say(de=" (trotz: ", en=" (despite: ") + "; ".join(reason for _, reason in softs) + ")"
            self.report.append(
                Adjustment(
                    series_id=series.id,
                    meeting_id=meeting.id,
                    outcome=Outcome.MOVED,
                    nominal=occurrence.day,
                    start=candidate.start,
                    constraints=tuple(codes),
                    message=f"{series.title}: {first_block[1]} – {text}",
                )
            )
        elif softs:
            until = self.context.day_text(last)
            self.report.append(
                Adjustment(
                    series_id=series.id,
                    meeting_id=meeting.id,
                    outcome=Outcome.COMPROMISE,
                    nominal=occurrence.day,
                    start=candidate.start,
                    constraints=tuple(code for code, _ in softs),
                    message=f"{series.title}: "
                    + "; ".join(reason for _, reason in softs)
                    + self.say(
                        de=f" – bleibt, kein besserer Termin bis {until}",
                        en=f" – kept, no better date until {until}",
                    ),
                )
            )
        return meeting

    def _report_drop(
        self,
        *,
        series: Series,
        occurrence: Occurrence,
        meeting_id: str,
        first_block: tuple[str, str] | None,
        blocked_by: Counter[str],
        last: date,
    ) -> None:
        day = self.context.day_text(occurrence.day)
        reason = first_block[1] if first_block else self.say(de="kein erlaubter Tag", en="no allowed day")
        if series.on_blocked is OnBlocked.SKIP:
            tail = self.say(de="entfällt (Regel: nicht verschieben)", en="skipped (rule: do not move)")
        else:
            counts = ", ".join(f"{code} {count}×" for code, count in sorted(blocked_by.items()))
            tail = self.say(
                de=f"entfällt: kein freier Termin bis {self.context.day_text(last)} ({counts})",
                en=f"dropped: no free date until {self.context.day_text(last)} ({counts})",
            )
        codes = tuple(dict.fromkeys([first_block[0]] if first_block else []) | dict.fromkeys(sorted(blocked_by)))
        self.report.append(
            Adjustment(
                series_id=series.id,
                meeting_id=meeting_id,
                outcome=Outcome.DROPPED,
                nominal=occurrence.day,
                start=None,
                constraints=codes,
                message=f"{series.title} {day}: {reason} – {tail}",
            )
        )

    def _check_fixed(self, series: Series, meeting: Meeting, occurrence: Occurrence) -> None:
        """A kept meeting is never moved, but the report says when it now clashes with a hard rule."""
        if meeting.status is MeetingStatus.CANCELLED:
            return
        candidate = Candidate(
            series=series,
            meeting_id=meeting.id,
            start=meeting.start,
            end=meeting.end,
            venue_id=meeting.venue_id,
            room_id=meeting.room_id,
        )
        hard, _soft = self.rules[series.id]
        violation = first_violation(candidate, hard, self.context)
        if violation is None:
            return
        status = (
            self.say(de="bestätigt", en="confirmed")
            if meeting.status is MeetingStatus.CONFIRMED
            else (self.say(de="gehalten", en="held"))
        )
        self.report.append(
            Adjustment(
                series_id=series.id,
                meeting_id=meeting.id,
                outcome=Outcome.CONFLICT,
                nominal=occurrence.day,
                start=meeting.start,
                constraints=(violation[0],),
                message=f"{series.title}: {violation[1]} – "
                + self.say(
                    de=f"Termin ist {status} und bleibt, bitte prüfen",
                    en=f"the meeting is {status} and stays; please check",
                ),
            )
        )

    def _when(self, candidate: Candidate, *, with_day: bool) -> str:
        time_text = format_time(candidate.start)
        return f"{self.context.day_text(candidate.day)} {time_text}" if with_day else time_text


#: How the report names a kind of holidays, in German and in English.
_KIND_WORDS = {
    HolidayKind.PUBLIC: ("Feiertage", "public holidays"),
    HolidayKind.SCHOOL: ("Schulferien", "school holidays"),
    HolidayKind.LOCAL: ("Örtliche freie Tage", "local days off"),
}


def _years(first: date, last: date) -> str:
    return str(first.year) if first.year == last.year else f"{first.year}–{last.year}"


def _rank(series: Series) -> int:
    # Network meetings pick first on a shared day: more people depend on them.
    return 0 if series.kind.value == "network" else 1


def _meeting(network_id: str, series: Series, candidate: Candidate, previous: Meeting | None) -> Meeting:
    if previous is not None:
        return attrs.evolve(
            previous,
            start=candidate.start,
            end=candidate.end,
            venue_id=candidate.venue_id,
            room_id=candidate.room_id,
            title=series.title,
        )
    return Meeting(
        id=candidate.meeting_id,
        network_id=network_id,
        kind=series.kind,
        title=series.title,
        start=candidate.start,
        end=candidate.end,
        group_id=series.group_id,
        venue_id=candidate.venue_id,
        room_id=candidate.room_id,
        organizer_id=series.organizer_id,
        invitations=tuple(Invitation(actor_id=actor_id) for actor_id in series.participant_ids),
        series_id=series.id,
        description=series.description,
    )
