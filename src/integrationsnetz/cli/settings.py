"""The group's options, handed to every command as click's ``obj``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from integrationsnetz.cli.wording import Language
from integrationsnetz.cli.workspace import Workspace, load_workspace


@dataclass
class Settings:
    """``--lang``, ``--debug``, ``--store`` and ``--netz`` as the group received them."""

    language: Language
    debug: bool
    store_url: str | None
    document: Path | None

    def workspace(self) -> Workspace:
        """The workspace around the current folder, with ``--netz`` and ``--store`` winning."""
        return load_workspace(Path.cwd(), document=self.document, store_url=self.store_url)
