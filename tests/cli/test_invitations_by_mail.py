"""``integrationsnetz einladen``: the Wartburgkreis network's next plenary by e-mail, through a real SMTP server.

The Wartburgkreis store (``store_workspace``) gets a coming network meeting that invites every
organisation and person of the network, and every other person with an address an invitations
consent; the command sends it to a loopback aiosmtpd server, writes it as ``.eml`` drafts, or only
shows it. The people without consent or address are listed as not reached.
"""

from __future__ import annotations

import email
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from email import policy
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import pytest
from click.testing import Result

import integrationsnetz as inz

sys.path.insert(0, str(Path(__file__).parents[1] / "mail"))  # tests/ is not a package: reach mailnet.py
from client_replies import reply_message
from mailnet import server

Run = Callable[..., Result]
MEETING = "nt-2027-1"


@pytest.fixture
def plenary(store_workspace: Path) -> list[str]:
    """A confirmed plenary in January 2027 inviting everyone; the addresses of the organisations that get it."""
    with inz.open_store(f"sqlite://{store_workspace / 'netz.db'}") as store:
        data = inz.load_network(store, store.list(inz.Network)[0].id)
        addressed = [p for p in data.persons if _email(p)]
        consent = inz.Consent(purpose=inz.ConsentPurpose.INVITATIONS, given_on=date(2026, 1, 1))
        agreeing = [attrs.evolve(p, consents=(*p.consents, consent)) for p in addressed[::2]]
        store.put_many(agreeing)
        start = datetime(2027, 1, 18, 9, tzinfo=ZoneInfo("Europe/Berlin"))
        invited = [*(o.id for o in data.organizations), *(p.id for p in data.persons)]
        store.put(inz.Meeting(network_id=data.network.id, id=MEETING, kind=inz.MeetingKind.NETWORK,
                              title="Netzwerktreffen Integration – Jahresauftakt", start=start,
                              end=start.replace(hour=13), status=inz.MeetingStatus.CONFIRMED,
                              organizer_id="lra-sozialplanung",
                              invitations=tuple(inz.Invitation(actor_id=a) for a in invited)))  # fmt: skip
    emails = [_email(actor) for actor in (*data.organizations, *agreeing)]
    return sorted(e for e in emails if e)


def _email(actor: inz.Person | inz.Organization) -> str | None:
    return next((c.value for c in actor.contacts if c.kind is inz.ContactKind.EMAIL), None)


def _sent_sequences(folder: Path) -> dict[str, int | None]:
    with inz.open_store(f"sqlite://{folder / 'netz.db'}") as store:
        return {i.actor_id: i.sent_sequence for i in store.get(inz.Meeting, MEETING).invitations}


def test_a_trial_run_shows_whom_and_writes_nothing(run: Run, store_workspace: Path, plenary: list[str]) -> None:
    result = run("einladen", MEETING, "--probelauf", "--stichtag", "2027-01-04")
    assert result.exit_code == 0, result.output
    mailboxes = len(set(plenary))  # invitees sharing a mailbox get one message (review 20, finding 3)
    assert f"Probelauf: {mailboxes} Nachricht" in result.stdout
    assert "Einladung: Netzwerktreffen Integration – Jahresauftakt am Mo 18.01.2027, 09:00 Uhr" in result.stdout
    assert "erreicht keine Nachricht" in result.stderr
    assert "keine Einwilligung „Einladungen“ am 04.01.2027" in result.stderr
    assert set(_sent_sequences(store_workspace).values()) == {None}


