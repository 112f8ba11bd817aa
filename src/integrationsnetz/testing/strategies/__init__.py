"""Hypothesis strategies for every model type, for this project's tests and for plugin authors.

Two kinds of strategy live here:

* one per model type (:func:`meetings`, :func:`courses`, ...): each value is valid on its own,
  but its references (``venue_id``, ``actor_id`` ...) point at random ids unless you pass the
  ids to draw them from. Good for stores and converters, which must keep whatever they are given.
* :func:`networks`: a whole :class:`~integrationsnetz.model.NetworkData` whose references all
  resolve, so that :func:`integrationsnetz.integrity.check` finds nothing. Good for exporters,
  planners and anything that reads a network as a whole.

The values are deliberately unkind: text holds umlauts, ß, emoji, quotes, backslashes and line
breaks wherever a field allows them; date-times are timezone-aware, mostly in Europe/Berlin and
often right at a switch to or from daylight saving time, sometimes in UTC or at a fixed offset.
Sizes stay small by default so tests run fast; raise ``max_size`` to stress a component::

    from hypothesis import given
    from integrationsnetz.testing import strategies as inz_st

    @given(inz_st.networks())
    def test_my_exporter_never_fails(data):
        my_exporter.write(data, ...)

The strategies live in one private module per part of the model, named after it
(``strategies/_meetings.py`` draws what ``model/meetings.py`` defines); import them from here.

Hypothesis is a test dependency: import this module only from tests, after
``pip install 'integrationsnetz[testing]'``.
"""

from __future__ import annotations

try:
    import hypothesis
except ImportError as exc:
    raise ImportError(
        f"integrationsnetz.testing.strategies needs {exc.name or 'hypothesis'}, which is not installed: "
        "pip install 'integrationsnetz[testing]'",
        name=exc.name,
    ) from exc

from integrationsnetz.testing.strategies._actors import consents, organizations, persons
from integrationsnetz.testing.strategies._contacts import addresses, contact_points
from integrationsnetz.testing.strategies._courses import (
    course_types,
    courses,
    provider_capacities,
    registrations,
    waitlists,
)
from integrationsnetz.testing.strategies._events import all_days, events, timed
from integrationsnetz.testing.strategies._funding import funding_programmes
from integrationsnetz.testing.strategies._groups import goals, tasks, working_groups
from integrationsnetz.testing.strategies._meetings import (
    agenda_items,
    decisions,
    invitations,
    mailed_versions,
    meetings,
    minutes,
)
from integrationsnetz.testing.strategies._memberships import memberships
from integrationsnetz.testing.strategies._network_data import entities, networks
from integrationsnetz.testing.strategies._networks import bare_networks, regions
from integrationsnetz.testing.strategies._primitives import (
    BERLIN,
    DEFAULT_MAX_DATE,
    DEFAULT_MIN_DATE,
    DST_SWITCHES,
    aware_datetimes,
    dates,
    ids,
    names,
    texts,
)
from integrationsnetz.testing.strategies._venues import coordinates, rooms, venues

del hypothesis  # imported above only to say what is missing

__all__ = [
    "BERLIN",
    "DEFAULT_MAX_DATE",
    "DEFAULT_MIN_DATE",
    "DST_SWITCHES",
    "addresses",
    "agenda_items",
    "all_days",
    "aware_datetimes",
    "bare_networks",
    "consents",
    "contact_points",
    "coordinates",
    "course_types",
    "courses",
    "dates",
    "decisions",
    "entities",
    "events",
    "funding_programmes",
    "goals",
    "ids",
    "invitations",
    "mailed_versions",
    "meetings",
    "memberships",
    "minutes",
    "names",
    "networks",
    "organizations",
    "persons",
    "provider_capacities",
    "regions",
    "registrations",
    "rooms",
    "tasks",
    "texts",
    "timed",
    "venues",
    "waitlists",
    "working_groups",
]
