"""Every model constructor checks its fields' types: the library's own error, naming class and field."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import UTC, date, datetime
from enum import Enum
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import integrationsnetz as inz
from integrationsnetz.testing import strategies

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2025, 3, 17, 9, tzinfo=BERLIN)
END = datetime(2025, 3, 17, 13, tzinfo=BERLIN)


def _meeting(**changes: Any) -> inz.Meeting:
    fields: dict[str, Any] = {
        "id": "nt-2025-1",
        "network_id": "netz",
        "kind": inz.MeetingKind.NETWORK,
        "title": "Netzwerktreffen",
        "start": START,
        "end": END,
    }
    return inz.Meeting(**(fields | changes))


def test_a_misspelt_enum_value_is_refused_naming_class_field_and_choices() -> None:
    with pytest.raises(inz.InvalidField) as caught:
        _meeting(kind="netwrok")
    assert str(caught.value) == (
        "Meeting.kind: expected one of 'network', 'working_group', 'steering', 'other', got 'netwrok'"
    )
    assert (caught.value.owner, caught.value.field) == ("Meeting", "kind")
    assert isinstance(caught.value, inz.IntegrationsnetzError)
    assert isinstance(caught.value, ValueError)


def test_an_enum_field_takes_the_exact_value_and_stores_the_member() -> None:
    meeting = _meeting(kind="working_group", status="held")
    assert meeting.kind is inz.MeetingKind.WORKING_GROUP
    assert meeting.status is inz.MeetingStatus.HELD
    assert meeting == _meeting(kind=inz.MeetingKind.WORKING_GROUP, status=inz.MeetingStatus.HELD)
    with pytest.raises(inz.InvalidField, match=r"^Meeting\.kind: expected one of"):
        _meeting(kind="NETWORK")  # the member's name is not its value


def test_a_text_date_is_not_a_date() -> None:
    with pytest.raises(inz.InvalidField, match=r"^WorkingGroup\.founded: expected a date, got '2024-01-01'$"):
        inz.WorkingGroup(id="ag", network_id="netz", name="AG Sprache", topic="Sprache", founded="2024-01-01")  # type: ignore[arg-type]


def test_a_date_time_is_not_a_date_and_a_date_is_not_a_date_time() -> None:
    with pytest.raises(inz.InvalidField, match=r"^Membership\.since: expected a date, got a date-time"):
        inz.Membership(id="m", network_id="netz", actor_id="a", since=START)
    with pytest.raises(inz.InvalidField, match=r"^Meeting\.start: expected a timezone-aware date-time, got a date$"):
        _meeting(start=date(2025, 3, 17))
    with pytest.raises(inz.InvalidField, match=r"^Meeting\.end: expected a timezone-aware date-time, got the naive"):
        _meeting(end=datetime(2025, 3, 17, 13))


def test_a_list_becomes_a_tuple_so_objects_stay_hashable_and_equal() -> None:
    items = [inz.AgendaItem(kind=inz.AgendaItemKind.WELCOME, title="Begrüßung")]
    meeting = _meeting(agenda=items)
    assert type(meeting.agenda) is tuple
    assert meeting == _meeting(agenda=tuple(items))
    assert hash(meeting) == hash(_meeting(agenda=tuple(items)))


def test_an_item_of_the_wrong_type_in_a_tuple_is_named_by_position() -> None:
    with pytest.raises(inz.InvalidField, match=r"^Meeting\.agenda\[1\]: expected an AgendaItem, got \{"):
        _meeting(agenda=[inz.AgendaItem(kind=inz.AgendaItemKind.WELCOME, title="Begrüßung"), {"title": "x"}])
    with pytest.raises(inz.InvalidField, match=r"^Meeting\.agenda: expected a tuple or list, got 'Begrüßung'"):
        _meeting(agenda="Begrüßung")


@pytest.mark.parametrize("bad", [True, 1.5, "20", 2**64])
def test_a_count_is_a_whole_number_that_fits_in_64_bits(bad: object) -> None:
    with pytest.raises(inz.InvalidField, match=r"^Room\.capacity: expected a whole number"):
        inz.Room(id="r", name="Saal", capacity=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [math.inf, -math.inf, math.nan, 10**400])
def test_numbers_are_finite(bad: float) -> None:
    with pytest.raises(inz.InvalidField, match=r"^ProviderCapacity\.teachers_fte: expected a"):
        inz.ProviderCapacity(id="p", network_id="netz", provider_id="vhs", as_of=date(2025, 1, 1), teachers_fte=bad)


def test_an_int_is_taken_where_a_number_is_expected_and_stored_as_a_float() -> None:
    capacity = inz.ProviderCapacity(
        id="p", network_id="netz", provider_id="vhs", as_of=date(2025, 1, 1), teachers_fte=2
    )
    assert type(capacity.teachers_fte) is float


def test_a_lone_surrogate_is_refused_because_no_store_can_write_it() -> None:
    with pytest.raises(inz.InvalidField, match=r"^Meeting\.title: expected valid Unicode text, got a lone surrogate"):
        _meeting(title="Treffen \ud800")


def test_a_str_subclass_is_kept_as_plain_text() -> None:
    meeting = _meeting(title=inz.MeetingKind.NETWORK)
    assert type(meeting.title) is str
    assert meeting.title == "network"


def test_a_bool_field_takes_only_true_or_false() -> None:
    with pytest.raises(inz.InvalidField, match=r"^Room\.step_free: expected True or False, got 1$"):
        inz.Room(id="r", name="Saal", step_free=1)  # type: ignore[arg-type]


def test_evolve_checks_too() -> None:
    with pytest.raises(inz.InvalidField, match=r"^Meeting\.status: "):
        attrs.evolve(_meeting(), status="done")


def test_inherited_fields_are_named_after_the_class_built() -> None:
    with pytest.raises(inz.InvalidField, match=r"^Venue\.revision: expected a whole number, got '1'"):
        inz.Venue(id="v", network_id="n", name="Ort", address=inz.Address(city="Eisenach"), revision="1")  # type: ignore[arg-type]


# --- every field of every model class, on generated objects --------------------------------------

_WRONG_BY_TYPE: dict[Any, list[object]] = {
    str: [5, b"bytes", "lone \udc80 surrogate"],
    int: [True, 1.5, "3", 2**64],
    float: ["1.0", True, math.inf, math.nan],
    bool: [1, "true", None],
    date: ["2024-01-01", datetime(2024, 1, 1, tzinfo=UTC)],
    datetime: [date(2024, 1, 1), datetime(2024, 1, 1, 9), "2024-01-01T09:00:00+01:00"],
}


def _wrong_values(kind: Any) -> list[object]:
    """Values a field of type ``kind`` must refuse."""
    origin, args = get_origin(kind), get_args(kind)
    if origin is Union or origin is UnionType:
        members = [arg for arg in args if arg is not NoneType]
        wrong = [value for member in members for value in _wrong_values(member)]
        if NoneType in args:
            wrong = [value for value in wrong if value is not None]
        else:
            wrong.append(None)
        return [value for value in wrong if not any(_accepted(value, member) for member in members)]
    if origin is tuple:
        return ["text", {"a set"}, [object()], None]
    if kind in _WRONG_BY_TYPE:
        return [*_WRONG_BY_TYPE[kind], None] if kind is not bool else _WRONG_BY_TYPE[kind]
    if isinstance(kind, type) and issubclass(kind, Enum):
        return ["not-a-member", 3, None, *(member.name for member in kind if member.name != member.value)]
    if isinstance(kind, type) and attrs.has(kind):
        return [{}, "text", None]
    raise AssertionError(f"no wrong values for {kind!r}")


def _accepted(value: object, kind: Any) -> bool:
    return isinstance(kind, type) and attrs.has(kind) and isinstance(value, kind)


def _objects(value: object) -> Iterator[Any]:
    """Every model object inside ``value``, ``value`` first."""
    if attrs.has(type(value)):
        yield value
        for field in attrs.fields(type(value)):
            yield from _objects(getattr(value, field.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from _objects(item)


@settings(max_examples=300, deadline=None)
@given(data=strategies.networks(max_size=2), choice=st.data())
def test_every_field_of_every_class_refuses_values_of_the_wrong_type(
    data: inz.NetworkData, choice: st.DataObject
) -> None:
    """Pick any object in a generated network, any field, any wrong value: the constructor refuses it."""
    found = [obj for obj in _objects(data) if type(obj) is not inz.NetworkData]
    obj = choice.draw(st.sampled_from(found), label="object")
    cls = type(obj)
    attrs.resolve_types(cls)
    field = choice.draw(st.sampled_from(attrs.fields(cls)), label="field")
    bad = choice.draw(st.sampled_from(_wrong_values(field.type)), label="value")
    with pytest.raises(inz.InvalidField) as caught:
        attrs.evolve(obj, **{field.name: bad})
    assert caught.value.owner == cls.__name__
    assert caught.value.field.startswith(field.name), (caught.value.field, field.name)


@settings(max_examples=100, deadline=None)
@given(data=strategies.networks(max_size=2))
def test_rebuilding_from_plain_values_gives_an_equal_object(data: inz.NetworkData) -> None:
    """Enum values for members and lists for tuples are taken and normalised: the object is equal."""
    for obj in _objects(data):
        if type(obj) is inz.NetworkData:
            continue
        plain = {}
        for field in attrs.fields(type(obj)):
            value = getattr(obj, field.name)
            if isinstance(value, Enum):
                value = value.value
            elif isinstance(value, tuple):
                value = list(value)
            plain[field.name] = value
        assert type(obj)(**plain) == obj
