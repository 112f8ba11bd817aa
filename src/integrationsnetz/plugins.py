"""The plugin host: built-in plugins and installed ones, loaded through the same door.

A :class:`PluginHost` owns a pluggy manager, the registries built from ``register_*`` hooks and
the codec. Nothing happens at import time: :func:`default_host` makes one on first use, and every
convenience function also takes ``host=`` so tests and scripts can build their own::

    host = PluginHost(entry_points=False, plugins=[my_plugin_module])

One broken plugin does not take the others down. A plugin that fails to import or to register
(a misspelt hook, a wrong argument name, a descriptor with a bad key or signature, a ``register_*``
hook that raises) is skipped with a :class:`PluginWarning` and listed by :meth:`PluginHost.plugins`
with its error; asking for something nobody else provides then raises a :class:`PluginError`
naming it and how to block it. A district's administrator at 8 a.m. needs ``sqlite:`` and the
calendar export to work although a plugin installed yesterday is broken; llm chose the same
(simonw/llm#1280), while pytest and datasette stop at start-up, which suits tools whose output a
missing plugin would silently change. Plugin authors and CI get that too, with strict mode.
Errors raised later inside a plugin's callables (``open``, ``write``, ``read``, ``days``,
``check``, ``configure_converter``) reach the caller as a :class:`PluginError` naming the plugin
and the hook, with the original as its cause; the library's own errors pass unchanged.

Environment variables:

``INTEGRATIONSNETZ_DISABLE_PLUGINS``
    comma-separated plugin names to block (built-ins included), e.g. a broken plugin.
``INTEGRATIONSNETZ_PLUGINS``
    comma-separated entry-point names to load; when set, installed plugins not named are left
    out (set it empty for the built-ins alone).
``INTEGRATIONSNETZ_STRICT_PLUGINS``
    ``1`` to fail at once on any plugin that cannot be loaded (for plugin development and CI).
"""

from __future__ import annotations

import difflib
import functools
import importlib
import inspect
import os
import re
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType, ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import pluggy

from integrationsnetz import hookspecs
from integrationsnetz.errors import IntegrationsnetzError, PluginError, StoreError
from integrationsnetz.serialization import Codec, make_codec

if TYPE_CHECKING:
    from integrationsnetz.contract.constraints import Constraint
    from integrationsnetz.contract.exporters import Exporter
    from integrationsnetz.contract.holidays import HolidayCalendar
    from integrationsnetz.contract.importers import Importer
    from integrationsnetz.contract.stores import Store, StoreBackend

#: The built-in plugins, registered exactly like installed ones (full dotted module names).
DEFAULT_PLUGINS: tuple[str, ...] = (
    "integrationsnetz.store.memory",
    "integrationsnetz.store.files",
    "integrationsnetz.store.sqlite",
    "integrationsnetz.exporters.ics",
    "integrationsnetz.exporters.jsondoc",
    "integrationsnetz.exporters.csv",
    "integrationsnetz.exporters.markdown",
    "integrationsnetz.exporters.html",
    "integrationsnetz.exporters.xlsx",
    "integrationsnetz.exporters.distribution",
    "integrationsnetz.exporters.docx",
    "integrationsnetz.ingest.ics",
    "integrationsnetz.ingest.jsondoc",
    "integrationsnetz.ingest.csv",
    "integrationsnetz.ingest.xlsx",
    "integrationsnetz.courses.exporters",
    "integrationsnetz.schedule.series_converter",
    "integrationsnetz.schedule.german_holidays",
    "integrationsnetz.schedule.standard_constraints",
)

DISABLE_ENV = "INTEGRATIONSNETZ_DISABLE_PLUGINS"
ONLY_ENV = "INTEGRATIONSNETZ_PLUGINS"
STRICT_ENV = "INTEGRATIONSNETZ_STRICT_PLUGINS"
DISTRIBUTION = "integrationsnetz"

D = TypeVar("D")

#: The hook names of :mod:`integrationsnetz.hookspecs`.
HOOK_NAMES: frozenset[str] = frozenset(
    name for name, value in vars(hookspecs).items() if hasattr(value, f"{hookspecs.PROJECT_NAME}_spec")
)


class PluginWarning(UserWarning):
    """A plugin was skipped (it failed to load or register) or looks wrong (a hook without ``@hookimpl``)."""


def _names(value: str | None) -> list[str]:
    return [name.strip() for name in (value or "").split(",") if name.strip()]


@attrs.frozen(kw_only=True)
class PluginInfo:
    """A plugin: its name, the distribution that ships it, what it registers, and why it failed.

    ``error`` is None for a working plugin; a plugin that failed to load or register is listed
    with the reason and provides nothing.
    """

    name: str
    distribution: str
    version: str
    hooks: tuple[str, ...]
    provides: tuple[str, ...]
    error: str | None = None


