"""Exporters: turn network data into files people use (calendars, documents, spreadsheets).

One call does every export::

    import integrationsnetz as inz

    inz.export(data, "ics", "netzwerk.ics")                          # the whole network as a feed
    inz.export(data, "markdown", "einladung.md", select=meeting)      # one meeting's invitation
    inz.export(data, "csv", "kurse.csv", options=ExportOptions(csv=CsvOptions(table="courses")))

Exporters are plugins (``register_exporters``); the built-ins (``ics``, ``json``, ``csv``,
``markdown``, ``html``) register the same way. :func:`export` narrows the data to the selection
and the time range and removes what the audience's consents do not allow *before* any exporter
sees the data, so a third-party exporter cannot leak what it never gets.
"""

from __future__ import annotations

import io
import os
import warnings
from typing import BinaryIO

from integrationsnetz.atomic import write_atomic
from integrationsnetz.contract.exporters import (
    AUDIENCES,
    DOCUMENT_KINDS,
    Audience,
    CsvOptions,
    DocumentKind,
    Exporter,
    ExportOptions,
    ExportRequest,
    ExportResult,
    IcsMethod,
    IcsOptions,
    LeftOut,
    LeftOutWarning,
    LongLinkWarning,
    Selection,
)
from integrationsnetz.contract.registries import Registries, default_host
from integrationsnetz.errors import ExportError, NotFound, WrongType
from integrationsnetz.model.entity import Entity
from integrationsnetz.model.meetings import Meeting
from integrationsnetz.model.network_data import NetworkData


def export(
    data: NetworkData,
    format: str,
    target: str | os.PathLike[str] | BinaryIO | None = None,
    *,
    select: Selection = None,
    options: ExportOptions | None = None,
    host: Registries | None = None,
) -> bytes:
    """Export ``data`` (or the part ``select`` names) in ``format`` and return the bytes.

    ``select`` is the network (default), a working group, a person or organisation (their
    meetings), a meeting, event or course, or a list of them; an id stands for the entity of
    ``data`` with that id (``select="nt-2026-2"`` is that one meeting, :class:`NotFound` if
    ``data`` has no such id). ``target`` is a path (written atomically: readers see the old file
    or the new one), a binary stream, or None. Raises :class:`ExportError` for an unknown format,
    naming the known ones (a :class:`PluginError` naming the plugins that failed to load, if
    any did: one of them may be the one that provides it).

    An invitation or a list that leaves people out (no consent, no e-mail address) warns with
    :class:`LeftOutWarning` naming them; :func:`export_result` returns them instead.
    """
    result = export_result(data, format, target, select=select, options=options, host=host)
    if result.left_out:
        listed = "; ".join(str(entry) for entry in result.left_out)
        warnings.warn(f"export {format!r}: {len(result.left_out)} left out: {listed}", LeftOutWarning, stacklevel=2)
    return result.payload


