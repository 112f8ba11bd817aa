"""``integrationsnetz netz laden`` and ``netz schreiben``: the network document and the store as two views.

``laden`` puts the whole document into the store (``save_network``: one transaction, all or
nothing); ``schreiben`` reads the store's network back (``load_network``, the planned meetings
included) and writes it into the document atomically, so the planned year can be kept in the
coordinator's TOML file. Both show per collection what changes and ask first, and write under
the workspace's lock only what they showed: if the document or the store changed meanwhile
(another command, someone's editor), they refuse and write nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from integrationsnetz.cli.changes import against, against_store, ask
from integrationsnetz.cli.editing import named
from integrationsnetz.cli.help import Command, Group, option
from integrationsnetz.cli.rewrite import check_unchanged
from integrationsnetz.cli.settings import Settings
from integrationsnetz.cli.wording import say
from integrationsnetz.cli.workspace import Failure, locked, stored_network

if TYPE_CHECKING:
    from integrationsnetz.model import NetworkData


@click.group("netz", cls=Group, help="help.netz_group", short_help="short.netz")
def netz() -> None:
    """The group of document commands."""


def _show(old: NetworkData | None, new: NetworkData) -> bool:
    """Print per collection what differs between ``old`` and ``new``; whether anything does."""
    from integrationsnetz.model import COLLECTIONS

    any_change = False
    pairs = [("network", (old.network,) if old else (), (new.network,))]
    pairs += [(name, getattr(old, name) if old else (), getattr(new, name)) for name in COLLECTIONS]
    for name, before, after in pairs:
        added, changed, removed, same = against(before, after)
        if added or changed or removed:
            any_change = True
            counts = say("changes.counts", new=added, changed=changed, same=same)
            click.echo(say("netz.collection", name=name, counts=f"{counts}, -{removed}"))
    return any_change


@netz.command("laden", cls=Command, help="help.netz.laden", short_help="short.netz.laden")
@option("--yes", "-y", is_flag=True, help="help.yes")
@click.pass_obj
def laden(settings: Settings, yes: bool) -> None:
    """Document -> store, after showing the counts."""
    import integrationsnetz as inz

    workspace = settings.workspace()
    document, original = workspace.read_document_exactly()
    if document is None or workspace.document is None or original is None:
        raise Failure(say("netz.no_document"))
    with workspace.open_store() as store:
        changes = against_store(store, document.entities())
        click.echo(say("import.preview", source=workspace.document, store=store.url.masked, counts=changes.counts()))
        if not changes.writes:
            click.echo(say("changes.none"))
            return
        ask(yes)
        with locked(workspace.lock):
            check_unchanged(workspace.document, original)
            try:
                with store.transaction():  # each write at the revision shown: Conflict if changed since
                    written = store.put_many(list(changes.writes))
            except inz.Conflict:
                raise Failure(say("edit.conflict", ids=named(changes.writes))) from None
    click.echo(say("netz.loaded", count=len(written)))


@netz.command("schreiben", cls=Command, help="help.netz.schreiben", short_help="short.netz.schreiben")
@click.argument("path", metavar="[DATEI]", required=False, type=click.Path(path_type=Path, dir_okay=False))
@option("--yes", "-y", is_flag=True, help="help.yes")
@click.pass_obj
def schreiben(settings: Settings, path: Path | None, yes: bool) -> None:
    """Store -> document, written atomically, after showing what changes."""
    import integrationsnetz as inz

    workspace = settings.workspace()
    target = path or workspace.document
    if target is None:
        raise Failure(say("netz.no_document"))
    original = _read(target)
    old = None
    if original is not None:
        old = inz.documents.loads(original, inz.documents.format_of(target), source=str(target))
    network_id = old.network.id if old else None
    with workspace.open_store() as store:
        data = stored_network(store, network_id)
    if data is None:
        raise Failure(say("store_empty"))
    if not _show(old, data):
        click.echo(say("changes.none"))
        return
    ask(yes)
    with locked(workspace.lock), workspace.open_store() as store:
        if _read(target) != original:
            raise Failure(say("edit.document_changed", file=target))
        if stored_network(store, network_id) != data:
            raise Failure(say("edit.conflict", ids=store.url.masked))
        inz.documents.save(data, target)
    click.echo(say("netz.written", path=target))


def _read(path: Path) -> bytes | None:
    """The file's content, None when there is none yet."""
    import integrationsnetz as inz

    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise inz.InvalidData([f"cannot read the file ({exc.strerror or exc})"], source=str(path)) from None


COMMANDS = (netz,)
