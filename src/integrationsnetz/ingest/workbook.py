"""Excel workbooks (``.xlsx``) as district offices keep lists in them: one sheet read as rows of text.

The xlsx importers (the member directory, the course list) read through here, so both accept the
same workbooks and refuse the same ones, every bad cell with its sheet, row and column at once:

* the header row is found among the first :data:`HEADER_SCAN` rows (a title or a date above the
  table, as offices write them, is passed over), and the sheet is the first one that has such a row;
* cells become the text the CSV importers read: dates ``14.10.2024``, whole numbers ``25``, other
  numbers ``12,5``. A number in a date column is an Excel date serial (``45579`` is 14.10.2024);
* a formula is refused, not computed or read from a stale cached value: paste the values instead;
  so is an error cell (``#DIV/0!``) and a merged range at or below the header row;
* a file that is no zip archive (an old ``.xls``, a CSV renamed), one that unpacks to more than
  :data:`MAX_UNPACKED` bytes, or a sheet longer than :data:`MAX_ROWS` rows is refused before it is read
  through, so a hostile file costs little.

openpyxl is imported inside :func:`read_sheet` only, so importing the library stays cheap.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import IO, TYPE_CHECKING, Any

import attrs

from integrationsnetz.errors import InvalidData

if TYPE_CHECKING:
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

#: Rows of a sheet a list may have below its header: far above any district's list.
MAX_ROWS = 50_000
#: Bytes a workbook may unpack to (its XML): a list of 50,000 rows is a few dozen megabytes.
MAX_UNPACKED = 200 * 1024 * 1024
#: How many rows from the top the header row is looked for in.
HEADER_SCAN = 20
#: Excel's date serials of 01.01.1900 and 31.12.9999.
_SERIALS = (1, 2_958_465)
_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


@attrs.frozen(kw_only=True)
class Sheet:
    """One sheet as text: its header row and the rows below it, each with the sheet's row number.

    ``problems`` are the cells that cannot be read as values (formulas, error cells, merged
    ranges), each with its place; ``bad_rows`` are their rows, which an importer leaves out so
    it reports each bad cell once.
    """

    title: str
    header_row: int
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    problems: tuple[str, ...] = ()
    bad_rows: frozenset[int] = frozenset()

    def place(self, row: int) -> str:
        """Where a row is, for a message: ``sheet 'Mitglieder', row 7``."""
        return f"sheet {self.title!r}, row {row}"


def is_workbook(payload: bytes) -> bool:
    """Whether ``payload`` starts like an xlsx file (a zip archive)."""
    return payload.startswith(_ZIP)


def _refuse_container(payload: bytes, source: str) -> None:
    if payload.startswith(_OLE2):
        raise InvalidData(
            ["an old Excel 97-2003 workbook (.xls); open it in Excel and save it as 'Excel-Arbeitsmappe (*.xlsx)'"],
            source=source,
        )
    if not is_workbook(payload):
        raise InvalidData(
            ["not an Excel workbook (.xlsx): the file is no zip archive; save it in Excel as "
             "'Excel-Arbeitsmappe (*.xlsx)', or import it as CSV"],
            source=source,
        )  # fmt: skip
    try:
        with zipfile.ZipFile(io.BytesIO(payload)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InvalidData([f"not an Excel workbook (.xlsx): a damaged zip archive ({exc})"], source=source) from None
    if unpacked > MAX_UNPACKED:
        raise InvalidData(
            [f"the workbook unpacks to {unpacked // 2**20:,} MB, more than the {MAX_UNPACKED // 2**20} MB "
             "a list may have; is this a list of the network?"],
            source=source,
        )  # fmt: skip


def _text(value: object, *, as_date: bool) -> str:
    """A cell's value as the CSV importers would read it from Excel's CSV."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value:%d.%m.%Y}" if value.time() == datetime.min.time() else f"{value:%d.%m.%Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d.%m.%Y}"
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, int | float):
        if as_date and float(value).is_integer() and _SERIALS[0] <= value <= _SERIALS[1]:
            from openpyxl.utils.datetime import from_excel

            return _text(from_excel(value), as_date=False)
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value).replace(".", ",")
    return str(value)


