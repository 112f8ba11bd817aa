"""A whole network into a real sqlite: store and back: ``save_network`` and ``load_network``."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import integrationsnetz as inz
from integrationsnetz.model import Entity, NetworkData
from integrationsnetz.model.network_data import COLLECTIONS
from integrationsnetz.store import load_network, save_network
from integrationsnetz.testing import strategies as inz_st

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _bare(entity: Entity) -> Entity:
    return attrs.evolve(entity, revision=0, created=None, modified=None)


def _content(data: NetworkData) -> dict[str, list[Entity]]:
    """What a network holds, without the store's bookkeeping and in id order (the store's order)."""
    content = {name: sorted((_bare(e) for e in getattr(data, name)), key=lambda e: e.id) for name in COLLECTIONS}
    content["network"] = [_bare(data.network)]
    return content


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=inz_st.networks())
def test_a_network_reads_back_as_saved(tmp_path: Path, data: NetworkData) -> None:
    url = f"sqlite://{tmp_path / 'netz.db'}"
    (tmp_path / "netz.db").unlink(missing_ok=True)
    with inz.open_store(url) as store:
        written = save_network(store, data)
        assert len(written) == 1 + sum(len(getattr(data, name)) for name in COLLECTIONS)
        assert all(entity.revision == 1 for entity in written)
    with inz.open_store(url) as store:
        back = load_network(store, data.network.id)
    assert _content(back) == _content(data)


def test_saving_again_writes_only_what_changed(tmp_path: Path) -> None:
    data = inz.documents.load(EXAMPLES / "landkreis-goettingen-netzwerk.toml")
    with inz.open_store(f"sqlite://{tmp_path / 'netz.db'}") as store:
        save_network(store, data)
        assert save_network(store, data) == []
        renamed = attrs.evolve(data, network=attrs.evolve(data.network, name="Netzwerk Göttingen"))
        written = save_network(store, renamed)
        assert [(type(e).__name__, e.revision) for e in written] == [("Network", 2)]
        assert load_network(store, data.network.id).network.name == "Netzwerk Göttingen"


def test_a_batch_with_a_broken_reference_writes_nothing(tmp_path: Path) -> None:
    data = inz.documents.load(EXAMPLES / "landkreis-goettingen-netzwerk.toml")
    person = attrs.evolve(data.persons[0], affiliation_id="no-such-organisation")
    broken = attrs.evolve(data, persons=(person, *data.persons[1:]))
    with inz.open_store(f"sqlite://{tmp_path / 'netz.db'}") as store:
        with pytest.raises(inz.InvalidData, match="no-such-organisation"):
            save_network(store, broken)
        assert store.list(inz.Person) == []
        with pytest.raises(inz.NotFound):
            load_network(store, data.network.id)
