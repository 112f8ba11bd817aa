"""The ``html`` exporter: the same documents as Markdown, as one HTML file that prints on A4.

Self-contained (inline CSS, no scripts, no external files), every text escaped with
:func:`html.escape`; the print stylesheet sets A4 pages with 2 cm margins, repeats table
headers on each page and keeps rows and headings from breaking apart, and a section (a TOP of
the Protokoll) on one page where it fits (:func:`~integrationsnetz.exporters.pages.sections`);
badges print as a grid of 2 × 4 to a page at their designed size (6 cm high), a page break after every
eighth; on paper a badge sheet holds the badges only (its title and note are for the screen), a
long name prints smaller and neither name nor organisation can cover the other. The sign-in sheet's
columns are fixed (a long word wraps inside its cell), so it stays on the page for any data.
"""

from __future__ import annotations

from html import escape
from typing import BinaryIO

from integrationsnetz.exporters import Exporter, ExportRequest
from integrationsnetz.exporters.compose import build_page
from integrationsnetz.exporters.pages import (
    BADGES_PER_PAGE,
    ISOLATE,
    ISOLATE_END,
    Badges,
    Block,
    Facts,
    Heading,
    Items,
    Page,
    Paragraph,
    readable,
    sections,
)
from integrationsnetz.hookspecs import hookimpl

STYLE = """
body { font-family: "Source Sans 3", "Segoe UI", Arial, sans-serif; font-size: 11pt; line-height: 1.4;
       color: #111; max-width: 50em; margin: 2em auto; padding: 0 1em; hyphens: auto; }
h1 { font-size: 18pt; margin: 0 0 0.6em; }
h2 { font-size: 13pt; margin: 1.2em 0 0.4em; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; margin: 0 0 1em; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: calc(100% - 2px); margin: 0.4em 0 1em; }  /* the frame inside the page */
th, td { border: 1px solid #999; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #eee; }
.letterhead { margin: 0 0 2em; display: flex; justify-content: space-between; gap: 2em; }
.letterhead .sender { font-size: 9.5pt; line-height: 1.3; }
.letterhead .date { align-self: flex-end; white-space: nowrap; }
table.form { table-layout: fixed; }  /* the columns' widths, whatever the names: the sheet stays on the page */
table.form td, table.form th { overflow-wrap: anywhere; }
table.form td { height: 2.2em; }
table.form th:nth-child(1) { width: 25%; }
table.form th:nth-child(2) { width: 25%; }
table.form th:nth-child(3) { width: 24%; }  /* to sign in: 4 cm on A4, Word's at least 3.6 cm */
table.form td:nth-child(n+4), table.form th:nth-child(n+4) { text-align: center; width: 13%; padding: 0.25em 0.2em; }
.badges { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0; break-inside: avoid; }
.badges + .badges { break-before: page; }
.badge { box-sizing: border-box; height: 6cm; border: 1px dashed #999; padding: 1em; display: flex;
         flex-direction: column; justify-content: center; text-align: center; break-inside: avoid;
         overflow: hidden; overflow-wrap: anywhere; hyphens: auto; min-width: 0; }
.badge .name, .badge .org { flex-shrink: 0; display: -webkit-box; -webkit-box-orient: vertical; overflow: hidden; }
.badge .name { font-size: 20pt; font-weight: 600; min-height: 1.3em; line-height: 1.25; -webkit-line-clamp: 3; }
.badge .name.long { font-size: 16pt; }
.badge .name.longer { font-size: 13pt; -webkit-line-clamp: 4; }
.badge .org { font-size: 12pt; margin-top: 0.4em; min-height: 1.2em; line-height: 1.25; -webkit-line-clamp: 3; }
.badge .org.long { font-size: 10pt; -webkit-line-clamp: 4; }
@page { size: A4; margin: 2cm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; }
  thead { display: table-header-group; }
  tr, li, dl.facts, section.kept { break-inside: avoid; }
  h1, h2 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  body.badge-sheet > h1, body.badge-sheet > p { display: none; }
  body.badge-sheet > hr { break-before: page; border: 0; margin: 0; }  /* badges of several meetings */
  .badges { width: 17cm; }
}
""".strip()


