"""Order and length of timed values follow the real instants, also across the DST switch."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from integrationsnetz.model import MeetingKind, Timed
from integrationsnetz.model.meetings import Meeting

BERLIN = ZoneInfo("Europe/Berlin")
# 27 Oct 2024: 03:00 CEST becomes 02:00 CET; 02:30 happens twice (fold=0, then fold=1).
FIRST_0230 = datetime(2024, 10, 27, 2, 30, tzinfo=BERLIN)
SECOND_0230 = datetime(2024, 10, 27, 2, 30, fold=1, tzinfo=BERLIN)
SECOND_0215 = datetime(2024, 10, 27, 2, 15, fold=1, tzinfo=BERLIN)


def meeting(start: datetime, end: datetime) -> Meeting:
    return Meeting(id="m", network_id="n", kind=MeetingKind.OTHER, title="Nachtsitzung", start=start, end=end)


def test_end_in_the_repeated_hour_is_after_a_start_in_the_first() -> None:
    """02:15 (second time) is 45 minutes after 02:30 (first time), though its wall clock is earlier."""
    assert meeting(FIRST_0230, SECOND_0215).duration == timedelta(minutes=45)
    assert Timed(start=FIRST_0230, end=SECOND_0215).end is SECOND_0215


def test_duration_across_the_switch_counts_real_time() -> None:
    """01:00 to 04:00 on the night the clocks go back lasts four hours, not three."""
    start = datetime(2024, 10, 27, 1, 0, tzinfo=BERLIN)
    end = datetime(2024, 10, 27, 4, 0, tzinfo=BERLIN)
    assert meeting(start, end).duration == timedelta(hours=4)


def test_end_before_start_in_real_time_is_refused() -> None:
    """02:30 (second) to 02:30 (first) runs backwards and is refused."""
    with pytest.raises(ValueError, match="is not after start"):
        meeting(SECOND_0230, FIRST_0230)
