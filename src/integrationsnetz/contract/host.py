"""What a plugin's callables are given of the plugin host, and the default host's codec.

A storage backend's ``open(url, host)`` and an exporter's ``request.host`` get a :class:`Host`:
its ``codec`` turns entities into documents and back with every plugin's converter extensions.
Annotate plugin code with this protocol, not with the concrete
:class:`~integrationsnetz.plugins.PluginHost`, which lives above the plugins it loads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from integrationsnetz.serialization import Codec


class Host(Protocol):
    """The part of the plugin host a plugin may use."""

    @property
    def codec(self) -> Codec:
        """The codec with every plugin's ``configure_converter`` applied."""
        ...


# Filled once by the package facade (integrationsnetz/__init__.py) with the lazily made default
# host, so the features below the host can default to it without importing it.
_default_host: Callable[[], Host] | None = None


def default_codec() -> Codec:
    """The default host's codec: what a function given no ``host=`` reads and writes with."""
    if _default_host is None:
        from integrationsnetz.errors import PluginError

        raise PluginError("no default plugin host: import integrationsnetz before its modules are used")
    return _default_host().codec
