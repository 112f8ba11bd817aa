"""A coordinator's month, end to end, with the installed command, checking what each step leaves behind.

From the example member list of the German tutorial (``docs/beispiele/mitglieder.xlsx``): create
the workspace, import the list, add a venue, a working group and its series, plan 2027, confirm a
meeting, cancel one, record attendance and minutes, add a task and finish it, publish, give a
person their data and erase them. Each step is a real process of ``integrationsnetz``; after each
the test opens the sqlite store with the library (``inz.open_store``, ``inz.load_network``, and
``inz.check`` on what it holds), parses the calendars in ``out/`` with icalendar (expanding the
series with recurring_ical_events, an independent reader) and reads the documents written.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

import integrationsnetz as inz

ROOT = Path(__file__).resolve().parents[2]
COMMAND = Path(sys.executable).with_name("integrationsnetz")
pytestmark = pytest.mark.skipif(not COMMAND.exists(), reason="the entry point is installed by ./dev (pip install -e)")
BERLIN = ZoneInfo("Europe/Berlin")

VENUE = """
[[venues]]
id = "landratsamt"
network_id = "netz-wak"
name = "Landratsamt Wartburgkreis"
address = { street = "Erzberger Allee 14", postal_code = "36433", city = "Bad Salzungen" }
rooms = [{ id = "beratungsraum", name = "Beratungsraum", capacity = 12 }]
"""
SERIES = """
[[series]]
id = "ag-sprache"
title = "AG Sprache"
group_id = "ag-sprache"
times = [{ start = "10:00", end = "12:00" }]
organizer_id = "koordination"
participant_ids = ["koordination", "fachbereich-sprachen"]
venues = [{ venue_id = "landratsamt", room_id = "beratungsraum" }]

