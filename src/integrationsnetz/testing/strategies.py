"""Hypothesis strategies for every model type, for this project's tests and for plugin authors.

Two kinds of strategy live here:

* one per model type (:func:`meetings`, :func:`courses`, ...): each value is valid on its own,
  but its references (``venue_id``, ``actor_id`` ...) point at random ids unless you pass the
  ids to draw them from. Good for stores and converters, which must keep whatever they are given.
* :func:`networks`: a whole :class:`~integrationsnetz.model.NetworkData` whose references all
  resolve, so that :func:`integrationsnetz.integrity.check` finds nothing. Good for exporters,
  planners and anything that reads a network as a whole.

The values are deliberately unkind: text holds umlauts, ß, emoji, quotes, backslashes and line
breaks wherever a field allows them; date-times are timezone-aware, mostly in Europe/Berlin and
often right at a switch to or from daylight saving time, sometimes in UTC or at a fixed offset.
Sizes stay small by default so tests run fast; raise ``max_size`` to stress a component::

    from hypothesis import given
    from integrationsnetz.testing import strategies as inz_st

    @given(inz_st.networks())
    def test_my_exporter_never_fails(data):
        my_exporter.write(data, ...)

Hypothesis is a test dependency: import this module only from tests, after
``pip install 'integrationsnetz[testing]'``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import attrs

try:
    from hypothesis import strategies as st
except ImportError as exc:
    raise ImportError(
        f"integrationsnetz.testing.strategies needs {exc.name or 'hypothesis'}, which is not installed: "
        "pip install 'integrationsnetz[testing]'",
        name=exc.name,
    ) from exc

from integrationsnetz.courses.catalogue import OFFICIAL_COURSE_TYPES
from integrationsnetz.model import (
    ENTITY_TYPES,
    Address,
    AgendaItem,
    AgendaItemKind,
    AllDay,
    AttendanceStatus,
    Consent,
    ConsentPurpose,
    ContactKind,
    ContactPoint,
    Coordinates,
    Course,
    CourseStatus,
    CourseType,
    Decision,
    Entity,
    Event,
    EventKind,
    FundingProgramme,
    Goal,
    Invitation,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Membership,
    Minutes,
    Network,
    NetworkData,
    Organization,
    OrganizationKind,
    Person,
    ProviderCapacity,
    Region,
    Registration,
    Role,
    Room,
    Task,
    TaskStatus,
    Timed,
    Venue,
    Waitlist,
    WorkingGroup,
)
from integrationsnetz.model.networks import STATE_BY_AGS_PREFIX

__all__ = [
    "BERLIN",
    "DST_SWITCHES",
    "addresses",
    "agenda_items",
    "all_days",
    "aware_datetimes",
    "bare_networks",
    "consents",
    "contact_points",
    "coordinates",
    "course_types",
    "courses",
    "dates",
    "decisions",
    "entities",
    "events",
    "funding_programmes",
    "goals",
    "ids",
    "invitations",
    "meetings",
    "memberships",
    "minutes",
    "names",
    "networks",
    "organizations",
    "persons",
    "provider_capacities",
    "regions",
    "registrations",
    "rooms",
    "tasks",
    "texts",
    "timed",
    "venues",
    "waitlists",
    "working_groups",
]

T = TypeVar("T")
E = TypeVar("E", bound=Entity)

#: The zone most of the library's users live in.
BERLIN = ZoneInfo("Europe/Berlin")

#: Days on which Europe/Berlin switches to or from summer time (the hour that is skipped or repeated).
DST_SWITCHES: tuple[date, ...] = (
    date(2023, 3, 26), date(2023, 10, 29), date(2024, 3, 31), date(2024, 10, 27),
    date(2025, 3, 30), date(2025, 10, 26), date(2026, 3, 29), date(2026, 10, 25),
)  # fmt: skip

DEFAULT_MIN_DATE = date(2015, 1, 1)
DEFAULT_MAX_DATE = date(2030, 12, 31)

_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.äöüß"

# Characters that break naive escaping, encoding or quoting; they appear in generated text often.
_NASTY = "äöüÄÖÜß\"'\\\n\r\t😀🇩🇪€„“‚‘–—…é ´`{}[]<>&%$#=:;,|~^ "

# Whole strings a component may choke on, mixed in with random text.
_SPECIMENS = (
    "Straße",
    "Größe & Maß",
    "AG „Wohnen“",
    'Er sagte: "Willkommen"',
    "C:\\Users\\Öffentlich",
    "Zeile 1\nZeile 2\r\nZeile 3",
    "Integrationskurs 🇩🇪📚",
    "O'Brien – Ämter",
    "#[section]\n= 'x'",
    "   leading and trailing   ",
)

# Fixed-offset zones, and a few named zones other than Berlin (half-hour offsets included).
_OFFSET_ZONES: tuple[tzinfo, ...] = (
    UTC,
    timezone(timedelta(hours=1)),
    timezone(timedelta(hours=2)),
    timezone(timedelta(hours=-5)),
    timezone(timedelta(hours=5, minutes=30)),
    timezone(timedelta(hours=-9, minutes=-30)),
    ZoneInfo("UTC"),
    ZoneInfo("Europe/Kyiv"),
    ZoneInfo("America/New_York"),
    ZoneInfo("Asia/Kabul"),
)


# --- building blocks -------------------------------------------------------------------------


@functools.cache
def _characters() -> st.SearchStrategy[str]:
    # No surrogates (not encodable as UTF-8) and no NUL (PostgreSQL text cannot hold it).
    return st.one_of(
        st.sampled_from(_NASTY),
        st.characters(codec="utf-8", exclude_characters="\x00"),
    )


@functools.cache
def texts(*, min_size: int = 0, max_size: int = 20) -> st.SearchStrategy[str]:
    """Free text as people type it: umlauts, ß, emoji, quotes, backslashes, line breaks."""
    random_text = st.text(_characters(), min_size=min_size, max_size=max_size)
    specimens = st.sampled_from([s for s in _SPECIMENS if min_size <= len(s) <= max(max_size, min_size)])
    return st.one_of(specimens, random_text) if max_size >= 8 else random_text


@functools.cache
def names(*, max_size: int = 20) -> st.SearchStrategy[str]:
    """Text that must not be blank (names, titles): :func:`texts` with something visible in it."""
    return texts(min_size=1, max_size=max_size).map(lambda text: text if text.strip() else f"Name{text}")


def _optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.one_of(st.none(), strategy)


@functools.cache
def ids(*, prefix: str = "", max_size: int = 16) -> st.SearchStrategy[str]:
    """Valid ids: no path separator, no control character, no outer white space, never ``.``/``..``.

    ``prefix`` makes ids readable in failure reports (``"mtg-"``).
    """
    body = st.text(_ID_ALPHABET, min_size=1, max_size=max_size)
    return body.map(lambda text: prefix + text).filter(lambda value: value not in {".", ".."})


@functools.cache
def dates(*, min_value: date = DEFAULT_MIN_DATE, max_value: date = DEFAULT_MAX_DATE) -> st.SearchStrategy[date]:
    """Calendar days, with the daylight-saving switch days and year ends drawn often."""
    special = [
        day
        for day in (*DST_SWITCHES, date(2024, 12, 31), date(2025, 1, 1), date(2024, 2, 29))
        if min_value <= day <= max_value
    ]
    plain = st.dates(min_value=min_value, max_value=max_value)
    return st.one_of(st.sampled_from(special), plain) if special else plain


@functools.cache
def _zones() -> st.SearchStrategy[tzinfo]:
    return st.one_of(st.just(BERLIN), st.just(BERLIN), st.sampled_from(_OFFSET_ZONES))


def _local(day: date, clock: time, zone: tzinfo) -> datetime:
    # Via UTC, so a wall time skipped by a switch to summer time becomes the real time it means.
    naive = datetime.combine(day, clock)
    return naive.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)


@functools.cache
def aware_datetimes(
    *,
    min_date: date = DEFAULT_MIN_DATE,
    max_date: date = DEFAULT_MAX_DATE,
    zones: st.SearchStrategy[tzinfo] | None = None,
) -> st.SearchStrategy[datetime]:
    """Timezone-aware date-times: mostly Europe/Berlin, often in the hours around a DST switch.

    Every value is a real instant in its zone (no wall time skipped by a switch), and repeated
    wall times come in both folds. The local day lies between ``min_date`` and ``max_date``.
    """
    return _aware_datetimes(min_date, max_date, zones if zones is not None else _zones())


@st.composite
def _aware_datetimes(draw: st.DrawFn, min_date: date, max_date: date, zones: st.SearchStrategy[tzinfo]) -> datetime:
    zone = draw(zones)
    day = draw(dates(min_value=min_date, max_value=max_date))
    if day in DST_SWITCHES and draw(st.booleans()):
        # The repeated or skipped hour, in either fold.
        hour, minute = draw(st.sampled_from((1, 2, 3))), draw(st.sampled_from((0, 15, 30, 59)))
        clock = time(hour, minute, fold=draw(st.sampled_from((0, 1))))
        value = datetime.combine(day, clock, tzinfo=zone).astimezone(UTC).astimezone(zone)
    else:
        clock = draw(st.times())
        value = _local(day, clock, zone)
    # Keep the local day within bounds even after normalisation moved the wall time.
    return value if min_date <= value.date() <= max_date else _local(day, time(12), zone)


@st.composite
def _drawn(draw: st.DrawFn, build: Callable[[st.DrawFn], T]) -> T:
    """Run a plain drawing function as a strategy (cheaper than a composite per call)."""
    return build(draw)


def _later(start: datetime, length: timedelta) -> datetime:
    """``length`` of real time after ``start``, in its zone (plain ``+`` adds wall-clock time)."""
    return (start.astimezone(UTC) + length).astimezone(start.tzinfo)


@functools.cache
def _bookkeeping() -> st.SearchStrategy[dict[str, Any]]:
    """Either a new entity (revision 0, no stamps) or a stored one (created <= modified)."""
    return st.one_of(st.just({}), _stored())


@st.composite
def _stored(draw: st.DrawFn) -> dict[str, Any]:
    created = draw(aware_datetimes(min_date=date(2020, 1, 1), max_date=date(2026, 12, 31)))
    later = draw(st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=400)))
    return {"created": created, "modified": _later(created, later), "revision": draw(st.integers(1, 50))}


def _ref(pool: Sequence[str] | None) -> st.SearchStrategy[str]:
    """A reference: an id from ``pool`` when given, else any valid id."""
    if pool is None:
        return ids()
    return st.sampled_from(list(pool))


def _optional_ref(pool: Sequence[str] | None) -> st.SearchStrategy[str | None]:
    if pool is not None and not pool:
        return st.none()
    return _optional(_ref(pool))


def _ref_tuple(pool: Sequence[str] | None, max_size: int) -> st.SearchStrategy[tuple[str, ...]]:
    if pool is not None and not pool:
        return st.just(())
    if pool is not None:
        return st.lists(st.sampled_from(list(pool)), max_size=max_size, unique=True).map(tuple)
    return st.lists(ids(), max_size=max_size).map(tuple)


@functools.cache
def _network_id(network_id: str | None) -> st.SearchStrategy[str]:
    return st.just(network_id) if network_id is not None else ids(prefix="net-")


@functools.cache
def _period(
    *, min_date: date = DEFAULT_MIN_DATE, max_date: date = DEFAULT_MAX_DATE, open_end: bool = True
) -> st.SearchStrategy[tuple[date, date | None]]:
    """A first day and an optional last day not before it."""
    return _periods(min_date, max_date, open_end)


@st.composite
def _periods(draw: st.DrawFn, min_date: date, max_date: date, open_end: bool) -> tuple[date, date | None]:
    first = draw(dates(min_value=min_date, max_value=max_date))
    if open_end and draw(st.booleans()):
        return first, None
    return first, draw(dates(min_value=first, max_value=max_date))


@functools.cache
def _urls() -> st.SearchStrategy[str]:
    return st.builds("https://{}.example/{}".format, ids(max_size=8), texts(max_size=10))


# --- value types ------------------------------------------------------------------------------


@functools.cache
def regions() -> st.SearchStrategy[Region]:
    """A district or city whose official key (AGS) agrees with its state."""
    prefixes = st.sampled_from(sorted(STATE_BY_AGS_PREFIX))

    def build(draw: st.DrawFn) -> Region:
        prefix = draw(prefixes)
        digits = draw(st.sampled_from((0, 3, 6)))
        rest = "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=digits, max_size=digits)))
        return Region(name=draw(names()), state=STATE_BY_AGS_PREFIX[prefix], ags=prefix + rest)

    return _drawn(build)


@functools.cache
def contact_points() -> st.SearchStrategy[ContactPoint]:
    """A phone number, e-mail address, web address or fax number with an optional label."""
    emails = st.builds("{}@{}.example".format, ids(max_size=10), ids(max_size=8))
    values_by_kind: dict[ContactKind, st.SearchStrategy[str]] = {
        ContactKind.EMAIL: emails,
        ContactKind.PHONE: st.sampled_from(("03695-615803", "+49 3695 615805", "0361 / 57 3811-0")),
        ContactKind.WEB: _urls(),
        ContactKind.FAX: names(max_size=15),
    }
    return st.sampled_from(list(ContactKind)).flatmap(
        lambda kind: st.builds(ContactPoint, kind=st.just(kind), value=values_by_kind[kind], label=_optional(texts()))
    )


@functools.cache
def addresses() -> st.SearchStrategy[Address]:
    """A postal address; street and postal code may be unknown, the city never is."""
    postal_codes = st.text("0123456789", min_size=5, max_size=5)
    return st.builds(Address, street=_optional(names()), postal_code=_optional(postal_codes), city=names())


@functools.cache
def consents() -> st.SearchStrategy[Consent]:
    """A recorded consent, sometimes withdrawn later."""
    return st.builds(
        lambda purpose, period: Consent(purpose=purpose, given_on=period[0], withdrawn_on=period[1]),
        st.sampled_from(list(ConsentPurpose)),
        _period(),
    )


@functools.cache
def coordinates() -> st.SearchStrategy[Coordinates]:
    """A WGS 84 position (poles and the date line included)."""
    return st.builds(
        Coordinates,
        latitude=st.floats(-90.0, 90.0, allow_nan=False),
        longitude=st.floats(-180.0, 180.0, allow_nan=False),
    )


def rooms(*, room_ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Room]:
    """A room of a venue, with or without a known capacity and step-free access."""
    return st.builds(
        Room,
        id=room_ids if room_ids is not None else ids(prefix="room-"),
        name=names(),
        capacity=_optional(st.integers(0, 500)),
        step_free=_optional(st.booleans()),
    )


def goals(*, goal_ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Goal]:
    """A goal of a working group."""
    return st.builds(
        Goal,
        id=goal_ids if goal_ids is not None else ids(prefix="goal-"),
        title=names(),
        description=_optional(texts()),
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
        owner_id=_optional_ref(actor_ids),
        status=st.sampled_from(list(TaskStatus)),
        due=_optional(dates()),
        goal_id=_optional_ref(goal_ids),
        origin_meeting_id=_optional_ref(meeting_ids),
    )


def agenda_items(*, actor_ids: Sequence[str] | None = None, max_size: int = 3) -> st.SearchStrategy[AgendaItem]:
    """An agenda item (TOP) with presenters drawn from ``actor_ids`` when given."""
    return st.builds(
        AgendaItem,
        kind=st.sampled_from(list(AgendaItemKind)),
        title=names(),
        presenter_ids=_ref_tuple(actor_ids, max_size),
        minutes=_optional(st.integers(0, 240)),
        description=_optional(texts()),
    )


def invitations(*, actor_ids: Sequence[str] | None = None) -> st.SearchStrategy[Invitation]:
    """An invitation and its attendance status."""
    return st.builds(Invitation, actor_id=_ref(actor_ids), status=st.sampled_from(list(AttendanceStatus)))


def decisions(
    *, agenda_size: int | None = None, task_ids: Sequence[str] | None = None, max_size: int = 3
) -> st.SearchStrategy[Decision]:
    """A decision; its agenda item lies within ``agenda_size`` items when that is given."""
    if agenda_size is None:
        items: st.SearchStrategy[int | None] = _optional(st.integers(0, 20))
    elif agenda_size == 0:
        items = st.none()
    else:
        items = _optional(st.integers(0, agenda_size - 1))
    return st.builds(Decision, text=names(), agenda_item=items, task_ids=_ref_tuple(task_ids, max_size))


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
        recorded_by_id=_optional_ref(actor_ids),
        decisions=st.lists(
            decisions(agenda_size=agenda_size, task_ids=task_ids, max_size=max_size), max_size=max_size
        ).map(tuple),
        approved_on=_optional(dates()),
    )


@functools.cache
def all_days() -> st.SearchStrategy[AllDay]:
    """Whole days, ``first_day`` to ``last_day`` inclusive."""
    return _period(open_end=False).map(lambda period: AllDay(first_day=period[0], last_day=period[1] or period[0]))


@functools.cache
def timed(*, min_date: date = DEFAULT_MIN_DATE, max_date: date = DEFAULT_MAX_DATE) -> st.SearchStrategy[Timed]:
    """A start and a later end (up to two days later)."""
    return st.builds(
        lambda start, length: Timed(start=start, end=_later(start, length)),
        aware_datetimes(min_date=min_date, max_date=max_date),
        st.timedeltas(min_value=timedelta(minutes=1), max_value=timedelta(days=2)),
    )


@functools.cache
def course_types() -> st.SearchStrategy[CourseType]:
    """A course type of one's own (the official ones are in ``courses.catalogue``)."""
    return st.builds(
        CourseType,
        code=ids(prefix="type-"),
        name_de=names(),
        name_en=names(),
        language_units=st.integers(0, 1300),
        orientation_units=st.integers(0, 100),
        max_group_size=_optional(st.integers(0, 30)),
        abolished_from=_optional(dates()),
        note=_optional(texts()),
        repeat_units=st.integers(0, 300),
        needs_alpha_approval=st.booleans(),
    )


