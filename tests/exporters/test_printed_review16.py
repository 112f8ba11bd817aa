"""Printed-page checks of the second outside review of the documents (review 16), read back from the PDF.

A Word TOP longer than a page breaks between its paragraphs, never after its heading (finding 5);
the HTML sign-in sheet stays inside the page for any data (6); a name's own direction controls
cannot turn the text after it (7); a long name on an HTML badge never covers the organisation (10).
Needs Chromium, LibreOffice and poppler (see :mod:`integrationsnetz.testing.printing`).
"""

from __future__ import annotations

import itertools
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import docx

import integrationsnetz as inz
from integrationsnetz import ExportOptions, NetworkData
from integrationsnetz.testing import printing

BERLIN = ZoneInfo("Europe/Berlin")
NETWORK = inz.Network(id="n", name="Netz", region=inz.Region(name="Kreis", state=inz.State.TH, ags="16063"))
START = datetime(2026, 3, 2, 9, tzinfo=BERLIN)
MEETING = inz.Meeting(id="m", network_id="n", kind=inz.MeetingKind.OTHER, title="Sitzung", start=START,
                      end=START.replace(hour=13))  # fmt: skip
PERSONAL = ExportOptions(include_personal_data=True)


def _data(**changes: object) -> NetworkData:
    return inz.NetworkData(network=NETWORK, meetings=(attrs.evolve(MEETING, **changes),))


def _write(data: NetworkData, fmt: str, kind: str, target: Path, options: ExportOptions = PERSONAL) -> Path:
    inz.export(data, fmt, target, select="m", options=attrs.evolve(options, document=kind))
    return target


def _long_top() -> NetworkData:
    said = ("Frau Berichterstatterin erläutert die Lage am Wohnungsmarkt im Landkreis, die Wartezeiten in der "
            "Migrationsberatung und die Zusammenarbeit mit den Vermietern; die Mitglieder fragen nach den Zahlen "
            "und regen an, die Daten künftig quartalsweise zu erheben und im Netzwerk zu teilen. ") * 2  # fmt: skip
    text = "\n\n".join(f"Absatz{k}: {said}" for k in range(14))  # about a page and a half
    agenda = tuple(inz.AgendaItem(kind=inz.AgendaItemKind.INPUT, title=title, minutes=20)
                   for title in ("Begrüßung", "Wohnungsmarkt", "Verschiedenes"))  # fmt: skip
    discussions = (inz.Discussion(agenda_item=0, text="Begrüßung. " * 40), inz.Discussion(agenda_item=1, text=text),
                   inz.Discussion(agenda_item=2, text="Nichts."))  # fmt: skip
    return _data(agenda=agenda, minutes=inz.Minutes(text="Kurz.", discussions=discussions))


def test_a_word_top_longer_than_a_page_keeps_its_heading_with_its_first_paragraph(tmp_path: Path) -> None:
    target = _write(_long_top(), "docx", "minutes", tmp_path / "protokoll.docx")
    paragraphs = [p for p in docx.Document(str(target)).paragraphs if p.text.startswith("Absatz")]
    assert len(paragraphs) == 14  # each its own Word paragraph, not one of fourteen
    pages = printing.pages(printing.print_docx(target, tmp_path / "pdf"))
    heading = next(number for number, page in enumerate(pages) if "TOP 2: Wohnungsmarkt" in page)
    assert "Absatz0:" in pages[heading], pages[heading][-300:]  # not a heading alone at the foot of a page
    assert "Absatz13:" not in pages[heading]  # the discussion runs on to the next page
    for number in range(14):
        holding = [index for index, page in enumerate(pages) if f"Absatz{number}:" in page]
        assert len(holding) == 1, (number, holding)


#: A long compound word and an organisation's name without a space: no column may push the table off the page.
COMPOUND = "Integrationskursträgerverbandsgeschäftsstelle"


def test_the_html_sign_in_sheet_stays_inside_the_page_with_room_to_sign(tmp_path: Path) -> None:
    people = (
        inz.Person(id="p1", network_id="n", function="Leitung", affiliation_id="o1",
                   name="Hubert " + "Wolfeschlegelsteinhausenbergerdorff" * 8),
        inz.Person(id="p2", network_id="n", function="Beratung", name="Anna Schmidt", affiliation_id="o2"),
    )  # fmt: skip
    bodies = (
        inz.Organization(id="o1", network_id="n", name=COMPOUND + "ÜberregionaleKoordinierungsstelle",
                         kind=inz.OrganizationKind.OTHER),
        inz.Organization(id="o2", network_id="n", name=f"Caritasverband {COMPOUND} Eisenach",
                         kind=inz.OrganizationKind.OTHER),
    )  # fmt: skip
    invited = tuple(inz.Invitation(actor_id=actor_id) for actor_id in ("p1", "p2"))
    data = attrs.evolve(_data(invitations=invited), persons=people, organizations=bodies)
    pdf = printing.print_html(_write(data, "html", "sign_in", tmp_path / "liste.html"), tmp_path / "liste.pdf")
    edge = 595.28 - 2 / 2.54 * 72  # the right margin of 2 cm
    assert printing.rightmost_word(pdf) <= edge + 0.5
    rules = printing.vertical_rules(pdf, 1, least=60)
    columns = [right - left for left, right in itertools.pairwise(rules) if right - left > 5]
    assert len(columns) == 5, rules
    assert rules[-1] + 1 <= edge, rules  # the right-hand border whole
    signature, *ticks = columns[2:]
    assert signature >= 3.6 / 2.54 * 72, columns  # at least Word's 3.6 cm
    assert signature > max(ticks), columns
    said = {text for _, text, _, _ in printing.words(pdf)}
    assert {"Unterschrift", "Fotos:", "ja"} <= said, sorted(said)


