"""The house rule that keeps modules readable: one concept a module, under 600 lines.

A module that grows past it holds more than one concept; split it by concept (see
docs/explanation/architecture.md, "Where new code goes") rather than raise the limit.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 600


def test_every_module_of_the_library_and_its_plugins_stays_under_600_lines() -> None:
    sources = [*ROOT.joinpath("src").rglob("*.py"), *ROOT.joinpath("plugins").glob("*/src/**/*.py")]
    assert len(sources) > 100, "the sources were not found"
    too_long = {
        str(path.relative_to(ROOT)): count
        for path in sources
        if (count := len(path.read_text(encoding="utf-8").splitlines())) >= LIMIT
    }
    assert too_long == {}