@functools.cache
def registrations() -> st.SearchStrategy[Registration]:
    """A pseudonymous registration for a course place."""
    return st.builds(Registration, registered_on=dates(), reference=_optional(texts(max_size=12)))


# --- entities ---------------------------------------------------------------------------------


@functools.cache
def bare_networks(*, network_id: str | None = None) -> st.SearchStrategy[Network]:
    """A :class:`Network` entity alone (for a whole network with its parts use :func:`networks`)."""

    def build(draw: st.DrawFn) -> Network:
        founded, dissolved = draw(_optional(_period()).map(lambda period: period or (None, None)))
        return Network(
            id=draw(_network_id(network_id)),
            **draw(_bookkeeping()),
            name=draw(names()),
            region=draw(regions()),
            founded=founded,
            dissolved=dissolved,
            description=draw(_optional(texts(max_size=40))),
            contacts=tuple(draw(st.lists(contact_points(), max_size=2))),
            website=draw(_optional(_urls())),
            language=draw(st.sampled_from(("de", "en"))),
        )

    return _drawn(build)


def organizations(
    *,
    network_id: str | None = None,
    org_ids: st.SearchStrategy[str] | None = None,
    parent_ids: Sequence[str] | None = None,
) -> st.SearchStrategy[Organization]:
    """An organisation; its parent comes from ``parent_ids`` when given."""
    return st.builds(
        Organization,
        id=org_ids if org_ids is not None else ids(prefix="org-"),
        network_id=_network_id(network_id),
        name=names(),
        kind=st.sampled_from(list(OrganizationKind)),
        short_name=_optional(names(max_size=8)),
        parent_id=_optional_ref(parent_ids),
        address=_optional(addresses()),
        contacts=st.lists(contact_points(), max_size=2).map(tuple),
        website=_optional(_urls()),
        description=_optional(texts()),
    ).flatmap(lambda org: _bookkeeping().map(lambda extra: _restamp(org, extra)))


