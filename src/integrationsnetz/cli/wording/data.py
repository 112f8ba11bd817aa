"""Data in and out, a person's data, the store and the document (``import``, ``export``, ``person``,
``store``, ``netz``).

Key -> (German, English); :mod:`integrationsnetz.cli.wording` joins the topics.
"""

WORDS: dict[str, tuple[str, str]] = {
    # the data commands' own messages in the run's language
    "export.unknown_format": ("kein Exporter für das Format {format!r}; bekannte Formate: {known}.",
                              "no exporter for format {format!r}; known formats: {known}."),
    # -- data in and out, a person's data, the store, the document (cli/commands/transfer, person, store, document)
    "help.yes": ("Nicht nachfragen: die Änderung ohne Rückfrage ausführen.",
                 "Do not ask: make the change without asking."),
    "confirm": ("Ausführen?", "Go ahead?"),
    "changes.none": ("Nichts zu ändern.", "Nothing to change."),
    "changes.counts": ("{new} neu, {changed} geändert, {same} unverändert",
                       "{new} new, {changed} changed, {same} unchanged"),
    "help.import": (
        "Eine Datei in den Speicher einlesen: Kalender (.ics), Akteursverzeichnis (.csv, .xlsx), Netzwerkdokument "
        "(.json) oder mit --kurse eine Kursliste (.csv, .xlsx). Zeigt vorher, was sich ändert, und fragt nach. "
        "Eine fehlerhafte Datei ändert nichts; jede fehlerhafte Zeile wird genannt.",
        "Read a file into the store: a calendar (.ics), an actor directory (.csv, .xlsx), a network document "
        "(.json) or, with --kurse, a course list (.csv, .xlsx). Shows what changes first and asks. "
        "A bad file changes nothing; every bad row is named.",
    ),
    "help.import.format": ("Format (Standard: aus der Dateiendung).", "Format (default: from the file's suffix)."),
    "help.import.kurse": ("Die Datei ist eine Kursliste (Kursart, Träger, Beginn …).",
                          "The file is a course list (course type, provider, start …)."),
    "help.import.traeger": ("Unbekannte Kursträger als neue Organisationen anlegen.",
                            "Create unknown course providers as new organisations."),
    "import.preview": ("{source} -> {store}: {counts}", "{source} -> {store}: {counts}"),
    "import.skipped": ("Ausgelassen ({count}):", "Skipped ({count}):"),
    "import.deleted": (", {count} gelöscht", ", {count} deleted"),
    "import.deleted.one": (", 1 gelöscht", ", 1 deleted"),
    "import.deletes": ("  {id}: wird gelöscht (nicht mehr im Kalender)", "  {id}: deleted (no longer in the calendar)"),
    "import.deletes_document": ("der Kalender löscht {ids}, die das Netzwerkdokument {file} festlegt; nichts "
                                "geändert. Bitte dort löschen (oder `termin absagen`) und noch einmal einlesen.",
                                "the calendar deletes {ids}, which the network document {file} defines; nothing "
                                "changed. Delete them there (or `termin absagen`) and import again."),
    "import.cleared": ("{id}: {field} würde geleert", "{id}: {field} would be cleared"),
    "import.done": ("Eingelesen: {count} Einträge geschrieben.", "Imported: {count} entries written."),
    "help.export": (
        "Das Netzwerk in einem Format ausgeben (ohne FORMAT: die bekannten Formate, Plugins eingeschlossen). "
        "Personenbezogene Daten nur mit --personendaten. Die Datei wird atomar geschrieben; DATEI - schreibt auf "
        "die Standardausgabe.",
        "Export the network in a format (without FORMAT: the known formats, plugins included). "
        "Personal data only with --personendaten. The file is written atomically; FILE - writes to standard output.",
    ),
    "help.export.personendaten": ("Namen und Kontaktdaten von Personen mit ausgeben (DSGVO: nur wenn nötig).",
                                  "Include people's names and contact details (GDPR: only when needed)."),
    "help.export.tabelle": ("Für csv: actors, attendance oder courses.", "For csv: actors, attendance or courses."),
    "help.export.auswahl": ("Nur diese Kennung (Arbeitsgruppe, Termin, Organisation …) ausgeben, etwa den "
                            "Verteiler einer AG; mehrfach möglich.",
                            "Export only this id (working group, meeting, organisation …), e.g. a group's "
                            "distribution list; may be repeated."),
    "help.export.stichtag": ("Der Tag, für den Einwilligungen und Mitgliedschaften gelten (Standard: heute).",
                             "The day consents and memberships are decided for (default: today)."),
    "help.export.publikum": ("Für wen: oeffentlich (Standard, ohne Personendaten), intern (Namen; Kontakte mit "
                             "Einwilligung „directory“) oder empfaenger (dazu E-Mail mit Einwilligung "
                             "„invitations“: Einladungen, mailto-Verteiler).",
                             "For whom: oeffentlich (public, the default, no personal data), intern (internal: "
                             "names; contacts with a directory consent) or empfaenger (recipients: and e-mail "
                             "with an invitations consent: invitations, mailto lists)."),
    "export.publikum_conflict": ("--personendaten passt nicht zu --publikum oeffentlich.",
                                 "--personendaten contradicts --publikum oeffentlich."),
    "export.left_out": ("Nicht in der Ausgabe ({count}):", "Not in the output ({count}):"),
    "export.left_out_line": ("  - {who}: {reason}", "  - {who}: {reason}"),
    "export.reason.consent": ("keine Einwilligung „{purpose}“ am {day}", "no {purpose} consent on {day}"),
    "export.reason.no_email": ("keine E-Mail-Adresse in der Ausgabe", "no e-mail address in the output"),
    "export.overwrite": ("{path} gibt es schon und wird ersetzt.", "{path} exists and will be replaced."),
    "export.binary_terminal": ("{format} ist keine Textdatei und wird nicht ins Terminal geschrieben: DATEI angeben "
                               "oder umleiten.",
                               "{format} is no text file and is not written to a terminal: give FILE or redirect."),
    "export.long_link": ("Hinweis: Der Link ist {size} Zeichen lang; manche E-Mail-Programme (Outlook unter Windows) "
                         "schneiden ab etwa 2.000 Zeichen ab. Für so viele Adressen besser die Kontaktliste: "
                         "`integrationsnetz export vcard` oder `outlook-csv`.",
                         "Note: the link is {size} characters long; some mail programs (Outlook on Windows) cut it "
                         "beyond about 2,000. For this many addresses use the contact list instead: "
                         "`integrationsnetz export vcard` or `outlook-csv`."),
    "export.written": ("Geschrieben: {path} ({size} Bytes).", "Written: {path} ({size} bytes)."),
    "col.format": ("Format", "Format"),
    "col.suffix": ("Endung", "Suffix"),
    "col.description": ("Beschreibung", "Description"),
    "col.import": ("Einlesen", "Import"),
    "col.export": ("Ausgeben", "Export"),
    "help.person": ("Die Daten einer Person: Auskunft (DSGVO Art. 15) und Löschung (Art. 17).",
                    "A person's data: access (GDPR Art. 15) and erasure (Art. 17)."),
    "help.person.auskunft": (
        "Alles, was der Speicher über eine Person hält, als JSON (DSGVO Art. 15): ihr Eintrag, ihre "
        "Mitgliedschaften und jede Stelle, die sie nennt. Nichts über andere Personen.",
        "Everything the store holds on a person as JSON (GDPR Art. 15): their record, their memberships "
        "and every place that names them. Nothing about other people.",
    ),
    "help.person.out": ("In diese Datei schreiben (atomar) statt auf die Ausgabe.",
                        "Write to this file (atomically) instead of the output."),
    "help.person.loeschen": (
        "Eine Person und jeden Verweis auf sie löschen (DSGVO Art. 17), im Speicher und im Netzwerkdokument, "
        "dazu jede Datei in out/, die sie nennt (Absagen, Dokumente mit Namen; erzeugte Ausgabe, die die Befehle "
        "neu schreiben). Zeigt vorher, was sich ändert und welche Dateien gelöscht werden, und fragt nach.",
        "Erase a person and every reference to them (GDPR Art. 17), in the store and in the network document, "
        "and every file in out/ that names them (cancellations, documents with names; generated output the "
        "commands write again). Shows what changes and which files are deleted first, and asks.",
    ),
    "person.unknown": ("keine Person mit der Kennung {id!r} im Speicher oder Dokument.",
                       "no person with the id {id!r} in the store or the document."),
    "person.preview": ("Löschen: Person {id} ({function}); {count} Einträge ändern sich:",
                       "Erase: person {id} ({function}); {count} entries change:"),
    "person.document": ("Auch im Netzwerkdokument {path}: {count} Einträge.",
                        "In the network document {path} too: {count} entries."),
    "person.erased": ("Gelöscht: {id}; {count} Einträge im Speicher geändert.",
                      "Erased: {id}; {count} entries changed in the store."),
    "person.written": ("Geschrieben: {path}", "Written: {path}"),
    "help.store_group": ("Der Speicher: Überblick, Migration, Kopie in einen anderen Speicher.",
                         "The store: overview, migration, copy into another store."),
    "help.store.info": ("Speicher-URL, Art, Schemaversion und wie viele Einträge jeder Art er hält.",
                        "Store URL, backend, schema version and how many entries of each kind it holds."),
    "help.store.migrieren": ("Einen Speicher älterer Schemaversion auf die aktuelle bringen (in einer Transaktion).",
                             "Bring a store of an older schema version up to the current one (in one transaction)."),
    "help.store.kopieren": (
        "Alles aus dem Speicher in den Speicher ZIEL kopieren, z. B. von sqlite: nach postgresql:, wenn ein Kreis "
        "aus einer Datei herauswächst. Die Kopie läuft in einer Transaktion des Ziels: abgebrochen bleibt das Ziel "
        "wie vorher. Ein Ziel mit Einträgen wird nur mit --ersetzen beschrieben.",
        "Copy everything from the store into the store ZIEL, e.g. from sqlite: to postgresql: when a district "
        "outgrows a file. The copy runs in one transaction of the target: interrupted, the target stays as it "
        "was. A target with entries is written only with --ersetzen.",
    ),
    "help.store.von": ("Quell-Speicher (Standard: der des Arbeitsordners).",
                       "Source store (default: the workspace's)."),
    "help.store.ersetzen": (
        "Auch in ein Ziel kopieren, das schon Einträge hält (gleiche Kennungen werden überschrieben).",
        "Copy into a target that holds entries too (the same ids are overwritten).",
    ),
    "store.url": ("Speicher: {url}", "Store: {url}"),
    "store.backend": ("Art: {scheme}", "Backend: {scheme}"),
    "store.version": ("Schemaversion: {version} (aktuell: {current})",
                      "Schema version: {version} (current: {current})"),
    "store.network": ("Netzwerk {id}: {name}", "Network {id}: {name}"),
    "store.total": ("Einträge insgesamt: {count}", "Entries in all: {count}"),
    "store.migrate_from": ("{url}: Schemaversion {old} -> {new}.", "{url}: schema version {old} -> {new}."),
    "store.current": ("{url}: schon auf Schemaversion {version}; nichts zu tun.",
                      "{url}: already at schema version {version}; nothing to do."),
    "store.migrated": ("Migriert: {url} hat Schemaversion {version}.", "Migrated: {url} has schema version {version}."),
    "store.same": ("Quelle und Ziel sind derselbe Speicher.", "Source and target are the same store."),
    "store.target_full": ("das Ziel {url} hält schon {count} Einträge; --ersetzen angeben, um trotzdem zu kopieren.",
                          "the target {url} holds {count} entries already; give --ersetzen to copy anyway."),
    "store.copy_preview": ("{source} -> {target}: {count} Einträge kopieren.",
                           "{source} -> {target}: copy {count} entries."),
    "store.copying": ("Kopiere {count} Einträge …", "Copying {count} entries …"),
    "store.copied": ("Kopiert: {count} Einträge nach {target}.", "Copied: {count} entries to {target}."),
    "help.netz_group": ("Netzwerkdokument und Speicher abgleichen: zwei Ansichten eines Netzwerks.",
                        "Keep the network document and the store in step: two views of one network."),
    "help.netz.laden": ("Das Netzwerkdokument in den Speicher schreiben (alles oder nichts).",
                        "Write the network document into the store (all or nothing)."),
    "help.netz.schreiben": (
        "Das Netzwerk aus dem Speicher (mit den geplanten Terminen) ins Netzwerkdokument schreiben, atomar; "
        "zeigt vorher, was sich ändert. DATEI: ein anderes Dokument (Standard: das des Arbeitsordners).",
        "Write the store's network (with the planned meetings) into the network document, atomically; "
        "shows what changes first. DATEI: another document (default: the workspace's).",
    ),
    "netz.no_document": ("kein Netzwerkdokument: --netz angeben oder DATEI nennen.",
                         "no network document: give --netz or name DATEI."),
    "netz.collection": ("  {name}: {counts}", "  {name}: {counts}"),
    "netz.loaded": ("In den Speicher geschrieben: {count} Einträge.", "Written into the store: {count} entries."),
    "netz.written": ("Geschrieben: {path}", "Written: {path}"),
    "short.import": ("Datei in den Speicher einlesen.", "Read a file into the store."),
    "short.export": ("Netzwerk in einem Format ausgeben.", "Export the network in a format."),
    "short.person": ("Daten einer Person: Auskunft, Löschung.", "A person's data: access, erasure."),
    "short.person.auskunft": ("Auskunft über eine Person (Art. 15).", "Access to a person's data (Art. 15)."),
    "short.person.loeschen": ("Eine Person löschen (Art. 17).", "Erase a person (Art. 17)."),
    "short.store": ("Speicher: info, migrieren, kopieren.", "Store: info, migrate, copy."),
    "short.store.info": ("Überblick über den Speicher.", "Overview of the store."),
    "short.store.migrieren": ("Auf die aktuelle Schemaversion bringen.", "Bring to the current schema version."),
    "short.store.kopieren": ("In einen anderen Speicher kopieren.", "Copy into another store."),
    "short.netz": ("Dokument und Speicher abgleichen.", "Keep document and store in step."),
    "short.netz.laden": ("Dokument -> Speicher.", "Document -> store."),
    "short.netz.schreiben": ("Speicher -> Dokument.", "Store -> document."),
}  # fmt: skip
