"""The reference backend of ``reference_store.py`` passes the store suite (with a planted bug it must not).

``INTEGRATIONSNETZ_MUTANT=<name>`` plants one of ``reference_store.MUTANTS`` in every store the
suite opens; ``test_mutants.py`` runs this module once per mutant.
"""

from __future__ import annotations

import importlib.util
import itertools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import Phase, settings

from integrationsnetz.plugins import PluginHost
from integrationsnetz.testing.store_conformance import StoreConformance

MUTANT_ENV = "INTEGRATIONSNETZ_MUTANT"


def load_reference_store() -> ModuleType:
    """The backend module, loaded from its file (tests/ is not a package)."""
    name = "integrationsnetz_reference_store"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("reference_store.py"))
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


class TestReferenceStore(StoreConformance):
    """``ref:`` files in a temporary directory, with the mutant the environment names."""

    if os.environ.get(MUTANT_ENV):  # a failure is all a mutant run needs: skip shrinking it
        hypothesis_settings = settings(StoreConformance.hypothesis_settings, phases=[Phase.explicit, Phase.generate])

    @pytest.fixture
    def plugin_host(self) -> PluginHost:
        return PluginHost(entry_points=False, plugins=[load_reference_store()])

    @pytest.fixture
    def new_store_url(self, tmp_path: Path) -> Callable[[], str]:
        counter = itertools.count()
        mutant = os.environ.get(MUTANT_ENV, "")
        query = f"?mutant={mutant}" if mutant else ""
        return lambda: f"ref://{tmp_path}/netz-{next(counter)}.json{query}"
