"""The test support a plugin author imports says which extra to install when a test tool is missing."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_the_testing_extra_brings_pytest_and_hypothesis() -> None:
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert {requirement.split(">")[0] for requirement in extras["testing"]} == {"pytest", "hypothesis"}


@pytest.mark.parametrize(
    ("module", "hidden"),
    [
        ("integrationsnetz.testing.strategies", "hypothesis"),
        ("integrationsnetz.testing.fuzzing", "hypothesis"),
        ("integrationsnetz.testing.export_conformance", "pytest"),
    ],
)
def test_a_missing_test_tool_names_the_extra(module: str, hidden: str) -> None:
    """Without the tool (as in a wheel installed without extras) the import names the pip command."""
    hide = f"import sys; sys.modules[{hidden!r}] = None; import {module}"  # None in sys.modules: not installed
    result = subprocess.run([sys.executable, "-c", hide], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("ImportError: ")
    assert f"{module} needs {hidden}" in last
    assert "pip install 'integrationsnetz[testing]'" in last


def test_plan_requests_names_the_extra_too() -> None:
    hide = (
        "import sys; sys.modules['hypothesis'] = None\n"
        "from integrationsnetz.testing.schedule import plan_requests, working_group\n"  # loads without it
        "plan_requests()"
    )
    result = subprocess.run([sys.executable, "-c", hide], capture_output=True, text=True, check=False)
    assert "pip install 'integrationsnetz[testing]'" in result.stderr.strip().splitlines()[-1]
