"""The centre editors: one form per record kind, all built on :class:`EditorBase`."""

from fko_desktop.ui.editors.aarhus import AarhusAssessmentEditor
from fko_desktop.ui.editors.base import DateEdit, EditorBase, ScoreCombo
from fko_desktop.ui.editors.citizen import CitizenEditor
from fko_desktop.ui.editors.follow_up import FollowUpEditor
from fko_desktop.ui.editors.goal import GoalEditor
from fko_desktop.ui.editors.goal_status import GoalStatusEditor
from fko_desktop.ui.editors.order import OrderEditor, OrderGoalRow
from fko_desktop.ui.editors.plan import PlanEditor
from fko_desktop.ui.editors.status_assessment import StatusAssessmentEditor
from fko_desktop.ui.editors.sub_goal import SubGoalEditor
from fko_desktop.ui.editors.unit_settings import UnitSettingsEditor
from fko_desktop.ui.editors.use_of_force import UseOfForceEditor

__all__ = [
    "AarhusAssessmentEditor",
    "CitizenEditor",
    "DateEdit",
    "EditorBase",
    "FollowUpEditor",
    "GoalEditor",
    "OrderGoalRow",
    "GoalStatusEditor",
    "OrderEditor",
    "PlanEditor",
    "ScoreCombo",
    "StatusAssessmentEditor",
    "SubGoalEditor",
    "UnitSettingsEditor",
    "UseOfForceEditor",
]
