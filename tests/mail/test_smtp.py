"""Delivery through a real SMTP server (aiosmtpd) on this machine: what arrives, STARTTLS, logins, refusals.

Each test starts its own server on a free port and parses what arrived with the standard
library's ``email`` package and icalendar, as a receiving client would.
"""

from __future__ import annotations

import socket
import ssl
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import attrs
import icalendar
import pytest
import trustme
from aiosmtpd.smtp import SMTP as Server  # noqa: N811 - the server side, beside smtplib's client
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session

import integrationsnetz as inz
from integrationsnetz.mail import SmtpSettings, compose_invitations, send

sys.path.insert(0, str(Path(__file__).parent))  # tests/ is not a package: reach mailnet.py
from mailnet import AS_OF, BERLIN, MEETING, TITLE, free_port, server

STAMP = datetime(2027, 1, 4, 9, tzinfo=BERLIN)


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    """A certificate authority of the tests' own."""
    return trustme.CA()


def tls_options(ca: trustme.CA) -> dict[str, Any]:
    """Server options: STARTTLS with a certificate for this machine, required before anything else."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("localhost", "127.0.0.1").configure_cert(context)
    return {"tls_context": context, "require_starttls": True}


def trusting(ca: trustme.CA) -> ssl.SSLContext:
    """A client context that trusts the tests' authority."""
    context = ssl.create_default_context()
    ca.configure_trust(context)
    return context


def test_each_consenting_invitee_gets_their_invitation(store: inz.Store) -> None:
    outbox = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP)
    with server() as (inbox, port):
        delivery = send(outbox, SmtpSettings(host="127.0.0.1", port=port), store=store)
    assert sorted(delivery.sent) == ["jobcenter", "p-mueller", "p-ok"]
    assert delivery.recorded
    assert sorted(inbox.recipients()) == ["ada.berg@example.org", "jobcenter@example.org", "mueller@example.org"]
    # No message to the person without consent, the one who withdrew it, or anyone without an address.
    assert not {"zoe@example.org", "nina@example.org"} & set(inbox.recipients())
    assert {sender for sender, _, _ in inbox.received} == {"sozialplanung@wartburgkreis.example"}
    for message in inbox.messages():
        assert message["Subject"] == f"Einladung: {TITLE} am Di 12.01.2027, 14:00 Uhr"
        part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
        assert part.get_param("method") == "REQUEST"
        event = next(iter(icalendar.Calendar.from_ical(part.get_content()).walk("VEVENT")))
        assert str(event["UID"]) == outbox.uid
        assert int(event["SEQUENCE"]) == outbox.sequence
        assert str(event["ORGANIZER"]).lower() == "mailto:sozialplanung@wartburgkreis.example"
        (to,) = message["To"].addresses
        assert str(event["ATTENDEE"]).lower() == f"mailto:{to.addr_spec}"
        assert event["ATTENDEE"].params["PARTSTAT"] == "NEEDS-ACTION"
    names = {m["To"].addresses[0].display_name for m in inbox.messages()}
    assert "Jürgen Müller-Weiß" in names  # the umlauts survive the 7-bit path
    meeting = store.get(inz.Meeting, MEETING)
    sent = {i.actor_id: i.sent_sequence for i in meeting.invitations}
    assert sent == {"p-mueller": outbox.sequence, "p-ok": outbox.sequence, "jobcenter": outbox.sequence,
                    "p-withdrawn": None, "p-none": None, "p-noaddress": None, "verein": None}  # fmt: skip


def test_bcc_goes_as_one_message_that_shows_nobody(store: inz.Store) -> None:
    outbox = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP, one_message_bcc=True)
    with server() as (inbox, port):
        send(outbox, SmtpSettings(host="127.0.0.1", port=port))
    ((_, recipients, raw),) = inbox.received
    assert sorted(recipients) == ["ada.berg@example.org", "jobcenter@example.org", "mueller@example.org"]
    assert b"Bcc:" not in raw
    assert b"ada.berg@example.org" not in raw.split(b"\r\n\r\n")[0]


def test_an_update_has_a_higher_sequence_and_a_cancellation_reaches_who_accepted(store: inz.Store) -> None:
    with server() as (inbox, port):
        settings = SmtpSettings(host="127.0.0.1", port=port)
        first = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP)
        send(first, settings, store=store)
        meeting = store.get(inz.Meeting, MEETING)
        moved = datetime(2027, 1, 19, 14, tzinfo=BERLIN)
        store.put(attrs.evolve(meeting, start=moved, end=moved.replace(hour=16)))
        update = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP)
        assert update.sequence > first.sequence
        assert {m.subject[:9] for m in update.messages} == {"Geändert:"}
        send(update, settings, store=store)
        meeting = store.get(inz.Meeting, MEETING)  # the answers to the changed meeting
        answered = tuple(attrs.evolve(i, status=inz.AttendanceStatus.ACCEPTED) if i.actor_id == "p-mueller"
                         else attrs.evolve(i, status=inz.AttendanceStatus.DECLINED) if i.actor_id == "p-ok" else i
                         for i in meeting.invitations)  # fmt: skip
        store.put(attrs.evolve(meeting, invitations=answered, status=inz.MeetingStatus.CANCELLED))
        cancel = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP)
        inbox.received.clear()
        send(cancel, settings, store=store)
    assert cancel.sequence > update.sequence
    # The jobcenter was sent the invitation and did not answer: it is told too; p-ok declined: not.
    assert sorted(inbox.recipients()) == ["jobcenter@example.org", "mueller@example.org"]
    for message in inbox.messages():
        assert message["Subject"].startswith("Abgesagt: ")
        part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
        calendar = icalendar.Calendar.from_ical(part.get_content())
        assert str(calendar["METHOD"]) == "CANCEL"
        assert part.get_param("method") == "CANCEL"
        assert int(next(iter(calendar.walk("VEVENT")))["SEQUENCE"]) == cancel.sequence


