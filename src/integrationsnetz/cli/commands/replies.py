"""``integrationsnetz rueckmeldungen``: the answers to e-mailed invitations, read back into the invitations.

The messages come from files (``.eml``, a folder of them, mbox, Maildir) and an IMAP folder
(:mod:`integrationsnetz.mail`); the answers are matched against the network as commands read it
(the document's meetings and the store's), shown as a table of what is recorded and what is not
and why, and written like every other change (:mod:`integrationsnetz.cli.editing`: asked unless
``--yes``, one transaction, under the workspace's lock). ``--probelauf`` shows and writes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import click

from integrationsnetz.cli.editing import answer_options, confirm, pending, read_state
from integrationsnetz.cli.help import Command, option
from integrationsnetz.cli.readable import Names
from integrationsnetz.cli.wording import LANGUAGE, say
from integrationsnetz.cli.workspace import Workspace

if TYPE_CHECKING:
    from integrationsnetz.mail import Outcome, ReadReplies

_ANSWERS = frozenset({"ACCEPTED", "DECLINED", "TENTATIVE", "DELEGATED", "COUNTER"})
_SECURITY = {"tls": "tls", "starttls": "starttls", "keine": "none"}


@click.command("rueckmeldungen", cls=Command, help="mail.replies.help", short_help="mail.replies.short")
@click.argument("sources", metavar="QUELLE...", nargs=-1, type=click.Path(path_type=Path))
@option("--imap", "imap", metavar="HOST[:PORT]", help="mail.replies.imap")
@option("--ordner", "folder", default="INBOX", show_default=True, help="mail.replies.folder")
@option("--imap-sicherheit", "security", type=click.Choice(list(_SECURITY)), default="tls", show_default=True,
        help="mail.replies.security")  # fmt: skip
@option("--seit", "since", metavar="DATUM", help="mail.replies.since")
@option("--probelauf", "dry_run", is_flag=True, help="mail.replies.dry_run")
@answer_options
@click.pass_context
def rueckmeldungen(
    ctx: click.Context,
    *,
    sources: tuple[Path, ...],
    imap: str | None,
    folder: str,
    security: str,
    since: str | None,
    dry_run: bool,
    yes: bool,
    as_json: bool,
) -> None:
    """Read the answers, show what changes and what does not, and record them."""
    from integrationsnetz.cli.times import parse_day
    from integrationsnetz.mail import answer_invitations, read_imap, read_replies

    if not sources and imap is None:
        raise click.UsageError(say("mail.replies.nothing"))
    read = read_replies(*sources)
    if imap is not None:
        host, _, port_text = imap.rpartition(":") if imap.count(":") == 1 else (imap, "", "")
        if port_text and not port_text.isdigit():
            raise click.UsageError(say("mail.replies.bad_port", value=imap))
        read += read_imap(host, port=int(port_text) if port_text else None, folder=folder,
                          security=_SECURITY[security], since=parse_day(since))  # type: ignore[arg-type]  # fmt: skip
    workspace: Workspace = ctx.obj.workspace()
    with workspace.open_store() as store:
        state = read_state(workspace, store)
        # a day ahead of this computer's clock: another's may be off, a forged stamp years ahead is not applied
        report = answer_invitations(state.data, read.replies, not_after=datetime.now(UTC) + timedelta(days=1))
        names = Names(state.data)
        if as_json:
            click.echo(_as_json(read, report.outcomes))
            for o in report.outcomes:  # the JSON's sent_by, also where a person reads it
                if o.other_sender:
                    where = (
                        f"{o.meeting_id or o.reply.uid} · {names.of(o.actor_id) if o.actor_id else o.reply.attendee}"
                    )
                    click.echo(say("mail.replies.other_sender.notice", who=where, sender=o.reply.sender), err=True)
        else:
            _show(read, report.outcomes, names)
        if dry_run:
            click.echo(say("mail.replies.dry"), err=as_json)
            return
        if not report.meetings:
            click.echo(say("mail.replies.none_changed"), err=as_json)
            return
        rows = [
            (f"{o.meeting_id} · {names.of(o.actor_id or '')}", _status(o.before), _status(o.after))
            for o in report.updated
        ]
        with pending(state, store, report.meetings) as change:
            heading = say("mail.replies.confirm", count=len(report.meetings), store=store.url.masked)
            confirm(ctx, heading, rows, change.notes, yes=yes)
            saved = change.commit()
        click.echo(say("mail.replies.saved", count=len(saved), ids=", ".join(e.id for e in saved)), err=as_json)


def _status(status: object) -> str:
    from integrationsnetz.exporters.wording import status_word

    value = getattr(status, "value", None)
    return status_word(value, LANGUAGE.get()) if isinstance(value, str) else "–"


def _answer(outcome: Outcome) -> str:
    answer = outcome.reply.answer
    return say(f"mail.replies.answer.{answer}") if answer in _ANSWERS else answer


def _show(read: ReadReplies, outcomes: Sequence[Outcome], names: Names) -> None:
    click.echo(say("mail.replies.read", messages=read.messages, replies=len(read.replies), passed=read.passed_over))
    language = LANGUAGE.get()
    for group in ("changed", "proposed", "ignored", "unmatched"):
        wanted = "updated" if group == "changed" else group
        chosen = [o for o in outcomes if o.verdict.group == wanted]
        if not chosen:
            continue
        click.echo(say(f"mail.replies.{group}", count=len(chosen)))
        rows = [(say("mail.replies.head.meeting"), say("mail.replies.head.who"), say("mail.replies.head.answer"),
                 say("mail.replies.head.result"), say("mail.replies.head"))]  # fmt: skip
        for o in chosen:
            who = names.of(o.actor_id) if o.actor_id else o.reply.attendee
            if o.other_sender:
                who += f" ({say('mail.replies.other_sender', sender=o.reply.sender)})"
            if o.shared_with:
                who += f" ({say('mail.replies.shared', others=', '.join(names.of(a) for a in o.shared_with))})"
            result = o.reason(language)
            if o.before is not None and o.after is not None:
                result = f"{_status(o.before)} → {_status(o.after)}"
            rows.append((o.meeting_id or o.reply.summary or o.reply.uid, who, _answer(o), result, o.reply.source))
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        for row in rows:
            click.echo("  " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4])
    if read.problems:
        click.echo(say("mail.replies.problems", count=len(read.problems)))
        for problem in read.problems:
            click.echo(f"  {problem.source}: {problem.reason_in(language)}")


def _as_json(read: ReadReplies, outcomes: Sequence[Outcome]) -> str:
    language = LANGUAGE.get()
    return json.dumps(
        {
            "messages": read.messages,
            "passed_over": read.passed_over,
            "outcomes": [
                {
                    "source": o.reply.source,
                    "uid": o.reply.uid,
                    "attendee": o.reply.attendee,
                    "answer": o.reply.answer,
                    "meeting_id": o.meeting_id,
                    "actor_id": o.actor_id,
                    "verdict": o.verdict.value,
                    "group": o.verdict.group,
                    "reason": o.reason(language),
                    "shared_with": list(o.shared_with),
                    "sent_by": o.reply.sender if o.other_sender else None,
                    "proposed_start": o.reply.proposed_start.isoformat() if o.reply.proposed_start else None,
                    "proposed_end": o.reply.proposed_end.isoformat() if o.reply.proposed_end else None,
                }
                for o in outcomes
            ],
            "problems": [{"source": p.source, "reason": p.reason_in(language)} for p in read.problems],
        },
        ensure_ascii=False,
        indent=2,
    )


COMMANDS = (rueckmeldungen,)
