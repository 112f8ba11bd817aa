"""Every code block of the how-tos and the hook reference runs, so a wrong signature fails here.

A page's Python blocks run in order in one namespace, in a temporary folder that holds the
files the page assumes (``wartburgkreis.json`` ...). An HTML comment on the line before a block
says what else it is:

``<!-- fragment: reason -->``
    not run, on purpose, for the reason given (a shell command, SQL, an outline);
``<!-- module: name -->``
    a plugin module: written to ``name.py`` on the path, so later blocks import it;
``<!-- file: name -->``
    a file the next blocks read (a TOML configuration), written as ``name``.

A block that defines hook implementations is registered into a strict :class:`PluginHost` and
exercised: its exporters export, its importers import, its stores store and read back, its
calendars and constraints go through the shipped suites, and its converter hooks round-trip a
value. A block that defines tests (a conformance suite subclass) runs under pytest. TOML blocks
are parsed; every other block must be a fragment.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import io
import os
import re
import subprocess
import sys
import tempfile
import textwrap
import tomllib
import types
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import cattrs
import pytest

import integrationsnetz as inz
from integrationsnetz import hookspecs
from integrationsnetz.ingest import ImportOptions, ImportResult
from integrationsnetz.plugins import HOOK_NAMES, PluginHost
from integrationsnetz.testing.export_conformance import ExporterConformance
from integrationsnetz.testing.hook_conformance import (
    ConstraintConformance,
    ConverterConformance,
    HolidayCalendarConformance,
)
from integrationsnetz.testing.samples import sample_network

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PAGES = [*sorted((DOCS / "how-to").glob("*.md")), DOCS / "reference" / "hooks.md"]
FENCE = re.compile(r"^(`{3,})([\w+-]*)\s*$")
MARKER = re.compile(r"^<!--\s*(fragment|module|file):\s*(.*?)\s*-->$")
HOOK_MARK = f"{hookspecs.PROJECT_NAME}_impl"
#: Values for the types a documented ``configure_converter`` teaches the converter.
CONVERTER_EXAMPLES: dict[type, Any] = {Decimal: Decimal("12.50")}
#: A documented store suite runs these of its tests here; all of them run in the plugin's own tests.
STORE_SUITE_TESTS = "test_put_stamps_revision_created_and_modified or test_list_by_type_and_network"


@attrs.frozen
class Block:
    page: Path
    line: int
    language: str
    code: str
    marker: tuple[str, str] | None

    def __str__(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def blocks_of(page: Path) -> list[Block]:
    """The fenced blocks of a page, each with the marker comment on the line before it, if any."""
    found = []
    lines = page.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        fence, language = opening.groups()
        end = next(i for i in range(index + 1, len(lines)) if lines[i].strip() == fence)
        before = MARKER.match(lines[index - 1].strip()) if index > 0 else None
        marker = (before.group(1), before.group(2)) if before else None
        found.append(Block(page, index + 1, language, "\n".join(lines[index + 1 : end]) + "\n", marker))
        index = end + 1
    return found


def _page_id(page: Path) -> str:
    return str(page.relative_to(DOCS))


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_every_block_runs_or_is_a_fragment_with_a_reason(page: Path) -> None:
    """Python runs, TOML parses; anything else says why it is not run."""
    unchecked = [
        f"{block} ({block.language or 'no language'})"
        for block in blocks_of(page)
        if block.language not in ("python", "toml") and block.marker is None
    ]
    assert unchecked == [], "mark each with <!-- fragment: why it is not run --> or run it"
    for block in blocks_of(page):
        if block.marker is not None:
            kind, value = block.marker
            assert value, f"{block}: <!-- {kind}: ... --> needs a reason or a name"


# -- what each page assumes ---------------------------------------------------------------------


def _wartburgkreis(folder: Path) -> None:
    """The example network of the repository, saved as the documents the how-tos load."""
    sys.path.insert(0, str(ROOT / "examples"))
    try:
        import wartburgkreis
    finally:
        sys.path.remove(str(ROOT / "examples"))
    inz.documents.save(wartburgkreis.build(), folder / "wartburgkreis.json")


def _course_lists(folder: Path) -> None:
    from integrationsnetz.courses.course_list import sample_course_list

    _wartburgkreis(folder)
    (folder / "kursliste-vhs.csv").write_bytes(sample_course_list())
    (folder / "kursliste-neu.csv").write_bytes(sample_course_list())


def _shared_store(folder: Path) -> dict[str, Any]:
    """A store like the page's PostgreSQL one (SQLite here), holding the course the page updates."""
    from datetime import UTC, datetime

    _wartburgkreis(folder)
    data = inz.documents.load(folder / "wartburgkreis.json")
    store = inz.open_store(f"sqlite:///{folder}/netz.db")
    store.put_many([*data.entities(), attrs.evolve(data.courses[0], id="wak-ik-7", revision=0)])
    return {"store": store, "last_sync": datetime(2020, 1, 1, tzinfo=UTC)}


