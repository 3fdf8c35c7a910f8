"""A summary of a unit file: what ``fko info`` prints and the window's status bar shows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select

from fko_desktop import __version__
from fko_desktop.models import (
    Citizen,
    DiaryNote,
    FollowUp,
    GoalStatus,
    InterventionGoal,
    JournalNote,
    Order,
    Plan,
    StaffMember,
    SubGoal,
)
from fko_desktop.storage.unitfile import UnitFile

COUNTED = {
    "citizens": Citizen,
    "staff": StaffMember,
    "orders": Order,
    "plans": Plan,
    "intervention_goals": InterventionGoal,
    "sub_goals": SubGoal,
    "journal_notes": JournalNote,
    "diary_notes": DiaryNote,
    "goal_statuses": GoalStatus,
    "follow_ups": FollowUp,
}


def unit_info(unit: UnitFile) -> dict[str, Any]:
    record = unit.unit()
    with unit.read() as session:
        counts = {
            name: session.scalar(select(func.count()).select_from(model)) or 0
            for name, model in COUNTED.items()
        }
        # Those living here today: a move-out date still to come keeps a citizen counted.
        active = session.scalar(
            select(func.count()).select_from(Citizen).where(Citizen.lives_here(dt.date.today()))
        )
    return {
        "unit_name": record.name,
        "unit_uid": record.uid,
        "path": str(unit.path),
        "schema_version": unit.schema_version(),
        "app_version": __version__,
        "readonly": unit.readonly,
        "counts": counts,
        "active_citizens": active or 0,
    }
