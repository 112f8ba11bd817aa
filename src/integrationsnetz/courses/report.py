"""The course figures report ("Zahlen, Daten, Fakten") as Markdown, HTML, CSV and charts.

One call gives what a coordinator presents at the network meeting::

    from integrationsnetz.courses import report
    result = report(data, as_of=date(2024, 10, 14), clear_by=date(2025, 6, 30))
    result.write("bericht/")       # bericht.md, bericht.html, *.csv, diagramme/*.svg

German by default (``language="en"`` for English). Figures are rounded and said with "etwa"/
"about"; where inputs are uncertain a range follows in brackets. The charts need matplotlib, an
optional extra (``pip install 'integrationsnetz[charts]'``), imported only when charts are drawn;
without it the report says so and everything else is produced.
"""

from __future__ import annotations

import csv
import html
import io
import math
import os
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Literal, cast

import attrs

from integrationsnetz.atomic import write_atomic
from integrationsnetz.courses.catalogue import CourseCatalogue
from integrationsnetz.courses.figures import DEFAULT_TEACHING_SHARE, CourseFigures, TypeFigures, course_figures
from integrationsnetz.courses.planning import Range
from integrationsnetz.errors import InvalidData, StoreError, WrongType
from integrationsnetz.exporters.markdown import escape as escape_markdown
from integrationsnetz.model.network_data import NetworkData

Language = Literal["de", "en"]
LANGUAGES: tuple[Language, ...] = ("de", "en")

#: What to install when charts are wanted but matplotlib is missing.
CHARTS_EXTRA = "pip install 'integrationsnetz[charts]'"

WEEKS_PER_MONTH = 365.25 / 12 / 7

