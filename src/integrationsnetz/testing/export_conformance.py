"""Conformance suites for exporters and importers: subclass them in your plugin's tests.

Every built-in exporter and importer passes these, and so should yours::

    from integrationsnetz.testing.export_conformance import ExporterConformance

    class TestOparlExporter(ExporterConformance):
        format = "oparl-json"
        plugins = (integrationsnetz_oparl_meetings,)      # modules to register besides the built-ins

:class:`IcsExporterConformance` adds the checks every calendar file must pass.

What they prove: the same input gives the same bytes; the output is UTF-8; the sentinel person's
name, e-mail and phone never appear unless personal data is asked for, not even when the sentinel
or a meeting they attend is what the caller selects (and do when it is asked for, if the format
shows people); consent decides for every audience (:func:`check_consent`: no name in public
without a ``publication`` consent active on ``as_of``, no e-mail or phone without a ``directory``
consent, and the name again in public with one); writing to a path gives the same bytes; an importer gives back what
the exporter wrote, and refuses a malformed file with :class:`~integrationsnetz.InvalidData`
naming the line, importing nothing. Needs pytest: ``pip install 'integrationsnetz[testing]'``.
"""

from __future__ import annotations

import io
from collections.abc import Hashable, Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar

import attrs

try:
    import pytest
except ImportError as exc:
    raise ImportError(
        "integrationsnetz.testing.export_conformance needs pytest, which is not installed: "
        "pip install 'integrationsnetz[testing]'",
        name=exc.name,
    ) from exc

from integrationsnetz.errors import ExportError, InvalidData
from integrationsnetz.exporters import AUDIENCES, ExportOptions, export
from integrationsnetz.exporters.privacy import keeps_contacts, keeps_email, shows_name
from integrationsnetz.exporters.selection import narrow
from integrationsnetz.exporters.wording import word
from integrationsnetz.ingest import ImportOptions, ImportResult, import_from
from integrationsnetz.model.actors import Person
from integrationsnetz.model.contacts import ContactKind
from integrationsnetz.model.courses import CourseStatus
from integrationsnetz.model.entity import Entity
from integrationsnetz.model.events import AllDay
from integrationsnetz.model.meetings import MeetingStatus
from integrationsnetz.model.network_data import NetworkData
from integrationsnetz.plugins import PluginHost
from integrationsnetz.testing.samples import SENTINEL_EMAIL, SENTINEL_NAME, sample_network, with_consents

STAMP = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


