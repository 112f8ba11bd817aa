"""The ``csv`` importer: an actor directory as a district office keeps it in Excel.

The columns are those the ``csv`` exporter writes (:data:`~integrationsnetz.exporters.csv.ACTOR_COLUMNS`),
found by their German or English header in any order; only ``Typ`` and ``Name`` (organisations)
or ``Funktion`` (people) are required. A row without an ``ID`` gets one from the organisation's
name or the person's function, never from a person's name (personal data must not become an id).
Excel's encodings, line ends and separators are recognised (:mod:`~integrationsnetz.ingest.spreadsheet`).
Every bad row is reported with its line, and if any row is bad nothing is imported, so a half-read
list never ends up in the store.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Collection, Sequence
from typing import BinaryIO

from integrationsnetz.errors import InvalidData, InvalidField
from integrationsnetz.exporters.csv import ACTOR_COLUMNS, ACTOR_TYPES, KIND_WORDS, neutralise
from integrationsnetz.hookspecs import hookimpl
from integrationsnetz.ingest import Importer, ImportOptions, ImportResult, spreadsheet
from integrationsnetz.model.actors import Organization, OrganizationKind, Person
from integrationsnetz.model.contacts import Address, ContactKind, ContactPoint
from integrationsnetz.model.entity import Entity, is_valid_id

_HEADERS = {header.casefold(): key for key, de, en in ACTOR_COLUMNS for header in (de, en, key)}
_TYPES = {word.casefold(): key for key, pair in ACTOR_TYPES.items() for word in (*pair, key)}
_TYPES.update({"organization": "organization", "org": "organization"})
_KINDS = {word.casefold(): kind for kind, pair in KIND_WORDS.items() for word in (*pair, kind.value)}


def _unneutralise(cell: str) -> str:
    """Undo the exporter's guard exactly (``'=SUM`` was ``=SUM``, ``' x`` was `` x``); trim any other cell.

    A cell the exporter guarded is given back as it was, white space and all; only an unguarded
    cell (typed by hand) loses the spaces around it.
    """
    if cell[:1] == "'" and neutralise(cell[1:]) == cell:
        return cell[1:]
    return cell.strip()


def _slug(text: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
    ascii_text = unicodedata.normalize("NFKD", text.casefold().translate(table)).encode("ascii", "ignore").decode()
    return "-".join("".join(ch if ch.isalnum() else " " for ch in ascii_text).split())[:80] or "akteur"


def _derived_id(kind: str, cells: dict[str, str]) -> str:
    """The id of a row without one: an organisation's from its name, a person's from their function.

    Never from a person's name: an id outlives an erasure (in the tombstone, the change feed, the
    ``files:`` store's file names) and goes into exports that leave names out.
    """
    if kind == "organization":
        return _slug(cells.get("name", ""))
    return _slug(cells.get("function", ""))


def read_actors(stream: BinaryIO, options: ImportOptions) -> ImportResult:
    """The ``Importer.read`` of the ``csv`` format (actor directory)."""
    source = options.source or "<CSV stream>"
    records = spreadsheet.rows(spreadsheet.decode(stream.read(), source), source)
    if not records:
        raise InvalidData(["line 1: the file is empty; expected a header row"], source=source)
    return actors_from_rows(records, options, source)


def actors_from_rows(
    records: Sequence[tuple[int, Sequence[str]]],
    options: ImportOptions,
    source: str,
    *,
    place: Callable[[int], str] = "line {}".format,
    problems: Sequence[str] = (),
    skip: Collection[int] = (),
) -> ImportResult:
    """The directory's entities from its rows (header first), each with its line or row number.

    Shared by the ``csv`` and ``xlsx`` importers: ``place`` names a row in messages, ``problems``
    are those the reader found already (reported with the rows' own), rows in ``skip`` are left out.
    """
    header_line, header = records[0]
    columns: dict[str, int] = {}
    found = list(problems)
    problems = []
    for position, title in enumerate(header):
        key = _HEADERS.get(title.strip().casefold())
        if key is None:
            if title.strip():
                problems.append(f"{place(header_line)}: unknown column {title.strip()!r}")
            continue
        if key in columns:  # reading one of the two would silently drop the other
            problems.append(
                f"{place(header_line)}: the column {title.strip()!r} appears twice "
                f"(columns {columns[key] + 1} and {position + 1})"
            )
            continue
        columns[key] = position
    if "type" not in columns:
        problems.append(f"{place(header_line)}: the column 'Typ' (Organisation or Person) is missing")
    if problems:
        known = f"known columns: {', '.join(de for _, de, _ in ACTOR_COLUMNS)}"
        raise InvalidData([*found, *problems, known], source=source)
    problems = found

    rows: list[tuple[int, dict[str, str]]] = []
    for line, row in records[1:]:
        if line in skip or not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            problems.append(f"{place(line)}: {len(row)} cells, but the header has {len(header)} columns")
            continue
        rows.append((line, {key: _unneutralise(row[i]) if i < len(row) else "" for key, i in columns.items()}))

    used: set[str] = set()
    org_ids: dict[str, str] = {}  # id or name (casefolded) -> id
    for _line, cells in rows:
        if _TYPES.get(cells.get("type", "").casefold()) == "organization":
            org_id = cells.get("id") or _slug(cells.get("name", ""))
            for key in (org_id, cells.get("name", "")):
                if key:
                    org_ids[key.casefold()] = org_id

    entities: list[Entity] = []
    for line, cells in rows:
        kind = _TYPES.get(cells.get("type", "").casefold())
        if kind is None:
            problems.append(f"{place(line)}: Typ: expected Organisation or Person, got {cells.get('type', '')!r}")
            continue
        entity_id = cells.get("id") or _derived_id(kind, cells)
        if not cells.get("id"):
            base, number = entity_id, 2
            while entity_id in used:
                entity_id, number = f"{base}-{number}", number + 1
        if not is_valid_id(entity_id):
            problems.append(f"{place(line)}: ID: {entity_id!r} cannot be used as an id")
            continue
        if entity_id in used:
            problems.append(f"{place(line)}: ID: {entity_id!r} appears twice")
            continue
        used.add(entity_id)
        contacts = []
        if cells.get("email"):
            contacts.append((ContactKind.EMAIL, cells["email"]))
        if cells.get("phone"):
            contacts.append((ContactKind.PHONE, cells["phone"]))
        reference = cells.get("organization", "")
        linked = org_ids.get(reference.casefold()) if reference else None
        if reference and linked is None:
            problems.append(f"{place(line)}: Organisation: {reference!r} is not an organisation in this list")
            continue
        try:
            points = tuple(ContactPoint(kind=k, value=v) for k, v in contacts)
            if kind == "organization":
                org_kind = _KINDS.get(
                    cells.get("kind", "").casefold(), None if cells.get("kind") else OrganizationKind.OTHER
                )
                if org_kind is None:
                    known = ", ".join(pair[0] for pair in KIND_WORDS.values())
                    problems.append(f"{place(line)}: Art: unknown kind {cells['kind']!r}; expected one of {known}")
                    continue
                address = None
                if cells.get("city"):
                    address = Address(
                        street=cells.get("street") or None, postal_code=cells.get("postal_code") or None,
                        city=cells["city"],
                    )  # fmt: skip
                elif cells.get("street") or cells.get("postal_code"):
                    problems.append(f"{place(line)}: Ort: an address needs the town (Ort)")
                    continue
                entities.append(
                    Organization(
                        id=entity_id,
                        network_id=options.network_id,
                        name=cells.get("name", ""),
                        kind=org_kind,
                        short_name=cells.get("short_name") or None,
                        parent_id=linked,
                        address=address,
                        contacts=points,
                        website=cells.get("website") or None,
                    )
                )
            else:
                entities.append(
                    Person(
                        id=entity_id,
                        network_id=options.network_id,
                        function=cells.get("function", ""),
                        name=cells.get("name") or None,
                        affiliation_id=linked,
                        contacts=points,
                    )
                )
        except InvalidField as exc:
            field = "email" if exc.owner == "ContactPoint" else exc.field  # only e-mails are checked
            header_name = next((de for key, de, _ in ACTOR_COLUMNS if key == field), field)
            problems.append(f"{place(line)}: {header_name}: {exc.reason}")
    if problems:
        raise InvalidData(problems, source=source)
    return ImportResult(entities=tuple(entities))


@hookimpl
def register_importers() -> list[Importer]:
    """The built-in ``csv`` importer (actor directory)."""
    return [
        Importer(
            format="csv",
            media_type="text/csv",
            suffix=".csv",
            description="Actor directory from Excel/CSV (German or English headers)",
            read=read_actors,
        )
    ]
