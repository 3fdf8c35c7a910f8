"""The hash-chain rules for the models' hooks: see ``fko_desktop.hashchain``.

The rules themselves live outside this package because the opening check
(``storage/chain_check.py``) uses them and must not import SQLAlchemy, which importing
``fko_desktop.models`` does.
"""

from fko_desktop.hashchain import (
    CHAIN_CONTENT,
    CHAIN_FIELDS,
    CHAIN_TIME,
    GENESIS,
    HEADS,
    LEGAL_FIELDS,
    TAGGED,
    canonical_json,
    digest,
    erased,
    is_tombstone,
    link,
    record_hash,
    record_hashes,
    row_content,
    tombstone,
)

__all__ = [
    "CHAIN_CONTENT",
    "CHAIN_FIELDS",
    "CHAIN_TIME",
    "GENESIS",
    "HEADS",
    "LEGAL_FIELDS",
    "TAGGED",
    "canonical_json",
    "digest",
    "erased",
    "is_tombstone",
    "link",
    "record_hash",
    "record_hashes",
    "row_content",
    "tombstone",
]
