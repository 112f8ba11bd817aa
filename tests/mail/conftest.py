"""The store fixture of the e-mail tests: a memory store holding the network of ``mailnet.py``."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import integrationsnetz as inz

sys.path.insert(0, str(Path(__file__).parent))  # tests/ is not a package: reach mailnet.py beside this file
from mailnet import network_data


@pytest.fixture
def store() -> Iterator[inz.Store]:
    """A memory store holding the test network."""
    with inz.open_store("memory://") as opened:
        inz.save_network(opened, network_data())
        yield opened
