"""ICS export: 10,000 meetings through ``integrationsnetz.export`` against icalendar used directly.

Three measurements, interleaved in rounds (the order rotates), with the paired ratio per round;
times are CPU seconds of the process (``time.process_time``), robust to other jobs on the machine:

* **baseline**: the same 10,000 events (TZID Europe/Berlin, location, GEO, agenda in the
  description, 5 attendees with CN, categories, organizer) built with ``icalendar.Event.new``
  and serialised with ``Calendar.to_ical()``: what a script without this library would do;
* **full export**: ``inz.export(data, "ics")`` on a fresh host (nothing cached);
* **re-export**: the same feed again after 1% of the meetings changed (title and revision), on
  a host that exported it before, so only the changed entries are rendered.

Goals (issue 4): full export ≤ 1.2x the baseline; re-export ≤ 0.2x a full export.

    .venv/bin/python bench/ics.py            # 10,000 meetings, 5 rounds (about a minute)
    .venv/bin/python bench/ics.py --quick    # 1,000 meetings, 3 rounds
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs

sys.path.insert(0, str(Path(__file__).parent))
from cpu_time import timed

import integrationsnetz as inz
from integrationsnetz.exporters.ics_values import BERLIN_VTIMEZONE, PRODID, uid_for

BERLIN = ZoneInfo("Europe/Berlin")
STAMP = datetime(2026, 1, 1, tzinfo=UTC)
WORDS = [
    "Sprache",
    "Arbeit",
    "Wohnen",
    "Beratung",
    "Kurse",
    "Anerkennung",
    "Ehrenamt",
    "Jobcenter",
    "Fachtag",
    "Förderung",
    "Übergänge",
]


def build(meetings: int, seed: int = 20261125) -> inz.NetworkData:
    """A network with ``meetings`` meetings of 6 agenda items and 5 invited people each."""
    rng = random.Random(seed)
    network = inz.Network(
        id="netz-bench",
        name="Netzwerk Integration Benchmark",
        region=inz.Region(name="Wartburgkreis", state=inz.State.TH, ags="16063"),
        contacts=(inz.ContactPoint(kind=inz.ContactKind.EMAIL, value="integration@example.org"),),
    )
    persons = tuple(
        inz.Person(
            id=f"p{n}",
            network_id=network.id,
            function="Beratung",
            name=f"Person Müller-{n}",
            contacts=(inz.ContactPoint(kind=inz.ContactKind.EMAIL, value=f"person{n}@example.org"),),
            # the internal audience shows a person's address only with a directory consent
            consents=(inz.Consent(purpose=inz.ConsentPurpose.DIRECTORY, given_on=date(2024, 1, 1)),),
        )
        for n in range(200)
    )
    venues = tuple(
        inz.Venue(
            id=f"v{n}",
            network_id=network.id,
            name=f"Bürgerhaus {n}",
            address=inz.Address(street=f"Hauptstraße {n}", postal_code="99817", city="Eisenach"),
            coordinates=inz.Coordinates(latitude=50.97 + n / 1000, longitude=10.32),
        )
        for n in range(20)
    )
    items = []
    first = datetime(2025, 1, 6, 9, tzinfo=BERLIN)
    for n in range(meetings):
        start = first + timedelta(days=(n * 7) % 730, hours=rng.randrange(0, 8))
        agenda = tuple(
            inz.AgendaItem(
                kind=inz.AgendaItemKind.DISCUSSION, title=f"{rng.choice(WORDS)}: Bericht und Austausch", minutes=15
            )
            for _ in range(6)
        )
        items.append(
            inz.Meeting(
                id=f"m{n:05d}",
                network_id=network.id,
                kind=inz.MeetingKind.WORKING_GROUP,
                title=f"AG {rng.choice(WORDS)} – Treffen {n}",
                start=start,
                end=start + timedelta(hours=2),
                status=inz.MeetingStatus.CONFIRMED,
                venue_id=f"v{n % 20}",
                invitations=tuple(inz.Invitation(actor_id=f"p{(n + k) % 200}") for k in range(5)),
                agenda=agenda,
                revision=1,
                modified=STAMP,
            )
        )
    return inz.NetworkData(network=network, persons=persons, venues=venues, meetings=tuple(items))


def baseline(data: inz.NetworkData) -> bytes:
    """The same events, built with icalendar directly (the fair floor for this library)."""
    from icalendar import Calendar, Event, Timezone, vCalAddress

    venues = {venue.id: venue for venue in data.venues}
    persons = {person.id: person for person in data.persons}
    calendar = Calendar.new(prodid=PRODID, method="PUBLISH", name=data.network.name)
    calendar.add_component(Timezone.from_ical(BERLIN_VTIMEZONE))
    for meeting in data.meetings:
        venue = venues[meeting.venue_id]  # type: ignore[index]
        agenda = "\n".join(f"{n}. {item.title} ({item.minutes} Min.)" for n, item in enumerate(meeting.agenda, 1))
        event = Event.new(
            uid=uid_for(data.network.id, "meeting", meeting.id),
            stamp=STAMP,
            start=meeting.start,
            end=meeting.end,
            summary=meeting.title,
            description="Tagesordnung:\n" + agenda,
            location=f"{venue.name}, {venue.address.one_line()}",
            categories=["AG-Sitzung"],
            sequence=meeting.revision,
            last_modified=meeting.modified,
            organizer=vCalAddress.new("integration@example.org", cn=data.network.name),
            attendees=[
                vCalAddress.new(
                    persons[i.actor_id].contacts[0].value,
                    cn=persons[i.actor_id].name,
                    role="REQ-PARTICIPANT",
                    partstat="NEEDS-ACTION",
                    rsvp=True,
                )
                for i in meeting.invitations
            ],
        )
        event.add("geo", (venue.coordinates.latitude, venue.coordinates.longitude))  # type: ignore[union-attr]
        event.add("x-integrationsnetz-id", f"meeting/{meeting.id}")
        calendar.add_component(event)
    payload: bytes = calendar.to_ical()
    return payload


def changed(data: inz.NetworkData, share: float, seed: int) -> inz.NetworkData:
    """``data`` with ``share`` of its meetings retitled (revision raised, as a store would)."""
    rng = random.Random(seed)
    meetings = list(data.meetings)
    for index in rng.sample(range(len(meetings)), max(1, int(len(meetings) * share))):
        meeting = meetings[index]
        meetings[index] = attrs.evolve(meeting, title=meeting.title + " (geändert)", revision=meeting.revision + 1)
    return attrs.evolve(data, meetings=tuple(meetings))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="1,000 meetings, 3 rounds")
    parser.add_argument("--meetings", type=int)
    parser.add_argument("--rounds", type=int)
    args = parser.parse_args()
    count = args.meetings or (1_000 if args.quick else 10_000)
    rounds = args.rounds or (3 if args.quick else 5)
    data = build(count)
    options = inz.ExportOptions(stamp=STAMP, include_personal_data=True)

    # Check once that both sides write the same events.
    import icalendar

    ours = icalendar.Calendar.from_ical(
        inz.export(data, "ics", options=options, host=inz.PluginHost(entry_points=False))
    )
    theirs = icalendar.Calendar.from_ical(baseline(data))
    assert sorted((str(e.uid), e.start, str(e["SUMMARY"])) for e in ours.events) == sorted(
        (str(e.uid), e.start, str(e["SUMMARY"])) for e in theirs.events
    ), "the library and the baseline wrote different events"
    assert all(len(e.attendees) == 5 for e in ours.events)

    full_times: list[float] = []
    base_times: list[float] = []
    again_times: list[float] = []
    full_ratios: list[float] = []
    again_ratios: list[float] = []
    for round_number in range(rounds):
        warm = inz.PluginHost(entry_points=False)
        inz.export(data, "ics", options=options, host=warm)  # the feed as published before
        edited = changed(data, 0.01, seed=round_number)
        steps: dict[str, Callable[[], object]] = {
            "baseline": lambda: baseline(data),
            "full": lambda: inz.export(data, "ics", options=options, host=inz.PluginHost(entry_points=False)),
            "again": lambda edited=edited, warm=warm: inz.export(edited, "ics", options=options, host=warm),  # type: ignore[misc]
        }
        order = list(steps)
        order = order[round_number % 3 :] + order[: round_number % 3]
        took = {name: timed(steps[name])[0] for name in order}
        base_times.append(took["baseline"])
        full_times.append(took["full"])
        again_times.append(took["again"])
        full_ratios.append(took["full"] / took["baseline"])
        again_ratios.append(took["again"] / took["full"])
        print(f"round {round_number + 1}: baseline {took['baseline']:.3f} s, full {took['full']:.3f} s, "
              f"re-export {took['again']:.3f} s")  # fmt: skip

    full_ratio = statistics.median(full_ratios)
    again_ratio = statistics.median(again_ratios)
    print()
    print(f"ICS export, {count:,} meetings (6 agenda items, 5 attendees each), {rounds} rounds, median CPU times")
    print()
    print("| operation | time | ratio | goal |")
    print("|---|---:|---:|---:|")
    print(f"| icalendar directly (baseline) | {statistics.median(base_times):.3f} s | 1.00x | |")
    print(f"| `inz.export(data, 'ics')`, fresh host | {statistics.median(full_times):.3f} s | "
          f"{full_ratio:.2f}x baseline | ≤ 1.2x |")  # fmt: skip
    print(f"| (spread of the paired ratios) | | {min(full_ratios):.2f}–{max(full_ratios):.2f}x / "
          f"{min(again_ratios):.2f}–{max(again_ratios):.2f}x | |")  # fmt: skip
    print(f"| re-export after 1% changed | {statistics.median(again_times):.3f} s | "
          f"{again_ratio:.2f}x full export | ≤ 0.2x |")  # fmt: skip
    print()
    print(
        f"started {date.today().isoformat()}; goals {'met' if full_ratio <= 1.2 and again_ratio <= 0.2 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
