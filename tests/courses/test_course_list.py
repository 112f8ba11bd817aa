"""Importing a provider's course list as German Excel writes it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import wartburgkreis

from integrationsnetz import CourseStatus, InvalidData, NetworkData, check, documents
from integrationsnetz.courses import course_figures
from integrationsnetz.courses.course_list import import_course_list, read_course_list, sample_course_list

AS_OF = date(2024, 10, 14)
HEADER = "Kursart;Träger;Beginn;Ende;UE/Woche;Plätze;Teilnehmende\r\n"


def write(tmp_path: Path, text: str, encoding: str = "utf-8-sig") -> Path:
    path = tmp_path / "kursliste.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_the_sample_file_imports(tmp_path: Path) -> None:
    """The shipped sample into the example network: course numbers as ids, German dates, ``1.000`` UE,
    short forms ("Alpha", the provider's short name "VHS"), and then the report on the result."""
    data = wartburgkreis.build()
    found = read_course_list(sample_course_list(), data, as_of=AS_OF, name="kursliste-beispiel.csv")
    courses = {course.id: course for course in found.courses}
    assert len(courses) == 8
    assert found.new_providers == ()
    first = courses["124-0815"]
    assert (first.course_type, first.provider_id, first.place) == ("general", "vhs-wak", "Bad Salzungen")
    assert (first.start, first.end) == (date(2024, 9, 2), date(2025, 6, 30))
    assert (first.units_total, first.units_per_week, first.seats, first.participants) == (700, 20, 20, 19)
    assert first.status is CourseStatus.RUNNING
    assert courses["124-0816"].provider_id == "vhs-wak"
    assert courses["124-1103"].course_type == "literacy"
    assert courses["124-1103"].units_total == 1000
    assert courses["124-2001"].status is CourseStatus.PLANNED
    merged = import_course_list(sample_course_list(), data, as_of=AS_OF)
    assert len(merged.courses) == len(data.courses) + 8
    assert check(merged) == []
    path = tmp_path / "net.json"
    documents.save(merged, path)
    assert documents.load(path) == merged
    figures = course_figures(merged, as_of=AS_OF)
    assert figures.running == 17 + 5  # three of the listed courses start later
    assert sum(kind.planned for kind in figures.types) == 3


def test_windows_1252_comma_separated_and_derived_ids(article: NetworkData, tmp_path: Path) -> None:
    """Excel's ANSI export, commas instead of semicolons, no course number: ids come from the content."""
    text = ("Kursart,Träger,Beginn,UE pro Woche,Plätze\r\n"
            "Förderkurs,VHS Eisenach,14.10.24,20,15\r\n"
            "Förderkurs,VHS Eisenach,14.10.24,20,15\r\n")  # fmt: skip
    found = read_course_list(write(tmp_path, text, "cp1252"), article, as_of=AS_OF)
    assert [course.id for course in found.courses] == [
        "vhs-esa-special_needs-2024-10-14",
        "vhs-esa-special_needs-2024-10-14-2",
    ]
    assert found.courses[0].units_total == 1000
    assert found.courses[0].participants == 0


def test_every_bad_row_is_reported_and_nothing_imported(article: NetworkData, tmp_path: Path) -> None:
    """Each problem names the file, the row as Excel numbers it, the column and what was expected."""
    text = HEADER + (
        "Allgemeiner Integrationskurs;VHS Wartburgkreis;14.10.2024;13.06.2025;25;20;18\r\n"  # row 2: fine
        "Kochkurs;VHS Wartburgkreis;14.10.2024;;25;20;18\r\n"  # row 3
        "Alpha;Unbekannter Träger;31.02.2024;;25;20;18\r\n"  # row 4
        "Alpha;VHS Eisenach;14.10.2024;01.10.2024;12,5;zwanzig;-1\r\n"  # row 5
        "Jugendintegrationskurs;VHS Eisenach;01.09.2025;;25;20;\r\n"  # row 6
        "\r\n"
        "Alpha;VHS Eisenach;14.10.2024;;25;20;18;zu viel\r\n"  # row 8
    )
    path = write(tmp_path, text)
    with pytest.raises(InvalidData) as caught:
        import_course_list(path, article, as_of=AS_OF)
    problems = caught.value.problems
    assert caught.value.source == str(path)
    assert "row 3, column 'Kursart': expected a course type (Allgemeiner Integrationskurs, " in problems[0]
    assert problems[0].endswith("got 'Kochkurs'")
    assert any(p.startswith("row 4, column 'Träger': expected a provider of the network, got 'Unbekannter Träger'")
               for p in problems)  # fmt: skip
    assert "row 4, column 'Beginn': expected a date like 14.10.2024, got '31.02.2024'" in problems
    assert "row 5, column 'Ende': expected a date on or after the start 14.10.2024, got '01.10.2024'" in problems
    assert "row 5, column 'UE/Woche': expected a whole number > 0, got '12,5'" in problems
    assert "row 5, column 'Plätze': expected a whole number >= 0, got 'zwanzig'" in problems
    assert "row 5, column 'Teilnehmende': expected a whole number >= 0, got '-1'" in problems
    assert "row 6, column 'Beginn': Jugendintegrationskurs may not start from 01.05.2025 on, got '01.09.2025'" in (
        problems
    )
    assert "row 8: expected 7 columns as in the header, got 8" in problems
    assert not any(p.startswith("row 2") for p in problems)
    assert all(line.startswith(f"{path}: row ") for line in str(caught.value).splitlines())


def test_header_problems(article: NetworkData, tmp_path: Path) -> None:
    """A missing required column or an unknown one is named before any row is read."""
    path = write(tmp_path, "Kursart;Beginn;Farbe\r\nAlpha;14.10.2024;blau\r\n")
    with pytest.raises(InvalidData) as caught:
        read_course_list(path, article)
    assert "row 1, column 3 'Farbe': unknown column; expected one of Kursart, Träger" in caught.value.problems[0]
    assert "row 1: missing the column 'Träger'" in caught.value.problems
    assert "row 1: missing the column 'UE/Woche'" in caught.value.problems
    with pytest.raises(InvalidData, match="expected a header row"):
        read_course_list(b"", article)
    with pytest.raises(InvalidData, match="cannot read the file"):
        read_course_list(tmp_path / "missing.csv", article)


def test_new_providers_on_request(article: NetworkData, tmp_path: Path) -> None:
    """With ``new_providers=True`` an unknown provider becomes a course provider of the network."""
    path = write(tmp_path, HEADER + "Allgemein;Bildungswerk Süd e.V.;14.10.2024;;25;20;20\r\n")
    merged = import_course_list(path, article, as_of=AS_OF, new_providers=True)
    added = merged.organizations[-1]
    assert (added.id, added.name) == ("bildungswerk-sued-e-v", "Bildungswerk Süd e.V.")
    assert any(course.provider_id == added.id for course in merged.courses)
    assert check(merged) == []


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("20", 20), ("1.000", 1000), ("1.000,00", 1000), ("25,0", 25), ("25.0", 25), ("007", 7),
     ("999.999.999", 999_999_999), ("1 000 000 000", 1_000_000_000)],
)  # fmt: skip
def test_whole_numbers_are_read_exactly(article: NetworkData, cell: str, expected: int) -> None:
    text = HEADER + f"Alpha;VHS Eisenach;14.10.2024;;20;16;{cell}\r\n"
    (course,) = read_course_list(text.encode(), article, as_of=AS_OF).courses
    assert course.participants == expected
    assert type(course.participants) is int


