"""The German command-line tutorial runs as written, so it cannot rot.

``docs/tutorial-kommandozeile.md`` is read top to bottom in a fresh temporary folder holding the
example workbook ``docs/beispiele/mitglieder.xlsx`` (what the page tells the reader to put there):

- each ``console`` block's lines starting with ``$ `` are commands, run in order as real processes
  of the installed entry point ``integrationsnetz`` in German (no ``LANG``); the lines below a
  command are its output as a terminal shows it (standard output and error in the order written,
  the reader's answer after the question). Each shown line is a whole line of the output, where
  ``…`` inside a line stands for any text (a path of the reader's machine), and the shown lines
  come in the output's order. Output lines the page leaves out must be marked: a line holding only
  ``…`` stands for one or more left-out lines; left-out lines without it fail the test (a shortened
  excerpt must say so). Empty lines of the output need no mark. A line ending in ``[j/N] j`` is the
  question and the reader's answer: the answer is typed in. A command fails the test when it exits
  with anything but 0, or the code a trailing ``# Exit-Code N`` names.
- a ``toml`` block after ``<!-- append: FILE -->`` is added to the end of FILE, as the reader is
  told to; after ``<!-- file: FILE -->`` it is written as FILE.
- a block after ``<!-- fragment: reason -->`` is not run (the installation).

The example workbook is written by :func:`write_members_workbook`; the test that compares it
rewrites it with ``INTEGRATIONSNETZ_WRITE_EXAMPLES=1``.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "tutorial-kommandozeile.md"
WORKBOOK = ROOT / "docs" / "beispiele" / "mitglieder.xlsx"
COMMAND = Path(sys.executable).with_name("integrationsnetz")
installed = pytest.mark.skipif(not COMMAND.exists(), reason="the entry point is installed by ./dev (pip install -e)")
FENCE = re.compile(r"^(`{3,})([\w+-]*)\s*$")
MARKER = re.compile(r"^<!--\s*(fragment|append|file):\s*(.*?)\s*-->$")
ANSWER = re.compile(r"^(.*\[j/N\]) (\S+)$")
EXIT_CODE = re.compile(r"\s+#\s*Exit-Code\s+(\d+)\s*$")
#: A line of its own in an excerpt: the output has lines here that the page leaves out.
GAP = "…"

#: The member directory as a district office keeps it: a title, the date, then the table.
TITLE = ("Mitgliederliste Netzwerk Integration Wartburgkreis", "Stand: 01.11.2026")
MEMBERS: tuple[tuple[str | None, ...], ...] = (
    ("Typ", "Name", "Art", "Funktion", "Organisation", "Straße", "PLZ", "Ort", "E-Mail", "Telefon"),
    ("Organisation", "Landratsamt Wartburgkreis", "Behörde", None, None, "Erzberger Allee 14", "36433",
     "Bad Salzungen", "integration@wartburgkreis.example", "03695 61-0"),
    ("Organisation", "Jobcenter Wartburgkreis", "Jobcenter", None, None, "Leimbacher Straße 25", "36433",
     "Bad Salzungen", None, None),
    ("Organisation", "Volkshochschule Wartburgkreis", "Kursträger", None, None, "Goethestraße 12", "99817",
     "Eisenach", None, None),
    ("Organisation", "Caritasverband Wartburgkreis", "Wohlfahrtsverband", None, None, "Marienstraße 2", "99817",
     "Eisenach", None, None),
    ("Organisation", "Wohnungsgesellschaft Eisenach", "Wohnungswirtschaft", None, None, None, None, "Eisenach",
     None, None),
    ("Person", "Erika Muster", None, "Koordination", "Landratsamt Wartburgkreis", None, None, None,
     "koordination@wartburgkreis.example", "03695 61-123"),
    ("Person", "Max Beispiel", None, "Teamleitung Integration", "Jobcenter Wartburgkreis", None, None, None,
     "m.beispiel@jobcenter.example", None),
    ("Person", "Jonas Probst", None, "Fachbereich Sprachen", "Volkshochschule Wartburgkreis", None, None, None,
     "sprachen@vhs.example", None),
    ("Person", "Aylin Demir", None, "Migrationsberatung", "Caritasverband Wartburgkreis", None, None, None,
     "migration@caritas.example", None),
    ("Person", "Paul Schmidt", None, "Sozialmanagement", "Wohnungsgesellschaft Eisenach", None, None, None, None,
     None),
)  # fmt: skip


def write_members_workbook(path: Path) -> None:
    """The example member directory as an Excel workbook: a bold title, the date, an empty row, the table."""
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Mitglieder"
    sheet.append([TITLE[0]])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([TITLE[1]])
    sheet.append([])
    for row in MEMBERS:
        sheet.append(list(row))
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEFGHIJ", (14, 32, 20, 24, 32, 22, 8, 16, 36, 16), strict=True):
        sheet.column_dimensions[column].width = width
    book.save(path)


def _cells(path: Path) -> list[list[object]]:
    import openpyxl

    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_the_example_workbook_is_the_one_this_module_writes(tmp_path: Path) -> None:
    fresh = tmp_path / "mitglieder.xlsx"
    write_members_workbook(fresh)
    if os.environ.get("INTEGRATIONSNETZ_WRITE_EXAMPLES") == "1":
        WORKBOOK.parent.mkdir(exist_ok=True)
        shutil.copy(fresh, WORKBOOK)
    assert WORKBOOK.is_file(), "run INTEGRATIONSNETZ_WRITE_EXAMPLES=1 .venv/bin/python -m pytest " + __file__
    assert _cells(WORKBOOK) == _cells(fresh), "docs/beispiele/mitglieder.xlsx is stale: rewrite it (see above)"


# -- reading the page ---------------------------------------------------------------------------


@dataclass
class Step:
    """One thing the reader does: run a command (``args``), or put ``text`` into the file ``file``."""

    line: int
    args: list[str] = field(default_factory=list)
    expected: list[str] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)
    exit_code: int = 0
    file: str | None = None
    text: str = ""
    append: bool = False


def steps_of(page: Path) -> list[Step]:
    """The commands and file edits of the page, in order."""
    lines = page.read_text(encoding="utf-8").splitlines()
    steps: list[Step] = []
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        fence, language = opening.groups()
        end = next(i for i in range(index + 1, len(lines)) if lines[i].strip() == fence)
        marker = MARKER.match(lines[index - 1].strip()) if index > 0 else None
        kind, value = marker.groups() if marker else ("", "")
        body = lines[index + 1 : end]
        if kind in ("append", "file"):
            steps.append(Step(line=index + 1, file=value, text="\n".join(body) + "\n", append=kind == "append"))
        elif language == "console" and kind != "fragment":
            for number, text in enumerate(body, start=index + 2):
                if text.startswith("$ "):
                    command = text[2:]
                    code = EXIT_CODE.search(command)
                    steps.append(Step(line=number, args=shlex.split(command, comments=True),
                                      exit_code=int(code.group(1)) if code else 0))  # fmt: skip
                elif steps and steps[-1].args and text.strip() == GAP:
                    steps[-1].expected.append(GAP)
                elif steps and steps[-1].args and text.strip():
                    answer = ANSWER.match(text)
                    if answer:
                        steps[-1].answers.append(answer.group(2))
                    steps[-1].expected.append(text.rstrip())
        index = end + 1
    return steps


def matches(expected: str, line: str) -> bool:
    """Whether ``line`` is the line ``expected`` shows: the same text, where ``…`` stands for any text."""
    pattern = ".*".join(re.escape(part) for part in expected.rstrip().split("…"))
    return re.fullmatch(pattern, line.rstrip()) is not None


def unshown(expected: list[str], output: str) -> list[str]:
    """What is wrong with ``expected`` as an excerpt of ``output``; nothing when it is a faithful one.

    The shown lines must be lines of the output in its order; between them (and before the first,
    after the last) the output may have lines the page leaves out only where a :data:`GAP` line
    stands (empty lines need no mark).
    """
    lines = output.splitlines()
    problems: list[str] = []
    position, gap = 0, False
    for item in expected:
        if item == GAP:
            gap = True
            continue
        found = next((index for index in range(position, len(lines)) if matches(item, lines[index])), None)
        if found is None:
            problems.append(f"not in the output (in this order): {item!r}")
            continue
        skipped = [line for line in lines[position:found] if line.strip()]
        if skipped and not gap:
            problems.append(f"left out before {item!r} without a '…' line: {skipped}")
        position, gap = found + 1, False
    rest = [line for line in lines[position:] if line.strip()]
    if rest and not gap:
        problems.append(f"left out at the end without a '…' line: {rest}")
    return problems


def test_the_line_matcher_takes_the_ellipsis_for_any_text() -> None:
    assert matches("…/netzwerk.toml: keine Probleme.", "/tmp/x/netzwerk.toml: keine Probleme.")
    assert matches("  Status  geplant → bestätigt", "  Status  geplant → bestätigt  ")
    assert not matches("keine Probleme", "2 Problem(e)")
    assert not matches("a…b", "b a")
    assert not matches("Gespeichert", "Gespeichert: x (Revision 2).")  # a whole line, not a part of one


def test_an_excerpt_must_mark_what_it_leaves_out() -> None:
    output = "Kopf\n\neins\nzwei\ndrei\n"
    assert unshown(["Kopf", "eins", "zwei", "drei"], output) == []  # the empty line needs no mark
    assert unshown(["Kopf", GAP, "drei"], output) == []
    assert unshown(["Kopf", GAP], output) == []
    assert unshown([GAP, "drei"], output) == []
    assert unshown(["Kopf", "drei"], output) != []  # two lines left out, unmarked
    assert unshown(["Kopf", "eins"], output) != []  # the end left out, unmarked
    assert unshown([], output) != []  # no output shown at all, but there is some
    assert unshown(["drei", GAP, "eins"], output) != []  # out of order
    assert unshown([], "\n") == []


# -- running it ---------------------------------------------------------------------------------


def as_typed(output: str, answers: list[str]) -> str:
    """``output`` as the reader's terminal shows it: each answer typed after its question, then Enter."""
    for answer in answers:
        output = output.replace("[j/N] ", f"[j/N] {answer}\n", 1)
    return output


