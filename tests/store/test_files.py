"""The ``files:`` store's names and journal: no valid id and no failed commit can brick it."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import attrs
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from integrationsnetz import Person, StoreError
from integrationsnetz.model.entity import MAX_ID_LENGTH, is_valid_id
from integrationsnetz.plugins import PluginHost
from integrationsnetz.store.files import MAX_NAME, file_name, id_of


@settings(max_examples=500)
@given(st.text(min_size=1, max_size=MAX_ID_LENGTH), st.sampled_from([".json", ".toml"]))
def test_every_valid_id_has_a_short_unique_name_inside_its_folder(entity_id: str, suffix: str) -> None:
    """Within 250 bytes (a temporary name adds 5), no path separator, no leading dot; readable ids read back."""
    if not is_valid_id(entity_id):
        return
    name = file_name(entity_id, suffix)
    assert len(os.fsencode(name)) <= MAX_NAME
    assert name.isascii()
    assert "/" not in name
    assert not name.startswith(".")
    assert id_of(name, suffix) in (entity_id, None)


def test_long_names_keep_a_readable_start_and_differ_by_their_hash() -> None:
    first, second = file_name("é" * 41, ".json"), file_name("é" * 41 + "x", ".json")
    assert first.startswith("%C3%A9%C3%A9")
    assert first != second
    assert file_name("nt-2024-2", ".json") == "nt-2024-2.json"  # ordinary ids stay as they are


def _store(tmp_path: Path, host: PluginHost) -> tuple[str, Path]:
    url = f"files://{tmp_path}/netz"
    with host.open_store(url) as store:
        store.put(Person(id="alt", network_id="n", function="alt"), draft=True)
    return url, tmp_path / "netz"


def test_a_journal_that_cannot_be_applied_is_rolled_back_on_open(tmp_path: Path, builtin_host: PluginHost) -> None:
    """A killed writer left a commit the file system refuses: the next open undoes it, warns, and works."""
    url, root = _store(tmp_path, builtin_host)
    old = (root / "person" / "alt.json").read_bytes()
    journal = {
        "operations": [
            ["person/alt.json", '{"changed": true}', base64.b64encode(old).decode()],
            ["person/neu.json", '{"new": true}', None],
            ["store.json/cannot-be-a-folder.json", "{}", None],  # fails: store.json is a file
        ]
    }
    (root / ".journal.json").write_bytes(orjson.dumps(journal))
    with pytest.warns(RuntimeWarning, match="rolled back"):
        store = builtin_host.open_store(url)
    with store:
        assert [(p.id, p.function) for p in store.list(Person)] == [("alt", "alt")]
        store.put(Person(id="neu", network_id="n", function="neu"), draft=True)
    assert not (root / ".journal.json").exists()
    assert (root / "person" / "alt.json").read_bytes() == old


def test_a_commit_that_fails_half_way_is_rolled_back_by_the_writer(
    tmp_path: Path, builtin_host: PluginHost, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file system refuses the third file: the first two are undone, StoreError says so, the store works."""
    url, root = _store(tmp_path, builtin_host)
    real_replace = os.replace
    calls = 0

    def refuse_the_third(source: str, target: str) -> None:  # a file system fault, as ENAMETOOLONG was
        nonlocal calls
        calls += 1
        if calls == 3:
            raise OSError(36, "File name too long")
        real_replace(source, target)

    with builtin_host.open_store(url) as store:
        alt = store.get(Person, "alt")
        monkeypatch.setattr(os, "replace", refuse_the_third)
        people = [Person(id=f"p{i}", network_id="n", function="neu") for i in range(3)]
        with pytest.raises(StoreError, match=r"File name too long.*rolled back, nothing was changed"):
            store.put_many([attrs.evolve(alt, function="neu"), *people], draft=True)
        monkeypatch.undo()
        assert [p.id for p in store.list(Person)] == ["alt"]
    assert not (root / ".journal.json").exists()
    with builtin_host.open_store(url) as store:
        assert store.get(Person, "alt").function == "alt"
        store.put_many(people, draft=True)
        assert len(store.list(Person)) == 4
