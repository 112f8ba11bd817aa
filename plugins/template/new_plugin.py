"""Make a new plugin package from this template: ``python new_plugin.py NAME [FOLDER]``.

``python plugins/template/new_plugin.py vcard`` writes ``integrationsnetz-vcard/`` (distribution
``integrationsnetz-vcard``, package ``integrationsnetz_vcard``, formats and codes starting with
``vcard-``, settings ``INTEGRATIONSNETZ_VCARD_*``) into the current folder, or into FOLDER.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "integrationsnetz-myplugin"
NAME = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")


def replacements(name: str) -> list[tuple[str, str]]:
    """What each spelling of the template's name becomes, most specific first."""
    snake = name.replace("-", "_")
    return [
        ("integrationsnetz-myplugin", f"integrationsnetz-{name}"),
        ("integrationsnetz_myplugin", f"integrationsnetz_{snake}"),
        ("INTEGRATIONSNETZ_MYPLUGIN", f"INTEGRATIONSNETZ_{snake.upper()}"),
        ("myplugin-", f"{name}-"),
        ("myplugin", snake),
    ]


def render(text: str, name: str) -> str:
    for old, new in replacements(name):
        text = text.replace(old, new)
    return text


def new_plugin(name: str, folder: Path) -> Path:
    """Copy the template into ``folder/integrationsnetz-<name>`` under the new name; return that path."""
    if not NAME.fullmatch(name):
        raise SystemExit(f"new_plugin.py: the name must be lowercase letters and digits, joined by -, got {name!r}")
    target = folder / f"integrationsnetz-{name}"
    if target.exists():
        raise SystemExit(f"new_plugin.py: {target} exists already; choose another name or folder")
    for source in sorted(TEMPLATE.rglob("*")):
        if "__pycache__" in source.parts or source.suffix == ".pyc":
            continue
        destination = target / render(str(source.relative_to(TEMPLATE)), name)
        if source.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(render(source.read_text(encoding="utf-8"), name), encoding="utf-8")
    return target


def main(arguments: list[str]) -> int:
    if not 1 <= len(arguments) <= 2:
        print(__doc__, file=sys.stderr)
        return 2
    target = new_plugin(arguments[0], Path(arguments[1] if len(arguments) == 2 else "."))
    print(f"wrote {target}; next: cd {target} && pip install -e '.[test]' && pytest")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
