"""The Århus schema assessments in the status report (seed 003 Figure 7).

Each new assessment goes into the follow-up compared with the one before: per factor the score
and the target set then, the new score, its outcome category (``models.outcome``, the same
reading and colours as the goals' "Målopfyldelse") and the professionals' text, with the child's
and the parents' own scores beside as notes. Withdrawn assessments are left out before pairing,
as the overview does (``overview.aarhus_facts``), so a withdrawn one neither shows nor breaks
the comparison of the others. When no assessment falls in the period, the latest one before it
is shown, marked so, because it is still the picture the caseworker has to go on.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer
from sqlalchemy.orm import Session

from fko_desktop.models.aarhus_assessment import AarhusAssessment, AarhusFactorScore, AarhusKind
from fko_desktop.models.catalogs import load_catalog
from fko_desktop.models.citizen import OutcomeSchema
from fko_desktop.models.graph_style import outcome_colour
from fko_desktop.models.outcome import Outcome, outcome_category
from fko_desktop.models.scores import NotAssessed, Score, ScoreStyle
from fko_desktop.ops.aarhus_assessment import assessments_for, next_due
from fko_desktop.reports.common import (
    CONTENT_WIDTH,
    LONG_CELL,
    NONE_TEXT,
    date_text,
    esc,
    grid_table,
    heading,
    markup,
    para,
    styles,
    text_block,
)
from fko_desktop.reports.model import AarhusAssessmentFacts, AarhusFactorLine, AarhusPart

#: "Ikke vurderet" does not fit a score column; the key under the table spells it out.
NOT_ASSESSED_SHORT = "IV"

HEADER = ("Faktor", "Før", "Mål før", "Nu", "Målopfyldelse", "Nyt mål", "Fagligt skøn og egne scorer")
# Målopfyldelse is wide enough for "Fastholdelsesmål" in bold on one line.
WIDTHS = (33 * mm, 10 * mm, 13 * mm, 10 * mm, 36 * mm, 14 * mm)
COLUMN_WIDTHS = (*WIDTHS, CONTENT_WIDTH - sum(WIDTHS))

# -- gathering -------------------------------------------------------------------------------


def gather_aarhus(
    session: Session, citizen_id: int, intake_date: dt.date | None, period_from: dt.date,
    period_to: dt.date, today: dt.date,
) -> AarhusPart | None:  # fmt: skip
    """The standing assessments of the period (else the latest before it), each compared with
    the standing one before it; None when the child has no standing assessment by the end."""
    standing = [a for a in assessments_for(session, citizen_id) if a.assessed_on <= period_to]
    if not standing:
        return None
    shown = [i for i, a in enumerate(standing) if a.assessed_on >= period_from]
    if not shown:
        shown = [len(standing) - 1]
    facts = []
    for i in shown:
        current, before = standing[i], standing[i - 1] if i > 0 else None
        facts.append(_facts(current, before, in_period=current.assessed_on >= period_from))
    due = next_due([a.assessed_on for a in standing], intake_date, fallback=today)
    return AarhusPart(tuple(facts), due.due_on, due.kind.label)


def _live_factors(assessment: AarhusAssessment) -> dict[str, AarhusFactorScore]:
    return {row.factor_code: row for row in assessment.factors if row.withdrawn_at is None}


def _facts(
    assessment: AarhusAssessment, previous: AarhusAssessment | None, *, in_period: bool
) -> AarhusAssessmentFacts:
    schema = OutcomeSchema(assessment.outcome_schema)
    codes = load_catalog("aarhus").set(schema.value)
    mine, before = _live_factors(assessment), _live_factors(previous) if previous else {}
    # The catalog's order (Familieforhold's three parts together); a code it no longer knows last.
    order = {entry.code: i for i, entry in enumerate(codes)}
    lines = []
    for code in sorted(mine, key=lambda c: (order.get(c, len(order)), c)):
        row, earlier = mine[code], before.get(code)
        lines.append(
            AarhusFactorLine(
                name=codes.display(code),
                previous=earlier.score if earlier else None,
                previous_target=earlier.target if earlier else None,
                score=row.score,
                target=row.target,
                outcome=outcome_category(earlier.score, earlier.target, row.score) if earlier else None,
                note=row.note,
                child_score=row.child_score,
                child_note=row.child_note,
                parent_score=row.parent_score,
                parent_note=row.parent_note,
            )
        )
    return AarhusAssessmentFacts(
        assessed_on=assessment.assessed_on,
        kind_label=AarhusKind(assessment.kind).label,
        schema_label=schema.label,
        participants=assessment.participants,
        note=assessment.note,
        previous_on=previous.assessed_on if previous else None,
        in_period=in_period,
        factors=tuple(lines),
    )


# -- layout ----------------------------------------------------------------------------------


def aarhus_section(part: AarhusPart, style: ScoreStyle, period_to: dt.date) -> list[Flowable]:
    """One "Århus-skema (<schema>)" section per schema used, a table per assessment."""
    s = styles()
    out: list[Flowable] = []
    schema = None
    for facts in part.assessments:
        if facts.schema_label != schema:
            schema = facts.schema_label
            out += heading(f"Århus-skema ({schema})")
            out.append(para(_scale_key(style), s.small))
        out += _assessment(facts, style)
    out.append(markup(_next_text(part, period_to)))
    return out


def _scale_key(style: ScoreStyle) -> str:
    return (
        f"De fagprofessionelle scorer hver faktor {style.best}–{style.worst}: {style.best} er ingen "
        f"problemer, {style.worst} er massive problemer. Før og Mål før er scoren og målet ved "
        "vurderingen før; Nu er den nye score, Nyt mål målet til næste vurdering. "
        f"{NOT_ASSESSED_SHORT} = ikke vurderet. Barnets og forældrenes egne scorer står som noter "
        "og indgår ikke i målopfyldelsen."
    )


def _assessment(facts: AarhusAssessmentFacts, style: ScoreStyle) -> list[Flowable]:
    s = styles()
    title = f"Vurdering {date_text(facts.assessed_on)} · {facts.kind_label}"
    if not facts.in_period:
        title += " · før perioden"
    out: list[Flowable] = [*heading(title, 2)]
    lines = []
    if not facts.in_period:
        lines.append("Der er ingen ny Århus-vurdering i perioden; her er den seneste.")
    if facts.previous_on is not None:
        lines.append(f"Sammenlignet med vurderingen {date_text(facts.previous_on)}.")
    else:
        lines.append("Første vurdering: der er ingen vurdering før at sammenligne med.")
    if facts.participants:
        lines.append(f"Deltagere: {facts.participants}.")
    out.append(para(" ".join(lines), s.small))
    out.append(grid_table(HEADER, [_row(line, style) for line in facts.factors], COLUMN_WIDTHS))
    out.append(Spacer(1, 2 * mm))
    for line in facts.factors:
        if len(line.note or "") > LONG_CELL:
            out += text_block(f"{line.name}, {date_text(facts.assessed_on)}", line.note)
    if facts.previous_on is not None:
        out.append(markup(f"<b>Kort fortalt:</b> {escape(_summary(facts.factors))}", s.body))
    if facts.note:
        out += text_block("Bemærkning til vurderingen", facts.note)
    return out


def _score(score: Score | None, style: ScoreStyle) -> str:
    return NOT_ASSESSED_SHORT if isinstance(score, NotAssessed) else style.number(score)


def _outcome_cell(line: AarhusFactorLine) -> Flowable:
    st = styles()
    if line.previous is None:  # nothing to compare with: the first assessment, or a new factor
        return para(NONE_TEXT, st.cell)
    if line.outcome is None:
        return markup(f"<font color='{outcome_colour(None)}'>ikke opgjort</font>", st.cell)
    colour = outcome_colour(line.outcome.is_favourable)
    return markup(f"<font color='{colour}'><b>{escape(line.outcome.label)}</b></font>", st.cell)


def _row(line: AarhusFactorLine, style: ScoreStyle) -> list[object]:
    st = styles()
    note = line.note or ""
    parts = ["<i>Langt skøn; se teksten under tabellen.</i>" if len(note) > LONG_CELL else esc(note)]
    for who, score, text in (
        ("Barnets egen score", line.child_score, line.child_note),
        ("Forældrenes egen score", line.parent_score, line.parent_note),
    ):
        if score is not None or text:
            own = style.text(score) if score is not None else NONE_TEXT
            said = f": {esc(text)}" if text else ""
            parts.append(f"<i>{who}: {escape(own)}{said}</i>")
    cell = "<br/>".join(p for p in parts if p) or NONE_TEXT
    return [
        para(line.name, st.cell_bold),
        _score(line.previous, style),
        _score(line.previous_target, style),
        _score(line.score, style),
        _outcome_cell(line),
        _score(line.target, style),
        markup(cell, st.cell),
    ]


def _summary(lines: Sequence[AarhusFactorLine]) -> str:
    """ "3 faktorer går den rigtige vej eller er holdt, 1 står stille, 1 er blevet sværere"."""
    counted = Counter(line.outcome for line in lines if line.previous is not None)
    good = sum(n for o, n in counted.items() if o is not None and o.is_favourable)
    still = counted.get(Outcome.NO_PROGRESSION, 0)
    worse = counted.get(Outcome.NEGATIVE_PROGRESSION, 0)
    open_ = counted.get(None, 0)
    parts = [
        f"{good} {_factors(good)} er nået, holdt eller går den rigtige vej",
        f"{still} uden progression",
        f"{worse} med negativ progression",
    ]
    if open_:
        parts.append(f"{open_} kan ikke opgøres")
    return ", ".join(parts[:-1]) + " og " + parts[-1] + "."


def _factors(n: int) -> str:
    return "faktor" if n == 1 else "faktorer"


def _next_text(part: AarhusPart, period_to: dt.date) -> str:
    when = date_text(part.next_due)
    kind = escape(part.next_kind_label.lower())
    if part.next_due < period_to:
        return f"<b>Næste Århus-vurdering</b>, {kind}, skulle have været lavet {when} og mangler."
    return f"<b>Næste Århus-vurdering</b>, {kind}, skal laves {when}."
