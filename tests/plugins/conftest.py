"""Fixtures for the plugin-host tests: real installed distributions, made on the fly.

``install`` writes a package and its ``*.dist-info`` (METADATA and entry_points.txt, what pip
writes) into a temporary site directory on ``sys.path``, so ``importlib.metadata`` finds a
genuinely installed plugin: no mocks of the entry-point machinery.
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A site directory on ``sys.path`` for this test only; its modules are forgotten afterwards."""
    directory = tmp_path / "site"
    directory.mkdir()
    monkeypatch.syspath_prepend(str(directory))
    before = set(sys.modules)
    yield directory
    for name in set(sys.modules) - before:
        if name.startswith("integrationsnetz_"):
            del sys.modules[name]


@pytest.fixture
def install(site: Path) -> Callable[..., str]:
    """Install a plugin distribution ``integrationsnetz-<name>`` whose package holds ``code``.

    Returns the entry-point name (the distribution name).
    """

    def install_plugin(name: str, code: str, *, version: str = "0.1.0", entry_point: str | None = None) -> str:
        distribution = f"integrationsnetz-{name}"
        package = f"integrationsnetz_{name.replace('-', '_')}"
        (site / package).mkdir()
        (site / package / "__init__.py").write_text(textwrap.dedent(code), encoding="utf-8")
        info = site / f"{package}-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {distribution}\nVersion: {version}\n")
        (info / "entry_points.txt").write_text(f"[integrationsnetz]\n{entry_point or distribution} = {package}\n")
        return entry_point or distribution

    return install_plugin
