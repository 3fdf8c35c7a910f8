"""Withdrawing a legal record from a list page: ask why, then withdraw it through the core.

A note, a follow-up or a use-of-force registration saved by mistake is withdrawn with a reason
and kept, marked (never deleted). The list pages share the question and the write; each page
says what it calls the record and what it shows when the core has done it or refused.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtWidgets import QInputDialog, QLabel, QWidget

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


class WithdrawsSelected:
    """What a list page of legal records does to withdraw the selected one.

    The page says what its record is called (``WITHDRAW_TITLE``, ``WITHDRAW_QUESTION``), how
    the core withdraws one (``withdraw_record``) and what it shows again after a refusal
    (``after_refusal``); the rest is the same on every page: nothing while a write runs or
    on a read-only unit, ask why, withdraw on the worker, refresh or show the refusal.
    """

    WITHDRAW_TITLE = ""
    WITHDRAW_QUESTION = ""

    # Provided by the page.
    runner: Runner
    task: Task | None
    message: QLabel
    ask_reason: Callable[[], tuple[str, bool]]

    if TYPE_CHECKING:  # what each page defines, for the checker

        @property
        def writable(self) -> bool: ...

        def selected(self) -> Any: ...

        def refresh(self) -> None: ...

        def withdraw_record(self, unit: Unit, record_id: int, reason: str) -> Changed[int]: ...

        def after_refusal(self) -> None:
            """The page's buttons as they should be again once a withdrawal was refused."""

    def withdraw_selected(self) -> Task | None:
        chosen = self.selected()
        if chosen is None or chosen.withdrawn_at is not None or self.task is not None or not self.writable:
            return None
        reason, ok = self.ask_reason()
        if not ok:
            return None
        record_id = chosen.id
        page = cast("QWidget", self)
        self.task = start_withdrawal(
            page,
            self.runner,
            reason,
            lambda unit, why: self.withdraw_record(unit, record_id, why),
            self._withdrawn,
            self._withdrawal_refused,
        )
        return self.task

    def _withdrawn(self, _changed: Changed[int]) -> None:
        self.task = None
        self.refresh()

    def _withdrawal_refused(self, failure: Failure) -> None:
        self.task = None
        self.message.setText(failure.message)
        self.message.show()
        self.after_refusal()

    def _ask_reason(self) -> tuple[str, bool]:
        return ask_reason(cast("QWidget", self), self.WITHDRAW_TITLE, self.WITHDRAW_QUESTION)
