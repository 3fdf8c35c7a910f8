"""The one place the window runs core operations, reports failures and announces changes.

Views never write to the database themselves: they call ``runner.run(op, ...)``. A refusal by
the core (``FkoError``) becomes a Danish message next to the field or in a dialog; anything
else is logged and shown as an unexpected error, never as a traceback. On success every view
hears ``changed`` and refreshes what concerns it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from fko_desktop.errors import FkoError
from fko_desktop.ops.base import Changed
from fko_desktop.ui.failure import unexpected_failure
from fko_desktop.ui.i18n import tr

T = TypeVar("T")


class OpRunner(QObject):
    #: A write succeeded; carries the ``Changed`` the operation returned.
    changed = Signal(object)
    #: A write was refused or failed; carries (message, field or None).
    failed = Signal(str, object)

    def run(self, operation: Callable[..., Changed[T]], *args: Any, **kwargs: Any) -> Changed[T] | None:
        """Run a write operation; returns its result, or None after reporting the failure."""
        try:
            result = operation(*args, **kwargs)
        except FkoError as error:
            self.failed.emit(error.message, error.field)
            return None
        except Exception as error:  # noqa: BLE001 - the window's last line of defence
            self.failed.emit(unexpected_failure(error, tr("Intet er gemt.")), None)
            return None
        self.changed.emit(result)
        return result
