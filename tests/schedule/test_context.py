"""The planner's view of bookings: clashes are decided by real instants, also when the clocks go back."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from integrationsnetz.model import Meeting, MeetingKind, State
from integrationsnetz.schedule import PlanContext
from integrationsnetz.testing.schedule import district_office

BERLIN = ZoneInfo("Europe/Berlin")


def at(hour: int, minute: int, *, second_time: bool = False) -> datetime:
    """A time on 25 Oct 2026, when 03:00 CEST becomes 02:00 CET and 02:00–02:59 happens twice."""
    return datetime(2026, 10, 25, hour, minute, fold=int(second_time), tzinfo=BERLIN)


def booked(start: datetime, end: datetime) -> PlanContext:
    context = PlanContext(state=State.NI, venues=(district_office(),))
    context.book(
        Meeting(
            id="nachtsitzung",
            network_id="netz",
            kind=MeetingKind.OTHER,
            title="Nachtsitzung",
            start=start,
            end=end,
            venue_id="landratsamt",
            room_id="raum-a",
            organizer_id="koordination-1",
        )
    )
    return context


@pytest.mark.parametrize(
    ("booking", "candidate", "clash"),
    [
        # 02:00–02:30 summer time, then 02:15–02:45 winter time: an hour apart, the clocks only look alike
        ((at(2, 0), at(2, 30)), (at(2, 15, second_time=True), at(2, 45, second_time=True)), False),
        # 02:30 summer time to 02:15 winter time lasts 45 minutes and holds 02:45 summer time
        ((at(2, 30), at(2, 15, second_time=True)), (at(2, 45), at(2, 50)), True),
    ],
)
def test_clashes_on_the_night_summer_time_ends_compare_instants(
    booking: tuple[datetime, datetime], candidate: tuple[datetime, datetime], clash: bool
) -> None:
    context = booked(*booking)
    assert (context.room_taken("landratsamt", "raum-a", *candidate) is not None) is clash
    assert (context.busy("koordination-1", *candidate) is not None) is clash
