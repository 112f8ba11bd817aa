"""Reading REPLY messages: the three clients' fixtures, mbox and Maildir, bad, huge and hostile messages."""

from __future__ import annotations

import mailbox
import time
from datetime import UTC, datetime
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from integrationsnetz.exporters.ics_values import uid_for
from integrationsnetz.mail import read_replies, replies_in_message
from integrationsnetz.mail.replies import MAX_MESSAGE_BYTES

FIXTURES = Path(__file__).with_name("fixtures")
UID = uid_for("netz-wak", "meeting", "nt-2024-2")
STAMP = datetime(2026, 1, 6, 9, 15, tzinfo=UTC)
EXPECTED = {
    "apple-vorlaeufig.eml": ("kurse@vhs-wak.example", "TENTATIVE", "Einladung vorläufig: "),
    "outlook-zugesagt.eml": ("jobcenter-wartburgkreis@example.org", "ACCEPTED", "Zugesagt: "),
    "thunderbird-abgelehnt.eml": ("zoe.sentinelli@example.org", "DECLINED", "Abgelehnt: "),
}


def _calendar_message(calendar: str, *, content_type: str = "text/calendar; method=REPLY; charset=UTF-8") -> bytes:
    return (f"From: a@example.org\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: {content_type}\r\n\r\n"
            f"{calendar}").encode()  # fmt: skip


def _reply_calendar(event_lines: str) -> str:
    head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\n"
    return f"{head}{event_lines}END:VEVENT\r\nEND:VCALENDAR\r\n"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_clients_fixture_gives_one_answer(name: str) -> None:
    """Outlook (alternative, base64, capitals, Windows zone), Thunderbird (calendar twice), Apple (EMAIL param)."""
    raw = (FIXTURES / name).read_bytes()
    read = replies_in_message(raw, name)
    assert read.problems == ()
    assert len(read.replies) == 1
    reply = read.replies[0]
    attendee, answer, subject = EXPECTED[name]
    assert (reply.uid, reply.attendee, reply.answer, reply.stamp) == (UID, attendee, answer, STAMP)
    assert reply.sequence == 7
    assert reply.recurrence_id is None
    assert reply.sender == attendee
    assert reply.source == name
    assert str(BytesParser(policy=policy.default).parsebytes(raw)["Subject"]).startswith(subject)


def test_an_mbox_and_a_maildir_give_every_answer_with_its_place(tmp_path: Path) -> None:
    box = mailbox.mbox(tmp_path / "Posteingang")
    folder = mailbox.Maildir(tmp_path / "Maildir")
    plain = b"From: b@example.org\r\nSubject: Hallo\r\n\r\nkein Termin\r\n"
    for raw in [plain, *(p.read_bytes() for p in sorted(FIXTURES.glob("*.eml")))]:
        box.add(raw)
        folder.add(raw)
    box.close()
    from_mbox = read_replies(tmp_path / "Posteingang")
    assert (from_mbox.messages, from_mbox.passed_over, from_mbox.problems) == (4, 1, ())
    assert sorted(r.source for r in from_mbox.replies) == [f"{tmp_path / 'Posteingang'}#{n}" for n in (2, 3, 4)]
    from_maildir = read_replies(tmp_path / "Maildir")
    assert sorted(r.answer for r in from_maildir.replies) == ["ACCEPTED", "DECLINED", "TENTATIVE"]
    assert all(r.source.startswith(str(tmp_path / "Maildir" / "new")) for r in from_maildir.replies)


def test_an_invitation_or_plain_mail_is_passed_over_not_reported() -> None:
    request = _reply_calendar(f"UID:{UID}\r\nDTSTAMP:20260101T000000Z\r\n").replace("METHOD:REPLY", "METHOD:REQUEST")
    read = replies_in_message(_calendar_message(request, content_type="text/calendar; method=REQUEST"), "r.eml")
    assert (read.replies, read.problems, read.passed_over) == ((), (), 1)


