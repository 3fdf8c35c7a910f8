"""How much may come in: the length of every text field and the range of every date.

One place for both limits, enforced in the core for everything that is stored (a
``before_flush`` check over every text column, so the window, ``fko`` and the bundle
importer cannot differ) and used by the bundle reader before anything is stored.

A 10 MB note once made the whole unit's search take minutes: a journal note is a few
paragraphs about one day, so 20,000 characters (about eight printed pages) leaves room for
the longest real note and none for a pasted book. Names, phone numbers and the like are one
line.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import String, event, inspect
from sqlalchemy.orm import Session

from fko_desktop.errors import ValidationError

#: A note, a plan section, an assessment: the longest free text.
MAX_TEXT_CHARS = 20_000
#: One line: names, titles, municipalities, phone numbers, e-mail addresses.
MAX_LINE_CHARS = 300

#: Columns that hold one line of text (the others hold free text).
LINE_FIELDS = frozenset(
    {
        "name",
        "initials",
        "title",
        "department",
        "organisation",
        "caseworker_name",
        "caseworker_contact",
        "acting_municipality",
        "paying_municipality",
        "relation",
        "phone",
        "email",
        "sender_name",
        "sender_organisation",
        "recipient_name",
        "actor_name",
        "legal_basis",
        "reported_to",
    }
)

#: Danish names for the fields a message can name; the rest are "Teksten".
FIELD_LABELS = {
    "text": "Teksten",
    "name": "Navnet",
    "title": "Titlen",
    "withdrawal_reason": "Begrundelsen",
    "summary": "Vurderingen",
    "citizen_note": "Borgerens bemærkning",
    "description": "Beskrivelsen",
    "department": "Afdelingen",
}

#: Dates before or after this are typing errors (or hostile): refused before date arithmetic.
MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def max_chars(field: str, column_length: int | None = None) -> int:
    if column_length:
        return column_length
    return MAX_LINE_CHARS if field in LINE_FIELDS else MAX_TEXT_CHARS


def check_length(
    value: str | None, field: str, *, limit: int | None = None, label: str | None = None
) -> None:
    """Refuse a text longer than its field allows, with a message that says the limit."""
    if value is None:
        return
    limit = limit or max_chars(field)
    if len(value) > limit:
        shown = label or FIELD_LABELS.get(field, "Teksten")
        raise ValidationError(
            f"{shown} er for lang ({_thousands(len(value))} tegn); "
            f"højst {_thousands(limit)} tegn er tilladt.",
            field=field,
        )


def check_date(value: dt.date | None, field: str = "date", *, label: str = "Datoen") -> dt.date | None:
    """Refuse a date outside 1900–2100 with a clear message (a year 9999 breaks date arithmetic)."""
    if value is None:
        return None
    day = value.date() if isinstance(value, dt.datetime) else value
    if not MIN_DATE <= day <= MAX_DATE:
        raise ValidationError(
            f"{label} {day.isoformat()} ligger uden for det tilladte interval "
            f"({MIN_DATE.year}–{MAX_DATE.year}).",
            field=field,
        )
    return value


_limits_by_mapper: dict[Any, list[tuple[str, int]]] = {}


def _column_limits(mapper: Any) -> list[tuple[str, int]]:
    cached = _limits_by_mapper.get(mapper)
    if cached is None:
        cached = []
        for attribute in mapper.column_attrs:
            column = attribute.columns[0]
            try:
                python_type = column.type.python_type
            except NotImplementedError:
                continue
            if python_type is not str:
                continue
            length = column.type.length if isinstance(column.type, String) else None
            cached.append((attribute.key, max_chars(attribute.key, length)))
        _limits_by_mapper[mapper] = cached
    return cached


@event.listens_for(Session, "before_flush")
def _check_text_lengths(session: Session, _flush_context: Any, _instances: Any) -> None:
    for obj in list(session.new) + list(session.dirty):
        mapper = inspect(obj).mapper
        for key, limit in _column_limits(mapper):
            value = getattr(obj, key, None)
            if isinstance(value, str) and len(value) > limit:
                check_length(value, key, limit=limit)
