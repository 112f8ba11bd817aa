"""Members' calendars as busy time in the plan: no session lands in a required participant's busy hours.

The calendars are written as ICS text and read back through ``read_busy`` (the real parser); the
end-to-end test plans the Wartburgkreis example with the command line, names a member's calendar
in the planning file, and plans again.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import integrationsnetz as inz
from integrationsnetz.cli import main
from integrationsnetz.model import MeetingStatus
from integrationsnetz.plugins import PluginHost
from integrationsnetz.schedule import (
    Absence,
    Busy,
    PlanContext,
    PlanRequest,
    load_plan_config,
    plan,
)
from integrationsnetz.testing.schedule import PEOPLE, plan_requests

HOST = PluginHost(entry_points=False)
BERLIN = ZoneInfo("Europe/Berlin")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SECRET = "Personalgespräch Geheim"

# -- the contract ---------------------------------------------------------------------------------


def test_busy_times_merge_and_compare_as_instants() -> None:
    def busy(start: datetime, end: datetime) -> Busy:
        return Busy(person_id="p1", start=start, end=end)

    first = datetime(2027, 10, 31, 0, 30, tzinfo=UTC).astimezone(BERLIN)  # 02:30 CEST
    context = PlanContext(
        state=inz.State.TH,
        absences=[busy(first, first + timedelta(minutes=20)), busy(datetime(2027, 3, 9, 9, tzinfo=BERLIN),
              datetime(2027, 3, 9, 10, tzinfo=BERLIN)), busy(datetime(2027, 3, 9, 10, tzinfo=BERLIN),
              datetime(2027, 3, 9, 11, tzinfo=BERLIN))],
    )  # fmt: skip
    second = datetime(2027, 10, 31, 2, 30, fold=1, tzinfo=BERLIN)  # 02:30 CET, an hour later
    assert context.busy_time("p1", second, second + timedelta(minutes=10)) is None
    assert context.busy_time("p1", second - timedelta(hours=1), second) is not None
    def at(hour: int, minute: int = 0) -> datetime:
        return datetime(2027, 3, 9, hour, minute, tzinfo=BERLIN)

    merged = context.busy_time("p1", at(10, 30), at(12))
    assert merged is not None
    assert (merged.start.hour, merged.end.hour) == (9, 11)
    assert context.busy_time("p1", at(11), at(12)) is None
    assert context.busy_time("p2", at(9), at(12)) is None


# -- the property -------------------------------------------------------------------------------

_FORMS = ("berlin", "utc", "floating", "all-day", "weekly", "transparent", "cancelled", "tentative")


@st.composite
def busy_calendars(
    draw: st.DrawFn, first: date, last: date, targets: list[tuple[str, datetime]]
) -> tuple[dict[str, str], list[tuple[str, datetime, datetime]]]:
    """ICS text per person, and the timed busy spans written (what must block, independent of the reader).

    Half the entries lie near a session the rules ask for (``targets``: participant and nominal
    start), so the planner has something to move; the others anywhere in the period.
    """
    events: dict[str, list[str]] = {}
    written: list[tuple[str, datetime, datetime]] = []
    for number in range(draw(st.integers(0, 12))):
        if targets and draw(st.booleans()):
            person, nominal = draw(st.sampled_from(targets))
            start = nominal + timedelta(minutes=15 * draw(st.integers(-8, 8)))
        else:
            person = draw(st.sampled_from(PEOPLE))
            day = first + timedelta(days=draw(st.integers(0, (last - first).days)))
            start = datetime.combine(day, time(draw(st.integers(7, 17)), draw(st.sampled_from([0, 15, 30, 45]))))
        day = start.date()
        end = start + timedelta(minutes=draw(st.integers(1, 20)) * 15)
        form = draw(st.sampled_from(_FORMS))
        lines = [f"UID:e{number}", f"SUMMARY:{SECRET} {number}"]
        local = f"DTSTART;TZID=Europe/Berlin:{start:%Y%m%dT%H%M%S}|DTEND;TZID=Europe/Berlin:{end:%Y%m%dT%H%M%S}"
        if form == "utc":
            begin, finish = (moment.replace(tzinfo=BERLIN).astimezone(UTC) for moment in (start, end))
            lines.append(f"DTSTART:{begin:%Y%m%dT%H%M%SZ}|DTEND:{finish:%Y%m%dT%H%M%SZ}")
        elif form == "floating":
            lines.append(f"DTSTART:{start:%Y%m%dT%H%M%S}|DTEND:{end:%Y%m%dT%H%M%S}")
        elif form == "all-day":
            lines.append(f"DTSTART;VALUE=DATE:{day:%Y%m%d}|DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}")
        elif form == "weekly":
            skipped = start + timedelta(days=7)
            lines.append(f"{local}|RRULE:FREQ=WEEKLY;COUNT=4|EXDATE;TZID=Europe/Berlin:{skipped:%Y%m%dT%H%M%S}")
        else:
            lines.append(local)
            lines += {"transparent": ["TRANSP:TRANSPARENT"], "cancelled": ["STATUS:CANCELLED"]}.get(form, [])
            lines += ["STATUS:TENTATIVE"] if form == "tentative" else []
        events.setdefault(person, []).append("BEGIN:VEVENT|" + "|".join(lines) + "|END:VEVENT")
        if form in ("berlin", "utc", "floating", "tentative"):
            written.append((person, start.replace(tzinfo=BERLIN), end.replace(tzinfo=BERLIN)))
        if form == "weekly":
            for week in (0, 2, 3):
                shift = timedelta(days=7 * week)
                written.append((person, (start + shift).replace(tzinfo=BERLIN), (end + shift).replace(tzinfo=BERLIN)))
    texts = {
        person: "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", *"|".join(items).split("|"),
                             "END:VCALENDAR", ""])
        for person, items in events.items()
    }  # fmt: skip
    return texts, written


@st.composite
def requests_with_calendars(
    draw: st.DrawFn,
) -> tuple[PlanRequest, list[tuple[str, datetime, datetime]], dict[str, str]]:
    request = draw(plan_requests())
    targets = [
        (person, datetime.combine(occurrence.day, rules.times[0].start))
        for rules in request.series
        for occurrence in rules.occurrences(request.start, request.end)
        for person in rules.participant_ids
    ]
    texts, written = draw(busy_calendars(request.start, request.end, targets))
    blocked: list[Absence | Busy] = list(request.absences)
    for person, text in texts.items():
        times = inz.read_busy(text.encode(), person, start=request.start, end=request.end)
        blocked.extend(times.blocked())
    return attrs.evolve(request, absences=tuple(blocked)), written, texts


def _overlaps(start: datetime, end: datetime, other_start: datetime, other_end: datetime) -> bool:
    return start.astimezone(UTC) < other_end.astimezone(UTC) and other_start.astimezone(UTC) < end.astimezone(UTC)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(requests_with_calendars())
def test_no_session_lands_in_a_required_participants_busy_time(
    drawn: tuple[PlanRequest, list[tuple[str, datetime, datetime]], dict[str, str]],
) -> None:
    request, written, _ = drawn
    result = plan(request, host=HOST)
    series = {s.id: s for s in request.series}
    busy = [item for item in request.absences if isinstance(item, Busy)]
    days = [item for item in request.absences if isinstance(item, Absence)]
    for person, start, end in written:  # the reader kept every busy span the calendars hold
        if request.start <= start.date() <= request.end:
            assert any(b.person_id == person and b.start <= start and end <= b.end for b in busy), (person, start)
    for meeting in result.live():
        if meeting.status is not MeetingStatus.PLANNED:
            continue  # kept as it was (confirmed, held): the report names a clash, the planner does not move it
        rules = series[meeting.series_id or ""]
        required = {*rules.participant_ids, *([rules.organizer_id] if rules.organizer_id else [])}
        for person, start, end in written:
            assert person not in required or not _overlaps(meeting.start, meeting.end, start, end), (meeting, start)
        for item in busy:
            assert item.person_id not in required or not _overlaps(meeting.start, meeting.end, item.start, item.end)
        for absence in days:
            on = absence.start <= meeting.start.date() <= absence.end
            assert absence.person_id not in required or not on, (meeting, absence)
    assert SECRET not in repr(result)


# -- the planning file ----------------------------------------------------------------------------


def _planning_file(folder: Path, calendars: str) -> Path:
    target = folder / "planung.toml"
    text = (EXAMPLES / "wartburgkreis.toml").read_text(encoding="utf-8")
    target.write_text(f"{text}\n{calendars}\n", encoding="utf-8")
    return target


def test_planning_file_errors_name_the_field(tmp_path: Path) -> None:
    target = _planning_file(tmp_path, '[[calendars]]\nperson_id = "im-1"\nfile = "kalender/fehlt.ics"\n\n'
                                      '[[calendars]]\nperson_id = "im-9"\nurl = "ftp://x.example/k.ics"\n\n'
                                      '[[calendars]]\nperson_id = "im-2"\n')  # fmt: skip
    with pytest.raises(inz.InvalidData) as caught:
        load_plan_config(target)
    assert caught.value.source == str(target)
    assert caught.value.problems[0].startswith("$.calendars[2]")
    assert "name the calendar's file or its url" in str(caught.value)
    (tmp_path / "kalender").mkdir()
    (tmp_path / "kalender" / "fehlt.ics").write_bytes(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:kaputt\r\n")
    target = _planning_file(tmp_path, '[[calendars]]\nperson_id = "im-1"\nfile = "kalender/fehlt.ics"\n\n'
                                      '[[calendars]]\nperson_id = "im-9"\nurl = "ftp://x.example/k.ics"\n')  # fmt: skip
    with pytest.raises(inz.InvalidData) as caught:
        load_plan_config(target, data=_wartburgkreis())
    assert caught.value.problems == (
        "$.calendars[1].url: expected an address starting with https://, http:// or webcal://, got ftp://x.example/…",
    )
    target = _planning_file(tmp_path, '[[calendars]]\nperson_id = "im-9"\nurl = "webcal://x.example/k.ics"\n')
    with pytest.raises(inz.InvalidData, match=r"\$\.calendars\[0\]\.person_id: no person or organisation"):
        load_plan_config(target, data=_wartburgkreis())
    target = _planning_file(tmp_path, '[[calendars]]\nperson_id = "im-1"\nfile = "kalender/fehlt.ics"\n')
    config = load_plan_config(target, data=_wartburgkreis())
    expected = r"planung\.toml: \$\.calendars\[0\]\.file: .*fehlt\.ics: line 2: BEGIN:VEVENT is never closed"
    with pytest.raises(inz.InvalidData, match=expected):
        config.blocked_times(date(2027, 1, 1), date(2027, 12, 31))


def _wartburgkreis() -> inz.NetworkData:
    return inz.documents.load(EXAMPLES / "wartburgkreis-netzwerk.toml")


# -- end to end: the main job's way of planning -----------------------------------------------------

Run = Callable[..., Result]


@pytest.fixture
def wartburgkreis(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace of the Wartburgkreis example (document and planning file, sqlite: store); the cwd."""
    folder = tmp_path / "wartburgkreis"
    folder.mkdir()
    shutil.copy(EXAMPLES / "wartburgkreis-netzwerk.toml", folder)
    shutil.copy(EXAMPLES / "wartburgkreis.toml", folder)
    (folder / "integrationsnetz.toml").write_text(
        'netz = "wartburgkreis-netzwerk.toml"\nplanung = "wartburgkreis.toml"\n'
        'store = "sqlite:netz.db"\nausgabe = "out"\n',
        encoding="utf-8",
    )
    for variable in ("LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.chdir(folder)
    return folder


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _meetings(folder: Path) -> dict[str, inz.Meeting]:
    with inz.open_store(f"sqlite://{folder / 'netz.db'}") as store:
        return {meeting.id: meeting for meeting in store.list(inz.Meeting) if meeting.series_id}


def _name_calendar(folder: Path, person: str, file: str) -> None:
    planning = folder / "wartburgkreis.toml"
    text = planning.read_text(encoding="utf-8")
    planning.write_text(f'{text}\n[[calendars]]\nperson_id = "{person}"\nfile = "{file}"\n', encoding="utf-8")


def test_a_members_calendar_moves_a_planned_meeting_without_saying_why(wartburgkreis: Path) -> None:
    first = _run("plan", "2027")
    assert first.exit_code == 0, first.output
    before = _meetings(wartburgkreis)
    target = min((m for m in before.values() if m.series_id == "ag-sprache"), key=lambda m: m.start)
    start, end = (moment.astimezone(UTC) for moment in (target.start, target.end))
    (wartburgkreis / "kalender").mkdir()
    (wartburgkreis / "kalender" / "im-1.ics").write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\n"
        f"BEGIN:VEVENT\r\nUID:040000008200E00074C5B7101A82E008\r\nSUMMARY:{SECRET}\r\n"
        "LOCATION:Büro der Amtsleitung\r\nDESCRIPTION:Thema: vertraulich\r\n"
        f"DTSTART:{start - timedelta(minutes=30):%Y%m%dT%H%M%SZ}\r\n"
        f"DTEND:{start + timedelta(hours=1):%Y%m%dT%H%M%SZ}\r\n"
        "TRANSP:OPAQUE\r\nX-MICROSOFT-CDO-BUSYSTATUS:BUSY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    _name_calendar(wartburgkreis, "im-1", "kalender/im-1.ics")
    checked = _run("check")  # the example document has problems of its own; the planning file has none
    assert "wartburgkreis.toml: keine Probleme." in checked.output, checked.output
    english = _run("--lang", "en", "plan", "2027", "--dry-run")
    assert english.exit_code == 0, english.output
    assert "Integrationsmanagerin" in english.output or ": busy on" in english.output
    assert ": busy on" in english.output
    second = _run("plan", "2027")
    assert second.exit_code == 0, second.output
    after = _meetings(wartburgkreis)
    moved = after[target.id]
    assert not _overlap(moved, start, end + timedelta(hours=1))
    assert moved.start != target.start
    line = next(line for line in second.output.splitlines() if "belegt am" in line)
    assert "AG Sprache" in line
    assert "verschoben auf" in line
    for output in (first.output, english.output, second.output):
        assert "Geheim" not in output
        assert "vertraulich" not in output
    stored = (wartburgkreis / "netz.db").read_bytes()
    assert b"Geheim" not in stored
    assert b"vertraulich" not in stored
    assert set(after) == set(before)  # the same sessions, ids kept


def _overlap(meeting: inz.Meeting, start: datetime, end: datetime) -> bool:
    return meeting.start.astimezone(UTC) < end and start < meeting.end.astimezone(UTC)


def test_a_member_with_the_networks_own_feed_in_their_calendar_moves_nothing(wartburgkreis: Path) -> None:
    """A member who subscribed to (or accepted) the network's meetings has them in their calendar: they do not block."""
    assert _run("plan", "2027").exit_code == 0
    published = _run("veroeffentlichen", "--jahr", "2027")
    assert published.exit_code == 0, published.output
    before = _meetings(wartburgkreis)
    feed = wartburgkreis / "out" / "netzwerk.ics"
    assert feed.is_file()
    _name_calendar(wartburgkreis, "im-1", "out/netzwerk.ics")
    again = _run("plan", "2027")
    assert again.exit_code == 0, again.output
    assert "belegt" not in again.output
    assert {i: (m.start, m.end) for i, m in _meetings(wartburgkreis).items()} == {
        i: (m.start, m.end) for i, m in before.items()
    }
