"""Long work off the GUI thread, with a progress dialog that can cancel it.

Backups, reports and bundles take from a fraction of a second to several seconds on a large
unit; the window must keep painting meanwhile. ``run_in_background`` runs a core function in a
``QThread`` with a ``Progress`` the core reports to, shows a window-modal progress dialog (only if
the work lasts long enough to notice), and delivers the result, refusal or cancellation back on
the GUI thread. The core function must open its own session (``unit.read()``/``unit.write()``):
sessions are never shared between threads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QProgressDialog, QWidget

from fko_desktop.errors import FkoError
from fko_desktop.progress import Cancelled, Progress
from fko_desktop.ui.failure import unexpected_failure
from fko_desktop.ui.i18n import tr

#: Work that ends sooner than this never shows a dialog (no flicker for a small unit's backup).
SHOW_DIALOG_AFTER_MS = 400


class _Worker(QThread):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    refused = Signal(str)
    stopped = Signal(str)

    def __init__(self, work: Callable[[Progress], Any], parent: QObject) -> None:
        super().__init__(parent)
        self._work = work
        self.progress = Progress(lambda done, total, text: self.progressed.emit(done, total, text or ""))

    def run(self) -> None:
        try:
            result = self._work(self.progress)
        except Cancelled as cancelled:
            self.stopped.emit(cancelled.message)
        except FkoError as error:
            self.refused.emit(error.message)
        except Exception as error:  # noqa: BLE001 - reported, never shown raw
            self.refused.emit(unexpected_failure(error, tr("Intet er ændret.")))
        else:
            self.succeeded.emit(result)


class BackgroundTask(QObject):
    """One running piece of work and its dialog; kept alive by its parent until it ends."""

    #: The work ended, whichever way; tests and callers that chain work wait for this.
    ended = Signal()

    def __init__(
        self,
        parent: QWidget,
        title: str,
        work: Callable[[Progress], Any],
        on_done: Callable[[Any], None],
        *,
        on_refused: Callable[[str], None] | None = None,
        on_cancelled: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.title = title
        self._on_done = on_done
        self._on_refused = on_refused or (lambda message: QMessageBox.warning(parent, title, message))
        self._on_cancelled = on_cancelled or (lambda _message: None)
        self.dialog = QProgressDialog(title, tr("Afbryd"), 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(SHOW_DIALOG_AFTER_MS)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setAccessibleName(title)
        self.worker = _Worker(work, self)
        self.dialog.canceled.connect(self.cancel)
        self.worker.progressed.connect(self._progressed)
        self.worker.succeeded.connect(lambda result: self._finish(self._on_done, result))
        self.worker.refused.connect(lambda message: self._finish(self._on_refused, message))
        self.worker.stopped.connect(lambda message: self._finish(self._on_cancelled, message))

    def start(self) -> BackgroundTask:
        self.dialog.setValue(0)
        self.worker.start()
        return self

    def cancel(self) -> None:
        self.dialog.setLabelText(tr("Afbryder …"))
        self.worker.progress.cancel()

    @property
    def running(self) -> bool:
        return self.worker.isRunning()

    def _progressed(self, done: int, total: int, text: str) -> None:
        # total 0: work that cannot count its steps; the dialog keeps its busy indicator.
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))
        if text:
            self.dialog.setLabelText(text)

    def _finish(self, callback: Callable[[Any], None], value: Any) -> None:
        self.worker.wait()
        self.dialog.reset()
        self.dialog.hide()
        try:
            callback(value)
        finally:
            self.ended.emit()
            self.deleteLater()


def run_in_background(
    parent: QWidget,
    title: str,
    work: Callable[[Progress], Any],
    on_done: Callable[[Any], None],
    **handlers: Callable[[str], None],
) -> BackgroundTask:
    """Start ``work(progress)`` off the GUI thread; ``on_done(result)`` runs on the GUI thread."""
    return BackgroundTask(parent, title, work, on_done, **handlers).start()


class TaskDialog(QDialog):
    """A dialog that starts background work: closing it first lets the running work end, so
    no thread outlives the dialog it reports to. Subclasses keep the task in ``self.task`` and
    set it back to None when it has ended."""

    task: BackgroundTask | None = None

    def done(self, result: int) -> None:
        if self.task is not None:
            self.task.cancel()  # honoured at the work's next progress report, if it makes one
            self.task.worker.wait()
        super().done(result)
