"""The ics exporter against independent parsers: what they expand is exactly what we exported."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import attrs
import pytest

import integrationsnetz as inz
from integrationsnetz import ExportError, ExportOptions, IcsMethod, IcsOptions, MeetingStatus, NetworkData
from integrationsnetz.exporters.ics_values import clean_text, uid_for
from integrationsnetz.testing.export_conformance import IcsExporterConformance, expected_occurrences
from integrationsnetz.testing.samples import SENTINEL_EMAIL, SENTINEL_NAME, TRICKY_TITLE, with_consents

Expand = Callable[[bytes], list[tuple[str, str, str, str]]]
STAMP = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


def unfold(payload: bytes) -> str:
    return payload.decode("utf-8").replace("\r\n ", "")


def ics(data: NetworkData, host: inz.PluginHost, **options: object) -> bytes:
    return inz.export(data, "ics", options=ExportOptions(stamp=STAMP, **options), host=host)  # type: ignore[arg-type]


def test_feed_header_and_timezone_are_what_clients_need(sample: NetworkData, host: inz.PluginHost) -> None:
    import icalendar

    payload = ics(sample, host)
    text = unfold(payload)
    assert "METHOD:PUBLISH\r\n" in text
    assert "\r\nNAME;VALUE=TEXT:Netzwerk Integration Wartburgkreis\r\n" in text
    assert "\r\nX-WR-CALNAME;VALUE=TEXT:Netzwerk Integration Wartburgkreis\r\n" in text
    assert "X-WR-TIMEZONE" not in text  # every time names its zone (see test_ics_fold.py)
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n" in text
    calendar = icalendar.Calendar.from_ical(payload)
    (timezone,) = calendar.timezones
    assert timezone.tz_name == "Europe/Berlin"
    assert "RDATE" not in timezone.to_ical().decode()  # Outlook reads only the RRULE form
    assert [sub.name for sub in timezone.subcomponents] == ["DAYLIGHT", "STANDARD"]
    assert calendar.get_missing_tzids() == set()
    calendar.validate()


def test_every_line_is_folded_crlf_utf8(sample: NetworkData, host: inz.PluginHost) -> None:
    payload = ics(sample, host, include_personal_data=True)
    assert payload.endswith(b"END:VCALENDAR\r\n")
    lines = payload.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    for line in lines:
        line.decode("utf-8")  # no multi-byte character split by folding


def test_every_event_has_uid_stamp_sequence_and_utc_until(sample: NetworkData, host: inz.PluginHost) -> None:
    import icalendar

    calendar = icalendar.Calendar.from_ical(ics(sample, host))
    for event in calendar.events:
        assert event.uid
        assert event.get("DTSTAMP") is not None
        assert event.get("SEQUENCE") is not None
        assert event.end > event.start
        if "RRULE" in event:
            assert event["RRULE"]["UNTIL"][0].tzinfo is not None
    assert re.search(r"RRULE:FREQ=WEEKLY;UNTIL=\d{8}T\d{6}Z;INTERVAL=2;BYDAY=WE", unfold(ics(sample, host)))


def test_all_day_events_end_the_day_after(sample: NetworkData, host: inz.PluginHost) -> None:
    text = unfold(ics(sample, host))
    assert "DTSTART;VALUE=DATE:20241015\r\nDTEND;VALUE=DATE:20241016\r\n" in text  # one day
    assert "DTSTART;VALUE=DATE:20260330\r\nDTEND;VALUE=DATE:20260401\r\n" in text  # 30 and 31 March


def test_parsers_expand_exactly_the_exported_meetings(
    sample: NetworkData, host: inz.PluginHost, expand: Expand
) -> None:
    """Across the DST switch of 29 March 2026, with a cancelled, a moved and a changed meeting."""
    options = ExportOptions(stamp=STAMP)
    assert expand(ics(sample, host)) == expected_occurrences(sample, options)


def test_cancelled_meetings_can_stay_visible(sample: NetworkData, host: inz.PluginHost, expand: Expand) -> None:
    options = ExportOptions(stamp=STAMP, ics=IcsOptions(show_cancelled=True))
    found = expand(inz.export(sample, "ics", options=options, host=host))
    assert found == expected_occurrences(sample, options)
    cancelled = [occurrence for occurrence in found if occurrence[3] == "CANCELLED"]
    assert cancelled == [("2026-04-08T14:00:00Z", "2026-04-08T15:30:00Z", "Abgesagt: AG Sprache", "CANCELLED")]


def test_regular_series_is_one_rule_with_exdate_and_overrides(sample: NetworkData, host: inz.PluginHost) -> None:
    import icalendar

    calendar = icalendar.Calendar.from_ical(ics(sample, host))
    series_uid = uid_for("netz-wak", "series", "ag-sprache-2026")
    parts = [event for event in calendar.events if event.uid == series_uid]
    master = next(event for event in parts if "RRULE" in event)
    overrides = sorted(event["RECURRENCE-ID"].dt for event in parts if "RECURRENCE-ID" in event)
    assert [d.isoformat() for d in overrides] == ["2026-03-25T16:00:00+01:00", "2026-05-06T16:00:00+02:00"]
    assert [d.dt.isoformat() for d in master["EXDATE"].dts] == ["2026-04-08T16:00:00+02:00"]
    assert all(event.sequence >= master.sequence for event in parts)
    # The irregular AG Arbeit dates stay single events, each with its meeting's own UID.
    arbeit = {uid_for("netz-wak", "meeting", f"ag-arbeit-2026-{n}") for n in range(1, 5)}
    assert arbeit <= {event.uid for event in calendar.events}


def test_series_can_be_written_as_single_events(sample: NetworkData, host: inz.PluginHost, rie: Expand) -> None:
    options = ExportOptions(stamp=STAMP, ics=IcsOptions(series=False))
    payload = inz.export(sample, "ics", options=options, host=host)
    assert b"RRULE" not in payload.replace(b"RRULE:FREQ=YEARLY", b"")
    assert rie(payload) == expected_occurrences(sample, options)


def test_uid_is_stable_and_sequence_follows_the_revision(sample: NetworkData, host: inz.PluginHost) -> None:
    import icalendar

    meeting = sample.meetings[0]
    moved = attrs.evolve(
        meeting, start=meeting.start + timedelta(days=1), end=meeting.end + timedelta(days=1), revision=8
    )
    before = icalendar.Calendar.from_ical(ics(sample, host)).events
    after = icalendar.Calendar.from_ical(ics(attrs.evolve(sample, meetings=(moved,)), host)).events
    uid = uid_for("netz-wak", "meeting", meeting.id)
    old = next(event for event in before if event.uid == uid)
    new = next(event for event in after if event.uid == uid)
    assert (old.sequence, new.sequence) == (7, 8)
    assert new.start - old.start == timedelta(days=1)
    assert uid == "81446b05-80c5-5f7e-aae9-3ded0415b718"  # the same in every export, ever


def test_same_input_gives_the_same_bytes_also_from_the_cache(sample: NetworkData) -> None:
    first = ics(sample, inz.PluginHost(entry_points=False))
    host = inz.PluginHost(entry_points=False)
    assert ics(sample, host) == first
    assert ics(sample, host) == first  # the second time every entry comes from the cache


def test_reexport_renders_only_what_changed_and_never_stale(sample: NetworkData, host: inz.PluginHost) -> None:
    from integrationsnetz.exporters.ics import IcsWriter

    writer = host.exporters()["ics"].write.__wrapped__.__self__  # type: ignore[attr-defined]
    assert isinstance(writer, IcsWriter)
    ics(sample, host)
    misses = writer.cache.misses
    changed = attrs.evolve(sample.meetings[0], title="Netzwerktreffen (neuer Titel)")
    payload = ics(attrs.evolve(sample, meetings=(changed, *sample.meetings[1:])), host)
    assert writer.cache.misses == misses + 1
    assert b"Netzwerktreffen (neuer Titel)" in payload
    # A change to something a meeting shows (its venue) reaches the meeting too, without a new revision.
    venue = attrs.evolve(sample.venues[0], name="Stadtschloss")
    assert b"Stadtschloss" in ics(attrs.evolve(sample, venues=(venue, *sample.venues[1:])), host)


def test_the_ics_module_still_offers_the_values_that_moved_to_ics_values() -> None:
    """Code that imported the iCalendar values from ``exporters.ics`` gets the very same objects."""
    from integrationsnetz.exporters import ics, ics_values

    moved = ("BERLIN", "BERLIN_VTIMEZONE", "PRODID", "UID_NAMESPACE", "clean_text", "uid_for")
    assert set(moved) <= set(ics.__all__)
    for name in moved:
        assert getattr(ics, name) is getattr(ics_values, name), name


def test_personal_data_only_when_asked(sample: NetworkData, host: inz.PluginHost) -> None:
    public = unfold(ics(sample, host))
    assert SENTINEL_NAME not in public
    assert SENTINEL_EMAIL not in public
    assert "ATTENDEE" not in public
    private = unfold(ics(with_consents(sample, ["directory"]), host, include_personal_data=True))
    assert f'ATTENDEE;CN="{SENTINEL_NAME}";PARTSTAT=ACCEPTED;ROLE=REQ-PARTICIPANT:mailto:{SENTINEL_EMAIL}' in private
    assert 'ATTENDEE;CN="Jobcenter Wartburgkreis";PARTSTAT=ACCEPTED;ROLE=REQ-PARTICIPANT:mailto:' in private
    assert "CN=\"Volkshochschule 'Wartburgkreis', Eisenach\";PARTSTAT=DECLINED" in private
    assert "ROLE=CHAIR" in private  # the moderator


def test_invitation_and_cancellation_of_one_meeting(sample: NetworkData, host: inz.PluginHost) -> None:
    import icalendar

    meeting = attrs.evolve(sample.meetings[0], status=MeetingStatus.CONFIRMED)
    data = attrs.evolve(sample, meetings=(meeting,))
    request = ExportOptions(stamp=STAMP, include_personal_data=True, ics=IcsOptions(method=IcsMethod.REQUEST))
    invitation = icalendar.Calendar.from_ical(inz.export(data, "ics", select=meeting, options=request, host=host))
    assert invitation["METHOD"] == "REQUEST"
    (event,) = invitation.events
    assert event.organizer is not None
    assert "mailto:sozialplanung@" in str(event["ORGANIZER"])
    rsvp = [a for a in event.attendees if a.params.get("RSVP") == "TRUE"]
    assert [str(a) for a in rsvp] == []  # everyone answered already in the sample
    cancel = attrs.evolve(request, ics=IcsOptions(method=IcsMethod.CANCEL))
    cancellation = icalendar.Calendar.from_ical(inz.export(data, "ics", select=meeting, options=cancel, host=host))
    assert cancellation["METHOD"] == "CANCEL"
    (gone,) = cancellation.events
    assert gone.uid == event.uid
    assert gone.sequence > event.sequence
    assert gone["STATUS"] == "CANCELLED"


def test_invitation_needs_one_meeting_and_personal_data(sample: NetworkData, host: inz.PluginHost) -> None:
    request = ExportOptions(include_personal_data=True, ics=IcsOptions(method=IcsMethod.REQUEST))
    with pytest.raises(ExportError, match="one meeting at a time"):
        inz.export(sample, "ics", options=request, host=host)
    with pytest.raises(ExportError, match="audience 'recipients'"):
        inz.export(sample, "ics", select=sample.meetings[0], options=ExportOptions(ics=request.ics), host=host)


def test_time_range_selects_meetings_that_start_inside(sample: NetworkData, host: inz.PluginHost, rie: Expand) -> None:
    options = ExportOptions(stamp=STAMP, start=date(2026, 3, 1), end=date(2026, 4, 1))
    found = rie(inz.export(sample, "ics", options=options, host=host))
    assert [o[0] for o in found] == [
        "2026-03-03T13:00:00Z", "2026-03-11T15:00:00Z", "2026-03-26T15:00:00Z", "2026-03-30",
    ]  # fmt: skip


def test_group_and_person_selections(sample: NetworkData, host: inz.PluginHost) -> None:
    import icalendar

    group = sample.groups[1]
    events = icalendar.Calendar.from_ical(inz.export(sample, "ics", select=group, host=host)).events
    assert {str(e["SUMMARY"]) for e in events} == {"AG Arbeit"}
    person = sample.persons[0]  # invited to the network meeting and the AG Sprache
    events = icalendar.Calendar.from_ical(inz.export(sample, "ics", select=[person], host=host)).events
    assert {str(e["X-INTEGRATIONSNETZ-ID"]).split("/")[0] for e in events} == {"meeting", "series"}


def test_text_cannot_inject_properties_or_components(sample: NetworkData, host: inz.PluginHost) -> None:
    import icalendar

    evil = "Treffen\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\rATTENDEE:mailto:x@evil.example\n;X=1:y\x00\x1b"
    meeting = attrs.evolve(sample.meetings[0], title=evil, description=evil)
    data = attrs.evolve(sample, meetings=(meeting,), events=(), courses=())
    calendar = icalendar.Calendar.from_ical(ics(data, host))
    (event,) = calendar.events
    assert str(event["SUMMARY"]) == "Abgesagt: " * 0 + clean_text(evil)
    assert "ATTENDEE" not in event
    assert event.uid != "evil"


def test_tricky_title_survives_every_parser(sample: NetworkData, host: inz.PluginHost, expand: Expand) -> None:
    summaries = {occurrence[2] for occurrence in expand(ics(sample, host))}
    assert TRICKY_TITLE in summaries


def test_a_backslash_before_n_stays_text_in_every_parser(
    sample: NetworkData, host: inz.PluginHost, expand: Expand
) -> None:
    """icalendar reads a literal ``\\N`` as a line break; our export escapes it as text (found by Hypothesis)."""
    import icalendar

    title = "Ablage S:\\Neue Ordner\\n\\N"
    meeting = attrs.evolve(sample.meetings[0], title=title, description=title)
    data = attrs.evolve(sample, meetings=(meeting,), events=(), courses=())
    payload = ics(data, host)
    assert {occurrence[2] for occurrence in expand(payload)} == {title}
    (event,) = icalendar.Calendar.from_ical(payload).events
    assert str(event["DESCRIPTION"]).startswith(title)
    named = attrs.evolve(data, network=attrs.evolve(data.network, name="Netz S:\\Neue; Ablage"))
    assert "\r\nX-WR-CALNAME;VALUE=TEXT:Netz S:\\\\Neue\\; Ablage\r\n" in ics(named, host).decode()  # TEXT, escaped


def test_group_names_in_categories_and_calendar_names_come_back_exactly(
    sample: NetworkData, host: inz.PluginHost, icaljs_text: Callable[[bytes], dict[str, Any]]
) -> None:
    """CATEGORIES escaped as RFC 5545 TEXT (icalendar's own rules turned ``\\N`` into a line break);
    NAME and X-WR-CALNAME with ``VALUE=TEXT`` (ical.js, the parser of Thunderbird and Nextcloud,
    and icalendar show a name without it escapes and all: ``Netz\\, Kreis``)."""
    import icalendar
    import vobject

    group_name = "AG S:\\Neue, Ablage; Sprache\\n"
    calendar_name = "Netz, Kreis; AG \\N Sprache"
    groups = tuple(attrs.evolve(g, name=group_name) if g.id == "ag-sprache" else g for g in sample.groups)
    data = attrs.evolve(sample, groups=groups, events=(), courses=())
    options = ExportOptions(stamp=STAMP, ics=IcsOptions(name=calendar_name))
    payload = inz.export(data, "ics", options=options, host=host)
    uid = uid_for("netz-wak", "series", "ag-sprache-2026")

    calendar = icalendar.Calendar.from_ical(payload)
    assert str(calendar["NAME"]) == str(calendar["X-WR-CALNAME"]) == calendar_name
    assert {tuple(e.categories) for e in calendar.events if e.uid == uid} == {("AG-Sitzung", group_name)}
    parsed = vobject.readOne(payload.decode("utf-8"))
    assert parsed.contents["name"][0].value == parsed.x_wr_calname.value == calendar_name
    assert {tuple(e.categories.value) for e in parsed.vevent_list if e.uid.value == uid} == {("AG-Sitzung", group_name)}
    icaljs = icaljs_text(payload)
    assert icaljs["name"] == icaljs["calname"] == calendar_name
    assert {tuple(e["categories"]) for e in icaljs["events"] if e["uid"] == uid} == {("AG-Sitzung", group_name)}


def test_import_integrationsnetz_and_a_host_do_not_import_calendar_libraries() -> None:
    code = (
        "import sys, integrationsnetz as inz; host = inz.PluginHost(entry_points=False); "
        "host.exporters(); host.importers(); "
        "heavy = {'icalendar', 'recurring_ical_events', 'x_wr_timezone', 'vobject'} & set(sys.modules); "
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


class TestIcsExporterConformance(IcsExporterConformance):
    """The built-in ics exporter passes the suite a third-party calendar exporter would."""

    def variants(self) -> list[ExportOptions]:
        return [ExportOptions(), ExportOptions(language="en", ics=IcsOptions(show_cancelled=True, series=False))]
