"""What every entity strategy shares: its network id, references into pools, bookkeeping stamps.

And the register behind :func:`~integrationsnetz.testing.strategies.entities`: each module names
the entity type its strategy draws with :func:`draws`, so the list of entity types stays the
model's own (:data:`integrationsnetz.model.ENTITY_TYPES`) and is not written again here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any, Protocol, TypeVar

import attrs
from hypothesis import strategies as st

from integrationsnetz.model.entity import Entity
from integrationsnetz.testing.strategies._primitives import aware_datetimes, ids, later, optional

__all__ = [
    "STRATEGY_OF",
    "EntityStrategy",
    "bookkeeping",
    "draws",
    "network_ids",
    "optional_ref",
    "ref",
    "ref_tuple",
    "restamp",
    "with_bookkeeping",
]

E = TypeVar("E", bound=Entity)


class EntityStrategy(Protocol):
    """A function returning a strategy for one entity type, all of one network if ``network_id`` is given."""

    def __call__(self, *, network_id: str | None = ...) -> st.SearchStrategy[Any]: ...


S = TypeVar("S", bound=EntityStrategy)

#: The strategy of each entity type, registered by :func:`draws` where the strategy is defined.
STRATEGY_OF: dict[type[Entity], EntityStrategy] = {}


def draws(cls: type[Entity]) -> Callable[[S], S]:
    """Register the decorated function as the strategy ``entities()`` uses for ``cls``."""

    def register(strategy: S) -> S:
        STRATEGY_OF[cls] = strategy
        return strategy

    return register


@functools.cache
def network_ids(network_id: str | None) -> st.SearchStrategy[str]:
    """``network_id`` when given, else any network id."""
    return st.just(network_id) if network_id is not None else ids(prefix="net-")


def ref(pool: Sequence[str] | None) -> st.SearchStrategy[str]:
    """A reference: an id from ``pool`` when given, else any valid id."""
    if pool is None:
        return ids()
    return st.sampled_from(list(pool))


def optional_ref(pool: Sequence[str] | None) -> st.SearchStrategy[str | None]:
    """An optional reference; always None when ``pool`` is given and empty."""
    if pool is not None and not pool:
        return st.none()
    return optional(ref(pool))


def ref_tuple(pool: Sequence[str] | None, max_size: int) -> st.SearchStrategy[tuple[str, ...]]:
    """Up to ``max_size`` references, distinct when drawn from ``pool``."""
    if pool is not None and not pool:
        return st.just(())
    if pool is not None:
        return st.lists(st.sampled_from(list(pool)), max_size=max_size, unique=True).map(tuple)
    return st.lists(ids(), max_size=max_size).map(tuple)


@functools.cache
def bookkeeping() -> st.SearchStrategy[dict[str, Any]]:
    """Either a new entity (revision 0, no stamps) or a stored one (created <= modified)."""
    return st.one_of(st.just({}), _stored())


@st.composite
def _stored(draw: st.DrawFn) -> dict[str, Any]:
    created = draw(aware_datetimes(min_date=date(2020, 1, 1), max_date=date(2026, 12, 31)))
    length = draw(st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=400)))
    return {"created": created, "modified": later(created, length), "revision": draw(st.integers(1, 50))}


def restamp(entity: E, extra: Mapping[str, Any]) -> E:
    """``entity`` with the bookkeeping fields of ``extra`` (from :func:`bookkeeping`)."""
    return attrs.evolve(entity, **extra) if extra else entity


def with_bookkeeping(strategy: st.SearchStrategy[E]) -> st.SearchStrategy[E]:
    """The entities of ``strategy``, new or stamped as stored (see :func:`bookkeeping`)."""
    return strategy.flatmap(lambda entity: bookkeeping().map(lambda extra: restamp(entity, extra)))
