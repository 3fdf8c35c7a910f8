"""Windows and dialogs sized to fit the screen they open on.

Many of the units' PCs have a 1366×768 screen with a taskbar (about 1366×728 free): a dialog
asking for more would put its buttons under the taskbar. Every window that chooses its size asks
for it here and gets at most what the screen's free area holds, frame included.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: What the window manager adds around a window that is not shown yet, so its real frame is
#: unknown: Windows 10/11 at 100 % has a 31-pixel title bar and borders of up to 8 pixels.
FRAME = QMargins(8, 31, 8, 8)

#: A screen to size for instead of the real one (the documentation's pictures); None: the real one.
_assumed: QRect | None = None


def assume_screen(available: QRect | None) -> None:
    """Size every window as if the screen's free area were ``available`` (None: the real screen's
    again). The screenshots use it to show what a 1366×768 screen shows, whatever makes them."""
    global _assumed
    _assumed = QRect(available) if available is not None else None


def available_geometry(widget: QWidget) -> QRect:
    """The free area (without the taskbar) of the screen ``widget`` opens on: its parent
    window's screen for a dialog, since Qt centres a dialog on its parent."""
    if _assumed is not None:
        return QRect(_assumed)
    parent = widget.parentWidget()
    screen = (parent.window() if parent is not None else widget).screen()
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    # No screen at all (a platform without one): the smallest screen in use.
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def fitted_size(width: int, height: int, available: QRect | QSize, frame: QMargins = FRAME) -> QSize:
    """The size to give a window that would like ``width`` × ``height``: as asked, or smaller
    so that it and its ``frame`` fit inside ``available``. Never below 1 pixel."""
    room = available.size() if isinstance(available, QRect) else available
    return QSize(
        max(1, min(width, room.width() - frame.left() - frame.right())),
        max(1, min(height, room.height() - frame.top() - frame.bottom())),
    )


def fit_to_screen(widget: QWidget, width: int, height: int) -> QSize:
    """Resize ``widget`` to ``width`` × ``height``, or as near as its screen allows; returns the
    size given. A shown window's own frame is used; a window not shown yet assumes ``FRAME``."""
    handle = widget.windowHandle()
    frame = handle.frameMargins() if handle is not None and widget.isVisible() else FRAME
    size = fitted_size(width, height, available_geometry(widget), frame)
    widget.resize(size)
    return size
