"""Status til myndighed: the written basis the unit sends at least 14 days before a follow-up
(phone, written or meeting), with a målstatus graph per intervention goal."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from fko_desktop.models.deadlines import status_report_due
from fko_desktop.models.enums import Area, OrderState
from fko_desktop.models.formatting import format_date
from fko_desktop.models.scores import ScoreStyle, is_improvement, is_numeric
from fko_desktop.models.status_assessment import QUESTIONS
from fko_desktop.reports.aarhus_section import aarhus_section
from fko_desktop.reports.common import (
    CONTENT_WIDTH,
    LONG_CELL,
    build_pdf,
    date_text,
    esc,
    facts_table,
    grid_table,
    heading,
    markup,
    para,
    period_text,
    signature_block,
    styles,
    text_block,
    title_block,
)
from fko_desktop.reports.graph import MISSING_HEX, outcome_title
from fko_desktop.reports.model import (
    GoalStatusSection,
    StatusEntry,
    StatusReport,
    SubGoalWork,
    UnitAssessmentText,
)
from fko_desktop.reports.sections import (
    author,
    caseworker_text,
    goal_rows,
    goal_text,
    graph_parts,
    municipality_text,
    page_info,
)
from fko_desktop.reports.use_of_force import use_of_force_section


def render(report: StatusReport) -> bytes:
    info = page_info(
        report.header, f"Status til myndighed {period_text(report.period_from, report.period_to)}"
    )
    return build_pdf(story(report), info, author=author(report.header))


def story(report: StatusReport) -> list[Flowable]:
    s = styles()
    style = report.header.style
    subtitle = f"Periode {period_text(report.period_from, report.period_to)}"
    if report.next_follow_up:
        subtitle += f" · til opfølgning {date_text(report.next_follow_up.meeting_date)}"
    out: list[Flowable] = [*title_block("Status til myndighed", escape(subtitle))]

    out += heading("Borger og sag")
    out.append(facts_table(_case_rows(report)))

    out += heading("Indsatsformål")
    if report.order is None:
        out.append(para("Der er ingen bestilling registreret for borgeren.", s.note))
    else:
        out.append(para(report.order.purpose or "Bestillingen har intet formål skrevet."))

    if not report.goals:
        out += heading("Indsatsmål")
        out.append(para("Der er ingen indsatsmål i perioden.", s.note))
    for section in report.goals:
        out += _goal_section(section, style)

    if report.aarhus is not None:
        out += aarhus_section(report.aarhus, style, report.period_to)

    out += heading("Bostedets samlede vurdering")
    out += unit_assessment(
        report.overall_assessment, "Bostedet har ikke skrevet en samlet vurdering for perioden."
    )

    out += heading("Magtanvendelse i perioden")
    out += use_of_force_section(report.use_of_force, report.use_of_force_prevention)

    out += heading("Bostedets punkter til dagsordenen")
    out.append(para(report.agenda) if report.agenda else para("Bostedet har ingen ekstra punkter.", s.note))

    out.append(
        signature_block(
            [
                (f"For udfører: {report.header.unit_name}", report.responsible or report.header.printed_by),
                ("Modtaget af myndighed", report.citizen.caseworker_name),
            ]
        )
    )
    return out


def _case_rows(report: StatusReport) -> list[tuple[str, object]]:
    c = report.citizen
    rows: list[tuple[str, object]] = [
        ("Navn og CPR-nummer", f"{c.name}, {c.cpr}"),
        ("Afdeling", c.department),
        ("Indflytningsdato", date_text(c.intake_date)),
        ("Sagsbehandler", caseworker_text(c)),
        ("Kommune", municipality_text(c)),
    ]
    if report.order is not None:
        rows.append(
            ("Bestilling", f"modtaget {date_text(report.order.received_date)} · {report.order.state_label}")
        )
    if c.area is Area.ADULTS:
        rows.append(("Støttebehov", _support_need_text(report)))
    rows.append(("Periode for status", period_text(report.period_from, report.period_to)))
    if report.last_follow_up:
        last = report.last_follow_up
        rows.append(("Seneste opfølgning", f"{date_text(last.meeting_date)} ({last.form_label.lower()})"))
    if report.next_follow_up:
        coming = report.next_follow_up
        send_by = status_report_due(coming.meeting_date)  # the 14 days of models.deadlines
        when = f"{date_text(coming.meeting_date)} ({coming.form_label.lower()})"
        rows.append(("Næste opfølgning", f"{when}; status sendes senest {date_text(send_by)}"))
    if report.responsible:
        rows.append(("Ansvarlig i bostedet", report.responsible))
    return rows


def _support_need_text(report: StatusReport) -> str:
    """The authority's latest støttebehov and where it was set (FFB; adults only)."""
    need = report.support_need
    if need is None:
        return "Ikke angivet af myndigheden"
    if need.at_follow_up:
        return f"{need.level} (fastsat ved opfølgningen {date_text(need.set_on)})"
    return f"{need.level} (ifølge bestillingen af {date_text(need.set_on)})"


