"""How a store URL is decoded: the query by the HTML form rules, the rest by RFC 3986."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from integrationsnetz import StoreError
from integrationsnetz.store import StoreURL


@pytest.mark.parametrize(
    "query",
    [
        "options=-c%20lock_timeout%3D3000",  # what libpq expects
        "options=-c+lock_timeout=3000",  # what a form (and SQLAlchemy) sends
        "options=-c lock_timeout=3000",  # typed by hand
    ],
)
def test_spaces_in_a_parameter_arrive_as_spaces(query: str) -> None:
    url = StoreURL.parse(f"postgresql://u@h/db?{query}")
    assert url.query == (("options", "-c lock_timeout=3000"),)


def test_a_plus_is_written_percent_encoded_and_the_path_keeps_its_plus() -> None:
    url = StoreURL.parse("sqlite:///srv/c++/netz.db?name=a%2Bb")
    assert url.query == (("name", "a+b"),)
    assert url.path == "/srv/c++/netz.db"  # "+" is a space only in the query


def test_user_and_password_are_percent_decoded_and_keep_a_plus() -> None:
    url = StoreURL.parse("postgresql://d%C3%BCren:p%40ss+word@h/db")
    assert (url.username, url.password) == ("düren", "p@ss+word")
    assert "p@ss" not in repr(url)


def test_an_empty_value_is_kept_so_the_backend_can_refuse_it() -> None:
    assert StoreURL.parse("postgresql://u@h/db?schema=&sslmode=require").query == (
        ("schema", ""),
        ("sslmode", "require"),
    )


def test_escapes_that_are_not_utf8_are_refused_with_the_masked_url() -> None:
    with pytest.raises(StoreError, match=r"postgresql://u:\*\*\*@h/db\?schema=%FF.*not UTF-8"):
        StoreURL.parse("postgresql://u:secret@h/db?schema=%FF")


@given(st.lists(st.tuples(st.text(min_size=1), st.text()), max_size=4))
def test_any_parameters_encoded_as_a_form_decode_to_themselves(pairs: list[tuple[str, str]]) -> None:
    assert StoreURL.parse(f"sqlite:netz.db?{urlencode(pairs)}").query == tuple(pairs)
