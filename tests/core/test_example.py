"""The Wartburgkreis example reproduces the article, and the main job works end to end."""

from datetime import date, timedelta
from pathlib import Path

import plan_year
import pytest
import wartburgkreis

import integrationsnetz as inz
from integrationsnetz.courses.catalogue import OFFICIAL_COURSE_TYPES

ARTICLE = Path("/work/shared/seed/netzwerk-integration-wartburgkreis.txt")


@pytest.fixture(scope="module")
def data() -> inz.NetworkData:
    return wartburgkreis.build()


def test_the_example_is_sound(data: inz.NetworkData) -> None:
    """The integrity check finds nothing, and building twice gives the same value."""
    assert inz.check(data) == []
    assert wartburgkreis.build() == data


def test_a_mistake_in_the_network_document_names_file_and_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The article's data is a network document: a typo in it stops build() with the file and the field."""
    text = wartburgkreis.DOCUMENT.read_text(encoding="utf-8")
    assert text.count('kind = "federal_agency"') == 1
    broken = tmp_path / "netzwerk.toml"
    broken.write_text(text.replace('kind = "federal_agency"', 'kind = "federal_agncy"'), encoding="utf-8")
    monkeypatch.setattr(wartburgkreis, "DOCUMENT", broken)
    with pytest.raises(inz.InvalidData) as raised:
        wartburgkreis.build()
    assert str(broken) in str(raised.value)
    assert "$.organizations[6].kind" in str(raised.value)
    assert "'federal_agncy'" in str(raised.value)


def test_network_contact_and_coordinators(data: inz.NetworkData) -> None:
    """Founded in early 2024 at the district office, two coordinators, the public contact."""
    network = data.network
    assert network.region.ags == "16063"
    assert network.region.state is inz.State.TH
    assert network.founded is not None
    assert date(2024, 2, 1) <= network.founded <= date(2024, 5, 31)
    values = {contact.value for contact in network.contacts}
    assert {"03695-615803", "03695-615805", "integration@wartburgkreis.de"} <= values
    coordinators = [m for m in data.memberships if m.role is inz.Role.COORDINATOR and m.group_id is None]
    assert len(coordinators) == 2
    for membership in coordinators:
        person = data.get(inz.Person, membership.actor_id)
        assert person.affiliation_id == "lra-sozialplanung"


def test_no_name_printed_in_the_article_appears(data: inz.NetworkData) -> None:
    """People appear by role or with invented names: no surname of the article is in the data."""
    surnames = ["Schellenberg", "Rodeck", "Nekoueian", "Herzer", "Brodführer", "Koch", "Ehrlich",
                "Sabatkouskaya", "Eichenauer", "Hennies", "Nick", "Krauß", "Batoor", "Ortner"]  # fmt: skip
    text = inz.documents.dumps(data).decode("utf-8")
    assert [name for name in surnames if name in text] == []
    if ARTICLE.exists():  # the list above is complete for the names of the article
        article = ARTICLE.read_text(encoding="utf-8")
        assert all(name in article for name in surnames)


def test_organisations_of_the_article(data: inz.NetworkData) -> None:
    """Every organisation the article names is there, the district office's units under it."""
    names = {org.name for org in data.organizations}
    for wanted in (
        "Landratsamt Wartburgkreis",
        "Stabsstelle Sozialplanung",
        "Amt für Versorgung und Migration",
        "Staatsangehörigkeitsbehörde",
        "Kreisplanung",
        "Jobcenter Wartburgkreis",
        "Bundesamt für Migration und Flüchtlinge",
        "Thüringer Agentur für Fachkräftegewinnung",
        "Institut für kommunale Planung und Entwicklung",
        "Büro der Thüringer Beauftragten für Integration, Migration und Flüchtlinge",
        "Partnerschaft für Demokratie im Wartburgkreis",
        "Diakonisches Bildungsinstitut Johannes Falk gGmbH",
    ):
        assert wanted in names
    units = {org.name for org in data.organizations if org.parent_id == "lra"}
    assert {"Stabsstelle Sozialplanung", "Amt für Versorgung und Migration", "Kreisplanung"} <= units
    kinds = {org.kind for org in data.organizations}
    assert {inz.OrganizationKind.COURSE_PROVIDER, inz.OrganizationKind.HOUSING} <= kinds


def test_five_working_groups_co_led_by_management_and_a_partner(data: inz.NetworkData) -> None:
    """Sprache, Arbeit, Beratungsstellen, Wohnen, Projekte/Fortbildungen; goals and tasks each."""
    assert [group.topic for group in data.groups] == [
        "Sprache", "Arbeit", "Beratungsstellen", "Wohnen", "Projekte/Fortbildungen",
    ]  # fmt: skip
    for group in data.groups:
        assert group.goals
        assert group.tasks
        co_leads = {m.actor_id for m in data.memberships if m.group_id == group.id and m.role is inz.Role.CO_LEAD}
        assert {"im-1", "im-2"} < co_leads
        external = co_leads - {"im-1", "im-2"}
        assert len(external) == 1
    goal_titles = " ".join(goal.title for group in data.groups for goal in group.goals)
    for topic in ("Wohnungsführerschein", "Berufemessen", "Befragungen", "Fachtage", "Ehrenamtsstruktur",
                  "Integrationskurse", "niedrigschwelliger Sprachangebote"):  # fmt: skip
        assert topic in goal_titles


