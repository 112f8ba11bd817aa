"""Strategies for meetings: agenda items, invitations, minutes with decisions, and the meeting itself."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from hypothesis import strategies as st

from integrationsnetz.model.meetings import (
    AgendaItem,
    AgendaItemKind,
    AttendanceStatus,
    Decision,
    Invitation,
    MailedVersion,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Minutes,
)
from integrationsnetz.testing.strategies._entity_fields import (
    bookkeeping,
    draws,
    network_ids,
    optional_ref,
    ref,
    ref_tuple,
)
from integrationsnetz.testing.strategies._primitives import (
    aware_datetimes,
    dates,
    drawn,
    ids,
    later,
    names,
    optional,
    texts,
    urls,
)

__all__ = ["agenda_items", "agenda_length", "decisions", "invitations", "meetings", "minutes"]


def agenda_items(*, actor_ids: Sequence[str] | None = None, max_size: int = 3) -> st.SearchStrategy[AgendaItem]:
    """An agenda item (TOP) with presenters drawn from ``actor_ids`` when given."""
    return st.builds(
        AgendaItem,
        kind=st.sampled_from(list(AgendaItemKind)),
        title=names(),
        presenter_ids=ref_tuple(actor_ids, max_size),
        minutes=optional(st.integers(0, 240)),
        description=optional(texts()),
    )


def agenda_length(agenda: Sequence[AgendaItem]) -> timedelta:
    """The time the agenda's items take: a valid meeting lasts at least that long."""
    return timedelta(minutes=sum(item.minutes or 0 for item in agenda))


def invitations(*, actor_ids: Sequence[str] | None = None) -> st.SearchStrategy[Invitation]:
    """An invitation and its attendance status."""
    return st.builds(Invitation, actor_id=ref(actor_ids), status=st.sampled_from(list(AttendanceStatus)))


def mailed_versions() -> st.SearchStrategy[MailedVersion]:
    """The version of a meeting last e-mailed: a ``SEQUENCE``, a digest (hex, as the mail room writes) and a time."""
    return st.builds(
        MailedVersion,
        sequence=st.integers(0, 10_000),
        digest=st.text("0123456789abcdef", min_size=8, max_size=64),
        sent_at=aware_datetimes(),
    )


def decisions(
    *, agenda_size: int | None = None, task_ids: Sequence[str] | None = None, max_size: int = 3
) -> st.SearchStrategy[Decision]:
    """A decision; its agenda item lies within ``agenda_size`` items when that is given."""
    if agenda_size is None:
        items: st.SearchStrategy[int | None] = optional(st.integers(0, 20))
    elif agenda_size == 0:
        items = st.none()
    else:
        items = optional(st.integers(0, agenda_size - 1))
    return st.builds(Decision, text=names(), agenda_item=items, task_ids=ref_tuple(task_ids, max_size))


def minutes(
    *,
    actor_ids: Sequence[str] | None = None,
    agenda_size: int | None = None,
    task_ids: Sequence[str] | None = None,
    max_size: int = 3,
) -> st.SearchStrategy[Minutes]:
    """The minutes of a meeting, with decisions."""
    return st.builds(
        Minutes,
        text=texts(max_size=40),
        recorded_by_id=optional_ref(actor_ids),
        decisions=st.lists(
            decisions(agenda_size=agenda_size, task_ids=task_ids, max_size=max_size), max_size=max_size
        ).map(tuple),
        approved_on=optional(dates()),
    )


@draws(Meeting)
def meetings(
    *,
    network_id: str | None = None,
    meeting_ids: st.SearchStrategy[str] | None = None,
    max_size: int = 3,
) -> st.SearchStrategy[Meeting]:
    """A meeting valid on its own, its agenda fitting its time; its references are random ids (see :func:`networks`)."""

    def build(draw: st.DrawFn) -> Meeting:
        start = draw(aware_datetimes())
        length = draw(st.timedeltas(min_value=timedelta(minutes=1), max_value=timedelta(hours=10)))
        agenda = tuple(draw(st.lists(agenda_items(max_size=max_size), max_size=max_size)))
        length = max(length, agenda_length(agenda))
        return Meeting(
            id=draw(meeting_ids if meeting_ids is not None else ids(prefix="mtg-")),
            network_id=draw(network_ids(network_id)),
            **draw(bookkeeping()),
            kind=draw(st.sampled_from(list(MeetingKind))),
            title=draw(names()),
            start=start,
            end=later(start, length),
            group_id=draw(optional(ids())),
            status=draw(st.sampled_from(list(MeetingStatus))),
            venue_id=draw(optional(ids())),
            room_id=draw(optional(ids())),
            organizer_id=draw(optional(ids())),
            moderator_id=draw(optional(ids())),
            invitations=tuple(draw(st.lists(invitations(), max_size=max_size))),
            agenda=agenda,
            minutes=draw(optional(minutes(agenda_size=len(agenda), max_size=max_size))),
            headcount=draw(optional(st.integers(0, 200))),
            series_id=draw(optional(ids())),
            description=draw(optional(texts())),
            online_url=draw(optional(urls())),
            mailed=draw(optional(mailed_versions())),
        )

    return drawn(build)
