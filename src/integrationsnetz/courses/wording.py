"""The course report's words: its texts in German and English, and numbers said the way people say them.

A wait is "etwa 6 Monate (5–7)", not "26.3 weeks"; a count of teachers is rounded to the half
with its range. Every part of the report (its sections, tables and charts) takes its words from
here, so both languages stay complete side by side.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from typing import Literal

from integrationsnetz.courses.figures import TypeFigures
from integrationsnetz.courses.planning import Range
from integrationsnetz.errors import InvalidData

#: The languages the report is written in.
Language = Literal["de", "en"]
LANGUAGES: tuple[Language, ...] = ("de", "en")

#: What to install when charts are wanted but matplotlib is missing.
CHARTS_EXTRA = "pip install 'integrationsnetz[charts]'"

#: Weeks in an average month, for waits said in months.
WEEKS_PER_MONTH = 365.25 / 12 / 7


_TEXT: dict[str, dict[str, str]] = {
    "title": {"de": "Integrationskurse – Zahlen, Daten, Fakten", "en": "Integration courses – facts and figures"},
    "as_of": {"de": "Stand", "en": "As of"},
    "summary": {"de": "Auf einen Blick", "en": "At a glance"},
    "running_waiting": {"de": "{running}, {waiting}.", "en": "{running}; {waiting}."},
    "running_one": {"de": "{n} Integrationskurs läuft", "en": "{n} integration course is running"},
    "running_many": {"de": "{n} Integrationskurse laufen", "en": "{n} integration courses are running"},
    "waiting_one": {"de": "{n} Mensch steht auf einer Warteliste", "en": "{n} person is on a waiting list"},
    "waiting_many": {"de": "{n} Menschen stehen auf Wartelisten", "en": "{n} people are on waiting lists"},
    "unknown_counted": {
        "de": "Achtung, nicht im Katalog der Kursarten und doch mitgezählt (ein Tippfehler?): {types}.",
        "en": "Note: not in the catalogue of course types, yet counted (a typo?): {types}.",
    },
    "unknown_courses": {"de": "{code!r} ({n} Kurse)", "en": "{code!r} ({n} courses)"},
    "unknown_course": {"de": "{code!r} (1 Kurs)", "en": "{code!r} (1 course)"},
    "wait_today": {
        "de": "Wer sich heute anmeldet, wartet {wait}; die Regel ist ein Kursbeginn binnen {target} Wochen.",
        "en": "Someone registering today waits {wait}; the rule is a course start within {target} weeks.",
    },
    "growing": {
        "de": "Die Wartelisten wachsen: es melden sich mehr Menschen an, als Plätze frei werden ({types}).",
        "en": "The waiting lists grow: more people register than places become free ({types}).",
    },
    "shrinking": {
        "de": "Die Wartelisten schrumpfen: es werden mehr Plätze frei, als sich Menschen anmelden.",
        "en": "The waiting lists shrink: more places become free than people register.",
    },
    "for_target": {
        "de": "Damit die Wartezeit auf Dauer bei höchstens {target} Wochen liegt, braucht es {courses} und {teachers}.",
        "en": "To keep the wait at {target} weeks or less in the long run takes {courses} and {teachers}.",
    },
    "clearing": {
        "de": "Um den Rückstau bis {date} abzubauen, braucht es darüber hinaus vorübergehend {courses} und {teachers}.",
        "en": "To clear the backlog by {date} takes, on top of that and for a while, {courses} and {teachers}.",
    },
    "clearing_none": {
        "de": "Bis {date} baut sich der Rückstau damit von selbst ab; weitere Kurse braucht es dafür nicht.",
        "en": "By {date} the backlog clears with that alone; no further courses are needed for it.",
    },
    "available": {
        "de": "Die Träger melden zusammen {available} Lehrkräfte (VZÄ), genug für höchstens {carried} Kurse; "
        "die laufenden Kurse binden {bound}.",
        "en": "The providers report {available} teachers (FTE) together, enough for at most {carried} courses; "
        "the running courses bind {bound}.",
    },
    "more_courses": {"de": "{n} Kurse mehr", "en": "{n} more courses"},
    "more_course": {"de": "{n} Kurs mehr", "en": "{n} more course"},
    "more_teachers": {"de": "{n} Lehrkräfte (VZÄ) mehr", "en": "{n} more teachers (FTE)"},
    "more_teacher": {"de": "{n} Lehrkraft (VZÄ) mehr", "en": "{n} more teacher (FTE)"},
    "extra_courses": {"de": "{n} zusätzliche Kurse", "en": "{n} extra courses"},
    "extra_course": {"de": "{n} zusätzlicher Kurs", "en": "{n} extra course"},
    "extra_teachers": {"de": "{n} zusätzliche Lehrkräfte (VZÄ)", "en": "{n} extra teachers (FTE)"},
    "extra_teacher": {"de": "{n} zusätzliche Lehrkraft (VZÄ)", "en": "{n} extra teacher (FTE)"},
    "by_type": {"de": "Kurse nach Kursart", "en": "Courses by type"},
    "by_provider": {"de": "Kurse nach Träger", "en": "Courses by provider"},
    "queue": {"de": "Wartelisten und Wartezeit", "en": "Waiting lists and waits"},
    "teachers": {"de": "Lehrkräftebedarf", "en": "Teachers needed"},
    "by_place": {"de": "Wartelisten nach Ort", "en": "Waiting lists by place"},
    "col_place": {"de": "Ort", "en": "Place"},
    "col_list_date": {"de": "Stand der Liste", "en": "list as of"},
    "notes": {"de": "Hinweise", "en": "Notes"},
    "charts": {"de": "Diagramme", "en": "Charts"},
    "assumptions": {"de": "Wie gerechnet wird", "en": "How the figures are computed"},
    "charts_missing": {
        "de": "Diagramme brauchen das optionale Paket matplotlib:",
        "en": "Charts need the optional matplotlib package:",
    },
    "col_type": {"de": "Kursart", "en": "Course type"},
    "col_running": {"de": "laufend", "en": "running"},
    "col_planned": {"de": "geplant", "en": "planned"},
    "col_seats": {"de": "Plätze", "en": "seats"},
    "col_participants": {"de": "Teilnehmende", "en": "participants"},
    "col_occupancy": {"de": "Auslastung", "en": "occupancy"},
    "col_provider": {"de": "Träger", "en": "Provider"},
    "col_courses": {"de": "Kurse", "en": "courses"},
    "col_teachers_fte": {"de": "Lehrkräfte (VZÄ)", "en": "teachers (FTE)"},
    "col_alpha_fte": {"de": "davon Alpha", "en": "of them literacy"},
    "col_rooms": {"de": "Räume", "en": "rooms"},
    "col_bound": {"de": "gebunden (VZÄ)", "en": "bound (FTE)"},
    "col_waiting": {"de": "wartend", "en": "waiting"},
    "col_inflow": {"de": "Anmeldungen/Woche", "en": "registrations/week"},
    "col_placed": {"de": "Plätze frei/Woche", "en": "places/week"},
    "col_wait_now": {"de": "Wartezeit heute", "en": "wait today"},
    "col_wait_later": {"de": "in einem halben Jahr", "en": "in half a year"},
    "col_waited": {"de": "bisher gewartet (Median/längste)", "en": "waited so far (median/longest)"},
    "col_over_rule": {"de": "länger als {target} Wochen", "en": "over {target} weeks"},
    "col_needed": {"de": "Kurse für Ziel", "en": "courses for target"},
    "col_more": {"de": "mehr Kurse", "en": "more courses"},
    "col_fte_now": {"de": "VZÄ heute", "en": "FTE now"},
    "col_fte_target": {"de": "VZÄ für Ziel", "en": "FTE for target"},
    "col_fte_more": {"de": "mehr VZÄ", "en": "more FTE"},
    "col_clearing": {"de": "Rückstau: Kurse / VZÄ", "en": "backlog: courses / FTE"},
    "total": {"de": "Summe", "en": "Total"},
    "unbounded": {"de": "unbegrenzt (wächst)", "en": "without limit (growing)"},
    "unreachable": {"de": "nicht erreichbar", "en": "not reachable"},
    "under_a_week": {"de": "unter einer Woche", "en": "under a week"},
    "about": {"de": "etwa", "en": "about"},
    "weeks": {"de": "Wochen", "en": "weeks"},
    "months": {"de": "Monate", "en": "months"},
    "days": {"de": "Tage", "en": "days"},
    "none": {"de": "keine", "en": "none"},
    "note_unknown_type": {
        "de": "Kursart {code!r} steht nicht im Katalog ({detail}); sie wird mit Standardwerten gerechnet.",
        "en": "Course type {code!r} is not in the catalogue ({detail}); it is computed with defaults.",
    },
    "note_abolished": {
        "de": "{name}: seit {detail} starten keine neuen Kurse dieser Art; die Wartenden brauchen einen anderen Kurs.",
        "en": "{name}: no new courses of this type since {detail}; the people waiting need another course.",
    },
    "note_no_courses": {
        "de": "{name}: Menschen warten, aber kein Kurs dieser Art läuft; die Wartezeit ist offen.",
        "en": "{name}: people wait, but no course of this type runs; the wait is open-ended.",
    },
    "note_gathering": {
        "de": "{name}: bei {inflow} Anmeldungen pro Woche dauert es {weeks}, bis eine Gruppe von {group} "
        "voll ist – mehr Kurse ändern daran nichts; kleinere Gruppen, gemeinsame Kurse oder Plätze im "
        "Nachbarkreis helfen.",
        "en": "{name}: at {inflow} registrations a week it takes {weeks} to fill a group of {group} – more "
        "courses do not change that; smaller groups, pooled courses or places in the next district do.",
    },
    "note_alpha": {
        "de": "Alphabetisierungskurse brauchen Lehrkräfte mit Zusatzzulassung: nötig {need}, gemeldet {have}.",
        "en": "Literacy courses need teachers with the extra approval: {need} needed, {have} reported.",
    },
    "assumption_lines": {
        "de": "Kursdauer D = UE / (UE pro Woche × Anteil Unterrichtswochen {share}); frei werdende Plätze "
        "pro Woche μ = Kurse × Teilnehmende / D; Wartezeit heute = Wartende / μ; auf Dauer (ohne Rückstau) "
        "warten Gruppen auf einen freien Kurs: W = ρ·D / (2·Kurse·(1 − ρ)) mit ρ = Anmeldungen / μ; "
        "Lehrkräfte (VZÄ) = Kurse × UE pro Woche / {teacher_week}. {inflow} Spannen in Klammern: niedrige "
        "und hohe Annahmen. Nicht berücksichtigt: Abbrüche, Quereinstiege, Wiederholer, Teilzeitkurse, "
        "Mindestgruppengrößen. Ziel: Kursbeginn binnen {target} "
        "Wochen nach der Anmeldung. Katalog: {source}.",
        "en": "Course duration D = UE / (UE per week × share of teaching weeks {share}); places per week "
        "μ = courses × participants / D; wait today = people waiting / μ; in the long run (no backlog) groups "
        "wait for a free course: W = ρ·D / (2·courses·(1 − ρ)) with ρ = registrations / μ; teachers (FTE) = "
        "courses × UE per week / {teacher_week}. {inflow} Ranges in brackets: low and high assumptions. "
        "Left out: dropouts, later entries, repeaters, part-time courses, minimum group sizes. "
        "Target: a course start within {target} weeks of registration. "
        "Catalogue: {source}.",
    },
    "inflow_estimated": {
        "de": "Anmeldungen pro Woche aus den Anmeldedaten der letzten {window} Wochen.",
        "en": "Registrations per week from the registration dates of the last {window} weeks.",
    },
    "inflow_given": {"de": "Anmeldungen pro Woche wie vorgegeben.", "en": "Registrations per week as given."},
    "inflow_mixed": {
        "de": "Anmeldungen pro Woche wie vorgegeben, sonst aus den Anmeldedaten der letzten {window} Wochen.",
        "en": "Registrations per week as given, otherwise from the registration dates of the last {window} weeks.",
    },
    "chart_wait_title": {"de": "Wartezeit heute nach Kursart", "en": "Wait today by course type"},
    "chart_wait_axis": {"de": "Wochen", "en": "weeks"},
    "chart_target": {"de": "Ziel: {target} Wochen", "en": "target: {target} weeks"},
    "chart_courses_title": {"de": "Laufende Kurse nach Träger und Kursart", "en": "Running courses by provider"},
    "chart_teachers_title": {"de": "Lehrkräfte in Vollzeitäquivalenten", "en": "Teachers in full-time equivalents"},
    "chart_bound": {"de": "gebunden heute", "en": "bound today"},
    "chart_available": {"de": "gemeldet", "en": "reported"},
    "chart_target_fte": {"de": "nötig für Ziel", "en": "needed for target"},
    "chart_clearing_fte": {"de": "nötig mit Rückstau", "en": "needed with backlog"},
}


# -- numbers said the way people say them ---------------------------------------------------------


def format_number(value: float, language: Language, digits: int = 0) -> str:
    """A number with the language's decimal mark (``6,5`` in German, ``6.5`` in English)."""
    text = f"{value:,.{digits}f}"
    if language == "de":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def _half(value: float) -> float:
    return round(value * 2) / 2


