"""Fixtures for the command-line tests: real workspaces in a temporary folder, real sqlite: stores."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from integrationsnetz.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


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
