"""Strategies for how an actor, a venue or a network is reached: addresses and contact points."""

from __future__ import annotations

import functools

from hypothesis import strategies as st

from integrationsnetz.model.contacts import Address, ContactKind, ContactPoint
from integrationsnetz.testing.strategies._primitives import ids, names, optional, texts, urls

__all__ = ["addresses", "contact_points"]


@functools.cache
def contact_points() -> st.SearchStrategy[ContactPoint]:
    """A phone number, e-mail address, web address or fax number with an optional label."""
    emails = st.builds("{}@{}.example".format, ids(max_size=10), ids(max_size=8))
    values_by_kind: dict[ContactKind, st.SearchStrategy[str]] = {
        ContactKind.EMAIL: emails,
        ContactKind.PHONE: st.sampled_from(("03695-615803", "+49 3695 615805", "0361 / 57 3811-0")),
        ContactKind.WEB: urls(),
        ContactKind.FAX: names(max_size=15),
    }
    return st.sampled_from(list(ContactKind)).flatmap(
        lambda kind: st.builds(ContactPoint, kind=st.just(kind), value=values_by_kind[kind], label=optional(texts()))
    )


@functools.cache
def addresses() -> st.SearchStrategy[Address]:
    """A postal address; street and postal code may be unknown, the city never is."""
    postal_codes = st.text("0123456789", min_size=5, max_size=5)
    return st.builds(Address, street=optional(names()), postal_code=optional(postal_codes), city=names())
