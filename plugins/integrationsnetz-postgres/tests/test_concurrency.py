"""Many writers through separate processes and connections: no update is ever lost."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

from integrationsnetz.model import Course
from integrationsnetz.store import open_store

from .conftest import course

WRITER = Path(__file__).with_name("writer_process.py")
PROCESSES = 8
UPDATES = 500
COURSES = 24


def test_eight_processes_updating_overlapping_courses_lose_nothing(store_url: str) -> None:
    with open_store(store_url) as store:
        store.put_many(
            [course(f"c{number:02d}", "wak" if number % 2 else "eisenach", seats=25) for number in range(COURSES)],
            draft=True,
        )
    writers = [
        subprocess.Popen(
            [sys.executable, str(WRITER), store_url, str(seed), str(UPDATES), str(COURSES)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for seed in range(PROCESSES)
    ]
    try:
        for writer in writers:  # every process has its connection before any starts writing
            assert writer.stdout is not None
            assert writer.stdout.readline().strip() == "ready", writer.stderr.read() if writer.stderr else ""
        for writer in writers:
            assert writer.stdin is not None
            writer.stdin.write("go\n")
            writer.stdin.flush()
        reports = []
        for writer in writers:
            out, err = writer.communicate(timeout=150)
            assert writer.returncode == 0, f"a writer failed with something other than Conflict:\n{err}"
            reports.append(json.loads(out.strip().splitlines()[-1]))
    finally:
        for writer in writers:
            writer.kill()
    made: Counter[str] = Counter()
    for report in reports:
        made.update(report["done"])
    conflicts = sum(report["conflicts"] for report in reports)
    with open_store(store_url) as store:
        final = {course.id: course for course in store.list(Course)}
    # Each process counted the increments the store acknowledged; the store holds exactly them all.
    assert sum(made.values()) >= PROCESSES * UPDATES
    assert {course_id: course.participants for course_id, course in final.items()} == {
        course_id: made[course_id] for course_id in final
    }
    assert all(course.revision == 1 + course.participants for course in final.values())
    assert conflicts > 0, "the writers never met: the test did not test concurrency"


def test_changed_since_never_skips_a_write_that_commits_late(store_url: str) -> None:
    """A write stamped earlier but committed later than another is not skipped by a syncing consumer."""
    answers: list[list[str]] = []
    with open_store(store_url) as slow, open_store(store_url) as quick, open_store(store_url) as consumer:
        with slow.transaction():
            # stamped now, committed only at the end of the block
            early = slow.put(course("early", seats=25), draft=True)
            late = quick.put(course("late", seats=25), draft=True)  # stamped later, committed at once
            assert early.modified is not None
            assert late.modified is not None
            assert early.modified < late.modified
            reader = threading.Thread(target=lambda: answers.append([c.id for c in consumer.changed_since()]))
            reader.start()
            reader.join(timeout=1.0)
            assert reader.is_alive(), "changed_since answered while an earlier-stamped write was in flight"
        reader.join(timeout=30)
        # Had it answered ["late"], a consumer continuing after late.modified would never see "early".
        assert answers == [["early", "late"]]
        assert [c.id for c in consumer.changed_since(early.modified)] == ["late"]
