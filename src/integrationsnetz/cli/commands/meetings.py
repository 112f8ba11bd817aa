"""``integrationsnetz termin ...``: add, change, confirm and cancel a meeting; attendance and minutes.

Every subcommand writes through :mod:`integrationsnetz.cli.editing`: it shows the change, asks
(unless ``--yes``), and writes the store in one transaction, and the network document too when
the meeting is defined there. Times are wall-clock times of the network's zone
(:mod:`integrationsnetz.cli.times`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from integrationsnetz.cli.editing import (
    State,
    answer_options,
    changed_fields,
    changing,
    decorated,
    echo_saved,
    find_meeting,
    free_id,
    in_store,
    open_meeting,
    read_state,
    write_one,
)
from integrationsnetz.cli.help import Group, option
from integrationsnetz.cli.readable import Names
from integrationsnetz.cli.texts import cut_rows, read_text_file
from integrationsnetz.cli.times import DEFAULT_ZONE, Occurrence, zone_named
from integrationsnetz.cli.wording import LANGUAGE, say
from integrationsnetz.cli.workspace import Failure, Workspace

if TYPE_CHECKING:
    from integrationsnetz.model import Meeting
    from integrationsnetz.store import Store

KINDS = ("network", "working_group", "steering", "other")
#: What the planner sets anew on a planned session of its series each time ``plan`` runs.
PLANNER_FIELDS = ("start", "end", "venue_id", "room_id", "title")


def _occurrence(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn ``--erste``/``--zweite`` into the command's ``occurrence``; both together are a usage error.

    They are two flags rather than one value with two ``flag_value`` options, because click keeps
    the last of those silently.
    """

    @functools.wraps(command)
    def run(*args: Any, first: bool, second: bool, **values: Any) -> Any:
        if first and second:
            raise click.UsageError(say("time.first_or_second"))
        occurrence: Occurrence = "first" if first else "second" if second else None
        return command(*args, occurrence=occurrence, **values)

    return run


_when = decorated(
    option("--beginn", "start", metavar="ZEIT", help="help.termin.beginn"),
    option("--ende", "end", metavar="ZEIT", help="help.termin.ende"),
    option("--dauer", "length", metavar="MINUTEN", help="help.termin.dauer"),
    option("--erste", "first", is_flag=True, help="help.termin.erste"),
    option("--zweite", "second", is_flag=True, help="help.termin.zweite"),
    option("--zeitzone", "zone", default=DEFAULT_ZONE, show_default=True, help="help.termin.zeitzone"),
    _occurrence,
)
_fields = decorated(
    option("--gruppe", "group", metavar="ID", help="help.termin.gruppe"),
    option("--art", "kind", type=click.Choice(KINDS), help="help.termin.art"),
    option("--ort", "venue", metavar="ID", help="help.termin.ort"),
    option("--raum", "room", metavar="ID", help="help.termin.raum"),
    option("--organisator", "organizer", metavar="ID", help="help.termin.organisator"),
    option("--moderation", "moderator", metavar="ID", help="help.termin.moderation"),
    option("--einladen", "invite", metavar="ID", multiple=True, help="help.termin.einladen"),
    option("--beschreibung", "description", help="help.termin.beschreibung"),
    option("--online", "online", metavar="URL", help="help.termin.online"),
)


@click.group("termin", cls=Group, help="help.termin", short_help="short.termin")
def termin() -> None:
    """The meeting commands."""


def _check(state: State, meeting: Meeting) -> None:
    """Refuse a meeting whose references or times the integrity check finds wrong, before asking."""
    import attrs

    import integrationsnetz as inz

    others = tuple(m for m in state.data.meetings if m.id != meeting.id)
    data = attrs.evolve(state.data, meetings=(*others, meeting))
    prefix = f'meetings["{meeting.id}"]'
    problems = [str(problem) for problem in inz.check(data) if str(problem).startswith(prefix)]
    if problems:
        raise Failure("\n  ".join([say("edit.problems", count=len(problems)), *problems]))


