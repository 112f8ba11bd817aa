"""The network's own published calendars imported back into its store: nothing is lost or doubled,
and a date moved in a calendar program moves exactly that meeting.

End to end on a real workspace: ``plan 2027``, ``veroeffentlichen``, ``import out/<feed>.ics``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs
from click.testing import Result

import integrationsnetz as inz
from integrationsnetz.exporters.ics_values import uid_for

Run = Callable[..., Result]

#: A calendar program's override for one date of our AG series (Thunderbird copies the series'
#: properties, X-INTEGRATIONSNETZ-ID included, into it): 14 April moved to the 15th.
_MOVED_SESSION = (
    "BEGIN:VEVENT\r\nSUMMARY:AG Sprache und Bildung\r\n"
    "DTSTART;TZID=Europe/Berlin:20270415T100000\r\nDTEND;TZID=Europe/Berlin:20270415T120000\r\n"
    "DTSTAMP:20270101T000000Z\r\nUID:{uid}\r\nRECURRENCE-ID;TZID=Europe/Berlin:{slot}\r\n"
    "SEQUENCE:99\r\nX-INTEGRATIONSNETZ-ID:series/ag-sprache-bildung\r\nEND:VEVENT\r\n"
)


def _stored(folder: Path) -> dict[str, inz.Meeting]:
    with inz.open_store(f"sqlite://{folder / 'netz.db'}") as store:
        return {meeting.id: meeting for meeting in store.list(inz.Meeting)}


def _published(goettingen: Path, run: Run) -> dict[str, inz.Meeting]:
    assert run("plan", "2027").exit_code == 0
    published = run("veroeffentlichen", "--jahr", "2027")
    assert published.exit_code == 0, published.output
    return _stored(goettingen)


def test_importing_the_published_feeds_back_changes_nothing(goettingen: Path, run: Run) -> None:
    before = _published(goettingen, run)
    assert any(m.series_id for m in before.values())
    assert any(m.invitations for m in before.values())
    for feed in ("netzwerk.ics", "arbeit-goe.ics", "sprache-bildung.ics"):
        result = run("import", f"out/{feed}", "--yes")
        assert result.exit_code == 0, result.output
        assert "0 neu, 0 geändert" in result.output
        assert "Nichts zu ändern." in result.output
    assert _stored(goettingen) == before  # same ids, every field, the same revisions


def test_a_date_moved_in_the_feed_moves_exactly_that_meeting(goettingen: Path, run: Run) -> None:
    before = _published(goettingen, run)
    feed = goettingen / "out" / "netzwerk.ics"
    text = feed.read_text(encoding="utf-8")
    moved = "netzwerktreffen-goe-2027-sommer"
    meeting = before[moved]
    old_start, old_end = (f"{t:%Y%m%dT%H%M%S}" for t in (meeting.start, meeting.end))
    assert text.count(f"DTSTART;TZID=Europe/Berlin:{old_start}") == 1
    text = text.replace(f"DTSTART;TZID=Europe/Berlin:{old_start}", "DTSTART;TZID=Europe/Berlin:20270603T100000")
    text = text.replace(f"DTEND;TZID=Europe/Berlin:{old_end}", "DTEND;TZID=Europe/Berlin:20270603T130000")
    feed.write_text(text, encoding="utf-8", newline="")

    result = run("import", "out/netzwerk.ics", "--yes")
    assert result.exit_code == 0, result.output
    assert "0 neu, 1 geändert" in result.output
    assert f"  {moved}:" in result.output
    assert "→ 03.06.2027 10:00" in result.output
    assert "geleert" not in result.output  # no field is cleared
    after = _stored(goettingen)
    assert after.keys() == before.keys()
    assert {key for key in after if after[key] != before[key]} == {moved}
    changed = after[moved]
    assert (f"{changed.start:%d.%m. %H:%M}", f"{changed.end:%H:%M}") == ("03.06. 10:00", "13:00")
    assert attrs.evolve(changed, start=meeting.start, end=meeting.end, revision=meeting.revision,
                        modified=meeting.modified) == meeting  # group, venue, invitations ... kept  # fmt: skip


def test_a_session_moved_in_a_calendar_program_moves_that_session_and_a_date_the_store_lacks_is_reported(
    goettingen: Path, run: Run
) -> None:
    before = _published(goettingen, run)
    feed = goettingen / "out" / "sprache-bildung.ics"
    text = feed.read_text(encoding="utf-8")
    session = before["ag-sprache-bildung-2027-04-14"]
    uid = uid_for(session.network_id, "series", "ag-sprache-bildung")  # the UID the feed gives the series
    assert f"UID:{uid}" in text
    assert f"{session.start:%H:%M}" == "10:00"
    overrides = _MOVED_SESSION.format(uid=uid, slot="20270414T100000")
    overrides += _MOVED_SESSION.format(uid=uid, slot="20270505T100000")  # a date the series does not have
    feed.write_text(text.replace("END:VCALENDAR", overrides + "END:VCALENDAR"), encoding="utf-8", newline="")

    result = run("import", "out/sprache-bildung.ics", "--yes")
    assert result.exit_code == 0, result.output
    assert "0 neu, 1 geändert" in result.output
    assert "a date of the series 'ag-sprache-bildung' that the store does not hold" in result.output
    after = _stored(goettingen)
    assert after.keys() == before.keys()  # nothing created under a new id
    assert {key for key in after if after[key] != before[key]} == {session.id}
    assert f"{after[session.id].start:%d.%m. %H:%M}" == "15.04. 10:00"
    assert after[session.id].group_id == session.group_id is not None
