"""The built-in backends pass the same conformance suite a plugin author runs."""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from integrationsnetz.plugins import PluginHost
from integrationsnetz.testing.erasure_conformance import ErasureConformance, RawStorage, raw_files
from integrationsnetz.testing.store_conformance import StoreConformance


class _BuiltIn(StoreConformance, ErasureConformance):
    """A backend the library brings: the host without entry points finds it."""

    @pytest.fixture
    def plugin_host(self, builtin_host: PluginHost) -> PluginHost:
        return builtin_host


def _numbered(prefix: str, suffix: str = "") -> Callable[[], str]:
    """A new store URL each call: ``prefix``, a running number, ``suffix``."""
    counter = itertools.count()
    return lambda: f"{prefix}{next(counter)}{suffix}"


class TestMemoryStore(_BuiltIn):
    """``memory:`` against itself: proves the suite's expectations are met by the reference."""

    @pytest.fixture
    def new_store_url(self) -> Callable[[], str]:
        return lambda: "memory:"


class TestSQLiteStore(_BuiltIn):
    """``sqlite:`` files in a temporary directory."""

    @pytest.fixture
    def new_store_url(self, tmp_path: Path) -> Callable[[], str]:
        return _numbered(f"sqlite://{tmp_path}/netz-", ".db")

    @pytest.fixture
    def set_schema_version(self) -> Callable[[str, int], None]:
        def set_version(url: str, version: int) -> None:
            with sqlite3.connect(urlsplit(url).path) as db:
                db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(version),))

        return set_version

    @pytest.fixture
    def raw_storage(self) -> RawStorage:
        """The database and its -wal, -journal and -shm files."""
        return lambda url: raw_files(*(Path(urlsplit(url).path + end) for end in ("", "-wal", "-journal", "-shm")))


class TestFilesStore(_BuiltIn):
    """``files:`` directories of JSON documents."""

    @pytest.fixture
    def new_store_url(self, tmp_path: Path) -> Callable[[], str]:
        return _numbered(f"files://{tmp_path}/netz-")

    @pytest.fixture
    def set_schema_version(self) -> Callable[[str, int], None]:
        return _set_files_schema_version

    @pytest.fixture
    def raw_storage(self) -> RawStorage:
        return lambda url: raw_files(Path(urlsplit(url).path))


class TestFilesStoreToml(TestFilesStore):
    """``files:...?format=toml``: the same, with TOML documents."""

    @pytest.fixture
    def new_store_url(self, tmp_path: Path) -> Callable[[], str]:
        return _numbered(f"files://{tmp_path}/netz-", "?format=toml")


def _set_files_schema_version(url: str, version: int) -> None:
    meta = Path(urlsplit(url).path) / "store.json"
    document = json.loads(meta.read_text())
    document["schema_version"] = version
    meta.write_text(json.dumps(document))
