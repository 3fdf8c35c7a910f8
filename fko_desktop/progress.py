"""Progress and cancellation for long core work (backups, reports, bundles), without Qt.

The core calls ``progress.report(done, total)`` between steps; whoever waits (the window's
progress dialog, or nobody on the command line) hears about it and may ask to stop. Stopping is
cooperative: the next ``report`` raises ``Cancelled``, and the work undoes what it started, so a
cancelled task leaves nothing behind.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from fko_desktop.errors import FkoError

Listener = Callable[[int, int, str | None], None]


class Cancelled(FkoError):
    """The user stopped the work; nothing it started was kept."""

    def __init__(self, message: str = "Afbrudt – intet er ændret.") -> None:
        super().__init__(message)


class Progress:
    """Passed into long work; thread-safe, so the work may run off the GUI thread."""

    def __init__(self, listener: Listener | None = None) -> None:
        self._listener = listener
        self._stop = threading.Event()

    def report(self, done: int, total: int, text: str | None = None) -> None:
        """Say how far the work is; raises ``Cancelled`` if someone asked it to stop."""
        self.check()
        if self._listener is not None:
            self._listener(done, total, text)

    def check(self) -> None:
        if self._stop.is_set():
            raise Cancelled()

    def cancel(self) -> None:
        self._stop.set()

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()


#: For callers with nobody to tell: reports nothing and is never cancelled.
NO_PROGRESS = Progress()
