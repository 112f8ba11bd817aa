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
        "1 Probleme gefunden oder Fehler, 2 falscher Aufruf.",
        "The daily work of an integration network: check, list, plan, publish.\n\n"
        "Commands find the workspace (integrationsnetz.toml) in the current folder or above; "
        "--netz and --store name the document and the store directly. Exit codes: 0 ok, "
        "1 problems found or an error, 2 usage.",
    ),
    "help.lang": ("Sprache der Ausgabe: de oder en (Standard: aus LANG, sonst de).",
                  "Language of the output: de or en (default: from LANG, else de)."),
    "help.version": ("Die Version zeigen und beenden.", "Show the version and exit."),
    "help.debug": ("Bei Fehlern den vollständigen Traceback zeigen.", "Show the full traceback on errors."),
    "help.store": ("Speicher-URL, z. B. sqlite:netz.db oder postgresql://…",
                   "Store URL, e.g. sqlite:netz.db or postgresql://…"),
    "help.netz": ("Das Netzwerkdokument (.toml oder .json).", "The network document (.toml or .json)."),
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
    "help.init.kreis": ("Name des Landkreises (Standard: der Name).", "Name of the district (default: the name)."),
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
    "check.problems": ("{source}: {count} Problem(e):", "{source}: {count} problem(s):"),
    # lists
    "help.liste": ("Personen, Organisationen, Gruppen, Termine, Aufgaben oder Kurse auflisten.\n\n"
                   "ART: personen, organisationen, gruppen, termine, aufgaben, kurse (oder englisch: persons, "
                   "organizations, groups, meetings, tasks, courses).",
                   "List people, organisations, groups, meetings, tasks or courses.\n\n"
                   "ART: persons, organizations, groups, meetings, tasks, courses (or German: personen, "
                   "organisationen, gruppen, termine, aufgaben, kurse)."),
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
    "error": ("Fehler", "Error"),
    "aborted": ("Abgebrochen.", "Aborted."),
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
        "Eine Person und jeden Verweis auf sie löschen (DSGVO Art. 17), im Speicher und im Netzwerkdokument. "
        "Zeigt vorher, was sich ändert, und fragt nach.",
        "Erase a person and every reference to them (GDPR Art. 17), in the store and in the network document. "
        "Shows what changes first and asks.",
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
    """The text ``key`` in the current run's language, with ``values`` filled in."""
    pair = _WORDS[key]
    text = pair[1] if LANGUAGE.get() == "en" else pair[0]
    return text.format(**values) if values else text


def is_key(text: str) -> bool:
    """Whether ``text`` is a key of this module (help texts are given as keys)."""
    return text in _WORDS
