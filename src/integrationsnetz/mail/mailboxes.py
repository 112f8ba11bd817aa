"""Where reply messages are read from: ``.eml`` files and folders, mbox files, Maildir folders, IMAP.

Coordinators keep answers where their mail program puts them: Outlook saves a message as an
``.eml`` file (drag it into a folder), Thunderbird keeps each folder as an mbox file, a server or
``offlineimap`` keeps a Maildir, and every provider offers IMAP. Each source gives the messages'
bytes to :func:`~integrationsnetz.mail.replies.replies_in_message`, which reads the answers and
reports what it cannot read, naming the file, the message's number in an mbox, or the IMAP UID.

IMAP is read-only here: the folder is opened with ``EXAMINE`` and messages fetched with
``BODY.PEEK[]``, so nothing is marked read or moved. The login comes from the environment
(``INTEGRATIONSNETZ_IMAP_USER`` and ``INTEGRATIONSNETZ_IMAP_PASSWORD``) or, if the ``keyring``
package is installed, from the system's keyring under the service ``integrationsnetz-imap``;
never from the network's files.
"""

from __future__ import annotations

import contextlib
import imaplib
import mailbox
import os
import socket
import ssl
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Literal

from integrationsnetz.errors import MailError, WrongType
from integrationsnetz.mail.replies import MAX_MESSAGE_BYTES, ReadProblem, ReadReplies, joined, replies_in_message

#: How an IMAP connection is secured: TLS from the start (port 993), STARTTLS (143), or none.
ImapSecurity = Literal["tls", "starttls", "none"]

USER_VARIABLE = "INTEGRATIONSNETZ_IMAP_USER"
PASSWORD_VARIABLE = "INTEGRATIONSNETZ_IMAP_PASSWORD"
KEYRING_SERVICE = "integrationsnetz-imap"


def read_replies(*sources: str | os.PathLike[str]) -> ReadReplies:
    """The answers in ``sources``: each an ``.eml`` file, a folder of them, an mbox file or a Maildir folder.

    A folder with ``cur``, ``new`` and ``tmp`` is a Maildir; any other folder is read for its
    ``*.eml`` files (in name order). A file that starts with ``From `` is an mbox. A source that
    does not exist or cannot be read is a problem in the result, like a broken message.
    """
    wrong = [type(source).__name__ for source in sources if not isinstance(source, (str, os.PathLike))]
    if wrong:
        raise WrongType([f"read_replies: expected file or folder paths, got {wrong[0]}"])
    return joined(_read_source(Path(source)) for source in sources)


def _read_source(path: Path) -> ReadReplies:
    if path.is_dir():
        if all((path / sub).is_dir() for sub in ("cur", "new", "tmp")):
            return _read_maildir(path)
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".eml")
        if not files:
            return ReadReplies(
                problems=(
                    ReadProblem(
                        str(path),
                        "folder holds no .eml files and is no Maildir",
                        "Ordner ohne .eml-Dateien und kein Maildir",
                    ),
                )
            )
        return joined(_read_file(file) for file in files)
    if not path.exists():
        return ReadReplies(
            problems=(ReadProblem(str(path), "no such file or folder", "keine solche Datei, kein solcher Ordner"),)
        )
    try:
        with path.open("rb") as stream:
            head = stream.read(5)
    except OSError as exc:
        return ReadReplies(
            problems=(
                ReadProblem(
                    str(path), f"cannot be read: {exc.strerror or exc}", f"nicht lesbar: {exc.strerror or exc}"
                ),
            )
        )
    if head == b"From ":
        return _read_mbox(path)
    return _read_file(path)


def _read_file(path: Path) -> ReadReplies:
    try:
        size = path.stat().st_size
        if size > MAX_MESSAGE_BYTES:
            reason = f"message of {size:,} bytes is larger than {MAX_MESSAGE_BYTES:,}: no reply is; not read"
            german = (
                f"Nachricht von {size:,} Bytes ist größer als {MAX_MESSAGE_BYTES:,}: keine Rückmeldung; nicht gelesen"
            )
            return ReadReplies(problems=(ReadProblem(str(path), reason, german),), messages=1)
        raw = path.read_bytes()
    except OSError as exc:
        return ReadReplies(
            problems=(
                ReadProblem(
                    str(path), f"cannot be read: {exc.strerror or exc}", f"nicht lesbar: {exc.strerror or exc}"
                ),
            ),
            messages=1,
        )
    return replies_in_message(raw, str(path))


def _read_mbox(path: Path) -> ReadReplies:
    results: list[ReadReplies] = []
    try:
        box = mailbox.mbox(path, create=False)
        try:
            for number, key in enumerate(box.keys(), start=1):
                results.append(replies_in_message(box.get_bytes(key), f"{path}#{number}"))
        finally:
            box.close()
    except (OSError, mailbox.Error) as exc:
        results.append(
            ReadReplies(problems=(ReadProblem(str(path), f"mbox cannot be read: {exc}", f"mbox nicht lesbar: {exc}"),))
        )
    return joined(results)


