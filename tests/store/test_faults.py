"""Faults of the medium and the data: read-only, full disk, damaged documents and databases.

Every test runs against the durable built-in backends (``files:`` and ``sqlite:``) and checks
that the store afterwards opens and holds exactly the old or the new state, never a mix. Killed
writers and racing writers are the shipped suite's harnesses (``StoreConformance``,
:mod:`integrationsnetz.testing.processes`), run for every backend in ``test_conformance.py``.
"""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from integrationsnetz import InvalidData, Person, StoreError
from integrationsnetz.plugins import PluginHost

BACKENDS = ["files", "sqlite"]
PEOPLE = 200


def url_for(backend: str, directory: Path) -> str:
    """A store URL of the backend inside ``directory``."""
    return f"files://{directory}/netz" if backend == "files" else f"sqlite://{directory}/netz.db"


def old_state(url: str, host: PluginHost) -> None:
    """Write the state a later save replaces: PEOPLE people, function "alt"."""
    with host.open_store(url) as store:
        store.put_many([Person(id=f"p{i:04d}", network_id="n", function="alt") for i in range(PEOPLE)], draft=True)


def state_of(url: str, host: PluginHost) -> str:
    """ "old" or "new" when the store holds exactly one of them, else a description of the mix."""
    with host.open_store(url) as store:
        people = store.list(Person)
    functions = {person.function for person in people}
    revisions = {person.revision for person in people}
    if len(people) == PEOPLE and functions == {"alt"} and revisions == {1}:
        return "old"
    if len(people) == 2 * PEOPLE and functions == {"neu"} and revisions == {1, 2}:
        return "new"
    return f"MIXED: {len(people)} people, functions {sorted(functions)}, revisions {sorted(revisions)}"


