"""Every calendar that icalendar and recurring-ical-events ship in their packages, read by our importer.

The two projects keep the real-world files of their users' bug reports as test data (Outlook,
Google, Apple, Thunderbird, Nextcloud, generators of every kind, broken ones too). They are
found through the installed packages; nothing is copied here. For each file:

* it is imported, or refused with :class:`~integrationsnetz.InvalidData` naming the file and the
  line of each problem; nothing else comes out;
* refused or not, the tolerant mode (``on_error="skip"``) reads every file that is a calendar at
  all (only a file that does not start with ``BEGIN:VCALENDAR`` is refused), and reports what
  it left out with its line;
* an imported file gives as many meetings and events as recurring-ical-events expands in the
  span the import covers (its first to its last date), except for the files of
  :data:`DIFFERENCES`, each off by the number given there, for the reason given there.

``python tests/exporters/test_ingest_corpus.py`` prints the table of all files.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

import integrationsnetz as inz
from integrationsnetz import Event, ImportOptions, InvalidData, Meeting

BERLIN = ZoneInfo("Europe/Berlin")
PACKAGES = {"icalendar": icalendar, "recurring_ical_events": recurring_ical_events}
CORPUS = {
    f"{name}/{path.relative_to(Path(module.__file__).parent)}": path
    for name, module in PACKAGES.items()
    for path in sorted(Path(module.__file__).parent.rglob("*.ics"))
}

#: Files whose count differs from recurring-ical-events': (ours minus theirs, why). The name is
#: the file's path below its package, as in CORPUS.
DIFFERENCES: dict[str, tuple[int, str]] = {
    "recurring_ical_events/test/calendars/end_before_start_event.ics": (
        -1,
        "DTEND before DTSTART: skipped and reported ('ends before it starts'); recurring-ical-events swaps the two",
    ),
    "recurring_ical_events/test/calendars/issue_132_swapped_start_and_end.ics": (
        -1,
        "DTEND before DTSTART: skipped and reported ('ends before it starts'); recurring-ical-events swaps the two",
    ),
    "recurring_ical_events/test/calendars/issue_117_until_before_dtstart.ics": (
        +1,
        "UNTIL before DTSTART: RFC 5545 counts DTSTART as the first date, so the entry is imported; "
        "recurring-ical-events drops it",
    ),
    "recurring_ical_events/test/calendars/issue_75_range_parameter.ics": (
        +1,
        "UNTIL=20250920 (a day) for a series at 12:00 UTC: the whole day counts, so 20 September is "
        "imported; recurring-ical-events ends at 00:00 UTC of that day",
    ),
}


def _beyond_recurring_ical_events(event: icalendar.Event) -> bool:
    """An event recurring-ical-events cannot expand at all: no DTSTART, or a rule of RFC 7529
    (RSCALE, SKIP). The importer skips the first with a reason, and reads the second only in the
    Gregorian calendar without SKIP (else it skips it with a reason); they are left out here."""
    rules = event.get("RRULE") or []
    return "DTSTART" not in event or any("RSCALE" in rule for rule in (rules if isinstance(rules, list) else [rules]))


def _import(path: Path, **options: object) -> inz.ImportResult:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # icalendar warns about vendor-prefixed zone names it guesses
        return inz.import_from(path, options=ImportOptions(network_id="netz", **options))  # type: ignore[arg-type]


def _wall(moment: date | datetime) -> datetime:
    """A start as Berlin wall time (floating times are read in Berlin, as the importer reads them)."""
    if isinstance(moment, datetime):
        return moment.astimezone(BERLIN).replace(tzinfo=None) if moment.tzinfo else moment
    return datetime.combine(moment, datetime.min.time())


def _start(entity: inz.Entity) -> datetime:
    if isinstance(entity, Meeting):
        return _wall(entity.start)
    assert isinstance(entity, Event)
    return _wall(getattr(entity.when, "start", None) or entity.when.first_day)  # type: ignore[union-attr]


def expanded_by_recurring_ical_events(path: Path, first: datetime, last: datetime) -> int:
    """How many occurrences recurring-ical-events finds starting from ``first`` to ``last`` (wall time)."""
    count = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for calendar in icalendar.Calendar.from_ical(path.read_bytes(), multiple=True):
            for event in list(calendar.walk("VEVENT")):
                if _beyond_recurring_ical_events(event):
                    calendar.subcomponents.remove(event)
            span = recurring_ical_events.of(calendar).between(first - timedelta(days=400), last + timedelta(days=2))
            count += sum(1 for occurrence in span if first <= _wall(occurrence.start) <= last)
    return count


def outcome(name: str) -> tuple[str, int, int]:
    """("ok", ours, theirs) or ("refused", 0, 0) for one file of the corpus."""
    path = CORPUS[name]
    try:
        result = _import(path)
    except InvalidData:
        return "refused", 0, 0
    if not result.entities:
        far = datetime(1900, 1, 1), datetime(2200, 1, 1)
        return "ok", 0, expanded_by_recurring_ical_events(path, *far)
    starts = [_start(entity) for entity in result.entities]
    return "ok", len(result.entities), expanded_by_recurring_ical_events(path, min(starts), max(starts))


def test_the_corpus_is_there() -> None:
    """The packages still ship their calendars (else this file would test nothing)."""
    assert sum(1 for name in CORPUS if name.startswith("icalendar/")) > 100
    assert sum(1 for name in CORPUS if name.startswith("recurring_ical_events/")) > 50


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_a_real_calendar_is_imported_or_refused_with_its_lines(name: str) -> None:
    path = CORPUS[name]
    refused: InvalidData | None = None
    try:
        result = _import(path)
    except InvalidData as error:
        refused = error
    if refused is not None:
        assert str(refused).startswith(f"{path}: line ")
        assert all(re.match(r"line \d+: \S", problem) for problem in refused.problems), refused.problems
        return
    kind, ours, theirs = outcome(name)
    assert kind == "ok"
    assert ours == len(result.entities)
    difference, why = DIFFERENCES.get(name, (0, ""))
    assert ours - theirs == difference, f"{ours} imported, recurring-ical-events expands {theirs}; {why}"


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_the_tolerant_mode_reads_every_calendar_and_says_what_it_left_out(name: str) -> None:
    path = CORPUS[name]
    try:
        strict: inz.ImportResult | None = _import(path)
    except InvalidData:
        strict = None
    try:
        tolerant = _import(path, on_error="skip")
    except InvalidData as error:
        refused = error.problems
    else:
        refused = None
    if refused is not None:
        assert len(refused) == 1
        assert re.fullmatch(r"line \d+: expected BEGIN:VCALENDAR, got BEGIN:.*", refused[0])
        return
    if strict is not None:  # a sound file: the tolerant mode reads the same
        assert tolerant == strict
    else:
        assert any("left out" in s.reason or "ignored" in s.reason for s in tolerant.skipped)
        assert all(s.line is not None for s in tolerant.skipped if "left out" in s.reason)


def _why_refused(name: str) -> str:
    try:
        _import(CORPUS[name])
    except InvalidData as refused:
        first = refused.problems[0]
        if "expected BEGIN:VCALENDAR" in first:
            return "not a calendar (a bare VEVENT, VTIMEZONE, VALARM … file)"
        structure = ("content line", "does not close", "never closed", "outside of", "cannot be nested")
        return "broken structure" if any(word in first for word in structure) else "broken values"
    return ""


def table() -> str:
    """The corpus as a table: files imported, refused (and why), and each difference with its reason."""
    rows = {name: outcome(name) for name in sorted(CORPUS)}
    kinds = Counter(kind for kind, _, _ in rows.values())
    refused = Counter(_why_refused(name) for name, (kind, _, _) in rows.items() if kind == "refused")
    lines = [
        f"{len(rows)} files: {kinds['ok']} imported, {kinds['refused']} refused (InvalidData with lines)",
        *(f"  refused, {why}: {count}" for why, count in sorted(refused.items())),
        f"imported: {sum(o for _, o, _ in rows.values())} meetings and events; "
        f"recurring-ical-events expands {sum(t for _, _, t in rows.values())} in the same spans",
        f"differences: {sum(1 for kind, o, t in rows.values() if kind == 'ok' and o != t)} files",
    ]
    for name, (kind, ours, theirs) in rows.items():
        if kind == "ok" and ours != theirs:
            lines.append(f"  {name}: {ours - theirs:+d} ({DIFFERENCES.get(name, (0, 'UNEXPLAINED'))[1]})")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table())
