"""The ``ics`` importer: calendars from Outlook, Google, Apple, Thunderbird and Nextcloud.

Timed entries become :class:`~integrationsnetz.Meeting` s, all-day entries (and public events
our exporter wrote) :class:`~integrationsnetz.Event` s. What the clients write differently is read alike:

* Google's floating or UTC times with ``X-WR-TIMEZONE`` (converted with ``x-wr-timezone``);
* Outlook's Windows zone names (``TZID=W. Europe Standard Time``, resolved by icalendar);
* floating times without any zone: read as Europe/Berlin, the zone of a German district;
* series (``RRULE`` with ``EXDATE``, ``RDATE`` and ``RECURRENCE-ID`` overrides, expanded by
  ``recurring-ical-events``): one meeting per date, sharing a ``series_id``; a series without
  an end is read up to ``ImportOptions.horizon``, and no series imports more than
  :data:`MAX_OCCURRENCES` dates; the report says what was left out.

Every entry the importer leaves out is in ``ImportResult.skipped`` with its line and the reason:
one that ends before it starts, a second entry with the same UID, one beyond a series' cap.
Ids come from the UID (``ics-<uid>``); a UID that has to be changed to be an id gets a short
hash of itself, so two different UIDs never become one meeting.

Entries our own exporter wrote carry ``X-INTEGRATIONSNETZ-ID`` and get their ids back. To-dos,
journal entries, free/busy blocks, entries without a start, and our course entries are skipped,
each with the reason. A malformed file raises :class:`~integrationsnetz.InvalidData` naming the
line, and nothing is imported.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, BinaryIO
from zoneinfo import ZoneInfo

import attrs

from integrationsnetz.errors import InvalidData
from integrationsnetz.hookspecs import hookimpl
from integrationsnetz.ingest import Importer, ImportOptions, ImportResult, Skipped
from integrationsnetz.model.entity import Entity, is_valid_id
from integrationsnetz.model.events import AllDay, Event, EventKind, Timed
from integrationsnetz.model.meetings import Meeting, MeetingKind, MeetingStatus

BERLIN = ZoneInfo("Europe/Berlin")
_NAME = re.compile(r"[A-Za-z0-9-]+(?=[;:])")
_SKIPPED_COMPONENTS = {
    "VTODO": "a to-do, not a meeting",
    "VJOURNAL": "a journal entry, not a meeting",
    "VFREEBUSY": "a free/busy block, not a meeting",
}
_STATUS = {"CANCELLED": MeetingStatus.CANCELLED, "CONFIRMED": MeetingStatus.CONFIRMED}


@attrs.define
class _Block:
    """A top-level component of the file and where it is."""

    name: str
    line: int
    uid: str | None = None
    properties: dict[str, int] = attrs.Factory(dict)  # first line of each property


def _scan(text: str, source: str) -> list[_Block]:
    """Check the content-line structure (RFC 5545 §3.1) and note where each component starts.

    icalendar is lenient on structure; this pass makes a broken file an error with its line.
    """
    problems: list[str] = []
    unfolded: list[list[Any]] = []
    for number, raw in enumerate(re.split(r"\r\n|\n|\r", text), start=1):
        if raw[:1] in (" ", "\t") and unfolded:
            unfolded[-1][1] += raw[1:]
        elif raw.strip():
            unfolded.append([number, raw])
    stack: list[tuple[str, int]] = []
    blocks: list[_Block] = []
    for number, content in unfolded:
        match = _NAME.match(content)
        if match is None or ":" not in content:
            problems.append(f"line {number}: expected a content line NAME:value, got {content[:60]!r}")
            continue
        name = match.group(0).upper()
        value = content.split(":", 1)[1].strip().upper() if ":" in content else ""
        if name == "BEGIN":
            if not stack and value != "VCALENDAR":
                problems.append(f"line {number}: expected BEGIN:VCALENDAR, got BEGIN:{value}")
            if len(stack) == 1:
                blocks.append(_Block(name=value, line=number))
            stack.append((value, number))
        elif name == "END":
            if not stack or stack[-1][0] != value:
                opened = f"BEGIN:{stack[-1][0]} of line {stack[-1][1]}" if stack else "nothing"
                problems.append(f"line {number}: END:{value} does not close {opened}")
                break
            stack.pop()
        elif not stack:
            problems.append(f"line {number}: {name} outside of BEGIN:VCALENDAR … END:VCALENDAR")
        elif len(stack) == 2 and blocks:
            blocks[-1].properties.setdefault(name, number)
            if name == "UID":
                blocks[-1].uid = content.split(":", 1)[1]
    if stack and not problems:
        kind, number = stack[-1]
        problems.append(f"line {number}: BEGIN:{kind} is never closed (the file ends first; is it cut off?)")
    if not unfolded:
        problems.append("line 1: the file is empty")
    if problems:
        raise InvalidData(problems, source=source)
    return blocks


#: What the calendar libraries raise on input they cannot make sense of (icalendar, x-wr-timezone
#: and recurring-ical-events differ): a zone name that does not exist is a KeyError, one too long
#: for a file name an OSError from the zone database's look-up, a second RRULE an AttributeError.
_PARSER_ERRORS = (ValueError, TypeError, AttributeError, KeyError, IndexError, OverflowError, RecursionError, OSError)


@contextmanager
def _refused_as(source: str, what: str) -> Iterator[None]:
    """Turn a calendar library's error on a malformed file into :class:`InvalidData` naming the file."""
    try:
        yield
    except InvalidData:
        raise
    except _PARSER_ERRORS as exc:
        raise InvalidData([f"{what}: {exc or type(exc).__name__}"], source=source) from None


