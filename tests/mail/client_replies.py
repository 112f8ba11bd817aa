"""REPLY messages as Outlook, Thunderbird and Apple Mail write them, built from an invitation (REQUEST).

The shapes follow what each client is documented to send (RFC 6047 §2.4 and the clients' sources):

* Outlook / Exchange: ``multipart/alternative`` with text/plain and text/html (quoted-printable),
  then ``text/calendar; charset="utf-8"; method=REPLY`` in base64; subject "Zugesagt: <Titel>";
  ``PRODID:Microsoft Exchange Server 2010``, the Windows zone name ``W. Europe Standard Time``,
  ``ATTENDEE;PARTSTAT=…;CN=…`` (the address as the user typed it, often in capitals), the
  ``X-MICROSOFT-CDO-*`` properties and ``COMMENT`` (MS-OXCICAL §2.1.3.1.1.20.5).
* Thunderbird (calendar, formerly Lightning; ``CalItipOutgoingMessage`` / ``calItipEmailTransport``):
  ``multipart/mixed`` with a text/plain line, ``text/calendar; charset=UTF-8; method=REPLY`` and
  the same calendar again as ``application/ics; name="invite.ics"`` attachment (base64), subject
  "Angenommen: <Titel>", ``PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN``,
  ``X-MOZ-RECEIVED-SEQUENCE``.
* Apple Mail / Calendar: ``multipart/mixed`` (``Apple-Mail=_…`` boundary), text/plain, then
  ``text/calendar; charset=utf-8; method=REPLY; name=iCal-….ics`` base64, subject
  "Einladung angenommen: <Titel>", ``PRODID:-//Apple Inc.//macOS 14.4//EN``, ``CALSCALE:GREGORIAN``,
  ``ATTENDEE;CN=…;CUTYPE=INDIVIDUAL;EMAIL=…;PARTSTAT=…``.
"""

from __future__ import annotations

import base64
import quopri
from datetime import UTC, datetime

from icalendar import Calendar, Event

_SUBJECTS = {
    "outlook": {"ACCEPTED": "Zugesagt", "DECLINED": "Abgesagt", "TENTATIVE": "Mit Vorbehalt"},
    "thunderbird": {"ACCEPTED": "Angenommen", "DECLINED": "Abgelehnt", "TENTATIVE": "Vorläufig"},
    "apple": {
        "ACCEPTED": "Einladung angenommen",
        "DECLINED": "Einladung abgelehnt",
        "TENTATIVE": "Einladung vorläufig",
    },
}

_OUTLOOK_ZONE = (
    "BEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time\r\nBEGIN:STANDARD\r\nDTSTART:16010101T030000\r\n"
    "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10\r\n"
    "END:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
)


def _event(request: bytes) -> Event:
    calendar = Calendar.from_ical(request)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1, "an invitation holds one event"
    return events[0]


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _local(value: datetime, zone: str) -> str:
    from zoneinfo import ZoneInfo

    return f";TZID={zone}:" + value.astimezone(ZoneInfo("Europe/Berlin")).strftime("%Y%m%dT%H%M%S")


def _fold(text: str) -> str:
    """Lines folded at 75 octets (RFC 5545 §3.1), CRLF."""
    out = []
    for line in text.split("\r\n"):
        data = line.encode()
        while len(data) > 75:
            cut = 75
            while (data[cut] & 0xC0) == 0x80:
                cut -= 1
            out.append(data[:cut].decode())
            data = b" " + data[cut:]
        out.append(data.decode())
    return "\r\n".join(out)