def _environment() -> dict[str, str]:
    drop = ("LANG", "LC_ALL", "LC_MESSAGES", "COLUMNS")
    return {key: value for key, value in os.environ.items() if key not in drop}


@installed
def test_the_tutorial_runs_as_written(tmp_path: Path) -> None:
    folder = tmp_path / "Netzwerk"
    folder.mkdir()
    shutil.copy(WORKBOOK, folder / "mitglieder.xlsx")
    steps = steps_of(PAGE)
    commands = [step for step in steps if step.args]
    assert len(commands) >= 20, "the tutorial shows the commands of a whole year"
    for step in steps:
        where = f"{PAGE.relative_to(ROOT)}:{step.line}"
        if step.file is not None:
            target = folder / step.file
            assert not step.append or target.is_file(), f"{where}: {step.file} should exist by now"
            with target.open("a" if step.append else "w", encoding="utf-8") as file:
                file.write(("\n" if step.append else "") + step.text)
            continue
        assert step.args[0] == "integrationsnetz", f"{where}: only integrationsnetz commands are run"
        result = subprocess.run(
            [str(COMMAND), *step.args[1:]], cwd=folder, env=_environment(), input="".join(
                f"{answer}\n" for answer in step.answers), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, timeout=300, check=False,
        )  # fmt: skip
        output = as_typed(result.stdout, step.answers)
        shown = f"{where}: $ {shlex.join(step.args)}\n--- exit code {result.returncode}, output:\n{output}"
        assert result.returncode == step.exit_code, shown
        assert "Traceback" not in output, shown
        problems = unshown(step.expected, output)
        assert problems == [], f"{shown}\n--- the page does not show this output faithfully:\n" + "\n".join(problems)


def test_the_tutorial_is_linked_from_the_index_and_the_readme() -> None:
    assert "(tutorial-kommandozeile.md)" in (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert "docs/tutorial-kommandozeile.md" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "beispiele/mitglieder.xlsx" in PAGE.read_text(encoding="utf-8")
