"""import, export, person, store and netz through click's runner against real sqlite: stores and files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import attrs
import openpyxl
import pytest
import wartburgkreis
from click.testing import Result

import integrationsnetz as inz
from integrationsnetz.model.network_data import ENTITY_TYPES

Run = Callable[..., Result]


@pytest.fixture
def wak(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace holding the Wartburgkreis network in its document and its store; the cwd."""
    folder = tmp_path / "wak"
    folder.mkdir()
    data = wartburgkreis.build()
    inz.documents.save(data, folder / "netz.toml")
    (folder / "integrationsnetz.toml").write_text('netz = "netz.toml"\nstore = "sqlite:netz.db"\n', encoding="utf-8")
    with inz.open_store(f"sqlite://{folder / 'netz.db'}") as store:
        inz.save_network(store, data)
    monkeypatch.chdir(folder)
    return folder


def _store(folder: Path) -> inz.Store:
    return inz.open_store(f"sqlite://{folder / 'netz.db'}")


def test_export_lists_every_format_and_writes_a_workbook(wak: Path, run: Run) -> None:
    listed = run("export")
    assert listed.exit_code == 0, listed.output
    for name in ("xlsx", "csv", "ics", "json", "course-report"):
        assert f"\n{name} " in listed.output
    result = run("export", "xlsx", "liste.xlsx")
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(wak / "liste.xlsx")
    assert book.sheetnames == ["Akteure", "Termine", "Kurse"]
    named = next(p for p in wartburgkreis.build().persons if p.name)
    assert named.name not in {c.value for row in book["Akteure"].iter_rows() for c in row}
    again = run("export", "xlsx", "liste.xlsx", "--personendaten", input="n\n")  # the file exists: asked
    assert again.exit_code == 1
    assert named.name not in {c.value for row in openpyxl.load_workbook(wak / "liste.xlsx")["Akteure"].iter_rows()
                              for c in row}
    assert run("export", "xlsx", "liste.xlsx", "--personendaten", "--yes").exit_code == 0
    assert named.name in {c.value for row in openpyxl.load_workbook(wak / "liste.xlsx")["Akteure"].iter_rows()
                          for c in row}
    assert run("export", "gibtsnicht").exit_code == 1


def test_import_shows_the_changes_asks_and_writes(wak: Path, run: Run) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Typ", "ID", "Name", "Art", "Ort"])
    sheet.append(["Organisation", "tafel-eisenach", "Tafel Eisenach", "Sonstige", "Eisenach"])
    book.save(wak / "neu.xlsx")
    declined = run("import", "neu.xlsx", input="n\n")
    assert declined.exit_code == 1
    assert "1 neu, 0 geändert, 0 unverändert" in declined.output
    with _store(wak) as store, pytest.raises(inz.NotFound):
        store.get(inz.Organization, "tafel-eisenach")
    done = run("import", "neu.xlsx", input="y\n")
    assert done.exit_code == 0, done.output
    with _store(wak) as store:
        assert store.get(inz.Organization, "tafel-eisenach").name == "Tafel Eisenach"
    assert "Nichts zu ändern." in run("import", "neu.xlsx").output  # the same file again: nothing asked


def test_a_bad_file_lists_every_row_and_changes_nothing(wak: Path, run: Run) -> None:
    (wak / "kurse.csv").write_text("Kursart;Träger;Beginn;UE/Woche;Plätze\nAlpha;Niemand;31.02.2026;25;15\n"
                                   "Alpha;Niemand;01.03.2026;x;15\n", encoding="utf-8")
    result = run("import", "--kurse", "kurse.csv", "--yes")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "row 2, column 'Beginn'" in result.output
    assert "row 3, column 'UE/Woche'" in result.output
    debug = run("--debug", "import", "--kurse", "kurse.csv", "--yes")
    assert isinstance(debug.exception, inz.InvalidData)


def test_course_list_from_a_workbook(wak: Path, run: Run) -> None:
    provider = next(o for o in wartburgkreis.build().organizations if o.kind is inz.OrganizationKind.COURSE_PROVIDER)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Kursnummer", "Kursart", "Träger", "Beginn", "UE/Woche", "Plätze"])
    sheet.append(["k-2026-x", "Alpha", provider.name, "02.11.2026", 25, 15])
    book.save(wak / "kurse.xlsx")
    result = run("import", "--kurse", "kurse.xlsx", "--yes")
    assert result.exit_code == 0, result.output
    with _store(wak) as store:
        assert store.get(inz.Course, "k-2026-x").provider_id == provider.id


