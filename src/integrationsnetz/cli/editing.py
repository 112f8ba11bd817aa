"""How a command changes a network: read, show the change, ask, write the store and the document.

The store and the network document are two views of one network: the document wins where both
hold an entity (``combined()``, and ``plan`` writes the document into the store first). So a
change to an entity the document defines (a meeting, the working group that holds a task) goes
into both, or it would vanish: the store in one transaction, the document rewritten atomically
with the entity replaced (:mod:`integrationsnetz.cli.rewrite`). Every change is shown field by
field before it is written, with a note when the document is rewritten too (and when it holds
comments or formatting the rewrite does not keep), and asked for unless ``--yes`` is given. The
new document goes to a temporary file first, then the store transaction (which first brings the
document into the store, as ``plan`` does) is committed, then the temporary file replaces the
document: a failing store write leaves the document as it was, and a failing rename is reported
with the store's change standing.

Two commands at once must not lose one's change. The write (check, store transaction, rename)
holds the workspace's lock (:func:`~integrationsnetz.cli.workspace.locked`), and inside it the
document must still hold the bytes the change was computed from, and each store entity still be
at the revision read then: else the command refuses ("changed meanwhile; run again"), nothing
written. The store's own revision check (``Conflict``) guards a store without a workspace.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo

import click

from integrationsnetz.cli.help import option
from integrationsnetz.cli.readable import Names, label, readable
from integrationsnetz.cli.rewrite import Rewrite, check_unchanged, defines, held, prepare, replaced
from integrationsnetz.cli.wording import LANGUAGE, say
from integrationsnetz.cli.workspace import Failure, Workspace, combined, locked, stored_network

if TYPE_CHECKING:
    from integrationsnetz.model import Entity, Meeting, NetworkData, WorkingGroup
    from integrationsnetz.store import Store

#: Bookkeeping the store keeps, the id the heading names and the network (one per workspace): never
#: part of a change shown to the user.
_BOOKKEEPING = frozenset({"created", "modified", "revision", "id", "network_id"})
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
    """What a change starts from: the document (if any) and its file, the network as commands read it.

    ``original`` is the document's content as read, ``stored`` the store's network then (its
    revisions), ``lock`` the workspace's lock file: what a write checks, and holds, before it writes.
    """

    document: NetworkData | None
    data: NetworkData
    document_path: Path | None = None
    original: bytes | None = None
    stored: NetworkData | None = None
    lock: Path | None = None

    @property
    def network_id(self) -> str:
        """The network's id: the document's, else the store's only network."""
        return self.data.network.id

    def check_unchanged(self) -> None:
        """:class:`Failure` when the document no longer holds what the change was computed from."""
        if self.document_path is not None and self.original is not None:
            check_unchanged(self.document_path, self.original)

    def check_revisions(self, store: Store, entities: Sequence[Entity]) -> None:
        """:class:`Failure` when the store holds one of ``entities`` at another revision than when read."""
        import integrationsnetz as inz

        for entity in entities:
            before = held(self.stored, entity) if self.stored is not None else None
            try:
                now: int | None = store.get(type(entity), entity.id).revision
            except inz.NotFound:
                now = None
            if now != (before.revision if before is not None else None):
                raise Failure(say("edit.conflict", ids=entity.id))


def read_state(workspace: Workspace, store: Store) -> State:
    """The document and the network the workspace holds (the document's entities, the store's beyond them)."""
    document, original = workspace.read_document_exactly()
    stored = stored_network(store, document.network.id if document else None)
    if document is None:
        if stored is None:
            raise Failure(say("store_empty"))
        return State(document=None, data=stored, stored=stored, lock=workspace.lock)
    data = combined(document, stored) if stored is not None else document
    return State(document=document, data=data, document_path=workspace.document, original=original,
                 stored=stored, lock=workspace.lock)  # fmt: skip


@contextmanager
def changing(ctx: click.Context) -> Iterator[tuple[Store, State]]:
    """The workspace's store, open, and the network read from it: where a changing command starts."""
    workspace: Workspace = ctx.obj.workspace()
    with workspace.open_store() as store:
        yield store, read_state(workspace, store)