def test_no_message_after_the_consent_is_withdrawn(store: inz.Store) -> None:
    person = store.get(inz.Person, "p-ok")
    (given,) = person.consents
    store.put(attrs.evolve(person, consents=(attrs.evolve(given, withdrawn_on=date(2027, 1, 2)),)))
    outbox = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP)
    with server() as (inbox, port):
        send(outbox, SmtpSettings(host="127.0.0.1", port=port))
    assert "ada.berg@example.org" not in inbox.recipients()
    assert "p-ok" in {entry.actor_id for entry in outbox.not_reached}


def test_a_refused_recipient_is_reported_and_not_recorded(store: inz.Store) -> None:
    outbox = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP)
    with server() as (inbox, port):
        inbox.refuse.add("jobcenter@example.org")
        delivery = send(outbox, SmtpSettings(host="127.0.0.1", port=port), store=store)
    assert [(r.actor_id, r.code) for r in delivery.refused] == [("jobcenter", 550)]
    assert "jobcenter" not in delivery.sent
    sent = {i.actor_id: i.sent_sequence for i in store.get(inz.Meeting, MEETING).invitations}
    assert sent["jobcenter"] is None
    assert sent["p-ok"] == outbox.sequence


def test_starttls_with_a_login_from_the_environment(
    store: inz.Store, ca: trustme.CA, monkeypatch: pytest.MonkeyPatch
) -> None:
    logins: list[tuple[bytes, bytes]] = []

    def authenticator(server: Server, session: Session, envelope: Envelope, mechanism: str, data: Any) -> AuthResult:
        assert isinstance(data, LoginPassword)
        logins.append((data.login, data.password))
        # handled=False: the server answers 235/535 itself
        return AuthResult(success=(data.login, data.password) == (b"koordination", b"geheim"), handled=False)

    monkeypatch.setenv("INTEGRATIONSNETZ_SMTP_USER", "koordination")
    monkeypatch.setenv("INTEGRATIONSNETZ_SMTP_PASSWORD", "geheim")
    outbox = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP)
    options = {**tls_options(ca), "authenticator": authenticator, "auth_required": True}
    with server(**options) as (inbox, port):
        settings = SmtpSettings(host="localhost", port=port, tls_context=trusting(ca))
        delivery = send(outbox, settings)
        assert len(delivery.sent) == 3
        assert len(inbox.received) == 3
        monkeypatch.setenv("INTEGRATIONSNETZ_SMTP_PASSWORD", "falsch")
        with pytest.raises(inz.DeliveryError, match=r"refused the login of 'koordination'.*INTEGRATIONSNETZ_SMTP"):
            send(outbox, settings)
    assert logins[0] == (b"koordination", b"geheim")


def test_an_untrusted_certificate_is_refused(store: inz.Store, ca: trustme.CA) -> None:
    outbox = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP)
    with server(**tls_options(ca)) as (inbox, port):
        expected = rf"STARTTLS with the SMTP server localhost:{port} failed"
        with pytest.raises(inz.DeliveryError, match=expected):
            send(outbox, SmtpSettings(host="localhost", port=port))  # the system's authorities only
    assert inbox.received == []


def _outward_address() -> str | None:
    """An address of this machine that is not loopback (the tests' "remote" server binds there)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing interface
        except OSError:
            return None
        address = str(probe.getsockname()[0])
    return None if address.startswith("127.") else address


def test_starttls_is_required_away_from_this_machine(store: inz.Store) -> None:
    host = _outward_address()
    if host is None:
        pytest.skip("this machine has no address besides loopback")
    outbox = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP)
    with server(host) as (inbox, port):
        with pytest.raises(inz.DeliveryError, match=rf"{host}:{port} does not offer STARTTLS"):
            send(outbox, SmtpSettings(host=host, port=port))
        assert inbox.received == []
        send(outbox, SmtpSettings(host=host, port=port, tls="off"))  # turned off on purpose
    assert len(inbox.received) == 3


def test_a_server_nobody_runs_is_a_clear_error(store: inz.Store) -> None:
    outbox = compose_invitations(store, MEETING, as_of=AS_OF, stamp=STAMP)
    port = free_port("127.0.0.1")
    with pytest.raises(inz.DeliveryError, match=rf"cannot reach the SMTP server 127.0.0.1:{port}.*587"):
        send(outbox, SmtpSettings(host="127.0.0.1", port=port, timeout=5))
    assert all(i.sent_sequence is None for i in store.get(inz.Meeting, MEETING).invitations)


def test_settings_never_show_the_password() -> None:
    settings = SmtpSettings(host="mail.example.org", user="koordination", password="geheim")
    assert "geheim" not in repr(settings)
    with pytest.raises(inz.WrongType, match="port"):
        SmtpSettings(host="mail.example.org", port=70000)