@attrs.frozen
class _RegistryHook:
    """How a ``register_*`` hook's descriptors are keyed and checked."""

    facade: str
    key: str
    what: str
    callables: Mapping[str, int]  # each callable field and how many positional arguments it takes
    key_pattern: re.Pattern[str]


_NAME = re.compile(r"[a-z0-9][a-z0-9._+-]*")
_REGISTRY_HOOKS: Mapping[str, _RegistryHook] = {
    "register_store_backends": _RegistryHook(
        "store_backends", "scheme", "store scheme", {"open": 2}, re.compile(r"[a-z][a-z0-9+.-]*")
    ),
    "register_exporters": _RegistryHook("exporters", "format", "export format", {"write": 2}, _NAME),
    "register_importers": _RegistryHook("importers", "format", "import format", {"read": 2}, _NAME),
    "register_holiday_calendars": _RegistryHook("holiday_calendars", "code", "holiday calendar", {"days": 3}, _NAME),
    "register_schedule_constraints": _RegistryHook(
        "schedule_constraints", "code", "schedule constraint", {"check": 2}, _NAME
    ),
}


class Registry(Mapping[str, D]):
    """What the plugins registered through one hook, by key.

    A key two plugins claim is left out of iteration, and looking it up raises a
    :class:`PluginError` naming both, so every other key keeps working.
    """

    def __init__(self, what: str, found: Mapping[str, D], contested: Mapping[str, tuple[str, str]]) -> None:
        self._what = what
        self._found = dict(sorted(found.items()))
        self._contested = dict(contested)

    def __getitem__(self, key: str) -> D:
        claimed = self._contested.get(key)
        if claimed is not None:
            first, second = claimed
            raise PluginError(
                f"{self._what} {key!r} is provided by both {first!r} and {second!r}; "
                f"block one with {DISABLE_ENV}={second}"
            )
        return self._found[key]

    def __contains__(self, key: object) -> bool:
        return key in self._found or key in self._contested

    def __iter__(self) -> Iterator[str]:
        return iter(self._found)

    def __len__(self) -> int:
        return len(self._found)

    def __repr__(self) -> str:
        return f"Registry({self._what!r}, {sorted(self._found)})"


def _guarded(function: Callable[..., Any], plugin: str, hook: str) -> Callable[..., Any]:
    """``function`` with its non-library errors turned into a PluginError naming plugin and hook."""
    if plugin in DEFAULT_PLUGINS:  # the library's own code: blocking it is no answer
        advice = "This is a bug in integrationsnetz: please report it with the data that caused it"
    else:
        advice = f"Fix or update it, or block it with {DISABLE_ENV}={plugin}"

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except IntegrationsnetzError:
            raise
        except Exception as exc:
            raise PluginError(f"plugin {plugin!r} failed in {hook}: {type(exc).__name__}: {exc}. {advice}") from exc

    return guarded


def _arity_problem(function: object, count: int) -> str | None:
    if not callable(function):
        return f"is not callable, got {type(function).__name__}"
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):  # some builtins have no signature to read
        return None
    try:
        signature.bind(*range(count))
    except TypeError as exc:
        return f"must take {count} positional arguments, has {signature}: {exc}"
    return None


