"""Markdown and HTML documents: German dates, the four documents, escaping, print CSS; JSON."""

from __future__ import annotations

import io
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import pytest

import integrationsnetz as inz
from integrationsnetz import ExportError, ExportOptions, NetworkData
from integrationsnetz.exporters.wording import format_date, format_span
from integrationsnetz.model.entity import Entity
from integrationsnetz.testing.export_conformance import ExporterConformance, ImporterConformance
from integrationsnetz.testing.samples import SENTINEL_NAME, with_consents

BERLIN = ZoneInfo("Europe/Berlin")


def test_dates_as_germans_write_them() -> None:
    start = datetime(2024, 10, 14, 9, tzinfo=BERLIN)
    assert format_span(start, start.replace(hour=13), "de") == "Montag, 14. Oktober 2024, 09:00–13:00 Uhr"
    assert format_span(start, start.replace(hour=13), "en") == "Monday, 14 October 2024, 09:00–13:00"
    assert format_date(date(2026, 3, 1), "de") == "Sonntag, 1. März 2026"
    over_midnight = format_span(start.replace(hour=22), datetime(2024, 10, 15, 1, tzinfo=BERLIN), "de")
    assert over_midnight == "Montag, 14. Oktober 2024, 22:00 Uhr – Dienstag, 15. Oktober 2024, 01:00 Uhr"
    utc = datetime(2026, 3, 29, 8, tzinfo=ZoneInfo("UTC"))  # shown in Berlin time, after the DST switch
    assert format_span(utc, utc.replace(hour=9), "de") == "Sonntag, 29. März 2026, 10:00–11:00 Uhr"


def md(data: NetworkData, host: inz.PluginHost, **kwargs: object) -> str:
    return inz.export(data, "markdown", host=host, **kwargs).decode()  # type: ignore[arg-type]


def test_invitation_has_the_agenda_with_times(sample: NetworkData, host: inz.PluginHost) -> None:
    meeting = attrs.evolve(sample.meetings[0], minutes=None)
    text = md(attrs.evolve(sample, meetings=(meeting,)), host, select=meeting)
    assert "\n# Einladung: 2. Netzwerktreffen Integration\n" in text
    assert "**Wann:** Montag, 14. Oktober 2024, 09:00–13:00 Uhr" in text
    assert "**Wo:** Museum Eisenach, Festsaal, Markt 24, 99817 Eisenach" in text
    assert "| 3 | 09:40–10:00 | Zahlen, Daten, Fakten: Jobcenter | Jobcenter Wartburgkreis |" in text
    assert SENTINEL_NAME not in text
    assert "| 1 | 09:00–09:10 | Begrüßung | Integrationsmanagerin (Landratsamt Wartburgkreis) |" in text
    assert "|  | 10:00–10:20 | Pause |  |" in text  # a break is no TOP
    assert "| 4 | 10:20–11:05 | Berichte aus den AGs |  |" in text
    named = md(attrs.evolve(sample, meetings=(meeting,)), host, select=meeting,
               options=ExportOptions(include_personal_data=True))  # fmt: skip
    assert f"| 1 | 09:00–09:10 | Begrüßung | {SENTINEL_NAME} (Landratsamt Wartburgkreis) |" in named


def test_minutes_have_decisions_and_tasks(sample: NetworkData, host: inz.PluginHost) -> None:
    text = md(sample, host, select=sample.meetings[0])
    assert text.startswith("# Protokoll: 2. Netzwerktreffen Integration, 14.10.2024\n")
    assert "Protokoll:**" not in text
    section = text.split("## TOP 4: Berichte aus den AGs\n", 1)[1].split("\n## ", 1)[0]
    assert "- Die AG Sprache befragt alle Kursträger." in section
    assert (
        "| Umfrage bei Kursträgern | Integrationsmanagerin (Landratsamt Wartburgkreis) | 31.03.2026 | offen |"
        in section
    )
    assert "- Nächstes Netzwerktreffen im Frühjahr 2025." in text.split("## Allgemeines", 1)[1]
    assert "**Anwesend:** 72" in text
    assert "**Entschuldigt:** 1" in text
    assert "**Protokollführung:** Integrationsmanagerin (Landratsamt Wartburgkreis)" in text


