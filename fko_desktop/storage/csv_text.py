"""CSV for Danish Excel, shared by every export that writes one (audit trail, overview).

Danish Excel reads ``;`` between fields (``,`` is its decimal mark) and needs a byte-order mark
to take the file as UTF-8 rather than as Windows-1252 (æ, ø, å would be garbled).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A cell's text; a text that starts like a formula is quoted so it stays text.

    A name or a reason starting with ``=`` would run as a formula when Excel opens the file.
    Numbers are left alone: ``-2`` is a number there, not an attack.
    """
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def csv_bytes(rows: Iterable[Sequence[object]]) -> bytes:
    """The rows (the header row first, if any) as CSV bytes: ``;``, CRLF, UTF-8 with BOM."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return out.getvalue().encode("utf-8-sig")
