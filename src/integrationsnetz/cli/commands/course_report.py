"""``integrationsnetz kursbericht``: the course figures ("Zahlen, Daten, Fakten") for any district's data.

The report is the library's (:func:`integrationsnetz.courses.report`); this command only chooses
the data: the workspace's network, or a document given with ``--daten``, with a provider's course
list added (``--kursliste``) and course types from a file (``--kursarten``). It writes the report's
files into a folder and prints the summary. It changes no data, so it asks nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from integrationsnetz.cli.help import Command, option
from integrationsnetz.cli.settings import Settings
from integrationsnetz.cli.wording import LANGUAGE, say
from integrationsnetz.cli.workspace import Failure

#: The report's folder inside the workspace's ``out/`` when none is given.
DEFAULT_FOLDER = "zahlen-daten-fakten"


@contextmanager
def provider_hint() -> Iterator[None]:
    """A course list's errors with the command's option as the way out, not the library's argument.

    The library's message ends ``(or import with new_providers=True)``, which a coordinator cannot type.
    """
    import integrationsnetz as inz

    try:
        yield
    except inz.InvalidData as exc:
        hint = say("kurs.new_providers")
        problems = [problem.replace("(or import with new_providers=True)", hint) for problem in exc.problems]
        raise inz.InvalidData(problems, source=exc.source) from None



@click.command("kursbericht", cls=Command, help="help.kursbericht", short_help="short.kursbericht")
@click.argument("folder", metavar="[ORDNER]", required=False, type=click.Path(file_okay=False, path_type=Path))
@option("--daten", "source", type=click.Path(path_type=Path, dir_okay=False), help="help.kurs.daten")
@option("--kursliste", "course_list", metavar="CSV", help="help.kurs.kursliste")
@option("--neue-traeger", "new_providers", is_flag=True, help="help.import.traeger")
@option("--kursarten", "types", type=click.Path(path_type=Path, dir_okay=False), help="help.kurs.kursarten")
@option("--stand", "as_of", metavar="DATUM", help="help.kurs.stand")
@option("--bis", "clear_by", metavar="DATUM", help="help.kurs.bis")
@option("--ohne-diagramme", "no_charts", is_flag=True, help="help.kurs.ohne_diagramme")
@click.pass_obj
def kursbericht(settings: Settings, *, folder: Path | None, source: Path | None, course_list: str | None,
                new_providers: bool, types: Path | None, as_of: str | None, clear_by: str | None,
                no_charts: bool) -> None:
    """Write the report for the chosen data and print its summary."""
    import integrationsnetz as inz
    from integrationsnetz.cli.times import parse_day
    from integrationsnetz.courses import import_course_list, load_course_types, report
    from integrationsnetz.courses.course_list import sample_course_list

    day, target_day = parse_day(as_of), parse_day(clear_by)
    if source is not None:
        data = inz.documents.load(source)
        target = folder or Path.cwd() / DEFAULT_FOLDER
    else:
        workspace = settings.workspace()
        data = workspace.network()
        target = folder or workspace.out / DEFAULT_FOLDER
    catalogue = load_course_types(types) if types is not None else None
    if course_list is not None:
        newest = max((waitlist.as_of for waitlist in data.waitlists), default=None)
        listed = sample_course_list() if course_list == "beispiel" else Path(course_list)
        with provider_hint():
            data = import_course_list(listed, data, as_of=day or newest, name=course_list, catalogue=catalogue,
                                      new_providers=new_providers)  # fmt: skip
    if not data.courses and not data.waitlists:
        raise Failure(say("kurs.nothing"))
    result = report(
        data, as_of=day, language=LANGUAGE.get(), catalogue=catalogue, clear_by=target_day, charts=not no_charts
    )
    written = result.write(target)
    summary = result.markdown.split("\n## ", 2)
    click.echo(summary[1].strip() if len(summary) > 1 else result.markdown.strip())
    note = f" ({result.charts_missing})" if result.charts_missing and not no_charts else ""
    click.echo()
    click.echo(say("kurs.written", count=len(written), folder=target) + note)


COMMANDS = (kursbericht,)
