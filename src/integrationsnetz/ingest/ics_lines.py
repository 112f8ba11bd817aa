"""The content lines of a calendar file and the components they make (RFC 5545 §3.1, §3.4).

icalendar is lenient about structure; this pass reads the structure itself so that every
problem has a line: a line that is not ``NAME[;params]:value``, an ``END`` that closes the wrong
component, an event nested in an event, a file cut off before its ``END``. It finds every such
problem, not the first, and says which top-level component each belongs to, so a tolerant import
can leave out that component and keep the rest. It also keeps each component's text, so the
parser is given only what this pass found sound.
"""

from __future__ import annotations

import re

import attrs

_NAME = re.compile(r"[A-Za-z0-9-]+(?=[;:])")
_LINE_BREAK = re.compile(r"\r\n|\n|\r")

#: Components that are never part of another component (RFC 5545 §3.6): one of these inside an
#: event is a broken file, not an extension.
_TOP_LEVEL_ONLY = frozenset({"VCALENDAR", "VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE"})

#: Names of RFC 5545 (and its extensions') components and properties: messages that must not quote
#: a file (a member's calendar read as busy time) name these, and call any other name "a line".
_KNOWN_NAMES = _TOP_LEVEL_ONLY | frozenset(
    {"VALARM", "STANDARD", "DAYLIGHT", "VAVAILABILITY", "AVAILABLE", "VLOCATION", "VRESOURCE", "PARTICIPANT",
     "BEGIN", "END", "VERSION", "PRODID", "CALSCALE", "METHOD", "NAME", "REFRESH-INTERVAL", "SOURCE", "COLOR",
     "UID", "DTSTAMP", "DTSTART", "DTEND", "DURATION", "DUE", "COMPLETED", "RRULE", "RDATE", "EXDATE", "EXRULE",
     "RECURRENCE-ID", "SUMMARY", "DESCRIPTION", "LOCATION", "GEO", "STATUS", "TRANSP", "CLASS", "PRIORITY",
     "SEQUENCE", "CREATED", "LAST-MODIFIED", "ORGANIZER", "ATTENDEE", "CONTACT", "CATEGORIES", "COMMENT",
     "RESOURCES", "RELATED-TO", "URL", "ATTACH", "IMAGE", "CONFERENCE", "REQUEST-STATUS", "FREEBUSY", "TZID",
     "TZNAME", "TZOFFSETFROM", "TZOFFSETTO", "TZURL", "ACTION", "TRIGGER", "REPEAT", "PERCENT-COMPLETE"}
)  # fmt: skip

#: The deepest nesting a file may have. A calendar has three levels (``VCALENDAR`` > ``VEVENT`` >
#: ``VALARM``, ``VTIMEZONE`` > ``STANDARD``), a few more with extensions; thousands are a file made
#: to slow the reader (and icalendar, which recurses) down.
MAX_DEPTH = 20


@attrs.frozen
class Problem:
    """Something wrong in the file, and the line it is on."""

    line: int
    text: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.text}"


@attrs.define
class Block:
    """A component directly inside a ``VCALENDAR``: where it is, what it holds, what is wrong with it."""

    name: str
    line: int  #: the line of its BEGIN
    first: int  #: index of its BEGIN among the physical lines
    last: int | None = None  #: index of its END; None while (or if never) closed
    properties: list[tuple[str, int]] = attrs.Factory(list)  #: (NAME, line) of its own properties
    problems: list[Problem] = attrs.Factory(list)

    def lines_of(self, name: str) -> list[int]:
        """The lines of every ``name`` property of this component (``DTSTART`` twice: two lines)."""
        return [line for prop, line in self.properties if prop == name]

    def line_of(self, name: str) -> int:
        """The first line of the ``name`` property, or the component's own line."""
        return next((line for prop, line in self.properties if prop == name), self.line)


@attrs.define
class CalendarPart:
    """One ``VCALENDAR`` of the file (a stream may hold several, RFC 5545 §3.4)."""

    line: int
    properties: list[tuple[str, int, str]] = attrs.Factory(list)  #: (NAME, line, value)
    spans: list[tuple[int, int]] = attrs.Factory(list)  #: physical lines of its own properties
    blocks: list[Block] = attrs.Factory(list)

    def property_value(self, name: str) -> tuple[str, int] | None:
        """The value and line of a calendar property (``X-WR-TIMEZONE``), if present."""
        return next(((value, line) for prop, line, value in self.properties if prop == name), None)


@attrs.define
class Scan:
    """The structure of a whole file."""

    lines: list[str]  #: the physical lines
    calendars: list[CalendarPart]
    problems: list[Problem]  #: problems outside any component (a tolerant import notes them)
    fatal: Problem | None = None  #: not a calendar at all: nothing can be read

    def text_of(self, calendar: CalendarPart, blocks: list[Block]) -> str:
        """The calendar's text with only ``blocks`` as its components, for the parser."""
        parts = ["BEGIN:VCALENDAR"]
        for first, last in calendar.spans:
            parts.extend(self.lines[first : last + 1])
        for block in blocks:
            assert block.last is not None
            parts.extend(self.lines[block.first : block.last + 1])
        parts.append("END:VCALENDAR")
        return "\r\n".join(parts) + "\r\n"

    def block_text(self, block: Block) -> str:
        """A component's own lines (``BEGIN`` to ``END``), unfolded line breaks kept."""
        end = block.last if block.last is not None else len(self.lines) - 1
        return "\n".join(self.lines[block.first : end + 1])


def shown_name(name: str, *, quote: bool) -> str:
    """A component's or property's name as a message shows it: as it is, or (``quote`` False) only
    a name of the standard or an ``X-`` name; any other may be text of the file (``Herrn:``)."""
    return name if quote or name in _KNOWN_NAMES or name.startswith("X-") else "(a name that is none)"


