"""``integrationsnetz veroeffentlichen``: every calendar feed and the year overview into ``out/``.

The overview ends with the planner's report of that year when ``plan`` left one in the
workspace's ``out/`` (``planbericht-JAHR.md``): members see what moved and why.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from integrationsnetz.cli.help import Command, option
from integrationsnetz.cli.publishing import count_files, publish
from integrationsnetz.cli.settings import Settings
from integrationsnetz.cli.wording import LANGUAGE, say


@click.command("veroeffentlichen", cls=Command, help="help.veroeffentlichen", short_help="short.veroeffentlichen")
@option("--jahr", "year", type=click.IntRange(2000, 2100), help="help.publish.jahr")
@option("--out", type=click.Path(file_okay=False, path_type=Path), help="help.publish.out")
@click.pass_obj
def veroeffentlichen(settings: Settings, year: int | None, out: Path | None) -> None:
    """Write the feeds and the overview, with a progress bar on a terminal."""
    workspace = settings.workspace()
    data = workspace.network()
    if year is None:
        year = date.today().year + 1
        if workspace.planning is not None:  # checked against the network as `plan` reads it: store people too
            from integrationsnetz.schedule import load_plan_config

            year = load_plan_config(workspace.planning, data=data).period(date.today())[0].year
    target = out or workspace.out
    plan_report = workspace.out / f"planbericht-{year}.md"
    report = plan_report.read_text(encoding="utf-8") if plan_report.is_file() else None
    if sys.stdout.isatty():
        with click.progressbar(length=count_files(data), label=str(target)) as bar:
            files = publish(
                data, out=target, year=year, language=LANGUAGE.get(), report=report, on_file=lambda _: bar.update(1)
            )
    else:
        files = publish(data, out=target, year=year, language=LANGUAGE.get(), report=report)
    click.echo(say("publish.written", count=len(files)))
    for path in files:
        click.echo(f"  {path}")


COMMANDS = (veroeffentlichen,)
