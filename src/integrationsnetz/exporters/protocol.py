"""The Protokoll of a held meeting, as a German administration files it.

Head: date and time, place, Moderation, Protokollführung, how many were present and excused
(counted before people were removed for a public document, so the numbers never depend on what
is shown) and, with personal data, who. Then one section per TOP with what was discussed, the
decisions and the tasks they set (owner, due date); the tasks still open from the meeting before;
the next date; the Verteiler (the organisations of the body's members and of the invitees).
"""

from __future__ import annotations

from integrationsnetz.contract.exporters import ExportRequest
from integrationsnetz.exporters.letters import agenda_numbers, presenters, references
from integrationsnetz.exporters.pages import (
    Block,
    Facts,
    Heading,
    Items,
    Page,
    Paragraph,
    Table,
    isolated,
    task_header,
    task_rows,
)
from integrationsnetz.exporters.references import References
from integrationsnetz.exporters.selection import distribution
from integrationsnetz.exporters.wording import BERLIN, format_date, format_short_date, format_span, word
from integrationsnetz.model.groups import Task
from integrationsnetz.model.meetings import AgendaItemKind, AttendanceStatus, Meeting, Minutes


def _names(meeting: Meeting, status: AttendanceStatus, refs: References) -> list[str]:
    return list(dict.fromkeys(refs.actor_label(i.actor_id) for i in meeting.invitations if i.status is status))


def _head(meeting: Meeting, request: ExportRequest, refs: References) -> list[Block]:
    language = request.options.language
    record = meeting.minutes or Minutes()
    facts = [(word("when", language), format_span(meeting.start, meeting.end, language))]
    place = refs.place(meeting.venue_id, meeting.room_id)
    if place:
        facts.append((word("where", language), place))
    if meeting.online_url:
        facts.append((word("online", language), meeting.online_url))
    if meeting.moderator_id:
        facts.append((word("moderation", language), refs.actor_label(meeting.moderator_id)))
    if record.recorded_by_id:
        facts.append((word("recorded_by", language), refs.actor_label(record.recorded_by_id)))
    counts = request.attendance.get(meeting.id) or meeting.attendance()
    facts.append((word("present", language), str(counts.present)))
    facts.append((word("excused", language), str(counts.excused)))
    if record.approved_on:
        facts.append((word("approved_on", language), format_date(record.approved_on, language)))
    blocks: list[Block] = [Facts(tuple(facts))]
    # who the audience may see: redaction left out the people it may not name (consent decides)
    for status, key in ((AttendanceStatus.PRESENT, "present_names"), (AttendanceStatus.EXCUSED, "excused_names")):
        names = _names(meeting, status, refs)
        if names:
            blocks += [Heading(word(key, language), level=3), Items(tuple(names))]
    return blocks


def _tasks_of(request: ExportRequest, ids: set[str], origin: str | None) -> list[Task]:
    return [
        task
        for group in request.data.groups
        for task in group.tasks
        if task.id in ids or (origin is not None and task.origin_meeting_id == origin)
    ]


def _sections(meeting: Meeting, request: ExportRequest, refs: References) -> list[Block]:
    """One section per TOP: presenters, discussion, decisions, the tasks they set."""
    language = request.options.language
    record = meeting.minutes or Minutes()
    blocks: list[Block] = []
    placed: set[str] = set()
    general = [d for d in record.decisions if d.agenda_item is None or d.agenda_item >= len(meeting.agenda)]
    if record.text or general:
        blocks.append(Heading(word("general_record", language)))
        if record.text:
            blocks.append(Paragraph(record.text))
        if general:
            blocks += [Heading(word("decisions", language), level=3), Items(tuple(d.text for d in general))]
    for position, (number, item) in enumerate(zip(agenda_numbers(meeting), meeting.agenda, strict=True)):
        notes = [d.text for d in record.discussions if d.agenda_item == position]
        decided = [d for d in record.decisions if d.agenda_item == position]
        if item.kind is AgendaItemKind.BREAK and not notes and not decided:
            continue
        top = word("top", language).format(number=number) if number is not None else word("break", language)
        blocks.append(Heading(f"{top}: {isolated(item.title)}"))
        if item.presenter_ids:
            blocks.append(Facts(((word("presenters", language), presenters(item.presenter_ids, refs)),)))
        if notes:
            blocks.append(Paragraph("\n\n".join(notes)))
        if decided:
            blocks += [Heading(word("decisions", language), level=3), Items(tuple(d.text for d in decided))]
            tasks = _tasks_of(request, {t for d in decided for t in d.task_ids}, None)
            if tasks:
                placed.update(task.id for task in tasks)
                blocks.append(Table(header=task_header(language), rows=task_rows(tasks, refs, language)))
    rest = [t for t in _tasks_of(request, {t for d in general for t in d.task_ids}, meeting.id) if t.id not in placed]
    if rest:
        blocks += [Heading(word("tasks", language)), Table(header=task_header(language),
                                                           rows=task_rows(rest, refs, language))]  # fmt: skip
    return blocks


def _before_and_after(meeting: Meeting, request: ExportRequest) -> tuple[Meeting | None, Meeting | None]:
    others = sorted(request.neighbours, key=lambda m: m.start)
    before = [m for m in others if m.start < meeting.start and m.id != meeting.id]
    after = [m for m in others if m.start > meeting.start and m.id != meeting.id]
    return (before[-1] if before else None), (after[0] if after else None)


def _carried_over(previous: Meeting | None, request: ExportRequest, refs: References) -> list[Block]:
    if previous is None:
        return []
    language = request.options.language
    tasks = [task for task in _tasks_of(request, set(), previous.id) if task.is_open]
    if not tasks:
        return []
    day = format_short_date(previous.start.astimezone(BERLIN).date(), language)
    return [
        Heading(word("carried_over", language).format(day=day)),
        Table(header=task_header(language), rows=task_rows(tasks, refs, language)),
    ]


def _next_date(following: Meeting | None, refs: References, language: str) -> Paragraph:
    if following is None:
        return Paragraph(word("not_yet_set", language))
    when = format_span(following.start, following.end, language)
    place = refs.place(following.venue_id, following.room_id)
    return Paragraph(f"{when}, {place}" if place else when)


def minutes(meeting: Meeting, request: ExportRequest) -> Page:
    """The Protokoll (see the module docstring)."""
    language = request.options.language
    refs = references(request)
    previous, following = _before_and_after(meeting, request)
    blocks = _head(meeting, request, refs)
    blocks += _carried_over(previous, request, refs)
    blocks += _sections(meeting, request, refs)
    blocks += [Heading(word("next_date", language)), _next_date(following, refs, language)]
    verteiler = request.distribution.get(meeting.id)
    if verteiler is None:  # a meeting the request does not hold: from the data it was given
        verteiler = distribution(meeting, refs)
    if verteiler:
        blocks += [Heading(word("distribution", language)), Items(verteiler)]
    day = format_short_date(meeting.start.astimezone(BERLIN).date(), language)
    title = f"{word('minutes', language)}: {isolated(meeting.title)}, {day}"
    return Page(title=title, language=language, blocks=tuple(blocks), head=None)
