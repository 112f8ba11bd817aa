"""One calendar entry (VEVENT): what it says, and its bytes.

:class:`EntryContent` is an entry's content as plain values, apart from when and which entry it
is; :func:`render_entry` is the one place that turns it into a VEVENT with icalendar. Keeping
the two apart lets the writer (:mod:`~integrationsnetz.exporters.ics`) compare contents (a
series override is a meeting whose content differs from the series') and cache the bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

import attrs

from integrationsnetz.exporters.ics_values import parameter, text_list_value, text_value, uri


@attrs.frozen
class EntryContent:
    """What an entry says, apart from when and which entry it is (series overrides compare it)."""

    summary: str
    description: str | None
    location: str | None
    geo: tuple[float, float] | None
    categories: tuple[str, ...]
    status: str
    organizer: tuple[str, str] | None  # (e-mail, name)
    attendees: tuple[tuple[str, str, str, str, bool], ...]  # (e-mail, name, role, partstat, rsvp)
    url: str | None
    duration: timedelta
    transparent: bool = False


@attrs.frozen
class Stamps:
    """An entry's ``DTSTAMP``, ``LAST-MODIFIED`` and ``CREATED``, in UTC."""

    dtstamp: datetime
    modified: datetime | None
    created: datetime | None


def render_entry(
    *,
    uid: str,
    start: datetime | date,
    end: datetime | date,
    content: EntryContent,
    sequence: int,
    stamps: Stamps,
    entity_ref: str | None,
    recurrence_id: datetime | None = None,
    rrule: dict[str, Any] | None = None,
    exdates: Iterable[datetime] = (),
) -> bytes:
    """The VEVENT as bytes; a series master has ``rrule`` and ``exdates``, an override ``recurrence_id``."""
    from icalendar import STATUS, TRANSP, vCalAddress, vText
    from icalendar import Event as IcalEvent

    event = IcalEvent.new(
        uid=uid,
        stamp=stamps.dtstamp,
        start=start,
        end=end,
        summary=text_value(content.summary),
        description=text_value(content.description),
        location=text_value(content.location),
        categories=list(content.categories),
        status=STATUS(content.status),
        sequence=sequence,
        last_modified=stamps.modified,
        created=stamps.created,
        url=uri(content.url) if content.url else None,
        transparency=TRANSP.TRANSPARENT if content.transparent else None,
        organizer=vCalAddress.new(uri(content.organizer[0]), cn=parameter(content.organizer[1]))
        if content.organizer
        else None,
        attendees=[
            vCalAddress.new(uri(email), cn=parameter(name), role=role, partstat=partstat, rsvp=True if rsvp else None)
            for email, name, role, partstat, rsvp in content.attendees
        ]
        or None,
    )
    if content.categories:
        event["CATEGORIES"] = text_list_value(content.categories)  # in place: escaped as text, not by icalendar
    if recurrence_id is not None:
        event.add("recurrence-id", recurrence_id)
    if rrule is not None:
        event.add("rrule", rrule)
    exdate_list = list(exdates)
    if exdate_list:
        event.add("exdate", exdate_list)
    if content.geo is not None:
        event.add("geo", content.geo)
    if entity_ref is not None:
        event.add("x-integrationsnetz-id", vText(entity_ref))
    payload: bytes = event.to_ical()
    return payload