class PluginHost:
    """Loads plugins and serves their registries.

    Args:
        entry_points: load plugins installed under the ``integrationsnetz`` entry-point group.
        plugins: extra plugin modules or objects, e.g. one defined in a script.
        environ: where to read the block and allow lists (default: the process environment).
        strict: raise a :class:`PluginError` for the first plugin that cannot be loaded, instead
            of skipping it with a warning (default: ``INTEGRATIONSNETZ_STRICT_PLUGINS=1``).
    """

    def __init__(
        self,
        *,
        entry_points: bool = True,
        plugins: Iterable[object] = (),
        environ: Mapping[str, str] | None = None,
        strict: bool | None = None,
    ) -> None:
        env = os.environ if environ is None else environ
        self.strict = env.get(STRICT_ENV, "") not in ("", "0") if strict is None else strict
        self.pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
        self.pm.add_hookspecs(hookspecs)
        self._distributions: dict[str, tuple[str, str]] = {}
        self._failures: dict[str, str] = {}  # plugin name -> why it was skipped
        self._registries: dict[str, Registry[Any]] = {}
        self._owners: dict[str, Mapping[str, str]] = {}
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
        for hook_name in _REGISTRY_HOOKS:  # a bad descriptor is reported now, as the plugin loads
            self._registry(hook_name)

    def _fail(self, name: str, distribution: tuple[str, str], message: str) -> None:
        """Skip plugin ``name`` with a warning, or raise at once in strict mode."""
        shipped = " ".join(distribution).strip().strip("()")
        message = " ".join(message.split())  # pluggy's messages span lines
        text = f"plugin {name!r}{f' ({shipped})' if shipped else ''} {message}. Block it with {DISABLE_ENV}={name}"
        if self.strict:
            raise PluginError(text)
        self._failures[name] = text
        self._distributions.setdefault(name, distribution)
        warnings.warn(f"{text}; it is skipped", PluginWarning, stacklevel=3)

    def _register(self, plugin: object, name: str, distribution: tuple[str, str]) -> None:
        try:
            self.pm.register(plugin, name=name)
        except pluggy.PluginValidationError as exc:
            self._fail(name, distribution, f"is not valid: {exc}")
            return
        except ValueError as exc:  # pluggy: name or object already registered
            self._fail(name, distribution, f"is registered twice: {exc}")
            return
        self._distributions[name] = distribution
        unknown = [caller.name for caller in self.pm.get_hookcallers(plugin) or () if not caller.has_spec()]
        if unknown:
            self.pm.unregister(plugin)
            hints = [
                f"{hook!r} (did you mean {close[0]!r}?)"
                if (close := difflib.get_close_matches(hook, HOOK_NAMES, 1))
                else repr(hook)
                for hook in unknown
            ]
            self._fail(name, distribution, f"has a hook implementation that matches no hook: {', '.join(hints)}")
            return
        self._warn_unmarked(plugin, name)

    def _warn_unmarked(self, plugin: object, name: str) -> None:
        """A module function named like a hook but without ``@hookimpl`` is ignored by pluggy: say so."""
        if not isinstance(plugin, ModuleType):
            return
        marker = f"{hookspecs.PROJECT_NAME}_impl"
        for attribute, value in vars(plugin).items():
            hooklike = attribute in HOOK_NAMES or difflib.get_close_matches(attribute, HOOK_NAMES, 1, cutoff=0.9)
            if hooklike and inspect.isfunction(value) and not hasattr(value, marker):
                shipped = " ".join(self._distributions.get(name, ("", ""))).strip().strip("()")
                message = (
                    f"plugin {name!r}{f' ({shipped})' if shipped else ''} defines {attribute}() without "
                    "@hookimpl, so it is ignored; mark it with integrationsnetz.hookimpl"
                )
                if self.strict:
                    raise PluginError(message)
                warnings.warn(message, PluginWarning, stacklevel=4)

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
            if entry_point.name in seen:  # ambiguous: neither is loaded
                if self.pm.has_plugin(entry_point.name):
                    self.pm.unregister(name=entry_point.name)
                self._fail(
                    entry_point.name,
                    distribution,
                    f"is the entry-point name of two installed distributions, {seen[entry_point.name]} and "
                    f"{distribution[0]}, so neither is loaded; uninstall one",
                )
                continue
            seen[entry_point.name] = distribution[0]
            try:
                plugin = entry_point.load()
            except Exception as exc:  # noqa: BLE001 - whatever a broken plugin raises, it is reported
                self._fail(entry_point.name, distribution, f"failed to import: {type(exc).__name__}: {exc}")
                continue
            self._register(plugin, entry_point.name, distribution)

    # -- registries -------------------------------------------------------------------------

    def _registry(self, hook_name: str) -> Registry[Any]:
        cached = self._registries.get(hook_name)
        if cached is not None:
            return cached
        spec = _REGISTRY_HOOKS[hook_name]
        found: dict[str, tuple[Any, str]] = {}
        contested: dict[str, tuple[str, str]] = {}
        for impl in reversed(getattr(self.pm.hook, hook_name).get_hookimpls()):
            if impl.plugin_name in self._failures:
                continue
            descriptors = self._descriptors(impl.plugin_name, impl.function, hook_name, spec)
            for key, descriptor in descriptors:
                if key in found:
                    contested[key] = (found.pop(key)[1], impl.plugin_name)
                elif key in contested:
                    continue
                else:
                    found[key] = (descriptor, impl.plugin_name)
        registry: Registry[Any] = Registry(spec.what, {key: pair[0] for key, pair in found.items()}, contested)
        self._registries[hook_name] = registry
        self._owners[hook_name] = MappingProxyType({key: pair[1] for key, pair in sorted(found.items())})
        return registry

    def _descriptors(
        self, plugin: str, hook: Callable[[], Any], hook_name: str, spec: _RegistryHook
    ) -> list[tuple[str, Any]]:
        """A plugin's descriptors, checked and with their callables guarded; [] if it failed."""
        distribution = self._distributions.get(plugin, ("", ""))
        try:
            descriptors = list(hook() or ())
        except Exception as exc:  # noqa: BLE001 - whatever a broken plugin raises, it is reported
            self._fail(plugin, distribution, f"failed in {hook_name}: {type(exc).__name__}: {exc}")
            return []
        checked = []
        for descriptor in descriptors:
            key = getattr(descriptor, spec.key, None)
            problems = []
            if not isinstance(key, str) or not spec.key_pattern.fullmatch(key):
                problems.append(f"{spec.key} must be lowercase letters, digits and . _ + -, got {key!r}")
                key = ""
            for field, count in spec.callables.items():
                problem = _arity_problem(getattr(descriptor, field, None), count)
                if problem:
                    problems.append(f"{field} {problem}")
            if problems:
                self._fail(plugin, distribution, f"returned a bad descriptor from {hook_name}: {'; '.join(problems)}")
                return []
            guarded = {
                field: _guarded(getattr(descriptor, field), plugin, f"{hook_name} ({field})")
                for field in spec.callables
            }
            plain = not attrs.has(type(descriptor))
            checked.append((str(key), descriptor if plain else attrs.evolve(descriptor, **guarded)))
        return checked

    def store_backends(self) -> Mapping[str, StoreBackend]:
        """Storage backends by URL scheme."""
        return self._registry("register_store_backends")

    def exporters(self) -> Mapping[str, Exporter]:
        """Exporters by format name."""
        return self._registry("register_exporters")

    def importers(self) -> Mapping[str, Importer]:
        """Importers by format name."""
        return self._registry("register_importers")

    def holiday_calendars(self) -> Mapping[str, HolidayCalendar]:
        """Holiday calendars by code."""
        return self._registry("register_holiday_calendars")

    def schedule_constraints(self) -> Mapping[str, Constraint]:
        """Schedule constraints by code."""
        return self._registry("register_schedule_constraints")

    def owner_of(self, hook_name: str, key: str) -> str:
        """The name of the plugin that registered ``key`` through ``hook_name``."""
        self._registry(hook_name)
        return self._owners[hook_name][key]

    def missing(self, error: IntegrationsnetzError) -> IntegrationsnetzError:
        """``error`` (for a name nobody provides), or a PluginError if a skipped plugin might provide it."""
        if not self._failures:
            return error
        failed = "; ".join(self._failures.values())
        return PluginError(f"{error} A plugin that failed to load may provide it: {failed}")

    @property
    def codec(self) -> Codec:
        """The codec, with every plugin's ``configure_converter`` applied (built once)."""
        if self._codec is None:
            extensions = [
                _guarded(impl.function, impl.plugin_name, "configure_converter")
                for impl in reversed(self.pm.hook.configure_converter.get_hookimpls())
                if impl.plugin_name not in self._failures
            ]
            self._codec = make_codec(extensions)
        return self._codec

    def open_store(self, url: str) -> Store:
        """Open a store by URL with the backend registered for its scheme."""
        from integrationsnetz.contract.stores import StoreURL

        if isinstance(url, str) and "\0" in url:
            raise StoreError("a store URL cannot hold a NUL character")
        parsed = StoreURL.parse(url)
        backends = self.store_backends()
        backend = backends.get(parsed.scheme) or backends.get(parsed.base_scheme)
        if backend is None:
            known = ", ".join(f"{scheme}: ({self.owner_of('register_store_backends', scheme)})" for scheme in backends)
            hint = " Is the plugin for it installed?" if parsed.base_scheme not in ("memory", "files", "sqlite") else ""
            raise self.missing(
                StoreError(f"no storage backend for {parsed.masked!r}; known schemes: {known or 'none'}.{hint}")
            )
        return backend.open(parsed, self)

    def plugins(self) -> list[PluginInfo]:
        """Every plugin with its distribution, version, hooks and what it provides; never raises.

        A plugin that was skipped is listed too, with ``error`` saying why.
        """
        provides: dict[str, list[str]] = {}
        for hook_name, kind in (
            ("register_store_backends", "store"),
            ("register_exporters", "export"),
            ("register_importers", "import"),
            ("register_holiday_calendars", "holidays"),
            ("register_schedule_constraints", "constraint"),
        ):
            self._registry(hook_name)
            for key, owner in self._owners[hook_name].items():
                provides.setdefault(owner, []).append(f"{kind}:{key}")
        result = []
        for name, plugin in self.pm.list_name_plugin():
            if plugin is None or name in self._failures:  # blocked (pluggy keeps a placeholder) or failed
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
        for name, error in self._failures.items():
            distribution, version = self._distributions.get(name, ("", ""))
            result.append(
                PluginInfo(name=name, distribution=distribution, version=version, hooks=(), provides=(), error=error)
            )
        return sorted(result, key=lambda info: info.name)


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
