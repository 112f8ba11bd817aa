"""``integrationsnetz person auskunft ID`` and ``person loeschen ID``: DSGVO Art. 15 and Art. 17.

Both use the store's own functions (``personal_data_of``, ``erase_person``), which follow
:mod:`integrationsnetz.privacy` for every backend. The erasure also takes the person out of the
workspace's network document (written atomically), since a command reads the document beside the
store: a person left there would come back with the next ``netz laden`` or ``plan``; and out of the
planning file, whose reference would make the next ``plan`` refuse (:mod:`integrationsnetz.cli.erasure`:
a verified line edit that keeps the file's comments). It deletes earlier Auskunft files of the person
in the workspace folder, and lists the free texts (minutes, descriptions) naming the person, which
it does not rewrite. And it deletes
the files in the workspace's ``out/`` that name the person (:mod:`integrationsnetz.cli.personal_files`:
the cancellations ``absage-*.ics`` with their ATTENDEEs, documents printed ``--mit-namen``), listed
before the question; they are generated output, and ``veroeffentlichen`` writes the calendars again.
The erasure holds the workspace's lock, and refuses when the document changed since it was shown.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from integrationsnetz.cli.changes import ask
from integrationsnetz.cli.help import Command, Group, option
from integrationsnetz.cli.rewrite import check_unchanged
from integrationsnetz.cli.settings import Settings
from integrationsnetz.cli.wording import say
from integrationsnetz.cli.workspace import Failure, locked


@click.group("person", cls=Group, help="help.person", short_help="short.person")
def person() -> None:
    """The group of a person's data."""


@person.command("auskunft", cls=Command, help="help.person.auskunft", short_help="short.person.auskunft")
@click.argument("person_id", metavar="ID")
@option("--out", type=click.Path(path_type=Path, dir_okay=False), help="help.person.out")
@click.pass_obj
def auskunft(settings: Settings, person_id: str, out: Path | None) -> None:
    """Print (or write) everything the store holds on the person, as JSON."""
    import integrationsnetz as inz
    from integrationsnetz.atomic import write_atomic

    with settings.workspace().open_store() as store:
        found = store.personal_data_of(person_id)
    if found.person is None and not found.mentions:
        raise Failure(say("person.unknown", id=person_id))
    codec = inz.default_host().codec
    plain = {
        "person_id": found.person_id,
        "person": codec.unstructure(found.person) if found.person is not None else None,
        "memberships": [codec.unstructure(membership) for membership in found.memberships],
        "mentions": [
            {"entity_type": m.entity_type, "entity_id": m.entity_id, "where": list(m.where)} for m in found.mentions
        ],
    }
    text = json.dumps(plain, ensure_ascii=False, indent=2) + "\n"
    if out is None:
        click.echo(text, nl=False)
        return
    write_atomic(out, text.encode("utf-8"))
    click.echo(say("person.written", path=out), err=True)


