"""The question before a form with unsaved changes is closed, and what a form's state is.

Every editing window asks the same thing in the same words when it is closed (Annullér, Esc,
the window's close button) with changes not stored: Gem, Kassér ændringerne or Fortsæt
redigering. Esc in the question itself means Fortsæt redigering, so nothing typed is lost by
pressing Esc twice. A form without changes just closes.
"""

from __future__ import annotations

import enum
from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QWidget,
)

from fko_desktop.ui.i18n import tr

QUESTION = "Der er ændringer, som ikke er gemt."


class Unsaved(enum.Enum):
    """The answer to the question."""

    SAVE = "save"
    DISCARD = "discard"
    KEEP_EDITING = "keep_editing"


#: The question's buttons, in the order shown, with the role Qt places them by.
BUTTONS = (
    (Unsaved.SAVE, "Gem", QMessageBox.ButtonRole.AcceptRole),
    (Unsaved.DISCARD, "Kassér ændringerne", QMessageBox.ButtonRole.DestructiveRole),
    (Unsaved.KEEP_EDITING, "Fortsæt redigering", QMessageBox.ButtonRole.RejectRole),
)


def unsaved_question(parent: QWidget | None) -> tuple[QMessageBox, dict[QAbstractButton, Unsaved]]:
    """The question, not shown yet, and which answer each of its buttons gives."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tr("Ikke gemt"))
    box.setText(tr(QUESTION))
    answers: dict[QAbstractButton, Unsaved] = {}
    for answer, text, role in BUTTONS:
        button = box.addButton(tr(text), role)
        answers[button] = answer
        if answer is Unsaved.SAVE:
            box.setDefaultButton(button)
        if answer is Unsaved.KEEP_EDITING:
            box.setEscapeButton(button)
    return box, answers


def ask_unsaved(parent: QWidget | None) -> Unsaved:
    """Ask, and wait for the answer (closing the question some other way keeps editing)."""
    box, answers = unsaved_question(parent)
    box.exec()
    return answers.get(box.clickedButton(), Unsaved.KEEP_EDITING)


def form_state(*roots: QWidget) -> list[Any]:
    """What the input fields in ``roots`` (and the roots themselves) hold, in a fixed order:
    two states compare equal exactly when nothing a user can type or choose differs. A field
    added to a form later is part of it without being listed anywhere."""
    state: list[Any] = []
    for root in roots:
        for widget in [root, *root.findChildren(QWidget)]:
            value = _value(widget)
            if value is not _NO_INPUT:
                state.append(value)
    return state


_NO_INPUT = object()


def _value(widget: QWidget) -> Any:
    if isinstance(widget.parent(), (QComboBox, QDateTimeEdit, QSpinBox, QDoubleSpinBox)):
        return _NO_INPUT  # a combo's or spin box's own line edit: the box itself counts
    if isinstance(widget, QComboBox):
        return ("combo", widget.currentIndex(), widget.currentText())
    if isinstance(widget, QDateTimeEdit):
        return ("datetime", widget.dateTime().toString())
    if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        return ("spin", widget.value())
    if isinstance(widget, QLineEdit):
        return ("line", widget.text())
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return ("text", widget.toPlainText())
    if isinstance(widget, QCheckBox):
        return ("check", widget.isChecked())
    return _NO_INPUT
