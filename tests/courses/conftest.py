"""Fixtures for the course tests: a small district network to hang courses on."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from integrationsnetz import (
    Course,
    CourseStatus,
    NetworkData,
    Organization,
    OrganizationKind,
    ProviderCapacity,
    Registration,
    Waitlist,
)
from integrationsnetz.model.networks import Network, Region, State


@pytest.fixture
def network() -> Network:
    """The Wartburgkreis network (only what the course figures need)."""
    return Network(
        id="wak",
        name="Netzwerk Integration Wartburgkreis",
        region=Region(name="Wartburgkreis", state=State.TH, ags="16063"),
    )


def article_network_data(network: Network) -> NetworkData:
    """The district of the October 2024 article: 17 courses, a wait of over half a year.

    Everything but the 17 courses and the wait is assumed (research notes, courses.md § 5): 12
    general, 4 literacy and 1 second-script course; 18/12/15 people per course; 160/30/10 waiting,
    registered evenly over the last months.
    """
    as_of = ARTICLE_DATE
    providers = (
        Organization(id="vhs-wak", network_id=network.id, name="Volkshochschule Wartburgkreis",
                     short_name="VHS Wartburgkreis", kind=OrganizationKind.COURSE_PROVIDER),
        Organization(id="vhs-esa", network_id=network.id, name="Volkshochschule Eisenach",
                     short_name="VHS Eisenach", kind=OrganizationKind.COURSE_PROVIDER),
        Organization(id="sprachschule", network_id=network.id, name="Sprachschule Werratal",
                     kind=OrganizationKind.COURSE_PROVIDER),
    )  # fmt: skip
    plan = [("general", "vhs-wak", 5), ("general", "vhs-esa", 4), ("general", "sprachschule", 3),
            ("literacy", "vhs-wak", 2), ("literacy", "vhs-esa", 2), ("second_script", "vhs-esa", 1)]  # fmt: skip
    sizes = {"general": (18, 700), "literacy": (12, 1000), "second_script": (15, 1000)}
    courses = []
    for course_type, provider, count in plan:
        group, units = sizes[course_type]
        for index in range(count):
            start = as_of - timedelta(weeks=3 + 4 * index)
            courses.append(
                Course(id=f"{provider}-{course_type}-{index + 1}", network_id=network.id, course_type=course_type,
                       provider_id=provider, start=start, end=start + timedelta(weeks=35 if units == 700 else 50),
                       units_total=units, units_per_week=25, seats=max(group, 16) if course_type != "general" else 20,
                       participants=group, status=CourseStatus.RUNNING)
            )  # fmt: skip
    waiting = {"general": 160, "literacy": 30, "second_script": 10}
    waitlists = []
    for course_type, count in waiting.items():
        span_days = 7 * count / ARTICLE_INFLOW[course_type]  # registered at the assumed pace
        registrations = tuple(
            Registration(registered_on=as_of - timedelta(days=round(span_days * (i + 0.5) / count)))
            for i in range(count)
        )
        waitlists.append(
            Waitlist(id=f"wl-{course_type}", network_id=network.id, course_type=course_type, place="Wartburgkreis",
                     as_of=as_of, registrations=registrations, reported_wait_days=183)
        )  # fmt: skip
    capacities = (
        ProviderCapacity(id="cap-vhs-wak", network_id=network.id, provider_id="vhs-wak", as_of=as_of,
                         teachers_fte=6.5, alpha_teachers_fte=1.5, rooms=5),
        ProviderCapacity(id="cap-vhs-esa", network_id=network.id, provider_id="vhs-esa", as_of=as_of,
                         teachers_fte=6.0, alpha_teachers_fte=2.0, rooms=4),
        ProviderCapacity(id="cap-sprachschule", network_id=network.id, provider_id="sprachschule", as_of=as_of,
                         teachers_fte=2.5, rooms=2),
    )  # fmt: skip
    return NetworkData(
        network=network,
        organizations=providers,
        courses=tuple(courses),
        waitlists=tuple(waitlists),
        provider_capacities=capacities,
    )


ARTICLE_DATE = date(2024, 10, 14)
ARTICLE_INFLOW = {"general": 6.5, "literacy": 1.0, "second_script": 0.3}


@pytest.fixture
def article(network: Network) -> NetworkData:
    """The article's district (see :func:`article_network_data`)."""
    return article_network_data(network)


@pytest.fixture
def article_inflow() -> dict[str, float]:
    """Registrations per week the research notes assume for the article's district."""
    return dict(ARTICLE_INFLOW)
