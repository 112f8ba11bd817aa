"""Check every internal link of the built docs site: the file exists and so does the anchor.

``mkdocs build --strict`` already checks the links between Markdown pages; this checks the
site as a browser sees it, raw HTML and the theme's own links included. External links are
listed by host, never fetched (CI has no internet). Usage: ``python .ci/check_site_links.py site``.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name"):
                self.ids.add(value)
            elif (name == "href" and tag in ("a", "link")) or (name == "src" and tag in ("img", "script")):
                self.links.append(value)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def broken_links(site: Path) -> tuple[list[str], Counter[str]]:
    """Every internal link that points at no file or no anchor, and the external hosts linked."""
    pages = {path: _parse(path) for path in sorted(site.rglob("*.html"))}
    problems: list[str] = []
    external: Counter[str] = Counter()
    for path, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                if parts.scheme in ("http", "https"):
                    external[parts.netloc] += 1
                continue
            if not parts.path:
                target = path
            elif parts.path.startswith("/"):  # from the site's root, as the 404 page links
                target = (site / unquote(parts.path).lstrip("/")).resolve()
            else:
                target = (path.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            where = f"{path.relative_to(site)}: {link}"
            if not target.is_file():
                problems.append(f"{where}: no file {os.path.relpath(target, site)}")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{where}: no anchor #{parts.fragment}")
    return problems, external


def main(site: Path) -> int:
    site = site.resolve()
    if not (site / "index.html").is_file():
        print(f"{site}: no built site here (run mkdocs build first)", file=sys.stderr)
        return 2
    problems, external = broken_links(site)
    for problem in problems:
        print(problem, file=sys.stderr)
    count = sum(1 for _ in site.rglob("*.html"))
    hosts = ", ".join(f"{host} ({n})" for host, n in sorted(external.items()))
    print(f"{count} pages, {len(problems)} broken internal links; external links not fetched: {hosts or 'none'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "site")))
