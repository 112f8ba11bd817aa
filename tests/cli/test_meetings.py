"""``termin`` and ``aufgabe``: every change shown, asked or --yes, and what the real sqlite: store holds after."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import attrs
import icalendar
import pytest
from click.testing import Result

import integrationsnetz as inz
from integrationsnetz.cli.workspace import load_workspace

Run = Callable[..., Result]
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NEW = ("termin", "neu", "--titel", "AG Arbeit extra", "--beginn", "10.02.2027 10:00", "--gruppe", "ag-arbeit",
       "--ort", "eisenach", "--organisator", "lra-migration", "--einladen", "im-1")  # fmt: skip
NEW_ID = "ag-arbeit-2027-02-10"


def _store(folder: Path) -> inz.Store:
    return inz.open_store(f"sqlite://{folder / 'netz.db'}")


def _with_planning(folder: Path) -> Path:
    """Give the Wartburgkreis workspace its planning file; returns the network document."""
    shutil.copy(EXAMPLES / "wartburgkreis.toml", folder)
    with (folder / "integrationsnetz.toml").open("a", encoding="utf-8") as settings:
        settings.write('planung = "wartburgkreis.toml"\n')
    return folder / "wartburgkreis-netzwerk.toml"


def _temporaries(folder: Path) -> list[str]:
    """Files left beside the document by a rewrite (there should be none)."""
    return sorted(path.name for path in folder.glob(".*.tmp*"))


def _store_files(folder: Path) -> dict[str, bytes]:
    """The sqlite store's files (the database and its -wal), byte for byte."""
    return {path.name: path.read_bytes() for path in sorted(folder.glob("netz.db*")) if not path.name.endswith("-shm")}


def _read(folder: Path) -> inz.NetworkData:
    """The network as the commands read it (``combined()``), its meetings only nt-2024-2 here."""
    network = load_workspace(folder).network()
    return attrs.evolve(network, meetings=tuple(m for m in network.meetings if m.id == "nt-2024-2"))


def _document_group(document: Path) -> inz.WorkingGroup:
    return next(g for g in inz.documents.load(document).groups if g.id == "ag-wohnen")


def _meetings(folder: Path) -> dict[str, inz.Meeting]:
    with _store(folder) as store:
        return {meeting.id: meeting for meeting in store.list(inz.Meeting)}


def test_a_new_meeting_is_shown_and_asked_and_no_leaves_the_store_unchanged(
    wartburgkreis_workspace: Path, run: Run
) -> None:
    refused = run(*NEW, input="n\n")
    assert refused.exit_code == 1
    assert f"Neuer Termin {NEW_ID} in sqlite://" in refused.output
    assert "Beginn         – → 10.02.2027 10:00" in refused.output
    assert "Speichern? [j/N]" in refused.output
    assert "Abgebrochen: nichts geändert." in refused.output
    assert _meetings(wartburgkreis_workspace) == {}
    no_input = run(*NEW)  # no terminal, no --yes: the end of the input is a no
    assert no_input.exit_code == 1
    assert _meetings(wartburgkreis_workspace) == {}
    saved = run(*NEW, input="ja\n")
    assert saved.exit_code == 0, saved.output
    meeting = _meetings(wartburgkreis_workspace)[NEW_ID]
    assert meeting.start.astimezone(UTC) == datetime(2027, 2, 10, 9, 0, tzinfo=UTC)  # 10:00 in winter: UTC+1
    assert meeting.end.astimezone(UTC) == datetime(2027, 2, 10, 11, 0, tzinfo=UTC)  # two hours by default
    assert (meeting.kind, meeting.group_id, meeting.status) == (inz.MeetingKind.WORKING_GROUP, "ag-arbeit", "planned")
    assert [invitation.actor_id for invitation in meeting.invitations] == ["im-1"]
    with _store(wartburgkreis_workspace) as store:  # the document went into the store in the same transaction
        assert store.get(inz.WorkingGroup, "ag-arbeit").name
    again = run(*NEW, "--id", NEW_ID, "--yes")
    assert again.exit_code == 1
    assert "gibt es schon" in again.output


