"""Fixtures for the export tests: the sample network, a fresh host, and independent calendar parsers.

Each parser fixture turns .ics bytes into the sorted list of occurrences it sees, as
``(start, end, summary, status)`` with times in UTC (``2026-03-26T15:00:00Z``) and all-day
dates as ``2026-03-30``, so the tests compare what different parsers read with the meetings we
exported.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
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