def reply_calendar(
    client: str, request: bytes, *, attendee: str, name: str, answer: str, stamp: datetime, sequence: int | None = None
) -> str:
    """The REPLY calendar a client writes for ``request`` (the invitation's ICS bytes)."""
    event = _event(request)
    uid = str(event["UID"])
    seq = int(event.get("SEQUENCE", 0)) if sequence is None else sequence
    summary = str(event["SUMMARY"])
    organizer = str(event["ORGANIZER"])
    start, end = event["DTSTART"].dt, event["DTEND"].dt
    rid = event.get("RECURRENCE-ID")
    lines: list[str] = ["BEGIN:VCALENDAR"]
    if client == "outlook":
        zone = "W. Europe Standard Time"
        lines += ["METHOD:REPLY", "PRODID:Microsoft Exchange Server 2010", "VERSION:2.0", _OUTLOOK_ZONE.strip()]
        lines += ["BEGIN:VEVENT", f"ATTENDEE;PARTSTAT={answer};CN={name}:mailto:{attendee.upper()}",
                  "COMMENT;LANGUAGE=de-DE:\\n", f"SUMMARY;LANGUAGE=de-DE:{_SUBJECTS['outlook'][answer]}: {summary}",
                  f"DTSTART{_local(start, zone)}", f"DTEND{_local(end, zone)}", f"UID:{uid}"]  # fmt: skip
        if rid is not None:
            lines.append(f"RECURRENCE-ID{_local(rid.dt, zone)}")
        lines += ["CLASS:PUBLIC", "PRIORITY:5", f"DTSTAMP:{_stamp(stamp)}", "TRANSP:OPAQUE", "STATUS:CONFIRMED",
                  f"SEQUENCE:{seq}", f"X-MICROSOFT-CDO-APPT-SEQUENCE:{seq}", "X-MICROSOFT-CDO-OWNERAPPTID:2117968573",
                  f"X-MICROSOFT-CDO-REPLYTIME:{_stamp(stamp)}", "X-MICROSOFT-CDO-BUSYSTATUS:BUSY",
                  "X-MICROSOFT-CDO-INTENDEDSTATUS:BUSY", "X-MICROSOFT-CDO-ALLDAYEVENT:FALSE",
                  "X-MICROSOFT-CDO-IMPORTANCE:1", "X-MICROSOFT-CDO-INSTTYPE:0", "X-MICROSOFT-DONOTFORWARDMEETING:FALSE",
                  "X-MICROSOFT-DISALLOW-COUNTER:FALSE", "X-MS-OLK-CONFTYPE:0", "END:VEVENT"]  # fmt: skip
    elif client == "thunderbird":
        lines += ["PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN", "VERSION:2.0", "METHOD:REPLY",
                  "BEGIN:VEVENT", f"CREATED:{_stamp(stamp)}", f"LAST-MODIFIED:{_stamp(stamp)}",
                  f"DTSTAMP:{_stamp(stamp)}", f"UID:{uid}", f"SUMMARY:{summary}", f"ORGANIZER:{organizer}",
                  f"ATTENDEE;RSVP=TRUE;CN={name};PARTSTAT={answer};ROLE=REQ-PARTICIPANT:mailto:{attendee}",
                  f"DTSTART{_local(start, 'Europe/Berlin')}", f"DTEND{_local(end, 'Europe/Berlin')}"]  # fmt: skip
        if rid is not None:
            lines.append(f"RECURRENCE-ID{_local(rid.dt, 'Europe/Berlin')}")
        lines += [f"SEQUENCE:{seq}", f"X-MOZ-RECEIVED-SEQUENCE:{seq}", f"X-MOZ-RECEIVED-DTSTAMP:{_stamp(stamp)}",
                  "X-MOZ-GENERATION:1", "END:VEVENT"]  # fmt: skip
    else:
        lines += ["METHOD:REPLY", "VERSION:2.0", "PRODID:-//Apple Inc.//macOS 14.4//EN", "CALSCALE:GREGORIAN",
                  "BEGIN:VEVENT",
                  f"ATTENDEE;CN=\"{name}\";CUTYPE=INDIVIDUAL;EMAIL={attendee};PARTSTAT={answer}:mailto:{attendee}",
                  f"DTEND{_local(end, 'Europe/Berlin')}", "TRANSP:OPAQUE", f"ORGANIZER:{organizer}", f"UID:{uid}",
                  f"DTSTAMP:{_stamp(stamp)}", f"SEQUENCE:{seq}", f"SUMMARY:{summary}",
                  f"DTSTART{_local(start, 'Europe/Berlin')}", f"CREATED:{_stamp(stamp)}"]  # fmt: skip
        if rid is not None:
            lines.append(f"RECURRENCE-ID{_local(rid.dt, 'Europe/Berlin')}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return _fold("\r\n".join(lines) + "\r\n")


def _b64(data: bytes) -> str:
    return base64.encodebytes(data).decode().replace("\n", "\r\n")


def _qp(text: str) -> str:
    return quopri.encodestring(text.encode()).decode().replace("\n", "\r\n")


def _header(text: str) -> str:
    """An RFC 2047 encoded-word (B) for a header with umlauts."""
    return "=?utf-8?B?" + base64.b64encode(text.encode()).decode() + "?="


def reply_message(
    client: str,
    request: bytes,
    *,
    attendee: str,
    name: str,
    answer: str,
    stamp: datetime,
    sequence: int | None = None,
    organizer: str = "sozialplanung@wartburgkreis.example",
) -> bytes:
    """A whole REPLY e-mail in the form ``client`` (``outlook``, ``thunderbird``, ``apple``) sends it."""
    calendar = reply_calendar(client, request, attendee=attendee, name=name, answer=answer, stamp=stamp,
                              sequence=sequence)  # fmt: skip
    title = str(_event(request)["SUMMARY"])
    subject = _header(f"{_SUBJECTS[client][answer]}: {title}")
    date = stamp.strftime("%a, %d %b %Y %H:%M:%S +0000")
    sender = f"{_header(name)} <{attendee}>"
    if client == "outlook":
        boundary = "_000_DB7PR04MB4683A1B2C3D4E5F6DB7PR04MB4683eurp_"
        body = (
            f"From: {sender}\r\nTo: <{organizer}>\r\nSubject: {subject}\r\nThread-Topic: {subject}\r\n"
            f"Date: {date}\r\nMessage-ID: <DB7PR04MB4683{stamp:%H%M%S}@DB7PR04MB4683.eurprd04.prod.outlook.com>\r\n"
            "Content-Language: de-DE\r\nX-MS-Has-Attach:\r\nX-MS-TNEF-Correlator:\r\n"
            f'Content-Type: multipart/alternative;\r\n\tboundary="{boundary}"\r\nMIME-Version: 1.0\r\n\r\n'
            f'--{boundary}\r\nContent-Type: text/plain; charset="utf-8"\r\n'
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
            f"{_qp(name + ': ' + _SUBJECTS['outlook'][answer] + '. Grüße')}\r\n"
            f'--{boundary}\r\nContent-Type: text/html; charset="utf-8"\r\n'
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
            f"{_qp('<html><body><p>Grüße</p></body></html>')}\r\n"
            f'--{boundary}\r\nContent-Type: text/calendar; charset="utf-8"; method=REPLY\r\n'
            f"Content-Transfer-Encoding: base64\r\n\r\n{_b64(calendar.encode())}\r\n--{boundary}--\r\n"
        )
    elif client == "thunderbird":
        boundary = "------------Kx2Q8Yn0T4bW9vLr3sJp1mA7"
        body = (
            f"Message-ID: <7b1f2c9e-3a4d-4e8f-9c2b-{stamp:%H%M%S}a1b2c3@wartburgkreis.example>\r\nDate: {date}\r\n"
            "MIME-Version: 1.0\r\nUser-Agent: Mozilla Thunderbird\r\nContent-Language: de-DE\r\n"
            f"To: {organizer}\r\nFrom: {sender}\r\nSubject: {subject}\r\n"
            f'Content-Type: multipart/mixed; boundary="{boundary}"\r\n\r\n'
            "This is a multi-part message in MIME format.\r\n"
            f"--{boundary}\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            f"{name}: {_SUBJECTS['thunderbird'][answer]}.\r\n\r\n"
            f"--{boundary}\r\nContent-Type: text/calendar; charset=UTF-8; method=REPLY\r\n"
            f"Content-Transfer-Encoding: 8bit\r\n\r\n{calendar}\r\n"
            f'--{boundary}\r\nContent-Type: application/ics; name="invite.ics"\r\n'
            'Content-Disposition: attachment; filename="invite.ics"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
            f"{_b64(calendar.encode())}\r\n--{boundary}--\r\n"
        )
    else:
        boundary = "Apple-Mail=_5F1C6B0E-8D2A-4C3B-9E7F-1A2B3C4D5E6F"
        body = (
            f'From: {sender}\r\nContent-Type: multipart/mixed;\r\n\tboundary="{boundary}"\r\n'
            "Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3774.500.171.1.1\\))\r\n"
            f"Subject: {subject}\r\nDate: {date}\r\n"
            f"Message-Id: <5F1C6B0E-{stamp:%H%M%S}-4C3B-9E7F@example.org>\r\nTo: {organizer}\r\n\r\n"
            f"--{boundary}\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Type: text/plain;\r\n"
            f"\tcharset=utf-8\r\n\r\n{_qp(name + ': ' + _SUBJECTS['apple'][answer] + '.')}\r\n"
            f"--{boundary}\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment;\r\n"
            f"\tfilename=iCal-{stamp:%Y%m%d-%H%M%S}.ics\r\nContent-Type: text/calendar;\r\n\tcharset=utf-8;\r\n"
            f"\tmethod=REPLY;\r\n\tname=iCal-{stamp:%Y%m%d-%H%M%S}.ics\r\n\r\n{_b64(calendar.encode())}\r\n"
            f"--{boundary}--\r\n"
        )
    return body.encode("utf-8")
