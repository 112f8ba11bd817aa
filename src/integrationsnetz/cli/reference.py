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

## Exit codes

| code | meaning |
|---|---|
| 0 | done, nothing wrong |
| 1 | problems found (`check`), or an error of the library (its message is printed, no traceback; `--debug` shows one) |
| 2 | a usage error: an unknown command or option, a missing argument |

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
        return "\n".join(parts)
    finally:
        LANGUAGE.reset(token)
