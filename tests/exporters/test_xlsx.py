"""Excel workbooks in and out: real files written and read with openpyxl, bad workbooks named row by row."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
import wartburgkreis

import integrationsnetz as inz
from integrationsnetz.courses import read_course_list
from integrationsnetz.ingest import workbook
from integrationsnetz.testing.export_conformance import ExporterConformance

NETWORK = "netz-wak"


def _import(path: Path) -> inz.ImportResult:
    return inz.import_from(path, options=inz.ImportOptions(network_id=NETWORK))


def _book(path: Path, rows: list[list[object]], *, title: str = "Mitglieder") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _problems(path: Path, read: object = None) -> list[str]:
    with pytest.raises(inz.InvalidData) as caught:
        _import(path) if read is None else read_course_list(path, wartburgkreis.build())
    return list(caught.value.problems)


def test_round_trip_xlsx_import_export_xlsx(tmp_path: Path) -> None:
    data = wartburgkreis.build()
    first = tmp_path / "netz.xlsx"
    inz.export(data, "xlsx", first, options=inz.ExportOptions(include_personal_data=True))
    book = openpyxl.load_workbook(first)
    assert book.sheetnames == ["Akteure", "Termine", "Kurse"]
    actors = book["Akteure"]
    assert [cell.value for cell in actors[1]][:3] == ["Typ", "ID", "Name"]
    assert actors.max_row == 1 + len(data.organizations) + len(data.persons)
    courses = book["Kurse"]
    assert isinstance(courses["E2"].value, datetime)  # a real Excel date, not text
    assert isinstance(courses["I2"].value, int)
    imported = _import(first)
    by_id = {entity.id: entity for entity in imported.entities}
    for person in data.persons:
        got = by_id[person.id]
        assert isinstance(got, inz.Person)
        assert (got.name, got.function, got.affiliation_id) == (person.name, person.function, person.affiliation_id)
    for org in data.organizations:
        got = by_id[org.id]
        assert isinstance(got, inz.Organization)
        assert (got.name, got.kind, got.parent_id) == (org.name, org.kind, org.parent_id)
    listed = read_course_list(first, data)
    assert {(c.id, c.start, c.end, c.seats, c.participants, c.course_type, c.provider_id) for c in listed.courses} == {
        (c.id, c.start, c.end, c.seats, c.participants, c.course_type, c.provider_id) for c in data.courses
    }
    again = inz.NetworkData(network=data.network, organizations=data.organizations, persons=tuple(
        e for e in imported.entities if isinstance(e, inz.Person)), courses=listed.courses)
    second = tmp_path / "wieder.xlsx"
    inz.export(again, "xlsx", second, options=inz.ExportOptions(include_personal_data=True))
    rows = lambda path, name: [[c.value for c in r] for r in openpyxl.load_workbook(path)[name].iter_rows()]  # noqa: E731
    assert rows(second, "Akteure") == rows(first, "Akteure")
    assert rows(second, "Kurse") == rows(first, "Kurse")


def test_the_export_leaves_out_personal_data_unless_asked_and_writes_formulas_as_text(tmp_path: Path) -> None:
    data = wartburgkreis.build()
    named = next(p for p in data.persons if p.name)
    path = tmp_path / "oeffentlich.xlsx"
    inz.export(data, "xlsx", path)
    values = {c.value for row in openpyxl.load_workbook(path)["Akteure"].iter_rows() for c in row}
    assert named.name not in values
    assert named.function in values
    sneaky = inz.NetworkData(network=data.network, organizations=(inz.Organization(
        id="x", network_id=data.network.id, name="=HYPERLINK(\"http://evil\")", kind=inz.OrganizationKind.OTHER),))
    inz.export(sneaky, "xlsx", path)
    cell = openpyxl.load_workbook(path)["Akteure"]["C2"]
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://evil")'


def test_header_row_found_below_a_title_and_dates_as_serials_and_text(tmp_path: Path) -> None:
    data = wartburgkreis.build()
    provider = next(o for o in data.organizations if o.kind is inz.OrganizationKind.COURSE_PROVIDER)
    path = _book(tmp_path / "kurse.xlsx", [
        ["Kursliste der Träger, Stand März 2026"],
        [],
        ["Kursart", "Träger", "Beginn", "Ende", "UE/Woche", "Plätze"],
        ["Allgemeiner Integrationskurs", provider.name, 46309, "30.06.2027", 20, 20],  # 46309: 14.10.2026
        ["Alpha", provider.name, date(2026, 11, 2), None, 25, 15],
    ], title="Kurse")
    found = read_course_list(path, data)
    assert sorted(c.start for c in found.courses) == [date(2026, 10, 14), date(2026, 11, 2)]
    assert date(2027, 6, 30) in {c.end for c in found.courses}


def test_every_bad_row_is_named_with_sheet_row_and_column(tmp_path: Path) -> None:
    data = wartburgkreis.build()
    provider = next(o for o in data.organizations if o.kind is inz.OrganizationKind.COURSE_PROVIDER)
    path = _book(tmp_path / "kurse.xlsx", [
        ["Kursart", "Träger", "Beginn", "UE/Woche", "Plätze"],
        ["Alpha", provider.name, "31.02.2026", 25, 15],
        ["Alpha", provider.name, "01.03.2026", "viele", 15],
        ["Alpha", provider.name, "01.03.2026", 25, "=10+5"],
        ["Alpha", provider.name, "01.03.2026", 25, 12.5],
    ], title="Kurse")
    problems = _problems(path, read=True)
    assert "sheet 'Kurse', row 2, column 'Beginn': expected a date like 14.10.2024, got '31.02.2026'" in problems
    assert any(p.startswith("sheet 'Kurse', row 3, column 'UE/Woche'") for p in problems)
    assert any(p.startswith("sheet 'Kurse', row 4, column 'Plätze': a formula (=10+5)") for p in problems)
    assert any(p.startswith("sheet 'Kurse', row 5, column 'Plätze'") and "'12,5'" in p for p in problems)
    assert len(problems) == 4


def test_member_directory_problems_all_at_once(tmp_path: Path) -> None:
    path = _book(tmp_path / "mitglieder.xlsx", [
        ["Mitgliederverzeichnis"],
        ["Typ", "Name", "Funktion", "E-Mail", "Organisation"],
        ["Organisation", "Jobcenter Eisenach", None, "info@jobcenter.example", None],
        ["Katze", "Minka", None, None, None],
        ["Person", None, "Leitung", "keine-adresse", None],
        ["Person", None, "Beratung", None, "Gibt es nicht"],
        ["Person", None, "=A1", None, None],
    ])
    problems = _problems(path)
    assert problems[0] == "sheet 'Mitglieder', row 7, column 'Funktion': a formula (=A1); expected a value: " \
        "copy the column and paste it as values"
    assert any(p.startswith("sheet 'Mitglieder', row 4: Typ: expected Organisation or Person") for p in problems)
    assert any(p.startswith("sheet 'Mitglieder', row 5: E-Mail:") for p in problems)
    assert any(p.startswith("sheet 'Mitglieder', row 6: Organisation: 'Gibt es nicht'") for p in problems)


def test_missing_columns_and_merged_header_cells(tmp_path: Path) -> None:
    path = _book(tmp_path / "kurse.xlsx", [["Kursart", "Beginn", "Ort"], ["Alpha", "01.03.2026", "Eisenach"]])
    problems = _problems(path, read=True)
    assert "sheet 'Mitglieder', row 1: missing the column 'Träger'" in problems
    assert "sheet 'Mitglieder', row 1: missing the column 'Plätze'" in problems
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Typ", "Adresse", None, "Name"])
    sheet.append(["Organisation", "Markt 1", "Eisenach", "Rathaus"])
    sheet.merge_cells("B1:C1")
    book.save(tmp_path / "verbunden.xlsx")
    problems = _problems(tmp_path / "verbunden.xlsx")
    assert problems[0].startswith("sheet 'Sheet', row 1: merged header cells B1:C1; unmerge them")


def test_files_that_are_no_workbooks(tmp_path: Path) -> None:
    renamed = tmp_path / "liste.xlsx"
    renamed.write_text("Typ;Name\nOrganisation;Rathaus\n", encoding="utf-8")
    assert "not an Excel workbook (.xlsx): the file is no zip archive" in _problems(renamed)[0]
    old = tmp_path / "alt.xlsx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    assert "Excel 97-2003" in _problems(old)[0]
    broken = tmp_path / "kaputt.xlsx"
    broken.write_bytes(b"PK\x03\x04" + bytes(100))
    assert "not" in _problems(broken)[0]
    some_zip = tmp_path / "zip.xlsx"
    with zipfile.ZipFile(some_zip, "w") as archive:
        archive.writestr("hallo.txt", "kein Excel")
    assert "not a readable Excel workbook" in _problems(some_zip)[0]
    empty = _book(tmp_path / "leer.xlsx", [])
    assert "no sheet has a header row" in _problems(empty)[0]


def test_a_huge_sheet_is_refused_without_reading_it_through(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook, "MAX_ROWS", 1000)
    path = _book(tmp_path / "gross.xlsx", [["Typ", "Name"], *(["Organisation", f"Org {i}"] for i in range(1500))])
    assert "more than 1,001 rows" in _problems(path)[0]
    bomb = tmp_path / "bombe.xlsx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (workbook.MAX_UNPACKED + 10) + b"</a>")
    bomb.write_bytes(buffer.getvalue())
    assert bomb.stat().st_size < 2_000_000
    assert "more than the 200 MB a list may have" in _problems(bomb)[0]


def test_the_xlsx_formats_are_registered_like_the_csv_ones() -> None:
    host = inz.default_host()
    assert host.importers()["xlsx"].suffix == ".xlsx"
    assert host.exporters()["xlsx"].suffix == ".xlsx"


class TestXlsxExporter(ExporterConformance):
    """The exporters' suite (privacy, selection, same bytes), reading the workbook's cells as its text."""

    format = "xlsx"

    def readable(self, payload: bytes) -> str:
        book = openpyxl.load_workbook(io.BytesIO(payload), read_only=True)
        return "\n".join(
            str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for cell in row if cell
        )
