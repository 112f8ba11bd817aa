"""Storage benchmark: the synthetic nationwide dataset through every backend, against raw sqlite3.

What it measures, each as a ratio to raw ``sqlite3`` in the same run (median of paired rounds):

* **bulk save** of the whole dataset: ``store.put_many(entities)`` against ``executemany`` of the
  same JSON documents (encoded by the same codec) in one transaction;
* **query** "meetings of one group in one quarter" returning ``Meeting`` objects, against the same
  indexed ``SELECT`` on a raw table plus decoding (orjson only, and orjson + structuring);
* **load** of the whole dataset entity by entity, and its peak memory (tracemalloc) against what
  the loaded objects hold.

Goals (issue 3): save <= 1.5x raw, query <= 3x raw, peak memory while loading <= 2x retained.

Run: ``.venv/bin/python bench/store.py`` (about 5 minutes; ``--networks 40`` for a quick look).
The dataset: 400 networks x (50 organisations, 50 people, 5 working groups, 60 meetings with 6
agenda items and 40 invitations, 17-18 courses, memberships): 40,000 actors, 24,000 meetings,
7,000 courses. Deterministic (seed 20250101).
"""

from __future__ import annotations

import argparse
import gc
import random
import sqlite3
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import orjson

from integrationsnetz import (
    AgendaItem,
    AgendaItemKind,
    AttendanceStatus,
    Course,
    CourseStatus,
    Entity,
    Invitation,
    Meeting,
    MeetingKind,
    Membership,
    Network,
    Organization,
    OrganizationKind,
    Person,
    Region,
    Role,
    State,
    WorkingGroup,
)
from integrationsnetz.model import ENTITY_TYPES, entity_type_name
from integrationsnetz.plugins import PluginHost
from integrationsnetz.store.bookkeeping import micros

BERLIN = ZoneInfo("Europe/Berlin")
TOPICS = ("Sprache", "Arbeit", "Beratungsstellen", "Wohnen", "Projekte/Fortbildungen")
COURSE_TYPES = ("allgemein", "alpha", "zweitschrift", "jugend", "eltern")


def dataset(networks: int = 400, seed: int = 20250101) -> list[Entity]:
    """The synthetic nationwide dataset as new entities (revision 0), network by network."""
    rng = random.Random(seed)
    entities: list[Entity] = []
    for n in range(networks):
        nid = f"netz-{n:03d}"
        entities.append(
            Network(id=nid, name=f"Netzwerk Integration Landkreis {n} – Süd", region=Region(
                name=f"Landkreis {n}", state=State.TH, ags="16063"))
        )  # fmt: skip
        orgs = [f"{nid}-org-{i:02d}" for i in range(50)]
        people = [f"{nid}-p-{i:02d}" for i in range(50)]
        groups = [f"{nid}-ag-{i}" for i in range(5)]
        entities += [
            Organization(id=org, network_id=nid, name=f"Träger {i} für Bildung & Beratung e. V.",
                         kind=rng.choice(tuple(OrganizationKind)))
            for i, org in enumerate(orgs)
        ]  # fmt: skip
        entities += [
            Person(id=person, network_id=nid, function=rng.choice(("Integrationsmanagerin", "Kursleiter", "Lotsin")),
                   name=f"{rng.choice(('Anna', 'Mehmet', 'Olena', 'Jörg'))} {rng.choice(('Müller', 'Weiß', 'Groß'))}",
                   affiliation_id=rng.choice(orgs))
            for person in people
        ]  # fmt: skip
        entities += [
            WorkingGroup(id=group, network_id=nid, name=f"AG {TOPICS[i]}", topic=TOPICS[i], founded=date(2024, 3, 1))
            for i, group in enumerate(groups)
        ]
        entities += [
            Membership(id=f"{nid}-ms-{i:03d}", network_id=nid, actor_id=rng.choice(people),
                       group_id=rng.choice((None, *groups)), role=rng.choice(tuple(Role)), since=date(2024, 3, 1))
            for i in range(60)
        ]  # fmt: skip
        for i in range(60):
            group = groups[i % 5] if i % 12 else None
            start = datetime(2025, 1, 6, 9, tzinfo=BERLIN) + timedelta(days=rng.randrange(360), hours=rng.randrange(8))
            entities.append(
                Meeting(
                    id=f"{nid}-m-{i:02d}", network_id=nid, group_id=group, title=f"Sitzung {i}: Übergänge gestalten",
                    kind=MeetingKind.WORKING_GROUP if group else MeetingKind.NETWORK,
                    start=start, end=start + timedelta(hours=2), organizer_id=people[0], moderator_id=people[1],
                    agenda=tuple(AgendaItem(kind=AgendaItemKind.INPUT, title=f"TOP {k}: Förderung „Sprache“",
                                            presenter_ids=(rng.choice(people),), minutes=20) for k in range(6)),
                    invitations=tuple(Invitation(actor_id=actor, status=rng.choice(tuple(AttendanceStatus)))
                                      for actor in rng.sample(people + orgs, 40)),
                )
            )  # fmt: skip
        courses = 18 if n % 2 else 17
        entities += [
            Course(id=f"{nid}-k-{i:02d}", network_id=nid, course_type=rng.choice(COURSE_TYPES),
                   provider_id=rng.choice(orgs), units_total=700, units_per_week=20, seats=20,
                   participants=rng.randrange(21), teacher_ids=(rng.choice(people),),
                   status=rng.choice(tuple(CourseStatus)), start=date(2025, 1, 1) + timedelta(days=rng.randrange(300)))
            for i in range(courses)
        ]  # fmt: skip
    return entities