_TEXT: dict[str, dict[str, str]] = {
    "title": {"de": "Integrationskurse – Zahlen, Daten, Fakten", "en": "Integration courses – facts and figures"},
    "as_of": {"de": "Stand", "en": "As of"},
    "summary": {"de": "Auf einen Blick", "en": "At a glance"},
    "running_waiting": {"de": "{running}, {waiting}.", "en": "{running}; {waiting}."},
    "running_one": {"de": "{n} Integrationskurs läuft", "en": "{n} integration course is running"},
    "running_many": {"de": "{n} Integrationskurse laufen", "en": "{n} integration courses are running"},
    "waiting_one": {"de": "{n} Mensch steht auf einer Warteliste", "en": "{n} person is on a waiting list"},
    "waiting_many": {"de": "{n} Menschen stehen auf Wartelisten", "en": "{n} people are on waiting lists"},
    "unknown_counted": {
        "de": "Achtung, nicht im Katalog der Kursarten und doch mitgezählt (ein Tippfehler?): {types}.",
        "en": "Note: not in the catalogue of course types, yet counted (a typo?): {types}.",
    },
    "unknown_courses": {"de": "{code!r} ({n} Kurse)", "en": "{code!r} ({n} courses)"},
    "unknown_course": {"de": "{code!r} (1 Kurs)", "en": "{code!r} (1 course)"},
    "wait_today": {
        "de": "Wer sich heute anmeldet, wartet {wait}; die Regel ist ein Kursbeginn binnen {target} Wochen.",
        "en": "Someone registering today waits {wait}; the rule is a course start within {target} weeks.",
    },
    "growing": {
        "de": "Die Wartelisten wachsen: es melden sich mehr Menschen an, als Plätze frei werden ({types}).",
        "en": "The waiting lists grow: more people register than places become free ({types}).",
    },
    "shrinking": {
        "de": "Die Wartelisten schrumpfen: es werden mehr Plätze frei, als sich Menschen anmelden.",
        "en": "The waiting lists shrink: more places become free than people register.",
    },
    "for_target": {
        "de": "Damit die Wartezeit auf Dauer bei höchstens {target} Wochen liegt, braucht es {courses} und {teachers}.",
        "en": "To keep the wait at {target} weeks or less in the long run takes {courses} and {teachers}.",
    },
    "clearing": {
        "de": "Um den Rückstau bis {date} abzubauen, braucht es darüber hinaus vorübergehend {courses} und {teachers}.",
        "en": "To clear the backlog by {date} takes, on top of that and for a while, {courses} and {teachers}.",
    },
    "clearing_none": {
        "de": "Bis {date} baut sich der Rückstau damit von selbst ab; weitere Kurse braucht es dafür nicht.",
        "en": "By {date} the backlog clears with that alone; no further courses are needed for it.",
    },
    "available": {
        "de": "Die Träger melden zusammen {available} Lehrkräfte (VZÄ), genug für höchstens {carried} Kurse; "
        "die laufenden Kurse binden {bound}.",
        "en": "The providers report {available} teachers (FTE) together, enough for at most {carried} courses; "
        "the running courses bind {bound}.",
    },
    "more_courses": {"de": "{n} Kurse mehr", "en": "{n} more courses"},
    "more_course": {"de": "{n} Kurs mehr", "en": "{n} more course"},
    "more_teachers": {"de": "{n} Lehrkräfte (VZÄ) mehr", "en": "{n} more teachers (FTE)"},
    "more_teacher": {"de": "{n} Lehrkraft (VZÄ) mehr", "en": "{n} more teacher (FTE)"},
    "extra_courses": {"de": "{n} zusätzliche Kurse", "en": "{n} extra courses"},
    "extra_course": {"de": "{n} zusätzlicher Kurs", "en": "{n} extra course"},
    "extra_teachers": {"de": "{n} zusätzliche Lehrkräfte (VZÄ)", "en": "{n} extra teachers (FTE)"},
    "extra_teacher": {"de": "{n} zusätzliche Lehrkraft (VZÄ)", "en": "{n} extra teacher (FTE)"},
    "by_type": {"de": "Kurse nach Kursart", "en": "Courses by type"},
    "by_provider": {"de": "Kurse nach Träger", "en": "Courses by provider"},
    "queue": {"de": "Wartelisten und Wartezeit", "en": "Waiting lists and waits"},
    "teachers": {"de": "Lehrkräftebedarf", "en": "Teachers needed"},
    "by_place": {"de": "Wartelisten nach Ort", "en": "Waiting lists by place"},
    "col_place": {"de": "Ort", "en": "Place"},
    "col_list_date": {"de": "Stand der Liste", "en": "list as of"},
    "notes": {"de": "Hinweise", "en": "Notes"},
    "charts": {"de": "Diagramme", "en": "Charts"},
    "assumptions": {"de": "Wie gerechnet wird", "en": "How the figures are computed"},
    "charts_missing": {
        "de": "Diagramme brauchen das optionale Paket matplotlib:",
        "en": "Charts need the optional matplotlib package:",
    },
    "col_type": {"de": "Kursart", "en": "Course type"},
    "col_running": {"de": "laufend", "en": "running"},
    "col_planned": {"de": "geplant", "en": "planned"},
    "col_seats": {"de": "Plätze", "en": "seats"},
    "col_participants": {"de": "Teilnehmende", "en": "participants"},
    "col_occupancy": {"de": "Auslastung", "en": "occupancy"},
    "col_provider": {"de": "Träger", "en": "Provider"},
    "col_courses": {"de": "Kurse", "en": "courses"},
    "col_teachers_fte": {"de": "Lehrkräfte (VZÄ)", "en": "teachers (FTE)"},
    "col_alpha_fte": {"de": "davon Alpha", "en": "of them literacy"},
    "col_rooms": {"de": "Räume", "en": "rooms"},
    "col_bound": {"de": "gebunden (VZÄ)", "en": "bound (FTE)"},
    "col_waiting": {"de": "wartend", "en": "waiting"},
    "col_inflow": {"de": "Anmeldungen/Woche", "en": "registrations/week"},
    "col_placed": {"de": "Plätze frei/Woche", "en": "places/week"},
    "col_wait_now": {"de": "Wartezeit heute", "en": "wait today"},
    "col_wait_later": {"de": "in einem halben Jahr", "en": "in half a year"},
    "col_waited": {"de": "bisher gewartet (Median/längste)", "en": "waited so far (median/longest)"},
    "col_over_rule": {"de": "länger als {target} Wochen", "en": "over {target} weeks"},
    "col_needed": {"de": "Kurse für Ziel", "en": "courses for target"},
    "col_more": {"de": "mehr Kurse", "en": "more courses"},
    "col_fte_now": {"de": "VZÄ heute", "en": "FTE now"},
    "col_fte_target": {"de": "VZÄ für Ziel", "en": "FTE for target"},
    "col_fte_more": {"de": "mehr VZÄ", "en": "more FTE"},
    "col_clearing": {"de": "Rückstau: Kurse / VZÄ", "en": "backlog: courses / FTE"},
    "total": {"de": "Summe", "en": "Total"},
    "unbounded": {"de": "unbegrenzt (wächst)", "en": "without limit (growing)"},
    "unreachable": {"de": "nicht erreichbar", "en": "not reachable"},
    "under_a_week": {"de": "unter einer Woche", "en": "under a week"},
    "about": {"de": "etwa", "en": "about"},
    "weeks": {"de": "Wochen", "en": "weeks"},
    "months": {"de": "Monate", "en": "months"},
    "days": {"de": "Tage", "en": "days"},
    "none": {"de": "keine", "en": "none"},
    "note_unknown_type": {
        "de": "Kursart {code!r} steht nicht im Katalog ({detail}); sie wird mit Standardwerten gerechnet.",
        "en": "Course type {code!r} is not in the catalogue ({detail}); it is computed with defaults.",
    },
    "note_abolished": {
        "de": "{name}: seit {detail} starten keine neuen Kurse dieser Art; die Wartenden brauchen einen anderen Kurs.",
        "en": "{name}: no new courses of this type since {detail}; the people waiting need another course.",
    },
    "note_no_courses": {
        "de": "{name}: Menschen warten, aber kein Kurs dieser Art läuft; die Wartezeit ist offen.",
        "en": "{name}: people wait, but no course of this type runs; the wait is open-ended.",
    },
    "note_gathering": {
        "de": "{name}: bei {inflow} Anmeldungen pro Woche dauert es {weeks}, bis eine Gruppe von {group} "
        "voll ist – mehr Kurse ändern daran nichts; kleinere Gruppen, gemeinsame Kurse oder Plätze im "
        "Nachbarkreis helfen.",
        "en": "{name}: at {inflow} registrations a week it takes {weeks} to fill a group of {group} – more "
        "courses do not change that; smaller groups, pooled courses or places in the next district do.",
    },
    "note_alpha": {
        "de": "Alphabetisierungskurse brauchen Lehrkräfte mit Zusatzzulassung: nötig {need}, gemeldet {have}.",
        "en": "Literacy courses need teachers with the extra approval: {need} needed, {have} reported.",
    },
    "assumption_lines": {
        "de": "Kursdauer D = UE / (UE pro Woche × Anteil Unterrichtswochen {share}); frei werdende Plätze "
        "pro Woche μ = Kurse × Teilnehmende / D; Wartezeit heute = Wartende / μ; auf Dauer (ohne Rückstau) "
        "warten Gruppen auf einen freien Kurs: W = ρ·D / (2·Kurse·(1 − ρ)) mit ρ = Anmeldungen / μ; "
        "Lehrkräfte (VZÄ) = Kurse × UE pro Woche / {teacher_week}. {inflow} Spannen in Klammern: niedrige "
        "und hohe Annahmen. Nicht berücksichtigt: Abbrüche, Quereinstiege, Wiederholer, Teilzeitkurse, "
        "Mindestgruppengrößen. Ziel: Kursbeginn binnen {target} "
        "Wochen nach der Anmeldung. Katalog: {source}.",
        "en": "Course duration D = UE / (UE per week × share of teaching weeks {share}); places per week "
        "μ = courses × participants / D; wait today = people waiting / μ; in the long run (no backlog) groups "
        "wait for a free course: W = ρ·D / (2·courses·(1 − ρ)) with ρ = registrations / μ; teachers (FTE) = "
        "courses × UE per week / {teacher_week}. {inflow} Ranges in brackets: low and high assumptions. "
        "Left out: dropouts, later entries, repeaters, part-time courses, minimum group sizes. "
        "Target: a course start within {target} weeks of registration. "
        "Catalogue: {source}.",
    },
    "inflow_estimated": {
        "de": "Anmeldungen pro Woche aus den Anmeldedaten der letzten {window} Wochen.",
        "en": "Registrations per week from the registration dates of the last {window} weeks.",
    },
    "inflow_given": {"de": "Anmeldungen pro Woche wie vorgegeben.", "en": "Registrations per week as given."},
    "inflow_mixed": {
        "de": "Anmeldungen pro Woche wie vorgegeben, sonst aus den Anmeldedaten der letzten {window} Wochen.",
        "en": "Registrations per week as given, otherwise from the registration dates of the last {window} weeks.",
    },
    "chart_wait_title": {"de": "Wartezeit heute nach Kursart", "en": "Wait today by course type"},
    "chart_wait_axis": {"de": "Wochen", "en": "weeks"},
    "chart_target": {"de": "Ziel: {target} Wochen", "en": "target: {target} weeks"},
    "chart_courses_title": {"de": "Laufende Kurse nach Träger und Kursart", "en": "Running courses by provider"},
    "chart_teachers_title": {"de": "Lehrkräfte in Vollzeitäquivalenten", "en": "Teachers in full-time equivalents"},
    "chart_bound": {"de": "gebunden heute", "en": "bound today"},
    "chart_available": {"de": "gemeldet", "en": "reported"},
    "chart_target_fte": {"de": "nötig für Ziel", "en": "needed for target"},
    "chart_clearing_fte": {"de": "nötig mit Rückstau", "en": "needed with backlog"},
}

