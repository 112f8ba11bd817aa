"""The plugin host: built-in plugins and installed ones, loaded through the same door.

A :class:`PluginHost` owns a pluggy manager, the registries built from ``register_*`` hooks and
the codec. Nothing happens at import time: :func:`default_host` makes one on first use, and every
convenience function also takes ``host=`` so tests and scripts can build their own::

    host = PluginHost(entry_points=False, plugins=[my_plugin_module])

Environment variables:

``INTEGRATIONSNETZ_DISABLE_PLUGINS``
    comma-separated plugin names to block (built-ins included), e.g. a broken plugin.
``INTEGRATIONSNETZ_PLUGINS``
    comma-separated entry-point names to load; when set, installed plugins not named are left
    out (set it empty for the built-ins alone).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import pluggy

from integrationsnetz import hookspecs
from integrationsnetz.errors import PluginError, StoreError
from integrationsnetz.serialization import Codec, make_codec

if TYPE_CHECKING:
    from integrationsnetz.export import Exporter
    from integrationsnetz.ingest import Importer
    from integrationsnetz.schedule.calendars import HolidayCalendar
    from integrationsnetz.schedule.constraints import Constraint
    from integrationsnetz.store import Store, StoreBackend

#: The built-in plugins, registered exactly like installed ones (full dotted module names).
DEFAULT_PLUGINS: tuple[str, ...] = (
    "integrationsnetz.store.memory",
    "integrationsnetz.store.files",
    "integrationsnetz.store.sqlite",
    "integrationsnetz.export.ics",
    "integrationsnetz.export.jsondoc",
    "integrationsnetz.export.csv",
    "integrationsnetz.export.markdown",
    "integrationsnetz.export.html",
    "integrationsnetz.ingest.ics",
    "integrationsnetz.ingest.jsondoc",
    "integrationsnetz.ingest.csv",
    "integrationsnetz.courses.exporters",
    "integrationsnetz.schedule.series",
    "integrationsnetz.schedule.german_holidays",
    "integrationsnetz.schedule.standard_constraints",
)

DISABLE_ENV = "INTEGRATIONSNETZ_DISABLE_PLUGINS"
ONLY_ENV = "INTEGRATIONSNETZ_PLUGINS"
DISTRIBUTION = "integrationsnetz"

D = TypeVar("D")


def _names(value: str | None) -> list[str]:
    return [name.strip() for name in (value or "").split(",") if name.strip()]


@attrs.frozen(kw_only=True)
class PluginInfo:
    """A loaded plugin: its name, the distribution that ships it, and what it registers."""

    name: str
    distribution: str
    version: str
    hooks: tuple[str, ...]
    provides: tuple[str, ...]


class PluginHost:
    """Loads plugins and serves their registries.

    Args:
        entry_points: load plugins installed under the ``integrationsnetz`` entry-point group.
        plugins: extra plugin modules or objects, e.g. one defined in a script.
        environ: where to read the block and allow lists (default: the process environment).
    """

    def __init__(
        self,
        *,
        entry_points: bool = True,
        plugins: Iterable[object] = (),
        environ: Mapping[str, str] | None = None,
    ) -> None:
        env = os.environ if environ is None else environ
        self.pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
        self.pm.add_hookspecs(hookspecs)
        self._distributions: dict[str, tuple[str, str]] = {}
        self._registries: dict[str, Mapping[str, Any]] = {}
        self._codec: Codec | None = None
        for name in _names(env.get(DISABLE_ENV)):
            self.pm.set_blocked(name)
        own_version = _version_of(DISTRIBUTION)
        for module_name in DEFAULT_PLUGINS:
            if not self.pm.is_blocked(module_name):
                self._register(importlib.import_module(module_name), module_name, (DISTRIBUTION, own_version))
        if entry_points:
            only = env.get(ONLY_ENV)
            self._load_entry_points(None if only is None else set(_names(only)))
        for plugin in plugins:
            name = getattr(plugin, "__name__", None) or type(plugin).__name__
            self._register(plugin, name, ("(passed in)", ""))
        try:
            self.pm.check_pending()
        except pluggy.PluginValidationError as exc:
            name = self.pm.get_name(exc.plugin) or repr(exc.plugin)
            raise PluginError(f"plugin {name!r} has a hook implementation that matches no hook: {exc}") from None

    def _register(self, plugin: object, name: str, distribution: tuple[str, str]) -> None:
        try:
            self.pm.register(plugin, name=name)
        except pluggy.PluginValidationError as exc:
            raise PluginError(f"plugin {name!r} ({' '.join(distribution).strip()}) is not valid: {exc}") from None
        except ValueError as exc:  # pluggy: name or object already registered
            raise PluginError(f"plugin {name!r} is registered twice: {exc}") from None
        self._distributions[name] = distribution

    def _load_entry_points(self, only: set[str] | None) -> None:
        seen: dict[str, str] = {}
        import importlib.metadata  # slow to import (about 30 ms): only when a host is made

        for entry_point in importlib.metadata.entry_points(group=hookspecs.PROJECT_NAME):
            if only is not None and entry_point.name not in only:
                continue
            if self.pm.is_blocked(entry_point.name):
                continue
            dist = entry_point.dist
            distribution = (dist.name, dist.version) if dist is not None else ("unknown distribution", "")
            if entry_point.name in seen:
                raise PluginError(
                    f"two installed plugins use the entry-point name {entry_point.name!r}: "
                    f"{seen[entry_point.name]} and {distribution[0]}"
                )
            seen[entry_point.name] = distribution[0]
            try:
                plugin = entry_point.load()
            except Exception as exc:
                raise PluginError(
                    f"plugin {entry_point.name!r} ({distribution[0]} {distribution[1]}) failed to import: "
                    f"{type(exc).__name__}: {exc}. Block it with {DISABLE_ENV}={entry_point.name}"
                ) from exc
            self._register(plugin, entry_point.name, distribution)

    # -- registries -------------------------------------------------------------------------

    def _registry(self, hook_name: str, key: Callable[[Any], str], what: str) -> Mapping[str, Any]:
        cached = self._registries.get(hook_name)
        if cached is not None:
            return cached
        found: dict[str, tuple[Any, str]] = {}
        for impl in reversed(getattr(self.pm.hook, hook_name).get_hookimpls()):
            try:
                descriptors = list(impl.function() or ())
            except Exception as exc:
                raise PluginError(
                    f"plugin {impl.plugin_name!r} failed in {hook_name}: {type(exc).__name__}: {exc}"
                ) from exc
            for descriptor in descriptors:
                name = key(descriptor)
                if name in found:
                    other = found[name][1]
                    raise PluginError(
                        f"{what} {name!r} is provided by both {other!r} and {impl.plugin_name!r}; "
                        f"block one with {DISABLE_ENV}={impl.plugin_name}"
                    )
                found[name] = (descriptor, impl.plugin_name)
        registry = MappingProxyType({name: found[name][0] for name in sorted(found)})
        self._registries[hook_name] = registry
        self._registries[hook_name + ":owners"] = MappingProxyType({name: found[name][1] for name in sorted(found)})
        return registry

    def store_backends(self) -> Mapping[str, StoreBackend]:
        """Storage backends by URL scheme."""
        return self._registry("register_store_backends", lambda d: d.scheme, "store scheme")

    def exporters(self) -> Mapping[str, Exporter]:
        """Exporters by format name."""
        return self._registry("register_exporters", lambda d: d.format, "export format")

    def importers(self) -> Mapping[str, Importer]:
        """Importers by format name."""
        return self._registry("register_importers", lambda d: d.format, "import format")

    def holiday_calendars(self) -> Mapping[str, HolidayCalendar]:
        """Holiday calendars by code."""
        return self._registry("register_holiday_calendars", lambda d: d.code, "holiday calendar")

    def schedule_constraints(self) -> Mapping[str, Constraint]:
        """Schedule constraints by code."""
        return self._registry("register_schedule_constraints", lambda d: d.code, "schedule constraint")

    def owner_of(self, hook_name: str, key: str) -> str:
        """The name of the plugin that registered ``key`` through ``hook_name``."""
        getattr(self, _FACADE[hook_name])()
        owners: Mapping[str, str] = self._registries.get(hook_name + ":owners", {})
        return owners[key]

    @property
    def codec(self) -> Codec:
        """The codec, with every plugin's ``configure_converter`` applied (built once)."""
        if self._codec is None:
            extensions = [
                (lambda converter, impl=impl: impl.function(converter=converter))
                for impl in reversed(self.pm.hook.configure_converter.get_hookimpls())
            ]
            self._codec = make_codec(extensions)
        return self._codec

    def open_store(self, url: str) -> Store:
        """Open a store by URL with the backend registered for its scheme."""
        from integrationsnetz.store import StoreURL

        parsed = StoreURL.parse(url)
        backends = self.store_backends()
        backend = backends.get(parsed.scheme) or backends.get(parsed.base_scheme)
        if backend is None:
            known = ", ".join(f"{scheme}: ({self.owner_of('register_store_backends', scheme)})" for scheme in backends)
            hint = " Is the plugin for it installed?" if parsed.base_scheme not in ("memory", "files", "sqlite") else ""
            raise StoreError(f"no storage backend for {parsed.masked!r}; known schemes: {known or 'none'}.{hint}")
        return backend.open(parsed, self)

    def plugins(self) -> list[PluginInfo]:
        """Every loaded plugin with its distribution, version, hooks and what it provides."""
        provides: dict[str, list[str]] = {}
        for hook_name, kind in (
            ("register_store_backends", "store"),
            ("register_exporters", "export"),
            ("register_importers", "import"),
            ("register_holiday_calendars", "holidays"),
            ("register_schedule_constraints", "constraint"),
        ):
            getattr(self, _FACADE[hook_name])()
            for key, owner in self._registries[hook_name + ":owners"].items():
                provides.setdefault(owner, []).append(f"{kind}:{key}")
        result = []
        for name, plugin in sorted(self.pm.list_name_plugin(), key=lambda pair: pair[0]):
            if plugin is None:  # a blocked name: pluggy keeps a placeholder
                continue
            distribution, version = self._distributions.get(name, ("", ""))
            hooks = tuple(sorted(caller.name for caller in self.pm.get_hookcallers(plugin) or ()))
            result.append(
                PluginInfo(
                    name=name,
                    distribution=distribution,
                    version=version,
                    hooks=hooks,
                    provides=tuple(provides.get(name, ())),
                )
            )
        return result


_FACADE = {
    "register_store_backends": "store_backends",
    "register_exporters": "exporters",
    "register_importers": "importers",
    "register_holiday_calendars": "holiday_calendars",
    "register_schedule_constraints": "schedule_constraints",
}


def _version_of(distribution: str) -> str:
    try:
        import importlib.metadata

        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


_default: PluginHost | None = None


def default_host() -> PluginHost:
    """The host the convenience functions use, made on first call with the environment's settings."""
    global _default  # noqa: PLW0603 - the one lazily made default, never touched at import time
    if _default is None:
        _default = PluginHost()
    return _default
