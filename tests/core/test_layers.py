"""The house: every import points down a layer or stays in its own, and no imports go in a circle.

The layers are written down here and nowhere else. The graph is derived from the source: every
``import``, including those under ``TYPE_CHECKING`` and inside functions (a reader follows those
arrows too), the packages Python runs on the way to a module (``import a.b.c`` runs
``a/b/__init__.py``), and modules imported by name (``importlib.import_module("...")``).
``docs/explanation/architecture.md`` carries it as a Mermaid drawing that this test checks and,
with ``INTEGRATIONSNETZ_WRITE_ARCHITECTURE=1``, rewrites.
"""

from __future__ import annotations

import ast
import os
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "src"
ARCHITECTURE = ROOT / "docs" / "explanation" / "architecture.md"

#: Bottom to top: a module may import from its own layer and the layers below it.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "model",
        (
            "errors",
            "atomic",
            "model",
            "serialization",
            "migrations",
            "privacy",
            "guard",
            "moved",
        ),
    ),
    ("contract", ("contract", "hookspecs", "plugin_settings")),
    ("features", ("store", "exporters", "ingest", "schedule", "courses", "documents", "integrity", "mail")),
    ("host", ("plugins",)),
    ("facade", ("", "export")),  # "" is the package itself; export is the deprecated old name
    ("command line", ("cli", "__main__")),  # the installed command; a user of the facade, never of testing
    ("testing kit", ("testing",)),
)
PACKAGE = "integrationsnetz"


def _modules(root: Path, package: str) -> dict[str, Path]:
    found = {}
    for path in (root / package).rglob("*.py"):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imports(module: str, path: Path, known: dict[str, Path]) -> Iterator[str]:
    """The modules of ``known`` that ``module`` imports, wherever in the file the import is."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in known:
                    yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")[: len(module.split(".")) - node.level + is_package]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            for alias in node.names:
                full = f"{target}.{alias.name}"
                if full in known:
                    yield full  # from package import submodule
                elif target in known:
                    yield target
        elif isinstance(node, ast.Call) and _names_a_module(node.func) and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and first.value in known:
                yield str(first.value)  # importlib.import_module("integrationsnetz....")


def _names_a_module(function: ast.expr) -> bool:
    name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
    return name in ("import_module", "__import__")


def _with_parents(module: str, targets: set[str], known: dict[str, Path]) -> set[str]:
    """``targets`` and the packages Python runs to reach them, but not those ``module`` is already inside."""
    inside = {".".join(module.split(".")[:end]) for end in range(1, module.count(".") + 2)}
    found = set(targets)
    for target in targets:
        parts = target.split(".")
        found |= {".".join(parts[:end]) for end in range(1, len(parts))} - inside
    return {name for name in found if name in known}


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    """Module -> the modules of the same distribution it imports."""
    known = _modules(root, package)
    return {
        module: _with_parents(module, set(_imports(module, path, known)), known) - {module}
        for module, path in known.items()
    }


def room(module: str) -> str:
    """The room of a module: its first-level subpackage or module, ``""`` for the package itself."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def layer_of(module: str) -> int:
    for index, (_, rooms) in enumerate(LAYERS):
        if room(module) in rooms:
            return index
    raise AssertionError(f"{module} is in no layer: add its room {room(module)!r} to LAYERS in {__file__}")


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


#: Rooms nearly every other room imports: drawn, but without their arrows, which would hide the rest.
EVERYWHERE = ("errors", "model")


def mermaid(graph: dict[str, set[str]]) -> str:
    """The rooms by layer, top layer first, with one arrow per pair of rooms that import."""
    lines = ["```mermaid", "flowchart TB"]
    for number, (name, rooms) in reversed(list(enumerate(LAYERS))):
        present = sorted({room(module) for module in graph if layer_of(module) == number})
        lines.append(f'    subgraph L{number}["{name}"]')
        lines.extend(f'        {_node(item)}["{_label(item)}"]' for item in present if item in rooms)
        lines.append("    end")
    arrows = {
        (room(source), room(target))
        for source, targets in graph.items()
        for target in targets
        if room(source) != room(target) and room(target) not in EVERYWHERE
    }
    lines.extend(f"    {_node(source)} --> {_node(target)}" for source, target in sorted(arrows))
    lines.append("```")
    return "\n".join(lines)


def _node(item: str) -> str:
    return f"r_{item}" if item else "r_package"


def _label(item: str) -> str:
    return f"{PACKAGE}.{item}" if item else f"{PACKAGE} (facade)"


GRAPH = import_graph(SOURCE, PACKAGE)


def test_every_module_is_in_a_layer() -> None:
    for module in GRAPH:
        layer_of(module)


def test_no_import_points_up_a_layer() -> None:
    upward = [
        f"{source} ({LAYERS[layer_of(source)][0]}) imports {target} ({LAYERS[layer_of(target)][0]})"
        for source, targets in sorted(GRAPH.items())
        for target in sorted(targets)
        if layer_of(target) > layer_of(source)
    ]
    assert upward == []


def test_no_imports_go_in_a_circle() -> None:
    assert circles(GRAPH) == []


def test_the_plugins_shipped_here_have_no_circles() -> None:
    for project in sorted((ROOT / "plugins").glob("*/src")):
        for package in sorted(path.name for path in project.iterdir() if (path / "__init__.py").exists()):
            assert circles(import_graph(project, package)) == [], package


def test_the_circle_finder_finds_a_circle_under_type_checking(tmp_path: Path) -> None:
    """The check itself: two modules that import each other, one only for type checking, are a circle."""
    package = tmp_path / "house"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "access.py").write_text("from house.schema import Table\n")
    (package / "schema.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from house.access import Reader\n"
    )
    assert circles(import_graph(tmp_path, "house")) == [["house.access", "house.schema"]]


def test_the_architecture_page_draws_the_current_graph() -> None:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    start, end = "<!-- graph: written by tests/core/test_layers.py -->", "<!-- end of graph -->"
    assert start in text, f"{ARCHITECTURE} needs the marker {start}"
    assert end in text, f"{ARCHITECTURE} needs the marker {end}"
    before, rest = text.split(start, 1)
    _, after = rest.split(end, 1)
    current = f"{before}{start}\n{mermaid(GRAPH)}\n{end}{after}"
    if os.environ.get("INTEGRATIONSNETZ_WRITE_ARCHITECTURE") == "1":
        ARCHITECTURE.write_text(current, encoding="utf-8")
        return
    assert text == current, (
        "the drawing in docs/explanation/architecture.md is stale: run "
        "INTEGRATIONSNETZ_WRITE_ARCHITECTURE=1 .venv/bin/python -m pytest tests/core/test_layers.py"
    )


def test_no_rooms_import_each_other_in_a_circle() -> None:
    """A circle of rooms is a knot a reader cannot start from, even where the modules do not circle."""
    rooms: dict[str, set[str]] = defaultdict(set)
    for source, targets in GRAPH.items():
        rooms[room(source)] |= {room(target) for target in targets} - {room(source)}
    assert circles(rooms) == []


def test_the_architecture_page_lists_the_floors_of_the_test() -> None:
    """The floor table of the page names the floors and rooms of LAYERS, top floor first."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    table = text.split("## Layers", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1:3] for line in table.splitlines() if line.startswith("| ") and "---" not in line]
    listed = [(floor.strip(), tuple(re.findall(r"`([a-z_]+)`", rooms))) for floor, rooms in rows[1:]]
    expected = [(name, tuple(PACKAGE if item == "" else item for item in items)) for name, items in LAYERS]
    assert listed == list(reversed(expected))
