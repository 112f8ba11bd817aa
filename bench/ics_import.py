"""ICS import: a member's big calendar (about 60,000 lines) through ``inz.import_from`` against icalendar
and recurring-ical-events used directly.

The feed is generated as Outlook writes one after a few years of use: a VTIMEZONE, about 3,500
single appointments (Windows zone names, folded descriptions, locations, attendees), 150 weekly
series with EXDATEs and moved dates (RECURRENCE-ID overrides), 250 all-day entries. Two
measurements, interleaved in rounds (the order alternates), with the paired ratio per round; times
are CPU seconds of the process (``time.process_time``), robust to other jobs on the machine:

* **baseline**: ``icalendar.Calendar.from_ical`` and ``recurring_ical_events.of(...).between`` over
  the span the feed covers: what a script without this library would do to list the dates;
* **import**: ``inz.import_from(stream, "ics")``: parsing, checking every value, expanding the
  series within their limits, building the meetings and events.

Both must find the same number of dates (checked once).

    .venv/bin/python bench/ics_import.py            # the 60,000-line feed, 5 rounds (about 2 minutes)
    .venv/bin/python bench/ics_import.py --quick    # a tenth of it, 3 rounds
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from cpu_time import timed

import integrationsnetz as inz

WORDS = ["Sprache", "Arbeit", "Wohnen", "Beratung", "Kurse", "Anerkennung", "Ehrenamt", "Jobcenter", "Fachtag"]
ZONE = "W. Europe Standard Time"
VTIMEZONE = [
    "BEGIN:VTIMEZONE", f"TZID:{ZONE}",
    "BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
    "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT",
    "END:VTIMEZONE",
]  # fmt: skip


def feed(singles: int, series: int, all_day: int, seed: int = 20270301) -> bytes:
    """An Outlook-style calendar; about 13 lines per entry."""
    rng = random.Random(seed)
    rows = ["BEGIN:VCALENDAR", "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN", "VERSION:2.0",
            "METHOD:PUBLISH", "X-WR-CALNAME:Kalender", *VTIMEZONE]  # fmt: skip
    first = datetime(2022, 1, 3, 8)

    def common(uid: str, title: str) -> list[str]:
        text = " ".join(rng.choice(WORDS) for _ in range(40))
        return [
            f"UID:{uid}",
            f"SUMMARY:{title}",
            "DESCRIPTION:" + text[:60] + "\r\n " + text[60:130] + "\r\n " + text[130:],
            f"LOCATION:Landratsamt\\, Raum {rng.randrange(1, 300)}",
            "ORGANIZER;CN=Koordination:mailto:integration@example.org",
            f"ATTENDEE;CN=Beratung {rng.randrange(50)};ROLE=REQ-PARTICIPANT:mailto:b{rng.randrange(50)}@example.org",
            "DTSTAMP:20270101T000000Z",
            "CREATED:20220101T080000Z",
            f"SEQUENCE:{rng.randrange(3)}",
        ]

    for n in range(singles):
        start = first + timedelta(days=rng.randrange(0, 5 * 365), hours=rng.randrange(0, 9))
        rows += ["BEGIN:VEVENT", f"DTSTART;TZID={ZONE}:{start:%Y%m%dT%H%M%S}",
                 f"DTEND;TZID={ZONE}:{start + timedelta(minutes=rng.choice([30, 60, 90, 120])):%Y%m%dT%H%M%S}",
                 *common(f"{n:06d}-termin@outlook.example", f"Termin {n}"), "END:VEVENT"]  # fmt: skip
    for n in range(series):
        start = first + timedelta(days=rng.randrange(0, 4 * 365), hours=rng.randrange(0, 9))
        count = rng.randrange(20, 80)
        uid = f"{n:04d}-serie@outlook.example"
        skipped = start + timedelta(weeks=rng.randrange(1, count))
        rows += ["BEGIN:VEVENT", f"DTSTART;TZID={ZONE}:{start:%Y%m%dT%H%M%S}",
                 f"DTEND;TZID={ZONE}:{start + timedelta(hours=1):%Y%m%dT%H%M%S}",
                 f"RRULE:FREQ=WEEKLY;COUNT={count};BYDAY={start.strftime('%a').upper()[:2]}",
                 f"EXDATE;TZID={ZONE}:{skipped:%Y%m%dT%H%M%S}",
                 *common(uid, f"AG {rng.choice(WORDS)}"), "END:VEVENT"]  # fmt: skip
        moved = start + timedelta(weeks=rng.randrange(1, count))
        if moved != skipped:
            rows += ["BEGIN:VEVENT", f"RECURRENCE-ID;TZID={ZONE}:{moved:%Y%m%dT%H%M%S}",
                     f"DTSTART;TZID={ZONE}:{moved + timedelta(days=1):%Y%m%dT%H%M%S}",
                     f"DTEND;TZID={ZONE}:{moved + timedelta(days=1, hours=1):%Y%m%dT%H%M%S}",
                     *common(uid, "AG (verschoben)"), "END:VEVENT"]  # fmt: skip
    for n in range(all_day):
        day = (first + timedelta(days=rng.randrange(0, 5 * 365))).date()
        after = day + timedelta(days=1)
        rows += ["BEGIN:VEVENT", f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{after:%Y%m%d}",
                 "TRANSP:TRANSPARENT", *common(f"{n:05d}-tag@outlook.example", "Urlaub"), "END:VEVENT"]  # fmt: skip
    rows.append("END:VCALENDAR")
    return ("\r\n".join(rows) + "\r\n").encode()


def baseline(payload: bytes) -> int:
    """The dates as icalendar and recurring-ical-events list them, over the feed's span."""
    import icalendar
    import recurring_ical_events

    calendar = icalendar.Calendar.from_ical(payload)
    return len(recurring_ical_events.of(calendar).between(date(2022, 1, 1), date(2028, 1, 1)))


