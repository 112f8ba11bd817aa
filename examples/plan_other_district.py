"""Plan another district's year from its planning file: nothing here knows which district.

``python examples/plan_other_district.py examples/landkreis-goettingen.toml`` reads the planning
file (series rules, absences, holiday corrections), loads the network document it names, plans
the year in that district's state and publishes it exactly like the main job. A mistake in the
file is reported with the file name and the field, e.g.::

    error: examples/landkreis-goettingen.toml: $.series[1].times[0].end: 09:00 is not after start 10:00
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import attrs
from plan_year import REPO, run

import integrationsnetz as inz
from integrationsnetz.errors import IntegrationsnetzError, InvalidData
from integrationsnetz.schedule import load_plan_config

HERE = Path(__file__).resolve().parent


def main(argv: Sequence[str] | None = None) -> int:
    """Plan the district described by the planning file given on the command line."""
    parser = argparse.ArgumentParser(description="Plan a district's year from its planning file")
    parser.add_argument("config", type=Path, nargs="?", default=HERE / "landkreis-goettingen.toml")
    parser.add_argument("--year", type=int, help="the year to plan (default: the file's year, else next year)")
    parser.add_argument("--out", type=Path, help="where feeds go (default: out/<file name>)")
    parser.add_argument("--store", help="store URL (default: sqlite in the output folder)")
    parser.add_argument("--en", action="store_true", help="report in English")
    args = parser.parse_args(argv)
    try:
        config = load_plan_config(args.config)
        network = config.network
        if network is None:
            raise InvalidData(["$.network: name the network document to plan for"], source=str(args.config))
        if args.year is not None:
            config = attrs.evolve(config, year=args.year)
        data = inz.documents.load(network)
        out = args.out or REPO / "out" / args.config.stem
        out.mkdir(parents=True, exist_ok=True)
        store_url = args.store or f"sqlite://{(out / 'integrationsnetz.db').resolve()}"
        run(data, config, out=out, store_url=store_url, today=date.today(), language="en" if args.en else None)
    except IntegrationsnetzError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
