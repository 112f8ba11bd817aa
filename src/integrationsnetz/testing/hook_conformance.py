"""Conformance suites for the planner's hooks and the converter hook: subclass them in your plugin's tests.

A constraint (``register_schedule_constraints``), a holiday calendar
(``register_holiday_calendars``) and the types a plugin teaches the converter
(``configure_converter``) each have their checks, beside the exporter, importer and store suites::

    from integrationsnetz.testing.hook_conformance import (
        ConstraintConformance, ConverterConformance, HolidayCalendarConformance,
    )

    class TestCouncilWeek(ConstraintConformance):
        code = "council-week"
        plugins = (integrationsnetz_wartburgkreis,)

    class TestEisenachDays(HolidayCalendarConformance):
        code = "eisenach-local"
        plugins = (integrationsnetz_wartburgkreis,)

    class TestDecimals(ConverterConformance):
        plugins = (integrationsnetz_wartburgkreis,)
        values = (Decimal("12.50"),)

What they prove: the hook is registered under its key; a constraint answers None or a reason in
German and in English for a year of candidate sessions, the same answer every time, and the
planner never places a session it refuses when it is hard; a calendar gives named days of the
asked year, the same days in both languages and on every call, and the planner keeps sessions
off them; a value goes through the host's codec (plain data and JSON) and comes back equal.
For property tests of your own, :mod:`integrationsnetz.testing.schedule` has a district office,
typical series and ``plan_requests()``, a Hypothesis strategy of tangled plan requests.
Needs pytest: ``pip install 'integrationsnetz[testing]'``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime, time, timedelta
from typing import Any, ClassVar

try:
    import pytest
except ImportError as exc:
    raise ImportError(
        "integrationsnetz.testing.hook_conformance needs pytest, which is not installed: "
        "pip install 'integrationsnetz[testing]'",
        name=exc.name,
    ) from exc

from integrationsnetz.model import State
from integrationsnetz.plugins import PluginHost
from integrationsnetz.schedule import (
    Candidate,
    Constraint,
    HolidayCalendar,
    HolidayKind,
    Language,
    Plan,
    PlanContext,
    PlanRequest,
    Series,
    Strictness,
    TimeSlot,
    Weekday,
    Weekly,
    plan,
)
from integrationsnetz.testing.schedule import BERLIN, district_office, working_group

#: The constraint that blocks the days of each kind of calendar.
CONSTRAINT_OF_KIND: Mapping[HolidayKind, str] = {
    HolidayKind.PUBLIC: "public-holiday",
    HolidayKind.SCHOOL: "school-holiday",
    HolidayKind.LOCAL: "local-holiday",
}
LANGUAGES: tuple[Language, ...] = ("de", "en")


class _HookSuite:
    #: Extra plugin modules or objects to register on the test host, besides the built-ins.
    plugins: ClassVar[tuple[object, ...]] = ()

    @pytest.fixture
    def host(self) -> PluginHost:
        """A fresh host with the built-ins and :attr:`plugins`, no installed entry points."""
        return PluginHost(entry_points=False, plugins=self.plugins)


class ConstraintConformance(_HookSuite):
    """What every schedule constraint must do. Set ``code`` and ``plugins``."""

    code: ClassVar[str] = ""
    #: Whose holidays the candidates' context knows, and the year the candidates fill.
    state: ClassVar[State] = State.TH
    year: ClassVar[int] = 2027
    #: False for a constraint that needs the planner's bookings (who is busy, which room is taken):
    #: the planner check then cannot judge a placed session again in a fresh context, and is skipped.
    judges_candidate_alone: ClassVar[bool] = True

    def constraint(self, host: PluginHost) -> Constraint:
        return host.schedule_constraints()[self.code]

    def context(self, host: PluginHost, language: Language = "de") -> PlanContext:
        """A planner's context: the state's calendars, the district office, nobody booked yet."""
        return PlanContext(
            state=self.state, language=language, calendars=host.holiday_calendars().values(),
            venues=(district_office(),),
        )  # fmt: skip

    def candidates(self) -> Iterator[Candidate]:
        """Every day of :attr:`year` at 09:00 and at 14:00, in room A of the district office."""
        series = working_group("conformance", date(self.year, 1, 5))
        day = date(self.year, 1, 1)
        while day.year == self.year:
            for hour in (9, 14):
                start = datetime.combine(day, time(hour), tzinfo=BERLIN)
                yield Candidate(
                    series=series, meeting_id=f"conformance-{day:%Y%m%d}-{hour}", start=start,
                    end=start + timedelta(hours=2), venue_id="landratsamt", room_id="raum-a",
                )  # fmt: skip
            day += timedelta(days=1)

    def test_registered_through_the_hook(self, host: PluginHost) -> None:
        """The code is in the host's registry with a description and a default strictness."""
        constraint = self.constraint(host)
        assert constraint.code == self.code
        assert constraint.description.strip()
        assert isinstance(constraint.strictness, Strictness)

    def test_answers_none_or_a_reason_in_both_languages(self, host: PluginHost) -> None:
        """A reason is a non-blank text, given in German and in English for the same candidates."""
        check = self.constraint(host).check
        german, english = self.context(host, "de"), self.context(host, "en")
        for candidate in self.candidates():
            de, en = check(candidate, german), check(candidate, english)
            assert de is None or (isinstance(de, str) and de.strip()), f"{candidate.start}: {de!r}"
            assert (de is None) == (en is None), f"{candidate.start}: German {de!r}, English {en!r}"

    def test_same_candidate_same_answer(self, host: PluginHost) -> None:
        """Pure: the planner is deterministic only if every constraint is."""
        check = self.constraint(host).check
        context = self.context(host)
        first = [check(candidate, context) for candidate in self.candidates()]
        assert [check(candidate, self.context(host)) for candidate in self.candidates()] == first

    def test_the_planner_never_places_a_session_it_refuses(self, host: PluginHost) -> None:
        """Hard, the constraint keeps every planned session of a weekly series for the year."""
        if not self.judges_candidate_alone:
            pytest.skip(f"{self.code} needs the planner's bookings")
        check = self.constraint(host).check
        refused = [c.day for c in self.candidates() if check(c, self.context(host)) is not None]
        if not refused:
            pytest.skip(f"{self.code} refuses no candidate in {self.year}")
        series, result = _plan_weekly(host, self.state, refused[0], {self.code: Strictness.HARD})
        context = self.context(host)
        assert result.live(), "the planner placed nothing"
        for meeting in result.live():
            candidate = Candidate(
                series=series, meeting_id=meeting.id,
                start=meeting.start, end=meeting.end, venue_id=meeting.venue_id, room_id=meeting.room_id,
            )  # fmt: skip
            assert check(candidate, context) is None, f"the planner placed {meeting.start} although {self.code} refuses"


