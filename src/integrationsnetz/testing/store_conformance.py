"""The conformance suite every storage backend must pass: subclass it, give it store URLs.

In the style of fsspec's and SQLAlchemy's suites: the tests live in a class; a backend's test
module subclasses it and overrides one fixture, ``new_store_url``, a function that returns the
URL of a new, empty store each time it is called (Hypothesis needs a fresh store per example)::

    # tests/test_conformance.py of integrationsnetz-mydb
    import itertools
    import pytest
    from integrationsnetz.testing.store_conformance import StoreConformance

    class TestMyDBStore(StoreConformance):
        @pytest.fixture
        def new_store_url(self, tmp_path):
            counter = itertools.count()
            return lambda: f"mydb://{tmp_path}/store-{next(counter)}"

What a backend can do beyond the basics comes from its ``StoreBackend.capabilities``, and the
suite holds it to exactly that:

* ``DURABLE``: every write must survive closing and reopening (the state machine reopens the
  store between steps), a clock stepping back across a reopen, and a writer process killed with
  SIGKILL at many points of small and large transactions (:mod:`integrationsnetz.testing.processes`);
* ``MULTI_PROCESS``: the state machine switches between two stores open on one URL, and the
  second must see the first's writes, conflicts and clock;
* ``CONCURRENT_WRITERS``: several processes increment one counter through the revision API
  (reload on ``Conflict``) and no increment may be lost.

The schema tests run for every durable backend: a store written under schema *n* must be
migrated when opened under *n + 1* and refused under *n - 1*. A backend that cannot migrate says
so with ``migrates_older_stores = False`` in its test class; it must then refuse older stores.

Child processes open the store with the same plugins as ``plugin_host`` (a plugin that is not
installed is loaded from its file). Override ``plugin_host`` if your backend is not installed as
a plugin (``PluginHost(entry_points=False, plugins=[mod])``). The long harness runs are marked
``@pytest.mark.slow``; register the marker in your pytest configuration.

The suite compares the backend with the ``memory:`` store, the reference: a Hypothesis state
machine drives both side by side and checks after every step that they agree.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test

from integrationsnetz import migrations
from integrationsnetz.errors import (
    Conflict,
    IntegrationsnetzError,
    InvalidData,
    NotFound,
    SchemaVersionError,
    StoreError,
    WrongType,
)
from integrationsnetz.model import (
    ENTITY_TYPES,
    AgendaItem,
    AgendaItemKind,
    AttendanceStatus,
    Course,
    CourseStatus,
    Entity,
    Invitation,
    Meeting,
    MeetingKind,
    Membership,
    Minutes,
    Network,
    Person,
    Region,
    State,
    Task,
    WorkingGroup,
)
from integrationsnetz.model.entity import MAX_ID_LENGTH
from integrationsnetz.plugins import PluginHost
from integrationsnetz.store import Capability, Change, Store, StoreURL, bookkeeping
from integrationsnetz.store.schema import current_version
from integrationsnetz.testing import processes, strategies

__all__ = ["StoreConformance", "WallClock"]

BERLIN = ZoneInfo("Europe/Berlin")
_SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# --- strategies ------------------------------------------------------------------------------

_PEOPLE = ["anna", "ben", "cem"]
_NETWORKS = ["n1", "n2"]
_GROUPS = ["ag-wohnen", "ag-sprache"]
_COURSE_TYPES = ["alpha", "allgemein"]
_START = datetime(2024, 1, 1, tzinfo=BERLIN)


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def new_entities(
    *, network_id: str | None = None, types: Sequence[type[Entity]] | None = None
) -> st.SearchStrategy[Entity]:
    """Entities as a user creates them: revision 0, no ``modified`` (a ``created`` may come along)."""
    return strategies.entities(network_id=network_id, types=types).map(
        lambda entity: attrs.evolve(entity, revision=0, modified=None)
    )


@st.composite
def _pooled(draw: st.DrawFn, cls: type[Entity], ids: st.SearchStrategy[str]) -> Entity:
    """A new entity whose id and references come from small pools, so operations meet each other."""
    actors = st.sampled_from(_PEOPLE)
    entity = draw(new_entities(network_id=draw(st.sampled_from(_NETWORKS)), types=[cls]))
    entity = attrs.evolve(entity, id=draw(actors if cls is Person else ids))
    if isinstance(entity, Meeting):
        minutes = entity.minutes
        if minutes is not None:
            minutes = attrs.evolve(minutes, recorded_by_id=draw(_optional(actors)))
        return attrs.evolve(
            entity,
            group_id=draw(_optional(st.sampled_from(_GROUPS))),
            organizer_id=draw(_optional(actors)),
            moderator_id=draw(_optional(actors)),
            invitations=tuple(
                Invitation(actor_id=actor, status=draw(st.sampled_from(list(AttendanceStatus))))
                for actor in draw(st.lists(actors, max_size=3, unique=True))
            ),
            agenda=tuple(
                attrs.evolve(item, presenter_ids=tuple(draw(st.lists(actors, max_size=2, unique=True))))
                for item in entity.agenda
            ),
            minutes=minutes,
        )
    if isinstance(entity, Membership):
        return attrs.evolve(entity, actor_id=draw(actors))
    if isinstance(entity, Course):
        return attrs.evolve(
            entity,
            course_type=draw(st.sampled_from(_COURSE_TYPES)),
            provider_id=draw(st.sampled_from(["vhs", "bildungswerk"])),
            teacher_ids=tuple(draw(st.lists(actors, max_size=2, unique=True))),
        )
    if isinstance(entity, WorkingGroup):
        return attrs.evolve(
            entity, tasks=tuple(attrs.evolve(task, owner_id=draw(_optional(actors))) for task in entity.tasks)
        )
    return entity


def _all_types_samples() -> list[Entity]:
    """One hand-made entity of every stored type: the rare ones the strategies above skip."""
    from integrationsnetz.model import (
        Address,
        AllDay,
        Coordinates,
        Event,
        EventKind,
        FundingProgramme,
        Organization,
        OrganizationKind,
        ProviderCapacity,
        Registration,
        Room,
        Timed,
        Venue,
        Waitlist,
    )

    fall_back = datetime(2024, 10, 27, 2, 30, tzinfo=BERLIN, fold=1)
    return [
        Organization(
            id="amt-für-migration",
            network_id="n",
            name="Amt für Versorgung und Migration – Ausländerbehörde",
            kind=OrganizationKind.AUTHORITY,
            address=Address(street="Erzberger Allee 14", postal_code="36433", city="Bad Salzungen"),
        ),
        Venue(
            id="museum-ß",
            network_id="n",
            name="Museum „Thüringer Museum“ 🏛️",
            address=Address(city="Eisenach"),
            coordinates=Coordinates(latitude=50.9747, longitude=10.3205),
            rooms=(Room(id="saal", name="Großer Saal", capacity=120, step_free=True),),
        ),
        Event(
            id="berufemarkt",
            network_id="n",
            kind=EventKind.JOB_FAIR,
            title="24. Berufemarkt 🎓",
            when=AllDay(first_day=date(2024, 10, 12), last_day=date(2024, 10, 12)),
        ),
        Event(
            id="fachtag",
            network_id="n",
            kind=EventKind.SPECIALIST_DAY,
            title="Fachtag Wohnen",
            when=Timed(start=fall_back, end=fall_back + timedelta(hours=1)),
        ),
        Waitlist(
            id="warte-eisenach",
            network_id="n",
            course_type="allgemein",
            place="Eisenach",
            as_of=date(2024, 10, 1),
            registrations=(Registration(registered_on=date(2024, 3, 1), reference="Ä-17"),),
            reported_wait_days=190,
        ),
        ProviderCapacity(
            id="vhs-2025", network_id="n", provider_id="vhs", as_of=date(2025, 1, 1), teachers_fte=3.5, rooms=4
        ),
        FundingProgramme(
            id="pfd",
            network_id="n",
            name="Partnerschaft für Demokratie",
            topics=("Demokratie", "Ehrenamt 💪"),
            deadline=date(2025, 1, 31),
        ),
    ]


# --- comparing two stores ------------------------------------------------------------------


def unstamped(entity: Entity) -> Entity:
    """The entity without the store's timestamps: what two stores written alike agree on."""
    return attrs.evolve(entity, created=None, modified=None)


