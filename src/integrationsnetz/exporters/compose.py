"""Which document an export writes: the kind asked for, or the one the selection suggests.

The Markdown and HTML exporters (and a Word renderer) call :func:`build_page` and render the
:class:`~integrationsnetz.exporters.pages.Page` it returns.
"""

from __future__ import annotations

from integrationsnetz.contract.exporters import check_document_kind
from integrationsnetz.errors import ExportError
from integrationsnetz.exporters import DocumentKind, ExportRequest, letters, protocol, sheets
from integrationsnetz.exporters.pages import Page, open_tasks, overview
from integrationsnetz.model.groups import WorkingGroup
from integrationsnetz.model.meetings import Meeting

#: The documents that are about one meeting.
MEETING_KINDS = ("invitation", "agenda", "minutes", "sign_in", "badges")
#: How an error names each of them, with its verb ("an agenda is", "the minutes are").
_KIND_NAMES = {
    "invitation": "an invitation is",
    "agenda": "an agenda is",
    "minutes": "the minutes are",
    "sign_in": "a sign-in sheet is",
    "badges": "a set of name badges is",
}


def build_page(request: ExportRequest) -> Page:
    """The document the request asks for (``options.document``, else chosen by the selection).

    One meeting selected: its minutes if it has any, else its invitation. Only working groups
    selected: their open tasks. Anything else: the overview of meetings and events. An unknown
    kind is an :class:`ExportError` listing the kinds, whoever built the options.
    """
    kind = check_document_kind(request.options.document) or _default_kind(request)
    data = request.data
    if kind in MEETING_KINDS:
        if len(data.meetings) != 1:
            what = _KIND_NAMES[kind]
            raise ExportError(f"{what} for one meeting: select one (got {len(data.meetings)} meetings)")
        build = {
            "invitation": letters.invitation,
            "agenda": letters.agenda,
            "minutes": protocol.minutes,
            "sign_in": sheets.sign_in,
            "badges": sheets.badges,
        }[kind]
        return build(data.meetings[0], request)
    if kind == "tasks":
        return open_tasks(data.groups, request)
    return overview(request)


def _default_kind(request: ExportRequest) -> DocumentKind:
    selected = request.selected
    if len(selected) == 1 and isinstance(selected[0], Meeting):
        return "minutes" if selected[0].minutes is not None else "invitation"
    if selected and all(isinstance(item, WorkingGroup) for item in selected):
        return "tasks"
    return "overview"
