"""``integrationsnetz einladung|agenda|protokoll|teilnehmendenliste|namensschilder``: a meeting's documents.

The documents are the library's (``inz.export`` with the ``markdown``, ``html`` or ``docx`` exporter):
``einladung`` the invitation letter, ``agenda`` the Tagesordnung (for several meetings, the
overview of them first, so one page says what is on in a week and what each meeting will
discuss), ``protokoll`` the minutes, ``teilnehmendenliste`` the sign-in sheet and
``namensschilder`` the name badges. Meetings are chosen by id or with ``--woche``; people
appear by their function unless ``--mit-namen`` is given. A Word file (``--format docx``) is
binary: it needs ``--out`` (``--out -`` writes it to standard output, never to a terminal).
"""

from __future__ import annotations

import re
import sys
from datetime import UTC, date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import click

from integrationsnetz.cli.help import Command, option
from integrationsnetz.cli.settings import Settings
from integrationsnetz.cli.times import DEFAULT_ZONE, week_of, zone_named
from integrationsnetz.cli.wording import LANGUAGE, say
from integrationsnetz.cli.workspace import Failure

if TYPE_CHECKING:
    from integrationsnetz.exporters import DocumentKind
    from integrationsnetz.model import Meeting, NetworkData

#: The start of an HTML document's body, with its attributes (a badge sheet's ``class``), and its end.
_BODY_START, _BODY_END = re.compile(r"<body[^>]*>\n"), "\n</body>"


def chosen_meetings(data: NetworkData, ids: tuple[str, ...], week: tuple[date, date] | None) -> list[Meeting]:
    """The meetings named by id, and those of ``week`` that are not cancelled, by start."""
    import integrationsnetz as inz

    by_id = {meeting.id: meeting for meeting in data.meetings}
    missing = [meeting_id for meeting_id in ids if meeting_id not in by_id]
    if missing:
        raise Failure(say("not_found", id=missing[0]))
    chosen = {meeting_id: by_id[meeting_id] for meeting_id in ids}
    if week is not None:
        zone = zone_named(DEFAULT_ZONE)
        for meeting in data.meetings:
            day = meeting.start.astimezone(zone).date()
            if week[0] <= day <= week[1] and meeting.status is not inz.MeetingStatus.CANCELLED:
                chosen.setdefault(meeting.id, meeting)
    return sorted(chosen.values(), key=lambda meeting: (meeting.start.astimezone(UTC), meeting.id))


def _demoted(markdown: str) -> str:
    """Every heading one level down (escaped text never starts a line with ``#``)."""
    return "\n".join("#" + line if line.startswith("#") else line for line in markdown.split("\n"))


def _demoted_html(body: str) -> str:
    """Every heading tag one level down (escaped text holds no ``<h``)."""
    for level in range(5, 0, -1):
        body = body.replace(f"<h{level}>", f"<h{level + 1}>").replace(f"</h{level}>", f"</h{level + 1}>")
    return body


def _joined(parts: list[str], html: bool, *, demote: bool) -> str:
    if html:
        bodies = []
        for part in parts[1:]:
            start = _BODY_START.search(part)
            assert start is not None, "the html exporter writes a <body>"
            bodies.append(part[start.end() : part.rindex(_BODY_END)])
        if demote:
            bodies = [_demoted_html(body) for body in bodies]
        first = parts[0]
        end = first.rindex(_BODY_END)
        return first[:end] + "".join(f"\n<hr>\n{body}" for body in bodies) + first[end:]
    rest = [_demoted(part) if demote else part for part in parts[1:]]
    return "\n---\n\n".join([parts[0], *rest])


def _exported(data: NetworkData, meetings: list[Meeting], kind: DocumentKind, fmt: str, *, personal: bool,
              week: tuple[date, date] | None) -> tuple[list[bytes], bool]:  # fmt: skip
    """Each document in ``fmt``, the overview first for an agenda of several meetings (then True)."""
    import attrs

    import integrationsnetz as inz

    options = inz.ExportOptions(language=LANGUAGE.get(), include_personal_data=personal)
    parts = []
    overview_first = kind == "agenda" and (len(meetings) > 1 or week is not None)
    if overview_first:
        start, end = (week[0], week[1] + timedelta(days=1)) if week else (None, None)
        overview = attrs.evolve(options, document="overview", start=start, end=end)
        parts.append(inz.export(data, fmt, select=[m.id for m in meetings], options=overview))
    single = attrs.evolve(options, document=kind)
    for meeting in meetings:
        parts.append(inz.export(data, fmt, select=meeting.id, options=single))
    return parts, overview_first


