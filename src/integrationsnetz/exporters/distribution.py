"""Distribution lists: a working group's members (or co-leads, or a meeting's invitees) for mail.

Three exporters, registered like the built-ins, each honouring consent and reporting through
``ExportRequest.leave_out`` (so :func:`~integrationsnetz.exporters.export_result` lists them)
everyone it was meant for but does not hold, with the reason:

* ``outlook-csv``: contacts for Outlook's import ("Kommagetrennte Werte"), with the column
  headers of the German or the English Outlook (``language``); people need a ``directory``
  consent; an actor without an e-mail address is still a contact (name, organisation, phone).
* ``vcard``: the same contacts as vCard 4.0 (RFC 6350), one card each; ``directory`` consent.
* ``mailto``: one ``mailto:`` link (RFC 6068) with everyone in ``bcc``, percent-encoded, to
  paste into a browser or a mail client; people need an ``invitations`` consent. A link longer
  than :data:`MAILTO_SAFE_LENGTH` is written whole with a :class:`LongLinkWarning` (some mail
  programs cut it): for such a list the ``vcard`` or ``outlook-csv`` contacts are safer.

Organisations are always listed with their functional mailbox (not personal data); a person
only with the consent (and, in ``mailto``, an address the export holds). Who a list is for comes from the
selection (:func:`~integrationsnetz.exporters.selection.actors_of`), narrowed by
``ExportOptions.roles``. A public export holds no contacts, so these refuse it.
"""

from __future__ import annotations

import csv
import io
import uuid
import warnings
from collections.abc import Callable
from typing import BinaryIO
from urllib.parse import quote

from integrationsnetz.errors import ExportError
from integrationsnetz.exporters import Exporter, ExportRequest, LongLinkWarning
from integrationsnetz.exporters.csv import neutralise
from integrationsnetz.exporters.references import References
from integrationsnetz.exporters.selection import actors_of
from integrationsnetz.hookspecs import hookimpl
from integrationsnetz.model.actors import ConsentPurpose, Organization, Person
from integrationsnetz.model.contacts import ContactKind
from integrationsnetz.model.groups import WorkingGroup
from integrationsnetz.model.meetings import Meeting

#: Outlook's contact import columns this list fills: (German Outlook, English Outlook).
OUTLOOK_COLUMNS: tuple[tuple[str, str], ...] = (
    ("Vorname", "First Name"),
    ("Nachname", "Last Name"),
    ("Firma", "Company"),
    ("Position", "Job Title"),
    ("E-Mail-Adresse", "E-mail Address"),
    ("E-Mail: Angezeigter Name", "E-mail Display Name"),
    ("Telefon geschäftlich", "Business Phone"),
)


class _Entry:
    """One contact of a list: an actor with the address the export holds."""

    def __init__(self, actor: Organization | Person, email: str, refs: References) -> None:
        """``email`` is "" when the export holds none (a contact list keeps the card)."""
        self.actor = actor
        self.email = email
        self.phone = next((c.value for c in actor.contacts if c.kind is ContactKind.PHONE), "")
        if isinstance(actor, Organization):
            self.given, self.family, self.company, self.title = "", "", actor.name, ""
            self.display = actor.name
        else:
            self.given, self.family = _split_name(actor.name)
            self.company = refs.actor_name(actor.affiliation_id) or "" if actor.affiliation_id else ""
            self.title = actor.function
            self.display = actor.name or actor.function


def _split_name(name: str | None) -> tuple[str, str]:
    """ "Anna Maria Beispiel" → ("Anna Maria", "Beispiel"): the last word is the family name."""
    if not name:
        return "", ""
    given, _, family = name.strip().rpartition(" ")
    return given, family


def entries(request: ExportRequest, purpose: ConsentPurpose, *, need_email: bool) -> list[_Entry]:
    """The list's contacts; everyone else the selection names is reported with ``leave_out``.

    A contact list holds an actor without an e-mail address too (a card with name and phone);
    a mailing list (``need_email``) cannot.
    """
    audience = request.options.effective_audience
    if audience == "public":
        raise ExportError(
            "a distribution list holds contact details, which a public export never shows: export for "
            "audience 'internal' (contacts with directory consent) or 'recipients' (e-mail with invitations consent)"
        )
    day = request.options.decision_day
    refs = References(request.data)
    found: list[_Entry] = []
    for actor in actors_of(request.data, request.selected, day, request.options.roles):
        email = refs.email_of(actor.id)
        if isinstance(actor, Person) and not actor.consented(purpose, day):
            request.leave_out(actor.id, refs.actor_label(actor.id), f"no {purpose.value} consent on {day.isoformat()}")
        elif email is None and need_email:
            reason = "no e-mail address"
            if (
                isinstance(actor, Person)
                and audience == "internal"
                and not actor.consented(ConsentPurpose.DIRECTORY, day)
            ):
                reason += " in an internal export (no directory consent); export for audience 'recipients'"
            request.leave_out(actor.id, refs.actor_label(actor.id), reason)
        else:
            found.append(_Entry(actor, email or "", refs))
    return found


