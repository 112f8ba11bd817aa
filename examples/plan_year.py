"""The main job (``./dev main``): plan the Wartburgkreis network's coming year and publish it.

Builds the Wartburgkreis network of the article (``wartburgkreis.build()``), checks it, saves it
as JSON and TOML documents and reads them back, reads its series rules from
``wartburgkreis.toml``, plans the year in Thüringen around public and school holidays, people
and rooms, saves everything in the embedded default store (SQLite), writes one calendar feed per
working group and one for the whole network plus a German Markdown overview, and prints what it
planned and what it had to move or drop.

Run it again after confirming a meeting in the store, or after adding someone's leave to the
TOML file: confirmed meetings stay where they are, every meeting keeps its id (and calendar UID).

    ./dev main [--year 2027] [--out out] [--store sqlite:///path/netz.db] [--en]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import attrs
import wartburgkreis

import integrationsnetz as inz
from integrationsnetz.cli.publishing import publish, report_markdown
from integrationsnetz.courses.catalogue import OFFICIAL_COURSE_TYPES
from integrationsnetz.errors import IntegrationsnetzError, NotFound
from integrationsnetz.schedule import (
    Language,
    Outcome,
    Plan,
    PlanConfig,
    PlanRequest,
    format_day,
    load_plan_config,
    plan,
    save_plan,
)

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def save_network(store: inz.Store, data: inz.NetworkData) -> None:
    """Write the network's entities, keeping what the store already has at its revision."""
    changed: list[inz.Entity] = []
    for entity in data.entities():
        if isinstance(entity, inz.Meeting) and entity.series_id is not None:
            continue  # meetings of a series go through the planner
        try:
            stored = store.get(type(entity), entity.id)
        except NotFound:
            changed.append(entity)
            continue
        fresh = attrs.evolve(entity, revision=stored.revision, created=stored.created, modified=stored.modified)
        if fresh != stored:
            changed.append(fresh)
    if changed:
        store.put_many(changed)


def stored_meetings(store: inz.Store, data: inz.NetworkData) -> list[inz.Meeting]:
    """The network's meetings: the store's version wins over the built data (it may be confirmed)."""
    meetings = {meeting.id: meeting for meeting in data.meetings}
    meetings.update((meeting.id, meeting) for meeting in store.list(inz.Meeting, network_id=data.network.id))
    return sorted(meetings.values(), key=lambda meeting: meeting.id)


def run(
    data: inz.NetworkData,
    config: PlanConfig,
    *,
    out: Path,
    store_url: str,
    today: date,
    language: Language | None = None,
    host: inz.PluginHost | None = None,
) -> Plan:
    """Plan, save and publish one district's year; returns the plan."""
    host = host or inz.default_host()
    start, end = config.period(today)
    if language is not None:
        config = attrs.evolve(config, language=language)
    with inz.open_store(store_url, host=host) as store:
        save_network(store, data)
        before = stored_meetings(store, data)
        request = PlanRequest.for_network(
            data,
            config.series,
            start=start,
            end=end,
            absences=config.blocked_times(start, end, data=data),
            overrides=config.overrides(host=host),
            language=config.language,
            existing=before,
        )
        result = plan(request, host=host)
        written = save_plan(store, result, before)
        stored = store.list(inz.Meeting, network_id=data.network.id)
    planned = attrs.evolve(data, meetings=tuple(stored))
    report = report_markdown(result, config.language)
    files = publish(planned, out=out, year=start.year, language=config.language, report=report, host=host)
    print_summary(data, config, result, written=written, files=files, store_url=store_url)
    return result


