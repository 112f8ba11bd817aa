"""``integrationsnetz ort neu|raum``: the places where the network meets, and their rooms.

A coordinator adds the district office and its meeting rooms once, before the planning file
names them (``venues = [{ venue_id = …, room_id = … }]``) or ``termin aendern --ort`` does. The
commands change the network as every changing command does (:mod:`integrationsnetz.cli.editing`):
the change is shown field by field and asked for (or ``--yes``), a new venue goes into the store in
one transaction, and a venue the network document defines is changed there too.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

import click

from integrationsnetz.cli.editing import (
    answer_options,
    changed_fields,
    changing,
    echo_saved,
    free_id,
    in_store,
    write_one,
)
from integrationsnetz.cli.help import Group, option
from integrationsnetz.cli.readable import Names, label
from integrationsnetz.cli.times import DEFAULT_ZONE, zone_named
from integrationsnetz.cli.wording import say
from integrationsnetz.cli.workspace import Failure

if TYPE_CHECKING:
    from integrationsnetz.cli.editing import State
    from integrationsnetz.model import Address, Venue
    from integrationsnetz.store import Store

_POSTAL_CITY = re.compile(r"(?P<postal>\d{5})\s+(?P<city>\S.*)")


def parse_address(text: str) -> Address:
    """``"Erzberger Allee 14, 36433 Bad Salzungen"`` as an address: street before the last comma, then
    postcode and city (the postcode may be left out; a city alone is an address too)."""
    import integrationsnetz as inz

    street, comma, place = text.rpartition(",")
    place = place.strip()
    if (comma and not street.strip()) or not place:
        raise click.BadParameter(say("ort.bad_address", value=text), param_hint="'--adresse'")
    found = _POSTAL_CITY.fullmatch(place)
    postal, city = (found["postal"], found["city"].strip()) if found else (None, place)
    return inz.Address(street=street.strip() or None, postal_code=postal, city=city)


_room_options = (
    option("--plaetze", "capacity", type=click.IntRange(0, 100_000), help="help.ort.plaetze"),
    option("--barrierefrei/--nicht-barrierefrei", "step_free", default=None, help="help.ort.barrierefrei"),
)


@click.group("ort", cls=Group, help="help.ort", short_help="short.ort")
def ort() -> None:
    """The venue commands."""


def _save(
    ctx: click.Context,
    store: Store,
    state: State,
    after: Venue,
    rows: list[tuple[str, str, str]],
    *,
    new: bool,
    yes: bool,
    json_out: bool,
) -> None:
    """Show, ask, write one venue (the store, and the document if it defines the venue)."""
    key = "ort.new" if new else "ort.change"
    heading = say(key, id=after.id, store=store.url.masked)
    saved = write_one(ctx, store, state, after, heading=heading, rows=rows, yes=yes)
    echo_saved(saved, json_out=json_out)


def _taken(state: State, store: Store, venue_id: str) -> bool:
    import integrationsnetz as inz

    return any(v.id == venue_id for v in state.data.venues) or in_store(store, inz.Venue, venue_id)


@ort.command("neu", help="help.ort.neu", short_help="short.ort.neu")
@option("--name", required=True, help="help.ort.name")
@option("--adresse", "address", required=True, help="help.ort.adresse")
@option("--id", "venue_id", metavar="ID", help="help.ort.id")
@_room_options[0]
@_room_options[1]
@option("--traeger", "owner", metavar="ID", help="help.ort.traeger")
@answer_options
@click.pass_context
def neu(
    ctx: click.Context,
    *,
    name: str,
    address: str,
    venue_id: str | None,
    capacity: int | None,
    step_free: bool | None,
    owner: str | None,
    yes: bool,
    as_json: bool,
) -> None:
    """Add a venue to the store."""
    import integrationsnetz as inz
    from integrationsnetz.cli.commands.init import slug

    where = parse_address(address)
    with changing(ctx) as (store, state):
        if owner is not None and owner not in {o.id for o in state.data.organizations}:
            raise Failure(say("ort.unknown_owner", id=owner))
        if venue_id is None:
            venue_id = free_id(slug(name)[:60], functools.partial(_taken, state, store))
        elif _taken(state, store, venue_id):
            raise Failure(say("ort.exists", id=venue_id))
        venue = inz.Venue(id=venue_id, network_id=state.network_id, name=name, address=where, capacity=capacity,
                          step_free=step_free, owner_id=owner)  # fmt: skip
        rows = changed_fields(None, venue, zone_named(DEFAULT_ZONE), Names(state.data))
        _save(ctx, store, state, venue, rows, new=True, yes=yes, json_out=as_json)


@ort.command("raum", help="help.ort.raum", short_help="short.ort.raum")
@click.argument("venue_id", metavar="ORT")
@option("--name", required=True, help="help.ort.name")
@option("--id", "room_id", metavar="ID", help="help.ort.id")
@_room_options[0]
@_room_options[1]
@answer_options
@click.pass_context
def raum(
    ctx: click.Context,
    *,
    venue_id: str,
    name: str,
    room_id: str | None,
    capacity: int | None,
    step_free: bool | None,
    yes: bool,
    as_json: bool,
) -> None:
    """Add a room to a venue."""
    import attrs

    import integrationsnetz as inz
    from integrationsnetz.cli.commands.init import slug

    with changing(ctx) as (store, state):
        before = next((v for v in state.data.venues if v.id == venue_id), None)
        if before is None:
            raise Failure(say("ort.unknown", id=venue_id))
        taken = {room.id for room in before.rooms}
        if room_id is None:
            room_id = free_id(slug(name)[:60], taken.__contains__)
        elif room_id in taken:
            raise Failure(say("ort.exists", id=room_id))
        room = inz.Room(id=room_id, name=name, capacity=capacity, step_free=step_free)
        after: Any = attrs.evolve(before, rooms=(*before.rooms, room))
        shown = ", ".join(
            [
                room.name,
                *([str(capacity)] if capacity is not None else []),
                *([say("ort.yes" if step_free else "ort.no")] if step_free is not None else []),
            ]
        )
        rows = [(f"{label('rooms')} {room_id}", "–", shown)]
        _save(ctx, store, state, after, rows, new=False, yes=yes, json_out=as_json)


COMMANDS = (ort,)
