"""The Netzwerk Integration Wartburgkreis as the article of October 2024 shows it.

``build()`` returns the whole network as one :class:`~integrationsnetz.NetworkData`: the
network and its public contact, the district office and its units, the agencies and partners,
the two coordinators, the five working groups with their goals and tasks, the second network
meeting with its complete agenda, the two job fairs it announced, the 17 running integration
courses with the waiting lists, and the two funding programmes presented.

People appear by their function, never with the names the article prints; the two integration
managers have invented names so that a reader can tell them apart. Where the article
is silent the example makes a plausible choice and says so here:

* **Dates.** The article says the meeting was "Mitte Oktober"; it appeared on the eve of the
  24th Berufemarkt "am morgigen Samstag", and it speaks of the fair "Let's talk about…" of
  16 October in the past tense. Both hold only if the article appeared on Friday 18 October
  2024: so the Berufemarkt was on Saturday 19 October. Press reports of the meeting (listed in
  the project's research notes) date it Monday 14 October 2024, which is mid-October and two
  days before "Let's talk about…", so that fair was announced at the meeting and was over when
  the article came out. The network was founded on 27 February 2024 ("im Frühjahr 2024"; the
  date is from a press report of the founding meeting). The groups' founding date and the
  meeting's hours are assumed.
* **Head count.** "Über 70 Netzwerkende": recorded as 71, the least number that is over 70.
* **Courses.** The article gives 17 running courses of the types "Alphabetisierungskurs,
  allgemeiner Integrationskurs, Zweitschriftlernerkurs etc." and a wait of over half a year.
  The split by type (11 general, 4 literacy, 1 second-script, 1 youth), the providers, dates,
  seats and teachers are illustrative; the providers other than the district's adult education
  centre have invented names.
* **Co-leads.** Each group is co-led by the integration management and one external partner;
  the article does not name the partners, so the example picks a fitting one per group.
* **Goals.** The article lists what the groups work on without saying which group does what;
  the example assigns each goal to the group whose topic it belongs to.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from integrationsnetz import (
    Address,
    AgendaItem,
    AgendaItemKind,
    AllDay,
    AttendanceStatus,
    ContactKind,
    ContactPoint,
    Coordinates,
    Course,
    CourseStatus,
    Event,
    EventKind,
    FundingProgramme,
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
    Registration,
    Role,
    Room,
    State,
    Task,
    TaskStatus,
    Venue,
    Waitlist,
    WorkingGroup,
)
from integrationsnetz.courses.catalogue import OFFICIAL_COURSE_TYPES

BERLIN = ZoneInfo("Europe/Berlin")
NETWORK_ID = "netz-wak"
FOUNDED = date(2024, 2, 27)
GROUPS_FOUNDED = date(2024, 4, 15)  # assumed: the groups reported on "their last sessions" in October
MEETING_DAY = date(2024, 10, 14)
BERUFEMARKT_DAY = date(2024, 10, 19)
LETS_TALK_DAY = date(2024, 10, 16)
AS_OF = MEETING_DAY  # the day the figures were presented


def _org(org_id: str, name: str, kind: OrganizationKind, **fields: object) -> Organization:
    return Organization(id=org_id, network_id=NETWORK_ID, name=name, kind=kind, **fields)  # type: ignore[arg-type]


def _person(person_id: str, function: str, affiliation_id: str, **fields: object) -> Person:
    return Person(
        id=person_id,
        network_id=NETWORK_ID,
        function=function,
        affiliation_id=affiliation_id,
        **fields,  # type: ignore[arg-type]
    )


def network() -> Network:
    """The network with its region and public contact."""
    return Network(
        id=NETWORK_ID,
        name="Netzwerk Integration Wartburgkreis",
        region=Region(name="Wartburgkreis", state=State.TH, ags="16063"),
        founded=FOUNDED,
        description=(
            "Kooperation des Landratsamtes Wartburgkreis mit Trägern, Institutionen, Behörden und weiteren "
            "Akteuren im Bereich Integration und Migration, koordiniert vom Integrationsmanagement in der "
            "Stabsstelle Sozialplanung (integrierte Sozialplanung)."
        ),
        contacts=(
            ContactPoint(kind=ContactKind.PHONE, value="03695-615803", label="Integrationsmanagement"),
            ContactPoint(kind=ContactKind.PHONE, value="03695-615805", label="Integrationsmanagement"),
            ContactPoint(kind=ContactKind.EMAIL, value="integration@wartburgkreis.de"),
        ),
        website="https://www.wartburgkreis.de/leben-im-wartburgkreis/soziales/soziale-planungsbereiche/integrationsmanagement",
    )


def organizations() -> tuple[Organization, ...]:
    """The district office with its units, the agencies, providers and partners."""
    lra_address = Address(street="Erzberger Allee 14", postal_code="36433", city="Bad Salzungen")
    return (
        _org("lra", "Landratsamt Wartburgkreis", OrganizationKind.AUTHORITY, short_name="LRA", address=lra_address),
        _org(
            "lra-sozialplanung",
            "Stabsstelle Sozialplanung",
            OrganizationKind.AUTHORITY,
            parent_id="lra",
            description="Integrierte Sozialplanung; hier arbeitet das Integrationsmanagement.",
            contacts=(ContactPoint(kind=ContactKind.EMAIL, value="integration@wartburgkreis.de"),),
        ),
        _org("lra-migration", "Amt für Versorgung und Migration", OrganizationKind.AUTHORITY, parent_id="lra"),
        _org("lra-staatsangehoerigkeit", "Staatsangehörigkeitsbehörde", OrganizationKind.AUTHORITY, parent_id="lra"),
        _org("lra-kreisplanung", "Kreisplanung", OrganizationKind.AUTHORITY, parent_id="lra"),
        _org("jobcenter", "Jobcenter Wartburgkreis", OrganizationKind.JOBCENTER),
        _org("bamf", "Bundesamt für Migration und Flüchtlinge", OrganizationKind.FEDERAL_AGENCY, short_name="BAMF"),
        _org("thaff", "Thüringer Agentur für Fachkräftegewinnung", OrganizationKind.STATE_AGENCY, short_name="ThAFF"),
        _org(
            "ikpe",
            "Institut für kommunale Planung und Entwicklung",
            OrganizationKind.OTHER,
            short_name="IKPE",
            address=Address(city="Erfurt"),
            description="Begleitet das Integrationsmanagement; moderiert die Netzwerktreffen.",
        ),
        _org(
            "tlbimf",
            "Büro der Thüringer Beauftragten für Integration, Migration und Flüchtlinge",
            OrganizationKind.STATE_AGENCY,
            address=Address(city="Erfurt"),
        ),
        _org(
            "pfd",
            "Partnerschaft für Demokratie im Wartburgkreis",
            OrganizationKind.OTHER,
            description="Externe Koordinierungs- und Fachstelle; Förderung im Bundesprogramm „Demokratie leben!“.",
        ),
        _org(
            "dbi-falk",
            "Diakonisches Bildungsinstitut Johannes Falk gGmbH",
            OrganizationKind.EDUCATION,
            address=Address(city="Eisenach"),
        ),
        _org(
            "sbbz-bad-salzungen",
            "Staatliches Berufsbildungszentrum und Medizinische Fachschule Bad Salzungen",
            OrganizationKind.EDUCATION,
            address=Address(city="Bad Salzungen"),
        ),
        _org("automobilmuseum", "Stiftung Automobile Welt Eisenach", OrganizationKind.OTHER),
        _org(
            "vhs-wak",
            "Volkshochschule Wartburgkreis",
            OrganizationKind.COURSE_PROVIDER,
            short_name="VHS",
            address=Address(city="Bad Salzungen"),
        ),
        _org(
            "sprachschule-werra",
            "Sprachschule Werratal gGmbH",
            OrganizationKind.COURSE_PROVIDER,
            address=Address(city="Eisenach"),
            description="Name erfunden: steht für die Kursträger der Integrationskurse im Kreis.",
        ),
        _org(
            "bildungswerk-rhoen",
            "Bildungswerk Rhön-Rennsteig e. V.",
            OrganizationKind.COURSE_PROVIDER,
            address=Address(city="Bad Salzungen"),
            description="Name erfunden: steht für die Kursträger der Integrationskurse im Kreis.",
        ),
        _org(
            "migrationsberatung",
            "Migrationsberatung für Erwachsene (Wohlfahrtsverband)",
            OrganizationKind.WELFARE,
            address=Address(city="Eisenach"),
            description="Steht für die Beratungsstellen im Kreis.",
        ),
        _org(
            "wohnungsgesellschaft",
            "Kommunale Wohnungsgesellschaft Eisenach",
            OrganizationKind.HOUSING,
            description="Name erfunden: steht für die Wohnungsgesellschaften im Kreis.",
        ),
        _org(
            "wohnungsgenossenschaft",
            "Wohnungsgenossenschaft Wartburgregion eG",
            OrganizationKind.HOUSING,
            description="Name erfunden: steht für die Wohnungsgenossenschaften im Kreis.",
        ),
        _org(
            "ehrenamt",
            "Ehrenamtsnetzwerk Willkommen in der Wartburgregion",
            OrganizationKind.VOLUNTEER_INITIATIVE,
            description="Name erfunden: steht für die ehrenamtlichen Initiativen.",
        ),
        _org(
            "migrantenverein",
            "Interkultureller Verein Eisenach e. V.",
            OrganizationKind.MIGRANT_ORGANIZATION,
            description="Name erfunden: steht für die Migrantenorganisationen.",
        ),
    )


#: The teachers of each provider (by role), as ``(person id, function)``.
TEACHERS: dict[str, tuple[tuple[str, str], ...]] = {
    "vhs-wak": (
        ("lk-vhs-1", "Lehrkraft Integrationskurs (mit Zulassung für Alphabetisierung)"),
        ("lk-vhs-2", "Lehrkraft Integrationskurs (mit Zulassung für Alphabetisierung)"),
        ("lk-vhs-3", "Lehrkraft Integrationskurs"),
        ("lk-vhs-4", "Lehrkraft Integrationskurs"),
        ("lk-vhs-5", "Lehrkraft Integrationskurs"),
    ),
    "sprachschule-werra": (
        ("lk-werra-1", "Lehrkraft Integrationskurs (mit Zulassung für Alphabetisierung)"),
        ("lk-werra-2", "Lehrkraft Integrationskurs"),
        ("lk-werra-3", "Lehrkraft Integrationskurs"),
        ("lk-werra-4", "Lehrkraft Integrationskurs (Honorarkraft)"),
    ),
    "bildungswerk-rhoen": (
        ("lk-rhoen-1", "Lehrkraft Integrationskurs (mit Zulassung für Alphabetisierung)"),
        ("lk-rhoen-2", "Lehrkraft Integrationskurs"),
        ("lk-rhoen-3", "Lehrkraft Integrationskurs (Honorarkraft)"),
    ),
}


def persons() -> tuple[Person, ...]:
    """The people of the article, by function; the teachers of the courses, by role."""
    office_phone = "03695-615803"
    second_phone = "03695-615805"
    people = [
        _person(
            "im-1",
            "Integrationsmanager, Stabsstelle Sozialplanung",
            "lra-sozialplanung",
            name="Jan Beispiel",  # invented
            contacts=(
                ContactPoint(kind=ContactKind.PHONE, value=office_phone),
                ContactPoint(kind=ContactKind.EMAIL, value="integration@wartburgkreis.de"),
            ),
        ),
        _person(
            "im-2",
            "Integrationsmanager, Stabsstelle Sozialplanung",
            "lra-sozialplanung",
            name="Reza Muster",  # invented
            contacts=(
                ContactPoint(kind=ContactKind.PHONE, value=second_phone),
                ContactPoint(kind=ContactKind.EMAIL, value="integration@wartburgkreis.de"),
            ),
        ),
        _person("landrat", "Landrat des Wartburgkreises", "lra"),
        _person("ikpe-moderation", "Moderator, Institut für kommunale Planung und Entwicklung", "ikpe"),
        _person("migration-leitung", "Amtsleiter, Amt für Versorgung und Migration", "lra-migration"),
        _person("stag-sachbearbeitung", "Sachbearbeiter, Staatsangehörigkeitsbehörde", "lra-staatsangehoerigkeit"),
        _person("thaff-referentin", "Referentin, Thüringer Agentur für Fachkräftegewinnung", "thaff"),
        _person("jobcenter-stv-gf", "Stellvertretende Geschäftsführerin, Jobcenter Wartburgkreis", "jobcenter"),
        _person("bamf-regionalkoordination", "Vertreter des BAMF (Integrationskurse, Südthüringen)", "bamf"),
        _person("kreisplanung", "Mitarbeiterin der Kreisplanung, Landratsamt", "lra-kreisplanung"),
        _person("dbi-falk-vertretung", "Vertreterin, Diakonisches Bildungsinstitut Johannes Falk", "dbi-falk"),
        _person(
            "tlbimf-vertretung",
            "Vertreter des Büros der Thüringer Beauftragten für Integration, Migration und Flüchtlinge",
            "tlbimf",
        ),
        _person(
            "pfd-fachstelle",
            "Externe Koordinierungs- und Fachstelle, Partnerschaft für Demokratie im Wartburgkreis",
            "pfd",
        ),
    ]
    for provider, teachers in TEACHERS.items():
        people.extend(_person(person_id, function, provider) for person_id, function in teachers)
    return tuple(people)


#: The five working groups: id, name, topic, the external co-lead, further member organisations.
GROUPS: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("ag-sprache", "AG Sprache", "Sprache", "vhs-wak",
     ("sprachschule-werra", "bildungswerk-rhoen", "bamf", "ehrenamt", "migrantenverein")),
    ("ag-arbeit", "AG Arbeit", "Arbeit", "jobcenter",
     ("thaff", "lra-kreisplanung", "dbi-falk", "sbbz-bad-salzungen", "lra-migration")),
    ("ag-beratungsstellen", "AG Beratungsstellen", "Beratungsstellen", "migrationsberatung",
     ("lra-migration", "lra-staatsangehoerigkeit", "ehrenamt", "migrantenverein")),
    ("ag-wohnen", "AG Wohnen", "Wohnen", "wohnungsgesellschaft",
     ("wohnungsgenossenschaft", "lra-migration", "migrationsberatung")),
    ("ag-projekte", "AG Projekte/Fortbildungen", "Projekte/Fortbildungen", "dbi-falk",
     ("pfd", "tlbimf", "ehrenamt", "vhs-wak")),
)  # fmt: skip


def working_groups() -> tuple[WorkingGroup, ...]:
    """The five working groups with the goals and tasks the article reports."""
    goals_and_tasks: dict[str, tuple[tuple[Goal, ...], tuple[Task, ...]]] = {
        "ag-sprache": (
            (
                Goal(id="integrationskurse", title="Ausbau der Integrationskurse"),
                Goal(id="niedrigschwellig", title="Ausbau niedrigschwelliger Sprachangebote"),
            ),
            (
                Task(
                    id="sprache-lehrkraefte",
                    title="Bedarf an Lehrkräften mit den Kursträgern erheben",
                    owner_id="vhs-wak",
                    status=TaskStatus.IN_PROGRESS,
                    due=date(2024, 12, 31),
                    goal_id="integrationskurse",
                ),
                Task(
                    id="sprache-angebote",
                    title="Übersicht der niedrigschwelligen Sprachangebote im Kreis erstellen",
                    owner_id="im-1",
                    status=TaskStatus.OPEN,
                    due=date(2025, 3, 31),
                    goal_id="niedrigschwellig",
                ),
            ),
        ),
        "ag-arbeit": (
            (
                Goal(id="berufemessen", title="Beteiligung an Berufemessen verstärken"),
                Goal(id="befragungen", title="Befragungen von Unternehmen und Zugewanderten"),
            ),
            (
                Task(
                    id="arbeit-berufemarkt",
                    title="Auftritt beim 24. Berufemarkt vorbereiten",
                    owner_id="lra-kreisplanung",
                    status=TaskStatus.DONE,
                    due=BERUFEMARKT_DAY,
                    goal_id="berufemessen",
                ),
                Task(
                    id="arbeit-befragung-unternehmen",
                    title="Fragebogen für die Befragung von Unternehmen entwerfen",
                    owner_id="jobcenter",
                    status=TaskStatus.IN_PROGRESS,
                    due=date(2025, 1, 31),
                    goal_id="befragungen",
                ),
                Task(
                    id="arbeit-befragung-zugewanderte",
                    title="Befragung von Zugewanderten vorbereiten (mehrsprachig)",
                    owner_id="im-2",
                    status=TaskStatus.OPEN,
                    due=date(2025, 3, 31),
                    goal_id="befragungen",
                ),
            ),
        ),
        "ag-beratungsstellen": (
            (Goal(id="ehrenamtsstruktur", title="Ehrenamtsstruktur im Themenfeld ausbauen"),),
            (
                Task(
                    id="beratung-ehrenamt",
                    title="Ehrenamtliche Angebote erfassen und mit den Beratungsstellen vernetzen",
                    owner_id="migrationsberatung",
                    status=TaskStatus.IN_PROGRESS,
                    due=date(2025, 2, 28),
                    goal_id="ehrenamtsstruktur",
                ),
            ),
        ),
        "ag-wohnen": (
            (
                Goal(id="wohnungsfuehrerschein", title="Wohnungsführerschein entwickeln"),
                Goal(
                    id="vernetzung-wohnen",
                    title=(
                        "Engere Vernetzung der Wohnungsgesellschaften und -genossenschaften mit Akteuren und Behörden"
                    ),
                ),
            ),
            (
                Task(
                    id="wohnen-fuehrerschein-konzept",
                    title="Konzept für einen Wohnungsführerschein erarbeiten",
                    owner_id="wohnungsgesellschaft",
                    status=TaskStatus.IN_PROGRESS,
                    due=date(2025, 4, 30),
                    goal_id="wohnungsfuehrerschein",
                ),
                Task(
                    id="wohnen-runder-tisch",
                    title="Wohnungsunternehmen, Beratungsstellen und Behörden zu einem Austausch einladen",
                    owner_id="im-1",
                    status=TaskStatus.OPEN,
                    due=date(2025, 1, 31),
                    goal_id="vernetzung-wohnen",
                ),
            ),
        ),
        "ag-projekte": (
            (Goal(id="fachtage", title="Fachtage organisieren"),),
            (
                Task(
                    id="projekte-fachtag",
                    title="Ersten Fachtag Integration planen",
                    owner_id="dbi-falk",
                    status=TaskStatus.OPEN,
                    due=date(2025, 6, 30),
                    goal_id="fachtage",
                ),
            ),
        ),
    }
    return tuple(
        WorkingGroup(
            id=group_id,
            network_id=NETWORK_ID,
            name=name,
            topic=topic,
            founded=GROUPS_FOUNDED,
            description="Koordiniert durch das Integrationsmanagement und einen externen Fachakteur.",
            goals=goals_and_tasks[group_id][0],
            tasks=goals_and_tasks[group_id][1],
        )
        for group_id, name, topic, _co_lead, _members in GROUPS
    )


def memberships() -> tuple[Membership, ...]:
    """Coordinators and members of the network; the co-leads and members of each group."""

    def member(actor_id: str, role: Role, since: date, group_id: str | None = None) -> Membership:
        suffix = f"-{group_id}" if group_id else ""
        return Membership(
            id=f"m-{actor_id}{suffix}-{role.value}",
            network_id=NETWORK_ID,
            actor_id=actor_id,
            role=role,
            group_id=group_id,
            since=since,
        )

    network_members = [org.id for org in organizations() if org.id not in {"lra-sozialplanung", "ikpe"}]
    found: list[Membership] = [
        member("im-1", Role.COORDINATOR, FOUNDED),
        member("im-2", Role.COORDINATOR, FOUNDED),
        member("ikpe", Role.GUEST, FOUNDED),
    ]
    found.extend(member(org_id, Role.MEMBER, FOUNDED) for org_id in network_members)
    for group_id, _name, _topic, co_lead, group_members in GROUPS:
        found.append(member("im-1", Role.CO_LEAD, GROUPS_FOUNDED, group_id))
        found.append(member("im-2", Role.CO_LEAD, GROUPS_FOUNDED, group_id))
        found.append(member(co_lead, Role.CO_LEAD, GROUPS_FOUNDED, group_id))
        found.extend(member(org_id, Role.MEMBER, GROUPS_FOUNDED, group_id) for org_id in group_members)
    return tuple(found)


def venues() -> tuple[Venue, ...]:
    """The museum hall of the meeting, the district office, and the job fairs' places."""
    return (
        Venue(
            id="automobilmuseum-eisenach",
            network_id=NETWORK_ID,
            name="Automobilmuseum Eisenach (automobile welt eisenach)",
            address=Address(street="Friedrich-Naumann-Straße 10", postal_code="99817", city="Eisenach"),
            coordinates=Coordinates(latitude=50.9808, longitude=10.3044),  # approximate
            rooms=(Room(id="ehrhardt-saal", name="Ehrhardt-Saal", capacity=120),),  # capacity assumed
            owner_id="automobilmuseum",
        ),
        Venue(
            id="lra-bad-salzungen",
            network_id=NETWORK_ID,
            name="Landratsamt Wartburgkreis",
            address=Address(street="Erzberger Allee 14", postal_code="36433", city="Bad Salzungen"),
            coordinates=Coordinates(latitude=50.8117, longitude=10.2339),  # approximate
            rooms=(
                Room(id="sitzungssaal", name="Großer Sitzungssaal", capacity=80, step_free=True),
                Room(id="beratungsraum", name="Beratungsraum", capacity=20, step_free=True),
            ),
            owner_id="lra",
        ),
        Venue(
            id="sbbz-bad-salzungen",
            network_id=NETWORK_ID,
            name="Staatliches Berufsbildungszentrum und Medizinische Fachschule Bad Salzungen",
            address=Address(city="Bad Salzungen"),
            owner_id="sbbz-bad-salzungen",
        ),
        Venue(
            id="eisenach",
            network_id=NETWORK_ID,
            name="Eisenach",
            address=Address(city="Eisenach"),
        ),
    )


