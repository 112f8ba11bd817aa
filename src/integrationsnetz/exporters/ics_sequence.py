"""The version of a series entry: its ``SEQUENCE`` and time stamps, from all its meetings.

A series written as one entry with a rule (:mod:`~integrationsnetz.exporters.ics_series`) is one
UID in a calendar, but each of its meetings changes on its own. A client keeps the component with
the higher ``SEQUENCE`` (RFC 5545 §3.8.7.4, RFC 5546 §2.1.5), so the series' numbers must rise with
every change to any meeting and never fall; taking them from one meeting (the template, the newest
regular one) made them fall when that meeting was moved out of the rule.

Why ``2 × revision + 1 (+1 when cancelled)`` summed over the meetings (``docs/reference/formats.md``):

* a store write raises one meeting's revision by one: +2, or +1 when the write un-cancels it;
* a cancellation not yet written (the planner's dropped session, a ``CANCEL`` message): +1;
* a meeting joins the series: +1 at least, even with revision 0.

"Revisions plus cancelled ones" falls when a meeting is un-cancelled with its write; "highest
revision plus count" stays when another meeting is revised. A meeting deleted or moved out of the
series leaves nothing in the data: the data afterwards can be exactly the data before it joined,
so no number computed from the data can rise then. Cancel a published meeting instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import attrs

from integrationsnetz.model.meetings import Meeting, MeetingStatus


@attrs.frozen
class SeriesVersion:
    """A series' ``SEQUENCE``, its newest ``modified`` and its oldest ``created`` (None if no meeting has one)."""

    sequence: int
    modified: datetime | None
    created: datetime | None


def weight(meeting: Meeting) -> int:
    """What one meeting adds to its series' ``SEQUENCE``: at least 1, +2 per revision, +1 when cancelled."""
    return 2 * meeting.revision + 1 + (meeting.status is MeetingStatus.CANCELLED)


def series_version(members: Iterable[Meeting]) -> SeriesVersion:
    """The version of a series from all its meetings (shown, cancelled, moved or outside the feed's range)."""
    sequence = 0
    modified: datetime | None = None
    created: datetime | None = None
    for meeting in members:
        sequence += weight(meeting)
        if meeting.modified is not None and (modified is None or meeting.modified > modified):
            modified = meeting.modified
        if meeting.created is not None and (created is None or meeting.created < created):
            created = meeting.created
    return SeriesVersion(sequence=sequence, modified=modified, created=created)