def _restamp(entity: E, extra: Mapping[str, Any]) -> E:
    return attrs.evolve(entity, **extra) if extra else entity


def persons(
    *,
    network_id: str | None = None,
    person_ids: st.SearchStrategy[str] | None = None,
    organization_ids: Sequence[str] | None = None,
) -> st.SearchStrategy[Person]:
    """A person, described by function; name, contacts and consents are optional (personal data)."""
    return st.builds(
        Person,
        id=person_ids if person_ids is not None else ids(prefix="person-"),
        network_id=_network_id(network_id),
        function=names(),
        name=_optional(names()),
        affiliation_id=_optional_ref(organization_ids),
        contacts=st.lists(contact_points(), max_size=2).map(tuple),
        consents=st.lists(consents(), max_size=2).map(tuple),
    ).flatmap(lambda person: _bookkeeping().map(lambda extra: _restamp(person, extra)))


def memberships(
    *,
    network_id: str | None = None,
    membership_ids: st.SearchStrategy[str] | None = None,
    actor_ids: Sequence[str] | None = None,
    group_ids: Sequence[str] | None = None,
) -> st.SearchStrategy[Membership]:
    """A membership of the network or a group, with a period that may still run."""
    return st.builds(
        lambda period, **fields: Membership(since=period[0], until=period[1], **fields),
        _period(),
        id=membership_ids if membership_ids is not None else ids(prefix="mem-"),
        network_id=_network_id(network_id),
        actor_id=_ref(actor_ids),
        role=st.sampled_from(list(Role)),
        group_id=_optional_ref(group_ids),
    ).flatmap(lambda membership: _bookkeeping().map(lambda extra: _restamp(membership, extra)))


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
        founded, dissolved = draw(_period())
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
            network_id=draw(_network_id(network_id)),
            **draw(_bookkeeping()),
            name=draw(names()),
            topic=draw(names()),
            founded=founded,
            dissolved=dissolved,
            description=draw(_optional(texts())),
            goals=tuple(group_goals),
            tasks=tuple(group_tasks),
        )

    return _drawn(build)


