"""The idle lock: after some minutes without use the window is covered and asks for the
password again.

A modal dialog on top, over a cover on the main window: every open editor and dialog stays
where it is underneath, with what was typed in it, and is only hidden from view (made
transparent) until the password is given. A wrong password counts like a failed login
(the core's ``check_password``), so the lock cannot be guessed open. "Skift bruger" logs out:
the window closes (saving note drafts as on any close) and the login opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from fko_desktop.errors import FkoError
from fko_desktop.models.passwords import IDLE_LOCK_MINUTES_DEFAULT
from fko_desktop.ui.editors.base import ERROR_STYLE
from fko_desktop.ui.i18n import tr
from fko_desktop.ui.login_dialog import password_field
from fko_desktop.ui.screen_fit import fit_to_screen
from fko_desktop.ui.settings import IDLE_LOCK_MINUTES_SETTING, int_setting

if TYPE_CHECKING:
    from fko_desktop.ui.main_window import MainWindow

#: What counts as use: anything the person does with keyboard or mouse.
_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


def idle_minutes() -> int:
    """The idle time of this PC (a setting; at least one minute)."""
    return max(1, int_setting(IDLE_LOCK_MINUTES_SETTING, IDLE_LOCK_MINUTES_DEFAULT))


class LockDialog(QDialog):
    """ "Skærmen er låst": the password of the person logged in, or "Skift bruger"."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.switch_user = False
        self.setWindowTitle(tr("Skærmen er låst"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        actor = window.unit.actor
        who = actor.name if actor is not None else ""
        intro = QLabel(
            tr(
                "FKO Desktop er låst, fordi den ikke har været brugt et stykke tid. {who} skriver "
                "sin adgangskode for at fortsætte; intet af det, der er skrevet, er gået tabt."
            ).format(who=who)
        )
        intro.setWordWrap(True)
        self.password = password_field(tr("Adgangskode"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        buttons = QDialogButtonBox()
        self.unlock_button = buttons.addButton(tr("Lås op"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.switch_button = buttons.addButton(tr("Skift bruger"), QDialogButtonBox.ButtonRole.ResetRole)
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.unlock)
        self.switch_button.clicked.connect(self._switch)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel(tr("Adgangskode") + ":"))
        layout.addWidget(self.password)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        fit_to_screen(self, 440, self.sizeHint().height())

    def unlock(self) -> bool:
        try:
            self.window_.unit.accounts.check_password(self.password.text())
        except FkoError as error:
            self.password.clear()
            self.message.setText(error.message)
            self.message.show()
            return False
        self.accept()
        return True

    def _switch(self) -> None:
        self.switch_user = True
        self.accept()

    # Neither Esc nor the title bar's close button opens the lock.

    def reject(self) -> None:
        return

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            event.ignore()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.result() != QDialog.DialogCode.Accepted:
            event.ignore()


class _Cover(QWidget):
    """An opaque sheet over the main window while it is locked."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setAutoFillBackground(True)
        self.setStyleSheet("background: #2b2b2b;")
        self.setGeometry(window.rect())
        self.raise_()
        self.show()


class IdleLock(QObject):
    """Watches the application's input; locks ``window`` after ``minutes`` without any."""

    def __init__(self, window: MainWindow, minutes: int | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.locked = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval((minutes or idle_minutes()) * 60_000)
        self.timer.timeout.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if not self.locked and event.type() in _ACTIVITY:
            self.timer.start()
        return False

    def lock(self) -> LockDialog | None:
        """Cover the window and ask for the password; returns when it is given (or the person
        chose to switch user, which logs out)."""
        if self.locked or not self.window.isVisible():
            return None
        self.locked = True
        cover = _Cover(self.window)
        hidden = [
            widget
            for widget in QApplication.topLevelWidgets()
            if widget is not self.window and widget.isVisible() and widget.windowOpacity() > 0
        ]
        for widget in hidden:
            widget.setWindowOpacity(0.0)
        dialog = LockDialog(self.window)
        self.dialog = dialog
        try:
            dialog.exec()
        finally:
            for widget in hidden:
                widget.setWindowOpacity(1.0)
            cover.deleteLater()
            self.locked = False
            self.timer.start()
        if dialog.switch_user:
            switch_user(self.window)
        return dialog

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


_windows: list[QWidget] = []


def install_idle_lock(window: MainWindow, minutes: int | None = None) -> IdleLock | None:
    """The idle lock for a window someone is logged in to (a window with nobody logged in has
    nothing to protect that a login would not ask for anyway)."""
    if window.unit.actor is None or window.unit.actor.staff_id is None:
        return None
    lock = IdleLock(window, minutes)
    window.idle_lock = lock  # type: ignore[attr-defined]
    return lock


def switch_user(window: MainWindow) -> MainWindow | None:
    """Log out: close the window (and with it the file), then the login for the same file."""
    from fko_desktop.ui import opening

    path, window_class = window.unit.path, type(window)
    lock = getattr(window, "idle_lock", None)
    if lock is not None:
        lock.stop()
    if not window.close():
        if lock is not None:
            lock.timer.start()
            QApplication.instance().installEventFilter(lock)  # type: ignore[union-attr]
        return None  # an unsaved note, and the person chose to stay
    try:
        opened = opening.open_and_log_in(path)
    except FkoError as error:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, tr("Enhedsfilen kan ikke åbnes"), error.message)
        opened = None
    if opened is None:
        QApplication.quit()
        return None
    unit, reason = opened
    new_window = window_class(unit, readonly_reason=reason)
    fit_to_screen(new_window, *opening.WINDOW_SIZE)
    new_window.show()
    install_idle_lock(new_window)
    _windows.append(new_window)
    return new_window