def render_documents(
    data: NetworkData,
    meetings: list[Meeting],
    kind: DocumentKind,
    *,
    html: bool,
    personal: bool,
    week: tuple[date, date] | None,
) -> str:
    """The documents of ``kind`` (a :data:`~integrationsnetz.exporters.DOCUMENT_KINDS` entry) for ``meetings``."""
    fmt = "html" if html else "markdown"
    parts, overview_first = _exported(data, meetings, kind, fmt, personal=personal, week=week)
    return _joined([part.decode("utf-8") for part in parts], html, demote=overview_first)


def render_word(
    data: NetworkData,
    meetings: list[Meeting],
    kind: DocumentKind,
    *,
    personal: bool,
    week: tuple[date, date] | None,
) -> bytes:
    """The documents of ``kind`` for ``meetings`` as one Word file, each on a new page."""
    from integrationsnetz.exporters.docx import join

    parts, _ = _exported(data, meetings, kind, "docx", personal=personal, week=week)
    return join(parts)


def _stdout() -> BinaryIO:
    """Standard output's bytes (click's ``get_binary_stream`` is deprecated); a test runner's too."""
    return sys.stdout.buffer


def _print(
    settings: Settings,
    kind: DocumentKind,
    ids: tuple[str, ...],
    *,
    week_text: str | None,
    fmt: str,
    out: Path | None,
    personal: bool,
) -> None:
    from integrationsnetz.atomic import write_atomic

    if not ids and week_text is None:
        raise click.UsageError(say("print.choose"))
    to_stdout = out is None or str(out) == "-"
    if fmt == "docx" and out is None:
        raise click.UsageError(say("print.binary_needs_out"))
    if fmt == "docx" and to_stdout and _stdout().isatty():
        raise click.UsageError(say("print.binary_terminal"))
    week = week_of(week_text, date.today()) if week_text is not None else None
    data = settings.workspace().network()
    meetings = chosen_meetings(data, ids, week)
    if not meetings:
        assert week is not None
        click.echo(say("print.none", first=f"{week[0]:%d.%m.%Y}", last=f"{week[1]:%d.%m.%Y}"), err=True)
        return
    if kind == "minutes":
        meetings = _with_minutes(meetings, named=week is None)
        if not meetings:
            return
    if fmt == "docx":
        payload = render_word(data, meetings, kind, personal=personal, week=week)
    else:
        payload = render_documents(data, meetings, kind, html=fmt == "html", personal=personal,
                                   week=week).encode("utf-8")  # fmt: skip
    if out is None or to_stdout:
        stream = _stdout()
        stream.write(payload)
        stream.flush()
        return
    write_atomic(out, payload)
    click.echo(say("print.written", path=out, count=len(meetings)), err=True)


def _with_minutes(meetings: list[Meeting], *, named: bool) -> list[Meeting]:
    """The meetings with something to put in a Protokoll (minutes, or attendance recorded).

    A meeting named on the command line without either is an error (its Protokoll would say
    "Anwesend: 0"); of a week's meetings those are left out with a notice.
    """
    empty = [m.id for m in meetings if m.minutes is None and not (m.attendance().present or m.attendance().excused)]
    if empty and named:
        raise Failure(say("print.no_minutes", count=len(empty), ids=", ".join(empty)))
    if empty:
        click.echo(say("print.no_minutes_left_out", count=len(empty), ids=", ".join(empty)), err=True)
    return [m for m in meetings if m.id not in empty]


def _printing_command(name: str, kind: DocumentKind) -> click.Command:
    @click.command(name, cls=Command, help=f"help.{name}", short_help=f"short.{name}")
    @click.argument("ids", metavar="[ID]...", nargs=-1)
    @option("--woche", "week", metavar="WOCHE", help="help.print.woche")
    @option("--format", "fmt", type=click.Choice(["markdown", "html", "docx"]), default="markdown",
            show_default=True, help="help.print.format")  # fmt: skip
    @option("--out", "-o", "out", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
            help="help.print.out")  # fmt: skip
    @option("--mit-namen", "personal", is_flag=True, help="help.print.mit_namen")
    @click.pass_obj
    def command(
        settings: Settings, ids: tuple[str, ...], *, week: str | None, fmt: str, out: Path | None, personal: bool
    ) -> None:
        _print(settings, kind, ids, week_text=week, fmt=fmt, out=out, personal=personal)

    command.__doc__ = f"Print the {kind} of the chosen meetings."
    return command


einladung = _printing_command("einladung", "invitation")
agenda = _printing_command("agenda", "agenda")
protokoll = _printing_command("protokoll", "minutes")
teilnehmendenliste = _printing_command("teilnehmendenliste", "sign_in")
namensschilder = _printing_command("namensschilder", "badges")

COMMANDS = (agenda, einladung, namensschilder, protokoll, teilnehmendenliste)