def write_outlook(request: ExportRequest, stream: BinaryIO) -> None:
    """Outlook's contact import: UTF-8 with a byte order mark, commas, every cell quoted, CRLF.

    Every cell gets the ``csv`` exporter's guard (:func:`~integrationsnetz.exporters.csv.neutralise`):
    Excel opens the file on a double click, and a cell starting with ``=``, ``+``, ``-``, ``@``
    would run as a formula (``+1+cmd|' /C calc'!A0``). vCard and ``mailto`` are no spreadsheet.
    """
    english = request.options.language == "en"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=",", lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow([en if english else de for de, en in OUTLOOK_COLUMNS])
    for entry in entries(request, ConsentPurpose.DIRECTORY, need_email=False):
        row = [entry.given, entry.family, entry.company, entry.title, entry.email, entry.display, entry.phone]
        writer.writerow([neutralise(value) for value in row])
    stream.write(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))


def _text(value: str) -> str:
    """A vCard TEXT value (RFC 6350 §3.4): backslash, comma, semicolon and line breaks escaped."""
    value = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _fold(line: str) -> str:
    """A content line folded at 75 octets (RFC 6350 §3.2), never inside a UTF-8 character."""
    pieces: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not pieces else 74  # a continuation line starts with a space
        if size + width > limit:
            pieces.append(current)
            current, size = "", 0
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces) + "\r\n"


def write_vcard(request: ExportRequest, stream: BinaryIO) -> None:
    """One vCard 4.0 per contact: FN, N, ORG, TITLE, EMAIL, TEL, KIND and a stable UID."""
    network_id = request.data.network.id
    lines: list[str] = []
    for entry in entries(request, ConsentPurpose.DIRECTORY, need_email=False):
        actor = entry.actor
        uid = uuid.uuid5(uuid.NAMESPACE_URL, f"integrationsnetz:{network_id}:{actor.id}")
        lines += ["BEGIN:VCARD", "VERSION:4.0", f"UID:urn:uuid:{uid}"]
        if isinstance(actor, Organization):
            lines += ["KIND:org", f"FN:{_text(entry.display)}", f"ORG:{_text(entry.company)}"]
        else:
            lines += ["KIND:individual", f"FN:{_text(entry.display)}"]
            lines.append(f"N:{_text(entry.family)};{_text(entry.given)};;;")
            if entry.company:
                lines.append(f"ORG:{_text(entry.company)}")
            lines.append(f"TITLE:{_text(entry.title)}")
        if entry.email:
            lines.append(f"EMAIL;TYPE=work:{_text(entry.email)}")
        if entry.phone:
            lines.append(f"TEL;VALUE=text;TYPE=work:{_text(entry.phone)}")
        lines.append("END:VCARD")
    stream.write("".join(_fold(line) for line in lines).encode("utf-8"))


#: The longest ``mailto:`` link every common mail program takes whole (Outlook on Windows: about 2,000).
MAILTO_SAFE_LENGTH = 2000


def _address(email: str) -> str:
    """One address as RFC 6068 wants it in a header field: ``,`` ``?`` ``&`` ``%`` and the rest encoded."""
    return quote(email, safe="@!$'()*+;:")


def _subject(item: WorkingGroup | Meeting) -> str:
    return item.name if isinstance(item, WorkingGroup) else item.title


def write_mailto(request: ExportRequest, stream: BinaryIO) -> None:
    """``mailto:<network mailbox>?bcc=a,b&subject=<group or meeting>`` and a line end.

    Each address once; the network's mailbox only as the recipient (``to``), never in ``bcc`` too.
    """
    found = entries(request, ConsentPurpose.INVITATIONS, need_email=True)
    refs = References(request.data)
    to = refs.network_email()
    # The network's mailbox is the To: a member whose address it is (the coordinator) is not repeated in BCC.
    bcc = [e.email for e in found if not to or e.email.casefold() != to.casefold()]
    bcc = list(dict.fromkeys(bcc))
    fields = [("bcc", ",".join(_address(email) for email in bcc))] if bcc else []
    subject = next((_subject(item) for item in request.selected if isinstance(item, WorkingGroup | Meeting)), None)
    if subject:
        fields.append(("subject", quote(subject, safe="")))
    query = "&".join(f"{key}={value}" for key, value in fields)
    uri = "mailto:" + (_address(to) if to else "") + (f"?{query}" if query else "")
    if len(uri) > MAILTO_SAFE_LENGTH:
        warnings.warn(
            f"mailto: the link is {len(uri)} characters long; mail programs may cut a link beyond "
            f"{MAILTO_SAFE_LENGTH} (Outlook on Windows): for {len(bcc)} addresses use the 'vcard' or "
            "'outlook-csv' list instead",
            LongLinkWarning,
            stacklevel=2,
        )
    stream.write(uri.encode("ascii") + b"\r\n")


def _exporter(format: str, media_type: str, suffix: str, description: str,
              write: Callable[[ExportRequest, BinaryIO], None]) -> Exporter:  # fmt: skip
    return Exporter(format=format, media_type=media_type, suffix=suffix, description=description, write=write)


@hookimpl
def register_exporters() -> list[Exporter]:
    """The distribution lists: ``outlook-csv``, ``vcard`` and ``mailto``."""
    return [
        _exporter("outlook-csv", "text/csv; charset=utf-8", ".csv",
                  "Contacts of a group or meeting for Outlook's import (directory consent)", write_outlook),
        _exporter("vcard", "text/vcard; charset=utf-8", ".vcf",
                  "Contacts of a group or meeting as vCard 4.0 (directory consent)", write_vcard),
        _exporter("mailto", "text/plain; charset=utf-8", ".txt",
                  "A mailto: link with a group's or meeting's addresses in BCC (invitations consent)", write_mailto),
    ]  # fmt: skip
