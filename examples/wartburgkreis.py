"""The Netzwerk Integration Wartburgkreis as the article of October 2024 shows it.

``build()`` returns the whole network as one :class:`~integrationsnetz.NetworkData`. What the
article reports is data, in the network document ``wartburgkreis-netzwerk.toml`` beside this
file: the network and its public contact, the district office and its units, the agencies and
partners, the people by function, the five working groups with their goals and tasks, the
venues, the second network meeting with its complete agenda, the two job fairs it announced and
the two funding programmes presented. Its comments say where the article is silent and the
example made a plausible choice (dates, hours, head count, which goal belongs to which group).

This module adds what follows from a rule, so that the rule is written once instead of as
dozens of near-identical records:

* **Members.** The two integration managers coordinate the network; the institute that
  moderates its meetings is a guest; every other organisation except the managers' own unit is
  a member since the founding day.
* **Co-leads.** Each group is co-led by the integration management and one external partner;
  the article does not name the partners, so the example picks a fitting one per group
  (:data:`GROUP_MEMBERS`), and its members since the group's founding day.
* **Courses.** The article gives 17 running courses of the types "Alphabetisierungskurs,
  allgemeiner Integrationskurs, Zweitschriftlernerkurs etc." The split by type (11 general,
  4 literacy, 1 second-script, 1 youth), the providers, dates, seats and teachers are
  illustrative (:data:`COURSES`); length and units follow the official course catalogue.
* **Waiting lists.** The article reports a wait of over half a year; the numbers waiting are
  illustrative, their pseudonymous registrations spread over the last 200 days.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import attrs

from integrationsnetz import (
    Course,
    CourseStatus,
    InvalidData,
    Meeting,
    Membership,
    NetworkData,
    Registration,
    Role,
    Waitlist,
    WorkingGroup,
    documents,
)
from integrationsnetz.courses.catalogue import OFFICIAL_COURSE_TYPES

#: The network as the article reports it (a network document, TOML).
DOCUMENT = Path(__file__).resolve().with_name("wartburgkreis-netzwerk.toml")
#: The network meeting of October 2024: the courses and waiting lists are as of its day.
MEETING_ID = "nt-2024-2"

COORDINATORS = ("im-1", "im-2")
GUESTS = ("ikpe",)
#: The coordinators' own unit: it is not a member beside them.
COORDINATING_UNIT = "lra-sozialplanung"

#: Per working group: the external co-lead and the further member organisations.
GROUP_MEMBERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "ag-sprache": ("vhs-wak", ("sprachschule-werra", "bildungswerk-rhoen", "bamf", "ehrenamt", "migrantenverein")),
    "ag-arbeit": ("jobcenter", ("thaff", "lra-kreisplanung", "dbi-falk", "sbbz-bad-salzungen", "lra-migration")),
    "ag-beratungsstellen": ("migrationsberatung", ("lra-migration", "lra-staatsangehoerigkeit", "ehrenamt",
                                                   "migrantenverein")),
    "ag-wohnen": ("wohnungsgesellschaft", ("wohnungsgenossenschaft", "lra-migration", "migrationsberatung")),
    "ag-projekte": ("dbi-falk", ("pfd", "tlbimf", "ehrenamt", "vhs-wak")),
}  # fmt: skip

#: The 17 running courses: (course type, provider, place, start, teachers).
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

#: People waiting per course type in the district on the day of the meeting (illustrative numbers).
WAITING: dict[str, int] = {"general": 160, "literacy": 30, "second_script": 10}

#: "Über einem halben Jahr": the reported wait, in days (half a year is about 183 days).
REPORTED_WAIT_DAYS = 190


def build() -> NetworkData:
    """The Netzwerk Integration Wartburgkreis of October 2024, as one value (the same on every call)."""
    data = documents.load(DOCUMENT)
    as_of = data.get(Meeting, MEETING_ID).start.date()  # the day the figures were presented
    return attrs.evolve(
        data,
        memberships=memberships(data),
        courses=courses(data.network.id),
        waitlists=waitlists(data.network.id, as_of),
    )


def memberships(data: NetworkData) -> tuple[Membership, ...]:
    """Coordinators, guests and members of the network; the co-leads and members of each group."""
    founded = data.network.founded
    if founded is None:
        raise InvalidData(["$.network.founded: the network's members are members since that day"], source=str(DOCUMENT))

    def member(actor_id: str, role: Role, since: date, group_id: str | None = None) -> Membership:
        suffix = f"-{group_id}" if group_id else ""
        return Membership(
            id=f"m-{actor_id}{suffix}-{role.value}",
            network_id=data.network.id,
            actor_id=actor_id,
            role=role,
            group_id=group_id,
            since=since,
        )

    found = [member(person_id, Role.COORDINATOR, founded) for person_id in COORDINATORS]
    found.extend(member(org_id, Role.GUEST, founded) for org_id in GUESTS)
    found.extend(
        member(org.id, Role.MEMBER, founded)
        for org in data.organizations
        if org.id != COORDINATING_UNIT and org.id not in GUESTS
    )
    for group_id, (co_lead, group_members) in GROUP_MEMBERS.items():
        since = data.get(WorkingGroup, group_id).founded
        found.extend(member(actor_id, Role.CO_LEAD, since, group_id) for actor_id in (*COORDINATORS, co_lead))
        found.extend(member(org_id, Role.MEMBER, since, group_id) for org_id in group_members)
    return tuple(found)


def courses(network_id: str) -> tuple[Course, ...]:
    """The 17 integration courses running in October 2024, full-time, as long as the catalogue says."""
    found = []
    for number, (code, provider, place, start, teachers) in enumerate(COURSES, start=1):
        kind = OFFICIAL_COURSE_TYPES[code]
        weeks = -(-kind.total_units // UNITS_PER_WEEK)
        seats = min(kind.max_group_size or 16, 20)
        found.append(
            Course(
                id=f"kurs-{number:02d}",
                network_id=network_id,
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


def waitlists(network_id: str, as_of: date) -> tuple[Waitlist, ...]:
    """District-wide waiting lists; the oldest registrations are over half a year old."""
    found = []
    for code, count in WAITING.items():
        # Registrations spread evenly over the last 200 days, oldest first, pseudonymous.
        registrations = tuple(
            Registration(
                registered_on=as_of - timedelta(days=200 - (200 * index) // count), reference=f"{code}-{index + 1:03d}"
            )
            for index in range(count)
        )
        found.append(
            Waitlist(
                id=f"warteliste-{code.replace('_', '-')}",
                network_id=network_id,
                course_type=code,
                place="Wartburgkreis",
                as_of=as_of,
                registrations=registrations,
                reported_wait_days=REPORTED_WAIT_DAYS,
            )
        )
    return tuple(found)


if __name__ == "__main__":
    from integrationsnetz import check

    data = build()
    problems = check(data)
    print(f"{data.network.name}: {sum(1 for _ in data.entities())} Einträge, {len(problems)} Probleme")
    for problem in problems:
        print(f"  {problem}")
