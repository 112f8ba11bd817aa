"""An occurrence of a calendar file as a :class:`~integrationsnetz.Meeting` or an :class:`~integrationsnetz.Event`.

Timed entries become meetings, all-day entries (and public events our exporter wrote) events.

Ids are stable, so importing the same calendar again gives the same ids:

* entries our exporter wrote carry ``X-INTEGRATIONSNETZ-ID`` and get their ids back (a series'
  dates: ``<series_id>-<slot>``);
* other entries: ``ics-<UID>`` (a UID that has to change to be an id gets a short hash of itself,
  so two UIDs never become one id); the dates of a series add their slot, ``-20260316T1000``
  (the second 02:30 of the October night adds the UTC time, ``-20271031T0130Z``);
* an entry without a UID: ``ics-noid-`` and a hash of its text (without ``DTSTAMP``, which changes
  with every export), and ``-2``, ``-3`` … for the second and third entry of the same text.

A timed entry without a length (no ``DTEND``, or ``DTEND`` equal to ``DTSTART``: a deadline, a
reminder) is a point in time; the model needs an end after the start, so it becomes a meeting of
:data:`POINT_LENGTH`. A ``URL`` that is not a web address (``javascript:``, ``file:``) is left out
and reported.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import attrs

from integrationsnetz.contract.importers import ImportOptions, OwnEntry, Skipped
from integrationsnetz.ingest.ics_entries import BERLIN, Entry, Moment, instant, later
from integrationsnetz.ingest.ics_series import Occurrence, Series, describe
from integrationsnetz.model.entity import Entity, is_valid_id, is_web_address
from integrationsnetz.model.events import AllDay, Event, EventKind, Timed
from integrationsnetz.model.meetings import Meeting, MeetingKind, MeetingStatus

#: What a timed entry without a length lasts in the model (which needs an end after the start).
POINT_LENGTH = timedelta(minutes=1)

_STATUS = {"CANCELLED": MeetingStatus.CANCELLED, "CONFIRMED": MeetingStatus.CONFIRMED}


def entity_id_for_uid(uid: str, suffix: str = "") -> str:
    """``ics-`` and the UID, readable; when the UID had to be changed to be an id, a hash of it keeps it apart.

    ``a/b`` and ``a_b``, or ``🎉@x`` and ``🎈@x``, would otherwise become the same id.
    """
    text = uid.strip()
    cleaned = "".join(ch if ch.isalnum() or ch in "-_.@" else "_" for ch in text)[:150]
    if cleaned != text or not cleaned:
        cleaned = f"{cleaned or 'entry'}-{_hash(uid)}"
    return f"ics-{cleaned}{suffix}"


def uidless_id(text: str, seen: dict[str, int]) -> str:
    """The id of an entry without a UID: a hash of its lines without ``DTSTAMP``, then its rank among equals."""
    lines = [line for line in text.splitlines() if not line.upper().startswith("DTSTAMP")]
    digest = _hash("\n".join(lines))
    seen[digest] = seen.get(digest, 0) + 1
    return f"ics-noid-{digest}" + (f"-{seen[digest]}" if seen[digest] > 1 else "")


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]


@attrs.define
class Mapper:
    """Turns the occurrences of one file into entities; remembers what it reported once per entry."""

    options: ImportOptions
    base_ids: dict[str, str]  #: series key -> the id its entries are named after
    skipped: list[Skipped]
    left_out: set[str] = attrs.Factory(set)  #: keys of the series a date of which the model could not take
    _told: set[int] = attrs.Factory(set)

    def entity(self, occurrence: Occurrence) -> Entity | None:
        """The meeting or event for one occurrence, or None (reported) when the model cannot take it."""
        entry = occurrence.entry
        kind, _, own_id = _text(entry.component, "X-INTEGRATIONSNETZ-ID").partition("/")
        line = entry.block.line
        if kind == "course":
            reason = "a course entry written by integrationsnetz: import courses from the course list (CSV)"
            self._once(entry, Skipped(item=describe(entry), reason=reason, line=line))
            return None
        series = occurrence.series
        series_id = self.series_id(series) if series.recurring else None
        if kind in ("meeting", "event") and is_valid_id(own_id):
            entity_id = own_id
        elif series_id is not None:
            entity_id = f"{series_id}{stamp(occurrence.slot)}"
        else:
            entity_id = self.base_ids[series.key]
        start, end = occurrence.start, occurrence.end
        if instant(end) < instant(start):
            self.skipped.append(Skipped(item=describe(entry), reason="ends before it starts", line=line))
            self.left_out.add(series.key)
            return None
        title = _text(entry.component, "SUMMARY") or "(ohne Titel)"
        description = _text(entry.component, "DESCRIPTION") or None
        location = _text(entry.component, "LOCATION")
        if location:
            description = f"Ort: {location}" + (f"\n\n{description}" if description else "")
        status = _text(entry.component, "STATUS").upper()
        try:
            if not isinstance(start, datetime) or kind == "event":
                return Event(
                    id=entity_id,
                    network_id=self.options.network_id,
                    kind=EventKind.OTHER,
                    title=title,
                    when=_when(start, end),
                    description=description,
                    url=self._address(entry, allow_mail=True),
                    cancelled=status == "CANCELLED",
                )
            assert isinstance(end, datetime)
            if instant(end) == instant(start):
                end = _point_end(start)
            return Meeting(
                id=entity_id,
                network_id=self.options.network_id,
                kind=MeetingKind.OTHER,
                title=title,
                start=as_berlin(start),
                end=as_berlin(end),
                status=_STATUS.get(status, MeetingStatus.PLANNED),
                description=description,
                series_id=series_id,
                online_url=self._address(entry, allow_mail=False),
            )
        except ValueError as exc:
            self.skipped.append(Skipped(item=describe(entry), reason=f"cannot be a meeting: {exc}", line=line))
            self.left_out.add(series.key)
            return None

    def own_entry(self, occurrence: Occurrence, entity: Entity) -> OwnEntry | None:
        """What ``save_import`` needs to match an entity read from our own entry to the stored one, or None."""
        entry = occurrence.entry
        if entry.uid is None:
            return None
        description = _text(entry.component, "DESCRIPTION") or None
        location = _text(entry.component, "LOCATION") or None
        kind, _, own_id = _text(entry.component, "X-INTEGRATIONSNETZ-ID").partition("/")
        if kind in ("meeting", "event") and is_valid_id(own_id):
            return OwnEntry(id=entity.id, uid=entry.uid, description=description, location=location)
        series_id = self._own_series_id(occurrence.series)
        if series_id is None or not isinstance(occurrence.slot, datetime):
            return None
        slot = as_berlin(occurrence.slot)
        return OwnEntry(id=entity.id, uid=entry.uid, series_id=series_id, slot=slot, description=description,
                        location=location)  # fmt: skip

    def names_itself(self, series: Series) -> bool:
        """The series' main entry is ours and names its meeting or event (``meeting/<id>``)."""
        master = series.master
        if master is None:
            return False
        kind, _, own_id = _text(master.component, "X-INTEGRATIONSNETZ-ID").partition("/")
        return kind in ("meeting", "event", "course") and is_valid_id(own_id)

    def _own_series_id(self, series: Series) -> str | None:
        master = series.master
        if master is None or not series.recurring:
            return None
        kind, _, own_id = _text(master.component, "X-INTEGRATIONSNETZ-ID").partition("/")
        return own_id if kind == "series" and is_valid_id(own_id) else None

    def series_id(self, series: Series) -> str:
        """The id the dates of a series share: ours (``X-INTEGRATIONSNETZ-ID:series/…``) or from its UID."""
        return self._own_series_id(series) or self.base_ids[series.key]

    def _address(self, entry: Entry, *, allow_mail: bool) -> str | None:
        """The entry's URL if it is a web address (or, for an event's page, an e-mail address)."""
        url = "".join(_text(entry.component, "URL").split())
        if not url:
            return None
        parts = urlsplit(url)
        if is_web_address(url) or (allow_mail and parts.scheme.lower() == "mailto"):
            return url
        shown = url if len(url) <= 40 else f"{url[:40]}…"
        reason = f"its URL {shown!r} is not a web address (http or https) and is left out"
        self._once(entry, Skipped(item=describe(entry), reason=reason, line=entry.block.line_of("URL")))
        return None

    def _once(self, entry: Entry, skip: Skipped) -> None:
        """Report something about an entry once, not for every date of its series."""
        key = hash((id(entry), skip.reason))
        if key not in self._told:
            self._told.add(key)
            self.skipped.append(skip)


