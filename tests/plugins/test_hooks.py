"""One test per hook: a one-off plugin implements it and the host serves what it returns.

The descriptors (``Exporter``, ``Importer`` ...) belong to other parts of the library and may
grow fields; :func:`descriptor` fills the required ones generically so these tests check the
hook machinery, not the descriptor's shape.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from typing import Any

import attrs
import pytest

from integrationsnetz import PluginError, hookimpl, hookspecs
from integrationsnetz.contract.constraints import Constraint
from integrationsnetz.contract.holidays import HolidayCalendar
from integrationsnetz.exporters import Exporter
from integrationsnetz.ingest import Importer
from integrationsnetz.plugins import PluginHost
from integrationsnetz.store import StoreBackend, StoreURL
from integrationsnetz.store.memory import MemoryStore


def descriptor(cls: type[Any], key_field: str, key: str) -> Any:
    """An instance of ``cls`` with ``key`` as its registry key and harmless required fields."""
    values: dict[str, Any] = {}
    for field in attrs.fields(cls):
        if field.name == key_field:
            values[field.name] = key
        elif field.default is not attrs.NOTHING:
            continue
        elif field.type in (str, "str"):
            values[field.name] = f"test {field.name}"
        else:
            values[field.name] = lambda *args, **kwargs: None
    return cls(**values)


def registry_hook_test(hook: str, cls: type[Any], key_field: str, facade: str, kind: str) -> None:
    """A plugin returning one descriptor: it appears under its key, owned by the plugin, listed by plugins()."""
    key = f"test-{kind}"
    made = descriptor(cls, key_field, key)

    class OneOff:
        pass

    setattr(OneOff, hook, staticmethod(hookimpl(lambda: [made])))
    OneOff.__name__ = f"one_off_{kind}"
    host = PluginHost(entry_points=False, plugins=[OneOff])
    registered = getattr(host, facade)()[key]
    call = CALLABLE_FIELDS[hook]  # guarded, so a plugin's own errors are named (test_host.py)
    assert getattr(registered, call).__wrapped__ is getattr(made, call)
    assert attrs.evolve(registered, **{call: getattr(made, call)}) == made
    assert host.owner_of(hook, key) == f"one_off_{kind}"
    (info,) = [plugin for plugin in host.plugins() if plugin.name == f"one_off_{kind}"]
    assert info.provides == (f"{kind}:{key}",)

    class Twin:
        pass

    setattr(Twin, hook, staticmethod(hookimpl(lambda: [descriptor(cls, key_field, key)])))
    with pytest.raises(PluginError, match=f"one_off_{kind}.*Twin|Twin.*one_off_{kind}"):
        getattr(PluginHost(entry_points=False, plugins=[OneOff, Twin]), facade)()[key]


CALLABLE_FIELDS = {
    "register_store_backends": "open",
    "register_exporters": "write",
    "register_importers": "read",
    "register_holiday_calendars": "days",
    "register_schedule_constraints": "check",
}


def test_hook_register_store_backends() -> None:
    """A backend is opened by its scheme and gets the URL and the host that opens it."""
    opened: list[tuple[StoreURL, PluginHost]] = []

    def open_test_store(url: StoreURL, host: PluginHost) -> MemoryStore:
        opened.append((url, host))
        return MemoryStore(url)

    class TestBackends:
        @staticmethod
        @hookimpl
        def register_store_backends() -> list[StoreBackend]:
            return [StoreBackend(scheme="test", open=open_test_store, description="for a test")]

    host = PluginHost(entry_points=False, plugins=[TestBackends])
    with host.open_store("test+driver://user:secret@host/db") as store:
        assert isinstance(store, MemoryStore)
    ((url, given_host),) = opened
    assert given_host is host
    assert url.base_scheme == "test"
    assert "secret" not in repr(url)
    assert host.owner_of("register_store_backends", "test") == "TestBackends"


def test_hook_register_exporters() -> None:
    """Exporters are keyed by format."""
    registry_hook_test("register_exporters", Exporter, "format", "exporters", "export")


def test_hook_register_importers() -> None:
    """Importers are keyed by format."""
    registry_hook_test("register_importers", Importer, "format", "importers", "import")


def test_hook_register_holiday_calendars() -> None:
    """Holiday calendars are keyed by code."""
    registry_hook_test("register_holiday_calendars", HolidayCalendar, "code", "holiday_calendars", "holidays")


def test_hook_register_schedule_constraints() -> None:
    """Schedule constraints are keyed by code."""
    registry_hook_test("register_schedule_constraints", Constraint, "code", "schedule_constraints", "constraint")


def test_hook_configure_converter() -> None:
    """A plugin teaches the host's converter a type of its own; other hosts are unaffected."""

    class Decimals:
        @staticmethod
        @hookimpl
        def configure_converter(converter: Any) -> None:
            converter.register_unstructure_hook(Decimal, str)
            converter.register_structure_hook(Decimal, lambda value, _: Decimal(value))

    codec = PluginHost(entry_points=False, plugins=[Decimals]).codec
    assert codec.unstructure(Decimal("1.50")) == "1.50"
    assert codec.structure("2.25", Decimal) == Decimal("2.25")
    assert PluginHost(entry_points=False).codec.unstructure(Decimal("1.5")) == Decimal("1.5")


def hook_names() -> list[str]:
    """Every hook the specification module defines."""
    host = PluginHost(entry_points=False)
    return sorted(name for name in dir(host.pm.hook) if not name.startswith("_"))


@pytest.mark.parametrize("hook", hook_names())
def test_every_hook_has_a_test(hook: str) -> None:
    """Meta-test (datasette's): a new hook needs a ``test_hook_<name>`` here."""
    assert hasattr(sys.modules[__name__], f"test_hook_{hook}"), f"write test_hook_{hook}"
    assert hasattr(hookspecs, hook)
