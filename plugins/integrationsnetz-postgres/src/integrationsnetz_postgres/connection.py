"""The store's connection to the server: how it connects, reconnects, and what a driver error means.

The connection runs in autocommit mode; the store makes every write and every ``transaction()``
block an explicit transaction. When the connection breaks (the server restarted, an
administrator ended the session) the call that notices raises
:class:`~integrationsnetz.errors.StoreError` naming the masked URL, the unfinished transaction is
rolled back by the server, and the next call outside a transaction connects again. Lock and
statement timeouts become errors that say which setting to raise.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any, NoReturn
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

import psycopg
from psycopg import errors as pg_errors

from integrationsnetz.errors import Conflict, StoreError
from integrationsnetz.store import StoreURL

log = logging.getLogger("integrationsnetz_postgres")

#: How long a session waits for a lock another one holds, and how long one statement may run, unless
#: the URL says otherwise (``?lock_timeout=3s&statement_timeout=30min``; ``0`` waits for ever).
#: A writer holds its row locks only for its own short transaction, so a few seconds is plenty; a
#: bulk import of a whole state takes well under a minute.
TIMEOUTS = {"lock_timeout": "5s", "statement_timeout": "10min"}

#: URL query parameters the plugin reads itself; the rest go to libpq (sslmode, connect_timeout ...).
OWN_PARAMETERS = frozenset({"schema", *TIMEOUTS})

_DURATION = re.compile(r"\d+ ?(us|ms|s|min|h|d)?")


def conninfo_of(url: StoreURL) -> str:
    """The libpq connection URL: driver suffix and the plugin's own parameters removed.

    A user or password with an unencoded ``@`` or a space is refused: libpq would cut it at the
    first ``@`` and try a host made of the password's rest (and quote it in its message).
    """
    parts = urlsplit(url.raw)
    userinfo = parts.netloc.rpartition("@")[0]
    if "@" in userinfo or any(character.isspace() for character in userinfo):
        raise StoreError(
            f"store URL {url.masked}: the user name or password holds an '@' or a space, which a URL must "
            "percent-encode ('@' as %40, a space as %20, ':' in the password as %3A)"
        )
    query = [(key, value) for key, value in url.query if key not in OWN_PARAMETERS]
    keys = {key for key, _ in query}
    if "connect_timeout" not in keys:
        query.append(("connect_timeout", "10"))
    if "application_name" not in keys:
        query.append(("application_name", "integrationsnetz"))
    # Percent-escapes only: libpq takes a "+" literally and refuses a bare "=" in a value.
    return urlunsplit(("postgresql", parts.netloc, parts.path, urlencode(query, quote_via=quote), ""))


def session_settings(url: StoreURL) -> dict[str, str]:
    """The settings each connection makes: UTC, and the timeouts of :data:`TIMEOUTS` or the URL.

    A timeout the URL sets through libpq's ``options=-c lock_timeout=...`` is left as it is.
    """
    query = dict(url.query)
    settings = {"TimeZone": "UTC"}
    for name, default in TIMEOUTS.items():
        value = query.get(name)
        if value is None:
            if name in query.get("options", ""):
                continue
            value = default
        if not _DURATION.fullmatch(value):
            raise StoreError(
                f"{url.masked}: {name}={value!r} is not a duration; expected milliseconds or a number with "
                f"a unit (us, ms, s, min, h, d), e.g. {name}={default}, or 0 to wait for ever"
            )
        settings[name] = value
    return settings


class Session:
    """One store's connection to the server, with the settings of its URL."""

    def __init__(self, url: StoreURL) -> None:
        self.url = url
        self._conninfo = conninfo_of(url)
        self._settings = session_settings(url)
        #: The timeouts as the server has them, once connected.
        self.timeouts = dict.fromkeys(TIMEOUTS, "?")
        self._conn: psycopg.Connection[Any] | None = None
        self.closed = False

    def _scrub(self, text: str) -> str:
        return self.url.scrub(text)

    def connect(self) -> psycopg.Connection[Any]:
        """Open a new connection with the session settings; StoreError naming the masked URL if it fails."""
        conn: psycopg.Connection[Any] | None = None
        try:
            conn = psycopg.connect(self._conninfo, autocommit=True)
            assignments = ", ".join("set_config(%s, %s, false)" for _ in self._settings)
            conn.execute(f"SELECT {assignments}", [item for pair in self._settings.items() for item in pair])
            names = list(TIMEOUTS)
            row = conn.execute(f"SELECT {', '.join('current_setting(%s)' for _ in names)}", names).fetchone()
            assert row is not None
            self.timeouts = dict(zip(names, row, strict=True))
        except psycopg.Error as exc:
            if conn is not None:
                conn.close()
            reason = self._scrub(str(exc).strip()).replace("\n", " ")
            raise StoreError(f"cannot connect to PostgreSQL at {self.url.masked}: {reason}") from None
        log.debug("connected to %s", self.url.masked)
        self._conn = conn
        return conn

    def live(self, *, in_transaction: bool) -> psycopg.Connection[Any]:
        """The connection, connected again if it broke; StoreError if it broke ``in_transaction`` or is closed."""
        if self.closed:
            raise StoreError(f"store {self.url.masked} is closed")
        conn = self._conn
        if conn is None or conn.closed or conn.broken:
            if in_transaction:
                raise StoreError(
                    f"{self.url.masked}: the connection broke inside a transaction; nothing of it was written. "
                    "Leave the transaction block and start it again"
                )
            log.warning("reconnecting to %s", self.url.masked)
            conn = self.connect()
        return conn

    def fail(self, exc: psycopg.Error, doing: str) -> NoReturn:
        """Raise what ``exc`` means to the caller: Conflict when trying again may succeed, else StoreError."""
        reason = self._scrub(str(exc).strip()).replace("\n", " ")
        if isinstance(exc, pg_errors.UniqueViolation):
            raise Conflict(
                f"{self.url.masked}: the id is taken ({reason}): another writer created it meanwhile, or a "
                "network this role cannot see uses it; reload and write again, or choose another id"
            ) from None
        if isinstance(exc, pg_errors.SerializationFailure | pg_errors.DeadlockDetected):
            raise Conflict(f"{self.url.masked}: a concurrent writer got in the way ({reason}); try again") from None
        conn = self._conn
        alive = conn is not None and not conn.broken and not conn.closed
        if alive and isinstance(exc, pg_errors.LockNotAvailable):
            raise Conflict(
                f"{self.url.masked}: waited longer than lock_timeout ({self.timeouts['lock_timeout']}) while "
                f"{doing}: another session holds the lock (a writer in the middle of its transaction, or "
                "maintenance such as VACUUM FULL); nothing of the unfinished transaction was written. Try again, "
                "or raise ?lock_timeout= in the store URL"
            ) from None
        if alive and isinstance(exc, pg_errors.QueryCanceled):
            raise StoreError(
                f"{self.url.masked}: the server cancelled the statement while {doing} ({reason}; statement_timeout "
                f"is {self.timeouts['statement_timeout']}); nothing of the unfinished transaction was written. "
                "Write in smaller batches, or raise ?statement_timeout= in the store URL"
            ) from None
        if isinstance(exc, psycopg.OperationalError) or not alive:
            # A connection psycopg does not mark broken can still be stuck (in pipeline mode after a
            # server restart, "PQsendQuery not allowed in pipeline mode"): drop it, so the next call
            # really reconnects as the message promises.
            self._drop()
            raise StoreError(
                f"{self.url.masked}: lost the connection to the server while {doing} ({reason}); "
                "nothing of the unfinished transaction was written, the next call reconnects"
            ) from None
        raise StoreError(f"{self.url.masked}: failed while {doing}: {type(exc).__name__}: {reason}") from None

    def _drop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with suppress(psycopg.Error):  # already gone: nothing to close
                conn.close()

    @contextmanager
    def errors(self, doing: str) -> Iterator[None]:
        """Turn a psycopg error in the block into the library's (see :meth:`fail`); ``doing`` is for the message."""
        try:
            yield
        except psycopg.Error as exc:
            self.fail(exc, doing)

    def close(self) -> None:
        """Close the connection (an open transaction is rolled back by the server); :meth:`live` then refuses."""
        self.closed = True
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()
