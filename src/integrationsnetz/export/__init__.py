"""Deprecated: the exporters are :mod:`integrationsnetz.exporters` now.

``integrationsnetz.export`` is the export *function*; the subpackage of the same name hid it
(``inz.export.Exporter`` failed). The old module paths keep working for one release with a
DeprecationWarning: each ``integrationsnetz.export.X`` is the module ``integrationsnetz.exporters.X``.
"""

import importlib
import pkgutil
import sys
import warnings

import integrationsnetz.exporters as _exporters
from integrationsnetz.exporters import *  # noqa: F403 - the old package's names, for one release

warnings.warn(
    "integrationsnetz.export (the subpackage) is now integrationsnetz.exporters; "
    "the old name is removed in the next release",
    DeprecationWarning,
    stacklevel=2,
)

for _module in pkgutil.iter_modules(_exporters.__path__):
    sys.modules[f"{__name__}.{_module.name}"] = importlib.import_module(f"{_exporters.__name__}.{_module.name}")
