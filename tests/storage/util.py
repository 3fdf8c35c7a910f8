"""Helpers for asserting that a file was left exactly as it was."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path


@dataclasses.dataclass(frozen=True)
class FileState:
    content: bytes
    mtime_ns: int
    neighbours: tuple[str, ...]  # every name in the folder, so a new -wal/-shm/.lock shows up


def file_state(path: Path) -> FileState:
    return FileState(
        path.read_bytes(), path.stat().st_mtime_ns, tuple(sorted(p.name for p in path.parent.iterdir()))
    )


def one_line(text: str) -> str:
    """The single line of an error output; fails when there are none or several."""
    lines = text.splitlines()
    assert len(lines) == 1, f"expected one line, got {lines!r}"
    assert lines[0].strip(), "the line is empty"
    assert "Traceback" not in text
    return lines[0]


def run_sqlite(path: Path, *statements: str) -> None:
    """Change a file the way any SQLite tool would, behind the program's back."""
    connection = sqlite3.connect(path)
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()
