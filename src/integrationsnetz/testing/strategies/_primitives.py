"""The plain values every model strategy is built from: unkind text, valid ids, days and instants.

Text holds umlauts, ß, emoji, quotes, backslashes and line breaks; date-times are timezone-aware,
mostly in Europe/Berlin and often right at a switch to or from daylight saving time.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import TypeVar
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

__all__ = [
    "BERLIN",
    "DEFAULT_MAX_DATE",
    "DEFAULT_MIN_DATE",
    "DST_SWITCHES",
    "aware_datetimes",
    "dates",
    "drawn",
    "ids",
    "later",
    "names",
    "optional",
    "periods",
    "texts",
    "urls",
]

T = TypeVar("T")

#: The zone most of the library's users live in.
BERLIN = ZoneInfo("Europe/Berlin")

#: Days on which Europe/Berlin switches to or from summer time (the hour that is skipped or repeated).
DST_SWITCHES: tuple[date, ...] = (
    date(2023, 3, 26), date(2023, 10, 29), date(2024, 3, 31), date(2024, 10, 27),
    date(2025, 3, 30), date(2025, 10, 26), date(2026, 3, 29), date(2026, 10, 25),
)  # fmt: skip

#: The first and the last day the strategies draw unless told otherwise.
DEFAULT_MIN_DATE = date(2015, 1, 1)
DEFAULT_MAX_DATE = date(2030, 12, 31)

_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.äöüß"

# Characters that break naive escaping, encoding or quoting; they appear in generated text often.
_NASTY = "äöüÄÖÜß\"'\\\n\r\t😀🇩🇪€„“‚‘–—…é ´`{}[]<>&%$#=:;,|~^ "

# Whole strings a component may choke on, mixed in with random text.
_SPECIMENS = (
    "Straße",
    "Größe & Maß",
    "AG „Wohnen“",
    'Er sagte: "Willkommen"',
    "C:\\Users\\Öffentlich",
    "Zeile 1\nZeile 2\r\nZeile 3",
    "Integrationskurs 🇩🇪📚",
    "O'Brien – Ämter",
    "#[section]\n= 'x'",
    "   leading and trailing   ",
)

# Fixed-offset zones, and a few named zones other than Berlin (half-hour offsets included).
_OFFSET_ZONES: tuple[tzinfo, ...] = (
    UTC,
    timezone(timedelta(hours=1)),
    timezone(timedelta(hours=2)),
    timezone(timedelta(hours=-5)),
    timezone(timedelta(hours=5, minutes=30)),
    timezone(timedelta(hours=-9, minutes=-30)),
    ZoneInfo("UTC"),
    ZoneInfo("Europe/Kyiv"),
    ZoneInfo("America/New_York"),
    ZoneInfo("Asia/Kabul"),
)


def optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    """``strategy`` or None: an optional field."""
    return st.one_of(st.none(), strategy)


@st.composite
def drawn(draw: st.DrawFn, build: Callable[[st.DrawFn], T]) -> T:
    """Run a plain drawing function as a strategy (cheaper than a composite per call)."""
    return build(draw)


# --- text and ids -------------------------------------------------------------------------------


@functools.cache
def _characters() -> st.SearchStrategy[str]:
    # No surrogates (not encodable as UTF-8) and no NUL (PostgreSQL text cannot hold it).
    return st.one_of(
        st.sampled_from(_NASTY),
        st.characters(codec="utf-8", exclude_characters="\x00"),
    )


@functools.cache
def texts(*, min_size: int = 0, max_size: int = 20) -> st.SearchStrategy[str]:
    """Free text as people type it: umlauts, ß, emoji, quotes, backslashes, line breaks."""
    random_text = st.text(_characters(), min_size=min_size, max_size=max_size)
    specimens = st.sampled_from([s for s in _SPECIMENS if min_size <= len(s) <= max(max_size, min_size)])
    return st.one_of(specimens, random_text) if max_size >= 8 else random_text


@functools.cache
def names(*, max_size: int = 20) -> st.SearchStrategy[str]:
    """Text that must not be blank (names, titles): :func:`texts` with something visible in it."""
    return texts(min_size=1, max_size=max_size).map(lambda text: text if text.strip() else f"Name{text}")


@functools.cache
def ids(*, prefix: str = "", max_size: int = 16) -> st.SearchStrategy[str]:
    """Valid ids: no path separator, no control character, no outer white space, never ``.``/``..``.

    ``prefix`` makes ids readable in failure reports (``"mtg-"``).
    """
    body = st.text(_ID_ALPHABET, min_size=1, max_size=max_size)
    return body.map(lambda text: prefix + text).filter(lambda value: value not in {".", ".."})


@functools.cache
def urls() -> st.SearchStrategy[str]:
    """Web addresses with unkind text in their path."""
    return st.builds("https://{}.example/{}".format, ids(max_size=8), texts(max_size=10))


# --- days and instants --------------------------------------------------------------------------


@functools.cache
def dates(*, min_value: date = DEFAULT_MIN_DATE, max_value: date = DEFAULT_MAX_DATE) -> st.SearchStrategy[date]:
    """Calendar days, with the daylight-saving switch days and year ends drawn often."""
    special = [
        day
        for day in (*DST_SWITCHES, date(2024, 12, 31), date(2025, 1, 1), date(2024, 2, 29))
        if min_value <= day <= max_value
    ]
    plain = st.dates(min_value=min_value, max_value=max_value)
    return st.one_of(st.sampled_from(special), plain) if special else plain


@functools.cache
def periods(
    *, min_date: date = DEFAULT_MIN_DATE, max_date: date = DEFAULT_MAX_DATE, open_end: bool = True
) -> st.SearchStrategy[tuple[date, date | None]]:
    """A first day and an optional last day not before it."""
    return _periods(min_date, max_date, open_end)


@st.composite
def _periods(draw: st.DrawFn, min_date: date, max_date: date, open_end: bool) -> tuple[date, date | None]:
    first = draw(dates(min_value=min_date, max_value=max_date))
    if open_end and draw(st.booleans()):
        return first, None
    return first, draw(dates(min_value=first, max_value=max_date))


@functools.cache
def _zones() -> st.SearchStrategy[tzinfo]:
    return st.one_of(st.just(BERLIN), st.just(BERLIN), st.sampled_from(_OFFSET_ZONES))


def _local(day: date, clock: time, zone: tzinfo) -> datetime:
    # Via UTC, so a wall time skipped by a switch to summer time becomes the real time it means.
    naive = datetime.combine(day, clock)
    return naive.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)


@functools.cache
def aware_datetimes(
    *,
    min_date: date = DEFAULT_MIN_DATE,
    max_date: date = DEFAULT_MAX_DATE,
    zones: st.SearchStrategy[tzinfo] | None = None,
) -> st.SearchStrategy[datetime]:
    """Timezone-aware date-times: mostly Europe/Berlin, often in the hours around a DST switch.

    Every value is a real instant in its zone (no wall time skipped by a switch), and repeated
    wall times come in both folds. The local day lies between ``min_date`` and ``max_date``.
    """
    return _aware_datetimes(min_date, max_date, zones if zones is not None else _zones())


@st.composite
def _aware_datetimes(draw: st.DrawFn, min_date: date, max_date: date, zones: st.SearchStrategy[tzinfo]) -> datetime:
    zone = draw(zones)
    day = draw(dates(min_value=min_date, max_value=max_date))
    if day in DST_SWITCHES and draw(st.booleans()):
        # The repeated or skipped hour, in either fold.
        hour, minute = draw(st.sampled_from((1, 2, 3))), draw(st.sampled_from((0, 15, 30, 59)))
        clock = time(hour, minute, fold=draw(st.sampled_from((0, 1))))
        value = datetime.combine(day, clock, tzinfo=zone).astimezone(UTC).astimezone(zone)
    else:
        clock = draw(st.times())
        value = _local(day, clock, zone)
    # Keep the local day within bounds even after normalisation moved the wall time.
    return value if min_date <= value.date() <= max_date else _local(day, time(12), zone)


def later(start: datetime, length: timedelta) -> datetime:
    """``length`` of real time after ``start``, in its zone (plain ``+`` adds wall-clock time)."""
    return (start.astimezone(UTC) + length).astimezone(start.tzinfo)
