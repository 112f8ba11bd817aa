"""Exporters: turn network data into files people use (calendars, documents, spreadsheets).

Exporters are plugins (``register_exporters``); the built-ins register the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import BinaryIO

import attrs

from integrationsnetz.model.network_data import NetworkData


@attrs.frozen(kw_only=True)
class ExportOptions:
    """What an export includes and how it reads.

    Personal data (names, e-mail addresses, attendance) is left out unless
    ``include_personal_data`` is set: public exports are the default (DSGVO).
    """

    language: str = "de"
    include_personal_data: bool = False
    start: datetime | None = None
    end: datetime | None = None


@attrs.frozen(kw_only=True)
class Exporter:
    """An export format: ``write`` renders the data to a binary stream."""

    format: str
    media_type: str
    suffix: str
    description: str
    write: Callable[[NetworkData, ExportOptions, BinaryIO], None]
