"""The import contract: an Importer, the options it reads with, and what it returns.

Importers are plugins (``register_importers``); users call
:func:`integrationsnetz.ingest.import_from` (``integrationsnetz.import_from``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import BinaryIO, Literal

import attrs

from integrationsnetz.errors import InvalidData, WrongType
from integrationsnetz.model.entity import Entity, is_valid_id

_LONGEST_HORIZON = timedelta(days=36_525)


def _validate_network_id(_instance: object, _attribute: attrs.Attribute[str], value: object) -> None:
    if not is_valid_id(value):
        raise InvalidData([f"network_id: expected the id of the network the entries belong to, got {value!r}"])


def _validate_source(_instance: object, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise WrongType([f"{attribute.name}: expected the file's name for messages, got {value!r}"])


def _validate_horizon(_instance: object, attribute: attrs.Attribute[timedelta], value: object) -> None:
    if not isinstance(value, timedelta) or not timedelta(0) < value <= _LONGEST_HORIZON:
        raise WrongType([f"{attribute.name}: expected a timedelta above zero and up to 100 years, "
                         f"e.g. timedelta(days=366), got {value!r}"])  # fmt: skip


def _validate_until(_instance: object, attribute: attrs.Attribute[date | None], value: object) -> None:
    if value is not None and (not isinstance(value, date) or isinstance(value, datetime)):
        raise WrongType([f"{attribute.name}: expected a date (the first day not imported), got {value!r}"])


#: What an importer does with a broken part of a file: refuse the whole file, or skip that part.
OnError = Literal["refuse", "skip"]


def _validate_on_error(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if value not in ("refuse", "skip"):
        raise WrongType([f"{attribute.name}: expected 'refuse' (a broken file imports nothing) or 'skip' "
                         f"(broken entries are left out and reported), got {value!r}"])  # fmt: skip


@attrs.frozen(kw_only=True)
class ImportOptions:
    """Where imported entities belong and how far recurring entries are expanded.

    ``horizon`` bounds a series without an end (``RRULE`` without ``UNTIL``/``COUNT``): its
    dates are imported up to ``horizon`` after its start, and the report says so.
    ``until`` (exclusive), when set, drops everything from that day on.
    ``on_error`` says what a broken file gives: ``"refuse"`` (the default) raises
    :class:`~integrationsnetz.errors.InvalidData` listing every problem and imports nothing;
    ``"skip"`` leaves out each broken entry and reports it with its line and reason in
    ``ImportResult.skipped`` (the ``ics`` importer; the others read all or nothing).
    """

    network_id: str = attrs.field(validator=_validate_network_id)
    source: str | None = attrs.field(default=None, validator=_validate_source)
    horizon: timedelta = attrs.field(default=timedelta(days=366), validator=_validate_horizon)
    until: date | None = attrs.field(default=None, validator=_validate_until)
    on_error: OnError = attrs.field(default="refuse", validator=_validate_on_error)


@attrs.frozen(kw_only=True)
class Skipped:
    """Something an import left out: what it was, why, and where in the file."""

    item: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        return f"{where}{self.item}: {self.reason}"


@attrs.frozen(kw_only=True)
class ImportedSeries:
    """A series (a recurring entry) of an imported file.

    ``id`` is the series id its dates are named after (``<id>-20260316T1000``); ``complete`` says
    whether every date of it is in the result, none cut off by a limit (the horizon of a series
    without end, ``ImportOptions.until``, the caps): only then may a store drop the dates the
    file no longer holds beyond the last one imported. ``left_out`` says that a part of it (its
    main entry, a changed date, a date the model cannot take) was left out of the import, so the
    file's dates of it are not all there: such a series is never complete, and a store deletes
    none of its dates.
    """

    id: str
    complete: bool
    left_out: bool = False


@attrs.frozen(kw_only=True)
class OwnEntry:
    """An entity read from an entry this library's ``ics`` exporter wrote (``X-INTEGRATIONSNETZ-ID``).

    A store that holds the entity it was written from keeps what a calendar cannot carry (group,
    venue, invitations ...) and takes only the calendar's changes: ``save_import`` finds it by
    ``id`` (``meeting/<id>``, ``event/<id>``), or, a date of our series that names no meeting,
    by ``series_id`` and ``slot`` (the date the series' rule gave it, its ``RECURRENCE-ID``).
    ``uid`` is checked against the UIDs the network's exports use, so another network's feed is
    not taken for ours. ``description`` and ``location`` are the entry's texts as written.
    """

    id: str  #: the entity's id in ``ImportResult.entities``
    uid: str
    series_id: str | None = None
    slot: datetime | None = None
    description: str | None = None
    location: str | None = None


@attrs.frozen(kw_only=True)
class ImportResult:
    """What an import produced, and what it skipped with the reason for each.

    ``series`` lists the series of the file and ``singles`` the ids of its entries that are no
    series, both for :func:`integrationsnetz.ingest.save_import`, which updates a store from a
    calendar imported again (an entry that turned from single into a series, or back, replaces
    its other form). ``own`` lists the entities read from entries this library wrote.
    """

    entities: tuple[Entity, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    series: tuple[ImportedSeries, ...] = ()
    singles: tuple[str, ...] = ()
    own: tuple[OwnEntry, ...] = ()


@attrs.frozen(kw_only=True)
class Importer:
    """An import format: ``read`` parses a binary stream into entities of one network.

    ``read`` raises :class:`InvalidData` (with ``options.source`` and the line) for a malformed
    file and never returns part of one.
    """

    format: str
    media_type: str
    suffix: str
    description: str
    read: Callable[[BinaryIO, ImportOptions], ImportResult]
