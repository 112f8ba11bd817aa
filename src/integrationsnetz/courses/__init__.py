"""Integration courses: the official course types, waiting-time and teacher planning, the figures report.

``report(data)`` is the one call a coordinator needs; the parts beneath it are public too:
:mod:`~integrationsnetz.courses.catalogue` (course types and rules, overridable from a file),
:mod:`~integrationsnetz.courses.planning` (the formulas), :mod:`~integrationsnetz.courses.figures`
(data to figures), :mod:`~integrationsnetz.courses.report` (Markdown, HTML, CSV, charts) and
:mod:`~integrationsnetz.courses.course_list` (a provider's CSV course list).
"""

from integrationsnetz.courses.catalogue import (
    OFFICIAL_COURSE_TYPES,
    CourseCatalogue,
    dumps_course_types,
    load_course_types,
    official_catalogue,
    official_course_types,
)
from integrationsnetz.courses.course_list import CourseList, import_course_list, read_course_list
from integrationsnetz.courses.figures import CourseFigures, course_figures
from integrationsnetz.courses.planning import Range, TypeInputs, TypePlan, plan
from integrationsnetz.courses.report import CourseReport, render, report

__all__ = [
    "OFFICIAL_COURSE_TYPES",
    "CourseCatalogue",
    "CourseFigures",
    "CourseList",
    "CourseReport",
    "Range",
    "TypeInputs",
    "TypePlan",
    "course_figures",
    "dumps_course_types",
    "import_course_list",
    "load_course_types",
    "official_catalogue",
    "official_course_types",
    "plan",
    "read_course_list",
    "render",
    "report",
]
