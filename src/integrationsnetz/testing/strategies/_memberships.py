"""Strategies for memberships: an actor's role in the network or in one of its groups, for a while."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

from integrationsnetz.model.memberships import Membership, Role
from integrationsnetz.testing.strategies._entity_fields import draws, network_ids, optional_ref, ref, with_bookkeeping
from integrationsnetz.testing.strategies._primitives import ids, periods

__all__ = ["memberships"]


@draws(Membership)
def memberships(
    *,
    network_id: str | None = None,
    membership_ids: st.SearchStrategy[str] | None = None,
    actor_ids: Sequence[str] | None = None,
    group_ids: Sequence[str] | None = None,
) -> st.SearchStrategy[Membership]:
    """A membership of the network or a group, with a period that may still run."""
    return with_bookkeeping(
        st.builds(
            lambda period, **fields: Membership(since=period[0], until=period[1], **fields),
            periods(),
            id=membership_ids if membership_ids is not None else ids(prefix="mem-"),
            network_id=network_ids(network_id),
            actor_id=ref(actor_ids),
            role=st.sampled_from(list(Role)),
            group_id=optional_ref(group_ids),
        )
    )
