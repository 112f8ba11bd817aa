"""Public events the network runs or announces (job fairs, Fachtage): not meetings of members."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

import attrs

from integrationsnetz.model.entity import (
    NetworkPart,
    instant,
    refuse,
    validate_aware,
    validate_not_blank,
    validate_optional_id,
)
from integrationsnetz.model.field_types import typed_fields


class EventKind(StrEnum):
    """The sort of public event."""

    JOB_FAIR = "job_fair"
    SPECIALIST_DAY = "specialist_day"
    INFORMATION = "information"
    CULTURAL = "cultural"
    OTHER = "other"


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class AllDay:
    """An event that fills whole days, ``first_day`` to ``last_day`` inclusive."""

    first_day: date
    last_day: date

    def __attrs_post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise refuse(
                self, "last_day", f"{self.last_day.isoformat()} lies before first_day {self.first_day.isoformat()}"
            )


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Timed:
    """An event with a start and end time."""

    start: datetime = attrs.field(validator=validate_aware)
    end: datetime = attrs.field(validator=validate_aware)

    def __attrs_post_init__(self) -> None:
        if instant(self.end) <= instant(self.start):
            raise refuse(self, "end", f"{self.end.isoformat()} is not after start {self.start.isoformat()}")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Event(NetworkPart):
    """A public event, e.g. the district's job fair, with an all-day or timed ``when``."""

    kind: EventKind
    title: str = attrs.field(validator=validate_not_blank)
    when: AllDay | Timed
    organizer_id: str | None = attrs.field(default=None, validator=validate_optional_id)
    venue_id: str | None = attrs.field(default=None, validator=validate_optional_id)
    description: str | None = None
    url: str | None = None
    cancelled: bool = False

    @property
    def first_day(self) -> date:
        """The (local) day the event starts."""
        return self.when.first_day if isinstance(self.when, AllDay) else self.when.start.date()
