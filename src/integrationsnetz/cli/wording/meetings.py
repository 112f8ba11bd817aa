"""Meetings, tasks, the meeting documents (Word too, sign-in sheets, badges) and the course report.

Key -> (German, English); :mod:`integrationsnetz.cli.wording` joins the topics.
"""

WORDS: dict[str, tuple[str, str]] = {
    # Word files of the meeting documents (cli/commands/printing.py)
    "print.binary_needs_out": ("Eine Word-Datei (--format docx) braucht --out DATEI (oder --out - für die "
                               "Standardausgabe).",
                               "A Word file (--format docx) needs --out FILE (or --out - for standard output)."),
    "print.binary_terminal": ("Eine Word-Datei wird nicht ins Terminal geschrieben: --out DATEI angeben oder "
                              "umleiten.",
                              "A Word file is not written to a terminal: give --out FILE or redirect."),
    "help.debug": ("Bei Fehlern den vollständigen Traceback zeigen.", "Show the full traceback on errors."),
    # --- the meeting documents (cli/commands/printing.py): sign-in sheet and badges
    "help.teilnehmendenliste": ("Die Teilnehmendenliste von Terminen drucken: Name, Organisation, Unterschrift, "
                                "Kästchen für die Einwilligung zu Fotos und Veröffentlichung, leere Zeilen für "
                                "Spontane. Namen nur mit --mit-namen.",
                                "Print the sign-in sheet of meetings: name, organisation, signature, tick boxes for "
                                "consent to photos and publication, blank rows for walk-ins. Names only with "
                                "--mit-namen."),
    "short.teilnehmendenliste": ("Teilnehmendenliste drucken.", "Print a sign-in sheet."),
    "help.namensschilder": ("Namensschilder für Termine drucken: Name (oder Funktion) und Organisation; in HTML "
                            "acht auf einer A4-Seite, mit leeren Schildern bis zur erwarteten Teilnehmerzahl.",
                            "Print name badges for meetings: name (or function) and organisation; in HTML eight "
                            "to an A4 page, with blank ones up to the expected number of participants."),
    "short.namensschilder": ("Namensschilder drucken.", "Print name badges."),
    # --- meetings, tasks, documents, course report (cli/commands/meetings.py, tasks.py, printing.py,
    # course_report.py; cli/editing.py, times.py, meeting_times.py)
    "help.edit.json": ("Das Gespeicherte als JSON ausgeben (Änderung und Frage gehen nach stderr).",
                       "Print what was saved as JSON (the change and the question go to stderr)."),
    "help.termin": (
        "Termine anlegen, ändern, bestätigen, absagen; Anwesenheit und Protokoll festhalten.\n\n"
        "Die Befehle schreiben in den Speicher des Arbeitsordners (das laufende Protokoll des Netzwerks). "
        "Steht der Termin im Netzwerkdokument, wird auch das Dokument mit dem geänderten Termin neu "
        "geschrieben, denn das Dokument gewinnt beim Lesen und `plan` schreibt es zuerst in den Speicher. "
        "Jeder Befehl zeigt die Änderung Feld für Feld (und ob das Dokument mit geschrieben wird) und fragt "
        "nach (oder nimmt --yes); geschrieben wird in einer Transaktion des Speichers, danach das Dokument.\n\n"
        "Zeiten sind Ortszeit der Zeitzone (Standard Europe/Berlin): \"10.02.2027 10:00\", \"10.02.2027\", "
        "\"2027-02-10T10:00\". Eine Zeit, die es wegen der Sommerzeit nicht gibt (28.03.2027 02:30), wird "
        "abgelehnt; eine, die es zweimal gibt (31.10.2027 02:30), braucht --erste (noch Sommerzeit) oder "
        "--zweite (schon Winterzeit).",
        "Add, change, confirm and cancel meetings; record attendance and minutes.\n\n"
        "The commands write to the workspace's store (the network's living record). When the meeting is "
        "defined in the network document, the document is rewritten with the changed meeting too, because "
        "the document wins when the network is read and `plan` writes it into the store first. Every command "
        "shows the change field by field (and whether the document is rewritten) and asks (or takes --yes); "
        "the write is one store transaction, then the document.\n\n"
        "Times are wall-clock times of the zone (default Europe/Berlin): \"10.02.2027 10:00\", "
        "\"10.02.2027\", \"2027-02-10T10:00\". A time the clock skips in spring (28.03.2027 02:30) is "
        "refused; one it shows twice in autumn (31.10.2027 02:30) needs --erste (still summer time) or "
        "--zweite (winter time already).",
    ),
    "short.termin": ("Termine anlegen, ändern, absagen; Anwesenheit, Protokoll.",
                     "Add, change, cancel meetings; attendance, minutes."),
    "help.termin.neu": ("Einen Termin im Speicher anlegen (Status geplant). Ohne --ende oder --dauer dauert er "
                        "zwei Stunden; ohne --id heißt er nach Gruppe (oder Titel) und Tag.",
                        "Add a meeting to the store (status planned). Without --ende or --dauer it lasts two "
                        "hours; without --id it is named after the group (or title) and the day."),
    "short.termin.neu": ("Termin anlegen.", "Add a meeting."),
    "help.termin.aendern": (
        "Einen Termin ändern (im Speicher, und im Netzwerkdokument, wenn er dort steht). Ein neuer --beginn "
        "behält die Dauer; nur ein Tag behält die Uhrzeit. Ein geplanter Termin einer Planungsreihe würde "
        "beim nächsten `plan` neu gesetzt (Zeit, Ort, Raum, Titel): eine solche Änderung bestätigt ihn "
        "deshalb zugleich (Status bestätigt, den der Planer behält), und der Befehl sagt das vor der Frage.",
        "Change a meeting (in the store, and in the network document when it is defined there). A new "
        "--beginn keeps the length; a day alone keeps the time of day. A planned session of a planning "
        "series would be set anew by the next `plan` (time, venue, room, title): such a change therefore "
        "also confirms it (status confirmed, which the planner keeps), and the command says so before asking.",
    ),
    "short.termin.aendern": ("Termin ändern.", "Change a meeting."),
    "help.termin.bestaetigen": ("Einen Termin bestätigen (die Einladungen gehen raus; `plan` verschiebt ihn nicht "
                                "mehr). Ein abgesagter Termin wird so wieder angesetzt.",
                                "Confirm a meeting (invitations go out; `plan` no longer moves it). A cancelled "
                                "meeting is so set up again."),
    "short.termin.bestaetigen": ("Termin bestätigen.", "Confirm a meeting."),
    "help.termin.absagen": (
        "Einen Termin absagen: er bleibt mit Status abgesagt erhalten (nie gelöscht: seine UID bleibt in den "
        "Kalendern, die so die Absage bekommen), und die Absage als iCalendar-Nachricht (METHOD:CANCEL, "
        "gleiche UID, höhere SEQUENCE) wird nach out/absage-ID.ics geschrieben, zum Verschicken. Die "
        "Nachricht braucht einen Organisator mit E-Mail-Adresse (sonst die des Netzwerks); ohne sie lehnt "
        "der Befehl ab, --ohne-ics sagt ohne Nachricht ab.",
        "Cancel a meeting: it stays with status cancelled (never deleted: its UID stays in the "
        "calendars, which so receive the cancellation), and the cancellation as an iCalendar message "
        "(METHOD:CANCEL, same UID, higher SEQUENCE) is written to out/absage-ID.ics, to send. The message "
        "needs an organiser with an e-mail address (else the network's); without one the command refuses, "
        "--ohne-ics cancels without the message.",
    ),
    "short.termin.absagen": ("Termin absagen, Absage (.ics) schreiben.", "Cancel a meeting, write the CANCEL (.ics)."),
    "help.termin.anwesenheit": ("Festhalten, wer da war und wer sich entschuldigt hat; der Termin gilt dann als "
                                "stattgefunden. Nicht Eingeladene werden dazugeschrieben.",
                                "Record who was present and who sent apologies; the meeting then counts as "
                                "held. People not invited are added."),
    "short.termin.anwesenheit": ("Anwesenheit festhalten.", "Record attendance."),
    "help.termin.protokoll": ("Das Protokoll eines Termins schreiben: Text (ersetzt), Beschlüsse (hinzugefügt), "
                              "Protokollant, Genehmigung. Drucken: `integrationsnetz protokoll ID`.",
                              "Write a meeting's minutes: text (replaced), decisions (added), who recorded them, "
                              "approval. To print them: `integrationsnetz protokoll ID`."),
    "short.termin.protokoll": ("Protokoll und Beschlüsse festhalten.", "Record minutes and decisions."),
    "help.termin.titel": ("Titel des Termins.", "Title of the meeting."),
    "help.termin.id": ("Kennung des Termins (Standard: Gruppe oder Titel und Tag).",
                       "Id of the meeting (default: group or title, and the day)."),
    "help.termin.beginn": ("Beginn als Ortszeit: \"10.02.2027 10:00\" (bei aendern auch nur ein Tag).",
                           "Start as local time: \"10.02.2027 10:00\" (with aendern also a day alone)."),
    "help.termin.ende": ("Ende: \"12:00\" am Tag des Beginns, oder Tag und Zeit.",
                         "End: \"12:00\" on the start's day, or a day and time."),
    "help.termin.dauer": ("Dauer in Minuten (90) oder Stunden:Minuten (1:30).",
                          "Length in minutes (90) or hours:minutes (1:30)."),
    "help.termin.erste": ("Eine doppelte Uhrzeit (Ende der Sommerzeit) ist die erste, noch in Sommerzeit.",
                          "A time shown twice (summer time ends) is the first one, still summer time."),
    "help.termin.zweite": ("Eine doppelte Uhrzeit ist die zweite, schon in Winterzeit.",
                           "A time shown twice is the second one, winter time already."),
    "help.termin.zeitzone": ("Zeitzone der Zeiten.", "Time zone of the times."),
    "help.termin.gruppe": ("Arbeitsgruppe (Kennung).", "Working group (id)."),
    "help.termin.art": ("Art des Termins (Standard: working_group mit --gruppe, sonst network).",
                        "Kind of meeting (default: working_group with --gruppe, else network)."),
    "help.termin.ort": ("Tagungsort (Kennung).", "Venue (id)."),
    "help.termin.raum": ("Raum im Tagungsort (Kennung).", "Room of the venue (id)."),
    "help.termin.organisator": ("Wer einlädt (Person oder Organisation).", "Who invites (person or organisation)."),
    "help.termin.moderation": ("Wer moderiert.", "Who moderates."),
    "help.termin.einladen": ("Person oder Organisation einladen (mehrfach).",
                             "Invite a person or organisation (repeatable)."),
    "help.termin.beschreibung": ("Beschreibung.", "Description."),
    "help.termin.online": ("Link zur Online-Teilnahme.", "Link to join online."),
    "help.termin.ohne_ics": ("Absagen, ohne die Absage-Nachricht zu schreiben.",
                             "Cancel without writing the cancellation message."),
    "help.termin.anwesend": ("War da (Kennung, mehrfach).", "Was present (id, repeatable)."),
    "help.termin.entschuldigt": ("Hat sich entschuldigt (Kennung, mehrfach).", "Sent apologies (id, repeatable)."),
    "help.termin.anzahl": ("Zahl der Anwesenden, wenn sie nicht einzeln erfasst sind.",
                           "Number present, when they are not listed one by one."),
    "help.termin.text": ("Protokolltext (ersetzt den bisherigen).", "Text of the minutes (replaces the old one)."),
    "help.termin.datei": ("Protokolltext aus einer Textdatei (UTF-8, UTF-16 oder Windows-ANSI; bis 1 MB).",
                          "Text of the minutes from a text file (UTF-8, UTF-16 or Windows ANSI; up to 1 MB)."),
    "help.termin.beschluss": ("Ein Beschluss (mehrfach; wird angehängt).", "A decision (repeatable; appended)."),
    "help.termin.protokollant": ("Wer protokolliert hat (Kennung).", "Who recorded the minutes (id)."),
    "help.termin.genehmigt": ("Tag der Genehmigung des Protokolls.", "Day the minutes were approved."),
    "help.aufgabe": (
        "Aufgaben einer Arbeitsgruppe anlegen und erledigen. Eine Aufgabe gehört zu ihrer Gruppe, also "
        "schreibt der Befehl die Gruppe in den Speicher, und in das Netzwerkdokument, wenn sie dort steht.",
        "Add and close a working group's tasks. A task belongs to its group, so the command writes the group "
        "to the store, and to the network document when the group is defined there.",
    ),
    "short.aufgabe": ("Aufgaben anlegen und erledigen.", "Add and close tasks."),
    "help.aufgabe.neu": ("Eine Aufgabe anlegen (Status offen).", "Add a task (status open)."),
    "short.aufgabe.neu": ("Aufgabe anlegen.", "Add a task."),
    "help.aufgabe.erledigt": ("Eine Aufgabe als erledigt festhalten.", "Record a task as done."),
    "short.aufgabe.erledigt": ("Aufgabe erledigen.", "Close a task."),
    "help.aufgabe.gruppe": ("Die Arbeitsgruppe (Kennung).", "The working group (id)."),
    "help.aufgabe.titel": ("Was zu tun ist.", "What is to be done."),
    "help.aufgabe.verantwortlich": ("Wer sie übernimmt (Kennung).", "Who takes it on (id)."),
    "help.aufgabe.faellig": ("Bis wann (TT.MM.JJJJ).", "By when (DD.MM.YYYY)."),
    "help.aufgabe.termin": ("Der Termin, in dem sie beschlossen wurde.", "The meeting that set it."),
    "help.aufgabe.id": ("Kennung der Aufgabe (Standard: aus dem Titel).", "Id of the task (default: from the title)."),
    "edit.new_meeting": ("Neuer Termin {id} in {store}:", "New meeting {id} in {store}:"),
    "edit.change_meeting": ("Termin {id} in {store} ändern:", "Change meeting {id} in {store}:"),
    "edit.new_task": ("Neue Aufgabe {id} der Gruppe {group} in {store}:", "New task {id} of group {group} in {store}:"),
    "edit.change_task": ("Aufgabe {id} der Gruppe {group} in {store} ändern:",
                         "Change task {id} of group {group} in {store}:"),
    "edit.question": ("Speichern?", "Save?"),
    "edit.answer": ("Bitte j (ja) oder n (nein).", "Please answer y (yes) or n (no)."),
    "edit.nothing_written": ("Abgebrochen: nichts geändert.", "Aborted: nothing changed."),
    "edit.saved": ("Gespeichert: {id} (Revision {revision}).", "Saved: {id} (revision {revision})."),
    "edit.saved_task": ("Gespeichert: Aufgabe {id} in Gruppe {group} (Revision {revision}).",
                        "Saved: task {id} in group {group} (revision {revision})."),
    "edit.unchanged": ("{id}: nichts zu ändern.", "{id}: nothing to change."),
    "edit.problems": ("{count} Probleme, nichts gespeichert:", "{count} problems, nothing saved:"),
    "edit.exists": ("{id!r} gibt es schon; `termin aendern` oder eine andere --id.",
                    "{id!r} exists already; use `termin aendern` or another --id."),
    "edit.document_changed": ("{file} wurde inzwischen geändert (von Hand oder von einem anderen Befehl); "
                               "nichts wurde gespeichert. Bitte den Befehl noch einmal ausführen.",
                               "{file} was changed meanwhile (by hand or by another command); nothing was saved. "
                               "Run the command again."),
    "edit.conflict": ("{ids} wurde inzwischen von jemand anderem geändert; nichts wurde gespeichert. "
                      "Bitte den Befehl noch einmal ausführen.",
                      "{ids} was changed meanwhile by someone else; nothing was saved. Run the command again."),
    "lock.busy": ("ein anderer Befehl schreibt seit {seconds} s in diesen Arbeitsordner (Sperre {file}); "
                  "nichts geändert. Bitte später noch einmal.",
                  "another command has been writing to this workspace for {seconds} s (lock {file}); "
                  "nothing changed. Try again later."),
    "lock.unusable": ("die Sperrdatei {file} lässt sich nicht anlegen ({error}); nichts geändert.",
                      "the lock file {file} cannot be created ({error}); nothing changed."),
    "edit.document_too": ("auch das Netzwerkdokument {file} wird neu geschrieben, denn es enthält {ids}.",
                          "the network document {file} is rewritten too, because it holds {ids}."),
    "edit.document_layout": (
        "{file} hat Kommentare oder eine eigene Form, die das Neuschreiben nicht behält: es wird so "
        "geschrieben, wie documents.save schreibt.",
        "{file} holds comments or formatting that the rewrite does not keep: it is written as documents.save "
        "writes it.",
    ),
    "edit.document_unwritable": ("das Netzwerkdokument {file} lässt sich nicht neu schreiben ({error}); "
                                 "nichts geändert.",
                                 "the network document {file} cannot be rewritten ({error}); nothing changed."),
    "edit.document_invalid": ("mit der Änderung wäre das Netzwerkdokument {file} nicht mehr vollständig; "
                              "nichts geändert:",
                              "with the change the network document {file} would no longer hold together; "
                              "nothing changed:"),
    "edit.document_not_updated": (
        "der Speicher hat die Änderung (oben), aber das Netzwerkdokument {file} wurde NICHT "
        "aktualisiert: {error}\n  Solange gilt beim Lesen und bei `plan` der alte Stand des Dokuments. "
        "Den Befehl noch einmal ausführen, wenn die Datei schreibbar ist (er schreibt beides), oder das "
        "Dokument aus dem Speicher schreiben (`integrationsnetz netz schreiben`).",
        "the store holds the change (above), but the network document {file} was NOT updated: "
        "{error}\n  Until it is, reading and `plan` use the document's old version. Run the command again "
        "once the file is writable (it writes both), or write the document from the store "
        "(`integrationsnetz netz schreiben`).",
    ),
    "edit.no_meeting": ("kein Termin mit der Kennung {id!r}.", "no meeting with the id {id!r}."),
    "edit.no_group": ("keine Arbeitsgruppe {id!r}.", "no working group {id!r}."),
    "edit.no_task": ("keine Aufgabe mit der Kennung {id!r}.", "no task with the id {id!r}."),
    "edit.unknown_actor": ("keine Person oder Organisation mit der Kennung {id!r}.",
                           "no person or organisation with the id {id!r}."),
    "edit.is_cancelled": ("der Termin {id!r} ist abgesagt; `termin bestaetigen` setzt ihn wieder an.",
                          "the meeting {id!r} is cancelled; `termin bestaetigen` sets it up again."),
    "edit.is_held": ("der Termin {id!r} hat schon stattgefunden.", "the meeting {id!r} has already been held."),
    "edit.uncancels": ("der abgesagte Termin wird wieder angesetzt.", "the cancelled meeting is set up again."),
    "edit.confirms_series": (
        "ein geplanter Termin der Planungsreihe {series!r}: das nächste `plan` würde die Änderung ersetzen, "
        "deshalb wird er zugleich bestätigt (den bestätigten Termin behält der Planer).",
        "a planned session of the planning series {series!r}: the next `plan` would replace the change, so it "
        "is confirmed with it (the planner keeps confirmed sessions).",
    ),
    "edit.cancel_misses": ("nicht in der Absage (bitte selbst benachrichtigen): {who}: {reason}",
                           "not in the cancellation (tell them yourself): {who}: {reason}"),
    "edit.cancel_file": ("die Absage für die Kalender wird nach {path} geschrieben.",
                         "the cancellation for calendars is written to {path}."),
    "edit.cancel_written": ("Absage geschrieben: {path} (zum Verschicken als text/calendar; method=CANCEL).",
                            "Cancellation written: {path} (send it as text/calendar; method=CANCEL)."),
    "edit.no_cancel_file": ("die Absage-Nachricht lässt sich nicht schreiben: {error}; nichts geändert "
                            "(--ohne-ics sagt ohne Nachricht ab).",
                            "the cancellation message cannot be written: {error}; nothing changed "
                            "(--ohne-ics cancels without the message)."),
    "edit.nothing_given": ("nichts anzugeben: {options}", "nothing given: {options}"),
    "edit.text_or_file": ("--text oder --datei, nicht beides.", "--text or --datei, not both."),
    "time.bad": ("{value!r} ist keine Zeit (TT.MM.JJJJ HH:MM, TT.MM.JJJJ oder JJJJ-MM-TTTHH:MM)",
                 "{value!r} is not a time (DD.MM.YYYY HH:MM, DD.MM.YYYY or YYYY-MM-DDTHH:MM)"),
    "time.need_clock": ("{value!r} nennt keine Uhrzeit: \"TT.MM.JJJJ HH:MM\" angeben",
                        "{value!r} gives no time of day: give \"DD.MM.YYYY HH:MM\""),
    "time.gap": ("{value} gibt es in {zone} nicht: die Uhr springt um {skipped} auf {to} "
                 "(Beginn der Sommerzeit); eine andere Zeit angeben",
                 "{value} does not exist in {zone}: the clock jumps from {skipped} to {to} "
                 "(summer time begins); give another time"),
    "time.twice": ("{value} gibt es in {zone} zweimal (Ende der Sommerzeit): --erste ({first}) oder "
                   "--zweite ({second}) angeben",
                   "{value} happens twice in {zone} (summer time ends): give --erste ({first}) or "
                   "--zweite ({second})"),
    "time.bad_zone": ("unbekannte Zeitzone {value!r} (z. B. Europe/Berlin)",
                      "unknown time zone {value!r} (e.g. Europe/Berlin)"),
    "time.bad_length": ("{value!r} ist keine Dauer (Minuten wie 90, oder 1:30)",
                        "{value!r} is not a length (minutes such as 90, or 1:30)"),
    "time.end_or_length": ("--ende oder --dauer, nicht beides.", "--ende or --dauer, not both."),
    "week.bad": ("{value!r} ist keine Woche (diese, nächste, letzte, eine Kalenderwoche wie 6 oder 2027-6)",
                 "{value!r} is not a week (this, next, last, a calendar week such as 6 or 2027-6)"),
    "help.einladung": ("Die Einladung zu Terminen als Brief drucken: Absender, Anrede, Zeit und Ort mit Anfahrt "
                       "und Barrierefreiheit, Anmeldung, die Tagesordnung mit Zeiten, Kontakt. "
                       "Termine per Kennung oder --woche; Markdown (Standard), HTML (druckt auf A4) oder Word (docx); "
                       "auf die Standardausgabe oder mit --out in eine Datei.",
                       "Print the invitation to meetings as a letter: sender, salutation, time and place with "
                       "directions and accessibility, registration, the agenda with times, contact. Meetings by "
                       "id or --woche; Markdown (default), HTML (prints on A4) or Word (docx); to standard output or "
                       "with --out to a file."),
    "short.einladung": ("Einladung drucken (Markdown, HTML, Word).", "Print an invitation (Markdown, HTML, Word)."),
    "help.agenda": ("Die Tagesordnung drucken: TOP, Zeiten, Vortragende, Pausen. Für mehrere Termine (z. B. "
                    "--woche nächste) zuerst ihre Übersicht. Abgesagte Termine zählt --woche nicht mit.",
                    "Print the agenda (Tagesordnung): items, times, presenters, breaks. For several meetings "
                    "(e.g. --woche next) their overview first. --woche leaves cancelled meetings out."),
    "short.agenda": ("Agenda einer Woche oder von Terminen drucken.", "Print the agenda of a week or of meetings."),
    "help.protokoll": ("Das Protokoll von Terminen drucken: Moderation, Protokollführung, Anwesende und "
                       "Entschuldigte, je TOP Verlauf, Beschlüsse und Aufgaben, offene Aufgaben der letzten "
                       "Sitzung, nächster Termin, Verteiler. Festhalten: `integrationsnetz termin protokoll`.",
                       "Print the minutes of meetings: moderation, minute-taker, present and excused, per item "
                       "the discussion, decisions and tasks, open tasks of the last meeting, next date, "
                       "distribution list. To record them: `integrationsnetz termin protokoll`."),
    "short.protokoll": ("Protokoll drucken.", "Print minutes."),
    "help.print.woche": ("Die Termine einer Woche: diese, nächste (naechste), letzte, eine Kalenderwoche (6) "
                         "oder Jahr und Woche (2027-6).",
                         "The meetings of a week: this, next, last (or German diese, nächste, letzte), a "
                         "calendar week (6) or year and week (2027-6)."),
    "help.print.format": ("markdown, html (druckfertig, A4) oder docx (Word; braucht --out).",
                          "markdown, html (print-ready, A4) or docx (Word; needs --out)."),
    "help.print.out": ("In diese Datei schreiben statt auf die Standardausgabe.",
                       "Write to this file instead of standard output."),
    "help.print.mit_namen": ("Namen von Personen zeigen (sonst nur ihre Funktion).",
                             "Show people's names (else only their function)."),
    "print.choose": ("Termine angeben: Kennungen oder --woche.", "Choose meetings: ids or --woche."),
    "print.no_minutes": ("Zu {ids} ist noch kein Protokoll erfasst (weder Protokoll noch Anwesenheit): "
                         "`integrationsnetz termin protokoll ID --text …` und `integrationsnetz termin anwesenheit` "
                         "erfassen es.",
                         "No minutes recorded for {ids} yet (neither minutes nor attendance): "
                         "`integrationsnetz termin protokoll ID --text …` and `integrationsnetz termin anwesenheit` "
                         "record them."),
    "print.no_minutes_left_out": ("Ohne Protokoll, nicht gedruckt: {ids}.", "Without minutes, not printed: {ids}."),
    "print.none": ("Keine Termine vom {first} bis {last}.", "No meetings from {first} to {last}."),
    "print.written": ("{path} geschrieben ({count} Termine).", "{path} written ({count} meetings)."),
    "help.kursbericht": (
        "Den Kursbericht (Zahlen, Daten, Fakten zu den Integrationskursen) für die Daten eines Landkreises "
        "schreiben: die des Arbeitsordners oder ein Dokument mit --daten, dazu eine Kursliste eines Trägers "
        "(--kursliste, CSV; 'beispiel' für die mitgelieferte). In ORDNER (Standard: out/zahlen-daten-fakten) "
        "kommen bericht.md, bericht.html, die CSV-Tabellen und die Diagramme; die Zusammenfassung wird "
        "ausgegeben.",
        "Write the course report (figures on the integration courses) for any district's data: the "
        "workspace's or a document given with --daten, plus a provider's course list (--kursliste, CSV; "
        "'beispiel' for the shipped sample). ORDNER (default: out/zahlen-daten-fakten) gets bericht.md, "
        "bericht.html, the CSV tables and the charts; the summary is printed.",
    ),
    "short.kursbericht": ("Kursbericht schreiben.", "Write the course report."),
    "help.kurs.daten": ("Ein Netzwerkdokument mit Kursen und Wartelisten statt des Arbeitsordners.",
                        "A network document with courses and waiting lists instead of the workspace."),
    "help.kurs.kursliste": ("Die Kursliste eines Trägers (CSV) vorher hinzunehmen.",
                            "Add a provider's course list (CSV) first."),
    "help.kurs.kursarten": ("Kursarten und Regeln aus dieser Datei (.toml/.json).",
                            "Course types and rules from this file (.toml/.json)."),
    "help.kurs.stand": ("Stichtag (Standard: die neueste Warteliste).",
                        "The day of the figures (default: the newest waiting list)."),
    "help.kurs.bis": ("Bis wann der Rückstau abgebaut sein soll.", "When the backlog should be cleared by."),
    "help.kurs.ohne_diagramme": ("Keine Diagramme.", "No charts."),
    "kurs.written": ("{count} Dateien in {folder}", "{count} files in {folder}"),
}  # fmt: skip
