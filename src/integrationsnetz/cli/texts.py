"""Texts a coordinator hands in: a file read as Windows editors save it, and long texts cut for a preview.

Minutes come from Notepad or Word ("Nur Text"): UTF-8 with or without a byte order mark, UTF-16
with one, or the "ANSI" code page (Windows-1252). They are read as the library reads Excel's CSV
files (:func:`integrationsnetz.ingest.spreadsheet.decode`), so both doors take the same files. A
NUL byte (a binary file, a word processor's own format) and a file beyond :data:`MAX_TEXT_BYTES`
(not minutes, a mistake) are refused with the file named. A confirmation shows the first lines of
a long value and how long it is, never megabytes of text on the terminal.
"""

from __future__ import annotations

from pathlib import Path

from integrationsnetz.cli.wording import say
from integrationsnetz.cli.workspace import Failure

#: The largest text file a command reads: minutes of a whole day fill a few dozen kilobytes.
MAX_TEXT_BYTES = 1_000_000
#: How much of a long value a confirmation shows: its first lines, at most this many characters.
PREVIEW_LINES, PREVIEW_CHARACTERS = 3, 200


def read_text_file(path: Path) -> str:
    """The text of ``path`` as a Windows editor saves it; :class:`Failure` naming the file otherwise."""
    import integrationsnetz as inz
    from integrationsnetz.ingest.spreadsheet import decode

    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise Failure(say("text.too_big", path=path, size=size, limit=MAX_TEXT_BYTES))
        payload = path.read_bytes()
    except OSError as exc:
        raise Failure(say("text.unreadable", path=path, error=exc.strerror or exc)) from None
    if len(payload) > MAX_TEXT_BYTES:  # grown since stat()
        raise Failure(say("text.too_big", path=path, size=len(payload), limit=MAX_TEXT_BYTES))
    try:
        text = decode(payload, str(path))
    except inz.InvalidData as exc:  # the problem names the line as "line N: ..."
        line = exc.problems[0].removeprefix("line ").partition(":")[0] if exc.problems else "?"
        raise Failure(say("text.encoding", path=path, line=line)) from None
    if "\x00" in text:
        raise Failure(say("text.nul", path=path))
    return text.removeprefix("\ufeff")


def cut(text: str) -> str:
    """``text`` for a confirmation: whole when short, else its first lines and ``… (N Zeichen)``.

    The lines kept are joined with ``⏎``, so each field stays one row of the change list.
    """
    lines = text.splitlines()
    if len(lines) <= PREVIEW_LINES and len(text) <= PREVIEW_CHARACTERS:
        return text
    head = " ⏎ ".join(lines[:PREVIEW_LINES])[:PREVIEW_CHARACTERS].rstrip()
    return f"{head} … ({say('text.length', count=len(text))})"


def cut_rows(rows: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The rows of a change list (field, before, after) with long values cut."""
    return [(name, cut(old), cut(new)) for name, old, new in rows]
