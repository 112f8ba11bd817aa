"""A static OParl 1.1 endpoint: the network as a folder of JSON files any web server can serve.

Each object is one file whose path under the folder is its URL under ``base_url``; lists are
pages of ``page_size`` objects linked by ``links.next``. Files are written atomically and only
when their bytes change, so re-publishing after one meeting changed touches only what changed;
a file the previous run wrote and this one does not (a person whose consent ended) is removed.
``modified_since`` cannot be served by a static host (it needs the server to filter): the lists
are complete, and clients filter by each object's ``modified``.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import orjson

from integrationsnetz.atomic import write_atomic
from integrationsnetz.contract.exporters import AUDIENCES, Audience
from integrationsnetz.errors import ExportError, InvalidData
from integrationsnetz.exporters.privacy import redact
from integrationsnetz.model import ConsentPurpose, NetworkData
from integrationsnetz.model.meetings import AttendanceStatus
from integrationsnetz_oparl import objects
from integrationsnetz_oparl.objects import Json, Urls

#: Lists the previous run wrote, so the next one can remove what it no longer publishes.
MANIFEST = ".oparl-files"


@attrs.frozen(kw_only=True)
class Written:
    """What one publication did: files written (new or changed), left as they were, and removed."""

    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]
    system_url: str


def _pages(urls: Urls, name: str, items: list[Json], page_size: int) -> dict[str, Json]:
    """The pages of one list, each with ``data``, ``pagination`` and ``links`` (``next`` but on the last)."""
    total_pages = max(1, -(-len(items) // page_size))
    pages: dict[str, Json] = {}
    for number in range(1, total_pages + 1):
        links = {
            "first": urls.of(urls.page(name, 1)),
            "last": urls.of(urls.page(name, total_pages)),
            "self": urls.of(urls.page(name, number)),
        }
        if number > 1:
            links["prev"] = urls.of(urls.page(name, number - 1))
        if number < total_pages:
            links["next"] = urls.of(urls.page(name, number + 1))
        pages[urls.page(name, number)] = {
            "data": items[(number - 1) * page_size : number * page_size],
            "pagination": {
                "totalElements": len(items),
                "elementsPerPage": page_size,
                "currentPage": number,
                "totalPages": total_pages,
            },
            "links": links,
        }
    return pages


def _published(data: NetworkData, audience: Audience, on: date) -> NetworkData:
    """The data as the audience may see it, with only the persons who consented to publication."""
    shown = redact(data, audience, on)
    consenting = {p.id for p in data.persons if p.consented(ConsentPurpose.PUBLICATION, on)}
    return attrs.evolve(
        shown,
        persons=tuple(p for p in shown.persons if p.id in consenting),
        memberships=tuple(m for m in shown.memberships if m.actor_id in consenting),
    )


def endpoint_files(
    data: NetworkData, base_url: str, *, page_size: int = 100, audience: Audience = "public", as_of: date | None = None
) -> dict[str, Json]:
    """Every file of the endpoint, by its path under the folder: the objects and the list pages."""
    if not base_url.startswith(("https://", "http://")):
        raise InvalidData([f"base_url: expected an http(s) URL, got {base_url!r}"])
    if not isinstance(page_size, int) or isinstance(page_size, bool) or page_size < 1:
        raise InvalidData([f"page_size: expected a whole number >= 1, got {page_size!r}"])
    if audience not in AUDIENCES:
        raise InvalidData([f"audience: expected one of {', '.join(AUDIENCES)}, got {audience!r}"])
    on = as_of or datetime.now(ZoneInfo("Europe/Berlin")).date()
    shown = _published(data, audience, on)
    urls = Urls(base_url.rstrip("/"))
    network = shown.network
    files: dict[str, Json] = {}

    memberships = {m.id: objects.membership(urls, m) for m in shown.memberships}
    by_organization: dict[str | None, list[str]] = {}
    for record in shown.memberships:
        by_organization.setdefault(record.group_id, []).append(memberships[record.id]["id"])
    organizations = [objects.network_organization(urls, network, by_organization.get(None, []))]
    organizations += [objects.group_organization(urls, g, by_organization.get(g.id, [])) for g in shown.groups]
    persons = [
        objects.person(urls, p, [memberships[m.id] for m in shown.memberships if m.actor_id == p.id])
        for p in shown.persons
    ]
    venues = {v.id: v for v in shown.venues}
    locations = {v.id: objects.location(urls, v) for v in shown.venues}
    published = {p.id for p in shown.persons}
    meetings = []
    for gathering in shown.meetings:
        venue = venues.get(gathering.venue_id or "")
        place = None
        if venue is not None:
            room = venue.room(gathering.room_id) if gathering.room_id else None
            place = objects.location(urls, venue, room.name if room else None)
        present = [
            urls.of(urls.item("person", i.actor_id))
            for i in gathering.invitations
            if i.actor_id in published and i.status is AttendanceStatus.PRESENT
        ]
        meetings.append(objects.meeting(urls, gathering, place, present))

    files["system.json"] = objects.system(urls, network)
    files["body.json"] = objects.body(urls, network)
    for found in [*organizations, *persons, *memberships.values(), *locations.values(), *meetings]:
        files[found["id"].removeprefix(urls.base + "/")] = found
    for found_meeting in meetings:
        for item in found_meeting["agendaItem"]:
            files[item["id"].removeprefix(urls.base + "/")] = item
    files.update(_pages(urls, "bodies", [files["body.json"]], page_size))
    files.update(_pages(urls, "organizations", organizations, page_size))
    files.update(_pages(urls, "persons", persons, page_size))
    files.update(_pages(urls, "meetings", meetings, page_size))
    files.update(_pages(urls, "locations", list(locations.values()), page_size))
    files.update(_pages(urls, "papers", [], page_size))
    return files


def _encode(value: Any) -> bytes:
    return orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"


def write_endpoint(
    data: NetworkData,
    folder: str | Path,
    base_url: str,
    *,
    page_size: int = 100,
    audience: Audience = "public",
    as_of: date | None = None,
) -> Written:
    """Write ``data`` as a static OParl 1.1 endpoint into ``folder``, served at ``base_url``.

    The System is ``{base_url}/system.json``. Persons and their memberships appear only with an
    active ``publication`` consent on ``as_of`` (default today), redacted for ``audience`` as every
    export is. Only files whose bytes change are written; files of an earlier run that this one no
    longer publishes are removed.
    """
    root = Path(folder)
    files = {path: _encode(value) for path, value in endpoint_files(
        data, base_url, page_size=page_size, audience=audience, as_of=as_of
    ).items()}  # fmt: skip
    manifest = root / MANIFEST
    try:
        root.mkdir(parents=True, exist_ok=True)
        before = manifest.read_text(encoding="utf-8").split("\n") if manifest.exists() else []
        written, unchanged = [], 0
        for path, payload in sorted(files.items()):
            target = root / path
            if target.exists() and target.read_bytes() == payload:
                unchanged += 1
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, payload)
            written.append(path)
        removed = sorted(path for path in set(before) - set(files) if path and (root / path).is_file())
        for path in removed:
            (root / path).unlink()
        write_atomic(manifest, "\n".join(sorted(files)).encode())
    except OSError as error:
        raise ExportError(f"{root}: the OParl endpoint could not be written: {error}") from error
    return Written(
        written=tuple(written),
        unchanged=unchanged,
        removed=tuple(removed),
        system_url=f"{base_url.rstrip('/')}/system.json",
    )
