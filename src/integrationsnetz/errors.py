"""One exception tree for the whole library.

Every error a user can meet derives from :class:`IntegrationsnetzError`, so a script can catch
one class; the subclasses say what went wrong in words a coordinator can act on.
"""

from __future__ import annotations

from collections.abc import Iterable


class IntegrationsnetzError(Exception):
    """The base of every error this library raises on purpose."""


class InvalidData(IntegrationsnetzError, ValueError):
    """Input that does not fit the model: every problem at once, each with its place.

    ``problems`` holds lines such as ``$.meetings[2].start: expected a date-time with a UTC
    offset, got '2024-10-14 09:00'``; ``source`` names the file (or stream) they came from.
    """

    def __init__(self, problems: Iterable[str], *, source: str | None = None) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        self.source = source
        prefix = f"{source}: " if source else ""
        lines = [f"{prefix}{problem}" for problem in self.problems] or [f"{prefix}invalid data"]
        super().__init__("\n".join(lines))


class InvalidField(InvalidData):
    """A model object built with a value its field cannot hold.

    Raised by every model constructor (and by :func:`attrs.evolve`): ``owner`` is the class,
    ``field`` the field (with an index for an item of a tuple, ``agenda[2]``), ``reason`` what was
    expected and what came, e.g. ``Meeting.kind: expected one of 'network', ..., got 'netwrok'``.
    """

    def __init__(self, owner: str, field: str, reason: str) -> None:
        self.owner = owner
        self.field = field
        self.reason = reason
        super().__init__([f"{owner}.{field}: {reason}"])


class SchemaVersionError(InvalidData):
    """A document or store written by a newer version of the library than this one."""


class NotFound(IntegrationsnetzError, KeyError):
    """An entity, plugin or format that does not exist."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else "not found"


class Conflict(IntegrationsnetzError):
    """A write based on a stale revision: someone else changed the entity first.

    Raised instead of silently overwriting their change. Reload, re-apply, write again.
    """


class StoreError(IntegrationsnetzError):
    """A store that cannot be opened, read or written: the message names it (password masked)."""


class MailError(IntegrationsnetzError):
    """A mail server that cannot be reached or refuses the login: the message names host, port and what to do.

    Reading answers (IMAP) raises it as it is; sending raises :class:`DeliveryError`, a kind of it.
    ``german`` carries the same message in German, for the German command line.
    """

    def __init__(self, message: str, *, german: str | None = None) -> None:
        super().__init__(message)
        self.german = german

    def in_language(self, language: str) -> str:
        """The message in ``language`` (``"de"`` or ``"en"``): what the command line shows."""
        return self.german if language == "de" and self.german else str(self)


class PluginError(IntegrationsnetzError):
    """A plugin that fails to load, or two plugins that claim the same name."""


class ExportError(IntegrationsnetzError):
    """An export that cannot be produced as asked (unknown format, impossible option)."""


class UnknownDocument(ExportError, InvalidData):
    """A document kind no exporter writes (``ExportOptions(document="quatsch")``); the message lists the kinds.

    An :class:`ExportError` (the export cannot be produced) and :class:`InvalidData` (a bad option
    value), so code catching either keeps working.
    """


class DeliveryError(MailError):
    """E-mail that cannot be delivered: the SMTP server unreachable, no TLS, a refused login.

    The message names the server (host and port) and what to do; it never holds a password.
    """


class ScheduleError(IntegrationsnetzError):
    """Series rules that contradict each other before any date is tried."""


class WrongType(InvalidData, TypeError):
    """An argument of the wrong kind: a date where an instant is needed, a string for an entity class.

    Also a :class:`TypeError`, what Python itself raises for such a call, so code that caught
    that keeps working.
    """


__all__ = [
    "Conflict",
    "DeliveryError",
    "ExportError",
    "IntegrationsnetzError",
    "InvalidData",
    "InvalidField",
    "MailError",
    "NotFound",
    "PluginError",
    "ScheduleError",
    "SchemaVersionError",
    "StoreError",
    "UnknownDocument",
    "WrongType",
]
