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
        InvalidField,
        NotFound,
        PluginError,
        ScheduleError,
        SchemaVersionError,
        StoreError,
        WrongType,
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

# The modules behind the names in __all__, lightest first: a name loads the modules up to the one
# that has it, so ``hookimpl`` never loads the model. A test checks every name resolves to the
# object its own module defines.
_SOURCES = (
    "errors",
    "hookspecs",
    "model",
    "serialization",
    "documents",
    "integrity",
    "store",
    "plugins",
    "export",
    "ingest",
)

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
    "InvalidField",
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
    "WrongType",
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
    if name not in __all__:
        raise AttributeError(f"module 'integrationsnetz' has no attribute {name!r}")
    if name == "documents":
        value: Any = importlib.import_module("integrationsnetz.documents")
    else:
        for source in _SOURCES:
            module = importlib.import_module(f"integrationsnetz.{source}")
            if name in vars(module) and not isinstance(vars(module)[name], types.ModuleType):
                value = vars(module)[name]
                break
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
