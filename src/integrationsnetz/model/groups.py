"""Working groups (Arbeitsgruppen) with their goals and tasks."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import attrs

from integrationsnetz.model.entity import NetworkPart, refuse, validate_id, validate_not_blank, validate_optional_id
from integrationsnetz.model.field_types import typed_fields


class TaskStatus(StrEnum):
    """Where an action item stands."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Goal:
    """What a group wants to achieve, e.g. "more companies at the job fair"."""

    id: str = attrs.field(validator=validate_id)
    title: str = attrs.field(validator=validate_not_blank)
    description: str | None = None
    achieved: bool = False


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Task:
    """An action item: who does what by when, and which goal or meeting it serves."""

    id: str = attrs.field(validator=validate_id)
    title: str = attrs.field(validator=validate_not_blank)
    owner_id: str | None = attrs.field(default=None, validator=validate_optional_id)
    status: TaskStatus = TaskStatus.OPEN
    due: date | None = None
    goal_id: str | None = attrs.field(default=None, validator=validate_optional_id)
    origin_meeting_id: str | None = attrs.field(default=None, validator=validate_optional_id)

    @property
    def is_open(self) -> bool:
        """Open or in progress: still somebody's job."""
        return self.status in (TaskStatus.OPEN, TaskStatus.IN_PROGRESS)


def _validate_dissolved(instance: WorkingGroup, attribute: attrs.Attribute[date | None], value: date | None) -> None:
    if value is not None and value < instance.founded:
        founded = instance.founded.isoformat()
        raise refuse(instance, attribute.name, f"{value.isoformat()} lies before founded {founded}")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class WorkingGroup(NetworkPart):
    """A topic group of the network, co-led by the integration management and a partner.

    Co-leads and members are :class:`~integrationsnetz.model.Membership` records with
    ``group_id`` set to this group.
    """

    name: str = attrs.field(validator=validate_not_blank)
    topic: str = attrs.field(validator=validate_not_blank)
    founded: date
    dissolved: date | None = attrs.field(default=None, validator=_validate_dissolved)
    description: str | None = None
    goals: tuple[Goal, ...] = ()
    tasks: tuple[Task, ...] = ()

    def active(self, on: date) -> bool:
        """Whether the group exists on ``on``."""
        return self.founded <= on and (self.dissolved is None or on <= self.dissolved)
