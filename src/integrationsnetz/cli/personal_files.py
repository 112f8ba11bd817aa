"""The files in ``out/`` that name a person, so an erasure (DSGVO Art. 17) does not leave them behind.

The commands write personal data into ``out/`` only where it is needed: the cancellation
``absage-ID.ics`` carries the invited people as ATTENDEEs (name and e-mail), a document printed
``--mit-namen`` their names. After ``person loeschen`` no such copy may stay. A file names the
person when it holds their name, one of their e-mail addresses, phone numbers or other contact
values, or their id in an ATTENDEE or ORGANIZER line of a calendar. Files are read as the programs
that open them would show them: calendar lines unfolded and unescaped (``Muster\\, Erika``), HTML
and XML entities resolved, the members of a zip container (``.xlsx``) read one by one. A name or
contact value is also found as each output format escapes it: the Markdown exporter's
backslash escapes (``Anna Schmidt \\[geb. Meyer\\]``, ``Anna\\_Maria``, :func:`markdown.written_forms
<integrationsnetz.exporters.markdown.written_forms>`) and HTML's entities (``O&#x27;Brien``). Phone
numbers match with any spacing or punctuation between the digits, and with ``+49`` for the
leading ``0``. Everything in ``out/`` is generated output, written again by the command that made
it (``veroeffentlichen`` for the calendars), so the erasure deletes such files.
"""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from integrationsnetz.model import Person

#: A needle shorter than this would match too much (an initial, a short extension number).
_SHORTEST = 4
_SEPARATORS = r"[\s\-/().]*"
_FOLD = re.compile(r"\r?\n[ \t]")
_ICS_ESCAPE = re.compile(r"\\([,;\\:\"])")


@dataclass(frozen=True)
class Traces:
    """What identifies a person in a file: words to find, phone numbers as patterns, the id for calendars."""

    person_id: str
    words: tuple[str, ...]
    phones: tuple[re.Pattern[str], ...]
    #: The words as the output formats write them (Markdown escapes, HTML entities), folded like ``words``.
    written: tuple[str, ...] = ()

    def found_in(self, text: str) -> bool:
        """Whether ``text`` (a file's readable text) names the person."""
        plain = _readable(text)
        folded = _folded(plain)
        if any(word in folded for word in self.words):
            return True
        if self.written and any(word in shown for shown in (folded, _folded(text)) for word in self.written):
            return True
        if any(phone.search(plain) for phone in self.phones):
            return True
        own_id = re.compile(rf"(?<![\w-]){re.escape(self.person_id.casefold())}(?![\w-])")
        return any(
            own_id.search(line.casefold()) for line in plain.splitlines() if line.startswith(("ATTENDEE", "ORGANIZER"))
        )


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _written(value: str) -> Iterator[str]:
    """``value`` as the output formats write it: the Markdown exporter's escapes, HTML's entities."""
    from integrationsnetz.exporters.markdown import written_forms

    for form in (*written_forms(value), html.escape(value), html.escape(value, quote=False)):
        yield _folded(form)


def _readable(text: str) -> str:
    """``text`` as a reader sees it: calendar lines unfolded and unescaped, HTML/XML entities resolved."""
    return html.unescape(_ICS_ESCAPE.sub(r"\1", _FOLD.sub("", text)))


def phone_pattern(number: str) -> re.Pattern[str] | None:
    """A pattern finding ``number`` written with any spacing, and with +49/0049 for a leading 0; None if short."""
    digits = re.sub(r"\D", "", number)
    if number.strip().startswith("+"):
        digits = "0" + digits[2:] if digits.startswith("49") else digits
    if len(digits) < 6:
        return None
    rest = _SEPARATORS.join(digits[1:])
    start = rf"(?:0|(?:\+|00)49{_SEPARATORS}\(?0?\)?){_SEPARATORS}" if digits.startswith("0") else digits[0]
    return re.compile(rf"(?<!\d){start}{rest}(?!\d)")


def traces_of(person_id: str, records: Iterable[Person]) -> Traces:
    """The traces of the person: the name and contact values of each record (store, document), their id."""
    from integrationsnetz.model import ContactKind

    words: dict[str, None] = {}
    written: dict[str, None] = {}
    phones: dict[str, re.Pattern[str]] = {}
    for person in records:
        if person.name and len(person.name.strip()) >= _SHORTEST:
            words[_folded(person.name)] = None
            written.update(dict.fromkeys(_written(person.name)))
        for contact in person.contacts:
            if contact.kind in (ContactKind.PHONE, ContactKind.FAX):
                pattern = phone_pattern(contact.value)
                if pattern is not None:
                    phones[pattern.pattern] = pattern
            elif len(contact.value.strip()) >= _SHORTEST:
                words[_folded(contact.value)] = None
                written.update(dict.fromkeys(_written(contact.value)))
    extra = tuple(form for form in written if form not in words)
    return Traces(person_id=person_id, words=tuple(words), phones=tuple(phones.values()), written=extra)


def _texts(path: Path) -> Iterator[str]:
    """The text of ``path``: of each member for a zip container (``.xlsx``, ``.docx``), else of the file."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as container:
            for member in container.namelist():
                yield container.read(member).decode("utf-8", errors="ignore")
        return
    yield path.read_bytes().decode("utf-8", errors="ignore")


def files_naming(folder: Path, traces: Traces) -> list[Path]:
    """Every file under ``folder`` (sub-folders too) that names the person, sorted; none if there is no folder."""
    if not folder.is_dir():
        return []
    return sorted(
        path for path in folder.rglob("*") if path.is_file() and any(traces.found_in(text) for text in _texts(path))
    )
