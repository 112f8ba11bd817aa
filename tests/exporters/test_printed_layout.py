"""Printed-page checks of layout faults an outside tester found (review 16), each read back from the PDF.

A Word Protokoll keeps a TOP whole on one page where it fits; Word tables give "TOP" and tick-box
heads the room to print as whole words; the HTML badges print eight to every A4 page at their
designed size. Needs Chromium, LibreOffice and poppler (see :mod:`integrationsnetz.testing.printing`).
"""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import docx
import wartburgkreis

import integrationsnetz as inz
from integrationsnetz import ExportOptions, NetworkData
from integrationsnetz.testing import printing

BERLIN = ZoneInfo("Europe/Berlin")
NETWORK = inz.Network(id="n", name="Netz", region=inz.Region(name="Kreis", state=inz.State.TH, ags="16063"))
START = datetime(2026, 3, 2, 9, tzinfo=BERLIN)
MEETING = inz.Meeting(id="m", network_id="n", kind=inz.MeetingKind.OTHER, title="Sitzung", start=START,
                      end=START.replace(hour=13))  # fmt: skip


def _data(**changes: object) -> NetworkData:
    return inz.NetworkData(network=NETWORK, meetings=(attrs.evolve(MEETING, **changes),))


def _write(data: NetworkData, fmt: str, kind: str, target: Path) -> Path:
    inz.export(data, fmt, target, select="m", options=ExportOptions(document=kind))  # type: ignore[arg-type]
    return target


def test_a_word_top_of_eight_lines_moves_whole_to_the_next_page(tmp_path: Path) -> None:
    tops = 12
    agenda = tuple(inz.AgendaItem(kind=inz.AgendaItemKind.INPUT, title=f"Punkt {n}", minutes=10) for n in range(tops))
    lines = "Es wurde ausführlich beraten und berichtet. " * 11  # eight printed lines
    said = tuple(inz.Discussion(agenda_item=n, text=f"Anfang{n} {lines}Ende{n}") for n in range(tops))
    data = _data(agenda=agenda, minutes=inz.Minutes(text="x", discussions=said))
    pdf = printing.print_docx(_write(data, "docx", "minutes", tmp_path / "protokoll.docx"), tmp_path / "pdf")
    pages = printing.pages(pdf)
    assert len(pages) > 2  # so a TOP could have straddled a page break
    for n in range(tops):
        holding = {index for index, page in enumerate(pages) for mark in (f"TOP {n + 1}:", f"Anfang{n} ", f"Ende{n}")
                   if re.search(rf"{re.escape(mark)}\b", page)}  # fmt: skip
        assert len(holding) == 1, f"TOP {n + 1} printed on pages {sorted(holding)}"


#: Wider than a badge in 12 pt: it must wrap inside the badge, not make Chromium shrink the page.
LONG_WORD = "Staatsangehörigkeitsbehördenverwaltungsgemeinschaft"


def _badge_sheet(tmp_path: Path, label: str, title: str, headcount: int) -> Path:
    bodies = tuple(
        inz.Organization(id=f"o{n}", network_id="n", name=f"Stelle{n} {LONG_WORD}", kind=inz.OrganizationKind.OTHER)
        for n in range(8)
    )  # fmt: skip
    data = attrs.evolve(_data(title=title, headcount=headcount,
                              invitations=tuple(inz.Invitation(actor_id=body.id) for body in bodies)),
                        organizations=bodies)  # fmt: skip
    page = _write(data, "html", "badges", tmp_path / f"{label}.html")
    return printing.print_html(page, tmp_path / f"{label}.pdf")


def test_html_badges_print_eight_to_every_page_at_six_centimetres(tmp_path: Path) -> None:
    long_title = "Netzwerktreffen mit einem sehr langen Titel, der über zwei Zeilen umbricht und noch weiter geht"
    for label, title, headcount, sheets in (("long70", long_title, 70, 9), ("plain500", "Große Sitzung", 500, 63)):
        pdf = _badge_sheet(tmp_path, label, title, headcount)
        assert printing.page_count(pdf) == sheets, label  # 72 and 504 badges, eight to a page
        text = " ".join(printing.pages(pdf))
        assert "Namensschilder" not in text, label  # the title stays on the screen
        assert "leere" not in text, label  # and so does the note on blank badges
        tops = {text: y for page, text, _, y in printing.words(pdf) if page == 1 and re.fullmatch(r"Stelle\d", text)}
        assert len(tops) == 8, (label, tops)
        # the same text in each badge: one row below the next by the badge's height, 6 cm (170 pt)
        for upper, lower in (("Stelle0", "Stelle2"), ("Stelle2", "Stelle4"), ("Stelle4", "Stelle6")):
            assert abs(tops[lower] - tops[upper] - 6 / 2.54 * 72) < 2, (label, tops)


