"""The hook reference stays in step with the hook specifications (datasette's docs test)."""

from __future__ import annotations

from pathlib import Path

import pytest

from integrationsnetz.plugins import PluginHost

HOOKS_MD = Path(__file__).resolve().parents[2] / "docs" / "reference" / "hooks.md"


def specifications() -> list[tuple[str, list[str]]]:
    """Every hook with its argument names, as pluggy sees them."""
    host = PluginHost(entry_points=False)
    found = []
    for name in sorted(dir(host.pm.hook)):
        if name.startswith("_"):
            continue
        caller = getattr(host.pm.hook, name)
        assert caller.spec is not None
        found.append((name, list(caller.spec.argnames)))
    return found


@pytest.mark.parametrize(("hook", "arguments"), specifications())
def test_every_hook_heads_a_section_of_the_reference(hook: str, arguments: list[str]) -> None:
    """``## name(arg, ...)``: the exact signature is a heading of docs/reference/hooks.md."""
    headings = [line for line in HOOKS_MD.read_text(encoding="utf-8").splitlines() if line.startswith("## ")]
    assert f"## {hook}({', '.join(arguments)})" in headings


def test_the_reference_documents_no_hook_that_does_not_exist() -> None:
    """A renamed hook must not linger in the docs (a heading with parentheses is a hook's)."""
    known = {f"## {name}({', '.join(args)})" for name, args in specifications()}
    lines = HOOKS_MD.read_text(encoding="utf-8").splitlines()
    headings = [line for line in lines if line.startswith("## ") and "(" in line]
    assert [heading for heading in headings if heading not in known] == []
