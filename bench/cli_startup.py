"""How long the command ``integrationsnetz`` takes to start, against ``python -c pass`` and its imports.

Goal (issue 15): ``integrationsnetz --help`` under 2x the cost of ``import integrationsnetz, click``
in a fresh interpreter. Each round runs every candidate as a new process, in alternating order;
the table shows the medians and the medians of the per-round ratios against both baselines,
measured in the same run. The small commands run in a workspace made by ``init`` in a temporary
folder. Run: ``.venv/bin/python bench/cli_startup.py`` (about a minute).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROUNDS = 15
COMMAND = str(Path(sys.executable).with_name("integrationsnetz"))
PYTHON = sys.executable
CANDIDATES: dict[str, list[str]] = {
    "python -c pass": [PYTHON, "-c", "pass"],
    "python -c 'import integrationsnetz, click'": [PYTHON, "-c", "import integrationsnetz, click"],
    "integrationsnetz --help": [COMMAND, "--help"],
    "integrationsnetz plan --help": [COMMAND, "plan", "--help"],
    "integrationsnetz --version": [COMMAND, "--version"],
    "integrationsnetz liste gruppen (small workspace)": [COMMAND, "liste", "gruppen"],
    "integrationsnetz check (small workspace)": [COMMAND, "check"],
}
BASELINES = ("python -c pass", "python -c 'import integrationsnetz, click'")
#: Modules ``--help`` must not load: the model and what it stands on, the calendar library.
HEAVY = ("integrationsnetz.model", "attrs", "cattrs", "icalendar", "sqlite3", "holidays")


def run(argv: list[str], cwd: Path) -> float:
    """Wall time of one process running ``argv`` in ``cwd``."""
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    """Print the table and the heavy modules ``--help`` pulls in."""
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        init = [COMMAND, "init", ".", "--name", "Netzwerk Integration Eichsfeld", "--land", "TH"]
        subprocess.run(init, cwd=folder, check=True, stdout=subprocess.DEVNULL)
        samples: dict[str, list[float]] = {name: [] for name in CANDIDATES}
        for round_number in range(ROUNDS):
            names = list(CANDIDATES)
            if round_number % 2:
                names.reverse()
            for name in names:
                samples[name].append(run(CANDIDATES[name], folder))
    print("| command | median | x `python -c pass` | x `import integrationsnetz, click` |")
    print("|---|---:|---:|---:|")
    for name, times in samples.items():
        ratios = [
            statistics.median(t / b for t, b in zip(times, samples[baseline], strict=True)) for baseline in BASELINES
        ]
        print(f"| `{name}` | {statistics.median(times) * 1000:.0f} ms | {ratios[0]:.2f} | {ratios[1]:.2f} |")
    probe = (
        "import sys\nfrom integrationsnetz.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(','.join(m for m in {heavy!r} if m in sys.modules), file=sys.stderr)"
    )
    loaded = subprocess.run(
        [PYTHON, "-c", probe.format(heavy=HEAVY)], check=True, capture_output=True, text=True
    ).stderr.strip()
    print(f"\nheavy modules loaded by `integrationsnetz --help`: {loaded or 'none'}")


if __name__ == "__main__":
    main()
