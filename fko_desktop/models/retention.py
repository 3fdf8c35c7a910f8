"""How long a citizen's records are kept after the stay (the unit's ``retention_years``).

The period runs from the later of the move-out and the last record, so a note written after
the move-out (a closing summary, a late use-of-force report) gets its full period too. The
default of five years is the unit setting's (migration 0009); docs/privacy.md says where the
figure comes from and that the unit's data-protection officer decides it.
"""

from __future__ import annotations

import datetime as dt


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def retention_ends(moved_out: dt.date, last_record: dt.date, years: int) -> dt.date:
    """The first day the citizen's records may be erased."""
    return add_years(max(moved_out, last_record), years)
