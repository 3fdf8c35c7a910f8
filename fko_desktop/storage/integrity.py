"""Deciding, without writing a byte, whether a file is a sound unit file."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fko_desktop.errors import UnitFileError
from fko_desktop.storage import chain_check, cipher
from fko_desktop.storage.schema import APPLICATION_ID, known_revisions
from fko_desktop.storage.schema_check import fts_problems, schema_problems

SQLITE_HEADER = b"SQLite format 3\x00"


def readonly_uri(path: Path) -> str:
    return f"file:{quote(str(path.resolve()))}?mode=ro"


def connect_readonly(path: Path, *, immutable: bool = False, key: bytes | None = None) -> Any:
    """A read-only connection; an encrypted file needs its ``key`` (``cipher.key_for``)."""
    uri = readonly_uri(path) + ("&immutable=1" if immutable else "")
    return cipher.connect(uri, key=key, uri=True, check_same_thread=False)


def _closed_wal_file(path: Path, header: bytes) -> bool:
    """A WAL-mode file with no ``-wal`` beside it: nobody has it open and all of it is in the file.

    Such a file is checked as immutable, because a plain read-only connection to a WAL-mode
    database creates ``-wal`` and ``-shm`` files beside it and cannot remove them again.
    """
    no_wal = not path.with_name(path.name + "-wal").exists()
    if not header.startswith(SQLITE_HEADER):
        return no_wal  # encrypted: the header is ciphertext, and a unit file is always in WAL mode
    return header[18] == 2 and header[19] == 2 and no_wal


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
    if len(header) == 100 and not header.startswith(SQLITE_HEADER) and cipher.is_encrypted(path):
        return header  # a krypteret enhedsfil: its header is checked once it is unlocked
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        # An encrypted file copied without its key file looks like random bytes, by design.
        hint = (
            f" Er den en krypteret enhedsfil, mangler nøglefilen {cipher.key_path_for(path).name} ved "
            "siden af; den åbnes da med gendannelsesnøglen (»fko recover«)."
            if len(header) == 100
            else ""
        )
        raise UnitFileError(
            f"{path.name} er ikke en FKO-enhedsfil (filen er beskadiget, afkortet eller af en anden "
            f"type).{hint}"
        )
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise UnitFileError(f"{path.name} er en database, men ikke en FKO-enhedsfil.")
    return header


@dataclasses.dataclass(frozen=True)
class FileInspection:
    """What a read-only look at a unit file found: its revision and what is not as expected."""

    revision: str
    problems: tuple[str, ...]  # one Danish line each; empty for a file that is as it should be
    #: An encrypted unit file (SQLCipher).
    encrypted: bool = False
    #: Encrypted and not unlocked yet: only the key file was read (``revision`` is empty);
    #: the file is checked in full when it is opened with its key.
    needs_key: bool = False
    #: The unit's name as its key file gives it (an encrypted file's only readable fact).
    unit_name: str | None = None
    #: The first break in the tamper-evident history (Danish), or None (``chain_check``).
    history_problem: str | None = None
    #: The heads of its hash chains (``chain_head.Heads``), for a backup's sidecar.
    history_heads: Any = dataclasses.field(default=None, compare=False)


def _open_readonly(path: Path, header: bytes, key: bytes | None) -> Any:
    try:
        return connect_readonly(path, immutable=_closed_wal_file(path, header), key=key)
    except cipher.Error as error:
        raise UnitFileError(f"{path.name} kan ikke åbnes: {error}.") from error


def _verify_pages(connection: Any, path: Path, *, full: bool) -> None:
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


def _read_revision(connection: Any, path: Path) -> str:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except cipher.OperationalError as error:
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


def inspect_unit_file(path: Path, *, full: bool = False, key: bytes | None = None) -> FileInspection:
    """Look at the file read-only: its revision, and every way its schema is not ours.

    Raises UnitFileError for a damaged, foreign, incomplete or too new file. ``full`` runs
    ``integrity_check``, a foreign-key check and FTS5's check of the search indexes on a
    private copy (for ``fko check``); opening runs the faster ``quick_check``, which still
    reads every page and catches truncation. The schema is compared with the expected one
    either way: it costs one read of ``sqlite_master``.

    An encrypted file is checked with ``key``, or with the key this process unlocked it with;
    without either, only its key file is read (``needs_key``): before the login, nothing else
    of it can be.
    """
    header = verify_header(path)
    encrypted, unit_name = not header.startswith(SQLITE_HEADER), None
    if encrypted:
        data = cipher.read_key_file_json(path) or {}
        unit_name = str(data.get("unit_name") or "") or None
        key = key or cipher.remembered(str(data.get("key_check")))
        if key is None:
            return FileInspection("", (), encrypted=True, needs_key=True, unit_name=unit_name)
        if cipher.key_check(key) != data.get("key_check"):
            raise UnitFileError(f"Nøglefilen {cipher.key_path_for(path).name} hører ikke til {path.name}.")
    connection = _open_readonly(path, header, key if encrypted else None)
    try:
        _verify_pages(connection, path, full=full)
        revision = _read_revision(connection, path)
        problems = schema_problems(connection, revision)
        if full:
            problems += fts_problems(connection, revision, key=key if encrypted else None)
        history = chain_check.verify_file_history(connection, path, full=full)
    except cipher.DatabaseError as error:
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
    return FileInspection(
        revision,
        tuple(problems),
        encrypted=encrypted,
        unit_name=unit_name,
        history_problem=history.problem,
        history_heads=history.heads,
    )


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
    if inspection.needs_key:
        raise UnitFileError(f"{path.name} er en krypteret enhedsfil; log ind for at kontrollere den.")
    if full and inspection.problems:
        raise UnitFileError(
            f"{path.name} er ikke i orden: {describe_problems(inspection.problems)}; "
            "åbn en sikkerhedskopi i stedet."
        )
    if full and inspection.history_problem:
        raise UnitFileError(f"{path.name} er ikke i orden: {inspection.history_problem}")
    return inspection.revision
