"""integrationsnetz-jsonl: the ``jsonl:`` storage backend, one append-only JSON-lines file.

This module is the plugin: the entry point in ``pyproject.toml`` names it, and the host calls
its hook implementation. It imports nothing heavy; the store itself is imported when a store
is opened.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from integrationsnetz import hookimpl
from integrationsnetz.store import Capability, StoreBackend, StoreURL

if TYPE_CHECKING:
    from integrationsnetz.contract.host import Host
    from integrationsnetz_jsonl.store import JsonLinesStore


def open_jsonl_store(url: StoreURL, host: Host) -> JsonLinesStore:
    """Open (or create) the file the URL names: ``jsonl:///abs/netz.jsonl`` or ``jsonl:netz.jsonl``."""
    from integrationsnetz_jsonl.store import JsonLinesStore

    return JsonLinesStore(url, host.codec)


@hookimpl
def register_store_backends() -> Iterable[StoreBackend]:
    """The ``jsonl:`` backend."""
    return [
        StoreBackend(
            scheme="jsonl",
            open=open_jsonl_store,
            description="One append-only JSON-lines file: every write kept, in order, until a person is erased",
            capabilities=frozenset({Capability.DURABLE, Capability.MULTI_PROCESS, Capability.CONCURRENT_WRITERS}),
        )
    ]
