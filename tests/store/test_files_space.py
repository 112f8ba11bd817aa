"""``files:`` on a real 1 MiB file system: a commit of many small files is refused before it starts,
and one that still runs out of space is rolled back, leaving the store readable and writable.

The file system is a tmpfs mounted for the test (root can; this sandbox and CI run as root).
Where mounting is not permitted the tests skip, except under CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from integrationsnetz import Person, StoreError
from integrationsnetz.plugins import PluginHost
from integrationsnetz.store.file_journal import FileJournal


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB tmpfs (256 blocks of 4 KiB), unmounted afterwards."""
    target = tmp_path / "tiny"
    target.mkdir()
    mount = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(target)], capture_output=True, text=True, check=False
    )
    if mount.returncode != 0:
        reason = f"cannot mount a 1 MiB tmpfs here (needs root): {mount.stderr.strip()}"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI runs as root and must run this test")
        pytest.skip(reason)
    try:
        yield target
    finally:
        subprocess.run(["umount", str(target)], capture_output=True, check=False)


def _people(prefix: str, count: int) -> list[Person]:
    return [Person(id=f"{prefix}{i:03d}", network_id="n", function="Beratung") for i in range(count)]


def test_a_commit_of_many_small_files_is_refused_before_it_starts(tiny_disk: Path, builtin_host: PluginHost) -> None:
    """400 documents of ~300 bytes take 400 blocks: more than the disk has, though their bytes would fit."""
    url = f"files://{tiny_disk}/netz"
    with builtin_host.open_store(url) as store:
        store.put_many(_people("a", 20), draft=True)
        with pytest.raises(StoreError, match=r"the disk is full \(\d+ KiB free, this commit of \d+ files needs about"):
            store.put_many(_people("p", 400), draft=True)
        assert not list((tiny_disk / "netz").glob("person/p*"))
        assert len(store.list(Person)) == 20
        store.put_many(_people("b", 120), draft=True)  # what fits is still accepted
    with builtin_host.open_store(url) as store:
        assert len(store.list(Person)) == 140


def test_a_commit_that_runs_out_of_space_is_rolled_back(
    tiny_disk: Path, builtin_host: PluginHost, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Updates first, then new files until the disk is full: the roll-back frees the new files' blocks
    before restoring the old contents, so it never needs space the failed commit took.

    The check is switched off to stand in for what it cannot foresee (another program filling the disk).
    """
    url = f"files://{tiny_disk}/netz"
    with builtin_host.open_store(url) as store:
        old = store.put_many(_people("a", 60), draft=True)
        monkeypatch.setattr(FileJournal, "_check_space", lambda *_: None)
        changed = [attrs.evolve(person, function="Migrationsberatung") for person in old]
        with pytest.raises(StoreError, match="the commit was rolled back, nothing was changed"):
            store.put_many([*changed, *_people("p", 400)], draft=True)
        assert not (tiny_disk / "netz" / ".journal.json").exists()
        assert {person.function for person in store.list(Person)} == {"Beratung"}
        store.put(Person(id="neu", network_id="n", function="passt"), draft=True)
    monkeypatch.undo()
    with builtin_host.open_store(url) as store:
        assert len(store.list(Person)) == 61
