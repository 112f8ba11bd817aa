"""Every command behaves alike: one way of asking, a quiet end in a closed pipe, English help in English.

The data commands (``import``, ``export``, ``person loeschen``, ``store``, ``netz``) ask as the
meeting commands do: ``[j/N]`` in German, ``[y/N]`` in English, either word agreeing in either
language. Output piped into a reader that stops early (``| head``) ends the command without a
message, as ``git log | head`` does. And ``--lang en`` shows no German text of the command line's
own (option values such as ``--woche nächste`` are typed in German and stay so).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import click
import pytest
from click.testing import Result

from integrationsnetz.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
COMMAND = Path(sys.executable).with_name("integrationsnetz")
installed = pytest.mark.skipif(not COMMAND.exists(), reason="the entry point is installed by ./dev (pip install -e)")

#: Words of German prose; any of them (or a word with an umlaut or ß) in English help is a slip.
GERMAN = frozenset({
    "der", "die", "das", "und", "oder", "nicht", "ein", "eine", "einen", "einer", "mit", "für", "von", "zu", "im",
    "ist", "wird", "werden", "auf", "den", "dem", "des", "als", "auch", "nur", "bei", "nach", "aus", "sich", "wie",
    "ohne", "alle", "noch", "schon", "vorher", "sonst", "Standard", "Termin", "Termine", "Speicher", "Netzwerk",
    "Datei", "Ordner", "Gruppe", "Aufgabe", "Kennung", "Befehle", "Optionen", "Aufruf", "Hilfe", "zeigen",
    "anlegen", "ändern", "bestätigen", "absagen",
})  # fmt: skip
#: Option values typed in German whatever the language (``--woche nächste``).
TYPED_VALUES = frozenset({"diese", "nächste", "naechste", "letzte"})


def _commands(command: click.Command, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    yield path
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from _commands(sub, (*path, name))


ALL_COMMANDS = list(_commands(main))
#: The commands' own names (``absagen``, ``termin``): German in either language, like the options.
COMMAND_NAMES = frozenset(name for path in ALL_COMMANDS for name in path)


@pytest.mark.parametrize("path", ALL_COMMANDS, ids=lambda path: " ".join(path) or "integrationsnetz")
def test_the_english_help_has_no_german_prose(path: tuple[str, ...], run: Callable[..., Result]) -> None:
    shown = run("--lang", "en", *path, "--help")
    assert shown.exit_code == 0, shown.output
    # option names, metavars (DATEI, ORDNER), `commands` and quoted examples are names, not prose
    prose = re.sub(r"--?[\w-]+|\b[A-Z]{2,}\b|`[^`]*`|\"[^\"]*\"|'[^']*'", " ", shown.output)
    words = set(re.findall(r"[^\W\d_]+", prose)) - TYPED_VALUES - COMMAND_NAMES
    german = sorted(word for word in words if word in GERMAN or re.search("[äöüßÄÖÜ]", word))
    assert german == [], f"German words in `integrationsnetz --lang en {' '.join(path)} --help`"


def test_the_german_help_is_german(run: Callable[..., Result]) -> None:
    """The detector above would see German: the German help is full of it."""
    shown = run("termin", "--help").output
    assert {"der", "und", "Termin"} <= set(re.findall(r"[^\W\d_]+", shown))


def test_an_unknown_export_format_is_named_in_the_runs_language(
    run: Callable[..., Result], wartburgkreis_workspace: Path
) -> None:
    german = run("export", "pdf", "x.pdf")
    english = run("--lang", "en", "export", "pdf", "x.pdf")
    assert german.exit_code == english.exit_code == 1
    assert "Fehler: kein Exporter für das Format 'pdf'; bekannte Formate: " in german.output
    assert "Error: no exporter for format 'pdf'; known formats: " in english.output


# -- one way of asking --------------------------------------------------------------------------


def _stored(run: Callable[..., Result]) -> None:
    assert run("netz", "laden", "--yes").exit_code == 0


@pytest.mark.parametrize(
    ("language", "answer", "agreed"),
    [("de", "j", True), ("de", "ja", True), ("de", "yes", True), ("en", "y", True), ("en", "ja", True),
     ("de", "n", False), ("de", "", False), ("en", "no", False)],
)  # fmt: skip
def test_the_data_commands_ask_as_the_meeting_commands_do(
    run: Callable[..., Result], wartburgkreis_workspace: Path, language: str, answer: str, agreed: bool
) -> None:
    _stored(run)
    person = "im-1"
    result = run("--lang", language, "person", "loeschen", person, input=f"{answer}\n")
    question = "Ausführen? [j/N]" if language == "de" else "Go ahead? [y/N]"
    assert question in result.output
    assert "Aborted!" not in result.output  # click's own word, in English whatever the run's language
    assert result.exit_code == (0 if agreed else 1), result.output
    if not agreed:
        nothing = "Abgebrochen: nichts geändert." if language == "de" else "Aborted: nothing changed."
        assert nothing in result.output
    listed = run("--lang", language, "zeige", person)
    assert (listed.exit_code != 0) is agreed


def test_an_answer_that_is_neither_is_asked_again(run: Callable[..., Result], wartburgkreis_workspace: Path) -> None:
    _stored(run)
    result = run("netz", "schreiben", "kopie.toml", input="vielleicht\nj\n")
    assert "Bitte j (ja) oder n (nein)." in result.output
    assert result.exit_code == 0, result.output
    assert (wartburgkreis_workspace / "kopie.toml").is_file()


def test_the_end_of_the_input_declines(run: Callable[..., Result], wartburgkreis_workspace: Path) -> None:
    result = run("netz", "laden", input="")
    assert result.exit_code == 1
    assert "Abgebrochen: nichts geändert." in result.output


# -- a reader that goes away --------------------------------------------------------------------


@pytest.fixture
def big_network(tmp_path: Path) -> Path:
    """The Wartburgkreis document, whose lists and JSON fill more than a pipe's buffer, in a workspace."""
    shutil.copy(EXAMPLES / "wartburgkreis-netzwerk.toml", tmp_path)
    (tmp_path / "integrationsnetz.toml").write_text('netz = "wartburgkreis-netzwerk.toml"\n', encoding="utf-8")
    return tmp_path