def missing_text(section: GoalStatusSection) -> str | None:
    """ "Manglende målstatus: M1 (09.10.2026) ikke registreret." – a period owed by the report's
    end with no status, named so the caseworker sees the gap instead of reading past it."""
    missing = section.series.missing
    if not missing:
        return None
    listed = "; ".join(f"M{m.period} ({format_date(m.due)}) ikke registreret" for m in missing)
    return f"Manglende målstatus: {listed}."


def _goal_section(section: GoalStatusSection, style: ScoreStyle) -> list[Flowable]:
    s = styles()
    goal = section.goal
    title = f"Indsatsmål {goal.number}"
    if goal.order_state in (OrderState.REPLACED, OrderState.ENDED) and goal.order_received:
        # Next to the current order's goals, say plainly that this one belongs to the old order.
        title += f" (tidligere bestilling af {format_date(goal.order_received)})"
    out: list[Flowable] = [*heading(title), goal_text(goal)]
    out.append(facts_table(goal_rows(goal, style=style)))

    out += heading("Målstatus i perioden", 2)
    if section.statuses:
        out.append(
            grid_table(
                ["Målstatus", "Dato", "Score", "Opsummering"],
                [_status_row(entry, style) for entry in section.statuses],
                [20 * mm, 21 * mm, 38 * mm, CONTENT_WIDTH - 79 * mm],
            )
        )
        for entry in section.statuses:
            if len(entry.summary) > LONG_CELL:
                out += text_block(
                    f"Opsummering, M{entry.period} ({date_text(entry.assessed_on)})", entry.summary
                )
    else:
        out.append(para("Der er ikke registreret målstatus i perioden.", s.note))
    gap = missing_text(section)
    if gap:
        out.append(markup(f"<font color='{MISSING_HEX}'><b>{esc(gap)}</b></font>", s.body))

    out.append(
        KeepTogether(graph_parts(section.series, style=style, caption="Udvikling i målstatus siden start"))
    )

    out += heading("Arbejdet med delmålene i perioden", 2)
    if not section.work:
        out.append(para("Der er ingen delmål til dette indsatsmål.", s.note))
    for work in section.work:
        out += _sub_goal_work(work, style)

    out += heading("Bostedets vurdering", 2)
    out += unit_assessment(
        section.assessment, "Bostedet har ikke skrevet en vurdering af målet for perioden."
    )
    out.append(markup(f"<b>Kort fortalt:</b> {_assessment(section, style)}"))
    return out


def unit_assessment(written: UnitAssessmentText | None, missing: str) -> list[Flowable]:
    """What the unit wrote in the window (seed 002's questions with their answers), or a plain
    note that nothing was written, so the caseworker never mistakes a summary for an assessment."""
    s = styles()
    if written is None:
        return [para(missing, s.note)]
    out: list[Flowable] = []
    for field, question in QUESTIONS.items():
        answer = getattr(written, field)
        if answer:
            out.append(para(question, s.cell_bold))
            out.append(para(answer))
    by = ", ".join(
        x for x in (written.written_by, date_text(written.written_on) if written.written_on else "") if x
    )
    if by:
        out.append(
            para(
                f"Skrevet af {by} (for perioden {period_text(written.period_from, written.period_to)}).",
                s.small,
            )
        )
    return out