def _entity_id(uid: str, suffix: str = "") -> str:
    """``ics-`` and the UID, readable; when the UID had to be changed to be an id, a hash of it keeps it apart.

    ``a/b`` and ``a_b``, or ``🎉@x`` and ``🎈@x``, would otherwise become the same id.
    """
    text = uid.strip()
    cleaned = "".join(ch if ch.isalnum() or ch in "-_.@" else "_" for ch in text)[:150]
    if cleaned != text or not cleaned:
        cleaned = f"{cleaned or 'entry'}-{hashlib.sha256(uid.encode('utf-8', 'surrogatepass')).hexdigest()[:10]}"
    return f"ics-{cleaned}{suffix}"


def _as_berlin(value: datetime) -> datetime:
    """A named zone stays (a webinar in New York keeps its zone); UTC and unnamed zones become Berlin."""
    if value.tzinfo is None:
        return value.replace(tzinfo=BERLIN)
    if isinstance(value.tzinfo, ZoneInfo) and value.tzinfo.key != "UTC":
        return value
    return value.astimezone(BERLIN)


def _text(component: Any, name: str) -> str | None:
    value = component.get(name)
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def read_ics(stream: BinaryIO, options: ImportOptions) -> ImportResult:
    """The ``Importer.read`` of the ``ics`` format."""
    import icalendar
    import recurring_ical_events
    import x_wr_timezone

    source = options.source or "<calendar stream>"
    payload = stream.read()
    try:
        text = payload.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad_line = payload[: exc.start].count(b"\n") + 1
        raise InvalidData([f"line {bad_line}: not UTF-8 ({exc.reason})"], source=source) from None
    blocks = _scan(text, source)
    line_of_uid: dict[str, int] = {}
    for block in blocks:
        if block.uid is not None:
            line_of_uid.setdefault(block.uid, block.line)
    with _refused_as(source, "not a valid calendar"):
        calendar = icalendar.Calendar.from_ical(text)
    vevent_blocks = [block for block in blocks if block.name == "VEVENT"]
    problems = []
    skipped: list[Skipped] = []
    first_of_uid: dict[str, int] = {}  # UID -> line of its entry (not an override of one date)
    for block, component in zip(vevent_blocks, calendar.walk("VEVENT"), strict=False):
        if block.uid is not None and "RECURRENCE-ID" not in component:
            first = first_of_uid.setdefault(block.uid, block.line)
            if first != block.line:  # the expansion would keep one of the two without a word
                twice = f"has the same UID as the entry on line {first}; only that one is imported"
                skipped.append(Skipped(item=_describe(component), reason=twice, line=block.line))
                calendar.subcomponents.remove(component)
                continue
        for prop, message in component.errors:
            where = block.properties.get((prop or "").upper(), block.line)
            problems.append(f"line {where}: {prop} of the event that starts on line {block.line}: {message}")
        if component.get("DTSTART") is None:
            skipped.append(Skipped(item=_describe(component), reason="has no start (DTSTART)", line=block.line))
        elif not component.errors and (backwards := _runs_backwards(component)) is not None:
            where = block.properties.get("DURATION" if "DURATION" in component else "DTEND", block.line)
            skipped.append(Skipped(item=_describe(component), reason=backwards, line=where))
            calendar.subcomponents.remove(component)  # the expansion would drop it without a word
    if problems:
        raise InvalidData(problems, source=source)
    for block in blocks:
        reason = _SKIPPED_COMPONENTS.get(block.name)
        if reason is not None:
            skipped.append(Skipped(item=block.name, reason=reason, line=block.line))
    if calendar.get("X-WR-TIMEZONE"):
        with _refused_as(source, "X-WR-TIMEZONE cannot be applied"):
            calendar = x_wr_timezone.to_standard(calendar)
    for event in [e for e in calendar.walk("VEVENT") if e.get("DTSTART") is None]:
        calendar.subcomponents.remove(event)
    with _refused_as(source, "cannot read the dates of the entries"):
        window_start, window_end, unbounded = _window(calendar, options)
        capped = _cap_series(calendar, window_end)
    with _refused_as(source, "cannot expand the recurring entries"):
        occurrences = list(recurring_ical_events.of(calendar).between(window_start, window_end))
    for uid, last in capped:
        skipped.append(
            Skipped(
                item=f"series {uid}",
                reason=f"has more than {MAX_OCCURRENCES:,} dates; those after {_moment_text(last)} are not imported",
                line=line_of_uid.get(uid),
            )
        )
    for uid in unbounded:
        if any(uid == capped_uid for capped_uid, _ in capped):
            continue
        skipped.append(
            Skipped(
                item=f"series {uid}",
                reason=f"has no end; dates after {window_end.date().isoformat()} are not imported",
                line=line_of_uid.get(uid),
            )
        )
    series_of: dict[str, str] = {}  # UID of a recurring entry -> the series id its meetings share
    for event in calendar.walk("VEVENT"):
        if "RRULE" in event or "RDATE" in event or "RECURRENCE-ID" in event:
            uid = str(event.get("UID"))
            kind, _, own_id = (_text(event, "X-INTEGRATIONSNETZ-ID") or "").partition("/")
            if kind == "series" and is_valid_id(own_id):
                series_of[uid] = own_id
            else:
                series_of.setdefault(uid, _entity_id(uid))
    entities: list[Entity] = []
    seen: set[str] = set()
    occurrences.sort(key=lambda e: (_sort_key(e.start), str(e.get("UID"))))
    for occurrence in occurrences:
        uid = str(occurrence.get("UID", "")) or f"(no UID) {_describe(occurrence)}"
        line = line_of_uid.get(uid)
        entity = _to_entity(
            occurrence, uid=uid, series_id=series_of.get(uid), options=options, skipped=skipped, line=line
        )
        if entity is None:
            continue
        if entity.id in seen:
            key = "X-INTEGRATIONSNETZ-ID" if "X-INTEGRATIONSNETZ-ID" in occurrence else "UID"
            same = f"same {key}" + (" and start" if series_of.get(uid) else "")
            skipped.append(
                Skipped(item=_describe(occurrence), reason=f"repeats an entry already imported ({same})", line=line)
            )
            continue
        seen.add(entity.id)
        entities.append(entity)
    return ImportResult(entities=tuple(entities), skipped=tuple(skipped))


