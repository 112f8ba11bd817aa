"""A small, realistic network for export and import tests, with a sentinel person.

:func:`sample_network` is the Wartburgkreis network of the article (people invented), with what
exporters find hard: a biweekly working-group series across the spring DST switch with a
cancelled, a moved and a changed meeting; an irregular series; texts full of commas,
semicolons, quotes, backslashes, umlauts, emoji and line breaks; an all-day and a timed public
event; a course. The person named :data:`SENTINEL_NAME` with :data:`SENTINEL_EMAIL` must never
appear in an export that did not ask for personal data. Nobody in it has given a consent:
:func:`with_consents` records some (publication, directory, ...), as of a day, for one person or all.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import attrs

from integrationsnetz.model import (
    Address,
    AgendaItem,
    AgendaItemKind,
    AllDay,
    AttendanceStatus,
    Consent,
    ConsentPurpose,
    ContactKind,
    ContactPoint,
    Coordinates,
    Course,
    CourseStatus,
    Decision,
    Event,
    EventKind,
    Goal,
    Invitation,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Membership,
    Minutes,
    Network,
    NetworkData,
    Organization,
    OrganizationKind,
    Person,
    Region,
    Role,
    Room,
    State,
    Task,
    TaskStatus,
    Timed,
    Venue,
    WorkingGroup,
)

BERLIN = ZoneInfo("Europe/Berlin")
SENTINEL_NAME = "Zoë Sentinelli"
SENTINEL_EMAIL = "zoe.sentinelli@example.org"
NETWORK_ID = "netz-wak"
#: A title no calendar may break on: separators, quotes, a backslash, umlauts, emoji, a line break.
TRICKY_TITLE = 'AG Sprache; Treffen, Raum "2" \\ Übung 🎉\nzweite Zeile'

#: The day the sample's consents are given by default (:func:`with_consents`).
CONSENT_GIVEN = date(2024, 1, 2)

_MODIFIED = datetime(2026, 1, 10, 8, 30, tzinfo=UTC)
_CREATED = datetime(2025, 12, 1, 9, 0, tzinfo=UTC)


def _at(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def _stored(**fields: object) -> dict[str, object]:
    return {"network_id": NETWORK_ID, "created": _CREATED, "modified": _MODIFIED, "revision": 2, **fields}


def sprache_series() -> tuple[Meeting, ...]:
    """AG Sprache every other Wednesday 16:00–17:30, 11 Feb – 20 May 2026 (DST starts 29 March).

    The meeting of 8 April is cancelled, the one of 25 March moved to Thursday 26 March, the one
    of 6 May has another title; the others follow the rule.
    """
    meetings = []
    dates = [(2, 11), (2, 25), (3, 11), (3, 25), (4, 8), (4, 22), (5, 6), (5, 20)]
    for number, (month, day) in enumerate(dates, start=1):
        start = _at(2026, month, day, 16)
        title = "AG Sprache"
        status = MeetingStatus.CONFIRMED
        revision = 2
        if (month, day) == (3, 25):
            start = _at(2026, 3, 26, 16)
            revision = 4
        if (month, day) == (4, 8):
            status = MeetingStatus.CANCELLED
            revision = 3
        if (month, day) == (5, 6):
            title = TRICKY_TITLE
            revision = 3
        meetings.append(
            Meeting(
                **_stored(revision=revision),  # type: ignore[arg-type]
                id=f"ag-sprache-2026-{number:02d}",
                kind=MeetingKind.WORKING_GROUP,
                title=title,
                start=start,
                end=start.replace(hour=17, minute=30),
                group_id="ag-sprache",
                status=status,
                venue_id="lra",
                room_id="r2",
                organizer_id="lra",
                series_id="ag-sprache-2026",
                invitations=(
                    Invitation(actor_id="p-sentinel", status=AttendanceStatus.ACCEPTED),
                    Invitation(actor_id="vhs"),
                ),
                agenda=(
                    AgendaItem(kind=AgendaItemKind.DISCUSSION, title="Wartelisten, Kurse; Lehrkräfte", minutes=60),
                ),
            )
        )
    return tuple(meetings)


def sample_network() -> NetworkData:
    """The sample network (see the module docstring); the same value on every call."""
    network = Network(
        id=NETWORK_ID,
        created=_CREATED,
        modified=_MODIFIED,
        revision=5,
        name="Netzwerk Integration Wartburgkreis",
        region=Region(name="Wartburgkreis", state=State.TH, ags="16063"),
        founded=date(2024, 3, 1),
        contacts=(ContactPoint(kind=ContactKind.EMAIL, value="integration@wartburgkreis.example"),),
    )
    organizations = (
        Organization(
            **_stored(),  # type: ignore[arg-type]
            id="lra",
            name="Landratsamt Wartburgkreis",
            kind=OrganizationKind.AUTHORITY,
            short_name="LRA",
            address=Address(street="Erzberger Allee 14", postal_code="36433", city="Bad Salzungen"),
            contacts=(ContactPoint(kind=ContactKind.EMAIL, value="sozialplanung@wartburgkreis.example"),),
        ),
        Organization(
            **_stored(),  # type: ignore[arg-type]
            id="amt-migration",
            name="Amt für Versorgung und Migration",
            kind=OrganizationKind.AUTHORITY,
            parent_id="lra",
        ),
        Organization(
            **_stored(),  # type: ignore[arg-type]
            id="jobcenter",
            name="Jobcenter Wartburgkreis",
            kind=OrganizationKind.JOBCENTER,
            contacts=(ContactPoint(kind=ContactKind.EMAIL, value="jobcenter-wartburgkreis@example.org"),),
        ),
        Organization(
            **_stored(),  # type: ignore[arg-type]
            id="vhs",
            name='Volkshochschule "Wartburgkreis", Eisenach',
            kind=OrganizationKind.COURSE_PROVIDER,
            address=Address(street="Wartburgallee 1", postal_code="99817", city="Eisenach"),
            contacts=(
                ContactPoint(kind=ContactKind.EMAIL, value="kurse@vhs-wak.example"),
                ContactPoint(kind=ContactKind.PHONE, value="+49 3691 000000"),
            ),
        ),
        Organization(
            **_stored(),  # type: ignore[arg-type]
            id="institut",
            name="Institut für Sozialplanung",
            kind=OrganizationKind.OTHER,
            contacts=(ContactPoint(kind=ContactKind.EMAIL, value="moderation@institut.example"),),
        ),
    )
    persons = (
        Person(
            **_stored(),  # type: ignore[arg-type]
            id="p-sentinel",
            function="Integrationsmanagerin",
            name=SENTINEL_NAME,
            affiliation_id="lra",
            contacts=(
                ContactPoint(kind=ContactKind.EMAIL, value=SENTINEL_EMAIL),
                ContactPoint(kind=ContactKind.PHONE, value="+49 3695 123456"),
            ),
        ),
        Person(
            **_stored(),  # type: ignore[arg-type]
            id="p-migration",
            function="Leitung Amt für Versorgung und Migration",
            affiliation_id="amt-migration",
        ),
    )
    venues = (
        Venue(
            **_stored(),  # type: ignore[arg-type]
            id="museum",
            name="Museum Eisenach",
            address=Address(street="Markt 24", postal_code="99817", city="Eisenach"),
            coordinates=Coordinates(latitude=50.9746, longitude=10.3195),
            rooms=(Room(id="saal", name="Festsaal", capacity=120),),
        ),
        Venue(
            **_stored(),  # type: ignore[arg-type]
            id="lra",
            name="Landratsamt",
            address=Address(street="Erzberger Allee 14", postal_code="36433", city="Bad Salzungen"),
            coordinates=Coordinates(latitude=50.8117, longitude=10.2339),
            rooms=(Room(id="r2", name="Raum 2"),),
        ),
    )
    groups = (
        WorkingGroup(
            **_stored(),  # type: ignore[arg-type]
            id="ag-sprache",
            name="AG Sprache",
            topic="Sprache und Integrationskurse",
            founded=date(2024, 6, 1),
            goals=(Goal(id="z1", title="Wartezeit auf Kursplätze senken"),),
            tasks=(
                Task(
                    id="t1",
                    title="Umfrage bei Kursträgern",
                    owner_id="p-sentinel",
                    due=date(2026, 3, 31),
                    goal_id="z1",
                    origin_meeting_id="nt-2024-2",
                ),
                Task(
                    id="t2",
                    title="Liste der Lehrkräfte, <vertraulich> & aktuell",
                    owner_id="vhs",
                    status=TaskStatus.IN_PROGRESS,
                ),
                Task(id="t3", title="Flyer drucken", status=TaskStatus.DONE),
            ),
        ),
        WorkingGroup(
            **_stored(),  # type: ignore[arg-type]
            id="ag-arbeit",
            name="AG Arbeit",
            topic="Arbeitsmarkt",
            founded=date(2024, 6, 1),
        ),
    )
    memberships = (
        Membership(**_stored(), id="m1", actor_id="p-sentinel", role=Role.COORDINATOR, since=date(2024, 3, 1)),  # type: ignore[arg-type]
        Membership(**_stored(), id="m2", actor_id="vhs", group_id="ag-sprache", since=date(2024, 6, 1)),  # type: ignore[arg-type]
    )
    network_meeting = Meeting(
        **_stored(revision=7),  # type: ignore[arg-type]
        id="nt-2024-2",
        kind=MeetingKind.NETWORK,
        title="2. Netzwerktreffen Integration",
        start=_at(2024, 10, 14, 9),
        end=_at(2024, 10, 14, 13),
        status=MeetingStatus.HELD,
        venue_id="museum",
        room_id="saal",
        organizer_id="lra",
        moderator_id="institut",
        description="Zweites Treffen des Netzwerks.\nMit Führung durch das Museum.",
        headcount=72,
        invitations=(
            Invitation(actor_id="p-sentinel", status=AttendanceStatus.PRESENT),
            Invitation(actor_id="jobcenter", status=AttendanceStatus.PRESENT),
            Invitation(actor_id="vhs", status=AttendanceStatus.EXCUSED),
            Invitation(actor_id="institut", status=AttendanceStatus.PRESENT),
        ),
        agenda=(
            AgendaItem(kind=AgendaItemKind.WELCOME, title="Begrüßung", presenter_ids=("p-sentinel",), minutes=10),
            AgendaItem(
                kind=AgendaItemKind.INPUT,
                title="Fachkräfteeinwanderungsgesetz & Staatsangehörigkeit",
                presenter_ids=("p-migration",),
                minutes=30,
            ),
            AgendaItem(
                kind=AgendaItemKind.FIGURES,
                title="Zahlen, Daten, Fakten: Jobcenter",
                presenter_ids=("jobcenter",),
                minutes=20,
            ),
            AgendaItem(kind=AgendaItemKind.BREAK, title="Pause", minutes=20),
            AgendaItem(kind=AgendaItemKind.REPORT, title="Berichte aus den AGs", minutes=45),
            AgendaItem(kind=AgendaItemKind.CLOSING, title="Abschluss und Museumsführung", minutes=30),
        ),
        minutes=Minutes(
            text="Über 70 Teilnehmende. Die AGs berichten; Wartezeit auf Integrationskurse > 6 Monate.",
            recorded_by_id="p-sentinel",
            decisions=(
                Decision(text="Die AG Sprache befragt alle Kursträger.", agenda_item=4, task_ids=("t1",)),
                Decision(text="Nächstes Netzwerktreffen im Frühjahr 2025."),
            ),
            approved_on=date(2024, 11, 4),
        ),
    )
    arbeit = tuple(
        Meeting(
            **_stored(),  # type: ignore[arg-type]
            id=f"ag-arbeit-2026-{number}",
            kind=MeetingKind.WORKING_GROUP,
            title="AG Arbeit",
            start=start,
            end=start.replace(hour=start.hour + 2),
            group_id="ag-arbeit",
            venue_id="museum",
            series_id="ag-arbeit-2026",
            organizer_id="jobcenter",
        )
        for number, start in enumerate(
            (_at(2026, 1, 20, 10), _at(2026, 3, 3, 14), _at(2026, 6, 18, 9), _at(2026, 10, 27, 13)), start=1
        )
    )
    events = (
        Event(
            **_stored(),  # type: ignore[arg-type]
            id="berufemarkt-24",
            kind=EventKind.JOB_FAIR,
            title="24. Berufemarkt des Wartburgkreises",
            when=AllDay(first_day=date(2024, 10, 15), last_day=date(2024, 10, 15)),
            organizer_id="lra",
            venue_id="lra",
        ),
        Event(
            **_stored(),  # type: ignore[arg-type]
            id="fachtag-2026",
            kind=EventKind.SPECIALIST_DAY,
            title="Fachtag Wohnen; zwei Tage",
            when=AllDay(first_day=date(2026, 3, 30), last_day=date(2026, 3, 31)),
            venue_id="museum",
        ),
        Event(
            **_stored(),  # type: ignore[arg-type]
            id="messe-migranten-24",
            kind=EventKind.JOB_FAIR,
            title="Berufemesse für Migrantinnen und Migranten",
            when=Timed(start=_at(2024, 10, 16, 10), end=_at(2024, 10, 16, 14)),
            venue_id="museum",
            url="https://www.wartburgkreis.example/berufemesse",
        ),
    )
    courses = (
        Course(
            **_stored(),  # type: ignore[arg-type]
            id="kurs-alpha-1",
            course_type="literacy",
            provider_id="vhs",
            place="Eisenach",
            start=date(2024, 9, 2),
            end=date(2025, 6, 27),
            units_total=1300,
            units_per_week=20,
            seats=15,
            participants=15,
            status=CourseStatus.RUNNING,
        ),
    )
    return NetworkData(
        network=network,
        organizations=organizations,
        persons=persons,
        memberships=memberships,
        groups=groups,
        venues=venues,
        meetings=(network_meeting, *sprache_series(), *arbeit),
        events=events,
        courses=courses,
    )


def with_consents(
    data: NetworkData,
    purposes: Iterable[ConsentPurpose | str] = tuple(ConsentPurpose),
    *,
    person_id: str | None = None,
    given_on: date = CONSENT_GIVEN,
    withdrawn_on: date | None = None,
) -> NetworkData:
    """``data`` with consents for ``purposes`` recorded for one person (``person_id``) or everyone.

    Each consent is given on ``given_on`` and, with ``withdrawn_on``, withdrawn that day;
    earlier consents of the same purposes are replaced. By default everyone agrees to everything.
    """
    chosen = tuple(ConsentPurpose(purpose) for purpose in purposes)
    recorded = tuple(Consent(purpose=p, given_on=given_on, withdrawn_on=withdrawn_on) for p in chosen)

    def consenting(person: Person) -> Person:
        if person_id is not None and person.id != person_id:
            return person
        kept = tuple(consent for consent in person.consents if consent.purpose not in chosen)
        return attrs.evolve(person, consents=(*kept, *recorded))

    return attrs.evolve(data, persons=tuple(consenting(person) for person in data.persons))
