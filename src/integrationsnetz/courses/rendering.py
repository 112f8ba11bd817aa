"""The course report's formats: its blocks as Markdown and as HTML, its figures as CSV.

Every text from the data (a provider's name, a place) is escaped for the format it lands in:
Markdown's active characters, HTML's markup, and a spreadsheet's formula starts in CSV.
"""

from __future__ import annotations

import csv
import html
import io
import math
from collections.abc import Mapping, Sequence
from typing import cast

from integrationsnetz.courses.figures import CourseFigures
from integrationsnetz.courses.planning import Range
from integrationsnetz.courses.sections import Block, Table
from integrationsnetz.courses.wording import Language, type_name
from integrationsnetz.exporters.markdown import escape as escape_markdown


def to_markdown(blocks: Sequence[Block], chart_folder: str) -> str:
    """The blocks as Markdown; charts are linked as files in ``chart_folder``."""
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
            table: Table = value  # type: ignore[assignment]
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
    # Printed on A4: the wide tables (the waiting lists have eight columns) wrap and shrink to the page
    # instead of being cut at the right edge; their heads repeat on each page, rows stay whole.
    "@page{size:A4;margin:2cm 1.5cm 2cm 2cm}"
    "@media print{body{max-width:none;margin:0;padding:0;font-size:10pt}"
    "table{width:100%;font-size:8.5pt}th,td{padding:.2rem .3rem;overflow-wrap:break-word;hyphens:auto}"
    "thead{display:table-header-group}tr,figure,li{break-inside:avoid}h1,h2,h3{break-after:avoid}}"
)


def to_html(blocks: Sequence[Block], drawn: Mapping[str, bytes], title: str, language: Language) -> str:
    """The blocks as one self-contained HTML page, the ``drawn`` charts inlined as SVG."""
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
            table: Table = value  # type: ignore[assignment]
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


def to_csv(figures: CourseFigures, key: str, language: Language) -> str:
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
                [safe_cell(kind.code), safe_cell(type_name(kind, language)), kind.running, kind.planned,
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