#: The isolates as HTML (:func:`pages.isolated`; a text's own, balanced by :func:`pages.readable`, too).
_ISOLATE_TAGS = {ISOLATE: "<bdi>", "\u2066": '<bdi dir="ltr">', "\u2067": '<bdi dir="rtl">', ISOLATE_END: "</bdi>"}


def _text(text: str) -> str:
    """``text`` escaped, its line breaks as ``<br>``, an isolated user text (:func:`pages.isolated`) in ``<bdi>``."""
    shown = "<br>".join(escape(line) for line in text.split("\n"))
    for character, tag in _ISOLATE_TAGS.items():
        shown = shown.replace(character, tag)
    return shown


def _sized(kind: str, text: str, *longer_than: int) -> str:
    """A badge line's classes: ``long`` (a smaller font) past the first length, ``longer`` past the second.

    So a name of four lines shrinks to fit beside its organisation; each is clamped to its lines
    (STYLE), so neither can ever cover the other within the badge's fixed 6 cm.
    """
    steps = sum(len(text) > limit for limit in longer_than)
    return kind + ("", " long", " longer")[steps]


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        level = min(max(block.level, 2), 6)
        return f"<h{level}>{_text(block.text)}</h{level}>"
    if isinstance(block, Facts):
        items = "".join(f"<dt>{_text(label)}</dt><dd>{_text(value)}</dd>" for label, value in block.items)
        return f'<dl class="facts">{items}</dl>'
    if isinstance(block, Paragraph):
        return f"<p>{_text(block.text)}</p>"
    if isinstance(block, Items):
        tag = "ol" if block.numbered else "ul"
        return f"<{tag}>" + "".join(f"<li>{_text(item)}</li>" for item in block.items) + f"</{tag}>"
    if isinstance(block, Badges):
        cards = [
            f'<div class="badge"><div class="{_sized("name", name, 36, 64)}">{_text(name)}</div>'
            f'<div class="{_sized("org", org, 80)}">{_text(org)}</div></div>'
            for name, org in (*block.badges, *[("", "")] * block.blank)
        ]
        # One grid per A4 page: a page break between grids is honoured where one inside a grid is not.
        pages = ("".join(cards[start : start + BADGES_PER_PAGE]) for start in range(0, len(cards), BADGES_PER_PAGE))
        return "\n".join(f'<div class="badges">{page}</div>' for page in pages)
    head = "".join(f"<th>{_text(cell)}</th>" for cell in block.header)
    rows = "".join("<tr>" + "".join(f"<td>{_text(cell)}</td>" for cell in row) + "</tr>" for row in block.rows)
    form = ' class="form"' if block.writable else ""
    return f"<table{form}><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _section(blocks: tuple[Block, ...], kept: bool) -> str:
    inner = "\n".join(_block(block) for block in blocks)
    return f'<section class="kept">\n{inner}\n</section>' if kept else inner


def render(page: Page) -> str:
    """The page as a complete HTML document."""
    page = readable(page)
    body = "\n".join(_section(part.blocks, part.kept) for part in sections(page.blocks))
    letterhead = ""
    if page.head is not None:
        sender = "<br>".join(escape(line) for line in page.head.sender)
        letterhead = (f'<div class="letterhead"><div class="sender">{sender}</div>'
                      f'<div class="date">{_text(page.head.date_line)}</div></div>\n')  # fmt: skip
    # A badge sheet prints its grids only, eight badges at 6 cm to every page: title and note are for the screen.
    sheet = ' class="badge-sheet"' if any(isinstance(block, Badges) for block in page.blocks) else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(page.language)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(page.title)}</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body{sheet}>\n"
        f"{letterhead}<h1>{_text(page.title)}</h1>\n{body}\n</body>\n</html>\n"
    )


def write(request: ExportRequest, stream: BinaryIO) -> None:
    """The ``Exporter.write`` of the ``html`` format."""
    stream.write(render(build_page(request)).encode("utf-8"))


@hookimpl
def register_exporters() -> list[Exporter]:
    """The built-in ``html`` exporter."""
    return [
        Exporter(
            format="html",
            media_type="text/html; charset=utf-8",
            suffix=".html",
            description="Invitation letter, agenda, minutes, sign-in sheet, badges, open tasks or meeting overview "
            "as printable HTML (A4)",
            write=write,
        )
    ]
