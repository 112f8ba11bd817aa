"""A provider's course list as German Excel writes it: CSV with ``;``, ``14.10.2024``, ``1.000`` and ``12,5``.

The columns, in any order (header names ignore case and spacing; the usual variants are known):

============== ========= ==================================================================
Column         Required  Meaning
============== ========= ==================================================================
Kursart        yes       course type: code, German or English name, or a short form (Alpha, ZSL)
Träger         yes       provider: id, name or short name of an organisation of the network
Beginn         yes       first day, ``14.10.2024`` (``14.10.24`` and ``2024-10-14`` work too)
Ende           no        last day
UE/Woche       yes       teaching units per week
Plätze         yes       seats
Teilnehmende   no        participants (empty: 0)
UE gesamt      no        teaching units of the course (default: the type's units)
Kursnummer     no        the BAMF course number, used as the course id
Ort            no        place
Status         no        geplant, läuft, beendet, abgesagt (default: from the dates)
============== ========= ==================================================================

Every bad row is reported with the file, the row as a spreadsheet numbers it, the column and
what was expected, all at once; a file with any bad row imports nothing. Dates lie in the years
:data:`FIRST_YEAR` to :data:`LAST_YEAR` (``01.01.0024`` is refused, not read as 2024). Whole
numbers are read exactly, up to :data:`LARGEST_NUMBER`; a dot separates thousands only between
groups of three digits (``1.000``), and ``1,000`` or ``1.0000`` is refused rather than guessed.
A course is checked by the rules :func:`~integrationsnetz.check` applies (seats, group size,
teaching units); more participants than seats is imported with a warning (``CourseList.warnings``).
Excel's encodings (UTF-8, UTF-16 "Unicode text", and
Windows-1252, its "CSV (Trennzeichen-getrennt)" default in Germany) and line ends are read alike
(:mod:`~integrationsnetz.ingest.spreadsheet`). ``kursliste-beispiel.csv`` beside this module is a sample.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from importlib import resources
from pathlib import Path

import attrs

from integrationsnetz.courses.catalogue import CourseCatalogue, official_catalogue
from integrationsnetz.errors import InvalidData, WrongType
from integrationsnetz.ingest import spreadsheet, workbook
from integrationsnetz.integrity import course_problems
from integrationsnetz.model.actors import Organization, OrganizationKind
from integrationsnetz.model.courses import Course, CourseStatus, CourseType
from integrationsnetz.model.entity import MAX_ID_LENGTH, is_valid_id
from integrationsnetz.model.network_data import NetworkData

#: Header spellings by field (compared after folding case, spaces, dots and umlauts).
HEADERS: Mapping[str, tuple[str, ...]] = {
    "course_type": ("Kursart", "Kurstyp", "Art", "course type"),
    "provider": ("Träger", "Kursträger", "Anbieter", "provider"),
    "start": ("Beginn", "Kursbeginn", "Start", "Startdatum"),
    "end": ("Ende", "Kursende", "Enddatum", "end"),
    "units_per_week": ("UE/Woche", "UE pro Woche", "Unterrichtseinheiten pro Woche", "UE je Woche", "units/week"),
    "seats": ("Plätze", "Kursplätze", "Anzahl Plätze", "seats"),
    "participants": ("Teilnehmende", "Teilnehmer", "TN", "belegt", "participants"),
    "units_total": ("UE gesamt", "UE", "Unterrichtseinheiten", "units"),
    "number": ("Kursnummer", "Kurs-Nr", "Kursnr", "Nr", "course number"),
    "place": ("Ort", "Kursort", "place"),
    "status": ("Status",),
}
REQUIRED = ("course_type", "provider", "start", "units_per_week", "seats")

#: Short forms providers use for course types (folded like the headers).
TYPE_ALIASES: Mapping[str, str] = {
    "allgemein": "general", "allgemeiner kurs": "general", "ik": "general", "integrationskurs": "general",
    "alpha": "literacy", "alphakurs": "literacy", "alphabetisierung": "literacy",
    "zsl": "second_script", "zweitschrift": "second_script", "zweitschriftlerner": "second_script",
    "foerder": "special_needs", "foerderkurs": "special_needs",
    "intensiv": "intensive", "jugend": "youth", "jugendkurs": "youth",
    "eltern": "parents", "elternkurs": "parents", "frauen": "women", "frauenkurs": "women",
}  # fmt: skip

STATUS_WORDS: Mapping[str, CourseStatus] = {
    "geplant": CourseStatus.PLANNED, "planned": CourseStatus.PLANNED,
    "laeuft": CourseStatus.RUNNING, "laufend": CourseStatus.RUNNING, "running": CourseStatus.RUNNING,
    "beendet": CourseStatus.COMPLETED, "abgeschlossen": CourseStatus.COMPLETED, "completed": CourseStatus.COMPLETED,
    "abgesagt": CourseStatus.CANCELLED, "storniert": CourseStatus.CANCELLED, "cancelled": CourseStatus.CANCELLED,
}  # fmt: skip

SAMPLE_NAME = "kursliste-beispiel.csv"

#: The length a derived course id may take, leaving room for ``-2``, ``-3`` ... when ids repeat.
_ID_ROOM = MAX_ID_LENGTH - 8

#: The years a course list's dates may fall in: integration courses exist since 2005.
FIRST_YEAR, LAST_YEAR = 2000, 2099

#: The largest seat count or number of teaching units a list may hold: far above any course,
#: and what the course figures still compute with.
LARGEST_NUMBER = 1_000_000_000


def fold(text: str) -> str:
    """Compare names the way people mean them: case, spaces, dots, dashes and umlauts ignored."""
    text = text.strip().lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[\s._\-]+", " ", text).strip()


def slug(text: str) -> str:
    """An id made from a name: ``Volkshochschule Eisenach`` → ``volkshochschule-eisenach`` (80 characters at most)."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text))[:80].strip("-") or "provider"


