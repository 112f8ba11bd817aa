"""Integration courses: the official course types, and (later) waiting-time arithmetic."""

from integrationsnetz.courses.catalogue import OFFICIAL_COURSE_TYPES, official_course_types

__all__ = ["OFFICIAL_COURSE_TYPES", "official_course_types"]
