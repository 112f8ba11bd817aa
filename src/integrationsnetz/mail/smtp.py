"""Delivery of an :class:`~integrationsnetz.mail.messages.Outbox` through SMTP, and what went out recorded.

:func:`send` connects once, encrypts (STARTTLS on the submission port 587, or TLS from the first
byte on port 465; required unless the server is on this machine or TLS is turned off on
purpose), logs in when credentials are found, and hands over each message. A recipient the
server refuses is reported and not recorded; the others get ``sent_sequence`` on their
invitation and the meeting the version sent as ``mailed`` (:func:`record_sent`, one store
write per meeting, with the store's revision check).

The login is never part of the network's files: it comes from the settings given in code, else
the environment (``INTEGRATIONSNETZ_SMTP_USER``, ``INTEGRATIONSNETZ_SMTP_PASSWORD``), else the
system keyring (the ``keyring`` package, if installed; service ``integrationsnetz-smtp``).
"""

from __future__ import annotations

import ipaddress
import os
import smtplib
import ssl
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Literal

import attrs

from integrationsnetz.contract.stores import Store
from integrationsnetz.errors import Conflict, DeliveryError, WrongType
from integrationsnetz.exporters import IcsMethod
from integrationsnetz.mail.messages import ANSWERED, Outbox
from integrationsnetz.model.meetings import AttendanceStatus, MailedVersion, Meeting

#: The environment variables the login is read from.
USER_VARIABLE = "INTEGRATIONSNETZ_SMTP_USER"
PASSWORD_VARIABLE = "INTEGRATIONSNETZ_SMTP_PASSWORD"
#: The keyring service the password is looked up under (``keyring set integrationsnetz-smtp USER``).
KEYRING_SERVICE = "integrationsnetz-smtp"