class HolidayCalendarConformance(_HookSuite):
    """What every holiday calendar must do. Set ``code`` and ``plugins``; ``years`` and ``states`` if you like."""

    code: ClassVar[str] = ""
    states: ClassVar[tuple[State, ...]] = tuple(State)
    years: ClassVar[tuple[int, ...]] = (2026, 2027)

    def calendar(self, host: PluginHost) -> HolidayCalendar:
        return host.holiday_calendars()[self.code]

    def test_registered_through_the_hook(self, host: PluginHost) -> None:
        """The code is in the host's registry with a kind and a description."""
        calendar = self.calendar(host)
        assert calendar.code == self.code
        assert isinstance(calendar.kind, HolidayKind)
        assert calendar.description.strip()

    def test_days_are_named_days_of_the_asked_year(self, host: PluginHost) -> None:
        """``days`` maps dates (not date-times) of that year to non-blank names, in every language."""
        calendar = self.calendar(host)
        for state in self.states:
            for year in self.years:
                for language in LANGUAGES:
                    days = calendar.days(state, year, language)
                    assert isinstance(days, Mapping), f"days({state}, {year}) gave {type(days).__name__}"
                    for day, name in days.items():
                        assert type(day) is date, f"days({state}, {year}): {day!r} is not a date"
                        assert day.year == year, f"days({state}, {year}) gave {day}"
                        assert isinstance(name, str), f"days({state}, {year}): {day} has {name!r}"
                        assert name.strip(), f"days({state}, {year}): {day} has a blank name"

    def test_same_days_in_every_language_and_on_every_call(self, host: PluginHost) -> None:
        """Only the names change with the language; the answer does not change between calls."""
        calendar = self.calendar(host)
        for state in self.states:
            for year in self.years:
                german = dict(calendar.days(state, year, "de"))
                assert set(calendar.days(state, year, "en")) == set(german), f"{state} {year}"
                assert dict(calendar.days(state, year, "de")) == german, f"{state} {year}"

    def test_known_periods_are_ordered(self, host: PluginHost) -> None:
        """Each period the calendar knows is a first and a last day, first not after last."""
        calendar = self.calendar(host)
        if calendar.known is None:
            return
        for state in self.states:
            for first, last in calendar.known(state):
                assert type(first) is date, f"known({state}): {first!r} is not a date"
                assert type(last) is date, f"known({state}): {last!r} is not a date"
                assert first <= last, f"known({state}): {first} is after {last}"

    def test_the_planner_keeps_sessions_off_its_days(self, host: PluginHost) -> None:
        """A weekly series that meets on one of its days is moved off it (its constraint made hard)."""
        calendar = self.calendar(host)
        found = [
            (state, day) for state in self.states for year in self.years
            for day in sorted(calendar.days(state, year, "de")) if day.weekday() < 5 and _known(calendar, state, day)
        ]  # fmt: skip
        if not found:
            pytest.skip(f"{self.code} has no working day in {self.years}")
        state, day = found[0]
        strictness = {CONSTRAINT_OF_KIND[calendar.kind]: Strictness.HARD}
        _, result = _plan_weekly(host, state, day, strictness)
        assert result.live(), "the planner placed nothing"
        blocked = set(calendar.days(state, day.year, "de"))
        assert [m.start for m in result.live() if m.start.date() in blocked] == []


