"""Commands that change data, run at the same moment as real processes: no change is lost (review F12).

Each round starts several ``integrationsnetz termin aendern --yes`` of one meeting at once, some
changing the title, some the description. A process either says ``Gespeichert`` or exits 1 with
the refusal ("inzwischen ... geändert; nichts wurde gespeichert"). Ordered by the revision they
report, every process that saved must have started from the state the one before it left (its
preview shows that state's value as the old one), and the final document and store hold the last
saved value of each field: a change that reports success and then vanishes fails the test.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import attrs
import pytest

import integrationsnetz as inz

COMMAND = Path(sys.executable).with_name("integrationsnetz")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
pytestmark = pytest.mark.skipif(not COMMAND.exists(), reason="the entry point is installed by ./dev (pip install -e)")
MEETING = "nt-2024-2"
DOCUMENT = "wartburgkreis-netzwerk.toml"
FIELDS = {"--titel": "title", "--beschreibung": "description"}
#: The label the preview shows for each field.
LABELS = {"title": "Titel", "description": "Beschreibung"}
REFUSED = "nichts wurde gespeichert. Bitte den Befehl noch einmal ausführen."
SAVED = re.compile(r"Gespeichert: (\S+) \(Revision (\d+)\)")


def _environment() -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if key not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    environment.pop("INTEGRATIONSNETZ_LANG", None)
    return environment


def _start(folder: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(COMMAND), *args], cwd=folder, env=_environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL, text=True,
    )  # fmt: skip


def _workspace(folder: Path, *, document: bool) -> Path:
    """The Wartburgkreis network in a store, and (with ``document``) in the workspace's document as well."""
    folder.mkdir()
    data = inz.documents.load(EXAMPLES / DOCUMENT)
    with inz.open_store(f"sqlite://{folder / 'netz.db'}") as store:
        inz.save_network(store, data)
    settings = 'store = "sqlite:netz.db"\nausgabe = "out"\n'
    if document:
        shutil.copy(EXAMPLES / DOCUMENT, folder)
        settings = f'netz = "{DOCUMENT}"\n' + settings
    (folder / "integrationsnetz.toml").write_text(settings, encoding="utf-8")
    return folder


def _stored(folder: Path) -> inz.Meeting:
    with inz.open_store(f"sqlite://{folder / 'netz.db'}") as store:
        return store.get(inz.Meeting, MEETING)


def _current(folder: Path, *, document: bool) -> dict[str, str]:
    """Title and description as commands read them (the document's when it defines the meeting); the store agrees."""
    stored = _stored(folder)
    values = {"title": stored.title, "description": stored.description or "–"}
    if document:
        held = next(m for m in inz.documents.load(folder / DOCUMENT).meetings if m.id == MEETING)
        assert {"title": held.title, "description": held.description or "–"} == values
    return values


@dataclass(frozen=True)
class Outcome:
    """One process of a round: the field it set, to what, and what it reported."""

    field: str
    value: str
    code: int
    out: str
    err: str

    @property
    def revision(self) -> int | None:
        found = SAVED.search(self.out)
        return int(found.group(2)) if found else None

    def old(self) -> str:
        """The old value of its field that its preview showed (what it read)."""
        found = re.search(rf"^\s+{LABELS[self.field]}\s+(.*) → (.*)$", self.err, re.MULTILINE)
        assert found is not None, self.err
        assert found.group(2) == self.value
        return found.group(1)


def _round(folder: Path, changes: list[tuple[str, str]]) -> list[Outcome]:
    processes = [(option, value, _start(folder, "termin", "aendern", MEETING, option, value, "--yes"))
                 for option, value in changes]  # fmt: skip
    outcomes = []
    for option, value, process in processes:
        out, err = process.communicate(timeout=120)
        outcomes.append(Outcome(field=FIELDS[option], value=value, code=process.returncode, out=out, err=err))
    return outcomes


