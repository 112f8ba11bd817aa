"""Only the library's errors leave the public API: a wrong kind of value in, an IntegrationsnetzError out.

Every public function and method is called the way people get it wrong: a date where an instant
is needed, a naive date-time, a string for an enum or an entity class, a list for a tuple, an id
nobody has, a path that is a file or cannot be written, None. Each call must raise a subclass of
:class:`~integrationsnetz.IntegrationsnetzError` whose message names what was wrong, never a
bare ``TypeError``, ``KeyError``, ``AttributeError`` or ``RecursionError``.

A case is ``(id, call, error class, words the message holds)``; the id starts with the public
name it exercises, and a test below checks every public function and store method has a case.
"""

from __future__ import annotations

import inspect
import io
import os
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest

import integrationsnetz as inz
from integrationsnetz import courses, documents
from integrationsnetz.courses.course_list import read_course_list, sample_course_list
from integrationsnetz.errors import WrongType
from integrationsnetz.schedule import HolidayOverrides, PlanRequest, load_plan_config, plan
from integrationsnetz.store import Store
from integrationsnetz.testing.samples import sample_network

DATA = sample_network()
MEETING = DATA.meetings[0]
AWARE = datetime(2024, 1, 1, tzinfo=UTC)
NAIVE = datetime(2024, 1, 1)
TODAY = date(2024, 1, 1)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@attrs.frozen
class World:
    """What a call may need: a scratch folder with a plain file and a folder in it."""

    tmp: Path

    @property
    def file(self) -> Path:
        return self.written("notizen.txt", b"meine Notizen")

    def folder(self, name: str) -> Path:
        path = self.tmp / name
        path.mkdir()
        return path

    def written(self, name: str, payload: bytes) -> Path:
        path = self.tmp / name
        path.write_bytes(payload)
        return path


Call = Callable[[World], object]
Case = tuple[str, Call, type[inz.IntegrationsnetzError], tuple[str, ...]]


def case(name: str, call: Call, kind: type[inz.IntegrationsnetzError] = inz.IntegrationsnetzError, *words: str) -> Any:
    return pytest.param(call, kind, words, id=name)


def _deep_toml(depth: int) -> bytes:
    return ("a = " + "[" * depth + "]" * depth).encode()


def _with_capacity(fte: float) -> inz.NetworkData:
    capacity = inz.ProviderCapacity(id="cap-1", network_id=DATA.network.id, provider_id=DATA.organizations[0].id,
                                    as_of=TODAY, teachers_fte=fte)  # fmt: skip
    return attrs.evolve(DATA, provider_capacities=(capacity,))


def _report_into(target: Callable[[World], Path]) -> Call:
    return lambda world: courses.report(DATA, charts=False).write(target(world))


def _opts(**fields: Any) -> inz.ImportOptions:
    return inz.ImportOptions(network_id=DATA.network.id, **fields)


ICS = inz.export(DATA, "ics")

