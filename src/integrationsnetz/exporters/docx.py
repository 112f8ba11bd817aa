"""The ``docx`` exporter: the meeting documents as Word files, for offices that edit and file them.

It renders the same :class:`~integrationsnetz.exporters.pages.Page` blocks as the Markdown and
HTML exporters, so the three always say the same. The page is A4 with the margins of a DIN 5008
letter (left 2.5 cm, right 2 cm, top 2.7 cm: letterhead form A); the Einladung opens with the
sender block and the place-and-date line. Tables repeat their header row on every page
(``w:tblHeader``) and no row splits across pages (``w:cantSplit``); a section of the Protokoll
(a TOP) is chained with keep-with-next and each of its paragraphs kept whole, so Word moves it to
the next page whole where it fits; a discussion of several paragraphs (blank lines between) is as
many Word paragraphs, its heading kept with the first only, so a TOP longer than a page breaks
between them. Columns are sized by their content (:func:`text_width`), so a
head's words never split.
The language (German by default) is set on every text and automatic hyphenation is on. Badges
print as a 2 × 4 grid to a page. The same data gives the same bytes: the dates of the document
and its zip members are the export's ``stamp`` or the newest change of the data, never the clock.
python-docx is imported when a document is written, not when the plugin loads.
"""

from __future__ import annotations

import copy
import io
import itertools
import re
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, BinaryIO

from integrationsnetz.contract.exporters import Exporter, ExportRequest
from integrationsnetz.exporters.compose import build_page
from integrationsnetz.exporters.pages import (
    BADGES_PER_PAGE,
    BOX,
    TICKED,
    Badges,
    Block,
    Facts,
    Heading,
    Items,
    Page,
    Table,
    readable,
    sections,
)
from integrationsnetz.exporters.xlsx import stable_archive, written_on
from integrationsnetz.hookspecs import hookimpl

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table as WordTable
    from docx.text.paragraph import Paragraph as WordParagraph

#: Word's language tags for the export languages.
LANGUAGE_TAGS = {"de": "de-DE", "en": "en-GB"}
#: DIN 5008 margins in centimetres (top, right, bottom, left); badges use the paper more fully.
MARGINS = (2.7, 2.0, 2.0, 2.5)
BADGE_MARGINS = (1.5, 1.5, 1.5, 1.5)
#: Where a fact's value starts after its label (cm): "Protokollführung:" fits.
LABEL_WIDTH = 4.5
#: The width of the text between the DIN 5008 margins on A4 (cm).
TEXT_WIDTH = 21.0 - MARGINS[1] - MARGINS[3]
#: A badge's height (cm): four rows and a two-line title fit on A4 within the badge margins.
BADGE_HEIGHT = 5.5
_FONT = "Arial"


def _paragraph_text(paragraph: WordParagraph, text: str, *, bold: bool = False, size: float | None = None) -> None:
    """``text`` into ``paragraph``, its line breaks as Word line breaks."""
    from docx.shared import Pt

    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.bold = bold or None
        if size is not None:
            run.font.size = Pt(size)
        if number < len(lines) - 1:
            run.add_break()


def _page_setup(document: Document, page: Page) -> None:
    from docx.shared import Cm, Pt

    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    top, right, bottom, left = BADGE_MARGINS if any(isinstance(b, Badges) for b in page.blocks) else MARGINS
    section.top_margin, section.right_margin = Cm(top), Cm(right)
    section.bottom_margin, section.left_margin = Cm(bottom), Cm(left)
    section.header_distance = section.footer_distance = Cm(1.0)
    normal = document.styles["Normal"]
    normal.font.name = _FONT
    normal.font.size = Pt(11)
    _language(document, LANGUAGE_TAGS.get(page.language, page.language))
    properties = document.core_properties
    properties.title = page.title
    properties.language = LANGUAGE_TAGS.get(page.language, page.language)
    properties.author = page.head.sender[0] if page.head is not None and page.head.sender else ""
    properties.comments = ""
    properties.last_modified_by = ""
    properties.revision = 1


