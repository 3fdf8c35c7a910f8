"""Printed documents (PDF, reportlab): the order, the plan, the status report to the
authority, the citizen's view and journal extracts.

The window's print preview, the ``fko report`` command and the exchange bundle all call
:func:`render_report`; it reads what it needs from an open session (``data.py`` turns the
records into plain dataclasses) and returns the finished PDF as bytes, so a caller decides
whether it goes to a file, a printer or a bundle. Nothing here imports Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy.orm import Session

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

    mask_cpr: bool = False
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
        raise ValidationError(
            f"Ukendt rapporttype »{kind}«; vælg en af: {choices}.", field="kind"
        ) from None


def report_title(kind: ReportKind | str, citizen_name: str) -> str:
    """The document's title as printed and stored in the PDF metadata."""
    return f"{_TITLES[report_kind(kind)]} – {citizen_name}"


def render_report(
    session: Session,
    kind: ReportKind | str,
    citizen_id: int,
    options: ReportOptions = ReportOptions(),
) -> bytes:
    """The PDF of one report for one citizen.

    Raises NotFound for an unknown citizen, goal or sub-goal and ValidationError for
    inconsistent options (a to-date before the from-date, a goal of another citizen, …).
    Only reads: the session may be a read-only one.
    """
    # Imported here so ``from fko_desktop.reports import ReportOptions`` stays cheap for
    # callers (the window, the bundle writer) that only build options.
    from fko_desktop.reports import citizen_view, data, journal, order, plan, status

    chosen = report_kind(kind)
    _check_dates(options)
    if options.order_id is not None and chosen is not ReportKind.ORDER:
        order_title, chosen_title = base_title(ReportKind.ORDER), base_title(chosen)
        raise ValidationError(
            f"En bestilling kan kun vælges til »{order_title}«, ikke til »{chosen_title}«.",
            field="order_id",
        )
    if chosen is ReportKind.ORDER:
        return order.render(data.gather_order(session, citizen_id, options))
    if chosen is ReportKind.PLAN:
        return plan.render(data.gather_plan(session, citizen_id, options))
    if chosen is ReportKind.STATUS:
        return status.render(data.gather_status(session, citizen_id, options))
    if chosen is ReportKind.CITIZEN:
        return citizen_view.render(data.gather_citizen_view(session, citizen_id, options))
    return journal.render(data.gather_journal(session, citizen_id, options))


def _check_dates(options: ReportOptions) -> None:
    """Refuse dates outside 1900–2100 before the report computes periods from them.

    Checked here rather than when the options are made: the window builds them from date
    fields on the GUI thread, and render_report is where its errors are shown to the user.
    """
    from fko_desktop.models.limits import check_date  # here, like the renderers: keeps the import cheap

    check_date(options.period_from, "period_from", label="Periodens start")
    check_date(options.period_to, "period_to", label="Periodens slut")
    check_date(options.today, "today", label="Udskriftsdatoen")


def base_title(kind: ReportKind | str) -> str:
    """The title without the citizen's name (the page header's right-hand side)."""
    return _TITLES[report_kind(kind)]


__all__ = ["ReportKind", "ReportOptions", "base_title", "render_report", "report_kind", "report_title"]