class ExporterConformance:
    """What every exporter must do. Set ``format``; override :meth:`variants` for format options."""

    format: ClassVar[str] = ""
    #: Extra plugin modules or objects to register on the test host.
    plugins: ClassVar[tuple[object, ...]] = ()
    #: Whether the sample's sentinel person shows up when personal data is asked for.
    shows_personal_data: ClassVar[bool] = True
    #: Whether a public export names people who agreed to publication (None: as ``shows_personal_data``).
    shows_people_publicly: ClassVar[bool | None] = None

    @pytest.fixture
    def host(self) -> PluginHost:
        """A fresh host with the built-ins and :attr:`plugins`, no installed entry points."""
        return PluginHost(entry_points=False, plugins=self.plugins)

    @pytest.fixture
    def sample(self) -> NetworkData:
        """The data to export (default: :func:`~integrationsnetz.testing.samples.sample_network`)."""
        return sample_network()

    def variants(self) -> Iterable[ExportOptions]:
        """The option sets each test runs with (e.g. every CSV table); ``stamp`` is set for you."""
        return [ExportOptions(), ExportOptions(language="en")]

    def readable(self, payload: bytes) -> str:
        """The output as text to search for the sentinel (ICS unfolds its lines; binary formats read their cells)."""
        return payload.decode("utf-8")

    def _variants(self, **changes: Any) -> list[ExportOptions]:
        return [attrs.evolve(options, stamp=STAMP, **changes) for options in self.variants()]

    def test_registered_through_the_hook(self, host: PluginHost) -> None:
        """The format is in the host's registry, like any plugin's."""
        assert self.format in host.exporters()
        exporter = host.exporters()[self.format]
        assert exporter.suffix.startswith(".")
        assert exporter.media_type
        assert exporter.description

    def test_same_input_gives_the_same_bytes(self, host: PluginHost, sample: NetworkData) -> None:
        """Reproducible output: golden files and caches work, diffs show real changes."""
        for options in self._variants():
            first = export(sample, self.format, options=options, host=host)
            fresh = PluginHost(entry_points=False, plugins=self.plugins)
            assert export(sample, self.format, options=options, host=fresh) == first
            assert export(sample, self.format, options=options, host=host) == first

    def test_output_is_utf8(self, host: PluginHost, sample: NetworkData) -> None:
        """Every export reads as text: UTF-8 (a BOM is allowed), or what a binary format's ``readable`` makes of it."""
        for options in self._variants(include_personal_data=True):
            assert isinstance(self.readable(export(sample, self.format, options=options, host=host)), str)

    def test_no_personal_data_unless_asked(self, host: PluginHost, sample: NetworkData) -> None:
        """DSGVO: the sentinel person's name and e-mail are absent from a default export."""
        for options in self._variants():
            text = self.readable(export(sample, self.format, options=options, host=host))
            assert SENTINEL_NAME not in text, f"{self.format}: a person's name leaked with {options}"
            assert SENTINEL_EMAIL not in text, f"{self.format}: a person's e-mail leaked with {options}"

    def test_no_personal_data_of_a_selected_person_or_meeting(self, host: PluginHost, sample: NetworkData) -> None:
        """DSGVO: selecting the sentinel, or a meeting they attend, shows none of their data either.

        An exporter gets what the caller selected as ``request.selected``, redacted like
        ``request.data``; one that renders it must still not print a name it was not given.
        A format that refuses such a selection with :class:`ExportError` passes.
        """
        secrets = _personal_data_of(sample)
        attended = [m for m in sample.meetings if any(i.actor_id == secrets.person.id for i in m.invitations)]
        assert attended, "the sample has no meeting the sentinel attends"
        for select in (secrets.person, secrets.person.id, attended[0], [attended[0], secrets.person]):
            for options in self._variants():
                try:
                    payload = export(sample, self.format, select=select, options=options, host=host)
                except ExportError:
                    continue
                text = self.readable(payload)
                for secret in secrets.values:
                    assert secret not in text, f"{self.format}: {secret!r} leaked with select={select!r}, {options}"

    def test_personal_data_when_asked(self, host: PluginHost, sample: NetworkData) -> None:
        """Asked for, personal data is there (the opposite check proves the sentinel test can fail)."""
        if not self.shows_personal_data:
            pytest.skip(f"{self.format} does not show people")
        texts = [
            self.readable(export(sample, self.format, options=options, host=host))
            for options in self._variants(include_personal_data=True)
        ]
        assert any(SENTINEL_NAME in text for text in texts)

    def test_consent_decides_for_every_audience(self, host: PluginHost, sample: NetworkData) -> None:
        """For each audience, with the sentinel's consents absent, active, withdrawn before ``as_of`` or
        given after it, the export shows only what they allow (also when the sentinel is selected)."""
        person = _personal_data_of(sample).person
        for case, data in consent_cases(sample, person.id, CONSENT_DAY):
            for audience in AUDIENCES:
                for options in self._variants(audience=audience, include_personal_data=False, as_of=CONSENT_DAY):
                    for select in (None, person.id):
                        check_consent(data, self.format, host=host, options=options, select=select, case=case,
                                      readable=self.readable)  # fmt: skip

    def test_public_name_with_publication_consent(self, host: PluginHost, sample: NetworkData) -> None:
        """A public export names the sentinel once they agreed to publication, and not once they withdrew."""
        shows = self.shows_personal_data if self.shows_people_publicly is None else self.shows_people_publicly
        if not shows:
            pytest.skip(f"{self.format} does not name people in public")
        person = _personal_data_of(sample).person
        agreed = with_consents(sample, ["publication"], person_id=person.id, given_on=CONSENT_DAY - timedelta(days=30))
        options = self._variants(audience="public", include_personal_data=False, as_of=CONSENT_DAY)
        texts = [
            self.readable(export(agreed, self.format, select=select, options=o, host=host))
            for o in options
            for select in (None, person.id)
        ]
        assert any(SENTINEL_NAME in text for text in texts), f"{self.format}: no name despite publication consent"
        withdrawn = with_consents(sample, ["publication"], person_id=person.id,
                                  given_on=CONSENT_DAY - timedelta(days=30), withdrawn_on=CONSENT_DAY)  # fmt: skip
        for o in options:
            for select in (None, person.id):
                text = self.readable(export(withdrawn, self.format, select=select, options=o, host=host))
                assert SENTINEL_NAME not in text, f"{self.format}: the name shown after the consent was withdrawn"

    def test_path_and_stream_get_the_same_bytes(self, host: PluginHost, sample: NetworkData, tmp_path: Path) -> None:
        """A path is written atomically with what the call returns; a stream gets the same."""
        options = self._variants()[0]
        target = tmp_path / f"out{host.exporters()[self.format].suffix}"
        payload = export(sample, self.format, target, options=options, host=host)
        stream = io.BytesIO()
        export(sample, self.format, stream, options=options, host=host)
        assert target.read_bytes() == payload == stream.getvalue()
        assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left


