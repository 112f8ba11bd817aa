"""How a command changes the living record: read, show the change, ask, write in one transaction.

Changes go to the workspace's store, never to the network document: the document holds the
network's structure and wins over the store wherever both hold an entity (``combined()``, and
``plan`` writes the document into the store first). So a command refuses to change an entity the
document defines, naming the file and the id, instead of writing a change that would vanish.
Every change is shown field by field before it is written, and asked for unless ``--yes`` is
given; the write is one store transaction that first brings the document into the store (as
``plan`` does), so the entity's references resolve there.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo

import click

from integrationsnetz.cli.help import option
from integrationsnetz.cli.times import local_text
from integrationsnetz.cli.wording import LANGUAGE, say
from integrationsnetz.cli.workspace import Failure, Workspace, combined, stored_network

if TYPE_CHECKING:
    from integrationsnetz.model import Entity, Meeting, NetworkData, WorkingGroup
    from integrationsnetz.store import Store

#: Bookkeeping the store keeps: never part of a change shown to the user.
_BOOKKEEPING = frozenset({"created", "modified", "revision"})
_YES = frozenset({"j", "ja", "y", "yes"})
_NO = frozenset({"", "n", "nein", "no"})
F = TypeVar("F", bound=Callable[..., Any])


def decorated(*decorators: Callable[[F], F]) -> Callable[[F], F]:
    """The decorators as one, applied as if written one above the other."""

    def apply(function: F) -> F:
        for decorator in reversed(decorators):
            function = decorator(function)
        return function

    return apply


#: ``--yes`` and ``--json``: every command that changes data takes both.
answer_options = decorated(
    option("--yes", "-y", "yes", is_flag=True, help="help.yes"),
    option("--json", "as_json", is_flag=True, help="help.edit.json"),
)


@dataclass(frozen=True)
class State:
    """What a change starts from: the document (if any), the network as commands read it, its id."""

    document: NetworkData | None
    data: NetworkData

    @property
    def network_id(self) -> str:
        """The network's id: the document's, else the store's only network."""
        return self.data.network.id


def read_state(workspace: Workspace, store: Store) -> State:
    """The document and the network the workspace holds (the document's entities, the store's beyond them)."""
    document = workspace.read_document()
    stored = stored_network(store, document.network.id if document else None)
    if document is None:
        if stored is None:
            raise Failure(say("store_empty"))
        return State(document=None, data=stored)
    return State(document=document, data=combined(document, stored) if stored is not None else document)


def _refuse_document_owned(workspace: Workspace, state: State, kind: str, entity_id: str, ids: set[str]) -> None:
    if state.document is not None and entity_id in ids:
        raise Failure(say(f"edit.document_owned.{kind}", id=entity_id, file=workspace.document))


def stored_meeting(workspace: Workspace, state: State, store: Store, meeting_id: str) -> Meeting:
    """The store's meeting ``meeting_id``; refused when the document defines it, or nobody does."""
    import integrationsnetz as inz

    ids = {m.id for m in state.document.meetings} if state.document else set()
    _refuse_document_owned(workspace, state, "meeting", meeting_id, ids)
    try:
        return store.get(inz.Meeting, meeting_id)
    except inz.NotFound:
        raise Failure(say("edit.no_meeting", id=meeting_id)) from None


def stored_group(workspace: Workspace, state: State, store: Store, group_id: str) -> WorkingGroup:
    """The store's working group ``group_id``; refused when the document defines it, or nobody does."""
    import integrationsnetz as inz

    ids = {g.id for g in state.document.groups} if state.document else set()
    _refuse_document_owned(workspace, state, "group", group_id, ids)
    try:
        return store.get(inz.WorkingGroup, group_id)
    except inz.NotFound:
        raise Failure(say("edit.no_group", id=group_id)) from None


def shown(value: Any, zone: ZoneInfo) -> str:
    """A field's value as the change list shows it: local times, status words, compact JSON for the rest."""
    import integrationsnetz as inz
    from integrationsnetz.exporters.wording import status_word

    if value is None or value == ():
        return "–"
    if isinstance(value, datetime):
        return local_text(value, zone)
    if isinstance(value, date):
        return f"{value:%d.%m.%Y}"
    if isinstance(value, Enum):
        return status_word(str(value.value), LANGUAGE.get())
    if isinstance(value, str):
        return value
    return json.dumps(inz.default_host().codec.unstructure(value), ensure_ascii=False)


def changed_fields(before: Any, after: Any, zone: ZoneInfo) -> list[tuple[str, str, str]]:
    """Each field that differs: its name, the value before (``–`` for a new entity) and after."""
    import attrs

    rows = []
    for field in attrs.fields(type(after)):
        if field.name in _BOOKKEEPING:
            continue
        new = getattr(after, field.name)
        old = getattr(before, field.name) if before is not None else None
        if before is None and (new is None or new == ()):
            continue
        if before is not None and shown(old, zone) == shown(new, zone):
            continue
        rows.append((field.name, shown(old, zone), shown(new, zone)))
    return rows


def ask(question: str) -> bool:
    """Yes or no on standard input (``j``/``ja``/``y``/``yes``); no when the answer is empty."""
    suffix = " [j/N]" if LANGUAGE.get() == "de" else " [y/N]"
    while True:
        answer = click.prompt(question + suffix, default="", show_default=False, err=True, prompt_suffix=" ")
        word = str(answer).strip().lower()
        if word in _YES:
            return True
        if word in _NO:
            return False
        click.echo(say("edit.answer"), err=True)


def confirm(ctx: click.Context, heading: str, rows: Sequence[tuple[str, str, str]], notes: Sequence[str], *,
            yes: bool) -> None:
    """Show the change (on standard error, so ``--json`` output stays clean) and ask unless ``yes``.

    A "no" (or the end of the input) ends the command with exit code 1, nothing written.
    """
    click.echo(heading, err=True)
    width = max((len(name) for name, _, _ in rows), default=0)
    for name, old, new in rows:
        click.echo(f"  {name.ljust(width)}  {old} → {new}", err=True)
    for note in notes:
        click.echo(f"  ! {note}", err=True)
    if yes:
        return
    try:
        agreed = ask(say("edit.question"))
    except click.Abort:
        agreed = False
    if not agreed:
        click.echo(say("edit.nothing_written"), err=True)
        ctx.exit(1)


def write(state: State, store: Store, entities: Sequence[Entity]) -> list[Entity]:
    """``entities`` into the store in one transaction, after the document (as ``plan`` writes it)."""
    import integrationsnetz as inz

    with store.transaction():
        if state.document is not None:
            inz.save_network(store, state.document)
        return store.put_many(list(entities))


def as_json(entities: Sequence[Any]) -> str:
    """Entities as the library's codec writes them, for ``--json``."""
    import integrationsnetz as inz

    codec = inz.default_host().codec
    return json.dumps([codec.unstructure(entity) for entity in entities], ensure_ascii=False, indent=2)