def venues(
    *,
    network_id: str | None = None,
    venue_ids: st.SearchStrategy[str] | None = None,
    actor_ids: Sequence[str] | None = None,
    max_size: int = 3,
) -> st.SearchStrategy[Venue]:
    """A venue with an address and rooms (room ids unique within the venue)."""
    return st.builds(
        Venue,
        id=venue_ids if venue_ids is not None else ids(prefix="venue-"),
        network_id=_network_id(network_id),
        name=names(),
        address=addresses(),
        coordinates=_optional(coordinates()),
        rooms=st.lists(rooms(), max_size=max_size, unique_by=lambda room: room.id).map(tuple),
        capacity=_optional(st.integers(0, 1000)),
        step_free=_optional(st.booleans()),
        owner_id=_optional_ref(actor_ids),
    ).flatmap(lambda venue: _bookkeeping().map(lambda extra: _restamp(venue, extra)))


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
        length = max(length, _agenda_length(agenda))
        return Meeting(
            id=draw(meeting_ids if meeting_ids is not None else ids(prefix="mtg-")),
            network_id=draw(_network_id(network_id)),
            **draw(_bookkeeping()),
            kind=draw(st.sampled_from(list(MeetingKind))),
            title=draw(names()),
            start=start,
            end=_later(start, length),
            group_id=draw(_optional(ids())),
            status=draw(st.sampled_from(list(MeetingStatus))),
            venue_id=draw(_optional(ids())),
            room_id=draw(_optional(ids())),
            organizer_id=draw(_optional(ids())),
            moderator_id=draw(_optional(ids())),
            invitations=tuple(draw(st.lists(invitations(), max_size=max_size))),
            agenda=agenda,
            minutes=draw(_optional(minutes(agenda_size=len(agenda), max_size=max_size))),
            headcount=draw(_optional(st.integers(0, 200))),
            series_id=draw(_optional(ids())),
            description=draw(_optional(texts())),
            online_url=draw(_optional(_urls())),
        )

    return _drawn(build)


