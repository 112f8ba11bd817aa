"""Fixtures for the command-line tests: real workspaces in a temporary folder, real sqlite: stores.

PostgreSQL (:func:`database`) is the server ``INTEGRATIONSNETZ_TEST_POSTGRES_URL`` names, else the
local one on port 5432, as the PostgreSQL plugin's tests use it: a database made for the test and
dropped after it. Without a server (or psycopg) those tests skip and say so; in CI (``CI`` set)
they fail instead, as the plugin's do.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit, urlunsplit

import pytest
from click.testing import CliRunner, Result

from integrationsnetz.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ADMIN_URL = os.environ.get("INTEGRATIONSNETZ_TEST_POSTGRES_URL") or "postgresql://postgres@127.0.0.1:5432/postgres"


@pytest.fixture
def goettingen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace made of the Göttingen example (document, planning file, holiday corrections); the cwd."""
    folder = tmp_path / "goettingen"
    folder.mkdir()
    for name in ("", "-netzwerk", "-feiertage"):
        shutil.copy(EXAMPLES / f"landkreis-goettingen{name}.toml", folder)
    (folder / "integrationsnetz.toml").write_text(
        'netz = "landkreis-goettingen-netzwerk.toml"\nplanung = "landkreis-goettingen.toml"\n'
        'store = "sqlite:netz.db"\nausgabe = "out"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run the command in-process with click's runner, German unless ``env`` says otherwise."""
    for variable in ("LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)

    def invoke(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Result:
        return CliRunner().invoke(main, list(args), env=env, input=input)

    return invoke


@pytest.fixture
def wartburgkreis_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace of the Wartburgkreis document (its meeting nt-2024-2 is the document's) and an empty store."""
    folder = tmp_path / "wak"
    folder.mkdir()
    shutil.copy(EXAMPLES / "wartburgkreis-netzwerk.toml", folder)
    (folder / "integrationsnetz.toml").write_text(
        'netz = "wartburgkreis-netzwerk.toml"\nstore = "sqlite:netz.db"\nausgabe = "out"\n', encoding="utf-8"
    )
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def store_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace with only a store, holding the whole Wartburgkreis network (groups with tasks, courses)."""
    import wartburgkreis

    import integrationsnetz as inz

    folder = tmp_path / "store-only"
    folder.mkdir()
    with inz.open_store(f"sqlite://{folder / 'netz.db'}") as store:
        inz.save_network(store, wartburgkreis.build())
    (folder / "integrationsnetz.toml").write_text('store = "sqlite:netz.db"\nausgabe = "out"\n', encoding="utf-8")
    monkeypatch.chdir(folder)
    return folder


def _without_postgres(message: str) -> NoReturn:
    """Skip the test for want of PostgreSQL; in CI, where it must run, fail it."""
    if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
        pytest.fail(f"CI must run the PostgreSQL tests, but {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture
def database() -> Iterator[str]:
    """The URL of an empty database on the PostgreSQL server, dropped afterwards."""
    try:
        import psycopg
    except ImportError:
        _without_postgres("psycopg is not installed (./dev installs plugins/integrationsnetz-postgres)")
    try:
        admin = psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.Error:
        _without_postgres(
            f"there is no PostgreSQL server at {urlsplit(ADMIN_URL).netloc.rsplit('@', 1)[-1]}: start one, or set "
            "INTEGRATIONSNETZ_TEST_POSTGRES_URL=postgresql://user@host/db (a role that may create databases)"
        )
    name = f"integrationsnetz_cli_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(ADMIN_URL)
    try:
        yield urlunsplit((parts.scheme, parts.netloc, f"/{name}", "", ""))
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
