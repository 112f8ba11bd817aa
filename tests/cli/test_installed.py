"""The installed entry point run as a coordinator runs it: real processes, a real sqlite: store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import integrationsnetz as inz

COMMAND = Path(sys.executable).with_name("integrationsnetz")
pytestmark = pytest.mark.skipif(not COMMAND.exists(), reason="the entry point is installed by ./dev (pip install -e)")


def _run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    environment.update(env or {})
    return subprocess.run(
        [str(COMMAND), *args], cwd=cwd, env=environment, capture_output=True, text=True, timeout=300, check=False
    )


def test_a_new_district_from_init_to_published_calendars(tmp_path: Path) -> None:
    name = "Netzwerk Integration Eichsfeld"
    created = _run("init", "netz", "--name", name, "--land", "TH", "--ags", "16061", cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    folder = tmp_path / "netz"
    sub = folder / "out"
    checked = _run("check", cwd=sub)  # found from a subfolder
    assert checked.returncode == 0, checked.stdout + checked.stderr
    planned = _run("plan", "2027", cwd=sub)
    assert planned.returncode == 0, planned.stderr
    assert "Netzwerktreffen: 2 Termine" in planned.stdout
    with inz.open_store(f"sqlite://{folder / 'integrationsnetz.db'}") as store:
        meetings = store.list(inz.Meeting)
    spring, autumn = sorted(meetings, key=lambda meeting: meeting.start)  # the starter series: two seasons
    assert 3 <= spring.start.month <= 5
    assert 9 <= autumn.start.month <= 11
    assert spring.start.weekday() == autumn.start.weekday() == 2  # Wednesdays, as the planning file says
    listed = json.loads(_run("liste", "termine", "--json", cwd=folder).stdout)
    assert [row["id"] for row in listed] == sorted(m.id for m in meetings)
    published = _run("--lang", "en", "veroeffentlichen", cwd=folder)
    assert published.returncode == 0, published.stderr
    assert "2 files written" in published.stdout
    assert "BEGIN:VEVENT" in (folder / "out" / "netzwerk.ics").read_text(encoding="utf-8")


def test_an_error_is_a_message_and_exit_1_and_usage_is_exit_2(tmp_path: Path) -> None:
    missing = _run("--netz", str(tmp_path / "fehlt.toml"), "zeige", "x", cwd=tmp_path, env={"LANG": "en_US.UTF-8"})
    assert missing.returncode == 1
    assert missing.stderr.startswith("Error: ")
    assert "fehlt.toml: cannot read the file" in missing.stderr
    assert "Traceback" not in missing.stderr
    assert _run("liste", cwd=tmp_path).returncode == 2


def test_help_does_not_load_the_model() -> None:
    code = textwrap.dedent(
        """
        import sys
        from integrationsnetz.cli import main
        try:
            main(["--help"])
        except SystemExit as exit:
            assert exit.code == 0, exit.code
        print(sorted(name for name in sys.modules if name.startswith("integrationsnetz.model")))
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"
    assert "Aufruf:" in result.stdout


def test_python_dash_m_is_the_same_command(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "integrationsnetz", "--lang", "en", "--help"],
        capture_output=True, text=True, timeout=120, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0
    assert "Usage: python -m integrationsnetz" in result.stdout


def test_a_broken_plugin_is_listed_with_its_error(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "integrationsnetz_kaputt").mkdir(parents=True)
    (site / "integrationsnetz_kaputt" / "__init__.py").write_text("raise RuntimeError('kaputt beim Import')\n")
    info = site / "integrationsnetz_kaputt-0.3.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: integrationsnetz-kaputt\nVersion: 0.3.0\n")
    (info / "entry_points.txt").write_text("[integrationsnetz]\nintegrationsnetz-kaputt = integrationsnetz_kaputt\n")
    result = _run("plugins", "--json", cwd=tmp_path, env={"PYTHONPATH": str(site)})
    assert result.returncode == 0, result.stderr
    rows = {row["name"]: row for row in json.loads(result.stdout)}
    assert rows["integrationsnetz-kaputt"]["version"] == "0.3.0"
    assert "kaputt beim Import" in rows["integrationsnetz-kaputt"]["error"]


def test_a_meeting_added_asked_about_and_cancelled_with_the_installed_command(tmp_path: Path) -> None:
    import shutil

    import icalendar

    folder = tmp_path / "wak"
    folder.mkdir()
    shutil.copy(Path(__file__).resolve().parents[2] / "examples" / "wartburgkreis-netzwerk.toml", folder)
    (folder / "integrationsnetz.toml").write_text(
        'netz = "wartburgkreis-netzwerk.toml"\nstore = "sqlite:netz.db"\n', encoding="utf-8"
    )
    new = ("termin", "neu", "--titel", "AG Arbeit", "--beginn", "10.02.2027 10:00", "--gruppe", "ag-arbeit",
           "--organisator", "lra-migration", "--yes", "--json")  # fmt: skip
    added = _run(*new, cwd=folder)
    assert added.returncode == 0, added.stderr
    meeting_id = json.loads(added.stdout)[0]["id"]
    asked = subprocess.run(
        [str(COMMAND), "termin", "absagen", meeting_id], cwd=folder, input="n\n", capture_output=True, text=True,
        timeout=300, check=False,
    )  # fmt: skip
    assert asked.returncode == 1
    assert "Speichern? [j/N]" in asked.stderr
    with inz.open_store(f"sqlite://{folder / 'netz.db'}") as store:
        assert store.get(inz.Meeting, meeting_id).status is inz.MeetingStatus.PLANNED
    cancelled = _run("termin", "absagen", meeting_id, "--yes", cwd=folder)
    assert cancelled.returncode == 0, cancelled.stderr
    with inz.open_store(f"sqlite://{folder / 'netz.db'}") as store:
        stored = store.get(inz.Meeting, meeting_id)
    assert stored.status is inz.MeetingStatus.CANCELLED
    message = icalendar.Calendar.from_ical((folder / "out" / f"absage-{meeting_id}.ics").read_bytes())
    assert message["METHOD"] == "CANCEL"
    assert int(message.walk("VEVENT")[0]["SEQUENCE"]) == stored.revision
    gap = _run("--lang", "en", "termin", "neu", "--titel", "x", "--beginn", "28.03.2027 02:30", "--yes", cwd=folder)
    assert gap.returncode == 2
    assert "does not exist in Europe/Berlin" in gap.stderr
    assert "Traceback" not in gap.stderr