def test_a_change_keeps_the_length_and_a_day_alone_keeps_the_time(wartburgkreis_workspace: Path, run: Run) -> None:
    assert run(*NEW, "--dauer", "1:30", "--yes").exit_code == 0
    moved = run("termin", "aendern", NEW_ID, "--beginn", "2027-07-01", "--yes", "--json")
    assert moved.exit_code == 0, moved.output
    [row] = json.loads(moved.stdout)
    assert row["start"].startswith("2027-07-01T10:00:00+02:00")  # summer time: the offset is the zone's
    assert row["end"].startswith("2027-07-01T11:30:00+02:00")
    assert "Beginn  10.02.2027 10:00 → 01.07.2027 10:00" in moved.output  # the change, on stderr
    stored = _meetings(wartburgkreis_workspace)[NEW_ID]
    assert stored.revision == 2
    assert stored.duration.total_seconds() == 90 * 60
    ended = run("termin", "aendern", NEW_ID, "--ende", "12:15", "--titel", "AG Arbeit Sommer", "-y")
    assert ended.exit_code == 0, ended.output
    stored = _meetings(wartburgkreis_workspace)[NEW_ID]
    assert (stored.title, stored.end.astimezone(UTC).hour, stored.end.minute) == ("AG Arbeit Sommer", 10, 15)
    same = run("termin", "aendern", NEW_ID, "--titel", "AG Arbeit Sommer", "-y")
    assert "nichts zu ändern" in same.output
    assert _meetings(wartburgkreis_workspace)[NEW_ID].revision == 3


def test_a_meeting_of_the_document_is_changed_in_store_and_document_and_plan_keeps_it(
    wartburgkreis_workspace: Path, run: Run
) -> None:
    document = _with_planning(wartburgkreis_workspace)
    original = document.read_bytes()
    change = ("termin", "aendern", "nt-2024-2", "--titel", "Zweites Netzwerktreffen")
    refused = run(*change, input="n\n")
    assert refused.exit_code == 1
    assert f"auch das Netzwerkdokument {document} wird neu geschrieben, denn es enthält nt-2024-2" in refused.output
    assert "hat Kommentare oder eine eigene Form, die das Neuschreiben nicht behält" in refused.output  # its comments
    assert document.read_bytes() == original
    assert _meetings(wartburgkreis_workspace) == {}
    assert _temporaries(wartburgkreis_workspace) == []
    saved = run(*change, input="j\n")
    assert saved.exit_code == 0, saved.output
    assert _meetings(wartburgkreis_workspace)["nt-2024-2"].title == "Zweites Netzwerktreffen"
    [meeting] = [m for m in inz.documents.load(document).meetings if m.id == "nt-2024-2"]
    assert meeting.title == "Zweites Netzwerktreffen"
    assert _read(wartburgkreis_workspace).meetings[0].title == "Zweites Netzwerktreffen"  # combined()
    assert _temporaries(wartburgkreis_workspace) == []
    minutes = run("--lang", "en", "termin", "protokoll", "nt-2024-2", "--beschluss", "Berufemarkt 2025", "--yes")
    assert minutes.exit_code == 0, minutes.output
    assert "the network document" in minutes.output
    assert "holds comments" not in minutes.output  # written as documents.save writes it since the first change
    planned = run("plan", "2027")  # writes the document into the store first
    assert planned.exit_code == 0, planned.output
    kept = _meetings(wartburgkreis_workspace)["nt-2024-2"]
    assert kept.title == "Zweites Netzwerktreffen"
    assert kept.minutes is not None
    assert [d.text for d in kept.minutes.decisions][-1] == "Berufemarkt 2025"
    read = _read(wartburgkreis_workspace).meetings[0]  # combined(): the document's version, with the change
    assert read.minutes is not None
    assert (read.title, read.minutes.decisions[-1].text) == ("Zweites Netzwerktreffen", "Berufemarkt 2025")
    held = run("termin", "absagen", "nt-2024-2", "--yes")  # the rules of the meeting commands hold for it too
    assert held.exit_code == 1
    assert "hat schon stattgefunden" in held.output