def _runs_backwards(event: Any) -> str | None:
    """Why an entry ends before it starts (a negative ``DURATION``, ``DTEND`` before ``DTSTART``), or None."""
    # icalendar's ``end`` hides a negative duration (it gives the start), so read the properties.
    duration, end, start = (getattr(event.get(name), "dt", None) for name in ("DURATION", "DTEND", "DTSTART"))
    if isinstance(duration, timedelta) and duration < timedelta(0):
        return f"ends before it starts (DURATION:{event['DURATION'].to_ical().decode()})"
    if isinstance(end, date) and isinstance(start, date) and _sort_key(end) < _sort_key(start):
        return "ends before it starts (DTEND before DTSTART)"
    return None  # a malformed property is the expansion's to refuse


#: The most dates one recurring entry imports: years of any real meeting series, few enough to
#: read in seconds (``FREQ=SECONDLY`` without an end would otherwise run for hours).
MAX_OCCURRENCES = 5_000


def _cap_series(calendar: Any, window_end: datetime) -> list[tuple[str, date | datetime]]:
    """End every rule that asks for more than :data:`MAX_OCCURRENCES` dates after that many.

    The dates are counted lazily (``dateutil`` generates one at a time), so counting stops at the
    cap; the rule then gets an ``UNTIL`` at its last kept date. Returns each UID cut short, with
    the last day it keeps.
    """
    from dateutil.rrule import rrulestr

    capped = []
    for event in calendar.walk("VEVENT"):
        rules = event.get("RRULE")
        if not rules or "RECURRENCE-ID" in event:
            continue
        start = event.start
        dtstart = start if isinstance(start, datetime) else datetime.combine(start, time(0))
        for rule in rules if isinstance(rules, list) else [rules]:
            plain = {key: value for key, value in rule.items() if key != "UNTIL"}
            text = _recur_text(plain)
            limit = window_end
            if rule.get("UNTIL"):
                limit = min(limit, _sort_key(rule["UNTIL"][0]) + timedelta(days=1))
            try:
                dates = rrulestr(text, dtstart=dtstart)
                within = itertools.takewhile(functools.partial(_not_after, limit), dates)
                kept = list(itertools.islice(within, MAX_OCCURRENCES + 1))
            except _PARSER_ERRORS:
                continue  # a rule dateutil cannot read is the expansion's to refuse
            if len(kept) <= MAX_OCCURRENCES:
                continue
            last = kept[MAX_OCCURRENCES - 1]
            rule.pop("COUNT", None)
            if not isinstance(start, datetime):
                rule["UNTIL"] = [last.date()]
            elif last.tzinfo is not None:
                rule["UNTIL"] = [last.astimezone(UTC)]
            else:
                rule["UNTIL"] = [last]
            capped.append((str(event.get("UID")), last if isinstance(start, datetime) else last.date()))
    return capped


