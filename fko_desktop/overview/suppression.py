"""Small groups in prints and exports: "< 5" instead of numbers, so no citizen can be recognised.

A group (a bar, a table row, a total) of fewer than ``SMALL_GROUP`` citizens shows "< 5" for its
counts and nothing for its shares when the unit's setting is on (the default). A group with no
citizens at all is not suppressed: an empty row tells nothing about anyone. Zero counts inside a
small group are suppressed too, since "0 with negative progression" of two citizens says how
both of them did.

One hidden row is not enough: the rows of a table add up to its total, so the total minus the
shown rows would give the hidden row's numbers back. When a table would hide exactly one row
and show its total, the next smallest row is hidden with it (``complementary``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Protocol, TypeVar

from .model import SMALL_GROUP, OverviewFilter

SUPPRESSED = "< 5"
#: What a row hidden with a small one shows instead of its numbers: it is not small itself.
HIDDEN = "skjult"


class _Row(Protocol):
    @property
    def suppressed(self) -> bool: ...
    @property
    def complementary(self) -> bool: ...


class _Group(Protocol):
    @property
    def suppressed(self) -> bool: ...
    @property
    def complementary(self) -> bool: ...
    @property
    def citizens(self) -> int: ...


_G = TypeVar("_G", bound=_Group)


def is_small(citizens: int, filt: OverviewFilter) -> bool:
    """Whether a group of ``citizens`` is shown as "< 5" under ``filt``."""
    return filt.suppress_small_groups and 0 < citizens < SMALL_GROUP


def shown(value: int | float | None, row: _Row) -> str | int | float | None:
    """What a print or an export shows for ``value`` of ``row``: the value itself, or for a
    suppressed row "< 5" in place of a count and blank in place of a share or a missing value."""
    if not row.suppressed:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return mark(row)
    return ""


def mark(row: _Row) -> str:
    """What stands in a hidden row's place: "< 5", or "skjult" for one hidden with it."""
    return HIDDEN if row.complementary else SUPPRESSED


def reason(row: _Row) -> str:
    """Why a hidden row shows no numbers, in the words of a print."""
    if row.complementary:
        return "skjult, så en lille gruppe ikke kan regnes ud af totalen"
    return f"vises ikke: færre end {SMALL_GROUP} borgere"


def complementary(rows: Sequence[_G], total: _Group) -> tuple[_G, ...]:
    """``rows`` with a second row hidden when exactly one is hidden and the total is not.

    The second is the smallest of the shown rows with citizens (fewest citizens first, then
    the earliest), so as little as possible is lost."""
    hidden = [row for row in rows if row.suppressed]
    if len(hidden) != 1 or total.suppressed:
        return tuple(rows)
    candidates = [(row.citizens, i) for i, row in enumerate(rows) if not row.suppressed and row.citizens]
    if not candidates:
        return tuple(rows)
    _, second = min(candidates)
    return tuple(
        dataclasses.replace(row, suppressed=True, complementary=True)  # type: ignore[type-var]
        if index == second
        else row
        for index, row in enumerate(rows)
    )
