"""``fko-desktop --screenshot OUT.png [--citizen …] [--view …]``: the pictures in docs/.

The views the option offers, how the window is arranged for each, and the capture once
everything has painted. Its own module, importing neither the window nor the start-up code:
start-up parses ``--view`` before it imports the window, and the window's
``show_for_screenshot`` uses ``arrange`` without importing the start-up code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:  # for type checkers only: main_window imports this module
    from fko_desktop.ui.main_window import MainWindow
    from fko_desktop.unit.aarhus import AarhusAssessmentRow

#: Editor views for ``--screenshot --view``: the editor, and which of the citizen's records it
#: opens on.
SCREENSHOT_EDITORS = {
    "goal-editor": ("GoalEditor", "goal"),
    "goal-status": ("GoalStatusEditor", "new_status"),
    "sub-goal-editor": ("SubGoalEditor", "sub_goal"),
    "order-editor": ("OrderEditor", "order"),
    "plan-editor": ("PlanEditor", "plan"),
    "follow-up": ("FollowUpEditor", "new_follow_up"),
    "citizen-editor": ("CitizenEditor", "citizen"),
    "use-of-force-editor": ("UseOfForceEditor", "new_use_of_force"),
    "status-assessment": ("StatusAssessmentEditor", "status_assessment"),
    "aarhus-dialog": ("AarhusAssessmentEditor", "aarhus_assessment"),
}
#: Pages of the citizen's tree for ``--view``: the view and the tree node's kind.
PAGE_VIEWS = {
    "citizen": "citizen",
    "order": "order",
    "plan": "plan",
    "follow-ups": "follow_ups",
    "diary": "diary",
    "use-of-force": "use_of_force",
    "aarhus-page": "aarhus",
}
#: Views of a child's Århus schema assessments: without ``--citizen`` they show the first
#: current child who has some (the first citizen may be an adult).
AARHUS_VIEWS = ("aarhus-page", "aarhus-dialog")
#: Every value of ``--view``.
VIEWS = (
    "goal",
    "journal",
    "today",
    "print",
    "send-bundle",
    "import-bundle",
    "staff",
    "audit",
    "record-history",
    "overview",
    *PAGE_VIEWS,
    *SCREENSHOT_EDITORS,
)


def arrange(window: MainWindow, citizen_ref: str | None, view: str) -> QWidget | None:
    """Arrange the window for a documentation picture; returns the dialog to capture when
    the view is an editor (None: capture the window)."""
    unit = window.unit
    if view == "today":
        window.show_today()
        return None
    if view == "staff":  # the unit's, not a citizen's: shown on an empty unit too
        return window.show_staff()
    if view == "overview":  # the unit's figures (issue 14), captured once they have arrived
        from fko_desktop.ui.overview import show_overview

        return show_overview(window)
    citizen = unit.citizens.find(citizen_ref) if citizen_ref else None
    if citizen is None:
        found = unit.citizens.list(active=True)
        if view in AARHUS_VIEWS:
            found = [
                c for c in found if unit.aarhus.offered_for(c.id) and unit.aarhus.for_citizen(c.id)
            ] or found
        citizen = found[0] if found else None
    if citizen is None:
        return None
    goals = unit.orders.current_goals(citizen.id)
    sub_goal_ids = [s.id for s in goals[0].sub_goals] if goals else []
    order_id = goals[0].order_id if goals else None
    plan = next(iter(unit.plans.for_citizen(citizen.id)), None)
    if not goals:
        window.select_record("citizen", citizen.id, citizen.id)
    elif view == "journal" and sub_goal_ids:
        window.select_record("sub_goal", sub_goal_ids[0], citizen.id)
    else:
        window.select_record("goal", goals[0].id, citizen.id)
    if view in PAGE_VIEWS:
        orders = unit.orders.for_citizen(citizen.id)
        ids = {
            "citizen": citizen.id,
            "follow_ups": citizen.id,
            "diary": citizen.id,
            "use_of_force": citizen.id,
            "aarhus": citizen.id,
            "order": order_id or (orders[0].id if orders else None),
            "plan": plan.id if plan else None,
        }
        record_id = ids[PAGE_VIEWS[view]]
        if record_id is not None:
            window.select_record(PAGE_VIEWS[view], record_id, citizen.id)
        if view == "use-of-force" and window.use_of_force_page.rows:
            window.use_of_force_page.table.selectRow(0)  # the picture shows one in full
        if view == "aarhus-page" and window.aarhus_page.assessments:
            # One chosen, so the lines under the table show who took part and the texts.
            window.aarhus_page.select_assessment(max(window.aarhus_page.assessments, key=_written).id)
        return None
    if view == "print":
        return window.print_reports("status")
    if view in ("audit", "record-history"):
        return _audit_view(window, citizen.id, view)
    if view == "send-bundle":
        return window.send_bundle()
    if view == "import-bundle":
        return window.import_bundle()
    if view not in SCREENSHOT_EDITORS:
        return None
    editor, record = SCREENSHOT_EDITORS[view]
    if record not in ("citizen", "aarhus_assessment") and not goals:
        return None
    # The assessment with the most written beside its scores: the picture shows the form filled.
    aarhus = sorted(
        unit.aarhus.for_citizen(citizen.id) if record == "aarhus_assessment" else [], key=_written
    )
    calls: dict[str, tuple[tuple[Any, ...], dict[str, Any]]] = {
        "goal": ((goals[0].id if goals else None,), {}),
        "new_status": ((None,), {"goal_id": goals[0].id if goals else None}),
        "sub_goal": (
            (sub_goal_ids[0] if sub_goal_ids else None,),
            {"goal_id": goals[0].id if goals else None},
        ),
        "order": ((order_id,), {}),
        "plan": ((plan.id if plan else None,), {"citizen_id": citizen.id, "order_id": order_id}),
        "new_follow_up": ((None,), {"citizen_id": citizen.id, "held": True}),
        "citizen": ((citizen.id,), {}),
        # Opened as a correction would open it.
        "aarhus_assessment": ((aarhus[-1].id,), {}) if aarhus else ((None,), {"citizen_id": citizen.id}),
        "new_use_of_force": ((None,), {"citizen_id": citizen.id, "kind": "indberetning"}),
        "status_assessment": (
            (None,),
            dict(
                zip(("period_from", "period_to"), unit.status_assessments.period(citizen.id), strict=True),
                citizen_id=citizen.id,
            ),
        ),
    }
    positional, keywords = calls[record]
    return window.open_editor(editor, *positional, **keywords)


def _written(assessment: AarhusAssessmentRow) -> int:
    """How much is written beside an assessment's scores (the pictures show a filled one)."""
    return sum(bool(f.note) + bool(f.child_note) + bool(f.parent_note) for f in assessment.factors)


