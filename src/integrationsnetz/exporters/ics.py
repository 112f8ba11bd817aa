"""The ``ics`` exporter: meetings, public events and courses as an iCalendar file (RFC 5545).

What real clients need, and how the ``ics`` modules give it (``docs/reference/formats.md`` has more):

* every timed entry is ``TZID=Europe/Berlin`` with a VTIMEZONE in the yearly RRULE form that
  Outlook reads (icalendar's ``add_missing_timezones()`` writes an RDATE list Outlook ignores);
* a UID derived from the network id and the entity id, the same in every export, so a client
  updates an entry in place; ``SEQUENCE`` is the entity's revision, ``LAST-MODIFIED`` its
  ``modified``;
* a feed is ``METHOD:PUBLISH`` with ``NAME``/``X-WR-CALNAME`` and ``REFRESH-INTERVAL``; one
  meeting can go out as an invitation (``REQUEST``) or a cancellation (``CANCEL``, same UID,
  higher SEQUENCE; for one date of a recurring entry, the series' UID and a ``RECURRENCE-ID``);
* meetings that share a ``series_id`` and follow a weekly or monthly rule become one event with
  ``RRULE`` (UNTIL in UTC), ``EXDATE`` for skipped dates and ``RECURRENCE-ID`` overrides for moved
  or changed ones, its SEQUENCE and stamps from all its meetings; an irregular series stays single
  events, the form every client reads alike.

This module is the writer: which entries a request makes, what each says, in which order, and
the calendar around them. Its siblings hold what it builds on:
:mod:`~integrationsnetz.exporters.ics_values` the iCalendar values (UIDs, the time zone, TEXT,
times), :mod:`~integrationsnetz.exporters.ics_entry` one VEVENT from its content,
:mod:`~integrationsnetz.exporters.ics_series` the series planner,
:mod:`~integrationsnetz.exporters.ics_rule_entry` a planned series' entries under its UID and
:mod:`~integrationsnetz.exporters.ics_sequence` the series' SEQUENCE and stamps.

Each entry is rendered once per value of the entity and what it references, and reused: a feed
re-exported after a few meetings changed only renders those. icalendar is imported inside the
functions, so ``import integrationsnetz`` stays light.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from datetime import UTC, date, datetime, timedelta
from typing import BinaryIO

import attrs

from integrationsnetz.errors import ExportError
from integrationsnetz.exporters import Exporter, ExportOptions, ExportRequest, IcsMethod
from integrationsnetz.exporters.ics_entry import EntryContent, Stamps, render_entry
from integrationsnetz.exporters.ics_rule_entry import render_member, render_series
from integrationsnetz.exporters.ics_sequence import series_version
from integrationsnetz.exporters.ics_series import SeriesPlan, plan_series
from integrationsnetz.exporters.ics_values import (
    BERLIN,
    BERLIN_VTIMEZONE,
    PRODID,
    UID_NAMESPACE,
    clean_text,
    one_line,
    text_value,
    uid_for,
    written_span,
)
from integrationsnetz.exporters.references import References
from integrationsnetz.exporters.wording import event_kind_word, meeting_kind_word, word
from integrationsnetz.hookspecs import hookimpl
from integrationsnetz.model.actors import ConsentPurpose, Person
from integrationsnetz.model.courses import Course, CourseStatus
from integrationsnetz.model.events import AllDay, Event
from integrationsnetz.model.meetings import AttendanceStatus, Invitation, Meeting, MeetingStatus

# The writer and its hook, and the values that lived here before ics_values (still importable from here).
__all__ = [
    "BERLIN",
    "BERLIN_VTIMEZONE",
    "PRODID",
    "UID_NAMESPACE",
    "IcsWriter",
    "clean_text",
    "register_exporters",
    "uid_for",
]

_PARTSTAT = {
    AttendanceStatus.INVITED: "NEEDS-ACTION",
    AttendanceStatus.ACCEPTED: "ACCEPTED",
    AttendanceStatus.TENTATIVE: "TENTATIVE",
    AttendanceStatus.DECLINED: "DECLINED",
    AttendanceStatus.PRESENT: "ACCEPTED",
    AttendanceStatus.EXCUSED: "DECLINED",
}
_STATUS = {
    MeetingStatus.PLANNED: "TENTATIVE",
    MeetingStatus.CONFIRMED: "CONFIRMED",
    MeetingStatus.HELD: "CONFIRMED",
    MeetingStatus.CANCELLED: "CANCELLED",
}


class _Context:
    """One export's settings and lookups."""

    def __init__(self, request: ExportRequest) -> None:
        self.options: ExportOptions = request.options
        self.language = request.options.language
        self.refs = References(request.data)
        self.network = request.data.network
        self.now = datetime.now(UTC).replace(microsecond=0)
        ics = request.options.ics
        # The organiser's address as the sender of a REQUEST/CANCEL (empty for a feed).
        self.senders = dict(request.senders) if ics.method is not IcsMethod.PUBLISH else {}
        self.option_key: Hashable = (
            self.language,
            request.options.effective_audience,
            request.options.decision_day,
            request.options.stamp,
            ics.method,
            ics.show_cancelled,
            ics.series,
            ics.sequence,
            tuple(sorted(self.senders.items())),
        )
        self._series: dict[str, list[Meeting]] = {}
        for meeting in request.series:
            if meeting.series_id is not None:
                self._series.setdefault(meeting.series_id, []).append(meeting)

    def whole_series(self, series_id: str, shown: Iterable[Meeting]) -> list[Meeting]:
        """Every meeting of the series, by start: the request's whole series, with ``shown`` as given."""
        members = {m.id: m for m in self._series.get(series_id, ())}
        members.update((m.id, m) for m in shown)
        return sorted(members.values(), key=lambda m: (m.start, m.id))

    def stamps(self, modified: datetime | None, created: datetime | None) -> Stamps:
        dtstamp = self.options.stamp or modified or created or self.now
        return Stamps(
            dtstamp=dtstamp.astimezone(UTC),
            modified=modified.astimezone(UTC) if modified else None,
            created=created.astimezone(UTC) if created else None,
        )

    def organizer(self, actor_id: str | None) -> tuple[str, str] | None:
        email = self.refs.email_of(actor_id) or (self.senders.get(actor_id) if actor_id else None)
        if email is not None:
            return (email, clean_text(self.refs.actor_name(actor_id) or ""))
        email = self.refs.network_email()
        return (email, clean_text(self.network.name)) if email else None

    def meeting_content(self, meeting: Meeting) -> EntryContent:
        language = self.language
        refs = self.refs
        cancelled = meeting.status is MeetingStatus.CANCELLED
        summary = clean_text(meeting.title)
        if cancelled:
            summary = word("cancelled_prefix", language) + summary
        lines: list[str] = []
        if meeting.description:
            lines += [clean_text(meeting.description), ""]
        if meeting.agenda:
            lines.append(word("agenda", language) + ":")
            for number, item in enumerate(meeting.agenda, start=1):
                line = f"{number}. {clean_text(item.title)}"
                if item.minutes:
                    line += f" ({item.minutes} {word('minutes_short', language)})"
                presenters = [refs.actor_label(p) for p in item.presenter_ids]
                if presenters:
                    line += " – " + clean_text(", ".join(presenters))
                lines.append(line)
        if meeting.online_url:
            lines += ["", f"{word('online', language)}: {clean_text(meeting.online_url)}"]
        location = refs.place(meeting.venue_id, meeting.room_id)
        if location is None and meeting.online_url:
            location = word("online", language)
        venue = refs.venues.get(meeting.venue_id) if meeting.venue_id else None
        geo = (venue.coordinates.latitude, venue.coordinates.longitude) if venue and venue.coordinates else None
        categories = [meeting_kind_word(meeting.kind, language)]
        group = refs.groups.get(meeting.group_id) if meeting.group_id else None
        if group is not None:
            categories.append(clean_text(group.name))
        attendees: list[tuple[str, str, str, str, bool]] = []
        for invitation, email in self.attendees(meeting)[0]:
            role = "CHAIR" if invitation.actor_id == meeting.moderator_id else "REQ-PARTICIPANT"
            partstat = _PARTSTAT[invitation.status]
            name = clean_text(refs.actor_name(invitation.actor_id) or "")
            attendees.append((email, name, role, partstat, partstat == "NEEDS-ACTION"))
        return EntryContent(
            summary=summary,
            description="\n".join(lines).strip("\n") or None,
            location=clean_text(location) if location else None,
            geo=geo,
            categories=tuple(categories),
            status=_STATUS[meeting.status],
            organizer=self.organizer(meeting.organizer_id),
            attendees=tuple(attendees),
            url=clean_text(meeting.online_url) if meeting.online_url else None,
            duration=meeting.end - meeting.start,
        )

    def attendees(self, meeting: Meeting) -> tuple[list[tuple[Invitation, str]], list[tuple[str, str]]]:
        """The invitees an entry names as ATTENDEE with their e-mail, and those it leaves out with the reason.

        A public feed names nobody. An invitation or cancellation (``REQUEST``, ``CANCEL``) is an
        e-mail: it goes to organisations with an address and to people with an active
        ``invitations`` consent and an address in the export; a feed for the network's own
        people names everyone whose address the export holds.
        """
        audience = self.options.effective_audience
        if audience == "public":
            return [], []
        message = self.options.ics.method is not IcsMethod.PUBLISH
        day = self.options.decision_day
        named: list[tuple[Invitation, str]] = []
        left_out: list[tuple[str, str]] = []
        for invitation in meeting.invitations:
            actor = self.refs.actors.get(invitation.actor_id)
            email = self.refs.email_of(invitation.actor_id)
            if message and isinstance(actor, Person) and not actor.consented(ConsentPurpose.INVITATIONS, day):
                left_out.append((invitation.actor_id, f"no invitations consent on {day.isoformat()}"))
            elif email is None:
                reason = "no e-mail address"
                if isinstance(actor, Person) and audience == "internal":
                    reason += " in an internal export (no directory consent); export for audience 'recipients'"
                left_out.append((invitation.actor_id, reason))
            else:
                named.append((invitation, email))
        return named, left_out

    def meeting_deps(self, meeting: Meeting) -> Hashable:
        """Everything besides the meeting that its entry shows: the cache key's other half."""
        refs = self.refs
        actor_ids = {meeting.organizer_id, meeting.moderator_id}
        actor_ids.update(i.actor_id for i in meeting.invitations)
        for item in meeting.agenda:
            actor_ids.update(item.presenter_ids)
        actors = []
        for actor_id in sorted(a for a in actor_ids if a):
            actor = refs.actors.get(actor_id)
            actors.append(actor)
            if isinstance(actor, Person) and actor.affiliation_id:
                actors.append(refs.actors.get(actor.affiliation_id))
        return (
            refs.venues.get(meeting.venue_id) if meeting.venue_id else None,
            refs.groups.get(meeting.group_id) if meeting.group_id else None,
            tuple(actors),
        )