def find_meeting(state: State, meeting_id: str) -> Meeting:
    """The meeting ``meeting_id`` as commands read it (the document's, else the store's)."""
    meeting = next((m for m in state.data.meetings if m.id == meeting_id), None)
    if meeting is None:
        raise Failure(say("edit.no_meeting", id=meeting_id))
    return meeting


def find_group(state: State, group_id: str) -> WorkingGroup:
    """The working group ``group_id`` as commands read it (the document's, else the store's)."""
    group = next((g for g in state.data.groups if g.id == group_id), None)
    if group is None:
        raise Failure(f"{say('edit.no_group', id=group_id)} {say('gruppe.hint')}")
    return group


def open_meeting(state: State, meeting_id: str) -> Meeting:
    """The meeting ``meeting_id`` for a change; a cancelled one is refused (confirm it again first)."""
    import integrationsnetz as inz

    meeting = find_meeting(state, meeting_id)
    if meeting.status is inz.MeetingStatus.CANCELLED:
        raise Failure(say("edit.is_cancelled", id=meeting_id))
    return meeting


def in_store(store: Store, cls: type[Entity], entity_id: str) -> bool:
    """Whether the store holds a ``cls`` with ``entity_id``: a new entity's id must not be taken there either."""
    import integrationsnetz as inz

    try:
        store.get(cls, entity_id)
    except inz.NotFound:
        return False
    return True


def free_id(base: str, taken: Callable[[str], bool]) -> str:
    """``base``, else ``base-2``, ``base-3``, ...: the first not ``taken``, for a new entity the user did not name."""
    candidate, number = base, 1
    while taken(candidate):
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def shown(value: Any, zone: ZoneInfo, names: Names | None = None, field: str = "") -> str:
    """A field's value as the change list shows it (:func:`~integrationsnetz.cli.readable.readable`)."""
    return readable(value, zone, names or Names(None), field)


def changed_fields(before: Any, after: Any, zone: ZoneInfo, names: Names | None = None) -> list[tuple[str, str, str]]:
    """Each field that differs: its label, the value before (``–`` for a new entity) and after.

    ``names`` says what the ids stand for (a person's function, a venue's name): the network the
    command read (:class:`~integrationsnetz.cli.readable.Names`).
    """
    import attrs

    names = names or Names(None)
    rows = []
    for field in attrs.fields(type(after)):
        if field.name in _BOOKKEEPING:
            continue
        new = getattr(after, field.name)
        old = getattr(before, field.name) if before is not None else None
        if before is None and (new is None or new == ()):
            continue
        if before is not None and old == new:
            continue
        rows.append((label(field.name), shown(old, zone, names, field.name), shown(new, zone, names, field.name)))
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


def confirm(
    ctx: click.Context, heading: str, rows: Sequence[tuple[str, str, str]], notes: Sequence[str], *, yes: bool
) -> None:
    """Show the change (on standard error, so ``--json`` output stays clean) and ask unless ``yes``.

    A "no" (or the end of the input) ends the command with exit code 1, nothing written. Every
    value is shown as :func:`~integrationsnetz.cli.terminal.visible` writes it (one line, no escapes).
    """
    from integrationsnetz.cli.terminal import visible

    click.echo(heading, err=True)
    rows = [(visible(name), visible(old), visible(new)) for name, old, new in rows]
    width = max((len(name) for name, _, _ in rows), default=0)
    for name, old, new in rows:
        click.echo(f"  {name.ljust(width)}  {old} → {new}", err=True)
    for note in notes:
        click.echo(f"  ! {visible(note)}", err=True)
    if yes:
        return
    try:
        agreed = ask(say("edit.question"))
    except click.Abort:
        agreed = False
    if not agreed:
        click.echo(say("edit.nothing_written"), err=True)
        ctx.exit(1)


