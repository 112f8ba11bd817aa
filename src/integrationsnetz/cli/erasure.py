"""What an erasure (DSGVO Art. 17) must find beyond the store and the document: the planning file,
free texts, earlier Auskunft files.

- The planning file names people by id (a series' ``organizer_id`` and ``participant_ids``, an
  ``[[absences]]`` or ``[[calendars]]`` entry's ``person_id``). Left there, the id makes the next
  ``plan`` refuse, and it is the person's trace. The erasure removes it: the law wants the erasure
  done, not refused. The file is hand-written, with comments, so it is edited line by line (the
  ``organizer_id`` line, the id out of the array, the absence's or calendar's table), and the edit
  is kept only if the file then reads as the same planning file without the id (``tomllib``
  compares both); otherwise the erasure refuses, naming the lines to edit by hand.
- Free texts (minutes, discussions, descriptions) may name the person; they are not the erasure's
  to rewrite (a sentence may need rewording, not a deletion), so they are listed with where they
  stand and how to edit them.
- A held meeting's figures: the person's invitation goes, so a Protokoll printed again would
  count them no more. Those present stay counted (the erasure folds them into ``headcount``); the
  excused and declined have no such count, so the meetings whose figures change are listed
  before the question (:func:`changed_figures`).
- ``person auskunft --out`` writes the Art. 15 copy of a person's data, often into the workspace
  folder: such files (recognised by their content) are deleted with the person.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from integrationsnetz.cli.wording import say
from integrationsnetz.cli.workspace import Failure

if TYPE_CHECKING:
    from integrationsnetz.cli.personal_files import Traces
    from integrationsnetz.model import Entity, Meeting

#: An Auskunft file larger than this is not one (the check reads the file).
_LARGEST_REQUEST = 50_000_000
_HEADER = re.compile(r"^\s*\[\[?\s*([\w.]+)\s*\]\]?\s*(#.*)?$")
_TABLE_ARRAYS = ("absences", "calendars")


@dataclass(frozen=True)
class PlanningReference:
    """A place the planning file names the person: its line (1-based), the series (or table) and the field."""

    line: int
    where: str
    field: str


@dataclass(frozen=True)
class PlanningEdit:
    """The planning file's places naming the person, and its text without them (None: nothing to do)."""

    path: Path
    references: tuple[PlanningReference, ...]
    text: str | None


def _literal(person_id: str) -> str:
    return rf"""(?:"{re.escape(person_id)}"|'{re.escape(person_id)}')"""


def _without(parsed: dict[str, Any], person_id: str) -> dict[str, Any]:
    """The planning file's data without ``person_id``: what the edited file must read as."""
    result = dict(parsed)
    series = []
    for held in parsed.get("series", []):
        entry = dict(held)
        if entry.get("organizer_id") == person_id:
            del entry["organizer_id"]
        if isinstance(entry.get("participant_ids"), list):
            entry["participant_ids"] = [actor for actor in entry["participant_ids"] if actor != person_id]
        series.append(entry)
    if "series" in parsed:
        result["series"] = series
    for name in _TABLE_ARRAYS:
        if name in parsed:
            result[name] = [entry for entry in parsed[name] if entry.get("person_id") != person_id]
    return result


def planning_edit(path: Path | None, person_id: str) -> PlanningEdit | None:
    """Where the planning file at ``path`` names ``person_id``, and the file without it; None if it does not.

    :class:`Failure` when the file names the person in a way the line edit cannot take out safely.
    """
    if path is None or not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    try:
        parsed = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None  # `plan` and `check` report a broken planning file; nothing to erase from it here
    wanted = _without(parsed, person_id)
    if wanted == parsed:
        return None
    literal = _literal(person_id)
    lines = text.splitlines(keepends=True)
    references: list[PlanningReference] = []
    drop: set[int] = set()
    table, where, block, in_array = "", "", -1, False
    for number, line in enumerate(lines):
        header = _HEADER.match(line)
        if header and not in_array:
            table, block = header.group(1), number
            if table == "series":
                where = "?"
            continue
        if table == "series":
            found = re.match(r"""^\s*id\s*=\s*["']([^"']+)["']""", line)
            if found:
                where = found.group(1)
            if re.match(rf"^\s*organizer_id\s*=\s*{literal}\s*(#.*)?$", line):
                references.append(PlanningReference(number + 1, where, "organizer_id"))
                drop.add(number)
                continue
            if re.match(r"^\s*participant_ids\s*=\s*\[", line):
                in_array = True
            if in_array:
                code, hash_, comment = line.partition("#")
                for _ in re.findall(literal, code):
                    references.append(PlanningReference(number + 1, where, "participant_ids"))
                code = re.sub(rf"{literal}\s*,\s*", "", code)
                code = re.sub(rf",?\s*{literal}", "", code)
                lines[number] = code + hash_ + comment
                if "]" in line.split("#", 1)[0]:
                    in_array = False
        elif table in _TABLE_ARRAYS and re.match(rf"^\s*person_id\s*=\s*{literal}\s*(#.*)?$", line):
            references.append(PlanningReference(block + 1, table, "person_id"))
            end = next((n for n in range(number + 1, len(lines)) if _HEADER.match(lines[n])), len(lines))
            drop.update(range(block, end))
    edited = "".join(line for number, line in enumerate(lines) if number not in drop)
    try:
        good = tomllib.loads(edited) == wanted
    except tomllib.TOMLDecodeError:
        good = False
    if not good:
        places = ", ".join(str(reference.line) for reference in references) or "?"
        raise Failure(say("person.planning_by_hand", file=path, id=person_id, lines=places))
    return PlanningEdit(path=path, references=tuple(references), text=edited)