def _berlin(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=BERLIN)


#: The agenda of 14 October 2024, in order: kind, title, presenters, minutes.
AGENDA: tuple[tuple[AgendaItemKind, str, tuple[str, ...], int], ...] = (
    (AgendaItemKind.WELCOME, "Begrüßung durch das Integrationsmanagement", ("im-1", "im-2"), 10),
    (AgendaItemKind.INPUT, "Überblick über die Integrationsarbeit in Thüringen", ("ikpe-moderation",), 15),
    (AgendaItemKind.ADDRESS, "Ansprache des Landrats", ("landrat",), 10),
    (AgendaItemKind.INPUT, "Neue gesetzliche Regelungen: Fachkräfteeinwanderungsgesetz und Einbürgerungsrecht",
     ("migration-leitung", "stag-sachbearbeitung"), 30),
    (AgendaItemKind.INPUT, "Thüringer Agentur für Fachkräftegewinnung (ThAFF): Arbeit der Agentur, Tipps zur "
     "Fachkräfteeinwanderung und -gewinnung", ("thaff-referentin",), 20),
    (AgendaItemKind.FIGURES, "Zahlen-Daten-Fakten: Migration, Arbeitsmarkt und Integrationskurse",
     ("migration-leitung", "jobcenter-stv-gf", "bamf-regionalkoordination"), 30),
    (AgendaItemKind.BREAK, "Pause", (), 15),
    (AgendaItemKind.REPORT, "Berichte der fünf Arbeitsgruppen: Sprache, Arbeit, Beratungsstellen, Wohnen, "
     "Projekte/Fortbildungen", ("im-1", "im-2"), 40),
    (AgendaItemKind.ANNOUNCEMENT, "24. Berufemarkt des Wartburgkreises am Samstag, 19. Oktober, in Bad Salzungen",
     ("kreisplanung",), 5),
    (AgendaItemKind.ANNOUNCEMENT, "Berufemesse „Let’s talk about…“ für Migrantinnen und Migranten am 16. Oktober "
     "in Eisenach", ("dbi-falk-vertretung",), 5),
    (AgendaItemKind.INPUT, "Förderprogramme, Publikationen und Ehrenamtsstruktur: Büro der Thüringer Beauftragten "
     "für Integration, Migration und Flüchtlinge", ("tlbimf-vertretung",), 15),
    (AgendaItemKind.INPUT, "Fördermöglichkeiten und Unterstützungsangebote der Partnerschaft für Demokratie",
     ("pfd-fachstelle",), 10),
    (AgendaItemKind.CLOSING, "Abschluss, Dank und Führung durch das Automobilmuseum", ("im-1", "im-2"), 45),
)  # fmt: skip


