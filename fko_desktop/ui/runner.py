"""The one way the window runs core work: off the GUI thread, one at a time on the unit.

After Anki's ``CollectionOp`` / ``QueryOp`` (``qt/aqt/operations``):

- ``runner.op(parent, work)`` runs a write, ``work(unit, progress) -> Changed``;
- ``runner.query(parent, work)`` runs a read that may be slow, ``work(unit, progress) -> value``;
- ``runner.compute(parent, work)`` runs work that needs no unit at all (laying out a PDF,
  encrypting a bundle), ``work(progress) -> value``.

Each returns a builder: ``.success(fn)`` and ``.failure(fn)`` for this call only,
``.with_progress(title, cancellable=…)`` for a progress dialog that appears only when the work
lasts long enough to notice, then ``.run(initiator)``. Writes and queries run on ONE worker
thread that owns all access to the unit, so writes never contend with each other and the GUI
thread never waits for the file's write lock; unit-free work runs on a second worker, so a note
saved while a bundle is being encrypted is stored at once. After a write succeeds, every view
hears one ``changed(changes, initiator)`` broadcast with the ``OpChanges`` the core computed.
A refusal by the core reaches ``failure`` as its Danish message; anything else is logged and
shown as an unexpected error, never as exception text.
"""

from __future__ import annotations

import dataclasses
import logging
import queue
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QDialog, QMessageBox, QProgressDialog, QWidget

from fko_desktop.errors import FkoError
from fko_desktop.progress import Cancelled, Progress
from fko_desktop.ui.failure import unexpected_failure
from fko_desktop.ui.i18n import tr
from fko_desktop.unit import Changed, OpChanges, Unit

T = TypeVar("T")
log = logging.getLogger(__name__)

#: Work that ends sooner than this never shows a dialog (no flicker for a small unit's backup).
SHOW_DIALOG_AFTER_MS = 400


@dataclasses.dataclass(frozen=True)
class Failure:
    """Why work did not succeed, ready to show: the message and the field it concerns."""

    message: str
    field: str | None = None
    cancelled: bool = False


class _Delivery(QObject):
    """Lives on the GUI thread; what a worker hands it runs there, later, from the event loop.

    The callables travel through a thread-safe queue and the signal carries nothing: a Python
    object sent through a queued cross-thread signal crashed the interpreter under load
    (PySide6 6.x, "deallocating None" while a worker committed and the GUI thread spun its
    loop). Queued explicitly: work that ends before ``run()`` has returned (a refusal in the
    first millisecond) has its done-callback run on the GUI thread at once, and a direct call
    would deliver the result before the caller has even kept the Task it is about to get."""

    arrived = Signal()

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._waiting: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self.arrived.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def send(self, deliver: Callable[[], None]) -> None:
        """Run ``deliver`` on the GUI thread; callable from any thread."""
        self._waiting.put(deliver)
        self.arrived.emit()

    @Slot()
    def _deliver(self) -> None:
        while True:
            try:
                deliver = self._waiting.get_nowait()
            except queue.Empty:
                return
            deliver()


class Task(QObject):
    """One call's work in flight; ``ended`` fires on the GUI thread after its callbacks ran."""

    ended = Signal()
    progressed = Signal(int, int, str)

    def __init__(self, parent: QObject, delivery: _Delivery) -> None:
        super().__init__(parent)
        # The work reports from its worker thread; the report is shown from the GUI thread.
        self.progress = Progress(
            lambda done, total, text: delivery.send(
                lambda: None if self.done else self.progressed.emit(done, total, text or "")
            )
        )
        self.done = False
        self.result: Any = None
        self.failure: Failure | None = None
        self.dialog: QProgressDialog | None = None

    @property
    def running(self) -> bool:
        return not self.done

    def cancel(self) -> None:
        """Ask the work to stop; honoured at its next progress report."""
        if self.dialog is not None:
            self.dialog.setLabelText(tr("Afbryder …"))
        self.progress.cancel()


class _Call(Generic[T]):
    """The builder ``op``/``query``/``compute`` return."""

    def __init__(
        self,
        runner: Runner,
        parent: QWidget | None,
        work: Callable[[Progress], Any],
        *,
        writes: bool,
        lane: str,
    ) -> None:
        self._runner = runner
        self._parent = parent
        self._work = work
        self._writes = writes
        self._lane = lane
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[Failure], None] | None = None
        self._title: str | None = None
        self._cancellable = False

    def success(self, fn: Callable[[T], None]) -> _Call[T]:
        self._on_success = fn
        return self

    def failure(self, fn: Callable[[Failure], None]) -> _Call[T]:
        self._on_failure = fn
        return self

    def with_progress(self, title: str, *, cancellable: bool = False) -> _Call[T]:
        self._title, self._cancellable = title, cancellable
        return self

    def run(self, initiator: object | None = None) -> Task:
        return self._runner._start(self, initiator)


class TaskDialog(QDialog):
    """A dialog that starts work: closing it asks its running work to stop, and the work's
    callbacks are dropped once the dialog is gone (see ``Runner._finish``). Subclasses keep
    the running Task in ``self.task`` and set it back to None when it has ended."""

    task: Task | None = None

    def done(self, result: int) -> None:
        if self.task is not None:
            self.task.cancel()  # honoured at the work's next progress report, if it makes one
        super().done(result)


