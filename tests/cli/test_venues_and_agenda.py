"""``ort neu|raum`` and ``termin top|top-streichen`` against real sqlite: stores and documents.

What the tutorial did by editing ``netzwerk.toml`` by hand: a venue with its rooms, and the agenda
of a meeting. Each command shows the change, asks (a "no" writes nothing), writes the store in one
transaction, and rewrites the document where it defines the entity; decisions of the minutes
move with the items they belong to.
"""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import attrs
import click
import pytest
from click.testing import Result
from hypothesis import given
from hypothesis import strategies as st

import integrationsnetz as inz
from integrationsnetz.cli.commands.init import district_of
from integrationsnetz.cli.commands.venues import parse_address

Run = Callable[..., Result]


def _store(folder: Path) -> inz.Store:
    return inz.open_store(f"sqlite://{folder / 'netz.db'}")


def test_a_venue_and_its_rooms_go_into_the_store_and_a_no_writes_nothing(store_workspace: Path, run: Run) -> None:
    args = ("ort", "neu", "--name", "Landratsamt Wartburgkreis", "--adresse", "Erzberger Allee 14, 36433 Bad Salzungen",
            "--id", "landratsamt", "--barrierefrei", "--traeger", "lra")  # fmt: skip
    declined = run(*args, input="n\n")
    assert declined.exit_code == 1
    assert "Neuer Tagungsort landratsamt" in declined.output
    with _store(store_workspace) as store, pytest.raises(inz.NotFound):
        store.get(inz.Venue, "landratsamt")
    saved = run(*args, input="j\n")
    assert saved.exit_code == 0, saved.output
    assert run(*args, "--yes").exit_code == 1  # the id is taken now
    room = run("ort", "raum", "landratsamt", "--name", "Großer Sitzungssaal", "--plaetze", "80", "--json", "--yes")
    assert room.exit_code == 0, room.output
    assert json.loads(room.stdout)[0]["rooms"] == [{"id": "grosser-sitzungssaal", "name": "Großer Sitzungssaal",
                                                    "capacity": 80}]  # fmt: skip
    assert run("ort", "raum", "landratsamt", "--name", "X", "--id", "grosser-sitzungssaal", "--yes").exit_code == 1
    with _store(store_workspace) as store:
        venue = store.get(inz.Venue, "landratsamt")
    assert venue.address == inz.Address(street="Erzberger Allee 14", postal_code="36433", city="Bad Salzungen")
    assert venue.step_free is True
    assert venue.owner_id == "lra"
    assert [r.id for r in venue.rooms] == ["grosser-sitzungssaal"]
    listed = run("liste", "orte")
    assert "landratsamt" in listed.output
    assert "Erzberger Allee 14, 36433 Bad Salzungen" in listed.output
    assert run("ort", "neu", "--name", "Y", "--adresse", "Eisenach", "--traeger", "gibtsnicht", "--yes").exit_code == 1
    assert run("ort", "raum", "gibtsnicht", "--name", "Z", "--yes").exit_code == 1


def test_a_room_of_a_venue_the_document_defines_goes_into_the_document_too(
    wartburgkreis_workspace: Path, run: Run
) -> None:
    document = wartburgkreis_workspace / "wartburgkreis-netzwerk.toml"
    venue = inz.documents.load(document).venues[0]
    result = run("ort", "raum", venue.id, "--name", "Kleiner Saal", "--id", "kleiner-saal", "--yes")
    assert result.exit_code == 0, result.output
    assert "kleiner-saal" in {r.id for r in inz.documents.load(document).venues[0].rooms}
    with _store(wartburgkreis_workspace) as store:
        assert "kleiner-saal" in {r.id for r in store.get(inz.Venue, venue.id).rooms}


