"""The chain heads kept outside the unit file, so a shortened chain is noticed too.

A chain verifies link by link, but one cut off after any row is still a valid chain. So the
head this PC last saw of each chain (last id, its chain hash, the number of rows) is written
after every commit to a small private file in the user's data folder, one per unit file (by
unit uid and the file's place: a copy of the unit elsewhere, such as a backup or the copy made
from a network share, is not a cut-off of this one), and beside every backup. ``fko check`` and the open
compare the file with it: a chain shorter than the head, or another hash at its id, was
truncated or rewritten.

The file is also where opening starts verifying from: rows up to the recorded head were
verified (or written by this program) before, so only the rows after it are checked on open.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
from pathlib import Path
from typing import Any

from fko_desktop.storage import files, paths

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class Head:
    """The last row of one chain: its id, its chain hash and how many rows the chain has."""

    id: int
    chain_hash: str
    count: int

    def as_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> Head | None:
        try:
            return cls(int(data["id"]), str(data["chain_hash"]), int(data["count"]))
        except (KeyError, TypeError, ValueError):
            return None


Heads = dict[str, Head]


def heads_from_json(data: Any) -> Heads:
    if not isinstance(data, dict):
        return {}
    heads = {table: Head.from_json(value) for table, value in data.items()}
    return {table: head for table, head in heads.items() if head is not None}


def heads_as_json(heads: Heads) -> dict[str, Any]:
    return {table: head.as_json() for table, head in heads.items()}


def head_path(unit_uid: str, unit_path: Path | str) -> Path:
    place = hashlib.sha256(str(Path(unit_path).resolve()).encode("utf-8")).hexdigest()[:16]
    return paths.data_dir() / "chain" / f"{unit_uid}-{place}.json"


def recorded(unit_uid: str, unit_path: Path | str) -> Heads:
    """The heads this PC last saw of the unit file's chains; empty if it never saw it."""
    try:
        return heads_from_json(json.loads(head_path(unit_uid, unit_path).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return {}


def record(unit_uid: str, unit_path: Path | str, heads: Heads) -> None:
    """Keep ``heads`` as the last seen, never going back: a shorter head would hide a cut.

    A restore that puts an older file in place on purpose calls ``replace`` instead.
    """
    current = recorded(unit_uid, unit_path)
    merged = dict(current)
    for table, head in heads.items():
        seen = current.get(table)
        if seen is None or head.id >= seen.id:
            merged[table] = head
    if merged != current:
        replace(unit_uid, unit_path, merged)


def replace(unit_uid: str, unit_path: Path | str, heads: Heads) -> None:
    path = head_path(unit_uid, unit_path)
    try:
        files.private_dir(path.parent)
        files.write_file(path, json.dumps(heads_as_json(heads), sort_keys=True).encode(), replace=True)
    except (OSError, files.FileRefused) as error:
        # The commit stands; the next commit writes the head again.
        log.warning("chain head not written: %s", type(error).__name__)


def sidecar_path(backup: Path) -> Path:
    """Where a backup's chain heads are kept: beside it, named after it."""
    return backup.with_name(backup.name + ".chain.json")


def write_sidecar(backup: Path, heads: Heads) -> Path:
    data = {"heads": heads_as_json(heads)}
    return files.write_file(sidecar_path(backup), json.dumps(data, sort_keys=True).encode())


def read_sidecar(backup: Path) -> Heads:
    """The heads recorded beside a backup when it was made; empty for one without a sidecar."""
    try:
        data = json.loads(sidecar_path(backup).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return heads_from_json(data.get("heads") if isinstance(data, dict) else None)
