"""What every area of the facade shares: the open file, the bound actor, and how a write's
result leaves the core (the new record's id and the changes, never the ORM object)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fko_desktop.errors import FkoError
from fko_desktop.models.history import Actor
from fko_desktop.ops.base import Changed

if TYPE_CHECKING:
    from fko_desktop.storage.unitfile import UnitFile


def record_id(value: Any) -> int:
    """The id of what a write made or changed (an ORM record, or an id already)."""
    return value if isinstance(value, int) else int(value.id)


class Area:
    """One group of operations (citizens, journal, …) over the facade's open file."""

    def __init__(self, file: UnitFile, actor: Callable[[], Actor | None]) -> None:
        self._file = file
        self._actor = actor

    @property
    def actor(self) -> Actor:
        """Who writes: the person the facade was opened for; refused when nobody is."""
        actor = self._actor()
        if actor is None:
            raise FkoError("Ingen bruger er valgt: vælg hvem du er, før du skriver.")
        return actor

    def _write(self, operation: Callable[..., Changed[Any]], *args: Any, **kwargs: Any) -> Changed[int]:
        """Run a core write as the bound actor; the result carries the record's id."""
        result = operation(self._file, self.actor, *args, **kwargs)
        return Changed(record_id(result.value), result.changes, result.warnings)
