"""Fixtures for the planner tests: a host with the built-in plugins only."""

from __future__ import annotations

import pytest

from integrationsnetz.plugins import PluginHost


@pytest.fixture(scope="session")
def host() -> PluginHost:
    """The built-in plugins only, whatever is installed."""
    return PluginHost(entry_points=False)
