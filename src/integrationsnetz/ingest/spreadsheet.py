"""CSV files as Excel writes them: its encodings, its line ends, and cells too large to be data.

Both CSV importers (the actor directory and the course list) read through here, so both accept
the same files and refuse the same ones with :class:`~integrationsnetz.errors.InvalidData`:

* UTF-8 with or without a byte order mark ("CSV UTF-8"), UTF-16 with a byte order mark
  ("Unicode text"), and otherwise Windows-1252, what German Excel writes for "CSV (Trennzeichen-getrennt)";
* line ends CRLF (Windows), LF, and CR alone (Excel for Mac up to 2011);
* ``;``, ``,`` or tab between the cells, whichever the first line uses most.
"""

from __future__ import annotations

import codecs
import csv
import io
import re

from integrationsnetz.errors import InvalidData

#: The longest cell the ``csv`` module reads (its default field size limit, process-wide).
LONGEST_CELL = csv.field_size_limit()

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_LINE_END = re.compile(r"\r\n|\r|\n")


def decode(payload: bytes, source: str) -> str:
    """The text of a CSV file in one of Excel's encodings (see the module docstring)."""
    for bom, encoding in _BOMS:
        if payload.startswith(bom):
            try:
                return payload.decode(encoding)
            except UnicodeDecodeError as exc:
                line = _line_of(payload, exc.start, encoding)
                raise InvalidData(
                    [f"line {line}: not {encoding.upper().removesuffix('-SIG')} although the file says so "
                     f"({exc.reason})"],
                    source=source,
                ) from None  # fmt: skip
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return payload.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = payload[: exc.start].count(b"\n") + 1
        raise InvalidData(
            [f"line {line}: neither UTF-8 nor Windows-1252 (byte 0x{payload[exc.start]:02x}); "
             "save the file as 'CSV UTF-8' in Excel"],
            source=source,
        ) from None  # fmt: skip


def _line_of(payload: bytes, offset: int, encoding: str) -> int:
    head = payload[:offset].decode(encoding, errors="replace")
    return len(_LINE_END.findall(head)) + 1


def delimiter_of(text: str) -> str:
    """``;``, ``,`` or tab: whichever the first line holds most (``;`` on a tie, German Excel's)."""
    first_line = _LINE_END.split(text, maxsplit=1)[0]
    return max((";", ",", "\t"), key=first_line.count)


def rows(text: str, source: str, *, delimiter: str | None = None) -> list[tuple[int, list[str]]]:
    """Every record of the file with the line it ends on (a quoted cell may span lines)."""
    # strict: without it an unclosed quote silently swallows the rest of the file into one cell
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter or delimiter_of(text), strict=True)
    found: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            found.append((reader.line_num, row))
    except csv.Error as exc:
        line = reader.line_num
        opened = found[-1][0] + 1 if found else 1  # where the record that failed begins
        if "field larger than field limit" in str(exc):
            problem = f"line {line}: a cell holds more than {LONGEST_CELL:,} characters; is this a CSV list?"
        elif "unexpected end of data" in str(exc):
            problem = f'line {opened}: unclosed quote: a cell opened with " is never closed before the file ends'
        elif "expected after" in str(exc):
            problem = (
                f'line {line}: a quote inside a cell: quote the whole cell and double the quote (""), or remove it'
            )
        else:
            problem = f"line {line}: cannot be read as CSV ({exc})"
        raise InvalidData([problem], source=source) from None
    return found
