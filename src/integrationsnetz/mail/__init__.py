"""Invitations by e-mail (iMIP, RFC 6047): compose a meeting's REQUEST or CANCEL, send it, write it as files.

::

    import integrationsnetz as inz
    from integrationsnetz import mail

    with inz.open_store("sqlite:netz.db") as store:
        outbox = mail.compose_invitations(store, "nt-2027-1")
        for left in outbox.not_reached:          # invited, but no address or no consent: tell them yourself
            print(left)
        mail.send(outbox, mail.SmtpSettings(host="mail.example.org"), store=store)

:mod:`.messages` builds the messages, :mod:`.smtp` delivers them and records what went out,
:mod:`.outbox` writes them as ``.eml`` files for sending from one's own mail program.
"""

from __future__ import annotations

from integrationsnetz.mail.messages import (
    MessageKind,
    NotReached,
    Outbox,
    OutgoingMessage,
    compose_invitations,
    subject_for,
)
from integrationsnetz.mail.outbox import write_eml
from integrationsnetz.mail.smtp import Delivery, Refused, SmtpSettings, record_sent, send

__all__ = [
    "Delivery",
    "MessageKind",
    "NotReached",
    "Outbox",
    "OutgoingMessage",
    "Refused",
    "SmtpSettings",
    "compose_invitations",
    "record_sent",
    "send",
    "subject_for",
    "write_eml",
]
