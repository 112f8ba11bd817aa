"""integrationsnetz-myplugin: found by its entry point, and every hook through the library's suites."""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

import attrs
import integrationsnetz_myplugin
import pytest

from integrationsnetz import InvalidData, Meeting, NetworkData, PluginHost, State
from integrationsnetz.ingest import ImportOptions
from integrationsnetz.model.entity import Entity
from integrationsnetz.testing.export_conformance import ExporterConformance, ImporterConformance
from integrationsnetz.testing.hook_conformance import (
    ConstraintConformance,
    ConverterConformance,
    HolidayCalendarConformance,
)

PLUGIN = "integrationsnetz-myplugin"


def test_installed_plugin_is_found_by_its_entry_point() -> None:
    """The entry point in pyproject.toml is all it takes; the host names what the plugin provides."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a skipped plugin or a hook without @hookimpl fails here
        host = PluginHost(environ={"INTEGRATIONSNETZ_PLUGINS": PLUGIN})
    (info,) = [plugin for plugin in host.plugins() if plugin.name == PLUGIN]
    assert info.error is None
    assert set(info.provides) == {
        "export:myplugin-meetings",
        "import:myplugin-meetings",
        "holidays:myplugin-closing-days",
        "constraint:myplugin-no-friday-afternoon",
    }
    assert "configure_converter" in info.hooks


class TestExporter(ExporterConformance):
    format = "myplugin-meetings"
    plugins = (integrationsnetz_myplugin,)
    shows_personal_data = False  # the format names no people


class TestImporter(ImporterConformance):
    format = "myplugin-meetings"
    export_format = "myplugin-meetings"
    plugins = (integrationsnetz_myplugin,)

    def expected(self, sample: NetworkData) -> Iterable[Entity]:
        return sample.meetings

    def comparable(self, entity: Entity) -> tuple[object, ...]:
        """What the format keeps of a meeting: id, kind, title and the instants."""
        assert isinstance(entity, Meeting)
        return (entity.id, entity.kind, entity.title, entity.start.timestamp(), entity.end.timestamp())

    def malformed(self) -> tuple[bytes, int]:
        good = (
            b'{"id":"a","kind":"network","title":"T",'
            b'"start":"2026-03-02T09:00:00+01:00","end":"2026-03-02T11:00:00+01:00"}'
        )
        return good + b"\n" + good.replace(b'"kind":"network"', b'"kind":"party"') + b"\n", 2


class TestNoFridayAfternoon(ConstraintConformance):
    code = "myplugin-no-friday-afternoon"
    plugins = (integrationsnetz_myplugin,)


class TestClosingDays(HolidayCalendarConformance):
    code = "myplugin-closing-days"
    plugins = (integrationsnetz_myplugin,)


class TestMoneyAmounts(ConverterConformance):
    plugins = (integrationsnetz_myplugin,)
    values = (Decimal("12.50"), Decimal("-0.001"), Decimal("1E+3"))


def test_closing_days_come_from_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTEGRATIONSNETZ_MYPLUGIN_CLOSING_DAYS", "12-23, 12-27")
    calendar = PluginHost(entry_points=False, plugins=[integrationsnetz_myplugin]).holiday_calendars()
    days = calendar["myplugin-closing-days"].days(State.TH, 2027, "de")
    assert list(days) == [date(2027, 12, 23), date(2027, 12, 27)]


def test_a_wrong_setting_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTEGRATIONSNETZ_MYPLUGIN_CLOSING_DAYS", "24.12.")
    calendar = PluginHost(entry_points=False, plugins=[integrationsnetz_myplugin]).holiday_calendars()
    with pytest.raises(InvalidData, match=r"INTEGRATIONSNETZ_MYPLUGIN_CLOSING_DAYS: expected month-day"):
        calendar["myplugin-closing-days"].days(State.TH, 2027, "de")


def test_an_amount_that_is_not_a_number_is_refused() -> None:
    codec = PluginHost(entry_points=False, plugins=[integrationsnetz_myplugin]).codec

    @attrs.frozen
    class Fee:
        amount: Decimal

    assert codec.structure({"amount": "12.50"}, Fee) == Fee(Decimal("12.50"))
    with pytest.raises(InvalidData, match=r"amount"):
        codec.structure({"amount": "zwölf"}, Fee, source="fees.json")


def test_every_bad_line_is_named() -> None:
    host = PluginHost(entry_points=False, plugins=[integrationsnetz_myplugin])
    with pytest.raises(InvalidData) as caught:
        host.importers()["myplugin-meetings"].read(io.BytesIO(b"{}\nnot json\n"), ImportOptions(network_id="n"))
    assert [problem.split(":")[0] for problem in caught.value.problems] == ["line 1", "line 2"]
