"""The plugin template works: a plugin made from it under a new name installs, is found, and passes its tests.

What a plugin author does, step by step: ``new_plugin.py NAME``, ``pip install``, ``pytest``. The
package is installed by pip into a folder of its own (a real ``*.dist-info`` with the entry
point), which the plugin's test run gets on its path beside this environment's library.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NEW_PLUGIN = ROOT / "plugins" / "template" / "new_plugin.py"


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=300
    )
    assert result.returncode == 0, f"{' '.join(map(str, command))} failed:\n{result.stdout}\n{result.stderr}"
    return result


def test_a_plugin_made_from_the_template_installs_and_passes_its_tests(tmp_path: Path) -> None:
    run(sys.executable, NEW_PLUGIN, "vcard", tmp_path, cwd=tmp_path)
    project = tmp_path / "integrationsnetz-vcard"
    files = [path for path in project.rglob("*") if path.is_file()]
    assert len(files) >= 5
    assert [path for path in files if "myplugin" in str(path) or "myplugin" in path.read_text("utf-8").lower()] == []
    site = tmp_path / "site"
    offline = ["--no-build-isolation"] if importlib.util.find_spec("hatchling") else []
    run(sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps", *offline,
        "--target", site, project, cwd=tmp_path)  # fmt: skip
    assert (site / "integrationsnetz_vcard-0.1.0.dist-info" / "entry_points.txt").read_text().split() == [
        "[integrationsnetz]", "integrationsnetz-vcard", "=", "integrationsnetz_vcard",
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("INTEGRATIONSNETZ_PLUGINS", None)
    env.pop("INTEGRATIONSNETZ_DISABLE_PLUGINS", None)
    result = run(sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=project, env=env)
    summary = result.stdout.strip().splitlines()[-1]
    assert " passed" in summary
    assert "failed" not in summary
    assert "error" not in summary


def test_the_template_refuses_a_name_that_is_no_package_name(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, NEW_PLUGIN, "V Card", tmp_path], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "lowercase letters and digits" in result.stderr
    assert list(tmp_path.iterdir()) == []
