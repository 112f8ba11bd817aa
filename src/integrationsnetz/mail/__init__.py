"""Invitations by e-mail (iMIP, RFC 6047) and the answers that come back.

::

    import integrationsnetz as inz
    from integrationsnetz import mail

    with inz.open_store("sqlite:netz.db") as store:
        outbox = mail.compose_invitations(store, "nt-2027-1")
        for left in outbox.not_reached:          # invited, but no address or no consent: tell them yourself
            print(left)
        mail.send(outbox, mail.SmtpSettings(host="mail.example.org"), store=store)
        answers = mail.read_replies("Posteingang.mbox")
        print(mail.apply_replies(store, answers.replies))

Sending: :mod:`.messages` builds a meeting's REQUEST or CANCEL (with the ``SEQUENCE`` last
e-mailed while what invitees see, :mod:`.versions`, is unchanged), :mod:`.smtp` delivers them and
records what went out, :mod:`.outbox` writes them as ``.eml`` files for sending from one's own
mail program. Reading answers: :func:`read_replies` (``.eml`` files and folders, mbox, Maildir)
and :func:`read_imap` give :class:`Reply` values (:mod:`.replies`, :mod:`.mailboxes`);
:func:`apply_replies` puts them into the invitations of the store's meetings and returns a
:class:`ReplyReport` (:mod:`.answers`).
"""

from __future__ import annotations

from integrationsnetz.mail.answers import Outcome, ReplyReport, Verdict, answer_invitations, apply_replies
from integrationsnetz.mail.mailboxes import imap_login, read_imap, read_replies
from integrationsnetz.mail.messages import (
    MessageKind,
    NotReached,
    Outbox,
    OutgoingMessage,
    compose_invitations,
    sequence_to_send,
    subject_for,
)
from integrationsnetz.mail.outbox import write_eml
from integrationsnetz.mail.replies import ReadProblem, ReadReplies, Reply, replies_in_message
from integrationsnetz.mail.smtp import Delivery, Refused, SmtpSettings, record_sent, send
from integrationsnetz.mail.versions import invitee_digest

__all__ = [
    "Delivery",
    "MessageKind",
    "NotReached",
    "Outbox",
    "Outcome",
    "OutgoingMessage",
    "ReadProblem",
    "ReadReplies",
    "Refused",
    "Reply",
    "ReplyReport",
    "SmtpSettings",
    "Verdict",
    "answer_invitations",
    "apply_replies",
    "compose_invitations",
    "imap_login",
    "invitee_digest",
    "read_imap",
    "read_replies",
    "record_sent",
    "replies_in_message",
    "send",
    "sequence_to_send",
    "subject_for",
    "write_eml",
]