def free_texts(entities: Iterable[Entity], person_id: str, traces: Traces) -> list[tuple[Entity, str]]:
    """Each (entity, field path) whose free text names the person (their name, surname or a contact value)."""
    import attrs

    surnames = {word.split()[-1] for word in traces.words if " " in word and "@" not in word}
    patterns = [re.compile(rf"(?<!\w){re.escape(word)}(?!\w)") for word in (*traces.words, *surnames) if word]

    def names(text: str) -> bool:
        folded = " ".join(text.split()).casefold()
        return any(pattern.search(folded) for pattern in patterns)

    found: list[tuple[Entity, str]] = []

    def walk(entity: Entity, value: Any, path: str) -> None:
        if isinstance(value, str):
            if names(value):
                found.append((entity, path))
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                walk(entity, item, f"{path}[{index}]")
        elif attrs.has(type(value)):
            for field in attrs.fields(type(value)):
                if field.name == "id" or field.name.endswith(("_id", "_ids")) or field.name == "contacts":
                    continue
                walk(entity, getattr(value, field.name), f"{path}.{field.name}" if path else field.name)

    seen: set[tuple[str, str]] = set()
    for entity in entities:
        key = (type(entity).__name__, entity.id)
        if key in seen or (type(entity).__name__ == "Person" and entity.id == person_id):
            continue
        seen.add(key)
        walk(entity, entity, "")
    return found


@dataclass(frozen=True)
class ChangedFigure:
    """A held meeting whose Protokoll figure changes with the erasure: which figure, before and after."""

    meeting: Meeting
    figure: str
    before: int
    after: int


def changed_figures(entities: Iterable[Entity], person_id: str) -> list[ChangedFigure]:
    """The figures of held meetings (held, or with minutes) that erasing ``person_id`` changes, by meeting id."""
    from integrationsnetz.model import Meeting, MeetingStatus
    from integrationsnetz.privacy import scrub

    found: dict[tuple[str, str], ChangedFigure] = {}
    for entity in entities:
        if not isinstance(entity, Meeting) or not any(i.actor_id == person_id for i in entity.invitations):
            continue
        if entity.status is not MeetingStatus.HELD and entity.minutes is None:
            continue
        scrubbed = scrub(entity, person_id)
        assert isinstance(scrubbed, Meeting)  # scrub keeps an entity's type
        before, after = entity.attendance(), scrubbed.attendance()
        for figure in ("present", "excused", "declined"):
            old, new = getattr(before, figure), getattr(after, figure)
            if old != new:
                found[(entity.id, figure)] = ChangedFigure(entity, figure, old, new)
    return [found[key] for key in sorted(found)]


def request_files(folders: Iterable[Path], person_id: str) -> list[Path]:
    """The Auskunft files of ``person_id`` (``person auskunft --out``) directly in ``folders``, sorted."""
    found: set[Path] = set()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            if path.suffix.lower() != ".json" or not path.is_file() or path.stat().st_size > _LARGEST_REQUEST:
                continue
            try:
                content = json.loads(path.read_bytes())
            except (ValueError, OSError):
                continue
            if isinstance(content, dict) and content.get("person_id") == person_id and "mentions" in content:
                found.add(path)
    return sorted(found)
