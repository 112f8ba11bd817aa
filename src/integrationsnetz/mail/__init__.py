"""Invitations by e-mail (iMIP, RFC 6047) and the answers that come back.

Reading answers: :func:`read_replies` (``.eml`` files and folders, mbox, Maildir) and
:func:`read_imap` give :class:`Reply` values (:mod:`.replies`, :mod:`.mailboxes`);
:func:`apply_replies` puts them into the invitations of the store's meetings and returns a
:class:`ReplyReport` (:mod:`.answers`).
"""

from __future__ import annotations

from integrationsnetz.mail.answers import Outcome, ReplyReport, Verdict, answer_invitations, apply_replies
from integrationsnetz.mail.mailboxes import imap_login, read_imap, read_replies
from integrationsnetz.mail.replies import ReadProblem, ReadReplies, Reply, replies_in_message

__all__ = [
    "Outcome",
    "ReadProblem",
    "ReadReplies",
    "Reply",
    "ReplyReport",
    "Verdict",
    "answer_invitations",
    "apply_replies",
    "imap_login",
    "read_imap",
    "read_replies",
    "replies_in_message",
]