def ours(payload: bytes) -> int:
    options = inz.ImportOptions(network_id="netz", source="kalender.ics")
    return len(inz.import_from(io.BytesIO(payload), "ics", options=options).entities)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="a tenth of the feed, 3 rounds")
    parser.add_argument("--rounds", type=int)
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    rounds = args.rounds or (3 if args.quick else 5)
    payload = feed(3_500 // scale, 150 // scale, 250 // scale)
    lines = payload.count(b"\n")
    expected = baseline(payload)
    assert ours(payload) == expected, "the importer and recurring-ical-events found different numbers of dates"

    base_times: list[float] = []
    import_times: list[float] = []
    ratios: list[float] = []
    for round_number in range(rounds):
        steps: dict[str, Callable[[], object]] = {
            "baseline": lambda: baseline(payload),
            "import": lambda: ours(payload),
        }
        order = list(steps) if round_number % 2 == 0 else list(reversed(steps))
        took = {name: timed(steps[name])[0] for name in order}
        base_times.append(took["baseline"])
        import_times.append(took["import"])
        ratios.append(took["import"] / took["baseline"])
        print(f"round {round_number + 1}: baseline {took['baseline']:.3f} s, import {took['import']:.3f} s")

    ratio = statistics.median(ratios)
    print()
    print(f"ICS import, {lines:,} lines, {expected:,} dates, {rounds} rounds, median CPU times")
    print()
    print("| operation | time | ratio |")
    print("|---|---:|---:|")
    print(f"| icalendar + recurring-ical-events (baseline) | {statistics.median(base_times):.3f} s | 1.00x |")
    print(f"| `inz.import_from(stream, 'ics')` | {statistics.median(import_times):.3f} s | "
          f"**{ratio:.2f}x** baseline (rounds: {min(ratios):.2f}–{max(ratios):.2f}x) |")  # fmt: skip
    print()
    print(f"started {date.today().isoformat()}")


if __name__ == "__main__":
    main()
