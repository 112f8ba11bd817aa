"""A writer process for the concurrency test (run as a script, one per process).

It opens its own store, says ``ready``, waits for ``go`` on stdin, then makes ``updates``
increments of ``Course.participants`` on randomly chosen courses of a shared set: mostly one
course at a time, every fifth time two at once in one ``put_many``. A stale read comes back as
``Conflict`` and is retried; any other error ends the process with a traceback. It prints how
many increments it made per course, and how many conflicts it met, as JSON.
"""

from __future__ import annotations

import json
import random
import sys

import attrs

from integrationsnetz import Conflict
from integrationsnetz.model import Course
from integrationsnetz.store import open_store


def main(url: str, seed: int, updates: int, courses: int) -> None:
    rng = random.Random(seed)
    done: dict[str, int] = {}
    conflicts = 0
    with open_store(url) as store:
        print("ready", flush=True)
        sys.stdin.readline()
        while sum(done.values()) < updates:
            chosen = rng.sample(range(courses), 2 if rng.random() < 0.2 else 1)
            ids = [f"c{number:02d}" for number in chosen]
            current = [store.get(Course, course_id) for course_id in ids]
            try:
                store.put_many(
                    [attrs.evolve(course, participants=course.participants + 1) for course in current], draft=True
                )
            except Conflict:
                conflicts += 1
                continue
            for course_id in ids:
                done[course_id] = done.get(course_id, 0) + 1
    print(json.dumps({"done": done, "conflicts": conflicts}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