def test_word_columns_fit_their_heads_and_numbers_as_whole_words(tmp_path: Path) -> None:
    data = wartburgkreis.build()
    words = {}
    for kind in ("agenda", "sign_in"):
        target = tmp_path / f"{kind}.docx"
        inz.export(data, "docx", target, select=wartburgkreis.MEETING_ID, options=ExportOptions(document=kind))  # type: ignore[arg-type]
        widths = [column.width.cm for column in docx.Document(str(target)).tables[-1].columns]  # type: ignore[union-attr]
        if kind == "agenda":
            assert widths[0] >= 1.2, widths  # "TOP" and "12", not "T/O/P" and "1/2"
        else:
            assert widths[2] >= 3.5, widths  # room to sign
        printed = printing.words(printing.print_docx(target, tmp_path / kind))
        words[kind] = {text for _, text, _, _ in printed}
    assert {"TOP", "Zeit", "10", "11", "12", "09:30–09:40"} <= words["agenda"], sorted(words["agenda"])
    assert {"Unterschrift", "Fotos:", "Protokoll:", "Organisation"} <= words["sign_in"], sorted(words["sign_in"])


def test_the_sign_in_sheet_names_an_organisation_once(tmp_path: Path) -> None:
    sheet = docx.Document(io.BytesIO(inz.export(wartburgkreis.build(), "docx", select=wartburgkreis.MEETING_ID,
                                                options=ExportOptions(document="sign_in")))).tables[-1]  # fmt: skip
    rows = [(row.cells[0].text, row.cells[1].text) for row in sheet.rows[1:]]
    moderator = next(row for row in rows if row[0].startswith("Moderator"))
    assert moderator == ("Moderator, Institut für kommunale Planung und Entwicklung", "")
    assert ("Landrat des Wartburgkreises", "Landratsamt Wartburgkreis") in rows  # the function does not say it
    assert not [(name, org) for name, org in rows if org and org in name]


def test_the_html_sign_in_table_prints_its_right_hand_border_inside_the_margin(tmp_path: Path) -> None:
    page = tmp_path / "liste.html"
    inz.export(wartburgkreis.build(), "html", page, select=wartburgkreis.MEETING_ID,
               options=ExportOptions(document="sign_in"))  # fmt: skip
    pdf = printing.print_html(page, tmp_path / "liste.pdf")
    rules = printing.vertical_rules(pdf, 2)  # a page of table only
    edge = 595.28 - 2 / 2.54 * 72  # the right margin of 2 cm: Chromium cuts off what lies beyond
    assert len(rules) == 6, rules  # five columns framed
    assert rules[-1] + 1 <= edge, rules  # the right-hand border, one point wide, whole


def test_an_arabic_title_keeps_the_date_after_it_when_printed(tmp_path: Path) -> None:
    data = _data(title="Große Sitzung مرحبا", minutes=inz.Minutes(text="x"))
    page = _write(data, "html", "minutes", tmp_path / "protokoll.html")
    assert "<bdi>Große Sitzung مرحبا</bdi>, 02.03.2026" in page.read_text(encoding="utf-8")
    printed = printing.words(printing.print_html(page, tmp_path / "protokoll.pdf"))
    line = [(text, x) for number, text, x, y in printed if number == 1 and y < printed[0][3] + 5]
    arabic = next(x for text, x in line if re.search("[\u0600-\u06ff]", text))
    day = next(x for text, x in line if text == "02.03.2026")
    assert day > arabic, line  # not "Große Sitzung 02.03.2026 ,مرحبا"


def test_a_meeting_without_venue_says_the_place_follows_and_word_rows_give_room_to_sign(tmp_path: Path) -> None:
    for language, said in (("de", "Wo:\tOrt wird noch bekannt gegeben"), ("en", "Where:\tto be announced")):
        for kind in ("invitation", "agenda", "sign_in"):
            payload = inz.export(_data(), "docx", select="m", options=ExportOptions(document=kind, language=language))  # type: ignore[arg-type]
            document = docx.Document(io.BytesIO(payload))
            assert said in [paragraph.text for paragraph in document.paragraphs], (language, kind)
    options = ExportOptions(document="sign_in")
    rows = docx.Document(io.BytesIO(inz.export(_data(), "docx", select="m", options=options))).tables[-1].rows[1:]
    assert len(rows) >= 10  # the walk-ins' rows
    heights = [row.height.cm if row.height is not None else 0.0 for row in rows]
    assert min(heights) >= 1.0, heights  # room to sign, not one line of text
