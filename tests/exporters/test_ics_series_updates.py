"""Series updates only go forward: a series' SEQUENCE rises with every change to any of its meetings,
and an invitation or cancellation for one date names that date as the feed does (series UID and
RECURRENCE-ID), so a calendar holding both shows it once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import integrationsnetz as inz
from integrationsnetz import ExportOptions, IcsMethod, IcsOptions, Meeting, MeetingStatus, NetworkData
from integrationsnetz.exporters.ics_values import uid_for

Expand = Callable[[bytes], list[tuple[str, str, str, str]]]
BERLIN = ZoneInfo("Europe/Berlin")
STAMP = datetime(2026, 1, 1, tzinfo=UTC)
SPRACHE = uid_for("netz-wak", "series", "ag-sprache-2026")
FEEDS = {
    "feed": ExportOptions(),
    "with cancelled": ExportOptions(ics=IcsOptions(show_cancelled=True)),
    "from March": ExportOptions(start=datetime(2026, 3, 1, tzinfo=BERLIN)),
}


def _parts(payload: bytes, uid: str) -> list[Any]:
    import icalendar

    return [event for event in icalendar.Calendar.from_ical(payload).events if event.uid == uid]


def _master(payload: bytes, uid: str) -> Any | None:
    return next((event for event in _parts(payload, uid) if "RRULE" in event), None)


# -- the feed's master, step by step through a store


def _network() -> inz.Network:
    return inz.Network(
        id="netz",
        name="Netz",
        region=inz.Region(name="Wartburgkreis", state=inz.State.TH, ags="16063"),
        contacts=(inz.ContactPoint(kind=inz.ContactKind.EMAIL, value="integration@example.org"),),
    )


def _weekly(count: int, first: datetime) -> list[Meeting]:
    return [
        Meeting(
            id=f"m{n}",
            network_id="netz",
            kind=inz.MeetingKind.WORKING_GROUP,
            title="AG Sprache",
            start=first + timedelta(weeks=n),
            end=first + timedelta(weeks=n, minutes=90),
            series_id="s",
            status=MeetingStatus.CONFIRMED,
        )
        for n in range(count)
    ]


def _change(meetings: list[Meeting], action: str, pick: int, amount: int) -> Meeting:
    """The meeting ``action`` makes: what a user or the planner would put into the store."""
    meeting = meetings[pick % len(meetings)]
    if action.startswith("move"):
        shift = timedelta(hours=amount) if action == "move hours" else timedelta(days=amount)
        return attrs.evolve(meeting, start=meeting.start + shift, end=meeting.end + shift)
    if action == "cancel or confirm":
        cancelled = meeting.status is MeetingStatus.CANCELLED
        return attrs.evolve(meeting, status=MeetingStatus.CONFIRMED if cancelled else MeetingStatus.CANCELLED)
    if action == "retitle":
        return attrs.evolve(meeting, title=f"AG Sprache ({amount})")
    if action == "revise":
        return meeting  # written again unchanged: a new revision
    last = max(meetings, key=lambda m: m.start)  # "add": a meeting after the last
    step = timedelta(weeks=max(amount, 1))
    return attrs.evolve(last, id=f"m{len(meetings)}", start=last.start + step, end=last.end + step,
                        revision=0, created=None, modified=None)  # fmt: skip


steps = st.lists(
    st.tuples(
        st.sampled_from(["move hours", "move days", "cancel or confirm", "retitle", "revise", "add"]),
        st.integers(0, 20),
        st.sampled_from([-2, -1, 1, 2]),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    count=st.integers(3, 8),
    first=st.datetimes(min_value=datetime(2026, 1, 5), max_value=datetime(2027, 12, 20)).map(
        lambda d: d.replace(hour=16, minute=0, second=0, microsecond=0, tzinfo=BERLIN)
    ),
    changes=steps,
)
def test_every_change_raises_the_sequence_and_no_stamp_goes_back(
    count: int, first: datetime, changes: list[tuple[str, int, int]], host: inz.PluginHost
) -> None:
    """Moved, cancelled, confirmed again, retitled, revised and added meetings, each written to a
    store (which raises its revision and stamps it): in every feed written afterwards the series'
    master has a higher SEQUENCE, and DTSTAMP and LAST-MODIFIED not earlier, than in the one before."""
    uid = uid_for("netz", "series", "s")
    seen: dict[str, tuple[int, datetime, datetime]] = {}
    with host.open_store("memory:") as store:
        network = store.put(_network())
        store.put_many(_weekly(count, first))
        for number in range(len(changes) + 1):
            if number:
                store.put(_change(store.list(Meeting, network_id="netz"), *changes[number - 1]))
            data = NetworkData(network=network, meetings=tuple(store.list(Meeting, network_id="netz")))
            for name, options in FEEDS.items():
                payload = inz.export(data, "ics", options=options, host=host)
                master = _master(payload, uid)
                if master is None:
                    continue  # written as single entries (too irregular), or no meeting in the range
                assert all(part.sequence == master.sequence for part in _parts(payload, uid))
                now = (master.sequence, master["DTSTAMP"].dt, master["LAST-MODIFIED"].dt)
                if name in seen:
                    before = seen[name]
                    assert now[0] > before[0], (name, changes[:number])
                    assert now[1] >= before[1], (name, changes[:number])
                    assert now[2] >= before[2], (name, changes[:number])
                seen[name] = now
    assert "feed" in seen


def test_a_moved_and_a_cancelled_meeting_raise_the_master(sample: NetworkData, host: inz.PluginHost) -> None:
    """The case of issue 14: moving one meeting of the series dropped the master's SEQUENCE from 4
    to 2 and its DTSTAMP back in time; cancelling another added an EXDATE at the same SEQUENCE."""
    later = datetime(2026, 2, 1, 9, tzinfo=UTC)
    before = _master(inz.export(sample, "ics", host=host), SPRACHE)
    assert before is not None
    meetings = list(sample.meetings)
    moved = next(i for i, m in enumerate(meetings) if m.id == "ag-sprache-2026-06")
    hour = timedelta(hours=1)
    meetings[moved] = attrs.evolve(
        meetings[moved], start=meetings[moved].start + hour, end=meetings[moved].end + hour, revision=3, modified=later
    )
    after_move = _master(inz.export(attrs.evolve(sample, meetings=tuple(meetings)), "ics", host=host), SPRACHE)
    assert after_move is not None
    assert after_move.sequence > before.sequence
    assert after_move["DTSTAMP"].dt >= before["DTSTAMP"].dt
    assert after_move["LAST-MODIFIED"].dt == later
    cancelled = next(i for i, m in enumerate(meetings) if m.id == "ag-sprache-2026-08")
    meetings[cancelled] = attrs.evolve(meetings[cancelled], status=MeetingStatus.CANCELLED)  # not even written yet
    after_cancel = _master(inz.export(attrs.evolve(sample, meetings=tuple(meetings)), "ics", host=host), SPRACHE)
    assert after_cancel is not None
    assert len(after_cancel["EXDATE"].dts) == len(after_move["EXDATE"].dts) + 1
    assert after_cancel.sequence > after_move.sequence


def test_a_deleted_meeting_leaves_no_trace_so_cancel_instead(host: inz.PluginHost) -> None:
    """Why no SEQUENCE can rise when a meeting is deleted (``docs/reference/formats.md``): the feed
    after adding a meeting and deleting it again is the feed from before, byte for byte."""
    uid = uid_for("netz", "series", "s")
    with host.open_store("memory:") as store:
        network = store.put(_network())
        store.put_many(_weekly(4, datetime(2026, 2, 4, 16, tzinfo=BERLIN)))

        def feed() -> bytes:
            data = NetworkData(network=network, meetings=tuple(store.list(Meeting, network_id="netz")))
            return inz.export(data, "ics", options=ExportOptions(stamp=STAMP), host=host)

        before = feed()
        added = store.put(_change(store.list(Meeting, network_id="netz"), "add", 0, 1))
        with_added = feed()
        store.delete(Meeting, added.id)
        assert feed() == before
        assert _master(with_added, uid).sequence > _master(before, uid).sequence


# -- an invitation or cancellation for one date of the series


def _message(data: NetworkData, meeting_id: str, method: IcsMethod, host: inz.PluginHost) -> bytes:
    options = ExportOptions(stamp=STAMP, include_personal_data=True, ics=IcsOptions(method=method))
    return inz.export(data, "ics", select=meeting_id, options=options, host=host)


def _merged(feed: bytes, message: bytes) -> bytes:
    """The feed with the message's entry added, as a calendar holds both."""
    entry = message[message.index(b"BEGIN:VEVENT") : message.rindex(b"END:VEVENT\r\n") + len(b"END:VEVENT\r\n")]
    return feed.replace(b"END:VCALENDAR\r\n", entry + b"END:VCALENDAR\r\n")