def _read_maildir(path: Path) -> ReadReplies:
    results: list[ReadReplies] = []
    try:
        box = mailbox.Maildir(path, factory=None, create=False)
        for key in sorted(box.keys()):
            subdir = "new" if (path / "new" / key).exists() else "cur"
            results.append(replies_in_message(box.get_bytes(key), str(path / subdir / key)))
    except (OSError, mailbox.Error) as exc:
        results.append(
            ReadReplies(
                problems=(ReadProblem(str(path), f"Maildir cannot be read: {exc}", f"Maildir nicht lesbar: {exc}"),)
            )
        )
    return joined(results)


def imap_login(environ: Mapping[str, str] | None = None) -> tuple[str, str] | None:
    """The IMAP user and password: from the environment, else the keyring (if installed); None if neither has them."""
    env = os.environ if environ is None else environ
    user = env.get(USER_VARIABLE)
    password = env.get(PASSWORD_VARIABLE)
    if user and password:
        return user, password
    if user:
        try:
            import keyring  # type: ignore[import-not-found,unused-ignore]
        except ImportError:
            return None
        try:
            stored = keyring.get_password(KEYRING_SERVICE, user)
        except Exception:  # noqa: BLE001 - a keyring backend that is locked or missing: as if nothing were stored
            return None
        return (user, stored) if stored else None
    return None


def read_imap(
    host: str,
    *,
    port: int | None = None,
    folder: str = "INBOX",
    security: ImapSecurity = "tls",
    login: tuple[str, str] | None = None,
    since: date | None = None,
    timeout: float = 30.0,
    context: ssl.SSLContext | None = None,
) -> ReadReplies:
    """The answers in an IMAP folder, read without changing it (``EXAMINE``, ``BODY.PEEK[]``).

    ``host`` may carry the port (``imap.example.org:993``, ``[::1]:143``) instead of ``port``.
    ``login`` defaults to :func:`imap_login`; ``since`` limits the search to messages from that
    day on (``SINCE``). Messages larger than the reply limit are reported, not fetched. A server
    that cannot be reached, refuses the login or has no such folder raises
    :class:`~integrationsnetz.errors.MailError` naming host, port and what to do.
    """
    problems = []
    if isinstance(host, str) and (host.count(":") == 1 or host.startswith("[")):  # "host:993", "[::1]:993"
        name, _, given = host.rpartition(":") if not host.endswith("]") else (host, "", "")
        if given.isdigit() and port is None:
            host, port = name.strip("[]"), int(given)
        else:
            problems.append(f"host: expected HOST with the port in port= (or HOST:PORT), got {host!r}")
    if not isinstance(host, str) or not host.strip() or any(c.isspace() for c in host):
        problems.append(f"host: expected the server's name, got {host!r}")
    if port is not None and (type(port) is not int or not 0 < port < 65536):
        problems.append(f"port: expected a port number (1-65535), got {port!r}")
    if security not in ("tls", "starttls", "none"):
        problems.append(f"security: expected 'tls', 'starttls' or 'none', got {security!r}")
    if not isinstance(folder, str):
        problems.append(f"folder: expected the folder's name, got {type(folder).__name__}")
    if problems:
        raise WrongType([f"read_imap: {problem}" for problem in problems])
    port = port or (993 if security == "tls" else 143)
    where = f"{host}:{port}"
    credentials = login or imap_login()
    if credentials is None:
        raise MailError(
            f"IMAP {where}: no login; set {USER_VARIABLE} and {PASSWORD_VARIABLE} "
            f"(or store the password in the keyring under the service {KEYRING_SERVICE!r})",
            german=f"IMAP {where}: keine Anmeldung; {USER_VARIABLE} und {PASSWORD_VARIABLE} setzen "
            f"(oder das Passwort im Schlüsselbund unter dem Dienst {KEYRING_SERVICE!r} ablegen)",
        )
    if security == "none" and not _loopback(host):
        raise MailError(
            f"IMAP {where}: refusing to send a password unencrypted to a host that is not this computer",
            german=f"IMAP {where}: ein Passwort geht nicht unverschlüsselt an einen anderen Rechner",
        )
    client = _connect(host, port, security, timeout, context)
    try:
        try:
            client.login(*credentials)
        except imaplib.IMAP4.error as exc:
            raise MailError(
                f"IMAP {where}: login refused for {credentials[0]!r} ({_text(exc)}); check user and password",
                german=f"IMAP {where}: Anmeldung von {credentials[0]!r} abgelehnt ({_text(exc)}); Benutzer und "
                "Passwort prüfen",
            ) from None
        status, _ = client.select(_quoted(folder), readonly=True)
        if status != "OK":
            raise MailError(f"IMAP {where}: no folder {folder!r}; name one the server has (e.g. INBOX)",
                            german=f"IMAP {where}: kein Ordner {folder!r}; einen nennen, den der Server hat (z. B. "
                            "INBOX)")  # fmt: skip
        criteria = ["SINCE", since.strftime("%d-%b-%Y")] if since else ["ALL"]
        status, found = client.uid("SEARCH", *criteria)
        if status != "OK":
            raise MailError(
                f"IMAP {where}: search in {folder!r} failed", german=f"IMAP {where}: Suche in {folder!r} gescheitert"
            )
        uids = [uid.decode() for uid in (found[0] or b"").split()]
        return _fetch(client, f"imap://{where}/{folder}", uids)
    except (OSError, imaplib.IMAP4.error) as exc:
        raise MailError(
            f"IMAP {where}: the connection failed while reading ({_text(exc)})",
            german=f"IMAP {where}: die Verbindung brach beim Lesen ab ({_text(exc)})",
        ) from None
    finally:
        with contextlib.suppress(OSError, imaplib.IMAP4.error):
            client.logout()