class _RenderCache:
    """Rendered entries by value, least recently used dropped first (bounded memory)."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, bytes] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, render: Callable[[], bytes]) -> bytes:
        found = self._entries.get(key)
        if found is not None:
            self._entries.move_to_end(key)
            self.hits += 1
            return found
        self.misses += 1
        rendered = render()
        self._entries[key] = rendered
        if len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)
        return rendered

    def clear(self) -> None:
        self._entries.clear()
        self.hits = self.misses = 0


class IcsWriter:
    """Writes calendars, remembering each rendered entry (one writer per plugin host).

    The cache is keyed by the entity's value, the values of what its entry shows (venue,
    group, people) and the options, so a changed entity can never come out stale.
    """

    def __init__(self, max_cached: int = 200_000) -> None:
        self.cache = _RenderCache(max_cached)
        self._plans: OrderedDict[Hashable, SeriesPlan | None] = OrderedDict()

    def _plan(self, whole: list[Meeting]) -> SeriesPlan | None:
        """:func:`plan_series` of a whole series, remembered by its meetings' ids and times (bounded)."""
        key = tuple((m.id, m.start.astimezone(UTC), m.end.astimezone(UTC)) for m in whole)
        if key in self._plans:
            self._plans.move_to_end(key)
            return self._plans[key]
        plan = self._plans[key] = plan_series(whole)
        if len(self._plans) > 20_000:
            self._plans.popitem(last=False)
        return plan

    def write(self, request: ExportRequest, stream: BinaryIO) -> None:
        """The ``Exporter.write`` of the ``ics`` format."""
        stream.write(self.calendar(request))

    def calendar(self, request: ExportRequest) -> bytes:
        """The whole calendar as bytes (CRLF, folded at 75 octets, UTF-8)."""
        ctx = _Context(request)
        method = request.options.ics.method
        data = request.data
        units: list[tuple[datetime, str, bytes]] = []
        if method is IcsMethod.PUBLISH:
            self._feed_units(ctx, data.meetings, data.events, data.courses, units)
        else:
            units.append(self._message_unit(ctx, request))
        units.sort(key=lambda unit: (unit[0], unit[1]))
        return _header(ctx, request) + b"".join(unit[2] for unit in units) + b"END:VCALENDAR\r\n"

    # -- feeds

    def _feed_units(
        self,
        ctx: _Context,
        meetings: Iterable[Meeting],
        events: Iterable[Event],
        courses: Iterable[Course],
        units: list[tuple[datetime, str, bytes]],
    ) -> None:
        show_cancelled = ctx.options.ics.show_cancelled
        series: dict[str, list[Meeting]] = {}
        for meeting in meetings:
            if meeting.series_id is not None and ctx.options.ics.series:
                series.setdefault(meeting.series_id, []).append(meeting)
            elif show_cancelled or meeting.status is not MeetingStatus.CANCELLED:
                units.append(self._single_meeting(ctx, meeting))
        for series_id, members in series.items():
            members.sort(key=lambda m: (m.start, m.id))
            units.extend(self._series(ctx, series_id, members))
        for event in events:
            if show_cancelled or not event.cancelled:
                units.append(self._public_event(ctx, event))
        for course in courses:
            if course.start is not None and (show_cancelled or course.status is not CourseStatus.CANCELLED):
                units.append(self._course(ctx, course))

    def _single_meeting(
        self, ctx: _Context, meeting: Meeting, sequence: int | None = None
    ) -> tuple[datetime, str, bytes]:
        uid = uid_for(ctx.network.id, "meeting", meeting.id)
        key = ("meeting", meeting, ctx.meeting_deps(meeting), ctx.network, ctx.option_key, sequence)

        def render() -> bytes:
            content = ctx.meeting_content(meeting)
            start, end = written_span(meeting.start, meeting.end)
            return render_entry(
                uid=uid,
                start=start,
                end=end,
                content=content,
                sequence=meeting.revision if sequence is None else sequence,
                stamps=ctx.stamps(meeting.modified, meeting.created),
                entity_ref=f"meeting/{meeting.id}",
            )

        return (meeting.start, uid, self.cache.get(key, render))

    def _series(self, ctx: _Context, series_id: str, members: list[Meeting]) -> list[tuple[datetime, str, bytes]]:
        """A series as one entry with a rule, planned on the whole series; single entries if it follows none."""
        show_cancelled = ctx.options.ics.show_cancelled
        if not show_cancelled and all(m.status is MeetingStatus.CANCELLED for m in members):
            return []
        whole = ctx.whole_series(series_id, members)
        plan = self._plan(whole)
        if plan is None:
            return [
                self._single_meeting(ctx, m)
                for m in members
                if show_cancelled or m.status is not MeetingStatus.CANCELLED
            ]
        uid = uid_for(ctx.network.id, "series", series_id)
        key = (
            "series",
            series_id,
            tuple((m, ctx.meeting_deps(m)) for m in members),
            tuple(whole) if len(whole) > len(members) else None,
            ctx.network,
            ctx.option_key,
        )

        def render() -> bytes:
            return render_series(
                uid=uid,
                series_id=series_id,
                members=members,
                plan=plan,
                contents={m.id: ctx.meeting_content(m) for m in members},
                version=series_version(whole),
                stamps=ctx.stamps,
                show_cancelled=show_cancelled,
            )

        return [(members[0].start, uid, self.cache.get(key, render))]

    def _public_event(self, ctx: _Context, event: Event) -> tuple[datetime, str, bytes]:
        uid = uid_for(ctx.network.id, "event", event.id)
        refs = ctx.refs
        key = (
            "event",
            event,
            refs.venues.get(event.venue_id) if event.venue_id else None,
            refs.actors.get(event.organizer_id) if event.organizer_id else None,
            ctx.network,
            ctx.option_key,
        )
        when = event.when
        if isinstance(when, AllDay):
            start: datetime | date = when.first_day
            end: datetime | date = when.last_day + timedelta(days=1)
            sort_key = datetime.combine(when.first_day, datetime.min.time(), tzinfo=BERLIN)
        else:
            start, end = written_span(when.start, when.end)
            sort_key = when.start

        def render() -> bytes:
            venue = refs.venues.get(event.venue_id) if event.venue_id else None
            summary = clean_text(event.title)
            if event.cancelled:
                summary = word("cancelled_prefix", ctx.language) + summary
            content = EntryContent(
                summary=summary,
                description=clean_text(event.description) if event.description else None,
                location=clean_text(refs.place(event.venue_id) or "") or None,
                geo=(venue.coordinates.latitude, venue.coordinates.longitude) if venue and venue.coordinates else None,
                categories=(word("event", ctx.language), event_kind_word(event.kind, ctx.language)),
                status="CANCELLED" if event.cancelled else "CONFIRMED",
                organizer=ctx.organizer(event.organizer_id),
                attendees=(),
                url=clean_text(event.url) if event.url else None,
                duration=timedelta(0),
                transparent=True,
            )
            return render_entry(
                uid=uid,
                start=start,
                end=end,
                content=content,
                sequence=event.revision,
                stamps=ctx.stamps(event.modified, event.created),
                entity_ref=f"event/{event.id}",
            )

        return (sort_key, uid, self.cache.get(key, render))

    def _course(self, ctx: _Context, course: Course) -> tuple[datetime, str, bytes]:
        assert course.start is not None
        uid = uid_for(ctx.network.id, "course", course.id)
        refs = ctx.refs
        key = (
            "course",
            course,
            refs.venues.get(course.venue_id) if course.venue_id else None,
            refs.actors.get(course.provider_id),
            ctx.network,
            ctx.option_key,
        )
        first = course.start
        last = course.end or course.start

        def render() -> bytes:
            language = ctx.language
            provider = refs.actor_name(course.provider_id)
            units, free = course.units_total, course.free_seats
            if language == "en":
                lines = [f"Course provider: {provider}", f"Teaching units: {units}, {course.units_per_week} a week",
                         f"Seats: {course.seats} ({free} free)"]  # fmt: skip
            else:
                lines = [f"Kursträger: {provider}", f"Unterrichtseinheiten: {units}, {course.units_per_week} pro Woche",
                         f"Plätze: {course.seats} ({free} frei)"]  # fmt: skip
            venue = refs.venues.get(course.venue_id) if course.venue_id else None
            status = {CourseStatus.PLANNED: "TENTATIVE", CourseStatus.CANCELLED: "CANCELLED"}.get(
                course.status, "CONFIRMED"
            )
            summary = clean_text(refs.course_title(course, language))
            if course.status is CourseStatus.CANCELLED:
                summary = word("cancelled_prefix", language) + summary
            content = EntryContent(
                summary=summary,
                description=clean_text("\n".join(lines)),
                location=clean_text(refs.place(course.venue_id) or course.place or "") or None,
                geo=(venue.coordinates.latitude, venue.coordinates.longitude) if venue and venue.coordinates else None,
                categories=(word("course", language),),
                status=status,
                organizer=ctx.organizer(course.provider_id),
                attendees=(),
                url=None,
                duration=timedelta(0),
                transparent=True,
            )
            return render_entry(
                uid=uid,
                start=first,
                end=last + timedelta(days=1),
                content=content,
                sequence=course.revision,
                stamps=ctx.stamps(course.modified, course.created),
                entity_ref=f"course/{course.id}",
            )

        return (datetime.combine(first, datetime.min.time(), tzinfo=BERLIN), uid, self.cache.get(key, render))

    # -- invitations and cancellations

    def _message_unit(self, ctx: _Context, request: ExportRequest) -> tuple[datetime, str, bytes]:
        method = request.options.ics.method
        data = request.data
        if len(data.meetings) != 1 or data.events or data.courses:
            raise ExportError(
                f"METHOD:{method} is for one meeting at a time (one UID per message, RFC 5546); "
                f"select one meeting (got {len(data.meetings)} meetings, {len(data.events)} events, "
                f"{len(data.courses)} courses)"
            )
        if request.options.effective_audience == "public":
            raise ExportError(
                f"METHOD:{method} names the invited people as ATTENDEEs: export for audience 'recipients' "
                "(e-mail invitations to those who agreed) or 'internal' (for a public feed use METHOD:PUBLISH)"
            )
        meeting = data.meetings[0]
        for actor_id, reason in ctx.attendees(meeting)[1]:
            request.leave_out(actor_id, ctx.refs.actor_label(actor_id), reason)
        if ctx.organizer(meeting.organizer_id) is None:
            raise ExportError(
                f"METHOD:{method} needs an ORGANIZER with an e-mail address: give the organiser "
                f"({meeting.organizer_id or 'none set'}) or the network an e-mail contact"
            )
        sequence = request.options.ics.sequence  # None: the revision (a series member: the series' version)
        if method is IcsMethod.CANCEL:
            if sequence is None and meeting.status is not MeetingStatus.CANCELLED:
                sequence = meeting.revision + 1
            meeting = attrs.evolve(meeting, status=MeetingStatus.CANCELLED)
        return self._series_member(ctx, meeting) or self._single_meeting(ctx, meeting, sequence)

    def _series_member(self, ctx: _Context, meeting: Meeting) -> tuple[datetime, str, bytes] | None:
        """A message for one date of a series a feed writes with a rule: the series' UID and the
        date's ``RECURRENCE-ID`` (RFC 5546), so a calendar updates the date it shows; else None.

        A cancellation counts as the change it is: the series' ``SEQUENCE`` with this meeting cancelled.
        """
        if meeting.series_id is None or not ctx.options.ics.series:
            return None
        whole = ctx.whole_series(meeting.series_id, [meeting])
        plan = self._plan(whole)
        if plan is None:
            return None
        uid, given = uid_for(ctx.network.id, "series", meeting.series_id), ctx.options.ics.sequence
        payload = render_member(
            uid=uid,
            meeting=meeting,
            plan=plan,
            content=ctx.meeting_content(meeting),
            sequence=series_version(whole).sequence if given is None else given,
            stamps=ctx.stamps,
        )
        return (meeting.start, uid, payload)


