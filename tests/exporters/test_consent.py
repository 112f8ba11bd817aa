"""Consent decides what of a person every registered exporter shows, for every audience and day.

Property tests with the sentinel person of :mod:`integrationsnetz.testing.samples`: any
consents (any purposes, given and withdrawn on any days), any ``as_of``, any audience, the
whole network or the sentinel selected: the name, e-mail and phone appear only as the consents
active on ``as_of`` allow (:func:`~integrationsnetz.testing.export_conformance.check_consent`).
"""

from __future__ import annotations

import io
import warnings
from datetime import date, timedelta

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import integrationsnetz as inz
from integrationsnetz.exporters import AUDIENCES, ExportOptions, IcsMethod, IcsOptions, LeftOutWarning, export_result
from integrationsnetz.exporters.privacy import redact, shows_name
from integrationsnetz.model import AttendanceStatus, Consent, ConsentPurpose
from integrationsnetz.plugins import PluginHost
from integrationsnetz.testing.export_conformance import check_consent
from integrationsnetz.testing.samples import SENTINEL_EMAIL, SENTINEL_NAME, sample_network, with_consents

HOST = PluginHost(entry_points=False)
SAMPLE = sample_network()
FORMATS = sorted(HOST.exporters())
DAYS = st.dates(min_value=date(2023, 1, 1), max_value=date(2027, 12, 31))


def _readable(payload: bytes) -> str:
    if payload.startswith(b"PK") and b"word/document.xml" in payload:  # docx: its paragraphs and cells
        import docx

        document = docx.Document(io.BytesIO(payload))
        parts = [paragraph.text for paragraph in document.paragraphs]
        parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return "\n".join(parts)
    if payload.startswith(b"PK"):  # xlsx: its cells
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(payload))
        return "\n".join(str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row)
    return payload.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")


@st.composite
def consents(draw: st.DrawFn) -> tuple[Consent, ...]:
    """Any consents: each purpose at most once, given on a day, sometimes withdrawn later."""
    found = []
    for purpose in draw(st.sets(st.sampled_from(list(ConsentPurpose)))):
        given = draw(DAYS)
        withdrawn = draw(st.none() | st.integers(0, 800).map(lambda days, given=given: given + timedelta(days=days)))
        found.append(Consent(purpose=purpose, given_on=given, withdrawn_on=withdrawn))
    return tuple(found)


def _with(person_consents: tuple[Consent, ...], organises: bool = False) -> inz.NetworkData:
    """The sample with the sentinel's consents; ``organises``: the sentinel organises ``nt-2024-2``."""
    persons = tuple(attrs.evolve(p, consents=person_consents) if p.id == "p-sentinel" else p for p in SAMPLE.persons)
    meetings = SAMPLE.meetings
    if organises:
        meetings = tuple(attrs.evolve(m, organizer_id="p-sentinel") if m.id == "nt-2024-2" else m for m in meetings)
    return attrs.evolve(SAMPLE, persons=persons, meetings=meetings)


@pytest.mark.parametrize("format", FORMATS)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    recorded=consents(),
    as_of=DAYS,
    audience=st.sampled_from(AUDIENCES),
    case=st.tuples(st.sampled_from([None, "p-sentinel", "nt-2024-2"]), st.booleans()),
)
def test_every_exporter_shows_only_what_consent_allows(
    format: str, recorded: tuple[Consent, ...], as_of: date, audience: str, case: tuple[str | None, bool]
) -> None:
    """Also when the sentinel organises a meeting: the organiser's e-mail is no exception (outside
    an iTIP message's ORGANIZER, :func:`test_an_invitation_names_its_organiser_as_sender`).
    ``case``: what is selected (nothing, the sentinel, a meeting) and whether the sentinel organises it."""
    select, organises = case
    options = ExportOptions(audience=audience, as_of=as_of, language="de")  # type: ignore[arg-type]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LeftOutWarning)
        check_consent(_with(recorded, organises), format, host=HOST, options=options,
                      select=select, readable=_readable)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(recorded=consents(), as_of=DAYS, audience=st.sampled_from(AUDIENCES), organises=st.booleans())
def test_redact_keeps_exactly_what_consent_allows(
    recorded: tuple[Consent, ...], as_of: date, audience: str, organises: bool
) -> None:
    data = redact(_with(recorded, organises), audience, as_of)  # type: ignore[arg-type]
    person = data.get(inz.Person, "p-sentinel")
    active = {c.purpose for c in recorded if c.active(as_of)}
    public = audience == "public"
    assert (person.name == SENTINEL_NAME) == (not public or ConsentPurpose.PUBLICATION in active)
    kinds = {c.kind.value for c in person.contacts}
    if public or not active & {ConsentPurpose.DIRECTORY, ConsentPurpose.INVITATIONS}:
        assert kinds == set()
    elif ConsentPurpose.DIRECTORY in active:
        assert kinds == {"email", "phone"}
    else:
        assert kinds == ({"email"} if audience == "recipients" else set())
    assert person.consents == (() if public else recorded)
    # counts never depend on what is hidden
    for before, after in zip(SAMPLE.meetings, data.meetings, strict=True):
        assert after.present_count == before.present_count


