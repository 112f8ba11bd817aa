"""Word files of the meeting documents: written, read back with python-docx, through the exporters' suite.

Checked on the real Wartburgkreis example: the letter's head and text, the agenda table with its
header row repeated on each page and rows that never split, A4 with DIN 5008 margins, German set
as the language with hyphenation on, the same bytes for the same data, and every block type of
:mod:`~integrationsnetz.exporters.pages` rendered by Markdown, HTML and Word alike.
"""

from __future__ import annotations

import io
import time
import typing
import zipfile
from datetime import UTC, datetime

import attrs
import docx
import pytest
import wartburgkreis
from docx.oxml.ns import qn

import integrationsnetz as inz
from integrationsnetz import ExportOptions, NetworkData
from integrationsnetz.exporters import DOCUMENT_KINDS, html, markdown, pages
from integrationsnetz.exporters import docx as word
from integrationsnetz.testing.export_conformance import ExporterConformance
from integrationsnetz.testing.samples import sample_network

MEETING = wartburgkreis.MEETING_ID
STAMP = datetime(2024, 9, 20, 8, tzinfo=UTC)


@pytest.fixture(scope="module")
def data() -> NetworkData:
    return wartburgkreis.build()


def _document(data: NetworkData, kind: str, **options: typing.Any) -> docx.document.Document:
    chosen = ExportOptions(document=kind, stamp=STAMP, **options)  # type: ignore[arg-type]
    return docx.Document(io.BytesIO(inz.export(data, "docx", select=MEETING, options=chosen)))


def text_of(payload: bytes) -> str:
    """Every paragraph's and every table cell's text, in document order."""
    document = docx.Document(io.BytesIO(payload))
    parts = [paragraph.text for paragraph in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_the_invitation_is_a_letter_on_a4_with_din_5008_margins(data: NetworkData) -> None:
    document = _document(data, "invitation")
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)  # type: ignore[union-attr]
    margins = (section.left_margin, section.right_margin, section.top_margin)
    assert [round(m.cm, 2) for m in margins if m is not None] == [2.5, 2.0, 2.7]  # twips round
    head = document.tables[0]
    sender, dated = head.rows[0].cells
    assert sender.text.startswith("Landratsamt Wartburgkreis\nStabsstelle Sozialplanung\n")
    assert "36433 Bad Salzungen" in sender.text
    assert dated.text == "Bad Salzungen, 20. September 2024"
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "Einladung: 2. Treffen des Netzwerkes Integration Wartburgkreis" in texts
    assert "Sehr geehrte Damen und Herren," in texts
    assert any(text.startswith("Barrierefreiheit:\t") for text in texts)
    assert document.core_properties.title == "Einladung: 2. Treffen des Netzwerkes Integration Wartburgkreis"


def test_table_heads_repeat_and_rows_never_split(data: NetworkData) -> None:
    document = _document(data, "agenda")
    table = document.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == ["TOP", "Zeit", "Titel", "Wer"]
    assert [cell.text for cell in table.rows[3].cells][:3] == ["3", "09:55–10:05", "Ansprache des Landrats"]
    flags = [(row._tr.trPr.find(qn("w:tblHeader")) is not None, row._tr.trPr.find(qn("w:cantSplit")) is not None)
             for row in table.rows]  # fmt: skip
    assert flags[0] == (True, True)
    assert set(flags[1:]) == {(False, True)}
    widths = [column.width for column in table.columns]
    assert widths[0] < widths[2]  # "TOP" narrow, the titles wide


def test_a_top_of_the_minutes_is_chained_to_stay_on_one_page(data: NetworkData) -> None:
    document = _document(data, "minutes")
    paragraphs = document.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text.startswith("TOP 4:"))
    end = next(i for i, p in enumerate(paragraphs) if p.text.startswith("TOP 5:"))
    section = paragraphs[start:end]
    assert len(section) >= 2
    assert all(p.paragraph_format.keep_with_next for p in section[:-1])
    assert not section[-1].paragraph_format.keep_with_next  # the next TOP may start a page


def test_german_is_the_language_and_hyphenation_is_on(data: NetworkData) -> None:
    for language, tag in (("de", "de-DE"), ("en", "en-GB")):
        document = _document(data, "agenda", language=language)
        defaults = document.styles.element.find(qn("w:docDefaults"))
        assert defaults is not None
        lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
        assert lang is not None
        assert lang.get(qn("w:val")) == tag
        assert document.settings.element.find(qn("w:autoHyphenation")) is not None
        assert document.core_properties.language == tag


