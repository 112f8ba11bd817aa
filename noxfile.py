"""The checks beyond ``./dev test``: every supported Python, the docs site, the built wheel.

``./dev test`` runs ruff, mypy and the tests on the Python of ``.venv``; CI (``.ci/run``) runs it
and then ``nox -s tests-3.13 docs wheel``. ``./dev nox -l`` lists the sessions;
``./dev nox -s tests-3.12 -- -x tests/store`` passes arguments on to pytest.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import nox

#: The Pythons the library supports (``requires-python``), oldest first.
PYTHONS = ["3.11", "3.12", "3.13"]
ROOT = Path(__file__).resolve().parent
PLUGINS = sorted(str(path.parent) for path in ROOT.glob("plugins/*/pyproject.toml"))

nox.options.sessions = ["tests", "docs", "wheel"]
nox.options.reuse_venv = "yes"  # reinstalling into a kept environment is quick; pip checks what changed
nox.options.download_python = "never"  # no Python is fetched from the internet: use what is installed


def _extra(name: str) -> list[str]:
    """The requirements of one extra of pyproject.toml, so they are written down once."""
    extras: dict[str, list[str]] = nox.project.load_toml(ROOT / "pyproject.toml")["project"]["optional-dependencies"]
    return extras[name]


def _show_pyenv_pythons() -> None:
    """Let nox find every supported Python that pyenv installed, not only the active one.

    pyenv's ``python3.13`` shim refuses to run unless 3.13 is an active version, so nox would
    report it missing; naming the installed versions in ``PYENV_VERSION`` makes them all active.
    """
    versions = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    if "PYENV_VERSION" in os.environ or not versions.is_dir():
        return
    found = []
    for minor in PYTHONS:
        installed = [
            path.name
            for path in versions.iterdir()
            if re.fullmatch(rf"{re.escape(minor)}\.\d+", path.name) and (path / "bin" / f"python{minor}").exists()
        ]
        if installed:
            found.append(max(installed, key=lambda name: int(name.rsplit(".", 1)[1])))
    if found:
        os.environ["PYENV_VERSION"] = ":".join(found)


_show_pyenv_pythons()


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """The whole test suite on one Python, installed as ``./dev`` installs it (editable, with the plugins)."""
    session.install("-e", ".[dev]", *[arg for plugin in PLUGINS for arg in ("-e", plugin)])
    session.run("python", "-m", "pytest", *session.posargs)


@nox.session(python=PYTHONS[-1])
def docs(session: nox.Session) -> None:
    """The docs as a site (``site/``): MkDocs in strict mode fails on a broken link or anchor."""
    session.install(*_extra("docs"))
    # The theme's notice of its end of life (May 2027) is in mkdocs.yml; not repeated on every build.
    session.run("mkdocs", "build", "--strict", "--site-dir", "site", *session.posargs, env={"NO_MKDOCS_2_WARNING": "1"})
    session.run("python", ".ci/check_site_links.py", "site")


@nox.session(python=PYTHONS[-1])
def wheel(session: nox.Session) -> None:
    """The library and its plugins built as wheels and installed, not editable, into a clean environment.

    The wheel is built from the sdist (as ``python -m build`` does), so a file missing from either
    fails here; ``.ci/wheel_smoke.py`` then runs from outside the source tree against what was installed.
    """
    session.install("build>=1.2")
    with tempfile.TemporaryDirectory(prefix="integrationsnetz-wheel-") as temp:
        dist, clean = Path(temp) / "dist", Path(temp) / "venv"
        session.run("python", "-m", "build", "--outdir", str(dist), ".")
        for plugin in PLUGINS:
            session.run("python", "-m", "build", "--wheel", "--outdir", str(dist), plugin)
        session.run("python", "-m", "venv", str(clean))
        python = str(clean / "bin" / "python")
        (library,) = dist.glob("integrationsnetz-*.whl")
        others = [str(path) for path in dist.glob("*.whl") if path != library]
        session.run(python, "-m", "pip", "install", f"{library}[charts]", *others, external=True, silent=True)
        smoke = shutil.copy(ROOT / ".ci" / "wheel_smoke.py", temp)
        with session.chdir(temp):
            session.run(python, "-I", smoke, external=True)
