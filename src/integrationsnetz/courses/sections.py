"""The course report's content as blocks: the summary, the tables and the notes, before any format.

A block is a heading, a paragraph, a list, a table, a chart or a command; the Markdown and
HTML of :mod:`~integrationsnetz.courses.rendering` are two renderings of the same blocks, so
they never say different things.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from integrationsnetz.courses.figures import CourseFigures
from integrationsnetz.courses.planning import Range
from integrationsnetz.courses.wording import (
    CHARTS_EXTRA,
    Language,
    format_number,
    say_count,
    say_date,
    say_days,
    say_share,
    say_wait,
    texts,
    type_name,
)


@attrs.frozen
class Table:
    """One table of the report: ``key`` names its CSV file, ``header`` and ``rows`` are its cells as text."""

    key: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


#: One block of the report: ("h1"|"h2"|"h3"|"p", text) | ("ul", [texts]) | ("table", Table) | ("chart", name)
#: | ("command", (text, command)).
Block = tuple[str, object]


def report_blocks(
    figures: CourseFigures, language: Language, drawn: Mapping[str, bytes], missing: str | None
) -> list[Block]:
    """The report from title to assumptions; ``drawn`` are the charts by file name, ``missing`` says what to
    install when charts were wanted but could not be drawn."""
    t = texts(language)
    target = format_number(figures.target_weeks, language)
    when = say_date(figures.as_of, language)
    blocks: list[Block] = [
        ("h1", t["title"]),
        ("p", f"{figures.network_name} · {t['as_of']} {when}"),
        ("h2", t["summary"]),
        ("ul", _summary(figures, language)),
        ("h2", t["by_type"]),
        ("table", _types_table(figures, language)),
        ("h2", t["by_provider"]),
        ("table", _providers_table(figures, language)),
        ("h2", t["queue"]),
        ("table", _queue_table(figures, language)),
        ("h3", t["by_place"]),
        ("table", _places_table(figures, language)),
        ("h2", t["teachers"]),
        ("table", _teachers_table(figures, language)),
    ]
    notes = _notes(figures, language)
    if notes:
        blocks += [("h2", t["notes"]), ("ul", notes)]
    if drawn:
        blocks += [("h2", t["charts"]), *(("chart", name) for name in drawn)]
    elif missing:
        blocks += [("h2", t["charts"]), ("command", (missing.removesuffix(CHARTS_EXTRA).strip(), CHARTS_EXTRA))]
    share = figures.types[0].plan.inputs.teaching_share if figures.types else Range(0.75, 0.8, 0.85)
    blocks += [
        ("h2", t["assumptions"]),
        (
            "p",
            t["assumption_lines"].format(
                share=f"{format_number(share.central, language, 2)}",
                teacher_week=figures.teacher_units_per_week,
                inflow=_inflow_source(figures, language),
                source=figures.catalogue_source,
                target=target,
            ),
        ),
    ]
    return blocks


def _inflow_source(figures: CourseFigures, language: Language) -> str:
    t = texts(language)
    given = {kind.inflow_given for kind in figures.types}
    key = "inflow_mixed" if given == {True, False} else "inflow_given" if given == {True} else "inflow_estimated"
    return t[key].format(window=figures.inflow_window_weeks)


def _counted(t: Mapping[str, str], key: str, count: str) -> str:
    """``count`` in the phrase ``key`` (singular) or ``key + "s"`` (plural): "1 Kurs mehr", "2 Kurse mehr"."""
    one = count.rsplit(" ", 1)[-1] == "1"  # "1" or "etwa 1", never a range such as "1 (1–2)"
    return t[key if one else f"{key}s"].format(n=count)


def _summary(figures: CourseFigures, language: Language) -> list[str]:
    t = texts(language)
    target = format_number(figures.target_weeks, language)
    teachers = figures.teachers
    running = t["running_one" if figures.running == 1 else "running_many"].format(n=figures.running)
    waiting = t["waiting_one" if figures.waiting == 1 else "waiting_many"].format(n=figures.waiting)
    lines = [
        t["running_waiting"].format(running=running, waiting=waiting),
        t["wait_today"].format(wait=say_wait(figures.mean_wait_now, language), target=target),
    ]
    unknown = [kind for kind in figures.types if kind.code in {note.course_type for note in figures.notes
                                                               if note.kind == "unknown_type"}]  # fmt: skip
    if unknown:
        named = [
            t["unknown_course" if kind.running + kind.planned == 1 else "unknown_courses"].format(
                code=kind.code, n=kind.running + kind.planned
            )
            for kind in unknown
        ]
        lines.insert(0, t["unknown_counted"].format(types=", ".join(named)))
    growing = [type_name(kind, language) for kind in figures.types if kind.plan.growing]
    if growing:
        lines.append(t["growing"].format(types=", ".join(growing)))
    elif figures.waiting:
        lines.append(t["shrinking"])
    extra_courses = sum((kind.plan.extra_courses for kind in figures.types), Range.exact(0))
    lines.append(
        t["for_target"].format(
            target=target,
            courses=_counted(t, "more_course", say_count(extra_courses, language)),
            teachers=_counted(t, "more_teacher", say_count(teachers.extra_for_target, language, fte=True)),
        )
    )
    if figures.clear_by is not None and teachers.clearing is not None:
        clearing_courses = sum(
            (kind.plan.clearing_courses for kind in figures.types if kind.plan.clearing_courses is not None),
            Range.exact(0),
        )
        when = say_date(figures.clear_by, language)
        if clearing_courses.high == 0:
            lines.append(t["clearing_none"].format(date=when))
        else:
            lines.append(
                t["clearing"].format(
                    date=when,
                    courses=_counted(t, "extra_course", say_count(clearing_courses, language)),
                    teachers=_counted(t, "extra_teacher", say_count(teachers.clearing, language, fte=True)),
                )
            )
    if teachers.available is not None:
        lines.append(
            t["available"].format(
                available=format_number(teachers.available, language, 1),
                carried=teachers.courses_carried,
                bound=format_number(teachers.now, language, 1),
            )
        )
    return lines


def _types_table(figures: CourseFigures, language: Language) -> Table:
    t = texts(language)
    rows = [
        (
            type_name(kind, language),
            str(kind.running),
            str(kind.planned),
            str(kind.seats),
            str(kind.participants),
            say_share(kind.occupancy, language),
        )
        for kind in figures.types
    ]
    seats = sum(kind.seats for kind in figures.types)
    participants = sum(kind.participants for kind in figures.types)
    rows.append(
        (
            t["total"],
            str(figures.running),
            str(sum(kind.planned for kind in figures.types)),
            str(seats),
            str(participants),
            say_share(participants / seats if seats else None, language),
        )
    )
    header = ("col_type", "col_running", "col_planned", "col_seats", "col_participants", "col_occupancy")
    return Table("types", tuple(t[key] for key in header), tuple(rows))


def _providers_table(figures: CourseFigures, language: Language) -> Table:
    t = texts(language)
    short = {kind.code: type_name(kind, language) for kind in figures.types}
    rows = []
    for provider in figures.providers:
        courses = ", ".join(f"{n} {short.get(code, code)}" for code, n in provider.running_by_type.items())
        rows.append(
            (
                provider.name,
                courses or "–",
                str(provider.seats),
                say_share(provider.occupancy, language),
                format_number(provider.teachers_bound, language, 1),
                "–" if provider.teachers_fte is None else format_number(provider.teachers_fte, language, 1),
                "–" if provider.alpha_teachers_fte is None else format_number(provider.alpha_teachers_fte, language, 1),
                "–" if provider.rooms is None else str(provider.rooms),
            )
        )
    header = (
        "col_provider",
        "col_courses",
        "col_seats",
        "col_occupancy",
        "col_bound",
        "col_teachers_fte",
        "col_alpha_fte",
        "col_rooms",
    )
    return Table("providers", tuple(t[key] for key in header), tuple(rows))


def _queue_table(figures: CourseFigures, language: Language) -> Table:
    t = texts(language)
    rows = []
    for kind in figures.types:
        plan = kind.plan
        observed = kind.observed
        rows.append(
            (
                type_name(kind, language),
                str(plan.inputs.queue),
                format_number(plan.inputs.inflow_per_week.central, language, 1),
                format_number(plan.placed_per_week.central, language, 1),
                say_wait(plan.wait_now, language),
                say_wait(plan.wait_in_half_a_year, language),
                f"{say_days(observed.median_days, language)} / {say_days(observed.longest_days, language)} {t['days']}",
                str(observed.over_start_rule),
            )
        )
    target = format_number(figures.target_weeks, language)
    header = [t[key] for key in ("col_type", "col_waiting", "col_inflow", "col_placed", "col_wait_now")]
    header += [t["col_wait_later"], t["col_waited"], t["col_over_rule"].format(target=target)]
    return Table("queue", tuple(header), tuple(rows))


def _places_table(figures: CourseFigures, language: Language) -> Table:
    t = texts(language)
    names = {kind.code: type_name(kind, language) for kind in figures.types}
    providers = {provider.provider_id: provider.name for provider in figures.providers}
    rows = []
    for place in figures.places:
        observed = place.observed
        rows.append(
            (
                place.place,
                names.get(place.course_type, place.course_type),
                "–" if place.provider_id is None else providers.get(place.provider_id, place.provider_id),
                str(observed.waiting),
                f"{say_days(observed.median_days, language)} / {say_days(observed.longest_days, language)} {t['days']}",
                str(observed.over_start_rule),
                say_date(place.as_of, language),
            )
        )
    target = format_number(figures.target_weeks, language)
    header = [t[key] for key in ("col_place", "col_type", "col_provider", "col_waiting", "col_waited")]
    header += [t["col_over_rule"].format(target=target), t["col_list_date"]]
    return Table("places", tuple(header), tuple(rows))


def _teachers_table(figures: CourseFigures, language: Language) -> Table:
    t = texts(language)
    rows = []
    for kind in figures.types:
        plan = kind.plan
        clearing = "–"
        if plan.clearing_courses is not None and plan.clearing_teachers is not None:
            courses = say_count(plan.clearing_courses, language)
            clearing = f"{courses} / {say_count(plan.clearing_teachers, language, fte=True)}"
        rows.append(
            (
                type_name(kind, language),
                str(plan.inputs.courses),
                say_count(plan.courses_for_target, language),
                say_count(plan.extra_courses, language),
                format_number(plan.teachers_now, language, 1),
                say_count(plan.teachers_for_target, language, fte=True),
                say_count(plan.extra_teachers, language, fte=True),
                clearing,
            )
        )
    teachers = figures.teachers
    clearing_total = sum((k.plan.clearing_courses or Range.exact(0) for k in figures.types), Range.exact(0))
    rows.append(
        (
            t["total"],
            str(figures.running),
            say_count(sum((k.plan.courses_for_target for k in figures.types), Range.exact(0)), language),
            say_count(sum((k.plan.extra_courses for k in figures.types), Range.exact(0)), language),
            format_number(teachers.now, language, 1),
            say_count(teachers.for_target, language, fte=True),
            say_count(teachers.extra_for_target, language, fte=True),
            "–"
            if teachers.clearing is None
            else f"{say_count(clearing_total, language)} / {say_count(teachers.clearing, language, fte=True)}",
        )
    )
    header = ("col_type", "col_running", "col_needed", "col_more", "col_fte_now", "col_fte_target", "col_fte_more")
    return Table("teachers", (*(t[key] for key in header), t["col_clearing"]), tuple(rows))


def _notes(figures: CourseFigures, language: Language) -> list[str]:
    t = texts(language)
    by_code = {kind.code: kind for kind in figures.types}
    lines = []
    for note in figures.notes:
        kind = by_code.get(note.course_type)
        name = type_name(kind, language) if kind else note.course_type
        lines.append(t[f"note_{note.kind}"].format(code=note.course_type, name=name, detail=note.detail))
    for kind in figures.types:
        plan = kind.plan
        if plan.inputs.queue and plan.gathering_wait.central > figures.target_weeks:
            lines.append(
                t["note_gathering"].format(
                    name=type_name(kind, language),
                    inflow=format_number(plan.inputs.inflow_per_week.central, language, 1),
                    weeks=say_wait(plan.gathering_wait, language),
                    group=format_number(plan.inputs.group_size.central, language),
                )
            )
    teachers = figures.teachers
    if teachers.alpha_for_target.central > 0 and teachers.alpha_available is not None:
        lines.append(
            t["note_alpha"].format(
                need=say_count(teachers.alpha_for_target, language, fte=True),
                have=format_number(teachers.alpha_available, language, 1),
            )
        )
    return lines
