"""An exporter never gets personal data the caller did not ask for: not in ``data``, not in ``selected``."""

from __future__ import annotations

import io
import types
from typing import BinaryIO

import pytest

import integrationsnetz as inz
from integrationsnetz import hookimpl
from integrationsnetz.exporters import Exporter, ExportOptions, ExportRequest
from integrationsnetz.plugins import PluginHost
from integrationsnetz.testing.export_conformance import ExporterConformance
from integrationsnetz.testing.samples import SENTINEL_EMAIL, SENTINEL_NAME, sample_network, with_consents

SAMPLE = sample_network()
SENTINEL = SAMPLE.get(inz.Person, "p-sentinel")
ATTENDED = SAMPLE.get(inz.Meeting, "nt-2024-2")  # the sentinel is PRESENT and presents an item
CONSENTING_SAMPLE = with_consents(SAMPLE, person_id="p-sentinel")  # to everything
CONSENTING = CONSENTING_SAMPLE.get(inz.Person, "p-sentinel")


def _write_selected(request: ExportRequest, stream: BinaryIO) -> None:
    """A careless exporter: it prints whatever it is handed as the selection."""
    stream.write("\n".join(repr(entity) for entity in request.selected).encode())


@hookimpl
def register_exporters() -> list[Exporter]:
    return [
        Exporter(format="selection-dump", media_type="text/plain", suffix=".txt",
                 description="The selection as Python reprs", write=_write_selected)
    ]  # fmt: skip


CARELESS = types.ModuleType("integrationsnetz_careless")
CARELESS.register_exporters = register_exporters  # type: ignore[attr-defined]


class TestCarelessExporterLeaksNothing(ExporterConformance):
    """The suite passes even an exporter that prints the selection, because the selection is redacted."""

    format = "selection-dump"
    plugins = (CARELESS,)
    shows_personal_data = True

    def test_personal_data_when_asked(self, host: PluginHost, sample: inz.NetworkData) -> None:
        """It shows the sentinel when asked for personal data and the sentinel is selected."""
        options = ExportOptions(include_personal_data=True)
        consenting = with_consents(sample, ["directory"])  # the e-mail needs the directory consent
        text = inz.export(consenting, self.format, select=CONSENTING, options=options, host=host).decode()
        assert SENTINEL_NAME in text
        assert SENTINEL_EMAIL in text


def _captured(select: object, options: ExportOptions | None = None, data: inz.NetworkData = SAMPLE) -> ExportRequest:
    seen: list[ExportRequest] = []

    @hookimpl
    def register_exporters() -> list[Exporter]:
        return [Exporter(format="spy", media_type="text/plain", suffix=".txt", description="spy",
                         write=lambda request, stream: seen.append(request))]  # fmt: skip

    spy = types.ModuleType("integrationsnetz_spy")
    spy.register_exporters = register_exporters  # type: ignore[attr-defined]
    inz.export(data, "spy", io.BytesIO(), select=select, options=options,  # type: ignore[arg-type]
               host=PluginHost(entry_points=False, plugins=[spy]))  # fmt: skip
    (request,) = seen
    return request


def test_selected_entities_are_the_redacted_objects_of_data() -> None:
    """``selected`` holds the very objects of ``request.data``: no name, contact or person's attendance."""
    request = _captured([SENTINEL, ATTENDED])
    person, meeting = request.selected
    assert person is request.data.get(inz.Person, SENTINEL.id)
    assert meeting is request.data.get(inz.Meeting, ATTENDED.id)
    assert (person.name, person.contacts, person.consents) == (None, (), ())
    assert person.function == SENTINEL.function  # still visible by function
    assert [i.actor_id for i in meeting.invitations] == ["jobcenter", "vhs", "institut"]
    assert meeting.headcount == ATTENDED.headcount


def test_a_selected_meeting_outside_the_range_or_the_data_is_redacted_on_its_own() -> None:
    """A meeting the narrowed data lacks is still stripped of the people who attend it."""
    outside = _captured(ATTENDED, ExportOptions(start=ATTENDED.end))
    assert outside.data.meetings == ()
    (meeting,) = outside.selected
    assert "p-sentinel" not in [i.actor_id for i in meeting.invitations]
    stranger = inz.Person(id="p-stranger", network_id=SAMPLE.network.id, function="Gast", name="Xaver Fremd")
    (person,) = _captured(stranger).selected
    assert person.name is None


def test_the_series_of_a_selected_meeting_comes_whole_and_redacted() -> None:
    """``series``: every date of the selected meeting's series, also outside the range, without the
    people invited; the dates ``data`` holds are its very objects."""
    member = SAMPLE.get(inz.Meeting, "ag-sprache-2026-03")
    request = _captured(member, ExportOptions(end=member.end))
    everyone = [m for m in SAMPLE.meetings if m.series_id == "ag-sprache-2026"]
    assert [m.id for m in request.series] == [m.id for m in everyone]
    assert request.series[2] is request.data.get(inz.Meeting, member.id)
    assert all("p-sentinel" not in [i.actor_id for i in m.invitations] for m in request.series)
    assert "p-sentinel" in [i.actor_id for i in member.invitations]  # the sample invites the sentinel
    assert _captured(SAMPLE.events[0]).series == ()  # no meeting, no series


def test_personal_data_asked_for_reaches_the_exporter_unchanged() -> None:
    """With ``include_personal_data`` the exporter gets the caller's objects as they are."""
    request = _captured(CONSENTING, ExportOptions(include_personal_data=True), CONSENTING_SAMPLE)
    assert request.selected == (CONSENTING,)
    assert request.selected[0] is CONSENTING


# xlsx and docx are binary: their suites (tests/exporters/test_xlsx.py, test_docx.py) read the cells and
# paragraphs for the same check
@pytest.mark.parametrize("format", sorted(set(PluginHost(entry_points=False).exporters()) - {"xlsx", "docx"}))
def test_every_builtin_exporter_keeps_a_selected_person_private(format: str) -> None:
    """The suite's selection check, for every exporter the library registers."""
    suite = type("Suite", (ExporterConformance,), {"format": format})()
    suite.test_no_personal_data_of_a_selected_person_or_meeting(PluginHost(entry_points=False), sample_network())
