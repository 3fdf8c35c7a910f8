"""Printed documents (PDF, reportlab): the order, the plan, the status report to the
authority, the citizen's view and journal extracts.

The window's print preview, the ``fko report`` command and the exchange bundle all call
:func:`render_report`; it reads what it needs from an open session (the ``*_data.py`` beside
each layout turns the records into the plain dataclasses of ``model.py``) and returns the
finished PDF as bytes, so a caller decides whether it goes to a file, a printer or a bundle.
Nothing here imports Qt.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from fko_desktop.errors import ValidationError
from fko_desktop.reports.options import ReportKind, ReportOptions, base_title, report_kind, report_title

#: A report with no choices made.
DEFAULT_OPTIONS = ReportOptions()


@dataclasses.dataclass(frozen=True)
class GatheredReport:
    """A report's content as plain data, read from the file; ``render()`` needs no session, so
    the window lays the PDF out off the worker that owns the unit."""

    layout: Callable[[Any], bytes]
    data: Any

    def render(self) -> bytes:
        return self.layout(self.data)


def render_report(
    session: Session,
    kind: ReportKind | str,
    citizen_id: int,
    options: ReportOptions = DEFAULT_OPTIONS,
) -> bytes:
    """The PDF of one report for one citizen (``gather_report`` then its ``render``).

    Raises NotFound for an unknown citizen, goal or sub-goal and ValidationError for
    inconsistent options (a to-date before the from-date, a goal of another citizen, …).
    Only reads: the session may be a read-only one.
    """
    return gather_report(session, kind, citizen_id, options).render()


def gather_report(
    session: Session,
    kind: ReportKind | str,
    citizen_id: int,
    options: ReportOptions = DEFAULT_OPTIONS,
) -> GatheredReport:
    """Check the options and read what one report prints; nothing is laid out yet."""
    # Imported here so ``from fko_desktop.reports import ReportOptions`` stays cheap for
    # callers (the window, the bundle writer) that only build options.
    from fko_desktop.reports import (
        citizen_view,
        citizen_view_data,
        journal,
        journal_data,
        order,
        order_data,
        plan,
        plan_data,
        status,
        status_data,
    )

    chosen = report_kind(kind)
    _check_dates(options)
    if options.order_id is not None and chosen is not ReportKind.ORDER:
        order_title, chosen_title = base_title(ReportKind.ORDER), base_title(chosen)
        raise ValidationError(
            f"En bestilling kan kun vælges til »{order_title}«, ikke til »{chosen_title}«.",
            field="order_id",
        )
    if chosen is ReportKind.ORDER:
        return GatheredReport(order.render, order_data.gather_order(session, citizen_id, options))
    if chosen is ReportKind.PLAN:
        return GatheredReport(plan.render, plan_data.gather_plan(session, citizen_id, options))
    if chosen is ReportKind.STATUS:
        return GatheredReport(status.render, status_data.gather_status(session, citizen_id, options))
    if chosen is ReportKind.CITIZEN:
        view = citizen_view_data.gather_citizen_view(session, citizen_id, options)
        return GatheredReport(citizen_view.render, view)
    return GatheredReport(journal.render, journal_data.gather_journal(session, citizen_id, options))


def _check_dates(options: ReportOptions) -> None:
    """Refuse dates outside 1900–2100 before the report computes periods from them.

    Checked here rather than when the options are made: the window builds them from date
    fields on the GUI thread, and render_report is where its errors are shown to the user.
    """
    from fko_desktop.models.limits import check_date  # here, like the renderers: keeps the import cheap

    check_date(options.period_from, "period_from", label="Periodens start")
    check_date(options.period_to, "period_to", label="Periodens slut")
    check_date(options.today, "today", label="Udskriftsdatoen")


__all__ = [
    "GatheredReport",
    "gather_report",
    "ReportKind",
    "ReportOptions",
    "base_title",
    "render_report",
    "report_kind",
    "report_title",
]
