"""The ``markdown`` exporter: the meeting documents, open tasks and overviews as Markdown.

CommonMark with GitHub tables. Every text from the data is escaped, so a title such as
``*neu* [Link](x) | <b>`` prints literally and cannot break a table or inject HTML. A web address
or an e-mail address in a text is written as an autolink (``<https://…>``, ``<name@example.org>``),
where Markdown takes every character as it stands: escaping inside it would break the link
(``pwd=abc\\_DEF``) and a hard line break's backslash cannot join it. A ``|`` or backtick in an
address is percent-encoded (the same address), so it neither splits a table cell nor opens code.
"""

from __future__ import annotations

import re
from typing import BinaryIO

from integrationsnetz.exporters import Exporter, ExportRequest
from integrationsnetz.exporters.compose import build_page
from integrationsnetz.exporters.pages import Badges, Block, Facts, Heading, Items, Page, Paragraph, readable
from integrationsnetz.hookspecs import hookimpl

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~!&])")
_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])", re.MULTILINE)
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
#: A web or mail address in running text; an e-mail address as a CommonMark autolink may hold it.
_ADDRESS = re.compile(
    r"(?:https?://|mailto:)[^\s<>\"]+"
    rf"|(?<![\w.+\-@])[A-Za-z0-9.!#$%&'*+/=?^_{{}}~-]+@{_LABEL}(?:\.{_LABEL})+(?![\w@-])"
)
_TRAILING = ".,;:!?'*_~"
_IN_ADDRESS = {"|": "%7C", "`": "%60"}


def _address(found: str) -> tuple[str, str]:
    """The address in ``found`` (sentence punctuation after it left out) and what follows it."""
    end = len(found)
    while end and (
        found[end - 1] in _TRAILING or (found[end - 1] == ")" and found[:end].count(")") > found[:end].count("("))
    ):
        end -= 1
    return found[:end], found[end:]


def _escaped(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def escape(text: str) -> str:
    """Text that Markdown shows as written: markup characters are backslash-escaped, addresses autolinks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts: list[str] = []
    start = 0
    for match in _ADDRESS.finditer(text):
        address, rest = _address(match.group())
        if (":" not in address and "@" not in address) or address.endswith(("://", ":")):
            continue
        parts.append(_escaped(text[start : match.start()]))
        parts.append("<" + "".join(_IN_ADDRESS.get(ch, ch) for ch in address) + ">" + _escaped(rest))
        start = match.end()
    parts.append(_escaped(text[start:]))
    return "".join(parts)


def _paragraph(text: str) -> str:
    """Escaped running text: a line that would start a list or quote is escaped too; breaks are kept."""

    def guard(match: re.Match[str]) -> str:
        indent, mark = match.group(1), match.group(2)
        return f"{indent}{mark[:-1]}\\{mark[-1]}"

    return "\\\n".join(_LINE_START.sub(guard, escape(line)) for line in text.split("\n"))


def _inline(text: str) -> str:
    """Escaped text after a label or list marker: line breaks become hard breaks."""
    return "\\\n".join(escape(line) for line in text.replace("\r", "\n").split("\n"))


def _cell(text: str) -> str:
    return "<br>".join(escape(line) for line in text.replace("\r", "\n").split("\n"))


def written_forms(text: str) -> tuple[str, ...]:
    """Each way this exporter may write ``text`` (running text, after a label, in a table cell).

    So a search for a person's name in written files (the erasure's, DSGVO Art. 17) finds
    "Anna Schmidt \\[geb. Meyer\\]" as well as the name as typed.
    """
    return tuple(dict.fromkeys((escape(text), _paragraph(text), _inline(text), _cell(text))))


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"{'#' * block.level} {escape(block.text)}"
    if isinstance(block, Facts):
        return "\n".join(f"**{escape(label)}:** {_inline(value)}  " for label, value in block.items).rstrip()
    if isinstance(block, Paragraph):
        return _paragraph(block.text)
    if isinstance(block, Items):
        return "\n".join(
            f"{number}. {_inline(item)}" if block.numbered else f"- {_inline(item)}"
            for number, item in enumerate(block.items, start=1)
        )
    if isinstance(block, Badges):
        return "\n".join(f"- {_inline(' – '.join(part for part in badge if part))}" for badge in block.badges)
    header = "| " + " | ".join(_cell(h) for h in block.header) + " |"
    rule = "|" + "|".join("---" for _ in block.header) + "|"
    rows = ["| " + " | ".join(_cell(c) for c in row) + " |" for row in block.rows]
    return "\n".join([header, rule, *rows])


def render(page: Page) -> str:
    """The page as Markdown text."""
    page = readable(page)
    head = []
    if page.head is not None:
        head = ["  \n".join(escape(line) for line in page.head.sender), escape(page.head.date_line)]
    parts = [*head, f"# {escape(page.title)}", *(_block(block) for block in page.blocks)]
    return "\n\n".join(parts) + "\n"


def write(request: ExportRequest, stream: BinaryIO) -> None:
    """The ``Exporter.write`` of the ``markdown`` format."""
    stream.write(render(build_page(request)).encode("utf-8"))


@hookimpl
def register_exporters() -> list[Exporter]:
    """The built-in ``markdown`` exporter."""
    return [
        Exporter(
            format="markdown",
            media_type="text/markdown; charset=utf-8",
            suffix=".md",
            description="Invitation letter, agenda, minutes, sign-in sheet, badges, open tasks or meeting overview "
            "as Markdown (German by default)",
            write=write,
        )
    ]
