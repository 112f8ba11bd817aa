"""The command reference (``docs/reference/command-line.md``), written from the command definitions.

``tests/cli/test_reference.py`` keeps the page in step with the commands; with
``INTEGRATIONSNETZ_WRITE_REFERENCE=1`` it writes the page again.
"""

from __future__ import annotations

import click

from integrationsnetz.cli.wording import LANGUAGE, Language

INTRO = """\
# Command line reference

`integrationsnetz` is the coordinator's command: the daily work of a network, one subcommand
each. It is installed with the library (`pip install integrationsnetz`); `python -m
integrationsnetz` is the same command. Messages and help are German; `--lang en` (or a locale
such as `LANG=en_GB.UTF-8`) switches to English. This page is written from the command
definitions by `tests/cli/test_reference.py`; the help below is what `integrationsnetz COMMAND
--help` prints.

## The workspace

`integrationsnetz init ORDNER --name ... --land TH` creates a district's folder:

| file | what it holds |
|---|---|
| `integrationsnetz.toml` | the workspace file: `netz`, `planung`, `store` and `ausgabe` (below) |
| `netzwerk.toml` | the network document ([formats](formats.md)) |
| `planung.toml` | the planning file ([reference](planning-file.md)); the state's holidays as comments |
| `integrationsnetz.db` | the default store, `sqlite:integrationsnetz.db` (`--store postgresql://...` for PostgreSQL) |
| `out/` | what `veroeffentlichen` writes: one calendar per working group, `netzwerk.ics`, `jahresplan-JAHR.md` |

The workspace file names the network document (`netz`), the planning file (`planung`), the
store URL (`store`; a relative `sqlite:` path is relative to the folder) and the output folder
(`ausgabe`). Every other command finds the workspace by walking up from the current folder to
`integrationsnetz.toml`, or takes `--netz FILE` and `--store URL` before the command name. A
command reads the document's entities and what the store holds beyond them (the planned
meetings); `plan` writes the document into the store before it plans.

Each of the four keys takes a text in quotes, and no other key is allowed: a typo (`stroe`) or a
number (`netz = 5`) is refused with the file, the key and what was expected, never ignored. `netz`,
`planung` and a `sqlite:` store may lie anywhere (`init --netz` points at a document where it is),
but `ausgabe` must be a folder inside the workspace: a folder received from someone else must not
make `veroeffentlichen` write elsewhere. For another target folder, give it for the one run
(`veroeffentlichen --out ORDNER`).

## Changing data: meetings, tasks, venues, imports

`termin` (meetings, and their agenda with `termin top`), `aufgabe` (tasks), `ort` (venues and
their rooms) and `import` change the network. The workspace's **store** holds its
living record; the network **document** holds what it defines (organisations, people, groups,
venues, and any meeting written there). Both are views of one network: a command reads the
document's entities and the store's beyond them, and `plan` writes the document into the store.
Rules every changing command keeps (`import` asks `Ausführen? [j/N]` after the counts):

- **It shows, then asks.** The change is listed field by field (old → new, times on the local
  clock) on standard error, then `Speichern? [j/N]`; anything but `j`/`ja`/`y`/`yes` (or the end of
  the input) writes nothing and exits 1. `--yes` saves without asking; `--json` prints what was
  saved, as the library's codec writes it.
- **The store, and the document when it defines the entity.** A change to a meeting (or, for
  `aufgabe`, the working group holding the task; for `import`, any person, organisation or
  meeting the file changes) that the network document defines is written to the store and to the
  document, with the entity replaced, so the next read and the next `plan` keep it; `import`
  compares such an entity with the document's version. New entries go into the store only. The
  confirmation says so before asking, and says too when the document holds comments or hand
  formatting, which the rewrite does not keep (it is written as `documents.save` writes it, in its
  own format, TOML or JSON; a document written that way before changes only in the entity's lines).
  A read-only document is refused before anything is written.
- **In this order, so a failure leaves one consistent state.** The new document is written to a
  temporary file beside the old one first (a document that would not load again is refused, nothing
  written); then the store transaction is committed, which first writes the network document into
  the store (as `plan` does), so references resolve there, and whose optimistic concurrency refuses
  a store entity someone changed in the meantime; then the temporary file replaces the document in
  one rename. If the store write fails, the document is untouched. If the rename fails, the store
  keeps the change and the message says the document was not updated: run the command again once
  the file is writable (it writes both), or write the document from the store.
- **Two commands at once lose nothing.** The write (the checks, the store transaction, the rename)
  holds an exclusive lock of the workspace (`flock` on `.integrationsnetz.lock` in the workspace
  folder; without a workspace file, beside the document), and so do `import`, `netz laden`,
  `netz schreiben` and `person loeschen`. Inside it the document must still hold the bytes the
  change was computed from, and each store entity still be at the revision read then; else the
  command refuses: "… wurde inzwischen geändert …; nichts wurde gespeichert. Bitte den Befehl noch
  einmal ausführen." (exit 1), and running it again starts from the other change. A command waits
  up to 60 s for another one's write. On Windows (no `fcntl`) there is no lock: the document and
  revision checks still refuse most collisions, but two writes in the same instant can still race.
- **A planned session of a planning series is confirmed when changed.** `plan` sets time, venue,
  room and title of planned sessions anew; a `termin aendern` of any of them therefore also sets the
  status to confirmed (which the planner keeps), and says so before asking.
- **Cancelling keeps the meeting.** `termin absagen` writes it with status cancelled (its UID stays
  in the feeds, so subscribed calendars get the cancellation) and writes the iCalendar cancellation
  (`METHOD:CANCEL`, same UID, higher `SEQUENCE`) to `out/absage-ID.ics`, to send by e-mail. It needs
  an organiser (or network) e-mail address; without one it refuses, `--ohne-ics` cancels without the file.
- **Times are local wall-clock times** in Europe/Berlin (`--zeitzone` for another zone):
  `"10.02.2027 10:00"`, `"10.02.2027"` (with `aendern`: that day, same time), `2027-02-10T10:00`, or an
  ISO time with its offset. A time the clock skips when summer time begins (`28.03.2027 02:30`) is
  refused; one it shows twice when summer time ends (`31.10.2027 02:30`) needs `--erste` (the first,
  still summer time) or `--zweite` (the second, winter time). The offset comes from the zone database.

`einladung` (the letter), `agenda` (the Tagesordnung), `protokoll`, `teilnehmendenliste` (the
sign-in sheet) and `namensschilder` (name badges) print a meeting's documents (the library's
Markdown, HTML or Word (`docx`) exporter) for meeting ids or a week (`--woche nächste`, `diese`, `letzte`,
`6`, `2027-6`);
`kursbericht` writes the course figures report for the workspace's data or any document (`--daten`).

## Exit codes

| code | meaning |
|---|---|
| 0 | done, nothing wrong |
| 1 | problems (`check`), a library error (its message, no traceback; `--debug` shows one), a change refused |
| 2 | a usage error: an unknown command or option, a missing argument, a value an option does not take |
| 130 | interrupted (Ctrl-C), at a question or while the command works |

A date outside the years 1900 to 2999 (the years the library holds), `--von` after `--bis` and
`--erste` with `--zweite` are usage errors (2). After Ctrl-C (130) the store is as before (each
command writes in one transaction) and each file is the old or the new one, never half written.

## Output for scripts: `--json`

`liste`, `zeige` and every changing command (`termin`, `aufgabe`) print with `--json` the
entities **as the library's document format writes them** ([formats](formats.md#json-the-document-format)):
the model's field names, times as RFC 9557 strings with the zone's name
(`2027-01-14T10:00:00+01:00[Europe/Berlin]`: cut the `[...]` before `datetime.fromisoformat` or
`jq`'s date functions), and a field at its default value left out, as in a document (a planned
meeting has no `status`: in `jq`, `(.status // "planned")`). `liste aufgaben` gives each task
with its group (`{"group_id", "task"}`), because a task lives in its group. Messages, questions
and the change shown before saving go to standard error, so standard output is the JSON alone.
`check --json` prints `{"problems": N, "sources": [{"source": ..., "problems": [...]}]}`, with
the exit code as without it.

How stable it is: the entities' JSON follows the document format's `schema_version`. A release
may add fields (read them with a default); a field is renamed or removed only with a new schema
version, which the CHANGELOG names. The texts of `check`'s problems are messages for people and
may change in any release; rely on their count and on the exit code.

## Shell completion

click completes commands, options and choices. For bash, add to `~/.bashrc`:

```sh
eval "$(_INTEGRATIONSNETZ_COMPLETE=bash_source integrationsnetz)"
```

For zsh use `zsh_source` in `~/.zshrc`, for fish
`_INTEGRATIONSNETZ_COMPLETE=fish_source integrationsnetz > ~/.config/fish/completions/integrationsnetz.fish`.

## Commands
"""


