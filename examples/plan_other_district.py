"""Plan another district's year from its planning file: nothing here knows which district.

``python examples/plan_other_district.py examples/landkreis-goettingen.toml`` reads the planning
file (series rules, absences, holiday corrections) and the network document it names, and runs
the same commands as the main job in a workspace of its own (default ``out/<file name>/``):
``integrationsnetz init --netz ... --planung ...`` on the first run, then ``plan`` and
``veroeffentlichen``. A mistake in the file is reported with the file name and the field, e.g.::

    error: examples/landkreis-goettingen.toml: $.series[1].times[0].end: 09:00 is not after start 10:00
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from plan_year import REPO, planned_year, run_district

import integrationsnetz as inz
from integrationsnetz.errors import IntegrationsnetzError, InvalidData
from integrationsnetz.schedule import load_plan_config

HERE = Path(__file__).resolve().parent


def main(argv: Sequence[str] | None = None) -> int:
    """Plan the district described by the planning file given on the command line."""
    parser = argparse.ArgumentParser(description="Plan a district's year from its planning file")
    parser.add_argument("config", type=Path, nargs="?", default=HERE / "landkreis-goettingen.toml")
    parser.add_argument("--year", type=int, help="the year to plan (default: the file's year, else next year)")
    parser.add_argument("--workspace", "--out", type=Path, help="the workspace folder (default: out/<file name>)")
    parser.add_argument("--store", help="store URL for a new workspace (default: sqlite: in the workspace)")
    parser.add_argument("--en", action="store_true", help="report in English")
    args = parser.parse_args(argv)
    try:
        config = load_plan_config(args.config)
        if config.network is None:
            raise InvalidData(["$.network: name the network document to plan for"], source=str(args.config))
        network = inz.documents.load(config.network).network
        print(f"{network.name} ({network.region.name}, {network.region.state.value})", flush=True)
        folder = args.workspace or REPO / "out" / args.config.stem
        return run_district(
            folder, Path(config.network), args.config, year=planned_year(args.config, args.year),
            store_url=args.store, language="en" if args.en else "de",
        )  # fmt: skip
    except IntegrationsnetzError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