@attrs.frozen(kw_only=True)
class CourseList:
    """What a course list holds: the courses, providers not yet in the network (if allowed), and warnings.

    A warning is something a real list may hold but ``check`` reports, such as more participants
    than seats (an overbooked course); the courses are imported as they are.
    """

    courses: tuple[Course, ...]
    new_providers: tuple[Organization, ...] = ()
    warnings: tuple[str, ...] = ()


def sample_course_list() -> bytes:
    """The shipped sample file (UTF-8 with BOM, ``;``-separated, German dates)."""
    return resources.files("integrationsnetz.courses").joinpath(SAMPLE_NAME).read_bytes()


def read_course_list(
    source: str | Path | bytes,
    data: NetworkData,
    *,
    catalogue: CourseCatalogue | None = None,
    as_of: date | None = None,
    new_providers: bool = False,
    name: str | None = None,
) -> CourseList:
    """Read a course list for ``data``'s network; :class:`InvalidData` lists every bad row.

    ``source`` is a path or the file's bytes (then ``name`` names it in errors). Providers are
    matched against the network's organisations; ``new_providers=True`` creates the missing ones
    as course providers instead of reporting them. Without a Status column a course counts as
    running between its dates as of ``as_of`` (default: today).
    """
    if not isinstance(data, NetworkData):
        raise WrongType([f"read_course_list: data: expected the NetworkData to add the courses to, got {data!r}"])
    if as_of is not None and (not isinstance(as_of, date) or isinstance(as_of, datetime)):
        raise WrongType([f"read_course_list: as_of: expected a date, got {as_of!r}"])
    if catalogue is not None and not isinstance(catalogue, CourseCatalogue):
        raise WrongType([f"read_course_list: catalogue: expected a CourseCatalogue, got {catalogue!r}"])
    if isinstance(source, bytes):
        payload, label = source, name or "<course list>"
    elif not isinstance(source, str | os.PathLike):
        raise WrongType([f"read_course_list: source: expected a path or the file's bytes, got {type(source).__name__}"])
    else:
        label = name or str(source)
        try:
            payload = Path(source).read_bytes()
        except OSError as exc:
            raise InvalidData([f"cannot read the file ({exc.strerror or exc})"], source=label) from None
    rules = catalogue if catalogue is not None else official_catalogue()
    today = as_of if as_of is not None else date.today()
    header, numbered, found, prefix, header_row = _table(payload, label)
    columns = _columns(header, label, prefix=prefix, header_row=header_row)
    reader = _RowReader(data, rules, today, new_providers)
    problems: list[str] = []
    courses: list[Course] = []
    for number, row in numbered:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            problems.append(f"row {number}: expected {len(header)} columns as in the header, got {len(row)}")
            continue
        cells = {field: (row[index].strip() if index < len(row) else "") for field, index in columns.items()}
        course, errors = reader.course(number, cells, header, columns)
        problems.extend(errors)
        if course is not None:
            courses.append(course)
    seen: dict[str, int] = {}
    for course in courses:
        seen[course.id] = seen.get(course.id, 0) + 1
    for course_id, count in seen.items():
        if count > 1 and reader.explicit_ids.get(course_id):
            problems.append(f"rows {', '.join(map(str, reader.explicit_ids[course_id]))}: course number "
                            f"{course_id!r} appears {count} times")  # fmt: skip
    if problems or found:
        raise InvalidData([*found, *(prefix + problem for problem in problems)], source=label)
    return CourseList(
        courses=tuple(_unique_ids(courses)),
        new_providers=tuple(reader.created.values()),
        warnings=tuple(reader.warnings),
    )


