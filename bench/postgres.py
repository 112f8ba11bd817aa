"""PostgreSQL store against the SQLite store, measured side by side in one run.

    .venv/bin/python bench/postgres.py [--rounds 3] [--url postgresql://postgres@127.0.0.1/postgres]

1. Bulk save of the nationwide synthetic dataset (one ``put_many``), each backend into a new store.
2. The indexed range query "meetings of one group in one quarter", and the state-wide
   "all meetings in one week", returning model objects.
3. Loading every meeting (``list(Meeting)``).
4. Throughput with 1, 2, 4 and 8 writer processes, each updating its own courses (no
   conflicts), on both backends.

Rounds alternate the backends; the tables give medians and the median of the per-round ratios
(PostgreSQL / SQLite; above 1 means PostgreSQL takes longer). The server runs on the same
machine, so a round trip costs little but the server shares the CPUs with the client.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import psycopg

sys.path.insert(0, str(Path(__file__).parent))
import dataset

from integrationsnetz.model import Course, CourseStatus, Entity, Meeting
from integrationsnetz.store import open_store

QUERIES = 200
WEEKS = 20
UPDATES_PER_WRITER = 200


BERLIN = ZoneInfo("Europe/Berlin")
COURSE_TYPES = ("general", "literacy", "youth", "women", "intensive")


def nationwide(networks: int = dataset.DISTRICTS) -> Iterator[Entity]:
    """The nationwide dataset of ``bench/dataset.py``, entity by entity, plus 17-18 courses per network.

    The shared dataset has actors, memberships, groups and meetings (60 per network, 6 agenda
    items and 40 invitations each); the courses (about 7,000, as issue 3 describes) are added here
    because the state-wide course queries need them.
    """
    rng = random.Random(dataset.SEED)
    for data in dataset.nationwide(networks):
        yield from data.entities()
        providers = [o.id for o in data.organizations] or [data.network.id]
        for number in range(17 + len(providers) % 2):
            yield Course(
                id=f"{data.network.id}-c{number:02d}",
                network_id=data.network.id,
                course_type=COURSE_TYPES[rng.randrange(len(COURSE_TYPES))],
                provider_id=providers[number % len(providers)],
                start=date(2025, 1, 1) + timedelta(days=rng.randrange(300)),
                units_total=700,
                units_per_week=20,
                seats=20,
                participants=rng.randrange(21),
                status=CourseStatus.RUNNING,
            )


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def new_postgres_url(server: str) -> str:
    return f"{server}?schema=bench_{uuid.uuid4().hex[:8]}"


def drop_postgres(url: str) -> None:
    base, _, query = url.partition("?schema=")
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{query}" CASCADE')


def writer(url: str, ids: list[str], go: multiprocessing.synchronize.Event, done: multiprocessing.Queue[float]) -> None:
    with open_store(url) as store:
        courses = [store.get(Course, course_id) for course_id in ids]
        go.wait()
        start = time.perf_counter()
        for number in range(UPDATES_PER_WRITER):
            index = number % len(courses)
            courses[index] = store.put(attrs.evolve(courses[index], participants=courses[index].participants + 1))
        done.put(time.perf_counter() - start)


def throughput(url: str, writers: int, course_ids: list[str]) -> float:
    """Updates per second, all writers together, from the start signal until the last one ends."""
    context = multiprocessing.get_context("spawn")
    go = context.Event()
    done: multiprocessing.Queue[float] = context.Queue()
    share = len(course_ids) // 8
    processes = [
        context.Process(target=writer, args=(url, course_ids[i * share : (i + 1) * share], go, done))
        for i in range(writers)
    ]
    for process in processes:
        process.start()
    time.sleep(2.0)  # every writer has opened its store and read its courses
    start = time.perf_counter()
    go.set()
    for _ in processes:
        done.get(timeout=300)
    elapsed = time.perf_counter() - start
    for process in processes:
        process.join()
    return writers * UPDATES_PER_WRITER / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--networks", type=int, default=dataset.DISTRICTS, help="fewer for a quick trial run")
    parser.add_argument("--url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()

    entities: list[Entity] = list(nationwide(args.networks))
    meetings = [entity for entity in entities if isinstance(entity, Meeting)]
    counts: dict[str, int] = {}
    for entity in entities:
        counts[type(entity).__name__] = counts.get(type(entity).__name__, 0) + 1
    print(f"dataset: {len(entities):,} entities ({', '.join(f'{n:,} {k}' for k, n in sorted(counts.items()))})")

    rng = random.Random(7)
    group_ids = sorted({m.group_id for m in meetings if m.group_id})
    quarter_queries = [
        (rng.choice(group_ids), datetime(2025, 1 + 3 * rng.randrange(4), 1, tzinfo=BERLIN)) for _ in range(QUERIES)
    ]
    first = min(m.start for m in meetings)
    weeks = [first + timedelta(weeks=7 * i) for i in range(WEEKS)]

    results: dict[str, dict[str, list[float]]] = {"sqlite": {}, "postgresql": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for round_number in range(args.rounds):
            order = ["sqlite", "postgresql"] if round_number % 2 == 0 else ["postgresql", "sqlite"]
            for backend in order:
                url = f"sqlite:///{tmp}/bench-{round_number}.db" if backend == "sqlite" else new_postgres_url(args.url)
                times = results[backend]
                try:
                    with open_store(url) as store:
                        times.setdefault("bulk save", []).append(timed(lambda: store.put_many(entities)))
                        times.setdefault("group x quarter (200 queries)", []).append(
                            timed(
                                lambda: [
                                    store.meetings_between(start, start + timedelta(days=91), group_id=group_id)
                                    for group_id, start in quarter_queries
                                ]
                            )
                        )
                        times.setdefault("state-wide week (20 queries)", []).append(
                            timed(lambda: [store.meetings_between(w, w + timedelta(days=7)) for w in weeks])
                        )
                        times.setdefault("load all meetings", []).append(timed(lambda: store.list(Meeting)))
                finally:
                    if backend == "postgresql":
                        drop_postgres(url)
                print(f"round {round_number + 1} {backend}: done", file=sys.stderr)

        print()
        print("| operation | SQLite | PostgreSQL | ratio PG/SQLite |")
        print("|---|---:|---:|---:|")
        for operation, sqlite_times in results["sqlite"].items():
            pg_times = results["postgresql"][operation]
            ratios = [pg / lite for pg, lite in zip(pg_times, sqlite_times, strict=True)]
            print(
                f"| {operation} | {statistics.median(sqlite_times):.3f} s | {statistics.median(pg_times):.3f} s "
                f"| {statistics.median(ratios):.2f} |"
            )

        course_ids = [entity.id for entity in entities if isinstance(entity, Course)][:800]
        chosen = [entity for entity in entities if isinstance(entity, Course) and entity.id in set(course_ids)]
        sqlite_url = f"sqlite:///{tmp}/writers.db"
        pg_url = new_postgres_url(args.url)
        try:
            for url in (sqlite_url, pg_url):
                with open_store(url) as store:
                    store.put_many(chosen)
            print()
            print("| writers | SQLite updates/s | PostgreSQL updates/s | PG / 1 writer | PG/SQLite |")
            print("|---:|---:|---:|---:|---:|")
            single = None
            for count in (1, 2, 4, 8):
                lite = throughput(sqlite_url, count, course_ids)
                pg = throughput(pg_url, count, course_ids)
                single = single or pg
                print(f"| {count} | {lite:,.0f} | {pg:,.0f} | {pg / single:.2f} | {pg / lite:.2f} |")
        finally:
            drop_postgres(pg_url)


if __name__ == "__main__":
    main()
