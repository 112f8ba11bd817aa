"""Plain aligned text tables for lists: one header row, columns padded to their widest cell."""

from __future__ import annotations

from collections.abc import Sequence

from integrationsnetz.cli.terminal import visible

#: A cell longer than this is cut with "…", so one long value does not push every row off the screen.
MAX_CELL = 60


def _cut(cell: str) -> str:
    return cell if len(cell) <= MAX_CELL else cell[: MAX_CELL - 1] + "…"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """``rows`` under ``headers``, each column as wide as its widest cell, two spaces between.

    A cell is shown as :func:`~integrationsnetz.cli.terminal.visible` writes it: one line, no escape sequences.
    """
    rows = [[_cut(visible(str(cell))) for cell in row] for row in rows]
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=False)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(str(cell).ljust(width) for cell, width in zip(cells, widths, strict=False)).rstrip()

    return "\n".join([line(headers), line(["-" * width for width in widths]), *(line(row) for row in rows)])