def test_art_15_holds_the_person_and_nobody_else(wak: Path, run: Run) -> None:
    data = wartburgkreis.build()
    person = next(p for p in data.persons if p.name)
    others = {p.name for p in data.persons if p.name and p.id != person.id}
    result = run("person", "auskunft", person.id)
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert found["person"]["name"] == person.name
    assert all(name not in result.output for name in others)
    assert all(m["actor_id"] == person.id for m in found["memberships"])
    assert run("person", "auskunft", "niemand").exit_code == 1
    assert run("person", "auskunft", person.id, "--out", "auskunft.json").exit_code == 0
    assert json.loads((wak / "auskunft.json").read_text(encoding="utf-8")) == found


def test_art_17_asks_and_no_leaves_the_person_yes_erases_everywhere(wak: Path, run: Run) -> None:
    person = next(p for p in wartburgkreis.build().persons if p.name)
    declined = run("person", "loeschen", person.id, input="n\n")
    assert declined.exit_code == 1
    assert "Löschen: Person" in declined.output
    with _store(wak) as store:
        assert store.get(inz.Person, person.id).name == person.name
    assert person.id in (wak / "netz.toml").read_text(encoding="utf-8")
    erased = run("person", "loeschen", person.id, "--yes")
    assert erased.exit_code == 0, erased.output
    with _store(wak) as store, pytest.raises(inz.NotFound):
        store.get(inz.Person, person.id)
    assert person.id not in (wak / "netz.toml").read_text(encoding="utf-8")
    assert run("export", "json", "alles.json", "--personendaten").exit_code == 0
    exported = (wak / "alles.json").read_text(encoding="utf-8")
    assert person.id not in exported
    assert person.name not in exported


def test_store_info_and_migrate(wak: Path, run: Run) -> None:
    info = run("store", "info")
    assert info.exit_code == 0, info.output
    assert "Schemaversion: 1 (aktuell: 1)" in info.output
    assert "Netzwerk netz-wak" in info.output
    assert f"  person: {len(wartburgkreis.build().persons)}" in info.output
    assert "nichts zu tun" in run("store", "migrieren").output


def test_store_copy_refuses_a_full_target_and_copies_everything(wak: Path, run: Run, tmp_path: Path) -> None:
    target = f"sqlite://{tmp_path / 'ziel.db'}"
    result = run("store", "kopieren", target, "--yes")
    assert result.exit_code == 0, result.output
    with _store(wak) as source, inz.open_store(target) as copy:
        for kind in ENTITY_TYPES.values():
            plain = [attrs.evolve(e, revision=0, created=None, modified=None) for e in source.list(kind)]
            assert [attrs.evolve(e, revision=0, created=None, modified=None) for e in copy.list(kind)] == plain
    again = run("store", "kopieren", target, "--yes")
    assert again.exit_code == 1
    assert "--ersetzen" in again.output
    assert run("store", "kopieren", target, "--yes", "--ersetzen").exit_code == 0


def test_netz_schreiben_writes_the_store_into_the_document_and_laden_back(wak: Path, run: Run) -> None:
    with _store(wak) as store:
        org = store.get(inz.Organization, wartburgkreis.build().organizations[0].id)
        store.put(inz.Organization(id="neu-im-speicher", network_id=org.network_id, name="Neu",
                                   kind=inz.OrganizationKind.OTHER))
    declined = run("netz", "schreiben", input="n\n")
    assert declined.exit_code == 1
    assert "organizations: 1 neu" in declined.output
    assert "neu-im-speicher" not in (wak / "netz.toml").read_text(encoding="utf-8")
    assert run("netz", "schreiben", "--yes").exit_code == 0
    assert "neu-im-speicher" in (wak / "netz.toml").read_text(encoding="utf-8")
    assert "Nichts zu ändern." in run("netz", "schreiben").output
    text = (wak / "netz.toml").read_text(encoding="utf-8").replace('name = "Neu"', 'name = "Neu im Dokument"')
    (wak / "netz.toml").write_text(text, encoding="utf-8")
    loaded = run("netz", "laden", "--yes")
    assert loaded.exit_code == 0, loaded.output
    assert "0 neu, 1 geändert" in loaded.output
    with _store(wak) as store:
        assert store.get(inz.Organization, "neu-im-speicher").name == "Neu im Dokument"


def test_help_does_not_load_openpyxl() -> None:
    import subprocess
    import sys

    code = "import sys\nfrom integrationsnetz.cli import main\nassert 'openpyxl' not in sys.modules"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