@pytest.mark.parametrize(
    ("event", "reason"),
    [
        ("UID:x\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org\r\n", "without DTSTAMP"),
        ("DTSTAMP:20260101T000000Z\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org\r\n", "without UID"),
        ("UID:x\r\nDTSTAMP:20260101T000000Z\r\nSEQUENCE:zwei\r\nATTENDEE:mailto:a@example.org\r\n", "not a number"),
        ("UID:x\r\nDTSTAMP:20260101T000000Z\r\nATTENDEE;PARTSTAT=ACCEPTED:Zoë\r\n", "not a mailto: address"),
        ("UID:x\r\nDTSTAMP:20260101T000000Z\r\n", "without an event that names an ATTENDEE"),
    ],
)
def test_a_broken_reply_is_reported_with_its_source(event: str, reason: str) -> None:
    read = replies_in_message(_calendar_message(_reply_calendar(event)), "antworten/7.eml")
    assert read.replies == ()
    assert [p.source for p in read.problems] == ["antworten/7.eml"]
    assert reason in read.problems[0].reason


def test_an_apple_attendee_by_urn_is_found_by_its_email_parameter() -> None:
    event = (f"UID:{UID}\r\nDTSTAMP:20260101T000000Z\r\nRECURRENCE-ID;TZID=Europe/Berlin:20260325T160000\r\n"
             "ATTENDEE;EMAIL=Kurse@VHS-wak.example;PARTSTAT=ACCEPTED:"
             "urn:uuid:1f2e3d4c-0000-4000-8000-000000000001\r\n")  # fmt: skip
    (reply,) = replies_in_message(_calendar_message(_reply_calendar(event)), "a.eml").replies
    assert reply.attendee == "kurse@vhs-wak.example"
    assert reply.recurrence_id is not None
    assert reply.recurrence_id.utcoffset() is not None
    assert reply.recurrence_id.astimezone(UTC) == datetime(2026, 3, 25, 15, 0, tzinfo=UTC)


def test_huge_and_hostile_messages_are_refused_quickly(tmp_path: Path) -> None:
    huge = tmp_path / "gross.eml"
    huge.write_bytes(b"Subject: x\r\n\r\n" + b"A" * (MAX_MESSAGE_BYTES + 1))
    nested = b"Content-Type: multipart/mixed; boundary=b0\r\n\r\n" + b"".join(
        f"--b{n}\r\nContent-Type: multipart/mixed; boundary=b{n + 1}\r\n\r\n".encode() for n in range(2000)
    )
    many = b"Content-Type: multipart/mixed; boundary=z\r\n\r\n" + b"--z\r\nContent-Type: text/plain\r\n\r\nx\r\n" * 5000
    (tmp_path / "tief.eml").write_bytes(nested)
    (tmp_path / "viele.eml").write_bytes(many)
    (tmp_path / "kaputt.eml").write_bytes(_calendar_message("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n\x00\xff"))
    started = time.monotonic()
    read = read_replies(tmp_path, tmp_path / "fehlt.mbox")
    assert time.monotonic() - started < 20
    reasons = {Path(p.source).name: p.reason for p in read.problems}
    assert "larger than" in reasons["gross.eml"]
    assert "MIME parts" in reasons["viele.eml"]
    assert "calendar part" in reasons["kaputt.eml"]
    assert reasons["fehlt.mbox"] == "no such file or folder"
    assert read.replies == ()


@given(st.binary(max_size=3000))
def test_any_bytes_give_a_result_never_an_exception(raw: bytes) -> None:
    read = replies_in_message(raw, "zufall.eml")
    assert read.messages == 1


@given(st.text(max_size=400))
def test_any_calendar_text_in_a_reply_part_gives_a_result(text: str) -> None:
    read = replies_in_message(_calendar_message(_reply_calendar(text)), "zufall.eml")
    assert read.messages == 1
    assert all(p.source == "zufall.eml" for p in read.problems)
