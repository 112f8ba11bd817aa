"""Integration courses: the official course types, waiting-time and teacher planning, the figures report.

``report(data)`` is the one call a coordinator needs; the parts beneath it are public too:
:mod:`~integrationsnetz.courses.catalogue` (course types and rules, overridable from a file),
:mod:`~integrationsnetz.courses.planning` (the formulas), :mod:`~integrationsnetz.courses.figures`
(data to figures), :mod:`~integrationsnetz.courses.course_report` (the report, its files and charts),
:mod:`~integrationsnetz.courses.wording` (its words and numbers in German and English),
:mod:`~integrationsnetz.courses.sections` (its content), :mod:`~integrationsnetz.courses.rendering`
(Markdown, HTML, CSV) and :mod:`~integrationsnetz.courses.course_list` (a provider's CSV course list).
"""

from integrationsnetz.courses.catalogue import (
    CourseCatalogue,
    dumps_course_types,
    load_course_types,
    official_catalogue,
    official_course_types,
)
from integrationsnetz.courses.course_list import CourseList, import_course_list, read_course_list
from integrationsnetz.courses.course_report import CourseReport, render, report
from integrationsnetz.courses.figures import CourseFigures, course_figures
from integrationsnetz.courses.planning import Range, TypeInputs, TypePlan, plan
from integrationsnetz.model.course_types import OFFICIAL_COURSE_TYPES

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
