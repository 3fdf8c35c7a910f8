"""Holding a unit file's schema and search index to what the product relies on, read-only.

``schema_problems`` compares ``sqlite_master`` with the schema the migrations make for the
file's revision (see ``schema_manifest``): an unknown trigger would run on the next write, a
missing protection trigger would let notes be deleted, a changed one could do either.

``fts_problems`` runs FTS5's own integrity check, which is an INSERT and cannot run on a
read-only connection; it runs on a private temporary copy instead, so the unit file is never
written to. It costs a copy of the whole file, so only ``fko check`` runs it.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fko_desktop.errors import UnitFileError
from fko_desktop.storage import cipher
from fko_desktop.storage.schema_manifest import SchemaObject, load_expected, read_schema

# Danish names of the kinds of schema object, for the messages.
_KIND = {"trigger": "trigger", "view": "visning", "table": "tabel", "index": "indeks"}
# Triggers first: they are what runs by itself; then views, tables, indexes.
_KIND_ORDER = {kind: position for position, kind in enumerate(_KIND)}

_FTS5 = re.compile(r"^CREATE VIRTUAL TABLE \S+ USING fts5\(", re.IGNORECASE)
_CONTENT = re.compile(r"\bcontent\s*=\s*'([^']*)'", re.IGNORECASE)


def _order(obj: SchemaObject) -> tuple[int, str]:
    return _KIND_ORDER.get(obj.type, len(_KIND_ORDER)), obj.name


def _where(obj: SchemaObject, views: set[str]) -> str:
    """ " på tabellen x" for an index or trigger; nothing for a table or view."""
    if obj.type not in ("index", "trigger"):
        return ""
    return f" på visningen {obj.tbl_name}" if obj.tbl_name in views else f" på tabellen {obj.tbl_name}"


def schema_problems(connection: sqlite3.Connection, revision: str) -> list[str]:
    """One Danish line per schema object that is unknown, changed or missing for ``revision``.

    Reads only ``sqlite_master``; ``revision`` must be one of the known revisions.
    """
    expected = {(obj.type, obj.name): obj for obj in load_expected(revision)}
    actual = {(obj.type, obj.name): obj for obj in read_schema(connection)}
    views = {name for type_, name in actual if type_ == "view"}
    unknown = sorted((actual[key] for key in actual.keys() - expected.keys()), key=_order)
    changed = sorted(
        (actual[key] for key in actual.keys() & expected.keys() if actual[key] != expected[key]), key=_order
    )
    missing = sorted((expected[key] for key in expected.keys() - actual.keys()), key=_order)
    return (
        [f"ukendt {_KIND.get(obj.type, obj.type)} »{obj.name}«{_where(obj, views)}" for obj in unknown]
        + [f"{_KIND.get(obj.type, obj.type)} »{obj.name}« er ændret" for obj in changed]
        + [f"{_KIND.get(obj.type, obj.type)} »{obj.name}« mangler" for obj in missing]
    )


def _fts_tables(connection: sqlite3.Connection, revision: str) -> list[tuple[str, str]]:
    """(FTS5 table, its content table or "") for each expected FTS5 table the file has as expected.

    One that is missing or changed, or whose content table is, is already a schema problem;
    checking it would only repeat that (or run FTS5 on a definition we did not write).
    """
    expected = load_expected(revision)
    present = read_schema(connection)
    tables = []
    for obj in sorted(expected):
        if obj.type != "table" or not _FTS5.match(obj.sql) or obj not in present:
            continue
        match = _CONTENT.search(obj.sql)
        content = match.group(1) if match else ""
        if content and not any(
            other.type == "table" and other.name == content and other in present for other in expected
        ):
            continue
        tables.append((obj.name, content))
    return tables


@contextmanager
def private_copy(source: Any, key: bytes | None = None) -> Iterator[Any]:
    """A consistent copy of ``source`` in a private temporary database, gone when closed.

    SQLite's empty file name: a temporary database no other connection can see, kept in
    memory while it fits the page cache and deleted by SQLite itself when closed, so a copy of
    personal data is not left behind in a temporary folder even if the program is killed.
    """
    # An encrypted file's copy is keyed the same (SQLCipher's backup needs it; it stays encrypted).
    copy = cipher.connect_new("", key) if key else sqlite3.connect("", check_same_thread=False)
    copy.isolation_level = None
    try:
        try:
            source.backup(copy)
        except cipher.DatabaseError as error:
            if _is_corruption(error):
                raise  # the unit file's own damage, reported as such by the caller
            # A full or unwritable temporary folder says nothing about the unit file.
            raise UnitFileError(
                f"Søgeindekset kan ikke kontrolleres, fordi der ikke kan laves en midlertidig kopi ({error})."
            ) from error
        # Nothing in the copied schema may call functions or virtual tables with side effects.
        copy.execute("PRAGMA trusted_schema=OFF")
        yield copy
    finally:
        copy.close()


def _is_corruption(error: Exception) -> bool:
    return (getattr(error, "sqlite_errorname", None) or "").startswith("SQLITE_CORRUPT")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def fts_problems(connection: Any, revision: str, *, key: bytes | None = None) -> list[str]:
    """One Danish line per FTS5 search index that is damaged or out of step with its notes.

    ``connection`` may be read-only: the check runs on a private copy of it. For an
    external-content table, rank 1 makes FTS5 compare the index with the content table (a
    stale index is consistent in itself and passes without it).
    """
    tables = _fts_tables(connection, revision)
    if not tables:
        return []
    problems = []
    with private_copy(connection, key) as copy:
        for table, content in tables:
            name = _quote(table)
            try:
                copy.execute(
                    f"INSERT INTO {name}({name}, rank) VALUES ('integrity-check', ?)", (1 if content else 0,)
                )
            except cipher.DatabaseError as error:
                problems.append(_fts_problem(table, content, error))
    return problems


def _fts_problem(table: str, content: str, error: Exception) -> str:
    against = f" eller passer ikke med tabellen {content}" if content else ""
    # FTS5 reports both a damaged and a stale index as "malformed", which the sentence already
    # says; any other error is unexpected and worth quoting.
    detail = "" if _is_corruption(error) else f" ({error})"
    return f"søgeindekset »{table}« er beskadiget{against}{detail}"
