"""``integrationsnetz store info | migrieren | kopieren``: the store as a whole.

``kopieren`` moves a district from one store to another (``sqlite:`` to ``postgresql:`` when it
outgrows a file): every live entity of every network, written in one transaction of the target,
so an interrupted copy (Ctrl-C, a lost connection) leaves the target as it was. Revisions start
again in the target (it is a new store); tombstones are not copied (they hold no data). A target
that holds entries already is refused unless ``--ersetzen`` is given.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

import click

from integrationsnetz.cli.changes import ask
from integrationsnetz.cli.help import Command, Group, option
from integrationsnetz.cli.settings import Settings
from integrationsnetz.cli.wording import say
from integrationsnetz.cli.workspace import Failure

if TYPE_CHECKING:
    from integrationsnetz.model import Entity
    from integrationsnetz.store import Store

#: Entities per ``put_many`` of a copy: one step of the progress bar.
CHUNK = 500


@click.group("store", cls=Group, help="help.store_group", short_help="short.store")
def store_group() -> None:
    """The group of store commands."""


def recorded_version(url: str) -> int | None:
    """The schema version a ``sqlite:`` file records, read without opening (and so upgrading) it; else None."""
    from integrationsnetz.store import StoreURL
    from integrationsnetz.store.sqlite_layout import recorded_version as recorded

    parsed = StoreURL.parse(url)
    if parsed.base_scheme != "sqlite" or parsed.host or not parsed.path:
        return None
    return recorded(parsed.path)


def _entities(store: Store) -> Iterator[Entity]:
    """Every live entity of the store, the networks first."""
    from integrationsnetz.model.network_data import ENTITY_TYPES

    kinds = sorted(ENTITY_TYPES.values(), key=lambda kind: kind.__name__ != "Network")
    for kind in kinds:
        yield from store.list(kind)


def _count(store: Store) -> dict[str, int]:
    from integrationsnetz.model.network_data import ENTITY_TYPES

    return {name: len(store.list(kind)) for name, kind in ENTITY_TYPES.items()}


@store_group.command("info", cls=Command, help="help.store.info", short_help="short.store.info")
@click.pass_obj
def info(settings: Settings) -> None:
    """URL, backend, schema version, networks, and the entries of each kind."""
    import integrationsnetz as inz
    from integrationsnetz.store import schema_version_of
    from integrationsnetz.store.schema import current_version

    workspace = settings.workspace()
    if workspace.store_url is None:
        raise Failure(say("missing", what="Store", option="--store"))
    version = recorded_version(workspace.store_url)  # a sqlite: file as it was before this opening
    with workspace.open_store() as store:
        version = version if version is not None else schema_version_of(store)
        click.echo(say("store.url", url=store.url.masked))
        click.echo(say("store.backend", scheme=store.url.base_scheme))
        click.echo(say("store.version", version=version if version is not None else "?", current=current_version()))
        for network in store.list(inz.Network):
            click.echo(say("store.network", id=network.id, name=network.name))
        counts = _count(store)
    for name, count in counts.items():
        if count:
            click.echo(f"  {name}: {count}")
    click.echo(say("store.total", count=sum(counts.values())))


@store_group.command("migrieren", cls=Command, help="help.store.migrieren", short_help="short.store.migrieren")
@option("--yes", "-y", is_flag=True, help="help.yes")
@click.pass_obj
def migrieren(settings: Settings, yes: bool) -> None:
    """Say from which version to which, ask, then open the store: opening upgrades it in one transaction."""
    import integrationsnetz as inz
    from integrationsnetz.store import schema_version_of
    from integrationsnetz.store.schema import current_version

    workspace = settings.workspace()
    if workspace.store_url is None:
        raise Failure(say("missing", what="Store", option="--store"))
    url = inz.StoreURL.parse(workspace.store_url).masked
    if (old := recorded_version(workspace.store_url)) is None:
        # Not a sqlite: file read aside: the store says it once opened (PostgreSQL, files:, jsonl:
        # migrate when opened, so an older one is brought up to date by this very opening).
        with workspace.open_store() as store:
            old = schema_version_of(store)
        if old is None:
            raise Failure(say("store.version_unknown", url=url))
    if old >= current_version():
        click.echo(say("store.current", url=url, version=old))
        return
    click.echo(say("store.migrate_from", url=url, old=old, new=current_version()))
    ask(yes)
    with workspace.open_store() as store:
        new = schema_version_of(store)
    click.echo(say("store.migrated", url=url, version=new if new is not None else current_version()))


@store_group.command("kopieren", cls=Command, help="help.store.kopieren", short_help="short.store.kopieren")
@click.argument("target_url", metavar="ZIEL")
@option("--von", "source_url", metavar="URL", help="help.store.von")
@option("--ersetzen", "replace", is_flag=True, help="help.store.ersetzen")
@option("--yes", "-y", is_flag=True, help="help.yes")
@click.pass_obj
def kopieren(settings: Settings, target_url: str, source_url: str | None, replace: bool, yes: bool) -> None:
    """Copy every live entity into the target, in one transaction of the target, with a progress bar."""
    import integrationsnetz as inz

    if source_url is None:
        workspace = settings.workspace()
        if workspace.store_url is None:
            raise Failure(say("missing", what="Store", option="--von"))
        source_url = workspace.store_url
    if inz.StoreURL.parse(source_url).raw == inz.StoreURL.parse(target_url).raw:
        raise Failure(say("store.same"))
    with inz.open_store(source_url) as source, inz.open_store(target_url) as target:
        held = sum(_count(target).values())
        if held and not replace:
            raise Failure(say("store.target_full", url=target.url.masked, count=held))
        entities = list(_entities(source))
        click.echo(say("store.copy_preview", source=source.url.masked, target=target.url.masked, count=len(entities)))
        ask(yes)
        click.echo(say("store.copying", count=len(entities)))
        sys.stdout.flush()
        chunks = [entities[start : start + CHUNK] for start in range(0, len(entities), CHUNK)]
        with target.transaction():
            if sys.stdout.isatty():
                with click.progressbar(length=len(entities), label=target.url.masked) as bar:
                    for chunk in chunks:
                        _put(target, chunk, replace)
                        bar.update(len(chunk))
            else:
                for chunk in chunks:
                    _put(target, chunk, replace)
    click.echo(say("store.copied", count=len(entities), target=inz.StoreURL.parse(target_url).masked))


def _put(target: Store, chunk: list[Entity], replace: bool) -> None:
    """One chunk into the target: new entities at revision 0, or over the target's own (``--ersetzen``)."""
    import attrs

    if replace:
        from integrationsnetz.cli.changes import against_store

        target.put_many(list(against_store(target, chunk).writes), draft=True)
        return
    target.put_many([attrs.evolve(entity, revision=0) for entity in chunk], draft=True)


COMMANDS = (store_group,)