def events(
    *,
    network_id: str | None = None,
    event_ids: st.SearchStrategy[str] | None = None,
    actor_ids: Sequence[str] | None = None,
    venue_ids: Sequence[str] | None = None,
) -> st.SearchStrategy[Event]:
    """A public event, all-day or timed."""
    return st.builds(
        Event,
        id=event_ids if event_ids is not None else ids(prefix="event-"),
        network_id=_network_id(network_id),
        kind=st.sampled_from(list(EventKind)),
        title=names(),
        when=st.one_of(all_days(), timed()),
        organizer_id=_optional_ref(actor_ids),
        venue_id=_optional_ref(venue_ids),
        description=_optional(texts()),
        url=_optional(_urls()),
        cancelled=st.booleans(),
    ).flatmap(lambda event: _bookkeeping().map(lambda extra: _restamp(event, extra)))


def courses(
    *,
    network_id: str | None = None,
    course_ids: st.SearchStrategy[str] | None = None,
    course_type_codes: Sequence[str] | None = None,
    provider_ids: Sequence[str] | None = None,
    venue_ids: Sequence[str] | None = None,
    teacher_ids: Sequence[str] | None = None,
    course_types: Mapping[str, CourseType] | None = None,
    max_size: int = 3,
) -> st.SearchStrategy[Course]:
    """An integration course within its type's rules: seats (at least 1) within the maximum group size,
    participants within the seats, units within the type's total (+ repetition), 1 or more units a
    week but no more than in all, and a start before the type was abolished (unless cancelled).

    ``course_type_codes`` defaults to the official catalogue's codes.
    """
    catalogue = course_types if course_types is not None else OFFICIAL_COURSE_TYPES
    codes = list(course_type_codes) if course_type_codes is not None else sorted(catalogue)

    def build(draw: st.DrawFn) -> Course:
        code = draw(st.sampled_from(codes))
        kind = catalogue.get(code)
        limit = kind.max_group_size if kind is not None else None
        seats = draw(st.integers(0 if limit == 0 else 1, limit if limit is not None else 30))
        allowed = kind.total_units + kind.repeat_units if kind is not None else 1300
        units_total = draw(st.integers(min(1, allowed), allowed))
        status = draw(st.sampled_from(list(CourseStatus)))
        last_start = DEFAULT_MAX_DATE
        if kind is not None and kind.abolished_from is not None and status is not CourseStatus.CANCELLED:
            last_start = max(DEFAULT_MIN_DATE, kind.abolished_from - timedelta(days=1))
        start = end = None
        if draw(st.booleans()):
            start = draw(dates(max_value=last_start))
            end = draw(_optional(dates(min_value=start)))
        return Course(
            id=draw(course_ids if course_ids is not None else ids(prefix="kurs-")),
            network_id=draw(_network_id(network_id)),
            **draw(_bookkeeping()),
            course_type=code,
            provider_id=draw(_ref(provider_ids)),
            venue_id=draw(_optional_ref(venue_ids)),
            place=draw(_optional(names())),
            start=start,
            end=end,
            units_total=units_total,
            units_per_week=draw(st.integers(min(1, units_total), min(30, units_total))),
            seats=seats,
            participants=draw(st.integers(0, seats)),
            teacher_ids=draw(_ref_tuple(teacher_ids, max_size)),
            status=status,
        )

    return _drawn(build)


