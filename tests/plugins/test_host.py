"""The plugin host: built-ins and installed plugins through one door, and every way loading fails."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import warnings
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

import integrationsnetz as inz
from integrationsnetz import PluginError, StoreError
from integrationsnetz.plugins import DEFAULT_PLUGINS, PluginHost, PluginWarning

STORE_PLUGIN = """
    from integrationsnetz import hookimpl
    from integrationsnetz.store import StoreBackend
    from integrationsnetz.store.memory import open_memory_store

    @hookimpl
    def register_store_backends():
        return [StoreBackend(scheme="{scheme}", open=open_memory_store, description="a test backend")]
"""


def only(*names: str) -> dict[str, str]:
    """An environment that allows just the named installed plugins."""
    return {"INTEGRATIONSNETZ_PLUGINS": ",".join(names)}


def test_builtins_come_through_default_plugins() -> None:
    """The built-in backends are ordinary plugins named in DEFAULT_PLUGINS."""
    host = PluginHost(entry_points=False)
    assert {"memory", "files", "sqlite"} <= set(host.store_backends())
    for scheme in ("memory", "files", "sqlite"):
        owner = host.owner_of("register_store_backends", scheme)
        assert owner == f"integrationsnetz.store.{scheme}"
        assert owner in DEFAULT_PLUGINS


def test_installed_plugin_is_found_by_its_entry_point(install: Callable[..., str]) -> None:
    """A distribution with an ``integrationsnetz`` entry point is loaded with no registration code."""
    name = install("demo", STORE_PLUGIN.format(scheme="demo"), version="0.3.1")
    host = PluginHost(environ=only(name))
    assert "demo" in host.store_backends()
    with host.open_store("demo:") as store:
        assert store.url.scheme == "demo"
    info = {plugin.name: plugin for plugin in host.plugins()}[name]
    assert (info.distribution, info.version) == ("integrationsnetz-demo", "0.3.1")
    assert info.provides == ("store:demo",)
    assert info.hooks == ("register_store_backends",)


def test_plugins_lists_builtins_with_version_and_what_they_provide() -> None:
    """``host.plugins()`` names each plugin, its distribution and version, and its registrations."""
    host = PluginHost(entry_points=False)
    listed = {plugin.name: plugin for plugin in host.plugins()}
    sqlite = listed["integrationsnetz.store.sqlite"]
    assert sqlite.distribution == "integrationsnetz"
    assert sqlite.version
    assert sqlite.provides == ("store:sqlite",)
    assert set(DEFAULT_PLUGINS) <= set(listed)


def test_two_plugins_claiming_one_scheme_is_an_error_naming_both(install: Callable[..., str]) -> None:
    """No "last one wins": using the scheme names both plugins and how to block one; the rest works."""
    first = install("one", STORE_PLUGIN.format(scheme="shared"))
    second = install("two", STORE_PLUGIN.format(scheme="shared"))
    host = PluginHost(environ=only(first, second))
    with pytest.raises(PluginError) as caught:
        host.open_store("shared:")
    message = str(caught.value)
    assert "'shared'" in message
    assert first in message
    assert second in message
    assert "INTEGRATIONSNETZ_DISABLE_PLUGINS" in message
    assert "shared" not in set(host.store_backends())
    assert {"memory", "files", "sqlite"} <= set(host.store_backends())


def test_a_plugin_may_not_take_a_builtin_scheme(install: Callable[..., str], tmp_path: Path) -> None:
    """Claiming ``sqlite`` collides with the built-in: using it says so; the other schemes work."""
    name = install("rogue", STORE_PLUGIN.format(scheme="sqlite"))
    host = PluginHost(environ=only(name))
    with pytest.raises(PluginError, match=r"integrationsnetz\.store\.sqlite"):
        host.open_store(f"sqlite:///{tmp_path}/netz.db")
    with host.open_store(f"files:///{tmp_path}/ablage") as store:
        assert store.url.scheme == "files"


def test_a_plugin_that_fails_to_import_is_skipped_and_named(install: Callable[..., str], tmp_path: Path) -> None:
    """The warning and plugins() say which plugin, from which distribution, why, and how to block it."""
    broken = install("broken", "import integrationsnetz_missing_driver\n", version="2.0.1")
    working = install("working", STORE_PLUGIN.format(scheme="works"))
    with pytest.warns(PluginWarning) as warned:
        host = PluginHost(environ=only(broken, working))
    message = str(warned[0].message)
    assert "'integrationsnetz-broken'" in message
    assert "integrationsnetz-broken 2.0.1" in message
    assert "integrationsnetz_missing_driver" in message
    assert "INTEGRATIONSNETZ_DISABLE_PLUGINS=integrationsnetz-broken" in message
    # Everything else works: the built-in SQLite store and the other plugin.
    with host.open_store(f"sqlite:///{tmp_path}/netz.db") as store:
        store.put(inz.Network(id="n", name="N", region=inz.Region(name="W", state=inz.State.TH, ags="16")))
        assert store.get(inz.Network, "n").revision == 1
    assert "works" in host.store_backends()
    listed = {plugin.name: plugin for plugin in host.plugins()}
    assert listed[broken].error is not None
    assert "integrationsnetz_missing_driver" in listed[broken].error
    assert (listed[broken].distribution, listed[broken].version) == ("integrationsnetz-broken", "2.0.1")
    assert listed[working].error is None
    # What the broken plugin might have provided: a PluginError that names it.
    with pytest.raises(PluginError, match=r"integrationsnetz-broken.*failed to import"):
        host.open_store("brokendb:///x")
    blocked = PluginHost(environ={**only(broken, working), "INTEGRATIONSNETZ_DISABLE_PLUGINS": broken})
    assert broken not in {plugin.name for plugin in blocked.plugins()}


def test_strict_mode_fails_at_once(install: Callable[..., str]) -> None:
    """For plugin authors and CI: INTEGRATIONSNETZ_STRICT_PLUGINS=1 (or strict=True) raises instead."""
    broken = install("broken", "import integrationsnetz_missing_driver\n")
    with pytest.raises(PluginError, match="integrationsnetz_missing_driver"):
        PluginHost(environ={**only(broken), "INTEGRATIONSNETZ_STRICT_PLUGINS": "1"})
    with pytest.raises(PluginError, match="integrationsnetz_missing_driver"):
        PluginHost(environ=only(broken), strict=True)


def test_a_misspelt_hook_implementation_is_named_with_a_suggestion(install: Callable[..., str]) -> None:
    """``register_store_backend`` (no s) matches no hook: the plugin is skipped, and the hint names the right one."""
    name = install(
        "typo",
        """
        from integrationsnetz import hookimpl

        @hookimpl
        def register_store_backend():
            return []
        """,
    )
    hint = r"integrationsnetz-typo.*matches no hook.*did you mean 'register_store_backends'"
    with pytest.warns(PluginWarning, match=hint):
        host = PluginHost(environ=only(name))
    (info,) = [plugin for plugin in host.plugins() if plugin.name == name]
    assert info.error is not None
    assert "sqlite" in host.store_backends()


def test_a_misspelt_hook_in_a_passed_module_is_named_too() -> None:
    """Plugins passed in by a script are checked the same way."""
    module = ModuleType("district_plugin")
    exec(
        textwrap.dedent(
            """
            from integrationsnetz import hookimpl

            @hookimpl
            def configure_convertor(converter):
                pass
            """
        ),
        module.__dict__,
    )
    with pytest.warns(PluginWarning, match="district_plugin.*configure_converter"):
        PluginHost(entry_points=False, plugins=[module])
    with pytest.raises(PluginError, match="district_plugin"):
        PluginHost(entry_points=False, plugins=[module], strict=True)


def test_a_wrong_argument_name_is_named() -> None:
    """pluggy refuses an implementation whose arguments the hook does not have: the plugin is skipped."""
    module = _module(
        "wrong_argument",
        """
        from integrationsnetz import hookimpl

        @hookimpl
        def configure_converter(convertor):
            pass
        """,
    )
    with pytest.warns(PluginWarning, match=r"wrong_argument.*convertor"):
        host = PluginHost(entry_points=False, plugins=[module])
    assert {plugin.name: plugin for plugin in host.plugins()}["wrong_argument"].error


def test_a_forgotten_hookimpl_gets_a_warning() -> None:
    """pluggy ignores a function without the marker; the host says so instead of staying silent."""
    module = _module(
        "unmarked",
        """
        def register_exporters():
            return []
        """,
    )
    with pytest.warns(PluginWarning, match=r"unmarked.*register_exporters\(\) without @hookimpl"):
        PluginHost(entry_points=False, plugins=[module])
    with pytest.raises(PluginError, match=r"register_exporters\(\) without @hookimpl"):
        PluginHost(entry_points=False, plugins=[module], strict=True)


@pytest.mark.parametrize(
    ("descriptor", "expected"),
    [
        ('StoreBackend(scheme="DBM", open=lambda url, host: None, description="d")', "scheme must be lowercase"),
        ('StoreBackend(scheme="dbm", open=lambda url: None, description="d")', "open must take 2 positional"),
        ('StoreBackend(scheme="a b", open=lambda url, host: None, description="d")', "got 'a b'"),
    ],
)
def test_descriptors_are_checked_when_registered(descriptor: str, expected: str) -> None:
    """A scheme that no URL can reach, or an ``open`` of the wrong arity, is named at registration."""
    module = _module(
        "bad_descriptor",
        f"""
        from integrationsnetz import hookimpl
        from integrationsnetz.store import StoreBackend

        @hookimpl
        def register_store_backends():
            return [{descriptor}]
        """,
    )
    with pytest.warns(PluginWarning, match=expected):  # when the host loads the plugin, not later
        host = PluginHost(entry_points=False, plugins=[module])
    assert set(host.store_backends()) == {"memory", "files", "sqlite"}
    with pytest.raises(PluginError, match=expected):  # strict mode: at once
        PluginHost(entry_points=False, plugins=[module], strict=True)
    assert expected in str({plugin.name: plugin for plugin in host.plugins()}["bad_descriptor"].error)


def test_errors_inside_a_plugin_are_named_with_the_original_as_cause(tmp_path: Path) -> None:
    """A plugin's own bug reaches the caller as a PluginError naming plugin and hook; library errors pass."""
    module = _module(
        "buggy_exporter",
        """
        from integrationsnetz import ExportError, hookimpl
        from integrationsnetz.exporters import Exporter

        def crash(request, stream):
            raise ZeroDivisionError("division by zero in the template")

        def refuse(request, stream):
            raise ExportError("this export needs a venue")

        @hookimpl
        def register_exporters():
            return [
                Exporter(format="crash", media_type="text/plain", suffix=".txt", description="d", write=crash),
                Exporter(format="refuse", media_type="text/plain", suffix=".txt", description="d", write=refuse),
            ]

        @hookimpl
        def configure_converter(converter):
            raise RuntimeError("converter set-up failed")
        """,
    )
    host = PluginHost(entry_points=False, plugins=[module])
    region = inz.Region(name="W", state=inz.State.TH, ags="16")
    data = inz.NetworkData(network=inz.Network(id="n", name="N", region=region))
    with pytest.raises(PluginError, match=r"plugin 'buggy_exporter' failed in register_exporters \(write\)") as caught:
        inz.export(data, "crash", tmp_path / "out.txt", host=host)
    assert isinstance(caught.value.__cause__, ZeroDivisionError)
    with pytest.raises(inz.ExportError, match="needs a venue"):
        inz.export(data, "refuse", tmp_path / "out.txt", host=host)
    with pytest.raises(PluginError, match=r"plugin 'buggy_exporter' failed in configure_converter"):
        _ = host.codec


