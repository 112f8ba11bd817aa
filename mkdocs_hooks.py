"""MkDocs hook: the site's navigation is read from docs/index.md, so the pages are listed once.

Each ``## Heading: subtitle`` of the index becomes a section named by the words before the colon,
and each list item that starts with a link to a page becomes an entry, titled by the link text.
``tests/core/test_docs.py`` checks that the index links every page; with ``omitted_files: warn``
in mkdocs.yml a strict build fails on a page the navigation leaves out.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

_HEADING = re.compile(r"^## (?P<title>[^:\n]+)")
_ITEM = re.compile(r"^- \[(?P<title>[^\]]+)\]\((?P<page>[^)#\s]+\.md)\)")


def navigation(index: str) -> list[dict[str, Any]]:
    """The nav of mkdocs.yml that the text of docs/index.md describes."""
    nav: list[dict[str, Any]] = [{"Home": "index.md"}]
    section: list[dict[str, str]] | None = None
    for line in index.splitlines():
        if heading := _HEADING.match(line):
            section = []
            nav.append({heading["title"].strip(): section})
        elif (item := _ITEM.match(line)) and section is not None:
            section.append({item["title"]: item["page"]})
    return [entry for entry in nav if next(iter(entry.values()))]


def on_config(config: Any) -> Any:
    """Fill in the nav unless mkdocs.yml names one itself."""
    if not config["nav"]:
        config["nav"] = navigation((Path(config["docs_dir"]) / "index.md").read_text(encoding="utf-8"))
    return config