def test_a_long_name_on_an_html_badge_never_covers_its_organisation(tmp_path: Path) -> None:
    names = ("Maria-Magdalena Alexandra von Schwarzenberg-Hohenlohe-Waldburg",  # four lines at 20 pt
             "Dr. Anna-Katharina Beispielfrau-Mustermann von und zu Hohenzollern-Sigmaringen " * 4)  # fmt: skip
    org = "Staatliches Berufsbildungszentrum und Medizinische Fachschule Bad Salzungen – Außenstelle Eisenach"
    people = tuple(inz.Person(id=f"p{n}", network_id="n", function="Leitung", name=name, affiliation_id="o")
                   for n, name in enumerate(names))  # fmt: skip
    body = inz.Organization(id="o", network_id="n", name=org, kind=inz.OrganizationKind.OTHER)
    data = attrs.evolve(_data(invitations=tuple(inz.Invitation(actor_id=p.id) for p in people)), persons=people,
                        organizations=(body,))  # fmt: skip
    pdf = printing.print_html(_write(data, "html", "badges", tmp_path / "schilder.html"), tmp_path / "schilder.pdf")
    boxes = [box for box in printing.word_boxes(pdf) if box[0] == 1]
    column = 595.28 / 2  # two badges side by side: the first in the left column, the second in the right
    for left_column, name in ((True, names[0]), (False, names[1])):
        mine = [box for box in boxes if (box[2] < column) == left_column]
        org_words = set(org.split())
        name_bottom = max(bottom for _, text, _, _, _, bottom in mine if text not in org_words)
        org_top = min(top for _, text, _, top, _, _ in mine if text in org_words and text not in name.split())
        assert name_bottom <= org_top, (name[:20], name_bottom, org_top)  # no line of the name over the organisation
        printed = " ".join(text for _, text, *_ in mine)
        assert "Außenstelle Eisenach" in printed  # the organisation whole
    assert "Hohenlohe-Waldburg" in " ".join(text for _, text, *_ in boxes)  # a four-line name shrinks, not cut


def _hostile_presenter() -> NetworkData:
    """Eve's name ends in a right-to-left override (U+202E) left open; she presents TOP 1 with Omar."""
    people = (inz.Person(id="eve", network_id="n", function="Leitung", name="Eve Muster\u202e", affiliation_id="o"),
              inz.Person(id="omar", network_id="n", function="Beratung", name="Omar Ahmadi"))  # fmt: skip
    body = inz.Organization(id="o", network_id="n", name="Amt für Migration", kind=inz.OrganizationKind.OTHER)
    agenda = (
        inz.AgendaItem(kind=inz.AgendaItemKind.INPUT, title="Bericht", minutes=30, presenter_ids=("eve", "omar")),
    )
    invited = (inz.Invitation(actor_id="eve", status=inz.AttendanceStatus.PRESENT),
               inz.Invitation(actor_id="omar", status=inz.AttendanceStatus.PRESENT))  # fmt: skip
    meeting = _data(agenda=agenda, invitations=invited, moderator_id="eve", minutes=inz.Minutes(text="x"))
    return attrs.evolve(meeting, persons=people, organizations=(body,))


def test_a_direction_override_in_a_name_turns_no_text_after_it(tmp_path: Path) -> None:
    data = _hostile_presenter()
    for kind in ("agenda", "sign_in", "minutes"):
        page = _write(data, "html", kind, tmp_path / f"{kind}.html")
        assert "<bdi>Eve Muster\u202e\u202c</bdi>" in page.read_text(encoding="utf-8"), kind
        printed = " ".join(printing.pages(printing.print_html(page, tmp_path / f"{kind}.pdf")))
        assert "Amt für Migration" in printed, (kind, printed)  # not "noitargiM rüf tmA"
        if kind != "sign_in":
            assert "Omar Ahmadi" in printed, (kind, printed)
        markdown = inz.export(data, "markdown", select="m", options=attrs.evolve(PERSONAL, document=kind)).decode()
        assert "\u2068Eve Muster\u202e\u202c\u2069" in markdown, kind  # isolated: FSI … PDI
        assert markdown.count("\u2068") == markdown.count("\u2069"), kind
