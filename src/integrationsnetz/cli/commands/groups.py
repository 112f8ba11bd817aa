"""``integrationsnetz gruppe neu|mitglied``: working groups and who belongs to them.

Tasks belong to a working group (``aufgabe neu --gruppe``), so a coordinator needs one before the
first task: ``gruppe neu`` makes it from the people and organisations the member list brought in.
A group's leads and members are :class:`~integrationsnetz.model.Membership` records of their own
(``group_id`` set, role ``co_lead`` or ``member``), so both commands write the group and those
records together, as every changing command does (:mod:`integrationsnetz.cli.editing`): shown,
asked for (or ``--yes``), the store in one transaction under the workspace's lock, and the network
document rewritten where it defines a changed record. A member who leaves keeps their membership
as history, ended today (``until``), as the model records memberships.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

import click

from integrationsnetz.cli.editing import (
    answer_options,
    as_json,
    changing,
    confirm,
    find_group,
    free_id,
    pending,
)
from integrationsnetz.cli.help import Group, option
from integrationsnetz.cli.readable import Names, label
from integrationsnetz.cli.wording import say
from integrationsnetz.cli.workspace import Failure

if TYPE_CHECKING:
    from integrationsnetz.cli.editing import State
    from integrationsnetz.model import Entity, Membership, Role
    from integrationsnetz.store import Store


@click.group("gruppe", cls=Group, help="help.gruppe", short_help="short.gruppe")
def gruppe() -> None:
    """The working group commands."""


def _free(taken: set[str], base: str) -> str:
    candidate = free_id(base, taken.__contains__)
    taken.add(candidate)
    return candidate


def _running(membership: Membership, today: date) -> bool:
    """Not ended (a member leaving today is gone): running now, or starting later (a group founded ahead)."""
    return membership.until is None or membership.until > today


def _known_actor(state: State, actor_id: str) -> None:
    actors = {p.id for p in state.data.persons} | {o.id for o in state.data.organizations}
    if actor_id not in actors:
        raise Failure(say("gruppe.unknown_actor", id=actor_id))


def _stored_ids(store: Store, cls: type[Entity]) -> set[str]:
    return {entity.id for entity in store.list(cls)}


def _memberships(state: State, store: Store, group_id: str, joining: Sequence[tuple[str, Role]],
                 since: date) -> list[Membership]:  # fmt: skip
    """A new membership of ``group_id`` for each (actor, role), with an id no record has yet."""
    import integrationsnetz as inz

    taken = {m.id for m in state.data.memberships} | _stored_ids(store, inz.Membership)
    made = []
    for actor, role in joining:
        made.append(inz.Membership(id=_free(taken, f"{group_id}-{actor}"[:190]), network_id=state.network_id,
                                   actor_id=actor, role=role, group_id=group_id, since=since))  # fmt: skip
    return made


def _write(
    ctx: click.Context,
    store: Store,
    state: State,
    change: tuple[str, list[tuple[str, str, str]]],
    *,
    entities: Sequence[Entity],
    group_id: str,
    yes: bool,
    json_out: bool,
) -> None:
    """Show, ask, write the group's records; then say how many members it has."""
    import integrationsnetz as inz

    heading, rows = change
    with pending(state, store, entities) as write:
        confirm(ctx, heading, rows, write.notes, yes=yes)
        saved = write.commit()
    if json_out:
        click.echo(as_json(saved))
        return
    today = date.today()
    held = [*store.list(inz.Membership), *(state.document.memberships if state.document else ())]
    members = {m.actor_id for m in held if m.group_id == group_id and _running(m, today)}
    click.echo(say("gruppe.saved", id=group_id, count=len(members)))


