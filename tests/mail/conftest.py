"""Fixtures of the mail tests: REPLY messages in the clients' forms (``client_replies.py``) and a memory
store holding the network of ``mailnet.py`` for the sending tests."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import integrationsnetz as inz

sys.path.insert(0, str(Path(__file__).parent))  # tests/ is not a package: reach the modules beside this file
from client_replies import reply_message
from mailnet import network_data


@pytest.fixture(scope="session")
def build_reply() -> object:
    """:func:`reply_message` for the tests (conftest modules cannot be imported by name)."""
    return reply_message


@pytest.fixture
def store() -> Iterator[inz.Store]:
    """A memory store holding the test network of ``mailnet.py``."""
    with inz.open_store("memory://") as opened:
        inz.save_network(opened, network_data())
        yield opened
