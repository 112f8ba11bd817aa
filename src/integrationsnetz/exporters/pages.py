"""The documents people read: an invitation, minutes, open tasks, a meeting overview.

A document is built once as a :class:`Page` of plain blocks (headings, facts, paragraphs,
lists, tables) holding unescaped text; :mod:`~integrationsnetz.exporters.markdown` and
:mod:`~integrationsnetz.exporters.html` only render blocks, each with its own escaping. So the two
formats always say the same thing, and escaping lives in one place per format.
"""

from __future__ import annotations

from datetime import date, timedelta

import attrs

from integrationsnetz.errors import ExportError
from integrationsnetz.exporters import DocumentKind, ExportRequest
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
from integrationsnetz.model.events import AllDay
from integrationsnetz.model.groups import Task, WorkingGroup
from integrationsnetz.model.meetings import Meeting


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
    """A table with a header row."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Heading | Facts | Paragraph | Items | Table


@attrs.frozen
class Page:
    """A whole document: a title and its blocks, in the export's language."""

    title: str
    language: str
    blocks: tuple[Block, ...]


def build_page(request: ExportRequest) -> Page:
    """The document the request asks for (``options.document``, else chosen by the selection).

    One meeting selected: its minutes if it has any, else its invitation. Only working groups
    selected: their open tasks. Anything else: the overview of meetings and events.
    """
    kind = request.options.document or _default_kind(request)
    data = request.data
    if kind in ("invitation", "minutes"):
        if len(data.meetings) != 1:
            raise ExportError(f"a {kind} is for one meeting: select one (got {len(data.meetings)} meetings)")
        meeting = data.meetings[0]
        return invitation(meeting, request) if kind == "invitation" else minutes(meeting, request)
    if kind == "tasks":
        return open_tasks(data.groups, request)
    return overview(request)


def _default_kind(request: ExportRequest) -> DocumentKind:
    selected = request.selected
    if len(selected) == 1 and isinstance(selected[0], Meeting):
        return "minutes" if selected[0].minutes is not None else "invitation"
    if selected and all(isinstance(item, WorkingGroup) for item in selected):
        return "tasks"
    return "overview"


def _meeting_facts(meeting: Meeting, refs: References, language: str) -> list[tuple[str, str]]:
    facts = [(word("when", language), format_span(meeting.start, meeting.end, language))]
    place = refs.place(meeting.venue_id, meeting.room_id)
    if place:
        facts.append((word("where", language), place))
    if meeting.online_url:
        facts.append((word("online", language), meeting.online_url))
    if meeting.organizer_id:
        facts.append((word("organizer", language), refs.actor_label(meeting.organizer_id)))
    if meeting.moderator_id:
        facts.append((word("moderation", language), refs.actor_label(meeting.moderator_id)))
    return facts


def _agenda_table(meeting: Meeting, refs: References, language: str) -> Table:
    rows = []
    clock = meeting.start.astimezone(BERLIN)
    for number, item in enumerate(meeting.agenda, start=1):
        when = f"{clock:%H:%M}"
        if item.minutes:
            clock += timedelta(minutes=item.minutes)
        else:
            when = ""
        who = ", ".join(refs.actor_label(p) for p in item.presenter_ids)
        title = item.title + (f"\n{item.description}" if item.description else "")
        rows.append((str(number), when, title, who))
    header = (word("item", language), word("time", language), word("title", language), word("presenters", language))
    return Table(header=header, rows=tuple(rows))


def invitation(meeting: Meeting, request: ExportRequest) -> Page:
    """The invitation: when, where, who invites and moderates, and the agenda with times."""
    language = request.options.language
    refs = References(request.data)
    blocks: list[Block] = [Facts(tuple(_meeting_facts(meeting, refs, language)))]
    if meeting.description:
        blocks.append(Paragraph(meeting.description))
    blocks.append(Heading(word("agenda", language)))
    blocks.append(_agenda_table(meeting, refs, language) if meeting.agenda else Paragraph(word("no_entries", language)))
    title = f"{word('invitation', language)}: {meeting.title}"
    return Page(title=title, language=language, blocks=tuple(blocks))


def _task_rows(tasks: list[Task], refs: References, language: str) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (
            task.title,
            refs.actor_label(task.owner_id) if task.owner_id else "",
            format_short_date(task.due, language) if task.due else "",
            status_word(task.status, language),
        )
        for task in tasks
    )


def _task_header(language: str) -> tuple[str, ...]:
    return (word("task", language), word("owner", language), word("due", language), word("status", language))


def minutes(meeting: Meeting, request: ExportRequest) -> Page:
    """The minutes: facts, attendance, the agenda, the record, decisions and the tasks they set."""
    language = request.options.language
    refs = References(request.data)
    record = meeting.minutes
    facts = _meeting_facts(meeting, refs, language)
    if meeting.present_count:
        facts.append((word("present", language), str(meeting.present_count)))
    if record is not None and record.recorded_by_id:
        facts.append((word("recorded_by", language), refs.actor_label(record.recorded_by_id)))
    if record is not None and record.approved_on:
        facts.append((word("approved_on", language), format_date(record.approved_on, language)))
    blocks: list[Block] = [Facts(tuple(facts))]
    if meeting.agenda:
        blocks += [Heading(word("agenda", language)), Items(tuple(i.title for i in meeting.agenda), numbered=True)]
    if record is not None and record.text:
        blocks += [Heading(word("minutes", language)), Paragraph(record.text)]
    decisions = record.decisions if record is not None else ()
    blocks.append(Heading(word("decisions", language)))
    if decisions:
        lines = []
        for decision in decisions:
            line = decision.text
            if decision.agenda_item is not None:
                line += f" ({word('from_agenda_item', language)} {decision.agenda_item + 1})"
            lines.append(line)
        blocks.append(Items(tuple(lines), numbered=True))
    else:
        blocks.append(Paragraph(word("no_entries", language)))
    task_ids = {task_id for decision in decisions for task_id in decision.task_ids}
    tasks = [
        task
        for group in request.data.groups
        for task in group.tasks
        if task.id in task_ids or task.origin_meeting_id == meeting.id
    ]
    blocks.append(Heading(word("tasks", language)))
    if tasks:
        blocks.append(Table(header=_task_header(language), rows=_task_rows(tasks, refs, language)))
    else:
        blocks.append(Paragraph(word("no_entries", language)))
    day = format_short_date(meeting.start.astimezone(BERLIN).date(), language)
    title = f"{word('minutes', language)}: {meeting.title}, {day}"
    return Page(title=title, language=language, blocks=tuple(blocks))


def open_tasks(groups: tuple[WorkingGroup, ...], request: ExportRequest) -> Page:
    """Each group's open tasks (open or in progress), the ones due first at the top."""
    language = request.options.language
    refs = References(request.data)
    blocks: list[Block] = []
    for group in groups:
        blocks.append(Heading(group.name))
        tasks = sorted((t for t in group.tasks if t.is_open), key=lambda t: (t.due or date.max, t.title))
        if tasks:
            blocks.append(Table(header=_task_header(language), rows=_task_rows(tasks, refs, language)))
        else:
            blocks.append(Paragraph(word("no_entries", language)))
    title = word("open_tasks", language)
    if len(groups) == 1:
        title += f": {groups[0].name}"
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
    refs = References(request.data)
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
                    meeting.title if meeting.title == what else f"{meeting.title} ({what})",
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