def import_course_list(source: str | Path | bytes, data: NetworkData, **options: object) -> NetworkData:
    """``data`` with the list's courses added (a course with the same id is replaced) and any new providers.

    Takes the options of :func:`read_course_list`; nothing changes when the file has a bad row.
    """
    found = read_course_list(source, data, **options)  # type: ignore[arg-type]
    replaced = {course.id for course in found.courses}
    kept = tuple(course for course in data.courses if course.id not in replaced)
    return attrs.evolve(
        data,
        courses=tuple(sorted((*kept, *found.courses), key=lambda course: course.id)),
        organizations=(*data.organizations, *found.new_providers),
    )


def _rows(payload: bytes, label: str) -> list[list[str]]:
    records = [row for _line, row in spreadsheet.rows(spreadsheet.decode(payload, label), label)]
    if not records or not any(cell.strip() for cell in records[0]):
        raise InvalidData(["row 1: expected a header row (Kursart;Träger;Beginn;...), got an empty file"], source=label)
    return records


def _table(payload: bytes, label: str) -> tuple[list[str], list[tuple[int, list[str]]], tuple[str, ...], str, int]:
    """The header, the numbered rows below it, the problems found reading them, a sheet's prefix, the header's row.

    A CSV file's header is its first line; a workbook's is the first row (of its first sheet
    that has one) naming the required columns.
    """
    if not (workbook.is_workbook(payload) or label.lower().endswith((".xlsx", ".xlsm"))):
        rows = _rows(payload, label)
        return rows[0], list(enumerate(rows[1:], start=2)), (), "", 1
    lookup = {fold(spelling): field for field, spellings in HEADERS.items() for spelling in spellings}
    sheet = workbook.read_sheet(
        payload,
        label,
        is_header=lambda cells: {"course_type", "start"} <= {lookup.get(fold(cell)) for cell in cells},
        is_date_column=lambda title: lookup.get(fold(title)) in ("start", "end"),
        expected="a header row naming Kursart, Träger, Beginn, UE/Woche and Plätze",
    )
    width = len(sheet.header)
    numbered = [
        (number, list(row[:width]) if not any(cell.strip() for cell in row[width:]) else list(row))
        for number, row in sheet.rows
        if number not in sheet.bad_rows
    ]
    return list(sheet.header), numbered, sheet.problems, f"sheet {sheet.title!r}, ", sheet.header_row


def _columns(header: list[str], label: str, *, prefix: str = "", header_row: int = 1) -> dict[str, int]:
    lookup = {fold(spelling): field for field, spellings in HEADERS.items() for spelling in spellings}
    columns: dict[str, int] = {}
    problems = []
    for index, title in enumerate(header):
        field = lookup.get(fold(title))
        if field is None:
            if title.strip():
                problems.append(f"row {header_row}, column {index + 1} {title!r}: unknown column; expected one of "
                                f"{', '.join(spellings[0] for spellings in HEADERS.values())}")  # fmt: skip
            continue
        if field in columns:
            problems.append(
                f"row {header_row}, column {index + 1} {title!r}: the column {HEADERS[field][0]!r} appears twice"
            )
            continue
        columns[field] = index
    for field in REQUIRED:
        if field not in columns:
            problems.append(f"row {header_row}: missing the column {HEADERS[field][0]!r}")
    if problems:
        raise InvalidData([prefix + problem for problem in problems], source=label)
    return columns