def network_meeting() -> Meeting:
    """The second network meeting, 14 October 2024, in the Ehrhardt-Saal."""
    start = _berlin(MEETING_DAY, 9, 30)
    agenda = tuple(
        AgendaItem(kind=kind, title=title, presenter_ids=presenters, minutes=length)
        for kind, title, presenters, length in AGENDA
    )
    present = sorted({presenter for _kind, _title, presenters, _length in AGENDA for presenter in presenters})
    return Meeting(
        id="nt-2024-2",
        network_id=NETWORK_ID,
        kind=MeetingKind.NETWORK,
        title="2. Treffen des Netzwerkes Integration Wartburgkreis",
        start=start,
        end=start + timedelta(minutes=sum(item.minutes or 0 for item in agenda)),
        status=MeetingStatus.HELD,
        venue_id="automobilmuseum-eisenach",
        room_id="ehrhardt-saal",
        organizer_id="lra-sozialplanung",
        moderator_id="ikpe-moderation",
        invitations=tuple(Invitation(actor_id=person, status=AttendanceStatus.PRESENT) for person in present),
        agenda=agenda,
        headcount=71,
        minutes=Minutes(
            text=(
                "Über 70 Netzwerkende. Fachliche Inputs zum Einbürgerungsrecht und zum Fachkräfteeinwanderungsgesetz. "
                "Integrationskurse: aktuell laufen 17 Kurse (Alphabetisierungskurs, allgemeiner Integrationskurs, "
                "Zweitschriftlernerkurs u. a.); die Wartezeit auf einen Platz beträgt über ein halbes Jahr; das "
                "größte Hindernis für weitere Kurse ist der Mangel an Lehrkräften. Die fünf Arbeitsgruppen "
                "berichteten über ihre Themen, Ziele und Aufgaben."
            ),
            recorded_by_id="im-2",
        ),
    )


