"""The official BAMF integration course types (IntV §§ 10–13, as amended 3 Dec 2024).

Reference data of the domain, like the law it comes from: the integrity check, the exporters and
the course planning all measure against it. A district that knows better overrides it with
:func:`integrationsnetz.courses.catalogue.load_course_types`; sources are in the project's
research notes (courses.md).
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
               language_units=900, orientation_units=100, max_group_size=16, repeat_units=300,
               needs_alpha_approval=True),
    CourseType(code="second_script", name_de="Zweitschriftlernerkurs", name_en="Course for second-script learners",
               language_units=900, orientation_units=100, max_group_size=None,
               note="maximum group size not found in the sources; no repetition units since 2025"),
    CourseType(code="special_needs", name_de="Förderkurs", name_en="Course for special educational needs",
               language_units=900, orientation_units=100, max_group_size=23, repeat_units=300),
    CourseType(code="intensive", name_de="Intensivkurs", name_en="Intensive course",
               language_units=400, orientation_units=100, max_group_size=20,
               note="IntV text (3 Dec 2024): 400 + 100; the older rule 400 + 30 is the type 'intensive_430'"),
    CourseType(code="intensive_430", name_de="Intensivkurs (400 + 30 UE, ältere Regel)",
               name_en="Intensive course (400 + 30 UE, older rule)", language_units=400, orientation_units=30,
               max_group_size=20,
               note="BAMF billing page (2018) and the pre-2016 IntV: 400 + 30; choose it where this still applies"),
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
