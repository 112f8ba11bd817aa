"""The plugin as users meet it: installed, discovered, cheap to load; URLs masked; clear errors."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from integrationsnetz import NotFound, StoreError
from integrationsnetz.model import Course
from integrationsnetz.plugins import PluginHost
from integrationsnetz.store import Capability, open_store


def test_installed_plugin_is_found_through_its_entry_point() -> None:
    host = PluginHost()
    backends = host.store_backends()
    assert {"postgresql", "postgres"} <= set(backends)
    assert Capability.MULTI_PROCESS in backends["postgresql"].capabilities
    info = {plugin.name: plugin for plugin in host.plugins()}["integrationsnetz-postgres"]
    assert info.distribution == "integrationsnetz-postgres"
    assert "store:postgresql" in info.provides


def test_loading_the_plugin_does_not_import_psycopg() -> None:
    code = (
        "import sys; from integrationsnetz.plugins import PluginHost; "
        "PluginHost().store_backends(); "
        "print('psycopg' in sys.modules, 'integrationsnetz_postgres' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "True"]


def test_the_same_program_runs_on_sqlite_style_and_postgres_urls(store_url: str) -> None:
    for url in (store_url, store_url.replace("postgresql://", "postgres://", 1)):
        with open_store(url) as store:
            assert store.list(Course) == []


def test_unreachable_server_names_the_masked_url() -> None:
    url = "postgresql://district:s3cr3t-pw@127.0.0.1:1/integration?connect_timeout=3"
    with pytest.raises(StoreError) as raised:
        open_store(url)
    message = str(raised.value)
    assert "cannot connect to PostgreSQL at postgresql://district:***@127.0.0.1:1/integration" in message
    assert "s3cr3t-pw" not in message
    assert raised.value.__cause__ is None  # the driver's error (and its connection string) is not chained


def test_passwords_are_masked_in_reprs_errors_and_logs(store_url: str, caplog: pytest.LogCaptureFixture) -> None:
    # The test server trusts loopback connections, so any password opens it.
    url = store_url.replace("postgresql://postgres@", "postgresql://postgres:s3cr3t-pw@", 1)
    assert "s3cr3t-pw" in url
    with caplog.at_level(logging.DEBUG, logger="integrationsnetz_postgres"), open_store(url) as store:
        assert "s3cr3t-pw" not in repr(store)
        assert "***" in repr(store)
        with pytest.raises(NotFound) as raised:
            store.get(Course, "nope")
        assert "s3cr3t-pw" not in str(raised.value)
    assert caplog.records, "the plugin logged nothing to check"
    assert all("s3cr3t-pw" not in record.getMessage() for record in caplog.records)


def test_a_bad_schema_name_is_refused_before_it_reaches_sql(postgres_database: str) -> None:
    with pytest.raises(StoreError, match=r"schema 'x; DROP TABLE' is not usable"):
        open_store(f"{postgres_database}?schema=x;%20DROP%20TABLE")


def test_without_psycopg_opening_says_how_to_install_or_block_it() -> None:
    code = (
        "import sys; sys.modules['psycopg'] = None\n"
        "from integrationsnetz import PluginError, open_store\n"
        "try:\n"
        "    open_store('postgresql://u:secret@127.0.0.1:1/db')\n"
        "except PluginError as exc:\n"
        "    print(exc)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "postgresql://u:***@127.0.0.1:1/db" in result.stdout
    assert "pip install 'psycopg[binary]>=3.2'" in result.stdout
    assert "INTEGRATIONSNETZ_DISABLE_PLUGINS=integrationsnetz-postgres" in result.stdout
    assert "secret" not in result.stdout
