"""What reading and writing networks costs, against msgspec measured in the same run.

Data: :mod:`dataset` (401 synthetic networks, each about 100 actors, 5 groups and 60 meetings
with 6 agenda items and 40 invitations). Cases: one network and the whole dataset, each dumped
to compact JSON bytes and loaded back into model objects (loads are fully validated: strict
scalars, unknown keys, the model's validators). The baseline is msgspec with Structs that mirror
the model (same fields, same defaults left out), which is as fast as Python gets here.

Method (as in the project's research benchmark): interleaved rounds, each candidate once per
round in rotating order, each sample looping the operation for at least ``--min-sample``
seconds; the big object graphs are frozen out of the garbage collector's view; reported are
medians and the median of the per-round (paired) ratios, which is robust to a busy machine.

Run: ``.venv/bin/python bench/serialization.py`` (about two minutes; ``--quick`` for a smoke test).
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import msgspec

sys.path.insert(0, str(Path(__file__).parent))
import dataset

from integrationsnetz import (
    AgendaItemKind,
    AttendanceStatus,
    ContactKind,
    MeetingKind,
    MeetingStatus,
    NetworkData,
    OrganizationKind,
    Role,
    State,
    TaskStatus,
)
from integrationsnetz.serialization import make_codec

# --- msgspec mirror of the parts of the model the dataset uses --------------------------------

_OPTIONS: dict[str, Any] = {"kw_only": True, "omit_defaults": True, "forbid_unknown_fields": True}


class _MEntity(msgspec.Struct, **_OPTIONS):
    """The bookkeeping every stored entity starts with, as the model's ``Entity`` (fields encode first)."""

    id: str
    created: datetime | None = None
    modified: datetime | None = None
    revision: int = 0


class _MNetworkPart(_MEntity, **_OPTIONS):
    """An entity of one network, as the model's ``NetworkPart``."""

    network_id: str


class MContactPoint(msgspec.Struct, **_OPTIONS):
    kind: ContactKind
    value: str
    label: str | None = None


class MRegion(msgspec.Struct, **_OPTIONS):
    name: str
    state: State
    ags: str


class MNetwork(_MEntity, **_OPTIONS):
    name: str
    region: MRegion
    founded: date | None = None
    dissolved: date | None = None
    description: str | None = None
    contacts: tuple[MContactPoint, ...] = ()
    website: str | None = None
    language: str = "de"


class MOrganization(_MNetworkPart, **_OPTIONS):
    name: str
    kind: OrganizationKind
    short_name: str | None = None
    parent_id: str | None = None
    contacts: tuple[MContactPoint, ...] = ()
    website: str | None = None
    description: str | None = None


class MPerson(_MNetworkPart, **_OPTIONS):
    function: str
    name: str | None = None
    affiliation_id: str | None = None
    contacts: tuple[MContactPoint, ...] = ()


class MMembership(_MNetworkPart, **_OPTIONS):
    actor_id: str
    role: Role = Role.MEMBER
    group_id: str | None = None
    since: date
    until: date | None = None


class MTask(msgspec.Struct, **_OPTIONS):
    id: str
    title: str
    owner_id: str | None = None
    status: TaskStatus = TaskStatus.OPEN
    due: date | None = None
    goal_id: str | None = None
    origin_meeting_id: str | None = None


class MWorkingGroup(_MNetworkPart, **_OPTIONS):
    name: str
    topic: str
    founded: date
    dissolved: date | None = None
    description: str | None = None
    tasks: tuple[MTask, ...] = ()


class MAgendaItem(msgspec.Struct, **_OPTIONS):
    kind: AgendaItemKind
    title: str
    presenter_ids: tuple[str, ...] = ()
    minutes: int | None = None
    description: str | None = None


class MInvitation(msgspec.Struct, **_OPTIONS):
    actor_id: str
    status: AttendanceStatus = AttendanceStatus.INVITED


class MMeeting(_MNetworkPart, **_OPTIONS):
    kind: MeetingKind
    title: str
    start: datetime
    end: datetime
    group_id: str | None = None
    status: MeetingStatus = MeetingStatus.PLANNED
    venue_id: str | None = None
    room_id: str | None = None
    organizer_id: str | None = None
    moderator_id: str | None = None
    invitations: tuple[MInvitation, ...] = ()
    agenda: tuple[MAgendaItem, ...] = ()
    headcount: int | None = None


