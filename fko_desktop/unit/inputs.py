"""What a form hands the facade to write: the core's own input dataclasses, in one place, so
the window and the command line need not know which operation module defines which."""

from fko_desktop.models.audit_vocabulary import AuditKind
from fko_desktop.models.use_of_force import INCIDENT_FIELDS, PERMISSION_FIELDS
from fko_desktop.ops.audit import AuditFilter
from fko_desktop.ops.citizens import ContactInput
from fko_desktop.ops.follow_up import AssessmentInput
from fko_desktop.ops.orders import GoalInput, OrderFormGoal, ServiceInput
from fko_desktop.ops.plans import CONTEXT_FIELD_LABELS, CONTEXT_FIELDS, EvaluationInput, context_field
from fko_desktop.ops.status_assessment import StatusAssessmentInput
from fko_desktop.ops.use_of_force import MAX_DURATION_MINUTES

__all__ = [
    "CONTEXT_FIELDS",
    "CONTEXT_FIELD_LABELS",
    "context_field",
    "INCIDENT_FIELDS",
    "MAX_DURATION_MINUTES",
    "PERMISSION_FIELDS",
    "AssessmentInput",
    "AuditFilter",
    "AuditKind",
    "ContactInput",
    "EvaluationInput",
    "GoalInput",
    "OrderFormGoal",
    "ServiceInput",
    "StatusAssessmentInput",
]
