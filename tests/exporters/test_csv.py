"""CSV: the three tables, Excel-safe cells, and the actor directory import (all or nothing)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import integrationsnetz as inz
from integrationsnetz import CsvOptions, ExportOptions, ImportOptions, InvalidData, NetworkData, Organization, Person
from integrationsnetz.exporters.csv import neutralise
from integrationsnetz.model.entity import Entity
from integrationsnetz.testing.erasure_conformance import raw_files, trace_forms, traces_in
from integrationsnetz.testing.export_conformance import ExporterConformance, ImporterConformance
from integrationsnetz.testing.samples import SENTINEL_EMAIL, SENTINEL_NAME

FIXTURES = Path(__file__).with_name("fixtures")


def rows(payload: bytes, delimiter: str = ";") -> list[list[str]]:
    return list(csv.reader(io.StringIO(payload.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def test_actor_directory_has_german_headers_and_people_by_function(sample: NetworkData, host: inz.PluginHost) -> None:
    table = rows(inz.export(sample, "csv", host=host))
    assert table[0][:7] == ["Typ", "ID", "Name", "Kurzname", "Art", "Funktion", "Organisation"]
    people = [row for row in table if row[0] == "Person"]
    assert [row[2] for row in people] == ["", ""]  # no names without personal data
    assert people[0][5:7] == ["Integrationsmanagerin", "Landratsamt Wartburgkreis"]


def test_english_headers(sample: NetworkData, host: inz.PluginHost) -> None:
    options = ExportOptions(language="en", csv=CsvOptions(table="courses", delimiter=","))
    table = rows(inz.export(sample, "csv", options=options, host=host), delimiter=",")
    assert table[0][:3] == ["Course ID", "Course", "Provider"]
    assert table[1][1:2] == ["Literacy course"]


def test_bom_for_excel(sample: NetworkData, host: inz.PluginHost) -> None:
    with_bom = inz.export(sample, "csv", options=ExportOptions(csv=CsvOptions(bom=True)), host=host)
    assert with_bom.startswith(b"\xef\xbb\xbfTyp;")
    assert inz.export(sample, "csv", host=host).startswith(b"Typ;")


def test_attendance_lists_people_only_with_personal_data(sample: NetworkData, host: inz.PluginHost) -> None:
    public = rows(inz.export(sample, "csv", options=ExportOptions(csv=CsvOptions(table="attendance")), host=host))
    assert {row[4] for row in public[1:]} == {"Organisation"}
    assert public[1] == ["2. Netzwerktreffen Integration", "14.10.2024", "09:00", "Jobcenter Wartburgkreis",
                         "Organisation", "anwesend"]  # fmt: skip
    private = ExportOptions(include_personal_data=True, csv=CsvOptions(table="attendance"))
    assert "Person" in {row[4] for row in rows(inz.export(sample, "csv", options=private, host=host))}


@pytest.mark.parametrize("cell", ["=1+2", "+49 3691", "-5", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x")'])
def test_formula_cells_are_neutralised(cell: str) -> None:
    assert neutralise(cell) == "'" + cell
    assert neutralise("Eisenach") == "Eisenach"
    assert neutralise("'s Kneipenquiz") == "''s Kneipenquiz"  # an apostrophe of the text survives the import


@settings(max_examples=150, deadline=None)
@given(name=st.text(min_size=1, max_size=30).filter(lambda t: t.strip() != ""))
@example(name=" =1+2")
@example(name="\t=1+2")
@example(name="Bürgerbüro ")
def test_no_exported_cell_can_start_a_formula_and_import_gives_it_back(name: str) -> None:
    host = inz.PluginHost(entry_points=False)
    org = Organization(id="o1", network_id="n", name=name, kind=inz.OrganizationKind.OTHER)
    data = NetworkData(network=_network(), organizations=(org,))
    payload = inz.export(data, "csv", host=host)
    for row in rows(payload)[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)
    (back,) = inz.import_from(io.BytesIO(payload), "csv", options=ImportOptions(network_id="n"), host=host).entities
    assert isinstance(back, Organization)
    assert back.name == name  # exactly: what the exporter guards, the importer gives back


def _network() -> inz.Network:
    return inz.Network(id="n", name="Netz", region=inz.Region(name="Wartburgkreis", state=inz.State.TH, ags="16063"))


def test_district_office_list_is_imported(host: inz.PluginHost) -> None:
    result = inz.import_from(FIXTURES / "akteure_landratsamt.csv", options=ImportOptions(network_id="wak"), host=host)
    by_id = {entity.id: entity for entity in result.entities}
    assert sorted(by_id) == [
        "caritasverband-eisenach", "integrationsmanagerin", "jobcenter-wartburgkreis",
        "landratsamt-wartburgkreis", "migrationsberatung", "oekumenischer-fluechtlingskreis-willkommen",
    ]  # fmt: skip
    erika = by_id["migrationsberatung"]
    assert isinstance(erika, Person)
    assert erika.affiliation_id == "caritasverband-eisenach"
    assert [c.value for c in erika.contacts] == ["e.musterfrau@caritas.example", "+49 3691 123"]
    lra = by_id["landratsamt-wartburgkreis"]
    assert isinstance(lra, Organization)
    assert lra.address == inz.Address(street="Erzberger Allee 14", postal_code="36433", city="Bad Salzungen")
    assert lra.kind is inz.OrganizationKind.AUTHORITY


def test_bad_rows_are_all_reported_and_nothing_is_imported(host: inz.PluginHost) -> None:
    payload = (
        b"Typ;Name;Art;Funktion;Organisation;E-Mail\r\n"
        b"Organisation;Jobcenter;Jobcenter;;;\r\n"
        b"Organisation;Verein X;Sportverein;;;\r\n"
        b"Person;;;Beratung;Unbekannte Stelle;\r\n"
        b"Person;Max;;Beratung;Jobcenter;keine-adresse\r\n"
        b"Roboter;R2;;;;\r\n"
        b"Person;;;;;\r\n"
    )
    options = ImportOptions(network_id="wak", source="akteure.csv")
    with pytest.raises(InvalidData) as caught:
        inz.import_from(io.BytesIO(payload), "csv", options=options, host=host)
    assert caught.value.problems == (
        "line 3: Art: unknown kind 'Sportverein'; expected one of Behörde, Jobcenter, Bundesbehörde, Landesbehörde, "
        "Kommune, Kursträger, Wohlfahrtsverband, Bildungseinrichtung, Wohnungswirtschaft, Arbeitgeber, "
        "Migrantenorganisation, Ehrenamtliche Initiative, Sonstige",
        "line 4: Organisation: 'Unbekannte Stelle' is not an organisation in this list",
        "line 5: E-Mail: expected an e-mail address, got 'keine-adresse'",
        "line 6: Typ: expected Organisation or Person, got 'Roboter'",
        "line 7: Funktion: cannot be empty",
    )
    assert str(caught.value).startswith("akteure.csv: line 3:")


def test_unknown_header_and_missing_type_column(host: inz.PluginHost) -> None:
    with pytest.raises(InvalidData, match="line 1: unknown column 'Lieblingsfarbe'"):
        inz.import_from(io.BytesIO(b"Typ;Name;Lieblingsfarbe\r\n"), "csv", options=ImportOptions(network_id="n"),
                        host=host)  # fmt: skip
    with pytest.raises(InvalidData, match="the column 'Typ'"):
        inz.import_from(io.BytesIO(b"Name\r\nX\r\n"), "csv", options=ImportOptions(network_id="n"), host=host)


@pytest.mark.parametrize(
    ("encoding", "line_end"),
    [("utf-8", "\r\n"), ("utf-8-sig", "\n"), ("cp1252", "\r\n"), ("cp1252", "\r"), ("utf-16", "\r\n"), ("utf-8", "\r")],
)
def test_excel_encodings_and_line_ends_are_read(host: inz.PluginHost, encoding: str, line_end: str) -> None:
    """German Excel writes Windows-1252, "Unicode text" is UTF-16 with a BOM, old Excel for Mac ends lines with CR."""
    lines = ["Typ;Name;Ort;Funktion", "Organisation;Bürgerbüro „Mitte“;Eisenach;", "Person;;;Straßensozialarbeit", ""]
    text = line_end.join(lines)
    result = inz.import_from(io.BytesIO(text.encode(encoding)), "csv", options=ImportOptions(network_id="n"), host=host)
    org, person = result.entities
    assert isinstance(org, Organization)
    assert org.name == "Bürgerbüro „Mitte“"
    assert isinstance(person, inz.Person)
    assert person.function == "Straßensozialarbeit"


def test_bytes_of_no_excel_encoding_are_refused_with_a_hint(host: inz.PluginHost) -> None:
    payload = b"Typ;Name\r\nOrganisation;B\x81ro\r\n"  # 0x81: not UTF-8, unassigned in cp1252
    with pytest.raises(InvalidData, match=r"line 2: neither UTF-8 nor Windows-1252 \(byte 0x81\).*CSV UTF-8"):
        inz.import_from(io.BytesIO(payload), "csv", options=ImportOptions(network_id="n"), host=host)


def test_a_cell_too_large_for_the_csv_reader_is_refused_with_its_line(host: inz.PluginHost) -> None:
    """Over 131,072 characters the csv module raises its own ``_csv.Error``."""
    payload = b"Typ;Name\r\nOrganisation;ok\r\nOrganisation;" + b"x" * 140_000 + b"\r\n"
    with pytest.raises(InvalidData, match="line 3: a cell holds more than 131,072 characters"):
        inz.import_from(io.BytesIO(payload), "csv", options=ImportOptions(network_id="n"), host=host)


def test_a_column_named_twice_is_refused_with_both_positions(host: inz.PluginHost) -> None:
    payload = b"Typ;Name;Name;Art\r\nOrganisation;VHS;Volkshochschule;Sonstige\r\n"
    with pytest.raises(InvalidData) as caught:
        inz.import_from(
            io.BytesIO(payload), "csv", options=ImportOptions(network_id="n", source="akteure.csv"), host=host
        )
    assert str(caught.value).splitlines()[0] == "akteure.csv: line 1: the column 'Name' appears twice (columns 2 and 3)"


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (b'Typ;Name;Art\r\nOrganisation;;"Offen;Sonstige;;;;\r\n',
         'akteure.csv: line 2: unclosed quote: a cell opened with " is never closed before the file ends'),
        (b'Typ;Name;Art\r\nOrganisation;"VHS;Sonstige\r\nOrganisation;Jobcenter;Sonstige\r\n',
         'akteure.csv: line 2: unclosed quote: a cell opened with " is never closed before the file ends'),
        (b'Typ;Name;Art\r\nOrganisation;"VHS" Mitte;Sonstige\r\n',
         'akteure.csv: line 2: a quote inside a cell: quote the whole cell and double the quote (""), or remove it'),
    ],
)  # fmt: skip
def test_a_broken_quote_is_refused_with_its_line(host: inz.PluginHost, payload: bytes, expected: str) -> None:
    with pytest.raises(InvalidData) as caught:
        inz.import_from(
            io.BytesIO(payload), "csv", options=ImportOptions(network_id="n", source="akteure.csv"), host=host
        )
    assert str(caught.value) == expected


class TestCsvExporterConformance(ExporterConformance):
    format = "csv"

    def variants(self) -> list[ExportOptions]:
        return [
            ExportOptions(language=language, csv=CsvOptions(table=table, bom=bom))
            for table in ("actors", "attendance", "courses")
            for language, bom in (("de", False), ("en", True))
        ]


class TestCsvImporterConformance(ImporterConformance):
    format = "csv"
    export_format = "csv"

    def expected(self, sample: NetworkData) -> list[Entity]:
        return [*sample.organizations, *sample.persons]

    def comparable(self, entity: Entity) -> object:
        if isinstance(entity, Person):
            return ("person", entity.id, entity.name, entity.function, entity.affiliation_id, entity.contacts)
        assert isinstance(entity, Organization)
        return ("org", entity.id, entity.name, entity.kind, entity.short_name, entity.parent_id, entity.address,
                entity.contacts[:2], entity.website)  # fmt: skip

    def malformed(self) -> tuple[bytes, int]:
        return b"Typ;Name;Art\r\nOrganisation;A;Behoerde\r\n", 2


def test_a_person_id_is_never_made_from_the_name(host: inz.PluginHost) -> None:
    """Two people of one function get ``…-2``; organisations keep ids from their names."""
    payload = (
        "Typ;Name;Funktion;Organisation;E-Mail\r\n"
        "Organisation;Landratsamt Wartburgkreis;;;\r\n"
        f"Person;{SENTINEL_NAME};Integrationsmanagerin;Landratsamt Wartburgkreis;{SENTINEL_EMAIL}\r\n"
        "Person;Zorro Sentinel;Integrationsmanagerin;;\r\n"
    ).encode()
    result = inz.import_from(io.BytesIO(payload), "csv", options=ImportOptions(network_id="n"), host=host)
    assert [entity.id for entity in result.entities] == [
        "landratsamt-wartburgkreis",
        "integrationsmanagerin",
        "integrationsmanagerin-2",
    ]
    forms = trace_forms(SENTINEL_NAME, SENTINEL_EMAIL, "Zorro Sentinel")
    assert not traces_in([(entity.id, entity.id.encode()) for entity in result.entities], forms)


@settings(max_examples=100, deadline=None)
@given(
    name=st.text(st.characters(codec="utf-8", exclude_characters=";\"'\r\n"), min_size=1, max_size=30).filter(
        lambda text: len(text.strip()) >= 3
    )
)
def test_no_name_reaches_a_person_id(name: str) -> None:
    host = inz.PluginHost(entry_points=False)
    payload = f"Typ;Name;Funktion\r\nPerson;{name};Beratung\r\n".encode()
    (person,) = inz.import_from(io.BytesIO(payload), "csv", options=ImportOptions(network_id="n"), host=host).entities
    assert isinstance(person, Person)
    assert person.name == name.strip()
    assert person.id == "beratung"


def test_an_imported_person_leaves_no_trace_after_erasure(tmp_path: Path, host: inz.PluginHost) -> None:
    """The issue's case: an id made from the name stayed in the tombstone, its file name and the change feed."""
    payload = (
        f"Typ;Name;Funktion;E-Mail\r\nPerson;{SENTINEL_NAME};Integrationsmanagerin;{SENTINEL_EMAIL}\r\n"
    ).encode()
    (person,) = inz.import_from(io.BytesIO(payload), "csv", options=ImportOptions(network_id="n"), host=host).entities
    url = f"files://{tmp_path}/netz"
    with host.open_store(url) as store:
        store.put(person, draft=True)
        assert store.erase_person(person.id) == 1
        feed = [(f"change {c.id}", c.id.encode()) for c in store.changed_since(None)]
    forms = trace_forms(SENTINEL_NAME, SENTINEL_EMAIL)
    assert not traces_in([*raw_files(tmp_path / "netz"), *feed], forms)
