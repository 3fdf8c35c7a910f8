"""Danish display formats for dates and times (pure; the window and the reports share them)."""

from __future__ import annotations

import datetime as dt

from fko_desktop.errors import ValidationError


def format_date(value: dt.date | None) -> str:
    """23.11.2026 — the form Danish forms and letters use."""
    if value is None:
        return ""
    return value.strftime("%d.%m.%Y")


def format_datetime(value: dt.datetime | None) -> str:
    """23.11.2026 kl. 14.05 in the machine's local time."""
    if value is None:
        return ""
    local = value.astimezone() if value.tzinfo else value
    return local.strftime("%d.%m.%Y kl. %H.%M")


def parse_date(text: str) -> dt.date:
    """Accept ISO (2026-11-23) and Danish (23.11.2026, 23-11-2026) dates within 1900–2100.

    Years outside that range are typing errors; refused here, a year 9999 or 0001 would
    overflow the date arithmetic (deadlines, report periods) with no clear message.
    """
    # Imported here so this module stays free of SQLAlchemy (which limits.py uses) until a
    # date is actually typed.
    from fko_desktop.models.limits import check_date

    text = text.strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            parsed = dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        check_date(parsed)
        return parsed
    raise ValidationError(f"Ugyldig dato »{text}«; skriv den som DD.MM.ÅÅÅÅ.", field="date")


def name_initials(name: str) -> str:
    """ "Mads Ole Testesen" → "M.O.T.": what a shared room may see of a citizen's name."""
    letters = [part[0].upper() for part in name.replace("-", " ").split() if part[:1].isalpha()]
    return ".".join(letters) + "." if letters else "?"


def hidden_name(name: str, citizen_id: int) -> str:
    """A citizen in "Skjul navne": the initials with the internal number, because two citizens
    often share initials and staff must still tell them apart ("M.T. (12)")."""
    return f"{name_initials(name)} ({citizen_id})"
