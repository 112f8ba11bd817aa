"""What the library's features see of the plugin host: the registries, and the default host.

``export()``, ``import_from()``, ``open_store()`` and the planner look formats, backends,
calendars and constraints up here. They take ``host=`` (any :class:`Registries`, such as a
:class:`~integrationsnetz.plugins.PluginHost`) and otherwise use :func:`default_host`, which
the package facade provides: the features sit below the host and never import it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Protocol, cast

from integrationsnetz.contract import host as _host
from integrationsnetz.contract.host import Host

if TYPE_CHECKING:
    from integrationsnetz.contract.constraints import Constraint
    from integrationsnetz.contract.exporters import Exporter
    from integrationsnetz.contract.holidays import HolidayCalendar
    from integrationsnetz.contract.importers import Importer
    from integrationsnetz.contract.stores import Store, StoreBackend
    from integrationsnetz.errors import IntegrationsnetzError


class Registries(Host, Protocol):
    """The plugin host as the features use it: what every plugin registered, by key."""

    def store_backends(self) -> Mapping[str, StoreBackend]:
        """Storage backends by URL scheme."""
        ...

    def exporters(self) -> Mapping[str, Exporter]:
        """Exporters by format name."""
        ...

    def importers(self) -> Mapping[str, Importer]:
        """Importers by format name."""
        ...

    def holiday_calendars(self) -> Mapping[str, HolidayCalendar]:
        """Holiday calendars by code."""
        ...

    def schedule_constraints(self) -> Mapping[str, Constraint]:
        """Schedule constraints by code."""
        ...

    def open_store(self, url: str) -> Store:
        """Open a store by URL with the backend registered for its scheme."""
        ...

    def missing(self, error: IntegrationsnetzError) -> IntegrationsnetzError:
        """``error`` for a name nobody provides, or a PluginError if a skipped plugin might provide it."""
        ...


def provide_default_host(factory: Callable[[], Registries]) -> None:
    """Make ``factory`` the source of the default host (done once, by the package facade)."""
    _host._default_host = factory


def default_host() -> Registries:
    """The default plugin host: the one :func:`provide_default_host` was given."""
    if _host._default_host is None:
        from integrationsnetz.errors import PluginError

        raise PluginError("no default plugin host: import integrationsnetz before its modules are used")
    # Only provide_default_host fills the slot, and only with a Registries.
    return cast("Registries", _host._default_host())
