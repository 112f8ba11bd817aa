"""``integrationsnetz init``: a district's workspace from a few flags (or questions on a terminal).

It writes the network document, a planning file with a first series and the state's holidays of
the coming year (as comments, so the coordinator sees what the planner avoids), the workspace file
naming both with the store and ``out/``, and puts the network into the store. A district that has
its documents already names them (``--netz``, ``--planung``): the workspace points at them, they are
checked before anything is written, and only what is missing is created. The district (the
region's name, a required fact of a network) is asked for on a terminal, with the name's district
as the answer offered ("Netzwerk Integration Wartburgkreis" -> "Wartburgkreis"); without a
terminal that derived name is taken, and the command says so.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import click

from integrationsnetz.cli.help import Command, option
from integrationsnetz.cli.wording import say
from integrationsnetz.cli.workspace import WORKSPACE_FILE, Failure, absolute_store_url

DOCUMENT = "netzwerk.toml"
PLANNING = "planung.toml"
DEFAULT_STORE = "sqlite:integrationsnetz.db"
STATES = ("BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH")
#: The first two digits of the official municipality key (AGS) of each state.
STATE_KEYS = {
    "SH": "01", "HH": "02", "NI": "03", "HB": "04", "NW": "05", "HE": "06", "RP": "07", "BW": "08",
    "BY": "09", "SL": "10", "BE": "11", "BB": "12", "MV": "13", "SN": "14", "ST": "15", "TH": "16",
}  # fmt: skip


#: The longest id made from a name: room for a day (``-2027-01-12``) and a number after it, far
#: below the model's 200 characters, and short enough to type.
SLUG_LENGTH = 60


def slug(text: str, length: int = SLUG_LENGTH) -> str:
    """An id from a name: lower case ASCII, words joined by hyphens (``Netz Göttingen`` -> ``netz-goettingen``).

    A long name is cut to ``length`` characters, at a word's end where one is near.
    """
    text = text.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    made = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(made) > length:
        cut = made[:length]
        word_end = cut.rfind("-")
        made = (cut[:word_end] if word_end >= length // 2 else cut).strip("-")
    return made or "netz"


#: Words of a network's name that are not the district's: what the network is, joining words.
_NOT_DISTRICT = frozenset((
    "netzwerk", "netz", "integration", "integrationsnetzwerk", "integrationsnetz", "migration", "migrationsnetzwerk",
    "koordination", "arbeitskreis", "runder", "tisch", "kommunales", "kommunale", "lokales", "lokale", "regionales",
    "regionale", "und", "&", "für", "fuer", "-", "–", "im", "in", "des", "der", "die", "das", "dem", "den", "vom",
    "von", "zur", "zum",
))  # fmt: skip
#: Words that begin a district's name ("Landkreis Göttingen", "Städteregion Aachen").
_DISTRICT_WORDS = frozenset(("landkreis", "kreis", "stadtkreis", "stadt", "städteregion", "region", "regionalverband"))


def district_of(name: str) -> str:
    """The district a network's name names: from a word like "Landkreis" on, else the name without the
    words that say what the network is ("Netzwerk Integration Wartburgkreis" -> "Wartburgkreis").

    Always a non-empty tail of the name's words; the whole name when nothing is left.
    """
    words = name.split()
    for index, word in enumerate(words):
        if word.casefold() in _DISTRICT_WORDS and index + 1 < len(words):
            return " ".join(words[index:])
    start = 0
    while start < len(words) and words[start].casefold() in _NOT_DISTRICT:
        start += 1
    return " ".join(words[start:]) or " ".join(words)


def _district(kreis: str | None, name: str) -> str:
    """``--kreis``, else asked for on a terminal (the name's district offered), else the name's district."""
    if kreis:
        return kreis
    derived = district_of(name)
    if sys.stdin.isatty():
        return str(click.prompt(say("prompt.kreis"), default=derived))
    click.echo(say("init.kreis_derived", kreis=derived))
    return derived


def _ask(value: str | None, prompt: str, option_name: str) -> str:
    if value:
        return value
    if sys.stdin.isatty():
        return str(click.prompt(prompt))
    raise Failure(say("missing", what=prompt, option=option_name))


def holiday_lines(state: str, year: int) -> list[str]:
    """The state's public and school holidays of ``year`` as comment lines, consecutive days as one span."""
    import integrationsnetz as inz

    lines = []
    for calendar in inz.default_host().holiday_calendars().values():
        days = sorted(calendar.days(inz.State(state), year, "de").items())
        spans: list[tuple[date, date, str]] = []
        for day, name in days:
            if spans and spans[-1][2] == name and spans[-1][1] + timedelta(days=1) == day:
                spans[-1] = (spans[-1][0], day, name)
            else:
                spans.append((day, day, name))
        heading = {"public": "Gesetzliche Feiertage", "school": "Schulferien"}.get(calendar.kind.value)
        lines.append(f"# {heading or calendar.description} ({calendar.code}):")
        for first, last, name in spans:
            when = f"{first:%d.%m.%Y}" if first == last else f"{first:%d.%m.}–{last:%d.%m.%Y}"
            lines.append(f"#   {when}  {name}")
    return lines


def planning_text(name: str, state: str, year: int, document: str = DOCUMENT) -> str:
    """A first planning file: one series of network meetings, and the holidays it plans around."""
    return "\n".join(
        [
            f"# Jahresplanung: {name}. Bearbeiten, dann `integrationsnetz plan {year}`.",
            "# Zeiten sind Ortszeit (Europe/Berlin). Wochentage: monday ... sunday.",
            '# strictness: "hard" = nie, "soft" = möglichst nicht, "off" = egal.',
            "# Alle Felder: docs/reference/planning-file.md",
            "#",
            f"# Feiertage und Schulferien {year} in {state}; der Planer meidet sie von selbst:",
            *holiday_lines(state, year),
            "",
            f"network = {_toml_string(document)}",
            'language = "de"',
            "",
            "# Netzwerktreffen: im Frühjahr und im Herbst, mittwochs 9-12 Uhr, nie in den Schulferien.",
            "[[series]]",
            'id = "netzwerktreffen"',
            'title = "Netzwerktreffen"',
            'kind = "network"',
            'times = [{ start = "09:00", end = "12:00" }]',
            "move_window_days = 30",
            'strictness = { school-holiday = "hard" }',
            "",
            "[series.rule]",
            'rule = "seasonal"',
            'weekday = "wednesday"',
            'seasons = [{ label = "Frühjahr", start = "03-01", end = "05-31" }, '
            '{ label = "Herbst", start = "09-15", end = "11-30" }]',
            "",
        ]
    )


def workspace_text(store_url: str, document: str = DOCUMENT, planning: str = PLANNING) -> str:
    """The workspace file: where the document, the planning file, the store and the output are."""
    return "\n".join(
        [
            "# Arbeitsordner von integrationsnetz: jeder Befehl in diesem Ordner (oder darunter) liest hier,",
            "# wo das Netzwerk liegt. Pfade relativ zu diesem Ordner.",
            f"netz = {_toml_string(document)}",
            f"planung = {_toml_string(planning)}",
            f"store = {_toml_string(store_url)}",
            'ausgabe = "out"',
            "",
        ]
    )


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def relative(path: Path, folder: Path) -> str:
    """``path`` as the workspace file names it: relative to ``folder`` where it can be, else absolute."""
    try:
        return Path(os.path.relpath(path.resolve(), folder.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return path.resolve().as_posix()


@click.command("init", cls=Command, help="help.init", short_help="short.init")
@click.argument("folder", metavar="[ORDNER]", default=".", type=click.Path(file_okay=False, path_type=Path))
@option("--name", help="help.init.name")
@option("--land", help="help.init.land")
@option("--kreis", help="help.init.kreis")
@option("--ags", help="help.init.ags")
@option("--id", "network_id", help="help.init.id")
@option("--store", "store_url", metavar="URL", help="help.init.store")
@option("--netz", "document", metavar="DATEI", type=click.Path(dir_okay=False, path_type=Path), help="help.init.netz")
@option("--planung", "planning", metavar="DATEI", type=click.Path(dir_okay=False, path_type=Path),
        help="help.init.planung")  # fmt: skip
def init(
    *,
    folder: Path,
    name: str | None,
    land: str | None,
    kreis: str | None,
    ags: str | None,
    network_id: str | None,
    store_url: str | None,
    document: Path | None,
    planning: Path | None,
) -> None:
    """Create the workspace's files; refuse to overwrite any of them."""
    if (folder / WORKSPACE_FILE).exists():
        raise Failure(say("init.exists", path=folder / WORKSPACE_FILE))
    for existing, given in ((folder / DOCUMENT, document), (folder / PLANNING, planning)):
        if given is None and existing.exists():
            raise Failure(say("init.file_exists", path=existing))

    import integrationsnetz as inz

    if document is not None:
        flags = [flag for flag, value in (("--name", name), ("--land", land), ("--kreis", kreis), ("--ags", ags),
                                          ("--id", network_id)) if value]  # fmt: skip
        if flags:
            raise Failure(say("init.with_netz", options=", ".join(flags)))
        data = inz.documents.load(document)
        name, state = data.network.name, data.network.region.state.value
    else:
        name = _ask(name, say("prompt.name"), "--name")
        state = _ask(land, say("prompt.land"), "--land").upper()
        if state not in STATES:
            raise Failure(say("init.bad_land", value=state, known=", ".join(STATES)))
        network = inz.Network(
            id=network_id or slug(name),
            name=name,
            region=inz.Region(name=_district(kreis, name), state=inz.State(state), ags=ags or STATE_KEYS[state]),
            founded=date.today(),
        )
        data = inz.NetworkData(network=network)
    if planning is not None:
        from integrationsnetz.schedule import load_plan_config

        load_plan_config(planning, data=data)  # a broken file is refused before anything is written
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "out").mkdir(exist_ok=True)
    year = date.today().year + 1
    document_name = DOCUMENT if document is None else relative(document, folder)
    if document is None:
        inz.documents.save(data, folder / DOCUMENT)
    if planning is None:
        (folder / PLANNING).write_text(planning_text(name, state, year, document_name), encoding="utf-8")
    url = store_url or DEFAULT_STORE
    with inz.open_store(absolute_store_url(url, folder.resolve())) as store:
        inz.save_network(store, data)
    planning_name = PLANNING if planning is None else relative(planning, folder)
    (folder / WORKSPACE_FILE).write_text(workspace_text(url, document_name, planning_name), encoding="utf-8")
    click.echo(say("init.done", path=folder.resolve()))
    for path in (WORKSPACE_FILE, document_name, planning_name, "out/"):
        click.echo(f"  {path}")
    click.echo(say("init.next", year=year))


COMMANDS = (init,)