def _help(command: click.Command, name: str, parent: click.Context | None) -> str:
    context = click.Context(command, info_name=name, parent=parent, terminal_width=100, max_content_width=100)
    return context.get_help()


def _subcommands(group: click.Group, name: str, root: click.Context) -> list[str]:
    """A section for each subcommand of ``group`` (``integrationsnetz termin neu``)."""
    context = click.Context(group, info_name=name, parent=root, terminal_width=100, max_content_width=100)
    parts = []
    for sub in group.list_commands(context):
        command = group.get_command(context, sub)
        if command is not None and not command.hidden:
            heading = f"#### integrationsnetz {name} {sub}"
            parts += [heading, "", "```text", _help(command, sub, context), "```", ""]
    return parts


def render(language: Language = "de") -> str:
    """The whole reference page, with every command's help in ``language``."""
    from integrationsnetz.cli import main

    token = LANGUAGE.set(language)
    try:
        root = click.Context(main, info_name="integrationsnetz", terminal_width=100, max_content_width=100)
        parts = [INTRO, "### integrationsnetz", "", "```text", _help(main, "integrationsnetz", None), "```", ""]
        for name in main.list_commands(root):
            command = main.get_command(root, name)
            if command is None or command.hidden:
                continue
            parts += [f"### integrationsnetz {name}", "", "```text", _help(command, name, root), "```", ""]
            if isinstance(command, click.Group):
                parts += _subcommands(command, name, root)
        return "\n".join(parts)
    finally:
        LANGUAGE.reset(token)
