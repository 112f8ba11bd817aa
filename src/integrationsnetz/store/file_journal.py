"""A journal that changes a set of files in one folder all or nothing, even if the writer is killed.

The ``files:`` store commits through it; it knows nothing of entities, only of paths (relative
to the folder) and their new contents. A commit first writes every change into
``.journal.json`` (temporary file, fsync, rename: the commit point), with the content each file
had before, then applies it file by file (temporary file and rename), syncs, and removes the
journal. A writer killed at any moment leaves either no journal (the old state) or a complete
one, which :meth:`FileJournal.recover` applies (the new state). Before writing, free space is
checked in the file system's blocks (a small document takes a whole block), so a full disk
refuses the commit instead of stopping half-way. A commit that cannot be applied all the same
(the file system refuses a file, another program filled the disk) is rolled back from the
journal's old contents, by the writer or, if it died, by the next recovery, which then warns
(:class:`RuntimeWarning`): the folder always ends in a whole state.

The caller holds the folder's write lock around :meth:`~FileJournal.commit` and
:meth:`~FileJournal.recover`.
"""

from __future__ import annotations

import base64
import contextlib
import errno
import os
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path

import orjson

from integrationsnetz.atomic import fsync_directory, write_atomic
from integrationsnetz.errors import StoreError

#: A path relative to the folder and its new content; None removes the file.
Operation = tuple[str, bytes | None]

#: The journal's file name in the folder; it exists only while a commit is unfinished.
JOURNAL = ".journal.json"
#: Above this many files a commit syncs the whole file system once instead of each file.
SYNC_EACH_UP_TO = 64


