"""JSON and TOML documents read back exactly what was written, for every generated network."""

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import integrationsnetz as inz
from integrationsnetz import documents
from integrationsnetz.serialization import format_datetime, make_codec, parse_datetime, time_text
from integrationsnetz.testing import strategies as inz_st

BERLIN = ZoneInfo("Europe/Berlin")


def _zones(data: inz.NetworkData) -> list[str]:
    """Every meeting's zone, as written: the zone name must survive, not just the instant."""
    return [repr(meeting.start.tzinfo) + repr(meeting.end.tzinfo) for meeting in data.meetings]


@pytest.mark.parametrize("fmt", documents.FORMATS)
@settings(max_examples=30)
@given(data=inz_st.networks())
def test_documents_round_trip_exactly(fmt: documents.DocumentFormat, data: inz.NetworkData) -> None:
    """Equal value, same zones and folds, and the same bytes when written again."""
    payload = documents.dumps(data, fmt)
    back = documents.loads(payload, fmt, source=f"generated.{fmt}")
    assert back == data
    assert _zones(back) == _zones(data)
    assert [m.start.utcoffset() for m in back.meetings] == [m.start.utcoffset() for m in data.meetings]
    assert documents.dumps(back, fmt) == payload


@settings(max_examples=60)
@given(entity=inz_st.entities())
def test_every_entity_round_trips_through_the_codec(entity: inz.Entity) -> None:
    """What stores do: one entity to plain data and JSON and back."""
    codec = make_codec()
    assert codec.loads(codec.dumps(entity), type(entity)) == entity
    assert codec.structure(codec.unstructure(entity), type(entity)) == entity


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (datetime(2024, 10, 14, 9, tzinfo=BERLIN), "2024-10-14T09:00:00+02:00[Europe/Berlin]"),
        (datetime(2024, 10, 27, 2, 30, tzinfo=BERLIN), "2024-10-27T02:30:00+02:00[Europe/Berlin]"),
        (datetime(2024, 10, 27, 2, 30, fold=1, tzinfo=BERLIN), "2024-10-27T02:30:00+01:00[Europe/Berlin]"),
        # A wall time the spring switch skips: Python can hold it, so it must come back as it was.
        (datetime(2024, 3, 31, 2, 30, tzinfo=BERLIN), "2024-03-31T02:30:00+01:00[Europe/Berlin]"),
        (datetime(2024, 10, 14, 7, tzinfo=UTC), "2024-10-14T07:00:00Z"),
        (datetime(2024, 10, 14, 9, 0, 0, 123456, tzinfo=timezone(timedelta(hours=5, minutes=30))),
         "2024-10-14T09:00:00.123456+05:30"),
    ],
)  # fmt: skip
def test_datetime_text(value: datetime, text: str) -> None:
    """RFC 9557 text with the zone name; both folds of the repeated hour; exact back."""
    assert format_datetime(value) == text
    for _ in range(2):  # parsed, then (a named zone) shared from the parsed texts
        back = parse_datetime(text)
        assert back == value
        assert back.fold == value.fold
        assert back.utcoffset() == value.utcoffset()
        assert repr(back.tzinfo) == repr(value.tzinfo)


@given(value=inz_st.aware_datetimes())
def test_a_datetime_parsed_again_is_the_same(value: datetime) -> None:
    """The shared parse gives what a fresh parse gives, at either fold, in any zone."""
    text = format_datetime(value)
    first, second = parse_datetime(text), parse_datetime(text)
    for back in (first, second):
        assert (back, back.utcoffset(), back.tzinfo) == (value, value.utcoffset(), value.tzinfo)
        if isinstance(value.tzinfo, ZoneInfo):  # a fixed offset has no fold to keep
            assert back.fold == value.fold
    assert format_datetime(second) == format_datetime(value.replace()) == text  # formatted again, shared


def test_the_parsed_and_formatted_texts_kept_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(time_text, "_PARSED", {})
    monkeypatch.setattr(time_text, "_FORMATTED", {})
    monkeypatch.setattr(time_text, "_SHARED_LIMIT", 3)
    texts = [f"2027-01-{day:02d}T09:00:00+01:00[Europe/Berlin]" for day in range(1, 11)]
    for _ in range(2):
        assert [format_datetime(parse_datetime(text)) for text in texts] == texts
        assert len(time_text._PARSED) <= 3
        assert len(time_text._FORMATTED) <= 3


