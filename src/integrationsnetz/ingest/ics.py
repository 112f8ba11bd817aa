"""The ``ics`` importer: calendars from Outlook, Google, Apple, Thunderbird and Nextcloud.

Timed entries become :class:`~integrationsnetz.Meeting` s, all-day entries (and public events
our exporter wrote) :class:`~integrationsnetz.Event` s. The steps, each in its module:

1. :mod:`~integrationsnetz.ingest.ics_lines`: the file's structure, every problem with its line;
2. icalendar parses what is sound; :mod:`~integrationsnetz.ingest.ics_entries` reads each
   ``VEVENT`` (times, rules, the problems of its values);
3. :mod:`~integrationsnetz.ingest.ics_series` makes series of them and expands them, within
   limits (:mod:`~integrationsnetz.ingest.ics_rules` bounds each rule);
4. :mod:`~integrationsnetz.ingest.ics_model` turns each date into a meeting or an event, with a
   stable id.

A broken file raises :class:`~integrationsnetz.InvalidData` listing every problem (line and
property) and imports nothing; with ``ImportOptions(on_error="skip")`` each broken entry is left
out instead and reported in ``ImportResult.skipped``, with the same words. To-dos, journal
entries, free/busy blocks, entries without a start and our course entries are skipped, each with
the reason. Only the library's errors leave this module.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from datetime import date
from typing import Any, BinaryIO

import attrs

from integrationsnetz.contract.importers import ImportedSeries, Importer, ImportOptions, ImportResult, OwnEntry, Skipped
from integrationsnetz.errors import InvalidData
from integrationsnetz.hookspecs import hookimpl
from integrationsnetz.ingest.ics_entries import BERLIN, Entry, Zones, read_entry
from integrationsnetz.ingest.ics_lines import Block, CalendarPart, Problem, Scan, scan, shown_name
from integrationsnetz.ingest.ics_model import Mapper, entity_id_for_uid, uidless_id
from integrationsnetz.ingest.ics_rules import Budget, TooCostly
from integrationsnetz.ingest.ics_series import Occurrence, Series, expand, group
from integrationsnetz.model.entity import Entity

_SKIPPED_COMPONENTS = {
    "VTODO": "a to-do, not a meeting",
    "VJOURNAL": "a journal entry, not a meeting",
    "VFREEBUSY": "a free/busy block, not a meeting",
}

#: What the calendar libraries raise on input they cannot make sense of (a zone name that does
#: not exist is a KeyError, one too long for a file name an OSError from the zone database).
_PARSER_ERRORS = (ValueError, TypeError, AttributeError, KeyError, IndexError, OverflowError, RecursionError, OSError)


@attrs.define
class FileReading:
    """What reading one file collects: problems that refuse it, entries, and what it leaves out.

    ``kept`` holds the components other than ``VEVENT`` a reader asked for (``keep``), each with
    its block and how the calendar's times are read; the busy-time reader takes ``VFREEBUSY``.
    ``quote`` False: no message holds text or values of the file (a member's private calendar);
    the importer's own user may see their file quoted (at most a few dozen characters).
    """

    options: ImportOptions
    keep: frozenset[str] = frozenset()
    quote: bool = True
    problems: list[Problem] = attrs.Factory(list)
    skipped: list[Skipped] = attrs.Factory(list)
    entries: list[Entry] = attrs.Factory(list)
    kept: list[tuple[Block, Any, Zones]] = attrs.Factory(list)
    left_out: set[str] = attrs.Factory(set)  #: UIDs of which an entry was left out: their series are not whole

    @property
    def tolerant(self) -> bool:
        return self.options.on_error == "skip"

    def broken(self, item: str, problems: list[Problem], uid: str | None = None) -> None:
        """Problems of one part of the file: they refuse it, or (tolerant) leave out that part
        (an entry of ``uid``: its series is then not imported whole)."""
        if not self.tolerant:
            self.problems.extend(problems)
            return
        if uid is not None and problems:
            self.left_out.add(uid)
        for problem in problems:
            self.skipped.append(Skipped(item=item, reason=f"left out: {problem.text}", line=problem.line))

    def noted(self, item: str, problems: list[Problem], consequence: str) -> None:
        """Problems that need not cost an entry: they refuse the file, or (tolerant) are only reported."""
        if not self.tolerant:
            self.problems.extend(problems)
            return
        for problem in problems:
            self.skipped.append(Skipped(item=item, reason=f"{problem.text}; {consequence}", line=problem.line))


def read_file(
    payload: bytes, options: ImportOptions, *, keep: frozenset[str] = frozenset(), quote: bool = True
) -> tuple[Scan, FileReading]:
    """Steps 1 and 2 for every reader of calendar files: the structure, then each ``VEVENT`` read.

    Raises :class:`InvalidData` (every problem with its line) unless ``options.on_error`` is
    ``"skip"``; then the broken parts are in ``skipped``. With ``quote`` False no message holds
    text of the file, only lines, property names and reasons.
    """
    source = options.source or "<calendar stream>"
    try:
        text = payload.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = _refolded(payload).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            bad_line = payload[: exc.start].count(b"\n") + 1
            raise InvalidData([f"line {bad_line}: not UTF-8 ({exc.reason})"], source=source) from None
    structure = scan(text, quote=quote)
    if structure.fatal is not None:
        raise InvalidData([str(structure.fatal)], source=source)
    outcome = FileReading(options, keep, quote=quote)
    outcome.noted("the file", structure.problems, "ignored")
    for calendar in structure.calendars:
        _read_calendar(structure, calendar, outcome)
    if outcome.problems:
        raise InvalidData([str(p) for p in sorted(outcome.problems, key=lambda p: p.line)], source=source)
    return structure, outcome


#: A fold (line break and a space or tab) inside a character's bytes: the lead byte and the
#: continuation bytes before it, the fold, the continuation bytes after it.
_SPLIT_CHARACTER = re.compile(rb"([\xc2-\xf4][\x80-\xbf]{0,2})(\r\n|\n|\r)([ \t])([\x80-\xbf]{1,3})")


def _refolded(payload: bytes) -> bytes:
    """``payload`` with every fold that splits a character moved before that character.

    Folding counts octets (RFC 5545 §3.1): an exporter folding at 75 octets may break a line
    between the two bytes of an ``ä``, and a reader must join the bytes before it decodes them.
    Moving the fold keeps the unfolded text and the line numbers as they are.
    """

    def move(match: re.Match[bytes]) -> bytes:
        lead, brk, space, rest = match.groups()
        return brk + space + lead + rest

    return _SPLIT_CHARACTER.sub(move, payload)


def read_ics(stream: BinaryIO, options: ImportOptions) -> ImportResult:
    """The ``Importer.read`` of the ``ics`` format."""
    source = options.source or "<calendar stream>"
    structure, outcome = read_file(stream.read(), options)
    all_series = group(outcome.entries, outcome.skipped)
    base_ids = _base_ids(all_series, structure)
    try:
        expansion = expand(all_series, options, Budget())
    except TooCostly as exc:
        raise InvalidData([f"{exc}: the file is refused, it would take too long to read"], source=source) from None
    outcome.skipped.extend(expansion.skipped)
    mapper = Mapper(options=options, base_ids=base_ids, skipped=outcome.skipped, left_out=outcome.left_out)
    entities: list[Entity] = []
    own: list[OwnEntry] = []
    seen: set[str] = set()
    ordered = sorted(expansion.occurrences, key=lambda o: (o.start_instant, o.series.key))
    for occurrence, entity in _entities(ordered, mapper, outcome, source):
        if entity.id in seen:
            reason = f"repeats an entry already imported (the same id {entity.id!r})"
            outcome.skipped.append(Skipped(item=_describe(occurrence.entry.component), reason=reason,
                                           line=occurrence.entry.block.line))  # fmt: skip
            outcome.left_out.add(occurrence.series.key)
            continue
        seen.add(entity.id)
        entities.append(entity)
        ours = mapper.own_entry(occurrence, entity)
        if ours is not None:
            own.append(ours)
    series: dict[str, ImportedSeries] = {}
    singles: list[str] = []
    for one in all_series:
        # A series whose main entry (or any part) was left out holds only some of the file's dates of it.
        left_out = one.key in outcome.left_out or one.master is None
        if one.recurring:
            complete = not left_out and one.key not in expansion.incomplete
            key = mapper.series_id(one)
            series.setdefault(key, ImportedSeries(id=key, complete=complete, left_out=left_out))
        elif options.until is None and not left_out and not one.key.startswith("#") and not mapper.names_itself(one):
            singles.append(base_ids[one.key])
    return ImportResult(
        entities=tuple(entities),
        skipped=tuple(outcome.skipped),
        series=tuple(series.values()),
        singles=tuple(singles),
        own=tuple(own),
    )


def _entities(
    occurrences: list[Occurrence], mapper: Mapper, outcome: FileReading, source: str
) -> Iterator[tuple[Occurrence, Entity]]:
    for occurrence in occurrences:
        try:
            entity = mapper.entity(occurrence)
        except _PARSER_ERRORS as exc:  # a value no check foresaw: the entry, not the import, fails
            problem = Problem(occurrence.entry.block.line, f"cannot be imported: {exc or type(exc).__name__}")
            if not outcome.tolerant:
                raise InvalidData([str(problem)], source=source) from None
            outcome.broken(_describe(occurrence.entry.component), [problem], occurrence.series.key)
            continue
        if entity is not None:
            yield occurrence, entity


def _read_calendar(structure: Scan, calendar: CalendarPart, outcome: FileReading) -> None:
    """Read the components of one VCALENDAR into ``outcome``."""
    sound = []
    for block in calendar.blocks:
        if block.problems or block.last is None:
            kind = shown_name(block.name, quote=outcome.quote)
            outcome.broken(f"the {kind} of line {block.line}", block.problems, _uid_of(structure, block))
        else:
            sound.append(block)
    zones = _zones(calendar, outcome)
    scale = calendar.property_value("CALSCALE")
    if scale is not None and scale[0].strip().upper() != "GREGORIAN":
        shown = f":{scale[0].strip()[:40]}" if outcome.quote else ""
        problem = Problem(scale[1], f"CALSCALE{shown}: only Gregorian calendars can be read")
        outcome.broken("the calendar", [problem])
        outcome.left_out.update(filter(None, (_uid_of(structure, block) for block in calendar.blocks)))
        return
    for block, component in _parse(structure, calendar, sound, outcome):
        if block.name in outcome.keep:
            outcome.kept.append((block, component, zones))
            continue
        if block.name != "VEVENT":
            reason = _SKIPPED_COMPONENTS.get(block.name)
            if reason is None and block.name != "VTIMEZONE":
                reason = f"a {shown_name(block.name, quote=outcome.quote)}, not a meeting"
            if reason is not None:
                item = shown_name(block.name, quote=outcome.quote)
                outcome.skipped.append(Skipped(item=item, reason=reason, line=block.line))
            continue
        reading = read_entry(component, block, zones, quote=outcome.quote)
        if not (reading.problems or reading.unused or reading.skip is not None):
            if reading.entry is not None:
                outcome.entries.append(reading.entry)
            continue
        item = _describe(component)  # only for a message: its start's offset may cost a zone's whole history
        outcome.broken(item, reading.problems, _uid_of(structure, block))
        if reading.problems:
            continue
        outcome.noted(item, reading.unused, "the value is not used, the entry is imported")
        if reading.skip is not None:
            outcome.skipped.append(Skipped(item=item, reason=reading.skip, line=reading.skip_line))
            uid = _uid_of(structure, block)
            if uid is not None:
                outcome.left_out.add(uid)
        elif reading.entry is not None:
            outcome.entries.append(reading.entry)


def _zones(calendar: CalendarPart, outcome: FileReading) -> Zones:
    """How the calendar's times are read: ``X-WR-TIMEZONE`` (Google) for floating times, else Berlin."""
    from icalendar.timezone import tzp

    found = calendar.property_value("X-WR-TIMEZONE")
    if found is None:
        return Zones()
    value, line = found
    name = value.strip()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            zone = tzp.timezone(name) if name else None
    except _PARSER_ERRORS:
        zone = None
    if zone is None:
        problem = Problem(line, f"X-WR-TIMEZONE: unknown time zone{f' {name[:60]!r}' if outcome.quote else ''}")
        outcome.noted("the calendar", [problem], "floating times are read in Europe/Berlin")
        return Zones(floating=BERLIN)
    return Zones(floating=zone, utc_to=zone)


def _parse(
    structure: Scan, calendar: CalendarPart, blocks: list[Block], outcome: FileReading
) -> list[tuple[Block, Any]]:
    """icalendar's components for ``blocks``; a block it cannot parse is a problem of that block."""
    import icalendar

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # icalendar's guesses at vendor zone names: read by known_zone
            parsed = icalendar.Calendar.from_ical(structure.text_of(calendar, blocks))
        components = list(parsed.subcomponents)
        if [c.name for c in components] == [b.name for b in blocks]:
            return list(zip(blocks, components, strict=True))
    except _PARSER_ERRORS:
        pass
    # One block spoils the whole parse: parse each alone (with the file's zones) to find which.
    zones = [b for b in blocks if b.name == "VTIMEZONE" and isinstance(_parse_alone(structure, calendar, [], b), list)]
    result = []
    for block in blocks:
        context = [] if block.name == "VTIMEZONE" else zones
        found = _parse_alone(structure, calendar, context, block)
        if isinstance(found, str):
            kind = shown_name(block.name, quote=outcome.quote)
            found = found if outcome.quote else "icalendar cannot read its value"
            culprit = _culprit(structure, block)
            if culprit is None:
                problem = Problem(block.line, f"the {kind} of line {block.line} cannot be read: {found}")
            else:
                name, line = culprit
                shown = shown_name(name, quote=outcome.quote)
                problem = Problem(line, f"{shown} of the {kind} that starts on line {block.line}: {found}")
            outcome.broken(f"the {kind} of line {block.line}", [problem], _uid_of(structure, block))
        else:
            result.append((block, found[0]))
    return result


def _parse_alone(structure: Scan, calendar: CalendarPart, context: list[Block], block: Block) -> list[Any] | str:
    """``[component]`` for one block (parsed after ``context``), or what icalendar said against it."""
    import icalendar

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = icalendar.Calendar.from_ical(structure.text_of(calendar, [*context, block]))
    except OSError:  # the zone database looked a TZID up as a file name
        return "a TZID that is no time zone name"
    except _PARSER_ERRORS as exc:
        return str(exc)[:200] or type(exc).__name__
    components = list(parsed.subcomponents)
    if not components or components[-1].name != block.name:
        return "icalendar does not see it as a component"
    return [components[-1]]


#: The most properties of a broken component parsed one by one to find the broken one.
_MAX_PROPERTIES_TRIED = 200


def _culprit(structure: Scan, block: Block) -> tuple[str, int] | None:
    """The first property (name, line) of a broken ``block`` that icalendar cannot read alone."""
    import icalendar

    lines = structure.lines
    for name, line in block.properties[:_MAX_PROPERTIES_TRIED]:
        last = line - 1
        while last + 1 < len(lines) and lines[last + 1][:1] in (" ", "\t"):
            last += 1
        text = "\r\n".join([f"BEGIN:{block.name}", *lines[line - 1 : last + 1], f"END:{block.name}", ""])
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                icalendar.Component.from_ical(text)
        except _PARSER_ERRORS:  # OSError too: a TZID the zone database looked up as a file name
            return name, line
    return None


def _base_ids(all_series: list[Series], structure: Scan) -> dict[str, str]:
    """The id each series' entries are named after: from the UID, or (no UID) from the entry's text."""
    seen: dict[str, int] = {}
    ids = {}
    for series in all_series:
        entry = series.first
        if entry.uid is not None:
            ids[series.key] = entity_id_for_uid(entry.uid)
        else:
            ids[series.key] = uidless_id(structure.block_text(entry.block), seen)
    return ids


def _uid_of(structure: Scan, block: Block) -> str | None:
    """The UID of an event, read from its text (it may be too broken to parse); None for other components."""
    if block.name != "VEVENT":
        return None
    unfolded = _FOLD.sub("", structure.block_text(block))
    found = _UID_LINE.search(unfolded)
    if found is None:
        return None
    return found.group(1).strip() or None


_FOLD = re.compile(r"\n[ \t]")
_UID_LINE = re.compile(r"^UID(?:;[^:\n]*)?:(.*)$", re.MULTILINE | re.IGNORECASE)


def _describe(component: Any) -> str:
    summary = component.get("SUMMARY")
    title = str(summary).strip() if summary is not None and not isinstance(summary, list) else ""
    try:
        start = component.get("DTSTART").dt
    except Exception:  # noqa: BLE001  # absent, repeated or broken: the title alone names the entry
        start = None
    when = f" on {start.isoformat()}" if isinstance(start, date) else ""
    return f"{title or '(no title)'!r}{when}"


@hookimpl
def register_importers() -> list[Importer]:
    """The built-in ``ics`` importer."""
    return [
        Importer(
            format="ics",
            media_type="text/calendar",
            suffix=".ics",
            description="iCalendar files from Outlook, Google, Apple, Thunderbird, Nextcloud (and ours)",
            read=read_ics,
        )
    ]
