"""The library's store conformance suite, against the real PostgreSQL server."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable

import psycopg
import pytest
from integrationsnetz_postgres.connection import conninfo_of

from integrationsnetz.store import StoreURL
from integrationsnetz.testing.store_conformance import StoreConformance


class TestPostgresStore(StoreConformance):
    """Every test of the suite; each store is a fresh PostgreSQL schema in the run's database."""

    @pytest.fixture
    def new_store_url(self, postgres_database: str) -> Callable[[], str]:
        counter = itertools.count()
        prefix = uuid.uuid4().hex[:6]
        return lambda: f"{postgres_database}?schema=c{prefix}_{next(counter)}"

    @pytest.fixture
    def set_schema_version(self) -> Callable[[str, int], None]:
        def record(url: str, version: int) -> None:
            parsed = StoreURL.parse(url)
            schema = dict(parsed.query)["schema"]
            with psycopg.connect(conninfo_of(parsed), autocommit=True) as conn:
                conn.execute(f'UPDATE "{schema}".schema_version SET data_version = %s', (version,))

        return record
