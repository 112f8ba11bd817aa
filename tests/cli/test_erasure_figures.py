"""Erasing a person after a held meeting keeps the Protokoll's count of those present, and says what changes.

Three people came to a held meeting, two sent apologies. Erasing one who came folds them into
``headcount``: the Protokoll, printed again, still says "Anwesend: 3". Erasing one who was excused
cannot be hidden in a count the model does not keep, so ``person loeschen`` lists the meeting and
the figure ("Entschuldigt 2 → 1") before it asks.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import pytest
from click.testing import Result

import integrationsnetz as inz
from integrationsnetz.privacy import scrub

Run = Callable[..., Result]
BERLIN = ZoneInfo("Europe/Berlin")
CAME, EXCUSED = ("p-1", "p-2", "p-3"), ("p-4", "p-5")


def _data() -> inz.NetworkData:
    network = inz.Network(
        id="n",
        name="Netzwerk Integration Wartburgkreis",
        region=inz.Region(name="Wartburgkreis", state=inz.State.TH, ags="16063"),
    )
    people = tuple(
        inz.Person(id=pid, network_id="n", function=f"Beratung {pid}", name=f"Person {pid}")
        for pid in (*CAME, *EXCUSED)
    )
    invitations = (
        *(inz.Invitation(actor_id=pid, status=inz.AttendanceStatus.PRESENT) for pid in CAME),
        *(inz.Invitation(actor_id=pid, status=inz.AttendanceStatus.EXCUSED) for pid in EXCUSED),
    )
    meeting = inz.Meeting(
        id="plenum",
        network_id="n",
        kind=inz.MeetingKind.NETWORK,
        title="Plenum",
        start=datetime(2025, 3, 17, 9, tzinfo=BERLIN),
        end=datetime(2025, 3, 17, 12, tzinfo=BERLIN),
        status=inz.MeetingStatus.HELD,
        invitations=invitations,
        minutes=inz.Minutes(text="Allgemeines."),
    )
    return inz.NetworkData(network=network, persons=people, meetings=(meeting,))  # fmt: skip


@pytest.fixture
def held(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run) -> Path:
    monkeypatch.chdir(tmp_path)
    inz.documents.save(_data(), tmp_path / "netz.toml")
    assert run("init", ".", "--netz", "netz.toml").exit_code == 0
    return tmp_path


def _figures(run: Run) -> tuple[str, ...]:
    lines = run("protokoll", "plenum").output.splitlines()
    return tuple(
        next(line.strip() for line in lines if f"{figure}:" in line) for figure in ("Anwesend", "Entschuldigt")
    )


def test_erasing_one_who_came_keeps_the_count_of_those_present(held: Path, run: Run) -> None:
    assert _figures(run) == ("**Anwesend:** 3", "**Entschuldigt:** 2")
    erased = run("person", "loeschen", "p-2", "--yes")
    assert erased.exit_code == 0, erased.output
    assert "Entschuldigt" not in erased.output  # nothing the Protokoll shows changes
    assert _figures(run) == ("**Anwesend:** 3", "**Entschuldigt:** 2")
    assert "Person p-2" not in (held / "netz.toml").read_text(encoding="utf-8")


def test_erasing_one_who_was_excused_says_which_figure_changes(held: Path, run: Run) -> None:
    declined = run("person", "loeschen", "p-4", input="n\n")
    assert "plenum (17.03.2025): Entschuldigt 2 → 1" in declined.output
    assert "Anwesend 3" not in declined.output
    assert run("person", "loeschen", "p-4", "--yes").exit_code == 0
    assert _figures(run) == ("**Anwesend:** 3", "**Entschuldigt:** 1")


def test_scrub_keeps_present_count_for_any_attendance() -> None:
    meeting = _data().meetings[0]
    for headcount in (None, 0, 2, 3, 40):
        counted = attrs.evolve(meeting, headcount=headcount)
        for pid in (*CAME, *EXCUSED):
            after = scrub(counted, pid)
            assert isinstance(after, inz.Meeting)
            assert after.present_count == counted.present_count
            assert all(i.actor_id != pid for i in after.invitations)
