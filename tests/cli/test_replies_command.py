"""``integrationsnetz rueckmeldungen``: the three clients' reply messages into a store's invitations."""

from __future__ import annotations

import json
import shutil
import socket
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from click.testing import Result

import integrationsnetz as inz
from integrationsnetz.plugins import PluginHost
from integrationsnetz.testing.samples import sample_network, with_consents

Run = Callable[..., Result]
FIXTURES = Path(__file__).resolve().parents[1] / "mail" / "fixtures"
HOST = PluginHost(entry_points=False)


@pytest.fixture
def answered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store workspace with the sample's nt-2024-2 confirmed and everyone invited, and a folder of replies."""
    sample = sample_network()
    meeting = sample.get(inz.Meeting, "nt-2024-2")
    invitations = tuple(inz.Invitation(actor_id=a) for a in ("p-sentinel", "jobcenter", "vhs", "institut"))
    meeting = attrs.evolve(meeting, status=inz.MeetingStatus.CONFIRMED, invitations=invitations, minutes=None)
    data = with_consents(attrs.evolve(sample, meetings=(meeting, *(m for m in sample.meetings if m.id != meeting.id))))
    with inz.open_store(f"sqlite:{tmp_path / 'netz.db'}", host=HOST) as store:
        inz.save_network(store, data)
    (tmp_path / "integrationsnetz.toml").write_text('store = "sqlite:netz.db"\nausgabe = "out"\n', encoding="utf-8")
    shutil.copytree(FIXTURES, tmp_path / "antworten")
    shutil.copy(FIXTURES / "outlook-zugesagt.eml", tmp_path / "antworten" / "kopie.eml")  # read twice
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _statuses(folder: Path) -> dict[str, str]:
    with inz.open_store(f"sqlite:{folder / 'netz.db'}", host=HOST) as store:
        return {i.actor_id: i.status.value for i in store.get(inz.Meeting, "nt-2024-2").invitations}


def test_a_dry_run_shows_the_answers_and_writes_nothing(answered: Path, run: Run) -> None:
    result = run("rueckmeldungen", "antworten", "--probelauf")
    assert result.exit_code == 0, result.output
    assert "4 Nachrichten gelesen, 4 Rückmeldungen, 0 ohne Rückmeldung." in result.output
    assert "Eingetragen (3):" in result.output
    assert "Nicht eingetragen (1):" in result.output
    assert "eingeladen → vorläufig zugesagt" in result.output
    assert "Antwort ist schon eingetragen" in result.output  # the copy of the Outlook answer
    assert "Probelauf: nichts geschrieben." in result.output
    assert set(_statuses(answered).values()) == {"invited"}


def test_the_answers_are_recorded_and_reading_again_changes_nothing(answered: Path, run: Run) -> None:
    result = run("rueckmeldungen", "antworten", "--yes")
    assert result.exit_code == 0, result.output
    assert "1 Termin gespeichert: nt-2024-2" in result.output
    assert _statuses(answered) == {"p-sentinel": "declined", "jobcenter": "accepted", "vhs": "tentative",
                                   "institut": "invited"}  # fmt: skip
    again = run("--lang", "en", "rueckmeldungen", "antworten", "--yes")
    assert again.exit_code == 0
    assert "No invitation changes." in again.output
    assert "answer already recorded" in again.output


def test_without_a_source_it_says_what_to_give(answered: Path, run: Run) -> None:
    result = run("rueckmeldungen")
    assert result.exit_code == 2
    assert "QUELLE oder --imap HOST" in result.output


def test_a_reply_from_a_shared_mailbox_answers_for_everyone_behind_it(answered: Path, run: Run) -> None:
    """Review 20, finding 3: "institut" shares the VHS's mailbox (in another case): Apple's answer is for both."""
    with inz.open_store(f"sqlite:{answered / 'netz.db'}", host=HOST) as store:
        institut = store.get(inz.Organization, "institut")
        mailbox = inz.ContactPoint(kind=inz.ContactKind.EMAIL, value="KURSE@vhs-wak.example")
        store.put(attrs.evolve(institut, contacts=(mailbox,)))
    result = run("rueckmeldungen", "antworten/apple-vorlaeufig.eml", "--yes")
    assert result.exit_code == 0, result.output
    assert "geteiltes Postfach, auch für" in result.output
    assert _statuses(answered)["institut"] == _statuses(answered)["vhs"] == "tentative"
    shown = run("rueckmeldungen", "antworten/apple-vorlaeufig.eml", "--probelauf", "--json")
    outcomes = json.loads(shown.stdout)["outcomes"]
    assert sorted(o["shared_with"] for o in outcomes) == [["institut"], ["vhs"]]


def test_an_answer_sent_by_a_stranger_is_marked_in_the_json_and_on_stderr(answered: Path, run: Run) -> None:
    """Review 20, finding 4: the "gesendet von" mark is also in --json (``sent_by``) and on stderr."""
    raw = (answered / "antworten" / "outlook-zugesagt.eml").read_bytes()
    forged = raw.replace(b"From: ", b"From: angreifer@evil.example\r\nX-Old-From: ", 1)
    (answered / "forged.eml").write_bytes(forged)
    result = run("rueckmeldungen", "forged.eml", "--probelauf", "--json")
    assert result.exit_code == 0, result.output
    (outcome,) = json.loads(result.stdout)["outcomes"]
    assert outcome["sent_by"] == "angreifer@evil.example"
    assert "von angreifer@evil.example gesendet" in result.stderr


