"""The words and date formats people read in exports, in German (default) and English.

Dates are written the way Germans write them ("Montag, 14. Oktober 2024, 09:00–13:00 Uhr")
without the operating system's locale, which is often missing or English on servers.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")

_WEEKDAYS = {
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_MONTHS = {
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}  # fmt: skip

_WORDS: dict[str, tuple[str, str]] = {
    # key: (German, English)
    "agenda": ("Tagesordnung", "Agenda"),
    "invitation": ("Einladung", "Invitation"),
    "minutes": ("Protokoll", "Minutes"),
    "decisions": ("Beschlüsse", "Decisions"),
    "tasks": ("Aufgaben", "Tasks"),
    "task": ("Aufgabe", "Task"),
    "open_tasks": ("Offene Aufgaben", "Open tasks"),
    "overview": ("Terminübersicht", "Meeting overview"),
    "when": ("Wann", "When"),
    "where": ("Wo", "Where"),
    "online": ("Online", "Online"),
    "organizer": ("Einladende Stelle", "Organiser"),
    "moderation": ("Moderation", "Moderation"),
    "status": ("Status", "Status"),
    "title": ("Titel", "Title"),
    "date": ("Datum", "Date"),
    "time": ("Zeit", "Time"),
    "owner": ("Verantwortlich", "Owner"),
    "due": ("Fällig", "Due"),
    "goal": ("Ziel", "Goal"),
    "group": ("Arbeitsgruppe", "Working group"),
    "item": ("TOP", "Item"),
    "presenters": ("Wer", "Who"),
    "duration": ("Dauer", "Duration"),
    "minutes_short": ("Min.", "min"),
    "present": ("Anwesend", "Present"),
    "recorded_by": ("Protokollführung", "Minutes taken by"),
    "approved_on": ("Genehmigt am", "Approved on"),
    "no_entries": ("Keine Einträge.", "Nothing to list."),
    "cancelled_prefix": ("Abgesagt: ", "Cancelled: "),
    "course": ("Integrationskurs", "Integration course"),
    "event": ("Veranstaltung", "Event"),
    "meetings": ("Sitzungen", "Meetings"),
    "events": ("Veranstaltungen", "Events"),
    "courses": ("Integrationskurse", "Integration courses"),
    "from_agenda_item": ("zu TOP", "on item"),
    "description": ("Beschreibung", "Description"),
    "seats": ("Plätze", "Seats"),
    # The letters, the Tagesordnung, the Protokoll, the sign-in sheet and the badges.
    "salutation": ("Sehr geehrte Damen und Herren,", "Dear colleagues,"),
    "invitation_text": (
        "hiermit laden wir Sie herzlich zu unserer Sitzung „{title}“ am {day} ein. Wir freuen uns auf den "
        "Austausch mit Ihnen.",
        "we cordially invite you to our meeting “{title}” on {day}. We look forward to seeing you.",
    ),
    "time_and_place": ("Zeit und Ort", "Time and place"),
    "directions": ("Anfahrt", "Directions"),
    "map": ("Karte", "Map"),
    "accessibility": ("Barrierefreiheit", "Accessibility"),
    "step_free": ("Der Raum ist stufenlos erreichbar.", "The room is step-free."),
    "not_step_free": (
        "Der Raum ist nicht stufenlos erreichbar; bitte sprechen Sie uns an.",
        "The room is not step-free; please let us know what you need.",
    ),
    "step_free_unknown": (
        "Ob der Raum stufenlos erreichbar ist, erfragen Sie bitte bei uns.",
        "Please ask us whether the room is step-free.",
    ),
    "registration": ("Anmeldung", "Registration"),
    "register_until": ("Bitte melden Sie sich bis {day} an", "Please register by {day}"),
    "register_please": ("Bitte melden Sie sich an", "Please register"),
    "register_at": (": {contact}.", ": {contact}."),
    "contact": ("Kontakt", "Contact"),
    "questions": ("Bei Fragen erreichen Sie uns gern:", "If you have any questions, please contact us:"),
    "closing": ("Mit freundlichen Grüßen", "Kind regards"),
    "date_line": ("{place}, {day}", "{place}, {day}"),
    "phone": ("Telefon", "Phone"),
    "email": ("E-Mail", "E-mail"),
    "web": ("Internet", "Web"),
    "fax": ("Fax", "Fax"),
    "break": ("Pause", "Break"),
    "top": ("TOP {number}", "Item {number}"),
    "excused": ("Entschuldigt", "Excused"),
    "present_names": ("Anwesende", "Present"),
    "excused_names": ("Entschuldigte", "Excused"),
    "discussion": ("Verlauf", "Discussion"),
    "carried_over": ("Offene Aufgaben aus der letzten Sitzung ({day})", "Open tasks from the last meeting ({day})"),
    "next_date": ("Nächster Termin", "Next date"),
    "not_yet_set": ("wird noch bekannt gegeben", "to be announced"),
    "place_not_yet_set": ("Ort wird noch bekannt gegeben", "to be announced"),
    "distribution": ("Verteiler", "Distribution list"),
    "general_record": ("Allgemeines", "General"),
    "sign_in": ("Teilnehmendenliste", "Sign-in sheet"),
    "name": ("Name", "Name"),
    "name_or_function": ("Name bzw. Funktion", "Name or function"),
    "organisation": ("Organisation", "Organisation"),
    "signature": ("Unterschrift", "Signature"),
    "photo_consent": ("Fotos: ja", "Photos: yes"),
    "publication_consent": ("Name im Protokoll: ja", "Name in the minutes: yes"),
    "sign_in_note": (
        "Mit Ihrer Unterschrift bestätigen Sie Ihre Teilnahme. Ein Kreuz bei „Fotos“ erlaubt, dass Sie auf Fotos "
        "der Veranstaltung zu sehen sind; ein Kreuz bei „Name im Protokoll“, dass Ihr Name im Protokoll steht. "
        "Beides können Sie jederzeit widerrufen.",
        "Your signature confirms that you took part. A cross under “Photos” allows photos of you from the "
        "meeting; a cross under “Name in the minutes” allows your name in the minutes. You may withdraw either "
        "at any time.",
    ),
    "badges": ("Namensschilder", "Name badges"),
    "blank_badges": (
        "Dazu {count} leere Namensschilder zum Beschriften.",
        "Plus {count} blank badges to write on.",
    ),
}

_STATUS = {
    "planned": ("geplant", "planned"),
    "confirmed": ("bestätigt", "confirmed"),
    "held": ("stattgefunden", "held"),
    "cancelled": ("abgesagt", "cancelled"),
    "open": ("offen", "open"),
    "in_progress": ("in Arbeit", "in progress"),
    "done": ("erledigt", "done"),
    "running": ("läuft", "running"),
    "completed": ("abgeschlossen", "completed"),
    "invited": ("eingeladen", "invited"),
    "accepted": ("zugesagt", "accepted"),
    "tentative": ("vorläufig zugesagt", "tentative"),
    "declined": ("abgesagt", "declined"),
    "present": ("anwesend", "present"),
    "excused": ("entschuldigt", "excused"),
}

_MEETING_KINDS = {
    "network": ("Netzwerktreffen", "Network meeting"),
    "working_group": ("AG-Sitzung", "Working group meeting"),
    "steering": ("Steuerungsgruppe", "Steering group"),
    "other": ("Sitzung", "Meeting"),
}

#: Organisation kinds as a district office writes them; the ``csv`` directory and the command line use them.
ORGANIZATION_KINDS: dict[str, tuple[str, str]] = {
    "authority": ("Behörde", "Authority"),
    "jobcenter": ("Jobcenter", "Jobcenter"),
    "federal_agency": ("Bundesbehörde", "Federal agency"),
    "state_agency": ("Landesbehörde", "State agency"),
    "municipality": ("Kommune", "Municipality"),
    "course_provider": ("Kursträger", "Course provider"),
    "welfare": ("Wohlfahrtsverband", "Welfare organisation"),
    "education": ("Bildungseinrichtung", "Education"),
    "housing": ("Wohnungswirtschaft", "Housing"),
    "employer": ("Arbeitgeber", "Employer"),
    "migrant_organization": ("Migrantenorganisation", "Migrant organisation"),
    "volunteer_initiative": ("Ehrenamtliche Initiative", "Volunteer initiative"),
    "other": ("Sonstige", "Other"),
}

_EVENT_KINDS = {
    "job_fair": ("Berufemesse", "Job fair"),
    "specialist_day": ("Fachtag", "Specialist day"),
    "information": ("Informationsveranstaltung", "Information event"),
    "cultural": ("Kulturveranstaltung", "Cultural event"),
    "other": ("Veranstaltung", "Event"),
}


def _pick(pair: tuple[str, str], language: str) -> str:
    return pair[1] if language == "en" else pair[0]


def word(key: str, language: str) -> str:
    """A fixed word or phrase in ``language``."""
    return _pick(_WORDS[key], language)


def status_word(value: str, language: str) -> str:
    """A status (meeting, task, course, attendance) as people say it."""
    pair = _STATUS.get(value)
    return _pick(pair, language) if pair else value


def meeting_kind_word(value: str, language: str) -> str:
    """A meeting kind, e.g. "Netzwerktreffen"; also the calendar category."""
    pair = _MEETING_KINDS.get(value)
    return _pick(pair, language) if pair else value


def event_kind_word(value: str, language: str) -> str:
    """An event kind, e.g. "Berufemesse"."""
    pair = _EVENT_KINDS.get(value)
    return _pick(pair, language) if pair else value


def organization_kind_word(value: str, language: str) -> str:
    """An organisation kind, e.g. "Wohlfahrtsverband" for ``welfare``."""
    pair = ORGANIZATION_KINDS.get(value)
    return _pick(pair, language) if pair else value


def format_date(day: date, language: str) -> str:
    """ "Montag, 14. Oktober 2024" / "Monday, 14 October 2024"."""
    weekday = _WEEKDAYS[language][day.weekday()]
    month = _MONTHS[language][day.month - 1]
    if language == "en":
        return f"{weekday}, {day.day} {month} {day.year}"
    return f"{weekday}, {day.day}. {month} {day.year}"


def format_short_date(day: date, language: str) -> str:
    """ "14.10.2024" / "2024-10-14" (for tables)."""
    return day.isoformat() if language == "en" else f"{day.day:02d}.{day.month:02d}.{day.year}"


def _clock(moment: datetime) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def format_span(start: datetime, end: datetime, language: str) -> str:
    """A meeting's time in Berlin: "Montag, 14. Oktober 2024, 09:00–13:00 Uhr".

    A meeting over midnight names both days.
    """
    first, last = start.astimezone(BERLIN), end.astimezone(BERLIN)
    suffix = "" if language == "en" else " Uhr"
    if first.date() == last.date():
        return f"{format_date(first.date(), language)}, {_clock(first)}–{_clock(last)}{suffix}"
    return (
        f"{format_date(first.date(), language)}, {_clock(first)}{suffix} – "
        f"{format_date(last.date(), language)}, {_clock(last)}{suffix}"
    )


def format_days(first: date, last: date, language: str) -> str:
    """Whole days, ``last`` inclusive: "Dienstag, 15. Oktober 2024" or a range of two dates."""
    if first == last:
        return format_date(first, language)
    return f"{format_date(first, language)} – {format_date(last, language)}"
