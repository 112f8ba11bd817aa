"""Print documents to PDF as people do and read the pages back: Chromium, LibreOffice, poppler.

For tests of document exporters (the built-in ``html`` and ``docx``, a plugin's own): print the
file, then check the page count, the page size (:data:`A4`) and what each page says. The tools
are Debian packages, not Python ones. Outside CI a test that needs a missing one is
skipped with the command that installs them; in CI (``CI=true``, where ``.ci/run`` installs them)
it fails, so a printed-page check can never pass by being skipped.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from integrationsnetz.testing import system_tools

INSTALL = "apt-get install chromium libreoffice-writer-nogui poppler-utils"
#: A4 in PDF points, as the tools round it.
A4 = (595.0, 842.0)


def need(*tools: str) -> None:
    """Skip (fail in CI) unless every one of ``tools`` is on the PATH."""
    system_tools.need(*tools, install=f"to run the printed-page tests, {INSTALL}")


def print_html(page: Path, pdf: Path) -> Path:
    """``page`` printed to ``pdf`` by headless Chromium, with its own @page size and margins."""
    need("chromium", "pdfinfo", "pdftotext")
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--user-data-dir={pdf.parent / '.chromium'}", f"--print-to-pdf={pdf}", page.resolve().as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    assert pdf.is_file(), f"Chromium printed nothing for {page}"
    return pdf


def print_docx(document: Path, folder: Path) -> Path:
    """``document`` converted to PDF by LibreOffice into ``folder``."""
    need("soffice", "pdfinfo", "pdftotext")
    folder.mkdir(parents=True, exist_ok=True)
    profile = (folder / ".libreoffice").resolve().as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
         str(folder), str(document)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = folder / f"{document.stem}.pdf"
    assert pdf.is_file(), f"LibreOffice made no PDF of {document}"
    return pdf


def page_count(pdf: Path) -> int:
    """The number of pages of ``pdf``."""
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    found = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    assert found, info
    return int(found.group(1))


def page_sizes(pdf: Path) -> set[tuple[float, float]]:
    """Each page's size in points, rounded to whole points."""
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", str(page_count(pdf)), str(pdf)], check=True,
                          capture_output=True, text=True).stdout  # fmt: skip
    return {(round(float(w)), round(float(h))) for w, h in re.findall(r"size:\s+([\d.]+) x ([\d.]+) pts", info)}


def pages(pdf: Path) -> list[str]:
    """The text of each page, in reading order, whitespace folded to single spaces."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")[: page_count(pdf)]]


def rightmost_word(pdf: Path) -> float:
    """The right edge (points) of the word that reaches furthest right on any page."""
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True,
                           text=True).stdout  # fmt: skip
    return max(float(x) for x in re.findall(r'xMax="([\d.]+)"', boxes))


def words(pdf: Path) -> list[tuple[int, str, float, float]]:
    """Every word of ``pdf`` as (page number from 1, text, left edge, top edge), in points.

    For checks of where things print (a badge's size, a column's width), not only what.
    """
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True,
                           text=True).stdout  # fmt: skip
    found = []
    for number, page in enumerate(boxes.split("<page ")[1:], start=1):
        for x, y, text in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', page):
            found.append((number, text, float(x), float(y)))
    return found


def word_boxes(pdf: Path) -> list[tuple[int, str, float, float, float, float]]:
    """Every word of ``pdf`` as (page number from 1, text, left, top, right, bottom), in points.

    For checks that two texts never overlap (a badge's name and organisation).
    """
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True,
                           text=True).stdout  # fmt: skip
    found = []
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    for number, page in enumerate(boxes.split("<page ")[1:], start=1):
        for left, top, right, bottom, text in re.findall(pattern, page):
            found.append((number, text, float(left), float(top), float(right), float(bottom)))
    return found


def vertical_rules(pdf: Path, page: int = 1, *, least: float = 200.0) -> list[float]:
    """Where (points from the left) ``page`` of ``pdf`` has an unbroken dark vertical line ``least`` points long.

    Rendered by ``pdftoppm`` at 72 dpi, one pixel a point: for checks that a table's frame prints,
    its right-hand border included.
    """
    need("pdftoppm")
    image = subprocess.run(["pdftoppm", "-r", "72", "-gray", "-f", str(page), "-l", str(page), str(pdf)],
                           check=True, capture_output=True).stdout  # fmt: skip
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", image)
    assert header, "pdftoppm wrote no PGM image"
    width, height = int(header.group(1)), int(header.group(2))
    pixels = image[header.end() : header.end() + width * height]
    found = []
    for x in range(width):
        run = longest = 0
        for y in range(height):
            run = run + 1 if pixels[y * width + x] < 200 else 0
            longest = max(longest, run)
        if longest >= least:  # unbroken: a frame, not a column of tick boxes
            found.append(float(x))
    return found
