"""The Wartburgkreis course figures for the network meeting: one call, one folder.

Run: ``.venv/bin/python examples/course_report.py [folder] [--en]``. Writes the report as
Markdown, HTML, CSV and (with the ``charts`` extra) SVG charts into ``folder`` (default
``zahlen-daten-fakten``) and prints its summary: how long people wait, and how many more courses
and teachers it would take to end the waiting.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import wartburgkreis

from integrationsnetz.courses import report


def main(arguments: list[str]) -> None:
    """Build the example network, report its course figures, write them, print the summary."""
    language = "en" if "--en" in arguments else "de"
    folders = [argument for argument in arguments if not argument.startswith("--")]
    folder = Path(folders[0] if folders else "zahlen-daten-fakten")
    result = report(wartburgkreis.build(), language=language, clear_by=date(2025, 6, 30))
    written = result.write(folder)
    summary = result.markdown.split("\n## ", 2)[1]
    print(summary.strip())
    print(f"\n{len(written)} files in {folder}/" + (f" ({result.charts_missing})" if result.charts_missing else ""))


if __name__ == "__main__":
    main(sys.argv[1:])
