"""Property tests: for any meetings, what independent parsers expand is exactly what we exported.

Series are generated with dateutil's rrule (not our code): every 1–8 weeks, or every 1–3 months on
the n-th weekday, anywhere in 2024–2028 (so across DST switches), with meetings cancelled,
moved by hours or days and retitled with arbitrary text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import attrs
from dateutil import rrule
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import integrationsnetz as inz
from integrationsnetz import ExportOptions, IcsOptions, Meeting, MeetingKind, MeetingStatus, NetworkData
from integrationsnetz.testing import strategies as inz_st
from integrationsnetz.testing.export_conformance import expected_occurrences
from integrationsnetz.testing.samples import sample_network

Expand = Callable[[bytes], list[tuple[str, str, str, str]]]
BERLIN = ZoneInfo("Europe/Berlin")
STAMP = datetime(2026, 1, 1, tzinfo=UTC)
WEEKDAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR)

texts = st.text(min_size=1, max_size=40).filter(lambda text: text.strip() != "")
actions = st.sampled_from(["keep", "keep", "keep", "cancel", "move-hours", "move-days", "retitle"])


@st.composite
def series(draw: st.DrawFn, series_id: str = "s1") -> tuple[Meeting, ...]:
    """A generated meeting series with cancellations, moves and changed titles."""
    first_day = draw(st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 6, 30)))
    hour = draw(st.integers(min_value=7, max_value=19))
    minute = draw(st.sampled_from([0, 15, 30, 45]))
    count = draw(st.integers(min_value=3, max_value=10))
    minutes = draw(st.integers(min_value=30, max_value=240))
    start = datetime(first_day.year, first_day.month, first_day.day, hour, minute)
    if draw(st.booleans()):
        dates = list(rrule.rrule(rrule.WEEKLY, interval=draw(st.integers(1, 8)), dtstart=start, count=count))
    else:
        weekday = WEEKDAYS[draw(st.integers(0, 4))]
        nth = draw(st.sampled_from([1, 2, 3, 4, -1]))
        months = draw(st.sampled_from([1, 2, 3]))
        dates = list(rrule.rrule(rrule.MONTHLY, interval=months, byweekday=weekday(nth), dtstart=start, count=count))
    title = draw(texts)
    meetings = []
    for number, local in enumerate(dates):
        begin = local.replace(tzinfo=BERLIN)
        meeting = Meeting(
            id=f"{series_id}-{number}",
            network_id="netz-wak",
            kind=MeetingKind.WORKING_GROUP,
            title=title,
            start=begin,
            end=begin + timedelta(minutes=minutes),
            series_id=series_id,
            revision=draw(st.integers(0, 5)),
            status=MeetingStatus.CONFIRMED,
        )
        action = draw(actions)
        if action == "cancel":
            meeting = attrs.evolve(meeting, status=MeetingStatus.CANCELLED)
        elif action in ("move-hours", "move-days"):
            unit = timedelta(hours=1) if action == "move-hours" else timedelta(days=1)
            shift = unit * draw(st.sampled_from([-2, -1, 1, 2]))
            meeting = attrs.evolve(meeting, start=meeting.start + shift, end=meeting.end + shift)
        elif action == "retitle":
            meeting = attrs.evolve(meeting, title=draw(texts))
        meetings.append(meeting)
    return tuple(meetings)


def _data(*groups: tuple[Meeting, ...]) -> NetworkData:
    base = sample_network()
    return attrs.evolve(base, meetings=tuple(m for group in groups for m in group), events=(), courses=())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(meetings=series(), show_cancelled=st.booleans())
def test_expansion_equals_the_generated_meetings(
    meetings: tuple[Meeting, ...], show_cancelled: bool, rie: Expand, vob: Expand, host: inz.PluginHost
) -> None:
    data = _data(meetings)
    options = ExportOptions(stamp=STAMP, ics=IcsOptions(show_cancelled=show_cancelled))
    payload = inz.export(data, "ics", options=options, host=host)
    expected = expected_occurrences(data, options)
    assert rie(payload) == expected
    assert vob(payload) == expected


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(meetings=series(), cut=st.tuples(st.integers(0, 9), st.integers(1, 10)), show_cancelled=st.booleans())
def test_a_feed_for_part_of_a_series_expands_to_that_part(
    meetings: tuple[Meeting, ...],
    cut: tuple[int, int],
    show_cancelled: bool,
    *,
    rie: Expand,
    vob: Expand,
    host: inz.PluginHost,
) -> None:
    """A time range that cuts a series: the rule is planned on the whole series, and the feed still
    expands to exactly the meetings that start in the range."""
    starts = sorted(m.start for m in meetings)
    low = starts[min(cut[0], len(starts) - 1)]
    high = starts[min(cut[0] + cut[1], len(starts) - 1)] + timedelta(minutes=1)
    data = _data(meetings)
    options = ExportOptions(stamp=STAMP, start=low, end=high, ics=IcsOptions(show_cancelled=show_cancelled))
    payload = inz.export(data, "ics", options=options, host=host)
    expected = expected_occurrences(data, options)
    assert rie(payload) == expected
    assert vob(payload) == expected


def _renumbered(groups: list[tuple[Meeting, ...]]) -> tuple[Meeting, ...]:
    return tuple(
        attrs.evolve(meeting, id=f"s{g}-{n}", series_id=f"s{g}")
        for g, group in enumerate(groups)
        for n, meeting in enumerate(group)
    )


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(meetings=st.lists(series(), min_size=1, max_size=6).map(_renumbered), show_cancelled=st.booleans())
def test_icaljs_expands_generated_series_exactly(
    meetings: tuple[Meeting, ...], show_cancelled: bool, icaljs: Expand, host: inz.PluginHost
) -> None:
    """Thunderbird's parser on several generated series per calendar (one node process per example)."""
    data = _data(meetings)
    options = ExportOptions(stamp=STAMP, ics=IcsOptions(show_cancelled=show_cancelled))
    assert icaljs(inz.export(data, "ics", options=options, host=host)) == expected_occurrences(data, options)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(meetings=series())
