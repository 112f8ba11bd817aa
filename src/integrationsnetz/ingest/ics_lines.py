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


def scan(text: str) -> Scan:
    """Read the structure of ``text``: its calendars, their components, and every problem with its line."""
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
    _Reader(result).read(logical)
    return result


class _Reader:
    """The state of one pass over the logical lines: which components are open."""

    def __init__(self, result: Scan) -> None:
        self.result = result
        self.stack: list[tuple[str, int]] = []  # (component name, line) of each open component
        self.calendar: CalendarPart | None = None
        self.block: Block | None = None

    def problem(self, line: int, text: str) -> None:
        """A problem of the open top-level component, or of the file outside any."""
        (self.block.problems if self.block is not None else self.result.problems).append(Problem(line, text))

    def read(self, logical: list[tuple[int, int, str]]) -> None:
        for first, last, content in logical:
            number = first + 1
            match = _NAME.match(content)
            if match is None or ":" not in content:
                self.problem(number, f"expected a content line NAME:value, got {content[:60]!r}")
                continue
            name = match.group(0).upper()
            value = content.split(":", 1)[1]
            if name == "BEGIN":
                if not self.begin(value.strip().upper(), number, first):
                    return
            elif name == "END":
                self.end(value.strip().upper(), number, first)
            elif not self.stack:
                self.problem(number, f"{name} outside of BEGIN:VCALENDAR … END:VCALENDAR")
            elif len(self.stack) == 1 and self.calendar is not None:
                self.calendar.properties.append((name, number, value))
                self.calendar.spans.append((first, last))
            elif len(self.stack) == 2 and self.block is not None:
                self.block.properties.append((name, number))
        if self.stack:
            kind, number = self.stack[-1]
            self.problem(number, f"BEGIN:{kind} is never closed (the file ends first; is it cut off?)")

    def begin(self, kind: str, number: int, index: int) -> bool:
        """Open a component; False when the file is not a calendar at all."""
        keep = 0 if kind == "VCALENDAR" else 1  # how many open components one of this kind may be in
        if kind in _TOP_LEVEL_ONLY and len(self.stack) > keep:
            # An event inside an event: the outer one lacks its END. It is broken; the inner one
            # starts afresh where a component of its kind belongs.
            outer, outer_line = self.stack[min(1, len(self.stack) - 1)]
            self.problem(
                number,
                f"BEGIN:{kind} inside the {outer} of line {outer_line}; "
                f"a {kind} cannot be nested (is an END:{outer} missing?)",
            )
            del self.stack[keep:]
            self.block = None
            if keep == 0:
                self.calendar = None
        depth = len(self.stack)
        if depth == 0:
            if kind != "VCALENDAR":
                if not self.result.calendars:
                    self.result.fatal = Problem(number, f"expected BEGIN:VCALENDAR, got BEGIN:{kind}")
                    return False
                self.problem(number, f"BEGIN:{kind} outside of BEGIN:VCALENDAR … END:VCALENDAR")
            else:
                self.calendar = CalendarPart(line=number)
                self.result.calendars.append(self.calendar)
        elif depth == 1 and self.calendar is not None:
            self.block = Block(name=kind, line=number, first=index)
            self.calendar.blocks.append(self.block)
        self.stack.append((kind, number))
        return True

    def end(self, kind: str, number: int, index: int) -> None:
        open_names = [name for name, _ in self.stack]
        if not self.stack or open_names[-1] != kind:
            opened = f"BEGIN:{self.stack[-1][0]} of line {self.stack[-1][1]}" if self.stack else "nothing"
            self.problem(number, f"END:{kind} does not close {opened}")
            if kind not in open_names:
                return  # a stray END: leave the structure as it is
            while open_names[-1] != kind:  # it closes an outer component: the inner ones end here too
                open_names.pop()
                self.stack.pop()
        self.stack.pop()
        depth = len(self.stack)
        if depth == 1 and self.block is not None:
            self.block.last = index
            self.block = None
        elif depth == 0:
            if self.block is not None:  # END:VCALENDAR while a component was open
                self.block = None
            self.calendar = None
