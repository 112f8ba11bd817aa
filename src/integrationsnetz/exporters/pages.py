"""The documents people read: the blocks they are built of, open tasks, a meeting overview.

A document is built once as a :class:`Page` of plain blocks (headings, facts, paragraphs,
lists, tables, badges) holding unescaped text; :mod:`~integrationsnetz.exporters.markdown` and
:mod:`~integrationsnetz.exporters.html` only render blocks, each with its own escaping. So the two
formats always say the same thing, and escaping lives in one place per format; a further
renderer (Word) renders the same few blocks. :mod:`~integrationsnetz.exporters.compose` picks
the document a request asks for; the meeting documents are built in
:mod:`~integrationsnetz.exporters.letters` (Einladung, Tagesordnung),
:mod:`~integrationsnetz.exporters.protocol` (Protokoll) and
:mod:`~integrationsnetz.exporters.sheets` (Teilnehmendenliste, Namensschilder).
"""

from __future__ import annotations

from datetime import date, timedelta

import attrs

from integrationsnetz.exporters import ExportRequest
from integrationsnetz.exporters.references import References
from integrationsnetz.exporters.selection import as_moment
from integrationsnetz.exporters.wording import (
    BERLIN,
    event_kind_word,
    format_date,
    format_days,
    format_short_date,
    format_span,
    meeting_kind_word,
    status_word,
    word,
)
from integrationsnetz.model.characters import ISOLATE, ISOLATE_END, balanced, isolated, printable
from integrationsnetz.model.events import AllDay
from integrationsnetz.model.groups import Task, WorkingGroup


@attrs.frozen
class Heading:
    """A section heading; level 2 and below (the page title is level 1)."""

    text: str
    level: int = 2


@attrs.frozen
class Facts:
    """Label–value pairs: "Wann: Montag, 14. Oktober 2024, 09:00–13:00 Uhr"."""

    items: tuple[tuple[str, str], ...]


@attrs.frozen
class Paragraph:
    """Running text; line breaks in it are kept."""

    text: str


@attrs.frozen
class Items:
    """A bulleted or numbered list."""

    items: tuple[str, ...]
    numbered: bool = False


@attrs.frozen
class Table:
    """A table with a header row.

    ``writable`` marks a form filled in by hand (a sign-in sheet): rows tall enough to sign in,
    printed with every cell framed.
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    writable: bool = False


@attrs.frozen
class Badges:
    """Name badges, each (name or function, organisation); print eight to an A4 page (2 × 4).

    A badge with an empty first line has a name to write in; ``blank`` more are empty (printed
    in HTML to fill the last page, not listed in Markdown).
    """

    badges: tuple[tuple[str, str], ...]
    blank: int = 0


Block = Heading | Facts | Paragraph | Items | Table | Badges


@attrs.frozen
class Letterhead:
    """The head of a letter, above its title: the sender's lines and the place-and-date line."""

    sender: tuple[str, ...]
    date_line: str


@attrs.frozen
class Page:
    """A whole document: a title and its blocks, in the export's language; a letter has a head."""

    title: str
    language: str
    blocks: tuple[Block, ...]
    head: Letterhead | None = None


def readable(page: Page) -> Page:
    """``page`` with every text as a document may print it: the one place the renderers clean texts.

    Each text goes through :func:`~integrationsnetz.model.characters.printable` (a form feed
    becomes a line break, other control characters and noncharacters go) and
    :func:`~integrationsnetz.model.characters.balanced` (its own direction changes end inside it).
    Word, HTML and Markdown call it first, so none of them fails on, or passes on, a raw control.
    """

    def clean(text: str) -> str:
        return balanced(printable(text))

    def block(item: Block) -> Block:
        if isinstance(item, Heading | Paragraph):
            return attrs.evolve(item, text=clean(item.text))
        if isinstance(item, Facts):
            return Facts(tuple((clean(label), clean(value)) for label, value in item.items))
        if isinstance(item, Items):
            return attrs.evolve(item, items=tuple(clean(text) for text in item.items))
        if isinstance(item, Badges):
            return attrs.evolve(item, badges=tuple((clean(name), clean(org)) for name, org in item.badges))
        return attrs.evolve(item, header=tuple(clean(text) for text in item.header),
                            rows=tuple(tuple(clean(text) for text in row) for row in item.rows))  # fmt: skip

    head = page.head
    if head is not None:
        head = Letterhead(sender=tuple(clean(line) for line in head.sender), date_line=clean(head.date_line))
    return Page(title=clean(page.title), language=page.language, blocks=tuple(block(b) for b in page.blocks),
                head=head)  # fmt: skip


#: What the renderers import from here: the isolates of :func:`isolated` (moved to the model, kept here).
__all__ = ["ISOLATE", "ISOLATE_END", "isolated"]

#: Tick box of a form (sign-in sheet).
BOX = "☐"
#: A tick box ticked: a consent on record (the internal sign-in sheet).
TICKED = "☒"
#: Badges on one A4 page (two columns, four rows).
BADGES_PER_PAGE = 8


