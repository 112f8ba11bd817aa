"""Strategies for the network's actors: organisations, and persons with their consents."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from hypothesis import strategies as st

from integrationsnetz.model.actors import Consent, ConsentPurpose, Organization, OrganizationKind, Person
from integrationsnetz.testing.strategies._contacts import addresses, contact_points
from integrationsnetz.testing.strategies._entity_fields import draws, network_ids, optional_ref, with_bookkeeping
from integrationsnetz.testing.strategies._primitives import ids, names, optional, periods, texts, urls

__all__ = ["consents", "organizations", "persons"]


@functools.cache
def consents() -> st.SearchStrategy[Consent]:
    """A recorded consent, sometimes withdrawn later."""
    return st.builds(
        lambda purpose, period: Consent(purpose=purpose, given_on=period[0], withdrawn_on=period[1]),
        st.sampled_from(list(ConsentPurpose)),
        periods(),
    )


@draws(Organization)
def organizations(
    *,
    network_id: str | None = None,
    org_ids: st.SearchStrategy[str] | None = None,
    parent_ids: Sequence[str] | None = None,
) -> st.SearchStrategy[Organization]:
    """An organisation; its parent comes from ``parent_ids`` when given."""
    return with_bookkeeping(
        st.builds(
            Organization,
            id=org_ids if org_ids is not None else ids(prefix="org-"),
            network_id=network_ids(network_id),
            name=names(),
            kind=st.sampled_from(list(OrganizationKind)),
            short_name=optional(names(max_size=8)),
            parent_id=optional_ref(parent_ids),
            address=optional(addresses()),
            contacts=st.lists(contact_points(), max_size=2).map(tuple),
            website=optional(urls()),
            description=optional(texts()),
        )
    )


@draws(Person)
def persons(
    *,
    network_id: str | None = None,
    person_ids: st.SearchStrategy[str] | None = None,
    organization_ids: Sequence[str] | None = None,
) -> st.SearchStrategy[Person]:
    """A person, described by function; name, contacts and consents are optional (personal data)."""
    return with_bookkeeping(
        st.builds(
            Person,
            id=person_ids if person_ids is not None else ids(prefix="person-"),
            network_id=network_ids(network_id),
            function=names(),
            name=optional(names()),
            affiliation_id=optional_ref(organization_ids),
            contacts=st.lists(contact_points(), max_size=2).map(tuple),
            consents=st.lists(consents(), max_size=2).map(tuple),
        )
    )