def waitlists(
    *,
    network_id: str | None = None,
    waitlist_ids: st.SearchStrategy[str] | None = None,
    course_type_codes: Sequence[str] | None = None,
    provider_ids: Sequence[str] | None = None,
    max_size: int = 3,
) -> st.SearchStrategy[Waitlist]:
    """A waiting list for one course type at one place."""
    codes = list(course_type_codes) if course_type_codes is not None else sorted(OFFICIAL_COURSE_TYPES)
    return st.builds(
        Waitlist,
        id=waitlist_ids if waitlist_ids is not None else ids(prefix="wl-"),
        network_id=_network_id(network_id),
        course_type=st.sampled_from(codes),
        place=names(),
        as_of=dates(),
        registrations=st.lists(registrations(), max_size=max_size).map(tuple),
        reported_wait_days=_optional(st.integers(0, 1000)),
        provider_id=_optional_ref(provider_ids),
    ).flatmap(lambda waitlist: _bookkeeping().map(lambda extra: _restamp(waitlist, extra)))


def funding_programmes(
    *,
    network_id: str | None = None,
    programme_ids: st.SearchStrategy[str] | None = None,
    funder_ids: Sequence[str] | None = None,
    max_size: int = 3,
) -> st.SearchStrategy[FundingProgramme]:
    """A funding programme, with its funder drawn from ``funder_ids`` when given."""
    return st.builds(
        FundingProgramme,
        id=programme_ids if programme_ids is not None else ids(prefix="fp-"),
        network_id=_network_id(network_id),
        name=names(),
        funder_id=_optional_ref(funder_ids),
        description=_optional(texts()),
        url=_optional(_urls()),
        deadline=_optional(dates()),
        topics=st.lists(texts(max_size=12), max_size=max_size).map(tuple),
    ).flatmap(lambda programme: _bookkeeping().map(lambda extra: _restamp(programme, extra)))


def provider_capacities(
    *,
    network_id: str | None = None,
    capacity_ids: st.SearchStrategy[str] | None = None,
    provider_ids: Sequence[str] | None = None,
) -> st.SearchStrategy[ProviderCapacity]:
    """A course provider's teachers (in FTE) and rooms as of a date."""
    fte = st.floats(0.0, 40.0, allow_nan=False)
    return st.builds(
        ProviderCapacity,
        id=capacity_ids if capacity_ids is not None else ids(prefix="cap-"),
        network_id=_network_id(network_id),
        provider_id=_ref(provider_ids),
        as_of=dates(),
        teachers_fte=fte,
        alpha_teachers_fte=_optional(fte),
        rooms=_optional(st.integers(0, 20)),
        note=_optional(texts()),
    ).flatmap(lambda capacity: _bookkeeping().map(lambda extra: _restamp(capacity, extra)))


_ENTITY_STRATEGIES: Mapping[type[Entity], Callable[[str | None], st.SearchStrategy[Any]]] = {
    Network: lambda network_id: bare_networks(network_id=network_id),
    Organization: lambda network_id: organizations(network_id=network_id),
    Person: lambda network_id: persons(network_id=network_id),
    Membership: lambda network_id: memberships(network_id=network_id),
    WorkingGroup: lambda network_id: working_groups(network_id=network_id),
    Venue: lambda network_id: venues(network_id=network_id),
    Meeting: lambda network_id: meetings(network_id=network_id),
    Event: lambda network_id: events(network_id=network_id),
    Course: lambda network_id: courses(network_id=network_id),
    Waitlist: lambda network_id: waitlists(network_id=network_id),
    FundingProgramme: lambda network_id: funding_programmes(network_id=network_id),
    ProviderCapacity: lambda network_id: provider_capacities(network_id=network_id),
}


def entities(
    *, network_id: str | None = None, types: Sequence[type[Entity]] | None = None
) -> st.SearchStrategy[Entity]:
    """Any stored entity (every type in ``ENTITY_TYPES``, or only ``types``).

    With ``network_id`` every entity that belongs to a network belongs to that one (a
    :class:`Network` then has that id).
    """
    chosen = list(types) if types is not None else list(ENTITY_TYPES.values())
    missing = [cls.__name__ for cls in chosen if cls not in _ENTITY_STRATEGIES]
    if missing:
        raise ValueError(f"types: no strategy for {', '.join(missing)}")
    return st.one_of([_ENTITY_STRATEGIES[cls](network_id) for cls in chosen])


