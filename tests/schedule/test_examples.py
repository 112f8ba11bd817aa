"""Both planning examples end to end: real SQLite store, real ICS files read back by parsers."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import attrs
import pytest

import integrationsnetz as inz
from integrationsnetz.model import State
from integrationsnetz.schedule.german_holidays import public_holidays

REPO = Path(__file__).resolve().parents[2]

EXAMPLES = REPO / "examples"


def calendar_events(path: Path) -> list[tuple[str, date]]:
    """(UID, local start day) of every occurrence in an ICS file, series expanded by recurring-ical-events."""
    import icalendar
    import recurring_ical_events

    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    occurrences = recurring_ical_events.of(calendar).between(date(2000, 1, 1), date(2100, 1, 1))
    return sorted((str(event["UID"]), event.decoded("DTSTART").date()) for event in occurrences)


def run_example(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_the_main_job_plans_saves_and_publishes_the_wartburgkreis_year(tmp_path: Path) -> None:
    workspace = tmp_path / "wartburgkreis"
    out = workspace / "out"
    result = run_example("plan_year.py", "--year", "2027", "--workspace", str(workspace))
    assert result.returncode == 0, result.stderr
    assert "Netzwerk" in result.stdout
    assert "Verschoben oder entfallen" in result.stdout
    # the main job goes through the command line: a workspace, then plan and veroeffentlichen
    assert "$ integrationsnetz --lang de init . --netz " in result.stdout
    assert "$ integrationsnetz --lang de plan 2027\n" in result.stdout
    assert "$ integrationsnetz --lang de veroeffentlichen --jahr 2027\n" in result.stdout
    assert (workspace / "integrationsnetz.toml").is_file()
    feeds = sorted(path for path in out.glob("*.ics") if path.name != "netzwerk.ics")
    assert len(feeds) == 5, feeds
    network_feed = calendar_events(out / "netzwerk.ics")
    holidays_th = public_holidays(State.TH, 2027)
    assert network_feed, "the network feed has the year's meetings"
    assert all(day.year == 2027 for _, day in network_feed)
    assert not [day for _, day in network_feed if day in holidays_th]
    group_uids = {uid for feed in feeds for uid, _ in calendar_events(feed)}
    assert group_uids <= {uid for uid, _ in network_feed}
    overview = (out / "jahresplan-2027.md").read_text(encoding="utf-8")
    assert overview.startswith("# Terminübersicht 2027")
    assert "## Was der Planer verschoben hat" in overview
    assert "Weltkindertag – verschoben auf Mo 27.09.2027 09:00" in overview
    with inz.open_store(f"sqlite://{workspace / 'integrationsnetz.db'}") as store:
        meetings = [m for m in store.list(inz.Meeting) if m.start.year == 2027]
        assert len(meetings) == len(network_feed)
        confirmed = attrs.evolve(meetings[0], status=inz.MeetingStatus.CONFIRMED)
        store.put(confirmed)
    # a second run reuses the workspace: the confirmed meeting stays, every calendar UID survives
    again = run_example("plan_year.py", "--year", "2027", "--workspace", str(workspace))
    assert again.returncode == 0, again.stderr
    assert " init " not in again.stdout
    assert {uid for uid, _ in calendar_events(out / "netzwerk.ics")} == {uid for uid, _ in network_feed}
    with inz.open_store(f"sqlite://{workspace / 'integrationsnetz.db'}") as store:
        assert store.get(inz.Meeting, confirmed.id).status is inz.MeetingStatus.CONFIRMED
        assert store.get(inz.Meeting, confirmed.id).start == confirmed.start


def test_another_district_is_planned_from_its_file(tmp_path: Path) -> None:
    out = tmp_path / "goe"
    result = run_example(
        "plan_other_district.py", str(EXAMPLES / "landkreis-goettingen.toml"), "--year", "2027", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert "Landkreis Göttingen, NI" in result.stdout
    assert "Christi Himmelfahrt – entfällt (Regel: nicht verschieben)" in result.stdout
    events = calendar_events(out / "out" / "netzwerk.ics")
    assert len(events) == 18
    assert not [day for _, day in events if day in public_holidays(State.NI, 2027)]
    feeds = sorted(path.name for path in (out / "out").glob("*.ics"))
    assert feeds == ["arbeit-goe.ics", "netzwerk.ics", "sprache-bildung.ics"]


@pytest.mark.parametrize("script", ["plan_other_district.py"])
def test_a_bad_planning_file_gives_one_clear_error(tmp_path: Path, script: str) -> None:
    bad = tmp_path / "kreis.toml"
    bad.write_text(
        (EXAMPLES / "landkreis-goettingen.toml").read_text(encoding="utf-8").replace('end = "12:00"', 'end = "08:00"'),
        encoding="utf-8",
    )
    (tmp_path / "landkreis-goettingen-netzwerk.toml").write_bytes(
        (EXAMPLES / "landkreis-goettingen-netzwerk.toml").read_bytes()
    )
    (tmp_path / "landkreis-goettingen-feiertage.toml").write_bytes(
        (EXAMPLES / "landkreis-goettingen-feiertage.toml").read_bytes()
    )
    result = run_example(script, str(bad), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"error: {bad}: $.series[0].times[0].end: 08:00 is not after start 09:00",
        f"{bad}: $.series[1].times[0].end: 08:00 is not after start 10:00",
    ]
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "integrationsnetz.db").exists()


def test_tutorial_step_3_leave_added_after_the_first_plan_cancels_what_it_drops(tmp_path: Path) -> None:
    """The re-plan of the tutorial: the dropped session is cancelled in the store, the feed and the overview."""
    config, workspace = tmp_path / "wartburgkreis.toml", tmp_path / "wk"
    out = workspace / "out"
    config.write_bytes((EXAMPLES / "wartburgkreis.toml").read_bytes())
    first = run_example("plan_year.py", "--year", "2027", "--workspace", str(workspace), "--config", str(config))
    assert first.returncode == 0, first.stderr
    assert "AG Wohnen: 8 Termine" in first.stdout
    with config.open("a", encoding="utf-8") as file:
        file.write('\n[[absences]]\nperson_id = "im-1"\nstart = "2027-03-15"\nend = "2027-03-26"\nreason = "Urlaub"\n')
    again = run_example("plan_year.py", "--year", "2027", "--workspace", str(workspace), "--config", str(config))
    assert again.returncode == 0, again.stderr
    assert "AG Wohnen Di 16.03.2027: " in again.stdout
    assert "– entfällt: kein freier Termin bis Fr 19.03.2027" in again.stdout
    assert "AG Wohnen: 7 Termine" in again.stdout
    assert ": 2 Termine geschrieben." in again.stdout
    with inz.open_store(f"sqlite://{workspace / 'integrationsnetz.db'}") as store:
        assert store.get(inz.Meeting, "ag-wohnen-2027-03-16").status is inz.MeetingStatus.CANCELLED
    assert date(2027, 3, 16) not in {day for _, day in calendar_events(out / "ag-wohnen.ics")}
    assert date(2027, 3, 16) not in {day for _, day in calendar_events(out / "netzwerk.ics")}
    table = (out / "jahresplan-2027.md").read_text(encoding="utf-8").split("## Was der Planer")[0]
    (row,) = [line for line in table.splitlines() if line.startswith("| Dienstag, 16. März 2027 |")]
    assert row.endswith(
        "| AG Wohnen | Landratsamt Wartburgkreis, Beratungsraum, Erzberger Allee 14, 36433 Bad Salzungen | abgesagt |"
    )