class IcsExporterConformance(ExporterConformance):
    """The exporter suite plus what every calendar file must satisfy (needs icalendar).

    For any plugin that writes iCalendar: the file parses, every TZID has its VTIMEZONE, every
    event has UID, DTSTAMP and SEQUENCE, and a meeting keeps its UID when it is moved or retitled.
    """

    format: ClassVar[str] = "ics"

    def readable(self, payload: bytes) -> str:
        """Unfolded lines, so a name split by line folding is still found."""
        return payload.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")

    def test_parses_with_every_timezone_defined(self, host: PluginHost, sample: NetworkData) -> None:
        """icalendar reads it back; no TZID without its VTIMEZONE (Outlook would guess the zone)."""
        import icalendar

        for options in self._variants(include_personal_data=True):
            calendar = icalendar.Calendar.from_ical(export(sample, self.format, options=options, host=host))
            assert calendar.get_missing_tzids() == set()
            assert calendar.events, "the sample has meetings, the calendar has no events"
            for event in calendar.events:
                assert event.get("UID")
                assert event.get("DTSTAMP") is not None
                assert event.get("SEQUENCE") is not None

    def test_uid_survives_a_moved_and_retitled_meeting(self, host: PluginHost, sample: NetworkData) -> None:
        """Clients update in place only when the UID stays the same."""
        import icalendar

        meeting = sample.meetings[0]
        moved = attrs.evolve(
            meeting, title=meeting.title + " (verlegt)", start=meeting.start + timedelta(days=7),
            end=meeting.end + timedelta(days=7), revision=meeting.revision + 1,
        )  # fmt: skip
        options = self._variants()[0]
        before = icalendar.Calendar.from_ical(export(sample, self.format, select=meeting, options=options, host=host))
        data = attrs.evolve(sample, meetings=(moved, *sample.meetings[1:]))
        after = icalendar.Calendar.from_ical(export(data, self.format, select=moved, options=options, host=host))
        assert [str(e["UID"]) for e in before.events] == [str(e["UID"]) for e in after.events]
        assert [e.sequence for e in after.events] > [e.sequence for e in before.events]


class ImporterConformance:
    """What every importer must do. Set ``format``, ``export_format`` and override :meth:`malformed`."""

    format: ClassVar[str] = ""
    #: The exporter whose output this importer reads back (round trip).
    export_format: ClassVar[str] = ""
    plugins: ClassVar[tuple[object, ...]] = ()

    @pytest.fixture
    def host(self) -> PluginHost:
        """A fresh host with the built-ins and :attr:`plugins`."""
        return PluginHost(entry_points=False, plugins=self.plugins)

    @pytest.fixture
    def sample(self) -> NetworkData:
        """The data to export and read back: the sample with everyone's consent to everything, so
        what the format keeps of people is in the export."""
        return with_consents(sample_network())

    def export_options(self) -> ExportOptions:
        """The options of the export that is read back."""
        return ExportOptions(stamp=STAMP, include_personal_data=True)

    def expected(self, sample: NetworkData) -> Iterable[Entity]:
        """The entities the import of the export must give back."""
        raise NotImplementedError("override expected() in your test class")

    def comparable(self, entity: Entity) -> Hashable:
        """What of an entity the format keeps (default: all but the store's bookkeeping)."""
        return attrs.evolve(entity, created=None, modified=None, revision=0)

    def malformed(self) -> tuple[bytes, int]:
        """A malformed file and the line number the error must name."""
        raise NotImplementedError("override malformed() in your test class")

    def test_registered_through_the_hook(self, host: PluginHost) -> None:
        """The format is in the host's registry."""
        assert self.format in host.importers()

    def test_import_of_an_export_gives_back_the_entities(self, host: PluginHost, sample: NetworkData) -> None:
        """Round trip: what we write, we (and so other districts) can read back."""
        payload = export(sample, self.export_format, options=self.export_options(), host=host)
        result = import_from(io.BytesIO(payload), self.format, options=ImportOptions(network_id=sample.network.id),
                             host=host)  # fmt: skip
        assert isinstance(result, ImportResult)
        got = sorted(map(repr, map(self.comparable, result.entities)))
        want = sorted(map(repr, map(self.comparable, self.expected(sample))))
        assert got == want

    def test_malformed_input_names_the_line_and_imports_nothing(self, host: PluginHost) -> None:
        """A broken file is refused as a whole, with the line to look at."""
        payload, line = self.malformed()
        with pytest.raises(InvalidData) as caught:
            import_from(io.BytesIO(payload), self.format, options=ImportOptions(network_id="netz"), host=host)
        assert f"line {line}" in str(caught.value)


#: The day the consent tests decide for (``ExportOptions.as_of``).
CONSENT_DAY = date(2026, 2, 1)


