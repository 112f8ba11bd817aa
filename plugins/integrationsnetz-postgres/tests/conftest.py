"""Real PostgreSQL servers for the plugin's tests: a shared one, and a throwaway one of the run's own.

The tests store courses (:func:`course`): a course touches no other entity, so one stands alone.

Most tests use the server ``INTEGRATIONSNETZ_TEST_POSTGRES_URL`` names (a role that may create
databases), else ``postgresql://postgres@127.0.0.1:5432/postgres``, in a database made for the run
and dropped at its end. They never start, stop or reconfigure that server: it may be shared.

Tests that restart a server or read its files get a cluster of their own (``own_cluster``):
``initdb`` into a temporary folder, started with ``pg_ctl`` on a free port with its socket in that
folder (no TCP), stopped and removed at the end. Run as root, it belongs to the ``postgres`` user,
since ``initdb`` refuses root.

Without a server, or without the PostgreSQL programs, the tests skip and say how to enable them,
except in CI (``CI`` set), where they fail: there they must run.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from integrationsnetz.model import Course
from integrationsnetz.store import StoreURL

URL_ENV = "INTEGRATIONSNETZ_TEST_POSTGRES_URL"
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
ENABLE_HINT = (
    f"start a PostgreSQL server there, or set {URL_ENV}=postgresql://user@host/db "
    "(a role that may create databases) to run them"
)
PROGRAMS_HINT = "install PostgreSQL (apt-get install postgresql) to run them"


def course(course_id: str, network_id: str = "wak", course_type: str = "general", **fields: object) -> Course:
    """A course of the VHS with 700 units, 20 a week and 20 seats; ``fields`` set others."""
    defaults: dict[str, object] = {"provider_id": "vhs", "units_total": 700, "units_per_week": 20, "seats": 20}
    return Course(id=course_id, network_id=network_id, course_type=course_type, **(defaults | fields))  # type: ignore[arg-type]


def in_ci() -> bool:
    """CI sets ``CI``; there the PostgreSQL tests must run, never skip."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def skip_or_fail(message: str) -> None:
    if in_ci():
        pytest.fail(f"CI must run the PostgreSQL tests, but {message}", pytrace=False)
    pytest.skip(message)


class SharedServer:
    """The server most tests use. It is not theirs: they only connect to it."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = admin_url

    def reachable(self) -> bool:
        """Whether the server accepts a connection now."""
        try:
            with psycopg.connect(self.admin_url, connect_timeout=3):
                return True
        except psycopg.Error:
            return False


def postgres_programs() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``: the newest Debian/Ubuntu install, else the PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda path: int(Path(path).parts[-3]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb and shutil.which("pg_ctl") else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class ThrowawayCluster:
    """A PostgreSQL cluster in a temporary folder, owned by this test run and removed after it."""

    def __init__(self, programs: Path, folder: Path, user: str | None) -> None:
        self.programs = programs
        self.folder = folder
        self.data = folder / "data"
        self.port = free_port()
        self._user = user  # run the programs as this user (when the tests run as root)
        self.admin_url = f"postgresql://postgres@/postgres?host={folder}&port={self.port}"

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.programs / program), *args]
        if self._user is not None:
            command = ["runuser", "-u", self._user, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        if result.returncode != 0:
            log = self.folder / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}{tail}")

    def create(self) -> None:
        """``initdb``: trust for local connections, the superuser ``postgres``, UTF-8."""
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync")

    def start(self) -> None:
        """Start on the cluster's port, with its socket in the folder and no TCP; wait until it is up."""
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=''"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-o", options, "-w", "start")

    def restart(self) -> None:
        """Restart (a fast shutdown ends every session) and wait until it is back."""
        # With its log file named again: a server writing to pg_ctl's output would keep it open.
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-m", "fast", "-w", "restart")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")


@pytest.fixture(scope="session")
def own_cluster() -> Iterator[ThrowawayCluster]:
    """A cluster of this run's own, to restart and to read the files of; skips or fails without PostgreSQL."""
    programs = postgres_programs()
    if programs is None:
        skip_or_fail(f"the PostgreSQL programs (initdb, pg_ctl) are not installed: {PROGRAMS_HINT}")
        raise AssertionError("unreachable")
    user = None
    if os.geteuid() == 0:  # initdb refuses to run as root
        user = next((name for name in ("postgres", "nobody") if _exists(name)), None)
        if user is None:
            pytest.fail("running as root, but there is no postgres or nobody user to run initdb as", pytrace=False)
    folder = Path(tempfile.mkdtemp(prefix="integrationsnetz-pg-"))
    try:
        if user is not None:
            entry = pwd.getpwnam(user)
            os.chown(folder, entry.pw_uid, entry.pw_gid)
        cluster = ThrowawayCluster(programs, folder, user)
        cluster.create()
        cluster.start()
        try:
            yield cluster
        finally:
            with contextlib.suppress(RuntimeError):
                cluster.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _exists(user: str) -> bool:
    try:
        pwd.getpwnam(user)
    except KeyError:
        return False
    return True


@pytest.fixture(scope="session")
def postgres_cluster() -> SharedServer:
    """The shared server; skips (fails in CI) when it does not answer."""
    server = SharedServer(os.environ.get(URL_ENV) or DEFAULT_URL)
    if not server.reachable():
        skip_or_fail(f"there is no PostgreSQL server at {StoreURL.parse(server.admin_url).masked}: {ENABLE_HINT}")
    return server


@pytest.fixture(scope="session")
def postgres_database(postgres_cluster: SharedServer) -> Iterator[str]:
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
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


_schemas = itertools.count(1)


@pytest.fixture
def store_url(postgres_database: str) -> str:
    """A store URL of an empty store: a fresh PostgreSQL schema in the run's database."""
    return f"{postgres_database}?schema=t{next(_schemas)}_{uuid.uuid4().hex[:6]}"