class FileJournal:
    """Commits to the files under ``root`` through a journal; ``name`` names the folder in messages."""

    def __init__(self, root: Path, name: str) -> None:
        self.root = root
        self._name = name

    @property
    def pending(self) -> bool:
        """Whether a commit was left unfinished (a writer died): :meth:`recover` finishes it."""
        return (self.root / JOURNAL).exists()

    def commit(self, operations: list[Operation]) -> None:
        """Write ``operations`` all or nothing: journal first (the commit point), then the files.

        The journal also holds each file's content before the commit, so a commit that cannot be
        applied is rolled back instead of blocking the store.
        """
        before = [(path, self._content_of(path)) for path, _ in operations]
        journal = orjson.dumps(
            {
                "operations": [
                    [path, None if new is None else new.decode("utf-8"), None if old is None else _b64(old)]
                    for (path, new), (_, old) in zip(operations, before, strict=True)
                ]
            }
        )
        self._check_space(operations, before, len(journal))
        write_atomic(self.root / JOURNAL, journal)
        try:
            self._replay(operations)
        except StoreError as failure:
            try:
                self._undo(before)
            except StoreError as undo_failure:
                raise StoreError(
                    f"{failure}; rolling back failed too ({undo_failure}): the commit is kept in "
                    f"{JOURNAL} and rolled back when the store is next opened with room to write"
                ) from None
            self._finish()
            raise StoreError(f"{failure}; the commit was rolled back, nothing was changed") from None
        self._finish()

    def _content_of(self, relative: str) -> bytes | None:
        path = self.root / relative
        try:
            return path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreError(f"{path}: cannot read ({exc.strerror or exc}); nothing was changed") from None

    def _check_space(
        self,
        operations: Sequence[Operation],
        before: Sequence[Operation],
        journal: int,
    ) -> None:
        """Refuse a commit the disk cannot hold, before anything is written.

        Counted in the file system's blocks, as it allocates them: a document of 300 bytes takes
        a whole block (4 KiB), so a commit of many small files needs far more than its bytes. The
        journal is there throughout; each file is written beside the one it replaces, whose
        blocks are freed after the rename, so the peak of that running sum is what the files need.
        """
        try:
            stats = os.statvfs(self.root)
        except OSError:
            return
        block = stats.f_frsize or stats.f_bsize or 4096

        def blocks(size: int) -> int:
            return -(-size // block)

        running = peak = 0
        created = 0
        for (_, new), (_, old) in zip(operations, before, strict=True):
            if new is not None:
                running += blocks(len(new))
                peak = max(peak, running)
                created += old is None
            if old is not None:
                running -= blocks(len(old))
        folders = {str(Path(path).parent) for path, new in operations if new is not None}
        new_folders = sum(not (self.root / folder).is_dir() for folder in folders)
        # the journal, the files' peak, new folders, directory entries and a margin for the roll-back
        needed = (blocks(journal) + peak + new_folders + blocks(created * 64) + 16) * block
        free = stats.f_bavail * stats.f_frsize
        if free < needed:
            raise StoreError(
                f"{self._name}: the disk is full ({free // 1024} KiB free, this commit of {len(operations)} "
                f"files needs about {needed // 1024} KiB); nothing was changed"
            )
        if stats.f_files and stats.f_favail < created + new_folders + 2:
            raise StoreError(
                f"{self._name}: the file system has no room for more files ({stats.f_favail} inodes free, "
                f"this commit creates {created + new_folders}); nothing was changed"
            )

    def recover(self) -> None:
        """Finish a commit a killed writer left behind, or roll it back (call with the folder's write lock held)."""
        journal = self.root / JOURNAL
        for leftover in self.root.glob(".*.tmp"):  # a journal that never reached its rename
            with contextlib.suppress(OSError):
                leftover.unlink()
        if not journal.exists():
            return
        try:
            entries = orjson.loads(journal.read_bytes())
            if isinstance(entries, list):  # written by an integrationsnetz before roll-backs: no old contents
                redo = [(path, _utf8(text)) for path, text in entries]
                undo = None
            else:
                redo = [(path, _utf8(new)) for path, new, _ in entries["operations"]]
                undo = [
                    (path, None if old is None else base64.b64decode(old)) for path, _, old in entries["operations"]
                ]
        except (OSError, ValueError, TypeError, KeyError) as exc:
            raise StoreError(f"{journal}: an unfinished commit cannot be read ({exc})") from None
        try:
            self._replay(redo)
        except StoreError as failure:
            if undo is None:
                raise
            self._undo(undo)
            warnings.warn(
                f"{self._name}: an unfinished commit could not be completed ({failure}); it was rolled "
                "back, the store holds the state before it",
                RuntimeWarning,
                stacklevel=2,
            )
        self._finish()

    def _undo(self, before: Sequence[Operation]) -> None:
        """Put back the files' contents before a commit that could not be applied (a full disk).

        Files the commit created are removed first, which frees their blocks for the rest; a
        file that cannot be restored beside itself for lack of space is rewritten in place (the
        journal, still there, holds its old content should that be cut short).
        """
        removals = [(path, old) for path, old in before if old is None]
        restores = [(path, old) for path, old in before if old is not None]
        self._replay([*removals, *restores], in_place=True)

    def _replay(self, operations: Sequence[Operation], *, in_place: bool = False) -> None:
        written: list[Path] = []
        folders: set[Path] = set()
        for relative, content in operations:
            path = self.root / relative
            if content is None:
                try:
                    path.unlink()
                except (FileNotFoundError, NotADirectoryError):
                    pass  # not there: nothing to remove
                except OSError as exc:
                    raise StoreError(f"{path}: cannot remove ({exc.strerror or exc})") from None
                folders.add(path.parent)
                continue
            temporary = path.with_name(f".{path.name}.tmp")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                temporary.write_bytes(content)
                os.replace(temporary, path)
            except OSError as exc:
                with contextlib.suppress(OSError):
                    temporary.unlink()
                if not (in_place and exc.errno == errno.ENOSPC and path.exists()):
                    raise StoreError(f"{path}: cannot write ({exc.strerror or exc})") from None
                try:
                    path.write_bytes(content)  # truncating frees the blocks the content is written into
                except OSError as again:
                    raise StoreError(f"{path}: cannot write ({again.strerror or again})") from None
            written.append(path)
            folders.add(path.parent)
        self._sync(written, folders)

    def _finish(self) -> None:
        """The commit is applied (or undone): remove the journal."""
        (self.root / JOURNAL).unlink()
        fsync_directory(self.root)

    def _sync(self, written: Iterable[Path], folders: Iterable[Path]) -> None:
        paths = list(written)
        if len(paths) > SYNC_EACH_UP_TO:
            os.sync()
            return
        for path in paths:
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        for folder in folders:
            fsync_directory(folder)


def _b64(content: bytes) -> str:
    return base64.b64encode(content).decode("ascii")


def _utf8(text: str | None) -> bytes | None:
    return None if text is None else text.encode("utf-8")