def _invitations_store(folder: Path) -> None:
    """``netz.db`` with the Wartburgkreis network, a plenary ``nt-2027-1`` inviting everyone, and some consents."""
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    _wartburgkreis(folder)
    data = inz.documents.load(folder / "wartburgkreis.json")
    consent = inz.Consent(purpose=inz.ConsentPurpose.INVITATIONS, given_on=date(2026, 1, 1))
    agreeing = {p.id: attrs.evolve(p, consents=(*p.consents, consent)) for p in data.persons[::2]}
    start = datetime(2027, 1, 18, 9, tzinfo=ZoneInfo("Europe/Berlin"))
    invited = tuple(inz.Invitation(actor_id=a.id) for a in (*data.organizations, *data.persons))
    plenary = inz.Meeting(network_id=data.network.id, id="nt-2027-1", kind=inz.MeetingKind.NETWORK,
                          title="Netzwerktreffen", start=start, end=start.replace(hour=13),
                          status=inz.MeetingStatus.CONFIRMED, organizer_id="lra-sozialplanung",
                          invitations=invited)  # fmt: skip
    with inz.open_store(f"sqlite:///{folder}/netz.db") as store:
        persons = tuple(agreeing.get(p.id, p) for p in data.persons)
        inz.save_network(store, attrs.evolve(data, persons=persons, meetings=(*data.meetings, plenary)))


def _sample(_folder: Path) -> dict[str, Any]:
    return {"data": sample_network()}


SETUP: dict[str, Callable[[Path], dict[str, Any] | None]] = {
    "einladung-tagesordnung-protokoll.md": _wartburgkreis,
    "einladungen-verschicken.md": _invitations_store,
    "distribution-lists.md": _wartburgkreis,
    "members-calendars.md": _wartburgkreis,
    "publish-calendars.md": _wartburgkreis,
    "publish-oparl.md": _wartburgkreis,
    "report-course-figures.md": _course_lists,
    "share-one-database.md": _shared_store,
    "write-an-exporter.md": _sample,
}


# -- running a page -----------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_the_code_of_the_page_runs(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delenv("INTEGRATIONSNETZ_DISABLE_PLUGINS", raising=False)
    namespace: dict[str, Any] = {"__name__": f"docs_{page.stem.replace('-', '_')}"}
    namespace.update(SETUP.get(page.name, lambda _: None)(tmp_path) or {})
    modules_before = set(sys.modules)
    ran = 0
    exercised: set[str] = set()
    try:
        for block in blocks_of(page):
            kind, value = block.marker or ("", "")
            if kind == "fragment":
                continue
            if kind == "file":
                (tmp_path / value).write_text(block.code, encoding="utf-8")
            if block.language == "toml":
                tomllib.loads(block.code)
                continue
            if block.language != "python":
                continue
            ran += 1
            if kind == "module":
                (tmp_path / f"{value}.py").write_text(block.code, encoding="utf-8")
                exercised |= exercise(block, vars(importlib.import_module(value)), tmp_path)
            elif re.search(r"^(class Test|def test_)", block.code, flags=re.MULTILINE):
                run_tests(block, tmp_path)
            else:
                exercised |= exercise(block, run_block(block, namespace), tmp_path)
    finally:
        opened = [value for value in namespace.values() if not isinstance(value, type)]  # not the Store class
        for store in [value for value in opened if hasattr(value, "close") and hasattr(value, "put")]:
            store.close()
        # forget only the modules the page wrote (a plugin module in tmp_path): the library's and
        # numpy's must stay, a second copy of them breaks the next page (classes differ, numpy refuses)
        for name in set(sys.modules) - modules_before:
            if str(getattr(sys.modules[name], "__file__", None) or "").startswith(str(tmp_path)):
                del sys.modules[name]
    assert ran, f"{page.name} has no Python block that runs"
    if page.name == "hooks.md":
        assert exercised == set(HOOK_NAMES), "the hook reference has an example for every hook, and it runs"


def run_block(block: Block, namespace: dict[str, Any]) -> dict[str, Any]:
    """Run ``block`` in ``namespace``; return what it defined or redefined."""
    before = dict(namespace)
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(block.code, str(block), "exec"), namespace)
    return {name: value for name, value in namespace.items() if before.get(name, object()) is not value}