def test_open_tasks_of_a_group(sample: NetworkData, host: inz.PluginHost) -> None:
    text = md(sample, host, select=sample.groups[0])
    assert "Umfrage bei Kursträgern" in text
    assert "Flyer drucken" not in text  # done
    assert "Liste der Lehrkräfte, \\<vertraulich\\> \\& aktuell" in text


def test_year_overview_in_english(sample: NetworkData, host: inz.PluginHost) -> None:
    options = ExportOptions(language="en", start=date(2026, 1, 1), end=date(2027, 1, 1))
    text = md(sample, host, options=options)
    assert text.startswith("# Meeting overview 2026\n")
    assert "| Wednesday, 11 February 2026 | 16:00–17:30 | AG Sprache |" in text
    assert "2024" not in text.split("## Events")[0]


def test_document_must_fit_the_selection(sample: NetworkData, host: inz.PluginHost) -> None:
    with pytest.raises(ExportError, match="one meeting"):
        md(sample, host, options=ExportOptions(document="invitation"))


def test_markdown_cannot_be_broken_by_titles(sample: NetworkData, host: inz.PluginHost) -> None:
    evil = "*fett* [Link](javascript:x) <script>alert(1)</script> | Spalte\n# Titel\n- Punkt"
    meeting = attrs.evolve(sample.meetings[0], title=evil, description=evil, minutes=None)
    text = md(attrs.evolve(sample, meetings=(meeting,)), host, select=meeting)
    assert "<script>" not in text
    assert "\\*fett\\* \\[Link\\](javascript:x) \\<script\\>" in text
    assert "\n\\# Titel\\\n\\- Punkt" in text


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_escaped_and_prints_on_a4(sample: NetworkData, host: inz.PluginHost) -> None:
    evil = '<script>alert("x")</script> & "Zitat"'
    meeting = attrs.evolve(sample.meetings[0], title=evil, minutes=None)
    page = inz.export(attrs.evolve(sample, meetings=(meeting,)), "html", select=meeting, host=host).decode()
    assert "@page { size: A4; margin: 2cm; }" in page
    assert "thead { display: table-header-group; }" in page
    assert '<html lang="de">' in page
    parser = _Collect()
    parser.feed(page)
    assert "script" not in parser.tags
    assert any(evil in chunk for chunk in parser.text)
    assert "Montag, 14. Oktober 2024, 09:00–13:00 Uhr" in page


class TestMarkdownConformance(ExporterConformance):
    format = "markdown"

    def variants(self) -> list[ExportOptions]:
        return [
            ExportOptions(document=None),
            ExportOptions(language="en"),
            ExportOptions(document="tasks"),
        ]


class TestHtmlConformance(TestMarkdownConformance):
    format = "html"


class TestJsonConformance(ExporterConformance):
    format = "json"


class TestJsonImporterConformance(ImporterConformance):
    format = "json"
    export_format = "json"

    def expected(self, sample: NetworkData) -> list[Entity]:
        return [entity for entity in sample.entities() if entity is not sample.network]

    def comparable(self, entity: Entity) -> object:
        return entity  # the document keeps everything

    def malformed(self) -> tuple[bytes, int]:
        return b'{\n  "schema_version": 1,\n  "network": {,\n}', 3


def test_json_export_is_the_document_format(sample: NetworkData, host: inz.PluginHost) -> None:
    consenting = with_consents(sample)  # contacts need the directory consent
    payload = inz.export(consenting, "json", options=ExportOptions(include_personal_data=True), host=host)
    assert inz.documents.loads(payload, host=host) == consenting
    public = inz.documents.loads(inz.export(sample, "json", host=host), host=host)
    assert all(person.name is None and not person.contacts for person in public.persons)
    assert all(
        invitation.actor_id not in {p.id for p in public.persons}
        for meeting in public.meetings
        for invitation in meeting.invitations
    )
    assert io.BytesIO(payload).read(1) == b"{"