def test_cancelling_keeps_the_meeting_and_writes_the_cancel_message(wartburgkreis_workspace: Path, run: Run) -> None:
    assert run(*NEW, "--yes").exit_code == 0
    with _store(wartburgkreis_workspace) as store:
        data = inz.load_network(store, "netz-wak")
    feed = icalendar.Calendar.from_ical(inz.export(data, "ics", select=NEW_ID))
    [published] = feed.walk("VEVENT")
    asked = run("termin", "absagen", NEW_ID, input="n\n")
    assert asked.exit_code == 1
    assert "absage-ag-arbeit-2027-02-10.ics geschrieben" in asked.output  # said before asking
    assert _meetings(wartburgkreis_workspace)[NEW_ID].status is inz.MeetingStatus.PLANNED
    assert not (wartburgkreis_workspace / "out").exists()
    result = run("termin", "absagen", NEW_ID, "--yes")
    assert result.exit_code == 0, result.output
    meeting = _meetings(wartburgkreis_workspace)[NEW_ID]  # still there, cancelled
    assert meeting.status is inz.MeetingStatus.CANCELLED
    message = icalendar.Calendar.from_ical((wartburgkreis_workspace / "out" / f"absage-{NEW_ID}.ics").read_bytes())
    assert message["METHOD"] == "CANCEL"
    [event] = message.walk("VEVENT")
    assert event["UID"] == published["UID"]
    assert int(event["SEQUENCE"]) > int(published["SEQUENCE"])
    assert event["STATUS"] == "CANCELLED"
    twice = run("termin", "absagen", NEW_ID, "--yes")
    assert twice.exit_code == 1
    assert "ist abgesagt" in twice.output


def test_a_cancellation_that_cannot_be_written_changes_nothing(goettingen: Path, run: Run) -> None:
    assert run("plan", "2027").exit_code == 0
    meeting_id = sorted(_meetings(goettingen))[0]
    refused = run("termin", "absagen", meeting_id, "--yes")  # Göttingen's example has no e-mail address
    assert refused.exit_code == 1
    assert "Absage-Nachricht lässt sich nicht schreiben" in refused.output
    assert "ORGANIZER" in refused.output  # the library's reason
    assert _meetings(goettingen)[meeting_id].status is inz.MeetingStatus.PLANNED
    done = run("termin", "absagen", meeting_id, "--ohne-ics", "--yes")
    assert done.exit_code == 0, done.output
    assert _meetings(goettingen)[meeting_id].status is inz.MeetingStatus.CANCELLED
    assert not list((goettingen / "out").glob("absage-*"))


def test_moving_a_planned_series_session_confirms_it_and_plan_keeps_it(goettingen: Path, run: Run) -> None:
    assert run("plan", "2027").exit_code == 0
    meeting = _meetings(goettingen)["ag-arbeit-goe-2027-07-01"]
    assert meeting.status is inz.MeetingStatus.PLANNED
    result = run("termin", "aendern", meeting.id, "--beginn", "02.07.2027", "--yes")
    assert result.exit_code == 0, result.output
    assert "das nächste `plan` würde die Änderung ersetzen" in result.output
    assert "Status  geplant → bestätigt" in result.output
    assert run("plan", "2027").exit_code == 0
    kept = _meetings(goettingen)[meeting.id]
    assert kept.status is inz.MeetingStatus.CONFIRMED
    assert kept.start.date().isoformat() == "2027-07-02"
    assert kept.start.time() == meeting.start.time()


def test_a_time_the_clock_skips_is_refused_and_one_it_shows_twice_is_asked(
    wartburgkreis_workspace: Path, run: Run
) -> None:
    new = ("termin", "neu", "--titel", "Nachtsitzung", "--yes", "--beginn")
    gap = run(*new, "28.03.2027 02:30")
    assert gap.exit_code == 2
    assert "28.03.2027 02:30 gibt es in Europe/Berlin nicht: die Uhr springt um 02:00 auf 03:00" in gap.output
    twice = run(*new, "31.10.2027 02:30")
    assert twice.exit_code == 2
    assert "--erste (UTC+2) oder --zweite (UTC+1)" in twice.output
    assert "Traceback" not in gap.output + twice.output
    assert _meetings(wartburgkreis_workspace) == {}
    assert run(*new, "31.10.2027 02:30", "--erste", "--id", "erste").exit_code == 0
    assert run(*new, "31.10.2027 02:30", "--zweite", "--id", "zweite").exit_code == 0
    stored = _meetings(wartburgkreis_workspace)
    assert stored["erste"].start.astimezone(UTC) == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)
    assert stored["zweite"].start.astimezone(UTC) == datetime(2027, 10, 31, 1, 30, tzinfo=UTC)
    assert stored["zweite"].duration.total_seconds() == 2 * 3600  # elapsed time, across the switch
    english = run("--lang", "en", *new, "28.03.2027 02:30")
    assert "does not exist in Europe/Berlin: the clock jumps from 02:00 to 03:00" in english.output