def events() -> tuple[Event, ...]:
    """The two job fairs announced at the meeting."""
    return (
        Event(
            id="berufemarkt-2024",
            network_id=NETWORK_ID,
            kind=EventKind.JOB_FAIR,
            title="24. Berufemarkt des Wartburgkreises",
            when=AllDay(first_day=BERUFEMARKT_DAY, last_day=BERUFEMARKT_DAY),
            organizer_id="lra-kreisplanung",
            venue_id="sbbz-bad-salzungen",
            description="Im Staatlichen Berufsbildungszentrum und Medizinische Fachschule Bad Salzungen.",
        ),
        Event(
            id="lets-talk-about-2024",
            network_id=NETWORK_ID,
            kind=EventKind.JOB_FAIR,
            title="Let’s talk about… – Berufemesse für Migrantinnen und Migranten",
            when=AllDay(first_day=LETS_TALK_DAY, last_day=LETS_TALK_DAY),
            organizer_id="dbi-falk",
            venue_id="eisenach",
        ),
    )


#: The 17 running courses: (course type, provider, place, start, teachers); see the module docstring.
COURSES: tuple[tuple[str, str, str, date, tuple[str, ...]], ...] = (
    ("general", "vhs-wak", "Bad Salzungen", date(2024, 3, 4), ("lk-vhs-3",)),
    ("general", "vhs-wak", "Bad Salzungen", date(2024, 4, 8), ("lk-vhs-4",)),
    ("general", "vhs-wak", "Bad Salzungen", date(2024, 9, 2), ("lk-vhs-5",)),
    ("general", "vhs-wak", "Bad Liebenstein", date(2024, 6, 3), ("lk-vhs-4", "lk-vhs-5")),
    ("general", "sprachschule-werra", "Eisenach", date(2024, 2, 26), ("lk-werra-2",)),
    ("general", "sprachschule-werra", "Eisenach", date(2024, 3, 11), ("lk-werra-3",)),
    ("general", "sprachschule-werra", "Eisenach", date(2024, 5, 13), ("lk-werra-4",)),
    ("general", "sprachschule-werra", "Eisenach", date(2024, 8, 19), ("lk-werra-2", "lk-werra-3")),
    ("general", "bildungswerk-rhoen", "Bad Salzungen", date(2024, 2, 19), ("lk-rhoen-2",)),
    ("general", "bildungswerk-rhoen", "Dermbach", date(2024, 7, 1), ("lk-rhoen-3",)),
    ("general", "bildungswerk-rhoen", "Bad Salzungen", date(2024, 9, 16), ("lk-rhoen-2", "lk-rhoen-3")),
    ("literacy", "vhs-wak", "Bad Salzungen", date(2024, 1, 8), ("lk-vhs-1",)),
    ("literacy", "vhs-wak", "Bad Salzungen", date(2024, 6, 10), ("lk-vhs-2",)),
    ("literacy", "sprachschule-werra", "Eisenach", date(2024, 3, 4), ("lk-werra-1",)),
    ("literacy", "bildungswerk-rhoen", "Bad Salzungen", date(2024, 4, 22), ("lk-rhoen-1",)),
    ("second_script", "sprachschule-werra", "Eisenach", date(2024, 5, 27), ("lk-werra-1",)),
    ("youth", "vhs-wak", "Eisenach", date(2024, 8, 26), ("lk-vhs-2", "lk-vhs-3")),
)

