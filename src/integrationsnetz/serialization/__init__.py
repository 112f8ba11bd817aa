"""The converter between model objects and plain data (JSON and TOML documents, store rows).

:func:`configure_converter` is the one configuration; plugins extend it through the
``configure_converter`` hook. A :class:`Codec` holds two converters built by it: a fast one
(cattrs without detailed validation), and a detailed one that runs only when the fast one fails,
so every problem is reported with its path without making the common case slow.

Wire rules:

* strict scalars: ``"5"`` is not an int, ``"false"`` not a bool, ``5`` not a string;
* timed values are RFC 9557 text, ``2024-10-14T09:00:00+02:00[Europe/Berlin]``, so the zone
  name survives a round trip; a date-time without a UTC offset is an error;
* unknown keys are errors; fields at their default are left out (TOML has no null);
* a TOML document may also hold native TOML dates and offset date-times (hand-edited files).

The parts: :mod:`~integrationsnetz.serialization.strict` (the strict hooks for single values),
:mod:`~integrationsnetz.serialization.time_text` (dates and date-times as text),
:mod:`~integrationsnetz.serialization.fast_pass` (the fast converter's generated hooks),
:mod:`~integrationsnetz.serialization.converter` (the configuration) and
:mod:`~integrationsnetz.serialization.codec` (reading and writing, with every problem named).
"""

from integrationsnetz.serialization.codec import Codec, make_codec, paused_gc, problems_of
from integrationsnetz.serialization.converter import SCHEMA_VERSION, configure_converter, make_converter
from integrationsnetz.serialization.strict import Expected
from integrationsnetz.serialization.time_text import format_datetime, parse_datetime

__all__ = [
    "SCHEMA_VERSION",
    "Codec",
    "Expected",
    "configure_converter",
    "format_datetime",
    "make_codec",
    "make_converter",
    "parse_datetime",
    "paused_gc",
    "problems_of",
]
