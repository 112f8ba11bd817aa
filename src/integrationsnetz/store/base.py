"""The part of the :class:`~integrationsnetz.store.Store` protocol that is the same for every backend.

Every backend checks a query's arguments the same way, writes one entity as a batch of one,
erases a person and reports their data by the rules of :mod:`integrationsnetz.privacy`, and is
a context manager that closes on exit. :class:`BaseStore` does that once; a backend subclasses
it and answers the checked queries in its own way (an SQL query, a scan). ``memory:``,
``files:`` and ``sqlite:`` are built on it (the first two through
:class:`~integrationsnetz.store.simple.SimpleStore`), and so may a plugin: the PostgreSQL one is.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime
from typing import Self, TypeVar, cast

from integrationsnetz.model.courses import Course, CourseStatus
from integrationsnetz.model.entity import Entity
from integrationsnetz.model.meetings import Meeting
from integrationsnetz.model.memberships import Membership
from integrationsnetz.privacy import PersonalData, personal_data, plan_erasure
from integrationsnetz.store import Change, StoreURL
from integrationsnetz.store.queries import (
    CourseQuery,
    MeetingQuery,
    check_batch,
    check_course_status,
    check_day,
    check_instant,
    check_window,
)

E = TypeVar("E", bound=Entity)


class BaseStore:
    """The Store protocol's checks and derived methods over the operations a backend supplies.

    A subclass implements ``get``, ``list``, ``delete``, ``transaction`` and ``close`` as the
    protocol says, and these, which get their arguments checked:

    * :meth:`_put_many` - write a batch (a list) in one transaction, as ``put_many``;
    * :meth:`_changed_since` - ``changed_since`` with ``since`` an aware date-time or None;
    * :meth:`_meetings_between`, :meth:`_courses` - the query's filters as one object;
    * :meth:`_memberships_of` - ``on`` a date or None;
    * :meth:`_mentioning` - every live entity that may mention a person (a superset will do:
      :mod:`integrationsnetz.privacy` decides), for ``erase_person`` and ``personal_data_of``.
    """

    url: StoreURL

    # -- what a backend may supply -----------------------------------------------------------

    def schema_version(self) -> int | None:
        """The schema version the store records for its documents; None when it cannot tell.

        Optional for a backend: a store that migrates when opened records the current version from
        then on, and ``store info`` shows ``?`` for one that does not say. See :func:`recorded_schema_version`.
        """
        return None

    # -- what a backend supplies ------------------------------------------------------------

    def transaction(self) -> AbstractContextManager[None]:
        """A block whose writes all happen or, if it raises, none do."""
        raise NotImplementedError

    def delete(self, cls: type[Entity], entity_id: str, *, revision: int | None = None) -> None:
        """Delete, leaving a tombstone. With ``revision``, refuse (Conflict) if it is stale."""
        raise NotImplementedError

    def close(self) -> None:
        """Release files, connections and locks."""
        raise NotImplementedError

    def _put_many(self, entities: builtins.list[Entity], *, draft: bool) -> builtins.list[Entity]:
        raise NotImplementedError

    def _changed_since(self, since: datetime | None, network_id: str | None) -> builtins.list[Change]:
        raise NotImplementedError

    def _meetings_between(self, query: MeetingQuery) -> builtins.list[Meeting]:
        raise NotImplementedError

    def _courses(self, query: CourseQuery) -> builtins.list[Course]:
        raise NotImplementedError

    def _memberships_of(self, actor_id: str, on: date | None) -> builtins.list[Membership]:
        raise NotImplementedError

    def _mentioning(self, person_id: str) -> Iterable[Entity]:
        raise NotImplementedError

    # -- the protocol's methods, checked ----------------------------------------------------

    def put(self, entity: E, *, draft: bool = False) -> E:
        """Write one entity: a batch of one."""
        return cast(E, self.put_many([entity], draft=draft)[0])

    def put_many(self, entities: Sequence[Entity], *, draft: bool = False) -> builtins.list[Entity]:
        """Write many entities in one transaction: all or none."""
        return self._put_many(check_batch(entities), draft=draft)

    def changed_since(self, since: datetime | None = None, *, network_id: str | None = None) -> builtins.list[Change]:
        """Writes and deletions after ``since``, oldest first."""
        if since is not None:
            since = check_instant("changed_since", "since", since)
        return self._changed_since(since, network_id)

    def meetings_between(
        self,
        start: datetime,
        end: datetime,
        *,
        network_id: str | None = None,
        group_id: str | None = None,
        person_id: str | None = None,
    ) -> builtins.list[Meeting]:
        """Meetings overlapping ``[start, end)`` with the given filters, by start, then id."""
        start, end = check_window(start, end)
        return self._meetings_between(MeetingQuery(start, end, network_id, group_id, person_id))

    def courses(
        self,
        *,
        network_id: str | None = None,
        course_type: str | None = None,
        provider_id: str | None = None,
        status: CourseStatus | None = None,
    ) -> builtins.list[Course]:
        """Courses matching every given filter, by id."""
        return self._courses(CourseQuery(network_id, course_type, provider_id, check_course_status(status)))

    def memberships_of(self, actor_id: str, *, on: date | None = None) -> builtins.list[Membership]:
        """The actor's memberships (running ``on``, if given), by id."""
        return self._memberships_of(actor_id, check_day("memberships_of", "on", on))

    # -- personal data ----------------------------------------------------------------------

    def erase_person(self, person_id: str) -> int:
        """Delete the person and their memberships and remove every other reference, atomically."""
        with self.transaction():
            erasure = plan_erasure(person_id, self._mentioning(person_id))
            for entity in erasure.deletions:
                self.delete(type(entity), entity.id, revision=entity.revision)
            if erasure.updates:
                self.put_many(erasure.updates, draft=True)  # removing references never waits for others
        return erasure.changed

    def personal_data_of(self, person_id: str) -> PersonalData:
        """Everything held on the person."""
        return personal_data(person_id, self._mentioning(person_id))

    # -- life cycle -------------------------------------------------------------------------

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.url.masked}>"
