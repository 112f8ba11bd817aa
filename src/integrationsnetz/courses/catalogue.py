"""The official BAMF integration course types (IntV §§ 10–13, as amended 3 Dec 2024).

Figures and their sources are in the project's research notes (courses.md). Where the sources
disagree the note says so; a user who knows better loads their own catalogue.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType

from integrationsnetz.model.courses import CourseType

_ABOLISHED = date(2025, 5, 1)  # 5. IntVÄndV: no new youth, parents' or women's courses after early May 2025

_TYPES = (
    CourseType(code="general", name_de="Allgemeiner Integrationskurs", name_en="General integration course",
               language_units=600, orientation_units=100, max_group_size=25),
    CourseType(code="literacy", name_de="Alphabetisierungskurs", name_en="Literacy course",
               language_units=900, orientation_units=100, max_group_size=16),
    CourseType(code="second_script", name_de="Zweitschriftlernerkurs", name_en="Course for second-script learners",
               language_units=900, orientation_units=100, max_group_size=None,
               note="maximum group size not found in the sources"),
    CourseType(code="special_needs", name_de="Förderkurs", name_en="Course for special educational needs",
               language_units=900, orientation_units=100, max_group_size=23),
    CourseType(code="intensive", name_de="Intensivkurs", name_en="Intensive course",
               language_units=400, orientation_units=100, max_group_size=20,
               note="IntV text: 400 + 100; BAMF billing page and older IntV: 400 + 30"),
    CourseType(code="youth", name_de="Jugendintegrationskurs", name_en="Youth integration course",
               language_units=900, orientation_units=100, max_group_size=20, abolished_from=_ABOLISHED),
    CourseType(code="parents", name_de="Elternintegrationskurs", name_en="Parents' integration course",
               language_units=900, orientation_units=100, max_group_size=23, abolished_from=_ABOLISHED),
    CourseType(code="women", name_de="Frauenintegrationskurs", name_en="Women's integration course",
               language_units=900, orientation_units=100, max_group_size=23, abolished_from=_ABOLISHED),
    CourseType(code="other_special", name_de="Sonstiger spezieller Integrationskurs",
               name_en="Other special integration course", language_units=900, orientation_units=100,
               max_group_size=11, note="e.g. for deaf learners; no longer named in § 13(1) IntV"),
)  # fmt: skip

#: The official course types by code (read-only).
OFFICIAL_COURSE_TYPES: Mapping[str, CourseType] = MappingProxyType({kind.code: kind for kind in _TYPES})


def official_course_types() -> dict[str, CourseType]:
    """A fresh, editable copy of the official course types by code."""
    return dict(OFFICIAL_COURSE_TYPES)
