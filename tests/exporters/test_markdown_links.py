"""Addresses in the Markdown documents stay links: read back with a CommonMark parser (markdown-it-py).

The exporter escapes markup in every text, but inside a web or mail address an escape is part
of the address a viewer links to (``pwd=abc\\_DEF``), and a hard break's backslash after an
address at a line end joins it. So addresses are autolinks; these tests parse the output as
CommonMark (with GitHub tables) and compare the links' targets with the addresses in the data.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import unquote

import attrs
import pytest
import wartburgkreis
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

import integrationsnetz as inz
from integrationsnetz.exporters.markdown import render
from integrationsnetz.exporters.pages import Page, Paragraph, Table

TEAMS = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_NzQ4ZTk@thread.v2/0?context=%7b%22Tid%22%3a%22a1%22%7d"
ZOOM = "https://us02web.zoom.us/j/81234567890?pwd=abc_DEF*xyz#success"
PARSER = MarkdownIt("commonmark").enable("table")


def _links(markdown: str) -> list[str]:
    """The targets of every link in ``markdown``, percent-decoded, as a CommonMark reader sees them."""
    found = []
    for token in PARSER.parse(markdown):
        for child in token.children or ():
            if child.type == "link_open":
                found.append(unquote(str(child.attrGet("href"))))
    return found


def _text(markdown: str) -> str:
    """The text a reader of ``markdown`` sees (links by their target), line breaks as newlines."""
    parts = []
    for token in PARSER.parse(markdown):
        for child in token.children or ():
            if child.type == "link_open":
                parts.append(unquote(str(child.attrGet("href"))))
            elif child.type == "text" and parts[-1:] != ["<link>"]:
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append("\n")
            if child.type == "link_open":
                parts.append("<link>")
            elif child.type == "link_close":
                parts.remove("<link>")
    return "".join(parts)


@pytest.mark.parametrize("url", [TEAMS, ZOOM])
def test_the_invitations_online_and_map_links_are_the_addresses(url: str) -> None:
    data = wartburgkreis.build()
    meeting = attrs.evolve(data.get(inz.Meeting, wartburgkreis.MEETING_ID), online_url=url)
    data = attrs.evolve(data, meetings=(meeting,))
    options = inz.ExportOptions(document="invitation", stamp=datetime(2024, 9, 20, tzinfo=UTC))
    letter = inz.export(data, "markdown", select=meeting.id, options=options).decode()
    links = _links(letter)
    assert unquote(url) in links
    assert any(link.startswith("https://www.openstreetmap.org/?mlat=") and "&mlon=" in link for link in links)
    assert not any("\\" in link for link in links)


def test_an_address_at_a_line_end_and_in_a_table_cell_stays_whole() -> None:
    text = "Fragen an info_netz@kreis-wak.example\noder https://www.wartburgkreis.de/leben_und_arbeiten\nDanke."
    page = Page(title="T", language="de", blocks=(Paragraph(text), Table(("Web",), (("https://a.example/x|y",),))))
    links = _links(render(page))
    assert links == [
        "mailto:info_netz@kreis-wak.example",
        "https://www.wartburgkreis.de/leben_und_arbeiten",
        "https://a.example/x|y",
    ]


_URL_CHARS = st.sampled_from("abcXYZ019_*#&~!=?%-/.:;@$+,'()[]{}|`\\^")
_WORDS = st.sampled_from(["Siehe", "und", "*fett*", "_x_", "[a](b)", "<b>", "&amp;", "#", "1.", "-", "|", "\\"])


@settings(max_examples=200, deadline=None)
@given(
    before=st.lists(_WORDS, max_size=4).map(" ".join),
    path=st.text(_URL_CHARS, max_size=30).filter(
        lambda path: not path.endswith((".", ",", ";", ":", "!", "?", "'", "*", "_", "~", ")"))
    ),
    after=st.lists(_WORDS, max_size=4).map(" ".join),
)
def test_a_web_address_in_text_is_one_link_to_itself(before: str, path: str, after: str) -> None:
    url = f"https://example.org/{path}"
    text = f"{before} {url} {after}".strip()
    shown = render(Page(title="T", language="de", blocks=(Paragraph(text),)))
    assert _links(shown) == [unquote(url)]
    assert _text(shown) == "T" + unquote(text)  # the heading's text, then the paragraph's
