"""The installed command as real processes: a terminal or a pipe, Ctrl-C mid-run, sqlite: and PostgreSQL.

Each test starts ``integrationsnetz`` (the entry point ``./dev`` installs) in a workspace of its
own. Ctrl-C is a real SIGINT sent while the command holds the store's write transaction (the test
sees the database locked) or is writing the calendars; afterwards the store's dump and the files
in ``out/`` are compared with what was there before.
"""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

import integrationsnetz as inz

COMMAND = Path(sys.executable).with_name("integrationsnetz")
pytestmark = pytest.mark.skipif(not COMMAND.exists(), reason="the entry point is installed by ./dev (pip install -e)")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")


def _environment() -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if key not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    environment.pop("INTEGRATIONSNETZ_LANG", None)
    return environment


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(COMMAND), *args], cwd=cwd, env=_environment(), capture_output=True, text=True, timeout=300, check=False
    )


def _init(folder: Path, *extra: str) -> Path:
    folder.mkdir()
    created = _run("init", ".", "--name", "Netzwerk Integration Eichsfeld", "--land", "TH", *extra, cwd=folder)
    assert created.returncode == 0, created.stderr
    return folder


def _many_groups(folder: Path, groups: int) -> None:
    """``groups`` working groups, each meeting weekly all year: a network large enough to interrupt."""
    data = inz.documents.load(folder / "netzwerk.toml")
    made = tuple(
        inz.WorkingGroup(
            id=f"ag-{n:03d}", network_id=data.network.id, name=f"AG {n:03d}", topic="Thema", founded=date(2026, 1, 1)
        )
        for n in range(groups)
    )
    inz.documents.save(inz.NetworkData(network=data.network, groups=made), folder / "netzwerk.toml")
    lines = ['network = "netzwerk.toml"', 'language = "de"', ""]
    for n in range(groups):
        hour = 8 + n % 9
        lines += [
            "[[series]]",
            f'id = "ag-{n:03d}"',
            f'title = "AG {n:03d}"',
            f'group_id = "ag-{n:03d}"',
            f'times = [{{ start = "{hour:02d}:00", end = "{hour + 1:02d}:00" }}]',
            f'rule = {{ rule = "weekly", weekday = "{WEEKDAYS[n % 5]}" }}',
            "",
        ]
    (folder / "planung.toml").write_text("\n".join(lines), encoding="utf-8")


def _dump(database: Path) -> list[str]:
    with sqlite3.connect(database) as connection:
        return list(connection.iterdump())


