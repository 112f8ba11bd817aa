"""Row-level security by network: each district's role sees and writes only its own networks."""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from integrationsnetz_postgres.access import grant_sql, row_security_sql

from integrationsnetz import Conflict, StoreError
from integrationsnetz.model import Course
from integrationsnetz.store import StoreURL, open_store

from .conftest import course


def as_role(store_url: str, role: str) -> str:
    parts = urlsplit(store_url)
    netloc = f"{role}@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))


@pytest.fixture
def districts(store_url: str) -> Iterator[dict[str, str]]:
    """Three login roles (two districts and the state's statistics office) on a store with row security."""
    suffix = uuid.uuid4().hex[:8]
    roles = {"wak": f"inz_wak_{suffix}", "eisenach": f"inz_ea_{suffix}", "state": f"inz_state_{suffix}"}
    schema = dict(StoreURL.parse(store_url).query)["schema"]
    open_store(store_url).close()  # the administrator creates the tables
    admin = psycopg.connect(urlunsplit(urlsplit(store_url)._replace(query="")), autocommit=True)
    try:
        for role in roles.values():
            admin.execute(f'CREATE ROLE "{role}" LOGIN')
        admin.execute(row_security_sql(schema))
        admin.execute(grant_sql(roles["wak"], ["wak"], schema=schema))
        admin.execute(grant_sql(roles["eisenach"], ["eisenach"], schema=schema))
        admin.execute(grant_sql(roles["state"], ["*"], schema=schema, read_only=True))
        yield {network: as_role(store_url, role) for network, role in roles.items()}
    finally:
        for role in roles.values():
            admin.execute(f'DROP OWNED BY "{role}"')
            admin.execute(f'DROP ROLE "{role}"')
        admin.close()


def test_each_district_sees_and_writes_only_its_own_network(districts: dict[str, str]) -> None:
    with open_store(districts["wak"]) as wak, open_store(districts["eisenach"]) as eisenach:
        mine = wak.put(course("wak-1", "wak"), draft=True)
        eisenach.put(course("ea-1", "eisenach"), draft=True)
        assert wak.list(Course) == [mine]
        assert [change.id for change in wak.changed_since()] == ["wak-1"]
        assert [c.id for c in eisenach.courses(course_type="general")] == ["ea-1"]
        with pytest.raises(StoreError, match="row-level security"):
            wak.put(course("wak-2", "eisenach"), draft=True)  # writing into another district's network
        with pytest.raises(Conflict, match="cannot see"):
            wak.put(course("ea-1", "wak"), draft=True)  # the id is taken, in a network this role cannot see
        wak.delete(Course, "wak-1")  # a deletion is an update: no DELETE privilege needed
    with open_store(districts["state"]) as state:
        assert [c.id for c in state.list(Course)] == ["ea-1"]
        assert {change.id for change in state.changed_since()} == {"ea-1", "wak-1"}
        with pytest.raises(StoreError, match="permission denied"):
            state.put(course("state-1", "wak"), draft=True)


def test_the_command_prints_the_same_sql() -> None:
    command = [sys.executable, "-m", "integrationsnetz_postgres.access", "--schema", "netz", "grant", "kreis", "wak"]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    assert result.stdout == grant_sql("kreis", ["wak"], schema="netz")


def test_a_district_cannot_create_or_migrate_the_tables(districts: dict[str, str]) -> None:
    fresh = districts["wak"].replace("?schema=", "?schema=fresh_", 1)
    with pytest.raises(StoreError, match="open the store once as the role that owns the schema"):
        open_store(fresh)


def test_tables_for_new_entity_types_are_kept_apart_too(store_url: str, districts: dict[str, str]) -> None:
    schema = dict(StoreURL.parse(store_url).query)["schema"]
    with psycopg.connect(urlunsplit(urlsplit(store_url)._replace(query="")), autocommit=True) as admin:
        admin.execute(f'DROP TABLE "{schema}".waitlist')  # as if the type came with an upgrade
    open_store(store_url).close()  # the administrator's first open after the upgrade
    with psycopg.connect(urlunsplit(urlsplit(store_url)._replace(query="")), autocommit=True) as admin:
        row = admin.execute(
            "SELECT relrowsecurity FROM pg_class WHERE oid = to_regclass(%s)", (f'"{schema}".waitlist',)
        ).fetchone()
    assert row == (True,)