def _check_round(before: dict[str, str], outcomes: list[Outcome], after: dict[str, str]) -> int:
    """No lost change: each saved process started from its predecessor's state; the last one of a field stands."""
    for outcome in outcomes:
        assert (outcome.code, outcome.revision is not None) in ((0, True), (1, False)), (outcome.out, outcome.err)
        if outcome.code == 1:
            assert REFUSED in outcome.err, outcome.err
    saved = sorted((o for o in outcomes if o.code == 0), key=lambda o: o.revision or 0)
    state = dict(before)
    for outcome in saved:
        assert outcome.old() == state[outcome.field], (outcome.field, outcome.value, "was computed from a stale read")
        state[outcome.field] = outcome.value
    assert after == state
    return len(saved)


@pytest.mark.parametrize(("document", "rounds"), [(True, 8), (False, 4)], ids=["document-defines-it", "store-only"])
def test_simultaneous_changes_of_one_meeting_never_lose_a_saved_change(tmp_path: Path, document: bool,
                                                                       rounds: int) -> None:
    """Rounds of 4 processes at once (2 titles, 2 descriptions): every success stands or was built upon."""
    folder = _workspace(tmp_path / "ws", document=document)
    winners = 0
    for number in range(rounds):
        before = _current(folder, document=document)
        changes = [("--titel", f"Titel {number}-{k}") for k in range(2)]
        changes += [("--beschreibung", f"Beschreibung {number}-{k}") for k in range(2)]
        outcomes = _round(folder, changes)
        winners += _check_round(before, outcomes, _current(folder, document=document))
    assert winners >= rounds  # each round saves at least one change: refusals are for the losers only
    assert list(folder.glob(f".{DOCUMENT}.*")) == []  # no temporary document left behind


@contextmanager
def _held(folder: Path) -> Iterator[None]:
    """The workspace's lock, held by this test process as a writing command would hold it."""
    handle = os.open(folder / ".integrationsnetz.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


def _snapshot(folder: Path) -> tuple[bytes, list[str]]:
    import sqlite3

    with sqlite3.connect(folder / "netz.db") as connection:
        dump = list(connection.iterdump())
    return (folder / DOCUMENT).read_bytes(), dump


def test_every_writing_command_waits_for_the_workspace_lock(tmp_path: Path) -> None:
    """While another process holds the lock, ``termin aendern``, ``import``, ``netz laden``/``schreiben`` and
    ``person loeschen`` write nothing; once it is released, each finishes its change."""
    commands: dict[str, list[str]] = {
        "termin": ["termin", "aendern", MEETING, "--titel", "Neuer Titel", "--yes"],
        "import": ["import", "bearbeitet.json", "--yes"],
        "laden": ["netz", "laden", "--yes"],
        "schreiben": ["netz", "schreiben", "--yes"],
        "loeschen": ["person", "loeschen", "im-2", "--yes"],
    }
    folders = {name: _workspace(tmp_path / name, document=True) for name in commands}
    data = inz.documents.load(EXAMPLES / DOCUMENT)
    renamed = attrs.evolve(data, meetings=tuple(attrs.evolve(m, title="Umbenannt") for m in data.meetings))
    inz.documents.save(renamed, folders["import"] / "bearbeitet.json")
    inz.documents.save(renamed, folders["laden"] / DOCUMENT)  # the document differs from the store
    with inz.open_store(f"sqlite://{folders['schreiben'] / 'netz.db'}") as store:
        store.put(attrs.evolve(store.get(inz.Meeting, MEETING), title="Im Speicher geändert"))
    before = {name: _snapshot(folder) for name, folder in folders.items()}
    with _held(folders["termin"]), _held(folders["import"]), _held(folders["laden"]), _held(
        folders["schreiben"]
    ), _held(folders["loeschen"]):
        processes = {name: _start(folders[name], *args) for name, args in commands.items()}
        time.sleep(6)  # far longer than any of them needs to write
        for name, process in processes.items():
            assert process.poll() is None, (name, process.communicate())
            assert _snapshot(folders[name]) == before[name], name
    for name, process in processes.items():
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, (name, out, err)
        assert _snapshot(folders[name]) != before[name], name