@pytest.mark.parametrize("cell", ["1" * 20, "1" * 400, "9" * 5000, "1.000.000.001", "12,5", "1e3", "inf", "١٢"])
def test_numbers_that_are_not_whole_or_too_large_are_refused(article: NetworkData, cell: str) -> None:
    """A 20-digit seat count used to change silently through ``float``, 400 digits raised OverflowError."""
    text = HEADER + f"Alpha;VHS Eisenach;14.10.2024;;20;16;{cell}\r\n"
    with pytest.raises(InvalidData, match=r"row 2, column 'Teilnehmende': expected a whole number"):
        read_course_list(text.encode(), article, as_of=AS_OF)


@pytest.mark.parametrize(
    ("encoding", "line_end"),
    [("utf-8-sig", "\r\n"), ("utf-8", "\n"), ("cp1252", "\r"), ("utf-16", "\r\n"), ("utf-16-be", "\r")],
)
def test_excel_encodings_and_line_ends(article: NetworkData, encoding: str, line_end: str) -> None:
    """German Excel's ANSI, "Unicode text" (UTF-16 with BOM, also big-endian), CR-only lines of old Excel for Mac."""
    text = HEADER.replace("\r\n", line_end) + f"Förderkurs;VHS Eisenach;14.10.2024;;20;15;3{line_end}"
    payload = text.encode(encoding)
    if encoding == "utf-16-be":
        payload = b"\xfe\xff" + payload
    (course,) = read_course_list(payload, article, as_of=AS_OF).courses
    assert (course.course_type, course.seats, course.participants) == ("special_needs", 15, 3)