def _audit_view(window: MainWindow, citizen_id: int, view: str) -> QWidget | None:
    """The citizen's audit trail, or the history of the citizen's most recently edited note."""
    from fko_desktop.ui.audit_view import show_audit
    from fko_desktop.ui.record_history import RecordHistoryDialog
    from fko_desktop.unit.inputs import AuditFilter, AuditKind

    if view == "audit":
        return show_audit(window, citizen_id)
    audit = window.unit.audit
    edited = AuditFilter(
        citizen_id=citizen_id, kinds=frozenset({AuditKind.EDITED}), record_type="journal_note"
    )
    found = audit.events(edited, limit=1).rows
    if not found or found[0].record_id is None:
        return None
    dialog = RecordHistoryDialog(audit.record_history("journal_note", found[0].record_id), window)
    dialog.show()
    return dialog


def render(app: QCoreApplication, window: MainWindow, citizen_ref: str | None, view: str, out: str) -> None:
    """Show ``view`` in the (shown) window, save its picture as ``out`` once it has painted,
    then close the window and quit the event loop, which this runs."""
    target = window.show_for_screenshot(citizen_ref, view) or window
    app.processEvents()

    waited = []

    def capture() -> None:
        if getattr(target, "task", None) is not None:  # a report still being made
            waited.append(True)
            QTimer.singleShot(100, capture)
            return
        if waited and len(waited) < 100:
            # The PDF preview paints its pages in the background once the report is there.
            waited.extend([True] * 100)
            QTimer.singleShot(800, capture)
            return
        target.grab().save(out)
        window.close()
        app.quit()

    QTimer.singleShot(300, capture)
    app.exec()