def write_meeting(
    ctx: click.Context,
    store: Store,
    state: State,
    before: Meeting | None,
    after: Meeting,
    *,
    rows: Sequence[tuple[str, str, str]] | None = None,
    notes: Sequence[str] = (),
    yes: bool,
    json_out: bool,
    zone: str = DEFAULT_ZONE,
) -> Meeting:
    """Check, show, ask, write one meeting; returns it as stored.

    ``rows`` are the change as shown, by default the fields that differ (nothing written when none do).
    """
    if rows is None:
        rows = cut_rows(changed_fields(before, after, zone_named(zone), Names(state.data)))
        if not rows:
            click.echo(say("edit.unchanged", id=after.id))
            return after
    _check(state, after)
    key = "edit.new_meeting" if before is None else "edit.change_meeting"
    heading = say(key, id=after.id, store=store.url.masked)
    saved = write_one(ctx, store, state, after, heading=heading, rows=rows, notes=notes, yes=yes)
    echo_saved(saved, json_out=json_out)
    return saved  # type: ignore[return-value]  # put_many returns each entity as its own type


def _taken(state: State, store: Store, meeting_id: str) -> bool:
    import integrationsnetz as inz

    return meeting_id in {m.id for m in state.data.meetings} or in_store(store, inz.Meeting, meeting_id)


def _changes(
    before: Meeting | None,
    *,
    zone: str,
    start: str | None,
    end: str | None,
    length: str | None,
    occurrence: Occurrence,
    values: dict[str, Any],
) -> dict[str, Any]:
    """The fields the options set: times, and every option given (``--einladen`` adds invitations)."""
    import integrationsnetz as inz
    from integrationsnetz.cli.meeting_times import meeting_times

    fields: dict[str, Any] = {}
    if before is None or start is not None or end is not None or length is not None:
        fields["start"], fields["end"] = meeting_times(
            before, start_text=start, end_text=end, length_text=length, zone=zone_named(zone), occurrence=occurrence
        )
    names = {"title": "title", "group": "group_id", "venue": "venue_id", "room": "room_id",
             "organizer": "organizer_id", "moderator": "moderator_id", "description": "description",
             "online": "online_url"}  # fmt: skip
    for option_name, field in names.items():
        if values.get(option_name) is not None:
            fields[field] = values[option_name]
    if values.get("kind") is not None:
        fields["kind"] = inz.MeetingKind(values["kind"])
    if values.get("invite"):
        invited = list(before.invitations) if before is not None else []
        known = {invitation.actor_id for invitation in invited}
        invited += [inz.Invitation(actor_id=actor) for actor in values["invite"] if actor not in known]
        fields["invitations"] = tuple(invited)
    return fields


@termin.command("neu", help="help.termin.neu", short_help="short.termin.neu")
@option("--titel", "title", required=True, help="help.termin.titel")
@_when
@_fields
@option("--id", "meeting_id", metavar="ID", help="help.termin.id")
@answer_options
@click.pass_context
def neu(
    ctx: click.Context,
    /,
    *,
    meeting_id: str | None,
    start: str | None,
    end: str | None,
    length: str | None,
    occurrence: Occurrence,
    zone: str,
    yes: bool,
    as_json: bool,
    **values: Any,
) -> None:
    """Add a meeting to the store."""
    import integrationsnetz as inz
    from integrationsnetz.cli.commands.init import slug

    with changing(ctx) as (store, state):
        fields = _changes(None, zone=zone, start=start, end=end, length=length, occurrence=occurrence, values=values)
        if "kind" not in fields:
            fields["kind"] = inz.MeetingKind.WORKING_GROUP if values.get("group") else inz.MeetingKind.NETWORK
        day = f"{fields['start'].astimezone(zone_named(zone)):%Y-%m-%d}"
        if meeting_id is None:
            base = f"{slug(values.get('group') or values['title'])}-{day}"
            meeting_id = free_id(base, functools.partial(_taken, state, store))
        elif _taken(state, store, meeting_id):
            raise Failure(say("edit.exists", id=meeting_id))
        meeting = inz.Meeting(id=meeting_id, network_id=state.network_id, **fields)
        write_meeting(ctx, store, state, None, meeting, yes=yes, json_out=as_json, zone=zone)


