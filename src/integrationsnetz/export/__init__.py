"""Deprecated: the exporters are :mod:`integrationsnetz.exporters` now.

``integrationsnetz.export`` is the export *function*; the subpackage of the same name hid it
(``inz.export.Exporter`` failed). The old module paths keep working for one release with a
DeprecationWarning: each ``integrationsnetz.export.X`` is the module ``integrationsnetz.exporters.X``.
Type checkers see only the new paths.
"""

import importlib
import pkgutil
import sys

import integrationsnetz.exporters as _exporters
from integrationsnetz.contract.exporters import *  # noqa: F403 - the old package's names, for one release
from integrationsnetz.exporters import *  # noqa: F403
from integrationsnetz.moved import warn_moved

warn_moved("integrationsnetz.export (the subpackage)", "integrationsnetz.exporters")

for _module in pkgutil.iter_modules(_exporters.__path__):
    sys.modules[f"{__name__}.{_module.name}"] = importlib.import_module(f"{_exporters.__name__}.{_module.name}")
