"""Charts for the course figures report, drawn with matplotlib (the optional ``charts`` extra).

This module imports matplotlib at the top on purpose: the report imports it only when charts
are asked for, so ``import integrationsnetz`` stays light. The SVGs are reproducible (no date,
fixed element ids), so a report under version control only changes when the figures do.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping

import matplotlib as mpl
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from integrationsnetz.courses.figures import CourseFigures
from integrationsnetz.courses.planning import Range

_COLOURS = ("#1f6f8b", "#e07a1f", "#5a9e3a", "#b03a48", "#6c5a9e", "#8c6d31", "#4a4a4a", "#2a9d8f", "#d4a017")


def draw(figures: CourseFigures, text: Mapping[str, str], language: str) -> dict[str, bytes]:
    """The charts by key (``wait``, ``courses``, ``teachers``) as SVG bytes."""
    charts: dict[str, bytes] = {}
    with mpl.rc_context({"svg.hashsalt": "integrationsnetz", "svg.fonttype": "none", "font.size": 9}):
        if figures.types:
            charts["wait"] = _svg(_wait_chart(figures, text, language))
        if figures.providers:
            charts["courses"] = _svg(_courses_chart(figures, text, language))
        charts["teachers"] = _svg(_teachers_chart(figures, text, language))
    return charts


def _svg(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    return buffer.getvalue()


def _label(kind_name: str) -> str:
    return kind_name if len(kind_name) <= 28 else kind_name[:26] + "…"


def _wait_chart(figures: CourseFigures, text: Mapping[str, str], language: str) -> Figure:
    names = [_label(k.name_de if language == "de" else k.name_en) for k in figures.types]
    spans = [k.plan.wait_now for k in figures.types]
    finite = [v for s in spans for v in (s.low, s.central, s.high) if not math.isinf(v)]
    ceiling = max([figures.target_weeks * 1.5, *finite]) * 1.1
    central = [min(s.central, ceiling) for s in spans]
    lower = [c - min(s.low, c) for s, c in zip(spans, central, strict=True)]
    upper = [min(s.high, ceiling) - c for s, c in zip(spans, central, strict=True)]
    figure = Figure(figsize=(7, 0.5 * len(names) + 1.5))
    axes = figure.subplots()
    positions = range(len(names))
    axes.barh(positions, central, xerr=[lower, upper], color=_COLOURS[0], capsize=3)
    axes.set_yticks(list(positions), names)
    axes.invert_yaxis()
    target = text["chart_target"].format(target=f"{figures.target_weeks:g}")
    axes.axvline(figures.target_weeks, color=_COLOURS[3], linestyle="--", label=target, zorder=3)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), frameon=False)
    for position, span in zip(positions, spans, strict=True):
        if math.isinf(span.central):
            axes.text(ceiling, position, " ∞", va="center")
    axes.set_xlim(0, ceiling * 1.05)
    axes.set_xlabel(text["chart_wait_axis"])
    axes.set_title(text["chart_wait_title"])
    return figure


def _courses_chart(figures: CourseFigures, text: Mapping[str, str], language: str) -> Figure:
    providers = figures.providers
    codes = [k.code for k in figures.types]
    extra = sorted({code for p in providers for code in p.running_by_type} - set(codes))
    codes += extra
    labels = {k.code: (k.name_de if language == "de" else k.name_en) for k in figures.types}
    figure = Figure(figsize=(7, 0.45 * len(providers) + 1.6))
    axes = figure.subplots()
    left = [0.0] * len(providers)
    positions = list(range(len(providers)))
    for index, code in enumerate(codes):
        counts = [float(p.running_by_type.get(code, 0)) for p in providers]
        if not any(counts):
            continue
        axes.barh(positions, counts, left=left, color=_COLOURS[index % len(_COLOURS)],
                  label=_label(labels.get(code, code)))  # fmt: skip
        left = [a + b for a, b in zip(left, counts, strict=True)]
    axes.set_yticks(positions, [_label(p.name) for p in providers])
    axes.invert_yaxis()
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False)
    axes.set_title(text["chart_courses_title"])
    return figure


def _teachers_chart(figures: CourseFigures, text: Mapping[str, str], language: str) -> Figure:
    teachers = figures.teachers
    bars: list[tuple[str, Range]] = [(text["chart_bound"], Range.exact(teachers.now))]
    if teachers.available is not None:
        bars.append((text["chart_available"], Range.exact(teachers.available)))
    bars.append((text["chart_target_fte"], teachers.for_target))
    if teachers.clearing is not None:
        bars.append((text["chart_clearing_fte"], teachers.for_target + teachers.clearing))
    finite = [v for _, s in bars for v in (s.low, s.central, s.high) if not math.isinf(v)]
    ceiling = max([1.0, *finite]) * 1.1
    central = [min(s.central, ceiling) for _, s in bars]
    lower = [c - min(s.low, c) for (_, s), c in zip(bars, central, strict=True)]
    upper = [min(s.high, ceiling) - c for (_, s), c in zip(bars, central, strict=True)]
    figure = Figure(figsize=(7, 3.2))
    axes = figure.subplots()
    positions = list(range(len(bars)))
    colours = [_COLOURS[6], _COLOURS[2], _COLOURS[1], _COLOURS[3]][: len(bars)]
    axes.bar(positions, central, yerr=[lower, upper], color=colours, capsize=4)
    axes.set_xticks(positions, [name for name, _ in bars])
    for position, value in zip(positions, central, strict=True):
        label = f"{value:.1f}".replace(".", ",") if language == "de" else f"{value:.1f}"
        axes.text(position, value / 2, label, ha="center", va="center", color="white", fontweight="bold")
    axes.set_title(text["chart_teachers_title"])
    return figure
