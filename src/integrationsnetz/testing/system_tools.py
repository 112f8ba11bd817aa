"""Debian packages some tests need: skipped outside CI with the command that installs them, failed in CI.

``.ci/run`` installs them when it runs as root, so in CI (``CI=true``) a missing tool is a broken
setup, and a check that needs it must never pass by being skipped.
"""

from __future__ import annotations

import os
import shutil
from typing import NoReturn

import pytest


def in_ci() -> bool:
    """Whether the tests run in CI (``CI`` set to anything but empty, 0, false or no)."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def give_up(message: str) -> NoReturn:
    """Skip the test with ``message``, or fail it in CI."""
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)


def need(*tools: str, install: str) -> None:
    """Give up (skip, or fail in CI) unless every one of ``tools`` is on the PATH; ``install`` says how to get them."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        give_up(f"{', '.join(missing)} not installed: {install}")
