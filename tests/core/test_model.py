"""Construction-time rules of the model that the other tests do not reach."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

import integrationsnetz as inz

BERLIN = ZoneInfo("Europe/Berlin")


def test_a_meeting_across_the_autumn_switch_is_valid_and_measured_in_real_time() -> None:
    """02:30 summer time to 02:03 winter time is 33 minutes later, though the wall clock went back."""
    start = datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN)
    end = datetime(2026, 10, 25, 2, 3, fold=1, tzinfo=BERLIN)
    meeting = inz.Meeting(id="m", network_id="n", kind=inz.MeetingKind.OTHER, title="Nacht", start=start, end=end)
    assert meeting.duration == timedelta(minutes=33)
    assert inz.Timed(start=start, end=end).end == end


def test_a_meeting_across_the_spring_switch_lasts_what_the_clocks_say() -> None:
    """01:30 to 03:30 on the spring switch night is one hour."""
    start = datetime(2024, 3, 31, 1, 30, tzinfo=BERLIN)
    meeting = inz.Meeting(
        id="m", network_id="n", kind=inz.MeetingKind.OTHER, title="Nacht", start=start, end=start.replace(hour=3)
    )
    assert meeting.duration == timedelta(hours=1)


@pytest.mark.parametrize("bad", ["", ".", "..", "a/b", "a\\b", "a\nb", "a\x00b", " a", "a ", "a\u2028b", "x" * 201])
def test_ids_that_cannot_be_file_names_or_keys_are_refused(bad: str) -> None:
    """No path separator, control character, outer white space, or dot-only id."""
    assert not inz.is_valid_id(bad)
    with pytest.raises(inz.InvalidField, match=r"^Room\.id: "):
        inz.Room(id=bad, name="Raum")


@pytest.mark.parametrize("good", ["lra", "ag-sprache", "kurs_01", "nt-2024-2", "Straße.1", "a b"])
def test_ordinary_ids_are_accepted(good: str) -> None:
    assert inz.is_valid_id(good)


def test_references_are_checked_for_shape_too() -> None:
    """A reference that cannot be an id is refused when built, e.g. a venue's owner."""
    with pytest.raises(inz.InvalidField, match=r"^Venue\.owner_id: an id cannot hold a path separator"):
        inz.Venue(id="v", network_id="n", name="Ort", address=inz.Address(city="Eisenach"), owner_id="../etc")


def test_region_key_must_match_state() -> None:
    """The first two digits of the AGS name the state."""
    with pytest.raises(inz.InvalidField, match=r"^Region\.ags: key '16063' lies in TH, not in HE"):
        inz.Region(name="Wartburgkreis", state=inz.State.HE, ags="16063")


def test_stamps_must_be_aware() -> None:
    """created/modified are instants."""
    with pytest.raises(inz.InvalidField, match=r"^Network\.created: "):
        inz.Network(
            id="n",
            name="N",
            region=inz.Region(name="W", state=inz.State.TH, ags="16"),
            created=datetime(2024, 1, 1),
        )
    assert inz.Network(
        id="n", name="N", region=inz.Region(name="W", state=inz.State.TH, ags="16"), created=datetime.now(UTC)
    ).created


def test_membership_activity_and_overlap() -> None:
    """A membership's period is inclusive on both ends."""
    first = inz.Membership(id="a", network_id="n", actor_id="p", since=date(2024, 1, 1), until=date(2024, 6, 30))
    second = inz.Membership(id="b", network_id="n", actor_id="p", since=date(2024, 6, 30))
    third = inz.Membership(id="c", network_id="n", actor_id="p", since=date(2024, 7, 1))
    assert first.active(date(2024, 6, 30))
    assert not first.active(date(2024, 7, 1))
    assert first.overlaps(second)
    assert not first.overlaps(third)
