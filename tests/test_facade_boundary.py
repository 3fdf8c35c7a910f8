"""The window and the command line reach a unit only through the ``fko_desktop.unit`` facade.

Read from the source with ``ast`` (like tests/test_architecture.py): every import anywhere in a
module counts, at module level, inside functions and under ``TYPE_CHECKING`` alike — a type
that names an ORM record or a session is a road around the facade just the same.
"""

from __future__ import annotations

import ast
from pathlib import Path

import fko_desktop.models as models_package
from fko_desktop.models import Base

PACKAGE_DIR = Path(__file__).resolve().parents[1] / "fko_desktop"
CHECKED_DIRS = (PACKAGE_DIR / "ui", PACKAGE_DIR / "cli")
FORBIDDEN_MODULES = ("sqlalchemy", "fko_desktop.storage", "fko_desktop.ops")
#: The ORM's record classes: a view holds rows from the facade, never one of these.
RECORD_CLASSES = frozenset(mapper.class_.__name__ for mapper in Base.registry.mappers)


def _resolved(node: ast.ImportFrom, module_name: str) -> str:
    if not node.level:
        return node.module or ""
    base = module_name.split(".")[: -node.level]
    return ".".join([*base, node.module] if node.module else base)


def _roads_around_the_facade(path: Path) -> list[str]:
    module_name = ".".join(path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts)
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            source = _resolved(node, module_name)
            targets = [source]
            if source.startswith("fko_desktop.models"):
                found += [f"{source}.{a.name}" for a in node.names if a.name in RECORD_CLASSES]
            if source == "fko_desktop":
                targets += [f"fko_desktop.{a.name}" for a in node.names]
        else:
            continue
        found += [
            target
            for target in targets
            if any(target == bad or target.startswith(f"{bad}.") for bad in FORBIDDEN_MODULES)
        ]
    return found


def test_ui_and_cli_import_neither_sqlalchemy_nor_storage_nor_ops_nor_orm_records():
    offenders = {
        str(path.relative_to(PACKAGE_DIR.parent)): roads
        for directory in CHECKED_DIRS
        for path in sorted(directory.rglob("*.py"))
        if (roads := _roads_around_the_facade(path))
    }
    assert not offenders, f"go through fko_desktop.unit instead: {offenders}"


def test_the_check_knows_the_record_classes_and_would_catch_a_session(tmp_path):
    # The check itself can fail: it sees the ORM classes and every kind of import.
    assert {"Citizen", "JournalNote", "StaffMember", "GoalStatus"} <= RECORD_CLASSES
    assert models_package.Citizen.__name__ in RECORD_CLASSES
    sample = PACKAGE_DIR / "ui" / "_sample_for_test.py"
    sample.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from sqlalchemy.orm import Session\n"
        "def f():\n    from ..ops import journal\n    from fko_desktop.models import Citizen, Area\n",
        encoding="utf-8",
    )
    try:
        assert _roads_around_the_facade(sample) == [
            "sqlalchemy.orm",
            "fko_desktop.ops",
            "fko_desktop.models.Citizen",
        ]
    finally:
        sample.unlink()
