"""What a log must not hold, how it is taken out of a text, and the clean-up of old logs
that still hold it.

Apart from ``fko_desktop.logs`` (which re-exports all of it) so that it imports nothing of
the package: ``storage.paths`` purges old logs at every start, and ``logs`` imports
``storage.paths`` for the log folder, so the purge cannot live in ``logs`` without the two
importing each other.
"""

from __future__ import annotations

import re
from pathlib import Path

#: How much of an error message a log keeps: enough to tell errors apart, too little for a note.
MESSAGE_LIMIT = 200

# SQLAlchemy appends "[SQL: …]", "[parameters: …]" and "(Background on this error at: …)",
# always in that order and always at the end. The parameters are reprs of user data and may
# contain "]" themselves, so everything from the first marker on is dropped, not matched.
_SQL_TAIL = re.compile(r"\[(?:SQL|parameters|generated in|cached since)\b.*", re.DOTALL | re.IGNORECASE)
_BACKGROUND = re.compile(r"\(Background on this error at:[^)]*\)", re.IGNORECASE)
# Ten digits as DDMMYY-SSSS, with the separators a CPR number is typed or pasted with.
_CPR_LIKE = re.compile(r"(?<!\d)\d{6}[-\u2010\u2011\u2013 ]?\d{4}(?!\d)")
CPR_MASK = "XXXXXX-XXXX"
_SQL_NOTE = " [SQL og parametre udeladt]"


def scrub(text: str, limit: int | None = MESSAGE_LIMIT) -> str:
    """``text`` without SQL statements, their parameters and CPR-like numbers, on one line
    and at most ``limit`` characters (None: no limit)."""
    text = str(text)
    cut = _SQL_TAIL.search(text)
    if cut:
        text = text[: cut.start()].rstrip() + _SQL_NOTE
    text = _BACKGROUND.sub("", text)
    text = _CPR_LIKE.sub(CPR_MASK, text)
    text = " ".join(text.split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


#: A log past this size is moved aside (one older generation is kept): logs never fill a disk.
MAX_LOG_BYTES = 1024 * 1024


def purge_unscrubbed_logs(folder: Path) -> list[Path]:
    """Delete log files written by earlier versions that still hold SQL parameters or CPR numbers.

    Those versions logged ``str(error)`` whole; such a file cannot be cleaned line by line
    with certainty, and a log is worth less than the data protection it breaks.
    """
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for path in folder.iterdir():
        if not (path.name.endswith(".log") or path.name.endswith(".log.1")):
            continue
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                text = handle.read(4 * MAX_LOG_BYTES)
        except OSError:
            continue
        if "[parameters:" in text or "[SQL:" in text or _CPR_LIKE.search(text):
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                continue
    return removed