@pytest.mark.parametrize(
    ("args", "code", "text"),
    [
        (("--beginn", "31.02.2027 10:00"), 2, "'31.02.2027 10:00' ist keine Zeit"),
        (("--beginn", "10.02.2027"), 2, "nennt keine Uhrzeit"),
        (("--beginn", "10.02.2027 10:00", "--dauer", "lang"), 2, "'lang' ist keine Dauer"),
        (("--beginn", "10.02.2027 10:00", "--ende", "09:00"), 1, "is not after start"),
        (("--beginn", "10.02.2027 10:00", "--gruppe", "ag-gibtsnicht"), 1, "refers to unknown"),
        (("--beginn", "10.02.2027 10:00", "--zeitzone", "Mars/Olympus"), 2, "unbekannte Zeitzone"),
    ],
)
def test_bad_input_gets_a_message_never_a_traceback(
    wartburgkreis_workspace: Path, run: Run, args: tuple[str, ...], code: int, text: str
) -> None:
    result = run("termin", "neu", "--titel", "X", "--yes", *args)
    assert result.exit_code == code, result.output
    assert text in result.output
    assert "Traceback" not in result.output
    assert _meetings(wartburgkreis_workspace) == {}


def test_confirm_attendance_and_minutes(wartburgkreis_workspace: Path, run: Run, tmp_path: Path) -> None:
    assert run(*NEW, "--yes").exit_code == 0
    confirmed = run("termin", "bestaetigen", NEW_ID, "--yes")
    assert confirmed.exit_code == 0, confirmed.output
    assert _meetings(wartburgkreis_workspace)[NEW_ID].status is inz.MeetingStatus.CONFIRMED
    present = run("termin", "anwesenheit", NEW_ID, "--anwesend", "im-1", "--anwesend", "jobcenter",
                  "--entschuldigt", "im-2", "--anzahl", "12", "--yes")  # fmt: skip
    assert present.exit_code == 0, present.output
    meeting = _meetings(wartburgkreis_workspace)[NEW_ID]
    assert meeting.status is inz.MeetingStatus.HELD
    assert {i.actor_id: i.status.value for i in meeting.invitations} == {
        "im-1": "present", "jobcenter": "present", "im-2": "excused",
    }  # fmt: skip
    assert meeting.headcount == 12
    text = tmp_path / "protokoll.txt"
    text.write_text("TOP 1: Bericht der AG.\nTOP 2: Berufemarkt.", encoding="utf-8")
    minutes = run("termin", "protokoll", NEW_ID, "--datei", str(text), "--beschluss", "Stand beim Berufemarkt",
                  "--protokollant", "im-2", "--genehmigt", "24.02.2027", "--yes")  # fmt: skip
    assert minutes.exit_code == 0, minutes.output
    more = run("termin", "protokoll", NEW_ID, "--beschluss", "Flyer drucken", "--yes")
    assert more.exit_code == 0, more.output
    record = _meetings(wartburgkreis_workspace)[NEW_ID].minutes
    assert record is not None
    assert record.text == text.read_text(encoding="utf-8")
    assert [d.text for d in record.decisions] == ["Stand beim Berufemarkt", "Flyer drucken"]
    assert (record.recorded_by_id, record.approved_on.isoformat() if record.approved_on else None) == (
        "im-2", "2027-02-24",
    )  # fmt: skip
    assert run("termin", "bestaetigen", NEW_ID, "--yes").exit_code == 1  # held already
    assert run("termin", "anwesenheit", NEW_ID).exit_code == 2  # nothing given