def test_the_october_meeting(data: inz.NetworkData) -> None:
    """Mid-October 2024, Ehrhardt-Saal of the museum in Eisenach, over 70 present, moderated by IKPE."""
    (meeting,) = data.meetings
    assert meeting.kind is inz.MeetingKind.NETWORK
    assert meeting.status is inz.MeetingStatus.HELD
    assert date(2024, 10, 10) <= meeting.start.date() <= date(2024, 10, 18)
    assert meeting.start.date() < data.get(inz.Event, "lets-talk-about-2024").first_day  # announced there
    assert str(meeting.start.tzinfo) == "Europe/Berlin"
    venue = data.get(inz.Venue, meeting.venue_id or "")
    assert venue.address.city == "Eisenach"
    assert "Automobilmuseum" in venue.name
    room = venue.room(meeting.room_id or "")
    assert room is not None
    assert room.name == "Ehrhardt-Saal"
    assert meeting.present_count > 70
    moderator = data.get(inz.Person, meeting.moderator_id or "")
    assert moderator.affiliation_id == "ikpe"


def test_agenda_in_the_order_of_the_article(data: inz.NetworkData) -> None:
    """The complete agenda, in order, each item with the right presenters."""
    (meeting,) = data.meetings
    kinds = [item.kind for item in meeting.agenda]
    k = inz.AgendaItemKind
    assert kinds == [k.WELCOME, k.INPUT, k.ADDRESS, k.INPUT, k.INPUT, k.FIGURES, k.BREAK, k.REPORT,
                     k.ANNOUNCEMENT, k.ANNOUNCEMENT, k.INPUT, k.INPUT, k.CLOSING]  # fmt: skip
    affiliations = [
        [data.get(inz.Person, presenter).affiliation_id for presenter in item.presenter_ids] for item in meeting.agenda
    ]
    assert affiliations[1] == ["ikpe"]
    assert affiliations[2] == ["lra"]
    assert affiliations[3] == ["lra-migration", "lra-staatsangehoerigkeit"]
    assert affiliations[4] == ["thaff"]
    assert affiliations[5] == ["lra-migration", "jobcenter", "bamf"]
    assert affiliations[8] == ["lra-kreisplanung"]
    assert affiliations[9] == ["dbi-falk"]
    assert affiliations[10] == ["tlbimf"]
    assert affiliations[11] == ["pfd"]
    assert "Führung" in meeting.agenda[-1].title
    assert sum(item.minutes or 0 for item in meeting.agenda) * 60 == meeting.duration.total_seconds()


def test_the_two_job_fairs(data: inz.NetworkData) -> None:
    """The 24th Berufemarkt on the Saturday after the article's Friday; "Let's talk about…" on 16 October."""
    fairs = {event.id: event for event in data.events}
    assert all(event.kind is inz.EventKind.JOB_FAIR for event in fairs.values())
    berufemarkt = fairs["berufemarkt-2024"]
    assert "24. Berufemarkt" in berufemarkt.title
    assert isinstance(berufemarkt.when, inz.AllDay)
    assert berufemarkt.first_day == date(2024, 10, 19)
    assert berufemarkt.first_day.weekday() == 5  # "am morgigen Samstag"
    assert data.get(inz.Venue, berufemarkt.venue_id or "").address.city == "Bad Salzungen"
    lets_talk = fairs["lets-talk-about-2024"]
    assert lets_talk.first_day == date(2024, 10, 16)
    assert data.get(inz.Venue, lets_talk.venue_id or "").address.city == "Eisenach"


def test_seventeen_courses_of_the_named_types(data: inz.NetworkData) -> None:
    """17 running courses, among them literacy, general and second-script courses, with providers and teachers."""
    assert len(data.courses) == 17
    assert all(course.status is inz.CourseStatus.RUNNING for course in data.courses)
    types = {course.course_type for course in data.courses}
    assert {"literacy", "general", "second_script"} <= types
    assert types <= set(OFFICIAL_COURSE_TYPES)
    (meeting,) = data.meetings
    for course in data.courses:
        assert data.get(inz.Organization, course.provider_id).kind is inz.OrganizationKind.COURSE_PROVIDER
        assert course.teacher_ids
        assert course.start is not None
        assert course.start <= meeting.start.date()
        assert course.end is not None
        assert course.end > meeting.start.date()
        assert course.units_total == OFFICIAL_COURSE_TYPES[course.course_type].total_units


def test_waiting_time_over_half_a_year(data: inz.NetworkData) -> None:
    """The reported wait is over six months, and the oldest registrations are that old."""
    assert data.waitlists
    for waitlist in data.waitlists:
        assert waitlist.reported_wait_days is not None
        assert timedelta(days=waitlist.reported_wait_days) > timedelta(days=366 / 2)
        oldest = min(registration.registered_on for registration in waitlist.registrations)
        assert waitlist.as_of - oldest > timedelta(days=366 / 2)


def test_two_funding_programmes(data: inz.NetworkData) -> None:
    """The state commissioner's office and the Partnerschaft für Demokratie."""
    assert {programme.funder_id for programme in data.funding_programmes} == {"tlbimf", "pfd"}


def test_main_job_saves_reloads_and_summarises(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """./dev main: documents written, read back equal, a German summary printed."""
    assert plan_year.main(["--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    for suffix in ("json", "toml"):
        assert inz.documents.load(tmp_path / f"wartburgkreis.{suffix}") == wartburgkreis.build()
    assert "Netzwerk Integration Wartburgkreis" in out
    assert "Integrationskurse: 17" in out
    assert "Ehrhardt-Saal" in out
    assert "TOP 13." in out