# --- raw sqlite3 -------------------------------------------------------------------------------

RAW_SCHEMA = (
    "CREATE TABLE entity (type TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (type, id))",
    "CREATE TABLE meeting (id TEXT PRIMARY KEY, group_id TEXT, start_us INTEGER, data TEXT NOT NULL)",
    "CREATE INDEX ix_group_start ON meeting (group_id, start_us)",
)


def raw_save(path: Path, documents: list[tuple[str, str, str, Any]], meetings: list[tuple[str, Any, int, str]]) -> None:
    """``executemany`` of ready JSON documents in one transaction (WAL, synchronous=FULL, as ours)."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    for statement in RAW_SCHEMA:
        db.execute(statement)
    db.execute("BEGIN")
    db.executemany("INSERT INTO entity VALUES (?, ?, ?)", [(t, i, d) for t, i, d, _ in documents])
    db.executemany("INSERT INTO meeting VALUES (?, ?, ?, ?)", meetings)
    db.execute("COMMIT")
    db.close()


def encode(host: PluginHost, entities: list[Entity]) -> tuple[list[tuple[str, str, str, Any]], list[Any]]:
    """The JSON documents raw sqlite3 stores: made by the same codec the stores use."""
    codec = host.codec
    documents = []
    meetings = []
    for entity in entities:
        data = orjson.dumps(codec.unstructure(entity)).decode()
        documents.append((entity_type_name(entity), entity.id, data, None))
        if isinstance(entity, Meeting):
            meetings.append((entity.id, entity.group_id, micros(entity.start), data))
    return documents, meetings


# --- measuring ---------------------------------------------------------------------------------


def timed(action: Callable[[], object]) -> float:
    """Seconds one call takes, with a collection before it."""
    gc.collect()
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def paired(rounds: int, candidates: dict[str, Callable[[int], float]]) -> dict[str, list[float]]:
    """Run every candidate once per round, order rotated; each returns its own measured seconds."""
    samples: dict[str, list[float]] = {name: [] for name in candidates}
    names = list(candidates)
    for round_number in range(rounds):
        order = names[round_number % len(names) :] + names[: round_number % len(names)]
        for name in order:
            samples[name].append(candidates[name](round_number))
    return samples


def report(title: str, samples: dict[str, list[float]], baseline: str, unit: float = 1.0, unit_name: str = "s") -> None:
    """A Markdown table of medians and paired ratios to ``baseline``."""
    print(f"\n### {title}\n\n| candidate | median | x {baseline} |\n|---|---:|---:|")
    base = samples[baseline]
    for name, values in samples.items():
        ratio = statistics.median(v / b for v, b in zip(values, base, strict=True))
        print(f"| {name} | {statistics.median(values) * unit:.3g} {unit_name} | {ratio:.2f} |")


def quarters(entities: list[Entity], count: int = 20) -> list[tuple[str, datetime, datetime]]:
    """(group, quarter start, quarter end) pairs with meetings in them."""
    rng = random.Random(7)
    groups = sorted({e.group_id for e in entities if isinstance(e, Meeting) and e.group_id})
    picks = []
    for _ in range(count):
        quarter = rng.randrange(4)
        start = datetime(2025, 1 + 3 * quarter, 1, tzinfo=BERLIN)
        end = datetime(2025 + (quarter == 3), (4 + 3 * quarter) % 12 or 12, 1, tzinfo=BERLIN)
        picks.append((rng.choice(groups), start, end))
    return picks


def load_everything(store: Any) -> list[Entity]:
    """Every live entity, type by type, one at a time where the backend can stream."""
    loaded: list[Entity] = []
    for cls in ENTITY_TYPES.values():
        if hasattr(store, "iter_entities"):
            loaded.extend(store.iter_entities(cls))
        else:
            loaded.extend(store.list(cls))
    return loaded


def main() -> None:
    """Build the dataset, run every measurement, print Markdown tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--networks", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--files-networks", type=int, default=40, help="the files: store gets a slice (slow)")
    options = parser.parse_args()
    host = PluginHost(entry_points=False)
    entities = dataset(options.networks)
    counts = {name: sum(1 for e in entities if entity_type_name(e) == name) for name in ENTITY_TYPES}
    print(f"dataset: {len(entities)} entities { {k: v for k, v in counts.items() if v} }")
    workdir = Path(tempfile.mkdtemp(prefix="bench-store-"))
    documents, meetings = encode(host, entities)

    # -- bulk save --------------------------------------------------------------------------
    def raw_encode_and_insert(round_number: int) -> float:
        path = workdir / f"raw-{round_number}.db"
        return timed(lambda: raw_save(path, *encode(host, entities)))

    def raw_insert_only(round_number: int) -> float:
        path = workdir / f"raw-only-{round_number}.db"
        return timed(lambda: raw_save(path, documents, meetings))

    def save_to(url: Callable[[int], str]) -> Callable[[int], float]:
        def run(round_number: int) -> float:
            with host.open_store(url(round_number)) as store:
                return timed(lambda: store.put_many(entities))

        return run

    saves = paired(
        options.rounds,
        {
            "raw sqlite3 (encode + executemany)": raw_encode_and_insert,
            "raw sqlite3 (executemany of ready JSON)": raw_insert_only,
            "sqlite: put_many": save_to(lambda r: f"sqlite://{workdir}/netz-{r}.db"),
            "memory: put_many": save_to(lambda r: "memory:"),
        },
    )
    report("Bulk save of the whole dataset", saves, "raw sqlite3 (encode + executemany)")

    # -- indexed query ---------------------------------------------------------------------
    picks = quarters(entities)
    raw = sqlite3.connect(workdir / "raw-0.db")
    codec = host.codec
    store = host.open_store(f"sqlite://{workdir}/netz-0.db")
    hits = [len(store.meetings_between(start, end, group_id=group)) for group, start, end in picks]
    sql = "SELECT data FROM meeting WHERE group_id = ? AND start_us >= ? AND start_us < ? ORDER BY start_us"

    def per_query(run_one: Callable[[str, datetime, datetime], object]) -> Callable[[int], float]:
        def run(_round: int) -> float:
            repeats = 20
            start_time = time.perf_counter()
            for _ in range(repeats):
                for group, start, end in picks:
                    run_one(group, start, end)
            return (time.perf_counter() - start_time) / (repeats * len(picks))

        return run

    queries = paired(
        7,
        {
            "raw sqlite3 + orjson": per_query(
                lambda g, s, e: [orjson.loads(d) for (d,) in raw.execute(sql, (g, micros(s), micros(e)))]
            ),
            "raw sqlite3 + orjson + structure": per_query(
                lambda g, s, e: [codec.loads(d, Meeting) for (d,) in raw.execute(sql, (g, micros(s), micros(e)))]
            ),
            "sqlite: meetings_between": per_query(lambda g, s, e: store.meetings_between(s, e, group_id=g)),
        },
    )
    print(f"\n(query: 20 group-quarter pairs, {statistics.mean(hits):.1f} meetings per answer)")
    report("Meetings of one group in one quarter (per query)", queries, "raw sqlite3 + orjson", 1e6, "µs")
    plan = store._db.execute(  # the query plan shows the index at work
        "EXPLAIN QUERY PLAN SELECT m.id FROM meeting m WHERE m.start_us >= 0 AND m.start_us < 1 "
        "AND m.end_us > 0 AND m.group_id = 'x' ORDER BY m.start_us, m.id"
    ).fetchall()
    print("\nplan:", "; ".join(row[-1] for row in plan))

    # -- loading the whole dataset ----------------------------------------------------------
    loads = paired(
        options.rounds,
        {
            "raw sqlite3 (SELECT + orjson + structure)": lambda _r: timed(
                lambda: [
                    codec.loads(d, ENTITY_TYPES[t]) for t, d in raw.execute("SELECT type, data FROM entity")
                ]
            ),
            "sqlite: load entity by entity": lambda _r: timed(lambda: load_everything(store)),
        },
    )
    report("Load the whole dataset", loads, "raw sqlite3 (SELECT + orjson + structure)")

    gc.collect()
    tracemalloc.start()
    loaded = load_everything(store)
    retained, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"\nmemory while loading {len(loaded)} entities from sqlite: retained {retained / 2**20:.0f} MiB, "
        f"peak {peak / 2**20:.0f} MiB, peak/retained {peak / retained:.2f}"
    )
    del loaded
    store.close()
    raw.close()

    # -- files: a slice ---------------------------------------------------------------------
    part = dataset(options.files_networks)
    _part_documents, _part_meetings = encode(host, part)
    files_url = f"files://{workdir}/netz-files"
    with host.open_store(files_url) as files_store:
        files_save = timed(lambda: files_store.put_many(part))
    raw_part = timed(lambda: raw_save(workdir / "raw-part.db", *encode(host, part)))
    with host.open_store(files_url) as files_store:
        files_load = timed(lambda: load_everything(files_store))
        group, start, end = quarters(part, 1)[0]
        files_query = timed(lambda: files_store.meetings_between(start, end, group_id=group))
    print(
        f"\nfiles: ({len(part)} entities, {options.files_networks} networks): save {files_save:.2f} s "
        f"({files_save / raw_part:.1f}x raw sqlite3 {raw_part:.2f} s), load {files_load:.2f} s, "
        f"one group-quarter query {files_query * 1000:.0f} ms (it reads every meeting document)"
    )




if __name__ == "__main__":
    main()