@termin.command("aendern", help="help.termin.aendern", short_help="short.termin.aendern")
@click.argument("meeting_id", metavar="ID")
@option("--titel", "title", help="help.termin.titel")
@_when
@_fields
@answer_options
@click.pass_context
def aendern(
    ctx: click.Context,
    /,
    *,
    meeting_id: str,
    start: str | None,
    end: str | None,
    length: str | None,
    occurrence: Occurrence,
    zone: str,
    yes: bool,
    as_json: bool,
    **values: Any,
) -> None:
    """Change a meeting; a planned session of a series is confirmed with it (``plan`` keeps it)."""
    import attrs

    import integrationsnetz as inz

    with changing(ctx) as (store, state):
        before = open_meeting(state, meeting_id)
        fields = _changes(before, zone=zone, start=start, end=end, length=length, occurrence=occurrence,
                          values=values)  # fmt: skip
        after = attrs.evolve(before, **fields)
        notes = []
        planner_owned = before.series_id is not None and before.status is inz.MeetingStatus.PLANNED
        if planner_owned and any(getattr(before, f) != getattr(after, f) for f in PLANNER_FIELDS):
            after = attrs.evolve(after, status=inz.MeetingStatus.CONFIRMED)
            notes.append(say("edit.confirms_series", series=before.series_id))
        write_meeting(ctx, store, state, before, after, notes=notes, yes=yes, json_out=as_json, zone=zone)


@termin.command("bestaetigen", help="help.termin.bestaetigen", short_help="short.termin.bestaetigen")
@click.argument("meeting_id", metavar="ID")
@answer_options
@click.pass_context
def bestaetigen(ctx: click.Context, meeting_id: str, yes: bool, as_json: bool) -> None:
    """Set a planned (or cancelled) meeting to confirmed: invitations go out, ``plan`` keeps it."""
    import attrs

    import integrationsnetz as inz

    with changing(ctx) as (store, state):
        before = find_meeting(state, meeting_id)
        if before.status is inz.MeetingStatus.HELD:
            raise Failure(say("edit.is_held", id=meeting_id))
        notes = [say("edit.uncancels")] if before.status is inz.MeetingStatus.CANCELLED else []
        after = attrs.evolve(before, status=inz.MeetingStatus.CONFIRMED)
        write_meeting(ctx, store, state, before, after, notes=notes, yes=yes, json_out=as_json)


def _cancel_message(data: Any, meeting_id: str, target: Path | None) -> list[str]:
    """Write the CANCEL (to ``target``, or nowhere for a trial); the invitees it does not reach."""
    import integrationsnetz as inz
    from integrationsnetz.exporters import export_result

    options = inz.ExportOptions(
        language=LANGUAGE.get(), audience="recipients", ics=inz.IcsOptions(method=inz.IcsMethod.CANCEL)
    )
    result = export_result(data, "ics", target, select=meeting_id, options=options)
    return [say("edit.cancel_misses", who=entry.label, reason=entry.reason) for entry in result.left_out]


@termin.command("absagen", help="help.termin.absagen", short_help="short.termin.absagen")
@click.argument("meeting_id", metavar="ID")
@option("--ohne-ics", "no_ics", is_flag=True, help="help.termin.ohne_ics")
@answer_options
@click.pass_context
def absagen(ctx: click.Context, meeting_id: str, no_ics: bool, yes: bool, as_json: bool) -> None:
    """Cancel a meeting (kept, status cancelled, so feeds carry the cancellation) and write its CANCEL."""
    import attrs

    import integrationsnetz as inz

    workspace: Workspace = ctx.obj.workspace()
    with workspace.open_store() as store:
        state = read_state(workspace, store)
        before = open_meeting(state, meeting_id)
        if before.status is inz.MeetingStatus.HELD:
            raise Failure(say("edit.is_held", id=meeting_id))
        target = workspace.out / f"absage-{meeting_id}.ics"
        notes = []
        if not no_ics:
            try:
                missed = _cancel_message(state.data, meeting_id, None)  # can it be written? ask only if so
            except inz.ExportError as exc:
                raise Failure(say("edit.no_cancel_file", error=str(exc))) from None
            notes.append(say("edit.cancel_file", path=target))
            notes += missed  # invited, but not reached by the message: the coordinator tells them herself
        after = attrs.evolve(before, status=inz.MeetingStatus.CANCELLED)
        write_meeting(ctx, store, state, before, after, notes=notes, yes=yes, json_out=as_json)
        if not no_ics:
            workspace.out.mkdir(parents=True, exist_ok=True)
            _cancel_message(read_state(workspace, store).data, meeting_id, target)
            click.echo(say("edit.cancel_written", path=target), err=as_json)


