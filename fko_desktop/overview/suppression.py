"""Small groups in prints and exports: "< 5" instead of numbers, so no citizen can be recognised.

A group (a bar, a table row, a total) of fewer than ``SMALL_GROUP`` citizens shows "< 5" for its
counts and nothing for its shares when the unit's setting is on (the default). A group with no
citizens at all is not suppressed: an empty row tells nothing about anyone. Zero counts inside a
small group are suppressed too, since "0 with negative progression" of two citizens says how
both of them did.
"""

from __future__ import annotations

from typing import Protocol

from .model import SMALL_GROUP, OverviewFilter

SUPPRESSED = "< 5"


class _Row(Protocol):
    @property
    def suppressed(self) -> bool: ...


def is_small(citizens: int, filt: OverviewFilter) -> bool:
    """Whether a group of ``citizens`` is shown as "< 5" under ``filt``."""
    return filt.suppress_small_groups and 0 < citizens < SMALL_GROUP


def shown(value: int | float | None, row: _Row) -> str | int | float | None:
    """What a print or an export shows for ``value`` of ``row``: the value itself, or for a
    suppressed row "< 5" in place of a count and blank in place of a share or a missing value."""
    if not row.suppressed:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return SUPPRESSED
    return ""
