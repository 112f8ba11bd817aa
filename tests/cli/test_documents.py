"""``einladung``, ``agenda``, ``protokoll``, ``teilnehmendenliste``, ``namensschilder``, ``kursbericht``.

The library's documents for chosen meetings and data.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

from click.testing import Result

Run = Callable[..., Result]


def _next_week_meeting(run: Run, title: str) -> str:
    monday = date.today() - timedelta(days=date.today().weekday()) + timedelta(weeks=1)
    day = monday + timedelta(days=2)
    result = run("termin", "neu", "--titel", title, "--beginn", f"{day:%d.%m.%Y} 14:00", "--gruppe", "ag-arbeit",
                 "--organisator", "lra-migration", "--id", "naechste-woche", "--yes")  # fmt: skip
    assert result.exit_code == 0, result.output
    return "naechste-woche"


def test_the_invitation_of_a_document_meeting_by_id(wartburgkreis_workspace: Path, run: Run) -> None:
    result = run("einladung", "nt-2024-2")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Landratsamt Wartburgkreis  \nStabsstelle Sozialplanung  \n")  # the sender
    assert "\n# Einladung: 2. Treffen des Netzwerkes Integration Wartburgkreis\n" in result.stdout
    assert "Sehr geehrte Damen und Herren," in result.stdout
    assert "## Tagesordnung" in result.stdout
    assert "| 3 | 09:55–10:05 | Ansprache des Landrats |" in result.stdout
    english = run("--lang", "en", "einladung", "nt-2024-2")
    assert "\n# Invitation: " in english.stdout


def test_the_agenda_sign_in_sheet_and_badges_of_one_meeting(wartburgkreis_workspace: Path, run: Run) -> None:
    agenda = run("agenda", "nt-2024-2")
    assert agenda.exit_code == 0, agenda.output
    assert agenda.stdout.startswith("# Tagesordnung: 2. Treffen des Netzwerkes Integration Wartburgkreis\n")
    assert "|  | 11:25–11:40 | Pause |  |" in agenda.stdout
    sheet = run("teilnehmendenliste", "nt-2024-2")
    assert sheet.exit_code == 0, sheet.output
    assert sheet.stdout.startswith("# Teilnehmendenliste: ")
    assert "| Name | Organisation | Unterschrift | Fotos: ja | Name im Protokoll: ja |" in sheet.stdout
    assert "Jan Beispiel" not in sheet.stdout
    assert "Jan Beispiel" in run("teilnehmendenliste", "nt-2024-2", "--mit-namen").stdout
    badges = run("namensschilder", "nt-2024-2", "--format", "html")
    assert badges.exit_code == 0, badges.output
    assert badges.stdout.count('class="badge"') == 72  # 71 came: nine A4 pages of eight


def test_the_agenda_of_next_week_and_its_html_file(wartburgkreis_workspace: Path, run: Run) -> None:
    _next_week_meeting(run, "AG Arbeit nächste Woche")
    agenda = run("agenda", "--woche", "nächste")
    assert agenda.exit_code == 0, agenda.output
    text = agenda.stdout
    assert text.startswith("# Terminübersicht ")
    assert "AG Arbeit nächste Woche" in text
    assert "\n## Tagesordnung: AG Arbeit nächste Woche" in text  # each meeting's agenda, one level down
    assert "2. Treffen" not in text  # 2024 is not next week
    assert run("agenda", "--woche", "naechste").stdout == text  # the umlaut-free spelling
    target = wartburgkreis_workspace / "agenda.html"
    written = run("agenda", "--woche", "next", "nt-2024-2", "--format", "html", "--out", str(target))
    assert written.exit_code == 0, written.output
    page = target.read_text(encoding="utf-8")
    assert page.count("<html") == page.count("</body>") == 1

    class Headings(HTMLParser):
        found: ClassVar[list[str]] = []

        def handle_starttag(self, tag: str, attrs: object) -> None:
            if tag in ("h1", "h2"):
                self.found.append(tag)

    Headings().feed(page)
    assert Headings.found.count("h1") == 1
    assert Headings.found.count("h2") >= 3  # the overview's, then two agendas'
    empty = run("agenda", "--woche", "2030-1")
    assert empty.exit_code == 0
    assert "Keine Termine vom 31.12.2029 bis 06.01.2030." in empty.output
    assert run("agenda").exit_code == 2  # neither ids nor a week
    assert run("agenda", "--woche", "übernächste").exit_code == 2
    assert run("einladung", "gibt-es-nicht").exit_code == 1


def test_the_minutes_recorded_are_the_minutes_printed(wartburgkreis_workspace: Path, run: Run) -> None:
    meeting = _next_week_meeting(run, "AG Arbeit")
    assert run("termin", "anwesenheit", meeting, "--anzahl", "9", "--yes").exit_code == 0
    assert run("termin", "protokoll", meeting, "--text", "Bericht der AG.", "--beschluss", "Stand beim Berufemarkt",
               "--yes").exit_code == 0  # fmt: skip
    result = run("protokoll", meeting)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Protokoll: AG Arbeit, ")
    assert "**Anwesend:** 9" in result.stdout
    assert "- Stand beim Berufemarkt" in result.stdout
    assert "Bericht der AG." in result.stdout


def test_the_course_report_for_a_store_and_for_any_document(store_workspace: Path, run: Run, tmp_path: Path) -> None:
    result = run("kursbericht", "--ohne-diagramme", "--bis", "30.06.2025")
    assert result.exit_code == 0, result.output
    folder = store_workspace / "out" / "zahlen-daten-fakten"
    assert {"bericht.md", "bericht.html", "kursarten.csv", "wartelisten.csv"} <= {p.name for p in folder.iterdir()}
    assert "Integrationskurse laufen" in result.output
    assert f"Dateien in {folder}" in result.output
    import wartburgkreis

    import integrationsnetz as inz

    data = wartburgkreis.build()
    inz.documents.save(data, tmp_path / "anderer-kreis.json")
    document = str(tmp_path / "anderer-kreis.json")
    english = run("--lang", "en", "kursbericht", str(tmp_path / "bericht"), "--daten", document,
                  "--kursliste", "beispiel", "--ohne-diagramme")  # fmt: skip
    assert english.exit_code == 0, english.output
    assert "integration courses" in english.output.lower()
    report = (tmp_path / "bericht" / "report.md").read_text(encoding="utf-8")  # English names in English
    assert report != (folder / "bericht.md").read_text(encoding="utf-8")
    bad = run("kursbericht", "--daten", str(tmp_path / "fehlt.json"))
    assert bad.exit_code == 1
    assert "Traceback" not in bad.output


def test_word_files_need_out_and_are_never_written_to_a_terminal(wartburgkreis_workspace: Path, run: Run) -> None:
    import io

    import docx

    refused = run("einladung", "nt-2024-2", "--format", "docx")
    assert refused.exit_code == 2
    assert "--out" in refused.output
    written = run("protokoll", "nt-2024-2", "--format", "docx", "--out", "protokoll.docx")
    assert written.exit_code == 0, written.output
    document = docx.Document(str(wartburgkreis_workspace / "protokoll.docx"))
    assert any(p.text.startswith("Protokoll: 2. Treffen des Netzwerkes") for p in document.paragraphs)
    piped = run("agenda", "nt-2024-2", "--format", "docx", "--out", "-")  # the runner's stdout is no terminal
    assert piped.exit_code == 0, piped.output
    assert docx.Document(io.BytesIO(piped.stdout_bytes)).tables[0].rows[0].cells[0].text == "TOP"


def test_badges_of_two_meetings_print_as_one_html_sheet(wartburgkreis_workspace: Path, run: Run) -> None:
    """Review 16, finding 1: a badge sheet's ``<body class="badge-sheet">`` broke joining the pages."""
    other = _next_week_meeting(run, "AG Arbeit nächste Woche")
    badges = run("namensschilder", "nt-2024-2", other, "--format", "html")
    assert badges.exit_code == 0, badges.output
    page = badges.stdout
    assert page.count("<body") == page.count("</body>") == 1
    assert page.count('<body class="badge-sheet">') == 1
    assert page.count("<h1>Namensschilder: ") == 2
    assert page.count('class="badge"') == 72 + 8  # the second meeting's on its own page(s)