_FILE_NAMES = {
    "de": {"report": "bericht", "charts": "diagramme", "types": "kursarten", "providers": "traeger",
           "queue": "wartezeit", "places": "wartelisten", "teachers": "lehrkraefte", "wait": "wartezeit",
           "courses": "kurse"},
    "en": {"report": "report", "charts": "charts", "types": "course_types", "providers": "providers",
           "queue": "waits", "places": "waiting_lists", "teachers": "teachers", "wait": "wait",
           "courses": "courses"},
}  # fmt: skip


# -- numbers said the way people say them ---------------------------------------------------------


def format_number(value: float, language: Language, digits: int = 0) -> str:
    """A number with the language's decimal mark (``6,5`` in German, ``6.5`` in English)."""
    text = f"{value:,.{digits}f}"
    if language == "de":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def _half(value: float) -> float:
    return round(value * 2) / 2


def _weeks_or_months(weeks: float) -> tuple[float, str]:
    if weeks >= 13:
        return round(weeks / WEEKS_PER_MONTH), "months"
    return round(weeks), "weeks"


def say_wait(span: Range, language: Language) -> str:
    """A wait said without false precision: "etwa 6 Monate (5–7)", "unter einer Woche", "unbegrenzt"."""
    t = _texts(language)
    if math.isinf(span.central):
        return t["unbounded"]
    if span.central < 1 and span.high < 1:
        return t["under_a_week"]
    value, unit = _weeks_or_months(span.central)
    text = f"{t['about']} {format_number(value, language)} {t[unit]}"
    low = round(span.low / WEEKS_PER_MONTH) if unit == "months" else round(span.low)
    high_text = t["unbounded"] if math.isinf(span.high) else None
    high = 0.0 if high_text else (round(span.high / WEEKS_PER_MONTH) if unit == "months" else round(span.high))
    if low != value or high_text or high != value:
        upper = high_text or format_number(high, language)
        text += f" ({format_number(low, language)}–{upper})"
    return text


