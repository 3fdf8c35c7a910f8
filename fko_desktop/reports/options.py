"""What a report is and what a user can choose when printing it: the kinds, their titles
and the options.

Its own module, below the package's ``__init__`` (which re-exports it), ``model.py`` and the
``*_data.py`` gatherers: the renderers' data layer needs these, and importing them from the
package would make the package and its submodules import each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from fko_desktop.errors import ValidationError


class ReportKind(StrEnum):
    ORDER = "order"
    PLAN = "plan"
    STATUS = "status"
    CITIZEN = "citizen"
    JOURNAL = "journal"


_TITLES = {
    ReportKind.ORDER: "Bestilling",
    ReportKind.PLAN: "Handleplan / pædagogisk plan",
    ReportKind.STATUS: "Status til myndighed",
    ReportKind.CITIZEN: "Mine mål – sådan går det",
    ReportKind.JOURNAL: "Journaludtræk – delmålsdagbog",
}


@dataclass(frozen=True)
class ReportOptions:
    """What a user can choose when printing; every field has a sensible default.

    ``period_from``/``period_to``: the status report defaults to "since the last follow-up (or
    the order's start) up to today", the journal extract to the last three months.
    ``goal_id`` narrows the status report, the citizen's view and the journal extract to one
    intervention goal, ``sub_goal_id`` the journal extract to one sub-goal.
    ``order_id`` chooses the order the order report prints (default: the citizen's current
    order, the one the plan and the status report work from); no other report takes it.
    ``today`` is the print date (tests and the benchmark fix it). ``extra_agenda`` replaces the
    agenda points stored on the coming follow-up. ``one_based`` is the window's "Vis scorer som
    1–5" display preference; it changes printed numbers only, never their meaning.
    """

    #: None: as the printing person chose (``unit.privacy``: masked unless they chose full
    #: numbers); the bundle to the authority leaves it None and prints the number in full.
    mask_cpr: bool | None = None
    period_from: date | None = None
    period_to: date | None = None
    goal_id: int | None = None
    sub_goal_id: int | None = None
    printed_by: str | None = None
    today: date | None = None
    extra_agenda: str | None = None
    one_based: bool = False
    order_id: int | None = None


def report_kind(kind: ReportKind | str) -> ReportKind:
    """Accept a ReportKind or its value ("plan", "status", …); refuse anything else in Danish."""
    try:
        return ReportKind(str(kind).strip().lower())
    except ValueError:
        choices = ", ".join(k.value for k in ReportKind)
        raise ValidationError(f"Ukendt rapporttype »{kind}«; vælg en af: {choices}.", field="kind") from None


def report_title(kind: ReportKind | str, citizen_name: str) -> str:
    """The document's title as printed and stored in the PDF metadata."""
    return f"{_TITLES[report_kind(kind)]} – {citizen_name}"


def base_title(kind: ReportKind | str) -> str:
    """The title without the citizen's name (the page header's right-hand side)."""
    return _TITLES[report_kind(kind)]
