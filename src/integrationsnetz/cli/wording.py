"""Every text the command line shows, in German (the default) and English, in one place.

The language is chosen once per run (:func:`choose_language`: ``--lang``, else the locale, else
German) and kept in a context variable, so help texts written when the commands are defined are
looked up in the right language when they are shown. The pairs follow the pattern of
``integrationsnetz.exporters.wording``: key -> (German, English).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextvars import ContextVar
from typing import Literal

Language = Literal["de", "en"]

#: The language of the current run; :func:`choose_language` decides it at start-up.
LANGUAGE: ContextVar[Language] = ContextVar("integrationsnetz_cli_language", default="de")

_WORDS: dict[str, tuple[str, str]] = {
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
    # cli-finish: field labels of previews and `zeige`, working groups, what an erasure leaves or edits
    "field.cut": ("{text} … ({size} Zeichen)", "{text} … ({size} characters)"),
    "field.title": ("Titel", "Title"),
    "field.name": ("Name", "Name"),
    "field.start": ("Beginn", "Start"),
    "field.end": ("Ende", "End"),
    "field.kind": ("Art", "Kind"),
    "field.status": ("Status", "Status"),
    "field.group_id": ("Arbeitsgruppe", "Working group"),
    "field.venue_id": ("Ort", "Venue"),
    "field.room_id": ("Raum", "Room"),
    "field.organizer_id": ("Organisator", "Organiser"),
    "field.moderator_id": ("Moderation", "Moderator"),
    "field.invitations": ("Einladungen", "Invitations"),
    "field.agenda": ("Tagesordnung", "Agenda"),
    "field.minutes": ("Protokoll", "Minutes"),
    "field.headcount": ("Teilnehmende", "Headcount"),
    "field.series_id": ("Planungsreihe", "Series"),
    "field.description": ("Beschreibung", "Description"),
    "field.online_url": ("Online-Adresse", "Online address"),
    "field.registration_until": ("Anmeldung bis", "Register by"),
    "field.registration_contact": ("Anmeldung bei", "Register with"),
    "field.network_id": ("Netzwerk", "Network"),
    "field.actor_id": ("Mitglied", "Member"),
    "field.recorded_by_id": ("Protokollführung", "Minutes taken by"),
    "field.text": ("Text", "Text"),
    "field.decisions": ("Beschlüsse", "Decisions"),
    "field.discussions": ("Verlauf", "Discussion"),
    "field.approved_on": ("Genehmigt am", "Approved on"),
    "field.agenda_item": ("TOP", "Item"),
    "field.task_ids": ("Aufgaben", "Tasks"),
    "field.presenter_ids": ("Vortragende", "Presenters"),
    "field.topic": ("Thema", "Topic"),
    "field.founded": ("Gegründet", "Founded"),
    "field.dissolved": ("Aufgelöst", "Dissolved"),
    "field.goals": ("Ziele", "Goals"),
    "field.tasks": ("Aufgaben", "Tasks"),
    "field.owner_id": ("Zuständig", "Owner"),
    "field.due": ("Fällig", "Due"),
    "field.goal_id": ("Ziel", "Goal"),
    "field.origin_meeting_id": ("Aus dem Termin", "From meeting"),
    "field.achieved": ("Erreicht", "Achieved"),
    "field.address": ("Adresse", "Address"),
    "field.capacity": ("Plätze", "Seats"),
    "field.step_free": ("Barrierefrei", "Step-free"),
    "field.rooms": ("Räume", "Rooms"),
    "field.directions": ("Anfahrt", "Directions"),
    "field.function": ("Funktion", "Function"),
    "field.affiliation_id": ("Organisation", "Organisation"),
    "field.contacts": ("Kontakt", "Contact"),
    "field.consents": ("Einwilligungen", "Consents"),
    "field.role": ("Rolle", "Role"),
    "field.since": ("Seit", "Since"),
    "field.until": ("Bis", "Until"),
    "field.short_name": ("Kurzname", "Short name"),
    "field.website": ("Internetseite", "Website"),
    "field.region": ("Region", "Region"),
    "field.parent_id": ("Gehört zu", "Part of"),
    "field.provider_id": ("Träger", "Provider"),
    "field.seats": ("Plätze", "Seats"),
    "field.note": ("Notiz", "Note"),
    "field.type.Meeting": ("Termin", "Meeting"),
    "field.type.WorkingGroup": ("Arbeitsgruppe", "Working group"),
    "field.type.Venue": ("Ort", "Venue"),
    "field.type.Organization": ("Organisation", "Organisation"),
    "field.type.Event": ("Veranstaltung", "Event"),
    "field.type.Course": ("Kurs", "Course"),
    "field.type.Network": ("Netzwerk", "Network"),
    "field.type.Membership": ("Mitgliedschaft", "Membership"),
    "field.contact.email": ("E-Mail", "E-mail"),
    "field.contact.phone": ("Telefon", "Phone"),
    "field.contact.fax": ("Fax", "Fax"),
    "field.contact.web": ("Internet", "Web"),
    "field.role.coordinator": ("Koordination", "coordinator"),
    "field.role.co_lead": ("Leitung", "co-lead"),
    "field.role.member": ("Mitglied", "member"),
    "field.role.guest": ("Gast", "guest"),
    "help.gruppe": ("Arbeitsgruppen anlegen und ihre Mitglieder ändern; Aufgaben gehören zu einer Arbeitsgruppe.",
                    "Create working groups and change their members; tasks belong to a working group."),
    "short.gruppe": ("Arbeitsgruppen anlegen, Mitglieder ändern.", "Create working groups, change members."),
    "help.gruppe.neu": ("Eine Arbeitsgruppe anlegen, mit Leitung und Mitgliedern (Kennungen von Personen oder "
                        "Organisationen, z. B. aus der Mitgliederliste).",
                        "Create a working group with its co-leads and members (ids of people or organisations, "
                        "e.g. from the member list)."),
    "short.gruppe.neu": ("Eine Arbeitsgruppe anlegen.", "Create a working group."),
    "help.gruppe.mitglied": ("Mitglieder einer Arbeitsgruppe aufnehmen (--dazu) oder austragen (--weg; die "
                             "Mitgliedschaft endet heute und bleibt als Geschichte erhalten).",
                             "Add members to a working group (--dazu) or take them off (--weg; the membership "
                             "ends today and stays as history)."),
    "short.gruppe.mitglied": ("Mitglieder aufnehmen oder austragen.", "Add or remove members."),
    "help.gruppe.name": ("Name der Arbeitsgruppe.", "Name of the working group."),
    "help.gruppe.thema": ("Thema (Standard: der Name).", "Topic (default: the name)."),
    "help.gruppe.id": ("Kennung (Standard: aus dem Namen).", "Id (default: from the name)."),
    "help.gruppe.seit": ("Gegründet am (Standard: heute).", "Founded on (default: today)."),
    "help.gruppe.leitung": ("Kennung der Leitung (Ko-Leitung); mehrfach möglich.",
                            "Id of a (co-)lead; may be repeated."),
    "help.gruppe.mitglied_id": ("Kennung eines Mitglieds; mehrfach möglich.", "Id of a member; may be repeated."),
    "help.gruppe.dazu": ("Kennung eines neuen Mitglieds; mehrfach möglich.", "Id of a new member; may be repeated."),
    "help.gruppe.weg": ("Kennung eines Mitglieds, das austritt; mehrfach möglich.",
                        "Id of a member who leaves; may be repeated."),
    "help.gruppe.als_leitung": ("Die mit --dazu Genannten leiten die Gruppe mit.", "Those given with --dazu co-lead."),
    "gruppe.new": ("Neue Arbeitsgruppe {id} in {store}:", "New working group {id} in {store}:"),
    "gruppe.change": ("Mitglieder der Arbeitsgruppe {id} in {store} ändern:",
                      "Change the members of working group {id} in {store}:"),
    "gruppe.exists": ("die Kennung {id!r} gibt es schon; eine andere mit --id angeben.",
                      "the id {id!r} exists already; give another with --id."),
    "gruppe.unknown_actor": ("keine Person oder Organisation mit der Kennung {id!r}; `integrationsnetz liste "
                             "personen` zeigt die Kennungen.",
                             "no person or organisation with the id {id!r}; `integrationsnetz liste personen` "
                             "shows the ids."),
    "gruppe.already": ("{id} ist schon Mitglied von {group}.", "{id} is already a member of {group}."),
    "gruppe.not_member": ("{id} ist kein Mitglied von {group}.", "{id} is not a member of {group}."),
    "gruppe.nothing": ("--dazu oder --weg angeben.", "give --dazu or --weg."),
    "gruppe.saved": ("Gespeichert: Arbeitsgruppe {id} ({count} Mitglieder).",
                     "Saved: working group {id} ({count} members)."),
    "gruppe.saved.one": ("Gespeichert: Arbeitsgruppe {id} (1 Mitglied).", "Saved: working group {id} (1 member)."),
    "gruppe.hint": ("Anlegen mit `integrationsnetz gruppe neu --name …`; `integrationsnetz liste gruppen` zeigt "
                    "die vorhandenen.",
                    "Create one with `integrationsnetz gruppe neu --name …`; `integrationsnetz liste gruppen` shows "
                    "those there are."),
    "gruppe.joins": ("tritt bei", "joins"),
    "gruppe.leaves": ("tritt aus", "leaves"),
    "person.free_text": ("Freitexte, die die Person nennen ({count}; werden nicht automatisch geändert, bitte selbst "
                         "bearbeiten, z. B. `integrationsnetz termin protokoll ID --text …`):",
                         "Free texts naming the person ({count}; not changed automatically, please edit them "
                         "yourself, e.g. `integrationsnetz termin protokoll ID --text …`):"),
    "person.free_text.one": ("Ein Freitext nennt die Person (wird nicht automatisch geändert, bitte selbst "
                             "bearbeiten, z. B. `integrationsnetz termin protokoll ID --text …`):",
                             "A free text names the person (not changed automatically, please edit it yourself, "
                             "e.g. `integrationsnetz termin protokoll ID --text …`):"),
    "person.requests": ("Frühere Auskunftsdateien der Person ({count}; werden gelöscht; verschickte Kopien "
                        "bitte beim Empfänger löschen lassen):",
                        "Earlier access-request files of the person ({count}; deleted; ask the recipient to "
                        "delete copies that were sent):"),
    "person.requests.one": ("Eine frühere Auskunftsdatei der Person (wird gelöscht; verschickte Kopien bitte beim "
                            "Empfänger löschen lassen):",
                            "An earlier access-request file of the person (deleted; ask the recipient to delete "
                            "copies that were sent):"),
    "person.requests_deleted": ("Gelöscht: {count} Auskunftsdateien.", "Deleted: {count} access-request files."),
    "person.requests_deleted.one": ("Gelöscht: 1 Auskunftsdatei.", "Deleted: 1 access-request file."),
    "person.planning": ("{file} nennt die Kennung noch ({count} Stellen; werden dort entfernt):",
                        "{file} still names the id ({count} places; removed there):"),
    "person.planning.one": ("{file} nennt die Kennung noch (1 Stelle; wird dort entfernt):",
                            "{file} still names the id (1 place; removed there):"),
    "person.planning_line": ("  Zeile {line}: Reihe {series}, {field}", "  line {line}: series {series}, {field}"),
    "person.planning_by_hand": ("{file} nennt {id!r} so, dass es sich nicht sicher automatisch entfernen lässt "
                                "(Zeilen {lines}); bitte dort entfernen und noch einmal ausführen. Nichts gelöscht.",
                                "{file} names {id!r} in a way that cannot be removed automatically and safely "
                                "(lines {lines}); please remove it there and run again. Nothing erased."),
    "person.planning_done": ("{file}: Kennung entfernt.", "{file}: id removed."),
    "help.version": ("Die Version zeigen und beenden.", "Show the version and exit."),
    # docs-print: Word files of the meeting documents (cli/commands/printing.py)
    "print.binary_needs_out": ("Eine Word-Datei (--format docx) braucht --out DATEI (oder --out - für die "
                               "Standardausgabe).",
                               "A Word file (--format docx) needs --out FILE (or --out - for standard output)."),
    "print.binary_terminal": ("Eine Word-Datei wird nicht ins Terminal geschrieben: --out DATEI angeben oder "
                              "umleiten.",
                              "A Word file is not written to a terminal: give --out FILE or redirect."),
    "help.debug": ("Bei Fehlern den vollständigen Traceback zeigen.", "Show the full traceback on errors."),
    # cli-run: init from existing files, the planner's report file, progress
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
    # -- cli-inputs: dates in range, text files, long inputs, the workspace file, interrupts, store versions
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
                        "[Meldungen]}]}; Exit-Code wie ohne.",
                        "Print as JSON: {\"problems\": count, \"sources\": [{\"source\", \"problems\": "
                        "[messages]}]}; exit code as without."),
    "store.version_unknown": ("{url}: der Speicher nennt seine Schemaversion nicht (ein Plugin ohne "
                              "schema_version()); er wird beim Öffnen migriert, wenn er das kann",
                              "{url}: the store does not tell its schema version (a plugin without "
                              "schema_version()); it migrates when opened, if it can"),
    # -- end of cli-inputs
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
                       "Termine per Kennung oder --woche; Markdown (Standard) oder HTML (druckt auf A4); "
                       "auf die Standardausgabe oder mit --out in eine Datei.",
                       "Print the invitation to meetings as a letter: sender, salutation, time and place with "
                       "directions and accessibility, registration, the agenda with times, contact. Meetings by "
                       "id or --woche; Markdown (default) or HTML (prints on A4); to standard output or with "
                       "--out to a file."),
    "short.einladung": ("Einladung drucken (Markdown/HTML).", "Print an invitation (Markdown/HTML)."),
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
    # --- end of meetings, tasks, documents, course report
    # one line per command in the group's help
    "short.init": ("Arbeitsordner anlegen.", "Create a workspace."),
    "short.check": ("Netzwerk prüfen; Exit-Code 1 bei Problemen.", "Check the network; exit code 1 on problems."),
    "short.liste": ("Einträge einer Art auflisten.", "List entries of one kind."),
    "short.zeige": ("Einen Eintrag zeigen.", "Show one entry."),
    "short.plugins": ("Geladene Plugins zeigen.", "Show the loaded plugins."),
    "short.plan": ("Ein Jahr planen und speichern.", "Plan a year and save it."),
    "short.veroeffentlichen": ("Kalender und Übersicht nach out/ schreiben.", "Write calendars and overview to out/."),
    # errors
    # -- cli-polish: click's usage errors (click.*: click's English msgid, the pattern), singular forms (KEY.one
    # for count 1, see say()), places (ort), agenda items (termin top), erasure of out/ files, init's district
    "usage.try": ("Hilfe: '{command} {option}'.", "Try '{command} {option}' for help."),
    "usage.options": ("[OPTIONEN]", "[OPTIONS]"),
    "usage.subcommand": ("BEFEHL [ARGUMENTE]...", "COMMAND [ARGS]..."),
    "click.missing_argument": ("Fehlendes Argument", "Missing argument"),
    "click.missing_option": ("Fehlende Option", "Missing option"),
    "click.missing_parameter": ("Fehlende Angabe", "Missing parameter"),
    "click.missing_command": ("Der Befehl fehlt.", "Missing command."),
    "click.choose_from": ("Zur Wahl:", "Choose from:"),
    "click.no_such_option": ("Unbekannte Option {name}.", "No such option {name}."),
    "click.no_such_command": ("Unbekannter Befehl {name}.", "No such command {name}."),
    "click.did_you_mean": ("Meinten Sie {possibility}?", "Did you mean {possibility}?"),
    "click.did_you_mean_one_of": ("(Meinten Sie eine davon: {possibilities}?)",
                                  "(Did you mean one of: {possibilities}?)"),
    "click.extra_argument": ("Ein Argument zu viel: {args}", "Got unexpected extra argument ({args})"),
    "click.extra_arguments": ("Argumente zu viel: {args}", "Got unexpected extra arguments ({args})"),
    "click.requires_argument": ("Die Option {name} braucht einen Wert.", "Option {name} requires an argument."),
    "click.requires_arguments": ("Die Option {name} braucht {nargs} Werte.",
                                 "Option {name} requires {nargs} arguments."),
    "click.takes_no_value": ("Die Option {name} nimmt keinen Wert.", "Option {name} does not take a value."),
    "click.invalid_value_for": ("Ungültiger Wert für {param_hint}: {message}",
                                "Invalid value for {param_hint}: {message}"),
    "click.invalid_value": ("Ungültiger Wert: {message}", "Invalid value: {message}"),
    "click.not_one_of": ("{value} ist keiner der Werte {choices}.", "{value} is not one of {choices}."),
    "click.not_choice": ("{value} ist nicht {choice}.", "{value} is not {choice}."),
    "click.not_a_number": ("{value} ist keine Zahl.", "{value} is not a valid {number_type}."),
    "click.not_in_range": ("{value} liegt nicht im Bereich {range}.", "{value} is not in the range {range}."),
    "click.does_not_exist": ("{filename} gibt es nicht.", "{name} {filename} does not exist."),
    "click.is_a_file": ("{filename} ist eine Datei.", "{name} {filename} is a file."),
    "click.is_a_directory": ("{filename} ist ein Ordner.", "{name} {filename} is a directory."),
    "click.not_readable": ("{filename} ist nicht lesbar.", "{name} {filename} is not readable."),
    "click.not_writable": ("{filename} ist nicht beschreibbar.", "{name} {filename} is not writable."),
    "click.could_not_open": ("Die Datei {filename} lässt sich nicht öffnen: {message}",
                             "Could not open file {filename}: {message}"),
    "check.problems.one": ("{source}: 1 Problem:", "{source}: 1 problem:"),
    "plan.series.one": ("  {title}: 1 Termin: {days}", "  {title}: 1 session: {days}"),
    "plan.saved.one": ("Gespeichert in {store}: 1 Termin geschrieben.", "Saved in {store}: 1 meeting written."),
    "publish.written.one": ("1 Datei geschrieben:", "1 file written:"),
    "edit.problems.one": ("1 Problem, nichts gespeichert:", "1 problem, nothing saved:"),
    "print.written.one": ("{path} geschrieben (1 Termin).", "{path} written (1 meeting)."),
    "kurs.written.one": ("1 Datei in {folder}", "1 file in {folder}"),
    "import.done.one": ("Eingelesen: 1 Eintrag geschrieben.", "Imported: 1 entry written."),
    "person.preview.one": ("Löschen: Person {id} ({function}); 1 Eintrag ändert sich:",
                           "Erase: person {id} ({function}); 1 entry changes:"),
    "person.document.one": ("Auch im Netzwerkdokument {path}: 1 Eintrag.",
                            "In the network document {path} too: 1 entry."),
    "person.erased.one": ("Gelöscht: {id}; 1 Eintrag im Speicher geändert.",
                          "Erased: {id}; 1 entry changed in the store."),
    "store.target_full.one": ("das Ziel {url} hält schon 1 Eintrag; --ersetzen angeben, um trotzdem zu kopieren.",
                              "the target {url} holds 1 entry already; give --ersetzen to copy anyway."),
    "store.copy_preview.one": ("{source} -> {target}: 1 Eintrag kopieren.", "{source} -> {target}: copy 1 entry."),
    "store.copying.one": ("Kopiere 1 Eintrag …", "Copying 1 entry …"),
    "store.copied.one": ("Kopiert: 1 Eintrag nach {target}.", "Copied: 1 entry to {target}."),
    "netz.loaded.one": ("In den Speicher geschrieben: 1 Eintrag.", "Written into the store: 1 entry."),
    "person.files": ("Dateien in {folder}, die die Person nennen ({count}; werden gelöscht, `integrationsnetz "
                     "veroeffentlichen` schreibt die Kalender neu):",
                     "Files in {folder} that name the person ({count}; they are deleted, `integrationsnetz "
                     "veroeffentlichen` writes the calendars again):"),
    "person.files_deleted": ("Gelöscht in {folder}: {count} Dateien.", "Deleted in {folder}: {count} files."),
    "person.files_deleted.one": ("Gelöscht in {folder}: 1 Datei.", "Deleted in {folder}: 1 file."),
    "prompt.kreis": ("Landkreis", "District"),
    "init.kreis_derived": ("Landkreis: {kreis} (aus dem Namen; anders mit --kreis).",
                           "District: {kreis} (from the name; --kreis gives another)."),
    "col.address": ("Adresse", "Address"),
    "col.rooms": ("Räume", "Rooms"),
    "help.ort": ("Tagungsorte und ihre Räume anlegen: wo sich das Netzwerk und seine Gruppen treffen. Ein neuer Ort "
                 "kommt in den Speicher; ein Ort, der im Netzwerkdokument steht, wird dort mitgeändert. "
                 "`integrationsnetz liste orte` zeigt sie.",
                 "Add venues and their rooms: where the network and its groups meet. A new venue goes into the "
                 "store; a venue defined in the network document is changed there too. "
                 "`integrationsnetz liste orte` lists them."),
    "short.ort": ("Tagungsorte und Räume anlegen.", "Add venues and rooms."),
    "help.ort.neu": ("Einen Tagungsort anlegen. Ohne --id heißt er nach dem Namen.",
                     "Add a venue. Without --id it is named after its name."),
    "short.ort.neu": ("Tagungsort anlegen.", "Add a venue."),
    "help.ort.raum": ("Einen Raum eines Tagungsorts anlegen (ORT: Kennung des Orts).",
                      "Add a room to a venue (ORT: the venue's id)."),
    "short.ort.raum": ("Raum anlegen.", "Add a room."),
    "help.ort.name": ("Name des Orts (oder Raums).", "Name of the venue (or room)."),
    "help.ort.adresse": ("Adresse: \"Straße Nr, PLZ Ort\" (oder nur der Ort).",
                         "Address: \"Street No, postcode city\" (or the city alone)."),
    "help.ort.id": ("Kennung (Standard: aus dem Namen).", "Id (default: from the name)."),
    "help.ort.plaetze": ("Wie viele Personen hineinpassen.", "How many people fit in."),
    "help.ort.barrierefrei": ("Stufenlos erreichbar (--nicht-barrierefrei: nein; ohne: unbekannt).",
                              "Step-free access (--nicht-barrierefrei: no; neither: not known)."),
    "help.ort.traeger": ("Wem der Ort gehört (Kennung einer Organisation).", "Who owns the venue (organisation id)."),
    "ort.bad_address": ("{value!r} ist keine Adresse: \"Straße Nr, PLZ Ort\" oder ein Ort",
                        "{value!r} is not an address: \"street no, postcode city\" or a city"),
    "ort.exists": ("{id!r} gibt es schon; eine andere --id angeben.", "{id!r} exists already; give another --id."),
    "ort.unknown": ("kein Tagungsort mit der Kennung {id!r}.", "no venue with the id {id!r}."),
    "ort.unknown_owner": ("keine Organisation mit der Kennung {id!r}.", "no organisation with the id {id!r}."),
    "ort.yes": ("ja", "yes"),
    "ort.no": ("nein", "no"),
    "ort.new": ("Neuer Tagungsort {id} in {store}:", "New venue {id} in {store}:"),
    "ort.change": ("Tagungsort {id} in {store} ändern:", "Change venue {id} in {store}:"),
    "help.termin.top": ("Einen Tagesordnungspunkt (TOP) an einen Termin anhängen, oder mit --position an eine "
                        "Stelle setzen (1 = erster TOP; die folgenden rücken auf, Beschlüsse behalten ihren TOP).",
                        "Add an agenda item to a meeting, at the end or with --position at a place (1 = first "
                        "item; the following move down, decisions keep their item)."),
    "short.termin.top": ("Tagesordnungspunkt anlegen.", "Add an agenda item."),
    "help.termin.top_streichen": ("Den Tagesordnungspunkt NR (1 = erster) eines Termins streichen. Ein TOP, auf "
                                  "den Beschlüsse im Protokoll verweisen, bleibt.",
                                  "Remove agenda item NR (1 = first) of a meeting. An item that decisions in "
                                  "the minutes refer to stays."),
    "short.termin.top_streichen": ("Tagesordnungspunkt streichen.", "Remove an agenda item."),
    "help.top.titel": ("Titel des Tagesordnungspunkts.", "Title of the agenda item."),
    "help.top.dauer": ("Dauer in Minuten.", "Length in minutes."),
    "help.top.referent": ("Wer vorträgt (Kennung einer Person oder Organisation, mehrfach).",
                          "Who presents (id of a person or organisation, repeatable)."),
    "help.top.position": ("An diese Stelle setzen (1 = erster TOP; Standard: ans Ende).",
                          "Put it at this place (1 = first item; default: at the end)."),
    "help.top.art": ("Art des Punkts (Standard: other).", "Kind of item (default: other)."),
    "help.top.beschreibung": ("Beschreibung des Punkts.", "Description of the item."),
    "top.bad_position": ("Position {position}: der Termin {id!r} hat {count} Tagesordnungspunkte (1 bis {last}).",
                         "position {position}: the meeting {id!r} has {count} agenda items (1 to {last})."),
    "top.bad_position.one": ("Position {position}: der Termin {id!r} hat 1 Tagesordnungspunkt (1 bis {last}).",
                             "position {position}: the meeting {id!r} has 1 agenda item (1 to {last})."),
    "top.has_decisions": ("TOP {number} von {id!r} hat Beschlüsse im Protokoll ({decisions}); er bleibt.",
                          "item {number} of {id!r} has decisions in the minutes ({decisions}); it stays."),
    "top.removed": ("TOP {number} gestrichen: {title}", "item {number} removed: {title}"),
    "error": ("Fehler", "Error"),
    "aborted": ("Abgebrochen.", "Aborted."),
    # -- cli-tutorial: the data commands' own messages in the run's language
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
        "Personenbezogene Daten nur mit --personendaten. Die Datei wird atomar geschrieben.",
        "Export the network in a format (without FORMAT: the known formats, plugins included). "
        "Personal data only with --personendaten. The file is written atomically.",
    ),
    "help.export.personendaten": ("Namen und Kontaktdaten von Personen mit ausgeben (DSGVO: nur wenn nötig).",
                                  "Include people's names and contact details (GDPR: only when needed)."),
    "help.export.tabelle": ("Für csv: actors, attendance oder courses.", "For csv: actors, attendance or courses."),
    "export.overwrite": ("{path} gibt es schon und wird ersetzt.", "{path} exists and will be replaced."),
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


def choose_language(argv: Sequence[str], environ: Mapping[str, str]) -> Language:
    """``--lang en``/``--lang=en`` on the command line, else English when the locale is English, else German."""
    for position, item in enumerate(argv):
        if item == "--":
            break
        if item == "--lang" and position + 1 < len(argv):
            return "en" if argv[position + 1].lower().startswith("en") else "de"
        if item.startswith("--lang="):
            return "en" if item.partition("=")[2].lower().startswith("en") else "de"
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable)
        if value:
            return "en" if value.lower().startswith("en") else "de"
    return "de"


def say(key: str, **values: object) -> str:
    """The text ``key`` in the current run's language, with ``values`` filled in.

    With ``count=1`` the key's singular ``KEY.one`` is taken where there is one ("1 Eintrag ändert
    sich", not "1 Einträge ändern sich"); every key that puts a noun after ``{count}`` has one.
    """
    pair = _WORDS[f"{key}.one"] if values.get("count") == 1 and f"{key}.one" in _WORDS else _WORDS[key]
    text = pair[1] if LANGUAGE.get() == "en" else pair[0]
    return text.format(**values) if values else text


def is_key(text: str) -> bool:
    """Whether ``text`` is a key of this module (help texts are given as keys)."""
    return text in _WORDS


def english_and_german(prefix: str) -> list[tuple[str, str]]:
    """(English, German) of every key that starts with ``prefix``: click's templates for the usage errors."""
    return [(english, german) for key, (german, english) in _WORDS.items() if key.startswith(prefix)]
