"""Strategies for a network itself: its region and the :class:`Network` entity without its parts.

A whole network with all its parts is :func:`~integrationsnetz.testing.strategies.networks`.
"""

from __future__ import annotations

import functools

from hypothesis import strategies as st

from integrationsnetz.model.networks import STATE_BY_AGS_PREFIX, Network, Region
from integrationsnetz.testing.strategies._contacts import contact_points
from integrationsnetz.testing.strategies._entity_fields import bookkeeping, draws, network_ids
from integrationsnetz.testing.strategies._primitives import drawn, names, optional, periods, texts, urls

__all__ = ["bare_networks", "regions"]


@functools.cache
def regions() -> st.SearchStrategy[Region]:
    """A district or city whose official key (AGS) agrees with its state."""
    prefixes = st.sampled_from(sorted(STATE_BY_AGS_PREFIX))

    def build(draw: st.DrawFn) -> Region:
        prefix = draw(prefixes)
        digits = draw(st.sampled_from((0, 3, 6)))
        rest = "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=digits, max_size=digits)))
        return Region(name=draw(names()), state=STATE_BY_AGS_PREFIX[prefix], ags=prefix + rest)

    return drawn(build)


@draws(Network)
@functools.cache
def bare_networks(*, network_id: str | None = None) -> st.SearchStrategy[Network]:
    """A :class:`Network` entity alone (for a whole network with its parts use :func:`networks`)."""

    def build(draw: st.DrawFn) -> Network:
        founded, dissolved = draw(optional(periods()).map(lambda period: period or (None, None)))
        return Network(
            id=draw(network_ids(network_id)),
            **draw(bookkeeping()),
            name=draw(names()),
            region=draw(regions()),
            founded=founded,
            dissolved=dissolved,
            description=draw(optional(texts(max_size=40))),
            contacts=tuple(draw(st.lists(contact_points(), max_size=2))),
            website=draw(optional(urls())),
            language=draw(st.sampled_from(("de", "en"))),
        )

    return drawn(build)