def test_invitations_go_through_the_smtp_server_and_are_recorded(
    run: Run, store_workspace: Path, plenary: list[str]
) -> None:
    with server() as (inbox, port):
        result = run("einladen", MEETING, "--smtp", f"127.0.0.1:{port}")
    assert result.exit_code == 0, result.output
    assert sorted(inbox.recipients()) == sorted(set(plenary))  # a shared mailbox once
    assert f"{len(plenary)} Eingeladene über 127.0.0.1:{port} benachrichtigt" in result.stdout
    message = email.message_from_bytes(inbox.received[0][2], policy=policy.default)
    assert message["Subject"].startswith("Einladung: Netzwerktreffen Integration – Jahresauftakt")
    sent = _sent_sequences(store_workspace)
    assert sum(1 for value in sent.values() if value is not None) == len(plenary)


def test_eml_drafts_for_outlook(run: Run, store_workspace: Path, plenary: list[str], tmp_path: Path) -> None:
    result = run("einladen", MEETING, "--ordner", str(tmp_path / "post"), "--bcc")
    assert result.exit_code == 0, result.output
    (draft,) = sorted((tmp_path / "post").glob("*.eml"))
    assert draft.name == f"{MEETING}-alle.eml"
    raw = draft.read_bytes()
    assert raw.startswith(b"X-Unsent: 1\r\n")
    message = email.message_from_bytes(raw, policy=policy.default)
    assert sorted(a.addr_spec for a in message["Bcc"].addresses) == sorted(set(plenary))


def test_how_to_send_must_be_said(run: Run, store_workspace: Path, plenary: list[str]) -> None:
    result = run("einladen", MEETING)
    assert result.exit_code == 2
    assert "--smtp HOST, --ordner ORDNER oder --probelauf" in result.stderr
    result = run("einladen", "gibt-es-nicht", "--probelauf")
    assert result.exit_code == 1
    assert "nicht im Store" in result.stderr


def _calendar_part(message: email.message.EmailMessage) -> bytes:
    part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload


@pytest.fixture
def mailboxes(store_workspace: Path, plenary: list[str]) -> list[str]:
    """``plenary`` after every organisation without one got an invented functional mailbox (the article names none)."""
    with inz.open_store(f"sqlite://{store_workspace / 'netz.db'}") as store:
        bare = [o for o in store.list(inz.Organization) if _email(o) is None]
        store.put_many([attrs.evolve(o, contacts=(*o.contacts, inz.ContactPoint(kind=inz.ContactKind.EMAIL,
                        value=f"{o.id}@wartburgkreis.example"))) for o in bare])  # fmt: skip
    return sorted([*plenary, *(f"{o.id}@wartburgkreis.example" for o in bare)])


def test_the_plenary_round_invite_answer_in_three_clients_cancel(
    run: Run, store_workspace: Path, mailboxes: list[str], tmp_path: Path
) -> None:
    """The issue's "done": invitations through SMTP, answers from Outlook, Thunderbird and Apple Mail
    back into the invitations, and the cancellation to everyone who had not declined."""
    plenary = mailboxes
    with server() as (inbox, port):
        assert run("einladen", MEETING, "--smtp", f"127.0.0.1:{port}").exit_code == 0
    received = inbox.messages()
    assert sorted(message["To"].addresses[0].addr_spec for message in received) == sorted(set(plenary))
    by_address = {message["To"].addresses[0].addr_spec: message for message in received}
    answering = [address for address in by_address if plenary.count(address) == 1][:3]
    answers = dict(zip(answering, ("ACCEPTED", "TENTATIVE", "DECLINED"), strict=True))
    folder = tmp_path / "antworten"
    folder.mkdir()
    now = datetime.now(UTC).replace(microsecond=0)  # answers come after the invitation, not ahead of the clock
    for number, (address, client) in enumerate(zip(answering, ("outlook", "thunderbird", "apple"), strict=True)):
        raw = reply_message(client, _calendar_part(by_address[address]), attendee=address, name="Zoë Müller",
                            answer=answers[address], stamp=now + timedelta(seconds=number),
                            organizer=by_address[address]["From"].addresses[0].addr_spec)  # fmt: skip
        (folder / f"{number}-{client}.eml").write_bytes(raw)

    result = run("rueckmeldungen", str(folder), "--yes")
    assert result.exit_code == 0, result.output
    with inz.open_store(f"sqlite://{store_workspace / 'netz.db'}") as store:
        data = inz.load_network(store, store.list(inz.Network)[0].id)
        meeting = store.get(inz.Meeting, MEETING)
    email_of = {actor.id: _email(actor) for actor in (*data.organizations, *data.persons)}
    status = {email_of[i.actor_id]: i.status for i in meeting.invitations}
    assert status[answering[0]] is inz.AttendanceStatus.ACCEPTED
    assert status[answering[1]] is inz.AttendanceStatus.TENTATIVE
    assert status[answering[2]] is inz.AttendanceStatus.DECLINED
    assert all(status[address] is inz.AttendanceStatus.INVITED for address in set(plenary) - set(answering))

    assert run("termin", "absagen", MEETING, "--yes", "--ohne-ics").exit_code == 0
    with server() as (inbox, port):
        result = run("einladen", MEETING, "--smtp", f"127.0.0.1:{port}")
    assert result.exit_code == 0, result.output
    cancelled = inbox.messages()
    assert sorted(message["To"].addresses[0].addr_spec for message in cancelled) == [
        address for address in sorted(set(plenary)) if address != answering[2]
    ]
    for message in cancelled:
        assert message["Subject"].startswith("Abgesagt: ")
        calendar = _calendar_part(message)
        assert b"METHOD:CANCEL" in calendar
        assert b"STATUS:CANCELLED" in calendar


