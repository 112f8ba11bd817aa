"""Safe by default: what a command is about to write, shown as counts, and the question before it writes.

Every command that changes data compares what it would write with what is there (a store, a
document), prints the counts, and asks as the meeting commands ask (``[j/N]``; ``--yes`` answers for
scripts; without a terminal and without ``--yes`` the question meets the end of the input and the
command stops, exit code 1).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import click

from integrationsnetz.cli.editing import ask as agrees
from integrationsnetz.cli.wording import say

if TYPE_CHECKING:
    from integrationsnetz.model import Entity, NetworkData
    from integrationsnetz.store import Store


@dataclass(frozen=True)
class Changes:
    """Entities to write (each at the revision the target holds), and how many are new, changed, the same."""

    writes: tuple[Entity, ...]
    new: int
    changed: int
    same: int

    def counts(self) -> str:
        """``3 neu, 1 geändert, 40 unverändert`` in the run's language."""
        return say("changes.counts", new=self.new, changed=self.changed, same=self.same)


def against_store(store: Store, entities: Iterable[Entity], document: NetworkData | None = None) -> Changes:
    """What writing ``entities`` into ``store`` changes: as ``save_network`` decides it, one entity at a time.

    An entity ``document`` defines is compared with the document's version instead: the document
    wins where both hold one, so that is what a command shows and what the change must be written to.
    """
    import attrs

    import integrationsnetz as inz
    from integrationsnetz.cli.rewrite import held

    writes: list[Entity] = []
    new = changed = same = 0
    for entity in entities:
        stored = held(document, entity) if document is not None else None
        try:
            stored = stored or store.get(type(entity), entity.id)
        except inz.NotFound:
            writes.append(attrs.evolve(entity, revision=0))
            new += 1
            continue
        fresh = attrs.evolve(entity, revision=stored.revision, created=stored.created, modified=stored.modified)
        if fresh == stored:
            same += 1
        else:
            writes.append(fresh)
            changed += 1
    return Changes(writes=tuple(writes), new=new, changed=changed, same=same)


def against(old: Iterable[Entity], new: Iterable[Entity]) -> tuple[int, int, int, int]:
    """(added, changed, removed, unchanged) between two sets of entities, by type and id, ignoring bookkeeping."""
    import attrs

    def key(entity: Entity) -> tuple[str, str]:
        return (type(entity).__name__, entity.id)

    def plain(entity: Entity) -> Entity:
        return attrs.evolve(entity, revision=0, created=None, modified=None)

    before = {key(entity): plain(entity) for entity in old}
    after = {key(entity): plain(entity) for entity in new}
    added = len(after.keys() - before.keys())
    removed = len(before.keys() - after.keys())
    common = before.keys() & after.keys()
    changed = sum(1 for item in common if before[item] != after[item])
    return added, changed, removed, len(common) - changed


def ask(yes: bool) -> None:
    """Go on when ``yes``; else ask as the meeting commands do, and stop (exit 1) unless the answer is yes.

    The question is ``Ausführen? [j/N]`` (``[y/N]`` in English), on standard error; ``j``, ``ja``,
    ``y`` and ``yes`` agree in either language, an empty answer or the end of the input declines.
    """
    if yes:
        return
    try:
        agreed = agrees(say("confirm"))
    except click.Abort:  # the end of the input: no answer is no
        agreed = False
    if not agreed:
        click.echo(say("edit.nothing_written"), err=True)
        raise click.exceptions.Exit(1)
