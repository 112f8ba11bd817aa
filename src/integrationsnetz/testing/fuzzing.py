"""Fuzzing any door of the library: mutated files in, the library's own error (or a result) out.

The strategies take a valid input and break it the way people and tools do: structurally (a
value replaced, a key dropped or added, a list item repeated) or byte by byte (flipped, inserted,
deleted, repeated, cut off). :func:`accepted_or_refused` runs one input under a time limit and
fails on anything but a result or an :class:`~integrationsnetz.errors.IntegrationsnetzError`. The
project's own fuzz profile (``tests/fuzz``) uses them on documents, planning files, CSV and ICS
files; a plugin author can point them at their importer the same way.
"""

from __future__ import annotations

import copy
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

try:
    from hypothesis import HealthCheck, settings
    from hypothesis import strategies as st
except ImportError as exc:
    raise ImportError(
        "integrationsnetz.testing.fuzzing needs hypothesis, which is not installed: "
        "pip install 'integrationsnetz[testing]'",
        name=exc.name,
    ) from exc

from integrationsnetz.errors import IntegrationsnetzError

T = TypeVar("T")

#: Seconds one input may take before it counts as a hang.
HANG_SECONDS = 20


def fuzz_settings(minimum: int = 300) -> settings:
    """Settings for one fuzz target: at least ``minimum`` examples, more when the profile asks.

    The loaded profile decides beyond that: the project's ``fuzz`` profile (``./dev fuzz``) runs
    20,000 examples per target.
    """
    return settings(
        max_examples=max(minimum, settings().max_examples),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


class Hang(Exception):
    """An input that took longer than :data:`HANG_SECONDS`."""


@contextmanager
def time_limit(seconds: int = HANG_SECONDS) -> Iterator[None]:
    """Fail the example (not the whole run) when it takes longer than ``seconds``."""

    def alarm(_signum: int, _frame: Any) -> None:
        raise Hang(f"an input took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def accepted_or_refused(call: Callable[[], T]) -> T | IntegrationsnetzError:
    """Run ``call``: its result, or the library's error it raised; anything else fails the test."""
    with time_limit():
        try:
            return call()
        except IntegrationsnetzError as error:
            if not str(error):
                raise AssertionError(f"{type(error).__name__} without a message") from error
            return error


# --- mutations -----------------------------------------------------------------------------------

_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(["", " ", "2024-10-14", "2024-10-14T09:00:00+02:00[Europe/Berlin]", "network", "\u2028", "../x"]),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


def _paths(tree: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            yield from _paths(value, (*prefix, index))


def _parent(tree: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        tree = tree[step]
    return tree


@st.composite
def mutated_tree(draw: st.DrawFn, tree: Any, *, max_mutations: int = 3) -> Any:
    """``tree`` (plain data from a valid file) with one to three structural mutations."""
    tree = copy.deepcopy(tree)
    for _ in range(draw(st.integers(1, max_mutations))):
        paths = [path for path in _paths(tree) if path]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent, key = _parent(tree, path), path[-1]
        operation = draw(st.sampled_from(["replace", "delete", "add", "duplicate", "wrap"]))
        if operation == "replace":
            parent[key] = draw(_VALUES)
        elif operation == "delete":
            del parent[key]
        elif operation == "add" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=10))] = draw(_VALUES)
        elif operation == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))
        elif operation == "wrap":
            parent[key] = [parent[key]]
    return tree


@st.composite
def mutated_bytes(draw: st.DrawFn, payload: bytes, *, max_mutations: int = 4) -> bytes:
    """``payload`` with a few bytes flipped, inserted, deleted or a slice repeated."""
    data = bytearray(payload)
    for _ in range(draw(st.integers(1, max_mutations))):
        if not data:
            data += draw(st.binary(min_size=1, max_size=8))
            continue
        at = draw(st.integers(0, len(data) - 1))
        operation = draw(st.sampled_from(["flip", "insert", "delete", "repeat", "truncate"]))
        if operation == "flip":
            data[at] = draw(st.integers(0, 255))
        elif operation == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16) | st.sampled_from([b"\r", b"\n", b";", b'"', b"\0"]))
        elif operation == "delete":
            del data[at : at + draw(st.integers(1, 16))]
        elif operation == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 64))] * draw(st.integers(2, 50))
        else:
            del data[at:]
    return bytes(data)
