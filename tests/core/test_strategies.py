"""The shipped strategies produce what they promise: valid, consistent, unkind values."""

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

import integrationsnetz as inz
from integrationsnetz.model import ENTITY_TYPES, is_valid_id
from integrationsnetz.testing import strategies as inz_st


@settings(max_examples=20)
@given(inz_st.networks(max_size=5))
def test_bigger_generated_networks_pass_the_integrity_check(data: inz.NetworkData) -> None:
    """Every reference in a generated network resolves, also with more entities than by default."""
    assert inz.check(data) == []


@settings(max_examples=25)
@given(inz_st.networks(network_id="netz-test", max_size=1))
def test_network_id_is_respected(data: inz.NetworkData) -> None:
    """Every part of the network belongs to the network id asked for."""
    assert data.network.id == "netz-test"
    assert all(getattr(entity, "network_id", "netz-test") == "netz-test" for entity in data.entities())


@settings(max_examples=40)
@given(inz_st.entities())
def test_entities_are_valid_stored_entities(entity: inz.Entity) -> None:
    """Any entity has a valid id and consistent bookkeeping."""
    assert type(entity) in ENTITY_TYPES.values()
    assert is_valid_id(entity.id)
    if entity.created is not None:
        assert entity.modified is not None
        assert entity.created <= entity.modified
        assert entity.revision >= 1


@settings(max_examples=100)
@given(inz_st.aware_datetimes())
def test_datetimes_are_aware_real_instants(value: datetime) -> None:
    """No naive values, and no wall time that a DST switch skipped."""
    assert value.utcoffset() is not None
    assert value.astimezone(UTC).astimezone(value.tzinfo) == value
    assert value.astimezone(UTC).astimezone(value.tzinfo).utcoffset() == value.utcoffset()


def test_text_strategies_are_unkind() -> None:
    """Umlauts, ß, emoji, quotes, backslashes and line breaks all turn up."""
    seen: set[str] = set()

    @settings(max_examples=300, derandomize=True)  # a fixed sample: this asserts on a frequency
    @given(inz_st.texts())
    def collect(text: str) -> None:
        seen.update(text)

    collect()
    for wanted in ("ä", "ß", '"', "\\", "\n"):
        assert wanted in seen, wanted
    assert any(ord(ch) > 0xFFFF for ch in seen), "no character outside the BMP (emoji)"


def test_berlin_and_dst_switch_days_turn_up() -> None:
    """Most values are in Europe/Berlin; some fall on the day of a DST switch; some are UTC."""
    zones: list[str] = []
    switch_days = 0

    @settings(max_examples=200, derandomize=True)
    @given(inz_st.aware_datetimes())
    def collect(value: datetime) -> None:
        nonlocal switch_days
        zones.append(str(value.tzinfo))
        switch_days += value.date() in inz_st.DST_SWITCHES

    collect()
    assert "Europe/Berlin" in zones
    assert "UTC" in zones
    assert switch_days > 0


@settings(max_examples=15)
@given(st.data())
def test_every_model_type_has_a_strategy(data: st.DataObject) -> None:
    """A strategy per entity type; drawing one gives an instance of it."""
    for cls in ENTITY_TYPES.values():
        assert isinstance(data.draw(inz_st.entities(types=[cls])), cls)