def print_summary(
    data: inz.NetworkData, config: PlanConfig, result: Plan, *, written: int, files: list[Path], store_url: str
) -> None:
    """What a coordinator wants to see after the run: per series how many, then every change."""
    english = config.language == "en"
    print(f"{data.network.name} ({data.network.region.name}, {data.network.region.state.value})")
    for series in config.series:
        meetings = [meeting for meeting in result.live() if meeting.series_id == series.id]
        days = ", ".join(format_day(m.start.date(), config.language)[3:] for m in meetings)
        label = "sessions" if english else "Termine"
        print(f"  {series.title}: {len(meetings)} {label}: {days}")
    changes = [line for line in result.report if line.outcome is not Outcome.COMPROMISE]
    compromises = result.outcomes(Outcome.COMPROMISE)
    print()
    if result.warnings:
        print(("Warnings" if english else "Hinweise") + f" ({len(result.warnings)}):")
        for warning in result.warnings:
            print(f"  - {warning}")
        print()
    print(("Moved or dropped" if english else "Verschoben oder entfallen") + f" ({len(changes)}):")
    for line in changes:
        print(f"  - {line.message}")
    if compromises:
        print(("Kept despite a soft rule" if english else "Trotz Ausweichwunsch belassen") + f" ({len(compromises)}):")
        for line in compromises:
            print(f"  - {line.message}")
    print()
    print(
        ("Store" if english else "Gespeichert in")
        + f": {store_url} ({written} "
        + ("meetings written)" if english else "Termine geschrieben)")
    )
    for path in files:
        print(f"  {path}")


def summary(data: inz.NetworkData) -> str:
    """A short German overview of a network: what a coordinator checks at a glance."""
    actors: dict[str, inz.Organization | inz.Person] = {org.id: org for org in data.organizations}
    actors.update({person.id: person for person in data.persons})

    def label(actor_id: str) -> str:
        actor = actors[actor_id]
        return actor.name if isinstance(actor, inz.Organization) else actor.display_name

    network = data.network
    lines = [
        f"{network.name} ({network.region.name}, {network.region.state.value}, AGS {network.region.ags})",
        f"  gegründet: {network.founded:%d.%m.%Y}" if network.founded else "  gegründet: unbekannt",
        "  Kontakt: " + ", ".join(contact.value for contact in network.contacts),
        f"  {len(data.organizations)} Organisationen, {len(data.persons)} Personen, "
        f"{len(data.memberships)} Mitgliedschaften",
    ]
    coordinators = [m.actor_id for m in data.memberships if m.role is inz.Role.COORDINATOR and m.group_id is None]
    lines.append("  Koordination: " + "; ".join(label(actor_id) for actor_id in coordinators))
    lines.append(f"Arbeitsgruppen ({len(data.groups)}):")
    for group in data.groups:
        co_leads = [m.actor_id for m in data.memberships if m.group_id == group.id and m.role is inz.Role.CO_LEAD]
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


def save_documents(data: inz.NetworkData, out: Path) -> list[Path]:
    """The network as JSON and TOML documents, each read back and compared with what was saved."""
    paths = []
    for suffix in ("json", "toml"):
        path = out / f"wartburgkreis.{suffix}"
        inz.documents.save(data, path)
        if inz.documents.load(path) != data:
            raise inz.InvalidData(["the document does not read back as what was saved"], source=str(path))
        paths.append(path)
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, run, and turn library errors into one clear message."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--config", type=Path, default=HERE / "wartburgkreis.toml", help="the planning file")
    parser.add_argument("--year", type=int, help="the year to plan (default: the file's year, else next year)")
    parser.add_argument("--out", type=Path, default=REPO / "out", help="where documents, store and feeds go")
    parser.add_argument("--store", help="store URL (default: sqlite in the output folder)")
    parser.add_argument("--en", action="store_true", help="report in English")
    args = parser.parse_args(argv)
    try:
        data = wartburgkreis.build()
        config = load_plan_config(args.config, data=data)
        if args.year is not None:
            config = attrs.evolve(config, year=args.year)
        problems = inz.check(data)
        if problems:
            print("Das Netzwerk hat Probleme:", file=sys.stderr)
            for problem in problems:
                print(f"  {problem}", file=sys.stderr)
            return 1
        args.out.mkdir(parents=True, exist_ok=True)
        for path in save_documents(data, args.out):
            print(f"gespeichert und geprüft: {path} ({path.stat().st_size // 1024} KiB)")
        print()
        print(summary(data))
        print()
        store_url = args.store or f"sqlite://{(args.out / 'integrationsnetz.db').resolve()}"
        run(data, config, out=args.out, store_url=store_url, today=date.today(), language="en" if args.en else None)
    except IntegrationsnetzError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
