"""integrationsnetz: the data, plans and calendars of a district's integration network.

The public API is re-exported here: the model classes, documents, the integrity check, the
plugin host and ``hookimpl`` for plugin authors, ``open_store`` for storage (``save_network`` and
``load_network`` for a whole network), ``export`` for calendars, documents and spreadsheets.

Each name loads its module on first use (PEP 562), so ``import integrationsnetz`` is cheap: a
plugin that only needs ``hookimpl``, or a tool that only reads ``--help``, never builds the model
classes or the converter. ``from integrationsnetz import Meeting`` works as usual.

This package is the top of the house (``docs/explanation/architecture.md``): it is the one place
that knows the concrete plugin host, and it gives the features below their default host.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from integrationsnetz.contract.registries import provide_default_host

if TYPE_CHECKING:
    from integrationsnetz import documents as documents
    from integrationsnetz.contract.host import Host as Host
    from integrationsnetz.contract.registries import Registries as Registries
    from integrationsnetz.errors import *  # noqa: F403 - every error, as errors.__all__ lists them
    from integrationsnetz.exporters import CsvOptions as CsvOptions
    from integrationsnetz.exporters import ExportOptions as ExportOptions
    from integrationsnetz.exporters import IcsMethod as IcsMethod
    from integrationsnetz.exporters import IcsOptions as IcsOptions
    from integrationsnetz.exporters import export as export
    from integrationsnetz.hookspecs import hookimpl as hookimpl
    from integrationsnetz.ingest import BusyTimes as BusyTimes
    from integrationsnetz.ingest import ImportChanges as ImportChanges
    from integrationsnetz.ingest import ImportOptions as ImportOptions
    from integrationsnetz.ingest import ImportResult as ImportResult
    from integrationsnetz.ingest import compare_import as compare_import
    from integrationsnetz.ingest import import_from as import_from
    from integrationsnetz.ingest import read_busy as read_busy
    from integrationsnetz.ingest import save_import as save_import
    from integrationsnetz.integrity import Problem as Problem
    from integrationsnetz.integrity import check as check
    from integrationsnetz.mail import Outbox as Outbox
    from integrationsnetz.mail import Reply as Reply
    from integrationsnetz.mail import ReplyReport as ReplyReport
    from integrationsnetz.mail import SmtpSettings as SmtpSettings
    from integrationsnetz.mail import apply_replies as apply_replies
    from integrationsnetz.mail import compose_invitations as compose_invitations
    from integrationsnetz.mail import read_imap as read_imap
    from integrationsnetz.mail import read_replies as read_replies
    from integrationsnetz.mail import send as send
    from integrationsnetz.mail import write_eml as write_eml
    from integrationsnetz.model import *  # noqa: F403 - every model name, as model.__all__ lists them
    from integrationsnetz.plugins import PluginHost as PluginHost
    from integrationsnetz.plugins import default_host as default_host
    from integrationsnetz.serialization import SCHEMA_VERSION as SCHEMA_VERSION
    from integrationsnetz.serialization import Codec as Codec
    from integrationsnetz.store import Store as Store
    from integrationsnetz.store import StoreBackend as StoreBackend
    from integrationsnetz.store import StoreURL as StoreURL
    from integrationsnetz.store import load_network as load_network
    from integrationsnetz.store import open_store as open_store
    from integrationsnetz.store import save_network as save_network

# Where each public name comes from, lightest module first: a name loads the modules up to the
# one that has it, so ``hookimpl`` never loads the model. ``"*"`` takes the module's ``__all__``,
# the one list of its names. The block above says the same to type checkers; tests/core/test_imports.py
# checks that the two agree and that every name resolves to the object its own module defines.
_SOURCES: dict[str, tuple[str, ...] | str] = {
    "errors": "*",
    "hookspecs": ("hookimpl",),
    "contract.host": ("Host",),
    "contract.registries": ("Registries",),
    "model": "*",
    "serialization": ("SCHEMA_VERSION", "Codec"),
    "integrity": ("Problem", "check"),
    "store": ("Store", "StoreBackend", "StoreURL", "load_network", "open_store", "save_network"),
    "plugins": ("PluginHost", "default_host"),
    "exporters": ("CsvOptions", "ExportOptions", "IcsMethod", "IcsOptions", "export"),
    "ingest": (
        "BusyTimes",
        "ImportChanges",
        "ImportOptions",
        "ImportResult",
        "compare_import",
        "import_from",
        "read_busy",
        "save_import",
    ),
    "mail": (
        "Outbox",
        "Reply",
        "ReplyReport",
        "SmtpSettings",
        "apply_replies",
        "compose_invitations",
        "read_imap",
        "read_replies",
        "send",
        "write_eml",
    ),
}
_MODULES = ("documents",)


def _names_of(source: str) -> tuple[str, ...]:
    names = _SOURCES[source]
    if names == "*":
        return tuple(importlib.import_module(f"integrationsnetz.{source}").__all__)
    return tuple(names)


def _default_host() -> Registries:
    from integrationsnetz.plugins import default_host

    return default_host()


provide_default_host(_default_host)


if not TYPE_CHECKING:  # type checkers read the block above, so a misspelt name is an error there

    def __getattr__(name: str) -> Any:
        if name == "__all__":
            value: Any = sorted({*_MODULES, *(name for source in _SOURCES for name in _names_of(source))})
        elif name in _MODULES:
            value = importlib.import_module(f"integrationsnetz.{name}")
        else:
            for source in _SOURCES:
                if name in _names_of(source):
                    value = getattr(importlib.import_module(f"integrationsnetz.{source}"), name)
                    break
            else:
                raise AttributeError(f"module 'integrationsnetz' has no attribute {name!r}")
        globals()[name] = value  # the next access is an ordinary attribute
        return value

    def __dir__() -> list[str]:
        return sorted({*__getattr__("__all__"), *(name for name in globals() if name.startswith("__"))})


class _Package(types.ModuleType):
    """This package, keeping ``integrationsnetz.export`` the function while the old subpackage exists.

    The subpackage ``integrationsnetz.export`` was renamed ``integrationsnetz.exporters`` after 0.1;
    for one release the old name still imports (with a DeprecationWarning), and importing it
    would bind the module over the function. Remove with ``integrationsnetz/export/``.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "export" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
