"""The workspace: a district's folder with ``integrationsnetz.toml`` naming its files and store.

Every command finds it by walking up from the current folder, so a coordinator never types a path
twice; ``--netz`` and ``--store`` name a document or a store directly (and win over the file).
The network a command reads is the document's, with what the store holds beyond it (the planned
meetings): what the store holds once ``plan`` has written the document into it.

Commands that write take the workspace's lock (:func:`locked`, a ``flock`` on
``.integrationsnetz.lock`` in the workspace folder) around their write, so two commands at once
write one after the other, and the later one sees the earlier one's change and refuses.
"""

from __future__ import annotations

import os
import sys
import time
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from integrationsnetz.cli.wording import say

if TYPE_CHECKING:
    from integrationsnetz.model import NetworkData
    from integrationsnetz.store import Store

#: The file that marks a workspace.
WORKSPACE_FILE = "integrationsnetz.toml"
#: The file in the workspace folder whose ``flock`` the writing commands hold while they write.
LOCK_FILE = ".integrationsnetz.lock"
#: How long a command waits for another one's write before it gives up (seconds).
LOCK_WAIT = 60.0
#: The keys of the workspace file, each with the wording key of what it holds.
SETTINGS = {
    "netz": "workspace.expect_file",
    "planung": "workspace.expect_file",
    "store": "workspace.expect_url",
    "ausgabe": "workspace.expect_folder",
}


class Failure(click.ClickException):
    """A problem the user can fix, shown as one line in the run's language; exit code 1."""

    def show(self, file: object = None) -> None:
        click.echo(f"{say('error')}: {self.format_message()}", err=True)


@dataclass(frozen=True)
class Workspace:
    """Where a command's network lives: a document, a store URL, a planning file and ``out/``."""

    folder: Path | None
    document: Path | None
    planning: Path | None
    store_url: str | None
    out: Path

    def open_store(self) -> Store:
        """The workspace's store; :class:`Failure` when it names none."""
        import integrationsnetz as inz

        if self.store_url is None:
            raise Failure(say("missing", what="Store", option="--store"))
        return inz.open_store(self.store_url)

    def read_document(self) -> NetworkData | None:
        """The network document, or None when the workspace names none."""
        import integrationsnetz as inz

        return inz.documents.load(self.document) if self.document is not None else None

    def read_document_exactly(self) -> tuple[NetworkData | None, bytes | None]:
        """The network document and the very bytes it was read from (to see later whether it changed)."""
        import integrationsnetz as inz

        if self.document is None:
            return None, None
        try:
            payload = self.document.read_bytes()
        except OSError as exc:
            problem = f"cannot read the file ({exc.strerror or exc})"
            raise inz.InvalidData([problem], source=str(self.document)) from None
        document = inz.documents.loads(payload, inz.documents.format_of(self.document), source=str(self.document))
        return document, payload

    @property
    def lock(self) -> Path | None:
        """The lock file of :func:`locked`: in the workspace folder, else beside the document (None: neither)."""
        if self.folder is not None:
            return self.folder / LOCK_FILE
        return self.document.parent / LOCK_FILE if self.document is not None else None

    def network(self) -> NetworkData:
        """The network: the document's entities, and what the store holds beyond them."""
        document = self.read_document()
        if self.store_url is None:
            if document is None:
                raise Failure(say("no_network"))
            return document
        with self.open_store() as store:
            stored = stored_network(store, document.network.id if document else None)
        if document is None:
            if stored is None:
                raise Failure(say("store_empty"))
            return stored
        return combined(document, stored) if stored is not None else document