def _letters(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


def _rows(sheet: ReadOnlyWorksheet, source: str, limit: int) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """The sheet's rows as (row number, cells), refusing a sheet longer than ``limit`` rows."""
    for number, row in enumerate(sheet.iter_rows(), start=1):  # type: ignore[misc]  # the stubs' self type
        if number > limit:
            raise InvalidData(
                [f"sheet {sheet.title!r}: more than {limit:,} rows; a list of the network has fewer "
                 "(delete the empty rows below the table, or split the list)"],
                source=source,
            )  # fmt: skip
        yield number, tuple(row)


def _merged(sheet: ReadOnlyWorksheet) -> list[tuple[str, int, int]]:
    """The merged ranges of a sheet as (reference, first row, last row), read from its XML."""
    found = []
    tail = b""
    source: IO[bytes] = sheet.parent._archive.open(sheet._worksheet_path)  # type: ignore[attr-defined]
    with source as stream:
        while chunk := stream.read(1 << 20):
            text = tail + chunk
            for match in _MERGE.finditer(text):
                first_col, first_row, last_col, last_row = match.groups()
                last = int(last_row) if last_row else int(first_row)
                reference = f"{first_col.decode()}{int(first_row)}"
                if last_col:
                    reference += f":{last_col.decode()}{last}"
                found.append((reference, int(first_row), last))
            tail = text[-200:]
    return sorted(set(found), key=lambda item: (item[1], item[0]))


def read_sheet(
    payload: bytes,
    source: str,
    *,
    is_header: Callable[[list[str]], bool],
    is_date_column: Callable[[str], bool],
    expected: str,
) -> Sheet:
    """The first sheet of the workbook ``payload`` with a header row (``is_header`` says which one is).

    ``is_date_column`` says by a header's text which columns hold dates (a number there is an
    Excel date serial); ``expected`` describes the header for the message when no sheet has one.
    Raises :class:`InvalidData` naming ``source`` for a file that is no workbook (see the module).
    """
    _refuse_container(payload, source)
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(payload), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        raise InvalidData([f"not a readable Excel workbook (.xlsx): {exc}"], source=source) from None
    try:
        empty = []
        for sheet in book.worksheets:
            if not hasattr(sheet, "iter_rows"):
                continue  # a chart sheet
            found = _read(sheet, source, is_header, is_date_column)
            if found is not None:
                return found
            empty.append(sheet.title)
        if not empty:
            raise InvalidData(["the workbook has no sheet with cells"], source=source)
        raise InvalidData(
            [f"no sheet has a header row in its first {HEADER_SCAN} rows (looked in {', '.join(map(repr, empty))}); "
             f"expected {expected}"],
            source=source,
        )  # fmt: skip
    finally:
        book.close()


def _read(
    sheet: ReadOnlyWorksheet,
    source: str,
    is_header: Callable[[list[str]], bool],
    is_date_column: Callable[[str], bool],
) -> Sheet | None:
    rows = _rows(sheet, source, HEADER_SCAN)
    header_row = 0
    header_cells: tuple[Any, ...] = ()
    try:
        for number, cells in rows:
            texts = [_text(cell.value, as_date=False).strip() for cell in cells]
            if any(texts) and is_header(texts):
                header_row, header_cells = number, cells
                break
    except InvalidData:
        return None  # the first rows are read lazily: a header is only looked for there
    if not header_row:
        return None
    header = [_text(cell.value, as_date=False).strip() for cell in header_cells]
    names = [title or _letters(index + 1) for index, title in enumerate(header)]
    dates = {index for index, title in enumerate(header) if title and is_date_column(title)}
    problems: list[str] = []
    bad: set[int] = set()
    body: list[tuple[int, tuple[str, ...]]] = []
    for number, cells in _rows(sheet, source, header_row + MAX_ROWS):
        if number <= header_row:
            continue
        texts = []
        for index, cell in enumerate(cells):
            value = cell.value
            column = names[index] if index < len(names) else _letters(index + 1)
            kind = getattr(cell, "data_type", None)
            if kind == "f" or (kind is None and isinstance(value, str) and value.startswith("=")):
                problems.append(f"{sheet.title!r}, row {number}, column {column!r}: a formula ({value}); "
                                "expected a value: copy the column and paste it as values")  # fmt: skip
                bad.add(number)
                value = None
            elif kind == "e":
                problems.append(f"{sheet.title!r}, row {number}, column {column!r}: an error cell ({value}); "
                                "expected a value")  # fmt: skip
                bad.add(number)
                value = None
            texts.append(_text(value, as_date=index in dates))
        body.append((number, tuple(texts)))
    for reference, first, last in _merged(sheet):
        if last < header_row:
            continue  # a title banner above the table
        what = "header cells" if first <= header_row else "cells"
        problems.append(f"{sheet.title!r}, row {max(first, header_row)}: merged {what} {reference}; unmerge them "
                        "and give every column its own header and every row its own value")  # fmt: skip
        bad.update(range(max(first, header_row), last + 1))
    problems = [f"sheet {problem}" for problem in problems]
    return Sheet(
        title=sheet.title,
        header_row=header_row,
        header=tuple(header),
        rows=tuple(body),
        problems=tuple(problems),
        bad_rows=frozenset(bad),
    )
