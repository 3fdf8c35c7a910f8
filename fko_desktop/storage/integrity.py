"""Deciding, without writing a byte, whether a file is a sound unit file."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from fko_desktop.errors import UnitFileError
from fko_desktop.storage.schema import APPLICATION_ID, known_revisions
from fko_desktop.storage.schema_check import fts_problems, schema_problems

SQLITE_HEADER = b"SQLite format 3\x00"


def readonly_uri(path: Path) -> str:
    return f"file:{quote(str(path.resolve()))}?mode=ro"


def connect_readonly(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    uri = readonly_uri(path) + ("&immutable=1" if immutable else "")
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def _closed_wal_file(path: Path, header: bytes) -> bool:
    """A WAL-mode file with no ``-wal`` beside it: nobody has it open and all of it is in the file.

    Such a file is checked as immutable, because a plain read-only connection to a WAL-mode
    database creates ``-wal`` and ``-shm`` files beside it and cannot remove them again.
    """
    return header[18] == 2 and header[19] == 2 and not path.with_name(path.name + "-wal").exists()


def verify_header(path: Path) -> bytes:
    """Refuse a missing, truncated, foreign or random file from its first 100 bytes."""
    if not path.exists():
        raise UnitFileError(f"Filen {path} findes ikke.")
    if not path.is_file():
        raise UnitFileError(f"{path} er ikke en fil.")
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise UnitFileError(f"Filen {path.name} kan ikke læses: {error.strerror}.") from error
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise UnitFileError(
            f"{path.name} er ikke en FKO-enhedsfil (filen er beskadiget, afkortet eller af en anden type)."
        )
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise UnitFileError(f"{path.name} er en database, men ikke en FKO-enhedsfil.")
    return header


@dataclasses.dataclass(frozen=True)
class FileInspection:
    """What a read-only look at a unit file found: its revision and what is not as expected."""

    revision: str
    problems: tuple[str, ...]  # one Danish line each; empty for a file that is as it should be


def _open_readonly(path: Path, header: bytes) -> sqlite3.Connection:
    try:
        return connect_readonly(path, immutable=_closed_wal_file(path, header))
    except sqlite3.Error as error:
        raise UnitFileError(f"{path.name} kan ikke åbnes: {error}.") from error


def _verify_pages(connection: sqlite3.Connection, path: Path, *, full: bool) -> None:
    pragma = "integrity_check" if full else "quick_check"
    result = [row[0] for row in connection.execute(f"PRAGMA {pragma}")]
    if result != ["ok"]:
        raise UnitFileError(
            f"{path.name} er beskadiget ({' '.join(result[0].split())}); åbn en sikkerhedskopi i stedet."
        )
    if full:
        broken = connection.execute("PRAGMA foreign_key_check").fetchone()
        if broken:
            raise UnitFileError(
                f"{path.name} er beskadiget (en henvisning i tabellen {broken[0]} peger på en post, "
                "der ikke findes)."
            )


def _read_revision(connection: sqlite3.Connection, path: Path) -> str:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError as error:
        raise UnitFileError(f"{path.name} mangler sin skemaversion; filen er ufuldstændig.") from error
    if row is None:
        raise UnitFileError(f"{path.name} mangler sin skemaversion; filen er ufuldstændig.")
    revision = row[0]
    if revision not in known_revisions():
        raise UnitFileError(
            f"{path.name} er lavet med en nyere version af FKO Desktop (skema {revision}); "
            "opdatér programmet for at åbne den."
        )
    return revision


def inspect_unit_file(path: Path, *, full: bool = False) -> FileInspection:
    """Look at the file read-only: its revision, and every way its schema is not ours.

    Raises UnitFileError for a damaged, foreign, incomplete or too new file. ``full`` runs
    ``integrity_check``, a foreign-key check and FTS5's check of the search indexes on a
    private copy (for ``fko check``); opening runs the faster ``quick_check``, which still
    reads every page and catches truncation. The schema is compared with the expected one
    either way: it costs one read of ``sqlite_master``.
    """
    header = verify_header(path)
    connection = _open_readonly(path, header)
    try:
        _verify_pages(connection, path, full=full)
        revision = _read_revision(connection, path)
        problems = schema_problems(connection, revision)
        if full:
            problems += fts_problems(connection, revision)
    except sqlite3.DatabaseError as error:
        if "readonly" in str(error) and _hot_journal(path):
            # Not damage: a writer was stopped mid-change. Only a writer may roll it back
            # (UnitFile.open does, under the lock); a read-only look cannot.
            raise UnitFileError(
                f"{path.name} har en afbrudt ændring ({path.name}-journal), som rulles tilbage, "
                "næste gang filen åbnes til skrivning i FKO Desktop; intet gemt går tabt."
            ) from error
        raise UnitFileError(
            f"{path.name} er beskadiget ({error}); åbn en sikkerhedskopi i stedet."
        ) from error
    finally:
        connection.close()
    return FileInspection(revision, tuple(problems))


def _hot_journal(path: Path) -> bool:
    try:
        return path.with_name(path.name + "-journal").stat().st_size > 0
    except OSError:
        return False


# A message is one line; a file with a whole index dropped has a dozen problems.
_PROBLEMS_SHOWN = 5


def describe_problems(problems: Sequence[str]) -> str:
    """The problems as one Danish phrase, the first few named and the rest counted."""
    shown = ", ".join(problems[:_PROBLEMS_SHOWN])
    rest = len(problems) - _PROBLEMS_SHOWN
    if rest <= 0:
        return shown
    return f"{shown} og {rest} {'anden afvigelse' if rest == 1 else 'andre afvigelser'}"


def check_unit_file(path: Path, *, full: bool = False) -> str:
    """Verify the file read-only and return its schema revision.

    With ``full`` (``fko check``) a file whose schema or search index is not as expected is
    refused too; without it only damage is, and ``inspect_unit_file`` tells about the rest.
    """
    inspection = inspect_unit_file(path, full=full)
    if full and inspection.problems:
        raise UnitFileError(
            f"{path.name} er ikke i orden: {describe_problems(inspection.problems)}; "
            "åbn en sikkerhedskopi i stedet."
        )
    return inspection.revision