class MNetworkData(msgspec.Struct, **_OPTIONS):
    network: MNetwork
    organizations: tuple[MOrganization, ...] = ()
    persons: tuple[MPerson, ...] = ()
    memberships: tuple[MMembership, ...] = ()
    groups: tuple[MWorkingGroup, ...] = ()
    meetings: tuple[MMeeting, ...] = ()


# --- harness ----------------------------------------------------------------------------------


def _calibrate(operation: Callable[[], object], min_sample: float) -> int:
    loops = 1
    while True:
        started = time.perf_counter()
        for _ in range(loops):
            operation()
        elapsed = time.perf_counter() - started
        if elapsed >= min_sample or loops >= 100_000:
            return loops
        loops = max(loops * 2, int(loops * min_sample * 1.2 / max(elapsed, 1e-9)))


def bench(candidates: dict[str, Callable[[], object]], rounds: int, min_sample: float) -> dict[str, list[float]]:
    """Interleaved rounds; seconds per operation, one sample per round and candidate."""
    loops = {name: _calibrate(operation, min_sample) for name, operation in candidates.items()}
    names = list(candidates)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for number in range(rounds):
        shift = number % len(names)
        for name in names[shift:] + names[:shift]:
            operation, count = candidates[name], loops[name]
            gc.collect()
            started = time.perf_counter()
            for _ in range(count):
                result = operation()
            samples[name].append((time.perf_counter() - started) / count)
            del result
    return samples


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="40 networks, 3 rounds: a smoke test")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--min-sample", type=float, default=0.2)
    args = parser.parse_args()
    districts, rounds = (40, 3) if args.quick else (dataset.DISTRICTS, args.rounds)

    started = time.perf_counter()
    networks = dataset.nationwide(districts)
    codec = make_codec()
    mirrors = [msgspec.convert(network, MNetworkData, from_attributes=True) for network in networks]
    print(f"built {districts} networks in {time.perf_counter() - started:.1f} s", file=sys.stderr)

    encoder = msgspec.json.Encoder()
    decode_one = msgspec.json.Decoder(MNetworkData).decode
    decode_all = msgspec.json.Decoder(list[MNetworkData]).decode
    whole_type = list[NetworkData]

    one, one_mirror = networks[0], mirrors[0]
    one_bytes, one_mirror_bytes = codec.dumps(one), encoder.encode(one_mirror)
    all_bytes = codec.dumps(networks)
    all_mirror_bytes = encoder.encode(mirrors)
    # Correctness first: both round trips are exact.
    assert codec.loads(one_bytes, NetworkData) == one
    assert decode_one(one_mirror_bytes) == one_mirror
    assert codec.loads(all_bytes, whole_type) == networks
    print(f"one network: {len(one_bytes) / 1e3:.0f} kB (msgspec {len(one_mirror_bytes) / 1e3:.0f} kB); "
          f"whole: {len(all_bytes) / 1e6:.1f} MB (msgspec {len(all_mirror_bytes) / 1e6:.1f} MB)")  # fmt: skip

    gc.collect()
    gc.freeze()  # the big graphs would otherwise tax every collection in every candidate
    cases = {
        "one network, dump": {
            "msgspec": lambda: encoder.encode(one_mirror),
            "integrationsnetz": lambda: codec.dumps(one),
        },
        "one network, load": {
            "msgspec": lambda: decode_one(one_mirror_bytes),
            "integrationsnetz": lambda: codec.loads(one_bytes, NetworkData),
        },
        "whole dataset, dump": {
            "msgspec": lambda: encoder.encode(mirrors),
            "integrationsnetz": lambda: codec.dumps(networks),
        },
        "whole dataset, load": {
            "msgspec": lambda: decode_all(all_mirror_bytes),
            "integrationsnetz": lambda: codec.loads(all_bytes, whole_type),
        },
    }
    print("\n| case | msgspec | integrationsnetz | x msgspec (paired median, [min-max]) |")
    print("|---|---:|---:|---:|")
    for case, candidates in cases.items():
        min_sample = args.min_sample if case.startswith("one") else 0.0
        samples = bench(candidates, rounds, min_sample)
        paired = [ours / base for ours, base in zip(samples["integrationsnetz"], samples["msgspec"], strict=True)]
        print(
            f"| {case} | {_ms(statistics.median(samples['msgspec']))} | "
            f"{_ms(statistics.median(samples['integrationsnetz']))} | "
            f"{statistics.median(paired):.2f}x [{min(paired):.2f}-{max(paired):.2f}] |",
            flush=True,
        )
    gc.unfreeze()


if __name__ == "__main__":
    main()
