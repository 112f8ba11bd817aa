"""``integrationsnetz aufgabe neu|erledigt``: a working group's tasks, written like meetings.

A task lives in its working group, so adding or closing one writes the group: to the store,
and to the network document too when the group is defined there (as the meeting commands do,
through :mod:`integrationsnetz.cli.editing`).
"""

from __future__ import annotations

from typing import Any

import click

from integrationsnetz.cli.editing import (
    answer_options,
    as_json,
    changed_fields,
    changing,
    find_group,
    free_id,
    write_one,
)
from integrationsnetz.cli.help import Group, option
from integrationsnetz.cli.readable import Names
from integrationsnetz.cli.texts import cut_rows
from integrationsnetz.cli.times import DEFAULT_ZONE, zone_named
from integrationsnetz.cli.wording import say
from integrationsnetz.cli.workspace import Failure


@click.group("aufgabe", cls=Group, help="help.aufgabe", short_help="short.aufgabe")
def aufgabe() -> None:
    """The task commands."""


def _write_group(
    ctx: click.Context, store: Any, state: Any, change: tuple[Any, Any], task_id: str, *, yes: bool, json_out: bool
) -> None:
    before, after = change
    old = next((t for t in before.tasks if t.id == task_id), None)
    new = next(t for t in after.tasks if t.id == task_id)
    rows = cut_rows(changed_fields(old, new, zone_named(DEFAULT_ZONE), Names(state.data)))
    key = "edit.new_task" if old is None else "edit.change_task"
    heading = say(key, id=task_id, group=before.id, store=store.url.masked)
    saved = write_one(ctx, store, state, after, heading=heading, rows=rows, yes=yes)
    if json_out:
        click.echo(as_json([new]))
    else:
        click.echo(say("edit.saved_task", id=task_id, group=saved.id, revision=saved.revision))


@aufgabe.command("neu", help="help.aufgabe.neu", short_help="short.aufgabe.neu")
@option("--gruppe", "group_id", metavar="ID", required=True, help="help.aufgabe.gruppe")
@option("--titel", "title", required=True, help="help.aufgabe.titel")
@option("--verantwortlich", "owner", metavar="ID", help="help.aufgabe.verantwortlich")
@option("--faellig", "due", metavar="DATUM", help="help.aufgabe.faellig")
@option("--termin", "meeting_id", metavar="ID", help="help.aufgabe.termin")
@option("--id", "task_id", metavar="ID", help="help.aufgabe.id")
@answer_options
@click.pass_context
def neu(
    ctx: click.Context,
    *,
    group_id: str,
    title: str,
    owner: str | None,
    due: str | None,
    meeting_id: str | None,
    task_id: str | None,
    yes: bool,
    as_json: bool,
) -> None:
    """Add a task to a working group."""
    import attrs

    import integrationsnetz as inz
    from integrationsnetz.cli.commands.init import slug
    from integrationsnetz.cli.times import parse_day

    due_day = parse_day(due)
    with changing(ctx) as (store, state):
        group = find_group(state, group_id)
        taken = {task.id for g in state.data.groups for task in g.tasks}
        if task_id is None:
            task_id = free_id(slug(title), taken.__contains__)
        elif task_id in taken:
            raise Failure(say("edit.exists", id=task_id))
        for actor in (owner,):
            if actor is not None and actor not in {p.id for p in state.data.persons} | {
                o.id for o in state.data.organizations
            }:
                raise Failure(say("edit.unknown_actor", id=actor))
        if meeting_id is not None and meeting_id not in {m.id for m in state.data.meetings}:
            raise Failure(say("edit.no_meeting", id=meeting_id))
        task = inz.Task(id=task_id, title=title, owner_id=owner, due=due_day, origin_meeting_id=meeting_id)
        after = attrs.evolve(group, tasks=(*group.tasks, task))
        _write_group(ctx, store, state, (group, after), task_id, yes=yes, json_out=as_json)


@aufgabe.command("erledigt", help="help.aufgabe.erledigt", short_help="short.aufgabe.erledigt")
@click.argument("task_id", metavar="ID")
@answer_options
@click.pass_context
def erledigt(ctx: click.Context, task_id: str, yes: bool, as_json: bool) -> None:
    """Close a task: status done."""
    import attrs

    import integrationsnetz as inz

    with changing(ctx) as (store, state):
        holders = [g for g in state.data.groups if any(t.id == task_id for t in g.tasks)]
        if not holders:
            raise Failure(say("edit.no_task", id=task_id))
        group = find_group(state, holders[0].id)
        task = next((t for t in group.tasks if t.id == task_id), None)
        if task is None:
            raise Failure(say("edit.no_task", id=task_id))
        if task.status is inz.TaskStatus.DONE:
            click.echo(say("edit.unchanged", id=task_id))
            return
        done = attrs.evolve(task, status=inz.TaskStatus.DONE)
        after = attrs.evolve(group, tasks=tuple(done if t.id == task_id else t for t in group.tasks))
        _write_group(ctx, store, state, (group, after), task_id, yes=yes, json_out=as_json)


COMMANDS = (aufgabe,)