def test_import_of_the_export_gives_back_every_meeting(meetings: tuple[Meeting, ...], host: inz.PluginHost) -> None:
    """Our importer reads our feed back: the same meetings at the same instants, in one series."""
    import io

    data = _data(meetings)
    payload = inz.export(data, "ics", options=ExportOptions(stamp=STAMP), host=host)
    result = inz.import_from(io.BytesIO(payload), "ics", options=inz.ImportOptions(network_id="netz-wak"), host=host)
    live = [m for m in meetings if m.status is not MeetingStatus.CANCELLED]
    got = sorted((m.start, m.end) for m in result.entities if isinstance(m, Meeting))
    assert got == sorted((m.start, m.end) for m in live)
    assert len({m.series_id for m in result.entities if isinstance(m, Meeting)} - {None}) <= 1


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=inz_st.networks(max_size=4), personal=st.booleans())
def test_any_network_exports_in_every_format(
    data: NetworkData, personal: bool, *, rie: Expand, vob: Expand, icaljs: Expand, host: inz.PluginHost
) -> None:
    """The core's generated networks (DST-edge times, foreign zones, odd text): every format works,
    and the calendar expands to exactly the meetings, events and courses in it."""
    options = ExportOptions(stamp=STAMP, include_personal_data=personal)
    payload = inz.export(data, "ics", options=options, host=host)
    expected = expected_occurrences(data, options)
    assert vob(payload) == expected
    assert icaljs(payload) == expected
    assert rie(payload) == expected  # also in the repeated October hour: the feed has no X-WR-TIMEZONE
    for table in ("actors", "attendance", "courses"):
        inz.export(data, "csv", options=attrs.evolve(options, csv=inz.CsvOptions(table=table)), host=host)
    for document in ("overview", "tasks"):
        for fmt in ("markdown", "html"):
            inz.export(data, fmt, options=attrs.evolve(options, document=document), host=host).decode("utf-8")
    for meeting in data.meetings[:1]:
        inz.export(data, "markdown", select=meeting, options=options, host=host)
    assert inz.documents.loads(inz.export(data, "json", options=options, host=host), host=host).network == data.network


def test_a_meeting_that_ends_in_the_repeated_hour_expands_alike_in_every_reader(
    rie: Expand, vob: Expand, icaljs: Expand, host: inz.PluginHost
) -> None:
    """Found by the test above: 23:45 CEST to 02:08 CET (the second 02:08 of 27 October 2024).

    The end must be written in UTC; with the start in Berlin time recurring-ical-events took the
    length on the wall clock and ended it an hour late. Both ends are UTC now.
    """
    india = datetime(2024, 10, 27, 3, 15, tzinfo=UTC).astimezone(ZoneInfo("Asia/Kolkata"))
    sample = sample_network()
    meeting = attrs.evolve(sample.meetings[0], start=india.replace(hour=3, minute=15),
                           end=india.replace(hour=6, minute=38), series_id=None)  # fmt: skip
    data = attrs.evolve(sample, meetings=(meeting,), events=(), courses=())
    options = ExportOptions(stamp=STAMP)
    payload = inz.export(data, "ics", options=options, host=host)
    expected = expected_occurrences(data, options)
    assert ("2024-10-26T21:45:00Z", "2024-10-27T01:08:00Z") in [(start, end) for start, end, *_ in expected]
    assert rie(payload) == vob(payload) == icaljs(payload) == expected
