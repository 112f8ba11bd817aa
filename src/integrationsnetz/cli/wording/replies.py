"""The answers to e-mailed invitations read back (``integrationsnetz rueckmeldungen``).

Key -> (German, English); :mod:`integrationsnetz.cli.wording` joins the topics.
"""

WORDS: dict[str, tuple[str, str]] = {
    "mail.replies.help": (
        "Rückmeldungen auf verschickte Einladungen (Zusagen, Absagen, vorläufige Zusagen aus Outlook, Thunderbird, "
        "Apple Mail) einlesen und bei den Einladungen der Termine eintragen. QUELLE ist eine .eml-Datei, ein Ordner "
        "mit .eml-Dateien, eine mbox-Datei (Thunderbird) oder ein Maildir-Ordner; mit --imap das Postfach auf dem "
        "Server (nur gelesen, nichts wird als gelesen markiert; Anmeldung aus INTEGRATIONSNETZ_IMAP_USER und "
        "INTEGRATIONSNETZ_IMAP_PASSWORD oder dem Schlüsselbund). Veraltete Antworten (auf eine ältere Einladung "
        "oder älter als die eingetragene), Vorschläge einer neuen Zeit und unbekannte Absender werden aufgelistet, "
        "nicht eingetragen; festgehaltene Anwesenheit bleibt.",
        "Read the answers to e-mailed invitations (accepted, declined, tentative from Outlook, Thunderbird, Apple "
        "Mail) and record them on the meetings' invitations. SOURCE is an .eml file, a folder of .eml files, an "
        "mbox file (Thunderbird) or a Maildir folder; with --imap the mailbox on the server (read only, nothing is "
        "marked read; login from INTEGRATIONSNETZ_IMAP_USER and INTEGRATIONSNETZ_IMAP_PASSWORD or the keyring). "
        "Stale answers (to an older invitation, or older than the one recorded), proposals of another time and "
        "unknown senders are listed, not recorded; recorded attendance stays.",
    ),
    "mail.replies.short": ("Rückmeldungen auf Einladungen einlesen.", "Read the answers to invitations."),
    "mail.replies.imap": (
        "Das IMAP-Postfach auf HOST (Port 993 mit TLS, sonst angeben) lesen.",
        "Read the IMAP mailbox on HOST (port 993 with TLS unless given).",
    ),
    "mail.replies.folder": ("Der IMAP-Ordner.", "The IMAP folder."),
    "mail.replies.security": (
        "Wie die IMAP-Verbindung geschützt ist: tls (Port 993), starttls (Port 143) oder "
        "keine (nur auf diesem Rechner).",
        "How the IMAP connection is secured: tls (port 993), starttls (port 143) or keine (none; this computer only).",
    ),
    "mail.replies.since": ("Nur Nachrichten ab diesem Tag lesen (IMAP).", "Read only messages from this day (IMAP)."),
    "mail.replies.dry_run": (
        "Nur zeigen, was sich ändern würde; nichts schreiben.",
        "Only show what would change; write nothing.",
    ),
    "mail.replies.nothing": (
        "Keine Quelle: QUELLE oder --imap HOST angeben.",
        "No source: give SOURCE or --imap HOST.",
    ),
    "mail.replies.bad_port": ("--imap {value}: der Port ist keine Zahl.", "--imap {value}: the port is not a number."),
    "mail.replies.read": (
        "{messages} Nachrichten gelesen, {replies} Rückmeldungen, {passed} ohne Rückmeldung.",
        "{messages} messages read, {replies} answers, {passed} without an answer.",
    ),
    "mail.replies.head": ("Quelle", "Source"),
    "mail.replies.head.meeting": ("Termin", "Meeting"),
    "mail.replies.head.who": ("Wer", "Who"),
    "mail.replies.head.answer": ("Antwort", "Answer"),
    "mail.replies.head.result": ("Ergebnis", "Result"),
    "mail.replies.changed": ("Eingetragen ({count}):", "Recorded ({count}):"),
    "mail.replies.proposed": (
        "Neue Zeit vorgeschlagen, nicht eingetragen ({count}):",
        "Another time proposed, not recorded ({count}):",
    ),
    "mail.replies.ignored": ("Nicht eingetragen ({count}):", "Not recorded ({count}):"),
    "mail.replies.unmatched": ("Nicht zugeordnet ({count}):", "Not matched ({count}):"),
    "mail.replies.problems": ("Nicht lesbar ({count}):", "Unreadable ({count}):"),
    "mail.replies.other_sender": ("gesendet von {sender}", "sent by {sender}"),
    "mail.replies.shared": ("geteiltes Postfach, auch für {others}", "shared mailbox, also for {others}"),
    "mail.replies.other_sender.notice": (
        "Achtung: die Rückmeldung für {who} wurde von {sender} gesendet, nicht von der Adresse der Eingeladenen.",
        "Note: the answer for {who} was sent by {sender}, not from the invitee's address.",
    ),
    "mail.replies.dry": ("Probelauf: nichts geschrieben.", "Dry run: nothing written."),
    "mail.replies.none_changed": ("Keine Einladung ändert sich.", "No invitation changes."),
    "mail.replies.confirm": (
        "Rückmeldungen eintragen in {count} Termine ({store}):",
        "Record answers in {count} meetings ({store}):",
    ),
    "mail.replies.confirm.one": (
        "Rückmeldungen eintragen in 1 Termin ({store}):",
        "Record answers in 1 meeting ({store}):",
    ),
    "mail.replies.saved": ("{count} Termine gespeichert: {ids}", "{count} meetings saved: {ids}"),
    "mail.replies.saved.one": ("1 Termin gespeichert: {ids}", "1 meeting saved: {ids}"),
    "mail.replies.answer.ACCEPTED": ("zugesagt", "accepted"),
    "mail.replies.answer.DECLINED": ("abgesagt", "declined"),
    "mail.replies.answer.TENTATIVE": ("vorläufig zugesagt", "tentative"),
    "mail.replies.answer.DELEGATED": ("weitergeleitet", "delegated"),
    "mail.replies.answer.COUNTER": ("neue Zeit vorgeschlagen", "another time proposed"),
}
