"""Which version of a meeting invitees were e-mailed, and whether what they see has changed since.

RFC 5546 §2.1.4: ``SEQUENCE`` rises only when the organiser makes a significant change. The
store's revision rises with every write, including recording who was sent what and taking in
answers, so it is no measure of that. :func:`invitee_digest` fingerprints what an invitee sees
of a meeting; the mail room keeps the ``SEQUENCE`` it last sent while the fingerprint stays the
same (``Meeting.mailed``, a :class:`~integrationsnetz.model.meetings.MailedVersion`).

What counts (it is in the calendar entry or the letter every invitee gets):

- the time: ``start`` and ``end`` (as instants: the same moment written in another zone is no change);
- ``title``; whether the meeting is cancelled (planned and confirmed look alike to an invitee);
- the place: ``venue_id`` and ``room_id``, the venue's and room's names and the venue's address;
- ``online_url``, ``description``, ``registration_until`` and ``registration_contact``;
- the agenda: each item's title and planned minutes, in order.

What does not: who is invited and what they answered (``invitations``), the minutes, the
headcount, the organiser, moderator and presenters (people, whose names an erasure may remove
without the meeting changing), the group, and the store's bookkeeping (``revision``,
``modified``, ``created``). A new invitee is reached with the version the others have.
"""

from __future__ import annotations

import hashlib
import json

from integrationsnetz.model.entity import instant
from integrationsnetz.model.meetings import Meeting, MeetingStatus
from integrationsnetz.model.venues import Venue

#: Written into every digest, so a later change of what counts never matches an old digest by accident.
DIGEST_VERSION = 1


def _place(meeting: Meeting, venue: Venue | None) -> list[str | None] | None:
    if venue is None or venue.id != meeting.venue_id:
        return None
    room = venue.room(meeting.room_id) if meeting.room_id else None
    return [venue.name, room.name if room else None, venue.address.one_line()]


def invitee_digest(meeting: Meeting, venue: Venue | None = None) -> str:
    """A SHA-256 (hex) of what an invitee sees of ``meeting`` (``venue``: its place, when it has one).

    Equal digests mean an invitation sent again would tell nobody anything new; see the module
    for what counts and what does not.
    """
    seen = {
        "v": DIGEST_VERSION,
        "start": instant(meeting.start).isoformat(),
        "end": instant(meeting.end).isoformat(),
        "title": meeting.title,
        "cancelled": meeting.status is MeetingStatus.CANCELLED,
        "venue": meeting.venue_id,
        "room": meeting.room_id,
        "place": _place(meeting, venue),
        "online": meeting.online_url,
        "description": meeting.description,
        "register_until": meeting.registration_until.isoformat() if meeting.registration_until else None,
        "register_with": meeting.registration_contact,
        "agenda": [[item.title, item.minutes] for item in meeting.agenda],
    }
    text = json.dumps(seen, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


__all__ = ["DIGEST_VERSION", "invitee_digest"]
