"""The course report on the project's example network: the article of October 2024, reproduced."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import wartburgkreis

from integrationsnetz import check
from integrationsnetz.courses import course_figures, report

HALF_A_YEAR_DAYS = 183


def test_the_example_reproduces_the_article() -> None:
    """17 courses run, and someone registering waits over half a year: the article's two figures."""
    data = wartburgkreis.build()
    assert check(data) == []
    as_of = max(waitlist.as_of for waitlist in data.waitlists)
    figures = course_figures(data, as_of=as_of)
    assert figures.running == 17
    assert figures.mean_wait_now.low * 7 > HALF_A_YEAR_DAYS  # even the optimistic end
    assert max(kind.observed.longest_days or 0 for kind in figures.types) > HALF_A_YEAR_DAYS
    # What it takes to end the waiting: more courses and more teachers, in the long run.
    assert figures.teachers.extra_for_target.low > 0
    # The youth course started before the type was abolished (May 2025): in June 2025 it still
    # runs, and nothing new is planned for its type.
    later = course_figures(data, as_of=date(2025, 6, 2))
    youth = next(kind for kind in later.types if kind.code == "youth")
    assert youth.running == 1
    assert not youth.open_for_new_courses
    assert youth.plan.extra_courses.high == 0
    text = report(data, charts=False).markdown
    assert "17 Integrationskurse laufen" in text
    assert "wartet etwa" in text
    assert "Lehrkräfte (VZÄ) mehr" in text


def test_the_example_script_writes_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``examples/course_report.py`` imports a course list, writes the folder and prints the summary."""
    import course_report

    assert course_report.main([str(tmp_path / "out"), "--kursliste", "beispiel"]) == 0
    printed = capsys.readouterr().out
    assert "22 Integrationskurse laufen" in printed  # the example's 17 and 5 running from the sample list
    assert "bis 30.06.2025" in printed
    assert (tmp_path / "out" / "bericht.html").exists()
    assert (tmp_path / "out" / "wartezeit.csv").exists()


def test_the_example_script_refuses_a_bad_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A course list with a bad row: every problem on stderr, exit status 1, nothing written."""
    import course_report

    bad = tmp_path / "kursliste.csv"
    bad.write_text("Kursart;Träger;Beginn;UE/Woche;Plätze\nAlpha;VHS;31.02.2024;20;16\n", encoding="utf-8")
    assert course_report.main([str(tmp_path / "out"), "--kursliste", str(bad)]) == 1
    assert "row 2, column 'Beginn': expected a date like 14.10.2024, got '31.02.2024'" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_what_if_three_more_teachers() -> None:
    """The how-to's what-if: three more FTE carry four more general courses and shorten the wait."""
    import attrs

    from integrationsnetz.courses import Range, plan
    from integrationsnetz.courses.planning import courses_carried
    from integrationsnetz.courses.wording import say_wait

    figures = course_figures(wartburgkreis.build(), as_of=date(2024, 10, 14))
    general = next(kind for kind in figures.types if kind.code == "general")
    inputs = general.plan.inputs
    more = courses_carried(3, inputs.units_per_week, figures.teacher_units_per_week)
    assert more == 4
    after = plan(attrs.evolve(inputs, courses=inputs.courses + more))
    assert say_wait(general.plan.wait_in_half_a_year, "de") == "etwa 9 Monate (6–12)"
    assert say_wait(after.wait_in_half_a_year, "de") == "etwa 5 Monate (3–7)"
    bigger = plan(attrs.evolve(inputs, group_size=Range.exact(22)))
    assert bigger.wait_now.central < general.plan.wait_now.central
