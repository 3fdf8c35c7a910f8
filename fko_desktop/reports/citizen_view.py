"""The citizen's view: what the citizen and the parents are shown (DOMAIN.md, "What the
citizen sees") — each goal in its own words, where it started, where it aims, and the graph of
the quarterly målstatus, in plain language.

Never the sub-goal journal or its scores: the report's data (``CitizenViewReport``) has no
field that could carry them, so this module could not print them by mistake.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from fko_desktop.models.enums import Area
from fko_desktop.models.formatting import format_date
from fko_desktop.models.schedule import StatusDue
from fko_desktop.models.scores import Score, ScoreStyle
from fko_desktop.reports.common import (
    CONTENT_WIDTH,
    NAVY,
    RULE,
    SHADE,
    build_pdf,
    heading,
    markup,
    para,
    styles,
    title_block,
)
from fko_desktop.reports.graph import outcome_explained
from fko_desktop.reports.model import CitizenGoal, CitizenViewReport
from fko_desktop.reports.sections import author, graph_parts, page_info


def render(report: CitizenViewReport) -> bytes:
    info = page_info(report.header, "Mål og udvikling vist for borger og pårørende")
    return build_pdf(story(report), info, author=author(report.header))


def _reader(report: CitizenViewReport) -> str:
    # Children's prints are read with the parents; the text names the child instead of "du".
    return "dig" if report.area is Area.ADULTS else report.first_name


def story(report: CitizenViewReport) -> list[Flowable]:
    s = styles()
    style = report.header.style
    best, worst = style.best, style.worst
    subtitle = f"For {escape(report.header.citizen_name)} · {format_date(report.header.printed_on)}"
    out: list[Flowable] = [*title_block(report.header.title, subtitle)]
    who = _reader(report)
    out.append(
        para(
            f"Her er målene for {who}: hvor vi startede, hvor vi gerne vil hen, og hvordan det er "
            "gået indtil nu. Hver tredje måned ser vi på hvert mål og giver det et tal. Det tal "
            "kaldes en målstatus (M1, M2 og så videre)."
        )
    )
    out.append(
        _box(
            "Sådan læser du tallene",
            f"Tallene går fra {best} til {worst}. {best} betyder, at det går godt, og {worst} "
            f"betyder, at det er meget svært. Jo lavere tal, jo bedre. I graferne står det bedste "
            f"øverst, så når stregen går opad, går det bedre. »Ikke vurderet« betyder, at vi ikke "
            "gav et tal den gang.",
        )
    )
    if not report.goals:
        message = (
            "Der er ingen mål at vise endnu."
            if report.has_order
            else "Der er endnu ikke kommet en bestilling med mål fra kommunen."
        )
        out += heading("Mål")
        out.append(para(message, s.note))
    for goal in report.goals:
        out += _goal(goal, style)
    return out


def _box(title: str, text: str) -> Table:
    s = styles()
    table = Table(
        [[markup(f"<b>{escape(title)}</b><br/>{escape(text)}", s.body)]],
        colWidths=[CONTENT_WIDTH],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def _caption(text: str) -> str:
    """A small grey caption on its own line above a box's value."""
    return f"<font size=8 color='#5f6368'>{escape(text)}</font><br/>"


def _how_it_went(goal: CitizenGoal, style: ScoreStyle) -> str:
    """The latest målstatus in words, and plainly when one is late ("mangler endnu") or when
    the next one comes: a family must not be told "kommer" about a status months overdue."""
    series = goal.series
    latest = max(series.points, key=lambda p: p.period) if series.points else None
    missing = series.missing
    if latest is None:
        if missing:
            first, rest = missing[0], missing[1:]
            text = f"Den første målstatus skulle have været givet {format_date(first.due)} og mangler endnu."
            if rest:
                text += " " + _late_text(rest)
            return text
        if series.next_due is not None:
            return (
                "Der er ikke givet en målstatus endnu. Den første kommer "
                f"{format_date(series.next_due.due)}, tre måneder efter at målet er startet."
            )
        return "Der er ikke givet en målstatus."
    text = (
        f"Seneste målstatus er M{latest.period} fra {format_date(latest.assessed_on)}: "
        f"{style.number(latest.score)}. {outcome_explained(series.outcome)}"
    )
    if missing:
        return f"{text} {_late_text(missing)}"
    if series.next_due is not None:
        return f"{text} Den næste målstatus kommer {format_date(series.next_due.due)}."
    return text


def _late_text(missing: Sequence[StatusDue]) -> str:
    """ "Målstatus M1 skulle have været givet 09.10.2026 og mangler endnu." (one or more)"""
    if len(missing) == 1:
        m = missing[0]
        return f"Målstatus M{m.period} skulle have været givet {format_date(m.due)} og mangler endnu."
    named = [f"M{m.period} ({format_date(m.due)})" for m in missing]
    return f"Målstatus {', '.join(named[:-1])} og {named[-1]} skulle have været givet og mangler endnu."


def _level(score: Score | None, style: ScoreStyle) -> str:
    """A big number with the citizen's words under it, as the window shows the same score."""
    number = style.number(score)
    words = style.label(score)
    below = f"<br/><font size=8>{escape(words)}</font>" if words != number else ""
    return f"<font size=16><b>{escape(number)}</b></font>{below}"


def _goal(goal: CitizenGoal, style: ScoreStyle) -> list[Flowable]:
    s = styles()
    cells = Table(
        [
            [
                markup(_caption("Her startede vi") + _level(goal.baseline, style), s.body),
                markup(_caption("Her vil vi hen") + _level(goal.target, style), s.body),
                markup(_caption("Område") + escape(goal.domain), s.body),
            ]
        ],
        colWidths=[38 * mm, 38 * mm, CONTENT_WIDTH - 76 * mm],
        hAlign="LEFT",
    )  # fmt: skip
    cells.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.6, NAVY),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    how = _how_it_went(goal, style)
    # One block per goal: its words, the two numbers and the graph belong on the same page.
    title = heading(f"Mål {goal.number}", keep_with_next=False)
    return [
        title[0],  # the CondPageBreak
        KeepTogether(
            [*title[1:], para(goal.text, s.h2), cells, para(how),
             *graph_parts(goal.series, style=style, show_outcome=False)]
        ),
    ]  # fmt: skip