def _language(document: Document, tag: str) -> None:
    """Every text's language (``w:lang`` of the document defaults) and automatic hyphenation on."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults is not None  # python-docx's template has them
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    for old in properties.findall(qn("w:lang")):
        properties.remove(old)
    lang = OxmlElement("w:lang")
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), tag)
    properties.append(lang)
    settings = document.settings.element
    if settings.find(qn("w:autoHyphenation")) is None:
        hyphenation = OxmlElement("w:autoHyphenation")
        # The schema's order: after w:defaultTabStop (which the template has), else first.
        tab_stop = settings.find(qn("w:defaultTabStop"))
        if tab_stop is not None:
            tab_stop.addnext(hyphenation)
        else:
            settings.insert(0, hyphenation)


def _letterhead(document: Document, page: Page) -> None:
    """Sender block on the left (small), place and date on the right, as DIN 5008's head and info block."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    assert page.head is not None
    table = document.add_table(rows=1, cols=2)
    sender, dated = table.rows[0].cells
    sender.width, dated.width = Cm(11.0), Cm(5.5)
    _paragraph_text(sender.paragraphs[0], "\n".join(page.head.sender), size=9.5)
    _paragraph_text(dated.paragraphs[0], page.head.date_line)
    dated.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    dated.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    spacer = document.add_paragraph()
    spacer.paragraph_format.space_after = Pt(12)


def _mark_row(row_properties_of: WordTable, *, header_rows: int) -> None:
    """No row splits across pages; the first ``header_rows`` repeat on each page."""
    from docx.oxml import OxmlElement

    for number, row in enumerate(row_properties_of.rows):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if number < header_rows:
            properties.append(OxmlElement("w:tblHeader"))


#: Advance widths in em by kind of letter, of the wider of Arial and DejaVu Sans (LibreOffice's stand-in
#: for Arial where it is not installed): enough to size a column so that no word breaks.
_NARROW, _WIDE = frozenset("iljtfrI.,:;!'|()/ -"), frozenset("mwMW@%")
#: A cell's left and right margins together (cm): Word's default 0.19 cm each side.
CELL_PADDING = 0.4
#: The least width of a column to sign in (cm).
SIGNATURE_WIDTH = 3.6


def text_width(text: str, *, bold: bool = False, size: float = 11.0) -> float:
    """About how wide ``text`` prints in Arial (cm): an upper estimate, so a word sized by it fits."""
    em = sum(0.34 if c in _NARROW else 0.98 if c in _WIDE else 0.76 if c.isupper() else 0.64 for c in text)
    return em * (1.1 if bold else 1.0) * size / 72 * 2.54


def _column_widths(block: Table, total: float) -> list[float]:
    """Each column's width (cm): at least its longest word (a header's always), the rest by its longest line.

    So "TOP" and "10" print whole in a narrow column, "Veröffentlichung:" is never split mid-word,
    a column of tick boxes stays narrow and the titles (or the signatures) get what is left.
    """
    weights, least = [], []
    for column, title in enumerate(block.header):
        cells = [row[column] for row in block.rows]
        longest = max(len(line) for text in (title, *cells) for line in text.split("\n"))
        if block.writable and not any(cells):
            longest = 30  # room to sign in
        elif cells and all(cell in ("", BOX, TICKED) for cell in cells):
            longest = 3  # a tick box: as wide as its head's longest word
        weights.append(min(max(longest, 3), 40) + 2)
        head = max((text_width(word, bold=True) for word in title.split()), default=0.0)
        # a cell's word may break beyond 3.5 cm (a long name), a time "09:55–10:05" never
        body = min(max((text_width(word) for cell in cells for word in cell.split()), default=0.0), 3.5)
        if block.writable and not any(cells):
            body = SIGNATURE_WIDTH
        least.append(max(head, body) + CELL_PADDING)
    if sum(least) >= total:
        return [total * width / sum(least) for width in least]
    widths = [0.0] * len(weights)
    free = set(range(len(weights)))
    while True:  # the columns whose share is below their least get their least; the others share the rest
        room = total - sum(least[i] for i in range(len(weights)) if i not in free)
        share = sum(weights[i] for i in free)
        short = {i for i in free if room * weights[i] / share < least[i]}
        if not short:
            break
        free -= short
    for i in range(len(weights)):
        widths[i] = room * weights[i] / share if i in free else least[i]
    return widths