def say_count(span: Range, language: Language, *, fte: bool = False) -> str:
    """A count of courses (whole) or teachers (to the half) with its range: "9 (7–12)"."""
    t = _texts(language)
    if math.isinf(span.central):
        return t["unreachable"]
    rounder: Callable[[float], float] = _half if fte else (lambda x: float(math.ceil(x - 1e-9)))
    digits = 1 if fte else 0
    central = max(0.0, rounder(span.central))
    text = format_number(central, language, digits if central % 1 else 0)
    if fte:
        text = f"{t['about']} {text}"
    high_inf = math.isinf(span.high)
    low = max(0.0, rounder(span.low))
    high = 0.0 if high_inf else max(0.0, rounder(span.high))
    if low != central or high_inf or high != central:
        upper = t["unreachable"] if high_inf else format_number(high, language, digits if high % 1 else 0)
        text += f" ({format_number(low, language, digits if low % 1 else 0)}–{upper})"
    return text


def _say_share(value: float | None, language: Language) -> str:
    return "–" if value is None else f"{format_number(100 * value, language)} %"


def _say_days(value: float | None, language: Language) -> str:
    return "–" if value is None else format_number(value, language)


def _texts(language: Language) -> dict[str, str]:
    if language not in LANGUAGES:
        raise InvalidData([f"language: expected one of {', '.join(LANGUAGES)}, got {language!r}"])
    return {key: entry[language] for key, entry in _TEXT.items()}


# -- the report as blocks, rendered to Markdown and HTML ------------------------------------------


@attrs.frozen
class _Table:
    key: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


# ("h1"|"h2"|"p", text) | ("ul", [texts]) | ("table", _Table) | ("chart", name) | ("command", (text, command))
Block = tuple[str, object]


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
    _texts(language)  # an unknown language before any figure is computed
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
    t = _texts(language)
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
    blocks = _blocks(figures, language, drawn, missing)
    tables = [block[1] for block in blocks if block[0] == "table"]
    csv_files = {f"{names[table.key]}.csv": _csv(figures, table.key, language) for table in tables}  # type: ignore[attr-defined]
    return CourseReport(
        figures=figures,
        language=language,
        markdown=_markdown(blocks, names["charts"]),
        html=_html(blocks, drawn, t["title"], language),
        csv=csv_files,
        charts=drawn,
        charts_missing=missing,
    )


def _type_name(kind: TypeFigures, language: Language) -> str:
    return kind.name_de if language == "de" else kind.name_en


