"""Atomic writes: readers see the old or the new file, with the permissions a plain write gives."""

import os
import signal
import stat
import tempfile
from pathlib import Path
from typing import Any

import pytest

from integrationsnetz.atomic import write_atomic


def test_new_file_gets_the_umask_mode_not_mkstemps_0600(tmp_path: Path) -> None:
    """A published calendar must be readable by the web server, as after ``open(path, "w")``."""
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "netzwerk.ics", b"BEGIN:VCALENDAR\r\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "netzwerk.ics").stat().st_mode) == 0o644


def test_existing_file_keeps_its_mode_and_gets_the_new_content(tmp_path: Path) -> None:
    """Rewriting keeps a mode the user chose."""
    target = tmp_path / "netz.json"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640



def test_ctrl_c_during_a_write_comes_after_the_rename_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Ctrl-C right after the temporary file exists (before any ``try`` could remove it) waits for the rename."""
    target = tmp_path / "kalender.ics"
    real_mkstemp = tempfile.mkstemp

    def mkstemp_then_ctrl_c(*args: Any, **kwargs: Any) -> Any:
        made = real_mkstemp(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGINT)  # the user presses Ctrl-C at this very moment
        return made

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp_then_ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"BEGIN:VCALENDAR\r\n")
    assert target.read_bytes() == b"BEGIN:VCALENDAR\r\n"
    assert [path.name for path in tmp_path.iterdir()] == ["kalender.ics"]
