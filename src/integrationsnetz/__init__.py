"""integrationsnetz: the data, plans and calendars of a district's integration network.

The public API is re-exported here: the model classes, documents, the integrity check, the
plugin host and ``hookimpl`` for plugin authors, ``open_store`` for storage, ``export`` for
calendars, documents and spreadsheets.

Each name loads its module on first use (PEP 562), so ``import integrationsnetz`` is cheap: a
plugin that only needs ``hookimpl``, or a tool that only reads ``--help``, never builds the model
classes or the converter. ``from integrationsnetz import Meeting`` works as usual.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from integrationsnetz import documents
    from integrationsnetz.errors import (
        Conflict,
        ExportError,
        IntegrationsnetzError,
        InvalidData,
        NotFound,
        PluginError,
        ScheduleError,
        SchemaVersionError,
        StoreError,
    )
    from integrationsnetz.export import CsvOptions, ExportOptions, IcsMethod, IcsOptions, export
    from integrationsnetz.hookspecs import hookimpl
    from integrationsnetz.ingest import ImportOptions, ImportResult, import_from
    from integrationsnetz.integrity import Problem, check
    from integrationsnetz.model import (
        COLLECTIONS,
        ENTITY_TYPES,
        Address,
        AgendaItem,
        AgendaItemKind,
        AllDay,
        AttendanceStatus,
        Consent,
        ConsentPurpose,
        ContactKind,
        ContactPoint,
        Coordinates,
        Course,
        CourseStatus,
        CourseType,
        Decision,
        Entity,
        Event,
        EventKind,
        FundingProgramme,
        Goal,
        Invitation,
        Meeting,
        MeetingKind,
        MeetingStatus,
        Membership,
        Minutes,
        Network,
        NetworkData,
        NetworkPart,
        Organization,
        OrganizationKind,
        Person,
        ProviderCapacity,
        Region,
        Registration,
        Role,
        Room,
        State,
        Task,
        TaskStatus,
        Timed,
        Venue,
        Waitlist,
        WorkingGroup,
        entity_type_name,
        is_valid_id,
    )
    from integrationsnetz.plugins import PluginHost, default_host
    from integrationsnetz.serialization import SCHEMA_VERSION, Codec
    from integrationsnetz.store import Store, StoreBackend, StoreURL, open_store

# Where each public name lives; a test checks this agrees with __all__ and the imports above.
_EXPORTS: dict[str, tuple[str, ...]] = {
    "integrationsnetz.documents": ("documents",),
    "integrationsnetz.errors": (
        "Conflict",
        "ExportError",
        "IntegrationsnetzError",
        "InvalidData",
        "NotFound",
        "PluginError",
        "ScheduleError",
        "SchemaVersionError",
        "StoreError",
    ),
    "integrationsnetz.export": (
        "CsvOptions",
        "ExportOptions",
        "IcsMethod",
        "IcsOptions",
        "export",
    ),
    "integrationsnetz.hookspecs": ("hookimpl",),
    "integrationsnetz.ingest": (
        "ImportOptions",
        "ImportResult",
        "import_from",
    ),
    "integrationsnetz.integrity": (
        "Problem",
        "check",
    ),
    "integrationsnetz.model": (
        "COLLECTIONS",
        "ENTITY_TYPES",
        "Address",
        "AgendaItem",
        "AgendaItemKind",
        "AllDay",
        "AttendanceStatus",
        "Consent",
        "ConsentPurpose",
        "ContactKind",
        "ContactPoint",
        "Coordinates",
        "Course",
        "CourseStatus",
        "CourseType",
        "Decision",
        "Entity",
        "Event",
        "EventKind",
        "FundingProgramme",
        "Goal",
        "Invitation",
        "Meeting",
        "MeetingKind",
        "MeetingStatus",
        "Membership",
        "Minutes",
        "Network",
        "NetworkData",
        "NetworkPart",
        "Organization",
        "OrganizationKind",
        "Person",
        "ProviderCapacity",
        "Region",
        "Registration",
        "Role",
        "Room",
        "State",
        "Task",
        "TaskStatus",
        "Timed",
        "Venue",
        "Waitlist",
        "WorkingGroup",
        "entity_type_name",
        "is_valid_id",
    ),
    "integrationsnetz.plugins": (
        "PluginHost",
        "default_host",
    ),
    "integrationsnetz.serialization": (
        "SCHEMA_VERSION",
        "Codec",
    ),
    "integrationsnetz.store": (
        "Store",
        "StoreBackend",
        "StoreURL",
        "open_store",
    ),
}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = [
    "COLLECTIONS",
    "ENTITY_TYPES",
    "SCHEMA_VERSION",
    "Address",
    "AgendaItem",
    "AgendaItemKind",
    "AllDay",
    "AttendanceStatus",
    "Codec",
    "Conflict",
    "Consent",
    "ConsentPurpose",
    "ContactKind",
    "ContactPoint",
    "Coordinates",
    "Course",
    "CourseStatus",
    "CourseType",
    "CsvOptions",
    "Decision",
    "Entity",
    "Event",
    "EventKind",
    "ExportError",
    "ExportOptions",
    "FundingProgramme",
    "Goal",
    "IcsMethod",
    "IcsOptions",
    "ImportOptions",
    "ImportResult",
    "IntegrationsnetzError",
    "InvalidData",
    "Invitation",
    "Meeting",
    "MeetingKind",
    "MeetingStatus",
    "Membership",
    "Minutes",
    "Network",
    "NetworkData",
    "NetworkPart",
    "NotFound",
    "Organization",
    "OrganizationKind",
    "Person",
    "PluginError",
    "PluginHost",
    "Problem",
    "ProviderCapacity",
    "Region",
    "Registration",
    "Role",
    "Room",
    "ScheduleError",
    "SchemaVersionError",
    "State",
    "Store",
    "StoreBackend",
    "StoreError",
    "StoreURL",
    "Task",
    "TaskStatus",
    "Timed",
    "Venue",
    "Waitlist",
    "WorkingGroup",
    "check",
    "default_host",
    "documents",
    "entity_type_name",
    "export",
    "hookimpl",
    "import_from",
    "is_valid_id",
    "open_store",
]


def __getattr__(name: str) -> Any:
    module_name = _MODULE_OF.get(name)
    if module_name is None:
        raise AttributeError(f"module 'integrationsnetz' has no attribute {name!r}")
    module = importlib.import_module(module_name)
    value = module if name == "documents" else getattr(module, name)
    globals()[name] = value  # the next access is an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """This package, keeping ``integrationsnetz.export`` the function.

    Importing the subpackage ``integrationsnetz.export`` binds it as an attribute of this package;
    the eager imports used to overwrite that with the function right after. Now the subpackage
    may be imported first at any time, so the binding is refused here instead.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "export" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
