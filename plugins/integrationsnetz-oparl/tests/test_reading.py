"""integrationsnetz-oparl: a council's OParl meetings read over HTTP, and kept clear of when planning."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar

import attrs
import orjson
import pytest
import wartburgkreis
from integrationsnetz_oparl import write_endpoint
from integrationsnetz_oparl.reading import CouncilMeeting, as_busy, read_council_meetings

import integrationsnetz as inz
from integrationsnetz.schedule import PlanRequest, load_plan_config, plan

EXAMPLES = Path(__file__).parents[3] / "examples"
SCHEMA = "https://schema.oparl.org/1.1/"


class _Council(http.server.BaseHTTPRequestHandler):
    """Serves ``pages`` (path -> bytes, query ignored); a path in ``failing`` answers 503 that many times first."""

    pages: ClassVar[dict[str, bytes]] = {}
    failing: ClassVar[dict[str, int]] = {}
    dropping: ClassVar[dict[str, int]] = {}
    asked: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        """One page, a 503 while the path still fails, or 404."""
        self.asked.append(self.path)
        path = self.path.split("?", 1)[0]
        if self.dropping.get(path, 0) > 0:  # the connection closes without an answer
            self.dropping[path] -= 1
            self.close_connection = True
            return
        if self.failing.get(path, 0) > 0:
            self.failing[path] -= 1
            self.send_error(503)
            return
        payload = self.pages.get(path)
        if payload is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:
        """No access log on stderr."""


@pytest.fixture
def council() -> Iterator[tuple[type[_Council], str]]:
    """A council's server on loopback (its pages set by the test) and its base URL."""
    handler = type("Handler", (_Council,), {"pages": {}, "failing": {}, "dropping": {}, "asked": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield handler, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _meeting(base: str, number: int, start: datetime, **extra: Any) -> dict[str, Any]:
    return {
        "id": f"{base}/meeting/{number}",
        "type": SCHEMA + "Meeting",
        "name": f"Kreistag {number}",
        "start": start.isoformat(),
        "end": (start + timedelta(hours=3)).isoformat(),
        **extra,
    }


def _publish(handler: type[_Council], base: str, meetings: list[dict[str, Any]], page_size: int) -> str:
    """A System with one Body whose meetings are paged ``page_size`` a page; the System's URL."""
    pages = [meetings[i : i + page_size] for i in range(0, len(meetings), page_size)] or [[]]
    handler.pages["/system"] = orjson.dumps(
        {"id": f"{base}/system", "type": SCHEMA + "System", "body": f"{base}/bodies"}
    )
    body = {"id": f"{base}/body", "type": SCHEMA + "Body", "meeting": f"{base}/meetings/1", "name": "Wartburgkreis"}
    handler.pages["/bodies"] = orjson.dumps({"data": [body], "links": {}, "pagination": {}})
    for number, data in enumerate(pages, start=1):
        links = {"next": f"{base}/meetings/{number + 1}"} if number < len(pages) else {}
        handler.pages[f"/meetings/{number}"] = orjson.dumps({"data": data, "links": links, "pagination": {}})
    return f"{base}/system"


def test_the_wartburgkreis_endpoint_reads_back_its_meetings(
    tmp_path: Path, council: tuple[type[_Council], str]
) -> None:
    data = wartburgkreis.build()
    (first,) = data.meetings
    extra = []
    for n in range(1, 8):
        status = inz.MeetingStatus.CANCELLED if n == 3 else first.status
        later = (first.start + timedelta(weeks=n), first.end + timedelta(weeks=n))
        extra.append(attrs.evolve(first, id=f"nt-2025-{n}", start=later[0], end=later[1], status=status))
    data = attrs.evolve(data, meetings=(first, *extra))
    handler, server = council
    base = f"{server}/oparl"
    written = write_endpoint(data, tmp_path / "oparl", base, page_size=3, as_of=date(2024, 10, 30))
    for path in (tmp_path / "oparl").rglob("*.json"):
        handler.pages["/oparl/" + path.relative_to(tmp_path / "oparl").as_posix()] = path.read_bytes()
    read = read_council_meetings(written.system_url)
    expected = {
        (f"{base}/meeting/{m.id}.json", m.start, m.end, m.status is inz.MeetingStatus.CANCELLED) for m in data.meetings
    }
    assert {(m.id, m.start, m.end, m.cancelled) for m in read.meetings} == expected
    assert [m.start for m in read.meetings] == sorted(m.start for m in read.meetings)
    assert sum(m.cancelled for m in read.meetings) == 1
    assert read.pages == 2 + 3  # System, bodies (the Body embedded), 3 pages of 3 meetings
    assert len(read.as_busy(["im-1"])) == 7


def test_a_large_body_is_read_through_every_page_and_a_failed_page_is_retried(
    council: tuple[type[_Council], str],
) -> None:
    handler, base = council
    first = datetime(2025, 1, 6, 16, tzinfo=UTC)
    meetings = [_meeting(base, n, first + timedelta(days=n)) for n in range(2500)]
    system = _publish(handler, base, meetings, page_size=25)
    handler.failing["/meetings/37"] = 1
    handler.dropping["/meetings/80"] = 1
    read = read_council_meetings(system, since=datetime(2024, 1, 1, tzinfo=UTC))
    assert len(read.meetings) == 2500
    assert [m.id for m in read.meetings] == [m["id"] for m in meetings]
    assert read.pages == 2 + 100  # System, bodies, 100 meeting pages (the retry is the same page)
    assert handler.asked.count("/meetings/37?modified_since=2024-01-01T00%3A00%3A00%2B00%3A00") == 2
    assert sum(asked.startswith("/meetings/80?") for asked in handler.asked) == 2
    assert all("modified_since=" in asked for asked in handler.asked if asked.startswith("/meetings/"))


def test_bad_json_a_page_that_keeps_failing_and_a_meeting_without_end_name_the_url(
    council: tuple[type[_Council], str],
) -> None:
    handler, base = council
    first = datetime(2025, 3, 3, 16, tzinfo=UTC)
    system = _publish(handler, base, [_meeting(base, n, first + timedelta(days=n)) for n in range(30)], page_size=10)
    handler.pages["/meetings/2"] = b'{"data": [ {"id": '
    with pytest.raises(inz.InvalidData, match="not JSON") as caught:
        read_council_meetings(system)
    assert caught.value.source == f"{base}/meetings/2"

    handler.pages["/meetings/2"] = handler.pages["/meetings/1"].replace(b"/meetings/2", b"/meetings/3")
    handler.failing["/meetings/3"] = 10
    with pytest.raises(inz.InvalidData, match=r"the server answered 503, 3 attempts") as caught:
        read_council_meetings(system, retries=2)
    assert caught.value.source == f"{base}/meetings/3"
    assert f"{base}/meetings/3" in str(caught.value)

    handler.failing.clear()
    broken = _meeting(base, 99, first)
    del broken["end"]
    handler.pages["/meetings/3"] = orjson.dumps({"data": [broken], "links": {}})
    with pytest.raises(inz.InvalidData) as caught:
        read_council_meetings(system)
    assert caught.value.source == f"{base}/meetings/3"
    assert caught.value.problems == ("$.data[0].end: expected a date-time with a UTC offset, got nothing",)


def test_cancelled_meetings_block_nobody_and_each_person_gets_the_hours() -> None:
    start = datetime(2027, 3, 2, 14, tzinfo=UTC)
    held = CouncilMeeting(id="u1", name="Kreistag", start=start, end=start + timedelta(hours=4))
    called_off = CouncilMeeting(
        id="u2",
        name="Kreistag",
        start=start + timedelta(days=7),
        end=start + timedelta(days=7, hours=4),
        cancelled=True,
    )
    busy = as_busy([held, called_off], ["im-1", "im-2", "im-1"])
    assert [(b.person_id, b.start, b.end) for b in busy] == [
        ("im-1", held.start, held.end),
        ("im-2", held.start, held.end),
    ]
    with pytest.raises(inz.InvalidData, match="person_ids"):
        as_busy([held], "im-1")


def test_the_planner_keeps_a_session_off_a_kreistag_meeting(council: tuple[type[_Council], str]) -> None:
    data = inz.documents.load(EXAMPLES / "wartburgkreis-netzwerk.toml")
    config = load_plan_config(EXAMPLES / "wartburgkreis.toml", data=data)
    start, end = date(2027, 1, 1), date(2027, 12, 31)
    blocked = config.blocked_times(start, end, data=data)
    before = plan(PlanRequest.for_network(data, config.series, start=start, end=end, absences=blocked))
    target = min(before.of_series("ag-sprache"), key=lambda m: m.start)
    day = target.start.astimezone(UTC).replace(hour=8, minute=0)
    handler, base = council
    kreistag = {**_meeting(base, 1, day), "end": (day + timedelta(hours=10)).isoformat()}
    system = _publish(handler, base, [kreistag, _meeting(base, 2, day + timedelta(days=1), cancelled=True)], 10)

    read = read_council_meetings(system)
    after = plan(
        PlanRequest.for_network(data, config.series, start=start, end=end, absences=(*blocked, *read.as_busy(["im-1"])))
    )
    moved = next(m for m in after.meetings if m.id == target.id)
    assert moved.start.date() != target.start.date()
    assert not (moved.start.astimezone(UTC) < day + timedelta(hours=10) and day < moved.end.astimezone(UTC))
    assert "belegt" in after.text()
