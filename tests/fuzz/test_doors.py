"""The fuzz profile: every door that reads a file, fed mutated real files.

Each input is either accepted or refused with the library's own error, within a time limit; an
accepted document is saved (as a draft where its references are broken) and read back equal, and
a refused one leaves every file as it was. ``./dev test``
runs each target at 300 examples; ``./dev fuzz`` at 20,000 each (the ``fuzz`` profile).
"""

from __future__ import annotations

import io
import json
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import orjson
import tomli_w
import wartburgkreis
from hypothesis import assume, given
from hypothesis import strategies as st

import integrationsnetz as inz
from integrationsnetz import documents
from integrationsnetz.courses.course_list import read_course_list, sample_course_list
from integrationsnetz.ingest import ImportOptions
from integrationsnetz.schedule.config import load_plan_config
from integrationsnetz.testing.fuzzing import accepted_or_refused, fuzz_settings, mutated_bytes, mutated_tree
from integrationsnetz.testing.samples import sample_network

ROOT = Path(__file__).parents[2]
FIXTURES = ROOT / "tests" / "exporters" / "fixtures"
NETWORK = wartburgkreis.build()  # the course list's providers
SAMPLE = sample_network()  # small (31 entities), with the tricky values: zones, folds, escapes, a sentinel
DOCUMENT = orjson.loads(documents.dumps(SAMPLE, "json"))
PLANNING_FILE = (ROOT / "examples" / "wartburgkreis.toml").read_bytes()
PLANNING = tomllib.loads(PLANNING_FILE.decode("utf-8"))
ACTOR_CSV = (FIXTURES / "akteure_landratsamt.csv").read_bytes()
COURSE_CSV = sample_course_list()
CALENDARS = [path.read_bytes() for path in sorted(FIXTURES.glob("*.ics"))]


def _toml(tree: Any) -> bytes:
    try:
        return tomli_w.dumps(tree).encode("utf-8")
    except (TypeError, ValueError):  # None or a non-string key: not TOML at all
        assume(False)
        raise


def _load_then_save_and_reload(payload: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"netzwerk.{suffix}"
        path.write_bytes(payload)
        loaded = accepted_or_refused(lambda: documents.load(path))
        if isinstance(loaded, inz.IntegrationsnetzError):
            assert path.read_bytes() == payload  # a refused document is left as it was
            return
        for other in ("json", "toml"):
            copy = Path(folder) / f"copy.{other}"
            checked = accepted_or_refused(lambda copy=copy: documents.save(loaded, copy))  # references checked
            if isinstance(checked, inz.IntegrationsnetzError):
                assert not copy.exists()  # refused: nothing written
                documents.save(loaded, copy, draft=True)  # what loaded can always be saved as a draft
            assert documents.load(copy) == loaded


@fuzz_settings()
@given(tree=mutated_tree(DOCUMENT), suffix=st.sampled_from(["json", "toml"]))
def test_structurally_mutated_documents(tree: Any, suffix: str) -> None:
    payload = json.dumps(tree).encode("utf-8") if suffix == "json" else _toml(tree)
    _load_then_save_and_reload(payload, suffix)


@fuzz_settings()
@given(choice=st.data(), suffix=st.sampled_from(["json", "toml"]))
def test_byte_mutated_documents(choice: st.DataObject, suffix: str) -> None:
    original = documents.dumps(SAMPLE, suffix)  # type: ignore[arg-type]
    _load_then_save_and_reload(choice.draw(mutated_bytes(original)), suffix)


@fuzz_settings()
@given(tree=mutated_tree(PLANNING), raw=st.booleans(), choice=st.data())
def test_mutated_planning_files(tree: Any, raw: bool, choice: st.DataObject) -> None:
    payload = choice.draw(mutated_bytes(PLANNING_FILE)) if raw else _toml(tree)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.toml"
        path.write_bytes(payload)
        accepted_or_refused(lambda: load_plan_config(path))


@fuzz_settings()
@given(choice=st.data())
def test_mutated_actor_lists(choice: st.DataObject) -> None:
    payload = choice.draw(mutated_bytes(ACTOR_CSV))
    options = ImportOptions(network_id="netz-wak", source="akteure.csv")
    accepted_or_refused(lambda: inz.import_from(io.BytesIO(payload), "csv", options=options))


@fuzz_settings()
@given(choice=st.data())
def test_mutated_course_lists(choice: st.DataObject) -> None:
    payload = choice.draw(mutated_bytes(COURSE_CSV))
    accepted_or_refused(lambda: read_course_list(payload, NETWORK, name="kurse.csv", new_providers=True))


@fuzz_settings()
@given(original=st.sampled_from(CALENDARS), choice=st.data())
def test_mutated_calendars(original: bytes, choice: st.DataObject) -> None:
    payload = choice.draw(mutated_bytes(original, max_mutations=3))
    options = ImportOptions(network_id="netz-wak", source="kalender.ics")
    accepted_or_refused(lambda: inz.import_from(io.BytesIO(payload), "ics", options=options))