# --- a whole, consistent network --------------------------------------------------------------


def _unique_ids(draw: st.DrawFn, prefix: str, count: int, taken: set[str]) -> list[str]:
    found: list[str] = []
    while len(found) < count:
        candidate = draw(ids(prefix=prefix, max_size=8))
        if candidate not in taken:
            taken.add(candidate)
            found.append(candidate)
    return found


def _fit_capacity(
    invited: list[Invitation], headcount: int | None, limit: int | None
) -> tuple[tuple[Invitation, ...], int | None]:
    """Mark invitees beyond the venue's limit as excused and cap the headcount: a valid meeting."""
    if limit is None:
        return tuple(invited), headcount
    present = 0
    fitted: list[Invitation] = []
    for invitation in invited:
        if invitation.status is AttendanceStatus.PRESENT:
            present += 1
            if present > limit:
                fitted.append(Invitation(actor_id=invitation.actor_id, status=AttendanceStatus.EXCUSED))
                continue
        fitted.append(invitation)
    return tuple(fitted), None if headcount is None else min(headcount, limit)


def _agenda_length(agenda: Sequence[AgendaItem]) -> timedelta:
    """The time the agenda's items take: a valid meeting lasts at least that long."""
    return timedelta(minutes=sum(item.minutes or 0 for item in agenda))


def _clash(slot: tuple[str, str | None, datetime, datetime], other: tuple[str, str | None, datetime, datetime]) -> bool:
    """Two bookings of one venue at once, in the same room or one of them in the whole venue."""
    venue, room, start, end = slot
    other_venue, other_room, other_start, other_end = other
    same_place = venue == other_venue and (room is None or other_room is None or room == other_room)
    return same_place and start < other_end and other_start < end


