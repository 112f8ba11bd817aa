"""How long ``import integrationsnetz`` takes in a fresh process, against ``import attrs, cattrs``.

Goal (issue 3): at most 1.3x the baseline, and no icalendar, holidays or database driver loaded.
Each round runs both imports in new interpreters, in alternating order; the table shows the
medians and the median of the per-round ratios. Run: ``.venv/bin/python bench/import_time.py``.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

ROUNDS = 15
CANDIDATES = {
    "python -c pass": "pass",
    "import attrs, cattrs": "import attrs, cattrs",
    "import integrationsnetz": "import integrationsnetz",
    # What a plugin module needs, the model on first use, and the model with its converter:
    # the package loads each part when a name from it is first used.
    "from integrationsnetz import hookimpl": "from integrationsnetz import hookimpl",
    "from integrationsnetz import Meeting": "from integrationsnetz import Meeting",
    "... and make_codec()": "from integrationsnetz.serialization import make_codec; make_codec()",
    "PluginHost() (built-in plugins)": "import integrationsnetz; integrationsnetz.PluginHost(entry_points=False)",
}
HEAVY = ("icalendar", "holidays", "psycopg", "sqlite3", "matplotlib", "tomli_w")


def run(code: str) -> float:
    """Wall time of a fresh interpreter running ``code``."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def main() -> None:
    """Print the table and the heavy modules each import pulls in."""
    samples: dict[str, list[float]] = {name: [] for name in CANDIDATES}
    for round_number in range(ROUNDS):
        names = list(CANDIDATES)
        if round_number % 2:
            names.reverse()
        for name in names:
            samples[name].append(run(CANDIDATES[name]))
    baseline = samples["import attrs, cattrs"]
    print("| import | median | x attrs+cattrs (paired) |\n|---|---:|---:|")
    for name, times in samples.items():
        ratio = statistics.median(t / b for t, b in zip(times, baseline, strict=True))
        print(f"| `{name}` | {statistics.median(times) * 1000:.0f} ms | {ratio:.2f} |")
    probe = (
        "import sys, integrationsnetz; integrationsnetz.NetworkData; "
        "print(','.join(m for m in {heavy!r} if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe.format(heavy=HEAVY)], check=True, capture_output=True, text=True
    ).stdout.strip()
    print(f"\nheavy modules loaded by `import integrationsnetz` and the model: {loaded or 'none'}")


if __name__ == "__main__":
    main()