@gruppe.command("neu", help="help.gruppe.neu", short_help="short.gruppe.neu")
@option("--name", required=True, help="help.gruppe.name")
@option("--thema", "topic", help="help.gruppe.thema")
@option("--id", "group_id", metavar="ID", help="help.gruppe.id")
@option("--seit", "since", metavar="DATUM", help="help.gruppe.seit")
@option("--leitung", "leads", metavar="ID", multiple=True, help="help.gruppe.leitung")
@option("--mitglied", "members", metavar="ID", multiple=True, help="help.gruppe.mitglied_id")
@answer_options
@click.pass_context
def neu(
    ctx: click.Context,
    *,
    name: str,
    topic: str | None,
    group_id: str | None,
    since: str | None,
    leads: tuple[str, ...],
    members: tuple[str, ...],
    yes: bool,
    as_json: bool,
) -> None:
    """Create a working group with its leads and members."""
    import integrationsnetz as inz
    from integrationsnetz.cli.commands.init import slug
    from integrationsnetz.cli.times import parse_day

    founded = parse_day(since) or date.today()
    with changing(ctx) as (store, state):
        taken = {g.id for g in state.data.groups} | _stored_ids(store, inz.WorkingGroup)
        if group_id is None:
            group_id = _free(taken, slug(name)[:60])
        elif group_id in taken:
            raise Failure(say("gruppe.exists", id=group_id))
        joining: dict[str, Role] = {}
        for actor in (*leads, *members):
            _known_actor(state, actor)
            joining.setdefault(actor, inz.Role.CO_LEAD if actor in leads else inz.Role.MEMBER)
        group = inz.WorkingGroup(id=group_id, network_id=state.network_id, name=name, topic=topic or name,
                                 founded=founded)  # fmt: skip
        records = _memberships(state, store, group_id, list(joining.items()), founded)
        names = Names(state.data)
        rows = [(label("name"), "–", name), (label("topic"), "–", group.topic),
                (label("founded"), "–", f"{founded:%d.%m.%Y}")]  # fmt: skip
        rows += [(label(f"role.{m.role.value}"), "–", names.of(m.actor_id)) for m in records]
        heading = say("gruppe.new", id=group_id, store=store.url.masked)
        _write(
            ctx, store, state, (heading, rows), entities=[group, *records], group_id=group_id, yes=yes, json_out=as_json
        )


@gruppe.command("mitglied", help="help.gruppe.mitglied", short_help="short.gruppe.mitglied")
@click.argument("group_id", metavar="GRUPPE")
@option("--dazu", "joining", metavar="ID", multiple=True, help="help.gruppe.dazu")
@option("--weg", "leaving", metavar="ID", multiple=True, help="help.gruppe.weg")
@option("--leitung", "lead", is_flag=True, help="help.gruppe.als_leitung")
@answer_options
@click.pass_context
def mitglied(
    ctx: click.Context,
    *,
    group_id: str,
    joining: tuple[str, ...],
    leaving: tuple[str, ...],
    lead: bool,
    yes: bool,
    as_json: bool,
) -> None:
    """Add members to a working group, or end their membership today."""
    import attrs

    import integrationsnetz as inz

    if not joining and not leaving:
        raise click.UsageError(say("gruppe.nothing"))
    today = date.today()
    with changing(ctx) as (store, state):
        group = find_group(state, group_id)
        current = {m.actor_id: m for m in state.data.memberships if m.group_id == group.id and _running(m, today)}
        names = Names(state.data)
        rows: list[tuple[str, str, str]] = []
        ended: list[Membership] = []
        for actor in dict.fromkeys(leaving):
            if actor not in current:
                raise Failure(say("gruppe.not_member", id=actor, group=group.id))
            membership = current[actor]
            ended.append(attrs.evolve(membership, until=max(today, membership.since)))
            rows.append((names.of(actor), label(f"role.{membership.role.value}"), say("gruppe.leaves")))
        role = inz.Role.CO_LEAD if lead else inz.Role.MEMBER
        for actor in dict.fromkeys(joining):
            _known_actor(state, actor)
            if actor in current:
                raise Failure(say("gruppe.already", id=actor, group=group.id))
            rows.append((names.of(actor), "–", f"{label(f'role.{role.value}')} ({say('gruppe.joins')})"))
        new = _memberships(state, store, group.id, [(actor, role) for actor in dict.fromkeys(joining)], today)
        heading = say("gruppe.change", id=group.id, store=store.url.masked)
        _write(
            ctx, store, state, (heading, rows), entities=[*ended, *new], group_id=group.id, yes=yes, json_out=as_json
        )


COMMANDS = (gruppe,)
