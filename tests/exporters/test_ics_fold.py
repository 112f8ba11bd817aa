"""The repeated October hour: a meeting at 02:30 after the switch comes back as the same instant.

02:00-03:00 on the last Sunday of October happens twice in Berlin; the feed writes such times in
UTC. Feeds carry no ``X-WR-TIMEZONE``: the second test shows what it would do.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import attrs
import pytest

import integrationsnetz as inz
from integrationsnetz import ExportOptions, Meeting, NetworkData

BERLIN = ZoneInfo("Europe/Berlin")
STAMP = datetime(2026, 1, 1, tzinfo=UTC)
FIRST = datetime(2027, 10, 31, 2, 30, tzinfo=BERLIN)  # 00:30 UTC, summer time
SECOND = datetime(2027, 10, 31, 2, 30, tzinfo=BERLIN, fold=1)  # 01:30 UTC, an hour later, winter time


Expand = Callable[[bytes], list[tuple[str, str, str, str]]]


def _starts_with_icalendar(payload: bytes) -> list[str]:
    import icalendar

    return sorted(event.start.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
                  for event in icalendar.Calendar.from_ical(payload).events)  # fmt: skip


@pytest.fixture
def readers(rie: Expand, vob: Expand, icaljs: Expand) -> dict[str, Callable[[bytes], list[str]]]:
    """Each parser as the sorted start instants it reads (UTC)."""

    def starts(expand: Expand) -> Callable[[bytes], list[str]]:
        return lambda payload: [occurrence[0] for occurrence in expand(payload)]

    return {
        "icalendar": _starts_with_icalendar,
        "recurring-ical-events": starts(rie),
        "vobject": starts(vob),
        "ical.js": starts(icaljs),
    }


def _twice_at_half_past_two(sample: NetworkData) -> NetworkData:
    meeting = attrs.evolve(sample.meetings[0], series_id=None)
    meetings = tuple(
        attrs.evolve(meeting, id=f"fold-{n}", title=f"Treffen {n}", start=start, end=start + timedelta(minutes=45))
        for n, start in enumerate((FIRST, SECOND))
    )
    return attrs.evolve(sample, meetings=meetings, events=(), courses=())


@pytest.mark.parametrize("reader", ["icalendar", "recurring-ical-events", "vobject", "ical.js"])
def test_the_repeated_hour_comes_back_as_the_same_instant(
    sample: NetworkData, host: inz.PluginHost, readers: dict[str, Callable[[bytes], list[str]]], reader: str
) -> None:
    data = _twice_at_half_past_two(sample)
    payload = inz.export(data, "ics", options=ExportOptions(stamp=STAMP), host=host)
    assert b"X-WR-TIMEZONE" not in payload
    assert readers[reader](payload) == ["2027-10-31T00:30:00Z", "2027-10-31T01:30:00Z"]


def test_our_importer_reads_the_repeated_hour_back(sample: NetworkData, host: inz.PluginHost) -> None:
    data = _twice_at_half_past_two(sample)
    payload = inz.export(data, "ics", options=ExportOptions(stamp=STAMP), host=host)
    result = inz.import_from(io.BytesIO(payload), "ics", options=inz.ImportOptions(network_id="netz-wak"), host=host)
    starts = sorted(m.start.astimezone(UTC) for m in result.entities if isinstance(m, Meeting))
    assert starts == [FIRST.astimezone(UTC), SECOND.astimezone(UTC)]


def test_x_wr_timezone_adds_nothing_but_the_lost_hour(
    sample: NetworkData, host: inz.PluginHost, readers: dict[str, Callable[[bytes], list[str]]]
) -> None:
    """Why feeds carry no ``X-WR-TIMEZONE`` (``docs/reference/formats.md``): the RFC 5545 readers
    ignore it (every time names its zone), and a reader that applies it (recurring-ical-events,
    through the x-wr-timezone package, as Google does) reads the UTC time as Berlin wall time and
    puts the second 02:30 on the first. Should that reader one day keep the hour, this test fails:
    the decision could then be revisited, though no client needs the property for our feeds."""
    data = _twice_at_half_past_two(sample)
    payload = inz.export(data, "ics", options=ExportOptions(stamp=STAMP), host=host)
    with_it = payload.replace(b"METHOD:PUBLISH\r\n", b"METHOD:PUBLISH\r\nX-WR-TIMEZONE:Europe/Berlin\r\n", 1)
    assert with_it != payload
    for reader in ("icalendar", "vobject", "ical.js"):
        assert readers[reader](with_it) == ["2027-10-31T00:30:00Z", "2027-10-31T01:30:00Z"], reader
    # the second one an hour early, on top of the first
    assert readers["recurring-ical-events"](with_it) == ["2027-10-31T00:30:00Z", "2027-10-31T00:30:00Z"]