def _moved(data: NetworkData, meeting_id: str, by: timedelta) -> NetworkData:
    def move(m: Meeting) -> Meeting:
        return attrs.evolve(m, start=m.start + by, end=m.end + by, revision=m.revision + 1)

    return attrs.evolve(data, meetings=tuple(move(m) if m.id == meeting_id else m for m in data.meetings))


def test_a_message_for_one_date_has_the_series_uid_and_the_feeds_recurrence_id(
    sample: NetworkData, host: inz.PluginHost
) -> None:
    feed = inz.export(sample, "ics", options=ExportOptions(stamp=STAMP), host=host)
    master = _master(feed, SPRACHE)
    assert master is not None
    overrides = {str(part["X-INTEGRATIONSNETZ-ID"]): part["RECURRENCE-ID"].dt for part in _parts(feed, SPRACHE)
                 if "RECURRENCE-ID" in part}  # fmt: skip
    for meeting in (m for m in sample.meetings if m.series_id == "ag-sprache-2026"):
        (request,) = _parts(_message(sample, meeting.id, IcsMethod.REQUEST, host), SPRACHE)
        (cancel,) = _parts(_message(sample, meeting.id, IcsMethod.CANCEL, host), SPRACHE)
        # the slot the feed writes the date at: its override's, else its own start (on the rule)
        slot = overrides.get(f"meeting/{meeting.id}", meeting.start)
        assert request["RECURRENCE-ID"].dt == cancel["RECURRENCE-ID"].dt == slot, meeting.id
        assert request["RECURRENCE-ID"].params["TZID"] == "Europe/Berlin"
        assert request.start == meeting.start
        assert request.sequence == master.sequence
        assert str(cancel["STATUS"]) == "CANCELLED"
        if meeting.status is MeetingStatus.CANCELLED:
            assert cancel.sequence == master.sequence
        else:
            assert cancel.sequence > request.sequence
            # once the cancellation is stored, the feed is at least as new as the message
            stored = attrs.evolve(meeting, status=MeetingStatus.CANCELLED, revision=meeting.revision + 1)
            data = attrs.evolve(sample, meetings=tuple(stored if m.id == meeting.id else m for m in sample.meetings))
            later = _master(inz.export(data, "ics", options=ExportOptions(stamp=STAMP), host=host), SPRACHE)
            assert later is not None
            assert later.sequence > cancel.sequence
    assert "meeting/ag-sprache-2026-04" in overrides  # the moved one was among them