@person.command("loeschen", cls=Command, help="help.person.loeschen", short_help="short.person.loeschen")
@click.argument("person_id", metavar="ID")
@option("--yes", "-y", is_flag=True, help="help.yes")
@click.pass_obj
def loeschen(settings: Settings, person_id: str, yes: bool) -> None:
    """Show what the erasure changes, ask, erase in the store and the document."""
    import attrs

    import integrationsnetz as inz
    from integrationsnetz.atomic import write_atomic
    from integrationsnetz.cli.erasure import changed_figures, free_texts, planning_edit, request_files
    from integrationsnetz.cli.personal_files import files_naming, traces_of
    from integrationsnetz.cli.readable import label, label_path
    from integrationsnetz.cli.terminal import visible
    from integrationsnetz.cli.workspace import stored_network
    from integrationsnetz.model import COLLECTIONS
    from integrationsnetz.privacy import plan_erasure

    workspace = settings.workspace()
    document, original = workspace.read_document_exactly()
    in_document = plan_erasure(person_id, document.entities()) if document is not None else None
    with workspace.open_store() as store:
        found = store.personal_data_of(person_id)
        held = found.person is not None or bool(found.mentions)
        if not held and not (in_document and in_document.changed):
            raise Failure(say("person.unknown", id=person_id))
        function = found.person.function if found.person else "-"
        click.echo(say("person.preview", id=person_id, function=function, count=len(found.mentions) + held))
        for mention in found.mentions:
            click.echo(f"  {mention.entity_type} {mention.entity_id}: {', '.join(mention.where)}")
        if document is not None and in_document is not None and in_document.changed:
            click.echo(say("person.document", path=workspace.document, count=in_document.changed))
        records = [p for p in (document.persons if document else ()) if p.id == person_id]
        records += [found.person] if found.person is not None else []
        traces = traces_of(person_id, records)
        files = files_naming(workspace.out, traces)
        if files:
            click.echo(say("person.files", folder=workspace.out, count=len(files)))
            for path in files:
                click.echo(f"  {visible(path.relative_to(workspace.out).as_posix())}")
        home = workspace.folder or (workspace.document.parent if workspace.document else None)
        requests = [path for path in request_files([home] if home else [], person_id) if path not in files]
        if requests:
            click.echo(say("person.requests", count=len(requests)))
            for path in requests:
                click.echo(f"  {visible(path.name)}")
        planning = planning_edit(workspace.planning, person_id)
        planning_bytes = planning.path.read_bytes() if planning is not None else None
        if planning is not None:
            click.echo(say("person.planning", file=planning.path.name, count=len(planning.references)))
            for place in planning.references:
                click.echo(say("person.planning_line", line=place.line, series=place.where, field=place.field))
        stored = stored_network(store, document.network.id if document else None)
        entities = [*(document.entities() if document else ()), *(stored.entities() if stored else ())]
        texts = free_texts(entities, person_id, traces)
        if texts:
            click.echo(say("person.free_text", count=len(texts)))
            for entity, field_path in texts:
                click.echo(f"  {label('type.' + type(entity).__name__)} {entity.id}: {label_path(field_path)}")
        figures = changed_figures(entities, person_id)
        if figures:
            click.echo(say("person.figures", count=len({figure.meeting.id for figure in figures})))
            for figure in figures:
                day = f"{figure.meeting.start:%d.%m.%Y}"
                what = say(f"person.figure.{figure.figure}")
                click.echo(say("person.figure", id=figure.meeting.id, day=day, figure=what,
                               before=figure.before, after=figure.after))  # fmt: skip
        ask(yes)
        with locked(workspace.lock):
            if workspace.document is not None and original is not None:
                check_unchanged(workspace.document, original)
            if planning is not None and planning_bytes is not None:
                check_unchanged(planning.path, planning_bytes)
            changed = store.erase_person(person_id)
            if document is not None and workspace.document is not None and in_document and in_document.changed:
                gone = {(type(e), e.id) for e in in_document.deletions}
                updates = {(type(e), e.id): e for e in in_document.updates}
                collections = {
                    name: tuple(
                        updates.get((type(e), e.id), e) for e in getattr(document, name) if (type(e), e.id) not in gone
                    )
                    for name in COLLECTIONS
                }
                inz.documents.save(attrs.evolve(document, **collections), workspace.document)  # type: ignore[arg-type]
            if planning is not None and planning.text is not None:
                write_atomic(planning.path, planning.text.encode("utf-8"))
    for path in [*files, *requests]:
        path.unlink(missing_ok=True)
    click.echo(say("person.erased", id=person_id, count=changed))
    if files:
        click.echo(say("person.files_deleted", folder=workspace.out, count=len(files)))
    if requests:
        click.echo(say("person.requests_deleted", count=len(requests)))
    if planning is not None:
        click.echo(say("person.planning_done", file=planning.path.name))


COMMANDS = (person,)
