"""Strategies for public events, all-day or timed."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import date, timedelta

from hypothesis import strategies as st

from integrationsnetz.model.events import AllDay, Event, EventKind, Timed
from integrationsnetz.testing.strategies._entity_fields import draws, network_ids, optional_ref, with_bookkeeping
from integrationsnetz.testing.strategies._primitives import (
    DEFAULT_MAX_DATE,
    DEFAULT_MIN_DATE,
    aware_datetimes,
    ids,
    later,
    names,
    optional,
    periods,
    texts,
    urls,
)

__all__ = ["all_days", "events", "timed"]


@functools.cache
def all_days() -> st.SearchStrategy[AllDay]:
    """Whole days, ``first_day`` to ``last_day`` inclusive."""
    return periods(open_end=False).map(lambda period: AllDay(first_day=period[0], last_day=period[1] or period[0]))


@functools.cache
def timed(*, min_date: date = DEFAULT_MIN_DATE, max_date: date = DEFAULT_MAX_DATE) -> st.SearchStrategy[Timed]:
    """A start and a later end (up to two days later)."""
    return st.builds(
        lambda start, length: Timed(start=start, end=later(start, length)),
        aware_datetimes(min_date=min_date, max_date=max_date),
        st.timedeltas(min_value=timedelta(minutes=1), max_value=timedelta(days=2)),
    )


@draws(Event)
def events(
    *,
    network_id: str | None = None,
    event_ids: st.SearchStrategy[str] | None = None,
    actor_ids: Sequence[str] | None = None,
    venue_ids: Sequence[str] | None = None,
) -> st.SearchStrategy[Event]:
    """A public event, all-day or timed."""
    return with_bookkeeping(
        st.builds(
            Event,
            id=event_ids if event_ids is not None else ids(prefix="event-"),
            network_id=network_ids(network_id),
            kind=st.sampled_from(list(EventKind)),
            title=names(),
            when=st.one_of(all_days(), timed()),
            organizer_id=optional_ref(actor_ids),
            venue_id=optional_ref(venue_ids),
            description=optional(texts()),
            url=optional(urls()),
            cancelled=st.booleans(),
        )
    )
