"""The Wartburgkreis course figures for the network meeting: one call, one folder.

Run: ``.venv/bin/python examples/course_report.py [folder] [--en] [--kursliste FILE] [--bis DATE]``.
Builds the example network, adds the courses of a provider's course list if one is given (a CSV as
German Excel writes it; ``--kursliste beispiel`` takes the sample shipped with the library), and
writes the report as Markdown, HTML, CSV and (with the ``charts`` extra) SVG charts into ``folder``
(default ``zahlen-daten-fakten``). Prints the summary: how long people wait, and how many more courses
and teachers it would take to end the waiting, and to clear the backlog by ``--bis`` (30.06.2025).
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

import wartburgkreis

from integrationsnetz import InvalidData
from integrationsnetz.courses import report
from integrationsnetz.courses.course_list import import_course_list, sample_course_list


def main(arguments: list[str]) -> int:
    """Build, import, report, write; print the summary. Returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default="zahlen-daten-fakten", type=Path)
    parser.add_argument("--en", action="store_true", help="English instead of German")
    parser.add_argument("--kursliste", help="a provider's course list (CSV), or 'beispiel' for the sample")
    parser.add_argument("--bis", default="30.06.2025", help="clear the backlog by this date (TT.MM.JJJJ)")
    options = parser.parse_args(arguments)
    data = wartburgkreis.build()
    as_of = max(waitlist.as_of for waitlist in data.waitlists)
    try:
        clear_by = datetime.strptime(options.bis, "%d.%m.%Y").date()
    except ValueError:
        print(f"--bis: expected a date like 30.06.2025, got {options.bis!r}", file=sys.stderr)
        return 2
    if options.kursliste:
        source = sample_course_list() if options.kursliste == "beispiel" else Path(options.kursliste)
        try:
            data = import_course_list(source, data, as_of=as_of, name=options.kursliste)
        except InvalidData as exc:
            print(exc, file=sys.stderr)  # every bad row, with the file, row and column; nothing imported
            return 1
    result = report(data, as_of=as_of, language="en" if options.en else "de", clear_by=clear_by)
    written = result.write(options.folder)
    print(result.markdown.split("\n## ", 2)[1].strip())
    note = f" ({result.charts_missing})" if result.charts_missing else ""
    print(f"\n{len(written)} files in {options.folder}/{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