def test_tasks_are_added_and_closed_in_a_store_group(store_workspace: Path, run: Run) -> None:
    refused = run("aufgabe", "neu", "--gruppe", "ag-wohnen", "--titel", "Wohnungsbörse prüfen", input="n\n")
    assert refused.exit_code == 1
    with _store(store_workspace) as store:
        before = store.get(inz.WorkingGroup, "ag-wohnen")
    result = run("aufgabe", "neu", "--gruppe", "ag-wohnen", "--titel", "Wohnungsbörse prüfen",
                 "--verantwortlich", "im-1", "--faellig", "31.03.2027", "--yes", "--json")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["id"] == "wohnungsboerse-pruefen"
    with _store(store_workspace) as store:
        group = store.get(inz.WorkingGroup, "ag-wohnen")
    assert group.revision == before.revision + 1
    [task] = [t for t in group.tasks if t.id == "wohnungsboerse-pruefen"]
    assert (task.owner_id, task.due.isoformat() if task.due else None, task.status) == ("im-1", "2027-03-31", "open")
    done = run("aufgabe", "erledigt", "wohnungsboerse-pruefen", "--yes")
    assert done.exit_code == 0, done.output
    assert "Status  offen → erledigt" in done.output
    with _store(store_workspace) as store:
        group = store.get(inz.WorkingGroup, "ag-wohnen")
    assert [t.status for t in group.tasks if t.id == "wohnungsboerse-pruefen"] == [inz.TaskStatus.DONE]
    listed = json.loads(run("liste", "aufgaben", "--status", "done", "--json").stdout)
    assert "wohnungsboerse-pruefen" in [row["task"]["id"] for row in listed]
    assert run("aufgabe", "erledigt", "gibt-es-nicht", "--yes").exit_code == 1
    unknown = run("aufgabe", "neu", "--gruppe", "ag-wohnen", "--titel", "x", "--verantwortlich", "niemand", "--yes")
    assert unknown.exit_code == 1
    assert "niemand" in unknown.output


def test_tasks_of_a_document_group_go_into_store_and_document_and_plan_keeps_them(
    wartburgkreis_workspace: Path, run: Run
) -> None:
    document = _with_planning(wartburgkreis_workspace)
    assert run("plan", "2027").exit_code == 0  # the store holds the document's groups and the year's meetings
    original, stored = document.read_bytes(), _store_files(wartburgkreis_workspace)
    new = ("aufgabe", "neu", "--gruppe", "ag-wohnen", "--titel", "Wohnungsbörse prüfen", "--verantwortlich", "im-1")
    refused = run(*new, input="n\n")
    assert refused.exit_code == 1
    assert "wird neu geschrieben, denn es enthält ag-wohnen" in refused.output
    assert document.read_bytes() == original
    assert _store_files(wartburgkreis_workspace) == stored  # byte for byte
    assert run(*new, "--yes").exit_code == 0

    def task(group: inz.WorkingGroup) -> inz.Task:
        [found] = [t for t in group.tasks if t.id == "wohnungsboerse-pruefen"]
        return found

    with _store(wartburgkreis_workspace) as store:
        assert task(store.get(inz.WorkingGroup, "ag-wohnen")).owner_id == "im-1"
    assert task(_document_group(document)).status is inz.TaskStatus.OPEN
    done = run("aufgabe", "erledigt", "wohnungsboerse-pruefen", "--yes")
    assert done.exit_code == 0, done.output
    assert "Status  offen → erledigt" in done.output
    assert task(_document_group(document)).status is inz.TaskStatus.DONE
    assert run("plan", "2027").exit_code == 0
    with _store(wartburgkreis_workspace) as store:
        assert task(store.get(inz.WorkingGroup, "ag-wohnen")).status is inz.TaskStatus.DONE
    listed = json.loads(run("liste", "aufgaben", "--status", "done", "--json").stdout)
    assert "wohnungsboerse-pruefen" in [row["task"]["id"] for row in listed]
    assert _temporaries(wartburgkreis_workspace) == []


def test_the_help_of_the_new_commands_in_english(run: Run) -> None:
    result = run("--lang", "en", "termin", "aendern", "--help")
    assert result.exit_code == 0
    assert "also confirms it (status confirmed, which the planner keeps)" in " ".join(result.output.split())
    assert "Show this message and exit." in result.output
    assert "Termin ändern." in run("termin", "--help").output
