"""Test support for the planner: a district office, typical series, and Hypothesis strategies.

Plugin authors use these to test their own constraints against the planner's invariants.
Hypothesis is imported only by :func:`plan_requests`, so the module loads without it.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from integrationsnetz.model import Address, Meeting, MeetingKind, MeetingStatus, Room, Venue
from integrationsnetz.schedule import (
    Season,
    Seasonal,
    Series,
    TimeSlot,
    VenueChoice,
    VenueOption,
    Weekday,
    Weekly,
)

COORDINATORS = ("koordination-1", "koordination-2")
BERLIN = ZoneInfo("Europe/Berlin")


def district_office() -> Venue:
    """The district office with two rooms of different size."""
    return Venue(
        id="landratsamt",
        network_id="netz",
        name="Landratsamt",
        address=Address(city="Bad Salzungen"),
        rooms=(Room(id="raum-a", name="Raum A", capacity=20), Room(id="raum-b", name="Raum B", capacity=12)),
    )


def working_group(series_id: str, first: date, **changes: object) -> Series:
    """A working group: every 6 weeks on Tuesday 14:00-16:00 in room A or B, co-led by both coordinators."""
    values: dict[str, object] = {
        "id": series_id,
        "title": f"AG {series_id}",
        "rule": Weekly(weekday=Weekday.TUESDAY, every_weeks=6, first=first),
        "times": (TimeSlot(start=time(14), end=time(16)),),
        "weekdays": (Weekday.WEDNESDAY, Weekday.THURSDAY),
        "min_gap_days": 28,
        "max_gap_days": 56,
        "participant_ids": COORDINATORS,
        "venues": (
            VenueOption(venue_id="landratsamt", room_id="raum-a"),
            VenueOption(venue_id="landratsamt", room_id="raum-b"),
        ),
        "expected_attendance": 10,
        "move_window_days": 3,
    }
    values.update(changes)
    return Series(**values)  # type: ignore[arg-type]


def network_meeting(**changes: object) -> Series:
    """Twice a year, spring and autumn, Monday 09:00-13:00."""
    values: dict[str, object] = {
        "id": "netzwerktreffen",
        "title": "Netzwerktreffen",
        "kind": MeetingKind.NETWORK,
        "rule": Seasonal(
            weekday=Weekday.MONDAY,
            seasons=(
                Season(label="Frühjahr", start="03-01", end="05-31"),
                Season(label="Herbst", start="09-15", end="11-30"),
            ),
        ),
        "times": (TimeSlot(start=time(9), end=time(13)),),
        "participant_ids": COORDINATORS,
        "min_gap_days": 90,
        "move_window_days": 60,
        "strictness": {"school-holiday": "hard"},
    }
    values.update(changes)
    return Series(**values)  # type: ignore[arg-type]


PEOPLE = ("p1", "p2", "p3", "p4")
_SLOTS = ((9, 11), (10, 12), (14, 16), (15, 17))


def plan_requests(state: object = None) -> Any:
    """A Hypothesis strategy for small but tangled plan requests: shared people and rooms, leave, tight gaps.

    Periods are a few months long so a property runs fast; states vary so different holidays bite.
    """
    try:
        from hypothesis import strategies as st
    except ImportError as exc:
        raise ImportError(
            "plan_requests() needs hypothesis, which is not installed: pip install 'integrationsnetz[testing]'",
            name=exc.name,
        ) from exc

    from integrationsnetz.model import State
    from integrationsnetz.schedule import Absence, MonthlyNth, OnBlocked, PlanRequest, Strictness

    weekdays = st.sampled_from(list(Weekday)[:5])
    slots = st.lists(st.sampled_from(_SLOTS), min_size=1, max_size=2, unique=True).map(
        lambda chosen: tuple(TimeSlot(start=time(a), end=time(b)) for a, b in chosen)
    )
    seasons = (
        Season(label="Frühjahr", start="03-01", end="05-31"),
        Season(label="Herbst", start="09-15", end="11-30"),
        Season(label="Winter", start="12-01", end="02-28", wraps=True),
    )
    rules = st.one_of(
        st.builds(Weekly, weekday=weekdays, every_weeks=st.integers(1, 4)),
        st.builds(MonthlyNth, weekday=weekdays, ordinal=st.sampled_from([1, 2, 3, 4, -1])),
        st.builds(
            Seasonal, weekday=weekdays, seasons=st.lists(st.sampled_from(seasons), min_size=1, unique=True).map(tuple)
        ),
    )
    options = (
        VenueOption(venue_id="landratsamt", room_id="raum-a"),
        VenueOption(venue_id="landratsamt", room_id="raum-b"),
        VenueOption(venue_id="landratsamt"),
    )

    @st.composite
    def series(draw: Any, index: int) -> Series:
        min_gap = draw(st.integers(0, 14))
        return Series(
            id=f"s{index}",
            title=f"Reihe {index}",
            rule=draw(rules),
            times=draw(slots),
            weekdays=tuple(draw(st.lists(weekdays, max_size=3, unique=True))),
            min_gap_days=min_gap,
            max_gap_days=draw(st.one_of(st.none(), st.integers(min_gap + 7, min_gap + 42))),
            participant_ids=tuple(draw(st.lists(st.sampled_from(PEOPLE), max_size=2, unique=True))),
            venues=tuple(draw(st.lists(st.sampled_from(options), max_size=2, unique=True))),
            venue_choice=draw(st.sampled_from(list(VenueChoice))),
            expected_attendance=draw(st.one_of(st.none(), st.integers(5, 25))),
            on_blocked=draw(st.sampled_from(list(OnBlocked))),
            move_window_days=draw(st.integers(0, 7)),
            strictness={"school-holiday": draw(st.sampled_from(list(Strictness)))},
        )

    @st.composite
    def requests(draw: Any) -> PlanRequest:
        start = date(draw(st.integers(2025, 2027)), draw(st.integers(1, 10)), 1)
        end = start + timedelta(days=draw(st.integers(45, 100)))
        count = draw(st.integers(1, 4))
        absences = []
        for _ in range(draw(st.integers(0, 3))):
            first = start + timedelta(days=draw(st.integers(0, (end - start).days)))
            absences.append(
                Absence(
                    person_id=draw(st.sampled_from(PEOPLE)),
                    start=first,
                    end=first + timedelta(days=draw(st.integers(0, 14))),
                )
            )
        obstacles = []
        for number in range(draw(st.integers(0, 4))):
            day = start + timedelta(days=draw(st.integers(0, (end - start).days)))
            hour = draw(st.integers(8, 16))
            place = draw(st.sampled_from([None, *options]))
            obstacles.append(
                Meeting(
                    id=f"fremd-{number}",
                    network_id="netz",
                    kind=MeetingKind.OTHER,
                    title=f"Fremdtermin {number}",
                    start=datetime.combine(day, time(hour), tzinfo=BERLIN),
                    end=datetime.combine(day, time(hour + 2), tzinfo=BERLIN),
                    organizer_id=draw(st.sampled_from(PEOPLE)),
                    venue_id=place.venue_id if place else None,
                    room_id=place.room_id if place else None,
                    status=draw(st.sampled_from([MeetingStatus.PLANNED, MeetingStatus.CONFIRMED])),
                )
            )
        return PlanRequest(
            network_id="netz",
            state=state if isinstance(state, State) else draw(st.sampled_from([State.TH, State.BY, State.NI])),
            start=start,
            end=end,
            series=tuple(draw(series(index)) for index in range(count)),
            venues=(district_office(),),
            absences=tuple(absences),
            existing=tuple(obstacles),
        )

    return requests()
