"""Deprecated: moved to :mod:`integrationsnetz.contract.constraints`."""

from integrationsnetz.contract.constraints import *  # noqa: F403 - the old path's names, for one release
from integrationsnetz.moved import warn_moved

warn_moved(__name__, "integrationsnetz.contract.constraints")