def _blocks(figures: CourseFigures, language: Language, drawn: Mapping[str, bytes], missing: str | None) -> list[Block]:
    t = _texts(language)
    target = format_number(figures.target_weeks, language)
    when = _say_date(figures.as_of, language)
    blocks: list[Block] = [
        ("h1", t["title"]),
        ("p", f"{figures.network_name} · {t['as_of']} {when}"),
        ("h2", t["summary"]),
        ("ul", _summary(figures, language)),
        ("h2", t["by_type"]),
        ("table", _types_table(figures, language)),
        ("h2", t["by_provider"]),
        ("table", _providers_table(figures, language)),
        ("h2", t["queue"]),
        ("table", _queue_table(figures, language)),
        ("h3", t["by_place"]),
        ("table", _places_table(figures, language)),
        ("h2", t["teachers"]),
        ("table", _teachers_table(figures, language)),
    ]
    notes = _notes(figures, language)
    if notes:
        blocks += [("h2", t["notes"]), ("ul", notes)]
    if drawn:
        blocks += [("h2", t["charts"]), *(("chart", name) for name in drawn)]
    elif missing:
        blocks += [("h2", t["charts"]), ("command", (missing.removesuffix(CHARTS_EXTRA).strip(), CHARTS_EXTRA))]
    share = figures.types[0].plan.inputs.teaching_share if figures.types else Range(0.75, 0.8, 0.85)
    blocks += [
        ("h2", t["assumptions"]),
        (
            "p",
            t["assumption_lines"].format(
                share=f"{format_number(share.central, language, 2)}",
                teacher_week=figures.teacher_units_per_week,
                inflow=_inflow_source(figures, language),
                source=figures.catalogue_source,
                target=target,
            ),
        ),
    ]
    return blocks


def _inflow_source(figures: CourseFigures, language: Language) -> str:
    t = _texts(language)
    given = {kind.inflow_given for kind in figures.types}
    key = "inflow_mixed" if given == {True, False} else "inflow_given" if given == {True} else "inflow_estimated"
    return t[key].format(window=figures.inflow_window_weeks)


def _say_date(day: date, language: Language) -> str:
    return day.strftime("%d.%m.%Y") if language == "de" else day.isoformat()


def _counted(t: Mapping[str, str], key: str, count: str) -> str:
    """``count`` in the phrase ``key`` (singular) or ``key + "s"`` (plural): "1 Kurs mehr", "2 Kurse mehr"."""
    one = count.rsplit(" ", 1)[-1] == "1"  # "1" or "etwa 1", never a range such as "1 (1–2)"
    return t[key if one else f"{key}s"].format(n=count)


def _summary(figures: CourseFigures, language: Language) -> list[str]:
    t = _texts(language)
    target = format_number(figures.target_weeks, language)
    teachers = figures.teachers
    running = t["running_one" if figures.running == 1 else "running_many"].format(n=figures.running)
    waiting = t["waiting_one" if figures.waiting == 1 else "waiting_many"].format(n=figures.waiting)
    lines = [
        t["running_waiting"].format(running=running, waiting=waiting),
        t["wait_today"].format(wait=say_wait(figures.mean_wait_now, language), target=target),
    ]
    unknown = [kind for kind in figures.types if kind.code in {note.course_type for note in figures.notes
                                                               if note.kind == "unknown_type"}]  # fmt: skip
    if unknown:
        named = [
            t["unknown_course" if kind.running + kind.planned == 1 else "unknown_courses"].format(
                code=kind.code, n=kind.running + kind.planned
            )
            for kind in unknown
        ]
        lines.insert(0, t["unknown_counted"].format(types=", ".join(named)))
    growing = [_type_name(kind, language) for kind in figures.types if kind.plan.growing]
    if growing:
        lines.append(t["growing"].format(types=", ".join(growing)))
    elif figures.waiting:
        lines.append(t["shrinking"])
    extra_courses = sum((kind.plan.extra_courses for kind in figures.types), Range.exact(0))
    lines.append(
        t["for_target"].format(
            target=target,
            courses=_counted(t, "more_course", say_count(extra_courses, language)),
            teachers=_counted(t, "more_teacher", say_count(teachers.extra_for_target, language, fte=True)),
        )
    )
    if figures.clear_by is not None and teachers.clearing is not None:
        clearing_courses = sum(
            (kind.plan.clearing_courses for kind in figures.types if kind.plan.clearing_courses is not None),
            Range.exact(0),
        )
        when = _say_date(figures.clear_by, language)
        if clearing_courses.high == 0:
            lines.append(t["clearing_none"].format(date=when))
        else:
            lines.append(
                t["clearing"].format(
                    date=when,
                    courses=_counted(t, "extra_course", say_count(clearing_courses, language)),
                    teachers=_counted(t, "extra_teacher", say_count(teachers.clearing, language, fte=True)),
                )
            )
    if teachers.available is not None:
        lines.append(
            t["available"].format(
                available=format_number(teachers.available, language, 1),
                carried=teachers.courses_carried,
                bound=format_number(teachers.now, language, 1),
            )
        )
    return lines


