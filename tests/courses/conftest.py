"""Fixtures for the course tests: a small district network to hang courses on."""

from __future__ import annotations

import pytest

from integrationsnetz.model.networks import Network, Region, State


@pytest.fixture
def network() -> Network:
    """The Wartburgkreis network (only what the course figures need)."""
    return Network(
        id="wak",
        name="Netzwerk Integration Wartburgkreis",
        region=Region(name="Wartburgkreis", state=State.TH, ags="16063"),
    )
