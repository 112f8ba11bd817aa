"""Who belongs to the network or a working group, in which role, since when."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import attrs

from integrationsnetz.model.entity import NetworkPart, refuse, validate_id, validate_optional_id
from integrationsnetz.model.field_types import typed_fields


class Role(StrEnum):
    """The part an actor plays in the network or a group."""

    COORDINATOR = "coordinator"
    CO_LEAD = "co_lead"
    MEMBER = "member"
    GUEST = "guest"


def _validate_until(instance: Membership, attribute: attrs.Attribute[date | None], value: date | None) -> None:
    if value is not None and value < instance.since:
        raise refuse(instance, attribute.name, f"{value.isoformat()} lies before since {instance.since.isoformat()}")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Membership(NetworkPart):
    """An actor's membership of the network (``group_id`` None) or of one working group.

    ``until`` is the last day; None means it still runs.
    """

    actor_id: str = attrs.field(validator=validate_id)
    role: Role = Role.MEMBER
    group_id: str | None = attrs.field(default=None, validator=validate_optional_id)
    since: date
    until: date | None = attrs.field(default=None, validator=_validate_until)

    def active(self, on: date) -> bool:
        """Whether the membership runs on ``on``."""
        return self.since <= on and (self.until is None or on <= self.until)

    def overlaps(self, other: Membership) -> bool:
        """Whether the two periods share a day."""
        self_end = self.until or date.max
        other_end = other.until or date.max
        return self.since <= other_end and other.since <= self_end
