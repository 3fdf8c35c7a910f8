"""The facade over an open unit file: ``Unit`` and the rows and changes it hands out.

The window (``fko_desktop.ui``) and the command line (``fko_desktop.cli``) reach a unit only
through this package; ``tests/test_architecture.py`` holds them to it.

The names below load on first use: ``fko_desktop.unit.places`` (the data folder and the safe
file writer) must be importable at start-up without SQLAlchemy, which takes most of a second.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fko_desktop.models.changes import OpChanges, RecordKind
    from fko_desktop.models.permissions import Permission
    from fko_desktop.ops.base import Changed
    from fko_desktop.unit.facade import Unit, actor_for

_WHERE = {
    "Changed": "fko_desktop.ops.base",
    "OpChanges": "fko_desktop.models.changes",
    "Permission": "fko_desktop.models.permissions",
    "RecordKind": "fko_desktop.models.changes",
    "Unit": "fko_desktop.unit.facade",
    "actor_for": "fko_desktop.unit.facade",
}

__all__ = ["Changed", "OpChanges", "Permission", "RecordKind", "Unit", "actor_for"]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_WHERE[name]), name)
    globals()[name] = value
    return value