def test_sending_again_without_a_change_sends_nothing_and_alle_resends_the_same_sequence(
    run: Run, store_workspace: Path, plenary: list[str]
) -> None:
    with server() as (inbox, port):
        assert run("einladen", MEETING, "--smtp", f"127.0.0.1:{port}").exit_code == 0
    first = {s for s in _sent_sequences(store_workspace).values() if s is not None}
    with server() as (inbox, port):
        result = run("einladen", MEETING, "--smtp", f"127.0.0.1:{port}")
    assert result.exit_code == 0, result.output
    assert inbox.received == []
    assert f"Nichts zu verschicken: {len(plenary)} Eingeladene haben die aktuelle Fassung" in result.stdout
    with server() as (inbox, port):
        result = run("einladen", MEETING, "--smtp", f"127.0.0.1:{port}", "--alle")
    assert result.exit_code == 0, result.output
    assert sorted(inbox.recipients()) == sorted(set(plenary))
    sequences = set()
    for message in inbox.messages():
        assert message["Subject"].startswith("Einladung: ")
        sequences.add(int(_calendar_part(message).split(b"SEQUENCE:", 1)[1].split(b"\r\n", 1)[0]))
    assert sequences == first


def test_mail_messages_are_german_and_the_usual_dates_are_taken(
    run: Run, store_workspace: Path, plenary: list[str]
) -> None:
    """Review 20, finding 5: the mail commands' own messages in German, --stichtag as TT.MM.JJJJ too."""
    result = run("einladen", MEETING, "--probelauf", "--stichtag", "04.01.2027")
    assert result.exit_code == 0, result.output
    assert "keine Einwilligung „Einladungen“ am 04.01.2027" in result.stderr
    result = run("einladen", MEETING, "--probelauf", "--absender", "nota")
    assert result.exit_code == 1
    assert "der Absender 'nota' lässt sich nicht in eine E-Mail schreiben" in result.stderr
    with server() as (_inbox, port):
        pass  # nobody listens any more
    result = run("einladen", MEETING, "--smtp", f"127.0.0.1:{port}")
    assert result.exit_code == 1
    assert f"der SMTP-Server 127.0.0.1:{port} ist nicht erreichbar" in result.stderr
    english = run("--lang", "en", "einladen", MEETING, "--smtp", f"127.0.0.1:{port}")
    assert f"cannot reach the SMTP server 127.0.0.1:{port}" in english.stderr
