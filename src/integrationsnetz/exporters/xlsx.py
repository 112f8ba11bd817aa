"""The ``xlsx`` exporter: one Excel workbook with the member directory, the meetings and the courses.

For offices that keep their lists in Excel: the sheet ``Akteure`` has the columns of the ``csv``
actor directory, ``Kurse`` those the course list importer reads, so both sheets can be edited and
imported again (``import_from(path)`` reads ``Akteure``, ``read_course_list`` reads ``Kurse``);
``Termine`` lists the meetings. Dates are Excel dates, numbers are numbers. Personal data is in
the workbook only when asked for (``ExportOptions(include_personal_data=True)``):
:func:`~integrationsnetz.exporters.export` removes it before this exporter sees the data.
Text is written as text, never as a formula, even when it starts with ``=``. openpyxl is
imported when a workbook is written, not when the plugin loads.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, BinaryIO

from integrationsnetz.contract.exporters import Exporter, ExportRequest
from integrationsnetz.exporters.csv import actor_rows
from integrationsnetz.exporters.references import References
from integrationsnetz.exporters.wording import BERLIN, status_word
from integrationsnetz.hookspecs import hookimpl

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

Cell = str | int | date | datetime | None

#: The course sheet's headers, as the course list importer reads them.
COURSE_HEADERS = ("Kursnummer", "Kursart", "Träger", "Ort", "Beginn", "Ende", "UE gesamt", "UE/Woche", "Plätze",
                  "Teilnehmende", "Status")  # fmt: skip
#: Course states as the course list importer reads them.
COURSE_STATUS = {"planned": "geplant", "running": "läuft", "completed": "beendet", "cancelled": "abgesagt"}


def _sheet(sheet: Worksheet, header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> None:
    """Header and rows into ``sheet``; text as text, dates as dates, the header frozen."""
    from openpyxl.styles import Font

    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(title) for title in header]
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=number, column=column)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # openpyxl would take "=..." for a formula
            elif isinstance(value, datetime):
                cell.number_format = "DD.MM.YYYY HH:MM"
            elif isinstance(value, date):
                cell.number_format = "DD.MM.YYYY"
            widths[column - 1] = max(widths[column - 1], min(len(str(value or "")), 60))
    for column, width in enumerate(widths, start=1):
        from openpyxl.utils import get_column_letter

        sheet.column_dimensions[get_column_letter(column)].width = width + 2
    sheet.freeze_panes = "A2"


def meeting_rows(request: ExportRequest) -> tuple[list[str], list[list[Cell]]]:
    """One row per meeting: day, start, end, title, group, place, status, id."""
    english = request.options.language == "en"
    refs = References(request.data)
    header = (["Date", "Start", "End", "Title", "Group", "Place", "Status", "ID"] if english
              else ["Datum", "Beginn", "Ende", "Titel", "Gruppe", "Ort", "Status", "ID"])  # fmt: skip
    rows: list[list[Cell]] = []
    for meeting in sorted(request.data.meetings, key=lambda m: (m.start, m.id)):
        start, end = meeting.start.astimezone(BERLIN), meeting.end.astimezone(BERLIN)
        group = next((g.name for g in request.data.groups if g.id == meeting.group_id), meeting.group_id or "")
        rows.append([
            start.date(), f"{start:%H:%M}", f"{end:%H:%M}", meeting.title, group,
            refs.place(meeting.venue_id) or "", status_word(meeting.status, request.options.language), meeting.id,
        ])  # fmt: skip
    return header, rows


def course_rows(request: ExportRequest) -> tuple[list[str], list[list[Cell]]]:
    """One row per course, in the columns the course list importer reads."""
    from integrationsnetz.model.course_types import OFFICIAL_COURSE_TYPES

    types = OFFICIAL_COURSE_TYPES
    refs = References(request.data)
    rows: list[list[Cell]] = []
    for course in sorted(request.data.courses, key=lambda c: (c.start or date.min, c.id)):
        kind = types.get(course.course_type)
        rows.append([
            course.id, kind.name_de if kind else course.course_type,
            refs.actor_name(course.provider_id) or course.provider_id,
            course.place or refs.place(course.venue_id) or "",
            course.start, course.end, course.units_total, course.units_per_week, course.seats, course.participants,
            COURSE_STATUS.get(course.status.value, course.status.value),
        ])  # fmt: skip
    return list(COURSE_HEADERS), rows


def write(request: ExportRequest, stream: BinaryIO) -> None:
    """The ``Exporter.write`` of the ``xlsx`` format."""
    from openpyxl import Workbook

    english = request.options.language == "en"
    book = Workbook()
    actors = book.active
    assert actors is not None
    actors.title = "Actors" if english else "Akteure"
    header, rows = actor_rows(request)
    _sheet(actors, header, rows)
    header, meetings = meeting_rows(request)
    _sheet(book.create_sheet("Meetings" if english else "Termine"), header, meetings)
    header, courses = course_rows(request)
    _sheet(book.create_sheet("Courses" if english else "Kurse"), header, courses)
    written = written_on(request)
    book.properties.created = book.properties.modified = written
    buffer = io.BytesIO()
    book.save(buffer)
    stream.write(stable_archive(buffer.getvalue(), written))


def written_on(request: ExportRequest) -> datetime:
    """The workbook's "created"/"modified": the export's ``stamp``, else the newest change of its data.

    Never the clock: the same data gives the same bytes (exporters' contract), so a published
    list only changes when the network did.
    """
    if request.options.stamp is not None:
        return request.options.stamp.astimezone(UTC).replace(tzinfo=None)
    newest = max((e.modified for e in request.data.entities() if e.modified is not None), default=None)
    return (newest or datetime(2000, 1, 1, tzinfo=UTC)).astimezone(UTC).replace(tzinfo=None)


def stable_archive(payload: bytes, written: datetime) -> bytes:
    """The archive with every member and its "modified" dated ``written`` (openpyxl uses the clock for both)."""
    stamp = (max(written.year, 1980), written.month, written.day, written.hour, written.minute, written.second)
    modified = f">{written.isoformat(timespec='seconds')}Z</dcterms:modified>".encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(payload)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == "docProps/core.xml":
                content = re.sub(rb">[^<]*</dcterms:modified>", modified, content)
            target.writestr(zipfile.ZipInfo(member.filename, date_time=stamp), content,
                            compress_type=zipfile.ZIP_DEFLATED)  # fmt: skip
    return out.getvalue()


@hookimpl
def register_exporters() -> list[Exporter]:
    """The built-in ``xlsx`` exporter."""
    return [
        Exporter(
            format="xlsx",
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            suffix=".xlsx",
            description="Excel workbook: member directory, meetings and courses (re-importable)",
            write=write,
        )
    ]