def _types_table(figures: CourseFigures, language: Language) -> _Table:
    t = _texts(language)
    rows = [
        (
            _type_name(kind, language),
            str(kind.running),
            str(kind.planned),
            str(kind.seats),
            str(kind.participants),
            _say_share(kind.occupancy, language),
        )
        for kind in figures.types
    ]
    seats = sum(kind.seats for kind in figures.types)
    participants = sum(kind.participants for kind in figures.types)
    rows.append(
        (
            t["total"],
            str(figures.running),
            str(sum(kind.planned for kind in figures.types)),
            str(seats),
            str(participants),
            _say_share(participants / seats if seats else None, language),
        )
    )
    header = ("col_type", "col_running", "col_planned", "col_seats", "col_participants", "col_occupancy")
    return _Table("types", tuple(t[key] for key in header), tuple(rows))


def _providers_table(figures: CourseFigures, language: Language) -> _Table:
    t = _texts(language)
    short = {kind.code: _type_name(kind, language) for kind in figures.types}
    rows = []
    for provider in figures.providers:
        courses = ", ".join(f"{n} {short.get(code, code)}" for code, n in provider.running_by_type.items())
        rows.append(
            (
                provider.name,
                courses or "–",
                str(provider.seats),
                _say_share(provider.occupancy, language),
                format_number(provider.teachers_bound, language, 1),
                "–" if provider.teachers_fte is None else format_number(provider.teachers_fte, language, 1),
                "–" if provider.alpha_teachers_fte is None else format_number(provider.alpha_teachers_fte, language, 1),
                "–" if provider.rooms is None else str(provider.rooms),
            )
        )
    header = (
        "col_provider",
        "col_courses",
        "col_seats",
        "col_occupancy",
        "col_bound",
        "col_teachers_fte",
        "col_alpha_fte",
        "col_rooms",
    )
    return _Table("providers", tuple(t[key] for key in header), tuple(rows))


def _queue_table(figures: CourseFigures, language: Language) -> _Table:
    t = _texts(language)
    rows = []
    for kind in figures.types:
        plan = kind.plan
        observed = kind.observed
        rows.append(
            (
                _type_name(kind, language),
                str(plan.inputs.queue),
                format_number(plan.inputs.inflow_per_week.central, language, 1),
                format_number(plan.placed_per_week.central, language, 1),
                say_wait(plan.wait_now, language),
                say_wait(plan.wait_in_half_a_year, language),
                f"{_say_days(observed.median_days, language)} / {_say_days(observed.longest_days, language)} "
                f"{t['days']}",
                str(observed.over_start_rule),
            )
        )
    target = format_number(figures.target_weeks, language)
    header = [t[key] for key in ("col_type", "col_waiting", "col_inflow", "col_placed", "col_wait_now")]
    header += [t["col_wait_later"], t["col_waited"], t["col_over_rule"].format(target=target)]
    return _Table("queue", tuple(header), tuple(rows))


def _places_table(figures: CourseFigures, language: Language) -> _Table:
    t = _texts(language)
    names = {kind.code: _type_name(kind, language) for kind in figures.types}
    providers = {provider.provider_id: provider.name for provider in figures.providers}
    rows = []
    for place in figures.places:
        observed = place.observed
        rows.append(
            (
                place.place,
                names.get(place.course_type, place.course_type),
                "–" if place.provider_id is None else providers.get(place.provider_id, place.provider_id),
                str(observed.waiting),
                f"{_say_days(observed.median_days, language)} / {_say_days(observed.longest_days, language)} "
                f"{t['days']}",
                str(observed.over_start_rule),
                _say_date(place.as_of, language),
            )
        )
    target = format_number(figures.target_weeks, language)
    header = [t[key] for key in ("col_place", "col_type", "col_provider", "col_waiting", "col_waited")]
    header += [t["col_over_rule"].format(target=target), t["col_list_date"]]
    return _Table("places", tuple(header), tuple(rows))


def _teachers_table(figures: CourseFigures, language: Language) -> _Table:
    t = _texts(language)
    rows = []
    for kind in figures.types:
        plan = kind.plan
        clearing = "–"
        if plan.clearing_courses is not None and plan.clearing_teachers is not None:
            courses = say_count(plan.clearing_courses, language)
            clearing = f"{courses} / {say_count(plan.clearing_teachers, language, fte=True)}"
        rows.append(
            (
                _type_name(kind, language),
                str(plan.inputs.courses),
                say_count(plan.courses_for_target, language),
                say_count(plan.extra_courses, language),
                format_number(plan.teachers_now, language, 1),
                say_count(plan.teachers_for_target, language, fte=True),
                say_count(plan.extra_teachers, language, fte=True),
                clearing,
            )
        )
    teachers = figures.teachers
    clearing_total = sum((k.plan.clearing_courses or Range.exact(0) for k in figures.types), Range.exact(0))
    rows.append(
        (
            t["total"],
            str(figures.running),
            say_count(sum((k.plan.courses_for_target for k in figures.types), Range.exact(0)), language),
            say_count(sum((k.plan.extra_courses for k in figures.types), Range.exact(0)), language),
            format_number(teachers.now, language, 1),
            say_count(teachers.for_target, language, fte=True),
            say_count(teachers.extra_for_target, language, fte=True),
            "–"
            if teachers.clearing is None
            else f"{say_count(clearing_total, language)} / {say_count(teachers.clearing, language, fte=True)}",
        )
    )
    header = ("col_type", "col_running", "col_needed", "col_more", "col_fte_now", "col_fte_target", "col_fte_more")
    return _Table("teachers", (*(t[key] for key in header), t["col_clearing"]), tuple(rows))


