"""``integrationsnetz plugins``: what is loaded, from which distribution and version, and what failed."""

from __future__ import annotations

import json

import click

from integrationsnetz.cli.help import Command, option
from integrationsnetz.cli.tables import table
from integrationsnetz.cli.wording import say


@click.command("plugins", cls=Command, help="help.plugins", short_help="short.plugins")
@option("--json", "as_json", is_flag=True, help="help.json")
def plugins(as_json: bool) -> None:
    """List the plugins of the default host; a broken plugin is a row with its error, never a crash."""
    import integrationsnetz as inz

    infos = inz.default_host().plugins()
    if as_json:
        rows = [
            {
                "name": info.name,
                "distribution": info.distribution,
                "version": info.version,
                "provides": list(info.provides),
                "error": info.error,
            }
            for info in infos
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    headers = [say("col.plugin"), say("col.version"), say("col.provides"), say("col.error")]
    cells = [[info.name, info.version, ", ".join(info.provides), info.error or ""] for info in infos]
    click.echo(table(headers, cells))


COMMANDS = (plugins,)