UNITS_PER_WEEK = 20  # full-time courses; the BAMF rule is full-time where possible


def courses() -> tuple[Course, ...]:
    """The 17 integration courses running in October 2024."""
    found = []
    for number, (code, provider, place, start, teachers) in enumerate(COURSES, start=1):
        kind = OFFICIAL_COURSE_TYPES[code]
        weeks = -(-kind.total_units // UNITS_PER_WEEK)
        seats = min(kind.max_group_size or 16, 20)
        found.append(
            Course(
                id=f"kurs-{number:02d}",
                network_id=NETWORK_ID,
                course_type=code,
                provider_id=provider,
                place=place,
                start=start,
                end=start + timedelta(weeks=weeks),
                units_total=kind.total_units,
                units_per_week=UNITS_PER_WEEK,
                seats=seats,
                participants=seats - number % 3,
                teacher_ids=teachers,
                status=CourseStatus.RUNNING,
            )
        )
    return tuple(found)


#: People waiting per course type in the district on the day of the meeting (illustrative numbers).
WAITING: dict[str, int] = {"general": 160, "literacy": 30, "second_script": 10}

#: "Über einem halben Jahr": the reported wait, in days (half a year is about 183 days).
REPORTED_WAIT_DAYS = 190


def waitlists() -> tuple[Waitlist, ...]:
    """District-wide waiting lists; the oldest registrations are over half a year old."""
    found = []
    for code, count in WAITING.items():
        # Registrations spread evenly over the last 200 days, oldest first, pseudonymous.
        registrations = tuple(
            Registration(
                registered_on=AS_OF - timedelta(days=200 - (200 * index) // count), reference=f"{code}-{index + 1:03d}"
            )
            for index in range(count)
        )
        found.append(
            Waitlist(
                id=f"warteliste-{code.replace('_', '-')}",
                network_id=NETWORK_ID,
                course_type=code,
                place="Wartburgkreis",
                as_of=AS_OF,
                registrations=registrations,
                reported_wait_days=REPORTED_WAIT_DAYS,
            )
        )
    return tuple(found)


def funding_programmes() -> tuple[FundingProgramme, ...]:
    """The programmes presented by the state commissioner's office and the Partnerschaft für Demokratie."""
    return (
        FundingProgramme(
            id="foerderung-integration-thueringen",
            network_id=NETWORK_ID,
            name="Förderprogramme der Thüringer Beauftragten für Integration, Migration und Flüchtlinge",
            funder_id="tlbimf",
            description="Projektförderung im Bereich Integration; Publikationen; Ehrenamtsstruktur im Themenfeld.",
            topics=("Integration", "Ehrenamt"),
        ),
        FundingProgramme(
            id="pfd-wartburgkreis",
            network_id=NETWORK_ID,
            name="Partnerschaft für Demokratie im Wartburgkreis: Fördermöglichkeiten",
            funder_id="pfd",
            description="Förderung und Unterstützung, zum Beispiel für interkulturelle Beteiligung und Begegnung.",
            topics=("Demokratie", "interkulturelle Beteiligung", "Begegnung"),
        ),
    )


def build() -> NetworkData:
    """The Netzwerk Integration Wartburgkreis of October 2024, as one value (the same on every call)."""
    return NetworkData(
        network=network(),
        organizations=organizations(),
        persons=persons(),
        memberships=memberships(),
        groups=working_groups(),
        venues=venues(),
        meetings=(network_meeting(),),
        events=events(),
        courses=courses(),
        waitlists=waitlists(),
        funding_programmes=funding_programmes(),
    )


if __name__ == "__main__":
    from integrationsnetz import check

    data = build()
    problems = check(data)
    print(f"{data.network.name}: {sum(1 for _ in data.entities())} Einträge, {len(problems)} Probleme")
    for problem in problems:
        print(f"  {problem}")