# -- the write guard of documents.save ----------------------------------------------------------


def test_a_wrong_value_never_replaces_a_good_document(sample: NetworkData, tmp_path: Path) -> None:
    """Meeting(kind="netwrok") set past the constructor: refused naming the field; the good file stays."""
    path = tmp_path / "netz.json"
    inz.documents.save(sample, path)
    good = path.read_bytes()
    meeting = attrs.evolve(sample.meetings[0])
    object.__setattr__(meeting, "kind", "netwrok")
    broken = attrs.evolve(sample, meetings=(meeting, *sample.meetings[1:]))
    with pytest.raises(inz.InvalidData, match=r"meetings\[0\]\.kind: expected one of .*got 'netwrok'"):
        inz.documents.save(broken, path)
    assert path.read_bytes() == good
    assert inz.documents.load(path) == sample


def test_dangling_references_are_listed_and_a_draft_saves_them(sample: NetworkData, tmp_path: Path) -> None:
    """Every broken reference and duplicate id at once; ``draft=True`` saves the knowingly incomplete network."""
    path = tmp_path / "netz.toml"
    meeting = attrs.evolve(sample.meetings[0], group_id="ag-fehlt", organizer_id="niemand")
    draft = attrs.evolve(sample, meetings=(meeting, meeting), persons=())
    with pytest.raises(inz.InvalidData) as caught:
        inz.documents.save(draft, path)
    problems = caught.value.problems
    assert f'meetings["{meeting.id}"]: written twice in one write (an id is used once per type)' in problems
    assert f"meetings[\"{meeting.id}\"].group_id: refers to unknown working group 'ag-fehlt'" in problems
    assert f"meetings[\"{meeting.id}\"].organizer_id: refers to unknown actor 'niemand'" in problems
    assert problems[-1] == "nothing was written; to write it knowingly incomplete, pass draft=True"
    assert not path.exists()
    inz.documents.save(draft, path, draft=True)
    assert inz.documents.load(path) == draft


def test_a_read_only_file_is_not_replaced(sample: NetworkData, tmp_path: Path) -> None:
    """chmod a-w means "keep this": refused (even for root), the file unchanged; writable again, it is saved."""
    path = tmp_path / "netz.json"
    path.write_text("{}", encoding="utf-8")
    path.chmod(0o444)
    with pytest.raises(inz.StoreError, match=r"netz\.json: the file is read-only, so it was not replaced"):
        inz.documents.save(sample, path)
    assert path.read_text(encoding="utf-8") == "{}"
    path.chmod(0o644)
    inz.documents.save(sample, path)
    assert inz.documents.load(path) == sample


def test_numbers_and_texts_that_cannot_be_read_back_are_refused(sample: NetworkData, tmp_path: Path) -> None:
    """An infinite number (JSON writes null) and a lone surrogate: refused naming the field, nothing written."""
    from integrationsnetz.model import ProviderCapacity

    capacity = ProviderCapacity(id="c", network_id=sample.network.id, provider_id=sample.organizations[0].id,
                                as_of=date(2025, 1, 1), teachers_fte=1.0)  # fmt: skip
    object.__setattr__(capacity, "alpha_teachers_fte", float("inf"))
    with pytest.raises(inz.InvalidData, match=r"provider_capacities\[0\]\.alpha_teachers_fte: expected a finite"):
        inz.documents.save(attrs.evolve(sample, provider_capacities=(capacity,)), tmp_path / "netz.json")
    meeting = attrs.evolve(sample.meetings[0])
    object.__setattr__(meeting, "title", "Treffen \ud800")
    for suffix in ("json", "toml"):
        with pytest.raises(inz.InvalidData, match=r"meetings\[0\]\.title: not valid Unicode"):
            inz.documents.save(attrs.evolve(sample, meetings=(meeting,)), tmp_path / f"netz.{suffix}", draft=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == []
