"""``integrationsnetz termin top|top-streichen``: a meeting's agenda items (TOPs), one at a time.

The invitation prints the agenda with its times and presenters, so the coordinator fills it in
before inviting. An item's place is its number: inserting one (``--position``) moves the following
items down, and the decisions of the minutes, which name their item by its place, move with them;
an item that decisions refer to is not removed. The commands write as every meeting command does
(:mod:`integrationsnetz.cli.editing`): the change shown, asked for (or ``--yes``), the store in one
transaction, and the document too where it defines the meeting. They join the ``termin`` group.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from integrationsnetz.cli.commands.meetings import termin, write_meeting
from integrationsnetz.cli.editing import answer_options, changing, open_meeting
from integrationsnetz.cli.help import option
from integrationsnetz.cli.wording import LANGUAGE, say
from integrationsnetz.cli.workspace import Failure

if TYPE_CHECKING:
    from integrationsnetz.model import AgendaItem, Minutes

ITEM_KINDS = ("welcome", "input", "address", "report", "figures", "break", "discussion", "announcement", "closing",
              "other")  # fmt: skip


def _label(item: AgendaItem) -> str:
    """An item as the change shows it: title, minutes, presenters."""
    from integrationsnetz.exporters.wording import word

    parts = [item.title]
    if item.minutes:
        parts.append(f"({item.minutes} {word('minutes_short', LANGUAGE.get())})")
    if item.presenter_ids:
        parts.append("– " + ", ".join(item.presenter_ids))
    return " ".join(parts)


def _renumbered(minutes: Minutes | None, moved: int, by: int) -> Minutes | None:
    """``minutes`` with every decision on item ``moved`` or later moved ``by`` places."""
    import attrs

    if minutes is None:
        return None
    decisions = tuple(
        attrs.evolve(d, agenda_item=d.agenda_item + by) if d.agenda_item is not None and d.agenda_item >= moved else d
        for d in minutes.decisions
    )
    return attrs.evolve(minutes, decisions=decisions)


@termin.command("top", help="help.termin.top", short_help="short.termin.top")
@click.argument("meeting_id", metavar="ID")
@option("--titel", "title", required=True, help="help.top.titel")
@option("--dauer", "length", metavar="MINUTEN", type=click.IntRange(0, 24 * 60), help="help.top.dauer")
@option("--referent", "presenters", metavar="ID", multiple=True, help="help.top.referent")
@option("--position", type=click.IntRange(1, None), help="help.top.position")
@option("--art", "kind", type=click.Choice(ITEM_KINDS), default="other", show_default=True, help="help.top.art")
@option("--beschreibung", "description", help="help.top.beschreibung")
@answer_options
@click.pass_context
def top(
    ctx: click.Context,
    *,
    meeting_id: str,
    title: str,
    length: int | None,
    presenters: tuple[str, ...],
    position: int | None,
    kind: str,
    description: str | None,
    yes: bool,
    as_json: bool,
) -> None:
    """Add an agenda item at the end, or at ``--position`` (the following items and their decisions move down)."""
    import attrs

    import integrationsnetz as inz

    with changing(ctx) as (store, state):
        before = open_meeting(state, meeting_id)
        actors = {p.id for p in state.data.persons} | {o.id for o in state.data.organizations}
        for presenter in presenters:
            if presenter not in actors:
                raise Failure(say("edit.unknown_actor", id=presenter))
        count = len(before.agenda)
        place = count + 1 if position is None else position
        if place > count + 1:
            raise Failure(say("top.bad_position", position=place, id=meeting_id, count=count, last=count + 1))
        item = inz.AgendaItem(kind=inz.AgendaItemKind(kind), title=title, minutes=length, description=description,
                              presenter_ids=tuple(dict.fromkeys(presenters)))  # fmt: skip
        agenda = (*before.agenda[: place - 1], item, *before.agenda[place - 1 :])
        after = attrs.evolve(before, agenda=agenda, minutes=_renumbered(before.minutes, place - 1, 1))
        rows = [(f"TOP {place}", "–", _label(item))]
        rows += [(moved.title, f"TOP {n}", f"TOP {n + 1}") for n, moved in enumerate(agenda[place:], start=place)]
        write_meeting(ctx, store, state, before, after, rows=rows, yes=yes, json_out=as_json)


@termin.command("top-streichen", help="help.termin.top_streichen", short_help="short.termin.top_streichen")
@click.argument("meeting_id", metavar="ID")
@click.argument("number", metavar="NR", type=click.IntRange(1, None))
@answer_options
@click.pass_context
def top_streichen(ctx: click.Context, meeting_id: str, number: int, yes: bool, as_json: bool) -> None:
    """Remove agenda item ``number``; the following items (and their decisions) move up."""
    import attrs

    with changing(ctx) as (store, state):
        before = open_meeting(state, meeting_id)
        count = len(before.agenda)
        if number > count:
            raise Failure(say("top.bad_position", position=number, id=meeting_id, count=count, last=max(count, 1)))
        recorded = before.minutes.decisions if before.minutes else ()
        decisions = [d.text for d in recorded if d.agenda_item == number - 1]
        if decisions:
            raise Failure(say("top.has_decisions", number=number, id=meeting_id, decisions="; ".join(decisions)))
        removed = before.agenda[number - 1]
        agenda = (*before.agenda[: number - 1], *before.agenda[number:])
        after = attrs.evolve(before, agenda=agenda, minutes=_renumbered(before.minutes, number, -1))
        rows = [(f"TOP {number}", _label(removed), "–")]
        moving = enumerate(agenda[number - 1 :], start=number)
        rows += [(moved.title, f"TOP {n + 1}", f"TOP {n}") for n, moved in moving]
        write_meeting(ctx, store, state, before, after, rows=rows, yes=yes, json_out=as_json)


COMMANDS: tuple[click.Command, ...] = ()  # both join ``termin`` (cli/commands/meetings.py) when imported
