"""``init`` and finding the workspace: the files a coordinator gets, and what is refused."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

import integrationsnetz as inz
from integrationsnetz.cli.workspace import absolute_store_url, load_workspace
from integrationsnetz.schedule import load_plan_config

Run = Callable[..., Result]


def test_init_writes_a_workspace_that_every_part_of_the_library_reads(tmp_path: Path, run: Run) -> None:
    folder = tmp_path / "wak"
    result = run("init", str(folder), "--name", "Netzwerk Integration Wartburgkreis", "--land", "th", "--ags", "16063")
    assert result.exit_code == 0, result.output
    assert "Arbeitsordner angelegt" in result.output
    settings = tomllib.loads((folder / "integrationsnetz.toml").read_text(encoding="utf-8"))
    assert settings == {
        "netz": "netzwerk.toml", "planung": "planung.toml", "store": "sqlite:integrationsnetz.db", "ausgabe": "out",
    }  # fmt: skip
    data = inz.documents.load(folder / "netzwerk.toml")
    assert data.network.id == "netzwerk-integration-wartburgkreis"
    assert data.network.region.state is inz.State.TH
    assert data.network.region.ags == "16063"
    planning = (folder / "planung.toml").read_text(encoding="utf-8")
    assert "Reformationstag" in planning  # a Thuringian public holiday, listed for the coordinator
    assert "Sommerferien" in planning
    config = load_plan_config(folder / "planung.toml")
    assert [series.id for series in config.series] == ["netzwerktreffen"]
    assert (folder / "out").is_dir()
    with inz.open_store(f"sqlite://{folder / 'integrationsnetz.db'}") as store:
        assert inz.load_network(store, data.network.id).network == store.get(inz.Network, data.network.id)


def test_init_refuses_to_overwrite_a_workspace(tmp_path: Path, run: Run) -> None:
    assert run("init", str(tmp_path), "--name", "Netz A", "--land", "NI").exit_code == 0
    before = (tmp_path / "netzwerk.toml").read_bytes()
    result = run("init", str(tmp_path), "--name", "Netz B", "--land", "BY")
    assert result.exit_code == 1
    assert "schon ein Arbeitsordner" in result.output
    assert (tmp_path / "netzwerk.toml").read_bytes() == before


def test_init_without_a_terminal_names_the_missing_option(tmp_path: Path, run: Run) -> None:
    result = run("init", str(tmp_path / "x"), "--land", "NI")
    assert result.exit_code == 1
    assert "--name" in result.output
    assert not (tmp_path / "x" / "integrationsnetz.toml").exists()


def test_init_refuses_an_unknown_state_and_a_key_of_another_state(tmp_path: Path, run: Run) -> None:
    result = run("init", str(tmp_path / "a"), "--name", "Netz", "--land", "XX")
    assert result.exit_code == 1
    assert "unbekanntes Bundesland 'XX'" in result.output
    result = run("init", str(tmp_path / "b"), "--name", "Netz", "--land", "NI", "--ags", "16063")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "16063" in result.output
    assert not (tmp_path / "b" / "integrationsnetz.toml").exists()


def test_a_command_in_a_subfolder_finds_the_workspace(goettingen: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (goettingen / "out" / "deep").mkdir(parents=True)
    monkeypatch.chdir(goettingen / "out" / "deep")
    workspace = load_workspace(Path.cwd())
    assert workspace.folder == goettingen
    assert workspace.store_url == f"sqlite://{goettingen / 'netz.db'}"
    assert workspace.planning == goettingen / "landkreis-goettingen.toml"


def test_without_a_workspace_a_command_says_what_to_do(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("liste", "personen")
    assert result.exit_code == 1
    assert "kein Arbeitsordner gefunden" in result.output


def test_relative_sqlite_paths_are_relative_to_the_workspace(tmp_path: Path) -> None:
    assert absolute_store_url("sqlite:netz.db", tmp_path) == f"sqlite://{tmp_path / 'netz.db'}"
    assert absolute_store_url("sqlite:///srv/netz.db", tmp_path) == "sqlite:///srv/netz.db"
    assert absolute_store_url("postgresql://u@h/db", tmp_path) == "postgresql://u@h/db"


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_init_from_an_existing_document_and_planning_file_points_at_them(tmp_path: Path, run: Run) -> None:
    folder = tmp_path / "goe"
    document = EXAMPLES / "landkreis-goettingen-netzwerk.toml"
    planning = EXAMPLES / "landkreis-goettingen.toml"
    result = run("init", str(folder), "--netz", str(document), "--planung", str(planning))
    assert result.exit_code == 0, result.output
    settings = tomllib.loads((folder / "integrationsnetz.toml").read_text(encoding="utf-8"))
    assert (folder / settings["netz"]).resolve() == document  # relative to the workspace, not copied
    assert (folder / settings["planung"]).resolve() == planning
    assert sorted(path.name for path in folder.iterdir()) == ["integrationsnetz.db", "integrationsnetz.toml", "out"]
    workspace = load_workspace(folder)
    assert workspace.document == document
    data = inz.documents.load(document)
    with inz.open_store(f"sqlite://{folder / 'integrationsnetz.db'}") as store:
        assert len(store.list(inz.Organization)) == len(data.organizations)


def test_init_with_a_document_only_writes_a_starter_planning_file_naming_it(tmp_path: Path, run: Run) -> None:
    document = EXAMPLES / "landkreis-goettingen-netzwerk.toml"
    result = run("init", str(tmp_path / "goe"), "--netz", str(document))
    assert result.exit_code == 0, result.output
    config = load_plan_config(tmp_path / "goe" / "planung.toml")  # loads the document it names
    assert config.network == str(document)
    assert "Sommerferien" in (tmp_path / "goe" / "planung.toml").read_text(encoding="utf-8")  # Niedersachsen's


def test_init_refuses_a_broken_planning_file_and_flags_the_document_already_gives(tmp_path: Path, run: Run) -> None:
    document = EXAMPLES / "landkreis-goettingen-netzwerk.toml"
    bad = tmp_path / "planung.toml"
    bad.write_text((EXAMPLES / "landkreis-goettingen.toml").read_text(encoding="utf-8").replace(
        'end = "12:00"', 'end = "08:00"'), encoding="utf-8")  # fmt: skip
    (tmp_path / "landkreis-goettingen-netzwerk.toml").write_bytes(document.read_bytes())
    (tmp_path / "landkreis-goettingen-feiertage.toml").write_bytes(
        (EXAMPLES / "landkreis-goettingen-feiertage.toml").read_bytes()
    )
    result = run("init", str(tmp_path / "ws"), "--netz", str(document), "--planung", str(bad))
    assert result.exit_code == 1
    assert f"{bad}: $.series[0].times[0].end: 08:00 is not after start 09:00" in result.output
    assert not (tmp_path / "ws").exists()  # nothing written
    both = run("init", str(tmp_path / "ws"), "--netz", str(document), "--name", "X", "--land", "NI")
    assert both.exit_code == 1
    assert "--netz gibt das Netzwerk schon vor; --name, --land weglassen." in both.output