def _notes(figures: CourseFigures, language: Language) -> list[str]:
    t = _texts(language)
    by_code = {kind.code: kind for kind in figures.types}
    lines = []
    for note in figures.notes:
        kind = by_code.get(note.course_type)
        name = _type_name(kind, language) if kind else note.course_type
        lines.append(t[f"note_{note.kind}"].format(code=note.course_type, name=name, detail=note.detail))
    for kind in figures.types:
        plan = kind.plan
        if plan.inputs.queue and plan.gathering_wait.central > figures.target_weeks:
            lines.append(
                t["note_gathering"].format(
                    name=_type_name(kind, language),
                    inflow=format_number(plan.inputs.inflow_per_week.central, language, 1),
                    weeks=say_wait(plan.gathering_wait, language),
                    group=format_number(plan.inputs.group_size.central, language),
                )
            )
    teachers = figures.teachers
    if teachers.alpha_for_target.central > 0 and teachers.alpha_available is not None:
        lines.append(
            t["note_alpha"].format(
                need=say_count(teachers.alpha_for_target, language, fte=True),
                have=format_number(teachers.alpha_available, language, 1),
            )
        )
    return lines


def _markdown(blocks: Sequence[Block], chart_folder: str) -> str:
    out: list[str] = []
    for kind, value in blocks:
        if kind == "h1":
            out += [f"# {_md_text(str(value))}", ""]
        elif kind == "h2":
            out += [f"## {_md_text(str(value))}", ""]
        elif kind == "h3":
            out += [f"### {_md_text(str(value))}", ""]
        elif kind == "p":
            out += [_md_text(str(value)), ""]
        elif kind == "ul":
            out += [f"- {_md_text(line)}" for line in value] + [""]  # type: ignore[attr-defined]
        elif kind == "table":
            table: _Table = value  # type: ignore[assignment]
            out.append("| " + " | ".join(_md_cell(cell) for cell in table.header) + " |")
            out.append("|" + "|".join("---" for _ in table.header) + "|")
            out += ["| " + " | ".join(_md_cell(cell) for cell in row) + " |" for row in table.rows]
            out.append("")
        elif kind == "chart":
            out += [f"![{value}]({chart_folder}/{value})", ""]
        elif kind == "command":
            said, command = cast(tuple[str, str], value)
            out += [f"{_md_text(said)} `{command}`", ""]
    return "\n".join(out).rstrip() + "\n"


def _md_text(text: str) -> str:
    """Text with Markdown's active characters escaped (the markdown exporter's rules), so a provider
    called "*VHS*" stays literal and cannot break a table or inject HTML."""
    return escape_markdown(text)


def _md_cell(text: str) -> str:
    return _md_text(text).replace("\n", " ")


_CSS = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}"
    "table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem;"
    "text-align:left}td:not(:first-child){text-align:right}th{background:#f3f3f3}"
    "figure{margin:1rem 0}figure svg{max-width:100%;height:auto}"
)