def test_equal_times_in_other_zones_or_folds_are_formatted_apart() -> None:
    """Datetimes compare equal across zones (the same instant) and across folds (the same wall
    time): the kept texts must not mix them up."""
    berlin = datetime(2024, 10, 27, 2, 30, tzinfo=BERLIN)
    assert format_datetime(berlin) == "2024-10-27T02:30:00+02:00[Europe/Berlin]"
    assert format_datetime(berlin.replace(fold=1)) == "2024-10-27T02:30:00+01:00[Europe/Berlin]"
    berlin = datetime(2024, 10, 14, 9, tzinfo=BERLIN)
    vienna = berlin.astimezone(ZoneInfo("Europe/Vienna"))
    london = berlin.astimezone(ZoneInfo("Europe/London"))
    assert vienna == berlin == london
    assert format_datetime(berlin) == "2024-10-14T09:00:00+02:00[Europe/Berlin]"
    assert format_datetime(vienna) == "2024-10-14T09:00:00+02:00[Europe/Vienna]"
    assert format_datetime(london) == "2024-10-14T08:00:00+01:00[Europe/London]"
    assert format_datetime(berlin.astimezone(UTC)) == "2024-10-14T07:00:00Z"
    assert parse_datetime("2027-01-01T08:00:00Z") == datetime(2027, 1, 1, 8, tzinfo=UTC)
    assert "2027-01-01T08:00:00Z" not in time_text._PARSED  # unique stamps are not kept


def test_toml_native_dates_and_times_are_read() -> None:
    """A hand-edited TOML file may write dates and offset date-times unquoted."""
    toml = b"""
schema_version = 1
[network]
id = "netz"
name = "Netz"
founded = 2024-02-27
[network.region]
name = "Wartburgkreis"
state = "TH"
ags = "16063"
[[meetings]]
id = "m1"
network_id = "netz"
kind = "network"
title = "Treffen"
start = 2024-10-14T09:30:00+02:00
end = "2024-10-14T13:40:00+02:00[Europe/Berlin]"
"""
    data = documents.loads(toml, "toml", source="hand.toml")
    assert data.network.founded == date(2024, 2, 27)
    assert data.meetings[0].start == datetime(2024, 10, 14, 9, 30, tzinfo=BERLIN)


def test_the_fast_pass_reads_valid_documents_without_the_detailed_one() -> None:
    """Valid input never needs the slow detailed converter (else every load would pay twice)."""
    import wartburgkreis

    codec = make_codec()
    data = wartburgkreis.build()
    assert codec.fast.structure(codec.unstructure(data), inz.NetworkData) == data
    assert codec.fast.get_structure_hook(inz.Invitation).__code__.co_filename == "<fast structure Invitation>"


@settings(max_examples=30)
@given(data=inz_st.networks())
def test_fast_and_detailed_converters_agree(data: inz.NetworkData) -> None:
    """Both converters read any valid network to the same value."""
    codec = make_codec()
    plain = codec.unstructure(data)
    assert codec.fast.structure(plain, inz.NetworkData) == codec.detailed.structure(plain, inz.NetworkData) == data


_BAD_LEAVES = ["", " ", "a/b", "..", "x\x00y", -1, 1.5, True, None, "not-a-date", [], {}, {"unknown": 1}]


def _leaf_paths(plain: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    if isinstance(plain, dict):
        found = [(*path, key) for key in plain]
        return found + [p for key, value in plain.items() for p in _leaf_paths(value, (*path, key))]
    if isinstance(plain, list):
        found = [(*path, index) for index in range(len(plain))]
        return found + [p for index, value in enumerate(plain) for p in _leaf_paths(value, (*path, index))]
    return []


@settings(max_examples=150)
@given(data=inz_st.networks(), choice=st.data())
def test_the_fast_pass_refuses_whatever_the_detailed_one_refuses(data: inz.NetworkData, choice: st.DataObject) -> None:
    """The fast pass builds objects without ``__init__``; it must still run every check.

    One value anywhere in a valid document is replaced by a bad one (or a key is added): the fast
    pass must fail exactly when the detailed pass does, and agree with it otherwise.
    """
    codec = make_codec()
    plain = codec.unstructure(data)
    path = choice.draw(st.sampled_from(_leaf_paths(plain)))
    target: Any = plain
    for step in path[:-1]:
        target = target[step]
    if isinstance(target, dict) and choice.draw(st.booleans()):
        target["surplus_field"] = 1
    else:
        target[path[-1]] = choice.draw(st.sampled_from(_BAD_LEAVES))
    try:
        expected = codec.detailed.structure(plain, inz.NetworkData)
    except Exception:
        with pytest.raises(Exception):  # noqa: B017, PT011 - the fast pass refuses in its own way
            codec.fast.structure(plain, inz.NetworkData)
    else:
        assert codec.fast.structure(plain, inz.NetworkData) == expected


@settings(max_examples=60)
@given(data=inz_st.networks())
def test_the_fast_unstructure_writes_what_cattrs_writes(data: inz.NetworkData) -> None:
    """The generated unstructure hooks give cattrs' output, key order included (files stay stable)."""
    import orjson

    codec = make_codec()
    assert codec.fast.get_unstructure_hook(inz.Meeting).__code__.co_filename == "<fast unstructure Meeting>"
    assert orjson.dumps(codec.fast.unstructure(data)) == orjson.dumps(codec.detailed.unstructure(data))
