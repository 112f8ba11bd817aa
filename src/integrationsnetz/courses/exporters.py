"""The course figures report as export formats: ``course-report`` (Markdown) and ``course-report-html``.

A built-in plugin like any other (listed in ``DEFAULT_PLUGINS``), so ``export(data, "course-report")``
and every tool that lists the host's exporters offer the report. The HTML is one self-contained file
with the charts inlined when matplotlib (the ``charts`` extra) is installed; the Markdown has no
charts, since a single file cannot carry the SVGs it would link to (``report(...).write(folder)`` does).
The day the figures are for is the date of the newest waiting list, else the day of ``options.stamp``.
"""

from __future__ import annotations

from datetime import date
from typing import BinaryIO

from integrationsnetz.courses.course_report import CourseReport, report
from integrationsnetz.courses.wording import Language
from integrationsnetz.exporters import Exporter, ExportRequest
from integrationsnetz.hookspecs import hookimpl


def _report(request: ExportRequest, *, charts: bool) -> CourseReport:
    data = request.data
    as_of: date | None = None
    if data.waitlists:
        as_of = max(waitlist.as_of for waitlist in data.waitlists)
    elif request.options.stamp is not None:
        as_of = request.options.stamp.date()
    language: Language = "en" if request.options.language == "en" else "de"
    return report(data, as_of=as_of, language=language, charts=charts)


def write_markdown(request: ExportRequest, stream: BinaryIO) -> None:
    """The ``Exporter.write`` of ``course-report``."""
    stream.write(_report(request, charts=False).markdown.encode("utf-8"))


def write_html(request: ExportRequest, stream: BinaryIO) -> None:
    """The ``Exporter.write`` of ``course-report-html``."""
    stream.write(_report(request, charts=True).html.encode("utf-8"))


@hookimpl
def register_exporters() -> list[Exporter]:
    """The course figures report as Markdown and as HTML."""
    return [
        Exporter(
            format="course-report",
            media_type="text/markdown; charset=utf-8",
            suffix=".md",
            description="Integration course figures: courses, seats, waits, teachers needed (Markdown)",
            write=write_markdown,
        ),
        Exporter(
            format="course-report-html",
            media_type="text/html; charset=utf-8",
            suffix=".html",
            description="Integration course figures with charts, one self-contained HTML file",
            write=write_html,
        ),
    ]