@pytest.mark.parametrize(
    ("text", "street", "postal", "city"),
    [
        ("Erzberger Allee 14, 36433 Bad Salzungen", "Erzberger Allee 14", "36433", "Bad Salzungen"),
        ("Markt 1, Eisenach", "Markt 1", None, "Eisenach"),
        ("99817 Eisenach", None, "99817", "Eisenach"),
        ("Eisenach", None, None, "Eisenach"),
        ("Haus B, Markt 1, 99817 Eisenach", "Haus B, Markt 1", "99817", "Eisenach"),
    ],
)
def test_addresses_are_read_as_people_write_them(text: str, street: str | None, postal: str | None, city: str) -> None:
    assert parse_address(text) == inz.Address(street=street, postal_code=postal, city=city)


@pytest.mark.parametrize("text", ["", " ", "Markt 1,", ", Eisenach"])
def test_an_address_without_a_city_is_refused(text: str) -> None:
    with pytest.raises(click.BadParameter, match="keine Adresse"):
        parse_address(text)


def _meeting(folder: Path, meeting_id: str) -> inz.Meeting:
    with _store(folder) as store:
        return store.get(inz.Meeting, meeting_id)


def test_agenda_items_are_added_inserted_and_removed_with_their_decisions(store_workspace: Path, run: Run) -> None:
    made = run("termin", "neu", "--titel", "Netzwerktreffen", "--beginn", "03.03.2027 09:00", "--id", "nt", "--yes")
    assert made.exit_code == 0, made.output
    for title in ("Begrüßung", "Aussprache"):
        assert run("termin", "top", "nt", "--titel", title, "--dauer", "20", "--yes").exit_code == 0
    assert run("termin", "protokoll", "nt", "--beschluss", "Weiter so.", "--yes").exit_code == 0
    with _store(store_workspace) as store:  # the decision belongs to the second item, "Aussprache"
        meeting = store.get(inz.Meeting, "nt")
        minutes = meeting.minutes
        assert minutes is not None
        on_second = (inz.Decision(text="Weiter so.", agenda_item=1),)
        store.put(attrs.evolve(meeting, minutes=attrs.evolve(minutes, decisions=on_second)))
    declined = run("termin", "top", "nt", "--titel", "Bericht", "--position", "2", "--referent", "im-1", input="n\n")
    assert declined.exit_code == 1
    assert "TOP 2" in declined.output
    assert "Aussprache  TOP 2 → TOP 3" in declined.output
    assert [i.title for i in _meeting(store_workspace, "nt").agenda] == ["Begrüßung", "Aussprache"]
    inserted = run("termin", "top", "nt", "--titel", "Bericht", "--position", "2", "--referent", "im-1", "--art",
                   "report", "--yes")  # fmt: skip
    assert inserted.exit_code == 0, inserted.output
    meeting = _meeting(store_workspace, "nt")
    assert [i.title for i in meeting.agenda] == ["Begrüßung", "Bericht", "Aussprache"]
    assert meeting.agenda[1].presenter_ids == ("im-1",)
    assert meeting.agenda[1].kind is inz.AgendaItemKind.REPORT
    assert meeting.minutes is not None
    assert meeting.minutes.decisions[0].agenda_item == 2
    refused = run("termin", "top-streichen", "nt", "3", "--yes")
    assert refused.exit_code == 1
    assert "Weiter so." in refused.output
    assert run("termin", "top-streichen", "nt", "1", "--yes").exit_code == 0
    meeting = _meeting(store_workspace, "nt")
    assert [i.title for i in meeting.agenda] == ["Bericht", "Aussprache"]
    assert meeting.minutes is not None
    assert meeting.minutes.decisions[0].agenda_item == 1
    for args in (("--position", "4"), ("--referent", "gibtsnicht")):
        assert run("termin", "top", "nt", "--titel", "X", *args, "--yes").exit_code == 1
    assert run("termin", "top-streichen", "nt", "3", "--yes").exit_code == 1
    printed = run("einladung", "nt")
    top_one = [line for line in printed.output.splitlines() if line.startswith("| 1 |")]
    assert len(top_one) == 1
    assert "| Bericht |" in top_one[0]
    assert "Integrationsmanager" in top_one[0]
    top_two = next(line for line in printed.output.splitlines() if line.startswith("| 2 |"))
    assert "| Aussprache |" in top_two


