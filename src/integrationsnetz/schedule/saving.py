"""Writing a plan into a store, so the store holds exactly what the plan's report says.

Planned and cancelled meetings are written, withdrawn ones deleted, all in one transaction: a
failure leaves the store as it was. Meetings that did not change are not written again, so their
revision (a calendar's ``SEQUENCE``) stays and subscribers see no false update.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from integrationsnetz.model.meetings import Meeting
from integrationsnetz.schedule.plans import Plan

if TYPE_CHECKING:
    from integrationsnetz.store import Store


def save_plan(store: Store, plan: Plan, before: Sequence[Meeting]) -> int:
    """Write ``plan`` into ``store``; ``before`` are the meetings the plan was made from.

    Returns how many meetings were written (deletions not counted).
    """
    old = {meeting.id: meeting for meeting in before}
    changed = [meeting for meeting in plan.meetings if old.get(meeting.id) != meeting]
    with store.transaction():
        if changed:
            store.put_many(changed)
        for meeting in plan.withdrawn:
            store.delete(Meeting, meeting.id)
    return len(changed)
