"""A journal extract: the sub-goal journal notes of a sub-goal, a goal or the whole citizen
over a date range, oldest first and grouped by sub-goal, as they read in a case file."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether
from reportlab.platypus.flowables import HRFlowable

from fko_desktop.models.journal import written_later
from fko_desktop.models.scores import ScoreStyle
from fko_desktop.reports.common import (
    RULE,
    build_pdf,
    datetime_text,
    esc,
    facts_table,
    heading,
    markup,
    para,
    period_text,
    scale_note,
    styles,
    title_block,
)
from fko_desktop.reports.model import JournalEntry, JournalReport
from fko_desktop.reports.sections import author, page_info

#: Characters from which a note may break across pages instead of moving to the next whole.
LONG_NOTE = 1200


def render(report: JournalReport) -> bytes:
    info = page_info(report.header, f"Journaludtræk {period_text(report.period_from, report.period_to)}")
    return build_pdf(story(report), info, author=author(report.header))


def story(report: JournalReport) -> list[Flowable]:
    s = styles()
    style = report.header.style
    subtitle = f"Periode {period_text(report.period_from, report.period_to)}"
    out: list[Flowable] = [*title_block(report.header.title, escape(subtitle))]
    count = f"{report.total} notater"
    if report.withdrawn_left_out:
        count += f" (og {report.withdrawn_left_out} tilbagetrukne notater, som ikke er medtaget)"
    out.append(
        facts_table(
            [
                ("Udtræk af", report.scope),
                ("Periode", period_text(report.period_from, report.period_to)),
                ("Antal notater", count),
            ]
        )
    )
    out.append(para(scale_note(style), s.small))
    if not report.groups:
        out += heading("Notater")
        out.append(para("Der er ingen notater i perioden.", s.note))
    for group in report.groups:
        sub = group.sub_goal
        # The group's heading travels with its first note, never alone at a page's foot.
        lead: list[Flowable] = [
            *heading(f"Delmål {sub.number}: {sub.text}", 2, keep_with_next=False),
            para(f"Under indsatsmål {group.goal_number}: {group.goal_text}", s.small),
        ]
        if not group.entries:
            out.append(KeepTogether([*lead, para("Ingen notater i perioden.", s.note)]))
        for number, entry in enumerate(group.entries):
            out += _entry(entry, style, lead if number == 0 else [])
    return out


def _entry(entry: JournalEntry, style: ScoreStyle, lead: list[Flowable]) -> list[Flowable]:
    s = styles()
    facts = [datetime_text(entry.observed_at), entry.author]
    if written_later(entry.observed_at, entry.written_at):
        facts.append(f"skrevet {datetime_text(entry.written_at)}")
    if entry.score is not None:
        facts.append(f"Score {style.text(entry.score)}")
    else:
        facts.append("uden score")
    if entry.version > 1:
        facts.append(f"rettet (version {entry.version})")
    line = markup(f"<b>{esc(' · '.join(facts))}</b>", s.cell)
    body = para(entry.text, s.body)
    rule = HRFlowable(width="100%", thickness=0.3, color=RULE, spaceBefore=1, spaceAfter=4)
    if len(entry.text) < LONG_NOTE:
        return [KeepTogether([*lead, line, body, rule])]
    # A very long note may run over pages; it starts only where a few of its lines fit too.
    return [CondPageBreak(45 * mm), *lead, line, body, rule]
