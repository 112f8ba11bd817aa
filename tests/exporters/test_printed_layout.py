"""Printed-page checks of layout faults an outside tester found (review 16), each read back from the PDF.

A Word Protokoll keeps a TOP whole on one page where it fits; Word tables give "TOP" and tick-box
heads the room to print as whole words; the HTML badges print eight to every A4 page at their
designed size. Needs Chromium, LibreOffice and poppler (see :mod:`integrationsnetz.testing.printing`).
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs

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
