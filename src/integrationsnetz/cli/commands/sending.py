"""``integrationsnetz einladen TERMIN``: a meeting's invitation or cancellation by e-mail (iMIP).

It calls :mod:`integrationsnetz.mail` like a user's script: compose from the workspace's store,
then send through SMTP (``--smtp``), write ``.eml`` drafts (``--ordner``) or only show who would
get what (``--probelauf``). Sending and recording ``sent_sequence`` happen under the workspace's
lock, like every writing command.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from integrationsnetz.cli.help import Command, option
from integrationsnetz.cli.settings import Settings
from integrationsnetz.cli.wording import LANGUAGE, say
from integrationsnetz.cli.workspace import Failure, locked

if TYPE_CHECKING:
    from integrationsnetz.mail import Outbox, SmtpSettings
    from integrationsnetz.mail.smtp import Tls


def smtp_settings(value: str, *, plain: bool) -> SmtpSettings:
    """``--smtp HOST[:PORT]`` (``[::1]:25`` for IPv6) as settings: port 465 means TLS, else STARTTLS or off."""
    from integrationsnetz.mail import SmtpSettings

    host, port_text = value, ""
    if value.startswith("["):
        host, _, rest = value[1:].partition("]")
        port_text = rest[1:] if rest.startswith(":") else rest
    elif value.count(":") == 1:
        host, _, port_text = value.partition(":")
    if not host or (port_text and not port_text.isdigit()) or any(c.isspace() for c in host):
        raise click.UsageError(say("mail.send.bad_smtp", value=value))
    port = int(port_text) if port_text else None
    if port is not None and not 0 < port < 65536:
        raise click.UsageError(say("mail.send.bad_smtp", value=value))
    tls: Tls = "off" if plain else "implicit" if port == 465 else "starttls"
    return SmtpSettings(host=host, port=port, tls=tls)


def _show(outbox: Outbox) -> None:
    """Each message, to whom and its subject; then the invitees no message reaches, with the reason."""
    for message in outbox.messages:
        click.echo(say("mail.send.message", to=", ".join(message.addresses), subject=message.subject))
    if outbox.not_reached:
        click.echo(say("mail.send.not_reached", count=len(outbox.not_reached)), err=True)
        for entry in outbox.not_reached:
            click.echo(f"  ! {entry}", err=True)


@click.command("einladen", cls=Command, help="mail.send.help", short_help="mail.send.short")
@click.argument("meeting_id", metavar="TERMIN")
@option("--smtp", "smtp", metavar="HOST[:PORT]", help="mail.send.help.smtp")
@option("--ohne-tls", "plain", is_flag=True, help="mail.send.help.ohne_tls")
@option(
    "--ordner",
    "folder",
    metavar="ORDNER",
    type=click.Path(file_okay=False, path_type=Path),
    help="mail.send.help.ordner",
)
@option("--probelauf", "trial", is_flag=True, help="mail.send.help.probelauf")
@option("--bcc", "bcc", is_flag=True, help="mail.send.help.bcc")
@option("--alle", "resend_all", is_flag=True, help="mail.send.help.alle")
@option("--absender", "sender", metavar="ADRESSE", help="mail.send.help.absender")
@option("--stichtag", "as_of", metavar="DATUM", help="mail.send.help.stichtag")
@click.pass_obj
def einladen(
    settings: Settings,
    /,
    *,
    meeting_id: str,
    smtp: str | None,
    plain: bool,
    folder: Path | None,
    trial: bool,
    bcc: bool,
    resend_all: bool,
    sender: str | None,
    as_of: str | None,
) -> None:
    """Compose the meeting's messages, then send, write or show them."""
    import integrationsnetz as inz
    from integrationsnetz import mail
    from integrationsnetz.cli.times import parse_day

    if smtp is not None and folder is not None:
        raise click.UsageError(say("mail.send.smtp_and_folder"))
    if smtp is None and folder is None and not trial:
        raise click.UsageError(say("mail.send.how"))
    server = smtp_settings(smtp, plain=plain) if smtp is not None else None
    day = parse_day(as_of)
    workspace = settings.workspace()
    with workspace.open_store() as store, locked(None if trial else workspace.lock):
        try:
            outbox = mail.compose_invitations(store, meeting_id, sender=sender, one_message_bcc=bcc, as_of=day,
                                              language=LANGUAGE.get(), resend_all=resend_all)  # fmt: skip
        except inz.NotFound:
            raise Failure(say("mail.send.not_in_store", id=meeting_id)) from None
        if outbox.nothing_to_send and outbox.up_to_date:
            _show(outbox)
            click.echo(say("mail.send.up_to_date", count=len(outbox.up_to_date), sequence=outbox.sequence))
            return
        if trial:
            click.echo(say("mail.send.would", count=len(outbox.messages), method=outbox.method.value,
                           sequence=outbox.sequence))  # fmt: skip
            _show(outbox)
            return
        _show(outbox)
        if not outbox.messages:
            click.echo(say("mail.send.nobody"))
            return
        if server is not None:
            delivery = mail.send(outbox, server, store=store)
            click.echo(say("mail.send.sent", count=len(delivery.sent), server=server.where))
            if delivery.refused:  # told, and a non-zero exit, so a script sees it
                click.echo(say("mail.send.refused", who="; ".join(map(str, delivery.refused))), err=True)
                raise click.exceptions.Exit(1)
            return
        assert folder is not None
        paths = mail.write_eml(outbox, folder)
        mail.record_sent(store, outbox, outbox.actor_ids)
        click.echo(say("mail.send.written", count=len(paths)))
        for path in paths:
            click.echo(f"  {path}")


COMMANDS = (einladen,)
