"""Every text the command line shows, in German (the default) and English, in one place.

One module per topic holds the pairs (:mod:`.general`, :mod:`.changes`, :mod:`.meetings`,
:mod:`.usage`, :mod:`.data`, :mod:`.replies`, :mod:`.mail`); a key belongs to exactly one of them (checked on import).

The language is chosen once per run (:func:`choose_language`: ``--lang``, else the locale, else
German) and kept in a context variable, so help texts written when the commands are defined are
looked up in the right language when they are shown. The pairs follow the pattern of
``integrationsnetz.exporters.wording``: key -> (German, English).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextvars import ContextVar
from pathlib import PurePath
from typing import Literal

from integrationsnetz.cli.terminal import visible
from integrationsnetz.cli.wording import changes, data, general, mail, meetings, replies, usage

Language = Literal["de", "en"]

#: The language of the current run; :func:`choose_language` decides it at start-up.
LANGUAGE: ContextVar[Language] = ContextVar("integrationsnetz_cli_language", default="de")


def _joined(*topics: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    joined: dict[str, tuple[str, str]] = {}
    for words in topics:
        twice = joined.keys() & words.keys()
        if twice:
            raise RuntimeError(f"cli wording: keys in two topics: {sorted(twice)}")
        joined.update(words)
    return joined


_WORDS = _joined(
    general.WORDS, changes.WORDS, meetings.WORDS, usage.WORDS, data.WORDS, replies.WORDS, mail.WORDS
)


def choose_language(argv: Sequence[str], environ: Mapping[str, str]) -> Language:
    """``--lang en``/``--lang=en`` on the command line, else English when the locale is English, else German."""
    for position, item in enumerate(argv):
        if item == "--":
            break
        if item == "--lang" and position + 1 < len(argv):
            return "en" if argv[position + 1].lower().startswith("en") else "de"
        if item.startswith("--lang="):
            return "en" if item.partition("=")[2].lower().startswith("en") else "de"
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable)
        if value:
            return "en" if value.lower().startswith("en") else "de"
    return "de"


def say(key: str, **values: object) -> str:
    """The text ``key`` in the current run's language, with ``values`` filled in.

    With ``count=1`` the key's singular ``KEY.one`` is taken where there is one ("1 Eintrag ändert
    sich", not "1 Einträge ändern sich"); every key that puts a noun after ``{count}`` has one.
    A text value (a name, a title, a file name) is filled in as :func:`~integrationsnetz.cli.terminal.visible`
    writes it, so a newline or an escape sequence in the data cannot forge a line or drive the terminal.
    """
    pair = _WORDS[f"{key}.one"] if values.get("count") == 1 and f"{key}.one" in _WORDS else _WORDS[key]
    text = pair[1] if LANGUAGE.get() == "en" else pair[0]
    if not values:
        return text
    return text.format(**{name: visible(str(value)) if isinstance(value, (str, PurePath)) else value
                          for name, value in values.items()})  # fmt: skip


def is_key(text: str) -> bool:
    """Whether ``text`` is a key of this module (help texts are given as keys)."""
    return text in _WORDS


def english_and_german(prefix: str) -> list[tuple[str, str]]:
    """(English, German) of every key that starts with ``prefix``: click's templates for the usage errors."""
    return [(english, german) for key, (german, english) in _WORDS.items() if key.startswith(prefix)]
