"""The figures report on the article's district: the figures, and every rendering of them."""

from __future__ import annotations

import csv
import io
import os
import sys
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest

from integrationsnetz import (
    Course,
    CourseStatus,
    InvalidData,
    NetworkData,
    Organization,
    OrganizationKind,
    ProviderCapacity,
    Registration,
    StoreError,
    Waitlist,
)
from integrationsnetz.courses import Range, TypeInputs, course_figures, render, report
from integrationsnetz.courses.rendering import safe_cell
from integrationsnetz.courses.wording import WEEKS_PER_MONTH, say_count, say_wait

HALF_A_YEAR_WEEKS = 26.0
ARTICLE_DATE = date(2024, 10, 14)  # the date the conftest builds the district for


def test_the_article_is_reproduced(article: NetworkData, article_inflow: dict[str, float]) -> None:
    """17 courses run and someone registering waits over half a year (the October 2024 article)."""
    figures = course_figures(article, as_of=ARTICLE_DATE, inflow=article_inflow)
    assert figures.running == 17
    assert figures.waiting == 200
    assert figures.mean_wait_now.central > HALF_A_YEAR_WEEKS
    general = figures.types[0]
    assert general.code == "general"
    assert general.plan.wait_now.central == pytest.approx(25.9, abs=0.1)  # research table, § 5
    assert general.plan.growing  # 6.5 register a week, 6.17 are placed
    assert figures.teachers.now == pytest.approx(14.66, abs=0.01)
    # Ending the waiting needs more courses and teachers than there are.
    assert figures.teachers.extra_for_target.central > 0
    assert figures.teachers.for_target.central > figures.teachers.available  # type: ignore[operator]


def test_the_report_says_it_in_words(article: NetworkData, article_inflow: dict[str, float]) -> None:
    """The Markdown has the headline figures, rounded and with 'etwa', and every section."""
    result = report(article, inflow=article_inflow, clear_by=date(2025, 6, 30), charts=False)
    text = result.markdown
    assert text.startswith("# Integrationskurse – Zahlen, Daten, Fakten\n")
    assert "Stand 14.10.2024" in text  # as_of defaults to the newest waiting list
    assert "17 Integrationskurse laufen, 200 Menschen stehen auf Wartelisten." in text
    assert "wartet etwa 6 Monate" in text
    assert "binnen 6 Wochen" in text
    assert "Kurse mehr" in text
    assert "Lehrkräfte (VZÄ) mehr" in text
    assert "bis 30.06.2025" in text
    for heading in ("Kurse nach Kursart", "Kurse nach Träger", "Wartelisten und Wartezeit", "Lehrkräftebedarf"):
        assert f"## {heading}" in text
    assert "| Allgemeiner Integrationskurs | 12 | 0 | 240 | 216 | 90 % |" in text
    assert "| VHS Wartburgkreis |" in text
    assert "### Wartelisten nach Ort" in text
    assert "15,0 Lehrkräfte (VZÄ), genug für höchstens 17 Kurse" in text
    assert "| Wartburgkreis | Allgemeiner Integrationskurs | – | 160 | 86 / 172 Tage | 121 | 14.10.2024 |" in text
    assert "Zweitschriftlernerkurs: bei 0,3 Anmeldungen pro Woche" in text  # the minimum-size problem
    assert "Alphabetisierungskurse brauchen Lehrkräfte mit Zusatzzulassung" in text
    assert "## Diagramme" not in text  # not asked for
    assert "Anmeldungen pro Woche wie vorgegeben." in text


