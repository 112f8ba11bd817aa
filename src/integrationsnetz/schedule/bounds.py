"""Deprecated: moved to :mod:`integrationsnetz.contract.bounds`."""

from integrationsnetz.contract.bounds import *  # noqa: F403 - the old path's names, for one release
from integrationsnetz.moved import warn_moved

warn_moved(__name__, "integrationsnetz.contract.bounds")