def _table(document: Document, block: Table) -> WordTable:
    from docx.enum.table import WD_ROW_HEIGHT_RULE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table = document.add_table(rows=1 + len(block.rows), cols=len(block.header))
    table.style = document.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, block.header, strict=True):
        _paragraph_text(cell.paragraphs[0], text, bold=True)
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:fill"), "EEEEEE")
        cell._tc.get_or_add_tcPr().append(shading)
    for row, values in zip(table.rows[1:], block.rows, strict=True):
        for column, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
            _paragraph_text(cell.paragraphs[0], text)
            if block.writable and column >= 3:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        if block.writable:
            row.height, row.height_rule = Cm(1.0), WD_ROW_HEIGHT_RULE.AT_LEAST
    _mark_row(table, header_rows=1)
    widths = _column_widths(block, TEXT_WIDTH)
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)  # the grid, which LibreOffice reads
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)  # each cell's, which Word reads
    made: WordTable = table
    return made


def _badges(document: Document, block: Badges) -> None:
    """A 2 × 4 table per A4 page, a page break between them; each badge the same height."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Cm

    cards = [*block.badges, *[("", "")] * block.blank]
    for start in range(0, len(cards), BADGES_PER_PAGE):
        if start:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        chunk = cards[start : start + BADGES_PER_PAGE]
        table = document.add_table(rows=(len(chunk) + 1) // 2, cols=2)
        table.style = document.styles["Table Grid"]
        for row in table.rows:
            row.height, row.height_rule = Cm(BADGE_HEIGHT), WD_ROW_HEIGHT_RULE.EXACTLY
        for number, (name, org) in enumerate(chunk):
            cell = table.rows[number // 2].cells[number % 2]
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            first = cell.paragraphs[0]
            _paragraph_text(first, name, bold=True, size=16)
            second = cell.add_paragraph()
            _paragraph_text(second, org, size=12)
            for paragraph in (first, second):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _mark_row(table, header_rows=0)


def _facts(document: Document, block: Facts) -> list[WordParagraph]:
    """ "Wann:" in bold, the value after a tab stop, wrapped lines aligned under it."""
    from docx.shared import Cm

    paragraphs = []
    for label, value in block.items:
        paragraph = document.add_paragraph()
        form = paragraph.paragraph_format
        form.left_indent, form.first_line_indent = Cm(LABEL_WIDTH), Cm(-LABEL_WIDTH)
        form.tab_stops.add_tab_stop(Cm(LABEL_WIDTH))
        form.space_after = 0
        _paragraph_text(paragraph, f"{label}:", bold=True)
        paragraph.add_run("\t")
        _paragraph_text(paragraph, value)
        paragraphs.append(paragraph)
    return paragraphs


def _items(document: Document, block: Items) -> list[WordParagraph]:
    """Bullets as Word bullets; numbers written out (Word's numbering would run on across lists)."""
    from docx.shared import Cm

    paragraphs = []
    for number, item in enumerate(block.items, start=1):
        if block.numbered:
            paragraph = document.add_paragraph()
            form = paragraph.paragraph_format
            form.left_indent, form.first_line_indent = Cm(0.8), Cm(-0.8)
            form.tab_stops.add_tab_stop(Cm(0.8))
            paragraph.add_run(f"{number}.\t")
        else:
            paragraph = document.add_paragraph(style="List Bullet")
        _paragraph_text(paragraph, item)
        paragraphs.append(paragraph)
    return paragraphs


#: Where a paragraph of running text ends: a blank line (a discussion of several paragraphs).
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n\s*")


def _block(document: Document, block: Block, *, whole: bool) -> list[WordParagraph | None]:
    """Render ``block``; return the paragraphs its section's keep-with-next chain goes through.

    A kept section (``whole``) chains every paragraph; another only its heading to the next block
    and a table's head to its first row: a long table may break, its head repeated. ``None``
    breaks the chain: running text of several paragraphs (each its own Word paragraph) is chained
    by its first (to the heading above) and its last (to what follows), so a discussion longer
    than a page breaks between its paragraphs and never leaves its heading alone on a page.
    """
    if isinstance(block, Heading):
        heading = document.add_heading(level=min(max(block.level, 2), 9))
        _paragraph_text(heading, block.text)
        return [heading]
    if isinstance(block, Badges):
        _badges(document, block)
        return []
    if isinstance(block, Table):
        table = _table(document, block)
        rows = table.rows if whole else table.rows[:2]
        return [paragraph for row in rows for cell in row.cells for paragraph in cell.paragraphs]
    if isinstance(block, Facts):
        paragraphs = _facts(document, block)
    elif isinstance(block, Items):
        paragraphs = _items(document, block)
    else:
        parts = [part for part in _PARAGRAPH_END.split(block.text) if part] or [""]
        written = []
        for part in parts:
            written.append(document.add_paragraph())
            _paragraph_text(written[-1], part)
        if not whole:
            return []
        return [written[0]] if len(written) == 1 else [written[0], None, written[-1]]
    return [*paragraphs] if whole else []


def render(page: Page, written: datetime) -> bytes:
    """The page as a .docx file dated ``written`` (UTC, naive)."""
    import docx

    page = readable(page)
    document = docx.Document()
    _page_setup(document, page)
    document.core_properties.created = document.core_properties.modified = written
    if page.head is not None:
        _letterhead(document, page)
    title = document.add_heading(level=1)
    _paragraph_text(title, page.title)
    for part in sections(page.blocks):
        chain = [paragraph for block in part.blocks for paragraph in _block(document, block, whole=part.kept)]
        for paragraph, following in itertools.pairwise(chain):
            if paragraph is not None and following is not None:
                paragraph.paragraph_format.keep_with_next = True
        if part.kept:
            # keep-with-next alone lets a paragraph of several lines split at the page end: keep each whole
            for paragraph in chain:
                if paragraph is not None:
                    paragraph.paragraph_format.keep_together = True
    buffer = io.BytesIO()
    document.save(buffer)
    return stable_archive(buffer.getvalue(), written)


def join(parts: Sequence[bytes]) -> bytes:
    """Several documents of this exporter as one, each after a page break; the first's page and dates.

    The command line prints the documents of several meetings into one file this way.
    """
    import docx
    from docx.enum.text import WD_BREAK
    from docx.oxml.ns import qn

    if not parts:
        raise ValueError("join: no documents")
    first = docx.Document(io.BytesIO(parts[0]))
    body = first.element.body
    end = body.find(qn("w:sectPr"))
    for part in parts[1:]:
        first.add_paragraph().add_run().add_break(WD_BREAK.PAGE)  # python-docx adds it before w:sectPr
        for element in docx.Document(io.BytesIO(part)).element.body:
            if element.tag != qn("w:sectPr"):
                copied = copy.deepcopy(element)
                if end is not None:
                    end.addprevious(copied)
                else:
                    body.append(copied)
    written = first.core_properties.modified
    assert written is not None  # render() dates every document
    buffer = io.BytesIO()
    first.save(buffer)
    return stable_archive(buffer.getvalue(), written.replace(tzinfo=None))


def write(request: ExportRequest, stream: BinaryIO) -> None:
    """The ``Exporter.write`` of the ``docx`` format."""
    stream.write(render(build_page(request), written_on(request)))


@hookimpl
def register_exporters() -> list[Exporter]:
    """The built-in ``docx`` exporter."""
    return [
        Exporter(
            format="docx",
            media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            suffix=".docx",
            description="Invitation letter, agenda, minutes, sign-in sheet, badges, open tasks or meeting overview "
            "as a Word document (A4, DIN 5008 margins)",
            write=write,
        )
    ]
