"""What the constructors' type checks cost, against the same classes without them.

Every model field has a converter that checks its value's type (issue 12). The baseline is each
class rebuilt in the same run with the same fields, defaults and validators but no converters, so
the ratio is the checks' cost alone. Loading a document or a store's rows does not pay it: the
converter's fast pass builds objects without calling ``__init__`` (bench/serialization.py and
bench/store.py measure that path). Run: ``.venv/bin/python bench/construction.py``.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import attrs

import integrationsnetz as inz

ROUNDS = 7
CALLS = 20_000
BERLIN = ZoneInfo("Europe/Berlin")


def unchecked(cls: type) -> type:
    """``cls`` rebuilt without the type-checking converters (validators kept)."""
    fields = {
        field.name: attrs.field(default=field.default, validator=field.validator, kw_only=True)
        for field in attrs.fields(cls)
    }
    return attrs.make_class(f"Unchecked{cls.__name__}", fields, frozen=True)


def meeting_fields() -> dict[str, Any]:
    """A working-group meeting with ten invitations and four agenda items, as a coordinator builds it."""
    return {
        "id": "ag-sprache-2025-03",
        "network_id": "netz-wak",
        "kind": inz.MeetingKind.WORKING_GROUP,
        "title": "AG Sprache",
        "start": datetime(2025, 3, 17, 9, tzinfo=BERLIN),
        "end": datetime(2025, 3, 17, 11, tzinfo=BERLIN),
        "group_id": "ag-sprache",
        "venue_id": "lra",
        "room_id": "raum-2",
        "organizer_id": "im-1",
        "invitations": tuple(inz.Invitation(actor_id=f"p-{n}") for n in range(10)),
        "agenda": tuple(inz.AgendaItem(kind=inz.AgendaItemKind.REPORT, title=f"TOP {n}") for n in range(4)),
    }


CASES: dict[str, tuple[type, Callable[[], dict[str, Any]]]] = {
    "Meeting (12 fields given)": (inz.Meeting, meeting_fields),
    "Invitation": (inz.Invitation, lambda: {"actor_id": "p-1", "status": inz.AttendanceStatus.ACCEPTED}),
    "Person": (
        inz.Person,
        lambda: {"id": "p-1", "network_id": "netz-wak", "function": "Integrationsmanagerin", "name": "A. B."},
    ),
}


def per_call(cls: type, fields: dict[str, Any]) -> float:
    """Seconds per construction, the best of three batches of :data:`CALLS`."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(CALLS):
            cls(**fields)
        best = min(best, time.perf_counter() - start)
    return best / CALLS


def main() -> None:
    """Print the paired medians: checked, unchecked and their ratio, per class."""
    print("| class | checked | unchecked | ratio (paired median) |\n|---|---:|---:|---:|")
    for name, (cls, make) in CASES.items():
        plain, fields = unchecked(cls), make()
        checked_times, plain_times = [], []
        for round_number in range(ROUNDS):
            pair = [(cls, checked_times), (plain, plain_times)]
            for klass, times in pair if round_number % 2 else reversed(pair):
                times.append(per_call(klass, fields))
        ratio = statistics.median(c / p for c, p in zip(checked_times, plain_times, strict=True))
        print(
            f"| {name} | {statistics.median(checked_times) * 1e6:.2f} µs "
            f"| {statistics.median(plain_times) * 1e6:.2f} µs | {ratio:.2f}x |"
        )


if __name__ == "__main__":
    main()