def test_a_cell_too_large_for_the_csv_reader_is_refused(article: NetworkData) -> None:
    text = HEADER + "Alpha;VHS Eisenach;14.10.2024;;20;15;" + "1" * 140_000 + "\r\n"
    with pytest.raises(InvalidData, match=r"kursliste\.csv: line 2: a cell holds more than 131,072 characters"):
        read_course_list(text.encode(), article, as_of=AS_OF, name="kursliste.csv")


def test_long_provider_names_give_ids_within_the_limit(article: NetworkData) -> None:
    """A 300-character provider name made a derived id over 200 characters: a plain ValueError."""
    name = "Sprachschule " + "Werratal " * 40
    text = HEADER + f"Alpha;{name};14.10.2024;;20;15;0\r\n" * 2
    found = read_course_list(text.encode(), article, as_of=AS_OF, new_providers=True)
    assert len(found.courses) == 2
    assert len({course.id for course in found.courses}) == 2
    assert all(len(entity.id) <= 200 for entity in (*found.courses, *found.new_providers))
    (provider,) = found.new_providers
    assert provider.name == name.strip()


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("01.01.0001", "expected a date in the years 2000 to 2099, got '01.01.0001'"),
     ("01.01.0024", "expected a date in the years 2000 to 2099, got '01.01.0024'"),
     ("0024-01-01", "expected a date in the years 2000 to 2099, got '0024-01-01'"),
     ("01.01.202", "expected a date like 14.10.2024, got '01.01.202'")],
)  # fmt: skip
def test_a_year_that_is_a_typo_is_refused_not_guessed(article: NetworkData, cell: str, expected: str) -> None:
    text = HEADER + f"Alpha;VHS Eisenach;{cell};;20;16;0\r\n"
    with pytest.raises(InvalidData) as caught:
        read_course_list(text.encode(), article, as_of=AS_OF)
    assert caught.value.problems == (f"row 2, column 'Beginn': {expected}",)


@pytest.mark.parametrize("cell", ["1.0000", "1,000", "20,000"])
def test_a_separator_that_is_no_thousands_group_is_refused(article: NetworkData, cell: str) -> None:
    text = HEADER + f"Alpha;VHS Eisenach;14.10.2024;;{cell};16;0\r\n"
    with pytest.raises(InvalidData) as caught:
        read_course_list(text.encode(), article, as_of=AS_OF)
    assert caught.value.problems == (
        f"row 2, column 'UE/Woche': expected a whole number > 0, written 1000 or 1.000 (a dot between groups of "
        f"three digits), got {cell!r}",
    )


def test_an_unclosed_quote_is_named(article: NetworkData) -> None:
    text = HEADER + 'Alpha;"VHS Eisenach;14.10.2024;;20;16;0\r\nAlpha;VHS Eisenach;14.10.2024;;20;16;0\r\n'
    with pytest.raises(InvalidData) as caught:
        read_course_list(text.encode(), article, as_of=AS_OF, name="kurse.csv")
    assert (
        str(caught.value)
        == 'kurse.csv: line 2: unclosed quote: a cell opened with " is never closed before the file ends'
    )


def test_the_list_refuses_what_check_refuses_and_warns_of_overbooking(article: NetworkData) -> None:
    text = HEADER.replace("Teilnehmende", "Teilnehmende;UE gesamt") + (
        "Alpha;VHS Eisenach;14.10.2024;;20;0;0;\r\n"  # row 2: no seats
        "Alpha;VHS Eisenach;14.10.2024;;20;17;0;\r\n"  # row 3: above the group size of 16
        "Alpha;VHS Eisenach;14.10.2024;;20;16;0;1.301\r\n"  # row 4: above 1,000 + 300 units
        "Alpha;VHS Eisenach;14.10.2024;;20;16;18;\r\n"  # row 5: overbooked, real
    )
    with pytest.raises(InvalidData) as caught:
        read_course_list(text.encode(), article, as_of=AS_OF)
    assert caught.value.problems == (
        "row 2, column 'Plätze': 0 seats: a course has at least 1",
        "row 3, column 'Plätze': 17 seats, but the maximum group size of 'literacy' is 16",
        "row 4, column 'UE gesamt': 1301 teaching units, but a 'literacy' course has at most 1300 (1000 + 300 for "
        "repetition)",
    )
    found = read_course_list((HEADER + "Alpha;VHS Eisenach;14.10.2024;;20;16;18\r\n").encode(), article, as_of=AS_OF)
    assert len(found.courses) == 1
    assert found.warnings == ("row 2, column 'Teilnehmende': 18 participants, but only 16 seats",)
