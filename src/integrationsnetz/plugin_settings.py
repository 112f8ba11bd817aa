"""Settings for plugins, from environment variables named after the plugin.

A plugin reads its settings when it needs them (in ``write``, ``days``, ``open`` ...), never at
import::

    from integrationsnetz.plugin_settings import plugin_settings

    def closing_days(state, year, language):
        settings = plugin_settings("integrationsnetz-myplugin")
        days = settings.text("closing_days", default="12-24,12-31")    # INTEGRATIONSNETZ_MYPLUGIN_CLOSING_DAYS
        ...

Why environment variables: the administrator sets them where the other switches already are
(``INTEGRATIONSNETZ_DISABLE_PLUGINS``, in the scheduled task, the service unit or ``.env``), they
work the same for a script, a notebook and a server, and a password never lands in a file in a
repository. llm and most twelve-factor tools do the same; datasette's per-plugin metadata suits
a server with one configuration file, which a district's scripts do not have. A storage backend
takes its settings from its store URL instead (``?schema=...``), so two stores can differ.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

import attrs

from integrationsnetz.errors import InvalidData, WrongType

PREFIX = "INTEGRATIONSNETZ_"
_KEY = re.compile(r"[a-z][a-z0-9_]*")
_YES = frozenset({"1", "true", "yes", "on", "ja"})
_NO = frozenset({"0", "false", "no", "off", "nein", ""})


def variable_prefix(plugin: str) -> str:
    """``integrationsnetz-my-plugin`` (or ``my-plugin``) reads ``INTEGRATIONSNETZ_MY_PLUGIN_*``."""
    if not isinstance(plugin, str) or not plugin.strip():
        raise WrongType([f"plugin_settings: plugin: expected the plugin's name, got {plugin!r}"])
    short = plugin.strip().lower().removeprefix("integrationsnetz-").removeprefix("integrationsnetz_")
    return PREFIX + re.sub(r"[^A-Z0-9]+", "_", short.upper()).strip("_") + "_"


@attrs.frozen
class PluginSettings:
    """One plugin's settings: ``text``, ``number`` and ``flag`` by key, each naming its variable when wrong."""

    plugin: str
    prefix: str
    values: Mapping[str, str]

    def variable(self, key: str) -> str:
        """The environment variable that holds ``key``: ``closing_days`` is ``..._CLOSING_DAYS``."""
        if not isinstance(key, str) or not _KEY.fullmatch(key):
            raise WrongType([f"{self.plugin}: setting names are lowercase words joined by _, got {key!r}"])
        return self.prefix + key.upper()

    def text(self, key: str, default: str | None = None) -> str | None:
        """The setting as set (surrounding spaces removed), or ``default`` when it is not set.

        A variable set to nothing (``FOO=`` in an ``.env`` file) counts as not set, for every kind.
        """
        value = self.values.get(self.variable(key))
        value = None if value is None else value.strip()
        return value or default

    def require(self, key: str) -> str:
        """The setting; an :class:`InvalidData` saying which variable to set when it is missing or empty."""
        value = self.text(key)
        if not value:
            raise InvalidData([f"{self.variable(key)}: the plugin {self.plugin} needs this setting; set it"])
        return value

    def number(self, key: str, default: int) -> int:
        """A whole number (ASCII digits, an optional sign), or ``default`` when the setting is not set."""
        value = self.text(key)
        if value is None:
            return default
        try:
            if not re.fullmatch(r"[+-]?[0-9]+", value):
                raise ValueError(value)
            return int(value)
        except ValueError:
            raise InvalidData([f"{self.variable(key)}: expected a whole number, got {value!r}"]) from None

    def flag(self, key: str, default: bool) -> bool:
        """Yes or no: ``1``/``true``/``yes``/``on`` or ``0``/``false``/``no``/``off`` (or empty)."""
        value = self.text(key)
        if value is None:
            return default
        if value.lower() in _YES:
            return True
        if value.lower() in _NO:
            return False
        raise InvalidData([f"{self.variable(key)}: expected 1 or 0 (yes or no), got {value!r}"])


def plugin_settings(plugin: str, environ: Mapping[str, str] | None = None) -> PluginSettings:
    """The settings of ``plugin`` from ``environ`` (default: the process environment, read now)."""
    prefix = variable_prefix(plugin)
    env = os.environ if environ is None else environ
    values = {name: value for name, value in env.items() if name.startswith(prefix)}
    return PluginSettings(plugin, prefix, values)


__all__ = ["PluginSettings", "plugin_settings", "variable_prefix"]
