"""Every module imports on its own, and ``import integrationsnetz`` stays light.

An import cycle can hide for as long as some other module happens to be imported first; here
each module is imported first, in a child process, with the package's modules forgotten in between.
"""

import subprocess
import sys

import pytest

SCRIPT = r"""
import importlib, pkgutil, sys
import integrationsnetz
names = sorted(info.name for info in pkgutil.walk_packages(integrationsnetz.__path__, "integrationsnetz."))
failures = []
for name in names:
    for loaded in [m for m in sys.modules if m == "integrationsnetz" or m.startswith("integrationsnetz.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception as exc:
        failures.append(f"{name}: {type(exc).__name__}: {exc}")
print("\n".join(failures))
"""


def test_every_module_imports_first() -> None:
    """No module depends on another having been imported before it."""
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_import_leaves_the_courses_package_and_toml_unloaded() -> None:
    """The integrity check, documents and exports load these when they are first used."""
    code = (
        "import sys, integrationsnetz; print(sorted(m for m in sys.modules"
        " if m.startswith('integrationsnetz.courses') or m in ('tomllib', 'tomli_w')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_package_exports_load_on_first_use() -> None:
    """``import integrationsnetz`` loads only the default-host slot; each name loads its own on first use."""
    code = (
        "import sys, integrationsnetz as inz\n"
        "before = sorted(m for m in sys.modules if m.startswith('integrationsnetz.'))\n"
        "from integrationsnetz import hookimpl\n"
        "plugin = 'integrationsnetz.model' in sys.modules\n"
        "from integrationsnetz.exporters import ics\n"
        "print(','.join(before), plugin, callable(inz.export), inz.export.__module__, type(inz.documents).__name__)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    slot = "integrationsnetz.contract,integrationsnetz.contract.host,integrationsnetz.contract.registries"
    assert result.stdout.split() == [slot, "False", "True", "integrationsnetz.exporters", "module"]


def test_the_old_export_subpackage_warns_and_is_the_new_one() -> None:
    """``integrationsnetz.export.*`` (renamed ``exporters``) still imports for one release, with a warning."""
    code = (
        "import warnings; warnings.simplefilter('error')\n"
        "import integrationsnetz as inz\n"
        "try:\n"
        "    from integrationsnetz.export import ExportOptions\n"
        "except DeprecationWarning as warning:\n"
        "    print('warned:', 'integrationsnetz.exporters' in str(warning))\n"
        "warnings.simplefilter('ignore')\n"
        "from integrationsnetz.export import ExportOptions\n"
        "from integrationsnetz.export.ics import uid_for\n"
        "import integrationsnetz.exporters as new, integrationsnetz.exporters.ics as new_ics\n"
        "print(ExportOptions is new.ExportOptions, uid_for is new_ics.uid_for, callable(inz.export))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["warned:", "True", "True", "True", "True"]


def test_every_exported_name_is_the_object_its_module_defines() -> None:
    """The lazy look-up finds each name in its defining module, not a same-named stranger."""
    import types

    import integrationsnetz

    assert set(integrationsnetz.__all__) <= set(dir(integrationsnetz))
    for name in integrationsnetz.__all__:
        value = getattr(integrationsnetz, name)
        if isinstance(value, types.ModuleType):
            assert value.__name__ == f"integrationsnetz.{name}"
        elif hasattr(value, "__qualname__"):  # classes and functions know where they were defined
            assert getattr(sys.modules[value.__module__], value.__qualname__) is value, name
        assert getattr(integrationsnetz, name) is value  # cached after the first use


def test_modules_split_into_parts_still_give_every_name_they_gave() -> None:
    """``integrationsnetz.serialization`` and ``integrationsnetz.schedule.planner`` were single modules;
    their public names stay where users import them from, each the object its part defines."""
    import importlib

    promised = {
        "integrationsnetz.serialization": [
            "SCHEMA_VERSION", "Codec", "Expected", "configure_converter", "format_datetime", "make_codec",
            "make_converter", "paused_gc", "parse_datetime", "problems_of",
        ],
        "integrationsnetz.schedule.planner": ["FIXED_STATUSES", "Adjustment", "Outcome", "Plan", "PlanRequest", "plan"],
    }  # fmt: skip
    for module_name, names in promised.items():
        module = importlib.import_module(module_name)
        assert sorted(module.__all__) == sorted(names), module_name
        for name in names:
            value = getattr(module, name)
            if hasattr(value, "__qualname__"):
                assert getattr(sys.modules[value.__module__], value.__qualname__) is value, name


def test_the_typing_block_names_what_the_package_serves() -> None:
    """The names type checkers see (the ``TYPE_CHECKING`` block) are the names the package serves at run time."""
    import ast
    import importlib
    from pathlib import Path

    import integrationsnetz

    tree = ast.parse(Path(integrationsnetz.__file__).read_text(encoding="utf-8"))
    block = next(node for node in tree.body if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING")
    typed: set[str] = set()
    for node in block.body:
        assert isinstance(node, ast.ImportFrom), ast.unparse(node)
        for alias in node.names:
            if alias.name == "*":
                typed |= set(importlib.import_module(str(node.module)).__all__)
            else:
                assert alias.asname == alias.name, f"{alias.name} is imported without re-export"
                typed.add(alias.name)
    assert typed == set(integrationsnetz.__all__)


@pytest.mark.parametrize(
    ("old", "new", "name"),
    [
        ("integrationsnetz.schedule.constraints", "integrationsnetz.contract.constraints", "Constraint"),
        ("integrationsnetz.schedule.calendars", "integrationsnetz.contract.holidays", "HolidayCalendar"),
        ("integrationsnetz.schedule.context", "integrationsnetz.contract.plan_context", "PlanContext"),
        ("integrationsnetz.schedule.bounds", "integrationsnetz.contract.bounds", "FIRST_YEAR"),
        ("integrationsnetz.schedule.series", "integrationsnetz.contract.series", "Series"),
    ],
)
def test_a_moved_module_path_warns_at_the_importer_and_serves_the_same_names(old: str, new: str, name: str) -> None:
    code = (
        "import warnings, importlib\n"
        "with warnings.catch_warnings(record=True) as caught:\n"
        "    warnings.simplefilter('always')\n"
        f"    from {old} import {name} as value\n"
        f"print(value is getattr(importlib.import_module({new!r}), {name!r}))\n"
        "print([(w.category.__name__, w.filename) for w in caught if 'moved' in str(w.message)])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines() == ["True", "[('DeprecationWarning', '<string>')]"]
