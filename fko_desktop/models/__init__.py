"""The FKO domain: SQLAlchemy entities and the pure rules they obey (no Qt, no file I/O).

Importing this package registers every entity on ``Base.metadata``.
"""

from fko_desktop.models import authorization as _authorization  # noqa: F401 - registers the role checks
from fko_desktop.models import changes as _changes  # noqa: F401 - registers the change collector
from fko_desktop.models import limits as _limits  # noqa: F401 - registers the text-length check
from fko_desktop.models.aarhus_assessment import AarhusAssessment, AarhusFactorScore
from fko_desktop.models.base import Base
from fko_desktop.models.citizen import Citizen, CitizenContact
from fko_desktop.models.exchange import BundleReceipt, SyncState
from fko_desktop.models.follow_up import FollowUp, FollowUpAssessment
from fko_desktop.models.goal_status import GoalStatus
from fko_desktop.models.history import Actor, AuditEvent, RecordVersion
from fko_desktop.models.journal import DiaryNote, DiaryTag, JournalNote
from fko_desktop.models.order import InterventionGoal, Order, OrderService
from fko_desktop.models.plan import Plan, PlanContext, SubGoal, SubGoalEvaluation
from fko_desktop.models.status_assessment import StatusAssessment
from fko_desktop.models.unit import StaffMember, Unit
from fko_desktop.models.use_of_force import UseOfForce

__all__ = [
    "AarhusAssessment",
    "AarhusFactorScore",
    "Actor",
    "AuditEvent",
    "Base",
    "BundleReceipt",
    "Citizen",
    "CitizenContact",
    "DiaryNote",
    "DiaryTag",
    "FollowUp",
    "FollowUpAssessment",
    "GoalStatus",
    "InterventionGoal",
    "JournalNote",
    "Order",
    "OrderService",
    "Plan",
    "PlanContext",
    "RecordVersion",
    "StaffMember",
    "StatusAssessment",
    "SubGoal",
    "SubGoalEvaluation",
    "SyncState",
    "Unit",
    "UseOfForce",
]
