"""The storage contract: the Store protocol every backend implements, store URLs, backends.

Backends are plugins (``register_store_backends``); the built-in ones (``memory:``, ``files:``,
``sqlite:``) are registered the same way an external one is. Users open a store with
:func:`integrationsnetz.store.open_store`.
"""

from __future__ import annotations

import builtins
import re
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol, TypeVar, runtime_checkable
from urllib.parse import parse_qsl, quote, unquote, urlsplit

import attrs

from integrationsnetz.errors import StoreError
from integrationsnetz.model.courses import Course, CourseStatus
from integrationsnetz.model.entity import Entity
from integrationsnetz.model.meetings import Meeting
from integrationsnetz.model.memberships import Membership

if TYPE_CHECKING:
    from integrationsnetz.contract.host import Host
    from integrationsnetz.privacy import PersonalData

E = TypeVar("E", bound=Entity)


@attrs.frozen(repr=False)
class StoreURL:
    """A parsed store URL. Its ``repr`` and ``masked`` text never show the password."""

    raw: str
    scheme: str
    path: str
    username: str | None = None
    password: str | None = None
    host: str | None = None
    port: int | None = None
    query: tuple[tuple[str, str], ...] = ()

    @classmethod
    def parse(cls, url: str) -> StoreURL:
        """Split ``scheme:rest`` URLs such as ``sqlite:///netz.db`` or ``postgresql://u@h/db``."""
        if not isinstance(url, str):
            raise StoreError(f"store URL: expected text such as 'sqlite:///netz.db' or 'memory:', got {url!r}")
        if ":" not in url:
            raise StoreError(f"store URL {url!r}: expected 'scheme:...', e.g. 'sqlite:///netz.db' or 'memory:'")
        parts = urlsplit(url)
        try:
            port = parts.port
        except ValueError:
            raise StoreError(f"store URL {_mask(url)!r}: the port is not a number") from None
        try:
            # The query follows the HTML form rules, as in SQLAlchemy URLs: "+" is a space, "%2B" a
            # plus; an empty value is kept (so "?schema=" is refused rather than ignored).
            query = tuple(parse_qsl(parts.query, keep_blank_values=True, errors="strict"))
        except UnicodeDecodeError:
            raise StoreError(
                f"store URL {_mask(url)!r}: a query parameter's percent-escapes are not UTF-8 text; "
                "write each non-ASCII character as the percent-escapes of its UTF-8 bytes, e.g. %C3%A4 for 'ä'"
            ) from None
        return cls(
            raw=url,
            scheme=parts.scheme.lower(),
            path=unquote(parts.path),
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            host=parts.hostname,
            port=port,
            query=query,
        )

    @property
    def base_scheme(self) -> str:
        """The scheme without a driver suffix: ``postgresql+psycopg`` gives ``postgresql``."""
        return self.scheme.partition("+")[0]

    @property
    def masked(self) -> str:
        """The URL with any password replaced by ``***``: safe for logs and error messages."""
        return _mask(self.raw)

    def scrub(self, text: str) -> str:
        """``text`` (a driver's message) with every form of the password replaced by ``***``.

        Not only the password itself: as written in the URL, percent-decoded and percent-encoded,
        and the pieces a URL parser makes of a password with an unencoded ``@`` or ``:`` in it
        (libpq quotes ``ss w%rd@127.0.0.1`` from ``p@ss w%rd``).
        """
        for secret in _secrets(self.raw, self.password):
            text = text.replace(secret, "***")
        return text

    def __repr__(self) -> str:
        return f"StoreURL({self.masked!r})"

    def __str__(self) -> str:
        return self.masked


#: The shortest piece of a password that :meth:`StoreURL.scrub` replaces on its own: a shorter
#: one would hit ordinary words, and gives little away.
_SHORTEST_SECRET = 3


def _secrets(url: str, password: str | None) -> list[str]:
    """Every text of the password a message may quote, longest first (see :meth:`StoreURL.scrub`)."""
    userinfo = urlsplit(url).netloc.rpartition("@")[0]
    written = userinfo.partition(":")[2]
    forms = {form for form in (password, written) if form}
    forms |= {quote(form, safe="") for form in list(forms)} | {unquote(form) for form in list(forms)}
    pieces = set()
    for form in forms:  # every run of whole pieces between the characters a URL parser cuts at
        tokens = re.split(r"([@:/?#])", form)
        starts = range(0, len(tokens), 2)
        pieces |= {"".join(tokens[first : last + 1]) for first in starts for last in starts if last >= first}
    found = {text for text in forms | pieces if len(text) >= _SHORTEST_SECRET}
    return sorted(found, key=len, reverse=True)