def _outcome(call: Callable[[], Any]) -> tuple[str, Any]:
    try:
        return ("ok", call())
    except IntegrationsnetzError as exc:
        return (type(exc).__name__, None)


def _normal(value: Any) -> Any:
    if isinstance(value, Entity):
        return unstamped(value)
    if isinstance(value, Change):
        return (value.entity_type, value.id, value.revision, None if value.entity is None else unstamped(value.entity))
    if isinstance(value, (list, tuple)):
        return [_normal(item) for item in value]
    return value


def _meetings_in(store: Store, *, start: datetime, end: datetime, person_id: str | None) -> list[Meeting]:
    return store.meetings_between(start, end, person_id=person_id)


class _Abort(Exception):
    """Raised by the suite to make a transaction fail."""


def _abort_after(store: Store, work: Callable[[], object]) -> None:
    """Run ``work`` in a transaction that then fails, and check the failure came out of it."""

    def run() -> None:
        with store.transaction():
            work()
            raise _Abort

    with pytest.raises(_Abort):
        run()


class WallClock:
    """The wall clock the stores' stamps come from, which a test steps back (as NTP or a restored VM does).

    It replaces the clock :class:`integrationsnetz.store.bookkeeping.Clock` reads; a backend that
    stamps from elsewhere overrides the suite's ``wall_clock`` fixture.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        clock = self
        self.offset = timedelta(0)

        class SteppedDatetime(datetime):
            @classmethod
            def now(cls, tz: tzinfo | None = None) -> datetime:  # type: ignore[override]
                return datetime.now(tz) + clock.offset

        monkeypatch.setattr(bookkeeping, "datetime", SteppedDatetime)

    def step(self, delta: timedelta) -> None:
        """Move the clock by ``delta`` (negative: back)."""
        self.offset += delta


_UNOBSERVED_CLOCK = (
    "a store stamped a write earlier than a write already in storage, so changed_since() misses it: "
    "before stamping, observe the newest stamp in storage while holding the write lock "
    "(bookkeeping.Clock.observe), as files: and sqlite: do"
)

_NO_MIGRATION = (
    "a store written under schema {old} was opened under schema {new} and its documents were not migrated: "
    "record the schema version in the store, and on opening an older store run every document through "
    "integrationsnetz.store.schema.upgrade_entity and record the new version. A backend that cannot migrate "
    "declares it in its test class with `migrates_older_stores = False`, and must then refuse older stores "
    "with SchemaVersionError"
)


def _raise_schema_version(monkeypatch: pytest.MonkeyPatch, step: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
    """Make the library one schema version newer, with ``step`` as the migration to it."""
    old = current_version()
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", old + 1)
    monkeypatch.setitem(migrations.MIGRATIONS, old, step)


def _snapshot(store: Store, networks: Sequence[str]) -> dict[str, Any]:
    """Everything the store answers about its content, by the call that answers it."""
    answers: dict[str, Any] = {"changed_since()": store.changed_since()}
    for network_id in networks:
        answers[f"changed_since(network_id={network_id!r})"] = store.changed_since(network_id=network_id)
    for cls in ENTITY_TYPES.values():
        answers[f"list({cls.__name__})"] = store.list(cls)
        for network_id in networks:
            answers[f"list({cls.__name__}, network_id={network_id!r})"] = store.list(cls, network_id=network_id)
    return answers


# --- the suite ---------------------------------------------------------------------------------


class StoreConformance:
    """Every storage backend must pass these tests. Subclass it and override ``new_store_url``.

    Most tests write entities without their network or the actors they mention, so they write
    drafts (``draft=True``); the write-guard tests check that references are refused otherwise.
    """

    #: Raise for a slow backend (e.g. a server); every Hypothesis test uses these settings.
    hypothesis_settings: ClassVar[settings] = _SETTINGS

    #: Set to False if the backend cannot migrate a store of an older schema; it must then refuse one.
    migrates_older_stores: ClassVar[bool] = True

    # -- fixtures a backend overrides ---------------------------------------------------------

    @pytest.fixture
    def new_store_url(self) -> Callable[[], str]:
        """A function returning the URL of a new, empty store each time it is called."""
        raise NotImplementedError("override the new_store_url fixture in your test class")

    @pytest.fixture
    def plugin_host(self) -> PluginHost:
        """The host that opens stores: by default with every installed plugin."""
        return PluginHost()

    @pytest.fixture
    def set_schema_version(self) -> Callable[[str, int], None] | None:
        """Optional: a function that records ``version`` as the schema version of the (closed) store at the URL.

        The schema tests run without it (they write stores while the library's schema version is
        raised); given, the newer-schema test also rewrites the version of a store written normally.
        """
        return None

    @pytest.fixture
    def wall_clock(self, monkeypatch: pytest.MonkeyPatch) -> WallClock | None:
        """The clock the clock tests step back: the one ``bookkeeping.Clock`` reads.

        A backend that stamps from another clock (a database server's) overrides this, or returns
        None to skip the clock tests.
        """
        return WallClock(monkeypatch)

    @pytest.fixture
    def host_recipe(self, plugin_host: PluginHost) -> processes.HostRecipe:
        """How the harnesses' child processes build a host with ``plugin_host``'s plugins."""
        return processes.HostRecipe.of(plugin_host)

    # -- fixtures the tests use ---------------------------------------------------------------

    @pytest.fixture
    def store_url(self, new_store_url: Callable[[], str]) -> str:
        """The URL of one new, empty store."""
        return new_store_url()

    @pytest.fixture
    def capabilities(self, store_url: str, plugin_host: PluginHost) -> frozenset[Capability]:
        """What the backend promises, from its ``StoreBackend``."""
        parsed = StoreURL.parse(store_url)
        backends = plugin_host.store_backends()
        backend = backends.get(parsed.scheme) or backends[parsed.base_scheme]
        return backend.capabilities

    @pytest.fixture
    def open_store(self, plugin_host: PluginHost) -> Callable[[str], Store]:
        """Open a store by URL with the suite's host."""
        return plugin_host.open_store

    @pytest.fixture
    def store(self, store_url: str, open_store: Callable[[str], Store]) -> Iterator[Store]:
        """One new store, closed after the test."""
        with open_store(store_url) as store:
            yield store

    @pytest.fixture
    def reference(self, plugin_host: PluginHost) -> Iterator[Store]:
        """A ``memory:`` store to compare with."""
        with plugin_host.open_store("memory:") as store:
            yield store

    # -- round trips -----------------------------------------------------------------------------

    def test_round_trip_is_exact(self, store: Store, plugin_host: PluginHost) -> None:
        """Every field comes back exactly, time zones and folds included (compared as documents)."""
        counter = itertools.count()
        codec = plugin_host.codec

        @self.hypothesis_settings
        @given(entity=new_entities())
        def check(entity: Entity) -> None:
            entity = attrs.evolve(entity, id=f"{entity.id}-{next(counter)}")
            stored = store.put(entity, draft=True)
            got = store.get(type(entity), entity.id)
            assert codec.unstructure(got) == codec.unstructure(stored)
            expected = attrs.evolve(unstamped(entity), revision=1)
            assert codec.unstructure(unstamped(got)) == codec.unstructure(expected)
            if entity.created is not None:
                assert codec.unstructure(got.created) == codec.unstructure(entity.created)

        check()

    def test_round_trip_of_every_entity_type(self, store: Store, plugin_host: PluginHost) -> None:
        """Hand-made specimens (an ambiguous DST hour, all-day and timed events ...) come back exactly."""
        codec = plugin_host.codec
        samples = _all_types_samples()
        stored = store.put_many(samples, draft=True)
        for entity, written in zip(samples, stored, strict=True):
            got = store.get(type(entity), entity.id)
            assert codec.unstructure(got) == codec.unstructure(written)
            assert codec.unstructure(unstamped(got)) == codec.unstructure(attrs.evolve(entity, revision=1))

    # -- basic behaviour -------------------------------------------------------------------------

    def test_put_stamps_revision_created_and_modified(self, store: Store) -> None:
        """A new entity is stored at revision 1 with UTC stamps; an update raises the revision."""
        person = store.put(Person(id="p", network_id="n", function="Integrationsmanagerin"), draft=True)
        assert person.revision == 1
        assert person.created is not None
        assert person.modified is not None
        assert person.created.utcoffset() == timedelta(0)
        updated = store.put(attrs.evolve(person, name="Jürgen Groß"), draft=True)
        assert updated.revision == 2
        assert updated.created == person.created
        assert updated.modified is not None
        assert updated.modified > person.modified
        assert store.get(Person, "p") == updated

    def test_missing_entity_raises_not_found(self, store: Store) -> None:
        """``get`` of an unknown id raises NotFound naming the id."""
        with pytest.raises(NotFound, match="nobody"):
            store.get(Person, "nobody")

    def test_ids_are_per_type(self, store: Store) -> None:
        """A person and a meeting may share an id."""
        store.put(Person(id="x", network_id="n", function="Lehrkraft"), draft=True)
        with pytest.raises(NotFound):
            store.get(Meeting, "x")

    def test_stale_revision_raises_conflict_naming_the_entity(self, store: Store) -> None:
        """Two edits of the same revision: the second is refused, the first survives."""
        person = store.put(Person(id="p-ä", network_id="n", function="Koordination"), draft=True)
        store.put(attrs.evolve(person, function="Koordination Integration"), draft=True)
        with pytest.raises(Conflict, match="person 'p-ä'"):
            store.put(attrs.evolve(person, function="lost update"), draft=True)
        with pytest.raises(Conflict, match="already exists"):
            store.put(attrs.evolve(person, revision=0), draft=True)
        with pytest.raises(Conflict):
            store.put(Person(id="never", network_id="n", function="x", revision=3), draft=True)
        assert store.get(Person, "p-ä").function == "Koordination Integration"

    def test_delete_leaves_a_tombstone(self, store: Store) -> None:
        """Deleted: gone for get and list, reported by changed_since, re-creatable with revision 0."""
        person = store.put(Person(id="p", network_id="n", function="Ehrenamt"), draft=True)
        store.delete(Person, "p", revision=person.revision)
        with pytest.raises(NotFound):
            store.get(Person, "p")
        assert store.list(Person) == []
        with pytest.raises(NotFound):
            store.delete(Person, "p")
        (change,) = [c for c in store.changed_since() if c.id == "p"]
        assert change.deleted
        assert change.revision == 2
        assert change.entity_type == "person"
        with pytest.raises(Conflict):
            store.put(person, draft=True)  # based on revision 1, but it was deleted
        again = store.put(attrs.evolve(person, revision=0, created=None, modified=None), draft=True)
        assert again.revision == 3

    def test_delete_with_stale_revision_is_refused(self, store: Store) -> None:
        """``delete(..., revision=n)`` refuses when someone changed the entity since revision n."""
        person = store.put(Person(id="p", network_id="n", function="Ehrenamt"), draft=True)
        store.put(attrs.evolve(person, function="Ehrenamt (Sprachcafé)"), draft=True)
        with pytest.raises(Conflict, match="person 'p'"):
            store.delete(Person, "p", revision=person.revision)
        assert store.get(Person, "p").revision == 2

    def test_list_by_type_and_network(self, store: Store) -> None:
        """``list`` gives live entities ordered by id, of one network if asked."""
        store.put_many(
            [
                Person(id="b", network_id="n1", function="x"),
                Person(id="a", network_id="n2", function="y"),
                Person(id="c", network_id="n1", function="z"),
                Network(id="n1", name="Netz", region=Region(name="Wartburgkreis", state=State.TH, ags="16063")),
            ],
            draft=True,
        )
        assert [p.id for p in store.list(Person)] == ["a", "b", "c"]
        assert [p.id for p in store.list(Person, network_id="n1")] == ["b", "c"]
        assert [n.id for n in store.list(Network, network_id="n1")] == ["n1"]

    # -- transactions ----------------------------------------------------------------------------

    def test_failed_transaction_writes_nothing(self, store: Store) -> None:
        """An exception inside ``transaction()`` rolls every write of the block back."""
        kept = store.put(Person(id="kept", network_id="n", function="x"), draft=True)

        def work() -> None:
            store.put(Person(id="new", network_id="n", function="y"), draft=True)
            store.put(attrs.evolve(kept, function="changed"), draft=True)
            store.delete(Person, "kept", revision=2)
            assert [p.id for p in store.list(Person)] == ["new"]  # reads see the block's own writes

        _abort_after(store, work)
        assert store.list(Person) == [kept]

    def test_put_many_is_all_or_nothing(self, store: Store) -> None:
        """One stale entity in a batch: Conflict, and none of the batch is written."""
        existing = store.put(Person(id="b", network_id="n", function="x"), draft=True)
        store.put(attrs.evolve(existing, function="newer"), draft=True)
        batch = [Person(id="a", network_id="n", function="y"), existing, Person(id="c", network_id="n", function="z")]
        with pytest.raises(Conflict, match="person 'b'"):
            store.put_many(batch, draft=True)
        assert [p.id for p in store.list(Person)] == ["b"]

    def test_nested_transaction_is_a_savepoint(self, store: Store) -> None:
        """An inner block that fails undoes only its own writes."""
        with store.transaction():
            store.put(Person(id="outer", network_id="n", function="x"), draft=True)
            _abort_after(store, lambda: store.put(Person(id="inner", network_id="n", function="y"), draft=True))
            with store.transaction():
                store.put(Person(id="inner-ok", network_id="n", function="z"), draft=True)
        assert [p.id for p in store.list(Person)] == ["inner-ok", "outer"]

    # -- sync ------------------------------------------------------------------------------------

    def test_changed_since_reports_writes_and_deletions_in_order(self, store: Store) -> None:
        """Each change once, oldest first, strictly later than ``since``; tombstones included."""
        first = store.put(Person(id="a", network_id="n1", function="x"), draft=True)
        assert first.modified is not None
        mark = first.modified
        store.put(Person(id="b", network_id="n2", function="y"), draft=True)
        store.put(attrs.evolve(first, function="x2"), draft=True)
        store.delete(Person, "b")
        changes = store.changed_since(mark)
        assert [(c.id, c.revision, c.deleted) for c in changes] == [("a", 2, False), ("b", 2, True)]
        assert all(c.modified > mark for c in changes)
        assert changes[0].modified < changes[1].modified
        assert [c.id for c in store.changed_since(mark, network_id="n2")] == ["b"]
        assert store.changed_since(changes[-1].modified) == []
        assert len(store.changed_since()) == 2

    def test_modified_strictly_increases(self, store: Store) -> None:
        """Quick successive writes still get distinct, increasing ``modified`` stamps."""
        stamps = [store.put(Person(id=f"p{i}", network_id="n", function="x"), draft=True).modified for i in range(30)]
        assert all(a is not None and b is not None and a < b for a, b in itertools.pairwise(stamps))

    # -- queries ---------------------------------------------------------------------------------

    def test_meeting_queries(self, store: Store) -> None:
        """Overlap with ``[start, end)``, group, person and network filters; ordered by start."""
        day = datetime(2024, 10, 27, 0, 30, tzinfo=BERLIN)  # the night summer time ends
        meetings = [
            Meeting(id="m1", network_id="n", kind=MeetingKind.WORKING_GROUP, title="AG Wohnen", group_id="ag-wohnen",
                    start=day, end=day + timedelta(hours=3), organizer_id="anna"),
            Meeting(id="m2", network_id="n", kind=MeetingKind.NETWORK, title="Netzwerktreffen",
                    start=day + timedelta(days=1), end=day + timedelta(days=1, hours=2),
                    invitations=(Invitation(actor_id="anna", status=AttendanceStatus.DECLINED),
                                 Invitation(actor_id="ben"))),
            Meeting(id="m0", network_id="m", kind=MeetingKind.OTHER, title="früher", start=day - timedelta(days=40),
                    end=day - timedelta(days=39), agenda=(AgendaItem(kind=AgendaItemKind.INPUT, title="Input",
                                                                     presenter_ids=("anna",)),)),
        ]  # fmt: skip
        store.put_many(meetings, draft=True)
        window = (day - timedelta(days=60), day + timedelta(days=5))
        assert [m.id for m in store.meetings_between(*window)] == ["m0", "m1", "m2"]
        assert [m.id for m in store.meetings_between(*window, person_id="anna")] == ["m0", "m1"]
        assert [m.id for m in store.meetings_between(*window, person_id="ben")] == ["m2"]
        assert [m.id for m in store.meetings_between(*window, group_id="ag-wohnen")] == ["m1"]
        assert [m.id for m in store.meetings_between(*window, network_id="m")] == ["m0"]
        # [start, end): touching is not overlapping
        assert store.meetings_between(day + timedelta(hours=3), day + timedelta(hours=4)) == []
        assert [m.id for m in store.meetings_between(day + timedelta(hours=2), day + timedelta(hours=4))] == ["m1"]
        store.delete(Meeting, "m1")
        assert [m.id for m in store.meetings_between(*window, person_id="anna")] == ["m0"]
        # an update that changes who comes moves the meeting from one person to the other
        store.put(attrs.evolve(store.get(Meeting, "m2"), invitations=(Invitation(actor_id="cem"),)), draft=True)
        assert store.meetings_between(*window, person_id="ben") == []
        assert [m.id for m in store.meetings_between(*window, person_id="cem")] == ["m2"]

    def test_course_and_membership_queries(self, store: Store) -> None:
        """Courses by type, provider and status; memberships of an actor, on a day."""
        store.put_many(
            [
                Course(id="k1", network_id="n", course_type="alpha", provider_id="vhs", units_total=1300,
                       units_per_week=20, seats=15, status=CourseStatus.RUNNING),
                Course(id="k2", network_id="n", course_type="allgemein", provider_id="vhs", units_total=700,
                       units_per_week=20, seats=20),
                Course(id="k3", network_id="o", course_type="alpha", provider_id="bw", units_total=1300,
                       units_per_week=20, seats=15, status=CourseStatus.RUNNING),
                Membership(id="ms1", network_id="n", actor_id="anna", since=date(2024, 3, 1),
                           until=date(2024, 12, 31)),
                Membership(id="ms2", network_id="n", actor_id="anna", group_id="ag", since=date(2025, 1, 1)),
                Membership(id="ms3", network_id="n", actor_id="ben", since=date(2024, 3, 1)),
            ],
            draft=True,
        )  # fmt: skip
        assert [c.id for c in store.courses()] == ["k1", "k2", "k3"]
        assert [c.id for c in store.courses(course_type="alpha")] == ["k1", "k3"]
        assert [c.id for c in store.courses(provider_id="vhs", status=CourseStatus.RUNNING)] == ["k1"]
        assert [c.id for c in store.courses(network_id="o")] == ["k3"]
        assert [m.id for m in store.memberships_of("anna")] == ["ms1", "ms2"]
        assert [m.id for m in store.memberships_of("anna", on=date(2024, 12, 31))] == ["ms1"]
        assert [m.id for m in store.memberships_of("anna", on=date(2025, 1, 1))] == ["ms2"]
        assert store.memberships_of("nobody") == []

    def test_query_arguments_of_the_wrong_kind_are_refused_alike(self, store: Store) -> None:
        """A date or a naive time names no instant: every backend refuses it with ``WrongType``, naming it."""
        day = datetime(2024, 10, 14, 9, 0, tzinfo=BERLIN)
        store.put(Meeting(id="m1", network_id="n", kind=MeetingKind.OTHER, title="Treffen", start=day,
                          end=day + timedelta(hours=2)), draft=True)  # fmt: skip
        for start, end, named in (
            (day.date(), day.date() + timedelta(days=1), "start"),
            (day.replace(tzinfo=None), day + timedelta(days=1), "start"),
            (day, (day + timedelta(days=1)).replace(tzinfo=None), "end"),
        ):
            with pytest.raises(WrongType, match=f"meetings_between: {named}: expected a timezone-aware date-time"):
                store.meetings_between(start, end)  # type: ignore[arg-type]
        with pytest.raises(WrongType, match="changed_since: since"):
            store.changed_since(datetime(2024, 1, 1))
        with pytest.raises(WrongType, match="memberships_of: on: expected a date"):
            store.memberships_of("anna", on=day)
        with pytest.raises(WrongType, match="courses: status"):
            store.courses(status="läuft")  # type: ignore[arg-type]
        assert store.courses(status="running") == store.courses(status=CourseStatus.RUNNING)  # type: ignore[arg-type]
        assert [m.id for m in store.meetings_between(day, day + timedelta(hours=1))] == ["m1"]

    # -- personal data ---------------------------------------------------------------------------

    def test_erase_person_leaves_no_trace(self, store: Store, plugin_host: PluginHost) -> None:
        """The person, their memberships and every reference go; the rest stays."""
        start = datetime(2024, 10, 14, 9, tzinfo=BERLIN)
        store.put_many(
            [
                Person(id="anna", network_id="n", function="Integrationsmanagerin", name="Anna Größer"),
                Person(id="ben", network_id="n", function="Lehrkraft"),
                Membership(id="ms-anna", network_id="n", actor_id="anna", since=date(2024, 3, 1)),
                Membership(id="ms-ben", network_id="n", actor_id="ben", since=date(2024, 3, 1)),
                Meeting(id="m", network_id="n", kind=MeetingKind.NETWORK, title="Treffen", start=start,
                        end=start + timedelta(hours=4), organizer_id="anna", moderator_id="anna",
                        invitations=(Invitation(actor_id="anna"), Invitation(actor_id="ben")),
                        agenda=(AgendaItem(kind=AgendaItemKind.INPUT, title="Zahlen", presenter_ids=("anna", "ben")),),
                        minutes=Minutes(text="…", recorded_by_id="anna")),
                WorkingGroup(id="ag", network_id="n", name="AG Wohnen", topic="Wohnen", founded=date(2024, 3, 1),
                             tasks=(Task(id="t", title="Umfrage", owner_id="anna"),)),
                Course(id="k", network_id="n", course_type="alpha", provider_id="vhs", units_total=1300,
                       units_per_week=20, seats=15, teacher_ids=("anna", "ben")),
            ],
            draft=True,
        )  # fmt: skip
        before = store.personal_data_of("anna")
        assert before.person is not None
        assert before.person.name == "Anna Größer"
        assert [m.id for m in before.memberships] == ["ms-anna"]
        assert {(m.entity_type, m.entity_id) for m in before.mentions} == {
            ("membership", "ms-anna"),
            ("meeting", "m"),
            ("working_group", "ag"),
            ("course", "k"),
        }
        assert store.erase_person("anna") == 5
        after = store.personal_data_of("anna")
        assert after.person is None
        assert after.memberships == ()
        assert after.mentions == ()
        codec = plugin_host.codec
        for cls in ENTITY_TYPES.values():
            for entity in store.list(cls):
                text = codec.dumps(entity).decode()
                assert '"anna"' not in text, text
                assert "Größer" not in text, text
        meeting = store.get(Meeting, "m")
        assert meeting.participant_ids() == ("ben",)
        assert store.get(Course, "k").teacher_ids == ("ben",)
        assert store.meetings_between(start, start + timedelta(days=1), person_id="anna") == []
        assert store.erase_person("anna") == 0

    # -- durability and other processes -------------------------------------------------------

    def test_data_survives_reopening(
        self, store_url: str, open_store: Callable[[str], Store], capabilities: frozenset[Capability]
    ) -> None:
        """Close and open again: everything is there, including tombstones."""
        if Capability.DURABLE not in capabilities:
            pytest.skip("the backend is not durable")
        with open_store(store_url) as store:
            kept = store.put(Person(id="p", network_id="n", function="Lotsin 🧭"), draft=True)
            store.put(Person(id="gone", network_id="n", function="x"), draft=True)
            store.delete(Person, "gone")
        with open_store(store_url) as store:
            assert store.get(Person, "p") == kept
            assert [(c.id, c.deleted) for c in store.changed_since()] == [("p", False), ("gone", True)]
            assert store.put(attrs.evolve(kept, function="Lotsin"), draft=True).revision == 2

    def test_two_stores_on_one_url_cannot_lose_an_update(
        self, store_url: str, open_store: Callable[[str], Store], capabilities: frozenset[Capability]
    ) -> None:
        """Two writers read revision 1: the first write wins, the second gets Conflict."""
        if Capability.MULTI_PROCESS not in capabilities:
            pytest.skip("the backend is not shared between processes")
        with open_store(store_url) as one, open_store(store_url) as two:
            original = one.put(Person(id="p", network_id="n", function="x"), draft=True)
            seen_by_two = two.get(Person, "p")
            one.put(attrs.evolve(original, function="from one"), draft=True)
            with pytest.raises(Conflict, match="person 'p'"):
                two.put(attrs.evolve(seen_by_two, function="from two"), draft=True)
            assert two.get(Person, "p").function == "from one"
            _abort_after(one, lambda: one.put(Person(id="q", network_id="n", function="y"), draft=True))
            with pytest.raises(NotFound):
                two.get(Person, "q")

    def test_every_write_survives_reopening(
        self, store_url: str, open_store: Callable[[str], Store], capabilities: frozenset[Capability]
    ) -> None:
        """Batches, transactions, updates and deletions: after reopening every answer is the same."""
        if Capability.DURABLE not in capabilities:
            pytest.skip("the backend is not durable")
        start = datetime(2025, 5, 6, 17, tzinfo=BERLIN)
        network = Network(id="n1", name="Netz", region=Region(name="Wartburgkreis", state=State.TH, ags="16063"))
        with open_store(store_url) as store:
            store.put_many(
                [
                    network,
                    Person(id="a", network_id="n1", function="Lotsin"),
                    Person(id="b", network_id="n2", function="Lehrkraft"),
                    Person(id="c", network_id="n1", function="Ehrenamt"),
                    Meeting(id="m", network_id="n2", kind=MeetingKind.NETWORK, title="Treffen", start=start,
                            end=start + timedelta(hours=2), invitations=(Invitation(actor_id="a"),)),
                    Person(id="z", network_id="n2", function="the last of the batch"),
                ],
                draft=True,
            )  # fmt: skip
            store.delete(Person, "b", revision=1)
            with store.transaction():
                store.put(attrs.evolve(store.get(Person, "a"), function="Lotsin 🧭"), draft=True)
                store.put(Person(id="d", network_id="n2", function="Sprachmittlerin"), draft=True)
                store.delete(Person, "c")
                store.put(Person(id="e", network_id="n1", function="the last of the transaction"), draft=True)
            before = _snapshot(store, ["n1", "n2"])
        with open_store(store_url) as store:
            after = _snapshot(store, ["n1", "n2"])
            for call, answer in before.items():
                assert after[call] == answer, f"after reopening, {call} answers differently"
            again = store.put(Person(id="b", network_id="n2", function="wieder da"), draft=True)
            assert again.revision == 3, "re-creating a deleted entity continues after its tombstone's revision"

    def test_clock_stepping_back_between_two_stores(
        self,
        store_url: str,
        open_store: Callable[[str], Store],
        capabilities: frozenset[Capability],
        wall_clock: WallClock | None,
    ) -> None:
        """The wall clock steps back an hour between two stores' writes: the later writes are still later."""
        if Capability.MULTI_PROCESS not in capabilities:
            pytest.skip("the backend is not shared between processes")
        if wall_clock is None:
            pytest.skip("the wall_clock fixture returns None: the backend's clock cannot be stepped")
        with open_store(store_url) as one, open_store(store_url) as two:
            assert two.list(Person) == []  # the second store has looked before the first writes
            first = one.put(Person(id="a", network_id="n", function="x"), draft=True)
            wall_clock.step(timedelta(hours=-1))
            second = two.put(Person(id="b", network_id="n", function="y"), draft=True)
            two.delete(Person, "a")
            assert first.modified is not None
            assert second.modified is not None
            assert second.modified > first.modified, _UNOBSERVED_CLOCK
            for store in (one, two):
                changes = [(c.id, c.deleted) for c in store.changed_since(first.modified)]
                assert changes == [("b", False), ("a", True)], _UNOBSERVED_CLOCK

    def test_clock_stepping_back_across_a_reopen(
        self,
        store_url: str,
        open_store: Callable[[str], Store],
        capabilities: frozenset[Capability],
        wall_clock: WallClock | None,
    ) -> None:
        """The wall clock steps back an hour while the store is closed: writes after reopening are later."""
        if Capability.DURABLE not in capabilities:
            pytest.skip("the backend is not durable")
        if wall_clock is None:
            pytest.skip("the wall_clock fixture returns None: the backend's clock cannot be stepped")
        with open_store(store_url) as store:
            first = store.put(Person(id="a", network_id="n", function="x"), draft=True)
        wall_clock.step(timedelta(hours=-1))
        with open_store(store_url) as store:
            second = store.put(attrs.evolve(first, function="y"), draft=True)
            assert first.modified is not None
            assert second.modified is not None
            assert second.modified > first.modified, _UNOBSERVED_CLOCK
            assert [c.revision for c in store.changed_since(first.modified)] == [2], _UNOBSERVED_CLOCK

    # -- crashes and races, with real processes ------------------------------------------------

    def test_sigkill_during_small_transactions(
        self,
        store_url: str,
        plugin_host: PluginHost,
        host_recipe: processes.HostRecipe,
        capabilities: frozenset[Capability],
    ) -> None:
        """A writer killed at random moments of small transactions: each time the state after a whole one."""
        self._kill_small_transactions(store_url, plugin_host, host_recipe, capabilities, kills=4)

    @pytest.mark.slow
    def test_sigkill_during_small_transactions_thoroughly(
        self,
        store_url: str,
        plugin_host: PluginHost,
        host_recipe: processes.HostRecipe,
        capabilities: frozenset[Capability],
    ) -> None:
        """The same, killed 15 times."""
        self._kill_small_transactions(store_url, plugin_host, host_recipe, capabilities, kills=15)

    @staticmethod
    def _kill_small_transactions(
        url: str, host: PluginHost, recipe: processes.HostRecipe, capabilities: frozenset[Capability], kills: int
    ) -> None:
        if Capability.DURABLE not in capabilities:
            pytest.skip("the backend is not durable: there is nothing to find after a crash")
        report = processes.kill_small_transactions(url, host, recipe, kills=kills)
        assert not report.problems, f"after SIGKILL of a writer: {report.outcomes}"

    def test_sigkill_during_a_large_transaction(
        self,
        new_store_url: Callable[[], str],
        plugin_host: PluginHost,
        host_recipe: processes.HostRecipe,
        capabilities: frozenset[Capability],
    ) -> None:
        """A writer killed at points spread over one save of 120 entities: each time the old or the new state."""
        self._kill_large_transaction(new_store_url, plugin_host, host_recipe, capabilities, size=60, points=4)

    @pytest.mark.slow
    def test_sigkill_during_a_large_transaction_thoroughly(
        self,
        new_store_url: Callable[[], str],
        plugin_host: PluginHost,
        host_recipe: processes.HostRecipe,
        capabilities: frozenset[Capability],
    ) -> None:
        """The same with 400 entities, killed at 8 points."""
        self._kill_large_transaction(new_store_url, plugin_host, host_recipe, capabilities, size=200, points=8)

    @staticmethod
    def _kill_large_transaction(
        new_url: Callable[[], str],
        host: PluginHost,
        recipe: processes.HostRecipe,
        capabilities: frozenset[Capability],
        *,
        size: int,
        points: int,
    ) -> None:
        if Capability.DURABLE not in capabilities:
            pytest.skip("the backend is not durable: there is nothing to find after a crash")
        report = processes.kill_large_transaction(new_url, host, recipe, size=size, points=points)
        print(f"states after SIGKILL at {points} points: {report.outcomes}")
        assert not report.problems, f"after SIGKILL of a writer: {report.outcomes}"

    def test_concurrent_writers_lose_no_update(
        self,
        store_url: str,
        plugin_host: PluginHost,
        host_recipe: processes.HostRecipe,
        capabilities: frozenset[Capability],
    ) -> None:
        """Three processes increment one counter 8 times each, reloading on Conflict: it reaches 24."""
        self._race(store_url, plugin_host, host_recipe, capabilities, writers=3, increments=8)

    @pytest.mark.slow
    def test_concurrent_writers_lose_no_update_thoroughly(
        self,
        store_url: str,
        plugin_host: PluginHost,
        host_recipe: processes.HostRecipe,
        capabilities: frozenset[Capability],
    ) -> None:
        """Four processes, 50 increments each."""
        self._race(store_url, plugin_host, host_recipe, capabilities, writers=4, increments=50)

    @staticmethod
    def _race(
        url: str,
        host: PluginHost,
        recipe: processes.HostRecipe,
        capabilities: frozenset[Capability],
        *,
        writers: int,
        increments: int,
    ) -> None:
        if Capability.CONCURRENT_WRITERS not in capabilities:
            pytest.skip("the backend does not declare CONCURRENT_WRITERS")
        report = processes.race(url, host, recipe, writers=writers, increments=increments)
        print(f"{writers} writers, {report.expected} increments, {report.conflicts} conflicts")
        assert not report.failures, f"writers failed: {report.failures}"
        assert report.lost == 0, (
            f"{report.lost} of {report.expected} increments were lost: the counter ended at {report.counted} "
            f"(revision {report.revision}); a backend declaring CONCURRENT_WRITERS must serialise writers "
            "and check revisions against what is stored, under its write lock"
        )
        assert report.revision == report.expected + 1

    def test_closed_store_refuses_work(self, store_url: str, open_store: Callable[[str], Store]) -> None:
        """Using a closed store raises StoreError instead of failing obscurely."""
        store = open_store(store_url)
        store.close()
        with pytest.raises(StoreError, match="closed"):
            store.get(Person, "p")

    def test_repr_and_errors_mask_the_password(self, store: Store) -> None:
        """The URL shows without its password in repr and messages."""
        assert store.url.password is None or store.url.password not in repr(store)
        with pytest.raises(NotFound) as caught:
            store.get(Person, "nobody")
        assert store.url.password is None or store.url.password not in str(caught.value)

    # -- the write guard and ids (every valid id, every write read back) ------------------------

    def test_every_valid_id_can_be_stored(
        self, store_url: str, open_store: Callable[[str], Store], capabilities: frozenset[Capability]
    ) -> None:
        """Long and non-ASCII ids (a file name of 41 x "é" would need 246 bytes) are stored and found again."""
        ids = ["é" * 41, "😀" * 67, "x" * MAX_ID_LENGTH, "ä" * MAX_ID_LENGTH, "𝔘" * MAX_ID_LENGTH, ".hidden", "a b"]
        ids += ["é" * 41 + "-2", "Straße 7", "CON", "%41"]
        people = [Person(id=entity_id, network_id="n", function="x") for entity_id in ids]
        with open_store(store_url) as store:
            store.put_many(people, draft=True)
            assert [p.id for p in store.list(Person)] == sorted(ids)
            for entity_id in ids:
                assert store.get(Person, entity_id).id == entity_id
            store.delete(Person, ids[0])
        if Capability.DURABLE in capabilities:
            with open_store(store_url) as store:
                assert [p.id for p in store.list(Person)] == sorted(ids[1:])
                assert {c.id for c in store.changed_since()} == set(ids)
                store.put(attrs.evolve(people[0], revision=0), draft=True)

    def test_what_cannot_be_read_back_is_refused(
        self, store_url: str, open_store: Callable[[str], Store], capabilities: frozenset[Capability]
    ) -> None:
        """Infinite numbers, lone surrogates and wrong values set past a constructor: InvalidData, nothing written."""
        from integrationsnetz.model import ProviderCapacity

        capacity = ProviderCapacity(id="c", network_id="n", provider_id="vhs", as_of=date(2025, 1, 1), teachers_fte=2)
        start = datetime(2025, 3, 1, 9, tzinfo=BERLIN)
        meeting = Meeting(id="m", network_id="n", kind=MeetingKind.NETWORK, title="T", start=start,
                          end=start + timedelta(hours=1))  # fmt: skip
        defects: list[tuple[Entity, str, object, str]] = [
            (capacity, "teachers_fte", float("inf"), r"teachers_fte: expected a finite number"),
            (capacity, "alpha_teachers_fte", float("nan"), r"alpha_teachers_fte: expected a finite number"),
            (meeting, "title", "Treffen \ud800", r"title: not valid Unicode"),
            (meeting, "kind", "netwrok", r"kind: expected one of"),
            (meeting, "start", start.replace(tzinfo=None), r"start"),
        ]
        with open_store(store_url) as store:
            good = store.put_many([capacity, meeting], draft=True)
            for entity, field, value, message in defects:
                stored = next(e for e in good if type(e) is type(entity))
                for candidate in (attrs.evolve(stored), attrs.evolve(entity, id=f"new-{field}")):
                    object.__setattr__(candidate, field, value)  # past the constructor, as a bug would
                    with pytest.raises(InvalidData, match=message):
                        store.put(candidate, draft=True)
                    with pytest.raises(InvalidData, match=message):
                        store.put_many([Person(id="p", network_id="n", function="x"), candidate], draft=True)
            self._check_unchanged(store, good)
        if Capability.DURABLE in capabilities:
            with open_store(store_url) as store:
                self._check_unchanged(store, good)

    @staticmethod
    def _check_unchanged(store: Store, good: Sequence[Entity]) -> None:
        from integrationsnetz.model import ProviderCapacity

        assert store.list(ProviderCapacity) == [good[0]]
        assert store.list(Meeting) == [good[1]]
        assert store.list(Person) == []
        assert [change.id for change in store.changed_since()] == ["c", "m"]

    def test_dangling_references_are_refused_unless_draft(self, store: Store) -> None:
        """References resolve in the batch or the store; otherwise every problem is listed and nothing written."""
        network = Network(id="n", name="Netz", region=Region(name="Kreis", state=State.TH, ags="16063"))
        anna = Person(id="anna", network_id="n", function="Koordination")
        start = datetime(2025, 3, 1, 9, tzinfo=BERLIN)
        meeting = Meeting(
            id="m", network_id="n", kind=MeetingKind.WORKING_GROUP, title="AG", start=start,
            end=start + timedelta(hours=1), group_id="ag-x", organizer_id="anna",
            invitations=(Invitation(actor_id="anna"), Invitation(actor_id="bnea")),
        )  # fmt: skip
        with pytest.raises(InvalidData) as caught:
            store.put_many([meeting, anna, network])  # order within a batch does not matter
        assert caught.value.problems[:2] == (
            "meeting 'm'.group_id: refers to unknown working group 'ag-x'",
            "meeting 'm'.invitations[1].actor_id: refers to unknown actor 'bnea'",
        )
        assert "draft=True" in caught.value.problems[-1]
        assert store.changed_since() == []
        store.put_many([network, anna])  # complete: resolved in the batch
        with pytest.raises(InvalidData, match="unknown working group 'ag-x'"):
            store.put(meeting)
        group = WorkingGroup(id="ag-x", network_id="elsewhere", name="AG X", topic="Sprache", founded=date(2024, 1, 1))
        with pytest.raises(
            InvalidData, match=r"working_group 'ag-x'\.network_id: refers to unknown network 'elsewhere'"
        ):
            store.put(group)
        group = store.put(attrs.evolve(group, network_id="n"))
        with pytest.raises(InvalidData, match="'bnea'"):
            store.put(meeting)  # the group resolves in the store now; bnea still does not
        draft = store.put(meeting, draft=True)
        assert store.get(Meeting, "m") == draft
        store.delete(WorkingGroup, group.id)
        with pytest.raises(InvalidData, match="'ag-x'"):
            store.put(attrs.evolve(draft, invitations=draft.invitations[:1]))  # a deleted entity does not resolve

    def test_duplicate_ids_in_one_write_are_refused(self, store: Store) -> None:
        """One id twice in a batch, or a person taking an organisation's id (actor ids are shared)."""
        from integrationsnetz.model import Organization, OrganizationKind

        network = Network(id="n", name="Netz", region=Region(name="Kreis", state=State.TH, ags="16063"))
        store.put(network)
        twice = [Person(id="p", network_id="n", function="x"), Person(id="p", network_id="n", function="y")]
        with pytest.raises(InvalidData, match="person 'p': written twice"):
            store.put_many(twice)
        store.put(Organization(id="vhs", network_id="n", name="VHS", kind=OrganizationKind.EDUCATION))
        with pytest.raises(InvalidData, match="person 'vhs': an organization has this id too"):
            store.put(Person(id="vhs", network_id="n", function="x"))
        assert store.list(Person) == []

    # -- schema versions -------------------------------------------------------------------------

    def test_newer_schema_is_refused(
        self,
        store_url: str,
        open_store: Callable[[str], Store],
        capabilities: frozenset[Capability],
        set_schema_version: Callable[[str, int], None] | None,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """A store written by a newer integrationsnetz: SchemaVersionError, nothing touched."""
        if Capability.DURABLE not in capabilities:
            pytest.skip("the backend is not durable: no store outlives the library that wrote it")
        with monkeypatch.context() as newer:
            _raise_schema_version(newer, lambda body: body)
            with open_store(store_url) as store:
                store.put(Person(id="p", network_id="n", function="x"), draft=True)
        self._check_refused(store_url, open_store, "upgrade integrationsnetz")
        with monkeypatch.context() as newer:
            _raise_schema_version(newer, lambda body: body)
            with open_store(store_url) as store:
                assert store.get(Person, "p").function == "x"
        if set_schema_version is not None:
            set_schema_version(store_url, current_version() + 1)
            self._check_refused(store_url, open_store, "upgrade integrationsnetz")

    @staticmethod
    def _check_refused(store_url: str, open_store: Callable[[str], Store], match: str) -> None:
        try:
            store = open_store(store_url)
        except SchemaVersionError as exc:
            message = str(exc)
        else:
            store.close()
            pytest.fail(
                f"a store of another schema than this library's ({current_version()}) was opened: record the "
                "schema version in the store and check it on opening (integrationsnetz.store.schema)"
            )
        assert match in message

    def test_older_schema_is_migrated(
        self,
        store_url: str,
        open_store: Callable[[str], Store],
        capabilities: frozenset[Capability],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """Opening a store of an older schema runs the migrations on every stored document, once.

        A backend that declares ``migrates_older_stores = False`` must refuse the store instead.
        """
        if Capability.DURABLE not in capabilities:
            pytest.skip("the backend is not durable: no store outlives the library that wrote it")
        start = datetime(2027, 3, 1, 9, 0, tzinfo=BERLIN)
        meeting = Meeting(id="m", network_id="n", kind=MeetingKind.NETWORK, title="Treffen", start=start,
                          end=start + timedelta(hours=2), invitations=(Invitation(actor_id="p"),))  # fmt: skip
        with open_store(store_url) as store:
            store.put_many([Person(id="p", network_id="n", function="lehrkraft"), meeting], draft=True)
        old = current_version()

        def mark_functions(body: dict[str, Any]) -> dict[str, Any]:
            for person in body.get("persons", []):
                person["function"] += " (migriert)"
            return body

        _raise_schema_version(monkeypatch, mark_functions)
        if not self.migrates_older_stores:
            self._check_refused(store_url, open_store, "")
            return
        with open_store(store_url) as store:
            function = store.get(Person, "p").function
            if function == "lehrkraft":
                pytest.fail(_NO_MIGRATION.format(old=old, new=old + 1))
            assert function == "lehrkraft (migriert)"
            # the migrated meeting is still found by its participant
            assert [m.id for m in store.meetings_between(start, start + timedelta(days=1), person_id="p")] == ["m"]
            store.put(Person(id="q", network_id="n", function="neu"), draft=True)
        with open_store(store_url) as store:  # migrated once, not again
            assert store.get(Person, "p").function == "lehrkraft (migriert)", "the store was migrated twice"
            assert store.get(Person, "q").function == "neu"

    # -- the backend beside the reference ---------------------------------------------------

    def test_agrees_with_the_memory_store(
        self,
        new_store_url: Callable[[], str],
        open_store: Callable[[str], Store],
        capabilities: frozenset[Capability],
    ) -> None:
        """A Hypothesis state machine drives the backend and ``memory:`` alike; they always agree.

        Between steps it reopens a durable store and switches to a second store on the same URL
        (``MULTI_PROCESS``), so every write must survive and be seen by the other store.
        """
        machine = _side_by_side(new_store_url, open_store, capabilities)
        run_state_machine_as_test(
            machine,
            settings=settings(
                self.hypothesis_settings,
                max_examples=min(self.hypothesis_settings.max_examples, 15),
                stateful_step_count=20,
            ),
        )


def _side_by_side(
    new_url: Callable[[], str], open_store: Callable[[str], Store], capabilities: frozenset[Capability]
) -> type[RuleBasedStateMachine]:
    """A state machine class comparing a backend with the reference store after every step."""
    ids = st.sampled_from(["a", "b", "ä-ß", "🎉"])
    types = list(ENTITY_TYPES.values())

    def entity_of(cls: type[Entity]) -> st.SearchStrategy[Entity]:
        return _pooled(cls, ids)

    new_entities = st.sampled_from(types).flatmap(entity_of)

    class SideBySide(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.url = new_url()
            self.real = open_store(self.url)
            self.other: Store | None = None  # a second store on the URL, when the backend is MULTI_PROCESS
            self.reference = open_store("memory:")
            self.marks: list[tuple[datetime, datetime]] = []

        def both(self, call: Callable[[Store], Any]) -> Any:
            expected = _outcome(lambda: call(self.reference))
            got = _outcome(lambda: call(self.real))
            assert _normal(got) == _normal(expected)
            return expected[1]

        def teardown(self) -> None:
            self.real.close()
            if self.other is not None:
                self.other.close()
            self.reference.close()

        @precondition(lambda self: Capability.DURABLE in capabilities)
        @rule()
        def reopen(self) -> None:
            self.real.close()
            if self.other is not None:
                self.other.close()
                self.other = None
            self.real = open_store(self.url)

        @precondition(lambda self: Capability.MULTI_PROCESS in capabilities)
        @rule()
        def switch_to_the_other_store(self) -> None:
            if self.other is None:
                self.other = open_store(self.url)
            self.real, self.other = self.other, self.real

        @rule(entity=new_entities)
        def put_new(self, entity: Entity) -> None:
            self.both(lambda store: store.put(entity, draft=True))

        @rule(data=st.data(), entity_type=st.sampled_from(types), shift=st.sampled_from([0, 0, 0, -1, 1]))
        def update(self, data: st.DataObject, entity_type: type[Entity], shift: int) -> None:
            live = self.reference.list(entity_type)
            if not live:
                return
            current = data.draw(st.sampled_from(live))
            replacement = data.draw(entity_of(entity_type))
            entity = attrs.evolve(replacement, id=current.id, revision=max(0, current.revision + shift))
            self.both(lambda store: store.put(entity, draft=True))

        @rule(entity_type=st.sampled_from(types), entity_id=ids, with_revision=st.booleans())
        def delete(self, entity_type: type[Entity], entity_id: str, with_revision: bool) -> None:
            revision = None
            if with_revision:
                found = [e for e in self.reference.list(entity_type) if e.id == entity_id]
                revision = found[0].revision if found else 1
            self.both(lambda store: store.delete(entity_type, entity_id, revision=revision))

        @rule(entities=st.lists(new_entities, max_size=4), fail=st.booleans())
        def transaction(self, entities: list[Entity], fail: bool) -> None:
            def run(store: Store) -> list[Entity]:
                with store.transaction():
                    written = [store.put(entity, draft=True) for entity in entities]
                    if fail:
                        raise Conflict("the test aborts this transaction")
                return written

            self.both(run)

        @rule(entities=st.lists(new_entities, max_size=4))
        def put_many(self, entities: list[Entity]) -> None:
            self.both(lambda store: store.put_many(entities, draft=True))

        @rule(person_id=st.sampled_from(_PEOPLE))
        def erase_person(self, person_id: str) -> None:
            self.both(lambda store: store.erase_person(person_id))
            self.both(lambda store: store.personal_data_of(person_id).mentions)

        @rule()
        def mark(self) -> None:
            real, reference = self.real.changed_since(), self.reference.changed_since()
            if real and reference:
                self.marks.append((real[-1].modified, reference[-1].modified))

        @precondition(lambda self: bool(self.marks))
        @rule(data=st.data())
        def changed_since(self, data: st.DataObject) -> None:
            real_mark, reference_mark = data.draw(st.sampled_from(self.marks))
            assert _normal(self.real.changed_since(real_mark)) == _normal(self.reference.changed_since(reference_mark))

        @rule(
            days=st.integers(0, 3000),
            length=st.integers(1, 800),
            group_id=st.sampled_from([None, *_GROUPS]),
            person_id=st.sampled_from([None, *_PEOPLE]),
            network_id=st.sampled_from([None, *_NETWORKS]),
        )
        def meetings_between(
            self, days: int, length: int, group_id: str | None, person_id: str | None, network_id: str | None
        ) -> None:
            start = _START + timedelta(days=days - 1500)
            end = start + timedelta(days=length)
            self.both(
                lambda store: store.meetings_between(
                    start, end, group_id=group_id, person_id=person_id, network_id=network_id
                )
            )

        @rule(data=st.data(), person_id=st.sampled_from([None, *_PEOPLE]))
        def meetings_at_the_edges(self, data: st.DataObject, person_id: str | None) -> None:
            meetings = self.reference.list(Meeting)
            if not meetings:
                return
            meeting = data.draw(st.sampled_from(meetings))
            for start, end in (
                (meeting.end, meeting.end + timedelta(hours=1)),  # touching after: no overlap
                (meeting.start - timedelta(hours=1), meeting.start),  # touching before: no overlap
                (meeting.start, meeting.start + timedelta(microseconds=1)),
                (meeting.end - timedelta(microseconds=1), meeting.end),
            ):
                self.both(functools.partial(_meetings_in, start=start, end=end, person_id=person_id))

        @rule(
            course_type=st.sampled_from([None, *_COURSE_TYPES]),
            provider_id=st.sampled_from([None, "vhs"]),
            status=st.sampled_from([None, *CourseStatus]),
        )
        def courses(self, course_type: str | None, provider_id: str | None, status: CourseStatus | None) -> None:
            self.both(lambda store: store.courses(course_type=course_type, provider_id=provider_id, status=status))

        @rule(actor_id=st.sampled_from(_PEOPLE), on=_optional(st.dates(date(2015, 1, 1), date(2030, 12, 31))))
        def memberships_of(self, actor_id: str, on: date | None) -> None:
            self.both(lambda store: store.memberships_of(actor_id, on=on))

        @invariant()
        def same_content(self) -> None:
            for cls in types:
                assert _normal(self.real.list(cls)) == _normal(self.reference.list(cls)), cls.__name__
            assert _normal(self.real.changed_since()) == _normal(self.reference.changed_since())

    return SideBySide
