"""The erasure suite: after ``erase_person``, no trace of the person in the backend's raw storage.

The storage suite (:mod:`integrationsnetz.testing.store_conformance`) checks erasure through the
API. This suite looks underneath it: it stores a sentinel person (name, e-mail, phone), invites
them to meetings, records their attendance, makes them a member, presenter, minute-taker and
task owner, updates their record, erases them, and then searches every byte the backend keeps
for the name, the e-mail and the phone, in the forms a backend could hold them in (UTF-8, NFD,
UTF-16, percent-encoded, JSON-escaped, the surname alone, which also catches an id or a file
name made from the name). The tombstone and the change feed must not hold them either.

The bytes come from a hook the backend provides, the ``raw_storage`` fixture: a function that,
given a store's URL, yields ``(where, data)`` pairs, everything the backend keeps for that store
(file contents *and* file names, table pages, logs). :func:`raw_files` does it for backends that
keep files::

    # tests/test_conformance.py of integrationsnetz-mydb
    from integrationsnetz.testing.erasure_conformance import ErasureConformance, raw_files
    from integrationsnetz.testing.store_conformance import StoreConformance

    class TestMyDBStore(StoreConformance, ErasureConformance):
        @pytest.fixture
        def new_store_url(self, tmp_path): ...

        @pytest.fixture
        def raw_storage(self):
            return lambda url: raw_files(Path(StoreURL.parse(url).path))

List :class:`ErasureConformance` after ``StoreConformance``: it shares the fixtures
``new_store_url`` and ``plugin_host`` and defines them only for standalone use. A durable backend
(``Capability.DURABLE``) that provides no hook fails the raw-storage tests with instructions; a
backend that is not durable (``memory:``) keeps nothing beyond the process, and the suite skips
them saying so. Before erasing, the suite checks that the hook shows the person, so a hook that
yields nothing cannot pass.
"""

from __future__ import annotations

import json
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import ClassVar
from urllib.parse import quote, quote_plus
from zoneinfo import ZoneInfo

import attrs
import pytest

from integrationsnetz.errors import NotFound
from integrationsnetz.model import (
    AgendaItem,
    AgendaItemKind,
    AttendanceStatus,
    ContactKind,
    ContactPoint,
    Entity,
    Invitation,
    Meeting,
    MeetingKind,
    Membership,
    Minutes,
    Network,
    Organization,
    OrganizationKind,
    Person,
    Region,
    State,
    Task,
    WorkingGroup,
)
from integrationsnetz.plugins import PluginHost
from integrationsnetz.privacy import ErasureIncompleteWarning
from integrationsnetz.store import Capability, Store, StoreURL
from integrationsnetz.testing.samples import SENTINEL_EMAIL, SENTINEL_NAME

__all__ = ["SENTINEL_PHONE", "ErasureConformance", "RawStorage", "raw_files", "trace_forms", "traces_in"]

#: The sentinel person's phone number (their name and e-mail come from :mod:`~integrationsnetz.testing.samples`).
SENTINEL_PHONE = "+49 3695 7734821"

#: The hook a backend provides: given a store's URL, every ``(where, data)`` it keeps for that store.
RawStorage = Callable[[str], Iterable[tuple[str, bytes]]]

BERLIN = ZoneInfo("Europe/Berlin")
_PERSON = "p-e7"  # the sentinel's id: opaque, as every person id should be


def raw_files(*paths: Path) -> Iterator[tuple[str, bytes]]:
    """The raw storage of files and folders: each file's name (relative to ``paths``) and content.

    Folders are walked; paths that do not exist are skipped (a ``-journal`` that is not there).
    """
    for path in paths:
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                yield f"the name of {file}", file.relative_to(path).as_posix().encode("utf-8", "surrogateescape")
                yield str(file), file.read_bytes()
        elif path.is_file():
            yield f"the name of {path}", path.name.encode("utf-8", "surrogateescape")
            yield str(path), path.read_bytes()


def trace_forms(*texts: str) -> list[tuple[str, bytes]]:
    """``(what, bytes)`` for every form in which a backend could keep one of ``texts``, lower-cased.

    Searched lower-cased (ASCII letters only, which is what ``bytes.lower`` folds), so a slug made
    from a name (``zoe-sentinelli``) is caught by the surname.
    """
    forms: dict[bytes, str] = {}

    def add(what: str, form: bytes) -> None:
        forms.setdefault(form.lower(), what)

    for text in texts:
        add(f"{text!r} in UTF-8", text.encode())
        add(f"{text!r} in UTF-8, decomposed (NFD)", unicodedata.normalize("NFD", text).encode())
        add(f"{text!r} in UTF-16-LE", text.encode("utf-16-le"))
        add(f"{text!r} in UTF-16-BE", text.encode("utf-16-be"))
        add(f"{text!r} percent-encoded", quote(text, safe="").encode())
        add(f"{text!r} percent-encoded as a form", quote_plus(text, safe="").encode())
        add(f"{text!r} JSON-escaped", json.dumps(text)[1:-1].encode())
        for word in text.split():
            if len(word) >= 5 and word.isalpha():
                add(f"the word {word!r} of {text!r}", word.encode())
                add(f"the word {word!r} of {text!r} in UTF-16-LE", word.encode("utf-16-le"))
        digits = "".join(ch for ch in text if ch.isdigit())
        if len(digits) >= 8 and "@" not in text:
            add(f"the digits of {text!r}", digits.encode())
    return [(what, form) for form, what in forms.items()]


