"""The documents a coordinator sends, for the Wartburgkreis network: one call per kind, HTML and Markdown.

Checked on the real example: the letter's parts, TOP numbers and times, counts that do not
depend on redaction, no name without personal data, labels that do not repeat the organisation
or the town, an unknown kind that lists the kinds; and every kind through the exporters' suite.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest
import wartburgkreis
from hypothesis import given
from hypothesis import strategies as st

import integrationsnetz as inz
from integrationsnetz import ExportError, ExportOptions, NetworkData
from integrationsnetz.exporters import DOCUMENT_KINDS
from integrationsnetz.testing.export_conformance import ExporterConformance
from integrationsnetz.testing.samples import sample_network

MEETING = wartburgkreis.MEETING_ID
STAMP = datetime(2024, 9, 20, 8, tzinfo=UTC)
NAMES = ("Jan Beispiel", "Reza Muster")  # the only named people of the example
MEETING_KINDS = ("invitation", "agenda", "minutes", "sign_in", "badges")


@pytest.fixture(scope="module")
def data() -> NetworkData:
    return wartburgkreis.build()


def document(data: NetworkData, kind: str, fmt: str = "markdown", *, personal: bool = False,
             language: str = "de", meeting: str = MEETING) -> str:  # fmt: skip
    options = ExportOptions(document=kind, include_personal_data=personal, language=language, stamp=STAMP)  # type: ignore[arg-type]
    return inz.export(data, fmt, select=meeting, options=options).decode("utf-8")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _html_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return " ".join(parser.parts)


def test_one_call_per_kind_writes_html_and_markdown(data: NetworkData, tmp_path: Path) -> None:
    for kind in MEETING_KINDS:
        for fmt, suffix in (("markdown", ".md"), ("html", ".html")):
            target = tmp_path / f"{kind}{suffix}"
            options = ExportOptions(document=kind, stamp=STAMP)  # type: ignore[arg-type]
            inz.export(data, fmt, target, select=MEETING, options=options)
            text = target.read_text(encoding="utf-8")
            assert "2. Treffen des Netzwerkes Integration Wartburgkreis" in text
            if fmt == "html":
                assert text.startswith("<!DOCTYPE html>")
                assert "@page { size: A4" in text


def test_the_invitation_is_a_letter(data: NetworkData) -> None:
    text = document(data, "invitation")
    sender, rest = text.split("\n# Einladung: 2. Treffen des Netzwerkes Integration Wartburgkreis\n", 1)
    assert sender.startswith("Landratsamt Wartburgkreis  \nStabsstelle Sozialplanung  \n")
    assert "Erzberger Allee 14  \n36433 Bad Salzungen" in sender
    assert "E-Mail <integration@wartburgkreis.de>" in sender
    assert sender.rstrip().endswith("Bad Salzungen, 20. September 2024")  # place and date line
    for part in ("Sehr geehrte Damen und Herren,", "hiermit laden wir Sie herzlich", "## Zeit und Ort",
                 "**Barrierefreiheit:**", "**Karte:** <https://www.openstreetmap.org/", "## Anmeldung",
                 "Bitte melden Sie sich an: <integration@wartburgkreis.de>.", "## Tagesordnung", "## Kontakt",
                 "Mit freundlichen Grüßen"):  # fmt: skip
        assert part in rest, part
    assert rest.index("## Zeit und Ort") < rest.index("## Anmeldung") < rest.index("## Tagesordnung")


def test_registration_directions_and_step_free_room_from_the_data(data: NetworkData) -> None:
    meeting = attrs.evolve(data.get(inz.Meeting, MEETING), venue_id="lra-bad-salzungen", room_id="sitzungssaal",
                           registration_until=date(2024, 10, 4),
                           registration_contact="anmeldung@example.org")  # fmt: skip
    venue = attrs.evolve(data.get(inz.Venue, "lra-bad-salzungen"), directions="Bus 120 bis Landratsamt.")
    changed = attrs.evolve(data, meetings=(meeting,), venues=(venue,))
    text = document(changed, "invitation")
    assert "Bitte melden Sie sich bis Freitag, 4. Oktober 2024 an: <anmeldung@example.org>." in text
    assert "**Anfahrt:** Bus 120 bis Landratsamt." in text
    assert "**Barrierefreiheit:** Der Raum ist stufenlos erreichbar." in text
    english = document(changed, "invitation", language="en")
    assert "Please register by Friday, 4 October 2024: <anmeldung@example.org>." in english
    assert "The room is step-free." in english


def test_the_agenda_numbers_items_from_one_and_times_them(data: NetworkData) -> None:
    text = document(data, "agenda")
    rows = [line for line in text.splitlines() if line.startswith("| ") and "–" in line.split("|")[2]]
    numbers = [row.split("|")[1].strip() for row in rows]
    assert numbers == [*map(str, range(1, 7)), "", *map(str, range(7, 13))]  # the break is no TOP
    meeting = data.get(inz.Meeting, MEETING)
    clock = meeting.start
    for row, item in zip(rows, meeting.agenda, strict=True):
        end = clock + timedelta(minutes=item.minutes or 0)
        assert row.split("|")[2].strip() == f"{clock:%H:%M}–{end:%H:%M}"
        clock = end
    assert "|  | 11:25–11:40 | Pause |  |" in text
    assert text.startswith("# Tagesordnung: ")


def test_labels_never_repeat_the_organisation_or_the_town(data: NetworkData) -> None:
    for kind in MEETING_KINDS:
        for personal in (False, True):
            text = document(data, kind, personal=personal)
            assert "Institut für kommunale Planung und Entwicklung (Institut für kommunale Planung und Entwicklung)" \
                not in text  # fmt: skip
            for label in re.finditer(r"([^|;\n()]+)\(([^()]+)\)", text):  # "name (organisation)"
                assert label.group(2).casefold() not in label.group(1).casefold(), (kind, label.group(0))
    fair = inz.export(data, "markdown", select="lets-talk-about-2024").decode()
    assert "Eisenach, Eisenach" not in fair
    assert "| Eisenach |" in fair


def test_the_minutes_count_before_redaction(data: NetworkData) -> None:
    meeting = attrs.evolve(data.get(inz.Meeting, MEETING), headcount=None)  # only the listed people count
    excused = inz.Invitation(actor_id="lra-migration", status=inz.AttendanceStatus.EXCUSED)
    absent_person = inz.Invitation(actor_id="landrat", status=inz.AttendanceStatus.EXCUSED)
    invitations = (*tuple(i for i in meeting.invitations if i.actor_id != "landrat"), excused, absent_person)
    changed = attrs.evolve(data, meetings=(attrs.evolve(meeting, invitations=invitations),))
    public = document(changed, "minutes")
    internal = document(changed, "minutes", personal=True)
    for text in (public, internal):
        assert "**Anwesend:** 12" in text
        assert "**Entschuldigt:** 2" in text
    assert "### Anwesende" in internal
    assert "### Anwesende" not in public
    assert "Jan Beispiel" in internal


def test_the_minutes_have_a_section_per_item_tasks_carried_over_next_date_and_distribution(data: NetworkData) -> None:
    meeting = data.get(inz.Meeting, MEETING)
    record = attrs.evolve(
        meeting.minutes,  # type: ignore[arg-type]
        discussions=(inz.Discussion(agenda_item=7, text="Die AG Wohnen sucht weitere Vermieter."),),
        decisions=(inz.Decision(text="Die AG Wohnen lädt Vermieter ein.", agenda_item=7, task_ids=("t-vermieter",)),),
    )
    before = attrs.evolve(meeting, id="nt-2024-1", start=meeting.start - timedelta(days=200),
                          end=meeting.end - timedelta(days=200), minutes=None, invitations=())  # fmt: skip
    after = attrs.evolve(before, id="nt-2025-1", start=meeting.start + timedelta(days=150),
                         end=meeting.end + timedelta(days=150), status=inz.MeetingStatus.PLANNED)  # fmt: skip
    wohnen = data.get(inz.WorkingGroup, "ag-wohnen")
    tasks = (
        inz.Task(id="t-vermieter", title="Vermieter einladen", owner_id="wohnungsgesellschaft", due=date(2024, 12, 1)),
        inz.Task(id="t-alt", title="Wohnungsmarkt-Daten sammeln", owner_id="im-1", origin_meeting_id="nt-2024-1"),
        inz.Task(id="t-fertig", title="Erledigt", origin_meeting_id="nt-2024-1", status=inz.TaskStatus.DONE),
    )
    groups = tuple(attrs.evolve(g, tasks=g.tasks + tasks) if g is wohnen else g for g in data.groups)
    changed = attrs.evolve(data, meetings=(before, attrs.evolve(meeting, minutes=record), after), groups=groups)
    text = document(changed, "minutes")
    assert "**Protokollführung:** Integrationsmanager, Stabsstelle Sozialplanung" in text
    assert "Protokoll:**" not in text
    section = text.split("## TOP 7: Berichte der fünf Arbeitsgruppen", 1)[1].split("\n## ", 1)[0]
    assert "Die AG Wohnen sucht weitere Vermieter." in section
    assert "- Die AG Wohnen lädt Vermieter ein." in section
    assert "| Vermieter einladen | Kommunale Wohnungsgesellschaft Eisenach | 01.12.2024 | offen |" in section
    carried = text.split("## Offene Aufgaben aus der letzten Sitzung (28.03.2024)", 1)[1].split("\n## ", 1)[0]
    assert "Wohnungsmarkt-Daten sammeln" in carried
    assert "Erledigt" not in carried
    assert "## Nächster Termin\n\nDonnerstag, 13. März 2025, 09:30–13:40 Uhr, Automobilmuseum" in text
    verteiler = text.split("## Verteiler\n", 1)[1]
    assert "- Jobcenter Wartburgkreis" in verteiler
    assert "- Institut für kommunale Planung und Entwicklung" in verteiler
    for name in NAMES:
        assert name not in text


def test_no_name_without_personal_data_in_any_kind(data: NetworkData) -> None:
    for kind in MEETING_KINDS:
        for fmt in ("markdown", "html"):
            public = document(data, kind, fmt)
            text = _html_text(public) if fmt == "html" else public
            assert [name for name in NAMES if name in text] == [], (kind, fmt)
    assert "Jan Beispiel" in document(data, "sign_in", personal=True)
    assert "Jan Beispiel" in document(data, "badges", personal=True)


def test_sign_in_sheet_and_badges_for_a_plenary(data: NetworkData) -> None:
    sheet = document(data, "sign_in")
    assert "| Name | Organisation | Unterschrift | Fotos: ja | Name im Protokoll: ja |" in sheet
    assert sheet.count("|  |  |  | ☐ | ☐ |") >= 10  # blank rows for walk-ins
    assert sheet.count("☐ | ☐ |") >= 71  # a row for everyone expected
    page = document(data, "badges", "html")
    assert page.count('class="badge"') == 72  # 71 came: 9 pages of 8
    assert page.count('<div class="badges">') == 9
    assert ".badges + .badges { break-before: page; }" in page
    listed = document(data, "badges")
    assert "- Moderator, Institut für kommunale Planung und Entwicklung\n" in listed  # the institute once
    assert "Dazu 59 leere Namensschilder" in listed


def test_an_unknown_kind_is_an_error_listing_the_kinds(data: NetworkData) -> None:
    with pytest.raises(ExportError) as caught:
        ExportOptions(document="quatsch")  # type: ignore[arg-type]
    for kind in DOCUMENT_KINDS:
        assert kind in str(caught.value)
    smuggled = ExportOptions()
    object.__setattr__(smuggled, "document", "quatsch")  # as a careless plugin might
    with pytest.raises(ExportError, match="the kinds are invitation, agenda, minutes"):
        inz.export(data, "markdown", select=MEETING, options=smuggled)


@given(st.lists(st.sampled_from(["present", "excused", "declined", "invited"]), max_size=12),
       st.integers(min_value=0, max_value=80) | st.none())  # fmt: skip
def test_counts_never_depend_on_what_is_redacted(statuses: list[str], headcount: int | None) -> None:
    """Any mix of people and organisations: the public and the internal Protokoll say the same numbers."""
    sample = sample_network()
    actors = [p.id for p in sample.persons] + [o.id for o in sample.organizations]
    invitations = tuple(
        inz.Invitation(actor_id=actor, status=inz.AttendanceStatus(status))
        for actor, status in zip(actors, statuses, strict=False)
    )
    meeting = attrs.evolve(sample.meetings[0], invitations=invitations, headcount=headcount)
    changed = attrs.evolve(sample, meetings=(meeting,))
    counted = meeting.attendance()

    def heads(personal: bool) -> tuple[str, str]:
        options = ExportOptions(document="minutes", include_personal_data=personal)
        text = inz.export(changed, "markdown", select=meeting.id, options=options).decode()
        present = re.search(r"\*\*Anwesend:\*\* (\d+)", text)
        excused = re.search(r"\*\*Entschuldigt:\*\* (\d+)", text)
        assert present is not None
        assert excused is not None
        return present.group(1), excused.group(1)

    assert heads(False) == heads(True) == (str(counted.present), str(counted.excused))


def _one_meeting() -> NetworkData:
    sample = sample_network()
    return attrs.evolve(sample, meetings=sample.meetings[:1])


class TestMarkdownEveryKind(ExporterConformance):
    """The exporters' suite with every document kind, on the sample reduced to its network meeting."""

    format = "markdown"

    @pytest.fixture
    def sample(self) -> NetworkData:
        return _one_meeting()

    def variants(self) -> list[ExportOptions]:
        return [ExportOptions(document=kind, language=language) for kind in DOCUMENT_KINDS for language in ("de", "en")]


