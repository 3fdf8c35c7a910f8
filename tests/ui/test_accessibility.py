"""Every editor can be used from the keyboard and read by a screen reader.

Walks Qt's focus chain (what Tab does) through each editor: every visible control a user can
type in or press is reached, in reading order within its form, and has an accessible name.
"""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from fko_desktop.ui.editors import (
    CitizenEditor,
    FollowUpEditor,
    GoalEditor,
    GoalStatusEditor,
    OrderEditor,
    PlanEditor,
    SubGoalEditor,
)

from .test_editors import make

CONTROLS = (QLineEdit, QTextEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QAbstractButton)


def _loaders(world):
    return {
        CitizenEditor: lambda e: e.load(None),
        OrderEditor: lambda e: e.load(None, citizen_id=world.citizen.id),
        GoalEditor: lambda e: e.load(world.goals[0].id),
        SubGoalEditor: lambda e: e.load(world.sub_goals[0].id),
        GoalStatusEditor: lambda e: e.load(None, goal_id=world.goals[0].id),
        FollowUpEditor: lambda e: e.load(None, citizen_id=world.citizen.id),
        PlanEditor: lambda e: e.load(None, citizen_id=world.citizen.id, order_id=world.order_id),
    }


def _controls(editor: QWidget) -> list[QWidget]:
    """The controls a user meets: visible, enabled, taking keyboard focus (not inner parts)."""
    found = []
    for widget in editor.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(editor) or not widget.isEnabled():
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):  # a combo's own line edit
            continue
        found.append(widget)
    return found


def _tab_chain(editor: QWidget) -> list[QWidget]:
    chain, widget = [], editor.nextInFocusChain()
    while widget is not editor and len(chain) < 2000:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def _name(widget: QWidget) -> str:
    if widget.accessibleName():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&", "")
    return ""


@pytest.mark.parametrize(
    "editor_class",
    [CitizenEditor, OrderEditor, GoalEditor, SubGoalEditor, GoalStatusEditor, FollowUpEditor, PlanEditor],
    ids=lambda c: c.__name__,
)
def test_every_control_is_named_and_reached_by_tab(world, qtbot, editor_class):
    editor = make(editor_class, world, qtbot)
    _loaders(world)[editor_class](editor)
    controls = _controls(editor)
    assert len(controls) >= 3
    unnamed = [f"{type(w).__name__} {w.objectName()!r}" for w in controls if not _name(w).strip()]
    assert unnamed == [], f"controls without an accessible name: {unnamed}"
    chain = _tab_chain(editor)
    missing = [_name(w) for w in controls if w not in chain]
    assert missing == [], f"not reachable with Tab: {missing}"
    assert editor.save_button in chain


@pytest.mark.parametrize(
    "editor_class", [CitizenEditor, GoalEditor, SubGoalEditor, FollowUpEditor], ids=lambda c: c.__name__
)
def test_tab_moves_down_the_form_not_around_it(world, qtbot, editor_class):
    """Within one column of fields, Tab goes from top to bottom (no jumping back up)."""
    editor = make(editor_class, world, qtbot)
    _loaders(world)[editor_class](editor)
    controls = set(_controls(editor))
    order = [w for w in _tab_chain(editor) if w in controls and w is not editor.save_button]
    tops = [(w.mapTo(editor, w.rect().topLeft()).x(), w.mapTo(editor, w.rect().topLeft()).y()) for w in order]
    backwards = [
        (_name(order[i]), _name(order[i + 1]))
        for i in range(len(order) - 1)
        if abs(tops[i + 1][0] - tops[i][0]) < 40 and tops[i + 1][1] < tops[i][1] - 5
    ]
    assert backwards == [], f"Tab jumps back up: {backwards}"


def test_an_opened_editor_starts_with_the_cursor_in_its_first_field(qtbot, ui_world):
    from .test_main_window import make_window

    window = make_window(qtbot, ui_world.unit, ui_world.actor)
    dialog = window.open_editor("CitizenEditor", ui_world.citizen.id)
    qtbot.waitUntil(lambda: dialog.focusWidget() is not None)
    assert dialog.focusWidget() is dialog.editor.fields["name"]
    dialog.editor.discard_draft()
    dialog.close()