def traces_in(chunks: Iterable[tuple[str, bytes]], forms: list[tuple[str, bytes]]) -> list[str]:
    """Where any of ``forms`` occurs in ``chunks``: one line per find, with the bytes around it."""
    found = []
    for where, data in chunks:
        folded = data.lower()
        for what, form in forms:
            at = folded.find(form)
            if at >= 0:
                context = data[max(0, at - 24) : at + len(form) + 24]
                found.append(f"{where}: {what} at byte {at}: …{context!r}…")
    return found


def _sentinel_forms() -> list[tuple[str, bytes]]:
    return trace_forms(SENTINEL_NAME, SENTINEL_EMAIL, SENTINEL_PHONE)


def _scenario() -> list[Entity]:
    """A network in which the sentinel person takes part in everything that can refer to a person."""
    start = datetime(2025, 3, 12, 16, tzinfo=BERLIN)
    meetings = [
        Meeting(
            id=f"ag-2025-{number}",
            network_id="n-erase",
            kind=MeetingKind.WORKING_GROUP,
            title=f"AG Sprache {number}",
            start=start + timedelta(weeks=2 * number),
            end=start + timedelta(weeks=2 * number, hours=2),
            group_id="ag",
            organizer_id=_PERSON,
            moderator_id=_PERSON,
            invitations=(
                Invitation(actor_id=_PERSON, status=AttendanceStatus.PRESENT if number else AttendanceStatus.ACCEPTED),
                Invitation(actor_id="p-other", status=AttendanceStatus.PRESENT),
            ),
            agenda=(AgendaItem(kind=AgendaItemKind.INPUT, title="Kursplätze", presenter_ids=(_PERSON, "p-other")),),
            minutes=Minutes(text="Protokoll", recorded_by_id=_PERSON) if number else None,
        )
        for number in range(3)
    ]
    return [
        Network(id="n-erase", name="Netz", region=Region(name="Wartburgkreis", state=State.TH, ags="16063")),
        Organization(id="o-lra", network_id="n-erase", name="Landratsamt", kind=OrganizationKind.AUTHORITY),
        WorkingGroup(
            id="ag",
            network_id="n-erase",
            name="AG Sprache",
            topic="Sprache",
            founded=date(2024, 6, 1),
            tasks=(Task(id="t1", title="Umfrage", owner_id=_PERSON),),
        ),
        Person(
            id=_PERSON,
            network_id="n-erase",
            function="Integrationsmanagerin",
            name=SENTINEL_NAME,
            affiliation_id="o-lra",
            contacts=(
                ContactPoint(kind=ContactKind.EMAIL, value=SENTINEL_EMAIL),
                ContactPoint(kind=ContactKind.PHONE, value=SENTINEL_PHONE),
            ),
        ),
        Person(id="p-other", network_id="n-erase", function="Lehrkraft", affiliation_id="o-lra"),
        Membership(id="ms-1", network_id="n-erase", actor_id=_PERSON, group_id="ag", since=date(2024, 6, 1)),
        Membership(id="ms-2", network_id="n-erase", actor_id=_PERSON, since=date(2024, 3, 1)),
        Membership(id="ms-3", network_id="n-erase", actor_id="p-other", group_id="ag", since=date(2024, 6, 1)),
        *meetings,
    ]


def _write_scenario(store: Store) -> None:
    """The scenario, then two updates of the person: older versions a log or page may keep."""
    store.put_many(_scenario())
    person = store.get(Person, _PERSON)
    person = store.put(attrs.evolve(person, function="Integrationsmanagerin (Vertretung)"))
    store.put(attrs.evolve(person, function="Integrationsmanagerin"))