def test_a_withdrawn_consent_takes_effect_from_its_date() -> None:
    """Withdrawn on 1 March: a public export as of 28 February names the person, as of 1 March not,
    even for a meeting held while the consent ran (the export's day decides, not the meeting's)."""
    data = with_consents(SAMPLE, ["publication"], person_id="p-sentinel",
                         given_on=date(2024, 1, 1), withdrawn_on=date(2025, 3, 1))  # fmt: skip
    meeting = "nt-2024-2"  # October 2024, while the consent ran
    before = inz.export(data, "markdown", select=meeting, options=ExportOptions(as_of=date(2025, 2, 28)))
    after = inz.export(data, "markdown", select=meeting, options=ExportOptions(as_of=date(2025, 3, 1)))
    assert SENTINEL_NAME in before.decode()
    assert SENTINEL_NAME not in after.decode()
    person = data.get(inz.Person, "p-sentinel")
    assert shows_name(person, "public", date(2025, 2, 28))
    assert not shows_name(person, "public", date(2025, 3, 1))


def test_include_personal_data_is_the_internal_audience() -> None:
    assert ExportOptions(include_personal_data=True).effective_audience == "internal"
    assert ExportOptions().effective_audience == "public"
    assert ExportOptions(audience="recipients").effective_audience == "recipients"
    with pytest.raises(inz.InvalidData, match="include_personal_data"):
        ExportOptions(audience="public", include_personal_data=True)
    with pytest.raises(inz.InvalidData, match="audience"):
        ExportOptions(audience="everyone")  # type: ignore[arg-type]
    with pytest.raises(inz.WrongType, match="as_of"):
        ExportOptions(as_of="2026-01-01")  # type: ignore[arg-type]


def test_public_attendance_hides_the_unnamed_but_keeps_the_count() -> None:
    """The public minutes count who was present although the sentinel is not listed."""
    meeting = attrs.evolve(SAMPLE.get(inz.Meeting, "nt-2024-2"), headcount=None)
    data = attrs.evolve(SAMPLE, meetings=(meeting,))
    public = redact(data, "public", date(2026, 1, 1)).meetings[0]
    assert "p-sentinel" not in [i.actor_id for i in public.invitations]
    assert public.present_count == meeting.present_count == 3
    named = redact(with_consents(data, ["publication"]), "public", date(2026, 1, 1)).meetings[0]
    assert named == meeting


def _invitation_data(consenting: bool) -> inz.NetworkData:
    meeting = attrs.evolve(SAMPLE.get(inz.Meeting, "nt-2024-2"), status=inz.MeetingStatus.CONFIRMED)
    invitations = (*meeting.invitations, inz.Invitation(actor_id="amt-migration", status=AttendanceStatus.INVITED))
    data = attrs.evolve(SAMPLE, meetings=(attrs.evolve(meeting, invitations=invitations),))
    return with_consents(data, ["invitations"], person_id="p-sentinel") if consenting else data


def test_an_invitation_lists_whom_it_leaves_out() -> None:
    """A REQUEST goes to those who agreed and have an address; the rest come back with the reason."""
    options = ExportOptions(audience="recipients", as_of=date(2026, 1, 1), ics=IcsOptions(method=IcsMethod.REQUEST))
    result = export_result(_invitation_data(consenting=False), "ics", select="nt-2024-2", options=options, host=HOST)
    assert SENTINEL_EMAIL not in result.payload.decode()
    left = {entry.actor_id: entry.reason for entry in result.left_out}
    assert left == {"p-sentinel": "no invitations consent on 2026-01-01", "amt-migration": "no e-mail address"}
    assert "Zoë Sentinelli (Landratsamt Wartburgkreis)" in [entry.label for entry in result.left_out]
    agreed = export_result(_invitation_data(consenting=True), "ics", select="nt-2024-2", options=options, host=HOST)
    assert f"mailto:{SENTINEL_EMAIL}" in agreed.payload.decode().replace("\r\n ", "")
    assert [entry.actor_id for entry in agreed.left_out] == ["amt-migration"]
    with pytest.warns(LeftOutWarning, match=r"amt-migration\): no e-mail address"):
        inz.export(_invitation_data(consenting=True), "ics", select="nt-2024-2", options=options, host=HOST)


def test_an_invitation_is_refused_for_the_public() -> None:
    options = ExportOptions(ics=IcsOptions(method=IcsMethod.REQUEST))
    with pytest.raises(inz.ExportError, match="audience 'recipients'"):
        inz.export(_invitation_data(consenting=True), "ics", select="nt-2024-2", options=options, host=HOST)


def test_an_invitation_names_its_organiser_as_sender() -> None:
    """The organiser of the meeting sends the REQUEST/CANCEL: their address is its ORGANIZER
    (every recipient sees the sender), without consent; nowhere else, not even as an ATTENDEE."""
    data = _invitation_data(consenting=False)
    meeting = attrs.evolve(data.meetings[0], organizer_id="p-sentinel")
    data = attrs.evolve(data, meetings=(meeting,))
    for method in (IcsMethod.REQUEST, IcsMethod.CANCEL):
        options = ExportOptions(audience="recipients", as_of=date(2026, 1, 1), ics=IcsOptions(method=method))
        result = export_result(data, "ics", select="nt-2024-2", options=options, host=HOST)
        text = result.payload.decode().replace("\r\n ", "")
        organiser = [line for line in text.splitlines() if line.startswith("ORGANIZER")]
        assert organiser
        assert organiser[0].endswith(f"mailto:{SENTINEL_EMAIL}")
        assert text.count(SENTINEL_EMAIL) == 1
    feed = inz.export(data, "ics", options=ExportOptions(audience="recipients", as_of=date(2026, 1, 1)), host=HOST)
    assert SENTINEL_EMAIL not in feed.decode().replace("\r\n ", "")
