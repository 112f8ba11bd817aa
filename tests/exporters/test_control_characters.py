"""Control characters in stored texts (review 16, finding 2): documents never fail on them, never pass them on.

Minutes pasted from ``pdftotext`` hold a form feed between pages; a name may hold anything a
form accepted. Word cannot store most C0 controls at all (XML forbids them), a browser or a
terminal would act on them. One rule, :func:`~integrationsnetz.model.characters.printable`.
"""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo

import attrs
import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import integrationsnetz as inz
from integrationsnetz import ExportOptions
from integrationsnetz.integrity import unprintable_texts
from integrationsnetz.model.characters import ISOLATE_END, balanced, isolated, printable, unprintable

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 3, 2, 9, tzinfo=BERLIN)
HOSTILE = "\x07\x1b[31m\x00\ufffe\x9b\x7f\U0010ffff"  # lone surrogates: the model refuses them
NETWORK = inz.Network(id="n", name="Netz" + HOSTILE, region=inz.Region(name="Kreis", state=inz.State.TH, ags="16063"))
#: Characters no document may carry: C0 but tab and newline, DEL, C1, surrogates, noncharacters.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\U0010fffe\U0010ffff]")


def _data() -> inz.NetworkData:
    org = inz.Organization(
        id="o", network_id="n", name="Amt\x0bfür Migration" + HOSTILE, kind=inz.OrganizationKind.OTHER
    )
    person = inz.Person(id="p", network_id="n", name="Eva\x0cMuster" + HOSTILE, function="Leitung\x1b]0;x\x07",
                        affiliation_id="o")  # fmt: skip
    agenda = (inz.AgendaItem(kind=inz.AgendaItemKind.INPUT, title="Bericht" + HOSTILE, minutes=30,
                             presenter_ids=("p",)),)  # fmt: skip
    said = (inz.Discussion(agenda_item=0, text="Erster\x0cZweiter\x0bDritter"),)
    minutes = inz.Minutes(text="Seite 1\n\x0cSeite 2" + HOSTILE, discussions=said)
    meeting = inz.Meeting(id="m", network_id="n", kind=inz.MeetingKind.OTHER, title="Sitzung\x0c" + HOSTILE,
                          start=START, end=START.replace(hour=13), agenda=agenda, minutes=minutes, organizer_id="o",
                          invitations=(inz.Invitation(actor_id="p"), inz.Invitation(actor_id="o")))  # fmt: skip
    return inz.NetworkData(network=NETWORK, meetings=(meeting,), persons=(person,), organizations=(org,))


@pytest.mark.parametrize("kind", ["invitation", "agenda", "minutes", "sign_in", "badges"])
def test_every_document_prints_texts_with_control_characters(kind: str) -> None:
    data = _data()
    options = ExportOptions(document=kind, include_personal_data=True)  # type: ignore[arg-type]
    for fmt in ("markdown", "html"):
        text = inz.export(data, fmt, select="m", options=options).decode("utf-8")
        assert not FORBIDDEN.search(text), (fmt, FORBIDDEN.findall(text))
        assert "Sitzung" in text, fmt
        assert "Amt" in text, fmt
    document = docx.Document(io.BytesIO(inz.export(data, "docx", select="m", options=options)))  # the crash
    said = "\n".join([p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows
                                                                for c in r.cells])  # fmt: skip
    assert not FORBIDDEN.search(said), FORBIDDEN.findall(said)
    assert "Sitzung\n" in said  # the form feed: a break, not glued to the next word
    if kind == "minutes":
        assert {"Seite 1", "Zweiter"} <= set(said.split("\n"))
        assert "\nSeite 2[31m" in said


def test_a_form_feed_between_pages_of_minutes_is_a_line_break() -> None:
    assert printable("Seite 1\n\x0cSeite 2\x0bZeile\r\nEnde\x07\x00\ufffe") == "Seite 1\n\nSeite 2\nZeile\nEnde"
    assert printable("Tab\tund\u200fBidi\u00adWeich") == "Tab\tund\u200fBidi\u00adWeich"  # format characters stay
    assert unprintable("a\x0cb\x0c\x1b\ufffe\r\n") == ["U+000C", "U+001B", "U+FFFE"]


def test_check_names_the_field_path_of_each_such_text() -> None:
    paths = [problem.path for problem in unprintable_texts(_data())]
    assert 'meetings["m"].minutes.discussions[0].text' in paths
    assert {'persons["p"].name', 'persons["p"].function'} <= set(paths)
    assert "network.name" in paths
    assert not unprintable_texts(attrs.evolve(_data(), meetings=(), persons=(), organizations=(),
                                              network=attrs.evolve(NETWORK, name="Netz")))  # fmt: skip


@given(st.text(alphabet=st.characters(codec=None, categories=None), max_size=60))
def test_printable_text_holds_no_control_and_keeps_every_printable_character(text: str) -> None:
    shown = printable(text)
    assert not FORBIDDEN.search(shown)
    assert printable(shown) == shown
    assert [c for c in text if c.isprintable()] == [c for c in shown if c.isprintable()]
    assert not unprintable(shown)


@given(
    st.text(alphabet=st.sampled_from("ab \u05d0\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"), max_size=30)
)
def test_a_balanced_text_ends_every_direction_change_it_starts(text: str) -> None:
    shown = balanced(text)
    isolates = embeddings = 0
    for ch in shown:
        isolates += (ch in "\u2066\u2067\u2068") - (ch == ISOLATE_END)
        assert isolates >= 0
    assert isolates == 0
    for ch in shown.replace("\u2066", "").replace("\u2067", "").replace("\u2068", "").replace(ISOLATE_END, ""):
        embeddings += (ch in "\u202a\u202b\u202d\u202e") - (ch == "\u202c")
        assert embeddings >= 0
    assert embeddings == 0
    assert isolated(text).startswith("\u2068") or not re.search("[\u202a-\u202e\u2066-\u2069\u05d0]", text)
    assert unicodedata.normalize("NFC", shown.replace("\u202c", "").replace(ISOLATE_END, "")) is not None


def test_a_crlf_in_a_name_is_one_line_break_in_a_markdown_table() -> None:
    """Review 16, finding 14: "Anna\\r\\nSchmidt" printed as ``Anna<br><br>Schmidt`` in a table cell."""
    data = _data()
    data = attrs.evolve(data, persons=(attrs.evolve(data.persons[0], name="Anna\r\nSchmidt"),))
    options = ExportOptions(document="sign_in", include_personal_data=True)
    sheet = inz.export(data, "markdown", select="m", options=options).decode("utf-8")
    assert "| Anna<br>Schmidt |" in sheet
    assert "<br><br>" not in sheet
