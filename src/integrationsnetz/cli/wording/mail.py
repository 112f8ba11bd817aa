"""The wording of ``integrationsnetz einladen``: invitations by e-mail (keys ``mail.send.*``)."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "mail.send.help": (
        "Einladung (oder Absage) eines Termins per E-Mail verschicken: an jede eingeladene Stelle mit Adresse "
        "und jede Person mit Einwilligung „Einladungen“, mit Zusage-/Absage-Knöpfen in Outlook, Thunderbird und "
        "Apple Mail (iMIP). Ein abgesagter Termin verschickt die Absage an alle, die eingeladen wurden oder "
        "zugesagt haben. Über einen SMTP-Server (--smtp) oder als .eml-Dateien für das eigene Mailprogramm "
        "(--ordner); --probelauf zeigt nur, wer was bekäme. Anmeldung aus INTEGRATIONSNETZ_SMTP_USER und "
        "INTEGRATIONSNETZ_SMTP_PASSWORD oder dem Schlüsselbund (keyring), nie aus den Dateien des Netzwerks.",
        "Send a meeting's invitation (or cancellation) by e-mail: to every invited organisation with an address "
        "and every person with an 'invitations' consent, with accept/decline buttons in Outlook, Thunderbird and "
        "Apple Mail (iMIP). A cancelled meeting sends the cancellation to everyone invited by e-mail or who "
        "accepted. Through an SMTP server (--smtp) or as .eml files for one's own mail program (--ordner); "
        "--probelauf only shows who would get what. Login from INTEGRATIONSNETZ_SMTP_USER and "
        "INTEGRATIONSNETZ_SMTP_PASSWORD or the keyring, never from the network's files.",
    ),
    "mail.send.short": ("Einladung/Absage eines Termins per E-Mail verschicken.",
                        "Send a meeting's invitation or cancellation by e-mail."),
    "mail.send.help.smtp": ("SMTP-Server HOST[:PORT] (Standard-Port 587 mit STARTTLS; 465: TLS).",
                            "SMTP server HOST[:PORT] (default port 587 with STARTTLS; 465: TLS)."),
    "mail.send.help.ohne_tls": ("Ohne Verschlüsselung senden (nur für einen Server, dessen Weg Sie kennen).",
                                "Send unencrypted (only for a server whose path you trust)."),
    "mail.send.help.ordner": ("Die Nachrichten als .eml-Dateien in diesen Ordner schreiben (statt zu senden).",
                              "Write the messages as .eml files into this folder (instead of sending)."),
    "mail.send.help.probelauf": ("Nur zeigen, wer welche Nachricht bekäme; nichts senden, nichts speichern.",
                                 "Only show who would get which message; send nothing, save nothing."),
    "mail.send.help.bcc": ("Eine Nachricht an alle in Blindkopie (BCC) statt einer je Person.",
                           "One message to all in blind copy (BCC) instead of one per invitee."),
    "mail.send.help.alle": (
        "Auch an alle, die diese Fassung schon bekommen haben, erneut senden (gleiche SEQUENCE: "
        "für Kalender keine Änderung). Ohne --alle geht eine unveränderte Einladung nur an neu Eingeladene.",
        "Send again also to everyone who already has this version (same SEQUENCE: no change to calendars). "
        "Without --alle an unchanged invitation goes only to new invitees.",
    ),
    "mail.send.help.absender": ("Absenderadresse (Standard: die der organisierenden Stelle).",
                                "Sender address (default: the organiser's)."),
    "mail.send.help.stichtag": (
        "Der Tag, für den die Einwilligungen gelten (TT.MM.JJJJ oder JJJJ-MM-TT; Standard: heute).",
        "The day the consents are checked for (DD.MM.YYYY or YYYY-MM-DD; default: today).",
    ),
    "mail.send.how": ("Wie verschicken? --smtp HOST, --ordner ORDNER oder --probelauf angeben.",
                      "How to send? Give --smtp HOST, --ordner FOLDER or --probelauf."),
    "mail.send.smtp_and_folder": ("--smtp und --ordner schließen sich aus.",
                                  "--smtp and --ordner exclude each other."),
    "mail.send.bad_smtp": ("--smtp: {value!r} ist kein HOST oder HOST:PORT.",
                           "--smtp: {value!r} is no HOST or HOST:PORT."),
    "mail.send.not_in_store": (
        "Termin {id} ist nicht im Store; Einladungen werden aus dem Store verschickt (erst `integrationsnetz plan` "
        "oder `termin neu`).",
        "Meeting {id} is not in the store; invitations are sent from the store (run `integrationsnetz plan` or "
        "`termin neu` first).",
    ),
    "mail.send.would": ("Probelauf: {count} Nachrichten würden verschickt ({method}, SEQUENCE {sequence}):",
                        "Trial run: {count} messages would be sent ({method}, SEQUENCE {sequence}):"),
    "mail.send.would.one": ("Probelauf: 1 Nachricht würde verschickt ({method}, SEQUENCE {sequence}):",
                            "Trial run: 1 message would be sent ({method}, SEQUENCE {sequence}):"),
    "mail.send.message": ("  an {to}: {subject}", "  to {to}: {subject}"),
    "mail.send.not_reached": ("{count} Eingeladene erreicht keine Nachricht (bitte anders benachrichtigen):",
                              "{count} invitees get no message (please tell them another way):"),
    "mail.send.not_reached.one": ("1 Eingeladene:n erreicht keine Nachricht (bitte anders benachrichtigen):",
                                  "1 invitee gets no message (please tell them another way):"),
    "mail.send.nobody": ("Niemand zu benachrichtigen: keine Nachricht verschickt.",
                         "Nobody to tell: no message sent."),
    "mail.send.up_to_date": (
        "Nichts zu verschicken: {count} Eingeladene haben die aktuelle Fassung (SEQUENCE {sequence}) schon; "
        "der Termin hat sich seitdem nicht geändert. Mit --alle an alle erneut senden.",
        "Nothing to send: {count} invitees already have the current version (SEQUENCE {sequence}); "
        "the meeting has not changed since. Use --alle to send it to everyone again.",
    ),
    "mail.send.up_to_date.one": (
        "Nichts zu verschicken: 1 Eingeladene:r hat die aktuelle Fassung (SEQUENCE {sequence}) schon; "
        "der Termin hat sich seitdem nicht geändert. Mit --alle erneut senden.",
        "Nothing to send: 1 invitee already has the current version (SEQUENCE {sequence}); "
        "the meeting has not changed since. Use --alle to send it again.",
    ),
    "mail.send.sent": ("{count} Eingeladene über {server} benachrichtigt; im Store vermerkt.",
                       "{count} invitees told through {server}; recorded in the store."),
    "mail.send.sent.one": ("1 Eingeladene:r über {server} benachrichtigt; im Store vermerkt.",
                           "1 invitee told through {server}; recorded in the store."),
    "mail.send.refused": ("Vom Server abgelehnt (nicht vermerkt): {who}",
                          "Refused by the server (not recorded): {who}"),
    "mail.send.written": ("{count} Nachrichten als .eml geschrieben; im Store als verschickt vermerkt:",
                          "{count} messages written as .eml; recorded in the store as sent:"),
    "mail.send.written.one": ("1 Nachricht als .eml geschrieben; im Store als verschickt vermerkt:",
                              "1 message written as .eml; recorded in the store as sent:"),
}  # fmt: skip
