"""Statistics files written by hand, as another tool (or another unit) would, so the reader
and the merge are tested against documents the exporter did not make."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def key(number: int) -> str:
    return f"{number:016x}"


def goal(citizen: int, statuses: list[tuple[str, Any]], **fields: Any) -> dict[str, Any]:
    entry = {
        "citizen": key(citizen),
        "kind": "goal",
        "catalog": "ics",
        "domain": "skole_og_laering",
        "domain_group": "ics:skole_og_laering",
        "goal_type": "udvikling",
        "baseline": 3,
        "target": 1,
        "statuses": [{"on": on, "score": score} for on, score in statuses],
        "outcome": None,
        "department": "Afd. Nord",
        "area": "children",
        "start": "2024-01-10",
        "end": None,
    }
    entry.update(fields)
    return entry


def document(name: str, unit_key: str, goals: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
    data = {
        "format": "fko-statistik",
        "version": 1,
        "unit": {"name": name, "key": unit_key},
        "made_on": "2026-01-05",
        "goals": goals,
    }
    data.update(fields)
    return data


def write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path
