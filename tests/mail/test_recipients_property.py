"""For any invitees, addresses and consents: exactly the consenting invitees with an address get a message.

Everyone else invited is in ``not_reached``: nobody is dropped silently and nobody is mailed twice.
"""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import integrationsnetz as inz
from integrationsnetz.mail import compose_invitations
from integrationsnetz.model import (
    Consent,
    ConsentPurpose,
    ContactKind,
    ContactPoint,
    Invitation,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Organization,
    OrganizationKind,
    Person,
)

sys.path.insert(0, str(Path(__file__).parent))  # tests/ is not a package: reach mailnet.py
from mailnet import AS_OF, BERLIN, NETWORK, network_data

DAYS = st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 6, 1))


@st.composite
def invitee(draw: st.DrawFn, number: int) -> tuple[Person | Organization, bool]:
    """A person or organisation, with or without an address and consents; whether it should be mailed."""
    actor_id = f"a-{number}"
    address = draw(st.booleans())
    contacts = (ContactPoint(kind=ContactKind.EMAIL, value=f"{actor_id}@example.org"),) if address else ()
    if draw(st.booleans()):
        return Organization(network_id=NETWORK, id=actor_id, name=f"Verein Nr. {number}", kind=OrganizationKind.OTHER,
                            contacts=contacts), address  # fmt: skip
    consents = []
    for purpose in draw(st.sets(st.sampled_from(list(ConsentPurpose)))):
        given_on = draw(DAYS)
        withdrawn = draw(st.none() | st.integers(0, 400).map(lambda days, g=given_on: g + timedelta(days=days)))
        consents.append(Consent(purpose=purpose, given_on=given_on, withdrawn_on=withdrawn))
    person = Person(network_id=NETWORK, id=actor_id, function="Beratung", name=f"Jörg Nummer {number}",
                    contacts=contacts, consents=tuple(consents))  # fmt: skip
    return person, address and person.consented(ConsentPurpose.INVITATIONS, AS_OF)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), count=st.integers(0, 8), bcc=st.booleans())
def test_recipients_are_exactly_the_consenting_with_an_address(data: st.DataObject, count: int, bcc: bool) -> None:
    drawn = [data.draw(invitee(number)) for number in range(count)]
    base = network_data()
    start = datetime(2027, 2, 2, 10, tzinfo=BERLIN)
    meeting = Meeting(network_id=NETWORK, id="m-prop", kind=MeetingKind.NETWORK, title="Plenum", start=start,
                      end=start + timedelta(hours=2), status=MeetingStatus.PLANNED, organizer_id="lra",
                      invitations=tuple(Invitation(actor_id=actor.id) for actor, _ in drawn))  # fmt: skip
    people = tuple(a for a, _ in drawn if isinstance(a, Person))
    orgs = tuple(a for a, _ in drawn if isinstance(a, Organization))
    network = inz.NetworkData(network=base.network, organizations=(*base.organizations, *orgs),
                              persons=people, meetings=(meeting,))  # fmt: skip
    with inz.open_store("memory://") as store:
        inz.save_network(store, network)
        outbox = compose_invitations(store, "m-prop", as_of=AS_OF, one_message_bcc=bcc)
    expected = {actor.id for actor, mailed in drawn if mailed}
    assert sorted(outbox.actor_ids) == sorted(expected)  # each once
    addresses = [address for message in outbox.messages for address in message.addresses]
    assert sorted(addresses) == sorted(f"{actor_id}@example.org" for actor_id in expected)
    assert {entry.actor_id for entry in outbox.not_reached} == {actor.id for actor, _ in drawn} - expected
    for message in outbox.messages:  # the headers name no one else
        shown = {a.addr_spec for name in ("To", "Cc", "Bcc") for a in getattr(message.message[name], "addresses", ())}
        assert shown - {outbox.sender} <= set(message.addresses)
