"""The main job (``./dev main``): the Wartburgkreis network's coming year, through the command line.

Builds the Wartburgkreis network of the article (``wartburgkreis.build()``), checks it, saves it
as JSON and TOML documents in a workspace folder (default ``out/wartburgkreis/``) and reads them
back, prints a summary, and then runs the commands a coordinator runs, as real processes:

    integrationsnetz init . --netz wartburgkreis.toml --planung ../../examples/wartburgkreis.toml
    integrationsnetz plan 2027
    integrationsnetz veroeffentlichen --jahr 2027

``init`` only on the first run; later runs reuse the workspace. ``plan`` reads the series rules
from ``examples/wartburgkreis.toml``, plans the year in Thüringen around public and school
holidays, people and rooms, saves it in the workspace's embedded store (SQLite) and writes its
report to ``out/planbericht-2027.md``; ``veroeffentlichen`` writes one calendar feed per working
group, one for the whole network and the year overview into the workspace's ``out/``.

Run it again after confirming a meeting in the store, or after adding someone's leave to the
TOML file: confirmed meetings stay where they are, every meeting keeps its id (and calendar UID).

    ./dev main [--year 2027] [--workspace out/wartburgkreis] [--store sqlite:///path/netz.db] [--en]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tomllib
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import wartburgkreis

import integrationsnetz as inz
from integrationsnetz.courses.catalogue import OFFICIAL_COURSE_TYPES
from integrationsnetz.errors import IntegrationsnetzError
from integrationsnetz.schedule import load_plan_config

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORKSPACE_FILE = "integrationsnetz.toml"


def command(*args: str, cwd: Path) -> int:
    """Run ``integrationsnetz ARGS`` in ``cwd`` as its own process, showing the command first."""
    print("$ integrationsnetz " + " ".join(args), flush=True)
    return subprocess.run([sys.executable, "-m", "integrationsnetz", *args], cwd=cwd, check=False).returncode


def reused(folder: Path, document: Path, planning: Path) -> bool:
    """Whether ``folder`` is already the workspace of ``document`` and ``planning`` (then it is reused).

    Raises :class:`~integrationsnetz.errors.InvalidData` when it is a workspace of other files.
    """
    path = folder / WORKSPACE_FILE
    if not path.exists():
        return False
    settings = tomllib.loads(path.read_text(encoding="utf-8"))
    for key, expected in (("netz", document), ("planung", planning)):
        named = settings.get(key)
        if not isinstance(named, str) or (folder / named).resolve() != expected.resolve():
            raise inz.InvalidData(
                [f"$.{key}: the workspace names {named!r}, not {str(expected)!r}; choose another folder"],
                source=str(path),
            )
    return True


def run_district(
    folder: Path, document: Path, planning: Path, *, year: int, store_url: str | None, language: str
) -> int:
    """``init`` (first run only), ``plan`` and ``veroeffentlichen`` for one district; the first failing exit code."""
    lang = ("--lang", language)
    if not reused(folder, document, planning):
        folder.mkdir(parents=True, exist_ok=True)
        here = folder.resolve()
        init = ["init", ".", "--netz", os.path.relpath(document.resolve(), here)]
        init += ["--planung", os.path.relpath(planning.resolve(), here)]
        code = command(*lang, *init, *(["--store", store_url] if store_url else []), cwd=folder)
        if code:
            return code
    for args in (["plan", str(year)], ["veroeffentlichen", "--jahr", str(year)]):
        code = command(*lang, *args, cwd=folder)
        if code:
            return code
    return 0


def planned_year(planning: Path, year: int | None) -> int:
    """The year to plan: ``year``, else the planning file's, else the coming one."""
    return year if year is not None else load_plan_config(planning).period(date.today())[0].year


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
    parser.add_argument(
        "--workspace", "--out", type=Path, default=REPO / "out" / "wartburgkreis",
        help="the workspace folder: documents, store, and out/ with the calendars",
    )  # fmt: skip
    parser.add_argument("--store", help="store URL for a new workspace (default: sqlite: in the workspace)")
    parser.add_argument("--en", action="store_true", help="report in English")
    args = parser.parse_args(argv)
    try:
        data = wartburgkreis.build()
        year = planned_year(args.config, args.year)
        problems = inz.check(data)
        if problems:
            print("Das Netzwerk hat Probleme:", file=sys.stderr)
            for problem in problems:
                print(f"  {problem}", file=sys.stderr)
            return 1
        args.workspace.mkdir(parents=True, exist_ok=True)
        documents = save_documents(data, args.workspace)
        for path in documents:
            print(f"gespeichert und geprüft: {path} ({path.stat().st_size // 1024} KiB)")
        print()
        print(summary(data))
        print(flush=True)
        language = "en" if args.en else "de"
        return run_district(
            args.workspace, documents[1], args.config, year=year, store_url=args.store, language=language
        )
    except IntegrationsnetzError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