def test_a_meeting_outside_a_rule_keeps_its_own_uid(sample: NetworkData, host: inz.PluginHost) -> None:
    """AG Arbeit's dates follow no rule: the feed writes them as single entries, and so do messages."""
    (event,) = _parts(_message(sample, "ag-arbeit-2026-2", IcsMethod.REQUEST, host),
                      uid_for("netz-wak", "meeting", "ag-arbeit-2026-2"))  # fmt: skip
    assert "RECURRENCE-ID" not in event


def test_feed_and_an_invitation_after_a_move_show_the_date_once(
    sample: NetworkData, host: inz.PluginHost, expand: Expand
) -> None:
    """A calendar holding the feed gets the invitation for a moved date: the date moves, it is not
    shown twice (the invitation's UID used to be the meeting's own, the feed's the series')."""
    from integrationsnetz.testing.export_conformance import expected_occurrences

    feed = inz.export(sample, "ics", options=ExportOptions(stamp=STAMP), host=host)
    for meeting_id in ("ag-sprache-2026-06", "ag-sprache-2026-04"):  # on the rule; already moved
        moved = _moved(sample, meeting_id, timedelta(days=1, hours=1))
        merged = _merged(feed, _message(moved, meeting_id, IcsMethod.REQUEST, host))
        assert expand(merged) == expected_occurrences(moved, ExportOptions(stamp=STAMP)), meeting_id


def test_feed_and_a_cancellation_show_the_date_once_cancelled(
    sample: NetworkData, host: inz.PluginHost, expand: Expand
) -> None:
    feed = inz.export(sample, "ics", options=ExportOptions(stamp=STAMP), host=host)
    merged = _merged(feed, _message(sample, "ag-sprache-2026-06", IcsMethod.CANCEL, host))
    on_the_day = [occurrence for occurrence in expand(merged) if occurrence[0].startswith("2026-04-22")]
    assert on_the_day == [("2026-04-22T14:00:00Z", "2026-04-22T15:30:00Z", "Abgesagt: AG Sprache", "CANCELLED")]
