"""How to reach an actor, a venue or the network: contact points and postal addresses.

Contact details of a person are personal data: the model keeps them optional and exporters leave
them out unless asked.
"""

from __future__ import annotations

from enum import StrEnum

import attrs

from integrationsnetz.model.entity import refuse, validate_not_blank
from integrationsnetz.model.field_types import typed_fields


class ContactKind(StrEnum):
    """The channel of a contact point."""

    PHONE = "phone"
    EMAIL = "email"
    WEB = "web"
    FAX = "fax"


def _validate_contact_value(instance: ContactPoint, attribute: attrs.Attribute[str], value: str) -> None:
    validate_not_blank(instance, attribute, value)
    if instance.kind is ContactKind.EMAIL and ("@" not in value or value.startswith("@") or value.endswith("@")):
        raise refuse(instance, attribute.name, f"expected an e-mail address, got {value!r}")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class ContactPoint:
    """One way to reach someone, e.g. the network's public phone line or functional mailbox."""

    kind: ContactKind
    value: str = attrs.field(validator=_validate_contact_value)
    label: str | None = None


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Address:
    """A German postal address; ``postal_code`` is kept as text (leading zeros matter)."""

    street: str | None = None
    postal_code: str | None = None
    city: str = attrs.field(validator=validate_not_blank)

    def one_line(self) -> str:
        """The address as it goes on a calendar entry or an invitation."""
        place = " ".join(part for part in (self.postal_code, self.city) if part)
        return ", ".join(part for part in (self.street, place) if part)
