"""``integrationsnetz liste ART`` and ``zeige ID``: the network's entries as a table, or one in full.

Lists read the workspace's network (the document, and the store's planned meetings). ``--json``
prints the entries as the library's codec writes them, for scripts.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from integrationsnetz.cli.help import Command, option
from integrationsnetz.cli.settings import Settings
from integrationsnetz.cli.tables import table
from integrationsnetz.cli.times import day_range, parse_day
from integrationsnetz.cli.wording import LANGUAGE, say
from integrationsnetz.cli.workspace import Failure

if TYPE_CHECKING:
    from integrationsnetz.model import NetworkData

#: Each kind of list by its German name, and the English names that mean the same.
KINDS = {
    "personen": ("persons", "people"),
    "organisationen": ("organizations", "organisations"),
    "gruppen": ("groups",),
    "termine": ("meetings",),
    "aufgaben": ("tasks",),
    "kurse": ("courses",),
    "orte": ("venues",),
}
_CANONICAL = {alias: kind for kind, aliases in KINDS.items() for alias in (kind, *aliases)}


def _day(value: date | None) -> str:
    return f"{value:%d.%m.%Y}" if value else ""


def _status(value: str) -> str:
    from integrationsnetz.exporters.wording import status_word

    return status_word(value, LANGUAGE.get())


class _Rows:
    """The rows of one kind of list: the entries (for --json) and their table cells."""

    def __init__(self, data: NetworkData, group: str | None, start: date | None, end: date | None, status: str | None):
        self.data, self.group, self.start, self.end, self.status = data, group, start, end, status
        names: dict[str, str] = {org.id: org.name for org in data.organizations}
        names.update((person.id, person.display_name) for person in data.persons)
        names.update((item.id, item.name) for item in data.groups)
        self.names = names

    def name(self, entity_id: str | None) -> str:
        return self.names.get(entity_id, entity_id) if entity_id else ""

    def members(self) -> set[str] | None:
        if self.group is None:
            return None
        return {m.actor_id for m in self.data.memberships if m.group_id == self.group}

    def personen(self) -> tuple[list[Any], list[str], list[list[str]]]:
        members = self.members()
        people = [p for p in self.data.persons if members is None or p.id in members]
        headers = [say("col.id"), say("col.name"), say("col.function"), say("col.affiliation")]
        return people, headers, [[p.id, p.name or "", p.function, self.name(p.affiliation_id)] for p in people]

    def orte(self) -> tuple[list[Any], list[str], list[list[str]]]:
        venues = list(self.data.venues)
        headers = [say(f"col.{key}") for key in ("id", "name", "address", "rooms")]
        rows = [[v.id, v.name, v.address.one_line(), ", ".join(room.id for room in v.rooms)] for v in venues]
        return venues, headers, rows

    def organisationen(self) -> tuple[list[Any], list[str], list[list[str]]]:
        from integrationsnetz.exporters.wording import organization_kind_word

        members = self.members()
        orgs = [o for o in self.data.organizations if members is None or o.id in members]
        headers = [say("col.id"), say("col.name"), say("col.kind")]
        rows = [[o.id, o.name, organization_kind_word(o.kind.value, LANGUAGE.get())] for o in orgs]
        return orgs, headers, rows

    def gruppen(self) -> tuple[list[Any], list[str], list[list[str]]]:
        groups = [g for g in self.data.groups if self.group is None or g.id == self.group]
        headers = [say("col.id"), say("col.name"), say("col.topic"), say("col.founded")]
        return groups, headers, [[g.id, g.name, g.topic, _day(g.founded)] for g in groups]

    def termine(self) -> tuple[list[Any], list[str], list[list[str]]]:
        from zoneinfo import ZoneInfo

        berlin = ZoneInfo("Europe/Berlin")
        meetings = sorted(self.data.meetings, key=lambda m: m.start)
        meetings = [
            m
            for m in meetings
            if (self.group is None or m.group_id == self.group)
            and (self.status is None or m.status.value == self.status)
            and (self.start is None or m.start.astimezone(berlin).date() >= self.start)
            and (self.end is None or m.start.astimezone(berlin).date() <= self.end)
        ]
        headers = [say("col.when"), say("col.id"), say("col.title"), say("col.group"), say("col.status")]
        rows = [
            [
                f"{m.start.astimezone(berlin):%d.%m.%Y %H:%M}",
                m.id,
                m.title,
                self.name(m.group_id),
                _status(m.status.value),
            ]
            for m in meetings
        ]
        return meetings, headers, rows

    def aufgaben(self) -> tuple[list[Any], list[str], list[list[str]]]:
        tasks = [
            (g, t)
            for g in self.data.groups
            if self.group is None or g.id == self.group
            for t in g.tasks
            if self.status is None or t.status.value == self.status
        ]
        headers = [say(f"col.{key}") for key in ("id", "title", "group", "owner", "status", "due")]
        rows = [[t.id, t.title, g.name, self.name(t.owner_id), _status(t.status.value), _day(t.due)] for g, t in tasks]
        return [{"group_id": g.id, "task": t} for g, t in tasks], headers, rows

    def kurse(self) -> tuple[list[Any], list[str], list[list[str]]]:
        courses = [
            c
            for c in sorted(self.data.courses, key=lambda c: (c.start or date.min, c.id))
            if (self.status is None or c.status.value == self.status)
            and (self.start is None or (c.start is not None and c.start >= self.start))
            and (self.end is None or (c.start is not None and c.start <= self.end))
        ]
        headers = [say(f"col.{key}") for key in ("id", "type", "provider", "start", "status", "seats")]
        rows = [
            [c.id, c.course_type, self.name(c.provider_id), _day(c.start), _status(c.status.value), str(c.seats)]
            for c in courses
        ]
        return courses, headers, rows


def _json(value: Any) -> str:
    import integrationsnetz as inz

    return json.dumps(inz.default_host().codec.unstructure(value), ensure_ascii=False, indent=2)


@click.command("liste", cls=Command, help="help.liste", short_help="short.liste")
@click.argument("kind", metavar="ART", type=click.Choice(sorted(_CANONICAL)))
@option("--gruppe", "group", metavar="ID", help="help.liste.gruppe")
@option("--von", "start", metavar="DATUM", help="help.liste.von")
@option("--bis", "end", metavar="DATUM", help="help.liste.bis")
@option("--status", help="help.liste.status")
@option("--json", "as_json", is_flag=True, help="help.json")
@click.pass_obj
def liste(
    settings: Settings,
    *,
    kind: str,
    group: str | None,
    start: str | None,
    end: str | None,
    status: str | None,
    as_json: bool,
) -> None:
    """Print one kind of entry as a table (or JSON), filtered."""
    first, last = parse_day(start), parse_day(end)
    day_range(first, last)
    data = settings.workspace().network()
    rows: Callable[[], tuple[list[Any], list[str], list[list[str]]]] = getattr(
        _Rows(data, group, first, last, status), _CANONICAL[kind]
    )
    entries, headers, cells = rows()
    if as_json:
        click.echo(_json(entries))
    elif not cells:
        click.echo(say("empty"))
    else:
        click.echo(table(headers, cells))


def find(data: NetworkData, entity_id: str) -> Any:
    """The entry with ``entity_id``: the network, an entity of any collection, or a working group's task."""
    from integrationsnetz.model import COLLECTIONS

    if data.network.id == entity_id:
        return data.network
    for name in COLLECTIONS:
        for entity in getattr(data, name):
            if entity.id == entity_id:
                return entity
    for group in data.groups:
        for task in group.tasks:
            if task.id == entity_id:
                return task
    raise Failure(say("not_found", id=entity_id))


@click.command("zeige", cls=Command, help="help.zeige", short_help="short.zeige")
@click.argument("entity_id", metavar="ID")
@option("--json", "as_json", is_flag=True, help="help.json")
@click.pass_obj
def zeige(settings: Settings, entity_id: str, as_json: bool) -> None:
    """Print one entry with every field."""
    from integrationsnetz.cli.readable import Names, label, parts
    from integrationsnetz.cli.times import DEFAULT_ZONE, zone_named

    data = settings.workspace().network()
    entry = find(data, entity_id)
    if as_json:
        click.echo(_json(entry))
        return
    click.echo(f"{type(entry).__name__} {entity_id}")
    shown = [(label(name), text) for name, text in parts(entry, zone_named(DEFAULT_ZONE), Names(data))]
    width = max((len(name) for name, _ in shown), default=0)
    for name, text in shown:
        click.echo(f"  {(name + ':').ljust(width + 1)} {text}")


COMMANDS = (liste, zeige)