@dataclass(frozen=True)
class Pending:
    """A change ready to be written: its notes for the confirmation, and :meth:`commit`."""

    state: State
    store: Store
    entities: tuple[Entity, ...]
    document: NetworkData | None
    rewrite: Rewrite | None

    @property
    def notes(self) -> list[str]:
        """What the confirmation says beyond the fields: the document is rewritten (and loses its layout)."""
        if self.rewrite is None:
            return []
        ids = ", ".join(e.id for e in self.entities if self.state.document and defines(self.state.document, e))
        notes = [say("edit.document_too", file=self.rewrite.path, ids=ids)]
        if not self.rewrite.keeps_layout:
            notes.append(say("edit.document_layout", file=self.rewrite.path))
        return notes

    def commit(self, deletions: Sequence[Entity] = ()) -> list[Entity]:
        """Write the store in one transaction, then put the new document in place; the entities as stored.

        All under the workspace's lock, and only if nobody changed the document or an entity
        meanwhile (:class:`Failure`, nothing written). ``deletions`` are store entities deleted in
        the same transaction, each at the revision it carries.
        """
        import integrationsnetz as inz

        document = self.document
        with locked(self.state.lock):
            self.state.check_unchanged()  # before the store: a refused change writes nothing anywhere
            try:
                with self.store.transaction():
                    old = self.state.document
                    self.state.check_revisions(self.store, [e for e in self.entities if old and defines(old, e)])
                    if document is not None:
                        inz.save_network(self.store, document)
                    outside = [e for e in self.entities if document is None or not defines(document, e)]
                    if outside:
                        self.store.put_many(outside)  # Conflict when one is no longer at its revision
                    for entity in deletions:
                        self.store.delete(type(entity), entity.id, revision=entity.revision)
                    saved = [self.store.get(type(e), e.id) for e in self.entities]
            except inz.Conflict:
                raise Failure(say("edit.conflict", ids=named(self.entities))) from None
            if self.rewrite is not None:
                try:
                    self.rewrite.replace()
                except inz.StoreError as exc:
                    for entity in saved:
                        click.echo(say("edit.saved", id=entity.id, revision=entity.revision), err=True)
                    raise Failure(say("edit.document_not_updated", file=self.rewrite.path, error=str(exc))) from None
        return saved


@contextmanager
def pending(state: State, store: Store, entities: Sequence[Entity]) -> Iterator[Pending]:
    """The change of ``entities``; the new document (if the document defines one of them) is written aside.

    Leaving the block without :meth:`Pending.commit` (a "no", an error) removes the new document.
    """
    old = document = state.document
    rewrite = None
    if old is not None and state.document_path is not None and any(defines(old, e) for e in entities):
        document = replaced(old, entities)
        rewrite = prepare(state.document_path, old, document, state.original)
    try:
        yield Pending(state=state, store=store, entities=tuple(entities), document=document, rewrite=rewrite)
    finally:
        if rewrite is not None:
            rewrite.discard()


def write_one(
    ctx: click.Context,
    store: Store,
    state: State,
    entity: Entity,
    *,
    heading: str,
    rows: Sequence[tuple[str, str, str]],
    notes: Sequence[str] = (),
    yes: bool,
) -> Entity:
    """Show the change of one entity under ``heading``, ask, write it (:func:`pending`); the entity as stored."""
    with pending(state, store, [entity]) as change:
        confirm(ctx, heading, rows, [*notes, *change.notes], yes=yes)
        return change.commit()[0]


def echo_saved(saved: Entity, *, json_out: bool) -> None:
    """Say what a command wrote: the entity as JSON for ``--json``, else its id and new revision."""
    if json_out:
        click.echo(as_json([saved]))
    else:
        click.echo(say("edit.saved", id=saved.id, revision=saved.revision))


def named(entities: Sequence[Entity], most: int = 3) -> str:
    """The ids of ``entities`` for a message: the first ``most``, and how many more."""
    ids = ", ".join(entity.id for entity in entities[:most])
    return ids + (f" (+{len(entities) - most})" if len(entities) > most else "")


def as_json(entities: Sequence[Any]) -> str:
    """Entities as the library's codec writes them, for ``--json``."""
    import integrationsnetz as inz

    codec = inz.default_host().codec
    return json.dumps([codec.unstructure(entity) for entity in entities], ensure_ascii=False, indent=2)
