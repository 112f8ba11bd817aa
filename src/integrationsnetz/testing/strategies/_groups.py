"""Strategies for working groups with their goals and tasks."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

from integrationsnetz.model.groups import Goal, Task, TaskStatus, WorkingGroup
from integrationsnetz.testing.strategies._entity_fields import bookkeeping, draws, network_ids, optional_ref
from integrationsnetz.testing.strategies._primitives import dates, drawn, ids, names, optional, periods, texts

__all__ = ["goals", "tasks", "working_groups"]


def goals(*, goal_ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Goal]:
    """A goal of a working group."""
    return st.builds(
        Goal,
        id=goal_ids if goal_ids is not None else ids(prefix="goal-"),
        title=names(),
        description=optional(texts()),
        achieved=st.booleans(),
    )


def tasks(
    *,
    task_ids: st.SearchStrategy[str] | None = None,
    actor_ids: Sequence[str] | None = None,
    goal_ids: Sequence[str] | None = None,
    meeting_ids: Sequence[str] | None = None,
) -> st.SearchStrategy[Task]:
    """An action item; owner, goal and originating meeting are drawn from the pools when given."""
    return st.builds(
        Task,
        id=task_ids if task_ids is not None else ids(prefix="task-"),
        title=names(),
        owner_id=optional_ref(actor_ids),
        status=st.sampled_from(list(TaskStatus)),
        due=optional(dates()),
        goal_id=optional_ref(goal_ids),
        origin_meeting_id=optional_ref(meeting_ids),
    )


@draws(WorkingGroup)
def working_groups(
    *,
    network_id: str | None = None,
    group_ids: st.SearchStrategy[str] | None = None,
    actor_ids: Sequence[str] | None = None,
    meeting_ids: Sequence[str] | None = None,
    max_size: int = 3,
) -> st.SearchStrategy[WorkingGroup]:
    """A working group with goals and tasks; tasks refer to the group's own goals."""

    def build(draw: st.DrawFn) -> WorkingGroup:
        founded, dissolved = draw(periods())
        group_goals = draw(st.lists(goals(), max_size=max_size, unique_by=lambda goal: goal.id))
        group_tasks = draw(
            st.lists(
                tasks(actor_ids=actor_ids, goal_ids=[goal.id for goal in group_goals], meeting_ids=meeting_ids),
                max_size=max_size,
                unique_by=lambda task: task.id,
            )
        )
        return WorkingGroup(
            id=draw(group_ids if group_ids is not None else ids(prefix="ag-")),
            network_id=draw(network_ids(network_id)),
            **draw(bookkeeping()),
            name=draw(names()),
            topic=draw(names()),
            founded=founded,
            dissolved=dissolved,
            description=draw(optional(texts())),
            goals=tuple(group_goals),
            tasks=tuple(group_tasks),
        )

    return drawn(build)
