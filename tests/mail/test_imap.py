"""Reading replies over IMAP from a real server: Debian's dovecot in a throwaway configuration.

The test writes a dovecot.conf into a temporary folder (its own port on 127.0.0.1, a static
password, a Maildir home), starts ``dovecot -F`` and stops it afterwards. Without dovecot
(``apt-get install dovecot-imapd``) the tests are skipped, and fail in CI, where ``.ci/run``
installs it; the reading of messages they exercise
is tested on files in the other modules.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

import integrationsnetz as inz
from integrationsnetz.exporters.ics_values import uid_for
from integrationsnetz.mail import read_imap
from integrationsnetz.testing.system_tools import give_up

DOVECOT = shutil.which("dovecot") or ("/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None)
OPENSSL = shutil.which("openssl")
Build = Callable[..., bytes]
REQUEST_UID = uid_for("netz-wak", "meeting", "nt-2024-2")
MINIMAL_REQUEST = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
    f"UID:{REQUEST_UID}\r\nSEQUENCE:2\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260112T130000Z\r\n"
    "DTEND:20260112T150000Z\r\nSUMMARY:Netzwerktreffen Ü\r\nORGANIZER:mailto:sozialplanung@wartburgkreis.example\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
).encode()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _users() -> tuple[str, str, int, int]:
    """Login user, internal user, and the uid/gid mail is read as (dovecot refuses root for all three)."""
    if os.getuid() != 0:
        me = pwd.getpwuid(os.getuid()).pw_name
        return me, me, os.getuid(), os.getgid()
    try:
        login, internal = pwd.getpwnam("dovenull").pw_name, pwd.getpwnam("dovecot").pw_name
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        give_up("dovecot's users (dovenull, dovecot) or nobody are missing: apt-get install dovecot-imapd")
    return login, internal, nobody.pw_uid, nobody.pw_gid


@pytest.fixture(scope="module")
def dovecot() -> Iterator[tuple[int, Path, Path | None]]:
    """A running dovecot: its port, the Maildir of user ``zoe`` (password ``geheim``), the CA file (or None).

    Its folder is outside pytest's (private) temporary folder, so the unprivileged mail user can enter it.
    """
    if DOVECOT is None:
        give_up("dovecot not installed: to run the IMAP tests, apt-get install dovecot-imapd")
    root = Path(tempfile.mkdtemp(prefix="integrationsnetz-dovecot-"))
    root.chmod(0o755)
    login, internal, uid, gid = _users()
    maildir = root / "home" / "zoe" / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    cert = None
    tls = "ssl = no\n"
    if OPENSSL:
        cert, key = root / "cert.pem", root / "key.pem"
        subprocess.run([OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-subj", "/CN=localhost",
                        "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", str(key), "-out", str(cert)],
                       check=True, capture_output=True)  # fmt: skip
        tls = f"ssl = yes\nssl_cert = <{cert}\nssl_key = <{key}\n"
    port = _free_port()
    config = root / "dovecot.conf"
    config.write_text(
        f"base_dir = {root}/run\nstate_dir = {root}/state\ninstance_name = replies-{port}\n"
        f"log_path = {root}/dovecot.log\nprotocols = imap\nlisten = 127.0.0.1\n{tls}"
        "disable_plaintext_auth = no\nauth_mechanisms = plain\nfirst_valid_uid = 0\n"
        f"default_login_user = {login}\ndefault_internal_user = {internal}\n"
        "passdb {\n  driver = static\n  args = password=geheim\n}\n"
        f"userdb {{\n  driver = static\n  args = uid={uid} gid={gid} home={root}/home/%u\n}}\n"
        "mail_location = maildir:~/Maildir\n"
        f"service imap-login {{\n  inet_listener imap {{\n    port = {port}\n  }}\n"
        "  inet_listener imaps {\n    port = 0\n  }\n}\n",
        encoding="utf-8",
    )
    if os.getuid() == 0:
        subprocess.run(["chown", "-R", f"{uid}:{gid}", str(root / "home")], check=True)
    process = subprocess.Popen([DOVECOT or "dovecot", "-F", "-c", str(config)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)  # fmt: skip
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
                    if sock.recv(100).startswith(b"* OK"):
                        break
            except OSError:
                time.sleep(0.1)
        else:
            give_up(f"dovecot did not start: {(root / 'dovecot.log').read_text(errors='replace')[-500:]}")
        yield port, maildir, cert
    finally:
        process.terminate()
        process.wait(timeout=20)
        shutil.rmtree(root, ignore_errors=True)


def _deliver(maildir: Path, name: str, raw: bytes) -> None:
    target = maildir / "new" / name
    target.write_bytes(raw)
    if os.getuid() == 0:
        os.chown(target, *_users()[2:])


def test_replies_are_read_from_an_imap_folder_without_marking_them(
    dovecot: tuple[int, Path, Path | None], build_reply: Build
) -> None:
    port, maildir, cert = dovecot
    stamp = datetime(2026, 1, 6, 9, 0, tzinfo=UTC)
    _deliver(maildir, "1.host", build_reply("outlook", MINIMAL_REQUEST, attendee="kurse@vhs-wak.example",
                                            name="VHS Wartburgkreis", answer="ACCEPTED", stamp=stamp))  # fmt: skip
    _deliver(maildir, "2.host", b"From: a@example.org\r\nSubject: Hallo\r\n\r\nkeine Antwort\r\n")
    _deliver(maildir, "3.host", build_reply("apple", MINIMAL_REQUEST, attendee="zoe.sentinelli@example.org",
                                            name="Zoë Sentinelli", answer="TENTATIVE", stamp=stamp))  # fmt: skip
    read = read_imap("127.0.0.1", port=port, security="none", login=("zoe", "geheim"))
    assert read.messages == 3
    assert read.passed_over == 1
    assert read.problems == ()
    assert sorted((r.attendee, r.answer, r.uid, r.sequence) for r in read.replies) == [
        ("kurse@vhs-wak.example", "ACCEPTED", REQUEST_UID, 2),
        ("zoe.sentinelli@example.org", "TENTATIVE", REQUEST_UID, 2),
    ]
    assert all(r.source.startswith(f"imap://127.0.0.1:{port}/INBOX;UID=") for r in read.replies)
    assert list((maildir / "cur").iterdir()) == [] or all(":2,S" not in p.name for p in (maildir / "cur").iterdir())
    if cert is not None:
        context = ssl.create_default_context(cafile=str(cert))
        secured = read_imap("127.0.0.1", port=port, security="starttls", login=("zoe", "geheim"), context=context)
        assert len(secured.replies) == 2


def test_imap_failures_are_library_errors_naming_host_and_port(dovecot: tuple[int, Path, Path | None]) -> None:
    port, _, _ = dovecot
    with pytest.raises(inz.MailError, match=rf"127.0.0.1:{port}: login refused for 'zoe'"):
        read_imap("127.0.0.1", port=port, security="none", login=("zoe", "falsch"))
    with pytest.raises(inz.MailError, match="no folder 'Gibtsnicht'"):
        read_imap("127.0.0.1", port=port, security="none", login=("zoe", "geheim"), folder="Gibtsnicht")
    closed = _free_port()
    with pytest.raises(inz.MailError, match=rf"127.0.0.1:{closed}: cannot connect"):
        read_imap("127.0.0.1", port=closed, security="none", login=("zoe", "geheim"), timeout=5)
    with pytest.raises(inz.MailError, match="unencrypted"):
        read_imap("imap.example.org", security="none", login=("zoe", "geheim"))
