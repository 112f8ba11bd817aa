"""The export contract: an Exporter, the ExportRequest it is given, and the export options.

Exporters are plugins (``register_exporters``); users call
:func:`integrationsnetz.export`, which narrows the data, strips personal data unless asked
for, and hands each exporter an :class:`ExportRequest`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any, BinaryIO, Literal

import attrs

from integrationsnetz.errors import InvalidData, UnknownDocument, WrongType
from integrationsnetz.model.entity import Entity
from integrationsnetz.model.meetings import AttendanceCount, Meeting
from integrationsnetz.model.memberships import Role
from integrationsnetz.model.network_data import NetworkData

if TYPE_CHECKING:
    from integrationsnetz.contract.host import Host

LANGUAGES = ("de", "en")


def _validate_language(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if value not in LANGUAGES:
        raise InvalidData([f"{attribute.name}: expected one of {', '.join(LANGUAGES)}, got {value!r}"])


def _validate_aware_stamp(
    _instance: object, attribute: attrs.Attribute[datetime | None], value: datetime | None
) -> None:
    if value is None:
        return
    if not isinstance(value, datetime):
        raise WrongType([f"{attribute.name}: expected a timezone-aware date-time, got {value!r}"])
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidData([f"{attribute.name}: expected a timezone-aware date-time, got {value.isoformat()!r}"])


def _validate_moment(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, date):
        raise WrongType([f"{attribute.name}: expected a date or datetime, got {value!r}"])


def _validate_flag(_instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    """A yes/no option takes True or False: ``"no"`` would count as yes."""
    if not isinstance(value, bool):
        raise WrongType([f"{attribute.name}: expected True or False, got {value!r}"])


def _one_of(*allowed: object) -> Callable[[object, attrs.Attribute[Any], object], None]:
    def validate(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value not in allowed:
            known = ", ".join(repr(item) for item in allowed)
            raise InvalidData([f"{attribute.name}: expected one of {known}, got {value!r}"])

    return validate


def _instance_of(cls: type) -> Callable[[object, attrs.Attribute[Any], object], None]:
    def validate(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, cls):
            raise WrongType([f"{attribute.name}: expected {cls.__name__}, got {value!r}"])

    return validate


def _validate_refresh(_instance: object, attribute: attrs.Attribute[timedelta], value: object) -> None:
    if not isinstance(value, timedelta) or value <= timedelta(0):
        raise WrongType([f"{attribute.name}: expected a timedelta above zero, e.g. timedelta(hours=6), got {value!r}"])


def _validate_sequence(instance: IcsOptions, attribute: attrs.Attribute[int | None], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise WrongType([f"{attribute.name}: expected a whole number 0 or above, got {value!r}"])
    if instance.method is IcsMethod.PUBLISH:
        raise InvalidData(
            [f"{attribute.name}: a SEQUENCE is given only to a REQUEST or CANCEL, not to a feed (PUBLISH)"]
        )


def _to_method(value: object) -> object:
    """``"request"`` and ``"REQUEST"`` name :attr:`IcsMethod.REQUEST`; anything else is left for the validator."""
    return IcsMethod._value2member_map_.get(value.upper(), value) if isinstance(value, str) else value


class IcsMethod(StrEnum):
    """What a calendar file is for (RFC 5546): a feed, an invitation, or a cancellation."""

    PUBLISH = "PUBLISH"
    REQUEST = "REQUEST"
    CANCEL = "CANCEL"


@attrs.frozen(kw_only=True)
class IcsOptions:
    """Calendar options.

    ``name`` is what a subscriber sees as the calendar's name (default: the network's name).
    ``show_cancelled`` keeps cancelled meetings in a feed, marked ``STATUS:CANCELLED``; by default
    they are left out, because that is the only way they vanish in every client (Google drops
    cancelled entries, Apple strikes them through). ``series`` writes regular meeting series as
    one recurring event; off, every meeting is its own event. ``sequence`` is the ``SEQUENCE`` a
    ``REQUEST`` or ``CANCEL`` carries (the mail room passes the version it last e-mailed, so a
    re-sent invitation does not look like a change); None (default) takes the meeting's revision
    (a series member: the series' version). A feed (``PUBLISH``) refuses it: its numbers follow
    the store.
    """

    name: str | None = attrs.field(default=None, validator=attrs.validators.optional(_instance_of(str)))
    method: IcsMethod = attrs.field(default=IcsMethod.PUBLISH, converter=_to_method, validator=_one_of(*IcsMethod))
    refresh_interval: timedelta = attrs.field(default=timedelta(hours=6), validator=_validate_refresh)
    show_cancelled: bool = attrs.field(default=False, validator=_validate_flag)
    series: bool = attrs.field(default=True, validator=_validate_flag)
    sequence: int | None = attrs.field(default=None, validator=_validate_sequence)


CsvTable = Literal["actors", "attendance", "courses"]


@attrs.frozen(kw_only=True)
class CsvOptions:
    """Spreadsheet options: which table, and how Excel should read it.

    ``delimiter`` is ``;`` by default because that is what Excel expects on German systems;
    ``bom`` writes a UTF-8 byte order mark so Excel does not read umlauts as Latin-1.
    """

    table: CsvTable = attrs.field(default="actors", validator=_one_of("actors", "attendance", "courses"))
    bom: bool = attrs.field(default=False, validator=_validate_flag)
    delimiter: str = attrs.field(default=";", validator=_one_of(";", ",", "\t"))


DocumentKind = Literal["invitation", "agenda", "minutes", "sign_in", "badges", "tasks", "overview"]

#: Every document the Markdown and HTML exporters write: the Einladung (a letter), the
#: Tagesordnung on its own, the Protokoll, the Teilnehmendenliste (sign-in sheet), the
#: Namensschilder (badges), a group's open tasks and the overview of dates.
DOCUMENT_KINDS: tuple[DocumentKind, ...] = ("invitation", "agenda", "minutes", "sign_in", "badges", "tasks",
                                            "overview")  # fmt: skip


def check_document_kind(value: object) -> DocumentKind | None:
    """``value`` if it names a document kind (or is None); else :class:`UnknownDocument` listing the kinds."""
    if value is None:
        return None
    for kind in DOCUMENT_KINDS:
        if value == kind:
            return kind
    raise UnknownDocument([f"document: unknown kind {value!r}; the kinds are {', '.join(DOCUMENT_KINDS)}"])


def _validate_document(_instance: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    check_document_kind(value)


Audience = Literal["public", "internal", "recipients"]
"""Who reads an export, which decides with each person's consents what of them it shows.

``"public"``: a person's name only with an active ``publication`` consent, never their contacts.
``"internal"``: names; contact details only with an active ``directory`` consent.
``"recipients"``: a message to the people listed (e-mail invitations, mailing lists): as
``"internal"``, and the e-mail addresses of people with an active ``invitations`` consent.
"""

AUDIENCES: tuple[Audience, ...] = ("public", "internal", "recipients")


def _to_roles(value: object) -> object:
    """``("co_lead",)`` names :attr:`Role.CO_LEAD`; a single role or name is a tuple of one."""
    if isinstance(value, str):
        value = (value,)
    if isinstance(value, list | tuple):
        return tuple(Role._value2member_map_.get(item, item) if isinstance(item, str) else item for item in value)
    return value


def _validate_roles(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(item, Role) for item in value):
        known = ", ".join(repr(role.value) for role in Role)
        raise InvalidData([f"{attribute.name}: expected a tuple of roles ({known}), got {value!r}"])


def _validate_as_of(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, date) or isinstance(value, datetime)):
        raise WrongType([f"{attribute.name}: expected a date (the day consent is decided for), got {value!r}"])


@attrs.frozen(kw_only=True)
class ExportOptions:
    """What an export includes and how it reads.

    ``audience`` says who reads the export, and with each person's consents on ``as_of``
    (default: today in Berlin) what of them it shows (see :data:`Audience`): public exports are
    the default (DSGVO). ``include_personal_data`` is the older spelling: True means
    ``audience="internal"``, False (the default) ``audience="public"``; a given ``audience``
    wins, and ``audience="public"`` with ``include_personal_data=True`` is refused. ``roles``
    keeps only the members in those roles when a working group's actors are listed (the
    ``csv`` actor table, the distribution lists). ``start``
    (inclusive) and ``end`` (exclusive) limit meetings, events and courses to a time range; a
    :class:`~datetime.date` means the start of that day. ``stamp`` is the time written as the
    calendar's DTSTAMP; give it for byte-identical output (default: each entry's ``modified``).
    ``document`` picks the Markdown/HTML document (one of :data:`DOCUMENT_KINDS`; default: from
    the selection); an unknown kind is an :class:`~integrationsnetz.errors.ExportError` naming them.
    """

    language: str = attrs.field(default="de", validator=_validate_language)
    include_personal_data: bool = attrs.field(default=False, validator=_validate_flag)
    start: date | datetime | None = attrs.field(default=None, validator=_validate_moment)
    end: date | datetime | None = attrs.field(default=None, validator=_validate_moment)
    stamp: datetime | None = attrs.field(default=None, validator=_validate_aware_stamp)
    ics: IcsOptions = attrs.field(default=IcsOptions(), validator=_instance_of(IcsOptions))
    csv: CsvOptions = attrs.field(default=CsvOptions(), validator=_instance_of(CsvOptions))
    document: DocumentKind | None = attrs.field(default=None, validator=_validate_document)
    audience: Audience | None = attrs.field(default=None, validator=_one_of(None, *AUDIENCES))
    as_of: date | None = attrs.field(default=None, validator=_validate_as_of)
    roles: tuple[Role, ...] = attrs.field(default=(), converter=_to_roles, validator=_validate_roles)

    def __attrs_post_init__(self) -> None:
        if self.audience == "public" and self.include_personal_data:
            raise InvalidData(
                ["include_personal_data: True asks for the internal audience, but audience is 'public'; "
                 "give only audience"]
            )  # fmt: skip

    @property
    def effective_audience(self) -> Audience:
        """The audience asked for: ``audience``, else what ``include_personal_data`` means."""
        if self.audience is not None:
            return self.audience
        return "internal" if self.include_personal_data else "public"

    @property
    def decision_day(self) -> date:
        """The day consent is decided for: ``as_of``, else today in Berlin."""
        if self.as_of is not None:
            return self.as_of
        from zoneinfo import ZoneInfo

        return datetime.now(ZoneInfo("Europe/Berlin")).date()


@attrs.frozen(kw_only=True)
class LeftOut:
    """Someone a list or invitation was meant for but does not hold, and why (never dropped silently)."""

    actor_id: str
    label: str
    reason: str

    def __str__(self) -> str:
        return f"{self.label} ({self.actor_id}): {self.reason}"


class LeftOutWarning(UserWarning):
    """:func:`~integrationsnetz.export` left people out of an invitation or a list; the message names them.

    Call :func:`~integrationsnetz.exporters.export_result` to get them as
    :class:`LeftOut` values instead.
    """


class LongLinkWarning(UserWarning):
    """A ``mailto:`` link longer than some mail programs take (Outlook on Windows cuts near 2,000 characters).

    The link is written whole; for a list this long the ``vcard`` or ``outlook-csv`` contacts
    (imported into the mail program once) are the safer way to write to everyone.
    """


@attrs.frozen(kw_only=True)
class ExportResult:
    """What an export wrote, and whom it left out with the reason for each."""

    payload: bytes
    left_out: tuple[LeftOut, ...] = ()


@attrs.frozen(kw_only=True)
class ExportRequest:
    """Everything an exporter's ``write`` gets: the data to write, the options and the host.

    ``data`` is already narrowed to the selection and the time range and stripped of what the
    audience may not see (``options.effective_audience``, consents as of
    ``options.decision_day``). ``selected`` is what the
    caller asked for (empty for the whole network), so a document exporter can tell "one
    meeting's invitation" from "the year's overview"; it is stripped like ``data`` and holds
    the very objects of ``data`` where ``data`` has them.

    ``attendance`` holds each meeting's counts (present, excused ...) taken *before* people were
    removed, so a public Protokoll says as many were present as the internal one.
    ``neighbours`` holds, for each meeting of ``data``, the other meetings of its working group
    (or, outside a group, of its kind), before narrowing and stripped like ``data``: the Protokoll
    carries over the open tasks of the meeting before and names the next date.

    ``distribution`` holds each meeting's Verteiler (organisation names) taken before redaction:
    organisations are not personal data, so the public Protokoll goes to as many offices as the
    internal one.

    ``series`` holds every meeting, before narrowing, of each series (``series_id``) that a
    meeting of ``data`` belongs to, stripped like ``data``: an entry for part of a series (one
    invitation, a feed for one year) can name the series as the whole series' entry does.

    ``senders`` maps the organising person of a meeting to their e-mail address, for an iTIP
    message to the recipients only (``ics`` with ``METHOD:REQUEST``/``CANCEL``): the sender's
    address is the message's ``ORGANIZER`` and nothing else; ``data`` holds it only with consent.

    An exporter that writes an invitation or a list calls :meth:`leave_out` for everyone it was
    meant for but cannot hold (no consent, no e-mail address): the caller gets them in
    :class:`ExportResult`.
    """

    data: NetworkData
    options: ExportOptions
    host: Host
    selected: tuple[Entity, ...] = ()
    series: tuple[Meeting, ...] = ()
    attendance: Mapping[str, AttendanceCount] = attrs.field(factory=dict)
    neighbours: tuple[Meeting, ...] = ()
    senders: Mapping[str, str] = attrs.field(factory=dict)
    distribution: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    left_out: list[LeftOut] = attrs.field(factory=list, eq=False, repr=False)

    def leave_out(self, actor_id: str, label: str, reason: str) -> None:
        """Report that ``actor_id`` (shown to the caller as ``label``) is not in the output, and why."""
        entry = LeftOut(actor_id=actor_id, label=label, reason=reason)
        if entry not in self.left_out:
            self.left_out.append(entry)


@attrs.frozen(kw_only=True)
class Exporter:
    """An export format: ``write`` renders a request to a binary stream.

    Register it from a plugin with ``register_exporters``; ``format`` is the name users pass
    to :func:`export`, ``suffix`` the file ending (with the dot), ``media_type`` what a web
    server sends.
    """

    format: str
    media_type: str
    suffix: str
    description: str
    write: Callable[[ExportRequest, BinaryIO], None]


Selection = Entity | str | Iterable[Entity | str] | None
