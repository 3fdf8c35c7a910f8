"""What a unit file holds, row by row, to show that a refused save changed nothing at all."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from fko_desktop.storage.unitfile import UnitFile

#: The tables the order, plan and sub-goal forms write to.
FORM_TABLES = (
    "citizen",
    "order",
    "order_service",
    "intervention_goal",
    "plan",
    "plan_context",
    "sub_goal",
    "sub_goal_evaluation",
)


def file_state(unit: UnitFile, tables: tuple[str, ...] = FORM_TABLES) -> dict[str, Any]:
    """Every row of ``tables`` (ordered by id), and how many audit events and earlier
    versions the file holds."""
    with unit.read() as session:
        state: dict[str, Any] = {
            table: [tuple(row) for row in session.execute(text(f'SELECT * FROM "{table}" ORDER BY id'))]
            for table in tables
        }
        for table in ("audit_event", "record_version"):
            state[f"{table} count"] = session.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one()
    return state


class WriteCounter:
    """Counts the transactions (``unit.write``) opened while it is installed."""

    def __init__(self, unit: UnitFile, monkeypatch: Any) -> None:
        self.count = 0
        original = unit.write

        def counting(actor):  # type: ignore[no-untyped-def]
            self.count += 1
            return original(actor)

        monkeypatch.setattr(unit, "write", counting)
