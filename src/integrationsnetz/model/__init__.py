"""The domain model: pure attrs classes, no I/O.

Everything is frozen; change an entity with :func:`attrs.evolve`. Validation at construction
covers what an object can know about itself; references between objects are checked by
:func:`integrationsnetz.integrity.check`.
"""

from integrationsnetz.model.actors import Consent, ConsentPurpose, Organization, OrganizationKind, Person
from integrationsnetz.model.contacts import Address, ContactKind, ContactPoint
from integrationsnetz.model.courses import (
    Course,
    CourseStatus,
    CourseType,
    ProviderCapacity,
    Registration,
    Waitlist,
)
from integrationsnetz.model.entity import Entity, NetworkPart, is_valid_id
from integrationsnetz.model.events import AllDay, Event, EventKind, Timed
from integrationsnetz.model.funding import FundingProgramme
from integrationsnetz.model.groups import Goal, Task, TaskStatus, WorkingGroup
from integrationsnetz.model.meetings import (
    AgendaItem,
    AgendaItemKind,
    AttendanceCount,
    AttendanceStatus,
    Decision,
    Discussion,
    Invitation,
    MailedVersion,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Minutes,
)
from integrationsnetz.model.memberships import Membership, Role
from integrationsnetz.model.network_data import (
    COLLECTIONS,
    ENTITY_TYPES,
    NetworkData,
    entity_type_name,
)
from integrationsnetz.model.networks import Network, Region, State
from integrationsnetz.model.venues import Coordinates, Room, Venue

__all__ = [
    "COLLECTIONS",
    "ENTITY_TYPES",
    "Address",
    "AgendaItem",
    "AgendaItemKind",
    "AllDay",
    "AttendanceCount",
    "AttendanceStatus",
    "Consent",
    "ConsentPurpose",
    "ContactKind",
    "ContactPoint",
    "Coordinates",
    "Course",
    "CourseStatus",
    "CourseType",
    "Decision",
    "Discussion",
    "Entity",
    "Event",
    "EventKind",
    "FundingProgramme",
    "Goal",
    "Invitation",
    "MailedVersion",
    "Meeting",
    "MeetingKind",
    "MeetingStatus",
    "Membership",
    "Minutes",
    "Network",
    "NetworkData",
    "NetworkPart",
    "Organization",
    "OrganizationKind",
    "Person",
    "ProviderCapacity",
    "Region",
    "Registration",
    "Role",
    "Room",
    "State",
    "Task",
    "TaskStatus",
    "Timed",
    "Venue",
    "Waitlist",
    "WorkingGroup",
    "entity_type_name",
    "is_valid_id",
]