def _mask(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc
    userinfo, _, hostinfo = netloc.rpartition("@")
    user = userinfo.partition(":")[0]
    return url.replace(netloc, f"{user}:***@{hostinfo}", 1)


class Capability(StrEnum):
    """What a backend promises beyond the basics; conformance tests that need it check for it."""

    DURABLE = "durable"
    CONCURRENT_WRITERS = "concurrent_writers"
    MULTI_PROCESS = "multi_process"


@attrs.frozen(kw_only=True)
class Change:
    """One entry of a "changed since" answer: the entity as it is now, or a tombstone.

    ``entity`` is None for a deletion; ``revision`` and ``modified`` are those of the change.
    """

    entity_type: str
    id: str
    revision: int
    modified: datetime
    entity: Entity | None = None

    @property
    def deleted(self) -> bool:
        """Whether this change is a deletion (a tombstone)."""
        return self.entity is None


@runtime_checkable
class Store(Protocol):
    """What every storage backend provides. Use it as a context manager; it closes on exit.

    Semantics every backend keeps (the conformance suite checks each one):

    * **Identity.** An entity is addressed by its type and id; ids are unique per type.
    * **Optimistic concurrency.** An entity carries the ``revision`` it was read at (0 when new).
      ``put`` raises :class:`~integrationsnetz.errors.Conflict`, naming the entity, when the stored
      revision differs, so no update is ever silently lost. On success it returns the entity with
      the revision raised by one, ``modified`` stamped and ``created`` kept (or stamped when new).
    * **Tombstones.** ``delete`` leaves a tombstone one revision up; ``get`` then raises
      ``NotFound``, ``changed_since`` reports the deletion. Re-creating a deleted id is a ``put``
      with revision 0; its revision continues after the tombstone's.
    * **Time.** ``modified`` is UTC and strictly increases within a store, in commit order, so a
      consumer that asks ``changed_since(last_seen)`` misses nothing.
    * **Transactions.** Every write method is atomic on its own. ``transaction()`` groups
      writes: all or none. Reads inside see the block's own writes. Nested blocks are savepoints:
      an exception leaving the inner block undoes only its writes (and the outer block decides
      what happens with the exception).
    * **The write guard.** ``put`` and ``put_many`` write nothing that cannot be read back
      (:func:`integrationsnetz.guard.json_payload`), and, unless ``draft=True``, nothing that
      refers to an id neither the batch nor the store holds, nor one id twice
      (:func:`integrationsnetz.guard.reference_problems`). A refusal raises
      :class:`~integrationsnetz.errors.InvalidData` listing every problem; nothing is written.
    * **Personal data.** ``personal_data_of`` and ``erase_person`` follow
      :mod:`integrationsnetz.privacy`, the same rules for every backend.
    * **Schema version** (optional, not a member of the protocol, so older backends still
      conform). ``schema_version()`` returns the schema version the store records for its
      documents; :func:`integrationsnetz.store.schema_version_of` reads it from any store.
    """

    url: StoreURL

    def get(self, cls: type[E], entity_id: str) -> E:
        """The entity of type ``cls`` with that id; :class:`~integrationsnetz.errors.NotFound` if absent or deleted."""
        ...

    def put(self, entity: E, *, draft: bool = False) -> E:
        """Write one entity (create or update) and return it as stored.

        Its references must resolve in the store, unless ``draft``.
        """
        ...

    def put_many(self, entities: Sequence[Entity], *, draft: bool = False) -> builtins.list[Entity]:
        """Write many entities in one transaction: all are written, or none.

        References resolve in the batch or the store, unless ``draft``: order within a batch does
        not matter.
        """
        ...

    def delete(self, cls: type[Entity], entity_id: str, *, revision: int | None = None) -> None:
        """Delete, leaving a tombstone. With ``revision``, refuse (Conflict) if it is stale."""
        ...

    def list(self, cls: type[E], *, network_id: str | None = None) -> builtins.list[E]:
        """All live entities of a type (of one network, if given), ordered by id.

        ``list(Network, network_id=x)`` gives the network ``x`` itself: a network belongs to itself.
        """
        ...

    def transaction(self) -> AbstractContextManager[None]:
        """A block whose writes all happen or, if it raises, none do."""
        ...

    def changed_since(self, since: datetime | None = None, *, network_id: str | None = None) -> builtins.list[Change]:
        """Every change (writes and deletions) with ``modified`` after ``since``, oldest first.

        One entry per (type, id): its latest state. Ties in ``modified`` (a batch) are ordered by
        type and id. ``since=None`` lists everything, tombstones included.
        """
        ...

    def meetings_between(
        self,
        start: datetime,
        end: datetime,
        *,
        network_id: str | None = None,
        group_id: str | None = None,
        person_id: str | None = None,
    ) -> builtins.list[Meeting]:
        """Meetings that overlap ``[start, end)``, of a group or with a person, ordered by start, then id.

        "With a person" means among :meth:`~integrationsnetz.model.Meeting.participant_ids`.
        """
        ...

    def courses(
        self,
        *,
        network_id: str | None = None,
        course_type: str | None = None,
        provider_id: str | None = None,
        status: CourseStatus | None = None,
    ) -> builtins.list[Course]:
        """Courses matching every given filter, ordered by id."""
        ...

    def memberships_of(self, actor_id: str, *, on: date | None = None) -> builtins.list[Membership]:
        """An actor's memberships (those running ``on`` that day, if given), ordered by id."""
        ...

    def erase_person(self, person_id: str) -> int:
        """Remove a person and every reference to them (DSGVO Art. 17); return how many entities changed.

        The person and their memberships are deleted (tombstones hold no personal data); other
        entities lose the reference (invitations, presenters, organiser, moderator, minutes
        recorder, task owners, course teachers ...). All in one transaction. Erasing an unknown
        person changes nothing and returns 0.
        """
        ...

    def personal_data_of(self, person_id: str) -> PersonalData:
        """Everything held on a person (DSGVO Art. 15): the record, memberships, every mention."""
        ...

    def close(self) -> None:
        """Release files, connections and locks."""
        ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc_info: object) -> None: ...


@attrs.frozen(kw_only=True)
class StoreBackend:
    """A storage backend: the core picks it by the scheme of a store URL.

    ``open(url, host)`` is called with the parsed URL and the plugin host that opens it, and
    returns an open :class:`Store`. Use ``host.codec`` to turn entities into documents and back:
    it includes every plugin's converter extensions. ``capabilities`` say what the conformance
    suite may expect beyond the basics.
    """

    scheme: str
    open: Callable[[StoreURL, Host], Store]
    description: str
    capabilities: frozenset[Capability] = frozenset()