def _fetch(client: imaplib.IMAP4, base: str, uids: Iterable[str]) -> ReadReplies:
    results: list[ReadReplies] = []
    for uid in uids:
        source = f"{base};UID={uid}"
        status, sized = client.uid("FETCH", uid, "(RFC822.SIZE)")
        size = _size(sized) if status == "OK" else None
        if size is not None and size > MAX_MESSAGE_BYTES:
            reason = f"message of {size:,} bytes is larger than {MAX_MESSAGE_BYTES:,}: no reply is; not fetched"
            german = (
                f"Nachricht von {size:,} Bytes ist größer als {MAX_MESSAGE_BYTES:,}: keine Rückmeldung; nicht geholt"
            )
            results.append(ReadReplies(problems=(ReadProblem(source, reason, german),), messages=1))
            continue
        status, data = client.uid("FETCH", uid, "(BODY.PEEK[])")
        raw = (
            next((item[1] for item in data if isinstance(item, tuple) and len(item) > 1), None)
            if status == "OK"
            else None
        )
        if not isinstance(raw, bytes):
            results.append(
                ReadReplies(
                    problems=(
                        ReadProblem(
                            source, "the server sent no message body", "der Server schickte keinen Nachrichtentext"
                        ),
                    ),
                    messages=1,
                )
            )
            continue
        results.append(replies_in_message(raw, source))
    return joined(results)


def _size(data: list[object]) -> int | None:
    for item in data:
        text = item.decode(errors="replace") if isinstance(item, bytes) else str(item)
        marker = "RFC822.SIZE "
        if marker in text:
            digits = text.split(marker, 1)[1].split(")")[0].split()[0]
            return int(digits) if digits.isdigit() else None
    return None


def _connect(
    host: str, port: int, security: ImapSecurity, timeout: float, context: ssl.SSLContext | None
) -> imaplib.IMAP4:
    where = f"{host}:{port}"
    try:
        if security == "tls":
            return imaplib.IMAP4_SSL(host, port, ssl_context=context or ssl.create_default_context(), timeout=timeout)
        client = imaplib.IMAP4(host, port, timeout=timeout)
        if security == "starttls":
            try:
                client.starttls(ssl_context=context or ssl.create_default_context())
            except (imaplib.IMAP4.error, ssl.SSLError) as exc:
                client.shutdown()
                raise MailError(
                    f"IMAP {where}: STARTTLS failed ({_text(exc)}); use TLS (port 993) or check the certificate",
                    german=f"IMAP {where}: STARTTLS gescheitert ({_text(exc)}); TLS (Port 993) nehmen oder das "
                    "Zertifikat prüfen",
                ) from None
        return client
    except ssl.SSLError as exc:
        raise MailError(
            f"IMAP {where}: TLS failed ({_text(exc)}); is it the TLS port (993) and a valid certificate?",
            german=f"IMAP {where}: TLS gescheitert ({_text(exc)}); ist es der TLS-Port (993), ist das Zertifikat "
            "gültig?",
        ) from None
    except (OSError, imaplib.IMAP4.error) as exc:
        raise MailError(
            f"IMAP {where}: cannot connect ({_text(exc)}); check host and port",
            german=f"IMAP {where}: keine Verbindung ({_text(exc)}); Host und Port prüfen",
        ) from None


def _loopback(host: str) -> bool:
    try:
        return all(info[4][0] in ("127.0.0.1", "::1") for info in socket.getaddrinfo(host, None))
    except OSError:
        return False


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _text(exc: BaseException) -> str:
    text = str(exc)
    if isinstance(exc, imaplib.IMAP4.error) and exc.args and isinstance(exc.args[0], bytes):
        text = exc.args[0].decode(errors="replace")
    return (text.strip() or type(exc).__name__)[:200]
