"""Statements that have no portable SQLAlchemy form, written here once per database dialect.

Everything above ``storage`` writes portable SQLAlchemy, so that the one place to change for
another database is this package. What SQLAlchemy cannot say portably — an upsert, rows handed
straight to the driver, a connection's page cache — is a function here that picks the
statement by the dialect of the session's connection. A dialect without an entry is refused
with ``NotImplementedError`` instead of being sent SQL it does not speak.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session

from fko_desktop.models.base import Base

#: Rows per upsert statement: rows × columns bound values stay far below SQLite's limit
#: (32,766 since 3.32) and PostgreSQL's (65,535), and the statement's text stays small.
UPSERT_ROWS_PER_STATEMENT = 500

#: Placeholder for the n-th (1-based) value of a row, by the driver's DB-API paramstyle.
_PLACEHOLDERS = {
    "qmark": lambda n: "?",
    "format": lambda n: "%s",
    "pyformat": lambda n: "%s",
    "numeric": lambda n: f":{n}",
}


def _unsupported(what: str, dialect: str) -> NotImplementedError:
    return NotImplementedError(f"{what} is not written for the {dialect} database dialect")


def upsert(
    session: Session,
    table: type[Base] | Table,
    rows: Sequence[Mapping[str, Any]],
    key_columns: Sequence[str],
    update_columns: Sequence[str],
) -> None:
    """Insert ``rows``; where a row's ``key_columns`` match a stored row, update that row's
    ``update_columns`` to the new values instead.

    A Core statement: it passes no ORM hook, so it writes no audit event (callers use it for
    bookkeeping rows, where thousands of events would bury the one that says what happened).
    ``key_columns`` must be the columns of a unique index or the primary key.
    """
    dialect = session.get_bind().dialect.name
    keys = list(key_columns)
    for start in range(0, len(rows), UPSERT_ROWS_PER_STATEMENT):
        chunk = [dict(row) for row in rows[start : start + UPSERT_ROWS_PER_STATEMENT]]
        # Two branches with the same text: each dialect's insert() is its own class.
        if dialect == "sqlite":
            lite = sqlite.insert(table).values(chunk)
            session.execute(
                lite.on_conflict_do_update(
                    index_elements=keys, set_={name: lite.excluded[name] for name in update_columns}
                )
            )
        elif dialect == "postgresql":
            from sqlalchemy.dialects import postgresql  # ≈100 ms of imports a SQLite unit never needs

            pg = postgresql.insert(table).values(chunk)
            session.execute(
                pg.on_conflict_do_update(
                    index_elements=keys, set_={name: pg.excluded[name] for name in update_columns}
                )
            )
        else:
            raise _unsupported("upsert", dialect)


def insert_stored_values(
    session: Session, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert ``rows`` (tuples in the order of ``columns``) straight through the DB-API driver.

    For bulk loads of values that are already in their stored form (timestamps as the text
    ``UtcDateTime`` stores, scores as numbers): no type processing and no ORM, so it is fast —
    and audits nothing. The statement is written in the driver's own parameter style, which is
    why it is here.
    """
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    placeholder = _PLACEHOLDERS.get(dialect.paramstyle)
    if placeholder is None:
        raise _unsupported(f"a driver insert in paramstyle {dialect.paramstyle}", dialect.name)
    quote = dialect.identifier_preparer.quote
    names = ", ".join(quote(column) for column in columns)
    values = ", ".join(placeholder(n) for n in range(1, len(columns) + 1))
    connection.exec_driver_sql(f"INSERT INTO {quote(table)} ({names}) VALUES ({values})", list(rows))


@contextmanager
def page_cache(session: Session, kib: int) -> Iterator[None]:
    """Let this session's connection cache ``kib`` KiB of the file while the block runs.

    For a bulk build: SQLite's default cache (2 MB) thrashes when millions of rows go into a
    full-text index. The connection's own size comes back afterwards, since the pool hands the
    connection on. Other databases size their caches for the whole server: nothing to do there.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    before = int(connection.exec_driver_sql("PRAGMA cache_size").scalar_one())
    # Negative: a size in KiB, not a number of pages.
    connection.exec_driver_sql(f"PRAGMA cache_size=-{int(kib)}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size={before}")
