"""The main job (``./dev main``): build the Wartburgkreis network, check it, save it, read it back.

For now this is the first half of the yearly planning run: the network of the article is built
(:mod:`wartburgkreis`), checked for integrity, saved as a JSON and a TOML document under
``out/``, loaded back and compared with what was saved, and summarised for a person to read.
Later the year's meetings are planned and published as calendars here too.

    ./dev main                 # writes out/wartburgkreis.json and out/wartburgkreis.toml
    ./dev main --out /tmp/x    # somewhere else
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import wartburgkreis

from integrationsnetz import NetworkData, check, documents
from integrationsnetz.courses.catalogue import OFFICIAL_COURSE_TYPES
from integrationsnetz.model import Organization, Person, Role

DEFAULT_OUT = Path("out")


def summary(data: NetworkData) -> str:
    """A short German overview of a network: what a coordinator checks at a glance."""
    actors: dict[str, Organization | Person] = {org.id: org for org in data.organizations}
    actors.update({person.id: person for person in data.persons})

    def label(actor_id: str) -> str:
        actor = actors[actor_id]
        return actor.name if isinstance(actor, Organization) else actor.display_name

    network = data.network
    lines = [
        f"{network.name} ({network.region.name}, {network.region.state.value}, AGS {network.region.ags})",
        f"  gegründet: {network.founded:%d.%m.%Y}" if network.founded else "  gegründet: unbekannt",
        "  Kontakt: " + ", ".join(contact.value for contact in network.contacts),
        f"  {len(data.organizations)} Organisationen, {len(data.persons)} Personen, "
        f"{len(data.memberships)} Mitgliedschaften",
    ]
    coordinators = [m.actor_id for m in data.memberships if m.role is Role.COORDINATOR and m.group_id is None]
    lines.append("  Koordination: " + "; ".join(label(actor_id) for actor_id in coordinators))
    lines.append(f"Arbeitsgruppen ({len(data.groups)}):")
    for group in data.groups:
        co_leads = [m.actor_id for m in data.memberships if m.group_id == group.id and m.role is Role.CO_LEAD]
        open_tasks = sum(1 for task in group.tasks if task.is_open)
        lines.append(
            f"  {group.name}: Ziele {len(group.goals)}, offene Aufgaben {open_tasks}; "
            f"Leitung: {', '.join(label(actor_id) for actor_id in co_leads)}"
        )
    venues = {venue.id: venue for venue in data.venues}
    for meeting in sorted(data.meetings, key=lambda m: m.start):
        venue = venues.get(meeting.venue_id or "")
        room = venue.room(meeting.room_id) if venue and meeting.room_id else None
        where = ", ".join(part for part in (room.name if room else None, venue.name if venue else None) if part)
        moderator = label(meeting.moderator_id) if meeting.moderator_id else "–"
        lines.append(f"Treffen: {meeting.title}")
        lines.append(
            f"  {meeting.start:%d.%m.%Y, %H:%M}–{meeting.end:%H:%M} Uhr, {where}; "
            f"{meeting.present_count} Teilnehmende; Moderation: {moderator}"
        )
        for number, item in enumerate(meeting.agenda, start=1):
            presenters = ", ".join(label(actor_id) for actor_id in item.presenter_ids)
            lines.append(f"  TOP {number:2d}. {item.title}" + (f" ({presenters})" if presenters else ""))
    for event in data.events:
        lines.append(f"Veranstaltung: {event.title}, {event.first_day:%d.%m.%Y}")
    by_type = Counter(course.course_type for course in data.courses)
    kinds = ", ".join(
        f"{count} {OFFICIAL_COURSE_TYPES[code].name_de if code in OFFICIAL_COURSE_TYPES else code}"
        for code, count in by_type.most_common()
    )
    lines.append(f"Integrationskurse: {len(data.courses)} ({kinds})")
    for waitlist in data.waitlists:
        wait = f", gemeldete Wartezeit {waitlist.reported_wait_days} Tage" if waitlist.reported_wait_days else ""
        kind = OFFICIAL_COURSE_TYPES.get(waitlist.course_type)
        name = kind.name_de if kind else waitlist.course_type
        lines.append(f"  Warteliste {name} ({waitlist.place}): {waitlist.length} Personen{wait}")
    for programme in data.funding_programmes:
        lines.append(f"Förderprogramm: {programme.name}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Build, check, save, reload and summarise; exit status 1 if the network has problems."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the documents (default: out)")
    args = parser.parse_args(argv)

    data = wartburgkreis.build()
    problems = check(data)
    if problems:
        print("Das Netzwerk hat Probleme:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1

    args.out.mkdir(parents=True, exist_ok=True)
    for suffix in ("json", "toml"):
        path = args.out / f"wartburgkreis.{suffix}"
        documents.save(data, path)
        loaded = documents.load(path)
        if loaded != data:
            print(f"{path}: the document does not read back as what was saved", file=sys.stderr)
            return 1
        print(f"gespeichert und geprüft: {path} ({path.stat().st_size // 1024} KiB)")
    print()
    print(summary(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
