"""Click's commands, groups and options with help texts in the run's language.

Commands are defined once, when the module is imported, but the language is known only when a
run starts (``--lang``, the locale). So help texts are given as keys of
:mod:`integrationsnetz.cli.wording` and looked up when click shows them; click's own headings
("Usage", "Options", "Commands") are translated the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import click

from integrationsnetz.cli.wording import is_key, say


def _text(value: str | None) -> str | None:
    return say(value) if value and is_key(value) else value


@contextmanager
def _translated(item: click.Command | click.Parameter) -> Iterator[None]:
    """``item.help`` in the run's language for the duration of the block."""
    original = getattr(item, "help", None)
    if original is not None:
        item.help = _text(original)
    try:
        yield
    finally:
        if original is not None:
            item.help = original


class Option(click.Option):
    """An option whose ``help`` is a wording key."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        with _translated(self):
            return super().get_help_record(ctx)


class _Localized:
    """What commands and groups share: translated help text, headings and --help option."""

    help: str | None

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated(self):  # type: ignore[arg-type]
            super().format_help_text(ctx, formatter)  # type: ignore[misc]

    def get_short_help_str(self, limit: int = 45) -> str:
        short = getattr(self, "short_help", None)
        if short and is_key(short):
            return say(short)
        with _translated(self):  # type: ignore[arg-type]
            return super().get_short_help_str(limit)  # type: ignore[misc,no-any-return]

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        words = {"[OPTIONS]": say("usage.options"), "COMMAND [ARGS]...": say("usage.subcommand")}
        pieces = [words.get(piece, piece) for piece in self.collect_usage_pieces(ctx)]  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=say("usage"))

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        params = [param for param in self.get_params(ctx) if isinstance(param, click.Option)]  # type: ignore[attr-defined]
        records = [record for param in params if (record := param.get_help_record(ctx))]
        if records:
            with formatter.section(say("options")):
                formatter.write_dl(records)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        names = self.get_help_option_names(ctx)  # type: ignore[attr-defined]
        if not names or not self.add_help_option:  # type: ignore[attr-defined]
            return None

        def show(context: click.Context, _param: click.Parameter, value: bool) -> None:
            if value and not context.resilient_parsing:
                click.echo(context.get_help(), color=context.color)
                context.exit()

        return Option(names, is_flag=True, is_eager=True, expose_value=False, callback=show, help="help.help")


class Command(_Localized, click.Command):
    """A command whose help texts are wording keys."""


class Group(_Localized, click.Group):
    """A group whose help texts are wording keys; its subcommands are :class:`Command` by default."""

    command_class = Command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(formatter.width - 6 - len(name))))
        if rows:
            with formatter.section(say("commands")):
                formatter.write_dl(rows)


F = TypeVar("F", bound=Callable[..., Any])


def option(*names: str, **settings: Any) -> Callable[[F], F]:
    """``click.option`` with :class:`Option`, so ``help`` may be a wording key."""
    return click.option(*names, cls=Option, **settings)
