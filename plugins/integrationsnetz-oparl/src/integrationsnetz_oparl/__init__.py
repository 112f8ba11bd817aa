"""integrationsnetz-oparl: the network as an OParl 1.1 endpoint, the standard of German council information systems.

This module is the plugin: the entry point in ``pyproject.toml`` names it. The endpoint is a
folder of JSON files (:func:`write_endpoint`); the writer itself is imported when it is used.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

    from integrationsnetz.contract.exporters import Audience
    from integrationsnetz.model import NetworkData
    from integrationsnetz_oparl.endpoint import Written

__all__ = ["write_endpoint"]


def write_endpoint(
    data: NetworkData,
    folder: str | Path,
    base_url: str,
    *,
    page_size: int = 100,
    audience: Audience = "public",
    as_of: date | None = None,
) -> Written:
    """Write the network as a static OParl 1.1 endpoint; see :func:`integrationsnetz_oparl.endpoint.write_endpoint`."""
    from integrationsnetz_oparl.endpoint import write_endpoint as write

    return write(data, folder, base_url, page_size=page_size, audience=audience, as_of=as_of)