def scan(text: str, *, quote: bool = True) -> Scan:
    """Read the structure of ``text``: its calendars, their components, and every problem with its line.

    With ``quote`` False no message holds text of the file: a line that is not ``NAME:value`` is
    named by its number only (a member's calendar read as busy time is private).
    """
    lines = _LINE_BREAK.split(text)
    logical: list[tuple[int, int, str]] = []  # (first physical index, last physical index, content)
    for index, raw in enumerate(lines):
        if raw[:1] in (" ", "\t") and logical:
            first, _, content = logical[-1]
            logical[-1] = (first, index, content + raw[1:])
        elif raw.strip():
            logical.append((index, index, raw))
    result = Scan(lines=lines, calendars=[], problems=[])
    if not logical:
        result.fatal = Problem(1, "the file is empty")
        return result
    _Reader(result, quote=quote).read(logical)
    if not result.calendars and result.fatal is None:  # a web page, a login form: no calendar at all
        result.fatal = Problem(logical[0][0] + 1, "expected BEGIN:VCALENDAR; the file holds no calendar")
    return result


class _Reader:
    """The state of one pass over the logical lines: which components are open."""

    def __init__(self, result: Scan, *, quote: bool) -> None:
        self.result = result
        self.quote = quote
        self.stack: list[tuple[str, int]] = []  # (component name, line) of each open component
        self.open: dict[str, int] = {}  # how many components of each name are open: END finds its BEGIN at once
        self.calendar: CalendarPart | None = None
        self.block: Block | None = None

    def problem(self, line: int, text: str) -> None:
        """A problem of the open top-level component, or of the file outside any."""
        (self.block.problems if self.block is not None else self.result.problems).append(Problem(line, text))

    def name(self, name: str) -> str:
        return shown_name(name, quote=self.quote)

    def read(self, logical: list[tuple[int, int, str]]) -> None:
        for first, last, content in logical:
            number = first + 1
            match = _NAME.match(content)
            if match is None or ":" not in content:
                got = f", got {content[:60]!r}" if self.quote else " (a line break inside a value?)"
                self.problem(number, f"expected a content line NAME:value{got}")
                continue
            name = match.group(0).upper()
            value = content.split(":", 1)[1]
            if name == "BEGIN":
                if not self.begin(value.strip().upper(), number, first):
                    return
            elif name == "END":
                self.end(value.strip().upper(), number, first)
            elif not self.stack:
                self.problem(number, f"{self.name(name)} outside of BEGIN:VCALENDAR … END:VCALENDAR")
            elif len(self.stack) == 1 and self.calendar is not None:
                self.calendar.properties.append((name, number, value))
                self.calendar.spans.append((first, last))
            elif len(self.stack) == 2 and self.block is not None:
                self.block.properties.append((name, number))
        if self.stack:
            kind, number = self.stack[-1]
            self.problem(number, f"BEGIN:{self.name(kind)} is never closed (the file ends first; is it cut off?)")

    def begin(self, kind: str, number: int, index: int) -> bool:
        """Open a component; False when the file is not a calendar at all."""
        keep = 0 if kind == "VCALENDAR" else 1  # how many open components one of this kind may be in
        if kind in _TOP_LEVEL_ONLY and len(self.stack) > keep:
            # An event inside an event: the outer one lacks its END. It is broken; the inner one
            # starts afresh where a component of its kind belongs.
            outer, outer_line = self.stack[min(1, len(self.stack) - 1)]
            self.problem(
                number,
                f"BEGIN:{kind} inside the {self.name(outer)} of line {outer_line}; "
                f"a {kind} cannot be nested (is an END:{self.name(outer)} missing?)",
            )
            while len(self.stack) > keep:
                self.pop()
            self.block = None
            if keep == 0:
                self.calendar = None
        depth = len(self.stack)
        if depth >= MAX_DEPTH:
            self.result.fatal = Problem(
                number, f"components nested more than {MAX_DEPTH} levels deep; a calendar has three or four"
            )
            return False
        if depth == 0:
            if kind != "VCALENDAR":
                if not self.result.calendars:
                    self.result.fatal = Problem(number, f"expected BEGIN:VCALENDAR, got BEGIN:{self.name(kind)}")
                    return False
                self.problem(number, f"BEGIN:{self.name(kind)} outside of BEGIN:VCALENDAR … END:VCALENDAR")
            else:
                self.calendar = CalendarPart(line=number)
                self.result.calendars.append(self.calendar)
        elif depth == 1 and self.calendar is not None:
            self.block = Block(name=kind, line=number, first=index)
            self.calendar.blocks.append(self.block)
        self.push(kind, number)
        return True

    def push(self, kind: str, number: int) -> None:
        self.stack.append((kind, number))
        self.open[kind] = self.open.get(kind, 0) + 1

    def pop(self) -> None:
        kind, _ = self.stack.pop()
        self.open[kind] -= 1

    def end(self, kind: str, number: int, index: int) -> None:
        if not self.stack or self.stack[-1][0] != kind:
            opened = f"BEGIN:{self.name(self.stack[-1][0])} of line {self.stack[-1][1]}" if self.stack else "nothing"
            self.problem(number, f"END:{self.name(kind)} does not close {opened}")
            if not self.open.get(kind):
                return  # a stray END: leave the structure as it is
            while self.stack[-1][0] != kind:  # it closes an outer component: the inner ones end here too
                self.pop()
        self.pop()
        depth = len(self.stack)
        if depth == 1 and self.block is not None:
            self.block.last = index
            self.block = None
        elif depth == 0:
            if self.block is not None:  # END:VCALENDAR while a component was open
                self.block = None
            self.calendar = None