def _when(start: Moment, end: Moment) -> AllDay | Timed:
    if isinstance(start, datetime) and isinstance(end, datetime):
        if instant(end) == instant(start):
            end = _point_end(start)
        return Timed(start=as_berlin(start), end=as_berlin(end))
    first = start.date() if isinstance(start, datetime) else start
    after = end.date() if isinstance(end, datetime) else end
    return AllDay(first_day=first, last_day=after - timedelta(days=1) if after > first else first)


def _point_end(start: datetime) -> datetime:
    """The end of an entry without a length: :data:`POINT_LENGTH` of real time later."""
    end = later(start, POINT_LENGTH, exact=True)
    assert isinstance(end, datetime)
    return end


def _text(component: Any, name: str) -> str:
    value = component.get(name)
    if value is None or isinstance(value, list):
        return ""
    return str(value).strip()


def as_berlin(value: datetime) -> datetime:
    """A named zone stays (a webinar in New York keeps its zone); UTC and unnamed zones become Berlin."""
    if isinstance(value.tzinfo, ZoneInfo) and value.tzinfo.key not in ("UTC", "Etc/UTC"):
        return value
    return value.astimezone(BERLIN)


def stamp(slot: Moment) -> str:
    """A date of a series in an id: its wall-clock time, ``-20260316T1000`` (seconds when it has them).

    The second 02:30 of the night the clocks go back has the same wall-clock time as the first;
    it is named by its UTC time instead, ``-20271031T0130Z``.
    """
    if not isinstance(slot, datetime):
        return f"-{slot:%Y%m%d}T0000"
    local = as_berlin(slot)
    if local.fold and local.replace(fold=0).utcoffset() != local.utcoffset():
        utc = slot.astimezone(UTC)
        return utc.strftime("-%Y%m%dT%H%M%SZ" if utc.second else "-%Y%m%dT%H%MZ")
    return local.strftime("-%Y%m%dT%H%M%S" if local.second else "-%Y%m%dT%H%M")


__all__ = ["POINT_LENGTH", "Mapper", "as_berlin", "entity_id_for_uid", "stamp", "uidless_id"]
