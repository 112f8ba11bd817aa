"""Read a council's OParl endpoint: the Kreistag's meetings, as busy time for the planner.

:func:`read_council_meetings` walks an OParl 1.1 endpoint over HTTP(S) the way the spec lays it
out: the System's ``body`` list, each Body's ``meeting`` list, page by page along
``links.next``. Each page is fetched within ``timeout`` seconds; a page the server fails
(a 5xx answer, a reset or dropped connection, a timeout) is tried again up to ``retries`` times.
Every failure is an :class:`~integrationsnetz.InvalidData` whose ``source`` is the URL that
failed, with the field path for an object that lacks its ``start`` or ``end``.

:func:`as_busy` turns the meetings into :class:`~integrationsnetz.schedule.Busy` times of the
people who sit in the council (the network's Kreistag members, its coordinators), which
``PlanRequest.for_network(..., absences=...)`` takes like a member's calendar.
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import attrs
import orjson

from integrationsnetz.contract.plan_context import Busy
from integrationsnetz.errors import InvalidData, WrongType

#: The most bytes one page may have: a council's page of 100 meetings is far below it.
MAX_PAGE_BYTES = 20_000_000
_PAUSE = 0.2  # seconds before the first retry; doubled for each further one


@attrs.frozen(kw_only=True)
class CouncilMeeting:
    """One council meeting as the planner needs it: when, and whether it takes place; ``id`` its OParl URL."""

    id: str
    name: str
    start: datetime
    end: datetime
    cancelled: bool = False


@attrs.frozen(kw_only=True)
class CouncilMeetings:
    """The meetings an endpoint listed (by start), the URL they were read from and how many pages it took."""

    source: str
    meetings: tuple[CouncilMeeting, ...]
    pages: int

    def as_busy(self, person_ids: Iterable[str]) -> tuple[Busy, ...]:
        """These meetings as busy time of ``person_ids``; see :func:`as_busy`."""
        return as_busy(self.meetings, person_ids)


def as_busy(meetings: Iterable[CouncilMeeting], person_ids: Iterable[str]) -> tuple[Busy, ...]:
    """Each meeting that is not cancelled as a :class:`Busy` of every one of ``person_ids``.

    The people are the network's ids of those who sit in the council; the result goes into
    ``PlanRequest.for_network(..., absences=...)``, so no session of a series they must attend
    lands on a council meeting. Nothing of the meeting but its hours is kept.
    """
    if isinstance(person_ids, str):
        raise WrongType([f"person_ids: expected a list of person ids, got the string {person_ids!r}"])
    people = tuple(dict.fromkeys(person_ids))
    return tuple(
        Busy(person_id=person, start=meeting.start, end=meeting.end)
        for meeting in meetings
        if not meeting.cancelled
        for person in people
    )


def read_council_meetings(
    system_or_body_url: str,
    *,
    since: datetime | None = None,
    timeout: float = 10.0,
    retries: int = 2,
    max_pages: int = 1000,
) -> CouncilMeetings:
    """The meetings of every body an OParl System (or of one Body) lists, read over HTTP(S).

    ``since`` asks only for meetings modified since then (the ``modified_since`` list
    parameter); a static endpoint ignores the parameter, so the meetings are filtered by their
    ``modified`` here as well. Deleted objects are left out; a meeting listed on two pages
    (the list changed while it was read) counts once. More than ``max_pages`` pages, a
    ``next`` link that leads back, a page that is no JSON or a meeting without ``start``/``end``
    are an :class:`InvalidData` naming the URL.
    """
    if not isinstance(system_or_body_url, str) or not system_or_body_url.startswith(("https://", "http://")):
        raise InvalidData([f"expected an OParl address starting with https:// or http://, got {system_or_body_url!r}"])
    if since is not None and (not isinstance(since, datetime) or since.utcoffset() is None):
        raise WrongType([f"since: expected a date-time with a time zone, got {since!r}"])
    if isinstance(retries, bool) or not isinstance(retries, int) or retries < 0:
        raise InvalidData([f"retries: expected a whole number >= 0, got {retries!r}"])
    reader = _Reader(timeout=timeout, retries=retries, max_pages=max_pages)
    entry = reader.get(system_or_body_url)
    kind = str(entry.get("type", ""))
    if kind.endswith("/System"):
        bodies = list(reader.listed(_url(entry, "body", system_or_body_url), None))
    elif kind.endswith("/Body"):
        bodies = [("$", entry, system_or_body_url)]
    else:
        raise InvalidData(
            [f"$.type: expected an oparl:System or oparl:Body, got {kind or 'none'!r}"], source=system_or_body_url
        )
    found: dict[str, CouncilMeeting] = {}
    for path, body, page in bodies:
        meeting_list = _url(body, "meeting", page, path)
        for where, item, url in reader.listed(meeting_list, since):
            meeting = _meeting(item, where, url)
            if meeting is not None and _changed_since(item, where, url, since):
                found[meeting.id] = meeting
    meetings = sorted(found.values(), key=lambda m: (m.start, m.id))
    return CouncilMeetings(source=system_or_body_url, meetings=tuple(meetings), pages=reader.pages)


def _changed_since(item: dict[str, Any], where: str, url: str, since: datetime | None) -> bool:
    """Whether the object counts: no ``since``, no ``modified`` (then it may have changed), or modified since."""
    value = item.get("modified")
    if since is None or value is None:
        return True
    return _moment(item, "modified", where, url) >= since


def _url(found: dict[str, Any], key: str, source: str, path: str = "$") -> str:
    value = found.get(key)
    if not isinstance(value, str) or not value.startswith(("https://", "http://")):
        raise InvalidData([f"{path}.{key}: expected the URL of a list, got {value!r}"], source=source)
    return value


def _moment(item: dict[str, Any], key: str, where: str, url: str) -> datetime:
    value = item.get(key)
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.utcoffset() is None:
        shown = "nothing" if value is None else repr(value)
        raise InvalidData([f"{where}.{key}: expected a date-time with a UTC offset, got {shown}"], source=url)
    return moment


def _meeting(item: dict[str, Any], where: str, url: str) -> CouncilMeeting | None:
    """The meeting at ``where`` on page ``url``; None for a deleted one."""
    if item.get("deleted") is True:
        return None
    identifier = item.get("id")
    if not isinstance(identifier, str) or not identifier:
        raise InvalidData([f"{where}.id: expected the meeting's URL, got {identifier!r}"], source=url)
    start, end = _moment(item, "start", where, url), _moment(item, "end", where, url)
    if end <= start:
        raise InvalidData(
            [f"{where}.end: expected a time after start {start.isoformat()}, got {end.isoformat()}"], source=url
        )
    name = item.get("name")
    return CouncilMeeting(
        id=identifier,
        name=name if isinstance(name, str) else "",
        start=start,
        end=end,
        cancelled=item.get("cancelled") is True,
    )


@attrs.define
class _Reader:
    """Fetches pages: each within ``timeout``, a failed one again up to ``retries`` times, ``max_pages`` in all."""

    timeout: float
    retries: int
    max_pages: int
    pages: int = 0

    def listed(self, first: str, since: datetime | None) -> Iterable[tuple[str, dict[str, Any], str]]:
        """Every object of the list at ``first``, with its path on its page and the page's URL."""
        seen: set[str] = set()
        url: str | None = _with_since(first, since)
        while url is not None:
            if url in seen:
                raise InvalidData(["links.next: leads back to a page already read"], source=url)
            seen.add(url)
            page = self.get(url)
            data = page.get("data")
            if not isinstance(data, list):
                raise InvalidData([f"$.data: expected a list of objects, got {type(data).__name__}"], source=url)
            for number, item in enumerate(data):
                if not isinstance(item, dict):
                    raise InvalidData([f"$.data[{number}]: expected an object, got {type(item).__name__}"], source=url)
                yield f"$.data[{number}]", item, url
            links = page.get("links")
            following = links.get("next") if isinstance(links, dict) else None
            if following is not None and not (
                isinstance(following, str) and following.startswith(("https://", "http://"))
            ):
                raise InvalidData([f"$.links.next: expected the URL of the next page, got {following!r}"], source=url)
            url = _with_since(following, since) if following else None

    def get(self, url: str) -> dict[str, Any]:
        """The JSON object at ``url``; a 5xx, a dropped connection or a timeout tried again."""
        self.pages += 1
        if self.pages > self.max_pages:
            raise InvalidData(
                [f"more than {self.max_pages} pages: stopped (raise max_pages for a larger endpoint)"], source=url
            )
        attempt = 0
        while True:
            try:
                payload = self._fetch(url)
                break
            except _Retry as failed:
                attempt += 1
                if attempt > self.retries:
                    tries = f"{attempt} attempt{'s' if attempt > 1 else ''}"
                    raise InvalidData([f"cannot read the page ({failed.reason}, {tries})"], source=url) from None
                time.sleep(_PAUSE * 2 ** (attempt - 1))
        try:
            found = orjson.loads(payload)
        except orjson.JSONDecodeError as error:
            raise InvalidData([f"not JSON: {error}"], source=url) from None
        if not isinstance(found, dict):
            raise InvalidData([f"expected a JSON object, got {type(found).__name__}"], source=url)
        return found

    def _fetch(self, url: str) -> bytes:
        request = urllib.request.Request(url, headers={"Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                payload: bytes = response.read(MAX_PAGE_BYTES + 1)
        except urllib.error.HTTPError as error:
            if error.code >= 500:
                raise _Retry(f"the server answered {error.code}") from None
            raise InvalidData([f"the server answered {error.code} {error.reason}"], source=url) from None
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, TimeoutError | ConnectionError):
                raise _Retry(type(reason).__name__) from None
            raise InvalidData([f"cannot fetch the page ({reason})"], source=url) from None
        except (TimeoutError, ConnectionError, http.client.HTTPException) as error:
            raise _Retry(type(error).__name__) from None
        if len(payload) > MAX_PAGE_BYTES:
            raise InvalidData([f"the page is larger than {MAX_PAGE_BYTES} bytes"], source=url)
        return payload


class _Retry(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _with_since(url: str, since: datetime | None) -> str:
    """``url`` with ``modified_since`` unless it already carries one (a server's ``next`` link keeps it)."""
    if since is None:
        return url
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    if any(key == "modified_since" for key, _ in query):
        return url
    query.append(("modified_since", since.isoformat()))
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))
