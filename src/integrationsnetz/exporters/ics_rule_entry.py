"""A series under its one UID: the master with its rule, its overrides, and one date on its own.

:mod:`~integrationsnetz.exporters.ics_series` decides which slot of a rule each meeting holds;
this module writes what a calendar keeps under the series' UID. A feed gets the master
(``RRULE``, ``EXDATE`` for dates without a shown meeting) and an override (``RECURRENCE-ID``) for
each meeting moved off its slot or different from the rest; an invitation or cancellation for one
meeting is that meeting's override alone, so a calendar holding the feed updates the date it
already shows instead of adding a second entry (RFC 5546 §3.2.2.4, §3.2.5).

The plan is made from the whole series; a feed for part of it (a year, one person's meetings)
writes the slots from its first meeting to its last, with every other date an ``EXDATE``, so a
date has the same ``RECURRENCE-ID`` in every feed and message. Every component carries the
series' ``SEQUENCE`` (:mod:`~integrationsnetz.exporters.ics_sequence`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from integrationsnetz.exporters.ics_entry import EntryContent, Stamps, render_entry
from integrationsnetz.exporters.ics_sequence import SeriesVersion
from integrationsnetz.exporters.ics_series import SeriesPlan
from integrationsnetz.exporters.ics_values import in_berlin, wall_clock, written_span
from integrationsnetz.model.meetings import Meeting, MeetingStatus

#: How an entry's stamps come from a ``modified`` and a ``created`` (the writer's options decide DTSTAMP).
StampsOf = Callable[[datetime | None, datetime | None], Stamps]


def render_series(
    *,
    uid: str,
    series_id: str,
    members: Sequence[Meeting],
    plan: SeriesPlan,
    contents: Mapping[str, EntryContent],
    version: SeriesVersion,
    stamps: StampsOf,
    show_cancelled: bool,
) -> bytes:
    """The master and its overrides for the ``members`` a feed shows (sorted by start), as bytes.

    ``plan`` covers the whole series (``members`` may be part of it); ``contents`` holds each
    member's entry content by meeting id.
    """
    by_slot = {plan.slot_of[m.id]: m for m in members}
    low, high = min(by_slot), max(by_slot)
    slots = [slot for slot in plan.slots if low <= slot <= high]
    live = [m for m in members if show_cancelled or m.status is not MeetingStatus.CANCELLED]
    # The template: the commonest content among meetings held at their slot.
    at_slot = [m for m in live if wall_clock(m.start) == plan.slot_of[m.id]] or live or list(members)
    template = Counter(contents[m.id] for m in at_slot).most_common(1)[0][0]  # ties: the earliest
    overrides: list[Meeting] = []
    exdates: list[datetime] = []
    for slot in slots:
        meeting = by_slot.get(slot)
        if meeting is None or (meeting.status is MeetingStatus.CANCELLED and not show_cancelled):
            exdates.append(in_berlin(slot))
        elif wall_clock(meeting.start) != slot or contents[meeting.id] != template:
            overrides.append(meeting)
    rule: dict[str, Any] = {"FREQ": plan.rule.freq, "BYDAY": plan.rule.byday}
    if plan.rule.interval > 1:
        rule["INTERVAL"] = plan.rule.interval
    rule["UNTIL"] = in_berlin(slots[-1]).astimezone(UTC)
    parts = [
        render_entry(
            uid=uid,
            start=in_berlin(slots[0]),
            end=in_berlin(slots[0]) + template.duration,
            content=template,
            sequence=version.sequence,
            stamps=stamps(version.modified, version.created),
            entity_ref=f"series/{series_id}",
            rrule=rule,
            exdates=exdates,
        )
    ]
    for meeting in overrides:
        parts.append(render_member(uid=uid, meeting=meeting, plan=plan, content=contents[meeting.id],
                                   sequence=version.sequence, stamps=stamps))  # fmt: skip
    return b"".join(parts)


def render_member(
    *, uid: str, meeting: Meeting, plan: SeriesPlan, content: EntryContent, sequence: int, stamps: StampsOf
) -> bytes:
    """One meeting of the series as the override of its slot (in a feed, or alone in a message)."""
    start, end = written_span(meeting.start, meeting.end)
    return render_entry(
        uid=uid,
        start=start,
        end=end,
        content=content,
        sequence=sequence,
        stamps=stamps(meeting.modified, meeting.created),
        entity_ref=f"meeting/{meeting.id}",
        recurrence_id=in_berlin(plan.slot_of[meeting.id]),
    )