def _into_closed_pipe(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the command with its standard output a pipe whose reader has gone (as ``| head`` leaves it)."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        environment = {key: value for key, value in os.environ.items() if key not in ("LANG", "LC_ALL")}
        return subprocess.run(
            [str(COMMAND), *args], cwd=folder, env=environment, stdout=writer, stderr=subprocess.PIPE, text=True,
            timeout=120, check=False,
        )  # fmt: skip
    finally:
        os.close(writer)


@installed
@pytest.mark.parametrize(
    "args",
    [("liste", "personen"), ("zeige", "netz-wak", "--json"), ("--help",), ("--lang", "en", "liste", "termine")],
    ids=" ".join,
)
def test_output_into_a_closed_pipe_ends_quietly(big_network: Path, args: tuple[str, ...]) -> None:
    result = _into_closed_pipe(big_network, *args)
    assert result.stderr == "", "no 'Fehler: [Errno 32] Broken pipe', no Python note at exit"
    assert result.returncode in (0, 1)


@installed
def test_head_reads_the_first_lines_and_the_command_says_nothing(big_network: Path) -> None:
    """The shell's own pipe: ``integrationsnetz liste personen | head -n 3``."""
    environment = {key: value for key, value in os.environ.items() if key not in ("LANG", "LC_ALL")}
    result = subprocess.run(
        ["sh", "-c", f"'{COMMAND}' liste personen --json | head -n 3"],
        cwd=big_network, env=environment, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.stdout.splitlines()[0] == "["
    assert len(result.stdout.splitlines()) == 3
    assert "Broken pipe" not in result.stderr, result.stderr
    assert "Fehler" not in result.stderr, result.stderr
