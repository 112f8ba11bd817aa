"""``integrationsnetz plan JAHR``: plan a year from the workspace's planning file, report, and save.

The network document goes into the store first (so edits to it count), then the planner places
the year's sessions around holidays, people and rooms, and ``save_plan`` writes them. With
``--dry-run`` the same happens inside a store transaction that is rolled back: the report is
what a real run would say, and the store is left as it was. So is an interrupted run (Ctrl-C):
everything happens in one transaction. A saved plan's report goes to ``out/planbericht-JAHR.md``
too; on a terminal a progress bar counts the sessions placed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING

import click

from integrationsnetz.cli.help import Command, option
from integrationsnetz.cli.settings import Settings
from integrationsnetz.cli.wording import LANGUAGE, say
from integrationsnetz.cli.workspace import Failure, Workspace, stored_network

if TYPE_CHECKING:
    from integrationsnetz.schedule import Plan, PlanConfig


class _RollBack(Exception):
    """Raised inside the store transaction of a dry run, so nothing it wrote stays."""


def print_report(config: PlanConfig, result: Plan) -> None:
    """Per series how many sessions on which days, then warnings, changes and compromises."""
    from integrationsnetz.schedule import Outcome, format_day

    for series in config.series:
        meetings = [m for m in result.live() if m.series_id == series.id]
        days = ", ".join(format_day(m.start.date(), config.language)[3:] for m in meetings)
        click.echo(say("plan.series", title=series.title, count=len(meetings), days=days))
    sections = (
        ("plan.warnings", list(result.warnings)),
        ("plan.changes", [line.message for line in result.report if line.outcome is not Outcome.COMPROMISE]),
        ("plan.compromises", [line.message for line in result.outcomes(Outcome.COMPROMISE)]),
    )
    for key, lines in sections:
        if lines or key == "plan.changes":
            click.echo()
            click.echo(say(key, count=len(lines)))
            for line in lines:
                click.echo(f"  - {line}")


Progress = Callable[[int, int], None]


@contextmanager
def progress_bar(label: str) -> Iterator[Progress | None]:
    """A ``(done, total)`` callback drawing a progress bar on a terminal; None when stdout is not one."""
    if not sys.stdout.isatty():
        yield None
        return
    with click.progressbar(length=1, label=label) as bar:

        def update(done: int, total: int) -> None:
            bar.length = max(total, 1)
            bar.update(done - bar.pos)

        yield update


def plan_year(
    workspace: Workspace, year: int, *, dry_run: bool, progress: Progress | None = None
) -> tuple[PlanConfig, Plan, int]:
    """Plan ``year`` into the workspace's store; returns the configuration, the plan and the meetings written."""
    import attrs

    import integrationsnetz as inz
    from integrationsnetz.schedule import PlanRequest, load_plan_config, plan, save_plan

    if workspace.planning is None:
        raise Failure(say("no_plan_file"))
    document = workspace.read_document()
    with workspace.open_store() as store:
        result: Plan | None = None
        written = 0
        try:
            with store.transaction():
                if document is not None:
                    inz.save_network(store, document)
                data = stored_network(store, document.network.id if document else None)
                if data is None:
                    raise Failure(say("store_empty"))
                config = load_plan_config(workspace.planning, data=data)
                config = attrs.evolve(config, year=year, language=LANGUAGE.get())
                start, end = config.period(date.today())
                calendars = config.read_calendars(start, end, data=data)
                request = PlanRequest.for_network(
                    data,
                    config.series,
                    start=start,
                    end=end,
                    absences=calendars.blocked,
                    overrides=config.overrides(),
                    language=config.language,
                    existing=list(data.meetings),
                )
                result = plan(request, progress=progress)
                if calendars.notes:  # what a member's calendar left out: the plan may clash with it
                    result = attrs.evolve(result, warnings=(*calendars.notes, *result.warnings))
                if dry_run:
                    raise _RollBack
                written = save_plan(store, result, list(data.meetings))
        except _RollBack:
            pass
    assert result is not None
    return config, result, written


@click.command("plan", cls=Command, help="help.plan", short_help="short.plan")
@click.argument("year", metavar="JAHR", type=click.IntRange(2000, 2100))
@option("--dry-run", is_flag=True, help="help.plan.dry_run")
@click.pass_obj
def plan_command(settings: Settings, year: int, dry_run: bool) -> None:
    """Plan, print the report, and say what was saved."""
    from integrationsnetz.atomic import write_atomic
    from integrationsnetz.cli.publishing import report_markdown

    workspace = settings.workspace()
    with progress_bar(say("plan.progress")) as progress:
        config, result, written = plan_year(workspace, year, dry_run=dry_run, progress=progress)
    print_report(config, result)
    click.echo()
    if dry_run:
        click.echo(say("plan.dry_run"))
        return
    click.echo(say("plan.saved", store=workspace.store_url, count=written))
    workspace.out.mkdir(parents=True, exist_ok=True)
    report = workspace.out / f"planbericht-{year}.md"
    write_atomic(report, report_markdown(result, config.language).encode("utf-8"))
    click.echo(say("plan.report_file", path=report))


COMMANDS = (plan_command,)