def test_sign_in_sheet_and_badges(data: NetworkData) -> None:
    sheet = _document(data, "sign_in")
    table = sheet.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == [
        "Name", "Organisation", "Unterschrift", "Fotos: ja", "Name im Protokoll: ja"]  # fmt: skip
    assert table.rows[1].cells[3].text == pages.BOX
    assert table.columns[2].width > table.columns[3].width  # room to sign
    badges = _document(data, "badges")
    cards = [cell for grid in badges.tables for row in grid.rows for cell in row.cells]
    assert len(cards) == 72  # nine A4 pages of eight
    assert all(len(grid.rows) == 4 for grid in badges.tables)


def test_no_name_without_personal_data(data: NetworkData) -> None:
    for kind in ("invitation", "agenda", "minutes", "sign_in", "badges"):
        options = ExportOptions(document=kind, stamp=STAMP)  # type: ignore[arg-type]
        hidden = text_of(inz.export(data, "docx", select=MEETING, options=options))
        assert "Jan Beispiel" not in hidden, kind
    shown = ExportOptions(document="sign_in", stamp=STAMP, include_personal_data=True)
    assert "Jan Beispiel" in text_of(inz.export(data, "docx", select=MEETING, options=shown))


def test_the_same_data_gives_the_same_bytes_a_few_seconds_later(data: NetworkData) -> None:
    """python-docx dates the document and its zip members by the clock; the export must not."""
    options = ExportOptions(document="minutes")
    first = inz.export(data, "docx", select=MEETING, options=options)
    time.sleep(2.1)  # the zip format's clock has two-second steps
    assert inz.export(data, "docx", select=MEETING, options=options) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {member.date_time for member in archive.infolist()} == {archive.getinfo("docProps/core.xml").date_time}


def test_join_puts_each_document_on_a_page_of_its_own(data: NetworkData) -> None:
    parts = [inz.export(data, "docx", select=MEETING, options=ExportOptions(document=kind, stamp=STAMP))  # type: ignore[arg-type]
             for kind in ("agenda", "sign_in")]  # fmt: skip
    joined = docx.Document(io.BytesIO(word.join(parts)))
    assert len(joined.tables) == 2
    texts = [p.text for p in joined.paragraphs]
    assert texts.index("Tagesordnung: 2. Treffen des Netzwerkes Integration Wartburgkreis") < texts.index(
        "Teilnehmendenliste: 2. Treffen des Netzwerkes Integration Wartburgkreis")  # fmt: skip
    assert word.join(parts) == word.join(parts)
    with pytest.raises(ValueError, match="no documents"):
        word.join([])


# --- every block type, in every renderer ---------------------------------------------------------

ONE_OF_EACH: dict[type, pages.Block] = {
    pages.Heading: pages.Heading("Überschrift-Alpha"),
    pages.Facts: pages.Facts((("Etikett-Beta", "Wert-Gamma"),)),
    pages.Paragraph: pages.Paragraph("Absatz-Delta\nzweite Zeile"),
    pages.Items: pages.Items(("Punkt-Epsilon",), numbered=True),
    pages.Table: pages.Table(header=("Kopf-Zeta",), rows=(("Zelle-Eta",),)),
    pages.Badges: pages.Badges((("Name-Theta", "Organisation-Iota"),), blank=1),
}


def test_every_block_type_has_a_renderer_in_markdown_html_and_word() -> None:
    """A block added to pages.Block without a renderer in each format fails here, not in a user's hands."""
    assert set(typing.get_args(pages.Block)) == set(ONE_OF_EACH), "add the new block to ONE_OF_EACH"
    for kind, block in ONE_OF_EACH.items():
        page = pages.Page(title="Titel", language="de", blocks=(block,))
        words = [text for field in block.__attrs_attrs__ for text in _texts(getattr(block, field.name))]
        rendered = {
            "markdown": markdown.render(page).replace("\\", ""),
            "html": html.render(page),
            "docx": text_of(word.render(page, datetime(2024, 1, 1))),
        }
        for fmt, text in rendered.items():
            for expected in words:
                assert expected.split("\n")[0] in text, f"{fmt} does not render {kind.__name__}: {expected!r}"


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, tuple):
        return [text for item in value for text in _texts(item)]
    return []


class TestDocxExporter(ExporterConformance):
    """The exporters' suite (privacy, selection, same bytes) with every document kind, on the sample
    reduced to its network meeting as for Markdown and HTML; reading the document's paragraphs and cells."""

    format = "docx"

    @pytest.fixture
    def sample(self) -> NetworkData:
        whole = sample_network()
        return attrs.evolve(whole, meetings=whole.meetings[:1])

    def variants(self) -> list[ExportOptions]:
        return [ExportOptions(document=kind, language=language) for kind in DOCUMENT_KINDS for language in ("de", "en")]

    def readable(self, payload: bytes) -> str:
        return text_of(payload)
