"""Test support for the planner: a district office, typical series, and Hypothesis strategies.

Plugin authors use these to test their own constraints against the planner's invariants.
Hypothesis is imported only by :func:`plan_requests`, so the module loads without it.
"""

from __future__ import annotations

from datetime import date, time

from integrationsnetz.model import Address, MeetingKind, Room, Venue
from integrationsnetz.schedule import (
    Season,
    Seasonal,
    Series,
    TimeSlot,
    VenueOption,
    Weekday,
    Weekly,
)

COORDINATORS = ("koordination-1", "koordination-2")


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
