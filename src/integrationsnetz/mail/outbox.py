"""An :class:`~integrationsnetz.mail.messages.Outbox` as ``.eml`` files, for sending from one's own mail program.

Some offices may not hand a script their mailbox's login; they send from Outlook. Each message
becomes one ``.eml`` file (written atomically: a reader sees the whole file or none) marked
``X-Unsent: 1``, so Outlook opens it as a draft ready to send rather than as a received message;
Thunderbird opens it with *Bearbeiten als neue Nachricht* (Edit as new message). In BCC mode
the one file keeps its ``Bcc`` header, which is what the draft sends to.
"""

from __future__ import annotations

import os
from pathlib import Path

from integrationsnetz.atomic import write_atomic
from integrationsnetz.errors import StoreError, WrongType
from integrationsnetz.mail.messages import Outbox, OutgoingMessage


def eml_name(outbox: Outbox, message: OutgoingMessage, position: int) -> str:
    """ "nt-2027-1-01-p-mueller.eml", or "nt-2027-1-alle.eml" for the one message to all (ids are file-safe)."""
    if message.message["Bcc"] is None:  # one mailbox (named after its first invitee when several share it)
        return f"{outbox.meeting_id}-{position:02d}-{message.actor_ids[0]}.eml"
    return f"{outbox.meeting_id}-alle.eml"


def eml_bytes(message: OutgoingMessage) -> bytes:
    """The message as an unsent draft (``X-Unsent: 1``), CRLF line ends."""
    return b"X-Unsent: 1\r\n" + message.as_bytes()


def write_eml(outbox: Outbox, folder: str | os.PathLike[str]) -> list[Path]:
    """Write each message of ``outbox`` as an ``.eml`` file into ``folder`` (made if missing); the paths.

    Raises :class:`~integrationsnetz.errors.StoreError` naming the folder when it cannot be written.
    Writing records nothing: call :func:`~integrationsnetz.mail.smtp.record_sent` once they are sent.
    """
    if not isinstance(outbox, Outbox):
        raise WrongType([f"write_eml: outbox: expected an Outbox, got {type(outbox).__name__}"])
    target = Path(folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{target}: cannot make the folder for the e-mails ({exc.strerror or exc})") from None
    written = []
    for position, message in enumerate(outbox.messages, start=1):
        path = target / eml_name(outbox, message, position)
        write_atomic(path, eml_bytes(message))
        written.append(path)
    return written


__all__ = ["eml_bytes", "eml_name", "write_eml"]