def run_tests(block: Block, folder: Path) -> None:
    """A block of tests (a suite subclass) runs under pytest, with the page's modules on the path."""
    test_file = folder / f"test_block_{block.line}.py"
    test_file.write_text(block.code, encoding="utf-8")
    select = ["-k", STORE_SUITE_TESTS] if "StoreConformance" in block.code else []
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(folder), *sys.path])}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(folder), *select,
         str(test_file)],
        cwd=folder, env=env, capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr
    assert result.returncode == 0, f"{block}: its tests fail:\n{result.stdout[-3000:]}\n{result.stderr[-2000:]}"
    assert " passed" in summary, f"{block}: no test ran: {summary}"


# -- exercising the hooks a block defines --------------------------------------------------------


def exercise(block: Block, defined: dict[str, Any], folder: Path) -> set[str]:
    """Register the block's hook implementations in a strict host and use everything they provide.

    Returns the names of the hooks it exercised.
    """
    hooks = {name: value for name, value in defined.items() if callable(value) and hasattr(value, HOOK_MARK)}
    if not hooks:
        return set()
    plugin = types.ModuleType(f"docs_plugin_{block.line}")
    vars(plugin).update(hooks)
    host = PluginHost(entry_points=False, plugins=[plugin], strict=True)
    owned = {
        kind: [key for key in registry() if host.owner_of(hook, key) == plugin.__name__]
        for kind, hook, registry in (
            ("store", "register_store_backends", host.store_backends),
            ("export", "register_exporters", host.exporters),
            ("import", "register_importers", host.importers),
            ("calendar", "register_holiday_calendars", host.holiday_calendars),
            ("constraint", "register_schedule_constraints", host.schedule_constraints),
        )
    }
    assert any(owned.values()) or "configure_converter" in hooks, f"{block}: its hooks provide nothing"
    for scheme in owned["store"]:
        with host.open_store(f"{scheme}://{folder}/{scheme}-{block.line}.store") as store:
            network = sample_network().network
            store.put(attrs.evolve(network, revision=0))
            assert store.get(type(network), network.id).name == network.name
    for format in owned["export"]:
        run_suite(ExporterConformance, {"format": format, "plugins": (plugin,), "shows_personal_data": False},
                  host, folder)  # fmt: skip
    for format in owned["import"]:
        payload = inz.export(sample_network(), format, host=host) if format in host.exporters() else b""
        result = inz.import_from(io.BytesIO(payload), format, options=ImportOptions(network_id="netz"), host=host)
        assert isinstance(result, ImportResult)
    for code in owned["calendar"]:
        run_suite(HolidayCalendarConformance, {"code": code, "plugins": (plugin,)}, host, folder)
    for code in owned["constraint"]:
        run_suite(ConstraintConformance, {"code": code, "plugins": (plugin,)}, host, folder)
    if "configure_converter" in hooks:
        taught = _types_taught(hooks["configure_converter"])
        missing = [cls.__name__ for cls in taught if cls not in CONVERTER_EXAMPLES]
        assert taught, f"{block}: configure_converter registers no type"
        assert missing == [], f"{block}: add an example value for {missing} to CONVERTER_EXAMPLES"
        values = tuple(CONVERTER_EXAMPLES[cls] for cls in taught)
        run_suite(ConverterConformance, {"plugins": (plugin,), "values": values}, host, folder)
    return set(hooks)


def run_suite(suite: type, settings: dict[str, Any], host: PluginHost, folder: Path) -> None:
    """Every ``test_*`` of a shipped suite, with the arguments its fixtures would give."""
    instance = type(f"Docs{suite.__name__}", (suite,), settings)()
    for name, method in inspect.getmembers(instance, inspect.ismethod):
        if not name.startswith("test_"):
            continue
        empty = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=folder))  # the path test wants an empty folder
        arguments = {"host": host, "sample": sample_network(), "tmp_path": empty}
        wanted = {parameter: arguments[parameter] for parameter in inspect.signature(method).parameters}
        with contextlib.suppress(pytest.skip.Exception):
            method(**wanted)


def _types_taught(hook: Callable[..., None]) -> list[type]:
    """The types a ``configure_converter`` hook registers hooks for, in order."""
    seen: list[type] = []

    class Recording(cattrs.Converter):
        def register_structure_hook(self, cls: Any, func: Any = None) -> Any:
            seen.append(cls)
            return super().register_structure_hook(cls, func)

    hook(Recording())
    return list(dict.fromkeys(seen))


def test_the_block_reader_finds_markers_and_longer_fences(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        textwrap.dedent(
            """\
            <!-- fragment: a shell command -->
            ```console
            ./dev test
            ```

            ````markdown
            ```python
            inside
            ```
            ````
            """
        ),
        encoding="utf-8",
    )
    found = blocks_of(page)
    assert [(b.language, b.marker, b.line) for b in found] == [
        ("console", ("fragment", "a shell command"), 2), ("markdown", None, 6),
    ]  # fmt: skip
    assert "inside" in found[1].code
