"""Fixtures for the store tests: a plugin host with the built-in backends only."""

from __future__ import annotations

import pytest

from integrationsnetz.plugins import PluginHost


@pytest.fixture
def builtin_host() -> PluginHost:
    """A host with the built-in plugins and nothing installed: tests do not depend on the environment."""
    return PluginHost(entry_points=False)
