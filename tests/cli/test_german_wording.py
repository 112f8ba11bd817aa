"""A German run speaks German: click's usage errors, organisation kinds, and "1 Eintrag", not "1 Einträge".

The usage errors are produced by the installed click (real parsing of real command lines) and
shown through :mod:`integrationsnetz.cli.usage`; the catalog's English side must be click's own
message templates, which a test reads from click's source, so a click release that rewords one
fails here instead of showing English in a German run.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from click.testing import Result

from integrationsnetz.cli import wording
from integrationsnetz.cli.usage import translated
from integrationsnetz.cli.wording import LANGUAGE, english_and_german, say

Run = Callable[..., Result]

#: English words of click's messages that a German run must not show.
ENGLISH = ("Error", "Usage", "Try ", "Missing", "No such", "Invalid value", "Got unexpected", "is not", "OPTIONS",
           "Did you mean", "requires")  # fmt: skip

USAGE_ERRORS = {
    ("termin", "bestaetigen"): "Fehler: Fehlendes Argument 'ID'.",
    ("termin", "bestaetigen", "a", "b"): "Fehler: Ein Argument zu viel: b",
    ("liste", "personen", "--gibtsnicht"): "Fehler: Unbekannte Option '--gibtsnicht'.",
    ("liste", "personen", "--vonn", "1.1.2027"): (
        "Fehler: Unbekannte Option '--vonn'. (Meinten Sie eine davon: '--json', '--von'?)"
    ),
    ("termni",): "Fehler: Unbekannter Befehl 'termni'. Meinten Sie 'termin'?",
    ("liste", "leute"): "Fehler: Ungültiger Wert für 'ART': 'leute' ist keiner der Werte 'aufgaben', ",
    ("plan", "zwanzig"): "Fehler: Ungültiger Wert für 'JAHR': 'zwanzig' ist keine Zahl.",
    ("plan", "1999"): "Fehler: Ungültiger Wert für 'JAHR': 1999 liegt nicht im Bereich 2000<=x<=2100.",
    ("aufgabe", "neu", "--titel", "x"): "Fehler: Fehlende Option '--gruppe'.",
    ("termin", "neu", "--titel"): "Fehler: Die Option '--titel' braucht einen Wert.",
    ("--lang", "fr", "check"): "Fehler: Ungültiger Wert für '--lang': 'fr' ist keiner der Werte 'de', 'en'.",
}


@pytest.mark.parametrize("args", list(USAGE_ERRORS), ids=[" ".join(args) for args in USAGE_ERRORS])
def test_usage_errors_are_german_with_exit_code_2(run: Run, tmp_path: Path, args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert USAGE_ERRORS[args] in result.output
    for english in ENGLISH:
        assert english not in result.output, (english, result.output)


def test_a_usage_error_shows_the_german_usage_line_and_where_help_is(run: Run) -> None:
    result = run("termin", "bestaetigen")
    assert result.output.splitlines() == [
        "Aufruf: integrationsnetz termin bestaetigen [OPTIONEN] ID",
        "Hilfe: 'integrationsnetz termin bestaetigen --help'.",
        "",
        "Fehler: Fehlendes Argument 'ID'.",
    ]


def test_an_english_run_keeps_clicks_messages(run: Run) -> None:
    result = run("--lang", "en", "termin", "bestaetigen")
    assert result.exit_code == 2
    assert "Usage: integrationsnetz termin bestaetigen [OPTIONS] ID" in result.output
    assert "Error: Missing argument 'ID'." in result.output
    assert "Fehler" not in result.output


def test_our_own_usage_errors_keep_their_german_text(run: Run, store_workspace: Path) -> None:
    result = run("termin", "anwesenheit", "x")
    assert result.exit_code == 2
    assert "Fehler: nichts anzugeben: --anwesend, --entschuldigt, --anzahl" in result.output


def test_a_group_called_bare_still_shows_its_help(run: Run) -> None:
    result = run("termin")
    assert result.exit_code == 2
    assert "Befehle:" in result.output
    assert "Fehler" not in result.output


def _click_templates() -> str:
    """The text of click's modules, with ``{name!r}`` written as ``{name}`` (the catalog's placeholders)."""
    source = "".join(path.read_text(encoding="utf-8") for path in Path(click.__file__).parent.glob("*.py"))
    return source.replace("!r}", "}")


def test_each_english_template_is_one_of_clicks_messages() -> None:
    source = _click_templates()
    pairs = english_and_german("click.")
    assert len(pairs) >= 20
    for english, _german in pairs:
        assert f'"{english}' in source, f"click no longer writes {english!r}: update the click.* keys"


def test_each_german_template_uses_only_the_english_placeholders() -> None:
    for english, german in english_and_german("click."):
        assert set(re.findall(r"\{(\w+)\}", german)) <= set(re.findall(r"\{(\w+)\}", english)), german


def test_translation_of_composed_messages() -> None:
    token = LANGUAGE.set("de")
    try:
        message = "Missing argument 'ART'. Choose from:\n\tpersonen,\n\torte"
        assert translated(message) == "Fehlendes Argument 'ART'. Zur Wahl:\n\tpersonen,\n\torte"
        assert translated("No such option '--x'. (Did you mean one of: '--a', '--b'?)") == (
            "Unbekannte Option '--x'. (Meinten Sie eine davon: '--a', '--b'?)"
        )
        assert translated("Invalid value for '--out': File 'a b' is a directory.") == (
            "Ungültiger Wert für '--out': 'a b' ist ein Ordner."
        )
    finally:
        LANGUAGE.reset(token)


# -- singular and plural ------------------------------------------------------------------------

#: Plural nouns that must not follow a count of 1.
PLURALS = re.compile(r"\b1 (Einträge|Termine|Dateien|Probleme|Tagesordnungspunkte|Sitzungen|entries|files|meetings|"
                     r"sessions|problems|agenda items)\b|\(e\)|\(s\)")  # fmt: skip


def _count_keys() -> list[str]:
    return [key for key, pair in wording._WORDS.items() if any(re.search(r"\{count\} \w", text) for text in pair)]


def test_every_key_with_a_noun_after_its_count_has_a_singular() -> None:
    keys = [key for key in _count_keys() if not key.endswith(".one")]
    assert len(keys) >= 15
    assert [key for key in keys if f"{key}.one" not in wording._WORDS] == []


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_count_of_one_reads_in_the_singular_and_more_in_the_plural(language: str) -> None:
    token = LANGUAGE.set("de" if language == "de" else "en")
    try:
        for key in _count_keys():
            if key.endswith(".one"):
                continue
            names = set(re.findall(r"\{(\w+)(?:![rsa])?\}", " ".join(wording._WORDS[key])))
            values: dict[str, object] = dict.fromkeys(names, "X")
            one = say(key, **{**values, "count": 1})
            assert not PLURALS.search(one), (key, one)
            many = say(key, **{**values, "count": 3})
            assert "3 " in many
            assert not re.search(r"\b3 (Eintrag|Datei|Problem|Termin|entry|file|problem)\b", many)
    finally:
        LANGUAGE.reset(token)


def test_the_preview_of_an_erasure_counts_one_entry_in_the_singular(run: Run, store_workspace: Path) -> None:
    import integrationsnetz as inz

    with inz.open_store(f"sqlite://{store_workspace / 'netz.db'}") as store:
        lonely = inz.Person(id="einzeln", network_id=store.list(inz.Network)[0].id, function="Ehrenamt")
        store.put(lonely)
    result = run("person", "loeschen", "einzeln", input="n\n")
    assert "Löschen: Person einzeln (Ehrenamt); 1 Eintrag ändert sich:" in result.output


# -- organisation kinds -------------------------------------------------------------------------


def test_organisation_kinds_are_words_in_the_runs_language(run: Run, store_workspace: Path) -> None:
    german = run("liste", "organisationen")
    assert german.exit_code == 0, german.output
    rows = german.output.splitlines()[2:]
    kinds = {row.split("  ")[-1].strip() for row in rows}
    assert {"Jobcenter", "Wohlfahrtsverband", "Behörde"} <= kinds
    assert not kinds & {"welfare", "authority", "course_provider", "migrant_organization"}
    english = run("--lang", "en", "liste", "organisationen")
    kinds = {row.split("  ")[-1].strip() for row in english.output.splitlines()[2:]}
    assert {"Jobcenter", "Welfare organisation", "Authority"} <= kinds
    assert "Wohlfahrtsverband" not in kinds


def test_the_csv_directory_and_the_command_line_share_one_table() -> None:
    from integrationsnetz.exporters.csv import KIND_WORDS
    from integrationsnetz.exporters.wording import ORGANIZATION_KINDS, organization_kind_word
    from integrationsnetz.model import OrganizationKind

    assert {kind.value for kind in OrganizationKind} == set(ORGANIZATION_KINDS)
    assert all(KIND_WORDS[kind] is ORGANIZATION_KINDS[kind.value] for kind in OrganizationKind)
    assert organization_kind_word("welfare", "de") == "Wohlfahrtsverband"
    assert organization_kind_word("unbekannt", "de") == "unbekannt"
