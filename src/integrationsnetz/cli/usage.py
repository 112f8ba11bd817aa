"""click's own usage errors ("Missing argument", "No such option" …) in the run's language.

click writes these messages itself, in English, through ``gettext``. A gettext catalog would
translate them, but only as a compiled ``.mo`` file found through the process's locale and
installed for the whole interpreter (every other click user in it too), while the run's language
is chosen by ``--lang`` as well. So the root group catches :class:`click.UsageError` instead and
raises a :class:`Usage` with the message rendered from :mod:`integrationsnetz.cli.wording`: the
keys ``click.*`` hold click's English message templates (the exact ``msgid`` strings) beside the
German ones, so each English template is the pattern that finds its message and the German one
is what replaces it. Exit code 2 stays; in an English run click's own message is kept. A template
that click changes in a later release no longer matches and its message stays English (a test
runs the usage errors against the installed click).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

import click

from integrationsnetz.cli.wording import LANGUAGE, english_and_german, say

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class Usage(click.UsageError):
    """A usage error shown in the run's language: the usage line, where help is, the message; exit code 2."""

    def show(self, file: object = None) -> None:
        if self.ctx is not None:
            click.echo(self.ctx.get_usage(), err=True, color=self.ctx.color)
            help_names = self.ctx.command.get_help_option_names(self.ctx)
            if self.ctx.command.get_help_option(self.ctx) is not None and help_names:
                click.echo(say("usage.try", command=self.ctx.command_path, option=max(help_names, key=len)),
                           err=True)  # fmt: skip
            click.echo(err=True)
        click.echo(f"{say('error')}: {self.format_message()}", err=True)


def _pattern(template: str) -> re.Pattern[str]:
    """The English template as a pattern: each ``{name}`` a group (within one clause: no ``:``), the last
    one to the end of the line.

    A template that begins with a placeholder (``{value} is not one of …``) begins a message or the
    part after ``: `` or ``. `` (``Invalid value for 'ART': 'x' is not one of …``), never mid-sentence.
    """
    pieces = _PLACEHOLDER.split(template)
    parts = [r"(?:^|(?<=: )|(?<=\. ))" if pieces[0] == "" else ""]
    for index, piece in enumerate(pieces):
        if index % 2 == 0:
            parts.append(re.escape(piece))
        else:
            last = index == len(pieces) - 2 and pieces[-1] == ""
            parts.append(f"(?P<{piece}>.+)" if last else f"(?P<{piece}>[^:\n]+?)")
    return re.compile("".join(parts), re.MULTILINE)


@cache
def _catalog() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern of click's English template, German template), the longest English first."""
    pairs = sorted(english_and_german("click."), key=lambda pair: len(pair[0]), reverse=True)
    return tuple((_pattern(english), german) for english, german in pairs)


def translated(message: str) -> str:
    """``message`` (click's English) with every template the catalog knows in German; unchanged in English runs."""
    if LANGUAGE.get() == "en":
        return message
    for pattern, german in _catalog():
        message = pattern.sub(_filled(german), message)
    return message


def _filled(german: str) -> Callable[[re.Match[str]], str]:
    return lambda found: german.format(**found.groupdict())


def localized(error: click.UsageError) -> click.UsageError:
    """``error`` as a :class:`Usage` in the run's language (in an English run, ``error`` itself)."""
    if LANGUAGE.get() == "en" or isinstance(error, (Usage, click.exceptions.NoArgsIsHelpError)):
        return error  # NoArgsIsHelpError is a group called bare: it shows the help, no error
    return Usage(translated(error.format_message()), ctx=error.ctx)
