"""What the course figures report costs, against loading the same data from a JSON document.

Data: 401 synthetic districts (the number of German Landkreise and kreisfreie Städte), each with
4–60 running courses of three types at 2–8 providers and 20–600 people on waiting lists; and the
same courses as one national network. A coordinator always loads the document first, so the
baseline is ``documents.loads`` of the same data; the table shows medians and paired ratios.
Run: ``.venv/bin/python bench/courses.py`` (about a minute; charts only if matplotlib is installed).
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta

from integrationsnetz import (
    Course,
    CourseStatus,
    NetworkData,
    Organization,
    OrganizationKind,
    Registration,
    Waitlist,
    documents,
)
from integrationsnetz.courses import course_figures, render, report
from integrationsnetz.model.networks import Network, Region, State

AS_OF = date(2024, 10, 14)
DISTRICTS = 401
ROUNDS = 5
TYPES = (("general", 700, 18, 0.7), ("literacy", 1000, 12, 0.25), ("second_script", 1000, 14, 0.05))


def district(number: int, rng: random.Random) -> NetworkData:
    """One synthetic district: providers, running courses, waiting lists with dated registrations."""
    network = Network(id=f"d{number}", name=f"Landkreis {number}",
                      region=Region(name=f"Landkreis {number}", state=State.TH, ags="16063"))  # fmt: skip
    providers = tuple(
        Organization(id=f"d{number}-p{index}", network_id=network.id, name=f"Träger {index}",
                     kind=OrganizationKind.COURSE_PROVIDER)
        for index in range(rng.randint(2, 8))
    )  # fmt: skip
    courses, waitlists = [], []
    total = rng.randint(4, 60)
    for code, units, group, share in TYPES:
        for index in range(max(1 if code == "general" else 0, round(total * share))):
            start = AS_OF - timedelta(days=rng.randint(0, 300))
            courses.append(
                Course(id=f"d{number}-{code}-{index}", network_id=network.id, course_type=code,
                       provider_id=rng.choice(providers).id, start=start, end=start + timedelta(weeks=50),
                       units_total=units, units_per_week=25, seats=group + 2, participants=group,
                       status=CourseStatus.RUNNING)
            )  # fmt: skip
        waiting = int(rng.randint(20, 600) * share)
        registrations = tuple(
            Registration(registered_on=AS_OF - timedelta(days=rng.randint(0, 250))) for _ in range(waiting)
        )
        waitlists.append(Waitlist(id=f"d{number}-wl-{code}", network_id=network.id, course_type=code,
                                  place=network.name, as_of=AS_OF, registrations=registrations))  # fmt: skip
    return NetworkData(network=network, organizations=providers, courses=tuple(courses), waitlists=tuple(waitlists))


def national(districts: list[NetworkData]) -> NetworkData:
    """All districts' courses and lists as one network (ids are unique across districts)."""
    network = Network(id="bund", name="Bund", region=Region(name="Thüringen", state=State.TH, ags="16"))

    def moved(items: tuple[object, ...]) -> tuple[object, ...]:
        import attrs

        return tuple(attrs.evolve(item, network_id="bund") for item in items)  # type: ignore[misc]

    return NetworkData(
        network=network,
        organizations=moved(sum((d.organizations for d in districts), ())),  # type: ignore[arg-type]
        courses=moved(sum((d.courses for d in districts), ())),  # type: ignore[arg-type]
        waitlists=moved(sum((d.waitlists for d in districts), ())),  # type: ignore[arg-type]
    )


def timed(action: Callable[[], object]) -> float:
    """Wall time of one call."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    """Print the table of medians and paired ratios."""
    rng = random.Random(401)
    districts = [district(number, rng) for number in range(DISTRICTS)]
    payloads = [documents.dumps(data) for data in districts]
    whole = national(districts)
    whole_payload = documents.dumps(whole)
    courses = sum(len(d.courses) for d in districts)
    waiting = sum(len(w.registrations) for d in districts for w in d.waitlists)
    print(f"{DISTRICTS} districts, {courses} courses, {waiting} registrations, {len(whole.organizations)} providers\n")

    cases: dict[str, tuple[Callable[[], object], Callable[[], object]]] = {
        "401 district reports (figures + Markdown/HTML/CSV)": (
            lambda: [report(d, as_of=AS_OF, charts=False) for d in districts],
            lambda: [documents.loads(p) for p in payloads],
        ),
        "401 district figures only": (
            lambda: [course_figures(d, as_of=AS_OF) for d in districts],
            lambda: [documents.loads(p) for p in payloads],
        ),
        "one national report": (
            lambda: report(whole, as_of=AS_OF, charts=False),
            lambda: documents.loads(whole_payload),
        ),
    }
    try:
        import matplotlib  # noqa: F401
    except ModuleNotFoundError:
        print("(matplotlib is not installed: the chart row is left out)\n")
    else:
        figures = course_figures(districts[0], as_of=AS_OF)
        cases["charts of one district (3 SVGs)"] = (
            lambda: render(figures, charts=True),
            lambda: documents.loads(payloads[0]),
        )
        render(figures, charts=True)  # first use imports matplotlib and builds its font cache
    print("| case | median | baseline (loads) | x baseline |\n|---|---:|---:|---:|")
    for name, (action, baseline) in cases.items():
        pairs = []
        for round_number in range(ROUNDS):
            if round_number % 2:
                base, took = timed(baseline), timed(action)
            else:
                took, base = timed(action), timed(baseline)
            pairs.append((took, base))
        took_median = statistics.median(t for t, _ in pairs)
        base_median = statistics.median(b for _, b in pairs)
        ratio = statistics.median(t / b for t, b in pairs)
        print(f"| {name} | {took_median * 1000:.0f} ms | {base_median * 1000:.0f} ms | {ratio:.2f} |")


if __name__ == "__main__":
    main()
