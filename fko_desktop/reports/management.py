"""The management report: the unit leader's figures for the meeting with the municipality, and
the municipal manager's comparison of units and years (seed 003, Figures 8 and 9).

Both are laid out from the overview's values alone (``overview.model``), so the same report
prints from a unit file and from merged statistics files. The cover says what was counted
(period, filters, the "< 5" rule) and how to read it: the seed asks leaders to use such
figures with care, as they are not evidence of the effect of the work.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer

from fko_desktop.models.formatting import format_date
from fko_desktop.overview.model import SMALL_GROUP, Comparison, Dimension, OutcomeRow, Overview
from fko_desktop.overview.suppression import SUPPRESSED
from fko_desktop.overview.tables import (
    CAREFUL_READING,
    DEFAULT_GROUPINGS,
    GROUPED_BY,
    about_rows,
    comparison_about,
    outcome_title,
    period_words,
)
from fko_desktop.reports.common import PageInfo, build_pdf, facts_table, heading, markup, styles, title_block
from fko_desktop.reports.management_parts import (
    BARS_EXPLAINED,
    change_section,
    outcome_section,
    percent,
    practice_numbers,
)
from fko_desktop.storage import files

TITLE = "Ledelsesinformation"
COMPARISON_TITLE = "Sammenligning af enheder"

#: What each category means, in the words a leader would use at the meeting.
CATEGORY_WORDS = (
    ("Progressionsmål opfyldt", "målet om en bedre score er nået."),
    ("Fastholdelsesmål opfyldt", "et godt niveau er holdt, som aftalt."),
    ("Uproblematisk", "ingen problemer ved start, og heller ikke nu."),
    ("Progression", "bedre end udgangspunktet, men målet er ikke nået endnu."),
    ("Ingen progression", "samme score som ved udgangspunktet."),
    ("Negativ progression", "dårligere end ved udgangspunktet."),
    ("Ikke opgjort", "ingen målstatus i perioden, »Ikke vurderet«, eller et mål der ikke passer i "
                     "kategorierne (fx at begrænse et tab af funktionsevne)."),
)  # fmt: skip


def _notice(suppressed: bool) -> str:
    if suppressed:
        small = f"grupper med færre end {SMALL_GROUP} borgere vises som {SUPPRESSED}"
        return f"Internt: tal på gruppeniveau; {small}."
    return "Fortroligt: små grupper vises med tal, så enkelte borgere kan genkendes."


def _summary(total: OutcomeRow) -> str:
    if total.suppressed:
        return (
            f"Udvalget omfatter færre end {SMALL_GROUP} borgere, så tallene vises ikke. "
            "Vælg en længere periode eller færre filtre."
        )
    if not total.goals:
        return (
            "Udvalget omfatter ingen mål med en målstatus, der skulle være givet i perioden, "
            "så der er ingen målopfyldelse at vise endnu."
        )
    text = f"Udvalget omfatter <b>{total.goals}</b> mål hos <b>{total.citizens}</b> borgere. "
    if not total.categorised:
        return text + "Ingen af målene har en opgjort målopfyldelse endnu."
    return text + (
        f"<b>{total.categorised}</b> af målene har en opgjort målopfyldelse; af dem er "
        f"<b>{total.favourable}</b> ({percent(total.favourable / total.categorised)}) gået den rigtige "
        "vej (opfyldt, fastholdt, uproblematisk eller progression)."
    )


def _reading() -> list[Flowable]:
    s = styles()
    words = [f"<b>{escape(name)}:</b> {escape(meaning)}" for name, meaning in CATEGORY_WORDS]
    return [
        *heading("Sådan læses tallene", 2),
        markup(escape(CAREFUL_READING)),
        markup(
            "Hvert mål tælles én gang, med sin seneste målstatus i perioden, i en af seks kategorier "
            "(målopfyldelse, KL's Århus-koncept):",
        ),
        *(markup(line, s.small) for line in words),
    ]


def management_story(overview: Overview, groupings: Sequence[Dimension] | None = None) -> list[Flowable]:
    s = styles()
    total = overview.outcomes.get(Dimension.DOMAIN) or next(iter(overview.outcomes.values()), None)
    story: list[Flowable] = [
        *title_block(TITLE, escape(f"{overview.unit_name} · målopfyldelse og dokumentationspraksis")),
        facts_table(about_rows(overview), label_width=34 * mm),
    ]
    if total is not None:
        story += [*heading("Kort fortalt", 2), markup(_summary(total.total))]
    story += _reading()

    chosen = [d for d in (groupings or DEFAULT_GROUPINGS) if d in overview.outcomes]
    # A new unit, or a filter that leaves nothing: one line instead of pages of empty tables.
    if total is not None and total.total.goals == 0:
        chosen = []
    if chosen:
        story.append(PageBreak())
        story += [*heading("Målopfyldelse", 1), markup(escape(BARS_EXPLAINED), s.small)]
    for dimension in chosen:
        group = overview.outcomes[dimension].dimension.label
        story += outcome_section(overview.outcomes[dimension], title=outcome_title(dimension), group=group)

    if overview.changes.total.goals:
        story += heading("Ændring fra udgangspunkt", 1)
        by = GROUPED_BY[overview.changes.dimension]
        story += change_section(overview.changes, f"Ændring fra udgangspunkt til seneste målstatus pr. {by}")

    practices = [p for p in (overview.practice_by_department, overview.practice_by_responsible) if p]
    if practices:
        story += heading("Dokumentationspraksis", 1)
        story.append(
            markup(
                escape(
                    "Målstatus til tiden: af de målstatusser der faldt i perioden, hvor mange blev "
                    "registreret inden fristen. »Overskredet nu« er frister der er overskredet i dag, "
                    f"{format_date(overview.made_on)}."
                ),
                s.small,
            )
        )
    for practice in practices:
        story += heading(f"Dokumentationspraksis pr. {GROUPED_BY[practice.dimension]}", 2)
        story += practice_numbers(practice)
        story.append(Spacer(1, 4 * mm))

    if overview.factors_by_year:
        # The heading and its note must not stand alone at the foot of a page: the first
        # year's bars need about this much room.
        story.append(CondPageBreak(90 * mm))
        story += heading("Århus-skemaernes faktorer over tid", 1)
        story.append(
            markup(
                escape(
                    "Hver faktor fra den ene vurdering til den næste (KL's evaluering, figur 9): "
                    "én figur pr. år for den seneste vurdering."
                ),
                s.small,
            )
        )
        for year, table in sorted(overview.factors_by_year.items()):
            story += outcome_section(table, title=f"Faktorer {year}", group="Faktor")
    return story


def management_pdf(
    overview: Overview, *, groupings: Sequence[Dimension] | None = None, printed_by: str | None = None
) -> bytes:
    info = PageInfo(
        title=TITLE,
        citizen_name=overview.unit_name,
        cpr="",
        unit_name=overview.unit_name,
        printed_on=overview.made_on,
        printed_by=printed_by,
        subject=f"Ledelsesinformation, {period_words(overview.filter)}",
        header=overview.unit_name,
        notice=_notice(overview.filter.suppress_small_groups),
    )
    return build_pdf(management_story(overview, groupings), info, author=printed_by or "FKO Desktop")


def render_management_report(
    overview: Overview,
    path: Path | str,
    *,
    replace: bool = False,
    groupings: Sequence[Dimension] | None = None,
    printed_by: str | None = None,
) -> Path:
    """Write the management report as a PDF to the file the user chose (private, atomic; an
    existing file only with ``replace``). ``groupings``: which outcome tables, all by default."""
    target = Path(path)
    files.check_target(target, replace=replace)
    return files.write_file(
        target, management_pdf(overview, groupings=groupings, printed_by=printed_by), replace=replace
    )


# -- the comparison ------------------------------------------------------------------------


def comparison_story(comparison: Comparison) -> list[Flowable]:
    units = len(comparison.units)
    story: list[Flowable] = [
        *title_block(COMPARISON_TITLE, escape(f"{units} enheder · målopfyldelse på tværs af enheder og år")),
        facts_table(comparison_about(comparison), label_width=34 * mm),
        *heading("Kort fortalt", 2),
        markup(_summary(comparison.all_by_unit.total)),
        *_reading(),
        markup(
            escape(
                "Forskelle mellem enheder kan skyldes, at de har forskellige borgere og forskellige "
                "måder at score på; de er et afsæt for dialog om praksis, fokus og metoder."
            )
        ),
        PageBreak(),
        *heading("Alle områder", 1),
        markup(escape(BARS_EXPLAINED), styles().small),
        *outcome_section(comparison.all_by_unit, title="Alle områder pr. enhed", group="Enhed"),
    ]
    for key, label in comparison.domains:
        by_unit, by_year = comparison.by_unit.get(key), comparison.by_year.get(key)
        if by_unit is None and by_year is None:
            continue
        story += heading(label, 1)
        if by_unit is not None:
            story += outcome_section(by_unit, title=f"{label} på tværs af enheder", group="Enhed")
        if by_year is not None:
            story += outcome_section(by_year, title=f"{label} over tid", group="År")
    return story


def comparison_pdf(comparison: Comparison, *, printed_by: str | None = None) -> bytes:
    period = period_words(comparison.filter)
    count, names = f"{len(comparison.units)} enheder", ", ".join(comparison.units)
    info = PageInfo(
        title=COMPARISON_TITLE,
        citizen_name=count,
        cpr="",
        # The footer's left corner has room for a few words only (the print date is centred).
        unit_name=count,
        printed_on=comparison.made_on,
        printed_by=printed_by,
        subject=f"Sammenligning af enheder, {period}",
        header=names if len(names) <= 60 else count,
        notice=_notice(comparison.filter.suppress_small_groups),
    )
    return build_pdf(comparison_story(comparison), info, author=printed_by or "FKO Desktop")


def render_comparison(
    comparison: Comparison, path: Path | str, *, replace: bool = False, printed_by: str | None = None
) -> Path:
    """Write the comparison report (Figures 8 and 9 per domain) to the file the user chose."""
    target = Path(path)
    files.check_target(target, replace=replace)
    return files.write_file(target, comparison_pdf(comparison, printed_by=printed_by), replace=replace)
