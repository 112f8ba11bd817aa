"""Where the Einladung's parts come from when the data leaves them open: the registration address, the date.

- A network without a public mailbox: the letter names the sending office's functional mailbox
  for the registration and under "Kontakt" (an organisation's address is no person's data).
- Without ``stamp`` the letter is dated by the meeting's last change, never by the clock, so the
  same data gives the same Markdown and the same Word bytes on any day.
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime

import attrs
import pytest
import wartburgkreis
from hypothesis import given
from hypothesis import strategies as st

import integrationsnetz as inz
from integrationsnetz import ExportOptions, NetworkData

MEETING = wartburgkreis.MEETING_ID


@pytest.fixture(scope="module")
def data() -> NetworkData:
    return wartburgkreis.build()


def _letter(data: NetworkData, fmt: str = "markdown", **options: object) -> bytes:
    return inz.export(data, fmt, select=MEETING, options=ExportOptions(document="invitation", **options))  # type: ignore[arg-type]


def test_without_a_network_mailbox_the_office_mailbox_takes_the_registration(data: NetworkData) -> None:
    silent = attrs.evolve(data, network=attrs.evolve(data.network, contacts=()))
    text = _letter(silent, stamp=datetime(2024, 9, 20, tzinfo=UTC)).decode()
    assert "Bitte melden Sie sich an: <integration@wartburgkreis.de>." in text
    assert "## Kontakt" in text
    assert "E-Mail <integration@wartburgkreis.de>" in text.split("## Kontakt", 1)[1]


def test_without_stamp_the_letter_is_dated_by_the_meetings_last_change(
    data: NetworkData, monkeypatch: pytest.MonkeyPatch
) -> None:
    changed = datetime(2024, 9, 12, 15, tzinfo=UTC)
    meeting = attrs.evolve(data.get(inz.Meeting, MEETING), modified=changed)
    dated = attrs.evolve(data, meetings=tuple(meeting if m.id == MEETING else m for m in data.meetings))
    text = _letter(dated).decode()
    assert "Bad Salzungen, 12. September 2024" in text

    class Tomorrow(date):
        @classmethod
        def today(cls) -> Tomorrow:
            return cls(2031, 1, 2)

    from integrationsnetz.exporters import letters

    first = _letter(dated, "docx")
    monkeypatch.setattr(letters, "date", Tomorrow)
    assert _letter(dated, "docx") == first
    assert _letter(dated).decode() == text


def _meeting(start: datetime, durations: list[int]) -> inz.Meeting:
    from datetime import timedelta

    agenda = tuple(inz.AgendaItem(kind="input", title=f"Punkt {n}", minutes=m) for n, m in enumerate(durations))
    return inz.Meeting(id="nacht", network_id="n", kind=inz.MeetingKind.NETWORK, title="Lange Nacht", start=start,
                       end=start + timedelta(minutes=sum(durations) + 1), agenda=agenda)  # fmt: skip


def test_agenda_times_follow_the_wall_clock_on_the_night_the_clocks_change() -> None:
    from zoneinfo import ZoneInfo

    from integrationsnetz.exporters.letters import agenda_times

    berlin = ZoneInfo("Europe/Berlin")
    spring = _meeting(datetime(2025, 3, 30, 1, 0, tzinfo=berlin), [60, 60])
    assert agenda_times(spring) == ["01:00–03:00", "03:00–04:00"]  # 02:00 does not exist that night
    autumn = _meeting(datetime(2025, 10, 26, 2, 0, tzinfo=berlin), [60, 60])
    assert agenda_times(autumn) == ["02:00–02:00", "02:00–03:00"]  # 02:00 summer time, then 02:00 winter time


@given(start=st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2026, 12, 31), timezones=st.just(UTC)),
       durations=st.lists(st.integers(min_value=1, max_value=240), min_size=1, max_size=6))  # fmt: skip
def test_the_agenda_ends_when_its_items_are_over(start: datetime, durations: list[int]) -> None:
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    from integrationsnetz.exporters.letters import agenda_times

    times = agenda_times(_meeting(start, durations))
    over = (start + timedelta(minutes=sum(durations))).astimezone(ZoneInfo("Europe/Berlin"))
    assert times[-1].endswith(f"–{over:%H:%M}")
    assert all(a.split("–")[1] == b.split("–")[0] for a, b in itertools.pairwise(times))