def test_unreadable_replies_and_imap_errors_are_german(
    answered: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review 20, finding 5: the "Nicht lesbar" reasons and IMAP errors in the German command line."""
    raw = (answered / "antworten" / "thunderbird-abgelehnt.eml").read_bytes()
    (answered / "negativ.eml").write_bytes(raw.replace(b"SEQUENCE:7", b"SEQUENCE:-5"))
    result = run("rueckmeldungen", "negativ.eml", "--probelauf")
    assert result.exit_code == 0, result.output
    assert "SEQUENCE -5 ist negativ" in result.output
    assert "is negative" not in result.output
    monkeypatch.setenv("INTEGRATIONSNETZ_IMAP_USER", "koordination")
    monkeypatch.setenv("INTEGRATIONSNETZ_IMAP_PASSWORD", "geheim")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run("rueckmeldungen", "--imap", f"127.0.0.1:{port}", "--imap-sicherheit", "keine", "--probelauf")
    assert result.exit_code == 1
    assert f"IMAP 127.0.0.1:{port}: keine Verbindung" in result.stderr


def test_a_proposal_of_another_time_is_listed_and_not_recorded(answered: Path, run: Run) -> None:
    """Re-check, finding N6: a METHOD:COUNTER is shown (who, meeting, proposed time), in --json too, not applied."""
    import email
    from email import policy

    raw = (answered / "antworten" / "outlook-zugesagt.eml").read_bytes()
    message = email.message_from_bytes(raw, policy=policy.default)
    part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    calendar = (part.get_content().replace("METHOD:REPLY", "METHOD:COUNTER")
                .replace("Standard Time:20241014T090000", "Standard Time:20241021T100000")
                .replace("Standard Time:20241014T130000", "Standard Time:20241021T120000"))  # fmt: skip
    head = ("From: jobcenter-wartburgkreis@example.org\r\nSubject: Neuer Zeitvorschlag\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/calendar; charset=utf-8; method=COUNTER\r\n\r\n")  # fmt: skip
    (answered / "vorschlag.eml").write_bytes((head + calendar).encode())
    result = run("rueckmeldungen", "vorschlag.eml", "--yes")
    assert result.exit_code == 0, result.output
    assert "1 Nachrichten gelesen, 1 Rückmeldungen, 0 ohne Rückmeldung." in result.output
    assert "Neue Zeit vorgeschlagen, nicht eingetragen (1):" in result.output
    (row,) = [line for line in result.output.splitlines() if "schlägt" in line]
    assert "nt-2024-2" in row
    assert "Jobcenter" in row
    assert "neue Zeit vorgeschlagen" in row
    assert "schlägt 21.10.2024 10:00–12:00 vor; nicht übernommen" in row
    assert _statuses(answered)["jobcenter"] == "invited"
    shown = run("--lang", "en", "rueckmeldungen", "vorschlag.eml", "--probelauf", "--json")
    (outcome,) = json.loads(shown.stdout)["outcomes"]
    assert (outcome["verdict"], outcome["group"], outcome["actor_id"]) == ("proposal", "proposed", "jobcenter")
    assert outcome["proposed_start"] == "2024-10-21T10:00:00+02:00"
    assert outcome["proposed_end"] == "2024-10-21T12:00:00+02:00"
    assert outcome["reason"] == "proposes 2024-10-21 10:00–12:00; not applied"


def test_an_answer_stamped_years_ahead_is_not_applied_and_later_real_answers_still_are(
    run: Run, answered: Path
) -> None:
    """A forged DTSTAMP in 2099 would make every later real answer "older than the recorded one"."""
    forged = (answered / "antworten" / "outlook-zugesagt.eml").read_bytes()
    for name in ("apple-vorlaeufig.eml", "thunderbird-abgelehnt.eml", "kopie.eml"):
        (answered / "antworten" / name).unlink()
    (answered / "antworten" / "outlook-zugesagt.eml").unlink()
    ahead = answered / "voraus"
    ahead.mkdir()
    (ahead / "gefaelscht.eml").write_bytes(_with_stamp(forged, "20991231T000000Z", "DECLINED"))
    result = run("rueckmeldungen", "voraus", "--yes", "--json")
    assert result.exit_code == 0, result.output
    (entry,) = json.loads(result.stdout)["outcomes"]
    assert entry["verdict"] == "future_stamp"
    (answered / "antworten" / "echt.eml").write_bytes(forged)
    result = run("rueckmeldungen", "antworten", "--yes")
    assert result.exit_code == 0, result.output
    with inz.open_store(f"sqlite:{answered / 'netz.db'}", host=HOST) as store:
        statuses = {i.actor_id: i.status for i in store.get(inz.Meeting, "nt-2024-2").invitations}
    assert inz.AttendanceStatus.ACCEPTED in statuses.values()


def _with_stamp(raw: bytes, stamp: str, answer: str) -> bytes:
    """The Outlook fixture with its calendar's DTSTAMP and PARTSTAT replaced (the part re-encoded)."""
    import email
    from email import policy

    message = email.message_from_bytes(raw, policy=policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/calendar":
            text = part.get_payload(decode=True).decode()
            lines = text.replace("PARTSTAT=ACCEPTED", f"PARTSTAT={answer}").split("\r\n")
            text = "\r\n".join(f"DTSTAMP:{stamp}" if line.startswith("DTSTAMP:") else line for line in lines)
            part.set_content(text, subtype="calendar", params={"method": "REPLY"}, cte="base64")
    return message.as_bytes()