@termin.command("anwesenheit", help="help.termin.anwesenheit", short_help="short.termin.anwesenheit")
@click.argument("meeting_id", metavar="ID")
@option("--anwesend", "present", metavar="ID", multiple=True, help="help.termin.anwesend")
@option("--entschuldigt", "excused", metavar="ID", multiple=True, help="help.termin.entschuldigt")
@option("--anzahl", "headcount", type=click.IntRange(0, 100_000), help="help.termin.anzahl")
@answer_options
@click.pass_context
def anwesenheit(
    ctx: click.Context,
    *,
    meeting_id: str,
    present: tuple[str, ...],
    excused: tuple[str, ...],
    headcount: int | None,
    yes: bool,
    as_json: bool,
) -> None:
    """Record who was there (and who sent apologies); the meeting counts as held."""
    import attrs

    import integrationsnetz as inz

    if not present and not excused and headcount is None:
        raise click.UsageError(say("edit.nothing_given", options="--anwesend, --entschuldigt, --anzahl"))
    with changing(ctx) as (store, state):
        before = open_meeting(state, meeting_id)
        answers = dict.fromkeys(present, inz.AttendanceStatus.PRESENT)
        answers.update((actor, inz.AttendanceStatus.EXCUSED) for actor in excused)
        invitations = [
            attrs.evolve(invitation, status=answers.pop(invitation.actor_id, invitation.status))
            for invitation in before.invitations
        ]
        invitations += [inz.Invitation(actor_id=actor, status=status) for actor, status in answers.items()]
        after = attrs.evolve(before, invitations=tuple(invitations), status=inz.MeetingStatus.HELD)
        if headcount is not None:
            after = attrs.evolve(after, headcount=headcount)
        write_meeting(ctx, store, state, before, after, yes=yes, json_out=as_json)


@termin.command("protokoll", help="help.termin.protokoll", short_help="short.termin.protokoll")
@click.argument("meeting_id", metavar="ID")
@option("--text", help="help.termin.text")
@option("--datei", "text_file", type=click.Path(path_type=Path, dir_okay=False), help="help.termin.datei")
@option("--beschluss", "decisions", metavar="TEXT", multiple=True, help="help.termin.beschluss")
@option("--protokollant", "recorder", metavar="ID", help="help.termin.protokollant")
@option("--genehmigt", "approved", metavar="DATUM", help="help.termin.genehmigt")
@answer_options
@click.pass_context
def protokoll(
    ctx: click.Context,
    *,
    meeting_id: str,
    text: str | None,
    text_file: Path | None,
    decisions: tuple[str, ...],
    recorder: str | None,
    approved: str | None,
    yes: bool,
    as_json: bool,
) -> None:
    """Write the minutes: their text (replaced), decisions (added), who recorded and when approved."""
    import attrs

    import integrationsnetz as inz
    from integrationsnetz.cli.times import parse_day

    if text is not None and text_file is not None:
        raise click.UsageError(say("edit.text_or_file"))
    if text is None and text_file is None and not decisions and recorder is None and approved is None:
        raise click.UsageError(say("edit.nothing_given", options="--text, --datei, --beschluss, ..."))
    if text_file is not None:
        text = read_text_file(text_file).replace("\r\n", "\n")
    approved_on = parse_day(approved)
    with changing(ctx) as (store, state):
        before = open_meeting(state, meeting_id)
        minutes = before.minutes or inz.Minutes()
        fields: dict[str, Any] = {}
        if text is not None:
            fields["text"] = text
        if decisions:
            fields["decisions"] = (*minutes.decisions, *(inz.Decision(text=line) for line in decisions))
        if recorder is not None:
            fields["recorded_by_id"] = recorder
        if approved_on is not None:
            fields["approved_on"] = approved_on
        after = attrs.evolve(before, minutes=attrs.evolve(minutes, **fields))
        write_meeting(ctx, store, state, before, after, yes=yes, json_out=as_json)


COMMANDS = (termin,)
