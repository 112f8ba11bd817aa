"""Atomic file writes: a reader sees the old file or the new one, never half of either."""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from integrationsnetz.errors import StoreError


def fsync_directory(directory: Path) -> None:
    """Make a rename inside ``directory`` durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _mode_for(target: Path) -> int:
    """The existing file's mode, else what a plain ``open()`` would give (mkstemp makes 0600)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def refuse_protected(target: Path) -> None:
    """Raise :class:`StoreError` if ``target`` is an existing file without write permission.

    The mode bits are read as well as ``os.access``: for root, ``os.access`` allows everything,
    yet a ``chmod a-w`` still says "keep this file".
    """
    try:
        mode = target.stat().st_mode
    except OSError:
        return
    if stat.S_ISREG(mode) and (
        not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(target, os.W_OK)
    ):
        raise StoreError(
            f"{target}: the file is read-only, so it was not replaced; make it writable to replace it, "
            "or write to another file"
        )


def write_atomic(path: str | os.PathLike[str], payload: bytes) -> None:
    """Write ``payload`` to ``path`` through a temporary file, fsync and rename.

    Raises :class:`StoreError` naming the path when the directory is read-only or the disk is
    full; the previous content of ``path`` is then untouched. A file someone made read-only is
    not replaced either, though the rename could (it needs only the directory's permission).
    """
    target = Path(path)
    if "\0" in str(target):
        raise StoreError(f"{str(target)!r}: a file path cannot hold a NUL character")
    directory = target.parent
    refuse_protected(target)
    with _interrupts_deferred():
        _write_through_temporary(target, payload)
    fsync_directory(directory)


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM until the block ends, so no temporary file outlives an interrupt.

    Python raises ``KeyboardInterrupt`` between any two bytecodes, also between ``mkstemp`` creating
    the file and the ``try`` that removes it. Handlers run in the main thread only (a signal mask
    would not do: the kernel may hand the signal to another thread), so elsewhere nothing is held.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[tuple[int, FrameType | None]] = []
    signals = (signal.SIGINT, signal.SIGTERM)
    previous = {number: signal.signal(number, lambda *caught: held.append(caught)) for number in signals}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        for caught, frame in held:
            handler = previous[signal.Signals(caught)]
            if callable(handler):
                handler(caught, frame)
            elif handler != signal.SIG_IGN:
                signal.raise_signal(caught)


def _write_through_temporary(target: Path, payload: bytes) -> None:
    directory = target.parent
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise StoreError(f"{target}: cannot write ({exc.strerror or exc})") from None
    try:
        os.fchmod(fd, _mode_for(target))
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise StoreError(f"{target}: cannot write ({exc.strerror or exc}); the previous content is unchanged") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def replace_atomic(temporary: str | os.PathLike[str], path: str | os.PathLike[str]) -> None:
    """Put the finished file ``temporary`` (in ``path``'s folder) in place of ``path`` in one rename.

    The last step of :func:`write_atomic`, for a file written earlier and put in place only once
    something else has succeeded (the command line's store transaction). ``temporary`` takes the
    mode of ``path``; a read-only ``path`` is not replaced. Any failure raises
    :class:`StoreError` naming ``path``, whose content is then untouched, and removes ``temporary``.
    """
    target, source = Path(path), Path(temporary)
    try:
        refuse_protected(target)
        with _interrupts_deferred():
            os.chmod(source, _mode_for(target))
            os.replace(source, target)
    except (OSError, StoreError) as exc:
        with contextlib.suppress(OSError):
            os.unlink(source)
        if isinstance(exc, StoreError):
            raise
        raise StoreError(f"{target}: cannot write ({exc.strerror or exc}); the previous content is unchanged") from None
    fsync_directory(target.parent)
