"""Withdrawing a legal record from a list page: ask why, then withdraw it through the core.

A note, a follow-up or a use-of-force registration saved by mistake is withdrawn with a reason
and kept, marked (never deleted). The list pages share the question and the write; each page
says what it calls the record and what it shows when the core has done it or refused.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QWidget

from fko_desktop.ui.i18n import tr

if TYPE_CHECKING:
    from fko_desktop.ui.runner import Failure, Runner, Task
    from fko_desktop.unit import Changed, Unit


def ask_reason(parent: QWidget, title: str, question: str) -> tuple[str, bool]:
    """The reason, typed by the user (``ok`` False when they cancel)."""
    return QInputDialog.getMultiLineText(parent, tr(title), tr(question))


def start_withdrawal(
    page: QWidget,
    runner: Runner,
    reason: str,
    withdraw: Callable[[Unit, str], Changed[int]],
    done: Callable[[Changed[int]], None],
    refused: Callable[[Failure], None],
) -> Task:
    """Withdraw on the unit's worker, as the page's user action (the page is the initiator)."""
    return (
        runner.op(page, lambda unit, _progress: withdraw(unit, reason))
        .success(done)
        .failure(refused)
        .run(initiator=page)
    )
