"""integrationsnetz-myplugin: one hook of each kind. Keep what you need and delete the rest.

Everything is registered by the entry point in pyproject.toml. Import heavy libraries inside the
functions that use them: the host imports this module when it starts.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, BinaryIO

import cattrs
import orjson

from integrationsnetz import InvalidData, Meeting, MeetingKind, State, hookimpl
from integrationsnetz.exporters import Exporter, ExportRequest
from integrationsnetz.ingest import Importer, ImportOptions, ImportResult
from integrationsnetz.plugin_settings import plugin_settings
from integrationsnetz.schedule import Candidate, Constraint, HolidayCalendar, HolidayKind, PlanContext, Strictness

PLUGIN = "integrationsnetz-myplugin"
FORMAT = "myplugin-meetings"

# -- an exporter and its importer (register_exporters, register_importers) ---------------------


def write_meetings(request: ExportRequest, stream: BinaryIO) -> None:
    """One JSON object per meeting and line, in order of time: id, kind, title, start, end.

    ``request.data`` holds no personal data unless the caller asked for it, and neither does
    ``request.selected``; this format shows no people either way.
    """
    for meeting in sorted(request.data.meetings, key=lambda m: (m.start, m.id)):
        line = {
            "id": meeting.id,
            "kind": meeting.kind.value,
            "title": meeting.title,
            "start": meeting.start.isoformat(),
            "end": meeting.end.isoformat(),
        }
        stream.write(orjson.dumps(line) + b"\n")


def read_meetings(stream: BinaryIO, options: ImportOptions) -> ImportResult:
    """The meetings of a file :func:`write_meetings` wrote; every bad line is named, nothing half-read."""
    meetings = []
    problems = []
    for number, line in enumerate(stream.read().splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = orjson.loads(line)
            meetings.append(
                Meeting(
                    id=item["id"],
                    network_id=options.network_id,
                    kind=MeetingKind(item["kind"]),
                    title=item["title"],
                    start=datetime.fromisoformat(item["start"]),
                    end=datetime.fromisoformat(item["end"]),
                )
            )
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            reason = f"missing {exc}" if isinstance(exc, KeyError) else str(exc).splitlines()[0]
            problems.append(f"line {number}: expected a meeting as written by {FORMAT}: {reason}")
    if problems:
        raise InvalidData(problems, source=options.source)
    return ImportResult(entities=tuple(meetings))


@hookimpl
def register_exporters() -> list[Exporter]:
    return [
        Exporter(
            format=FORMAT,
            media_type="application/jsonl",
            suffix=".jsonl",
            description="Meetings, one JSON object per line",
            write=write_meetings,
        )
    ]


@hookimpl
def register_importers() -> list[Importer]:
    return [
        Importer(
            format=FORMAT,
            media_type="application/jsonl",
            suffix=".jsonl",
            description="Meetings, one JSON object per line",
            read=read_meetings,
        )
    ]


# -- a holiday calendar with a setting (register_holiday_calendars) -----------------------------


def closing_days(state: State, year: int, language: str) -> Mapping[date, str]:
    """The office's closing days; ``INTEGRATIONSNETZ_MYPLUGIN_CLOSING_DAYS=12-24,12-31`` sets them."""
    setting = plugin_settings(PLUGIN).text("closing_days", default="12-24,12-31") or ""
    name = "Dienststelle geschlossen" if language == "de" else "Office closed"
    days = {}
    for text in setting.split(","):
        try:
            month, day = (int(part) for part in text.strip().split("-"))
            days[date(year, month, day)] = name
        except ValueError:
            raise InvalidData(
                [f"INTEGRATIONSNETZ_MYPLUGIN_CLOSING_DAYS: expected month-day such as 12-24, got {text.strip()!r}"]
            ) from None
    return days


@hookimpl
def register_holiday_calendars() -> list[HolidayCalendar]:
    return [
        HolidayCalendar(
            code="myplugin-closing-days",
            kind=HolidayKind.LOCAL,
            description="The days the district office is closed",
            days=closing_days,
        )
    ]


# -- a schedule constraint (register_schedule_constraints) --------------------------------------


def not_on_friday_afternoon(candidate: Candidate, context: PlanContext) -> str | None:
    if candidate.day.weekday() == 4 and candidate.start.hour >= 12:
        return context.say(de="Freitagnachmittag", en="Friday afternoon")
    return None


@hookimpl
def register_schedule_constraints() -> list[Constraint]:
    return [
        Constraint(
            code="myplugin-no-friday-afternoon",
            description="Keep Friday afternoons free",
            check=not_on_friday_afternoon,
            strictness=Strictness.SOFT,
        )
    ]


# -- a converter extension (configure_converter) ------------------------------------------------


def _decimal(value: Any, _: Any) -> Decimal:
    try:
        amount = Decimal(value) if isinstance(value, str) else None
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():
        raise ValueError(f"expected an amount such as '12.50', got {value!r}")
    return amount


@hookimpl
def configure_converter(converter: cattrs.Converter) -> None:
    """Money amounts as exact decimal text ("12.50"), never as a float."""
    converter.register_unstructure_hook(Decimal, str)
    converter.register_structure_hook(Decimal, _decimal)
