"""Publishing a network's year: one calendar feed per working group, one for the network, the overview.

What ``integrationsnetz veroeffentlichen`` and the main job (``examples/plan_year.py``) write into
``out/``. Each file is written atomically, so a subscriber never fetches half a calendar.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from integrationsnetz.model import NetworkData
    from integrationsnetz.plugins import PluginHost
    from integrationsnetz.schedule import Language, Plan


def publish(
    data: NetworkData,
    *,
    out: Path,
    year: int,
    language: Language = "de",
    report: str | None = None,
    host: PluginHost | None = None,
    on_file: Callable[[Path], None] | None = None,
) -> list[Path]:
    """Write ``<group>.ics`` per working group, ``netzwerk.ics`` and ``jahresplan-<year>.md`` into ``out``.

    The feeds and the overview cover ``year``; ``report`` (Markdown, e.g. :func:`report_markdown`)
    is appended to the overview. ``on_file`` is called after each file, for a progress bar.
    Returns the files written.
    """
    import attrs

    from integrationsnetz.atomic import write_atomic
    from integrationsnetz.exporters import ExportOptions, IcsOptions, export

    out.mkdir(parents=True, exist_ok=True)
    window = ExportOptions(language=language, start=date(year, 1, 1), end=date(year + 1, 1, 1))
    files = []

    def written(path: Path) -> None:
        files.append(path)
        if on_file is not None:
            on_file(path)

    for group in data.groups:
        path = out / f"{group.id}.ics"
        name = IcsOptions(name=f"{group.name} – {data.network.name}")
        export(data, "ics", path, select=group, options=attrs.evolve(window, ics=name), host=host)
        written(path)
    path = out / "netzwerk.ics"
    export(data, "ics", path, options=attrs.evolve(window, ics=IcsOptions(name=data.network.name)), host=host)
    written(path)
    overview = export(data, "markdown", options=attrs.evolve(window, document="overview"), host=host)
    text = overview.decode("utf-8").rstrip() + "\n"
    if report:
        text += "\n" + report
    path = out / f"jahresplan-{year}.md"
    write_atomic(path, text.encode("utf-8"))
    written(path)
    return files


def report_markdown(result: Plan, language: Language = "de") -> str:
    """The planner's report as a Markdown section: every session moved, dropped or kept despite a soft rule."""
    english = language == "en"
    lines = ["## " + ("What the planner moved or dropped" if english else "Was der Planer verschoben hat"), ""]
    lines += [f"- {warning}" for warning in result.warnings]
    lines += [f"- {line.message}" for line in result.report] or ["- " + ("nothing" if english else "nichts")]
    return "\n".join(lines) + "\n"


def count_files(data: NetworkData) -> int:
    """How many files :func:`publish` writes for ``data``: for a progress bar's length."""
    return len(data.groups) + 2


__all__ = ["count_files", "publish", "report_markdown"]
