"""A year of meetings for 100 and for all 401 German districts: planning must grow linearly.

Each synthetic district has two coordinators who co-lead five working groups (every 6 weeks on
Tuesday, Wednesday or Thursday, room A or B of the district office, 4-8 week gaps) and a network
meeting in spring and autumn (Monday, school holidays hard), plus three weeks of leave and one
confirmed meeting already in the store. Districts cycle through the 16 states, so every state's
holidays are used. Holiday data is warmed up first (one district per state), then each size
is planned in the same run; the goal is at most 4.4x the time for 4.01x the districts, and one
district's year well under a second. Run: ``.venv/bin/python bench/schedule.py``.
"""

from __future__ import annotations

import statistics
import time as clock
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from integrationsnetz.model import Address, Meeting, MeetingKind, MeetingStatus, Room, State, Venue
from integrationsnetz.plugins import PluginHost
from integrationsnetz.schedule import (
    Absence,
    PlanRequest,
    Season,
    Seasonal,
    Series,
    TimeSlot,
    VenueOption,
    Weekday,
    Weekly,
    plan,
)

YEAR = 2027
ROUNDS = 5
STATES = tuple(State)
BERLIN = ZoneInfo("Europe/Berlin")
HOST = PluginHost(entry_points=False)
CONSTRAINTS = HOST.schedule_constraints()
CALENDARS = HOST.holiday_calendars()


def district(index: int) -> PlanRequest:
    """The planning request of synthetic district number ``index``."""
    network = f"netz-{index:03d}"
    coordinators = (f"{network}-k1", f"{network}-k2")
    office = Venue(
        id=f"{network}-lra",
        network_id=network,
        name="Landratsamt",
        address=Address(city=f"Kreisstadt {index}"),
        rooms=(Room(id="a", name="Raum A", capacity=20), Room(id="b", name="Raum B", capacity=12)),
    )
    rooms = (VenueOption(venue_id=office.id, room_id="a"), VenueOption(venue_id=office.id, room_id="b"))
    weekdays = (Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY)
    series = [
        Series(
            id=f"{network}-ag{group}",
            title=f"AG {group}",
            rule=Weekly(
                weekday=weekdays[(index + group) % 3],
                every_weeks=6,
                first=date(YEAR, 1, 5) + timedelta(weeks=group, days=(index + group) % 3),
            ),
            times=(TimeSlot(start=time(14), end=time(16)), TimeSlot(start=time(10), end=time(12))),
            weekdays=weekdays,
            min_gap_days=28,
            max_gap_days=56,
            expected_attendance=10 + group,
            participant_ids=coordinators,
            venues=rooms,
            move_window_days=7,
        )
        for group in range(5)
    ]
    series.append(
        Series(
            id=f"{network}-nt",
            title="Netzwerktreffen",
            kind=MeetingKind.NETWORK,
            rule=Seasonal(
                weekday=Weekday.MONDAY,
                seasons=(
                    Season(label="Frühjahr", start="03-01", end="05-31"),
                    Season(label="Herbst", start="09-15", end="11-30"),
                ),
            ),
            times=(TimeSlot(start=time(9), end=time(13)),),
            min_gap_days=90,
            participant_ids=coordinators,
            move_window_days=60,
            strictness={"school-holiday": "hard"},
        )
    )
    leave_start = date(YEAR, 7, 1) + timedelta(days=index % 40)
    confirmed = Meeting(
        id=f"{network}-kreistag",
        network_id=network,
        kind=MeetingKind.OTHER,
        title="Kreistagsausschuss",
        start=datetime(YEAR, 3, 9, 13, tzinfo=BERLIN),
        end=datetime(YEAR, 3, 9, 17, tzinfo=BERLIN),
        venue_id=office.id,
        room_id="a",
        organizer_id=coordinators[0],
        status=MeetingStatus.CONFIRMED,
    )
    return PlanRequest(
        network_id=network,
        state=STATES[index % len(STATES)],
        start=date(YEAR, 1, 1),
        end=date(YEAR, 12, 31),
        series=tuple(series),
        venues=(office,),
        existing=(confirmed,),
        absences=(Absence(person_id=coordinators[1], start=leave_start, end=leave_start + timedelta(days=20)),),
    )


def plan_districts(requests: list[PlanRequest]) -> tuple[float, int]:
    """CPU seconds to plan every request, and how many meetings came out.

    CPU time of this process, not wall time: the machine is shared, and other processes'
    load would otherwise decide the ratio.
    """
    started = clock.process_time()
    meetings = sum(len(plan(request, constraints=CONSTRAINTS, calendars=CALENDARS).meetings) for request in requests)
    return clock.process_time() - started, meetings


def main() -> None:
    """Print the times for 1, 100 and 401 districts and the growth ratio."""
    started = clock.perf_counter()
    first, _ = plan_districts([district(0)])
    print(f"first district, cold (imports holidays, builds its data): {first * 1000:.0f} ms")
    plan_districts([district(index) for index in range(len(STATES))])  # warm every state's holidays
    print(f"warm-up of all 16 states: {(clock.perf_counter() - started):.2f} s")

    singles = [plan_districts([district(index)])[0] * 1000 for index in range(20)]
    print(f"one district's year, warm: median {statistics.median(singles):.1f} ms, max {max(singles):.1f} ms")

    small = [district(index) for index in range(100)]
    large = [district(index) for index in range(401)]
    rounds = [(plan_districts(small), plan_districts(large)) for _ in range(ROUNDS)]
    small_time = statistics.median(r[0][0] for r in rounds)
    large_time = statistics.median(r[1][0] for r in rounds)
    ratio = large_time / small_time
    print(f"median of {ROUNDS} alternating rounds, CPU time")
    print(f"100 districts: {small_time:.2f} s ({rounds[0][0][1]} meetings)")
    print(f"401 districts: {large_time:.2f} s ({rounds[0][1][1]} meetings)")
    verdict = "linear" if ratio <= 4.4 else "NOT linear"
    print(f"ratio 401/100: {ratio:.2f}x for {401 / 100:.2f}x the work (goal <= 4.4x): {verdict}")


if __name__ == "__main__":
    main()
