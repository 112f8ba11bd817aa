"""Schema versions: a store of an older schema is migrated once, one of a newer schema is refused.

The tests need no help from the backend: they raise the library's schema version by one, with a
migration step, while they write or open a store. They run for every ``DURABLE`` backend.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest

from integrationsnetz import migrations
from integrationsnetz.errors import SchemaVersionError
from integrationsnetz.model import Invitation, Meeting, MeetingKind, Person
from integrationsnetz.store import Store
from integrationsnetz.store.schema import current_version
from integrationsnetz.testing.store_conformance._fixtures import SuiteFixtures
from integrationsnetz.testing.strategies import BERLIN

__all__ = ["SchemaTests"]

_NO_MIGRATION = (
    "a store written under schema {old} was opened under schema {new} and its documents were not migrated: "
    "record the schema version in the store, and on opening an older store run every document through "
    "integrationsnetz.store.schema.upgrade_entity and record the new version. A backend that cannot migrate "
    "declares it in its test class with `migrates_older_stores = False`, and must then refuse older stores "
    "with SchemaVersionError"
)

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _unchanged(body: dict[str, Any]) -> dict[str, Any]:
    return body


@contextlib.contextmanager
def _one_version_newer(step: Migration = _unchanged) -> Iterator[int]:
    """The library one schema version newer while the block runs, with ``step`` as the migration to it.

    Yields the version before.
    """
    old = current_version()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(migrations, "SCHEMA_VERSION", old + 1)
        patch.setitem(migrations.MIGRATIONS, old, step)
        yield old


def _check_refused(store_url: str, open_store: Callable[[str], Store], match: str) -> None:
    """Opening the store raises SchemaVersionError, with ``match`` in its message."""
    try:
        store = open_store(store_url)
    except SchemaVersionError as exc:
        message = str(exc)
    else:
        store.close()
        pytest.fail(
            f"a store of another schema than this library's ({current_version()}) was opened: record the "
            "schema version in the store and check it on opening (integrationsnetz.store.schema)"
        )
    assert match in message


class SchemaTests(SuiteFixtures):
    """A store outlives the library that wrote it: older ones are migrated once, newer ones refused."""

    @pytest.fixture
    def set_schema_version(self) -> Callable[[str, int], None] | None:
        """Optional: a function that records ``version`` as the schema version of the (closed) store at the URL.

        The schema tests run without it (they write stores while the library's schema version is
        raised); given, the newer-schema test also rewrites the version of a store written normally.
        """
        return None

    def test_newer_schema_is_refused(
        self,
        durable_store_url: str,
        open_store: Callable[[str], Store],
        set_schema_version: Callable[[str, int], None] | None,
    ) -> None:
        """A store written by a newer integrationsnetz: SchemaVersionError, nothing touched."""
        with _one_version_newer(), open_store(durable_store_url) as store:
            store.put(Person(id="p", network_id="n", function="x"), draft=True)
        _check_refused(durable_store_url, open_store, "upgrade integrationsnetz")
        with _one_version_newer(), open_store(durable_store_url) as store:
            assert store.get(Person, "p").function == "x"
        if set_schema_version is not None:
            set_schema_version(durable_store_url, current_version() + 1)
            _check_refused(durable_store_url, open_store, "upgrade integrationsnetz")

    def test_older_schema_is_migrated(self, durable_store_url: str, open_store: Callable[[str], Store]) -> None:
        """Opening a store of an older schema runs the migrations on every stored document, once.

        A backend that declares ``migrates_older_stores = False`` must refuse the store instead.
        """
        start = datetime(2027, 3, 1, 9, 0, tzinfo=BERLIN)
        meeting = Meeting(id="m", network_id="n", kind=MeetingKind.NETWORK, title="Treffen", start=start,
                          end=start + timedelta(hours=2), invitations=(Invitation(actor_id="p"),))  # fmt: skip
        with open_store(durable_store_url) as store:
            store.put_many([Person(id="p", network_id="n", function="lehrkraft"), meeting], draft=True)

        def mark_functions(body: dict[str, Any]) -> dict[str, Any]:
            for person in body.get("persons", []):
                person["function"] += " (migriert)"
            return body

        with _one_version_newer(mark_functions) as old:
            if not self.migrates_older_stores:
                _check_refused(durable_store_url, open_store, "")
                return
            with open_store(durable_store_url) as store:
                function = store.get(Person, "p").function
                if function == "lehrkraft":
                    pytest.fail(_NO_MIGRATION.format(old=old, new=old + 1))
                assert function == "lehrkraft (migriert)"
                # the migrated meeting is still found by its participant
                found = store.meetings_between(start, start + timedelta(days=1), person_id="p")
                assert [m.id for m in found] == ["m"]
                store.put(Person(id="q", network_id="n", function="neu"), draft=True)
            with open_store(durable_store_url) as store:  # migrated once, not again
                assert store.get(Person, "p").function == "lehrkraft (migriert)", "the store was migrated twice"
                assert store.get(Person, "q").function == "neu"
