"""Importers: read files from other tools into the model ("import" is a keyword, hence "ingest").

Importers are plugins (``register_importers``); the built-ins register the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO

import attrs

from integrationsnetz.model.entity import Entity


@attrs.frozen(kw_only=True)
class ImportResult:
    """What an import produced, and what it skipped with the reason for each."""

    entities: tuple[Entity, ...] = ()
    skipped: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Importer:
    """An import format: ``read`` parses a binary stream for one network."""

    format: str
    media_type: str
    suffix: str
    description: str
    read: Callable[[BinaryIO, str, str], ImportResult]