class ErasureConformance:
    """Erasing a person leaves no trace in what a backend stores. Mix into a backend's test class.

    Override ``new_store_url`` (as for the storage suite) and ``raw_storage``.
    """

    #: The person the suite erases; their id is opaque, so it may stay in tombstones.
    person_id: ClassVar[str] = _PERSON

    # -- fixtures a backend overrides ------------------------------------------------------------

    @pytest.fixture
    def new_store_url(self) -> Callable[[], str]:
        """A function returning the URL of a new, empty store each time it is called."""
        raise NotImplementedError("override the new_store_url fixture in your test class")

    @pytest.fixture
    def plugin_host(self) -> PluginHost:
        """The host that opens stores: by default with every installed plugin."""
        return PluginHost()

    @pytest.fixture
    def raw_storage(self) -> RawStorage | None:
        """The backend's hook: given a store's URL, yield every ``(where, data)`` it keeps for it.

        ``where`` names the place for the failure message (a file, a table's pages, a log);
        ``data`` is its raw content. Yield file names too (``raw_files`` does), and anything the
        backend writes beside its data: logs, journals, write-ahead logs, caches. The function
        may do what the backend needs first (a checkpoint), but nothing an ordinary user would
        not do after ``erase_person``. None (the default) means the backend provides no hook.
        """
        return None

    # -- helpers ---------------------------------------------------------------------------------

    @staticmethod
    def _durable(url: str, host: PluginHost) -> bool:
        parsed = StoreURL.parse(url)
        backends = host.store_backends()
        backend = backends.get(parsed.scheme) or backends[parsed.base_scheme]
        return Capability.DURABLE in backend.capabilities

    @staticmethod
    def _erase(store: Store, person_id: str) -> int:
        """Erase, failing if the backend warns that its erasure is incomplete: nobody else has it open."""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            changed = store.erase_person(person_id)
        incomplete = [str(w.message) for w in caught if issubclass(w.category, ErasureIncompleteWarning)]
        assert not incomplete, f"erase_person warned with no other connection open: {incomplete}"
        for warning in caught:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
        return changed

    # -- the tests -------------------------------------------------------------------------------

    def test_erasure_leaves_no_trace_in_tombstones_and_the_change_feed(
        self, new_store_url: Callable[[], str], plugin_host: PluginHost
    ) -> None:
        """After erasure, what the API still shows of the person (tombstones, feed) holds no personal data."""
        forms = _sentinel_forms()
        with plugin_host.open_store(new_store_url()) as store:
            _write_scenario(store)
            assert self._erase(store, self.person_id) == 7  # the person, 2 memberships, 3 meetings, the group
            with pytest.raises(NotFound):
                store.get(Person, self.person_id)
            assert store.personal_data_of(self.person_id).person is None
            changes = store.changed_since(None)
            stone = next(c for c in changes if (c.entity_type, c.id) == ("person", self.person_id))
            assert stone.deleted
            codec = plugin_host.codec
            feed = [
                (f"change {c.entity_type} {c.id!r}", f"{c.entity_type} {c.id} {c.revision}".encode()) for c in changes
            ]
            feed += [
                (f"entity {c.entity_type} {c.id!r} in the change feed", codec.dumps(c.entity))
                for c in changes
                if c.entity is not None
            ]
            found = traces_in(feed, forms)
            assert not found, "the erased person is still in the change feed:\n" + "\n".join(found)

    @pytest.mark.parametrize("reopen", [False, True], ids=["same-session", "reopened"])
    def test_erasure_leaves_no_trace_in_raw_storage(
        self,
        new_store_url: Callable[[], str],
        plugin_host: PluginHost,
        raw_storage: RawStorage | None,
        reopen: bool,
    ) -> None:
        """Name, e-mail and phone are in no byte the backend keeps, with the store open and after closing.

        ``reopened``: the person was written in an earlier session, as erasure requests come.
        """
        url = new_store_url()
        durable = self._durable(url, plugin_host)
        if raw_storage is None:
            if not durable:
                pytest.skip(
                    "the backend is not durable (no Capability.DURABLE): it keeps nothing beyond the process, "
                    "so there is no raw storage to search"
                )
            pytest.fail(
                "the backend is durable but provides no raw_storage hook: override the raw_storage fixture "
                "to return a function that yields (where, bytes) for everything the backend keeps for a store "
                "URL (integrationsnetz.testing.erasure_conformance.raw_files does it for files)"
            )
        forms = _sentinel_forms()
        store = plugin_host.open_store(url)
        try:
            _write_scenario(store)
            if reopen and durable:
                store.close()
                store = plugin_host.open_store(url)
            assert traces_in(raw_storage(url), forms[:1]), (
                f"the raw_storage hook shows no {SENTINEL_NAME!r} before the erasure: it does not see the "
                "backend's data (or the backend encodes it: then the hook must yield it decoded)"
            )
            self._erase(store, self.person_id)
            found = traces_in(raw_storage(url), forms)
            assert not found, "after erase_person, with the store open:\n" + "\n".join(found)
        finally:
            store.close()
        found = traces_in(raw_storage(url), forms)
        assert not found, "after erase_person, with the store closed:\n" + "\n".join(found)
