"""``memory:`` - a store that lives in the process and is gone when it closes.

For tests, scripts that build data before exporting it, and as the reference the conformance
suite compares every other backend with. Each ``open_store("memory:")`` is a new, empty store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from integrationsnetz.hookspecs import hookimpl
from integrationsnetz.store import StoreBackend, StoreURL
from integrationsnetz.store.bookkeeping import Record
from integrationsnetz.store.simple import SimpleStore

if TYPE_CHECKING:
    from integrationsnetz.contract.host import Host
    from integrationsnetz.serialization import Codec


class MemoryStore(SimpleStore):
    """The whole store as dicts of records; commits replace records in place."""

    def __init__(self, url: StoreURL, codec: Codec | None = None) -> None:
        super().__init__(url, codec)
        self._data: dict[str, dict[str, Record]] = {}

    def schema_version(self) -> int | None:
        """The current schema version: the store lives only as long as this library runs."""
        from integrationsnetz.store.schema import current_version

        return current_version()

    def _read(self, entity_type: str, entity_id: str) -> Record | None:
        return self._data.get(entity_type, {}).get(entity_id)

    def _scan(self, entity_type: str) -> Iterator[Record]:
        yield from self._data.get(entity_type, {}).values()

    def _commit(self, records: Sequence[Record]) -> None:
        for record in records:
            self._data.setdefault(record.entity_type, {})[record.id] = record

    def _close(self) -> None:
        self._data = {}


def open_memory_store(url: StoreURL, host: Host) -> MemoryStore:
    """Open a new, empty in-memory store (it holds objects; the codec serves the write guard)."""
    return MemoryStore(url, host.codec)


@hookimpl
def register_store_backends() -> Iterable[StoreBackend]:
    """The built-in ``memory:`` backend."""
    return [
        StoreBackend(
            scheme="memory",
            open=open_memory_store,
            description="In the process only: for tests and scripts; gone when closed",
        )
    ]