class _RowReader:
    """Turns one row's cells into a course, collecting every problem of the row."""

    def __init__(self, data: NetworkData, rules: CourseCatalogue, today: date, new_providers: bool) -> None:
        self.data = data
        self.rules = rules
        self.today = today
        self.new_providers = new_providers
        self.providers: dict[str, str] = {}
        for org in data.organizations:
            for key in (org.id, org.name, org.short_name):
                if key:
                    self.providers.setdefault(fold(key), org.id)
        self.types: dict[str, str] = dict(TYPE_ALIASES)
        for kind in rules.types.values():
            for key in (kind.code, kind.name_de, kind.name_en):
                self.types[fold(key)] = kind.code
        self.created: dict[str, Organization] = {}
        self.explicit_ids: dict[str, list[int]] = {}
        self.warnings: list[str] = []

    def course(
        self, number: int, cells: Mapping[str, str], header: list[str], columns: Mapping[str, int]
    ) -> tuple[Course | None, list[str]]:
        problems: list[str] = []

        def where(field: str) -> str:
            return f"row {number}, column {header[columns[field]].strip()!r}"

        kind = self._course_type(cells["course_type"], where("course_type"), problems)
        provider_id = self._provider(cells["provider"], where("provider"), problems)
        start = _date(cells["start"], where("start"), problems, required=True)
        end = _date(cells.get("end", ""), where("end") if "end" in columns else "", problems, required=False)
        per_week = _whole(cells["units_per_week"], where("units_per_week"), problems, required=True, positive=True)
        seats = _whole(cells["seats"], where("seats"), problems, required=True)
        participants = 0
        if "participants" in columns:
            participants = _whole(cells["participants"], where("participants"), problems, required=False) or 0
        units_total = None
        if "units_total" in columns:
            units_total = _whole(cells["units_total"], where("units_total"), problems, required=False, positive=True)
        if start is not None and end is not None and end < start:
            problems.append(f"{where('end')}: expected a date on or after the start {start:%d.%m.%Y}, "
                            f"got {cells['end']!r}")  # fmt: skip
        if kind is not None and start is not None and not kind.open_for_new_courses(start):
            problems.append(f"{where('start')}: {kind.name_de} may not start from "
                            f"{kind.abolished_from:%d.%m.%Y} on, got {cells['start']!r}")  # fmt: skip
        status = self._status(cells.get("status", ""), where("status") if "status" in columns else "", problems)
        course_id = None
        if cells.get("number"):
            course_id = cells["number"]
            if not is_valid_id(course_id):
                problems.append(f"{where('number')}: expected a course number usable as an id, got {course_id!r}")
            else:
                self.explicit_ids.setdefault(course_id, []).append(number)
        if problems or kind is None or provider_id is None or start is None or per_week is None or seats is None:
            return None, problems
        if status is None:
            status = _status_from_dates(start, end, self.today)
        derived = f"-{kind.code}-{start.isoformat()}"
        try:
            course = Course(
                id=course_id or f"{provider_id[: _ID_ROOM - len(derived)]}{derived}",
                network_id=self.data.network.id,
                course_type=kind.code,
                provider_id=provider_id,
                place=cells.get("place") or None,
                start=start,
                end=end,
                units_total=units_total if units_total is not None else kind.total_units,
                units_per_week=per_week,
                seats=seats,
                participants=participants,
                status=status,
            )
        except ValueError as exc:  # a check only the model makes: a row problem, not a crash
            return None, [f"row {number}: {exc}"]
        for field, message in course_problems(course, kind):  # the rules check() applies
            place = where(field) if field in columns else f"row {number}, {field}"
            if field == "participants":  # an overbooked course is real: imported, but said
                self.warnings.append(f"{place}: {message}")
            else:
                problems.append(f"{place}: {message}")
        return (None if problems else course), problems

    def _course_type(self, value: str, where: str, problems: list[str]) -> CourseType | None:
        code = self.types.get(fold(value))
        if code is None or code not in self.rules.types:
            known = ", ".join(kind.name_de for kind in self.rules.types.values())
            problems.append(f"{where}: expected a course type ({known}), got {value!r}")
            return None
        return self.rules.types[code]

    def _provider(self, value: str, where: str, problems: list[str]) -> str | None:
        if not value:
            problems.append(f"{where}: expected the provider's name, got an empty cell")
            return None
        found = self.providers.get(fold(value))
        if found is not None:
            return found
        if self.new_providers:
            organization = Organization(
                id=_free_id(slug(value), {o.id for o in self.data.organizations} | set(self.created)),
                network_id=self.data.network.id,
                name=value,
                kind=OrganizationKind.COURSE_PROVIDER,
            )
            self.created[organization.id] = organization
            self.providers[fold(value)] = organization.id
            return organization.id
        names = sorted(o.short_name or o.name for o in self.data.organizations
                       if o.kind is OrganizationKind.COURSE_PROVIDER)  # fmt: skip
        hint = f"; known providers: {', '.join(names)}" if names else ""
        problems.append(f"{where}: expected a provider of the network, got {value!r}{hint} "
                        "(or import with new_providers=True)")  # fmt: skip
        return None

    def _status(self, value: str, where: str, problems: list[str]) -> CourseStatus | None:
        if not value:
            return None
        status = STATUS_WORDS.get(fold(value))
        if status is None:
            problems.append(f"{where}: expected geplant, läuft, beendet or abgesagt, got {value!r}")
        return status


