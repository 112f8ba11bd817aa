"""integrationsnetz-oparl: the endpoint validates against the OParl 1.1 schema and crawls clean over HTTP."""

from __future__ import annotations

import functools
import http.server
import threading
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import orjson
import pytest
import wartburgkreis
from integrationsnetz_oparl import write_endpoint

from integrationsnetz import Consent, ConsentPurpose, Membership, NetworkData, Person
from integrationsnetz.plugins import PluginHost

SCHEMAS = Path(__file__).with_name("oparl-1.1")
TYPE_PREFIX = "https://schema.oparl.org/1.1/"
AS_OF = date(2024, 10, 30)


@functools.cache
def _schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = orjson.loads((SCHEMAS / f"{name.removesuffix('.json')}.json").read_bytes())
    return loaded


def _check(found: dict[str, Any], kind: str, references: list[tuple[str, str]]) -> None:
    """Validate ``found`` as OParl ``kind``; embedded objects recursively; collect (url, type) references."""
    schema = _schema(kind)
    jsonschema.Draft7Validator(schema).validate(found)
    assert found["type"] == TYPE_PREFIX + kind
    references.append((found["id"], kind))  # an embedded object's URL must resolve too
    for key, value in found.items():
        rule = schema["properties"].get(key, {})
        items = rule.get("items", {}) if isinstance(rule.get("items"), dict) else {}
        embedded = rule.get("schema") or items.get("schema")
        target = rule.get("references") or items.get("references")
        values = value if isinstance(value, list) else [value]
        for each in values:
            if isinstance(each, dict) and embedded:
                _check(each, embedded.removesuffix(".json"), references)
            elif isinstance(each, str) and target == "externalList":
                references.append((each, "list:" + str(items["schema"]).removesuffix(".json")))
            elif isinstance(each, str) and target:
                references.append((each, target))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """No access log on stderr."""


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A folder served over HTTP on loopback, and its base URL."""
    handler = functools.partial(_Quiet, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}/oparl"
    finally:
        server.shutdown()
        server.server_close()


def _get(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.headers["Content-Type"] == "application/json"
        loaded: dict[str, Any] = orjson.loads(response.read())
        return loaded


def crawl(system_url: str) -> dict[str, dict[str, Any]]:
    """Every URL reachable from the System: objects validated, lists paged through; all references checked."""
    seen: dict[str, dict[str, Any]] = {}
    pending = [(system_url, "System")]
    while pending:
        url, kind = pending.pop()
        if url in seen:
            assert kind.startswith("list:") or seen[url]["type"] == TYPE_PREFIX + kind, (url, kind)
            continue
        found = seen[url] = _get(url)
        references: list[tuple[str, str]] = []
        if kind.startswith("list:"):
            assert set(found) == {"data", "pagination", "links"}, url
            assert found["links"]["self"] == url
            for element in found["data"]:
                _check(element, kind.removeprefix("list:"), references)
            if "next" in found["links"]:
                references.append((found["links"]["next"], kind))
            else:
                assert found["pagination"]["currentPage"] == found["pagination"]["totalPages"]
        else:
            assert found["id"] == url
            _check(found, kind, references)
        pending += [(u, k) for u, k in references if u != url]
    return seen


def _published_everything(folder: Path, base: str, seen: dict[str, dict[str, Any]]) -> None:
    files = {p.relative_to(folder / "oparl").as_posix() for p in (folder / "oparl").rglob("*.json")}
    assert {f"{base}/{path}" for path in files} == set(seen), "unreachable files, or links to no file"


def test_the_wartburgkreis_endpoint_validates_and_crawls_clean(serve: tuple[Path, str]) -> None:
    folder, base = serve
    data = wartburgkreis.build()
    result = write_endpoint(data, folder / "oparl", base, page_size=3, as_of=AS_OF)
    seen = crawl(result.system_url)
    _published_everything(folder, base, seen)
    body = seen[f"{base}/body.json"]
    assert body["ags"] == data.network.region.ags == "16063"
    organizations = [o for url, page in seen.items() if "/organizations" in url for o in page["data"]]
    assert len(organizations) == 1 + len(data.groups)
    meetings = [m for url, page in seen.items() if "/meetings" in url for m in page["data"]]
    assert {m["id"].rsplit("/", 1)[1] for m in meetings} == {f"{m.id}.json" for m in data.meetings}
    assert any(m["agendaItem"] for m in meetings)
    assert any("geojson" in m.get("location", {}) for m in meetings)
    assert seen[f"{base}/organizations-2.json"]["links"]["prev"] == f"{base}/organizations.json"


def _with_consents(data: NetworkData, shown: str, hidden: str) -> NetworkData:
    def consent(person: Person) -> Person:
        if person.id == shown:
            return attrs.evolve(person, name="Paula Publik", consents=(
                Consent(purpose=ConsentPurpose.PUBLICATION, given_on=date(2024, 1, 1)),))  # fmt: skip
        if person.id == hidden:
            return attrs.evolve(person, name="Verena Verborgen", consents=())
        return person

    return attrs.evolve(data, persons=tuple(consent(p) for p in data.persons))


def _all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def test_only_people_who_consented_to_publication_appear(serve: tuple[Path, str]) -> None:
    folder, base = serve
    data = wartburgkreis.build()
    members = [m for m in data.memberships if m.actor_id in {p.id for p in data.persons}]
    shown, hidden = members[0].actor_id, next(m.actor_id for m in members if m.actor_id != members[0].actor_id)
    data = _with_consents(data, shown, hidden)
    write_endpoint(data, folder / "oparl", base, as_of=AS_OF)
    seen = crawl(f"{base}/system.json")
    everything = _all_bytes(folder)
    assert b"Verena Verborgen" not in everything
    assert f"person/{hidden}.json".encode() not in everything
    persons = seen[f"{base}/persons.json"]["data"]
    assert [p["name"] for p in persons] == ["Paula Publik"]
    assert persons[0]["membership"], "the consenting person's memberships are published"
    assert "email" not in persons[0], "a public endpoint shows no contact details"


def test_republishing_rewrites_only_what_changed_and_removes_what_consent_no_longer_covers(tmp_path: Path) -> None:
    data = wartburgkreis.build()
    person = data.persons[0].id
    data = _with_consents(data, person, "-")
    base = "https://example.org/oparl"
    first = write_endpoint(data, tmp_path, base, as_of=AS_OF)
    assert first.written
    assert not first.removed
    again = write_endpoint(data, tmp_path, base, as_of=AS_OF)
    assert again.written == ()
    assert again.unchanged == len(first.written)

    meeting = data.meetings[0]
    changed = attrs.evolve(data, meetings=(attrs.evolve(meeting, title="Neuer Titel"), *data.meetings[1:]))
    third = write_endpoint(changed, tmp_path, base, as_of=AS_OF)
    pages = {"meetings.json", *(f"meetings-{n}.json" for n in range(2, 9))}
    items = {p for p in third.written if p.startswith(f"agendaitem/{meeting.id}-")}
    assert set(third.written) <= {f"meeting/{meeting.id}.json", *pages, *items}
    assert f"meeting/{meeting.id}.json" in third.written

    withdrawn = _with_consents(changed, "-", person)
    fourth = write_endpoint(withdrawn, tmp_path, base, as_of=AS_OF)
    assert f"person/{person}.json" in fourth.removed
    assert not (tmp_path / "person" / f"{person}.json").exists()


def test_a_membership_of_someone_without_consent_is_not_published(tmp_path: Path) -> None:
    data = wartburgkreis.build()
    stranger = Person(id="p-fremd", network_id=data.network.id, function="Beraterin", name="Fiona Fremd")
    joined = Membership(id="m-fremd", network_id=data.network.id, actor_id="p-fremd", since=date(2024, 1, 1))
    data = attrs.evolve(data, persons=(*data.persons, stranger), memberships=(*data.memberships, joined))
    write_endpoint(data, tmp_path, "https://example.org/oparl", as_of=AS_OF)
    everything = _all_bytes(tmp_path)
    assert b"p-fremd" not in everything
    assert b"Fiona Fremd" not in everything
    assert b"m-fremd" not in everything


def test_installed_plugin_is_discovered_without_registration_code() -> None:
    host = PluginHost()
    assert any(plugin.distribution == "integrationsnetz-oparl" for plugin in host.plugins())
