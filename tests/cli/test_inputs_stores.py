"""The installed command against real stores and a real Ctrl-C: schema versions, passwords, interrupts.

PostgreSQL is the server ``INTEGRATIONSNETZ_TEST_POSTGRES_URL`` names, else the local one on port
5432; without one these tests skip, except in CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

import integrationsnetz as inz
from integrationsnetz.store import schema_version_of
from integrationsnetz.store.schema import current_version

COMMAND = Path(sys.executable).with_name("integrationsnetz")
pytestmark = pytest.mark.skipif(not COMMAND.exists(), reason="the entry point is installed by ./dev (pip install -e)")


def _environment() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if key not in ("LANG", "LC_ALL", "LC_MESSAGES")}


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(COMMAND), *args], cwd=cwd, env=_environment(), capture_output=True, text=True,
                          timeout=120, check=False)  # fmt: skip


@pytest.mark.parametrize("scheme", ["sqlite", "files", "jsonl", "memory"])
def test_every_built_in_store_tells_its_schema_version(scheme: str, tmp_path: Path) -> None:
    url = {"sqlite": f"sqlite://{tmp_path / 'n.db'}", "files": f"files://{tmp_path / 'f'}",
           "jsonl": f"jsonl://{tmp_path / 'n.jsonl'}", "memory": "memory:"}[scheme]  # fmt: skip
    with inz.open_store(url) as store:
        assert schema_version_of(store) == current_version()


def test_a_store_without_the_method_still_works() -> None:
    class Old:
        url = inz.StoreURL.parse("memory:")

    assert schema_version_of(Old()) is None  # type: ignore[arg-type]  # a third-party store of before


def test_store_info_and_migrieren_on_sqlite(tmp_path: Path) -> None:
    assert _run("init", "ws", "--name", "Netz", "--land", "TH", cwd=tmp_path).returncode == 0
    shown = _run("store", "info", cwd=tmp_path / "ws")
    assert f"Schemaversion: {current_version()} (aktuell: {current_version()})" in shown.stdout
    again = _run("store", "migrieren", cwd=tmp_path / "ws")
    assert again.returncode == 0
    assert "nichts zu tun" in again.stdout


def test_store_info_and_migrieren_on_postgresql(tmp_path: Path, database: str) -> None:
    assert _run("init", "ws", "--name", "Netz", "--land", "TH", cwd=tmp_path).returncode == 0
    copied = _run("store", "kopieren", database, "--yes", cwd=tmp_path / "ws")
    assert copied.returncode == 0, copied.stderr
    shown = _run("--store", database, "store", "info", cwd=tmp_path)
    assert f"Schemaversion: {current_version()} (aktuell" in shown.stdout, shown.stdout + shown.stderr
    for _ in range(2):  # it said "? -> 1" and migrated on every run
        migrated = _run("--store", database, "store", "migrieren", cwd=tmp_path)
        assert migrated.returncode == 0, migrated.stderr
        assert f"schon auf Schemaversion {current_version()}; nichts zu tun" in migrated.stdout


@pytest.mark.parametrize(
    ("password", "pieces"),
    [
        ("p@ss w%rd", ("p@ss", "ss w%rd", "w%rd")),  # libpq quotes "ss w%rd@127.0.0.1"
        ("geh@im123", ("geh@im", "im123")),
        ("geheim 123", ("geheim 1", "eim 123")),
    ],
)
def test_no_piece_of_the_password_reaches_the_message(
    password: str, pieces: tuple[str, ...], tmp_path: Path, database: str
) -> None:
    parts = urlsplit(database)
    url = urlunsplit((parts.scheme, f"postgres:{password}@{parts.hostname}:{parts.port or 5432}", parts.path, "", ""))
    result = _run("--store", url, "liste", "termine", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("Fehler: ")
    for piece in pieces:
        assert piece not in result.stderr, result.stderr
    assert "%40" in result.stderr  # and it says how to write it


def test_a_drivers_message_loses_every_form_of_the_password() -> None:
    url = inz.StoreURL.parse("postgresql://u:ge%2Fh%40im@db.example/x")
    message = 'no host "h@im@db.example"; password ge/h@im, written ge%2Fh%40im'
    scrubbed = url.scrub(message)
    assert "h@im" not in scrubbed
    assert "ge/h" not in scrubbed
    assert "ge%2Fh%40im" not in scrubbed


def test_ctrl_c_at_the_question_exits_130(tmp_path: Path) -> None:
    assert _run("init", "ws", "--name", "Netz", "--land", "TH", cwd=tmp_path).returncode == 0
    primary, secondary = pty.openpty()
    process = subprocess.Popen(
        [str(COMMAND), "termin", "neu", "--titel", "Treffen", "--beginn", "21.01.2027 10:00"],
        cwd=tmp_path / "ws", env=_environment(), stdin=secondary, stdout=secondary, stderr=secondary,
    )  # fmt: skip
    os.close(secondary)
    seen = b""
    deadline = time.monotonic() + 60
    while b"Speichern?" not in seen:
        assert time.monotonic() < deadline, seen
        if select.select([primary], [], [], 0.5)[0]:
            seen += os.read(primary, 4096)
    time.sleep(0.5)  # the question is printed just before the terminal is read: a person's Ctrl-C comes later
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=60) == 130
    try:
        while select.select([primary], [], [], 0.5)[0]:
            seen += os.read(primary, 4096)
    except OSError:
        pass
    os.close(primary)
    assert b"nichts ge\xc3\xa4ndert" in seen
    assert b"Traceback" not in seen
    listed = _run("liste", "termine", cwd=tmp_path / "ws")
    assert "Treffen" not in listed.stdout