def _weeks_or_months(weeks: float) -> tuple[float, str]:
    if weeks >= 13:
        return round(weeks / WEEKS_PER_MONTH), "months"
    return round(weeks), "weeks"


def say_wait(span: Range, language: Language) -> str:
    """A wait said without false precision: "etwa 6 Monate (5–7)", "unter einer Woche", "unbegrenzt"."""
    t = texts(language)
    if math.isinf(span.central):
        return t["unbounded"]
    if span.central < 1 and span.high < 1:
        return t["under_a_week"]
    value, unit = _weeks_or_months(span.central)
    text = f"{t['about']} {format_number(value, language)} {t[unit]}"
    low = round(span.low / WEEKS_PER_MONTH) if unit == "months" else round(span.low)
    high_text = t["unbounded"] if math.isinf(span.high) else None
    high = 0.0 if high_text else (round(span.high / WEEKS_PER_MONTH) if unit == "months" else round(span.high))
    if low != value or high_text or high != value:
        upper = high_text or format_number(high, language)
        text += f" ({format_number(low, language)}–{upper})"
    return text


def say_count(span: Range, language: Language, *, fte: bool = False) -> str:
    """A count of courses (whole) or teachers (to the half) with its range: "9 (7–12)"."""
    t = texts(language)
    if math.isinf(span.central):
        return t["unreachable"]
    rounder: Callable[[float], float] = _half if fte else (lambda x: float(math.ceil(x - 1e-9)))
    digits = 1 if fte else 0
    central = max(0.0, rounder(span.central))
    text = format_number(central, language, digits if central % 1 else 0)
    if fte:
        text = f"{t['about']} {text}"
    high_inf = math.isinf(span.high)
    low = max(0.0, rounder(span.low))
    high = 0.0 if high_inf else max(0.0, rounder(span.high))
    if low != central or high_inf or high != central:
        upper = t["unreachable"] if high_inf else format_number(high, language, digits if high % 1 else 0)
        text += f" ({format_number(low, language, digits if low % 1 else 0)}–{upper})"
    return text


def say_share(value: float | None, language: Language) -> str:
    """A share as a whole percentage ("85 %"), or a dash when there is none."""
    return "–" if value is None else f"{format_number(100 * value, language)} %"


def say_days(value: float | None, language: Language) -> str:
    """A number of days, whole, or a dash when there is none."""
    return "–" if value is None else format_number(value, language)


def say_date(day: date, language: Language) -> str:
    """A date as the reader writes it: ``14.10.2024`` in German, ``2024-10-14`` in English."""
    return day.strftime("%d.%m.%Y") if language == "de" else day.isoformat()


def type_name(kind: TypeFigures, language: Language) -> str:
    """A course type's name in the report's language."""
    return kind.name_de if language == "de" else kind.name_en


def texts(language: Language) -> dict[str, str]:
    """Every text of the report in ``language``; :class:`InvalidData` for a language it is not written in."""
    if language not in LANGUAGES:
        raise InvalidData([f"language: expected one of {', '.join(LANGUAGES)}, got {language!r}"])
    return {key: entry[language] for key, entry in _TEXT.items()}
