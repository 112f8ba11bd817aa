"""``import`` into a workspace whose network document defines the imported entities (review F7).

The document wins where it and the store both hold an entity, and ``plan`` writes it into the
store. An import that changed only the store was invisible to every command and undone by the
next ``plan``. Now an entity the document defines is changed in the document too, as the
``termin``/``aufgabe`` commands do; the others go into the store only.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
from click.testing import Result

import integrationsnetz as inz

Run = Callable[..., Result]
DOCUMENT = "landkreis-goettingen-netzwerk.toml"


def _edited_list(folder: Path, run: Run) -> Path:
    """The Excel member list, exported with personal data; the Jobcenter gets an address, a new person a row."""
    exported = run("export", "xlsx", "out/mitglieder.xlsx", "--personendaten", "--yes")
    assert exported.exit_code == 0, exported.output
    book = openpyxl.load_workbook(folder / "out" / "mitglieder.xlsx")
    sheet = book["Akteure"]
    header = [cell.value for cell in sheet[1]]
    rows = {row[header.index("ID")].value: row for row in sheet.iter_rows(min_row=2) if row[1].value}
    jobcenter = rows["jobcenter-goe"]
    jobcenter[header.index("Straße")].value = "Neue Straße 1"
    jobcenter[header.index("PLZ")].value = "37081"
    jobcenter[header.index("Ort")].value = "Göttingen"
    new = sheet.max_row + 1
    for column, value in (("Typ", "Organisation"), ("ID", "tafel-goe"), ("Name", "Göttinger Tafel"),
                          ("Art", "Sonstige")):  # fmt: skip
        sheet.cell(row=new, column=header.index(column) + 1, value=value)
    edited = folder / "bearbeitet.xlsx"
    book.save(edited)
    return edited


def test_an_import_changes_what_the_document_defines_in_the_document_too(goettingen: Path, run: Run) -> None:
    """The Jobcenter's new street: shown, kept by ``plan``, in the document; a new entry goes to the store only."""
    planned = run("plan", "2027")
    assert planned.exit_code == 0, planned.output
    edited = _edited_list(goettingen, run)

    imported = run("import", str(edited), "--yes")
    assert imported.exit_code == 0, imported.output
    assert "1 neu, 1 geändert" in imported.output
    assert "auch das Netzwerkdokument" in imported.output  # the note before asking
    assert "jobcenter-goe" in imported.output

    shown = run("zeige", "jobcenter-goe")
    assert shown.exit_code == 0, shown.output
    assert "Neue Straße 1" in shown.output
    again = run("plan", "2027")
    assert again.exit_code == 0, again.output
    document = inz.documents.load(goettingen / DOCUMENT)
    held = next(o for o in document.organizations if o.id == "jobcenter-goe")
    assert held.address is not None
    assert held.address.street == "Neue Straße 1"
    assert "tafel-goe" not in {o.id for o in document.organizations}  # a new entry goes into the store only
    with inz.open_store(f"sqlite://{goettingen / 'netz.db'}") as store:
        stored = store.get(inz.Organization, "jobcenter-goe")
        assert stored.address is not None
        assert stored.address.street == "Neue Straße 1"
        assert store.get(inz.Organization, "tafel-goe").name == "Göttinger Tafel"
    assert "Neue Straße 1" in run("zeige", "jobcenter-goe").output


def test_importing_the_unchanged_list_changes_nothing(goettingen: Path, run: Run) -> None:
    """The document's own version is what an import is compared with: an unedited list is no change."""
    assert run("plan", "2027").exit_code == 0
    assert run("export", "xlsx", "out/mitglieder.xlsx", "--personendaten", "--yes").exit_code == 0
    before = (goettingen / DOCUMENT).read_bytes()
    result = run("import", "out/mitglieder.xlsx", "--yes")
    assert result.exit_code == 0, result.output
    assert "0 neu, 0 geändert" in result.output
    assert (goettingen / DOCUMENT).read_bytes() == before


def test_declining_the_import_writes_neither_document_nor_store(goettingen: Path, run: Run) -> None:
    """A "no" leaves the document byte for byte and no temporary file beside it."""
    assert run("plan", "2027").exit_code == 0
    edited = _edited_list(goettingen, run)
    before = (goettingen / DOCUMENT).read_bytes()
    result = run("import", str(edited), input="n\n")
    assert result.exit_code == 1, result.output
    assert (goettingen / DOCUMENT).read_bytes() == before
    assert sorted(p.name for p in goettingen.iterdir() if p.name.startswith(f".{DOCUMENT}")) == []
    with inz.open_store(f"sqlite://{goettingen / 'netz.db'}") as store:
        assert store.get(inz.Organization, "jobcenter-goe").address is None
