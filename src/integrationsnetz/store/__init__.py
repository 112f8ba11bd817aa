"""Storage: open a store by URL; the built-in backends ``memory:``, ``files:`` and ``sqlite:``.

The types every backend implements (``Store``, ``StoreURL``, ``StoreBackend``) are the storage
part of the plugin contract (:mod:`integrationsnetz.contract.stores`) and are importable from
here too. Backends are plugins (``register_store_backends``); the built-in ones register the
same way an external one does. ``save_network`` and ``load_network`` move a whole
:class:`~integrationsnetz.model.NetworkData` into a store and back.
"""

from __future__ import annotations

from integrationsnetz.contract.registries import Registries, default_host
from integrationsnetz.contract.stores import Capability, Change, Store, StoreBackend, StoreURL
from integrationsnetz.store.network import load_network, save_network


def open_store(url: str, *, host: Registries | None = None) -> Store:
    """Open the store at ``url`` with the backend registered for its scheme.

    ``with open_store("sqlite:///netz.db") as store: ...``; an unknown scheme raises
    :class:`~integrationsnetz.errors.StoreError` listing the schemes that are available.
    """
    return (host or default_host()).open_store(url)


def schema_version_of(store: Store) -> int | None:
    """The schema version ``store`` records for its documents, None when it cannot tell.

    A backend tells it with a ``schema_version()`` method, which the protocol leaves optional (a
    store written before it keeps working; :class:`~integrationsnetz.store.base.BaseStore` answers
    None). The built-in stores, the JSON Lines and the PostgreSQL plugin answer; a store that
    migrates when it is opened answers the current version from then on.
    """
    method = getattr(store, "schema_version", None)
    if not callable(method):
        return None
    version = method()
    return version if isinstance(version, int) and not isinstance(version, bool) else None


__all__ = [
    "Capability",
    "Change",
    "Store",
    "StoreBackend",
    "StoreURL",
    "load_network",
    "open_store",
    "save_network",
    "schema_version_of",
]
