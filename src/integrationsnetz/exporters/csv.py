"""The ``csv`` exporter: the actor directory, an attendance list, the course list.

Spreadsheets are where district offices keep lists, so the files are made for Excel: German
headers (English with ``language="en"``), ``;`` as the separator, an optional UTF-8 byte order
mark (``CsvOptions(bom=True)``), dates as ``14.10.2024``. A cell that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return (or with white space at either end) is prefixed with
``'``, so a spreadsheet shows it as text instead of running it as a formula (OWASP "CSV
injection"); the ``csv`` importer removes the prefix again and gives the cell back exactly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from typing import BinaryIO

from integrationsnetz.exporters import Exporter, ExportRequest
from integrationsnetz.exporters.references import References
from integrationsnetz.exporters.selection import actors_of
from integrationsnetz.exporters.wording import BERLIN, ORGANIZATION_KINDS, format_short_date, status_word
from integrationsnetz.hookspecs import hookimpl
from integrationsnetz.model.actors import Organization, OrganizationKind, Person
from integrationsnetz.model.contacts import ContactKind, ContactPoint

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: The actor directory's columns: (key, German header, English header).
ACTOR_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("type", "Typ", "Type"),
    ("id", "ID", "ID"),
    ("name", "Name", "Name"),
    ("short_name", "Kurzname", "Short name"),
    ("kind", "Art", "Kind"),
    ("function", "Funktion", "Function"),
    ("organization", "Organisation", "Organisation"),
    ("street", "Straße", "Street"),
    ("postal_code", "PLZ", "Postal code"),
    ("city", "Ort", "City"),
    ("email", "E-Mail", "E-mail"),
    ("phone", "Telefon", "Phone"),
    ("website", "Webseite", "Website"),
)

#: How the directory names the two actor types.
ACTOR_TYPES = {"organization": ("Organisation", "Organisation"), "person": ("Person", "Person")}

#: Organisation kinds as a district office writes them (German, English): the wording's table, by kind.
KIND_WORDS: dict[OrganizationKind, tuple[str, str]] = {
    kind: ORGANIZATION_KINDS[kind.value] for kind in OrganizationKind
}


def neutralise(cell: str) -> str:
    """A cell a spreadsheet will not execute: a leading formula character gets a ``'`` before it.

    A cell that already starts with ``'`` gets one too, so the importer can tell our guard from
    an apostrophe that belongs to the text; so does a cell with white space at either end (some
    spreadsheets trim `` =1+2`` into a formula, and the importer trims unguarded cells), so the
    importer gives every guarded cell back exactly as it was.
    """
    if cell.startswith((*FORMULA_STARTS, "'")) or cell != cell.strip():
        return "'" + cell
    return cell


def _pick(pair: tuple[str, str], language: str) -> str:
    return pair[1] if language == "en" else pair[0]


def _contact(contacts: Iterable[ContactPoint], kind: ContactKind) -> str:
    return next((c.value for c in contacts if c.kind is kind), "")


def actor_rows(request: ExportRequest) -> tuple[list[str], list[list[str]]]:
    """The directory of the selection's actors (a working group's members, a meeting's invitees;
    everyone for the network): organisations, then people (by function unless consent shows the name).
    """
    language = request.options.language
    data = request.data
    header = [_pick((de, en), language) for _, de, en in ACTOR_COLUMNS]
    names = {org.id: org.name for org in data.organizations}
    listed = actors_of(data, request.selected, request.options.decision_day, request.options.roles)
    rows: list[list[str]] = []
    for org in (actor for actor in listed if isinstance(actor, Organization)):
        address = org.address
        rows.append(
            [
                _pick(ACTOR_TYPES["organization"], language),
                org.id,
                org.name,
                org.short_name or "",
                _pick(KIND_WORDS[org.kind], language),
                "",
                names.get(org.parent_id, org.parent_id or "") if org.parent_id else "",
                address.street or "" if address else "",
                address.postal_code or "" if address else "",
                address.city if address else "",
                _contact(org.contacts, ContactKind.EMAIL),
                _contact(org.contacts, ContactKind.PHONE),
                org.website or _contact(org.contacts, ContactKind.WEB),
            ]
        )
    for person in (actor for actor in listed if isinstance(actor, Person)):
        rows.append(
            [
                _pick(ACTOR_TYPES["person"], language),
                person.id,
                person.name or "",
                "",
                "",
                person.function,
                names.get(person.affiliation_id, person.affiliation_id) or "" if person.affiliation_id else "",
                "",
                "",
                "",
                _contact(person.contacts, ContactKind.EMAIL),
                _contact(person.contacts, ContactKind.PHONE),
                "",
            ]
        )
    return header, rows


def attendance_rows(request: ExportRequest) -> tuple[list[str], list[list[str]]]:
    """One row per invitation: meeting, date, time, who, and where their attendance stands.

    Without personal data only organisations are listed (people's attendance is personal).
    """
    language = request.options.language
    refs = References(request.data)
    if language == "en":
        header = ["Meeting", "Date", "Start", "Participant", "Type", "Status"]
    else:
        header = ["Sitzung", "Datum", "Beginn", "Teilnehmende", "Typ", "Status"]
    rows = []
    for meeting in sorted(request.data.meetings, key=lambda m: (m.start, m.id)):
        start = meeting.start.astimezone(BERLIN)
        for invitation in meeting.invitations:
            actor = refs.actors.get(invitation.actor_id)
            kind = "person" if isinstance(actor, Person) else "organization"
            rows.append(
                [
                    meeting.title,
                    format_short_date(start.date(), language),
                    f"{start:%H:%M}",
                    refs.actor_label(invitation.actor_id),
                    _pick(ACTOR_TYPES[kind], language),
                    status_word(invitation.status, language),
                ]
            )
    return header, rows


def course_rows(request: ExportRequest) -> tuple[list[str], list[list[str]]]:
    """The course list: type, provider, place, dates, teaching units, seats taken and free."""
    language = request.options.language
    refs = References(request.data)
    if language == "en":
        header = ["Course ID", "Course", "Provider", "Place", "Start", "End", "Units", "Units a week", "Seats",
                  "Taken", "Free", "Status"]  # fmt: skip
    else:
        header = ["Kurs-ID", "Kurs", "Kursträger", "Ort", "Beginn", "Ende", "UE gesamt", "UE pro Woche", "Plätze",
                  "Belegt", "Frei", "Status"]  # fmt: skip
    rows = []
    for course in sorted(request.data.courses, key=lambda c: (c.start or c.end or date.min, c.id)):
        rows.append(
            [
                course.id,
                refs.course_title(course, language).split(" (")[0],
                refs.actor_name(course.provider_id) or course.provider_id,
                course.place or refs.place(course.venue_id) or "",
                format_short_date(course.start, language) if course.start else "",
                format_short_date(course.end, language) if course.end else "",
                str(course.units_total),
                str(course.units_per_week),
                str(course.seats),
                str(course.participants),
                str(course.free_seats),
                status_word(course.status, language),
            ]
        )
    return header, rows


_TABLES = {"actors": actor_rows, "attendance": attendance_rows, "courses": course_rows}


def render(header: Sequence[str], rows: Iterable[Sequence[str]], *, delimiter: str, bom: bool) -> bytes:
    """CSV bytes with CRLF line ends (RFC 4180), every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return ("\ufeff" if bom else "").encode("utf-8") + buffer.getvalue().encode("utf-8")


def write(request: ExportRequest, stream: BinaryIO) -> None:
    """The ``Exporter.write`` of the ``csv`` format."""
    options = request.options.csv
    header, rows = _TABLES[options.table](request)
    stream.write(render(header, rows, delimiter=options.delimiter, bom=options.bom))


@hookimpl
def register_exporters() -> list[Exporter]:
    """The built-in ``csv`` exporter."""
    return [
        Exporter(
            format="csv",
            media_type="text/csv; charset=utf-8",
            suffix=".csv",
            description="Actor directory, attendance list or course list for Excel (CsvOptions.table)",
            write=write,
        )
    ]