def _locked(database: Path) -> bool:
    """Whether another process holds the database's write lock (a store transaction is open)."""
    connection = sqlite3.connect(database, timeout=0, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        connection.close()


def _interrupt(process: subprocess.Popen[str], ready: object, *, delay: float) -> tuple[int, str]:
    """Wait until ``ready()`` holds, then ``delay`` seconds more, then SIGINT; the exit code and stderr."""
    deadline = time.monotonic() + 120
    while not ready():  # type: ignore[operator]
        assert process.poll() is None, f"the command ended before it was interrupted: {process.communicate()}"
        assert time.monotonic() < deadline, "the command never got there"
        time.sleep(0.02)
    time.sleep(delay)
    assert process.poll() is None, "the command ended before it was interrupted; make the network larger"
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    return process.returncode, stderr


def test_ctrl_c_during_plan_leaves_the_store_exactly_as_before(tmp_path: Path) -> None:
    folder = _init(tmp_path / "gross")
    _many_groups(folder, 400)  # 20,800 weekly sessions: seconds of planning
    database = folder / "integrationsnetz.db"
    before = _dump(database)
    process = subprocess.Popen(
        [str(COMMAND), "plan", "2027"], cwd=folder, env=_environment(), stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    code, stderr = _interrupt(process, lambda: _locked(database), delay=0.3)
    assert code == 130, stderr
    assert stderr.strip().splitlines()[-1] == "Abgebrochen."
    assert "Traceback" not in stderr
    assert _dump(database) == before
    assert not (folder / "out" / "planbericht-2027.md").exists()


def test_ctrl_c_during_veroeffentlichen_leaves_no_half_written_file(tmp_path: Path) -> None:
    import icalendar

    folder = _init(tmp_path / "gross")
    _many_groups(folder, 400)
    out = folder / "out"
    process = subprocess.Popen(
        [str(COMMAND), "--lang", "en", "veroeffentlichen", "--jahr", "2027"], cwd=folder, env=_environment(),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    code, stderr = _interrupt(process, lambda: len(list(out.glob("*.ics"))) >= 3, delay=0.1)
    assert code == 130, stderr
    assert stderr.strip().splitlines()[-1] == "Aborted."
    assert "Traceback" not in stderr
    files = sorted(out.iterdir())
    assert 3 <= len(files) < 402, "interrupted mid-way"
    strays = [path.name for path in files if path.name.startswith(".") or path.suffix != ".ics"]
    assert strays == [], f"left behind: {strays}; stderr: {stderr}"
    for path in files:  # every file there is a whole calendar
        assert path.read_bytes().endswith(b"END:VCALENDAR\r\n"), path
        assert icalendar.Calendar.from_ical(path.read_bytes())["X-WR-CALNAME"]


def test_plan_draws_a_progress_bar_on_a_terminal_and_nothing_in_a_pipe(tmp_path: Path) -> None:
    folder = _init(tmp_path / "netz")
    _many_groups(folder, 10)
    piped = _run("plan", "2027", "--dry-run", cwd=folder)
    assert piped.returncode == 0, piped.stderr
    assert "\x1b" not in piped.stdout + piped.stderr  # no colour or cursor codes
    assert "Planen" not in piped.stdout
    assert piped.stdout.startswith("  AG 000: 52 Termine: ")
    primary, secondary = pty.openpty()
    try:
        process = subprocess.Popen(
            [str(COMMAND), "plan", "2027", "--dry-run"], cwd=folder, env=_environment(),
            stdin=subprocess.DEVNULL, stdout=secondary, stderr=secondary,
        )  # fmt: skip
        os.close(secondary)
        seen = b""
        while True:
            ready, _, _ = select.select([primary], [], [], 60)
            if not ready:
                break
            try:
                chunk = os.read(primary, 65536)
            except OSError:  # the terminal closed: the command ended
                break
            if not chunk:
                break
            seen += chunk
        assert process.wait(timeout=60) == 0
    finally:
        os.close(primary)
    text = seen.decode("utf-8", errors="replace")
    assert "Planen" in text
    assert "100%" in text
    assert "AG 000: 52 Termine" in text


def test_help_loads_neither_the_model_nor_its_libraries() -> None:
    probe = (
        "import sys\nfrom integrationsnetz.cli import main\n"
        "for args in (['--help'], ['plan', '--help'], ['init', '--help']):\n"
        "    try:\n        main(args)\n    except SystemExit as exit:\n        assert exit.code == 0, exit.code\n"
        "heavy = ('attr', 'attrs', 'cattrs', 'icalendar', 'sqlite3', 'holidays', 'integrationsnetz.model',"
        " 'integrationsnetz.schedule', 'integrationsnetz.store')\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] in heavy or name.startswith(heavy)))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_import_and_help_load_no_word_library() -> None:
    """python-docx (and lxml under it) is loaded when a Word file is written, not on import or --help."""
    probe = (
        "import sys\nimport integrationsnetz\nfrom integrationsnetz.cli import main\n"
        "integrationsnetz.PluginHost().exporters()\n"
        "for args in (['--help'], ['einladung', '--help']):\n"
        "    try:\n        main(args)\n    except SystemExit as exit:\n        assert exit.code == 0, exit.code\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] in ('docx', 'lxml')))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"


# --- the same commands against the embedded store and the PostgreSQL server ---------------------


def _district(folder: Path, *store: str) -> list[dict[str, object]]:
    """init, plan, liste, veroeffentlichen in ``folder``: the meetings listed as JSON."""
    _init(folder, *store)
    for args in (("plan", "2027"), ("--lang", "en", "veroeffentlichen", "--jahr", "2027")):
        result = _run(*args, cwd=folder)
        assert result.returncode == 0, result.stderr
    listed = _run("liste", "termine", "--json", cwd=folder)
    assert listed.returncode == 0, listed.stderr
    rows: list[dict[str, object]] = json.loads(listed.stdout)
    return [{key: value for key, value in row.items() if key not in ("created", "modified")} for row in rows]


def test_the_embedded_store_and_postgresql_give_the_same_year(tmp_path: Path, database: str) -> None:
    embedded = _district(tmp_path / "sqlite")
    server = _district(tmp_path / "postgres", "--store", database)
    assert len(embedded) == 2  # the starter series: spring and autumn
    assert server == embedded  # the same meetings, ids and revisions (only the write times differ)
    settings = (tmp_path / "postgres" / "integrationsnetz.toml").read_text(encoding="utf-8")
    assert database in settings
    assert not (tmp_path / "postgres" / "integrationsnetz.db").exists()
    with inz.open_store(database) as store:
        assert sorted(meeting.id for meeting in store.list(inz.Meeting)) == [row["id"] for row in embedded]
    for folder in ("sqlite", "postgres"):
        files = sorted(path.name for path in (tmp_path / folder / "out").iterdir())
        assert files == ["jahresplan-2027.md", "netzwerk.ics", "planbericht-2027.md"]
    assert (tmp_path / "sqlite" / "out" / "jahresplan-2027.md").read_text(encoding="utf-8") == (
        tmp_path / "postgres" / "out" / "jahresplan-2027.md"
    ).read_text(encoding="utf-8")
