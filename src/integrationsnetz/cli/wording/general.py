"""The command line's frame: click's headings, the group and its options, init, the workspace, check,
lists, plugins, plan and publish, checked input, the commands' one-line help and errors.

Key -> (German, English); :mod:`integrationsnetz.cli.wording` joins the topics.
"""

WORDS: dict[str, tuple[str, str]] = {
    # click's own headings and its --help option
    "usage": ("Aufruf: ", "Usage: "),
    "options": ("Optionen", "Options"),
    "commands": ("Befehle", "Commands"),
    "help.help": ("Diese Hilfe zeigen und beenden.", "Show this message and exit."),
    # the group and its options
    "help.main": (
        "Die tägliche Arbeit eines Netzwerks Integration: prüfen, auflisten, planen, veröffentlichen.\n\n"
        "Die Befehle finden den Arbeitsordner (integrationsnetz.toml) im aktuellen Ordner oder darüber; "
        "--netz und --store geben Dokument und Speicher direkt an. Exit-Codes: 0 in Ordnung, "
        "1 Probleme gefunden oder Fehler, 2 falscher Aufruf, 130 abgebrochen (Strg-C).",
        "The daily work of an integration network: check, list, plan, publish.\n\n"
        "Commands find the workspace (integrationsnetz.toml) in the current folder or above; "
        "--netz and --store name the document and the store directly. Exit codes: 0 ok, "
        "1 problems found or an error, 2 usage, 130 interrupted (Ctrl-C).",
    ),
    "help.lang": ("Sprache der Ausgabe: de oder en (Standard: aus LANG, sonst de).",
                  "Language of the output: de or en (default: from LANG, else de)."),
    # init from existing files, the planner's report file, progress
    "help.init.netz": ("Ein vorhandenes Netzwerkdokument verwenden (statt --name, --land …); es wird nicht kopiert.",
                       "Use an existing network document (instead of --name, --land …); it is not copied."),
    "help.init.planung": ("Eine vorhandene Planungsdatei verwenden; sie wird vorher geprüft.",
                          "Use an existing planning file; it is checked first."),
    "init.with_netz": ("--netz gibt das Netzwerk schon vor; {options} weglassen.",
                       "--netz gives the network already; leave out {options}."),
    "plan.report_file": ("Bericht: {path}", "Report: {path}"),
    "plan.progress": ("Planen", "Planning"),
    "help.store": ("Speicher-URL, z. B. sqlite:netz.db oder postgresql://…",
                   "Store URL, e.g. sqlite:netz.db or postgresql://…"),
    "help.netz": ("Das Netzwerkdokument (.toml oder .json).", "The network document (.toml or .json)."),
    # checked input: dates in range, text files, long inputs, the workspace file, interrupts, store versions
    "time.years": ("{value!r} liegt außerhalb der Jahre {first} bis {last}, die das Netzwerk speichern kann",
                   "{value!r} lies outside the years {first} to {last} the network can hold"),
    "time.from_after_to": ("--von ({first}) liegt nach --bis ({last}); die Tage tauschen",
                           "--von ({first}) is after --bis ({last}); swap the days"),
    "time.first_or_second": ("--erste oder --zweite, nicht beides.", "--erste or --zweite, not both."),
    "text.too_big": ("{path} ist {size} Bytes groß; ein Text darf höchstens {limit} Bytes haben "
                     "(ist es die richtige Datei?)",
                     "{path} is {size} bytes; a text may have at most {limit} bytes (is it the right file?)"),
    "text.unreadable": ("{path} lässt sich nicht lesen: {error}", "cannot read {path}: {error}"),
    "text.encoding": ("{path} ist weder UTF-8- noch Windows-Text (Zeile {line}); im Editor „Speichern unter“ "
                      "mit der Codierung UTF-8 wählen",
                      "{path} is neither UTF-8 nor Windows text (line {line}); in the editor choose \"Save as\" "
                      "with the encoding UTF-8"),
    "text.nul": ("{path} enthält Null-Bytes, ist also keine Textdatei (ein Word-Dokument?); als „Nur Text“ "
                 "speichern",
                 "{path} holds NUL bytes, so it is no text file (a Word document?); save it as plain text"),
    "text.length": ("{count} Zeichen", "{count} characters"),
    "text.length.one": ("1 Zeichen", "1 character"),
    "kurs.nothing": ("keine Kursdaten: die Daten enthalten weder Kurse noch Wartelisten, es gibt nichts zu "
                     "berichten. Eine Kursliste mit --kursliste DATEI hinzunehmen (--kursliste beispiel für die "
                     "mitgelieferte) oder mit `integrationsnetz import --kurse DATEI` einlesen.",
                     "no course data: the data hold neither courses nor waiting lists, there is nothing to "
                     "report. Add a course list with --kursliste FILE (--kursliste beispiel for the shipped one) "
                     "or read one in with `integrationsnetz import --kurse FILE`."),
    "kurs.new_providers": ("(oder mit --neue-traeger als neuen Träger anlegen)",
                           "(or create it as a new provider with --neue-traeger)"),
    "workspace.unknown_key": ("unbekannter Schlüssel {name!r} (Tippfehler?); bekannt sind: {known}",
                              "unknown key {name!r} (a typo?); the known keys are: {known}"),
    "workspace.not_text": ("{name}: erwartet {expected} in Anführungszeichen, gefunden {value}",
                           "{name}: expected {expected} in quotes, got {value}"),
    "workspace.expect_file": ("einen Dateinamen", "a file name"),
    "workspace.expect_url": ("eine Speicher-URL wie \"sqlite:integrationsnetz.db\"",
                             "a store URL such as \"sqlite:integrationsnetz.db\""),
    "workspace.expect_folder": ("einen Ordner im Arbeitsordner", "a folder inside the workspace"),
    "workspace.table": ("eine Tabelle", "a table"),
    "workspace.outside": ("{name}: {value!r} liegt außerhalb des Arbeitsordners; ein Ordner darin angeben "
                          "(für einen anderen Zielordner: veroeffentlichen --out ORDNER)",
                          "{name}: {value!r} lies outside the workspace; name a folder inside it "
                          "(for another target folder: veroeffentlichen --out ORDNER)"),
    "help.check.json": ("Als JSON ausgeben: {\"problems\": Anzahl, \"sources\": [{\"source\", \"problems\": "
                        "[Meldungen], \"warnings\": [Hinweise]}]}; Exit-Code wie ohne.",
                        "Print as JSON: {\"problems\": count, \"sources\": [{\"source\", \"problems\": "
                        "[messages], \"warnings\": [notes]}]}; exit code as without."),
    "store.version_unknown": ("{url}: der Speicher nennt seine Schemaversion nicht (ein Plugin ohne "
                              "schema_version()); er wird beim Öffnen migriert, wenn er das kann",
                              "{url}: the store does not tell its schema version (a plugin without "
                              "schema_version()); it migrates when opened, if it can"),
    "help.json": ("Als JSON ausgeben (für Skripte).", "Print as JSON (for scripts)."),
    # init
    "help.init": (
        "Einen Arbeitsordner für ein Netzwerk anlegen: Netzwerkdokument, Planungsdatei mit den Feiertagen "
        "des Landes, Speicher und out/. ORDNER ist standardmäßig der aktuelle Ordner; fehlende Angaben "
        "werden auf einem Terminal erfragt.",
        "Create a workspace for a network: network document, planning file with the state's holidays, "
        "store and out/. ORDNER is the current folder by default; on a terminal, missing answers are asked for.",
    ),
    "help.init.name": ("Name des Netzwerks.", "Name of the network."),
    "help.init.land": ("Bundesland als Kürzel, z. B. TH, NI.", "State code, e.g. TH, NI."),
    "help.init.kreis": ("Name des Landkreises (Standard: aus dem Namen, z. B. „Netzwerk Integration "
                        "Wartburgkreis“ -> Wartburgkreis; auf einem Terminal wird nachgefragt).",
                        "Name of the district (default: from the name, e.g. \"Netzwerk Integration "
                        "Wartburgkreis\" -> Wartburgkreis; asked for on a terminal)."),
    "help.init.ags": ("Amtlicher Gemeindeschlüssel (Standard: der des Landes).",
                      "Official municipality key (default: the state's)."),
    "help.init.id": ("Kennung des Netzwerks (Standard: aus dem Namen).", "Id of the network (default: from the name)."),
    "help.init.store": ("Speicher-URL (Standard: sqlite:integrationsnetz.db im Ordner).",
                        "Store URL (default: sqlite:integrationsnetz.db in the folder)."),
    "prompt.name": ("Name des Netzwerks", "Name of the network"),
    "prompt.land": ("Bundesland (Kürzel, z. B. TH)", "State (code, e.g. TH)"),
    "missing": ("{what} fehlt: {option} angeben.", "{what} is missing: give {option}."),
    "init.exists": ("{path} ist schon ein Arbeitsordner; nichts überschrieben.",
                    "{path} is already a workspace; nothing overwritten."),
    "init.file_exists": ("{path} gibt es schon; nichts überschrieben.", "{path} exists already; nothing overwritten."),
    "init.bad_land": ("unbekanntes Bundesland {value!r}; bekannt: {known}", "unknown state {value!r}; known: {known}"),
    "init.done": ("Arbeitsordner angelegt: {path}", "Workspace created: {path}"),
    "init.next": ("Als Nächstes: Planungsdatei bearbeiten, dann `integrationsnetz plan {year}`.",
                  "Next: edit the planning file, then `integrationsnetz plan {year}`."),
    # finding the workspace
    "no_workspace": (
        "kein Arbeitsordner gefunden (integrationsnetz.toml hier oder darüber); `integrationsnetz init` legt "
        "einen an, oder --netz/--store angeben.",
        "no workspace found (integrationsnetz.toml here or above); `integrationsnetz init` creates one, "
        "or give --netz/--store.",
    ),
    "no_network": ("weder Netzwerkdokument noch Speicher angegeben.", "neither a network document nor a store given."),
    "store_many": ("der Speicher hält mehrere Netzwerke ({ids}); --netz angeben.",
                   "the store holds several networks ({ids}); give --netz."),
    "store_empty": ("der Speicher hält kein Netzwerk.", "the store holds no network."),
    "no_plan_file": ("der Arbeitsordner nennt keine Planungsdatei.", "the workspace names no planning file."),
    # check
    "help.check": ("Das Netzwerk prüfen (Dokument und Speicher) und jedes Problem mit Pfad zeigen.",
                   "Check the network (document and store) and show every problem with its path."),
    "check.ok": ("{source}: keine Probleme.", "{source}: no problems."),
    "check.problems": ("{source}: {count} Probleme:", "{source}: {count} problems:"),
    "check.warnings": ("{source}: {count} Hinweise auf Steuerzeichen in Texten (kein Fehler; Dokumente drucken "
                       "Seitenvorschub und vertikalen Tab als Zeilenumbruch und lassen die anderen weg):",
                       "{source}: {count} notes on control characters in texts (no error; documents print form feed "
                       "and vertical tab as line breaks and leave the others out):"),
    # lists
    "help.liste": ("Personen, Organisationen, Gruppen, Termine, Aufgaben oder Kurse auflisten.\n\n"
                   "ART: personen, organisationen, gruppen, termine, aufgaben, kurse, orte (oder englisch: persons, "
                   "organizations, groups, meetings, tasks, courses, venues).",
                   "List people, organisations, groups, meetings, tasks or courses.\n\n"
                   "ART: persons, organizations, groups, meetings, tasks, courses, venues (or German: personen, "
                   "organisationen, gruppen, termine, aufgaben, kurse, orte)."),
    "help.liste.gruppe": ("Nur diese Arbeitsgruppe (Kennung).", "Only this working group (id)."),
    "help.liste.von": ("Termine ab diesem Tag (TT.MM.JJJJ oder JJJJ-MM-TT).",
                       "Meetings from this day (DD.MM.YYYY or YYYY-MM-DD)."),
    "help.liste.bis": ("Termine bis zu diesem Tag (einschließlich).", "Meetings up to this day (inclusive)."),
    "help.liste.status": ("Nur dieser Status (z. B. planned, confirmed, open, done).",
                          "Only this status (e.g. planned, confirmed, open, done)."),
    "help.zeige": ("Einen Eintrag mit allen Feldern zeigen (Person, Organisation, Gruppe, Termin, Kurs …).",
                   "Show one entry with all its fields (person, organisation, group, meeting, course …)."),
    "bad_date": ("{value!r} ist kein Datum (TT.MM.JJJJ oder JJJJ-MM-TT)",
                 "{value!r} is not a date (DD.MM.YYYY or YYYY-MM-DD)"),
    "not_found": ("keinen Eintrag mit der Kennung {id!r} gefunden.", "no entry with the id {id!r}."),
    "empty": ("Keine Einträge.", "Nothing to list."),
    "col.id": ("Kennung", "Id"),
    "col.name": ("Name", "Name"),
    "col.kind": ("Art", "Kind"),
    "col.function": ("Funktion", "Function"),
    "col.affiliation": ("Organisation", "Organisation"),
    "col.topic": ("Thema", "Topic"),
    "col.founded": ("Gegründet", "Founded"),
    "col.when": ("Wann", "When"),
    "col.title": ("Titel", "Title"),
    "col.group": ("Gruppe", "Group"),
    "col.status": ("Status", "Status"),
    "col.owner": ("Verantwortlich", "Owner"),
    "col.due": ("Fällig", "Due"),
    "col.type": ("Kursart", "Course type"),
    "col.provider": ("Träger", "Provider"),
    "col.start": ("Beginn", "Start"),
    "col.seats": ("Plätze", "Seats"),
    "col.plugin": ("Plugin", "Plugin"),
    "col.version": ("Version", "Version"),
    "col.provides": ("Stellt bereit", "Provides"),
    "col.error": ("Fehler", "Error"),
    # plugins
    "help.plugins": ("Die geladenen Plugins mit Versionen und Ladefehlern zeigen.",
                     "Show the loaded plugins with their versions and load errors."),
    # plan
    "help.plan": (
        "Ein Jahr aus der Planungsdatei planen, den Bericht zeigen und die Termine speichern.",
        "Plan a year from the planning file, print the report and save the meetings.",
    ),
    "help.plan.dry_run": ("Nur zeigen, nichts speichern.", "Only show, save nothing."),
    "plan.series": ("  {title}: {count} Termine: {days}", "  {title}: {count} sessions: {days}"),
    "plan.warnings": ("Hinweise ({count}):", "Warnings ({count}):"),
    "plan.changes": ("Verschoben oder entfallen ({count}):", "Moved or dropped ({count}):"),
    "plan.compromises": ("Trotz Ausweichwunsch belassen ({count}):", "Kept despite a soft rule ({count}):"),
    "plan.saved": ("Gespeichert in {store}: {count} Termine geschrieben.",
                   "Saved in {store}: {count} meetings written."),
    "plan.dry_run": ("Probelauf: nichts gespeichert.", "Dry run: nothing saved."),
    # publish
    "help.veroeffentlichen": (
        "Alle Kalender und die Jahresübersicht nach out/ schreiben (je Arbeitsgruppe, das ganze Netzwerk).",
        "Write every calendar and the year overview to out/ (one per working group, the whole network).",
    ),
    "help.publish.jahr": ("Das Jahr (Standard: das der Planungsdatei, sonst das kommende).",
                          "The year (default: the planning file's, else the coming one)."),
    "help.publish.out": ("Zielordner (Standard: out/ des Arbeitsordners).",
                         "Target folder (default: the workspace's out/)."),
    "publish.written": ("{count} Dateien geschrieben:", "{count} files written:"),
    # one line per command in the group's help
    "short.init": ("Arbeitsordner anlegen.", "Create a workspace."),
    "short.check": ("Netzwerk prüfen; Exit-Code 1 bei Problemen.", "Check the network; exit code 1 on problems."),
    "short.liste": ("Einträge einer Art auflisten.", "List entries of one kind."),
    "short.zeige": ("Einen Eintrag zeigen.", "Show one entry."),
    "short.plugins": ("Geladene Plugins zeigen.", "Show the loaded plugins."),
    "short.plan": ("Ein Jahr planen und speichern.", "Plan a year and save it."),
    "short.veroeffentlichen": ("Kalender und Übersicht nach out/ schreiben.", "Write calendars and overview to out/."),
    # errors
}  # fmt: skip