def _html(blocks: Sequence[Block], drawn: Mapping[str, bytes], title: str, language: Language) -> str:
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{language}">',
        f'<head><meta charset="utf-8"><title>{html.escape(title)}</title><style>{_CSS}</style></head>',
        "<body>",
    ]
    for kind, value in blocks:
        if kind in ("h1", "h2", "h3", "p"):
            out.append(f"<{kind}>{html.escape(str(value))}</{kind}>")
        elif kind == "ul":
            out.append("<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in value) + "</ul>")  # type: ignore[attr-defined]
        elif kind == "table":
            table: _Table = value  # type: ignore[assignment]
            head = "".join(f'<th scope="col">{html.escape(cell)}</th>' for cell in table.header)
            body = "".join(
                "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>" for row in table.rows
            )
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        elif kind == "command":
            said, command = cast(tuple[str, str], value)
            out.append(f"<p>{html.escape(said)} <code>{html.escape(command)}</code></p>")
        elif kind == "chart":
            svg = drawn[str(value)].decode("utf-8")
            svg = svg[svg.index("<svg") :]  # inline: drop the XML declaration and doctype
            out.append(f"<figure>{svg}</figure>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


# -- CSV: the numbers for further work, safe to open in a spreadsheet ------------------------------

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """A text cell a spreadsheet will not run as a formula (OWASP: prefix with an apostrophe)."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _csv(figures: CourseFigures, key: str, language: Language) -> str:
    """One table as CSV: raw numbers (low/central/high) rather than the rounded words of the report."""
    delimiter = ";" if language == "de" else ","
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")

    def number(value: float | None, digits: int = 2) -> str:
        if value is None:
            return ""
        if math.isinf(value):
            return "inf"
        return f"{value:.{digits}f}".replace(".", ",") if language == "de" else f"{value:.{digits}f}"

    def span(name: str) -> list[str]:
        return [f"{name}_low", f"{name}_central", f"{name}_high"]

    def values(value: Range | None) -> list[str]:
        return ["", "", ""] if value is None else [number(value.low), number(value.central), number(value.high)]

    if key == "types":
        writer.writerow(["course_type", "name", "running", "planned", "seats", "participants", "occupancy"])
        for kind in figures.types:
            writer.writerow(
                [safe_cell(kind.code), safe_cell(_type_name(kind, language)), kind.running, kind.planned,
                 kind.seats, kind.participants, number(kind.occupancy, 3)]
            )  # fmt: skip
    elif key == "providers":
        writer.writerow(["provider_id", "name", "course_type", "running", "seats", "participants", "teachers_bound_fte",
                         "teachers_fte", "alpha_teachers_fte", "rooms"])  # fmt: skip
        for provider in figures.providers:
            for code, count in provider.running_by_type.items() or {"": 0}.items():
                writer.writerow(
                    [safe_cell(provider.provider_id), safe_cell(provider.name), safe_cell(code), count,
                     provider.seats, provider.participants, number(provider.teachers_bound),
                     number(provider.teachers_fte), number(provider.alpha_teachers_fte),
                     "" if provider.rooms is None else provider.rooms]
                )  # fmt: skip
    elif key == "queue":
        writer.writerow(["course_type", "waiting", *span("inflow_per_week"), *span("placed_per_week"),
                         *span("wait_now_weeks"), *span("wait_in_26_weeks"), *span("long_run_wait_weeks"),
                         "median_waited_days", "longest_waited_days", "over_start_rule"])  # fmt: skip
        for kind in figures.types:
            plan = kind.plan
            writer.writerow(
                [safe_cell(kind.code), plan.inputs.queue, *values(plan.inputs.inflow_per_week),
                 *values(plan.placed_per_week), *values(plan.wait_now), *values(plan.wait_in_half_a_year),
                 *values(plan.long_run_wait), number(kind.observed.median_days, 1),
                 "" if kind.observed.longest_days is None else kind.observed.longest_days,
                 kind.observed.over_start_rule]
            )  # fmt: skip
    elif key == "places":
        writer.writerow(["place", "course_type", "provider_id", "waiting", "median_waited_days", "longest_waited_days",
                         "over_start_rule", "list_as_of"])  # fmt: skip
        for place in figures.places:
            observed = place.observed
            writer.writerow(
                [safe_cell(place.place), safe_cell(place.course_type), safe_cell(place.provider_id or ""),
                 observed.waiting, number(observed.median_days, 1),
                 "" if observed.longest_days is None else observed.longest_days,
                 observed.over_start_rule, place.as_of.isoformat()]
            )  # fmt: skip
    elif key == "teachers":
        writer.writerow(["course_type", "running", "units_per_week", "teachers_now_fte", *span("courses_for_target"),
                         *span("teachers_for_target_fte"), *span("clearing_courses"),
                         *span("clearing_teachers_fte")])  # fmt: skip
        for kind in figures.types:
            plan = kind.plan
            writer.writerow(
                [safe_cell(kind.code), plan.inputs.courses, number(plan.inputs.units_per_week, 1),
                 number(plan.teachers_now), *values(plan.courses_for_target), *values(plan.teachers_for_target),
                 *values(plan.clearing_courses), *values(plan.clearing_teachers)]
            )  # fmt: skip
    return buffer.getvalue()


# -- charts (optional: matplotlib) ---------------------------------------------------------------


def draw_charts(figures: CourseFigures, language: Language = "de") -> dict[str, bytes]:
    """SVG charts by file name; raises :class:`ModuleNotFoundError` when matplotlib is missing."""
    from integrationsnetz.courses.charts import draw

    names = _FILE_NAMES[language]
    return {f"{names[key]}.svg": svg for key, svg in draw(figures, _texts(language), language).items()}
