"""The write guard as a property: whatever a bug sets past a constructor, a write either refuses
it with the library's error and writes nothing, or writes something every reader accepts."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from integrationsnetz import documents
from integrationsnetz.errors import Conflict, InvalidData
from integrationsnetz.model import ENTITY_TYPES, Entity, NetworkData
from integrationsnetz.plugins import PluginHost
from integrationsnetz.store import Store
from integrationsnetz.testing import strategies

#: Values of the wrong kind, as a bug or a careless script sets them past a constructor.
DEFECTS: list[Any] = [
    float("inf"),
    float("-inf"),
    float("nan"),
    "text with a lone surrogate \ud800",
    "netwrok",
    "",
    None,
    5,
    True,
    2.5,
    [],
    ["x", 1],
    ("x",),
    {"a": 1},
    date(2024, 1, 1),
    datetime(2024, 1, 1, 9, 0),  # naive
    object(),
]
_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@st.composite
def defective(draw: st.DrawFn, entity: Entity) -> tuple[Entity, str]:
    """``entity`` with one field, or one field of a nested object, replaced by a defect."""
    target: Any = entity
    path = ""
    while True:
        fields = [f.name for f in attrs.fields(type(target))]
        name = draw(st.sampled_from(fields))
        value = getattr(target, name)
        nested = [item for item in (value if isinstance(value, tuple) else (value,)) if attrs.has(type(item))]
        if nested and draw(st.booleans()):
            target, path = draw(st.sampled_from(nested)), f"{path}{name}."
            continue
        object.__setattr__(target, name, draw(st.sampled_from(DEFECTS)))
        return entity, path + name


@pytest.fixture(params=["memory", "sqlite", "files", "files-toml"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return {
        "memory": "memory:",
        "sqlite": f"sqlite://{tmp_path}/netz.db",
        "files": f"files://{tmp_path}/netz",
        "files-toml": f"files://{tmp_path}/netz-toml?format=toml",
    }[request.param]


@pytest.fixture
def store(store_url: str, builtin_host: PluginHost) -> Iterator[Store]:
    with builtin_host.open_store(store_url) as store:
        yield store


def test_a_store_writes_only_what_it_can_read_back(store: Store, store_url: str, builtin_host: PluginHost) -> None:
    """Every entity type, a defect in any field: refused (InvalidData, or Conflict for a revision), or read back."""
    counter = itertools.count()
    written: set[tuple[type[Entity], str]] = set()

    @_SETTINGS
    @given(data=st.data(), entity=strategies.entities())
    def check(data: st.DataObject, entity: Entity) -> None:
        entity = attrs.evolve(entity, id=f"{entity.id}-{next(counter)}", revision=0, modified=None)
        broken, field = data.draw(defective(entity))
        before = len(store.changed_since())
        try:
            store.put(broken, draft=True)
        except (InvalidData, Conflict):
            assert len(store.changed_since()) == before, f"a refused write of {field} changed the store"
            return
        written.add((type(broken), broken.id))
        store.get(type(broken), broken.id)

    check()
    if store_url != "memory:":  # and a new reader accepts everything that was written
        with builtin_host.open_store(store_url) as again:
            for cls, entity_id in written:
                again.get(cls, entity_id)
            for cls in ENTITY_TYPES.values():
                again.list(cls)
            again.changed_since()


def test_a_document_is_saved_only_when_it_loads_again(tmp_path: Path) -> None:
    """A defect anywhere in a network: the good file stays as it was, or the new one loads."""

    @settings(max_examples=200, deadline=None)
    @given(data=st.data(), network=strategies.networks(max_size=2), suffix=st.sampled_from([".json", ".toml"]))
    def check(data: st.DataObject, network: NetworkData, suffix: str) -> None:
        path = tmp_path / f"netz{suffix}"
        documents.save(network, path)
        good = path.read_bytes()
        entity = data.draw(st.sampled_from(list(network.entities())))
        data.draw(defective(entity))
        try:
            documents.save(network, path, draft=True)
        except InvalidData:
            assert path.read_bytes() == good
            return
        documents.load(path)

    check()