Tls = Literal["starttls", "implicit", "off"]
_LOOPBACK_NAMES = ("localhost", "localhost.localdomain")


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine (``localhost``, 127.0.0.0/8, ``::1``): the one place plain SMTP is safe."""
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _validate_host(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip() or any(c.isspace() for c in value):
        raise WrongType([f"SmtpSettings: {attribute.name}: expected a host name, got {value!r}"])
    name, colon, port = value.rpartition(":")
    if colon and port.isdigit() and name.count(":") == 0:  # "mail.example.org:2525" (an IPv6 literal has several)
        raise WrongType([f"SmtpSettings: {attribute.name}: {value!r} holds a port: give host={name!r}, port={port}"])


def _validate_port(instance: object, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or not 0 < value < 65536):
        raise WrongType([f"SmtpSettings: {attribute.name}: expected a port 1-65535, got {value!r}"])


def _validate_tls(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if value not in ("starttls", "implicit", "off"):
        raise WrongType([f"SmtpSettings: {attribute.name}: expected 'starttls', 'implicit' or 'off', got {value!r}"])


@attrs.frozen(kw_only=True)
class SmtpSettings:
    """Where and how to send: the server, its port and encryption, and (optionally) a login.

    ``tls`` is ``"starttls"`` (default; port 587: required unless the server is on this machine,
    where it is used when offered), ``"implicit"`` (port 465) or ``"off"`` (plain SMTP, only when
    you know the path is safe). ``user``/``password`` given here win over the environment and the
    keyring; they are never shown (``repr``) nor written anywhere. ``tls_context`` verifies the
    server (default: the system's certificate authorities).
    """

    host: str = attrs.field(validator=_validate_host)
    port: int | None = attrs.field(default=None, validator=_validate_port)
    tls: Tls = attrs.field(default="starttls", validator=_validate_tls)
    user: str | None = attrs.field(default=None, repr=False)
    password: str | None = attrs.field(default=None, repr=False)
    timeout: float = 30.0
    tls_context: ssl.SSLContext | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def effective_port(self) -> int:
        """The port: as given, else 465 for implicit TLS and 587 (submission) otherwise."""
        return self.port or (465 if self.tls == "implicit" else 587)

    @property
    def where(self) -> str:
        """``host:port`` for messages."""
        return f"{self.host}:{self.effective_port}"


@attrs.frozen(kw_only=True)
class Refused:
    """A recipient the server did not accept, with its SMTP code and text: not recorded as sent."""

    actor_id: str
    address: str
    code: int
    reason: str

    def __str__(self) -> str:
        return f"{self.address} ({self.actor_id}): {self.code} {self.reason}"


@attrs.frozen(kw_only=True)
class Delivery:
    """What :func:`send` did: the invitees the server accepted, those it refused, and whether the store knows."""

    sent: tuple[str, ...]
    refused: tuple[Refused, ...]
    recorded: bool


def credentials(settings: SmtpSettings, environ: Mapping[str, str] | None = None) -> tuple[str, str] | None:
    """The login (user, password): from the settings, else the environment, else the keyring; None if none.

    A missing or unusable keyring counts as no entry.
    """
    environ = os.environ if environ is None else environ
    user = settings.user or environ.get(USER_VARIABLE) or None
    password = settings.password or environ.get(PASSWORD_VARIABLE) or None
    if password is None:
        try:
            import keyring  # type: ignore[import-not-found, unused-ignore]  # optional
        except ImportError:
            return None
        try:
            found = keyring.get_credential(KEYRING_SERVICE, user)
        except Exception:  # noqa: BLE001 - a broken keyring backend is no login, not a crash
            return None
        if found is None or not found.password:
            return None
        user, password = user or found.username, found.password
    if user is None:
        raise DeliveryError(f"a password for {settings.where} is set but no user: set {USER_VARIABLE}",
                            german=f"ein Passwort für {settings.where} ist gesetzt, aber kein Benutzer: "
                            f"{USER_VARIABLE} setzen")  # fmt: skip
    return (user, password)


def _context(settings: SmtpSettings) -> ssl.SSLContext:
    return settings.tls_context or ssl.create_default_context()


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    """An open, encrypted (as required) and logged-in connection; :class:`DeliveryError` naming what failed."""
    where, port = settings.where, settings.effective_port
    login = credentials(settings)
    try:
        if settings.tls == "implicit":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.host, port, timeout=settings.timeout, context=_context(settings)
            )
        else:
            smtp = smtplib.SMTP(settings.host, port, timeout=settings.timeout)
    except ssl.SSLError as exc:
        raise DeliveryError(f"TLS with the SMTP server {where} failed ({exc}); is it the TLS port (465)?",
                            german=f"TLS mit dem SMTP-Server {where} gescheitert ({exc}); ist es der TLS-Port (465)?"
                            ) from None  # fmt: skip
    except (OSError, smtplib.SMTPException) as exc:
        raise DeliveryError(
            f"cannot reach the SMTP server {where} ({exc}); check host and port "
            "(587 for STARTTLS, 465 for TLS) and that this computer may connect to it",
            german=f"der SMTP-Server {where} ist nicht erreichbar ({exc}); Host und Port prüfen (587 für STARTTLS, "
            "465 für TLS) und ob dieser Rechner ihn erreichen darf",
        ) from None
    try:
        smtp.ehlo()
        if settings.tls == "starttls":
            if smtp.has_extn("starttls"):
                smtp.starttls(context=_context(settings))
                smtp.ehlo()
            elif not is_loopback(settings.host):
                raise DeliveryError(
                    f"the SMTP server {where} does not offer STARTTLS: the login and the invitations would travel "
                    "unencrypted; use its submission port 587 or TLS port 465 (turn TLS off only for a server "
                    "whose path you trust)",
                    german=f"der SMTP-Server {where} bietet kein STARTTLS: Anmeldung und Einladungen gingen "
                    "unverschlüsselt; seinen Submission-Port 587 oder TLS-Port 465 nehmen (TLS nur für einen "
                    "Server abschalten, dessen Weg Sie kennen)",
                )
        if login is not None:
            smtp.login(*login)
    except DeliveryError:
        smtp.close()
        raise
    except smtplib.SMTPAuthenticationError as exc:
        smtp.close()
        raise DeliveryError(
            f"the SMTP server {where} refused the login of {login[0] if login else '?'!r} ({_said(exc)}); "
            f"check {USER_VARIABLE} and {PASSWORD_VARIABLE} (or the keyring entry {KEYRING_SERVICE})",
            german=f"der SMTP-Server {where} hat die Anmeldung von {login[0] if login else '?'!r} abgelehnt "
            f"({_said(exc)}); {USER_VARIABLE} und {PASSWORD_VARIABLE} prüfen (oder den Schlüsselbund-Eintrag "
            f"{KEYRING_SERVICE})",
        ) from None
    except smtplib.SMTPNotSupportedError:
        smtp.close()
        raise DeliveryError(f"the SMTP server {where} offers no login (AUTH); send without a login",
                            german=f"der SMTP-Server {where} bietet keine Anmeldung (AUTH); ohne Anmeldung senden"
                            ) from None  # fmt: skip
    except ssl.SSLError as exc:
        smtp.close()
        raise DeliveryError(f"STARTTLS with the SMTP server {where} failed ({exc}); check its certificate",
                            german=f"STARTTLS mit dem SMTP-Server {where} gescheitert ({exc}); sein Zertifikat prüfen"
                            ) from None  # fmt: skip
    except (OSError, smtplib.SMTPException) as exc:
        smtp.close()
        raise DeliveryError(
            f"the SMTP server {where} ended the conversation ({exc})",
            german=f"der SMTP-Server {where} hat die Verbindung beendet ({exc})",
        ) from None
    return smtp


def _said(exc: smtplib.SMTPResponseException) -> str:
    text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
    return f"{exc.smtp_code} {text}"


def send(outbox: Outbox, settings: SmtpSettings, *, store: Store | None = None) -> Delivery:
    """Deliver every message of ``outbox`` through one SMTP connection; with ``store``, record what went out.

    Recipients the server refuses are in :attr:`Delivery.refused` and keep their ``sent_sequence``.
    Raises :class:`~integrationsnetz.errors.DeliveryError` when the server cannot be reached, offers
    no encryption where it is required, refuses the login or the sender, or drops the connection
    (what went out before that is recorded first, and the error says how many).
    """
    if not isinstance(outbox, Outbox):
        raise WrongType([f"send: outbox: expected an Outbox, got {type(outbox).__name__}"])
    if not isinstance(settings, SmtpSettings):
        raise WrongType([f"send: settings: expected SmtpSettings, got {type(settings).__name__}"])
    sent: list[str] = []
    refused: list[Refused] = []
    problem: str | None = None
    german = ""
    if outbox.messages:
        smtp = _connect(settings)
        try:
            for message in outbox.messages:
                try:
                    rejected = smtp.send_message(message.message, outbox.sender, list(message.addresses))
                except smtplib.SMTPRecipientsRefused as exc:
                    rejected = exc.recipients
                except smtplib.SMTPSenderRefused as exc:
                    problem = f"the SMTP server {settings.where} refused the sender {outbox.sender} ({_said(exc)})"
                    german = f"der SMTP-Server {settings.where} lehnt den Absender {outbox.sender} ab ({_said(exc)})"
                    if exc.smtp_code == 530:
                        problem += f"; it needs a login: set {USER_VARIABLE} and {PASSWORD_VARIABLE}"
                        german += f"; er verlangt eine Anmeldung: {USER_VARIABLE} und {PASSWORD_VARIABLE} setzen"
                    break
                except smtplib.SMTPDataError as exc:
                    said = exc.smtp_error if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error).encode()
                    rejected = dict.fromkeys(message.addresses, (exc.smtp_code, said))
                refused_boxes = {address.lower() for address in rejected}
                for address, (code, text) in rejected.items():
                    reason = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
                    refused += [Refused(actor_id=actor, address=address, code=code, reason=reason)
                                for actor in message.actors_at(address) or ("?",)]  # fmt: skip
                sent += [actor for address in message.addresses if address.lower() not in refused_boxes
                         for actor in message.actors_at(address)]  # fmt: skip
        except (OSError, smtplib.SMTPException) as exc:
            problem = f"the SMTP server {settings.where} ended the conversation ({exc})"
            german = f"der SMTP-Server {settings.where} hat die Verbindung beendet ({exc})"
        finally:
            try:
                smtp.quit()
            except (OSError, smtplib.SMTPException):
                smtp.close()
    recorded = False
    if store is not None and sent:
        record_sent(store, outbox, sent)
        recorded = True
    if problem is not None:
        done = f"{len(sent)} of {len(outbox.actor_ids)} invitees were sent the message"
        gesendet = f"{len(sent)} von {len(outbox.actor_ids)} Eingeladenen haben die Nachricht bekommen"
        raise DeliveryError(f"{problem}; {done}" + (" (recorded)" if recorded else ""),
                            german=f"{german}; {gesendet}" + (" (vermerkt)" if recorded else ""))  # fmt: skip
    return Delivery(sent=tuple(sent), refused=tuple(refused), recorded=recorded)


def record_sent(store: Store, outbox: Outbox, actor_ids: Iterable[str], *, sent_at: datetime | None = None) -> int:
    """Record that the outbox's version reached ``actor_ids``; how many invitations changed.

    Sets ``sent_sequence`` to the outbox's ``SEQUENCE`` on their invitations (an invitee sent an
    older one gets a changed meeting, whose answer is asked again: an accepted, tentative or declined
    invitation goes back to invited, ``answered_at`` kept, RFC 5546 §2.1.5) and the meeting's
    ``mailed`` to that version (``SEQUENCE``, digest, ``sent_at``, default now), so sending again
    without a change keeps the number. One write of the meeting, at the revision just read (the
    store refuses it if someone wrote in between; then it is read again, up to three times, since
    the messages went out already). A higher ``sent_sequence`` or ``mailed`` version already
    recorded is kept; with no one reached nothing is written.
    """
    if not isinstance(store, Store):
        raise WrongType([f"record_sent: store: expected an open store, got {type(store).__name__}"])
    if not isinstance(outbox, Outbox):
        raise WrongType([f"record_sent: outbox: expected an Outbox, got {type(outbox).__name__}"])
    if isinstance(actor_ids, (str, bytes)) or not isinstance(actor_ids, Iterable):
        raise WrongType([f"record_sent: actor_ids: expected invitee ids (a list, Delivery.sent), got {actor_ids!r}"])
    chosen = set(actor_ids)
    if any(not isinstance(actor, str) for actor in chosen):
        raise WrongType(["record_sent: actor_ids: expected invitee ids as text"])
    if not chosen:
        return 0
    when = (sent_at or datetime.now(UTC)).replace(microsecond=0)
    version = MailedVersion(sequence=outbox.sequence, digest=outbox.digest, sent_at=when)
    for _attempt in range(3):
        meeting = store.get(Meeting, outbox.meeting_id)
        changed = 0
        invitations = []
        for invitation in meeting.invitations:
            old = invitation.sent_sequence
            if invitation.actor_id in chosen and (old is None or old < outbox.sequence):
                status = invitation.status
                if old is not None and outbox.method is IcsMethod.REQUEST and status in ANSWERED:
                    status = AttendanceStatus.INVITED  # a changed meeting: its answer is asked again
                invitations.append(attrs.evolve(invitation, sent_sequence=outbox.sequence, status=status))
                changed += 1
            else:
                invitations.append(invitation)
        mailed = meeting.mailed
        newer = mailed is None or (mailed.sequence, mailed.digest) != (version.sequence, version.digest)
        if mailed is not None and mailed.sequence > version.sequence:
            newer = False
        if not changed and not newer:
            return 0
        try:
            store.put(attrs.evolve(meeting, invitations=tuple(invitations), mailed=version if newer else mailed))
        except Conflict:
            continue
        return changed
    raise Conflict(f"meeting {outbox.meeting_id!r} kept changing while the sent invitations were recorded")


__all__ = [
    "KEYRING_SERVICE",
    "PASSWORD_VARIABLE",
    "USER_VARIABLE",
    "Delivery",
    "Refused",
    "SmtpSettings",
    "credentials",
    "is_loopback",
    "record_sent",
    "send",
]
