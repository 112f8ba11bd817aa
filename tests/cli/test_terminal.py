"""Names and texts of the data reach the terminal as one visible line: no forged lines, no escape sequences.

A person whose function and name hold a newline (a forged "eingewilligt" line), ESC/OSC sequences
(clear the screen, set the window title) and a right-to-left override is listed, put on an
agenda and left out of an export; every line the command line prints shows those characters as
escapes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given
from hypothesis import strategies as st

import integrationsnetz as inz
from integrationsnetz.cli.terminal import visible

Run = Callable[..., Result]
HOSTILE = "Eve\n  - Jan Beispiel: eingewilligt, alles gut\x1b[2J\x1b]0;pwned\x07\u202eevil\r\x85"
OBEYED = ("\r", "\x1b", "\x07", "\u202e", "\x85")


@given(st.text())
def test_visible_text_is_one_line_without_controls(text: str) -> None:
    shown = visible(text)
    assert len(shown.splitlines()) <= 1
    assert not any(
        unicodedata.category(ch) in ("Cc", "Zl", "Zp") or ch in "\u202a\u202b\u202d\u202e\u2066\u2067\u2068"
        for ch in shown
    )
    if text.isprintable():
        assert shown == text


def test_printable_names_stay_as_they_are() -> None:
    for name in ("Zoë Ünal-Østergaard", "محمد العلي", "می\u200cخواهم", "Anna \\n Schmidt"):
        assert visible(name) == name


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run) -> Path:
    folder = tmp_path / "netz"
    folder.mkdir()
    monkeypatch.chdir(folder)
    network = inz.Network(
        id="netz-wak",
        name="Netzwerk Integration Wartburgkreis",
        region=inz.Region(name="Wartburgkreis", state=inz.State.TH, ags="16063"),
    )
    people = (
        inz.Person(id="koordination", network_id="netz-wak", function="Koordination", name="Erika Muster",
                   consents=(inz.Consent(purpose=inz.ConsentPurpose.DIRECTORY, given_on=date(2026, 1, 1)),)),
        inz.Person(id="eve", network_id="netz-wak", function=HOSTILE, name=HOSTILE),
    )  # fmt: skip
    inz.documents.save(inz.NetworkData(network=network, persons=people), folder / "netz.toml")
    created = run("init", ".", "--netz", "netz.toml")
    assert created.exit_code == 0, created.output
    made = run("termin", "neu", "--titel", "Treffen", "--beginn", "03.03.2027 09:00", "--id", "nt-1",
               "--einladen", "eve", "--einladen", "koordination", "--yes")  # fmt: skip
    assert made.exit_code == 0, made.output
    return folder


@pytest.mark.parametrize(
    "args",
    [
        ("liste", "personen"),
        ("zeige", "eve"),
        ("termin", "top", "nt-1", "--titel", HOSTILE, "--referent", "eve"),
        ("export", "outlook-csv", "out/v.csv", "--publikum", "intern", "--stichtag", "01.03.2027"),
    ],
)
def test_a_hostile_name_is_printed_visibly(hostile: Path, run: Run, args: tuple[str, ...]) -> None:
    result = run(*args, input="n\n")
    assert "Eve" in result.output, result.output
    for character in OBEYED:
        assert character not in result.output, (character, result.output)
    assert not any(line.lstrip().startswith("- Jan Beispiel") for line in result.output.splitlines())
