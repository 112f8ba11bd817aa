"""What a coordinator types or hands in, at its edges: far dates, Windows text files, long texts, the workspace file.

Each test runs the real command on a real workspace (a sqlite: store in a temporary folder); the
review that found these (review 15) saw tracebacks, silent choices and misleading figures.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

from integrationsnetz.cli.commands.init import SLUG_LENGTH, slug
from integrationsnetz.cli.texts import MAX_TEXT_BYTES, cut

NEW = ("termin", "neu", "--titel", "Treffen", "--yes")
MEETING = "nt-2024-2"  # a meeting of the Wartburgkreis document


@pytest.mark.parametrize(
    "args",
    [
        (*NEW, "--beginn", "31.12.9999 23:00"),
        (*NEW, "--beginn", "01.01.0001 00:30"),
        (*NEW, "--beginn", "9999-12-31T23:00+01:00"),
        (*NEW, "--beginn", "12.01.2027 10:00", "--ende", "31.12.9999 10:00"),
        ("termin", "aendern", MEETING, "--beginn", "31.12.9999", "--yes"),
        ("termin", "protokoll", MEETING, "--genehmigt", "31.12.9999", "--yes"),
        ("liste", "termine", "--von", "01.01.0001"),
        ("liste", "termine", "--bis", "31.12.9999"),
        ("aufgabe", "neu", "--gruppe", "x", "--titel", "y", "--faellig", "31.12.9999", "--yes"),
        ("kursbericht", "--stand", "31.12.9999"),
        ("kursbericht", "--bis", "01.01.0001"),
        ("einladung", "--woche", "9999-52"),
        ("einladung", "--woche", "0000-1"),
    ],
    ids=lambda args: " ".join(args[:2]) + " " + args[-1] if args[-1] != "--yes" else " ".join(args[:4]),
)
def test_a_date_outside_the_librarys_years_is_a_usage_error(
    args: tuple[str, ...], run: Callable[..., Result], wartburgkreis_workspace: Path
) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "1900 bis 2999" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_von_after_bis_says_so(run: Callable[..., Result], wartburgkreis_workspace: Path) -> None:
    result = run("liste", "termine", "--von", "01.06.2027", "--bis", "01.01.2027")
    assert result.exit_code == 2
    assert "--von (01.06.2027) liegt nach --bis (01.01.2027)" in result.output
    assert "Keine Einträge" not in result.output


@pytest.mark.parametrize("order", [("--erste", "--zweite"), ("--zweite", "--erste")])
def test_erste_and_zweite_together_are_refused(
    order: tuple[str, str], run: Callable[..., Result], wartburgkreis_workspace: Path
) -> None:
    result = run(*NEW, "--beginn", "31.10.2027 02:30", *order)
    assert result.exit_code == 2, result.output
    assert "--erste oder --zweite, nicht beides" in result.output
    alone = run(*NEW, "--beginn", "31.10.2027 02:30", "--zweite", "--json")
    assert alone.exit_code == 0, alone.output
    assert '"start": "2027-10-31T02:30:00+01:00' in alone.stdout


def _minutes(folder: Path) -> str:
    import integrationsnetz as inz

    with inz.open_store(f"sqlite://{folder / 'netz.db'}") as store:
        meeting = store.get(inz.Meeting, MEETING)
    assert meeting.minutes is not None
    return meeting.minutes.text or ""


@pytest.mark.parametrize(
    ("payload", "text"),
    [
        (b"Gespr\xe4ch \xfcber B\xfcrger\r\nZweite Zeile", "Gespräch über Bürger\nZweite Zeile"),  # Notepad "ANSI"
        ("Gespräch über Bürger".encode("utf-8-sig"), "Gespräch über Bürger"),
        ("Gespräch über Bürger".encode("utf-16"), "Gespräch über Bürger"),
        ("Gespräch über Bürger €".encode(), "Gespräch über Bürger €"),
    ],
    ids=["cp1252", "utf-8-bom", "utf-16", "utf-8"],
)
def test_minutes_are_read_as_windows_editors_save_them(
    payload: bytes, text: str, run: Callable[..., Result], wartburgkreis_workspace: Path
) -> None:
    (wartburgkreis_workspace / "protokoll.txt").write_bytes(payload)
    result = run("termin", "protokoll", MEETING, "--datei", "protokoll.txt", "--yes")
    assert result.exit_code == 0, result.output
    assert _minutes(wartburgkreis_workspace) == text


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (b"a\x00b", "Null-Bytes"),
        (b"x" * (MAX_TEXT_BYTES + 1), "höchstens 1000000 Bytes"),
        (b"ok\n\x81\x8d", "weder UTF-8- noch Windows-Text (Zeile 2)"),
    ],
    ids=["nul", "too-big", "neither"],
)
def test_a_file_that_is_no_minutes_is_refused_with_its_name(
    payload: bytes, expected: str, run: Callable[..., Result], wartburgkreis_workspace: Path
) -> None:
    (wartburgkreis_workspace / "falsch.txt").write_bytes(payload)
    result = run("termin", "protokoll", MEETING, "--datei", "falsch.txt", "--yes")
    assert result.exit_code == 1
    assert result.output.startswith("Fehler: ")
    assert "falsch.txt" in result.output
    assert expected in result.output
    assert "Traceback" not in result.output


def test_a_long_text_is_cut_in_the_confirmation(run: Callable[..., Result], wartburgkreis_workspace: Path) -> None:
    (wartburgkreis_workspace / "lang.txt").write_text("Eine Zeile des Protokolls.\n" * 20_000, encoding="utf-8")
    result = run("termin", "protokoll", MEETING, "--datei", "lang.txt", "--yes")
    assert result.exit_code == 0, result.output
    assert len(result.output) < 2_000
    assert "Zeichen)" in result.output
    assert len(_minutes(wartburgkreis_workspace)) == 27 * 20_000  # the whole text is stored


def test_a_long_title_gets_a_short_id(run: Callable[..., Result], wartburgkreis_workspace: Path) -> None:
    title = "Arbeitsgruppe " * 10_000
    first = run("termin", "neu", "--titel", title, "--beginn", "21.01.2027 10:00", "--yes", "--json")
    second = run("termin", "neu", "--titel", title, "--beginn", "21.01.2027 14:00", "--yes", "--json")
    assert first.exit_code == 0, first.stderr
    assert second.exit_code == 0, second.stderr
    ids = [json.loads(result.stdout)[0]["id"] for result in (first, second)]
    assert ids[0] != ids[1]
    assert all(len(meeting_id) <= SLUG_LENGTH + len("-2027-01-21-2") for meeting_id in ids)
    assert len(first.stderr) < 3_000  # the title is cut in the confirmation (on standard error) too


@settings(max_examples=300)
@given(st.text(max_size=400))
def test_a_slug_is_short_and_tidy(text: str) -> None:
    made = slug(text)
    assert 0 < len(made) <= SLUG_LENGTH
    assert not made.startswith("-")
    assert not made.endswith("-")
    assert "--" not in made


@given(st.text(max_size=2_000))
def test_a_cut_text_is_short_and_says_how_long_it_was(text: str) -> None:
    shown = cut(text)
    assert shown == text or (len(shown) < 260 and shown.endswith(f"({len(text)} Zeichen)"))


def test_kursbericht_without_course_data_says_so(run: Callable[..., Result], wartburgkreis_workspace: Path) -> None:
    result = run("kursbericht", "bericht")
    assert result.exit_code == 1
    assert "keine Kursdaten" in result.output
    assert "--kursliste" in result.output
    assert "wartet" not in result.output
    assert not (wartburgkreis_workspace / "bericht").exists()


def test_kursbericht_names_its_own_option_for_new_providers(
    run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("init", str(tmp_path / "neu"), "--name", "Netz Übung", "--land", "TH").exit_code == 0
    monkeypatch.chdir(tmp_path / "neu")  # a fresh workspace, as after the tutorial's first step: no providers
    refused = run("kursbericht", "--kursliste", "beispiel", "bericht")
    assert refused.exit_code == 1
    assert "new_providers" not in refused.output
    assert "--neue-traeger" in refused.output
    made = run("kursbericht", "--kursliste", "beispiel", "--neue-traeger", "bericht", "--ohne-diagramme")
    assert made.exit_code == 0, made.output
    assert (tmp_path / "neu" / "bericht" / "bericht.md").exists()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("netz = 5", "netz: erwartet einen Dateinamen in Anführungszeichen, gefunden 5"),
        ('stroe = "sqlite:netz.db"', "unbekannter Schlüssel 'stroe' (Tippfehler?); bekannt sind: netz, planung"),
        ('ausgabe = "../draussen"', "ausgabe: '../draussen' liegt außerhalb des Arbeitsordners"),
        ('ausgabe = "/tmp"', "ausgabe: '/tmp' liegt außerhalb des Arbeitsordners"),
        ("[netz]\nx = 1", "netz: erwartet einen Dateinamen in Anführungszeichen, gefunden eine Tabelle"),
    ],
)
def test_a_wrong_workspace_file_is_refused_naming_file_and_key(
    line: str, expected: str, run: Callable[..., Result], wartburgkreis_workspace: Path
) -> None:
    (wartburgkreis_workspace / "integrationsnetz.toml").write_text(line + "\n", encoding="utf-8")
    result = run("liste", "termine")
    assert result.exit_code == 1
    assert f"{wartburgkreis_workspace / 'integrationsnetz.toml'}: " in result.output
    assert expected in result.output


def test_an_output_folder_inside_the_workspace_is_fine(
    run: Callable[..., Result], wartburgkreis_workspace: Path
) -> None:
    (wartburgkreis_workspace / "integrationsnetz.toml").write_text(
        'netz = "wartburgkreis-netzwerk.toml"\nstore = "sqlite:netz.db"\nausgabe = "out/kalender"\n', encoding="utf-8"
    )
    result = run("veroeffentlichen", "--jahr", "2024")
    assert result.exit_code == 0, result.output
    assert list((wartburgkreis_workspace / "out" / "kalender").glob("*.ics"))


def test_check_json_lists_each_source(run: Callable[..., Result], wartburgkreis_workspace: Path) -> None:
    result = run("check", "--json")
    report = json.loads(result.stdout)
    assert result.exit_code == (1 if report["problems"] else 0)
    assert [Path(source["source"]).name for source in report["sources"]][:1] == ["wartburgkreis-netzwerk.toml"]
    assert report["problems"] == sum(len(source["problems"]) for source in report["sources"])


def test_optional_arguments_are_shown_in_brackets(run: Callable[..., Result]) -> None:
    assert "netz schreiben [OPTIONEN] [DATEI]" in run("netz", "schreiben", "--help").output
    assert "[FORMAT] [DATEI]" in run("export", "--help").output


def test_check_names_texts_with_control_characters_as_warnings(run: Callable[..., Result],
                                                               wartburgkreis_workspace: Path) -> None:  # fmt: skip
    """Review 16, finding 2: a form feed from ``pdftotext`` is accepted, and ``check`` says where it is."""
    document = wartburgkreis_workspace / "wartburgkreis-netzwerk.toml"
    text = document.read_text(encoding="utf-8")
    before = run("check", "--json")
    title = 'title = "2. Treffen des Netzwerkes Integration Wartburgkreis"'
    document.write_text(text.replace(title, 'title = "2. Treffen\\fdes Netzwerkes\\u0007"'), encoding="utf-8")
    result = run("check")
    assert result.exit_code == before.exit_code, result.output  # a note, not a problem
    assert "1 Hinweis auf Steuerzeichen" in result.stdout
    assert 'meetings["nt-2024-2"].title: holds control characters (U+000C, U+0007)' in result.stdout
    report = json.loads(run("check", "--json").stdout)
    assert report["problems"] == json.loads(before.stdout)["problems"]
    assert [len(source["warnings"]) for source in report["sources"]][:1] == [1]
