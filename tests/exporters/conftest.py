"""Fixtures for the export tests: the sample network, a fresh host, independent calendar parsers, a web server.

Each parser fixture turns .ics bytes into the sorted list of occurrences it sees, as
``(start, end, summary, status)`` with times in UTC (``2026-03-26T15:00:00Z``) and all-day
dates as ``2026-03-30``, so the tests compare what different parsers read with the meetings we
exported.
"""

from __future__ import annotations

import base64
import http.server
import json
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from integrationsnetz import NetworkData, PluginHost
from integrationsnetz.testing.samples import sample_network

Occurrence = tuple[str, str, str, str]
Expand = Callable[[bytes], list[Occurrence]]

ROOT = Path(__file__).resolve().parents[2]
NODE_PREFIX = ROOT / ".venv" / "node"
ICALJS = NODE_PREFIX / "node_modules" / "ical.js"
SCRIPT = Path(__file__).with_name("icaljs_expand.mjs")
TEXT_SCRIPT = Path(__file__).with_name("icaljs_text.mjs")
UNTIL = date(2031, 1, 1)


@pytest.fixture
def sample() -> NetworkData:
    return sample_network()


@pytest.fixture
def host() -> PluginHost:
    return PluginHost(entry_points=False)


def show(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def expand_with_recurring_ical_events(payload: bytes) -> list[Occurrence]:
    import icalendar
    import recurring_ical_events

    calendar = icalendar.Calendar.from_ical(payload)
    found = []
    for event in recurring_ical_events.of(calendar).between(date(1990, 1, 1), UNTIL):
        found.append((show(event.start), show(event.end), str(event.get("SUMMARY", "")), str(event.get("STATUS", ""))))
    return sorted(found)


def expand_with_vobject(payload: bytes) -> list[Occurrence]:
    """vobject (Radicale's parser) with its own reading of our VTIMEZONE; overrides by hand."""
    import vobject

    calendar = vobject.readOne(payload.decode("utf-8"), validate=True)
    found = []
    overrides: dict[str, dict[datetime | date, object]] = {}
    events = list(calendar.contents.get("vevent", []))
    for event in events:
        if "recurrence-id" in event.contents:
            overrides.setdefault(event.uid.value, {})[event.recurrence_id.value] = event
    for event in events:
        if "recurrence-id" in event.contents:
            continue
        start, end = event.dtstart.value, event.dtend.value
        status = event.status.value if "status" in event.contents else ""
        if "rrule" not in event.contents:
            found.append((show(start), show(end), event.summary.value, status))
            continue
        mine = overrides.get(event.uid.value, {})
        for occurrence in event.getrruleset(addRDate=True):
            if occurrence in mine:
                override = mine[occurrence]
                found.append(
                    (
                        show(override.dtstart.value),  # type: ignore[attr-defined]
                        show(override.dtend.value),  # type: ignore[attr-defined]
                        override.summary.value,  # type: ignore[attr-defined]
                        override.status.value if "status" in override.contents else "",  # type: ignore[attr-defined]
                    )
                )
            else:
                found.append((show(occurrence), show(occurrence + (end - start)), event.summary.value, status))
    return sorted(found)


def _ensure_icaljs() -> str | None:
    """The ical.js folder, installed from npm on first use; None (skip) only without node, never on CI."""
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node is not installed, but CI must run the ical.js checks (install Node.js 18+)")
        return None
    if not (ICALJS / "package.json").exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("node is installed but npm is not: cannot install ical.js for the calendar tests")
        NODE_PREFIX.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(NODE_PREFIX), "ical.js@2"],
            check=True,
            timeout=300,
        )
    return str(ICALJS)


def expand_with_icaljs(payload: bytes) -> list[Occurrence]:
    module = _ensure_icaljs()
    if module is None:
        pytest.skip("node is not installed: the ical.js (Thunderbird/Nextcloud) check needs Node.js")
    result = subprocess.run(
        ["node", str(SCRIPT), module, UNTIL.isoformat()],
        input=payload,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    found = []
    for item in json.loads(result.stdout):
        found.append((_iso_z(item["start"]), _iso_z(item["end"]), item["summary"], item["status"] or ""))
    return sorted(found)


def read_text_with_icaljs(payload: bytes) -> dict[str, Any]:
    """The calendar name and each entry's UID, RECURRENCE-ID and CATEGORIES as ical.js reads them."""
    module = _ensure_icaljs()
    if module is None:
        pytest.skip("node is not installed: the ical.js (Thunderbird/Nextcloud) check needs Node.js")
    result = subprocess.run(
        ["node", str(TEXT_SCRIPT), module], input=payload, capture_output=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr.decode()
    found: dict[str, Any] = json.loads(result.stdout)
    return found


def _iso_z(text: str) -> str:
    return text.replace(".000Z", "Z")


PARSERS: dict[str, Expand] = {
    "recurring-ical-events": expand_with_recurring_ical_events,
    "vobject": expand_with_vobject,
    "ical.js": expand_with_icaljs,
}


@pytest.fixture(params=sorted(PARSERS))
def expand(request: pytest.FixtureRequest) -> Expand:
    """Each independent parser in turn."""
    return PARSERS[request.param]


@pytest.fixture
def rie() -> Expand:
    """recurring-ical-events alone (the quickest of the independent parsers)."""
    return expand_with_recurring_ical_events


@pytest.fixture
def vob() -> Expand:
    """vobject alone."""
    return expand_with_vobject


@pytest.fixture
def icaljs_text() -> Callable[[bytes], dict[str, Any]]:
    """The text values ical.js reads (calendar name, each entry's CATEGORIES): :func:`read_text_with_icaljs`."""
    return read_text_with_icaljs


@pytest.fixture
def icaljs() -> Expand:
    """ical.js alone (one node process per call: batch many events into one calendar)."""
    return expand_with_icaljs


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., str]]:
    """A real HTTP server on 127.0.0.1 (no proxy in between); ``serve(path, body, status, headers, login)``
    publishes a body and returns its address.

    A body ``b"SLOW"`` trickles out for five seconds; with ``login`` (``"user:password"``) the page asks
    for Basic authentication. ``serve.seen`` lists (path, Authorization) of every request.
    """
    for variable in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(variable, raising=False)
    pages: dict[str, tuple[int, bytes, dict[str, str], str | None]] = {}
    seen: list[tuple[str, str | None]] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, body, headers, login = pages.get(self.path, (404, b"", {}, None))
            given = self.headers.get("Authorization")
            seen.append((self.path, given))
            if login is not None and given != "Basic " + base64.b64encode(login.encode()).decode():
                status, body, headers = 401, b"", {"WWW-Authenticate": 'Basic realm="Nextcloud"'}
            if body == b"SLOW":
                self.send_response(200)
                self.end_headers()
                for _ in range(50):
                    self.wfile.write(b"BEGIN:VCALENDAR\r\n")
                    self.wfile.flush()
                    time.sleep(0.1)
                return
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    host, port = httpd.server_address[:2]

    def serve(path: str, body: bytes, status: int = 200, headers: dict[str, str] | None = None,
              login: str | None = None) -> str:  # fmt: skip
        pages[path] = (status, body, headers or {}, login)
        return f"http://{host!s}:{port}{path}"

    serve.seen = seen  # type: ignore[attr-defined]
    yield serve
    httpd.shutdown()
    httpd.server_close()
