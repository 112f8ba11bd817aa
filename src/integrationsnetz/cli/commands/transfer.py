"""``integrationsnetz import DATEI`` and ``export [FORMAT] [DATEI]``: files in and out of the network.

``import`` reads with the importer the file's suffix (or ``--format``) names: calendars, the
actor directory as CSV or Excel workbook, a JSON document; ``--kurse`` reads a course list. It
shows what would change in the store and asks; the write is one store transaction, and a file
with any bad row changes nothing (every bad row is listed). An entity the network document defines
is changed in the document too (as the ``termin`` commands do, :mod:`integrationsnetz.cli.editing`),
else the document, which wins on reading, would hide the change and the next ``plan`` undo it.
``export`` writes any registered format, plugins included (without arguments it lists them),
atomically, without personal data unless ``--personendaten`` is given.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path
from typing import Any

import click

from integrationsnetz.cli.changes import against_store, ask
from integrationsnetz.cli.editing import State, pending, read_state
from integrationsnetz.cli.help import Command, option
from integrationsnetz.cli.rewrite import defines
from integrationsnetz.cli.settings import Settings
from integrationsnetz.cli.tables import table
from integrationsnetz.cli.wording import LANGUAGE, say
from integrationsnetz.cli.workspace import Failure


@click.command("import", cls=Command, help="help.import", short_help="short.import")
@click.argument("path", metavar="DATEI", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@option("--format", "format_name", metavar="FORMAT", help="help.import.format")
@option("--kurse", "courses", is_flag=True, help="help.import.kurse")
@option("--neue-traeger", "new_providers", is_flag=True, help="help.import.traeger")
@option("--yes", "-y", is_flag=True, help="help.yes")
@click.pass_obj
def import_command(
    settings: Settings, *, path: Path, format_name: str | None, courses: bool, new_providers: bool, yes: bool
) -> None:
    """Read the file, show the counts, ask, write in one transaction."""
    import integrationsnetz as inz

    workspace = settings.workspace()
    with workspace.open_store() as store:
        state = read_state(workspace, store)
        data = state.stored
        if data is None:
            raise Failure(say("store_empty"))
        skipped: list[str] = []
        if courses:
            from integrationsnetz.cli.commands.course_report import provider_hint
            from integrationsnetz.courses import read_course_list

            with provider_hint():
                found = read_course_list(path, data, new_providers=new_providers)
            entities: list[Any] = [*found.new_providers, *found.courses]
            skipped = list(found.warnings)
        else:
            result = inz.import_from(
                path, format_name, options=inz.ImportOptions(network_id=data.network.id, source=str(path))
            )
            entities = list(result.entities)
            skipped = [str(item) for item in result.skipped]
            if all(isinstance(entity, inz.Meeting | inz.Event) for entity in entities):
                # A calendar: save_import updates what an earlier import wrote, and our own entries
                # (a published feed) the stored meetings they came from, field by field.
                written = _calendar(store, state, result, path, skipped, yes=yes)
                if written is not None:
                    click.echo(say("import.done", count=written))
                return
        changes = against_store(store, entities, state.document)
        click.echo(say("import.preview", source=path, store=store.url.masked, counts=changes.counts()))
        _skipped(skipped)
        if not changes.writes:
            click.echo(say("changes.none"))
            return
        with pending(state, store, changes.writes) as change:  # what the document defines: there too
            _notes(change.notes)
            ask(yes)
            written = len(change.commit())
    click.echo(say("import.done", count=written))


def _notes(notes: list[str]) -> None:
    for note in notes:
        click.echo(f"  ! {note}")


def _calendar(store: Any, state: State, result: Any, path: Path, skipped: list[str], *, yes: bool) -> int | None:
    """Show what importing a calendar changes (field by field for what it updates), ask, save; the count written."""
    import integrationsnetz as inz
    from integrationsnetz.cli.editing import changed_fields
    from integrationsnetz.cli.readable import Names
    from integrationsnetz.cli.times import DEFAULT_ZONE, zone_named

    changes = inz.compare_import(store, result)
    counts = say("changes.counts", new=len(changes.created), changed=len(changes.updated),
                 same=len(changes.unchanged))  # fmt: skip
    if changes.deleted:
        counts += say("import.deleted", count=len(changes.deleted))
    click.echo(say("import.preview", source=path, store=store.url.masked, counts=counts))
    zone = zone_named(DEFAULT_ZONE)
    updated = set(changes.updated)
    cleared: list[str] = []
    for entity in changes.writes:
        if entity.id not in updated:
            continue
        before = store.get(type(entity), entity.id)
        rows = changed_fields(before, entity, zone, Names(state.data))
        click.echo(f"  {entity.id}:")
        width = max((len(name) for name, _, _ in rows), default=0)
        for name, old, new in rows:
            click.echo(f"    {name.ljust(width)}  {old} → {new}")
            if new == "–" and old != "–":
                cleared.append(say("import.cleared", id=entity.id, field=name))
    for entity in changes.stale:
        click.echo(say("import.deletes", id=entity.id))
    for warning in cleared:
        click.echo(f"  ! {warning}")
    _skipped([*skipped, *(str(note) for note in changes.notes)])
    if not changes.writes and not changes.stale:
        click.echo(say("changes.none"))
        return None
    defined = [entity.id for entity in changes.stale if state.document and defines(state.document, entity)]
    if defined:
        raise Failure(say("import.deletes_document", ids=", ".join(defined), file=state.document_path))
    # save_import's writes, through the rule every change keeps: the document too where it defines one
    with pending(state, store, changes.writes) as change:
        _notes(change.notes)
        ask(yes)
        change.commit(deletions=changes.stale)
    return len(changes.created) + len(changes.updated) + len(changes.deleted)


def _skipped(lines: list[str]) -> None:
    if lines:
        click.echo(say("import.skipped", count=len(lines)))
        for line in lines:
            click.echo(f"  - {line}")


def _formats() -> None:
    import integrationsnetz as inz

    host = inz.default_host()
    exporters, importers = host.exporters(), host.importers()
    rows = [
        [name, exporter.suffix, "x" if name in importers else "", "x", exporter.description]
        for name, exporter in sorted(exporters.items())
    ]
    rows += [
        [name, importer.suffix, "x", "", importer.description]
        for name, importer in sorted(importers.items())
        if name not in exporters
    ]
    headers = [say("col.format"), say("col.suffix"), say("col.import"), say("col.export"), say("col.description")]
    click.echo(table(headers, rows))


#: ``--publikum``: the German words for the library's audiences.
_AUDIENCES = {"oeffentlich": "public", "intern": "internal", "empfaenger": "recipients"}


@click.command("export", cls=Command, help="help.export", short_help="short.export")
@click.argument("format_name", metavar="[FORMAT]", required=False)
@click.argument("path", metavar="[DATEI]", required=False,
                type=click.Path(path_type=Path, dir_okay=False, allow_dash=True))  # fmt: skip
@option("--personendaten", "personal", is_flag=True, help="help.export.personendaten")
@option("--tabelle", type=click.Choice(["actors", "attendance", "courses"]), help="help.export.tabelle")
@option("--auswahl", "select", metavar="ID", multiple=True, help="help.export.auswahl")
@option("--stichtag", "as_of", metavar="DATUM", help="help.export.stichtag")
@option("--publikum", "audience", type=click.Choice(list(_AUDIENCES)), help="help.export.publikum")
@option("--yes", "-y", is_flag=True, help="help.yes")
@click.pass_obj
def export_command(
    settings: Settings,
    *,
    format_name: str | None,
    path: Path | None,
    personal: bool,
    tabelle: str | None,
    select: tuple[str, ...],
    as_of: str | None,
    audience: str | None,
    yes: bool,
) -> None:
    """List the formats, or write the network (or what ``--auswahl`` names) in one of them."""
    if format_name is None:
        _formats()
        return
    import integrationsnetz as inz

    exporter = inz.default_host().exporters().get(format_name)
    if exporter is None:
        known = ", ".join(sorted(inz.default_host().exporters()))
        raise Failure(say("export.unknown_format", format=format_name, known=known))
    workspace = settings.workspace()
    data = workspace.network()
    target = path or workspace.out / f"{data.network.id}{exporter.suffix}"
    from integrationsnetz.cli.times import parse_day
    from integrationsnetz.exporters import LongLinkWarning, export_result

    if personal and audience == "oeffentlich":
        raise Failure(say("export.publikum_conflict"))
    options = inz.ExportOptions(
        language=LANGUAGE.get(),
        audience=_AUDIENCES[audience] if audience else ("internal" if personal else "public"),  # type: ignore[arg-type]
        as_of=parse_day(as_of),
        csv=inz.CsvOptions(table=tabelle) if tabelle else inz.CsvOptions(),  # type: ignore[arg-type]
    )
    to_stdout = str(path) == "-"  # as the document commands' --out -: standard output, reports on stderr
    if to_stdout and not exporter.media_type.startswith(("text/", "application/json")) and sys.stdout.isatty():
        raise Failure(say("export.binary_terminal", format=format_name))
    if not to_stdout and target.exists():
        click.echo(say("export.overwrite", path=target))
        ask(yes)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LongLinkWarning)
        if to_stdout:
            result = export_result(data, format_name, select=list(select) or None, options=options)
            sys.stdout.buffer.write(result.payload)
            sys.stdout.buffer.flush()
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            result = export_result(data, format_name, target, select=list(select) or None, options=options)
            click.echo(say("export.written", path=target, size=len(result.payload)))
    for warning in caught:
        if issubclass(warning.category, LongLinkWarning):
            click.echo(say("export.long_link", size=len(result.payload.strip())), err=to_stdout)
        else:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    if result.left_out:
        click.echo(say("export.left_out", count=len(result.left_out)), err=to_stdout)
        for entry in result.left_out:
            line = say("export.left_out_line", who=entry.label, reason=_reason(entry.reason))
            click.echo(line, err=to_stdout)


def _reason(reason: str) -> str:
    """The library's reason for leaving someone out, in the run's language."""
    import re

    consent = re.fullmatch(r"no (\w+) consent on (\d{4}-\d{2}-\d{2})", reason)
    if consent:
        from datetime import date

        day = date.fromisoformat(consent.group(2))
        shown = day.strftime("%d.%m.%Y") if LANGUAGE.get() == "de" else day.isoformat()
        return say("export.reason.consent", purpose=consent.group(1), day=shown)
    if reason.startswith("no e-mail address"):
        return say("export.reason.no_email")
    return reason


COMMANDS = (import_command, export_command)
