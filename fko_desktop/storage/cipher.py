"""Connections to unit files, plain (sqlite3) or encrypted at rest (SQLCipher, issue 13).

An encrypted unit file starts with SQLCipher's random salt instead of SQLite's header, so it
is told apart by that and by its key file (``Bostedet.fko.keys``) beside it. Its key is a
random 32-byte unit secret handed to SQLCipher as a raw key (``PRAGMA key = "x'…'"``): no
key derivation per connection, so an encrypted file opens about as fast as a plain one.

Every raw connection in ``storage`` (checks, backups, restores, read-only copies) comes from
``connect`` here, so each of them handles both kinds. The keys of the files opened in this
process are kept in memory only, by their check value (the same key opens a unit file and its
backups): never written in clear, never logged.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sqlite3
import stat
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

from fko_desktop.errors import UnitFileError

SQLITE_HEADER = b"SQLite format 3\x00"
KEY_FILE_SUFFIX = ".keys"
KEY_BYTES = 32
MAX_KEY_FILE_BYTES = 1 << 20

#: sqlcipher3's exceptions are its own classes, not sqlite3's; callers catch both.
Error: tuple[type[Exception], ...] = (sqlite3.Error, sqlcipher.Error)
DatabaseError: tuple[type[Exception], ...] = (sqlite3.DatabaseError, sqlcipher.DatabaseError)
OperationalError: tuple[type[Exception], ...] = (sqlite3.OperationalError, sqlcipher.OperationalError)

SqlcipherError = sqlcipher.Error

#: The DB-API module SQLAlchemy is given for an encrypted file, so it wraps its errors.
SQLCIPHER_MODULE = sqlcipher

# check value -> key, for the files unlocked in this process.
_keys: dict[str, bytes] = {}


def key_path_for(path: Path) -> Path:
    """The key file beside a unit file or backup: ``Bostedet.fko`` → ``Bostedet.fko.keys``."""
    return path.with_name(path.name + KEY_FILE_SUFFIX)


def key_check(key: bytes) -> str:
    """A value that tells which key opens a file, without telling anything about the key."""
    return hmac.new(key, b"fko-desktop unit key check", hashlib.sha256).hexdigest()


def remember(key: bytes) -> None:
    if len(key) != KEY_BYTES:
        raise ValueError("a unit key is 32 bytes")
    _keys[key_check(key)] = key


def forget_all() -> None:
    _keys.clear()


def remembered(check: str) -> bytes | None:
    return _keys.get(check)


def has_sqlite_header(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == SQLITE_HEADER
    except OSError:
        return False


def read_key_file_json(path: Path) -> dict[str, Any] | None:
    """The parsed key file beside ``path``; None when there is none or it is not one of ours."""
    keys = key_path_for(path)
    try:
        # A regular file of bounded size only: a FIFO or /dev/zero in its place is not read.
        if not stat.S_ISREG(os.stat(keys).st_mode):
            return None
        with open(keys, "rb") as handle:
            data = json.loads(handle.read(MAX_KEY_FILE_BYTES + 1)[:MAX_KEY_FILE_BYTES])
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != "fko-desktop-keys":
        return None
    return data


def is_encrypted(path: Path) -> bool:
    """An encrypted unit file (or backup): no SQLite header, and our key file beside it."""
    return path.is_file() and not has_sqlite_header(path) and read_key_file_json(path) is not None


def key_for(path: Path) -> bytes | None:
    """The key that opens ``path``: None for a plain file; refused when it is not unlocked."""
    if has_sqlite_header(path):
        return None
    data = read_key_file_json(path)
    if data is None:
        raise UnitFileError(
            f"{path.name} er ikke en FKO-enhedsfil, eller den er krypteret og nøglefilen "
            f"{key_path_for(path).name} mangler; en krypteret fil åbnes da kun med "
            "gendannelsesnøglen (»fko recover«)."
        )
    key = remembered(str(data.get("key_check")))
    if key is None:
        raise UnitFileError(
            f"{path.name} er en krypteret enhedsfil (»{data.get('unit_name', '')}«); log ind for at åbne den."
        )
    return key


def _pragma_key(key: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect(database: str | Path, *, key: bytes | None, uri: bool = False, **kwargs: Any) -> Any:
    """A DB-API connection: sqlite3 for a plain file, SQLCipher keyed with ``key`` otherwise.

    The key is the first statement, as SQLCipher requires; a wrong key is found at the first
    read, which is done here so the caller gets a Danish refusal instead of "file is not a
    database" on some later query.
    """
    if key is None:
        return sqlite3.connect(database, uri=uri, **kwargs)
    connection = sqlcipher.connect(str(database), uri=uri, **kwargs)
    try:
        connection.execute(_pragma_key(key))
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as error:
        connection.close()
        if "not a database" in str(error):
            raise UnitFileError("Nøglen passer ikke til den krypterede enhedsfil.") from error
        raise
    return connection


def connect_new(path: str | Path, key: bytes | None) -> Any:
    """A connection that creates ``path`` (a new unit file or a backup's destination)."""
    if key is None:
        return sqlite3.connect(path)
    connection = sqlcipher.connect(str(path))
    connection.execute(_pragma_key(key))
    return connection


def export_encrypted(plain: Path, encrypted: Path, key: bytes) -> None:
    """Write an encrypted copy of the plain unit file ``plain`` (SQLCipher's documented
    ``sqlcipher_export``); ``encrypted`` must not exist yet."""
    connection = sqlcipher.connect(str(plain))
    try:
        connection.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(encrypted), f"x'{key.hex()}'"))
        connection.execute("SELECT sqlcipher_export('encrypted')")
        version = connection.execute("PRAGMA main.user_version").fetchone()[0]
        connection.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        application_id = connection.execute("PRAGMA main.application_id").fetchone()[0]
        connection.execute(f"PRAGMA encrypted.application_id = {int(application_id)}")
        connection.execute("DETACH DATABASE encrypted")
    finally:
        connection.close()
