"""The network document rewritten when a command changes an entity it defines.

The document and the store are two views of one network, and the document wins where both
hold an entity (``combined()``; ``plan`` writes it into the store). So a change to such an
entity goes into both: the new document is written through ``documents.save`` to a temporary
file beside the old one first (so a document that would not load again never replaces it), the
store transaction is committed, and only then the temporary file is renamed over the document.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from integrationsnetz.cli.wording import say
from integrationsnetz.cli.workspace import Failure

if TYPE_CHECKING:
    from integrationsnetz.model import Entity, NetworkData


def held(data: NetworkData, entity: Entity) -> Entity | None:
    """The entity of ``entity``'s collection with its id that ``data`` holds, None if none."""
    from integrationsnetz.model import COLLECTIONS

    if entity.id == data.network.id and type(entity) is type(data.network):
        return data.network
    for name, cls in COLLECTIONS.items():
        if isinstance(entity, cls):
            return next((other for other in getattr(data, name) if other.id == entity.id), None)
    return None


def defines(document: NetworkData, entity: Entity) -> bool:
    """Whether ``document`` holds an entity of ``entity``'s collection with its id."""
    return held(document, entity) is not None


def check_unchanged(path: Path, original: bytes) -> None:
    """:class:`Failure` when ``path`` no longer holds ``original`` (someone's edit would be lost)."""
    try:
        unchanged = path.read_bytes() == original
    except OSError:
        unchanged = False
    if not unchanged:
        raise Failure(say("edit.document_changed", file=path))


def replaced(document: NetworkData, entities: Sequence[Entity]) -> NetworkData:
    """``document`` with each of ``entities`` in place of its entity of the same collection and id."""
    import attrs

    from integrationsnetz.model import COLLECTIONS

    changes: dict[str, object] = {}
    for entity in entities:
        if type(entity) is type(document.network) and entity.id == document.network.id:
            changes["network"] = entity
            continue
        for name, cls in COLLECTIONS.items():
            if isinstance(entity, cls):
                current = changes.get(name, getattr(document, name))
                changes[name] = tuple(entity if held.id == entity.id else held for held in current)  # type: ignore[attr-defined]
    return attrs.evolve(document, **changes)  # type: ignore[arg-type]  # each value has its field's type


@dataclass(frozen=True)
class Rewrite:
    """A new document written to ``temporary``, waiting to replace ``path``."""

    path: Path
    temporary: Path
    keeps_layout: bool
    original: bytes

    def check_unchanged(self) -> None:
        """:class:`Failure` when someone changed the document since it was read (their edit would be lost)."""
        check_unchanged(self.path, self.original)

    def replace(self) -> None:
        """Rename the new document over the old one; :class:`StoreError` when that fails (old file kept)."""
        from integrationsnetz.atomic import replace_atomic

        replace_atomic(self.temporary, self.path)

    def discard(self) -> None:
        """Remove the temporary file (nothing happens if it was renamed already)."""
        with contextlib.suppress(OSError):
            self.temporary.unlink()


def prepare(path: Path, old: NetworkData, new: NetworkData, original: bytes | None = None) -> Rewrite:
    """Write ``new`` beside ``path`` in ``path``'s format; :class:`Failure` if ``path`` cannot be replaced.

    ``original`` is the content ``old`` was read from (read now if not given): the rewrite is
    refused later if the file no longer holds it. ``keeps_layout`` says whether it is what
    ``documents.save`` writes for ``old``, byte for byte: if not, it holds comments or hand
    formatting the rewrite does not keep.
    """
    import integrationsnetz as inz
    from integrationsnetz.atomic import refuse_protected

    try:
        refuse_protected(path)
        if original is None:
            original = path.read_bytes()
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=f".tmp{path.suffix}", dir=path.parent)
    except (OSError, inz.StoreError) as exc:
        raise Failure(say("edit.document_unwritable", file=path, error=getattr(exc, "strerror", None) or exc)) from None
    os.close(fd)
    temporary = Path(name)
    try:
        inz.documents.save(new, temporary)
    except inz.InvalidData as exc:
        temporary.unlink(missing_ok=True)
        problems = [problem for problem in exc.problems if not problem.startswith("nothing was written")]
        raise Failure("\n  ".join([say("edit.document_invalid", file=path), *problems])) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    keeps = inz.documents.dumps(old, inz.documents.format_of(path)) == original
    return Rewrite(path=path, temporary=temporary, keeps_layout=keeps, original=original)