def test_plugins_never_raises(install: Callable[..., str]) -> None:
    """The diagnostic call works however broken the plugins are."""
    names = [
        install("broken", "raise RuntimeError('at import')\n"),
        install("dup-a", STORE_PLUGIN.format(scheme="dup")),
        install("dup-b", STORE_PLUGIN.format(scheme="dup")),
        install("raises", "from integrationsnetz import hookimpl\n@hookimpl\ndef register_exporters():\n    1 / 0\n"),
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PluginWarning)
        host = PluginHost(environ=only(*names))
        listed = {plugin.name: plugin for plugin in host.plugins()}
    assert "at import" in str(listed["integrationsnetz-broken"].error)
    assert "ZeroDivisionError" in str(listed["integrationsnetz-raises"].error)
    assert listed["integrationsnetz-dup-a"].error is None
    assert "ics" in host.exporters()


def _module(name: str, code: str) -> ModuleType:
    module = ModuleType(name)
    exec(textwrap.dedent(code), module.__dict__)
    return module


def test_allow_list_loads_only_the_named_plugins(install: Callable[..., str]) -> None:
    """``INTEGRATIONSNETZ_PLUGINS`` names the installed plugins to load; empty means built-ins only."""
    wanted = install("wanted", STORE_PLUGIN.format(scheme="wanted"))
    install("unwanted", STORE_PLUGIN.format(scheme="unwanted"))
    schemes = set(PluginHost(environ=only(wanted)).store_backends())
    assert "wanted" in schemes
    assert "unwanted" not in schemes
    builtins_only = set(PluginHost(environ={"INTEGRATIONSNETZ_PLUGINS": ""}).store_backends())
    assert builtins_only == {"memory", "files", "sqlite"}