def consent_cases(data: NetworkData, person_id: str, day: date) -> list[tuple[str, NetworkData]]:
    """``data`` with the person's consents to every purpose: none, active on ``day``, withdrawn on
    ``day`` (so no longer active), given only after ``day``."""
    before = day - timedelta(days=100)
    return [
        ("no consent", data),
        ("consent active", with_consents(data, person_id=person_id, given_on=before)),
        ("consent withdrawn", with_consents(data, person_id=person_id, given_on=before, withdrawn_on=day)),
        ("consent given later", with_consents(data, person_id=person_id, given_on=day + timedelta(days=1))),
    ]


def check_consent(
    data: NetworkData,
    format: str,
    *,
    host: PluginHost,
    options: ExportOptions,
    select: object = None,
    case: str = "",
    readable: Any = None,
) -> str | None:
    """Export ``data`` and assert the sentinel appears only as their consents allow; the text, or
    None when the format refuses the export (:class:`ExportError`).

    On ``options.decision_day`` for ``options.effective_audience``: no name unless
    :func:`~integrationsnetz.exporters.privacy.shows_name`, no e-mail unless
    :func:`~integrationsnetz.exporters.privacy.keeps_email`, no phone unless
    :func:`~integrationsnetz.exporters.privacy.keeps_contacts`. ``readable`` turns the bytes into
    text (default: UTF-8 with ICS lines unfolded).
    """
    secrets = _personal_data_of(data)
    try:
        payload = export(data, format, select=select, options=options, host=host)  # type: ignore[arg-type]
    except ExportError:
        return None
    text = readable(payload) if readable else payload.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")
    audience, day = options.effective_audience, options.decision_day
    person = secrets.person
    what = case or f"consents {person.consents!r}"
    where = f"{format}: {what}, audience {audience!r}, as of {day}, select={select!r}"
    if not shows_name(person, audience, day):
        assert SENTINEL_NAME not in text, f"the name leaked ({where})"
    if not keeps_email(person, audience, day):
        assert SENTINEL_EMAIL not in text, f"the e-mail leaked ({where})"
    if not keeps_contacts(person, audience, day):
        for phone in secrets.values[2:]:
            assert phone not in text, f"the phone number leaked ({where})"
    return text


@attrs.frozen
class _Secrets:
    person: Person
    values: tuple[str, ...]


def _personal_data_of(sample: NetworkData) -> _Secrets:
    """The sentinel person of ``sample`` and what of them no default export may show."""
    found = [p for p in sample.persons if p.name == SENTINEL_NAME]
    assert found, f"the sample holds no person named {SENTINEL_NAME!r}; build yours on sample_network()"
    person = found[0]
    phones = tuple(c.value for c in person.contacts if c.kind is ContactKind.PHONE)
    return _Secrets(person, (SENTINEL_NAME, SENTINEL_EMAIL, *phones))


def _show(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def expected_occurrences(data: NetworkData, options: ExportOptions) -> list[tuple[str, str, str, str]]:
    """What a calendar parser must expand our ICS export of ``data`` to, sorted.

    Each occurrence is ``(start, end, summary, status)``; times in UTC, all-day entries as dates
    with the exclusive end. Cancelled entries appear only with ``ics.show_cancelled``.
    """
    from integrationsnetz.exporters.references import References

    data = narrow(data, (), options.start, options.end)
    refs = References(data)
    show = options.ics.show_cancelled
    prefix = word("cancelled_prefix", options.language)
    status = {MeetingStatus.PLANNED: "TENTATIVE", MeetingStatus.CANCELLED: "CANCELLED"}
    found = []
    for meeting in data.meetings:
        cancelled = meeting.status is MeetingStatus.CANCELLED
        if cancelled and not show:
            continue
        title = (prefix if cancelled else "") + _clean(meeting.title)
        found.append((_show(meeting.start), _show(meeting.end), title, status.get(meeting.status, "CONFIRMED")))
    for event in data.events:
        if event.cancelled and not show:
            continue
        when = event.when
        title = (prefix if event.cancelled else "") + _clean(event.title)
        state = "CANCELLED" if event.cancelled else "CONFIRMED"
        if isinstance(when, AllDay):
            found.append((_show(when.first_day), _show(when.last_day + timedelta(days=1)), title, state))
        else:
            found.append((_show(when.start), _show(when.end), title, state))
    for course in data.courses:
        if course.start is None or (course.status is CourseStatus.CANCELLED and not show):
            continue
        title = (prefix if course.status is CourseStatus.CANCELLED else "") + _clean(
            refs.course_title(course, options.language)
        )
        state = {CourseStatus.PLANNED: "TENTATIVE", CourseStatus.CANCELLED: "CANCELLED"}.get(course.status, "CONFIRMED")
        end = (course.end or course.start) + timedelta(days=1)
        found.append((_show(course.start), _show(end), title, state))
    return sorted(found)


def _clean(text: str) -> str:
    from integrationsnetz.exporters.ics_values import clean_text

    return clean_text(text)
