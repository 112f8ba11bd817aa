"""PostgreSQL storage for integrationsnetz: one database that many districts share.

Installing the distribution is all it takes: its entry point (group ``integrationsnetz``)
registers the ``postgresql:`` and ``postgres:`` store schemes, so
``open_store("postgresql://user@host/db")`` works with no registration code. psycopg is imported
only when a store is opened, so loading the plugin costs next to nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from integrationsnetz import hookimpl
from integrationsnetz.errors import PluginError
from integrationsnetz.plugins import DISABLE_ENV
from integrationsnetz.store import Capability, StoreBackend

if TYPE_CHECKING:
    from integrationsnetz.contract.host import Host
    from integrationsnetz.store import Store, StoreURL

__all__ = ["open_postgres", "register_store_backends"]


def open_postgres(url: StoreURL, host: Host) -> Store:
    """Open (and create or migrate, if needed) the store a ``postgresql://`` URL names."""
    try:
        from integrationsnetz_postgres.store import PostgresStore
    except ImportError as exc:
        raise PluginError(
            f"plugin 'integrationsnetz-postgres' cannot open {url.masked}: {exc}. Install its driver with "
            "pip install 'psycopg[binary]>=3.2', or block the plugin with "
            f"{DISABLE_ENV}=integrationsnetz-postgres"
        ) from exc
    return PostgresStore(url, host.codec)


@hookimpl
def register_store_backends() -> Iterable[StoreBackend]:
    """The ``postgresql:`` scheme (``postgres:`` and ``postgresql+psycopg:`` too)."""
    capabilities = frozenset({Capability.DURABLE, Capability.CONCURRENT_WRITERS, Capability.MULTI_PROCESS})
    return [
        StoreBackend(
            scheme=scheme,
            open=open_postgres,
            description="PostgreSQL database shared by many districts (integrationsnetz-postgres)",
            capabilities=capabilities,
        )
        for scheme in ("postgresql", "postgres")
    ]
