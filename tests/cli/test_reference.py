"""``docs/reference/command-line.md`` is written from the command definitions and kept in step."""

from __future__ import annotations

import os
from pathlib import Path

from integrationsnetz.cli import main
from integrationsnetz.cli.reference import render

PAGE = Path(__file__).resolve().parents[2] / "docs" / "reference" / "command-line.md"


def test_the_reference_page_shows_the_current_commands() -> None:
    current = render()
    if os.environ.get("INTEGRATIONSNETZ_WRITE_REFERENCE") == "1":
        PAGE.write_text(current, encoding="utf-8")
    assert PAGE.read_text(encoding="utf-8") == current, (
        "docs/reference/command-line.md is stale: run "
        "INTEGRATIONSNETZ_WRITE_REFERENCE=1 .venv/bin/python -m pytest tests/cli/test_reference.py"
    )


def test_every_command_has_its_section() -> None:
    text = render()
    for name in main.commands:
        assert f"### integrationsnetz {name}\n" in text
    assert "_INTEGRATIONSNETZ_COMPLETE=bash_source integrationsnetz" in text


def test_the_english_rendering_differs_only_in_the_help() -> None:
    assert "Only show, save nothing." in render("en")
    assert "Nur zeigen, nichts speichern." in render("de")