def _status_row(entry: StatusEntry, style: ScoreStyle) -> list[object]:
    long = len(entry.summary) > LONG_CELL
    summary = "<i>Lang opsummering; se teksten under tabellen.</i>" if long else esc(entry.summary)
    extra = []
    if entry.citizen_score is not None or entry.citizen_note:
        own = style.number(entry.citizen_score)
        note = f": {esc(entry.citizen_note)}" if entry.citizen_note else ""
        extra.append(f"<i>Borgerens egen vurdering: {own}{note}</i>")
    by = ", ".join(x for x in (entry.source, entry.author) if x)
    if by:
        extra.append(f"<font size=7.5 color='#5f6368'>Vurderet af: {esc(by)}</font>")
    cell = "<br/>".join([summary, *extra])
    st = styles()
    return [
        f"M{entry.period}",
        date_text(entry.assessed_on),
        style.text(entry.score),
        markup(cell, st.cell),
    ]


def _sub_goal_work(work: SubGoalWork, style: ScoreStyle) -> list[Flowable]:
    s = styles()
    sub = work.sub_goal
    out: list[Flowable] = [para(f"Delmål {sub.number}: {sub.text}", s.h3)]
    facts = [f"Status: {sub.state_label}"]
    if work.notes:
        facts.append(f"{work.notes} notater i perioden, heraf {work.scored_notes} med score")
        if work.latest_score is not None:
            facts.append(
                f"seneste score {style.number(work.latest_score)} ({date_text(work.latest_score_on)})"
            )
    else:
        facts.append("ingen notater i perioden")
    out.append(para(" · ".join(facts), s.small))
    for evaluation in work.evaluations:
        out.append(
            markup(f"<b>Evaluering {date_text(evaluation.evaluated_on)}:</b> {esc(evaluation.text)}", s.body)
        )
    return out


def _assessment(section: GoalStatusSection, style: ScoreStyle) -> str:
    """The unit's reading of the period: latest status, outcome category and the direction."""
    latest_in_period = section.statuses[-1] if section.statuses else None
    series_latest = section.series.points[-1] if section.series.points else None
    parts: list[str] = []
    if latest_in_period is None and series_latest is None:
        return esc("Der er endnu ingen målstatus, så målopfyldelsen kan ikke vurderes.")
    if latest_in_period is not None:
        parts.append(
            f"Seneste målstatus er M{latest_in_period.period} ({date_text(latest_in_period.assessed_on)}): "
            f"{style.text(latest_in_period.score)}."
        )
    elif series_latest is not None:
        parts.append(
            f"Der er ingen ny målstatus i perioden; den seneste er M{series_latest.period} "
            f"({date_text(series_latest.assessed_on)}): "
            f"{style.text(series_latest.score)}."
        )
    title, _ = outcome_title(section.series)
    parts.append(f"{title}.")
    numeric = [e for e in section.statuses if is_numeric(e.score)]
    if len(numeric) >= 2:
        first, last = numeric[0], numeric[-1]
        change = is_improvement(first.score, last.score)
        shown = (
            style.number(first.score),
            style.number(last.score),
        )
        if change:
            parts.append(
                f"I perioden er scoren forbedret fra {shown[0]} (M{first.period}) "
                f"til {shown[1]} (M{last.period})."
            )
        elif first.score == last.score:
            parts.append(f"I perioden er scoren uændret {shown[1]} (M{first.period}–M{last.period}).")
        else:
            parts.append(
                f"I perioden er scoren forværret fra {shown[0]} (M{first.period}) "
                f"til {shown[1]} (M{last.period})."
            )
    return esc(" ".join(parts))
