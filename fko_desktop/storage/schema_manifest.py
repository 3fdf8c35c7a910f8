"""The schema objects each revision's migrations make, shipped as data to hold a file to.

A unit file is an SQLite database anybody can edit with any tool, and SQLite runs whatever
triggers the file carries on the next write. So a file is only trusted when its
``sqlite_master`` holds exactly what our migrations create for its revision: no unknown
trigger, view, table or index, none missing, none changed.

The expected objects live in ``expected_schema/<revision>.json``, made by running the
migrations on an empty database::

    python -m fko_desktop.storage.schema_manifest --write

Loading them is a JSON read (no Alembic, no SQLAlchemy), because opening a file must stay
fast. A test regenerates them and fails when they differ from the shipped files.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import sqlite3
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

EXPECTED_DIR = Path(__file__).resolve().parent / "expected_schema"
WRITE_COMMAND = "python -m fko_desktop.storage.schema_manifest --write"

# Tables SQLite makes by itself (AUTOINCREMENT bookkeeping, ANALYZE statistics): whether they
# exist depends on what was done with the file, not on its revision, and no trigger hides there.
_SQLITE_OWN_TABLES = frozenset(
    {"sqlite_sequence", "sqlite_stat1", "sqlite_stat2", "sqlite_stat3", "sqlite_stat4"}
)


@dataclasses.dataclass(frozen=True, order=True)
class SchemaObject:
    """One row of ``sqlite_master`` without its page number, SQL with whitespace collapsed."""

    type: str  # "table", "view", "index" or "trigger"
    name: str
    tbl_name: str
    sql: str


def normalise_sql(sql: str | None) -> str:
    # Only whitespace: SQLite keeps the statement text as written, and line breaks and
    # indentation are all that differ between equivalent ways of writing our own DDL.
    return " ".join((sql or "").split())


def _is_sqlite_own(type_: str, name: str, sql: str | None) -> bool:
    if type_ == "index" and sql is None and name.startswith("sqlite_autoindex_"):
        return True  # made by a UNIQUE or PRIMARY KEY constraint, which the table's SQL shows
    return type_ == "table" and name in _SQLITE_OWN_TABLES


def read_schema(connection: sqlite3.Connection) -> frozenset[SchemaObject]:
    """The schema objects in the ``main`` database of ``connection`` (reads only sqlite_master)."""
    rows = connection.execute("SELECT type, name, tbl_name, sql FROM main.sqlite_master")
    return frozenset(
        SchemaObject(type_, name, tbl_name, normalise_sql(sql))
        for type_, name, tbl_name, sql in rows
        if not _is_sqlite_own(type_, name, sql)
    )


def manifest_path(revision: str) -> Path:
    return EXPECTED_DIR / f"{revision}.json"


@functools.cache
def load_expected(revision: str) -> frozenset[SchemaObject]:
    """The shipped schema of ``revision`` (FileNotFoundError if it was never generated)."""
    data = json.loads(manifest_path(revision).read_text(encoding="utf-8"))
    return frozenset(SchemaObject(**item) for item in data["objects"])


def to_json(revision: str, objects: frozenset[SchemaObject]) -> str:
    items = [dataclasses.asdict(obj) for obj in sorted(objects)]
    return json.dumps({"revision": revision, "objects": items}, ensure_ascii=False, indent=2) + "\n"


def generate() -> dict[str, frozenset[SchemaObject]]:
    """Run the migrations on an empty database, one revision at a time, and read each schema."""
    # Imported here: only the generator and its test need Alembic and SQLAlchemy.
    from sqlalchemy import create_engine

    from fko_desktop.storage import schema

    result: dict[str, frozenset[SchemaObject]] = {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "schema.fko"
        engine = create_engine(f"sqlite:///{path}")
        try:
            for revision in sorted(schema.known_revisions()):
                with engine.begin() as connection:
                    schema.upgrade(connection, revision)
                reader = sqlite3.connect(path)
                try:
                    result[revision] = read_schema(reader)
                finally:
                    reader.close()
        finally:
            engine.dispose()
    return result


def write_all() -> list[Path]:
    """Regenerate every ``expected_schema/*.json`` and remove files of revisions that are gone."""
    EXPECTED_DIR.mkdir(exist_ok=True)
    generated = generate()
    written = []
    for revision, objects in generated.items():
        path = manifest_path(revision)
        path.write_text(to_json(revision, objects), encoding="utf-8")
        written.append(path)
    for stale in EXPECTED_DIR.glob("*.json"):
        if stale.stem not in generated:
            stale.unlink()
    load_expected.cache_clear()
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m fko_desktop.storage.schema_manifest",
        description="Regenerate the expected schema of every revision from the migrations.",
    )
    parser.add_argument("--write", action="store_true", help="write expected_schema/*.json")
    args = parser.parse_args(argv)
    if not args.write:
        parser.print_help()
        return 2
    for path in write_all():
        print(path)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
