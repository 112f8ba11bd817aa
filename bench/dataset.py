"""The synthetic nationwide dataset of the serialization benchmark, built deterministically.

401 networks (the number of German Landkreise and kreisfreie Städte), each with about 100 actors
(organisations with contacts, and people), network and group memberships, 5 working groups with
goals and tasks, and 60 meetings with 6 agenda items and 40 invitations each: about 34 MB of
compact JSON. The same seed gives the same data on every machine.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from integrationsnetz import (
    AgendaItem,
    AgendaItemKind,
    AttendanceStatus,
    ContactKind,
    ContactPoint,
    Invitation,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Membership,
    Network,
    NetworkData,
    Organization,
    OrganizationKind,
    Person,
    Region,
    Role,
    State,
    Task,
    WorkingGroup,
)

BERLIN = ZoneInfo("Europe/Berlin")
DISTRICTS = 401
SEED = 20250101

CITIES = ("Eisenach", "Bad Salzungen", "Görlitz", "Würzburg", "Lübeck", "Köln", "Gießen", "Passau", "Jena", "Trier")
TOPICS = ("Sprache", "Arbeit", "Beratungsstellen", "Wohnen", "Projekte/Fortbildungen", "Gesundheit", "Bildung")
AGENDA = ("Begrüßung und Protokoll", "Bericht aus den AGs", "Neue Integrationskurse (BAMF)", "Fördermittel 2025",
          "Vorstellung neuer Akteure", "Termine & Verschiedenes", "Wohnraumsituation für Geflüchtete")  # fmt: skip
ORG_NAMES = ("Landratsamt", "Jobcenter", "Volkshochschule", "Caritas", "Diakonie", "AWO", "Wohnungsgenossenschaft",
             "Migrantenverein", "Ehrenamtsnetzwerk", "Handwerkskammer")  # fmt: skip
KINDS = tuple(OrganizationKind)
FUNCTIONS = ("Integrationsmanagerin", "Sozialarbeiter", "Kursleiterin", "Sachbearbeiter", "Ehrenamtliche")
FIRST = ("Anna", "Mehmet", "Olena", "Jonas", "Fatima", "Lukas", "Sara", "Ahmad", "Marie", "Paul")
LAST = ("Müller", "Yılmaz", "Kovalenko", "Schmidt", "Haddad", "Weiß", "Nowak", "Karimi", "Fischer", "Groß")


def network(number: int, rng: random.Random, *, actors: int = 100, meetings: int = 60) -> NetworkData:
    """One synthetic network; ``number`` makes its ids unique across the dataset."""
    city = CITIES[number % len(CITIES)]
    nid = f"n{number:03d}"
    founded = date(2024, 1, 1) + timedelta(days=rng.randrange(120))
    net = Network(
        id=nid,
        name=f"Netzwerk Integration {city} {number}",
        region=Region(name=f"Landkreis {city} {number}", state=State.TH, ags="16063"),
        founded=founded,
        contacts=(ContactPoint(kind=ContactKind.EMAIL, value=f"integration@{nid}.example"),),
    )
    orgs = []
    people = []
    for index in range(actors):
        actor_id = f"{nid}-a{index:03d}"
        if index % 2 == 0:
            contacts = (ContactPoint(kind=ContactKind.EMAIL, value=f"kontakt{index}@{nid}.example"),)
            if rng.random() < 0.5:
                contacts += (
                    ContactPoint(
                        kind=ContactKind.PHONE, value=f"+49 {rng.randint(200, 999)} {rng.randint(1000, 99999)}"
                    ),
                )
            orgs.append(
                Organization(
                    id=actor_id,
                    network_id=nid,
                    name=f"{rng.choice(ORG_NAMES)} {city}",
                    kind=rng.choice(KINDS),
                    contacts=contacts,
                )
            )
        else:
            people.append(
                Person(
                    id=actor_id,
                    network_id=nid,
                    function=rng.choice(FUNCTIONS),
                    name=f"{rng.choice(FIRST)} {rng.choice(LAST)}" if rng.random() < 0.6 else None,
                    affiliation_id=orgs[-1].id,
                )
            )
    actor_ids = [actor.id for actor in (*orgs, *people)]
    groups = []
    for index in range(5):
        group_id = f"{nid}-g{index}"
        topic = TOPICS[(number + index) % len(TOPICS)]
        groups.append(
            WorkingGroup(
                id=group_id,
                network_id=nid,
                name=f"AG {topic}",
                topic=topic,
                founded=founded,
                tasks=tuple(
                    Task(id=f"{group_id}-t{t}", title=f"Aufgabe {t}: {topic}", owner_id=rng.choice(actor_ids))
                    for t in range(3)
                ),
            )
        )
    memberships = [
        Membership(id=f"{nid}-m-{actor}", network_id=nid, actor_id=actor, since=founded) for actor in actor_ids
    ]
    for group in groups:
        for actor in rng.sample(actor_ids, 12):
            memberships.append(
                Membership(
                    id=f"{group.id}-m-{actor}",
                    network_id=nid,
                    actor_id=actor,
                    group_id=group.id,
                    role=Role.MEMBER,
                    since=founded,
                )
            )
    items = tuple(AgendaItemKind)
    # Most meetings lie ahead, so most invitations are still open (the default, not written).
    statuses = (*[AttendanceStatus.INVITED] * 6, AttendanceStatus.ACCEPTED, AttendanceStatus.DECLINED)
    year = datetime(2025, 1, 1)
    planned = []
    for index in range(meetings):
        group = rng.choice(groups) if rng.random() < 0.8 else None
        day = year + timedelta(days=rng.randrange(365))
        start = datetime(day.year, day.month, day.day, rng.randint(8, 17), rng.choice((0, 15, 30)), tzinfo=BERLIN)
        planned.append(
            Meeting(
                id=f"{nid}-mtg{index:02d}",
                network_id=nid,
                kind=MeetingKind.WORKING_GROUP if group else MeetingKind.NETWORK,
                title=f"{group.name} – Sitzung {index + 1}" if group else f"Netzwerktreffen {city} #{index + 1}",
                start=start,
                end=start + timedelta(minutes=rng.choice((60, 90, 120, 180))),
                group_id=group.id if group else None,
                status=MeetingStatus.CONFIRMED,
                organizer_id=actor_ids[0],
                invitations=tuple(
                    Invitation(actor_id=actor, status=rng.choice(statuses)) for actor in rng.sample(actor_ids, 40)
                ),
                agenda=tuple(
                    AgendaItem(
                        kind=rng.choice(items),
                        title=rng.choice(AGENDA),
                        presenter_ids=(rng.choice(actor_ids),) if rng.random() < 0.7 else (),
                        minutes=rng.choice((5, 10, 15, 20, 30, 45)),
                    )
                    for _ in range(6)
                ),
            )
        )
    return NetworkData(
        network=net,
        organizations=tuple(orgs),
        persons=tuple(people),
        memberships=tuple(memberships),
        groups=tuple(groups),
        meetings=tuple(planned),
    )


def nationwide(districts: int = DISTRICTS, seed: int = SEED) -> list[NetworkData]:
    """The whole dataset: ``districts`` networks, the same for the same seed."""
    rng = random.Random(seed)
    return [network(number, rng) for number in range(districts)]
