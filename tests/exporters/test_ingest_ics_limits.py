"""Limits that hold for calendars that come from outside: caps, horizons, odd values, hostile rules.

Members' calendars are files nobody here wrote. Whatever they hold, the import ends within a
second or two, says what it left out (naming the series), and raises only the library's errors.
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

import pytest

import integrationsnetz as inz
from integrationsnetz import Event, ImportOptions, InvalidData, Meeting
from integrationsnetz.ingest.ics_rules import MAX_FRUITLESS_RULES
from integrationsnetz.ingest.ics_series import MAX_DATES_PER_FILE, MAX_DATES_PER_SERIES


def calendar(*events: str, header: str = "") -> bytes:
    """A calendar of VEVENTs written as ``"NAME:value"`` lines joined by ``|``."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//test//EN", *filter(None, header.split("|"))]
    for event in events:
        lines += ["BEGIN:VEVENT", *event.split("|"), "END:VEVENT"]
    return ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode()


def read(payload: bytes, **options: object) -> inz.ImportResult:
    chosen = ImportOptions(network_id="netz", source="kalender.ics", **options)  # type: ignore[arg-type]
    return inz.import_from(io.BytesIO(payload), "ics", options=chosen)


@contextmanager
def cpu_seconds(limit: float) -> Iterator[None]:
    """Fail when the block used more than ``limit`` seconds of CPU (a busy machine does not count)."""
    began = time.process_time()
    yield
    used = time.process_time() - began
    assert used < limit, f"took {used:.2f} s of CPU, more than {limit} s"


