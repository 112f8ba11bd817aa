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
