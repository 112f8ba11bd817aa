"""Every command through click's runner against real sqlite: stores: output, exit codes, languages."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import wartburgkreis
from click.testing import Result

import integrationsnetz as inz
from integrationsnetz.cli.wording import choose_language

Run = Callable[..., Result]
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
WARTBURGKREIS = str(EXAMPLES / "wartburgkreis-netzwerk.toml")


def _meetings(folder: Path) -> list[inz.Meeting]:
    with inz.open_store(f"sqlite://{folder / 'netz.db'}") as store:
        return store.list(inz.Meeting)


def test_check_finds_nothing_in_the_example(goettingen: Path, run: Run) -> None:
    result = run("check")
    assert result.exit_code == 0, result.output
    assert "landkreis-goettingen-netzwerk.toml: keine Probleme." in result.output
    assert "landkreis-goettingen.toml: keine Probleme." in result.output


def test_check_lists_every_problem_with_its_path_and_exits_1(goettingen: Path, run: Run) -> None:
    planning = goettingen / "landkreis-goettingen.toml"
    planning.write_text(planning.read_text(encoding="utf-8").replace('"koordination-goe-1"', '"frau-mueler"'), "utf-8")
    result = run("check")
    assert result.exit_code == 1
    assert "$.series[0].participant_ids[0]: no person or organisation with id 'frau-mueler'" in result.output
    assert "$.absences[0].person_id" in result.output


def test_check_reports_an_integrity_problem_of_a_document(tmp_path: Path, run: Run) -> None:
    data = inz.documents.load(EXAMPLES / "landkreis-goettingen-netzwerk.toml")
    group = data.groups[0]
    broken = inz.NetworkData(network=data.network, persons=data.persons, groups=(group,))
    inz.documents.save(broken, tmp_path / "netz.toml", draft=True)
    result = run("--netz", str(tmp_path / "netz.toml"), "check")
    assert result.exit_code == 1
    assert f'groups["{group.id}"]' in result.output


def test_plan_dry_run_saves_nothing_and_plan_saves_the_year(goettingen: Path, run: Run) -> None:
    result = run("plan", "2027", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Probelauf: nichts gespeichert." in result.output
    assert "AG Arbeit Do 06.05.2027" in result.output  # the Ascension Day session, dropped
    assert _meetings(goettingen) == []
    result = run("plan", "2027")
    assert result.exit_code == 0, result.output
    meetings = _meetings(goettingen)
    assert f"{len(meetings)} Termine geschrieben" in result.output
    assert {m.series_id for m in meetings} == {"netzwerktreffen-goe", "ag-sprache-bildung", "ag-arbeit-goe"}
    assert all(m.start.year == 2027 for m in meetings)
    again = run("plan", "2027")
    assert again.exit_code == 0
    assert {m.id for m in _meetings(goettingen)} == {m.id for m in meetings}  # ids kept when planned again


def test_plan_reports_in_english(goettingen: Path, run: Run) -> None:
    result = run("--lang", "en", "plan", "2027", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Dry run: nothing saved." in result.output
    assert "Moved or dropped" in result.output


def test_lists_filter_by_group_dates_and_status(goettingen: Path, run: Run) -> None:
    assert run("plan", "2027").exit_code == 0
    result = run("liste", "termine", "--gruppe", "arbeit-goe", "--von", "01.06.2027", "--bis", "2027-09-30")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["Wann", "Kennung", "Titel", "Gruppe", "Status"]
    assert [line.split()[2] for line in lines[2:]] == ["ag-arbeit-goe-2027-07-01", "ag-arbeit-goe-2027-08-26"]
    assert "geplant" in lines[2]
    assert run("liste", "termine", "--status", "confirmed").output.strip() == "Keine Einträge."
    people = run("liste", "personen", "--gruppe", "sprache-bildung")
    assert "koordination-goe-1" in people.output
    assert "jobcenter-integration" not in people.output


def test_json_lists_are_what_the_codec_writes(goettingen: Path, run: Run) -> None:
    assert run("plan", "2027").exit_code == 0
    result = run("liste", "meetings", "--json", "--gruppe", "arbeit-goe")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [row["id"] for row in rows] == sorted(m.id for m in _meetings(goettingen) if m.group_id == "arbeit-goe")
    assert rows[0]["start"].startswith("2027-01-14T13:00:00+01:00")
    organisations = json.loads(run("liste", "organisations", "--json").output)
    assert {row["id"] for row in organisations} == {"kreishaus", "jobcenter-goe", "vhs-goe"}


def test_tasks_and_courses_of_a_document_given_with_netz(run: Run, tmp_path: Path) -> None:
    data = wartburgkreis.build()  # the article's network, courses included
    inz.documents.save(data, tmp_path / "wak.toml")
    document = str(tmp_path / "wak.toml")
    tasks = [task for group in data.groups for task in group.tasks]
    result = run("--netz", document, "liste", "aufgaben")
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) == 2 + len(tasks)
    done = [task.id for task in tasks if task.status.value == "done"]
    assert len(done) == 1
    listed = json.loads(run("--netz", document, "liste", "tasks", "--status", "done", "--json").output)
    assert [row["task"]["id"] for row in listed] == done
    courses = run("--netz", document, "--lang", "en", "liste", "kurse")
    assert courses.output.splitlines()[0].split()[:3] == ["Id", "Course", "type"]
    assert len(courses.output.splitlines()) == 2 + len(data.courses)
    running = json.loads(run("--netz", document, "liste", "courses", "--status", "running", "--json").output)
    assert {row["id"] for row in running} == {c.id for c in data.courses if c.status.value == "running"}
    groups = run("--netz", document, "liste", "gruppen")
    assert all(group.id in groups.output for group in data.groups)


def test_show_prints_every_field_and_a_missing_id_exits_1(run: Run) -> None:
    data = inz.documents.load(WARTBURGKREIS)
    meeting = data.meetings[0]
    result = run("--netz", WARTBURGKREIS, "zeige", meeting.id)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Meeting {meeting.id}\n")
    assert re.search(rf"^  Titel: +{re.escape(meeting.title)}$", result.output, re.MULTILINE)
    assert "Beginn:" in result.output
    assert "start:" not in result.output
    assert json.loads(run("--netz", WARTBURGKREIS, "zeige", meeting.id, "--json").output)["id"] == meeting.id
    missing = run("--netz", WARTBURGKREIS, "zeige", "gibt-es-nicht")
    assert missing.exit_code == 1
    assert "keinen Eintrag mit der Kennung 'gibt-es-nicht'" in missing.output


def test_plugins_lists_the_built_in_ones_with_versions(run: Run) -> None:
    result = run("plugins")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].split() == ["Plugin", "Version", "Stellt", "bereit", "Fehler"]
    rows = {row["name"]: row for row in json.loads(run("plugins", "--json").output)}
    assert "store:sqlite" in rows["integrationsnetz.store.sqlite"]["provides"]
    assert rows["integrationsnetz.store.sqlite"]["error"] is None


def test_publish_writes_every_feed_and_the_overview(goettingen: Path, run: Run) -> None:
    assert run("plan", "2027").exit_code == 0
    result = run("veroeffentlichen", "--jahr", "2027")
    assert result.exit_code == 0, result.output
    out = goettingen / "out"
    assert sorted(path.name for path in out.iterdir()) == [
        "arbeit-goe.ics", "jahresplan-2027.md", "netzwerk.ics", "planbericht-2027.md", "sprache-bildung.ics",
    ]  # fmt: skip
    assert "4 Dateien geschrieben" in result.output
    feed = (out / "arbeit-goe.ics").read_text(encoding="utf-8")
    assert feed.count("BEGIN:VEVENT") >= 1
    assert "X-INTEGRATIONSNETZ-ID:series/ag-arbeit-goe" in feed  # the group's sessions, as one series
    assert "20270114T130000" in feed
    overview = (out / "jahresplan-2027.md").read_text(encoding="utf-8")
    assert "AG Arbeit" in overview
    # the plan's report (written by plan) ends the overview
    assert overview.endswith((out / "planbericht-2027.md").read_text(encoding="utf-8"))
    assert "Christi Himmelfahrt" in overview.split("## Was der Planer verschoben hat")[1]


def test_a_library_error_is_one_line_without_traceback_and_debug_shows_it(tmp_path: Path, run: Run) -> None:
    (tmp_path / "netz.toml").write_text("schema_version = 1\n[network]\nid = 'x'\n", encoding="utf-8")
    result = run("--netz", str(tmp_path / "netz.toml"), "liste", "personen")
    assert result.exit_code == 1
    assert result.output.startswith("Fehler: ")
    assert "$.network" in result.output
    assert "Traceback" not in result.output
    debug = run("--debug", "--netz", str(tmp_path / "netz.toml"), "liste", "personen")
    assert isinstance(debug.exception, inz.InvalidData)


def test_usage_errors_exit_2(run: Run) -> None:
    assert run("liste", "katzen").exit_code == 2
    assert run("gibtsnicht").exit_code == 2
    assert run("plan").exit_code == 2
    bad_date = run("--netz", WARTBURGKREIS, "liste", "termine", "--von", "31.02.2027")
    assert bad_date.exit_code == 2
    assert "'31.02.2027' ist kein Datum" in bad_date.output


def test_help_is_german_by_default_and_english_by_option_or_locale(run: Run) -> None:
    german = run("--help")
    assert german.exit_code == 0
    assert "Aufruf: integrationsnetz" in german.output
    assert "Befehle:" in german.output
    assert "Diese Hilfe zeigen und beenden." in german.output
    english = run("--lang", "en", "--help")
    assert "Usage: integrationsnetz" in english.output
    assert "Show the loaded plugins." in english.output
    by_locale = run("plan", "--help", env={"LANG": "en_GB.UTF-8"})
    assert "Only show, save nothing." in by_locale.output


def test_the_language_choice() -> None:
    assert choose_language([], {}) == "de"
    assert choose_language([], {"LANG": "en_US.UTF-8"}) == "en"
    assert choose_language([], {"LANG": "en_US.UTF-8", "LC_ALL": "de_DE.UTF-8"}) == "de"
    assert choose_language(["--lang", "en", "check"], {"LANG": "de_DE"}) == "en"
    assert choose_language(["--lang=de"], {"LANG": "en_US"}) == "de"
    assert choose_language(["--", "--lang", "en"], {}) == "de"