def export_result(
    data: NetworkData,
    format: str,
    target: str | os.PathLike[str] | BinaryIO | None = None,
    *,
    select: Selection = None,
    options: ExportOptions | None = None,
    host: Registries | None = None,
) -> ExportResult:
    """:func:`export`, returning the bytes together with whom the output leaves out and why.

    ``ExportResult.left_out`` lists, for an invitation (``ics`` with ``METHOD:REQUEST`` or
    ``CANCEL``) or a distribution list, every invited person or member it does not hold: without
    an active consent for the purpose, or without an e-mail address.
    """
    from integrationsnetz.exporters.privacy import redact, redact_meetings, redact_selected, senders
    from integrationsnetz.exporters.selection import distributions, narrow, neighbours_of, series_of

    if not isinstance(data, NetworkData):
        raise WrongType([f"export: data: expected a NetworkData, got {type(data).__name__}"])
    if options is not None and not isinstance(options, ExportOptions):
        raise WrongType([f"export: options: expected ExportOptions, got {type(options).__name__}"])
    if (
        target is not None
        and not isinstance(target, str | os.PathLike)
        and not callable(getattr(target, "write", None))
    ):
        raise WrongType([f"export: target: expected a path, a binary stream or None, got {type(target).__name__}"])
    host = host or default_host()
    options = options or ExportOptions()
    exporters = host.exporters()
    exporter = exporters.get(format) if isinstance(format, str) else None
    if exporter is None:
        known = ", ".join(exporters) or "none"
        raise host.missing(ExportError(f"no exporter for format {format!r}; known formats: {known}."))
    selected = _selected(select, data)
    narrowed = narrow(data, selected, options.start, options.end)
    series = series_of(narrowed.meetings, data)
    neighbours = neighbours_of(narrowed.meetings, data)
    # Counted before redaction: a public Protokoll reports as many present as the internal one.
    meetings = {meeting.id: meeting for meeting in (*narrowed.meetings, *neighbours)}
    meetings.update((m.id, m) for m in selected if isinstance(m, Meeting))
    attendance = {meeting_id: meeting.attendance() for meeting_id, meeting in meetings.items()}
    verteiler = distributions(meetings.values(), data)  # organisations only, before redaction too
    audience, on = options.effective_audience, options.decision_day
    sending = senders(narrowed, options)
    narrowed = redact(narrowed, audience, on)
    selected = redact_selected(selected, narrowed, data, audience, on)
    series = redact_meetings(series, narrowed, data, audience, on)
    neighbours = redact_meetings(neighbours, narrowed, data, audience, on)
    buffer = io.BytesIO()
    request = ExportRequest(data=narrowed, options=options, host=host, selected=selected, series=series,
                            attendance=attendance, neighbours=neighbours, senders=sending,
                            distribution=verteiler)  # fmt: skip
    exporter.write(request, buffer)
    payload = buffer.getvalue()
    if isinstance(target, str | os.PathLike):
        write_atomic(target, payload)
    elif target is not None:
        target.write(payload)
    return ExportResult(payload=payload, left_out=tuple(request.left_out))


def _selected(select: Selection, data: NetworkData) -> tuple[Entity, ...]:
    """The entities ``select`` names; a string is one id, never a sequence of one-letter ids."""
    if select is None:
        return ()
    if isinstance(select, Entity | str):
        items: tuple[object, ...] = (select,)
    else:
        try:
            items = tuple(select)
        except TypeError:
            raise ExportError(f"select: expected an entity, an id or a list of them, got {select!r}") from None
    chosen = []
    for item in items:
        if isinstance(item, str):
            chosen.append(_entity_with_id(data, item))
        elif isinstance(item, Entity):
            chosen.append(item)
        else:
            raise ExportError(
                f"select: expected entities (a meeting, a group, a person ...) or their ids, got {item!r}"
            )
    return tuple(chosen)


def _with_article(noun: str) -> str:
    """ "an Organization", "a Venue"."""
    return ("an " if noun[:1] in "AEIOU" else "a ") + noun


def _entity_with_id(data: NetworkData, entity_id: str) -> Entity:
    found = [entity for entity in data.entities() if entity.id == entity_id]
    if not found:
        raise NotFound(f"select: network {data.network.id!r} has nothing with the id {entity_id!r}")
    if len(found) > 1:
        kinds = " and ".join(_with_article(type(entity).__name__) for entity in found)
        raise ExportError(f"select: {entity_id!r} is the id of {kinds}; pass the entity itself")
    return found[0]


__all__ = [
    "AUDIENCES",
    "DOCUMENT_KINDS",
    "Audience",
    "CsvOptions",
    "DocumentKind",
    "ExportOptions",
    "ExportRequest",
    "ExportResult",
    "Exporter",
    "IcsMethod",
    "IcsOptions",
    "LeftOut",
    "LeftOutWarning",
    "LongLinkWarning",
    "Selection",
    "export",
    "export_result",
]
