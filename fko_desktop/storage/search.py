"""Full-text search over journal and diary notes (SQLite FTS5, see migration 0002)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata

from sqlalchemy import text
from sqlalchemy.orm import Session

from fko_desktop.errors import ValidationError
from fko_desktop.models.scores import Score, from_storage

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclasses.dataclass(frozen=True)
class SearchHit:
    kind: str  # "journal" or "diary"
    note_id: int
    citizen_id: int
    citizen_name: str
    observed_at: dt.datetime
    author: str
    snippet: str
    score: Score | None
    withdrawn: bool
    #: The journal note's sub-goal text ("" for a diary note), so a hit says what it is about.
    sub_goal: str = ""
    sub_goal_id: int | None = None


def fts_query(user_text: str) -> str:
    """Turn what a user typed into an FTS5 query: every word must occur, as a word prefix.

    Words are quoted, so FTS5 operators typed by accident (AND, NEAR, a stray quote or
    asterisk) are searched for as words instead of breaking the query.
    """
    # NFC first: a decomposed "å" (a + combining ring, as pasted from some PDFs) would
    # otherwise split into the words "a" and "r".
    words = _WORD.findall(unicodedata.normalize("NFC", user_text).lower())
    if not words:
        raise ValidationError("Skriv mindst ét ord at søge efter.", field="search")
    return " ".join(f'"{word}"*' for word in words)


_QUERIES = {
    "journal": """
        SELECT n.id, n.citizen_id, c.name, n.observed_at, s.initials,
               snippet(journal_note_fts, 0, '[', ']', '…', 12), n.score, n.withdrawn_at,
               g.text, n.sub_goal_id
        FROM journal_note_fts f
        JOIN journal_note n ON n.id = f.rowid
        JOIN sub_goal g ON g.id = n.sub_goal_id
        JOIN citizen c ON c.id = n.citizen_id
        JOIN staff_member s ON s.id = n.author_id
        WHERE journal_note_fts MATCH :query {extra}
        ORDER BY n.observed_at DESC LIMIT :limit""",
    "diary": """
        SELECT n.id, n.citizen_id, c.name, n.observed_at, s.initials,
               snippet(diary_note_fts, 0, '[', ']', '…', 12), NULL, n.withdrawn_at,
               '', NULL
        FROM diary_note_fts f
        JOIN diary_note n ON n.id = f.rowid
        JOIN citizen c ON c.id = n.citizen_id
        JOIN staff_member s ON s.id = n.author_id
        WHERE diary_note_fts MATCH :query {extra}
        ORDER BY n.observed_at DESC LIMIT :limit""",
}


def search_notes(
    session: Session, user_text: str, *, limit: int = 100, citizen_id: int | None = None
) -> list[SearchHit]:
    """Matching journal and diary notes, newest first, at most ``limit``."""
    query = fts_query(user_text)
    params: dict[str, object] = {"query": query, "limit": limit}
    extra = ""
    if citizen_id is not None:
        extra = "AND n.citizen_id = :citizen_id"
        params["citizen_id"] = citizen_id
    hits: list[SearchHit] = []
    for kind, sql in _QUERIES.items():
        for row in session.execute(text(sql.format(extra=extra)), params):
            hits.append(
                SearchHit(
                    kind=kind,
                    note_id=row[0],
                    citizen_id=row[1],
                    citizen_name=row[2],
                    observed_at=dt.datetime.fromisoformat(row[3]),
                    author=row[4],
                    snippet=row[5],
                    score=from_storage(row[6]),
                    withdrawn=row[7] is not None,
                    sub_goal=row[8] or "",
                    sub_goal_id=row[9],
                )
            )
    hits.sort(key=lambda hit: hit.observed_at, reverse=True)
    return hits[:limit]
