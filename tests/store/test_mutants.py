"""The store suite fails a backend that loses data: every bug planted in the reference backend is caught.

Each mutant of ``reference_store.MUTANTS`` gets one run of the whole default suite (slow tests
deselected, so a plugin author's everyday run is what is proven) in a fresh pytest process.
Run as a script for the table of which tests caught which bug::

    .venv/bin/python tests/store/test_mutants.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

HERE = Path(__file__).parent
SUITE = HERE / "test_reference_store.py"
sys.path.insert(0, str(HERE))  # tests/ is not a package: reach reference_store.py beside this file
from reference_store import MUTANTS  # noqa: E402


def failing_tests(mutant: str) -> list[str]:
    """The suite's tests that fail against the reference backend with ``mutant`` planted."""
    with tempfile.TemporaryDirectory() as directory:
        report = Path(directory) / "report.xml"
        subprocess.run(
            [sys.executable, "-m", "pytest", str(SUITE), "-q", "-p", "no:cacheprovider", "-m", "not slow",
             f"--junitxml={report}", f"--basetemp={directory}/tmp"],
            env={**os.environ, "INTEGRATIONSNETZ_MUTANT": mutant},
            capture_output=True,
            check=False,
            timeout=900,
        )  # fmt: skip
        cases = ElementTree.parse(report).getroot().iter("testcase")
        failed = ("failure", "error")
        return [case.attrib["name"] for case in cases if any(case.find(tag) is not None for tag in failed)]


def table(results: dict[str, list[str]]) -> str:
    """A Markdown table: each planted bug and the tests that caught it."""
    rows = ["| planted bug | caught by |", "|---|---|"]
    for mutant, failed in results.items():
        caught = ", ".join(f"`{name}`" for name in failed) or "**NOT CAUGHT**"
        rows.append(f"| {MUTANTS[mutant]} (`{mutant}`) | {caught} |")
    return "\n".join(rows)


@pytest.mark.slow
def test_the_suite_fails_every_planted_bug() -> None:
    """One pytest run of the suite per mutant; each must fail at least one test, and the control none."""
    assert failing_tests("") == [], "the reference backend without a planted bug must pass"
    results = {mutant: failing_tests(mutant) for mutant in MUTANTS}
    print(table(results))
    assert not [mutant for mutant, failed in results.items() if not failed], table(results)


if __name__ == "__main__":
    print(table({mutant: failing_tests(mutant) for mutant in MUTANTS}))