@contextmanager
def locked(path: Path | None, *, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold the exclusive ``flock`` of ``path`` for the block: one writing command of a workspace at a time.

    Waits up to ``wait`` seconds for another command's write, then :class:`Failure`. Without a
    lock file (``path`` None: a store named by ``--store`` alone, whose own revisions guard it) and
    on platforms without ``fcntl`` (Windows) the block runs unlocked: there the document check and
    the store's revisions are the only guard, and two commands at the same moment can still race.
    """
    if path is None or sys.platform == "win32":
        yield
        return
    import fcntl

    try:
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise Failure(say("lock.unusable", file=path, error=exc.strerror or exc)) from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise Failure(say("lock.busy", file=path, seconds=int(wait))) from None
                time.sleep(0.02)
        yield
    finally:
        os.close(handle)  # closing the only descriptor releases the lock


def stored_network(store: Store, network_id: str | None) -> NetworkData | None:
    """The store's network ``network_id`` (or its only network), None when it holds none."""
    import integrationsnetz as inz

    if network_id is None:
        networks = store.list(inz.Network)
        if len(networks) > 1:
            raise Failure(say("store_many", ids=", ".join(network.id for network in networks)))
        if not networks:
            return None
        network_id = networks[0].id
    try:
        return inz.load_network(store, network_id)
    except inz.NotFound:
        return None


def combined(document: NetworkData, stored: NetworkData) -> NetworkData:
    """The document's entities, plus the store's that the document lacks, each collection by id."""
    import attrs

    from integrationsnetz.model import COLLECTIONS

    merged = {}
    for name in COLLECTIONS:
        by_id = {entity.id: entity for entity in getattr(stored, name)}
        by_id.update((entity.id, entity) for entity in getattr(document, name))
        merged[name] = tuple(by_id[key] for key in sorted(by_id))
    return attrs.evolve(document, **merged)  # type: ignore[arg-type]  # each tuple has its collection's type


def find_workspace(start: Path) -> Path | None:
    """The nearest folder from ``start`` upwards that holds ``integrationsnetz.toml``."""
    for folder in (start, *start.parents):
        if (folder / WORKSPACE_FILE).is_file():
            return folder
    return None


def absolute_store_url(url: str, folder: Path) -> str:
    """A ``sqlite:``/``files:`` URL with a relative path made absolute against ``folder``."""
    scheme, _, rest = url.partition(":")
    if scheme.lower() in ("sqlite", "files") and rest and not rest.startswith("/"):
        return f"{scheme}://{(folder / rest).resolve()}"
    return url


def load_workspace(start: Path, *, document: Path | None = None, store_url: str | None = None) -> Workspace:
    """The workspace around ``start``, with ``document`` and ``store_url`` (the options) winning."""
    folder = find_workspace(start)
    if folder is None:
        if document is None and store_url is None:
            raise Failure(say("no_workspace"))
        return Workspace(folder=None, document=document, planning=None, store_url=store_url, out=start / "out")
    path = folder / WORKSPACE_FILE
    try:
        settings = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise Failure(f"{path}: {exc}") from None
    _check_settings(path, settings)

    def file(key: str) -> Path | None:
        value = settings.get(key)
        return (folder / value).resolve() if isinstance(value, str) and value else None

    stored = settings.get("store")
    return Workspace(
        folder=folder,
        document=document or file("netz"),
        planning=file("planung"),
        store_url=store_url or (absolute_store_url(stored, folder) if isinstance(stored, str) else None),
        out=file("ausgabe") or folder / "out",
    )


def _check_settings(path: Path, settings: dict[str, object]) -> None:
    """Refuse a workspace file with an unknown key (a typo), a value that is no text, or ``ausgabe`` outside.

    ``ausgabe`` must lie inside the workspace folder: a folder received from someone else must not
    make ``veroeffentlichen`` write elsewhere (``veroeffentlichen --out`` names another folder for one run).
    """
    problems = []
    for key, value in settings.items():
        if key not in SETTINGS:
            problems.append(say("workspace.unknown_key", name=key, known=", ".join(SETTINGS)))
        elif not isinstance(value, str) or not value.strip():
            problems.append(say("workspace.not_text", name=key, expected=say(SETTINGS[key]), value=_shown(value)))
    out = settings.get("ausgabe")
    if isinstance(out, str) and out.strip() and not (path.parent / out).resolve().is_relative_to(path.parent.resolve()):
        problems.append(say("workspace.outside", name="ausgabe", value=out))
    if problems:
        raise Failure("\n  ".join([f"{path}:", *problems]) if len(problems) > 1 else f"{path}: {problems[0]}")


def _shown(value: object) -> str:
    if isinstance(value, dict):
        return say("workspace.table")
    return repr(value) if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)
