"""``store kopieren`` as a coordinator runs it: a real sqlite: file into the real PostgreSQL server, in a process.

The server is the one ``INTEGRATIONSNETZ_TEST_POSTGRES_URL`` names, else the local one on port
5432, as the PostgreSQL plugin's tests use it: a database made for the test and dropped after it.
Without a server the tests skip and say so; in CI (``CI`` set) they fail instead, as the plugin's do.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import attrs
import pytest

import integrationsnetz as inz
from integrationsnetz.model.network_data import ENTITY_TYPES

psycopg = pytest.importorskip("psycopg")

COMMAND = Path(sys.executable).with_name("integrationsnetz")
pytestmark = pytest.mark.skipif(not COMMAND.exists(), reason="the entry point is installed by ./dev (pip install -e)")


def _source(path: Path, organisations: int) -> str:
    """A sqlite: store with the Wartburgkreis network and ``organisations`` more organisations."""
    import wartburgkreis

    url = f"sqlite://{path}"
    data = wartburgkreis.build()
    extra = tuple(
        inz.Organization(id=f"org-{number:06d}", network_id=data.network.id, name=f"Verein {number}",
                         kind=inz.OrganizationKind.VOLUNTEER_INITIATIVE)
        for number in range(organisations)
    )  # fmt: skip
    with inz.open_store(url) as store:
        inz.save_network(store, attrs.evolve(data, organizations=(*data.organizations, *extra)))
    return url


def _plain(store: inz.Store) -> dict[str, list[object]]:
    return {
        name: [attrs.evolve(e, revision=0, created=None, modified=None) for e in store.list(kind)]
        for name, kind in ENTITY_TYPES.items()
    }


def _copy(source: str, target: str, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(COMMAND), "store", "kopieren", target, "--von", source, "--yes"],
        cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def test_every_entity_arrives_in_postgresql(tmp_path: Path, database: str) -> None:
    source = _source(tmp_path / "netz.db", 200)
    target = f"{database}?schema=kopie"
    process = _copy(source, target, tmp_path)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    with inz.open_store(source) as original, inz.open_store(target) as copy:
        expected = _plain(original)
        assert _plain(copy) == expected
    assert f"Kopiert: {sum(map(len, expected.values()))} Einträge" in out
    refused = _copy(source, target, tmp_path)
    _, err = refused.communicate(timeout=300)
    assert refused.returncode == 1
    assert "--ersetzen" in err


def test_an_interrupted_copy_leaves_the_target_as_before(tmp_path: Path, database: str) -> None:
    source = _source(tmp_path / "gross.db", 40_000)
    target = f"{database}?schema=abbruch"
    with inz.open_store(target) as store:  # a target with one entry of its own, copied into with --ersetzen
        network = inz.Network(id="anderes", name="Anderes Netz", region=inz.Region(name="X", state=inz.State("TH"),
                              ags="16"))  # fmt: skip
        store.put(network)
        before = _plain(store)
    process = subprocess.Popen(
        [str(COMMAND), "store", "kopieren", target, "--von", source, "--yes", "--ersetzen"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    line = process.stdout.readline()  # the preview
    line = process.stdout.readline()  # "Kopiere N Einträge …": the target's transaction begins
    assert line.startswith("Kopiere"), line
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=300)
    assert process.returncode != 0, out + err  # stopped before it could finish
    assert "Kopiert" not in out
    with inz.open_store(target) as store:
        assert _plain(store) == before