FUNCTIONS = [
    # the facade
    case("entity_type_name: a string for a class", lambda w: inz.entity_type_name("meeting"), WrongType,  # type: ignore[arg-type]
         "str is not a stored entity type"),
    case("entity_type_name: None", lambda w: inz.entity_type_name(None), WrongType, "NoneType"),  # type: ignore[arg-type]
    case("save_network: a document path for the network",
         lambda w: inz.save_network(inz.open_store("memory:"), "netz.toml"), WrongType, "expected a NetworkData"),  # type: ignore[arg-type]
    case("load_network: a Network for its id",
         lambda w: inz.load_network(inz.open_store("memory:"), DATA.network), WrongType, "got Network"),  # type: ignore[arg-type]
    case("load_network: an id the store does not hold",
         lambda w: inz.load_network(inz.open_store("memory:"), "netz-xyz"), inz.NotFound, "netz-xyz"),
    case("open_store: None", lambda w: inz.open_store(None), inz.StoreError, "store URL"),  # type: ignore[arg-type]
    case("open_store: an unknown scheme", lambda w: inz.open_store("nosql:x"), inz.StoreError, "nosql"),
    case("open_store: a file as the folder of a files: store", lambda w: inz.open_store(f"files://{w.file}"),
         inz.StoreError),
    case("export: a string id nobody has", lambda w: inz.export(DATA, "ics", select="nt-2099-9"), inz.NotFound,
         "'nt-2099-9'"),
    case("export: a number to select", lambda w: inz.export(DATA, "ics", select=5), inz.ExportError, "select"),  # type: ignore[arg-type]
    case("export: a list of ids and numbers", lambda w: inz.export(DATA, "ics", select=[MEETING.id, 5]),  # type: ignore[list-item]
         inz.ExportError, "got 5"),
    case("export: no data", lambda w: inz.export(None, "ics"), WrongType, "NetworkData"),  # type: ignore[arg-type]
    case("export: a list for the format", lambda w: inz.export(DATA, ["ics"]), inz.ExportError, "['ics']"),  # type: ignore[arg-type]
    case("export: a dict for the options", lambda w: inz.export(DATA, "ics", options={}), WrongType, "options"),  # type: ignore[arg-type]
    case("export: a number as the target", lambda w: inz.export(DATA, "ics", 5), WrongType, "target"),  # type: ignore[arg-type]
    case("export: a folder as the target", lambda w: inz.export(DATA, "ics", w.tmp), inz.StoreError),
    case("export: into a file's path as if a folder", lambda w: inz.export(DATA, "ics", w.file / "x.ics"),
         inz.StoreError, "notizen.txt"),
    case("read_replies: a number for a path", lambda w: inz.read_replies(5), WrongType, "got int"),  # type: ignore[arg-type]
    case("read_imap: a number for the host", lambda w: inz.read_imap(5), WrongType, "host"),  # type: ignore[arg-type]
    case("read_imap: a word for the port", lambda w: inz.read_imap("localhost", port="x"), WrongType, "port"),  # type: ignore[arg-type]
    case("read_imap: an unknown security", lambda w: inz.read_imap("localhost", security="ssl"), WrongType,  # type: ignore[arg-type]
         "'starttls'"),
    case("apply_replies: no store", lambda w: inz.apply_replies(None, []), WrongType, "open store"),  # type: ignore[arg-type]
    case("apply_replies: file paths for replies",
         lambda w: inz.apply_replies(inz.open_store("memory:"), ["antwort.eml"]), WrongType, "Reply"),  # type: ignore[list-item]
    case("import_from: None", lambda w: inz.import_from(None, "ics", options=_opts()), WrongType, "source"),  # type: ignore[arg-type]
    case("import_from: bytes instead of a stream", lambda w: inz.import_from(ICS, "ics", options=_opts()),  # type: ignore[arg-type]
         WrongType, "source"),
    case("import_from: a text stream", lambda w: inz.import_from(io.StringIO("x"), "csv", options=_opts()),  # type: ignore[arg-type]
         WrongType, "'rb'"),
    case("import_from: no options", lambda w: inz.import_from(io.BytesIO(ICS), "ics", options=None),  # type: ignore[arg-type]
         WrongType, "options"),
    case("import_from: a number for the format", lambda w: inz.import_from(io.BytesIO(ICS), 5, options=_opts()),  # type: ignore[arg-type]
         WrongType, "format"),
    case("import_from: a folder", lambda w: inz.import_from(w.folder("x.ics"), options=_opts()), inz.InvalidData,
         "x.ics"),
    case("import_from: a missing file", lambda w: inz.import_from(w.tmp / "fehlt.csv", options=_opts()),
         inz.InvalidData, "fehlt.csv"),
    case("import_from: an until that is a date-time",
         lambda w: inz.import_from(io.BytesIO(ICS), "ics", options=_opts(until=AWARE)), WrongType, "until"),
    case("read_busy: None", lambda w: inz.read_busy(None, "im-1"), WrongType, "source"),  # type: ignore[arg-type]
    case("read_busy: a number for the person", lambda w: inz.read_busy(ICS, 5), WrongType, "person_id"),  # type: ignore[arg-type]
    case("read_busy: a date-time for the start", lambda w: inz.read_busy(ICS, "im-1", start=AWARE), WrongType,  # type: ignore[arg-type]
         "start"),
    case("read_busy: a folder", lambda w: inz.read_busy(w.folder("x.ics"), "im-1"), inz.InvalidData, "x.ics"),
    case("read_busy: an address without a host", lambda w: inz.read_busy("https:///x.ics", "im-1"), inz.InvalidData,
         "https://"),
    case("save_import: None for the store", lambda w: inz.save_import(None, inz.ImportResult()),  # type: ignore[arg-type]
         WrongType, "store"),
    case("save_import: a list for the result", lambda w: inz.save_import(inz.open_store("memory:"), []),  # type: ignore[arg-type]
         WrongType, "ImportResult"),
    case("compare_import: None for the store", lambda w: inz.compare_import(None, inz.ImportResult()),  # type: ignore[arg-type]
         WrongType, "store"),
    case("compare_import: a list for the result", lambda w: inz.compare_import(inz.open_store("memory:"), []),  # type: ignore[arg-type]
         WrongType, "ImportResult"),
    case("check: None", lambda w: inz.check(None), WrongType, "NetworkData"),  # type: ignore[arg-type]
    # options
    case("ExportOptions: an unknown language", lambda w: inz.ExportOptions(language="fr"), inz.InvalidData, "'fr'"),
    case("ExportOptions: a start as text", lambda w: inz.ExportOptions(start="2024-01-01"), WrongType, "start"),  # type: ignore[arg-type]
    case("ExportOptions: a stamp that is a date", lambda w: inz.ExportOptions(stamp=TODAY), WrongType, "stamp"),  # type: ignore[arg-type]
    case("ExportOptions: a naive stamp", lambda w: inz.ExportOptions(stamp=NAIVE), inz.InvalidData, "stamp"),
    case("ExportOptions: 'no' for a yes/no option", lambda w: inz.ExportOptions(include_personal_data="no"),  # type: ignore[arg-type]
         WrongType, "include_personal_data"),
    case("ExportOptions: a dict for the CSV options", lambda w: inz.ExportOptions(csv={}), WrongType, "csv"),  # type: ignore[arg-type]
    case("ExportOptions: an unknown document", lambda w: inz.ExportOptions(document="letter"), inz.InvalidData,  # type: ignore[arg-type]
         "document", "'letter'"),
    case("CsvOptions: an unknown separator", lambda w: inz.CsvOptions(delimiter="|"), inz.InvalidData, "delimiter"),
    case("CsvOptions: an unknown table", lambda w: inz.CsvOptions(table="people"), inz.InvalidData, "'people'"),  # type: ignore[arg-type]
    case("IcsOptions: an unknown method", lambda w: inz.IcsOptions(method="SEND"), inz.InvalidData, "method"),
    case("IcsOptions: hours as a number", lambda w: inz.IcsOptions(refresh_interval=6), WrongType,  # type: ignore[arg-type]
         "refresh_interval"),
    case("ImportOptions: no network", lambda w: inz.ImportOptions(network_id=None), inz.InvalidData, "network_id"),  # type: ignore[arg-type]
    case("ImportOptions: a horizon in days as a number", lambda w: _opts(horizon=366), WrongType, "horizon"),
    case("ImportOptions: an until as text", lambda w: _opts(until="2024-12-31"), WrongType, "until"),
    case("StoreURL: None", lambda w: inz.StoreURL.parse(None), inz.StoreError),  # type: ignore[arg-type]
    # NetworkData
    case("NetworkData.get: an id nobody has", lambda w: DATA.get(inz.Meeting, "nt-2099-9"), inz.NotFound,
         "no meeting with id 'nt-2099-9'"),
    case("NetworkData.get: a string for the class", lambda w: DATA.get("meeting", MEETING.id), WrongType,  # type: ignore[arg-type]
         "stored entity type"),
    case("NetworkData.get: a class that is not stored", lambda w: DATA.get(str, "x"), WrongType, "str"),  # type: ignore[type-var]
    case("NetworkData.by_id: an unknown collection", lambda w: DATA.by_id("meeting"), inz.NotFound, "'meeting'"),
    case("NetworkData.from_entities: None among them", lambda w: inz.NetworkData.from_entities(DATA.network, [None]),  # type: ignore[list-item]
         WrongType, "NoneType"),
    # documents
    case("documents.loads: TOML nested too deeply", lambda w: documents.loads(_deep_toml(100_000), "toml"),
         inz.InvalidData, "nested too deeply"),
    case("documents.loads: JSON nested too deeply", lambda w: documents.loads(b"[" * 100_000 + b"]" * 100_000),
         inz.InvalidData, "depth limit"),
    case("documents.load: a missing file", lambda w: documents.load(w.tmp / "fehlt.json"), inz.InvalidData,
         "fehlt.json"),
    case("documents.load: a folder", lambda w: documents.load(w.folder("x.json")), inz.InvalidData, "x.json"),
    case("documents.save: an unknown suffix", lambda w: documents.save(DATA, w.tmp / "netz.yaml"), inz.InvalidData,
         "netz.yaml"),
    case("documents.save: into a file's path as if a folder", lambda w: documents.save(DATA, w.file / "netz.json"),
         inz.StoreError, "notizen.txt"),
    case("documents.dumps: an unknown format", lambda w: documents.dumps(DATA, "yaml"),  # type: ignore[arg-type]
         inz.InvalidData, "'yaml'"),
    case("documents.loads: an unknown format", lambda w: documents.loads(b"{}", "yaml"),  # type: ignore[arg-type]
         inz.InvalidData, "'yaml'"),
    case("documents.save: None", lambda w: documents.save(None, w.tmp / "netz.json"),  # type: ignore[arg-type]
         WrongType, "NoneType"),
    case("documents.format_of: None", lambda w: documents.format_of(None),  # type: ignore[arg-type]
         WrongType, "NoneType"),
    case("documents.load: None", lambda w: documents.load(None),  # type: ignore[arg-type]
         WrongType, "NoneType"),
    # ingest
    case("ingest csv: a cell over the csv module's limit", lambda w: inz.import_from(
        io.BytesIO(b"Typ;Name\r\nOrganisation;" + b"x" * 140_000 + b"\r\n"), "csv", options=_opts()),
        inz.InvalidData, "line 2", "131,072"),
    case("ingest ics: an unknown X-WR-TIMEZONE", lambda w: inz.import_from(io.BytesIO(
        ICS.replace(b"VERSION:2.0", b"VERSION:2.0\r\nX-WR-TIMEZONE:Mars/Olympus", 1)), "ics", options=_opts()),
        inz.InvalidData, "Mars/Olympus"),
    # courses
    case("courses.report: no data", lambda w: courses.report(None), WrongType, "NetworkData"),  # type: ignore[arg-type]
    case("courses.report: an unknown language", lambda w: courses.report(DATA, language="fr"), inz.InvalidData,  # type: ignore[arg-type]
         "'fr'"),
    case("courses.report: a misspelt inflow key", lambda w: courses.report(DATA, as_of=TODAY, inflow={"generl": 3.0}),
         inz.InvalidData, "inflow['generl']", "unknown course type"),
    case("courses.report: a clear-by date in the past", lambda w: courses.report(DATA, as_of=TODAY,
                                                                                clear_by=date(2023, 1, 1)),
         inz.InvalidData, "clear_by"),
    case("courses.report: a teacher capacity of 1e308", lambda w: courses.report(_with_capacity(1e308), as_of=TODAY),
         inz.InvalidData, "teachers_fte"),
    case("courses.report: as_of as text", lambda w: courses.report(DATA, as_of="2024-01-01"), inz.InvalidData, "as_of"),  # type: ignore[arg-type]
    case("CourseReport.write: over an existing file", _report_into(lambda w: w.file), inz.StoreError, "notizen.txt"),
    case("CourseReport.write: under an existing file", _report_into(lambda w: w.file / "bericht"), inz.StoreError,
         "notizen.txt"),
    case("CourseReport.write: None", _report_into(lambda w: None), WrongType, "directory"),  # type: ignore[arg-type,return-value]
    case("courses.render: no figures", lambda w: courses.render(None), WrongType, "figures"),  # type: ignore[arg-type]
    case("courses.course_figures: no data", lambda w: courses.course_figures(None, as_of=TODAY), WrongType, "data"),  # type: ignore[arg-type]
    case("courses.plan: no inputs", lambda w: courses.plan(None), WrongType, "inputs"),  # type: ignore[arg-type]
    case("courses.Range: text for a number", lambda w: courses.Range("1", 2, 3), WrongType, "low"),  # type: ignore[arg-type]
    case("courses.read_course_list: a number as the source", lambda w: read_course_list(5, DATA), WrongType, "source"),  # type: ignore[arg-type]
    case("courses.read_course_list: no network data", lambda w: read_course_list(sample_course_list(), None),  # type: ignore[arg-type]
         WrongType, "data"),
    case("courses.read_course_list: as_of as text", lambda w: read_course_list(sample_course_list(), DATA,
                                                                              as_of="2024-01-01"), WrongType, "as_of"),  # type: ignore[arg-type]
    case("courses.read_course_list: 400 digits of seats", lambda w: read_course_list(
        sample_course_list().replace(b";20;700;20;19", b";20;700;" + b"1" * 400 + b";19"), DATA, new_providers=True),
        inz.InvalidData, "Plätze"),
    case("courses.import_course_list: a number as the source", lambda w: courses.import_course_list(5, DATA),  # type: ignore[arg-type]
         WrongType, "source"),
    case("courses.load_course_types: None", lambda w: courses.load_course_types(None), WrongType, "path"),  # type: ignore[arg-type]
    case("courses.load_course_types: JSON nested too deeply", lambda w: courses.load_course_types(
        w.written("k.json", b"[" * 100_000 + b"]" * 100_000)), inz.InvalidData, "nested too deeply"),
    case("courses.dumps_course_types: a number", lambda w: courses.dumps_course_types(5), WrongType, "catalogue"),  # type: ignore[arg-type]
    case("CourseCatalogue.type_of: an unknown code", lambda w: courses.official_catalogue().type_of("b2_job"),
         inz.NotFound, "'b2_job'"),
    # schedule (the planner's own checks are another branch's; these show what still leaks)
    case("schedule.load_plan_config: a missing file", lambda w: load_plan_config(w.tmp / "fehlt.toml"),
         inz.InvalidData, "fehlt.toml"),
    case("schedule.load_plan_config: None", lambda w: load_plan_config(None),  # type: ignore[arg-type]
         WrongType, "NoneType"),
    case("schedule.load_plan_config: TOML nested too deeply", lambda w: load_plan_config(
        w.written("p.toml", _deep_toml(5_000))), inz.InvalidData, "nested too deeply"),
    case("schedule.HolidayOverrides.load: TOML nested too deeply", lambda w: HolidayOverrides.load(
        w.written("f.toml", _deep_toml(5_000))), inz.InvalidData, "nested too deeply"),
    case("schedule.plan: None", lambda w: plan(None), WrongType, "PlanRequest"),  # type: ignore[arg-type]
    case("schedule.plan: a start as text", lambda w: plan(PlanRequest.for_network(
        DATA, load_plan_config(EXAMPLES / "wartburgkreis.toml").series, start="2025-01-01", end=date(2026, 1, 1))),  # type: ignore[arg-type]
        inz.InvalidField, "PlanRequest.start: expected a date"),
    case("compose_invitations: a path for the store", lambda w: inz.compose_invitations("netz.db", MEETING.id),  # type: ignore[arg-type]
         WrongType, "expected a Store"),
    case("compose_invitations: a meeting the store lacks",
         lambda w: inz.compose_invitations(inz.open_store("memory:"), "nt-2099-9"), inz.NotFound, "nt-2099-9"),
    case("send: a list of messages", lambda w: inz.send([], inz.SmtpSettings(host="localhost")), WrongType, "Outbox"),  # type: ignore[arg-type]
    case("SmtpSettings: a port out of range", lambda w: inz.SmtpSettings(host="localhost", port=70000), WrongType,
         "port"),
    case("write_eml: a list of messages", lambda w: inz.write_eml([], w.tmp), WrongType, "Outbox"),  # type: ignore[arg-type]
]  # fmt: skip


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path)