class TestHtmlEveryKind(TestMarkdownEveryKind):
    format = "html"


def test_the_public_verteiler_holds_the_organisations_of_unnamed_people() -> None:
    """The Verteiler lists organisations, which are not personal data: it is taken before
    redaction, so the public Protokoll goes to the Landratsamt too, whose Integrationsmanagerin
    (no publication consent) is invited; she stays unnamed."""
    data = sample_network()

    def verteiler(audience: str) -> tuple[str, str]:
        options = ExportOptions(document="minutes", audience=audience, as_of=date(2026, 1, 15))  # type: ignore[arg-type]
        text = inz.export(data, "markdown", select="ag-sprache-2026-01", options=options).decode()
        return text.split("## Verteiler\n", 1)[1], text

    public, text = verteiler("public")
    internal, _ = verteiler("internal")
    assert public == internal
    assert "- Landratsamt Wartburgkreis" in public
    hidden = [p for p in data.persons if p.name and not p.consented(inz.ConsentPurpose.PUBLICATION, date(2026, 1, 15))]
    assert hidden
    for person in hidden:
        assert person.name not in text


def test_the_internal_sign_in_sheet_ticks_the_consents_on_record() -> None:
    """privacy.md: the internal sign-in sheet ticks photos and publication as recorded on ``as_of``;
    the public one ticks nothing (it holds no consents)."""
    from integrationsnetz.testing.samples import SENTINEL_NAME, with_consents

    data = with_consents(sample_network(), ["photos"], person_id="p-sentinel", given_on=date(2025, 1, 1))

    def sheet(audience: str, as_of: date) -> str:
        options = ExportOptions(document="sign_in", audience=audience, as_of=as_of)  # type: ignore[arg-type]
        return inz.export(data, "markdown", select="nt-2024-2", options=options).decode()

    row = next(line for line in sheet("internal", date(2026, 1, 15)).splitlines() if SENTINEL_NAME in line)
    assert row.rstrip().endswith("| ☒ | ☐ |")
    row = next(line for line in sheet("internal", date(2024, 12, 31)).splitlines() if SENTINEL_NAME in line)
    assert row.rstrip().endswith("| ☐ | ☐ |")  # not yet given on that day
    assert "☒" not in sheet("public", date(2026, 1, 15))


def test_errors_name_the_document_with_the_right_article() -> None:
    data = sample_network()
    for kind, what in [("agenda", "an agenda"), ("invitation", "an invitation"), ("badges", "a set of name badges")]:
        with pytest.raises(ExportError, match=f"^{what} is for one meeting"):
            inz.export(data, "markdown", options=ExportOptions(document=kind))  # type: ignore[arg-type]
    with pytest.raises(ExportError, match="is the id of an Organization and a Venue"):
        inz.export(data, "markdown", select="lra")
