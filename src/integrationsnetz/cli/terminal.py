"""Texts from the data as a terminal shows them: control characters visible, never obeyed.

A name, title or file name is whatever someone typed or pasted, and the terminal obeys what it
gets: a newline forges a line of its own ("- Jan Beispiel: eingewilligt"), ESC and OSC sequences
clear the screen or set the window title, a right-to-left override turns the rest of the line
around. Every value the command line fills into its lines (:func:`~integrationsnetz.cli.wording.say`,
the list tables, the readable fields of a preview) passes :func:`visible`, which writes such a
character as its Python escape (``\\n``, ``\\x1b``, ``\\u202e``): one line, as written, and the
coordinator sees that something odd is in the data. Printable text (umlauts, Arabic letters, the
zero-width joiners of Persian names) stays as it is.
"""

from __future__ import annotations

import unicodedata

#: The bidirectional controls: they reorder the text after them (Trojan Source).
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: Unicode categories a terminal obeys or that break a line: controls (C0, DEL, C1), line and paragraph separators.
_OBEYED = frozenset({"Cc", "Zl", "Zp"})


def _shown(character: str) -> str:
    if character in _BIDI or unicodedata.category(character) in _OBEYED:
        return character.encode("unicode_escape").decode("ascii")
    return character


def visible(text: str) -> str:
    """``text`` on one line with its control characters written as escapes (``\\n``, ``\\x1b``, ``\\u202e``)."""
    if text.isprintable():
        return text
    return "".join(_shown(character) for character in text)