@pytest.mark.parametrize(("call", "kind", "words"), FUNCTIONS)
def test_functions_refuse_wrong_kinds(
    world: World, call: Call, kind: type[inz.IntegrationsnetzError], words: tuple[str, ...]
) -> None:
    refused(lambda: call(world), kind, words)


def refused(call: Callable[[], object], kind: type[inz.IntegrationsnetzError], words: tuple[str, ...]) -> None:
    with pytest.raises(inz.IntegrationsnetzError) as caught:
        call()
    assert isinstance(caught.value, kind), f"{type(caught.value).__name__} is not a {kind.__name__}"
    for word in words:
        assert word in str(caught.value)


# -- the stores ---------------------------------------------------------------------------------

StoreCall = Callable[[Store], object]


def on_store(name: str, call: StoreCall, kind: type[inz.IntegrationsnetzError], *words: str) -> Any:
    return pytest.param(call, kind, words, id=name)


STORE_METHODS = [
    on_store("meetings_between: dates", lambda s: s.meetings_between(TODAY, date(2025, 1, 1)), WrongType,  # type: ignore[arg-type]
             "meetings_between: start: expected a timezone-aware date-time, got the date"),
    on_store("meetings_between: naive date-times", lambda s: s.meetings_between(NAIVE, AWARE), WrongType,
             "start", "naive"),
    on_store("meetings_between: a naive end", lambda s: s.meetings_between(AWARE, NAIVE), WrongType, "end", "naive"),
    on_store("meetings_between: text", lambda s: s.meetings_between("2024-01-01", "2025-01-01"), WrongType, "str"),  # type: ignore[arg-type]
    on_store("changed_since: a naive date-time", lambda s: s.changed_since(NAIVE), WrongType, "since", "naive"),
    on_store("changed_since: a date", lambda s: s.changed_since(TODAY), WrongType, "since"),  # type: ignore[arg-type]
    on_store("courses: a status word that is none", lambda s: s.courses(status="läuft"), WrongType, "status"),  # type: ignore[arg-type]
    on_store("memberships_of: on a date-time", lambda s: s.memberships_of("im-1", on=AWARE), WrongType, "on"),
    on_store("memberships_of: on as text", lambda s: s.memberships_of("im-1", on="2024-01-01"), WrongType, "on"),  # type: ignore[arg-type]
    on_store("get: an id nobody has", lambda s: s.get(inz.Meeting, "nt-2099-9"), inz.NotFound, "nt-2099-9"),
    on_store("get: a string for the class", lambda s: s.get("meeting", MEETING.id), WrongType, "stored entity type"),  # type: ignore[arg-type]
    on_store("get: None for the id", lambda s: s.get(inz.Meeting, None), inz.NotFound, "None"),  # type: ignore[arg-type]
    on_store("get: a number for the id", lambda s: s.get(inz.Meeting, 5), inz.NotFound, "5"),  # type: ignore[arg-type]
    on_store("list: a class that is not stored", lambda s: s.list(int), WrongType, "int"),  # type: ignore[type-var]
    on_store("put: None", lambda s: s.put(None), WrongType, "NoneType"),  # type: ignore[type-var]
    on_store("put: a dict", lambda s: s.put({"id": "x"}), WrongType, "dict"),  # type: ignore[type-var]
    on_store("put_many: None among them", lambda s: s.put_many([None]), WrongType, "NoneType"),  # type: ignore[list-item]
    on_store("put_many: None", lambda s: s.put_many(None), WrongType, "NoneType"),  # type: ignore[arg-type]
    on_store("delete: an id nobody has", lambda s: s.delete(inz.Meeting, "nt-2099-9"), inz.NotFound, "nt-2099-9"),
    on_store("delete: a string for the class", lambda s: s.delete("meeting", MEETING.id), WrongType),  # type: ignore[arg-type]
    on_store("delete: None for the id", lambda s: s.delete(inz.Meeting, None), inz.NotFound),  # type: ignore[arg-type]
]  # fmt: skip