class ConverterConformance(_HookSuite):
    """What a ``configure_converter`` hook must do: set ``values`` to instances of the types it adds."""

    values: ClassVar[tuple[Any, ...]] = ()

    def test_values_survive_the_codec(self, host: PluginHost) -> None:
        """Plain data and JSON bytes, and back: equal, of the same type, with the plugin's hooks."""
        assert self.values, "set values to examples of the types your configure_converter handles"
        for value in self.values:
            cls = type(value)
            plain = host.codec.unstructure(value)
            again = host.codec.structure(plain, cls)
            assert type(again) is cls, f"{value!r} came back as {again!r}"
            assert again == value, f"{value!r} came back as {again!r}"
            decoded = host.codec.loads(host.codec.dumps(value), cls)
            assert type(decoded) is cls, f"{value!r} came back from JSON as {decoded!r}"
            assert decoded == value, f"{value!r} came back from JSON as {decoded!r}"

    def test_the_hook_is_registered(self, host: PluginHost) -> None:
        """At least one of :attr:`plugins` implements ``configure_converter``."""
        names = {host.pm.get_name(plugin) for plugin in self.plugins}
        implementers = {impl.plugin_name for impl in host.pm.hook.configure_converter.get_hookimpls()}
        assert names & implementers, "none of the plugins implements configure_converter"


def _known(calendar: HolidayCalendar, state: State, day: date) -> bool:
    return calendar.known is None or any(first <= day <= last for first, last in calendar.known(state))


def _plan_weekly(
    host: PluginHost, state: State, day: date, strictness: Mapping[str, Strictness]
) -> tuple[Series, Plan]:
    """A plan of a weekly session on ``day``'s weekday, around ``day``, in the district office."""
    weekday = Weekday.of(day)
    tuesday = day - timedelta(days=(day.weekday() - 1) % 7)  # working_group() starts from a Tuesday rule
    series = working_group(
        "conformance", tuesday, rule=Weekly(weekday=weekday, every_weeks=1, first=day - timedelta(weeks=2)),
        times=(TimeSlot(start=time(9), end=time(11)), TimeSlot(start=time(14), end=time(16))),
        weekdays=tuple(w for w in list(Weekday)[:5] if w is not weekday), min_gap_days=0, max_gap_days=None,
        move_window_days=3, strictness=dict(strictness),
    )  # fmt: skip
    request = PlanRequest(
        network_id="netz", state=state, start=day - timedelta(weeks=2), end=day + timedelta(weeks=3),
        series=(series,), venues=(district_office(),),
    )  # fmt: skip
    return series, plan(request, host=host)