def test_the_agenda_of_a_meeting_the_document_defines_is_written_into_the_document(
    wartburgkreis_workspace: Path, run: Run
) -> None:
    document = wartburgkreis_workspace / "wartburgkreis-netzwerk.toml"
    before = next(m for m in inz.documents.load(document).meetings if m.id == "nt-2024-2")
    result = run("termin", "top", "nt-2024-2", "--titel", "Ausblick", "--yes")
    assert result.exit_code == 0, result.output
    after = next(m for m in inz.documents.load(document).meetings if m.id == "nt-2024-2")
    assert [i.title for i in after.agenda] == [*(i.title for i in before.agenda), "Ausblick"]


# -- init's district ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "district"),
    [
        ("Netzwerk Integration Wartburgkreis", "Wartburgkreis"),
        ("Integrationsnetzwerk im Landkreis Göttingen", "Landkreis Göttingen"),
        ("Netzwerk Integration Eichsfeld", "Eichsfeld"),
        ("Netz Göttingen", "Göttingen"),
        ("Runder Tisch Migration der Stadt Jena", "Stadt Jena"),
        ("Wartburgkreis", "Wartburgkreis"),
        ("Netzwerk Integration", "Netzwerk Integration"),
    ],
)
def test_the_district_is_read_from_the_name(name: str, district: str) -> None:
    assert district_of(name) == district


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Z", "C")), min_size=1), min_size=1, max_size=6))
def test_the_district_is_always_a_tail_of_the_names_words(words: list[str]) -> None:
    district = district_of(" ".join(words))
    assert district
    assert words[-len(district.split()) :] == district.split()


def test_init_without_kreis_takes_the_names_district_and_says_so(tmp_path: Path, run: Run) -> None:
    folder = tmp_path / "wak"
    result = run("init", str(folder), "--name", "Netzwerk Integration Wartburgkreis", "--land", "TH")
    assert result.exit_code == 0, result.output
    assert "Landkreis: Wartburgkreis (aus dem Namen; anders mit --kreis)." in result.output
    assert inz.documents.load(folder / "netzwerk.toml").network.region.name == "Wartburgkreis"
    given_kreis = run("init", str(tmp_path / "b"), "--name", "Netz B", "--land", "TH", "--kreis", "Kreis B")
    assert "aus dem Namen" not in given_kreis.output
    assert inz.documents.load(tmp_path / "b" / "netzwerk.toml").network.region.name == "Kreis B"


COMMAND = Path(sys.executable).with_name("integrationsnetz")


@pytest.mark.skipif(not COMMAND.exists(), reason="the entry point is installed by ./dev (pip install -e)")
def test_init_on_a_terminal_asks_for_the_district_offering_the_names(tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    primary, secondary = pty.openpty()
    process = subprocess.Popen(
        [str(COMMAND), "init", str(tmp_path / "wak"), "--name", "Netzwerk Integration Wartburgkreis", "--land", "TH"],
        stdin=secondary, stdout=secondary, stderr=secondary, env=environment,
    )  # fmt: skip
    os.close(secondary)
    seen = b""
    try:
        while b"Landkreis [Wartburgkreis]:" not in seen:
            ready, _, _ = select.select([primary], [], [], 60)
            assert ready, seen
            seen += os.read(primary, 4096)
        os.write(primary, b"Kreis Eisenach\n")
        assert process.wait(timeout=60) == 0
    finally:
        os.close(primary)
    assert inz.documents.load(tmp_path / "wak" / "netzwerk.toml").network.region.name == "Kreis Eisenach"
