"""iCalendar values as every client reads them: UIDs, the Berlin time zone, TEXT, times, names.

The building blocks of the ``ics`` exporter (:mod:`~integrationsnetz.exporters.ics`), in one
place because each is a promise that must hold in every entry: a UID never changes, a time is
never ambiguous, a text can never start a new property. They know nothing about meetings.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from integrationsnetz.model.characters import balanced, printable

#: The time zone of every timed entry (district offices keep German time).
BERLIN = ZoneInfo("Europe/Berlin")

#: The namespace of every UID this library writes. Never change it: UIDs must stay the same forever.
UID_NAMESPACE = uuid.UUID("5b0f8a52-4c1e-5d53-9a3e-6f1f2d8c7a10")

#: Who wrote the file (RFC 5545 §3.7.3).
PRODID = "-//integrationsnetz//integrationsnetz//DE"

#: Europe/Berlin as yearly rules (EU rule since 1996): the form Outlook can read (MS-STANOICAL 2.2.47).
BERLIN_VTIMEZONE = (
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Europe/Berlin\r\n"
    "X-LIC-LOCATION:Europe/Berlin\r\n"
    "BEGIN:DAYLIGHT\r\n"
    "TZOFFSETFROM:+0100\r\n"
    "TZOFFSETTO:+0200\r\n"
    "TZNAME:CEST\r\n"
    "DTSTART:19700329T020000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
    "END:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\n"
    "TZOFFSETFROM:+0200\r\n"
    "TZOFFSETTO:+0100\r\n"
    "TZNAME:CET\r\n"
    "DTSTART:19701025T030000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n"
)


@functools.lru_cache(maxsize=65_536)
def uid_for(network_id: str, kind: str, entity_id: str) -> str:
    """The UID of an entity's calendar entry: a UUID from the network id, the kind and the id.

    ``kind`` is ``meeting``, ``series``, ``event`` or ``course``. RFC 7986 §5.3 asks for UUIDs
    (no host names, nothing personal); uuid5 makes them the same in every export, ever.
    """
    return str(uuid.uuid5(UID_NAMESPACE, f"{network_id}/{kind}/{entity_id}"))


def clean_text(text: str) -> str:
    r"""Text as every calendar parser can carry it: one kind of line break, no control characters.

    CR, CRLF, NEL, form feed, vertical tab and the Unicode line and paragraph separators become
    ``\n`` (JavaScript parsers such as ical.js treat U+2028 as a line end); other control
    characters, lone surrogates and noncharacters are dropped (the documents' rule,
    :func:`~integrationsnetz.model.characters.printable`). icalendar escapes the rest (``,`` ``;``
    ``\`` and newlines), so no text can start a new property or component. Direction controls
    (U+202E ...) are closed inside the text (:func:`~integrationsnetz.model.characters.balanced`),
    so a title cannot reverse what a calendar or mail program shows after it.
    """
    return balanced(printable(text))


# RFC 5545 §3.3.11 TEXT escapes, backslash first. icalendar's own escaping also reads a literal
# "\N" in the text as a line break (its way to ask for one), which would turn "S:\Neue Ablage"
# into two lines: our texts are plain text, so they are escaped here.
_TEXT_ESCAPES = (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\r\n", "\\n"), ("\r", "\\n"), ("\n", "\\n"))


@functools.cache
def _text_class() -> type[Any]:
    from icalendar import vText

    class PlainText(vText):
        """A TEXT value whose every character is content (no ``\\N`` line-break shorthand)."""

        def to_ical(self) -> bytes:
            text = str(self)
            for raw, escaped in _TEXT_ESCAPES:
                text = text.replace(raw, escaped)
            return text.encode("utf-8")

    return PlainText


def text_value(value: str | None, params: dict[str, str] | None = None) -> Any:
    """``value`` as a TEXT property value for icalendar (with ``params``), or None."""
    return None if value is None else _text_class()(value, params=params or {})


def text_list_value(values: Iterable[str]) -> Any:
    """Several TEXT values as one comma-separated property value (``CATEGORIES``), each escaped as text.

    icalendar's own list value escapes each item by its rules, which read a literal ``\\N`` as a
    line break; this one escapes by RFC 5545 §3.3.11 like :func:`text_value`.
    """
    from icalendar import vCategory

    value = vCategory([])
    value.cats = [_text_class()(item) for item in values]
    return value


def wall_clock(moment: datetime) -> datetime:
    """The Berlin wall-clock time, naive (series rules are rules of the wall clock)."""
    return moment.astimezone(BERLIN).replace(tzinfo=None)


def in_berlin(local: datetime) -> datetime:
    """A naive Berlin wall-clock time as the aware time it names."""
    return local.replace(tzinfo=BERLIN)


def unambiguous(local: datetime) -> bool:
    """Whether a Berlin wall-clock time names one instant (not in the hour repeated or skipped at a DST switch)."""
    return local.replace(tzinfo=BERLIN, fold=0).utcoffset() == local.replace(tzinfo=BERLIN, fold=1).utcoffset()


def written_span(start: datetime, end: datetime) -> tuple[datetime, datetime]:
    """A timed entry's ``DTSTART`` and ``DTEND``: both Berlin wall time, or both UTC if either is ambiguous.

    ``02:30`` on the last Sunday of October happens twice and on the last Sunday of March not at
    all; a TZID time cannot say which is meant, so such times are written in UTC (``…Z``). One end
    in UTC and the other in Berlin time is valid RFC 5545, but readers that take the length on the
    wall clock (recurring-ical-events) are then an hour off across the switch.
    """
    if unambiguous(start.astimezone(BERLIN).replace(tzinfo=None)) and unambiguous(
        end.astimezone(BERLIN).replace(tzinfo=None)
    ):
        return start.astimezone(BERLIN), end.astimezone(BERLIN)
    return start.astimezone(UTC), end.astimezone(UTC)


def one_line(text: str) -> str:
    """A name on one line (calendar names and CN parameters cannot break lines)."""
    return " ".join(clean_text(text).replace("\t", " ").split("\n")).strip()


def uri(text: str) -> str:
    """A web or e-mail address as one token: white space and control characters cannot be in a URI."""
    return "".join(clean_text(text).split())


def parameter(text: str) -> str | None:
    """A name for a CN parameter: one line, double quotes as single ones (RFC 6868's ``^'`` confuses clients)."""
    return one_line(text).replace('"', "'") or None
