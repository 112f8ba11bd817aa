"""The course report through the export API, like any exporter."""

from __future__ import annotations

from datetime import date

import pytest

from integrationsnetz import NetworkData, PluginHost
from integrationsnetz.exporters import ExportOptions, export
from integrationsnetz.testing.export_conformance import ExporterConformance


class TestCourseReportConformance(ExporterConformance):
    """The Markdown report passes the suite every exporter passes."""

    format = "course-report"
    shows_personal_data = False  # the report counts people, it never names them


class TestCourseReportHtmlConformance(ExporterConformance):
    """The HTML report (charts inlined) passes it too."""

    format = "course-report-html"
    shows_personal_data = False

    def variants(self) -> list[ExportOptions]:
        """One language is enough to prove the HTML path; the Markdown suite covers both."""
        return [ExportOptions()]


def test_export_gives_the_report(article: NetworkData) -> None:
    """``export(data, "course-report")`` is the same report ``report()`` gives, for the newest list's date."""
    host = PluginHost(entry_points=False)
    assert host.owner_of("register_exporters", "course-report") == "integrationsnetz.courses.exporters"
    text = export(article, "course-report", host=host).decode("utf-8")
    assert "17 Integrationskurse laufen, 200 Menschen stehen auf Wartelisten." in text
    assert "Stand 14.10.2024" in text
    english = export(article, "course-report", options=ExportOptions(language="en"), host=host).decode()
    assert "17 integration courses are running" in english


def test_html_export_inlines_the_charts(article: NetworkData) -> None:
    """With matplotlib the single HTML file carries the charts as inline SVG."""
    pytest.importorskip("matplotlib")
    html = export(article, "course-report-html", host=PluginHost(entry_points=False)).decode("utf-8")
    assert html.count("<figure><svg") == 3
    assert date(2024, 10, 14).strftime("%d.%m.%Y") in html
