"""The ``xlsx`` importer: the member directory as a district office keeps it in an Excel workbook.

The same columns as the ``csv`` importer (:data:`~integrationsnetz.exporters.csv.ACTOR_COLUMNS`,
German or English headers, any order), read from the first sheet with a header row that names
``Typ`` (a title above the table is passed over). Every bad row and cell is reported at once with
the sheet, the row as Excel numbers it and the column; if any is bad, nothing is imported
(:mod:`~integrationsnetz.ingest.workbook` says which workbooks are refused). Course lists in
workbooks are read by :func:`integrationsnetz.courses.read_course_list`, as CSV ones are.
"""

from __future__ import annotations

from typing import BinaryIO

from integrationsnetz.contract.importers import Importer, ImportOptions, ImportResult
from integrationsnetz.exporters.csv import ACTOR_COLUMNS
from integrationsnetz.hookspecs import hookimpl
from integrationsnetz.ingest.csv import actors_from_rows
from integrationsnetz.ingest.workbook import read_sheet

_HEADERS = {header.casefold(): key for key, de, en in ACTOR_COLUMNS for header in (de, en, key)}


def _is_header(cells: list[str]) -> bool:
    keys = {_HEADERS.get(cell.casefold()) for cell in cells}
    return "type" in keys and len(keys - {None}) >= 2


def read_actors(stream: BinaryIO, options: ImportOptions) -> ImportResult:
    """The ``Importer.read`` of the ``xlsx`` format (member directory)."""
    source = options.source or "<xlsx stream>"
    sheet = read_sheet(
        stream.read(),
        source,
        is_header=_is_header,
        is_date_column=lambda _title: False,
        expected="a header row naming Typ, Name, Funktion ... (the columns of the member directory)",
    )
    records = [(sheet.header_row, sheet.header), *sheet.rows]
    return actors_from_rows(records, options, source, place=sheet.place, problems=sheet.problems, skip=sheet.bad_rows)


@hookimpl
def register_importers() -> list[Importer]:
    """The built-in ``xlsx`` importer (member directory)."""
    return [
        Importer(
            format="xlsx",
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            suffix=".xlsx",
            description="Member directory from an Excel workbook (German or English headers)",
            read=read_actors,
        )
    ]