#: Store methods without a wrong kind to give: no arguments, or any value names an unknown person.
STORE_EXEMPT = {
    "transaction": "takes no arguments",
    "close": "takes no arguments",
    "erase_person": "any id names nobody: an unknown person changes nothing and gives 0",
    "personal_data_of": "any id names nobody: an unknown person has no data",
}


@pytest.fixture(params=["memory:", "sqlite", "files"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    url = {"sqlite": f"sqlite:///{tmp_path}/netz.db", "files": f"files://{tmp_path}/netz"}.get(request.param, "memory:")
    with inz.open_store(url, host=inz.PluginHost(entry_points=False)) as opened:
        opened.put_many([attrs.evolve(entity, revision=0) for entity in DATA.entities()])
        yield opened


@pytest.mark.parametrize(("call", "kind", "words"), STORE_METHODS)
def test_store_methods_refuse_wrong_kinds(
    store: Store, call: StoreCall, kind: type[inz.IntegrationsnetzError], words: tuple[str, ...]
) -> None:
    refused(lambda: call(store), kind, words)
    assert store.get(inz.Meeting, MEETING.id).title == MEETING.title  # and the store still works


def test_a_status_word_filters_like_the_member(store: Store) -> None:
    """``courses(status="running")`` (the member's value) works on every backend, as the member does."""
    assert store.courses(status="running") == store.courses(status=inz.CourseStatus.RUNNING)  # type: ignore[arg-type]


# -- model constructors ------------------------------------------------------------------------

@pytest.mark.parametrize(
    "build",
    [
        pytest.param(lambda: attrs.evolve(MEETING, kind="netwrok"), id="Meeting: a misspelt kind"),  # type: ignore[arg-type]
        pytest.param(lambda: attrs.evolve(MEETING, start=TODAY), id="Meeting: a date for the start"),  # type: ignore[arg-type]
        pytest.param(lambda: attrs.evolve(DATA.groups[0], founded="2024-01-01"), id="WorkingGroup: founded as text"),  # type: ignore[arg-type]
        pytest.param(lambda: inz.Room(id="r", name="Raum", capacity=True), id="Room: True for a capacity"),
    ],
)
def test_model_constructors_refuse_wrong_kinds(build: Callable[[], object]) -> None:
    with pytest.raises(inz.IntegrationsnetzError):
        build()


# -- every public name has a case ----------------------------------------------------------------

#: Public functions without a wrong kind to give.
EXEMPT = {
    "default_host": "takes no arguments",
    "hookimpl": "pluggy's marker for plugin functions",
    "is_valid_id": "a predicate: any value gives True or False",
}


def _case_ids(cases: list[Any]) -> set[str]:
    return {param.id.split(":")[0] for param in cases}


def test_every_public_function_of_the_facade_has_a_case() -> None:
    functions = {name for name in inz.__all__ if inspect.isfunction(getattr(inz, name))}
    covered = _case_ids(FUNCTIONS)
    assert functions - covered - set(EXEMPT) == set()
    options = {"ExportOptions", "CsvOptions", "IcsOptions", "ImportOptions", "StoreURL", "NetworkData"}
    assert options <= {name.split(".")[0] for name in covered}
    documents_functions = {f"documents.{name}" for name, value in vars(documents).items()
                           if inspect.isfunction(value) and value.__module__ == documents.__name__
                           and not name.startswith("_")}  # fmt: skip
    courses_functions = {f"courses.{name}" for name in courses.__all__ if inspect.isfunction(getattr(courses, name))}
    no_arguments = {"courses.official_catalogue", "courses.official_course_types"}
    assert (documents_functions | courses_functions) - covered - no_arguments == set()


def test_every_store_method_has_a_case() -> None:
    methods = {name for name, _ in inspect.getmembers(Store, inspect.isfunction) if not name.startswith("_")}
    assert methods - _case_ids(STORE_METHODS) - set(STORE_EXEMPT) == set()


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="needs a user the folder's mode binds")
def test_read_only_folders_are_named(tmp_path: Path) -> None:
    """A folder the user may not write: StoreError naming it, from every function that writes files."""
    locked = tmp_path / "gesperrt"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        for call in (
            lambda: inz.export(DATA, "ics", locked / "netz.ics"),
            lambda: documents.save(DATA, locked / "netz.json"),
            lambda: courses.report(DATA, charts=False).write(locked / "bericht"),
        ):
            refused(call, inz.StoreError, ("gesperrt",))
    finally:
        locked.chmod(0o700)
