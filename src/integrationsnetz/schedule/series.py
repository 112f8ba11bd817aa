"""Deprecated: the series rules moved to :mod:`integrationsnetz.contract.series`.

The built-in plugin that teaches the converter to read them is
:mod:`integrationsnetz.schedule.series_converter`.
"""

from integrationsnetz.contract.series import *  # noqa: F403 - the old path's names, for one release
from integrationsnetz.moved import warn_moved

warn_moved(__name__, "integrationsnetz.contract.series")
