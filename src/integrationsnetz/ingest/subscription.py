"""A calendar subscription fetched over the web (``https://``, ``http://``, ``webcal://``), within limits.

A member's subscription address comes from outside and the server at it too, so the download is
bounded: at most ``max_bytes`` bytes, and ``timeout`` seconds in all, checked between reads (so a
server dripping a byte a second cannot hold the plan up; one silent read waits at most ``timeout``
more), redirects only to web addresses, no ``file:``
or ``ftp:``. ``webcal://`` and ``webcals://`` are fetched over HTTPS, as Apple Calendar and
Outlook do. Proxies are taken from the environment (``https_proxy``), as offices need.

A subscription address often holds a secret (Google's "secret address in iCal format", a
Nextcloud share token), so messages name only its host: ``https://calendar.google.com/…``.
Every failure is an :class:`~integrationsnetz.InvalidData` saying what went wrong, in one line.

An address with a user name and password (``https://anna:app-passwort@cloud.example.org/…``, as
Nextcloud's private export asks for) logs in with HTTP Basic authentication when the server asks
for it (401), and only at that server: the address fetched carries no password, a redirect to
another host gets none, and no message shows either.
"""

from __future__ import annotations

import http.client
import socket
import time
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import SplitResult, unquote, urlsplit, urlunsplit

from integrationsnetz.errors import InvalidData, WrongType

#: The largest calendar a subscription may deliver: a member's Outlook calendar of many years is a
#: few megabytes.
MAX_BYTES = 16 * 1024 * 1024

#: How long fetching one calendar may take in all, in seconds.
TIMEOUT = 20.0

_SCHEMES = {"http": "http", "https": "https", "webcal": "https", "webcals": "https"}
_CHUNK = 64 * 1024


def is_address(text: str) -> bool:
    """Whether ``text`` is a subscription address (``http``, ``https``, ``webcal``, ``webcals``) rather than a path."""
    scheme, colon, _ = text.strip().partition("://")
    return bool(colon) and scheme.lower() in _SCHEMES


def shown(url: str) -> str:
    """The address as messages show it: scheme and host, no user, password, path or query (they may be secret)."""
    parts = _split(url)
    if parts is None:
        return f"{url.strip().partition('://')[0].lower()}://?/…"
    host = parts.hostname or "?"
    port = f":{parts.port}" if _port(parts) is not None else ""
    return f"{parts.scheme.lower()}://{host}{port}/…"


def _split(url: str) -> SplitResult | None:
    """The parts of an address, or None when it cannot be split (``http://[::1/x``: a broken IPv6 host)."""
    try:
        return urlsplit(url.strip())
    except ValueError:
        return None


def _port(parts: Any) -> int | None:
    try:
        port: int | None = parts.port
    except ValueError:
        return None
    return port


def web_address(url: str) -> str:
    """The address fetched: ``webcal`` as ``https``; :class:`InvalidData` when it is not a web address."""
    if not isinstance(url, str):
        raise WrongType([f"expected a subscription address such as 'https://…/kalender.ics', got {type(url).__name__}"])
    parts = _split(url)
    if parts is None:
        raise InvalidData(["not a web address: its host cannot be read (a bracket of an IPv6 address missing?)"],
                          source=shown(url))  # fmt: skip
    scheme = _SCHEMES.get(parts.scheme.lower())
    if scheme is None or not parts.hostname:
        raise InvalidData(["expected an address starting with https://, http:// or webcal:// and naming a host"],
                          source=shown(url) if parts.hostname else None)  # fmt: skip
    try:
        parts.port  # noqa: B018 - a port that is not a number raises here, not inside urllib
    except ValueError:
        raise InvalidData(["the address's port is not a number"], source=shown(url)) from None
    return urlunsplit((scheme, _host_part(parts), parts.path or "/", parts.query, ""))


def _host_part(parts: SplitResult) -> str:
    """The address's host and port, without a user name and password."""
    return parts.netloc.rpartition("@")[2]


def _login(url: str) -> tuple[str, str] | None:
    """The user name and password the address names (``https://anna:pw@…``), percent-decoded, if any."""
    parts = _split(url)
    if parts is None or parts.username is None:
        return None
    return unquote(parts.username), unquote(parts.password or "")


class _WebRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to ``http`` and ``https`` addresses."""

    def redirect_request(  # noqa: PLR0917 - urllib's signature
        self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> Any:
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise urllib.error.HTTPError(newurl, code, "redirect to an address that is not on the web", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener(address: str, login: tuple[str, str] | None) -> urllib.request.OpenerDirector:
    opener = urllib.request.OpenerDirector()
    if login is not None:  # answers a 401 of this server (and addresses below it) only
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, address, *login)
        opener.add_handler(urllib.request.HTTPBasicAuthHandler(passwords))
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        _WebRedirects(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def fetch(url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> bytes:
    """The calendar at ``url``: at most ``max_bytes`` bytes within ``timeout`` seconds, else :class:`InvalidData`."""
    address = web_address(url)
    source = shown(url)
    login = _login(url)
    deadline = time.monotonic() + timeout
    headers = {"Accept": "text/calendar, */*;q=0.5", "User-Agent": "integrationsnetz (calendar as busy time)"}
    request = urllib.request.Request(address, headers=headers)
    try:
        with _opener(address, login).open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared is not None and declared.strip().isdigit() and int(declared) > max_bytes:
                raise InvalidData([_too_large(max_bytes)], source=source)
            parts: list[bytes] = []
            size = 0
            while True:
                if time.monotonic() > deadline:
                    raise InvalidData([f"the server took longer than {timeout:g} seconds"], source=source)
                chunk = response.read1(_CHUNK)  # what has arrived: the deadline is checked between reads
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise InvalidData([_too_large(max_bytes)], source=source)
                parts.append(chunk)
    except InvalidData:  # too large or too slow, said above (and a ValueError, caught below otherwise)
        raise
    except urllib.error.HTTPError as exc:
        raise InvalidData([_answered(exc.code, exc.reason, login is not None)], source=source) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError | socket.timeout):
            raise InvalidData([f"the server took longer than {timeout:g} seconds"], source=source) from None
        text = getattr(reason, "strerror", None) or str(reason)
        raise InvalidData([f"cannot fetch the calendar ({text})"], source=source) from None
    except TimeoutError:
        raise InvalidData([f"the server took longer than {timeout:g} seconds"], source=source) from None
    except OSError as exc:  # a reset connection, a host that does not answer
        reason = exc.strerror or type(exc).__name__
        raise InvalidData([f"cannot fetch the calendar ({reason})"], source=source) from None
    except (http.client.HTTPException, ValueError) as exc:  # a broken answer, a bad host (texts may hold the URL)
        raise InvalidData([f"cannot fetch the calendar ({type(exc).__name__})"], source=source) from None
    return b"".join(parts)


def _answered(code: int, reason: object, logged_in: bool) -> str:
    """What the server's error answer says, in one line (urllib's words for a redirect loop take three)."""
    text = " ".join(str(reason or "").split("\n", 1)[0].split())
    if "infinite loop" in text or "maximum redirection" in text:
        text = "and redirects in a loop or too often"
    if code == 401:
        text += (" (wrong user name or password in the address?)" if logged_in else
                 " (the address needs a user name and password: https://name:password@host/…)")  # fmt: skip
    return f"the server answered {code} {text[:120]}".rstrip()


def _too_large(max_bytes: int) -> str:
    return f"the calendar is larger than {max_bytes:,} bytes (max_bytes)"


__all__ = ["MAX_BYTES", "TIMEOUT", "fetch", "is_address", "shown", "web_address"]