class Runner(QObject):
    """Owns the worker threads; one per window, closed with it. Made without a unit (the start
    screen's comparison of statistics files), it runs ``compute`` work only: ``op`` and
    ``query`` fail with a Danish message instead."""

    #: A write succeeded: (OpChanges, initiator), once per write, after its own callbacks.
    changed = Signal(object, object)
    #: Warnings a successful write returned (the write itself is stored), to show the user.
    warned = Signal(object)

    def __init__(self, unit: Unit | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unit = unit
        self._unit_lane = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fko-unit")
        self._free_lane = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fko-free")
        self._delivery = _Delivery(self)
        self._tasks: set[Task] = set()
        self._closed = False

    @property
    def unit(self) -> Unit:
        if self._unit is None:
            raise FkoError(tr("Ingen enhedsfil er åben."))
        return self._unit

    def op(self, parent: QWidget | None, work: Callable[[Unit, Progress], Changed[T]]) -> _Call[Changed[T]]:
        """A write through the facade, as its bound actor."""
        return _Call(self, parent, lambda progress: work(self.unit, progress), writes=True, lane="unit")

    def query(self, parent: QWidget | None, work: Callable[[Unit, Progress], T]) -> _Call[T]:
        """A read that may take a while (search, a report's data, a bundle's import plan)."""
        return _Call(self, parent, lambda progress: work(self.unit, progress), writes=False, lane="unit")

    def compute(self, parent: QWidget | None, work: Callable[[Progress], T]) -> _Call[T]:
        """Work that does not touch the unit: it never waits behind unit work, nor it behind it."""
        return _Call(self, parent, work, writes=False, lane="free")

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def close(self) -> None:
        """Stop what can be stopped and wait for the rest: the unit closes only after."""
        self._closed = True
        for task in list(self._tasks):
            task.cancel()
        self._unit_lane.shutdown(wait=True)
        self._free_lane.shutdown(wait=True)

    # -- running -----------------------------------------------------------------------------------

    def _start(self, call: _Call[Any], initiator: object | None) -> Task:
        task = Task(self, self._delivery)
        if self._closed:
            task.done = True
            return task
        self._tasks.add(task)
        if call._title is not None:
            task.dialog = self._dialog(call, task)
        lane = self._unit_lane if call._lane == "unit" else self._free_lane

        def work() -> Any:
            return call._work(task.progress)

        future = lane.submit(work)
        future.add_done_callback(
            lambda finished: self._delivery.send(lambda: self._finish(call, task, finished, initiator))
        )
        return task

    def _dialog(self, call: _Call[Any], task: Task) -> QProgressDialog:
        # Not modal: the person at the keyboard goes on writing while a bundle is made.
        dialog = QProgressDialog(
            call._title or "", tr("Afbryd") if call._cancellable else "", 0, 0, call._parent
        )
        if not call._cancellable:
            dialog.setCancelButton(None)
        dialog.setWindowTitle(call._title or "")
        dialog.setAccessibleName(call._title or "")
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        dialog.hide()
        dialog.canceled.connect(task.cancel)
        QTimer.singleShot(SHOW_DIALOG_AFTER_MS, dialog, lambda: None if task.done else dialog.show())

        def progressed(done: int, total: int, text: str) -> None:
            # total 0: work that cannot count its steps; the dialog keeps its busy indicator.
            if total > 0:
                dialog.setMaximum(total)
                dialog.setValue(min(done, total))
            if text:
                dialog.setLabelText(text)

        task.progressed.connect(progressed)
        return dialog

    def _finish(self, call: _Call[Any], task: Task, future: Future[Any], initiator: object | None) -> None:
        task.done = True
        self._tasks.discard(task)
        if task.dialog is not None and shiboken6.isValid(task.dialog):
            task.dialog.reset()
            task.dialog.hide()
            task.dialog.deleteLater()
        # A dialog closed meanwhile hears nothing more; the broadcast still goes to the views.
        listening = call._parent is None or shiboken6.isValid(call._parent)
        try:
            failure = _failure_of(future, writes=call._writes)
            if failure is None:
                task.result = result = future.result()
                if call._on_success is not None and listening:
                    call._on_success(result)
                if call._writes and isinstance(result, Changed):
                    if result.warnings:
                        self.warned.emit(result.warnings)
                    if result.changes:
                        self.changed.emit(result.changes, initiator)
            else:
                task.failure = failure
                if not listening:
                    pass
                elif call._on_failure is not None:
                    call._on_failure(failure)
                elif not failure.cancelled and call._parent is not None:
                    QMessageBox.warning(call._parent, call._title or tr("FKO Desktop"), failure.message)
        finally:
            task.ended.emit()
            task.deleteLater()


def _failure_of(future: Future[Any], *, writes: bool) -> Failure | None:
    error = future.exception()
    if error is None:
        return None
    if isinstance(error, Cancelled):
        return Failure(error.message, cancelled=True)
    if isinstance(error, FkoError):
        return Failure(error.message, error.field)
    return Failure(unexpected_failure(error, tr("Intet er gemt.") if writes else tr("Intet er ændret.")))


__all__ = ["Failure", "OpChanges", "Runner", "Task", "TaskDialog"]