def test_blocking_a_builtin(install: Callable[..., str]) -> None:
    """Built-ins can be blocked by module name, e.g. to replace one with a plugin of the same scheme."""
    name = install("replacement", STORE_PLUGIN.format(scheme="sqlite"))
    host = PluginHost(environ={**only(name), "INTEGRATIONSNETZ_DISABLE_PLUGINS": "integrationsnetz.store.sqlite"})
    assert host.owner_of("register_store_backends", "sqlite") == name


def test_two_distributions_with_one_entry_point_name(install: Callable[..., str]) -> None:
    """pluggy would silently skip the second; the host loads neither and names both distributions."""
    install("first", STORE_PLUGIN.format(scheme="first"), entry_point="integrationsnetz-same")
    install("second", STORE_PLUGIN.format(scheme="second"), entry_point="integrationsnetz-same")
    with pytest.warns(PluginWarning, match=r"integrationsnetz-first.*integrationsnetz-second|second.*first"):
        host = PluginHost(environ=only("integrationsnetz-same"))
    assert not {"first", "second"} & set(host.store_backends())


def test_unknown_scheme_lists_the_known_ones() -> None:
    """Opening a URL nobody serves names the schemes there are and the plugins behind them."""
    host = PluginHost(entry_points=False)
    with pytest.raises(StoreError) as caught:
        host.open_store("mongodb://user:geheim@db.example/netz")
    message = str(caught.value)
    assert "geheim" not in message
    assert "sqlite" in message
    assert "integrationsnetz.store.sqlite" in message


def test_hosts_are_independent(install: Callable[..., str]) -> None:
    """No global state: a plugin passed to one host is not seen by another."""
    module = ModuleType("one_off")
    exec(textwrap.dedent(STORE_PLUGIN.format(scheme="oneoff")), module.__dict__)
    assert "oneoff" in PluginHost(entry_points=False, plugins=[module]).store_backends()
    assert "oneoff" not in PluginHost(entry_points=False).store_backends()


def test_importing_the_library_creates_no_host_and_loads_no_driver() -> None:
    """``import integrationsnetz`` (and making a host) leaves drivers and heavy libraries unloaded."""
    code = textwrap.dedent(
        """
        import sys
        import integrationsnetz
        from integrationsnetz import plugins
        heavy = ("icalendar", "holidays", "psycopg", "sqlite3", "matplotlib")
        assert plugins._default is None, "a host was made at import time"
        print(",".join(m for m in heavy if m in sys.modules))
        integrationsnetz.PluginHost(entry_points=False)
        print(",".join(m for m in ("psycopg", "sqlite3") if m in sys.modules))
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    at_import, with_host = result.stdout.splitlines()
    assert at_import == ""
    assert with_host == ""