def task_rows(tasks: list[Task], refs: References, language: str) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (
            task.title,
            refs.actor_label(task.owner_id) if task.owner_id else "",
            format_short_date(task.due, language) if task.due else "",
            status_word(task.status, language),
        )
        for task in tasks
    )


def task_header(language: str) -> tuple[str, ...]:
    return (word("task", language), word("owner", language), word("due", language), word("status", language))


def open_tasks(groups: tuple[WorkingGroup, ...], request: ExportRequest) -> Page:
    """Each group's open tasks (open or in progress), the ones due first at the top."""
    language = request.options.language
    refs = References(request.data, isolate=True)
    blocks: list[Block] = []
    for group in groups:
        blocks.append(Heading(group.name))
        tasks = sorted((t for t in group.tasks if t.is_open), key=lambda t: (t.due or date.max, t.title))
        if tasks:
            blocks.append(Table(header=task_header(language), rows=task_rows(tasks, refs, language)))
        else:
            blocks.append(Paragraph(word("no_entries", language)))
    title = word("open_tasks", language)
    if len(groups) == 1:
        title += f": {isolated(groups[0].name)}"
    return Page(title=title, language=language, blocks=tuple(blocks))


def _range_title(request: ExportRequest) -> str:
    options = request.options
    language = options.language
    if options.start is None or options.end is None:
        return word("overview", language)
    first, end = as_moment(options.start), as_moment(options.end)
    if (first.month, first.day, first.hour, end.month, end.day, end.hour) == (1, 1, 0, 1, 1, 0) and (
        end.year == first.year + 1
    ):
        return f"{word('overview', language)} {first.year}"
    last = (end - timedelta(microseconds=1)).date()
    span = f"{format_short_date(first.date(), language)} – {format_short_date(last, language)}"
    return f"{word('overview', language)} {span}"


def overview(request: ExportRequest) -> Page:
    """Every meeting and event in the selection and range, in date order."""
    language = request.options.language
    refs = References(request.data, isolate=True)
    data = request.data
    blocks: list[Block] = [Heading(word("meetings", language))]
    meetings = sorted(data.meetings, key=lambda m: (m.start, m.id))
    if meetings:
        rows = []
        for meeting in meetings:
            start = meeting.start.astimezone(BERLIN)
            end = meeting.end.astimezone(BERLIN)
            group = refs.groups.get(meeting.group_id) if meeting.group_id else None
            what = group.name if group else meeting_kind_word(meeting.kind, language)
            rows.append(
                (
                    format_date(start.date(), language),
                    f"{start:%H:%M}–{end:%H:%M}",
                    isolated(meeting.title)
                    if meeting.title == what
                    else f"{isolated(meeting.title)} ({isolated(what)})",
                    refs.place(meeting.venue_id, meeting.room_id)
                    or (meeting.online_url and word("online", language))
                    or "",
                    status_word(meeting.status, language),
                )
            )
        header = (word("date", language), word("time", language), word("title", language), word("where", language),
                  word("status", language))  # fmt: skip
        blocks.append(Table(header=header, rows=tuple(rows)))
    else:
        blocks.append(Paragraph(word("no_entries", language)))
    if data.events:
        blocks.append(Heading(word("events", language)))
        event_rows = []
        for event in sorted(data.events, key=lambda e: (as_moment(e.first_day), e.id)):
            when = event.when
            if isinstance(when, AllDay):
                shown = format_days(when.first_day, when.last_day, language)
            else:
                shown = format_span(when.start, when.end, language)
            title = event.title + (f" ({status_word('cancelled', language)})" if event.cancelled else "")
            event_rows.append((shown, title, event_kind_word(event.kind, language), refs.place(event.venue_id) or ""))
        event_header = (word("when", language), word("title", language), word("event", language),
                        word("where", language))  # fmt: skip
        blocks.append(Table(header=event_header, rows=tuple(event_rows)))
    return Page(title=_range_title(request), language=language, blocks=tuple(blocks))


#: A section whose tables hold at most this many rows is kept on one printed page; a longer one
#: may break between rows (its table head repeats), so a long agenda does not leave a page empty.
KEPT_ROWS = 10


@attrs.frozen
class Section:
    """Blocks from one level-2 heading to the next (a TOP of the Protokoll); ``kept``: print on one page."""

    blocks: tuple[Block, ...]
    kept: bool


def sections(blocks: tuple[Block, ...]) -> list[Section]:
    """The blocks split before each level-2 heading; the part before the first heading is never kept.

    The renderers print a kept section on one page where it fits (HTML ``break-inside: avoid``,
    Word keep-with-next), so a TOP is not torn from its discussion and decisions.
    """
    found: list[list[Block]] = [[]]
    for block in blocks:
        if isinstance(block, Heading) and block.level <= 2 and found[-1]:
            found.append([])
        found[-1].append(block)
    return [
        Section(
            blocks=tuple(part),
            kept=isinstance(part[0], Heading)
            and part[0].level <= 2
            and not any(isinstance(b, Badges) for b in part)
            and sum(len(b.rows) for b in part if isinstance(b, Table)) <= KEPT_ROWS,
        )
        for part in found
        if part
    ]
