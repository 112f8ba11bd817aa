"""The ``text/plain`` part of an e-mailed invitation: the Markdown letter as plain text.

The Einladung letter comes from the Markdown exporter, which escapes every character Markdown
would read as syntax (``\\&``, ``\\*``) and marks hard line breaks with a trailing backslash or
two spaces. A mail program shows the plain part as it is, so those marks would show; here they
are taken out: escapes become their characters, ``**bold**`` and ``# headings`` their words,
``<address>`` links the address, hard line breaks plain ones.
"""

from __future__ import annotations

import re

_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_BOLD = re.compile(r"(?<!\\)\*\*")
_HEADING = re.compile(r"^#{1,6} +", re.MULTILINE)
_LINK = re.compile(r"(?<!\\)<([^<>\s]+@[^<>\s]+|[a-z][a-z0-9+.-]*:[^<>\s]+)>")
_HARD_BREAK = re.compile(r"(?:\\| {2,})$", re.MULTILINE)


def plain_text(markdown: str) -> str:
    """``markdown`` (the exporter's letter) as the plain text a reader sees: no escapes, no markup."""
    text = _HARD_BREAK.sub("", markdown)
    text = _HEADING.sub("", text)
    text = _BOLD.sub("", text)
    text = _LINK.sub(r"\1", text)
    return _ESCAPE.sub(r"\1", text)


__all__ = ["plain_text"]