def _header(ctx: _Context, request: ExportRequest) -> bytes:
    """The calendar's properties and the time zone, without ``END:VCALENDAR``.

    No ``X-WR-TIMEZONE``: every time here names its zone (``TZID``, UTC or a date), so Google,
    Apple and Outlook have nothing floating to read in it, while readers that apply it (the
    ``x-wr-timezone`` package under recurring-ical-events) turn UTC times into Berlin wall time
    and lose which of the two repeated October hours was meant.
    """
    from icalendar import Calendar, Timezone, vDuration

    options = request.options.ics
    name = one_line(options.name or ctx.network.name) or "integrationsnetz"
    cal = Calendar.new(
        prodid=PRODID,
        method=str(options.method),
        uid=uid_for(ctx.network.id, "calendar", name),
    )
    if options.method is IcsMethod.PUBLISH:
        # NAME (RFC 7986) and X-WR-CALNAME are TEXT, but icalendar and ical.js (Thunderbird, Nextcloud)
        # know neither and show their escapes ("A\, B"); VALUE=TEXT tells every parser to unescape.
        cal["NAME"] = text_value(name, params={"VALUE": "TEXT"})
        cal["X-WR-CALNAME"] = text_value(name, params={"VALUE": "TEXT"})
        cal.add("refresh-interval", options.refresh_interval, parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", vDuration(options.refresh_interval))
    cal.add_component(Timezone.from_ical(BERLIN_VTIMEZONE))
    body: bytes = cal.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert body.endswith(end)
    return body[: -len(end)]


@hookimpl
def register_exporters() -> list[Exporter]:
    """The built-in ``ics`` exporter (one writer, and so one render cache, per plugin host)."""
    writer = IcsWriter()
    return [
        Exporter(
            format="ics",
            media_type="text/calendar; charset=utf-8",
            suffix=".ics",
            description="iCalendar (RFC 5545): feeds for Outlook, Thunderbird, Apple, Google; invitations",
            write=writer.write,
        )
    ]