EVERY_MINUTE = b"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Kalender//DE
BEGIN:VEVENT
UID:minute@example.org
DTSTAMP:20250101T000000Z
DTSTART;TZID=Europe/Berlin:20250301T100000
DTEND;TZID=Europe/Berlin:20250301T100100
RRULE:FREQ=MINUTELY
SUMMARY:Jede Minute
END:VEVENT
END:VCALENDAR
""".replace(b"\n", b"\r\n")


@pytest.mark.parametrize("frequency", ["MINUTELY", "SECONDLY"])
def test_a_twelve_line_file_repeating_every_minute_is_cut_within_a_second(frequency: str) -> None:
    payload = EVERY_MINUTE.replace(b"MINUTELY", frequency.encode())
    assert len(payload.splitlines()) == 12
    read(payload)  # warm: the first import loads icalendar and dateutil
    with cpu_seconds(1.0):
        result = read(payload)
    assert len(result.entities) == MAX_DATES_PER_SERIES
    (skip,) = result.skipped
    assert skip.item == "series minute@example.org"
    assert skip.reason.startswith(f"has more than {MAX_DATES_PER_SERIES:,} dates; those after 2025-03-")
    assert skip.line == 4


@pytest.mark.parametrize(
    ("rule", "dates"),
    [
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", 1),  # no such day: dateutil alone scans to 9999 (~30 s)
        ("FREQ=WEEKLY;BYMONTH=2;BYMONTHDAY=30;COUNT=5", 1),
        ("FREQ=DAILY;INTERVAL=7;BYDAY=MO", 1),  # every 7 days from a Tuesday never meets a Monday
        ("FREQ=DAILY;BYHOUR=9;BYSETPOS=3", 1),  # one time a day: no third
        ("FREQ=MONTHLY;INTERVAL=12;BYMONTH=6", 1),  # every March, only in June
        ("FREQ=YEARLY;BYWEEKNO=1;BYMONTH=6", 1),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=3", 4),  # rare but real: 2028, 2032, 2036
    ],
)
def test_rules_that_never_or_rarely_match_end_at_once(rule: str, dates: int) -> None:
    payload = calendar(f"UID:nie@x|DTSTART:20250304T100000Z|DTEND:20250304T110000Z|RRULE:{rule}|SUMMARY:Nie")
    with cpu_seconds(1.0):
        result = read(payload)
    assert len(result.entities) == dates  # DTSTART itself is always the first date


@pytest.mark.parametrize(
    "rule", ["FREQ=SECONDLY;BYSETPOS=2", "FREQ=MINUTELY;BYMONTHDAY=31;BYMONTH=2", "FREQ=HOURLY;BYHOUR=3"]
)
def test_rules_finer_than_daily_with_filters_are_skipped_with_the_reason(rule: str) -> None:
    payload = calendar(f"UID:fein@x|DTSTART:20250304T100000Z|DURATION:PT1M|RRULE:{rule}|SUMMARY:Fein")
    with cpu_seconds(1.0):
        result = read(payload)
    assert result.entities == ()
    (skip,) = result.skipped
    assert "rules finer than daily are expanded only without BY… parts" in skip.reason
    assert skip.line == 8  # the RRULE


@pytest.mark.parametrize("rule", ["FREQ=SECONDLY", "FREQ=DAILY;BYHOUR=1,2,3"])
def test_a_day_that_repeats_by_seconds_or_hours_is_refused_at_once(rule: str) -> None:
    """Found by fuzzing: every second of a day is the same day, 86,400 times over."""
    payload = calendar(f"UID:tag@x|DTSTART;VALUE=DATE:20240701|RRULE:{rule}|SUMMARY:Tag")
    with cpu_seconds(1.0), pytest.raises(InvalidData, match=r"line 7: RRULE .*: .* for an entry of whole days"):
        read(payload)


def test_excluded_days_of_a_rule_of_minutes_do_not_make_the_import_slow() -> None:
    days = ",".join(f"{date(2025, 3, 1) + timedelta(days=n):%Y%m%d}" for n in range(1, 400))
    payload = calendar(f"UID:minuten@x|DTSTART:20250301T000000Z|DURATION:PT1M|RRULE:FREQ=MINUTELY"
                       f"|EXDATE;VALUE=DATE:{days}|SUMMARY:Minuten")  # fmt: skip
    with cpu_seconds(1.5):
        result = read(payload)
    assert len(result.entities) == 1440  # the first day; the next 399 days are excluded
    (skip,) = result.skipped
    assert skip.reason.startswith("has more than 20,000 dates, most of them excluded; those from 2025-03-14")


def test_a_file_of_many_rules_that_never_match_is_refused_not_slow() -> None:
    never = "DTSTART:20250304T100000Z|DTEND:20250304T110000Z|RRULE:FREQ=DAILY;INTERVAL=7;BYDAY=MO|SUMMARY:Nie"
    payload = calendar(*(f"UID:nie{i}@x|{never}" for i in range(MAX_FRUITLESS_RULES + 1)))
    with cpu_seconds(2.0), pytest.raises(InvalidData, match="recurrence rules never give a date"):
        read(payload)


@pytest.mark.slow
def test_a_file_asking_for_more_dates_than_the_cap_keeps_the_earliest_and_names_each_series() -> None:
    series = [f"UID:m{i}@x|DTSTART:20250301T{10 + i:02d}0000Z|DURATION:PT1M|RRULE:FREQ=MINUTELY|SUMMARY:M{i}"
              for i in range(11)]  # fmt: skip
    result = read(calendar(*series))
    assert len(result.entities) == MAX_DATES_PER_FILE
    latest = max(e.start for e in result.entities if isinstance(e, Meeting)).astimezone(UTC)  # the rules' zone
    cut = [s for s in result.skipped if "the file holds more than" in s.reason]
    assert [s.item for s in cut] == [f"series m{i}@x" for i in range(11)]
    # the last minute imported is the first cut: of the eleven dates at that minute, some are in
    assert all(s.reason.startswith(f"dates from {latest:%Y-%m-%d %H:%M}:00 on are not imported") for s in cut)


def test_a_series_without_end_runs_to_the_horizon_and_says_so() -> None:
    weekly = "UID:ag@x|DTSTART;TZID=Europe/Berlin:20250303T100000|DURATION:PT1H|RRULE:FREQ=WEEKLY|SUMMARY:AG"
    result = read(calendar(weekly), horizon=timedelta(days=28))
    assert len(result.entities) == 5
    (skip,) = result.skipped
    assert str(skip) == "line 4: series ag@x: has no end; dates after 2025-03-31 are not imported"
    assert [(s.id, s.complete) for s in result.series] == [("ics-ag@x", False)]


def test_no_rule_runs_more_than_a_hundred_years() -> None:
    result = read(calendar("UID:ewig@x|DTSTART;VALUE=DATE:20250303|RRULE:FREQ=YEARLY;UNTIL=85000101|SUMMARY:Jahrestag"))
    assert len(result.entities) == 101
    assert [str(s) for s in result.skipped] == [
        "line 4: series ewig@x: repeats for more than 100 years; dates after 2125-03-03 are not imported"
    ]


# -- values no calendar library survived ------------------------------------------------------------


@pytest.mark.parametrize(
    "lines",
    [
        "DTSTART:00010101T000000Z|DTEND:00010101T010000Z",
        "DTSTART:99991231T230000Z|DTEND:99991231T235959Z",
        "DTSTART:20250303T100000Z|DTEND:99991231T235959Z",
        "DTSTART;VALUE=DATE:99991231",
        "DTSTART:20250303T100000Z|DURATION:PT1H|RECURRENCE-ID:00010101T000000Z",
    ],
)
def test_dates_in_the_year_1_or_9999_are_skipped_with_the_reason(lines: str) -> None:
    result = read(calendar(f"UID:weit@x|{lines}|SUMMARY:Weit weg"))
    assert result.entities == ()
    (skip,) = result.skipped
    assert "outside the years 1000–8999 read here" in skip.reason


def test_extra_and_excluded_dates_in_the_year_1_or_9999_are_dropped() -> None:
    rule = "RRULE:FREQ=DAILY;COUNT=2|EXDATE:00010101T000000Z|RDATE:99991231T000000Z"
    result = read(calendar(f"UID:weit@x|DTSTART:20250303T100000Z|DURATION:PT1H|{rule}|SUMMARY:Weit weg"))
    assert len(result.entities) == 2
    assert result.skipped == ()


def test_dates_outside_the_years_the_model_holds_are_reported_once_per_series() -> None:
    result = read(
        calendar(
            "UID:alt@x|DTSTART;VALUE=DATE:18500101|SUMMARY:Gründung",
            "UID:jahrestag@x|DTSTART;VALUE=DATE:18900101|RRULE:FREQ=YEARLY;COUNT=15|SUMMARY:Jahrestag",
        )
    )
    assert [e.when.first_day.year for e in result.entities if isinstance(e, Event)] == [1900, 1901, 1902, 1903, 1904]  # type: ignore[union-attr]
    assert [str(s) for s in result.skipped] == [
        "line 4: series alt@x: it lies outside the years 1900–2999 the model holds; not imported",
        "line 9: series jahrestag@x: 10 of its dates lie outside the years 1900–2999 the model holds; not imported",
    ]


def test_a_rule_ending_in_9999_is_read() -> None:
    monthly = "RRULE:FREQ=MONTHLY;UNTIL=99991231T000000Z"
    result = read(calendar(f"UID:lang@x|DTSTART:20250303T100000Z|DURATION:PT1H|{monthly}"))
    assert len(result.entities) == 1201  # 100 years of months
    assert [s.reason for s in result.skipped] == [
        "repeats for more than 100 years; dates after 2125-03-03 are not imported"
    ]


def test_an_unknown_time_zone_is_refused_with_its_line() -> None:
    with pytest.raises(InvalidData) as refused:
        read(calendar("UID:mars@x|DTSTART;TZID=Mars/Olympus:20250303T100000|DURATION:PT1H|SUMMARY:Mars"))
    assert str(refused.value) == (
        "kalender.ics: line 6: DTSTART of the event that starts on line 4: unknown time zone 'Mars/Olympus' "
        "(neither a zone name nor a VTIMEZONE of the file)"
    )
    header = "X-WR-TIMEZONE:Mars/Olympus"
    floating = "UID:f@x|DTSTART:20250303T100000|DURATION:PT1H|SUMMARY:Ohne Zone"
    with pytest.raises(InvalidData, match=r"^kalender.ics: line 4: X-WR-TIMEZONE: unknown time zone 'Mars/Olympus'$"):
        read(calendar(floating, header=header))
    tolerant = read(calendar(floating, header=header), on_error="skip")
    assert [f"{m.start:%H:%M %Z}" for m in tolerant.entities if isinstance(m, Meeting)] == ["10:00 CET"]
    assert [str(s) for s in tolerant.skipped] == [
        "line 4: the calendar: X-WR-TIMEZONE: unknown time zone 'Mars/Olympus'; "
        "floating times are read in Europe/Berlin"
    ]


def test_an_event_nested_in_another_is_refused_with_both_lines() -> None:
    payload = calendar("UID:aussen@x|DTSTART:20250303T100000Z|SUMMARY:Außen|BEGIN:VEVENT|UID:innen@x"
                       "|DTSTART:20250304T100000Z|DURATION:PT1H|SUMMARY:Innen|END:VEVENT")  # fmt: skip
    with pytest.raises(InvalidData) as refused:
        read(payload)
    assert refused.value.problems[0] == (
        "line 8: BEGIN:VEVENT inside the VEVENT of line 4; a VEVENT cannot be nested (is an END:VEVENT missing?)"
    )
    tolerant = read(payload, on_error="skip")
    assert [e.title for e in tolerant.entities] == ["Innen"]
    assert [str(s) for s in tolerant.skipped] == [
        "line 14: the file: END:VEVENT does not close BEGIN:VCALENDAR of line 1; ignored",
        "line 8: the VEVENT of line 4: left out: BEGIN:VEVENT inside the VEVENT of line 4; a VEVENT cannot be "
        "nested (is an END:VEVENT missing?)",
    ]


@pytest.mark.parametrize("url", ["javascript:alert(document.cookie)", "file:///etc/passwd", "data:text/html,<b>x</b>",
                                 "vbscript:msgbox", "//evil.example/x", "mailto:info@example.org"])  # fmt: skip
def test_a_url_that_is_no_web_address_does_not_reach_the_model(url: str) -> None:
    result = read(calendar(f"UID:link@x|DTSTART:20250303T100000Z|DURATION:PT1H|URL:{url}|SUMMARY:Link"))
    (meeting,) = result.entities
    assert isinstance(meeting, Meeting)
    assert meeting.online_url is None
    (skip,) = result.skipped
    assert (skip.line, skip.reason) == (8, f"its URL {url!r} is not a web address (http or https) and is left out")


def test_web_addresses_pass_and_an_event_page_may_be_an_e_mail_address() -> None:
    result = read(
        calendar(
            "UID:web@x|DTSTART:20250303T100000Z|DURATION:PT1H|URL:https://meet.example.org/ag?pwd=1|SUMMARY:Online",
            "UID:tag@x|DTSTART;VALUE=DATE:20250304|URL:mailto:info@example.org|SUMMARY:Tag",
        )
    )
    meeting, event = result.entities
    assert isinstance(meeting, Meeting)
    assert isinstance(event, Event)
    assert (meeting.online_url, event.url) == ("https://meet.example.org/ag?pwd=1", "mailto:info@example.org")
    assert result.skipped == ()


def test_until_still_cuts_everything_from_that_day_on() -> None:
    weekly = "UID:ag@x|DTSTART;TZID=Europe/Berlin:20250303T100000|DURATION:PT1H|RRULE:FREQ=WEEKLY;COUNT=10|SUMMARY:AG"
    result = read(calendar(weekly), until=datetime(2025, 3, 17).date())
    assert len(result.entities) == 2
    assert result.skipped == ()
    assert [(s.id, s.complete) for s in result.series] == [("ics-ag@x", False)]
