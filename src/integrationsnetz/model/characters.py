"""Which characters a stored text can carry into a document, and what becomes of the others.

Texts arrive from everywhere (pasted minutes, ``pdftotext`` output with a form feed between pages,
imported calendars): the model accepts any string, so every exporter reads them through
:func:`printable`, one rule for Word, HTML, Markdown and iCalendar, and ``check`` names the texts
that hold such characters (:func:`unprintable`).
"""

from __future__ import annotations

import re
import unicodedata

#: Characters that end a line: CR, NEL, form feed, vertical tab and the Unicode line and paragraph separators.
_LINE_ENDS = frozenset("\r\x85\x0b\x0c\u2028\u2029")


def _noncharacter(code: int) -> bool:
    """U+FDD0–U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF, U+1FFFE …)."""
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def _dropped(ch: str) -> bool:
    """A control character (C0, DEL, C1) other than tab and newline, a lone surrogate or a noncharacter."""
    if ch in "\t\n" or ch in _LINE_ENDS:
        return False
    return unicodedata.category(ch) in ("Cc", "Cs") or _noncharacter(ord(ch))


def printable(text: str) -> str:
    r"""``text`` as every document can carry it: one kind of line break, no control characters.

    CR, CRLF, NEL, form feed, vertical tab and U+2028/U+2029 become ``\n`` (so a page break of
    pasted minutes is a paragraph break); other C0 and C1 controls, DEL, lone surrogates and
    noncharacters such as U+FFFE are dropped (XML, and so Word, cannot hold them; a terminal or
    browser would act on them). Tabs, format characters (bidi marks, soft hyphens) and every
    printable character stay.
    """
    if text.isprintable():  # False for every character changed here, and for tabs and newlines
        return text
    text = text.replace("\r\n", "\n")
    return "".join("\n" if ch in _LINE_ENDS else ch for ch in text if not _dropped(ch))


def unprintable(text: str) -> list[str]:
    """The characters of ``text`` that :func:`printable` changes or drops, as ``U+000C`` (tab, newline, CRLF pass)."""
    if text.isprintable():
        return []
    changed = (ch for ch in text.replace("\r\n", "\n") if ch in _LINE_ENDS or _dropped(ch))
    return list(dict.fromkeys(f"U+{ord(ch):04X}" for ch in changed))


#: Unicode's first-strong isolate and its end: text between them keeps its own direction.
ISOLATE, ISOLATE_END = "\u2068", "\u2069"
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
#: Explicit directional formatting: marks, embeddings and overrides (ended by U+202C), isolates (ended by U+2069).
_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ISOLATES, _EMBEDDINGS = "\u2066\u2067\u2068", "\u202a\u202b\u202d\u202e"


def balanced(text: str) -> str:
    """``text`` whose isolates and embeddings all end inside it, so nothing after it changes direction.

    An end without a start (U+2069, U+202C) is dropped, as it would end an isolate around the text;
    starts left open are closed at the end.
    """
    if not _BIDI_CONTROLS.search(text):
        return text
    kept: list[str] = []
    isolates = 0
    embeddings: list[int] = [0]  # open embeddings, per isolate level
    for ch in text:
        if ch in _ISOLATES:
            isolates += 1
            embeddings.append(0)
        elif ch == ISOLATE_END:
            if not isolates:
                continue
            kept.append("\u202c" * embeddings.pop())
            isolates -= 1
        elif ch in _EMBEDDINGS:
            embeddings[-1] += 1
        elif ch == "\u202c":
            if not embeddings[-1]:
                continue
            embeddings[-1] -= 1
        kept.append(ch)
    for open_embeddings in reversed(embeddings[1:]):
        kept.append("\u202c" * open_embeddings + ISOLATE_END)
    kept.append("\u202c" * embeddings[0])
    return "".join(kept)


def isolated(text: str) -> str:
    """``text`` (a title or name the user wrote) isolated if it holds right-to-left letters or bidi controls.

    So in "Protokoll: Große Sitzung مرحبا, 02.03.2026" the date stays after the Arabic word instead
    of joining its run, and a name ending in U+202E (right-to-left override) cannot reverse the text
    after it. HTML renders the isolate as ``<bdi>``, Markdown and Word keep the characters.
    """
    if _RIGHT_TO_LEFT.search(text) or _BIDI_CONTROLS.search(text):
        return f"{ISOLATE}{balanced(text)}{ISOLATE_END}"
    return text
