"""The course figures report ("Zahlen, Daten, Fakten") as Markdown, HTML, CSV and charts.

One call gives what a coordinator presents at the network meeting::

    from integrationsnetz.courses import report
    result = report(data, as_of=date(2024, 10, 14), clear_by=date(2025, 6, 30))
    result.write("bericht/")       # bericht.md, bericht.html, *.csv, diagramme/*.svg

German by default (``language="en"`` for English). Figures are rounded and said with "etwa"/
"about"; where inputs are uncertain a range follows in brackets. The charts need matplotlib, an
optional extra (``pip install 'integrationsnetz[charts]'``), imported only when charts are drawn;
without it the report says so and everything else is produced.

The words are in :mod:`~integrationsnetz.courses.wording`, the content in
:mod:`~integrationsnetz.courses.sections`, the formats in :mod:`~integrationsnetz.courses.rendering`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import attrs

from integrationsnetz.atomic import write_atomic
from integrationsnetz.courses.catalogue import CourseCatalogue
from integrationsnetz.courses.figures import DEFAULT_TEACHING_SHARE, CourseFigures, course_figures
from integrationsnetz.courses.planning import Range
from integrationsnetz.courses.rendering import to_csv, to_html, to_markdown
from integrationsnetz.courses.sections import report_blocks
from integrationsnetz.courses.wording import CHARTS_EXTRA, Language, texts
from integrationsnetz.errors import StoreError, WrongType
from integrationsnetz.model.network_data import NetworkData

_FILE_NAMES = {
    "de": {"report": "bericht", "charts": "diagramme", "types": "kursarten", "providers": "traeger",
           "queue": "wartezeit", "places": "wartelisten", "teachers": "lehrkraefte", "wait": "wartezeit",
           "courses": "kurse"},
    "en": {"report": "report", "charts": "charts", "types": "course_types", "providers": "providers",
           "queue": "waits", "places": "waiting_lists", "teachers": "teachers", "wait": "wait",
           "courses": "courses"},
}  # fmt: skip


@attrs.frozen(kw_only=True)
class CourseReport:
    """The rendered report: Markdown, HTML, CSV tables and charts, ready to show or to write.

    ``charts`` maps file names to SVG bytes; it is empty when matplotlib is missing, and
    ``charts_missing`` then says what to install.
    """

    figures: CourseFigures
    language: Language
    markdown: str
    html: str
    csv: Mapping[str, str]
    charts: Mapping[str, bytes]
    charts_missing: str | None

    def write(self, directory: str | Path) -> list[Path]:
        """Write every part into ``directory`` (each file atomically); returns the paths written.

        :class:`~integrationsnetz.errors.StoreError` names the folder or file that cannot be written.
        """
        if not isinstance(directory, str | os.PathLike):
            raise WrongType([f"write: directory: expected a folder's path, got {type(directory).__name__}"])
        target = Path(directory)
        names = _FILE_NAMES[self.language]
        files: dict[Path, bytes] = {
            target / f"{names['report']}.md": self.markdown.encode("utf-8"),
            target / f"{names['report']}.html": self.html.encode("utf-8"),
        }
        for name, text in self.csv.items():
            files[target / name] = text.encode("utf-8-sig")  # the BOM makes Excel read UTF-8
        for name, svg in self.charts.items():
            files[target / names["charts"] / name] = svg
        for folder in dict.fromkeys(path.parent for path in files):
            if folder.exists() and not folder.is_dir():
                raise StoreError(f"{folder}: cannot write the report here: a file of that name exists; "
                                 "give a folder (it is created if missing)")  # fmt: skip
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{folder}: cannot create the report's folder ({exc.strerror or exc})") from None
        for path in files:
            if path.is_dir():  # found before any file is written, so the report is not left half old
                raise StoreError(f"{path}: cannot write the report's file: a folder of that name is in the way")
        for path, payload in files.items():
            write_atomic(path, payload)
        return list(files)


def report(
    data: NetworkData,
    *,
    as_of: date | None = None,
    language: Language = "de",
    catalogue: CourseCatalogue | None = None,
    inflow: Mapping[str, Range | float] | None = None,
    target_weeks: float | None = None,
    clear_by: date | None = None,
    teaching_share: Range = DEFAULT_TEACHING_SHARE,
    charts: bool = True,
) -> CourseReport:
    """The figures report for ``data`` in one call (see :func:`course_figures` for the options).

    ``as_of`` defaults to the date of the newest waiting list (today if there is none), so the
    same data gives the same report tomorrow.
    """
    if not isinstance(data, NetworkData):
        raise WrongType([f"report: data: expected a NetworkData, got {type(data).__name__}"])
    texts(language)  # an unknown language before any figure is computed
    if as_of is None:
        dates = [waitlist.as_of for waitlist in data.waitlists]
        as_of = max(dates) if dates else date.today()
    figures = course_figures(
        data,
        as_of=as_of,
        catalogue=catalogue,
        inflow=inflow,
        target_weeks=target_weeks,
        clear_by=clear_by,
        teaching_share=teaching_share,
    )
    return render(figures, language=language, charts=charts)


def render(figures: CourseFigures, *, language: Language = "de", charts: bool = True) -> CourseReport:
    """Render computed figures (from :func:`course_figures`) into a :class:`CourseReport`."""
    if not isinstance(figures, CourseFigures):
        raise WrongType(
            [f"render: figures: expected CourseFigures from course_figures(), got {type(figures).__name__}"]
        )
    t = texts(language)
    names = _FILE_NAMES[language]
    drawn: dict[str, bytes] = {}
    missing = None
    if charts:
        try:
            drawn = draw_charts(figures, language)
        except ModuleNotFoundError as exc:
            if exc.name is None or not exc.name.startswith("matplotlib"):
                raise
            missing = f"{t['charts_missing']} {CHARTS_EXTRA}"
    blocks = report_blocks(figures, language, drawn, missing)
    tables = [block[1] for block in blocks if block[0] == "table"]
    csv_files = {f"{names[table.key]}.csv": to_csv(figures, table.key, language) for table in tables}  # type: ignore[attr-defined]
    return CourseReport(
        figures=figures,
        language=language,
        markdown=to_markdown(blocks, names["charts"]),
        html=to_html(blocks, drawn, t["title"], language),
        csv=csv_files,
        charts=drawn,
        charts_missing=missing,
    )


# -- charts (optional: matplotlib) ---------------------------------------------------------------


def draw_charts(figures: CourseFigures, language: Language = "de") -> dict[str, bytes]:
    """SVG charts by file name; raises :class:`ModuleNotFoundError` when matplotlib is missing."""
    from integrationsnetz.courses.charts import draw

    names = _FILE_NAMES[language]
    return {f"{names[key]}.svg": svg for key, svg in draw(figures, texts(language), language).items()}