def _not_after(limit: datetime, day: datetime) -> bool:
    return _sort_key(day) <= limit


def _moment_text(value: date | datetime) -> str:
    return f"{value:%Y-%m-%d %H:%M:%S}" if isinstance(value, datetime) else value.isoformat()


def _recur_text(parts: dict[str, Any]) -> str:
    """A recurrence rule's text (``FREQ=WEEKLY;BYDAY=TU``) from its parts as icalendar holds them."""
    import icalendar

    text: bytes = icalendar.vRecur(parts).to_ical()  # type: ignore[no-untyped-call]
    return text.decode()


def _sort_key(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return _as_berlin(value)
    return datetime.combine(value, time(0), tzinfo=BERLIN)


def _describe(component: Any) -> str:
    summary = _text(component, "SUMMARY") or "(no title)"
    start = component.get("DTSTART")
    when = f" on {start.dt.isoformat()}" if start is not None and hasattr(start, "dt") else ""
    return f"{summary!r}{when}"


def _window(calendar: Any, options: ImportOptions) -> tuple[datetime, datetime, list[str]]:
    """The span to expand: from the first start to the last end, unbounded series to the horizon."""
    starts: list[datetime] = []
    ends: list[datetime] = []
    unbounded: list[str] = []
    for event in calendar.walk("VEVENT"):
        start = _sort_key(event.start)
        starts.append(start)
        ends.append(start + timedelta(days=2))
        rules = event.get("RRULE") or []
        for rule in rules if isinstance(rules, list) else [rules]:
            until = rule.get("UNTIL")
            if until:
                ends.append(_sort_key(until[0]) + timedelta(days=1))
            else:
                ends.append(start + options.horizon)
                if not rule.get("COUNT"):
                    unbounded.append(str(event.get("UID")))
    if not starts:
        now = datetime.now(BERLIN)
        return now, now + timedelta(days=1), []
    end = max(ends)
    if options.until is not None:
        end = min(end, datetime.combine(options.until, time(0), tzinfo=BERLIN))
    return min(starts), end, unbounded


def _to_entity(
    occurrence: Any,
    *,
    uid: str,
    series_id: str | None,
    options: ImportOptions,
    skipped: list[Skipped],
    line: int | None,
) -> Entity | None:
    ref = _text(occurrence, "X-INTEGRATIONSNETZ-ID") or ""
    kind, _, own_id = ref.partition("/")
    if kind == "course":
        skipped.append(
            Skipped(
                item=_describe(occurrence),
                reason="a course entry written by integrationsnetz: import courses from the course list (CSV)",
                line=line,
            )
        )
        return None
    start, end = occurrence.start, occurrence.end
    recurrence = occurrence.get("RECURRENCE-ID")
    moment = _sort_key(recurrence.dt if recurrence is not None else start)
    stamp = moment.strftime("-%Y%m%dT%H%M%S" if moment.second else "-%Y%m%dT%H%M")
    if kind in ("meeting", "event") and is_valid_id(own_id):
        entity_id = own_id
    elif kind == "series" and is_valid_id(own_id):
        entity_id = f"{own_id}{stamp}"
    else:
        entity_id = _entity_id(uid, stamp if series_id else "")
    title = _text(occurrence, "SUMMARY") or "(ohne Titel)"
    description = _text(occurrence, "DESCRIPTION")
    location = _text(occurrence, "LOCATION")
    if location:
        description = f"Ort: {location}" + (f"\n\n{description}" if description else "")
    status = str(occurrence.get("STATUS", "")).upper()
    url = _text(occurrence, "URL")
    try:
        if not isinstance(start, datetime) or kind == "event":
            when: AllDay | Timed
            if isinstance(start, datetime):
                when = Timed(start=_as_berlin(start), end=_as_berlin(end))
            else:
                when = AllDay(first_day=start, last_day=end - timedelta(days=1) if end > start else start)
            return Event(
                id=entity_id,
                network_id=options.network_id,
                kind=EventKind.OTHER,
                title=title,
                when=when,
                description=description,
                url=url,
                cancelled=status == "CANCELLED",
            )
        return Meeting(
            id=entity_id,
            network_id=options.network_id,
            kind=MeetingKind.OTHER,
            title=title,
            start=_as_berlin(start),
            end=_as_berlin(end),
            status=_STATUS.get(status, MeetingStatus.PLANNED),
            description=description,
            series_id=series_id,
            online_url=url,
        )
    except ValueError as exc:
        skipped.append(Skipped(item=_describe(occurrence), reason=f"cannot be a meeting: {exc}", line=line))
        return None


@hookimpl
def register_importers() -> list[Importer]:
    """The built-in ``ics`` importer."""
    return [
        Importer(
            format="ics",
            media_type="text/calendar",
            suffix=".ics",
            description="iCalendar files from Outlook, Google, Apple, Thunderbird, Nextcloud (and ours)",
            read=read_ics,
        )
    ]