def test_english_report(article: NetworkData, article_inflow: dict[str, float]) -> None:
    """``language="en"`` renders the same figures in English with decimal points."""
    result = report(article, inflow=article_inflow, language="en", charts=False)
    assert "17 integration courses are running; 200 people are on waiting lists." in result.markdown
    assert "waits about 6 months" in result.markdown
    narrow = report(article, inflow=article_inflow, language="en", charts=False, teaching_share=Range.exact(0.8))
    assert "(6–7)" not in narrow.markdown.split("waits", 1)[1].split("\n", 1)[0]
    assert "| General integration course |" in result.markdown
    assert set(result.csv) == {"course_types.csv", "providers.csv", "waits.csv", "waiting_lists.csv", "teachers.csv"}
    assert "6.50" in result.csv["waits.csv"]
    with pytest.raises(ValueError, match="language"):
        report(article, language="fr", charts=False)  # type: ignore[arg-type]


def test_html_is_well_formed_and_escaped(article: NetworkData, article_inflow: dict[str, float]) -> None:
    """The HTML parses, balances its tags, and shows a provider's name as text, never as markup."""
    evil = attrs.evolve(article.organizations[0], short_name="<script>alert(1)</script> & *Co*")
    data = attrs.evolve(article, organizations=(evil, *article.organizations[1:]))
    result = report(data, inflow=article_inflow, charts=False)
    assert "<script>" not in result.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; *Co*" in result.html
    assert "\\<script\\>alert(1)\\</script\\> \\& \\*Co\\*" in result.markdown

    class Balance(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.open: list[str] = []

        def handle_starttag(self, tag: str, attrs: object) -> None:
            if tag not in ("meta", "br"):
                self.open.append(tag)

        def handle_endtag(self, tag: str) -> None:
            assert self.open.pop() == tag

    parser = Balance()
    parser.feed(result.html)
    assert parser.open == []
    assert result.html.count("<table>") == 5


def test_csv_is_machine_readable_and_formula_safe(article: NetworkData, article_inflow: dict[str, float]) -> None:
    """German CSV: ``;``, decimal commas, raw low/central/high numbers; no cell starts a formula."""
    evil = attrs.evolve(article.organizations[2], name='=HYPERLINK("http://x")', short_name=None)
    data = attrs.evolve(article, organizations=(*article.organizations[:2], evil))
    result = report(data, inflow=article_inflow, charts=False)
    waits = list(csv.DictReader(io.StringIO(result.csv["wartezeit.csv"]), delimiter=";"))
    general = next(row for row in waits if row["course_type"] == "general")
    assert general["waiting"] == "160"
    assert general["wait_now_weeks_central"] == "25,93"
    assert general["long_run_wait_weeks_central"] == "inf"
    providers = list(csv.DictReader(io.StringIO(result.csv["traeger.csv"]), delimiter=";"))
    assert '\'=HYPERLINK("http://x")' in {row["name"] for row in providers}
    for text in result.csv.values():
        for row in csv.reader(io.StringIO(text), delimiter=";"):
            for cell in row:
                assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
    assert safe_cell("-1+1") == "'-1+1"
    assert safe_cell("VHS") == "VHS"


def test_charts_are_svg_and_embedded(article: NetworkData, article_inflow: dict[str, float]) -> None:
    """With matplotlib (the dev extra installs it) there are three parseable SVGs, inlined in the HTML."""
    pytest.importorskip("matplotlib")
    result = report(article, inflow=article_inflow, clear_by=date(2025, 6, 30))
    assert result.charts_missing is None
    assert set(result.charts) == {"wartezeit.svg", "kurse.svg", "lehrkraefte.svg"}
    for svg in result.charts.values():
        root = ET.fromstring(svg)
        assert root.tag.endswith("svg")
    assert "Wartezeit heute nach Kursart" in result.charts["wartezeit.svg"].decode()
    assert result.html.count("<figure><svg") == 3
    assert "![wartezeit.svg](diagramme/wartezeit.svg)" in result.markdown
    again = report(article, inflow=article_inflow, clear_by=date(2025, 6, 30))
    assert again.charts == result.charts  # reproducible: no dates or random ids in the SVG


def test_without_matplotlib_the_report_says_what_to_install(
    article: NetworkData, article_inflow: dict[str, float], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Simulated absence (matplotlib is installed for the chart test): everything else still comes."""
    for name in [name for name in sys.modules if name == "matplotlib" or name.startswith("matplotlib.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.delitem(sys.modules, "integrationsnetz.courses.charts", raising=False)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # makes "import matplotlib" fail
    result = report(article, inflow=article_inflow)
    assert result.charts == {}
    assert result.charts_missing is not None
    assert "matplotlib: `pip install 'integrationsnetz[charts]'`" in result.markdown
    assert "<code>pip install &#x27;integrationsnetz[charts]&#x27;</code>" in result.html
    assert len(result.csv) == 5


def test_write_puts_every_part_in_a_folder(
    article: NetworkData, article_inflow: dict[str, float], tmp_path: Path
) -> None:
    """One folder with the Markdown, the HTML, the CSV files (with BOM for Excel) and the charts."""
    pytest.importorskip("matplotlib")
    result = report(article, inflow=article_inflow)
    written = result.write(tmp_path / "bericht")
    names = sorted(str(path.relative_to(tmp_path / "bericht")) for path in written)
    assert names == sorted(["bericht.md", "bericht.html", "kursarten.csv", "traeger.csv", "wartezeit.csv",
                            "wartelisten.csv", "lehrkraefte.csv", "diagramme/wartezeit.svg", "diagramme/kurse.svg",
                            "diagramme/lehrkraefte.svg"])  # fmt: skip
    assert (tmp_path / "bericht" / "kursarten.csv").read_bytes().startswith(b"\xef\xbb\xbfcourse_type;")
    assert (tmp_path / "bericht" / "bericht.md").read_text(encoding="utf-8") == result.markdown


def test_write_refuses_a_file_where_the_folder_goes(article: NetworkData, tmp_path: Path) -> None:
    """A file of the folder's name: the library's StoreError naming it, and the file left alone."""
    result = report(article, charts=False)
    taken = tmp_path / "bericht"
    taken.write_text("meine Notizen", encoding="utf-8")
    with pytest.raises(StoreError, match="bericht: cannot write the report here: a file of that name exists"):
        result.write(taken)
    with pytest.raises(StoreError, match="cannot create the report's folder"):
        result.write(taken / "unter")
    assert taken.read_text(encoding="utf-8") == "meine Notizen"


def test_write_refuses_a_folder_where_a_file_goes_before_writing_any(article: NetworkData, tmp_path: Path) -> None:
    result = report(article, charts=False)
    (tmp_path / "traeger.csv").mkdir()
    with pytest.raises(StoreError, match=r"traeger\.csv: cannot write the report's file: a folder"):
        result.write(tmp_path)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["traeger.csv"]


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="needs a user the folder's mode binds")
def test_write_into_a_read_only_folder_names_it(article: NetworkData, tmp_path: Path) -> None:
    """A read-only folder: StoreError naming the folder, not a PermissionError."""
    result = report(article, charts=False)
    locked = tmp_path / "gesperrt"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="gesperrt"):
            result.write(locked / "bericht")
        with pytest.raises(StoreError, match="gesperrt"):
            result.write(locked)
    finally:
        locked.chmod(0o700)


def test_a_misspelt_inflow_key_is_refused(article: NetworkData, article_inflow: dict[str, float]) -> None:
    """``inflow={"generl": ...}`` would leave "general" estimated while the report says "as given"."""
    misspelt = {("generl" if code == "general" else code): value for code, value in article_inflow.items()}
    with pytest.raises(InvalidData, match=r"inflow\['generl'\]: unknown course type; expected one of .*general"):
        report(article, inflow=misspelt, charts=False)
    # A type the data itself uses is known, even when the catalogue does not list it.
    odd = Waitlist(id="wl-odd", network_id="wak", course_type="b2_job", place="Eisenach", as_of=ARTICLE_DATE,
                   registrations=(Registration(registered_on=ARTICLE_DATE),))  # fmt: skip
    report(attrs.evolve(article, waitlists=(*article.waitlists, odd)), inflow={"b2_job": 1.0}, charts=False)


@pytest.mark.parametrize("value", [-1.0, float("nan"), float("inf"), 1e308, "4", True, Range(1, 2, float("inf"))])
def test_inflow_values_the_arithmetic_cannot_use_are_refused(article: NetworkData, value: object) -> None:
    with pytest.raises(InvalidData, match=r"inflow\['general'\]: expected a number"):
        report(article, inflow={"general": value}, charts=False)  # type: ignore[dict-item]


def test_a_clear_by_date_in_the_past_is_refused(article: NetworkData) -> None:
    with pytest.raises(
        InvalidData, match=r"clear_by: expected a date after the report's date 14\.10\.2024, got 01\.01\.2024"
    ):
        report(article, as_of=ARTICLE_DATE, clear_by=date(2024, 1, 1), charts=False)
    with pytest.raises(InvalidData, match="clear_by"):
        report(article, as_of=ARTICLE_DATE, clear_by=ARTICLE_DATE, charts=False)
    report(article, as_of=ARTICLE_DATE, clear_by=ARTICLE_DATE + timedelta(days=1), charts=False)


@pytest.mark.parametrize("fte", [1e308, 1e10])
def test_figures_beyond_arithmetic_are_refused_by_name(article: NetworkData, fte: float) -> None:
    """``teachers_fte=1e308`` made every figure infinite and the report raise OverflowError."""
    capacity = ProviderCapacity(id="cap-huge", network_id="wak", provider_id="vhs-wak", as_of=ARTICLE_DATE,
                                teachers_fte=fte)  # fmt: skip
    data = attrs.evolve(article, provider_capacities=(*article.provider_capacities, capacity))
    with pytest.raises(InvalidData, match=r"provider_capacities\['cap-huge'\]\.teachers_fte: expected a number"):
        report(data, as_of=ARTICLE_DATE, charts=False)


def test_a_course_of_no_teaching_units_is_refused_not_divided_by(article: NetworkData) -> None:
    """0 UE made a course take 0 weeks and the throughput a ZeroDivisionError."""
    empty = attrs.evolve(article.courses[0], units_total=0)
    with pytest.raises(InvalidData, match=rf"courses\['{empty.id}'\]\.units_total: expected a number above 0"):
        report(attrs.evolve(article, courses=(empty, *article.courses[1:])), as_of=ARTICLE_DATE, charts=False)
    with pytest.raises(InvalidData, match="units_per_course: expected a number > 0"):
        TypeInputs(course_type="general", courses=1, units_per_course=0, units_per_week=25,
                   group_size=Range.exact(15), inflow_per_week=Range.exact(1), queue=3)  # fmt: skip


def test_the_report_options_are_checked(article: NetworkData) -> None:
    for options in ({"target_weeks": 0}, {"inflow_window_weeks": 0}, {"teaching_share": Range(0, 0, 0)},
                    {"inflow": ["general"]}):  # fmt: skip
        with pytest.raises(InvalidData, match=next(iter(options))):
            course_figures(article, as_of=ARTICLE_DATE, **options)  # type: ignore[arg-type]
    with pytest.raises(InvalidData, match="as_of: expected a date"):
        course_figures(article, as_of="2024-10-14")  # type: ignore[arg-type]


def test_no_personal_data_in_the_report(article: NetworkData) -> None:
    """Registrations carry a reference; the report counts them and never shows one."""
    waitlist = article.waitlists[0]
    marked = attrs.evolve(
        waitlist, registrations=(Registration(registered_on=ARTICLE_DATE, reference="Frau Mustermann"),)
    )
    data = attrs.evolve(article, waitlists=(marked, *article.waitlists[1:]))
    result = report(data, charts=False)
    for text in (result.markdown, result.html, *result.csv.values()):
        assert "Mustermann" not in text


def test_inflow_is_estimated_from_registration_dates(article: NetworkData) -> None:
    """Without ``inflow=`` the pace of registrations still on the lists is used, with a Poisson range."""
    figures = course_figures(article, as_of=ARTICLE_DATE)
    general = figures.types[0].plan.inputs.inflow_per_week
    assert general.central == pytest.approx(160 / 26)
    assert general.low < general.central < general.high
    assert figures.types[0].observed.over_start_rule > 0
    assert figures.types[0].observed.reported_wait_days == (183,)


def test_empty_network_and_odd_cases(article: NetworkData) -> None:
    """No courses and no lists gives an honest empty report; odd data gives notes, not crashes."""
    empty = NetworkData(network=article.network)
    result = report(empty, as_of=ARTICLE_DATE)
    assert "0 Integrationskurse laufen, 0 Menschen" in result.markdown
    youth_list = Waitlist(id="wl-youth", network_id="wak", course_type="youth", place="Eisenach", as_of=ARTICLE_DATE,
                          registrations=(Registration(registered_on=date(2025, 1, 1)),))  # fmt: skip
    odd_list = Waitlist(id="wl-odd", network_id="wak", course_type="b2_job", place="Eisenach", as_of=ARTICLE_DATE,
                        registrations=(Registration(registered_on=ARTICLE_DATE),))  # fmt: skip
    data = attrs.evolve(article, waitlists=(*article.waitlists, youth_list, odd_list))
    figures = course_figures(data, as_of=date(2025, 6, 1))
    kinds = {(note.kind, note.course_type) for note in figures.notes}
    assert {("abolished", "youth"), ("no_courses", "youth"), ("unknown_type", "b2_job")} <= kinds
    rendered = render(figures, charts=False)
    assert "Jugendintegrationskurs: seit 2025-05-01 starten keine neuen Kurse" in rendered.markdown
    assert "Kursart &#x27;b2_job&#x27; steht nicht im Katalog" in rendered.html


def test_provider_capacity_and_course_dates(article: NetworkData) -> None:
    """Courses count as running between their dates; planned ones are listed; capacity is per provider."""
    start = ARTICLE_DATE + timedelta(weeks=2)
    planned = Course(id="planned-1", network_id="wak", course_type="general", provider_id="vhs-wak", start=start,
                     units_total=700, units_per_week=25, seats=20)  # fmt: skip
    finished = Course(id="done-1", network_id="wak", course_type="general", provider_id="vhs-wak",
                      start=date(2023, 1, 9), end=date(2023, 9, 1), units_total=700, units_per_week=25, seats=20,
                      status=CourseStatus.COMPLETED)  # fmt: skip
    newcomer = Organization(id="neu", network_id="wak", name="Neuer Träger", kind=OrganizationKind.COURSE_PROVIDER)
    data = attrs.evolve(article, courses=(*article.courses, planned, finished),
                        organizations=(*article.organizations, newcomer))  # fmt: skip
    figures = course_figures(data, as_of=ARTICLE_DATE)
    assert figures.running == 17
    assert figures.types[0].planned == 1
    by_id = {provider.provider_id: provider for provider in figures.providers}
    assert by_id["vhs-wak"].planned == 1
    assert by_id["vhs-wak"].teachers_fte == 6.5
    assert by_id["vhs-wak"].running == 7
    assert figures.teachers.available == pytest.approx(15.0)
    assert figures.teachers.alpha_available == pytest.approx(3.5)


@pytest.mark.parametrize(
    ("span", "language", "expected"),
    [
        (Range(24.4, 25.9, 27.7), "de", "etwa 6 Monate"),
        (Range(20, 25.9, 35), "de", "etwa 6 Monate (5–8)"),
        (Range(2, 3.4, 5), "en", "about 3 weeks (2–5)"),
        (Range(0, 0.2, 0.5), "de", "unter einer Woche"),
        (Range(10, 30, float("inf")), "de", "etwa 7 Monate (2–unbegrenzt (wächst))"),
        (Range.exact(float("inf")), "en", "without limit (growing)"),
    ],
)
def test_waits_are_said_without_false_precision(span: Range, language: str, expected: str) -> None:
    """Weeks below three months, whole months above, a range only where it differs."""
    assert say_wait(span, language) == expected  # type: ignore[arg-type]
    assert 4.3 < WEEKS_PER_MONTH < 4.4


def test_counts_and_teachers_are_rounded() -> None:
    """Courses are whole and rounded up; teachers to the half, with 'etwa'."""
    assert say_count(Range(6.2, 7.1, 9.0), "de") == "8 (7–9)"
    assert say_count(Range(6.6, 6.6, 6.6), "de", fte=True) == "etwa 6,5"
    assert say_count(Range(1.2, 4.3, float("inf")), "en", fte=True) == "about 4.5 (1–not reachable)"


def test_importing_the_library_does_not_import_matplotlib() -> None:
    """Charts are an optional extra: importing the library (and its course package) leaves matplotlib alone."""
    import subprocess

    code = "import sys, integrationsnetz, integrationsnetz.courses; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "False"


def test_the_how_to_shows_the_report_as_it_is(article: NetworkData, article_inflow: dict[str, float]) -> None:
    """The example in docs/how-to/report-course-figures.md is this report, not an old copy."""
    page = Path(__file__).parents[2] / "docs" / "how-to" / "report-course-figures.md"
    shown = page.read_text(encoding="utf-8").split("````markdown\n", 1)[1].split("````", 1)[0]
    result = report(article, inflow=article_inflow, clear_by=date(2025, 6, 30), charts=False)
    assert shown == result.markdown


@pytest.mark.parametrize("as_of", [date(1, 1, 1), date(1899, 12, 31), date(9999, 12, 31)])
def test_a_report_date_outside_the_models_years_is_refused(article: NetworkData, as_of: date) -> None:
    with pytest.raises(InvalidData) as caught:
        report(article, as_of=as_of, charts=False)
    assert caught.value.problems == (f"as_of: expected a date in the years 1900 to 2999, got {as_of.isoformat()}",)


def one_course_of(article: NetworkData, course_type: str) -> NetworkData:
    """The district with one running course of ``course_type`` and one person on one waiting list."""
    (course,) = [c for c in article.courses if c.course_type == "general"][:1]
    waitlist = article.waitlists[0]
    return attrs.evolve(
        article,
        courses=(attrs.evolve(course, course_type=course_type),),
        waitlists=(attrs.evolve(waitlist, registrations=waitlist.registrations[:1]),),
    )


def test_one_course_and_one_person_read_in_the_singular(article: NetworkData) -> None:
    data = one_course_of(article, "general")
    assert "1 Integrationskurs läuft, 1 Mensch steht auf einer Warteliste." in report(data, charts=False).markdown
    english = report(data, language="en", charts=False).markdown
    assert "1 integration course is running; 1 person is on a waiting list." in english


def test_a_course_type_not_in_the_catalogue_is_counted_with_a_warning_at_the_top(article: NetworkData) -> None:
    summary = report(one_course_of(article, "kochkurs"), charts=False).markdown.split("## Auf einen Blick\n\n")[1]
    assert summary.startswith(
        "- Achtung, nicht im Katalog der Kursarten und doch mitgezählt (ein Tippfehler?): 'kochkurs' (1 Kurs).\n"
    )


def test_the_name_report_is_the_function_and_no_module_hides_behind_it() -> None:
    """``integrationsnetz.courses.report`` means one thing: the function, with no module of that name."""
    import importlib.util

    import integrationsnetz.courses

    assert integrationsnetz.courses.report is report
    assert report.__module__ == "integrationsnetz.courses.course_report"
    assert importlib.util.find_spec("integrationsnetz.courses.report") is None
