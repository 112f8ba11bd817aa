"""Where the Einladung's parts come from when the data leaves them open: the registration address, the date.

- A network without a public mailbox: the letter names the sending office's functional mailbox
  for the registration and under "Kontakt" (an organisation's address is no person's data).
- Without ``stamp`` the letter is dated by the meeting's last change, never by the clock, so the
  same data gives the same Markdown and the same Word bytes on any day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import attrs
import pytest
import wartburgkreis

import integrationsnetz as inz
from integrationsnetz import ExportOptions, NetworkData

MEETING = wartburgkreis.MEETING_ID


@pytest.fixture(scope="module")
def data() -> NetworkData:
    return wartburgkreis.build()


def _letter(data: NetworkData, fmt: str = "markdown", **options: object) -> bytes:
    return inz.export(data, fmt, select=MEETING, options=ExportOptions(document="invitation", **options))  # type: ignore[arg-type]


def test_without_a_network_mailbox_the_office_mailbox_takes_the_registration(data: NetworkData) -> None:
    silent = attrs.evolve(data, network=attrs.evolve(data.network, contacts=()))
    text = _letter(silent, stamp=datetime(2024, 9, 20, tzinfo=UTC)).decode()
    assert "Bitte melden Sie sich an: <integration@wartburgkreis.de>." in text
    assert "## Kontakt" in text
    assert "E-Mail <integration@wartburgkreis.de>" in text.split("## Kontakt", 1)[1]


def test_without_stamp_the_letter_is_dated_by_the_meetings_last_change(
    data: NetworkData, monkeypatch: pytest.MonkeyPatch
) -> None:
    changed = datetime(2024, 9, 12, 15, tzinfo=UTC)
    meeting = attrs.evolve(data.get(inz.Meeting, MEETING), modified=changed)
    dated = attrs.evolve(data, meetings=tuple(meeting if m.id == MEETING else m for m in data.meetings))
    text = _letter(dated).decode()
    assert "Bad Salzungen, 12. September 2024" in text

    class Tomorrow(date):
        @classmethod
        def today(cls) -> Tomorrow:
            return cls(2031, 1, 2)

    from integrationsnetz.exporters import letters

    first = _letter(dated, "docx")
    monkeypatch.setattr(letters, "date", Tomorrow)
    assert _letter(dated, "docx") == first
    assert _letter(dated).decode() == text
