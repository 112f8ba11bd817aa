"""Strategies for funding programmes a network can apply to."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

from integrationsnetz.model.funding import FundingProgramme
from integrationsnetz.testing.strategies._entity_fields import draws, network_ids, optional_ref, with_bookkeeping
from integrationsnetz.testing.strategies._primitives import dates, ids, names, optional, texts, urls

__all__ = ["funding_programmes"]


@draws(FundingProgramme)
def funding_programmes(
    *,
    network_id: str | None = None,
    programme_ids: st.SearchStrategy[str] | None = None,
    funder_ids: Sequence[str] | None = None,
    max_size: int = 3,
) -> st.SearchStrategy[FundingProgramme]:
    """A funding programme, with its funder drawn from ``funder_ids`` when given."""
    return with_bookkeeping(
        st.builds(
            FundingProgramme,
            id=programme_ids if programme_ids is not None else ids(prefix="fp-"),
            network_id=network_ids(network_id),
            name=names(),
            funder_id=optional_ref(funder_ids),
            description=optional(texts()),
            url=optional(urls()),
            deadline=optional(dates()),
            topics=st.lists(texts(max_size=12), max_size=max_size).map(tuple),
        )
    )
