"""The forms of a meeting day: the Teilnehmendenliste (sign-in sheet) and the Namensschilder.

The sign-in sheet has a row per expected participant (a person's name pre-filled only with
personal data, else their function or, for an invited organisation, an empty name), a signature column, tick boxes for
consent to photos and to publication of the name (ticked where the consent is on record, in the
internal sheet), and blank rows for walk-ins. The badges show a
name (or the function) and the organisation, eight to an A4 page, for a plenary of 70 and more.
"""

from __future__ import annotations

from integrationsnetz.contract.exporters import ExportRequest
from integrationsnetz.exporters.letters import meeting_facts, references
from integrationsnetz.exporters.pages import (
    BADGES_PER_PAGE,
    BOX,
    TICKED,
    Badges,
    Block,
    Facts,
    Page,
    Paragraph,
    Table,
    isolated,
)
from integrationsnetz.exporters.references import References, says_organization
from integrationsnetz.exporters.wording import word
from integrationsnetz.model.actors import ConsentPurpose, Organization, Person
from integrationsnetz.model.meetings import AttendanceStatus, Meeting

#: Blank rows for walk-ins on a sign-in sheet, at least.
WALK_INS = 10

_AWAY = (AttendanceStatus.DECLINED, AttendanceStatus.EXCUSED)


def _expected(meeting: Meeting, refs: References) -> list[tuple[str, str]]:
    """(name or function, organisation) of everyone expected, in the meeting's order.

    A person appears by name only where :func:`~integrationsnetz.exporters.privacy.may_show_name`
    allows, else by function; an organisation invited as a whole gets an empty name to fill in
    (the organiser, who hosts, gets none). An organisation the function already names is left
    out (:func:`~integrationsnetz.exporters.references.says_organization`, as in every label),
    so the sign-in sheet and the badges never say it twice.
    """
    seen: list[tuple[str, str]] = []
    for actor_id in meeting.participant_ids():
        actor = refs.actors.get(actor_id)
        if isinstance(actor, Organization) and actor_id != meeting.organizer_id:
            entry = ("", isolated(actor.name))
        elif isinstance(actor, Person):
            label = refs.actor_name(actor_id) or actor.function
            org = refs.organization_of(actor_id)
            said = org is not None and says_organization(label, org)
            entry = (label, isolated(org.name) if org is not None and not said else "")
        else:
            continue
        seen.append(entry)  # two people of the same function are two rows, two badges
    return seen


def _ticks(meeting: Meeting, refs: References, request: ExportRequest) -> list[tuple[str, str]]:
    """The photos and publication boxes of each row of :func:`_expected`: ticked for a consent on record.

    Consents active on the export's day (``as_of``); a public export holds none, so its boxes
    stay empty, as do an organisation's.
    """
    day = request.options.decision_day
    ticks: list[tuple[str, str]] = []
    for actor_id in meeting.participant_ids():
        actor = refs.actors.get(actor_id)
        if isinstance(actor, Person):
            photos, publication = (actor.consented(p, day) for p in (ConsentPurpose.PHOTOS, ConsentPurpose.PUBLICATION))
            ticks.append((TICKED if photos else BOX, TICKED if publication else BOX))
        elif isinstance(actor, Organization) and actor_id != meeting.organizer_id:
            ticks.append((BOX, BOX))
    return ticks


def sign_in(meeting: Meeting, request: ExportRequest) -> Page:
    """The Teilnehmendenliste (see the module docstring)."""
    language = request.options.language
    refs = references(request)
    people = _expected(meeting, refs)
    ticks = _ticks(meeting, refs, request)
    rows = [(name, org, "", *tick) for (name, org), tick in zip(people, ticks, strict=True)]
    expected = max(meeting.headcount or 0, len(meeting.invitations))
    blank = max(WALK_INS, expected - len(rows))
    rows += [("", "", "", BOX, BOX)] * blank
    header = (word("name", language), word("organisation", language), word("signature", language),
              word("photo_consent", language), word("publication_consent", language))  # fmt: skip
    blocks: list[Block] = [
        Facts(tuple(meeting_facts(meeting, refs, language))),
        Paragraph(word("sign_in_note", language)),
        Table(header=header, rows=tuple(rows), writable=True),
    ]
    title = f"{word('sign_in', language)}: {isolated(meeting.title)}"
    return Page(title=title, language=language, blocks=tuple(blocks))


def badges(meeting: Meeting, request: ExportRequest) -> Page:
    """The Namensschilder: one per expected participant, blank ones to fill the last page."""
    language = request.options.language
    refs = references(request)
    shown = _expected(meeting, refs)
    count = max(meeting.headcount or 0, len(shown), 1)
    count += -count % BADGES_PER_PAGE
    blank = count - len(shown)
    blocks: list[Block] = []
    if blank:
        blocks.append(Paragraph(word("blank_badges", language).format(count=blank)))
    blocks.append(Badges(tuple(shown), blank=blank))
    title = f"{word('badges', language)}: {isolated(meeting.title)}"
    return Page(title=title, language=language, blocks=tuple(blocks))
