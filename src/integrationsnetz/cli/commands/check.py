"""``integrationsnetz check``: every problem of the document, the store's network and the planning file.

The planning file is checked against the network as ``plan`` reads it (the document's entities and
what the store holds beyond them), so people imported into the store may be named in it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from integrationsnetz.cli.help import Command, option
from integrationsnetz.cli.settings import Settings
from integrationsnetz.cli.wording import say
from integrationsnetz.cli.workspace import combined, stored_network

if TYPE_CHECKING:
    from integrationsnetz.model import NetworkData


def _report(source: str, problems: list[str], found: list[dict[str, object]] | None = None,
            warnings: list[str] | None = None) -> None:  # fmt: skip
    """Print what one source holds, or (``--json``) add it to ``found`` to print at the end.

    ``warnings`` (texts with control characters) are shown but are no problems: the exit code ignores them.
    """
    warnings = warnings or []
    if found is not None:
        found.append({"source": source, "problems": problems, "warnings": warnings})
        return
    if not problems:
        click.echo(say("check.ok", source=source))
    else:
        click.echo(say("check.problems", source=source, count=len(problems)))
        for problem in problems:
            click.echo(f"  {problem}")
    if warnings:
        click.echo(say("check.warnings", source=source, count=len(warnings)))
        for warning in warnings:
            click.echo(f"  {warning}")


def _warnings(data: NetworkData | None) -> list[str]:
    from integrationsnetz.integrity import unprintable_texts

    return [] if data is None else [str(warning) for warning in unprintable_texts(data)]


@click.command("check", cls=Command, help="help.check", short_help="short.check")
@option("--json", "as_json", is_flag=True, help="help.check.json")
@click.pass_context
def check(ctx: click.Context, as_json: bool) -> None:
    """Check each source the workspace names; exit 1 when any has a problem."""
    import integrationsnetz as inz
    from integrationsnetz.schedule import load_plan_config

    settings: Settings = ctx.obj
    workspace = settings.workspace()
    found = 0
    sources: list[dict[str, object]] | None = [] if as_json else None
    document = stored = None
    if workspace.document is not None:
        try:
            document = inz.documents.load(workspace.document)
            problems = [str(problem) for problem in inz.check(document)]
        except inz.InvalidData as exc:
            problems = list(exc.problems)
        _report(str(workspace.document), problems, sources, _warnings(document))
        found += len(problems)
    if workspace.store_url is not None:
        with workspace.open_store() as store:
            stored = stored_network(store, document.network.id if document else None)
            label = store.url.masked
        if stored is not None:
            problems = [str(problem) for problem in inz.check(stored)]
            _report(label, problems, sources, _warnings(stored))
            found += len(problems)
    if workspace.planning is not None:
        try:
            network = combined(document, stored) if document and stored else document or stored
            load_plan_config(workspace.planning, data=network)
            problems = []
        except inz.InvalidData as exc:
            problems = list(exc.problems)
        _report(str(workspace.planning), problems, sources)
        found += len(problems)
    if sources is not None:
        click.echo(json.dumps({"problems": found, "sources": sources}, ensure_ascii=False, indent=2))
    if found:
        ctx.exit(1)


COMMANDS = (check,)
