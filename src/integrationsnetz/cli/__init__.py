"""The command line ``integrationsnetz``: the daily work of a network, one subcommand each.

The top floor of the house: it calls the public API only, as a coordinator's script would. Each
command imports the library inside its function, so ``integrationsnetz --help`` loads click and
this package, never the model. Library errors are shown as their message (exit code 1), never as
a traceback unless ``--debug`` is given; click's usage errors exit with 2, in the run's language
(:mod:`integrationsnetz.cli.usage`). Ctrl-C ends a command with exit code 130 wherever it comes,
in a question (``Speichern? [j/N]``: "Abgebrochen: nichts geändert.") or while the command works
("Abgebrochen."); the store is as before (each command writes in one transaction) and so is every
file (each is written atomically). Output piped into a reader that
stops early (``| head``) ends the command quietly, exit code 1, as ``git log | head`` does.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from integrationsnetz.cli.help import Group, Option, option
from integrationsnetz.cli.settings import Settings
from integrationsnetz.cli.usage import localized
from integrationsnetz.cli.wording import LANGUAGE, choose_language, say
from integrationsnetz.cli.workspace import Failure
from integrationsnetz.errors import IntegrationsnetzError, MailError

#: Set by Ctrl-C: a question answers a Ctrl-C as "no" (click turns it into the end of the input),
#: and the exit code still has to say that the run was interrupted.
_INTERRUPTED = threading.Event()


def _on_interrupt(signum: int, frame: object) -> None:
    _INTERRUPTED.set()
    raise KeyboardInterrupt


def _scrubbed(message: str, settings: object) -> str:
    """``message`` without any form of the ``--store`` URL's password (a driver may quote a piece of it)."""
    url = settings.store_url if isinstance(settings, Settings) else None
    if not url:
        return message
    from integrationsnetz.store import StoreURL

    try:
        return StoreURL.parse(url).scrub(message)
    except IntegrationsnetzError:
        return message


class Main(Group):
    """The root group: chooses the language before parsing, turns library errors into messages and shows
    click's usage errors in the run's language."""

    def main(  # type: ignore[override]  # click's overloads only narrow the return type
        self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        token = LANGUAGE.set(choose_language(argv, os.environ))
        _INTERRUPTED.clear()
        watching = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGINT, _on_interrupt) if watching else None
        try:
            return super().main(argv, prog_name=prog_name, **extra)
        finally:
            if watching:
                signal.signal(signal.SIGINT, previous)
            LANGUAGE.reset(token)

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as exc:
            raise localized(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a reader gone away (`| head`) shows here, not as Python's note at exit
            return result
        except click.UsageError as exc:
            raise localized(exc) from None
        except click.Abort:  # a question met the end of the input or Ctrl-C: click would say "Aborted!"
            click.echo(say("aborted"), err=True)
            raise click.exceptions.Exit(130 if _INTERRUPTED.is_set() else 1) from None
        except BrokenPipeError:
            raise  # click's main quiets the streams and exits 1 without a message, as `git log | head` ends
        except (IntegrationsnetzError, OSError) as exc:
            settings = ctx.obj
            if isinstance(settings, Settings) and settings.debug:
                raise
            text = exc.in_language(LANGUAGE.get()) if isinstance(exc, MailError) else str(exc)
            raise Failure(_scrubbed(text, settings)) from None
        except KeyboardInterrupt:
            click.echo(say("aborted"), err=True)
            raise click.exceptions.Exit(130) from None
        except click.exceptions.Exit as stop:
            # Ctrl-C at a question: the command said "nothing changed" and stops; interrupted all the same.
            if _INTERRUPTED.is_set() and stop.exit_code != 0:
                raise click.exceptions.Exit(130) from None
            raise


@click.group("integrationsnetz", cls=Main, help="help.main")
@option("--lang", type=click.Choice(["de", "en"]), help="help.lang")
@option("--debug", is_flag=True, help="help.debug")
@option("--store", "store_url", metavar="URL", help="help.store")
@option("--netz", "document", type=click.Path(path_type=Path, dir_okay=False), help="help.netz")
@click.version_option(package_name="integrationsnetz", message="%(prog)s %(version)s", cls=Option, help="help.version")
@click.pass_context
def main(ctx: click.Context, lang: str | None, debug: bool, store_url: str | None, document: Path | None) -> None:
    """The group: keeps the options for the commands."""
    if lang is not None:
        LANGUAGE.set("en" if lang == "en" else "de")
    ctx.obj = Settings(language=LANGUAGE.get(), debug=debug, store_url=store_url, document=document)


def _register() -> None:
    from integrationsnetz.cli.commands import (
        agenda,
        check,
        course_report,
        document,
        groups,
        init,
        listing,
        meetings,
        person,
        planning,
        plugins,
        printing,
        publishing,
        replies,
        sending,
        store,
        tasks,
        transfer,
        venues,
    )

    for module in (
        init, check, listing, plugins, planning, publishing, meetings, agenda, groups, tasks, venues, printing,
        course_report, transfer, person, store, document, replies, sending,
    ):  # fmt: skip
        for command in module.COMMANDS:
            main.add_command(command)


_register()

__all__ = ["Settings", "main"]
