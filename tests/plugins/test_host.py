"""The plugin host: built-ins and installed plugins through one door, and every way loading fails."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable
from types import ModuleType

import pytest

from integrationsnetz import PluginError, StoreError
from integrationsnetz.plugins import DEFAULT_PLUGINS, PluginHost

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
    """No "last one wins": the error names both plugins and how to block one."""
    first = install("one", STORE_PLUGIN.format(scheme="shared"))
    second = install("two", STORE_PLUGIN.format(scheme="shared"))
    host = PluginHost(environ=only(first, second))
    with pytest.raises(PluginError) as caught:
        host.store_backends()
    message = str(caught.value)
    assert "'shared'" in message
    assert first in message
    assert second in message
    assert "INTEGRATIONSNETZ_DISABLE_PLUGINS" in message


def test_a_plugin_may_not_take_a_builtin_scheme(install: Callable[..., str]) -> None:
    """Claiming ``sqlite`` collides with the built-in, and the error says so."""
    name = install("rogue", STORE_PLUGIN.format(scheme="sqlite"))
    with pytest.raises(PluginError, match=r"integrationsnetz\.store\.sqlite"):
        PluginHost(environ=only(name)).store_backends()


def test_a_plugin_that_fails_to_import_names_plugin_and_distribution(install: Callable[..., str]) -> None:
    """The error says which plugin, from which distribution, why, and how to block it."""
    broken = install("broken", "import integrationsnetz_missing_driver\n", version="2.0.1")
    working = install("working", STORE_PLUGIN.format(scheme="works"))
    with pytest.raises(PluginError) as caught:
        PluginHost(environ=only(broken, working))
    message = str(caught.value)
    assert "'integrationsnetz-broken'" in message
    assert "integrationsnetz-broken 2.0.1" in message
    assert "integrationsnetz_missing_driver" in message
    assert "INTEGRATIONSNETZ_DISABLE_PLUGINS=integrationsnetz-broken" in message
    host = PluginHost(environ={**only(broken, working), "INTEGRATIONSNETZ_DISABLE_PLUGINS": broken})
    assert "works" in host.store_backends()
    assert broken not in {plugin.name for plugin in host.plugins()}


def test_a_misspelt_hook_implementation_fails_loudly(install: Callable[..., str]) -> None:
    """``register_store_backend`` (no s) matches no hook: check_pending turns it into a PluginError."""
    name = install(
        "typo",
        """
        from integrationsnetz import hookimpl

        @hookimpl
        def register_store_backend():
            return []
        """,
    )
    with pytest.raises(PluginError, match=r"integrationsnetz-typo.*matches no hook"):
        PluginHost(environ=only(name))


def test_a_misspelt_hook_in_a_passed_module_fails_too() -> None:
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
    with pytest.raises(PluginError, match="district_plugin"):
        PluginHost(entry_points=False, plugins=[module])


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
    """pluggy would silently skip the second; the host refuses and names both distributions."""
    install("first", STORE_PLUGIN.format(scheme="first"), entry_point="integrationsnetz-same")
    install("second", STORE_PLUGIN.format(scheme="second"), entry_point="integrationsnetz-same")
    with pytest.raises(PluginError, match=r"integrationsnetz-first.*integrationsnetz-second|second.*first"):
        PluginHost(environ=only("integrationsnetz-same"))


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
