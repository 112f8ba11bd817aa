"""What the planner is asked and what it answers: a :class:`PlanRequest` in, a :class:`Plan` out.

The plan holds the meetings and its report: one :class:`Adjustment` per session moved, dropped,
placed despite a soft constraint, at odds with a hard one, or withdrawn, each with the
constraints that caused it and a sentence for the coordinator.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from enum import StrEnum

import attrs

from integrationsnetz.contract.holidays import HolidayOverrides, Language
from integrationsnetz.contract.plan_context import Absence, Busy
from integrationsnetz.contract.series import Series
from integrationsnetz.model.field_types import typed_fields
from integrationsnetz.model.meetings import Meeting, MeetingStatus
from integrationsnetz.model.network_data import NetworkData
from integrationsnetz.model.networks import State
from integrationsnetz.model.venues import Venue


class Outcome(StrEnum):
    """What happened to a session, as the report tells it."""

    MOVED = "moved"
    DROPPED = "dropped"
    COMPROMISE = "compromise"
    CONFLICT = "conflict"
    WITHDRAWN = "withdrawn"


@attrs.frozen(kw_only=True)
class Adjustment:
    """One line of the report: a session moved, dropped, placed despite a soft constraint, or at odds.

    ``constraints`` are the codes of the constraints that caused it; ``message`` is the sentence
    for the coordinator in the plan's language. ``start`` is where the session went (None when
    dropped).
    """

    series_id: str
    meeting_id: str
    outcome: Outcome
    nominal: date
    start: datetime | None
    constraints: tuple[str, ...]
    message: str


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class PlanRequest:
    """Everything the planner needs for one run; build it with :meth:`for_network` from a network.

    ``existing`` are the meetings already in the store (any network's that share people or rooms
    may be included): confirmed, held and cancelled ones of the series stay as they are, planned
    ones are planned again under the same ids, all others are obstacles. ``absences`` are the
    days (:class:`Absence`) and hours (:class:`Busy`, e.g. from members' calendars) a participant
    cannot come; both move a session like a holiday does (``person-absent``). ``actor_ids`` and
    ``group_ids`` are the people, organisations and groups the network has (None: not checked);
    :meth:`for_network` fills them, so a series naming someone unknown is refused.
    """

    network_id: str
    state: State
    start: date
    end: date
    series: tuple[Series, ...]
    venues: tuple[Venue, ...] = ()
    existing: tuple[Meeting, ...] = ()
    absences: tuple[Absence | Busy, ...] = ()
    overrides: HolidayOverrides = attrs.field(factory=HolidayOverrides)
    labels: Mapping[str, str] = attrs.field(factory=dict)
    language: Language = "de"
    actor_ids: frozenset[str] | None = None
    group_ids: frozenset[str] | None = None

    @classmethod
    def for_network(
        cls,
        data: NetworkData,
        series: Sequence[Series],
        *,
        start: date,
        end: date,
        absences: Sequence[Absence | Busy] = (),
        overrides: HolidayOverrides | None = None,
        language: Language = "de",
        existing: Sequence[Meeting] | None = None,
    ) -> PlanRequest:
        """A request for ``data``'s network: its state, venues, meetings and the names to report with.

        People are named by their function, not their name: the report ends up in files.
        """
        labels: dict[str, str] = {}
        for person in data.persons:
            labels[person.id] = person.function
        for organization in data.organizations:
            labels[organization.id] = organization.short_name or organization.name
        for venue in data.venues:
            labels[venue.id] = venue.name
        for group in data.groups:
            labels[group.id] = group.name
        return cls(
            network_id=data.network.id,
            state=data.network.region.state,
            start=start,
            end=end,
            series=tuple(series),
            venues=data.venues,
            existing=tuple(data.meetings if existing is None else existing),
            absences=tuple(absences),
            overrides=overrides or HolidayOverrides(),
            labels=labels,
            language=language,
            actor_ids=frozenset(person.id for person in data.persons)
            | frozenset(organization.id for organization in data.organizations),
            group_ids=frozenset(group.id for group in data.groups),
        )


@attrs.frozen(kw_only=True)
class Plan:
    """The planner's answer: the meetings of every series in the period and what had to change.

    ``meetings`` holds kept (confirmed, held, cancelled) and newly planned meetings, ordered by
    start, and the sessions an earlier plan had placed that this one dropped, now cancelled.
    ``withdrawn`` are planned meetings of these series from an earlier plan that the rules no
    longer ask for; :func:`save_plan` deletes them. ``warnings`` say what the plan could not
    take into account, e.g. school holidays nobody has data for yet.
    """

    meetings: tuple[Meeting, ...]
    report: tuple[Adjustment, ...]
    withdrawn: tuple[Meeting, ...] = ()
    language: Language = "de"
    warnings: tuple[str, ...] = ()

    def of_series(self, series_id: str) -> tuple[Meeting, ...]:
        """The meetings of one series."""
        return tuple(meeting for meeting in self.meetings if meeting.series_id == series_id)

    def live(self) -> tuple[Meeting, ...]:
        """The meetings that take place: every one not cancelled."""
        return tuple(meeting for meeting in self.meetings if meeting.status is not MeetingStatus.CANCELLED)

    def outcomes(self, outcome: Outcome) -> tuple[Adjustment, ...]:
        """The report lines of one kind, e.g. every dropped session."""
        return tuple(line for line in self.report if line.outcome is outcome)

    def text(self) -> str:
        """The warnings and the report as lines of text, one per change (empty when nothing had to change)."""
        return "\n".join([*self.warnings, *(line.message for line in self.report)])
