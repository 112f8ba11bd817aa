"""Working groups from the command line, readable change previews, and what an erasure finds beyond the store.

Each test builds a real workspace through ``init`` (a real sqlite: store, a real document and
planning file) with two people, and runs the commands in-process as a coordinator types them.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

import integrationsnetz as inz
from integrationsnetz.cli.erasure import planning_edit

Run = Callable[..., Result]
SERIES = """
# Steuerungsgruppe: organised by the person who leaves
[[series]]
id = "steuerung"
title = "Steuerungsgruppe"
kind = "steering"
times = [{ start = "14:00", end = "15:30" }]
organizer_id = "migrationsberatung"  # she invites
participant_ids = [
    "koordination",  # always there
    "migrationsberatung",
]

[series.rule]
rule = "monthly"
weekday = "tuesday"
ordinal = 1

# on holiday in May
[[absences]]
person_id = "migrationsberatung"
start = 2027-05-01
end = 2027-05-20

[[absences]]
person_id = "koordination"
start = 2027-08-01
end = 2027-08-10
"""


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run) -> Path:
    """A workspace whose store holds the coordination and the migration counselling (as ``import`` puts them)."""
    folder = tmp_path / "netz"
    folder.mkdir()
    monkeypatch.chdir(folder)
    created = run("init", ".", "--name", "Netzwerk Integration Wartburgkreis", "--land", "TH", "--id", "netz-wak")
    assert created.exit_code == 0, created.output
    people = (
        inz.Person(id="koordination", network_id="netz-wak", function="Koordination", name="Erika Muster",
                   contacts=(inz.ContactPoint(kind=inz.ContactKind.EMAIL, value="koordination@wak.example"),)),
        inz.Person(id="migrationsberatung", network_id="netz-wak", function="Migrationsberatung", name="Aylin Demir",
                   contacts=(inz.ContactPoint(kind=inz.ContactKind.EMAIL, value="a.demir@caritas.example"),)),
    )  # fmt: skip
    with inz.open_store(f"sqlite://{folder / 'integrationsnetz.db'}") as store:
        store.put_many(people)
    return folder


def _store(folder: Path) -> inz.Store:
    return inz.open_store(f"sqlite://{folder / 'integrationsnetz.db'}")


# -- gruppe neu / mitglied ----------------------------------------------------------------------


def test_a_group_is_made_from_imported_people_and_takes_tasks(workspace: Path, run: Run) -> None:
    missing = run("aufgabe", "neu", "--gruppe", "ag-wohnen", "--titel", "Wohnungsbörse prüfen", "--yes")
    assert missing.exit_code == 1
    assert "gruppe neu --name" in missing.output  # the error says how to make one
    refused = run("gruppe", "neu", "--name", "AG Wohnen", "--leitung", "koordination", "--mitglied",
                  "migrationsberatung", input="n\n")  # fmt: skip
    assert refused.exit_code == 1
    assert "  Leitung    – → Koordination" in refused.output
    assert "  Mitglied   – → Migrationsberatung" in refused.output
    with _store(workspace) as store:
        assert store.list(inz.WorkingGroup) == []
        assert store.list(inz.Membership) == []
    made = run("gruppe", "neu", "--name", "AG Wohnen", "--leitung", "koordination", "--mitglied",
               "migrationsberatung", "--yes")  # fmt: skip
    assert made.exit_code == 0, made.output
    assert "Gespeichert: Arbeitsgruppe ag-wohnen (2 Mitglieder)." in made.output
    with _store(workspace) as store:
        group = store.get(inz.WorkingGroup, "ag-wohnen")
        roles = {m.actor_id: m.role for m in store.list(inz.Membership) if m.group_id == "ag-wohnen"}
    assert (group.name, group.topic, group.founded) == ("AG Wohnen", "AG Wohnen", date.today())
    assert roles == {"koordination": inz.Role.CO_LEAD, "migrationsberatung": inz.Role.MEMBER}
    again = run("gruppe", "neu", "--name", "Noch eine", "--id", "ag-wohnen", "--yes")
    assert again.exit_code == 1
    assert "gibt es schon" in again.output
    task = run("aufgabe", "neu", "--gruppe", "ag-wohnen", "--titel", "Wohnungsbörse prüfen", "--verantwortlich",
               "migrationsberatung", "--yes")  # fmt: skip
    assert task.exit_code == 0, task.output
    assert "  Zuständig  – → Migrationsberatung" in task.output
    assert run("aufgabe", "erledigt", "wohnungsboerse-pruefen", "--yes").exit_code == 0
    with _store(workspace) as store:
        [held] = store.get(inz.WorkingGroup, "ag-wohnen").tasks
    assert held.status is inz.TaskStatus.DONE


def test_a_group_refuses_an_unknown_member_and_writes_nothing(workspace: Path, run: Run) -> None:
    result = run("gruppe", "neu", "--name", "AG Wohnen", "--mitglied", "kordination", "--yes")
    assert result.exit_code == 1
    assert "'kordination'" in result.output
    assert "liste personen" in result.output
    with _store(workspace) as store:
        assert store.list(inz.WorkingGroup) == []


def test_members_join_and_leave_and_leaving_keeps_the_history(workspace: Path, run: Run) -> None:
    assert run("gruppe", "neu", "--name", "AG Wohnen", "--leitung", "koordination", "--yes").exit_code == 0
    joined = run("gruppe", "mitglied", "ag-wohnen", "--dazu", "migrationsberatung", "--yes")
    assert joined.exit_code == 0, joined.output
    assert "(2 Mitglieder)" in joined.output
    twice = run("gruppe", "mitglied", "ag-wohnen", "--dazu", "migrationsberatung", "--yes")
    assert twice.exit_code == 1
    assert "schon Mitglied" in twice.output
    left = run("gruppe", "mitglied", "ag-wohnen", "--weg", "migrationsberatung", "--yes")
    assert left.exit_code == 0, left.output
    assert "(1 Mitglied)" in left.output
    with _store(workspace) as store:
        [ended] = [m for m in store.list(inz.Membership) if m.actor_id == "migrationsberatung"]
    assert ended.until == date.today()
    assert run("gruppe", "mitglied", "ag-wohnen", "--weg", "migrationsberatung", "--yes").exit_code == 1
    assert run("gruppe", "mitglied", "ag-wohnen").exit_code == 2  # neither --dazu nor --weg


# -- previews in words ---------------------------------------------------------------------------


def _meeting(run: Run) -> None:
    made = run("termin", "neu", "--titel", "Steuerungsgruppe", "--beginn", "05.01.2027 14:00", "--id", "sg-1",
               "--einladen", "koordination", "--einladen", "migrationsberatung", "--yes")  # fmt: skip
    assert made.exit_code == 0, made.output


def test_previews_show_labels_names_and_status_words_not_json(workspace: Path, run: Run) -> None:
    _meeting(run)
    attendance = run("termin", "anwesenheit", "sg-1", "--anwesend", "koordination", "--entschuldigt",
                     "migrationsberatung", "--yes")  # fmt: skip
    assert attendance.exit_code == 0, attendance.output
    assert "Einladungen" in attendance.output
    assert "→ Koordination: anwesend; Migrationsberatung: entschuldigt" in attendance.output
    minutes = run("termin", "protokoll", "sg-1", "--text", "Alles besprochen.", "--protokollant", "koordination",
                  "--yes")  # fmt: skip
    assert "Protokoll  – → Text: Alles besprochen., Protokollführung: Koordination" in minutes.output
    for output in (attendance.output, minutes.output):
        for english in ('{"', "actor_id", "invitations", "recorded_by_id", "network_id", "present"):
            assert english not in output
    english = run("--lang", "en", "termin", "anwesenheit", "sg-1", "--anwesend", "migrationsberatung", "--yes")
    assert "Invitations" in english.output
    assert "Migrationsberatung: excused → " in english.output
    machine = run("termin", "aendern", "sg-1", "--beschreibung", "x", "--yes", "--json")
    assert json.loads(machine.stdout)[0]["invitations"][0]["actor_id"] == "koordination"  # --json keeps the codec
    shown = run("zeige", "sg-1")
    assert "  Einladungen:" in shown.output
    assert "Status:" in shown.output
    assert "{" not in shown.output


# -- the erasure: planning file, Auskunft files, free texts ----------------------------------------


def test_the_erasure_takes_the_id_out_of_the_planning_file_and_plan_runs_again(workspace: Path, run: Run) -> None:
    planning = workspace / "planung.toml"
    with planning.open("a", encoding="utf-8") as file:
        file.write(SERIES)
    before = planning.read_text(encoding="utf-8")
    assert run("check").exit_code == 0
    refused = run("person", "loeschen", "migrationsberatung", input="n\n")
    assert refused.exit_code == 1
    assert "planung.toml nennt die Kennung noch (3 Stellen; werden dort entfernt):" in refused.output
    line = before.splitlines().index('organizer_id = "migrationsberatung"  # she invites') + 1
    assert f"  Zeile {line}: Reihe steuerung, organizer_id" in refused.output
    assert planning.read_text(encoding="utf-8") == before  # a no changes nothing
    erased = run("person", "loeschen", "migrationsberatung", "--yes")
    assert erased.exit_code == 0, erased.output
    assert "planung.toml: Kennung entfernt." in erased.output
    after = planning.read_text(encoding="utf-8")
    assert "migrationsberatung" not in after
    assert "# always there" in after  # the hand-written comments stay
    assert "# Steuerungsgruppe: organised by the person who leaves" in after
    parsed = tomllib.loads(after)
    assert parsed["series"][-1]["participant_ids"] == ["koordination"]
    assert [a["person_id"] for a in parsed["absences"]] == ["koordination"]
    planned = run("plan", "2027", "--dry-run")
    assert planned.exit_code == 0, planned.output


def test_the_erasure_deletes_earlier_auskunft_files_and_lists_free_texts(workspace: Path, run: Run) -> None:
    _meeting(run)
    text = "Frau Demir berichtet über Wartezeiten."
    assert run("termin", "protokoll", "sg-1", "--text", text, "--yes").exit_code == 0
    assert run("person", "auskunft", "migrationsberatung", "--out", "auskunft-migrationsberatung.json").exit_code == 0
    assert run("person", "auskunft", "koordination", "--out", "auskunft-koordination.json").exit_code == 0
    refused = run("person", "loeschen", "migrationsberatung", input="n\n")
    assert "  auskunft-migrationsberatung.json" in refused.output
    assert "auskunft-koordination.json" not in refused.output
    assert "  Termin sg-1: Protokoll › Text" in refused.output
    assert "termin protokoll ID --text" in refused.output
    assert (workspace / "auskunft-migrationsberatung.json").is_file()
    erased = run("person", "loeschen", "migrationsberatung", "--yes")
    assert erased.exit_code == 0, erased.output
    assert "Gelöscht: 1 Auskunftsdatei." in erased.output
    assert not (workspace / "auskunft-migrationsberatung.json").exists()
    assert (workspace / "auskunft-koordination.json").is_file()  # another person's stays
    with _store(workspace) as store:
        minutes = store.get(inz.Meeting, "sg-1").minutes
    assert minutes is not None
    assert minutes.text == text  # free text is the coordinator's to reword


# -- the planning file edit, for any layout of the array -------------------------------------------

_ids = st.lists(st.sampled_from(["a-1", "gone", "b-2", "c-3"]), min_size=1, max_size=5)


@settings(max_examples=200, deadline=None)
@given(ids=_ids, multiline=st.booleans(), comments=st.booleans(), trailing=st.booleans(), organizer=st.booleans())
def test_the_planning_edit_removes_exactly_the_id_or_refuses(
    tmp_path_factory: pytest.TempPathFactory, ids: list[str], *, multiline: bool, comments: bool, trailing: bool,
    organizer: bool,
) -> None:  # fmt: skip
    items = [f'"{actor}",' + (f"  # {actor}" if comments else "") for actor in ids]
    if not trailing:
        items[-1] = items[-1].replace(",", "", 1)
    array = ("[\n    " + "\n    ".join(items) + "\n]") if multiline else (
        "[" + " ".join(item.split("  #")[0] for item in items) + "]")  # fmt: skip
    text = ('[[series]]\nid = "s"\n' + ('organizer_id = "gone"\n' if organizer else "")
            + f"participant_ids = {array}\n")  # fmt: skip
    path = tmp_path_factory.mktemp("plan") / "planung.toml"
    path.write_text(text, encoding="utf-8")
    edit = planning_edit(path, "gone")
    if "gone" not in ids and not organizer:
        assert edit is None
        return
    assert edit is not None
    assert edit.text is not None
    parsed = tomllib.loads(edit.text)
    assert parsed["series"][0]["participant_ids"] == [actor for actor in ids if actor != "gone"]
    assert "organizer_id" not in parsed["series"][0]
    assert len(edit.references) == ids.count("gone") + organizer