def _date(value: str, where: str, problems: list[str], *, required: bool) -> date | None:
    if not value:
        if required:
            problems.append(f"{where}: expected a date like 14.10.2024, got an empty cell")
        return None
    german = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})", value, re.ASCII)
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value, re.ASCII)
    try:
        if german:
            day, month, year = german.group(1), german.group(2), german.group(3)
            found = date(int(year) + 2000 if len(year) == 2 else int(year), int(month), int(day))
        elif iso:
            found = date.fromisoformat(value)
        else:
            found = None
    except ValueError:
        found = None
    if found is None:
        problems.append(f"{where}: expected a date like 14.10.2024, got {value!r}")
        return None
    if not FIRST_YEAR <= found.year <= LAST_YEAR:  # 01.01.0024 is a typo, not the year 24 (nor 2024)
        problems.append(f"{where}: expected a date in the years {FIRST_YEAR} to {LAST_YEAR}, got {value!r}")
        return None
    return found


def _whole(value: str, where: str, problems: list[str], *, required: bool, positive: bool = False) -> int | None:
    """A whole number written the German way, read exactly: ``1.000`` (thousands), ``25`` or ``25,0``."""
    if not value:
        if required:
            problems.append(f"{where}: expected a whole number, got an empty cell")
        return None
    text = value.replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", text, re.ASCII):
        text = text.replace(".", "")  # dots between groups of three: thousands
    match = re.fullmatch(r"(\d+)(?:[,.](\d+))?", text, re.ASCII)
    wanted = "a whole number > 0" if positive else "a whole number >= 0"
    if match is not None and not (match.group(2) or "0").strip("0") and len(match.group(2) or "") >= 3:
        # "1.0000" is no thousands group and "1,000" is a thousand in English but 1 in German
        problems.append(f"{where}: expected {wanted}, written 1000 or 1.000 (a dot between groups of three "
                        f"digits), got {value!r}")  # fmt: skip
        return None
    if match is None or (match.group(2) or "0").strip("0") or (positive and not match.group(1).strip("0")):
        problems.append(f"{where}: expected {wanted}, got {value!r}")
        return None
    digits = match.group(1).lstrip("0") or "0"
    if len(digits) > len(str(LARGEST_NUMBER)) or int(digits) > LARGEST_NUMBER:
        problems.append(f"{where}: expected a whole number up to {LARGEST_NUMBER:_}, got {value!r}".replace("_", "."))
        return None
    return int(digits)


def _status_from_dates(start: date, end: date | None, today: date) -> CourseStatus:
    if start > today:
        return CourseStatus.PLANNED
    if end is not None and end < today:
        return CourseStatus.COMPLETED
    return CourseStatus.RUNNING


def _free_id(base: str, taken: set[str]) -> str:
    candidate, counter = base, 2
    while candidate in taken:
        candidate, counter = f"{base[: MAX_ID_LENGTH - len(str(counter)) - 1]}-{counter}", counter + 1
    return candidate


def _unique_ids(courses: Iterable[Course]) -> list[Course]:
    """Derived ids (provider, type, start) get ``-2``, ``-3`` when two courses share them."""
    taken: set[str] = set()
    result = []
    for course in courses:
        course_id = _free_id(course.id, taken)
        taken.add(course_id)
        result.append(course if course_id == course.id else attrs.evolve(course, id=course_id))
    return result