@contextlib.contextmanager
def mounted(kind: str, target: Path, source: Path | None = None) -> Iterator[bool]:
    """A tiny tmpfs (``kind="tmpfs"``) or a read-only bind mount; yields False where mounting is impossible."""
    target.mkdir(exist_ok=True)
    if kind == "tmpfs":
        commands = [["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(target)]]
    else:
        commands = [["mount", "--bind", str(source), str(target)], ["mount", "-o", "remount,ro,bind", str(target)]]
    done = 0
    try:
        for command in commands:
            if subprocess.run(command, capture_output=True, check=False).returncode != 0:
                break
            done += 1
        yield done == len(commands)
    finally:
        if done:
            subprocess.run(["umount", str(target)], capture_output=True, check=False)


@pytest.mark.parametrize("backend", BACKENDS)
def test_full_disk_refuses_the_save_and_keeps_the_old_data(
    backend: str, tmp_path: Path, builtin_host: PluginHost
) -> None:
    """A save that does not fit: StoreError naming the store, the old data intact and writable."""
    with mounted("tmpfs", tmp_path / "small") as ok:
        if not ok:
            pytest.skip("cannot mount a small tmpfs here (needs root)")
        url = url_for(backend, tmp_path / "small")
        with builtin_host.open_store(url) as store:
            store.put_many([Person(id=f"p{i}", network_id="n", function="alt") for i in range(20)], draft=True)
            big = [Person(id=f"q{i}", network_id="n", function="neu " * 400) for i in range(1500)]
            with pytest.raises(StoreError, match=r"full|space"):
                store.put_many(big, draft=True)
        with builtin_host.open_store(url) as store:
            assert {p.function for p in store.list(Person)} == {"alt"}
            assert len(store.list(Person)) == 20
            store.put(Person(id="small", network_id="n", function="passt"), draft=True)


def write_one(url: str, host: PluginHost) -> None:
    """Open the store and write one person."""
    with host.open_store(url) as store:
        store.put(Person(id="new", network_id="n", function="x"), draft=True)


@pytest.mark.parametrize("backend", BACKENDS)
def test_read_only_directory_gives_a_clear_error(backend: str, tmp_path: Path, builtin_host: PluginHost) -> None:
    """On a read-only mount writing fails with StoreError; nothing changes."""
    source = tmp_path / "rw"
    source.mkdir()
    old_state(url_for(backend, source), builtin_host)
    with mounted("bind", tmp_path / "ro", source) as ok:
        if not ok:
            pytest.skip("cannot make a read-only bind mount here (needs root)")
        url = url_for(backend, tmp_path / "ro")
        with pytest.raises(StoreError, match=r"read-only|readonly|Read-only|cannot (open|write)"):
            write_one(url, builtin_host)
    assert state_of(url_for(backend, source), builtin_host) == "old"


def test_read_only_files_store_can_still_be_read(tmp_path: Path, builtin_host: PluginHost) -> None:
    """A ``files:`` store on a read-only medium (a checked-out release, a CD) opens and reads."""
    source = tmp_path / "rw"
    source.mkdir()
    old_state(url_for("files", source), builtin_host)
    with mounted("bind", tmp_path / "ro", source) as ok:
        if not ok:
            pytest.skip("cannot make a read-only bind mount here (needs root)")
        with builtin_host.open_store(url_for("files", tmp_path / "ro")) as store:
            assert len(store.list(Person)) == PEOPLE


def test_damaged_document_is_named(tmp_path: Path, builtin_host: PluginHost) -> None:
    """A document broken by hand: InvalidData naming the file; the other documents still load."""
    url = url_for("files", tmp_path)
    old_state(url, builtin_host)
    damaged = tmp_path / "netz" / "person" / "p0007.json"
    damaged.write_text('{"id": "p0007", "function": ', encoding="utf-8")
    with builtin_host.open_store(url) as store:
        with pytest.raises(InvalidData) as caught:
            store.get(Person, "p0007")
        assert str(damaged) in str(caught.value)
        assert store.get(Person, "p0008").function == "alt"
        with pytest.raises(InvalidData, match="p0007"):
            store.list(Person)
    wrong_field = tmp_path / "netz" / "person" / "p0009.json"
    wrong_field.write_text(wrong_field.read_text().replace('"revision": 1', '"revision": "eins"'))
    with builtin_host.open_store(url) as store, pytest.raises(InvalidData, match=r"p0009\.json.*revision"):
        store.get(Person, "p0009")


def test_damaged_database_is_named(tmp_path: Path, builtin_host: PluginHost) -> None:
    """A SQLite file overwritten with junk: StoreError naming the file, not a bare sqlite3 error."""
    url = url_for("sqlite", tmp_path)
    old_state(url, builtin_host)
    database = tmp_path / "netz.db"
    with database.open("r+b") as handle:
        handle.write(b"this is not a database at all" * 4)
    for leftover in (tmp_path / "netz.db-wal", tmp_path / "netz.db-shm"):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
    with pytest.raises(StoreError, match=r"netz\.db.*damaged"):
        builtin_host.open_store(url)


def test_damaged_row_is_named(tmp_path: Path, builtin_host: PluginHost) -> None:
    """A JSON document broken inside the database: InvalidData naming store, table and id."""
    import sqlite3

    url = url_for("sqlite", tmp_path)
    old_state(url, builtin_host)
    with sqlite3.connect(tmp_path / "netz.db") as db:
        db.execute("UPDATE person SET data = '{\"id\": 1}' WHERE id = 'p0003'")
    with builtin_host.open_store(url) as store:
        with pytest.raises(InvalidData, match=r"netz\.db person 'p0003'"):
            store.get(Person, "p0003")
        with pytest.raises(InvalidData, match=r"netz\.db person 'p0003'"):  # decoded with the other rows
            store.list(Person)


def test_not_a_store_directory_is_refused(tmp_path: Path, builtin_host: PluginHost) -> None:
    """Pointing ``files:`` at a directory with other content does not scribble into it."""
    (tmp_path / "holiday-photos").mkdir()
    (tmp_path / "holiday-photos" / "img.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(StoreError, match="not an integrationsnetz store"):
        builtin_host.open_store(f"files://{tmp_path}/holiday-photos")
    assert sorted(p.name for p in (tmp_path / "holiday-photos").iterdir()) == ["img.jpg"]
