"""A whole network in and out of a store: the document and the store as two views of one network.

``save_network(store, data)`` writes every entity of a :class:`NetworkData` in one transaction;
``load_network(store, network_id)`` reads one back. A coordinator's TOML document and the store
then hold the same network, whichever was edited last.
"""

from __future__ import annotations

import attrs

from integrationsnetz.contract.stores import Store
from integrationsnetz.errors import NotFound, WrongType
from integrationsnetz.model.entity import Entity
from integrationsnetz.model.network_data import COLLECTIONS, NetworkData
from integrationsnetz.model.networks import Network


def save_network(store: Store, data: NetworkData, *, draft: bool = False) -> list[Entity]:
    """Write every entity of ``data`` into ``store`` in one ``put_many``: all of them, or none.

    An entity the store already holds is overwritten with the document's version (it takes the
    stored revision, so the write is no :class:`~integrationsnetz.errors.Conflict`); one that is
    unchanged is not written again. Entities the store holds and ``data`` lacks are kept. Returns
    the entities written, as stored. ``draft`` passes to ``put_many`` (references unchecked).
    """
    if not isinstance(data, NetworkData):
        raise WrongType([f"save_network: expected a NetworkData, got {type(data).__name__}"])
    changed: list[Entity] = []
    for entity in data.entities():
        try:
            stored = store.get(type(entity), entity.id)
        except NotFound:
            changed.append(attrs.evolve(entity, revision=0))
            continue
        fresh = attrs.evolve(entity, revision=stored.revision, created=stored.created, modified=stored.modified)
        if fresh != stored:
            changed.append(fresh)
    if not changed:
        return []
    return store.put_many(changed, draft=draft)


def load_network(store: Store, network_id: str) -> NetworkData:
    """The network ``network_id`` with everything of it the store holds, each collection ordered by id.

    Raises :class:`~integrationsnetz.errors.NotFound` when the store holds no such network.
    """
    if not isinstance(network_id, str):
        raise WrongType([f"load_network: expected a network id (text), got {type(network_id).__name__}"])
    network = store.get(Network, network_id)
    collections = {name: tuple(store.list(cls, network_id=network_id)) for name, cls in COLLECTIONS.items()}
    return NetworkData(network=network, **collections)  # type: ignore[arg-type]  # each tuple has its type


__all__ = ["load_network", "save_network"]