[series.rule]
rule = "monthly"
weekday = "thursday"
ordinal = 2
"""
CONFIRMED, CANCELLED, HELD = "ag-sprache-2027-02-11", "ag-sprache-2027-03-11", "ag-sprache-2027-01-14"
NAMES = ("Erika Muster", "Max Beispiel", "Jonas Probst", "Aylin Demir", "Paul Schmidt")


class Month:
    """The workspace of the month: runs the command there and reads what it left."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.url = f"sqlite://{folder / 'integrationsnetz.db'}"

    def run(self, *args: str, code: int = 0) -> str:
        """Run ``integrationsnetz ARGS`` in German; its output (stdout and stderr) when it exits with ``code``."""
        environment = {key: value for key, value in os.environ.items() if key not in ("LANG", "LC_ALL", "LC_MESSAGES")}
        result = subprocess.run(
            [str(COMMAND), *args], cwd=self.folder, env=environment, capture_output=True, text=True, timeout=300,
            check=False, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        output = result.stdout + result.stderr
        assert result.returncode == code, f"$ integrationsnetz {' '.join(args)}\n{output}"
        assert "Traceback" not in output
        return output

    def stored(self) -> inz.NetworkData:
        """The store's network, read with the library; it passes ``inz.check``."""
        with inz.open_store(self.url) as store:
            data = inz.load_network(store, "netz-wak")
        assert [str(problem) for problem in inz.check(data)] == []
        return data

    def meeting(self, meeting_id: str) -> inz.Meeting:
        """One meeting as the store holds it."""
        with inz.open_store(self.url) as store:
            return store.get(inz.Meeting, meeting_id)

    def feed(self, name: str) -> icalendar.Calendar:
        """A calendar of ``out/``, parsed."""
        return icalendar.Calendar.from_ical((self.folder / "out" / name).read_bytes())

    def occurrences(self, name: str) -> dict[date, str]:
        """Each day a feed shows a session of 2027 on, with its status, as a calendar program expands it."""
        events = recurring_ical_events.of(self.feed(name)).between(datetime(2027, 1, 1), datetime(2028, 1, 1))
        return {event.decoded("DTSTART").astimezone(BERLIN).date(): str(event.get("STATUS")) for event in events}


@pytest.fixture
def month(tmp_path: Path) -> Month:
    folder = tmp_path / "Netzwerk"
    folder.mkdir()
    shutil.copy(ROOT / "docs" / "beispiele" / "mitglieder.xlsx", folder)
    return Month(folder)


def test_a_coordinators_month(month: Month) -> None:  # one story, checked step by step
    # -- the workspace and the member list
    month.run("init", ".", "--name", "Netzwerk Integration Wartburgkreis", "--kreis", "Wartburgkreis",
              "--land", "TH", "--ags", "16063", "--id", "netz-wak")  # fmt: skip
    assert month.stored().network.region.name == "Wartburgkreis"
    assert "Ausführen? [j/N]" in month.run("import", "mitglieder.xlsx", code=1)  # no answer: nothing written
    assert month.stored().persons == ()
    assert "10 Einträge geschrieben" in month.run("import", "mitglieder.xlsx", "--yes")
    data = month.stored()
    assert {p.id for p in data.persons} == {
        "koordination", "teamleitung-integration", "fachbereich-sprachen", "migrationsberatung", "sozialmanagement",
    }  # fmt: skip
    assert {p.id: p.affiliation_id for p in data.persons}["koordination"] == "landratsamt-wartburgkreis"

    # -- a venue in the document, a working group in the store (as a JSON document read in), its series
    with (month.folder / "netzwerk.toml").open("a", encoding="utf-8") as file:
        file.write(VENUE)
    group = inz.WorkingGroup(id="ag-sprache", network_id="netz-wak", name="AG Sprache", topic="Sprache",
                             founded=date(2026, 11, 1))  # fmt: skip
    lead = inz.Membership(id="ag-sprache-leitung", network_id="netz-wak", actor_id="koordination",
                          role=inz.Role.CO_LEAD, group_id="ag-sprache", since=date(2026, 11, 1))  # fmt: skip
    inz.documents.save(inz.NetworkData(network=data.network, groups=(group,), memberships=(lead,)),
                       month.folder / "ag-sprache.json", draft=True)  # fmt: skip
    month.run("import", "ag-sprache.json", "--yes")
    with (month.folder / "planung.toml").open("a", encoding="utf-8") as file:
        file.write(SERIES)
    assert month.run("check").count("keine Probleme") == 3

    # -- plan the year
    assert "Probelauf: nichts gespeichert." in month.run("plan", "2027", "--dry-run")
    assert month.stored().meetings == ()
    month.run("plan", "2027")
    meetings = month.stored().meetings
    ag = sorted(m.start.date() for m in meetings if m.series_id == "ag-sprache")
    assert len(ag) == 12
    assert all(day.weekday() == 3 and 8 <= day.day <= 14 for day in ag)  # the second Thursday
    assert all(m.status is inz.MeetingStatus.PLANNED and m.venue_id for m in meetings if m.group_id)
    assert (month.folder / "out" / "planbericht-2027.md").is_file()

    # -- confirm one, cancel another: the store, then the feeds
    month.run("termin", "bestaetigen", CONFIRMED, "--yes")
    month.run("termin", "bestaetigen", HELD, "--yes")
    assert month.meeting(CONFIRMED).status is inz.MeetingStatus.CONFIRMED
    month.run("termin", "absagen", CANCELLED, "--yes")
    cancelled = month.meeting(CANCELLED)
    assert cancelled.status is inz.MeetingStatus.CANCELLED
    notice = icalendar.Calendar.from_ical((month.folder / "out" / f"absage-{CANCELLED}.ics").read_bytes())
    (event,) = notice.walk("VEVENT")
    assert str(notice["METHOD"]) == "CANCEL"
    assert event.decoded("DTSTART").astimezone(BERLIN) == cancelled.start
    assert "koordination@wartburgkreis.example" in str(event["ORGANIZER"])

    written = month.run("veroeffentlichen", "--jahr", "2027")
    assert "3 Dateien geschrieben" in written
    days = month.occurrences("ag-sprache.ics")
    assert days[date(2027, 2, 11)] == "CONFIRMED"
    assert date(2027, 3, 11) not in days or days[date(2027, 3, 11)] == "CANCELLED"  # an EXDATE, or marked
    assert len([day for day, status in days.items() if status != "CANCELLED"]) == 11
    assert str(month.feed("ag-sprache.ics")["X-WR-CALNAME"]).startswith("AG Sprache")
    network_days = month.occurrences("netzwerk.ics")
    assert {date(2027, 2, 11), date(2027, 3, 3)} <= set(network_days)  # the group's and the network meeting
    ag_uids = {str(e["UID"]) for e in month.feed("ag-sprache.ics").walk("VEVENT")}
    assert str(event["UID"]) in ag_uids, "the cancellation names the feed's event"
    overview = (month.folder / "out" / "jahresplan-2027.md").read_text(encoding="utf-8")
    assert "AG Sprache" in overview
    assert "Netzwerktreffen" in overview
    public = "\n".join(
        (month.folder / "out" / name).read_text(encoding="utf-8")
        for name in ("ag-sprache.ics", "netzwerk.ics", "jahresplan-2027.md")
    )
    assert [name for name in NAMES if name in public] == [], "no person's name in what is published"

    # -- after the meeting: attendance, minutes, a task from it, done
    month.run("termin", "anwesenheit", HELD, "--anwesend", "koordination", "--anwesend", "teamleitung-integration",
              "--entschuldigt", "fachbereich-sprachen", "--yes")  # fmt: skip
    held = month.meeting(HELD)
    assert held.status is inz.MeetingStatus.HELD
    assert {i.actor_id: str(i.status) for i in held.invitations} == {
        "koordination": "present", "teamleitung-integration": "present", "fachbereich-sprachen": "excused",
    }  # fmt: skip
    month.run("termin", "protokoll", HELD, "--text", "Kursangebote 2027 abgestimmt.", "--beschluss",
              "Die VHS erhebt den Bedarf an Lehrkräften.", "--protokollant", "koordination", "--yes")  # fmt: skip
    minutes = month.meeting(HELD).minutes
    assert minutes is not None
    assert [d.text for d in minutes.decisions] == ["Die VHS erhebt den Bedarf an Lehrkräften."]
    month.run("aufgabe", "neu", "--gruppe", "ag-sprache", "--titel", "Bedarf an Lehrkräften erheben",
              "--verantwortlich", "fachbereich-sprachen", "--faellig", "31.03.2027", "--termin", HELD,
              "--id", "lehrkraefte", "--yes")  # fmt: skip
    (task,) = next(g for g in month.stored().groups if g.id == "ag-sprache").tasks
    assert (task.id, task.owner_id, task.due, task.origin_meeting_id) == (
        "lehrkraefte", "fachbereich-sprachen", date(2027, 3, 31), HELD,
    )  # fmt: skip
    month.run("protokoll", HELD, "--out", "out/protokoll.md")
    protocol = (month.folder / "out" / "protokoll.md").read_text(encoding="utf-8")
    assert "Kursangebote 2027 abgestimmt." in protocol
    assert "Die VHS erhebt den Bedarf an Lehrkräften." in protocol
    assert "Bedarf an Lehrkräften erheben" in protocol, "the task decided in the meeting"
    assert [name for name in NAMES if name in protocol] == [], "functions, not names, without --mit-namen"
    month.run("aufgabe", "erledigt", "lehrkraefte", "--yes")
    (task,) = next(g for g in month.stored().groups if g.id == "ag-sprache").tasks
    assert task.status is inz.TaskStatus.DONE
    month.run("veroeffentlichen", "--jahr", "2027")
    assert month.occurrences("ag-sprache.ics")[date(2027, 1, 14)] == "CONFIRMED"  # held: shown as it took place

    # -- a person's data: access, then erasure
    month.run("person", "auskunft", "fachbereich-sprachen", "--out", "auskunft.json")
    access = json.loads((month.folder / "auskunft.json").read_text(encoding="utf-8"))
    assert access["person"]["name"] == "Jonas Probst"
    places = json.dumps(access["mentions"])
    assert HELD in places, "the meeting names them"
    assert "ag-sprache" in places, "the group's task names them"
    assert "Max Beispiel" not in json.dumps(access), "nothing about other people"
    month.run("person", "loeschen", "fachbereich-sprachen", "--yes")
    data = month.stored()
    assert "fachbereich-sprachen" not in {p.id for p in data.persons}
    mentioned = json.dumps(inz.default_host().codec.unstructure(data.meetings + data.groups))
    assert "fachbereich-sprachen" not in mentioned, "every reference to them is gone"
    assert "Fehler:" in month.run("person", "auskunft", "fachbereich-sprachen", code=1)
    month.run("veroeffentlichen", "--jahr", "2027")
    assert len([status for status in month.occurrences("ag-sprache.ics").values() if status != "CANCELLED"]) == 11