@st.composite
def _network_data(draw: st.DrawFn, network_id: str | None, max_size: int) -> NetworkData:
    network = draw(bare_networks(network_id=network_id))
    nid = network.id
    taken: set[str] = {nid}

    def count() -> int:
        return draw(st.integers(0, max_size))

    org_ids = _unique_ids(draw, "org-", count(), taken)
    person_ids = _unique_ids(draw, "p-", count(), taken)
    # Every group needs a co-lead, so groups come only with actors to lead them.
    group_ids = _unique_ids(draw, "ag-", count() if org_ids or person_ids else 0, taken)
    venue_ids = _unique_ids(draw, "ort-", count(), taken)
    meeting_ids = _unique_ids(draw, "mtg-", count(), taken)
    actor_ids = org_ids + person_ids

    # One strategy per collection, drawn once per entity and given its id afterwards: building
    # strategies is what costs most here.
    def each(strategy: st.SearchStrategy[E], entity_ids: list[str]) -> list[E]:
        return [attrs.evolve(draw(strategy), id=entity_id) for entity_id in entity_ids]

    orgs: list[Organization] = []
    for index, org in enumerate(each(organizations(network_id=nid, parent_ids=()), org_ids)):
        # A parent always comes earlier in the list, so parents never form a cycle.
        parent = org_ids[draw(st.integers(0, index - 1))] if index and draw(st.booleans()) else None
        orgs.append(attrs.evolve(org, parent_id=parent))
    people = each(persons(network_id=nid, organization_ids=org_ids), person_ids)

    # Task ids are unique across groups: decisions refer to tasks by id alone.
    groups: list[WorkingGroup] = []
    group_strategy = working_groups(network_id=nid, actor_ids=actor_ids, meeting_ids=meeting_ids, max_size=max_size)
    for group in each(group_strategy, group_ids):
        fresh_tasks = tuple(
            attrs.evolve(task, id=new_id)
            for task, new_id in zip(group.tasks, _unique_ids(draw, "task-", len(group.tasks), taken), strict=True)
        )
        groups.append(attrs.evolve(group, tasks=fresh_tasks))
    task_ids = [task.id for group in groups for task in group.tasks]

    places = each(venues(network_id=nid, actor_ids=actor_ids, max_size=max_size), venue_ids)

    members: list[Membership] = []
    seen_keys: set[tuple[str, str | None, Role]] = set()
    for group, membership_id in zip(groups, _unique_ids(draw, "mem-", len(groups), taken), strict=True):
        # Each group is co-led from its founding to its end (integrity.check asks for a co-lead).
        lead = draw(st.sampled_from(actor_ids))
        seen_keys.add((lead, group.id, Role.CO_LEAD))
        members.append(
            Membership(
                id=membership_id,
                network_id=nid,
                actor_id=lead,
                role=Role.CO_LEAD,
                group_id=group.id,
                since=group.founded,
            )
        )
    if actor_ids:
        for membership_id in _unique_ids(draw, "mem-", count(), taken):
            actor_id = draw(st.sampled_from(actor_ids))
            home = draw(_optional(st.sampled_from(groups))) if groups else None
            role = draw(st.sampled_from(list(Role)))
            key = (actor_id, home.id if home else None, role)
            if key in seen_keys:  # the same actor twice in one role would overlap
                continue
            seen_keys.add(key)
            if home is not None:
                low, high = home.founded, home.dissolved or DEFAULT_MAX_DATE
            else:
                low, high = network.founded or DEFAULT_MIN_DATE, DEFAULT_MAX_DATE
            since, until = draw(_period(min_date=low, max_date=high))
            members.append(
                _restamp(
                    Membership(
                        id=membership_id,
                        network_id=nid,
                        actor_id=actor_id,
                        role=role,
                        group_id=home.id if home else None,
                        since=since,
                        until=until,
                    ),
                    draw(_bookkeeping()),
                )
            )

    held: list[Meeting] = []
    booked: list[tuple[str, str | None, datetime, datetime]] = []  # venue, room, start and end instants
    for meeting_id in meeting_ids:
        kind = draw(st.sampled_from(list(MeetingKind)))
        host_group: WorkingGroup | None = None
        if groups and (kind is MeetingKind.WORKING_GROUP or draw(st.booleans())):
            host_group = draw(st.sampled_from(groups))
        if kind is MeetingKind.WORKING_GROUP and host_group is None:
            kind = MeetingKind.NETWORK
        if host_group is not None:
            founded = host_group.founded
            low, high = founded, host_group.dissolved or min(DEFAULT_MAX_DATE, founded + timedelta(days=3 * 365))
        else:
            low, high = DEFAULT_MIN_DATE, DEFAULT_MAX_DATE
        start = draw(aware_datetimes(min_date=low, max_date=high))
        agenda = tuple(draw(st.lists(agenda_items(actor_ids=actor_ids, max_size=max_size), max_size=max_size)))
        length = draw(st.timedeltas(min_value=timedelta(minutes=15), max_value=timedelta(hours=10)))
        end = _later(start, max(length, _agenda_length(agenda)))
        status = draw(st.sampled_from(list(MeetingStatus)))
        venue: Venue | None = None
        room: Room | None = None
        wants_venue, wants_room = draw(st.booleans()), draw(st.booleans())
        if places and wants_venue:
            venue = draw(st.sampled_from(places))
            if venue.rooms and wants_room:
                room = draw(st.sampled_from(venue.rooms))
        if venue is not None and status is not MeetingStatus.CANCELLED:
            # A room holds one meeting at a time; one that finds its room taken meets elsewhere.
            slot = (venue.id, room.id if room else None, start.astimezone(UTC), end.astimezone(UTC))
            if any(_clash(slot, other) for other in booked):
                venue = room = None
            else:
                booked.append(slot)
        limit = venue.capacity_of(room.id if room else None) if venue is not None else None
        invited = draw(
            st.lists(invitations(actor_ids=actor_ids), max_size=max_size, unique_by=lambda i: i.actor_id)
            if actor_ids
            else st.just([])
        )
        invited_fitted, headcount = _fit_capacity(invited, draw(_optional(st.integers(0, 120))), limit)
        record = draw(
            _optional(minutes(actor_ids=actor_ids, agenda_size=len(agenda), task_ids=task_ids, max_size=max_size))
        )
        held.append(
            _restamp(
                Meeting(
                    id=meeting_id,
                    network_id=nid,
                    kind=kind,
                    title=draw(names()),
                    start=start,
                    end=end,
                    group_id=host_group.id if host_group else None,
                    status=status,
                    venue_id=venue.id if venue else None,
                    room_id=room.id if room else None,
                    organizer_id=draw(_optional_ref(actor_ids)),
                    moderator_id=draw(_optional_ref(actor_ids)),
                    invitations=invited_fitted,
                    agenda=agenda,
                    minutes=record,
                    headcount=headcount,
                    series_id=draw(_optional(ids(prefix="series-"))),
                    description=draw(_optional(texts())),
                    online_url=draw(_optional(_urls())),
                ),
                draw(_bookkeeping()),
            )
        )

    public_events = each(
        events(network_id=nid, actor_ids=actor_ids, venue_ids=venue_ids), _unique_ids(draw, "va-", count(), taken)
    )
    course_list: list[Course] = []
    capacities: list[ProviderCapacity] = []
    if org_ids:  # both need a provider
        course_strategy = courses(
            network_id=nid, provider_ids=org_ids, venue_ids=venue_ids, teacher_ids=person_ids, max_size=max_size
        )
        course_list = each(course_strategy, _unique_ids(draw, "kurs-", count(), taken))
        capacities = each(
            provider_capacities(network_id=nid, provider_ids=org_ids), _unique_ids(draw, "cap-", count(), taken)
        )
    waiting = each(
        waitlists(network_id=nid, provider_ids=org_ids, max_size=max_size), _unique_ids(draw, "wl-", count(), taken)
    )
    programmes = each(
        funding_programmes(network_id=nid, funder_ids=org_ids, max_size=max_size),
        _unique_ids(draw, "fp-", count(), taken),
    )
    return NetworkData(
        network=network,
        organizations=tuple(orgs),
        persons=tuple(people),
        memberships=tuple(members),
        groups=tuple(groups),
        venues=tuple(places),
        meetings=tuple(held),
        events=tuple(public_events),
        courses=tuple(course_list),
        waitlists=tuple(waiting),
        funding_programmes=tuple(programmes),
        provider_capacities=tuple(capacities),
    )


def networks(*, network_id: str | None = None, max_size: int = 3) -> st.SearchStrategy[NetworkData]:
    """A whole network whose references all resolve: :func:`integrationsnetz.integrity.check` finds nothing.

    Every collection holds up to ``max_size`` entities (and lists inside them up to ``max_size``
    items); raise it for bigger networks. Courses use the official course types.
    """
    return _network_data(network_id, max_size)
