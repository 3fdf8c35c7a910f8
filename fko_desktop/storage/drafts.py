"""Unsaved form content kept on disk, so nothing typed is lost to a crash or a closed window.

An editor writes its fields here (debounced) while the user types and removes the draft when
the record is saved. On the next start the window finds the draft and offers to restore it.
Drafts live beside the user's data, one JSON file per (unit file, editor, record), written
atomically so a crash mid-write leaves the previous draft intact. A draft of an encrypted unit
is encrypted too (age, to an identity derived from the unit's secret): what was typed about a
citizen is never readable at rest when the unit file itself is not.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import pyrage

from fko_desktop.storage import files, keyfile, paths


class DraftStore:
    def __init__(self, unit_uid: str, directory: Path | None = None, *, key: bytes | None = None) -> None:
        self.unit_uid = unit_uid
        self.directory = (directory or paths.data_dir() / "drafts") / unit_uid
        self._identity = keyfile.drafts_identity(key) if key is not None else None

    def _encode(self, payload: dict[str, Any]) -> bytes:
        data = json.dumps(payload, ensure_ascii=False, default=str).encode("utf-8")
        if self._identity is None:
            return data
        return pyrage.encrypt(data, [self._identity.to_public()])

    def _decode(self, path: Path) -> dict[str, Any]:
        data = path.read_bytes()
        if self._identity is not None:
            data = pyrage.decrypt(data, [self._identity])
        decoded: dict[str, Any] = json.loads(data.decode("utf-8"))
        return decoded

    def _path(self, editor: str, record_key: str) -> Path:
        digest = hashlib.sha1(f"{editor}:{record_key}".encode()).hexdigest()[:16]
        return self.directory / f"{editor}-{digest}.json"

    def save(self, editor: str, record_key: str, fields: dict[str, Any]) -> None:
        # Drafts hold what was typed about a citizen (CPR numbers, note text): private files
        # in private folders, like the unit file itself.
        files.private_dir(self.directory)
        target = self._path(editor, record_key)
        payload = {
            "editor": editor,
            "record_key": record_key,
            "saved_at": dt.datetime.now(dt.UTC).isoformat(),
            "fields": fields,
        }
        files.write_file(target, self._encode(payload), replace=True)

    def load(self, editor: str, record_key: str) -> dict[str, Any] | None:
        try:
            data = self._decode(self._path(editor, record_key))
        except (OSError, ValueError, pyrage.DecryptError):
            return None  # none, unreadable, or written with another key: nothing to restore
        return data.get("fields")

    def discard(self, editor: str, record_key: str) -> None:
        self._path(editor, record_key).unlink(missing_ok=True)

    def pending(self) -> list[dict[str, Any]]:
        """Every draft left for this unit (for "restore unsaved work?" at start-up)."""
        if not self.directory.is_dir():
            return []
        found = []
        for path in sorted(self.directory.glob("*.json")):
            try:
                found.append(self._decode(path))
            except (OSError, ValueError, pyrage.DecryptError):
                continue
        return found
