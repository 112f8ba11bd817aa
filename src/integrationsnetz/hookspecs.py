"""Every hook a plugin can implement. The docstrings are the hook reference.

A plugin is a module (or object) with functions marked ``@hookimpl``::

    from integrationsnetz import hookimpl

    @hookimpl
    def register_store_backends():
        return [StoreBackend(scheme="mydb", open=open_mydb, description="Our district's database")]

"Give me your X" hooks are named ``register_*`` and return an iterable of small frozen
descriptors. The host gathers them into registries keyed by scheme, format or code; two plugins
claiming one key is an error that names both.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    import cattrs

    from integrationsnetz.contract.constraints import Constraint
    from integrationsnetz.contract.exporters import Exporter
    from integrationsnetz.contract.holidays import HolidayCalendar
    from integrationsnetz.contract.importers import Importer
    from integrationsnetz.contract.stores import StoreBackend

PROJECT_NAME = "integrationsnetz"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def register_store_backends() -> Iterable[StoreBackend]:
    """Storage backends this plugin provides.

    ``open_store("sqlite:///netz.db")`` picks the backend whose ``scheme`` matches the URL's
    scheme (``postgresql+psycopg`` matches ``postgresql``). ``StoreBackend.open`` runs only when a
    store is opened, so importing a plugin stays cheap: import drivers inside it.

    .. versionadded:: 0.1
    """


@hookspec
def register_exporters() -> Iterable[Exporter]:
    """Export formats this plugin provides, keyed by ``Exporter.format`` (``ics``, ``csv`` ...).

    ``integrationsnetz.export(data, "ics", path)`` calls the matching exporter's
    ``write(request, stream)``; ``request.data`` is already narrowed to the selection and time range
    and stripped of personal data unless the caller asked for it. Built-ins: ``ics``, ``json``,
    ``csv``, ``markdown``, ``html``. See ``docs/how-to/write-an-exporter.md``.

    .. versionadded:: 0.1
    """


@hookspec
def register_importers() -> Iterable[Importer]:
    """Import formats this plugin provides, keyed by ``Importer.format``.

    ``integrationsnetz.import_from(path, options=ImportOptions(network_id=...))`` picks the importer
    by format or file suffix and calls ``read(stream, options)``, which returns an ``ImportResult``
    (entities and what was skipped, with reasons) or raises ``InvalidData`` naming the line, never
    half an import. Built-ins: ``ics``, ``csv`` (actor directory), ``json``.

    .. versionadded:: 0.1
    """


@hookspec
def register_holiday_calendars() -> Iterable[HolidayCalendar]:
    """Holiday calendars, keyed by ``HolidayCalendar.code`` (e.g. ``"de-public"``).

    The planner asks each calendar for the blocked days of a state, year and language; the
    calendar's ``kind`` (public, school, local) decides which constraint blocks them.

    .. versionadded:: 0.1
    """


@hookspec
def register_schedule_constraints() -> Iterable[Constraint]:
    """Schedule constraints, keyed by ``Constraint.code`` (e.g. ``"person-busy"``).

    ``check(candidate, context)`` returns None or the reason a candidate session breaks the
    rule; ``strictness`` (hard, soft, off) is the default a series may override.

    .. versionadded:: 0.1
    """


@hookspec
def configure_converter(converter: cattrs.Converter) -> None:
    """Register cattrs hooks for the types this plugin adds to documents and stores.

    Called once for each converter a host builds, after the library's own hooks.

    .. versionadded:: 0.1
    """
