"""A real PostgreSQL server for the plugin's tests, and a throwaway database for each run.

The server is the one ``INTEGRATIONSNETZ_TEST_POSTGRES_URL`` names (a role that may create
databases), else the machine's own at ``postgresql://postgres@127.0.0.1:5432/postgres``; a local
cluster that is installed but stopped is started with ``pg_ctlcluster``. With no server the tests
skip and say how to enable them, except in CI (``CI`` set), where they fail: there they must run.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from integrationsnetz.store import StoreURL

URL_ENV = "INTEGRATIONSNETZ_TEST_POSTGRES_URL"
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
ENABLE_HINT = (
    f"start the local PostgreSQL server, or set {URL_ENV}=postgresql://user@host/db "
    "(a role that may create databases) to run them"
)


def in_ci() -> bool:
    """CI sets ``CI``; there the PostgreSQL tests must run, never skip."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


class LocalCluster:
    """The machine's PostgreSQL cluster, driven with Debian's ``pg_ctlcluster``."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = admin_url
        versions = sorted(os.listdir("/etc/postgresql")) if Path("/etc/postgresql").is_dir() else []
        host = urlsplit(admin_url).hostname or "localhost"
        local = host in ("127.0.0.1", "localhost", "::1") or host.startswith("/")
        self.version = versions[-1] if versions and local and shutil.which("pg_ctlcluster") else None

    @property
    def controllable(self) -> bool:
        """Whether this run may start, stop and restart the server (a local Debian cluster)."""
        return self.version is not None

    def reachable(self) -> bool:
        """Whether the server accepts a connection now."""
        try:
            with psycopg.connect(self.admin_url, connect_timeout=3):
                return True
        except psycopg.Error:
            return False

    def _ctl(self, action: str) -> None:
        assert self.version is not None
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", self.version, "main", action],
            check=False,
            capture_output=True,
            timeout=60,
        )

    def start(self, timeout: float = 30.0) -> bool:
        """Start the cluster if it is down; whether it accepts connections within ``timeout``."""
        if self.reachable():
            return True
        if not self.controllable:
            return False
        self._ctl("start")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.reachable():
                return True
            time.sleep(0.2)
        return False

    def restart(self) -> None:
        """Restart the cluster (fast shutdown ends every session) and wait until it is back."""
        self._ctl("restart")
        if not self.start():
            raise RuntimeError(f"PostgreSQL {self.version} did not come back after a restart")


@pytest.fixture(scope="session")
def postgres_cluster() -> LocalCluster:
    """The server the tests use, started if it is installed but stopped; skips or fails without one."""
    cluster = LocalCluster(os.environ.get(URL_ENV) or DEFAULT_URL)
    if not cluster.start():
        message = f"no PostgreSQL server at {StoreURL.parse(cluster.admin_url).masked}: {ENABLE_HINT}"
        if in_ci():
            pytest.fail(f"CI must run the PostgreSQL tests, but there is {message}", pytrace=False)
        pytest.skip(message)
    return cluster


@pytest.fixture(scope="session")
def postgres_database(postgres_cluster: LocalCluster) -> Iterator[str]:
    """The URL of a database made for this run and dropped at its end."""
    name = f"integrationsnetz_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = postgres_cluster.admin_url
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(admin)
    url = urlunsplit((parts.scheme, parts.netloc, f"/{name}", "", ""))
    try:
        yield url
    finally:
        postgres_cluster.start()  # a fault test may have left it restarting
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


_schemas = itertools.count(1)


@pytest.fixture
def store_url(postgres_database: str) -> str:
    """A store URL of an empty store: a fresh PostgreSQL schema in the run's database."""
    return f"{postgres_database}?schema=t{next(_schemas)}_{uuid.uuid4().hex[:6]}"
