"""The overview's figures as tables of cells, the one form every print and export shows.

Every figure becomes one ``Figure``: a title, typed columns and rows in which the "< 5" rule
is already applied (``suppression.shown``: a small group keeps its name and shows "< 5" for
each count, nothing for a share), so the CSV, the XLSX, ``fko overview``'s terminal table and
the management report print the same cells. Also the filter in words, for covers and the
spreadsheet's first sheet.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from fko_desktop.models.enums import Area
from fko_desktop.models.formatting import format_date
from fko_desktop.overview.model import (
    CHANGE_STEPS,
    OUTCOME_ORDER,
    SMALL_GROUP,
    ChangeRow,
    ChangeTable,
    Comparison,
    Dimension,
    GoalState,
    OutcomeRow,
    OutcomeTable,
    Overview,
    OverviewFilter,
    PracticeRow,
    PracticeTable,
)
from fko_desktop.overview.suppression import SUPPRESSED, reason, shown

Cell = str | int | float | None
Kind = Literal["text", "count", "share", "number"]

TOTAL_LABEL = "I alt"

#: A unit's figures group by everything but "unit" (one row for one unit; the comparison of
#: several units has its own report).
DEFAULT_GROUPINGS = tuple(d for d in Dimension if d is not Dimension.UNIT)

#: What "pr. …" says for each grouping, in headings and sheet names.
GROUPED_BY = {
    Dimension.DOMAIN: "område",
    Dimension.DEPARTMENT: "afdeling",
    Dimension.AREA: "målgruppe",
    Dimension.GOAL_TYPE: "måltype",
    Dimension.RESPONSIBLE: "ansvarlig medarbejder",
    Dimension.QUARTER: "kvartal",
    Dimension.YEAR: "år",
    Dimension.UNIT: "enhed",
}

CATALOG_NAMES = {"ics": "ICS", "ffb": "Fælles Faglige Begreber (FFB)", "aarhus": "Århus-skemaerne"}
GOAL_STATES = {
    GoalState.ALL: "Alle mål (aktive og afsluttede)",
    GoalState.ACTIVE: "Kun aktive mål",
    GoalState.ENDED: "Kun afsluttede mål",
}


def percent_text(share: float) -> str:
    """A share as the prints show it: whole per cent, Danish style ("33 %")."""
    return f"{round(share * 100)} %"


def step_label(step: int) -> str:
    """−2, 0, +2: a real minus sign, which also keeps Excel from taking the header as a formula."""
    return f"+{step}" if step > 0 else f"−{-step}" if step < 0 else "0"


@dataclass(frozen=True)
class Figure:
    """One table of figures as every export writes it."""

    key: str  # short: the XLSX sheet's name and the CSV's "Figur" column
    title: str
    columns: tuple[tuple[str, Kind], ...]
    rows: tuple[tuple[Cell, ...], ...]  # the total row last
    #: Per row, why it shows no numbers ("" for a shown row): what a print writes across it.
    suppressed: tuple[str, ...]

    @property
    def header(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.columns)


# -- the figures ---------------------------------------------------------------------------


def _reasons(rows: Iterable[OutcomeRow | ChangeRow | PracticeRow]) -> tuple[str, ...]:
    return tuple(reason(r) if r.suppressed else "" for r in rows)


def outcome_columns(group: str) -> tuple[tuple[str, Kind], ...]:
    columns: list[tuple[str, Kind]] = [(group, "text"), ("Borgere", "count"), ("Mål", "count"),
                                       ("Opgjorte mål", "count")]  # fmt: skip
    for outcome in OUTCOME_ORDER:
        columns += [(outcome.label, "count"), (f"{outcome.label} (andel)", "share")]
    return (*columns, ("Ikke opgjort", "count"))


def _shown(
    name: str, row: OutcomeRow | ChangeRow | PracticeRow, values: Iterable[int | float | None]
) -> tuple[Cell, ...]:
    """The row's cells as prints and exports show them: "< 5" for each count of a small group."""
    return (name, *(shown(value, row) for value in values))


def outcome_cells(row: OutcomeRow, label: str | None = None) -> tuple[Cell, ...]:
    values: list[int | float | None] = [row.citizens, row.goals, row.categorised]
    for outcome in OUTCOME_ORDER:
        values += [row.counts.get(outcome, 0), row.share(outcome) if row.categorised else None]
    return _shown(label if label is not None else row.label, row, [*values, row.uncategorised])


def outcome_figure(table: OutcomeTable, *, key: str, title: str, group: str | None = None) -> Figure:
    rows = (*table.rows, table.total)
    return Figure(
        key,
        title,
        outcome_columns(group or table.dimension.label),
        tuple(outcome_cells(r, TOTAL_LABEL if r is table.total else None) for r in rows),
        _reasons(rows),
    )


def change_figure(table: ChangeTable) -> Figure:
    columns: tuple[tuple[str, Kind], ...] = (
        (table.dimension.label, "text"), ("Borgere", "count"), ("Mål", "count"),
        *((step_label(step), "count") for step in CHANGE_STEPS),
    )  # fmt: skip
    rows = (*table.rows, table.total)

    def cells(row: ChangeRow) -> tuple[Cell, ...]:
        name = TOTAL_LABEL if row is table.total else row.label
        return _shown(
            name, row, [row.citizens, row.goals, *(row.counts.get(step, 0) for step in CHANGE_STEPS)]
        )

    title = f"Ændring fra udgangspunkt til seneste målstatus pr. {GROUPED_BY[table.dimension]}"
    return Figure("Ændring", title, columns, tuple(cells(r) for r in rows), _reasons(rows))


def practice_columns(table: PracticeTable) -> tuple[tuple[str, Kind], ...]:
    quiet = table.quiet_days
    return (
        (table.dimension.label, "text"), ("Borgere", "count"),
        ("Målstatus forfaldne", "count"), ("Målstatus til tiden", "count"),
        ("Målstatus til tiden (andel)", "share"), ("Målstatus overskredet", "count"),
        ("Statusrapporter overskredet", "count"), ("Opfølgninger forfaldne", "count"),
        ("Opfølgninger afholdt", "count"), ("Notater", "count"), ("Notater med score", "count"),
        ("Notater med score (andel)", "share"), ("Notater pr. borger pr. uge", "number"),
        (f"Borgere uden notat i {quiet} dage", "count"), (f"Delmål uden notat i {quiet} dage", "count"),
    )  # fmt: skip


def practice_cells(row: PracticeRow, label: str) -> tuple[Cell, ...]:
    return _shown(label, row, (
        row.citizens, row.statuses_due, row.statuses_on_time, row.on_time_share,
        row.statuses_overdue, row.reports_overdue, row.follow_ups_due, row.follow_ups_held,
        row.notes, row.notes_with_score, row.scored_share, round(row.notes_per_citizen_week, 2),
        row.citizens_without_note, row.sub_goals_without_note,
    ))  # fmt: skip


def practice_figure(table: PracticeTable) -> Figure:
    rows = (*table.rows, table.total)
    by = GROUPED_BY[table.dimension]
    return Figure(
        f"Praksis pr. {table.dimension.label.lower()}",
        f"Dokumentationspraksis pr. {by}",
        practice_columns(table),
        tuple(practice_cells(r, TOTAL_LABEL if r is table.total else r.label) for r in rows),
        _reasons(rows),
    )


def outcome_title(dimension: Dimension) -> str:
    return f"Målopfyldelse pr. {GROUPED_BY[dimension]}"


def figures(overview: Overview, groupings: Sequence[Dimension] | None = None) -> list[Figure]:
    """Every figure of the overview, in the order the report prints them."""
    found: list[Figure] = []
    for dimension in groupings or DEFAULT_GROUPINGS:
        table = overview.outcomes.get(dimension)
        if table is not None:
            found.append(outcome_figure(table, key=dimension.label, title=outcome_title(dimension)))
    found.append(change_figure(overview.changes))
    for practice in (overview.practice_by_department, overview.practice_by_responsible):
        if practice is not None:
            found.append(practice_figure(practice))
    for year, table in sorted(overview.factors_by_year.items()):
        title = f"Århus-skemaernes faktorer {year}"
        found.append(outcome_figure(table, key=f"Faktorer {year}", title=title, group="Faktor"))
    return found


# -- the filter in words -------------------------------------------------------------------


def period_words(filt: OverviewFilter) -> str:
    if filt.date_from and filt.date_to:
        return f"{format_date(filt.date_from)} – {format_date(filt.date_to)}"
    if filt.date_from:
        return f"Fra {format_date(filt.date_from)}"
    if filt.date_to:
        return f"Til og med {format_date(filt.date_to)}"
    return "Hele perioden (seneste målstatus for hvert mål)"


def _listed(values: Iterable[str], every: str) -> str:
    chosen = sorted(values)
    return ", ".join(chosen) if chosen else every


def filter_words(filt: OverviewFilter, staff_names: Mapping[int, str] | None = None) -> list[tuple[str, str]]:
    """The filter as (label, words) for the report's cover and the XLSX's first sheet."""
    names = staff_names or {}
    rows = [
        ("Periode", period_words(filt)),
        ("Afdelinger", _listed(filt.departments, "Alle afdelinger")),
        ("Målgrupper", _listed((_area(a) for a in filt.areas), "Børn og unge samt voksne")),
        ("Kataloger", _listed((CATALOG_NAMES.get(c, c) for c in filt.catalogs), "Alle kataloger")),
        ("Ansvarlige", _listed((names.get(i, f"medarbejder nr. {i}") for i in filt.responsible_ids),
                               "Alle medarbejdere")),
        ("Mål", GOAL_STATES[filt.goal_state]),
    ]  # fmt: skip
    if filt.units:
        rows.append(("Enheder", _listed(filt.units, "Alle enheder")))
    return rows


def suppression_words(filt: OverviewFilter) -> str:
    if filt.suppress_small_groups:
        return f"Grupper med færre end {SMALL_GROUP} borgere vises som {SUPPRESSED}."
    return (
        f"Alle grupper vises med tal, også grupper med færre end {SMALL_GROUP} borgere "
        "(indstillingen er slået fra): enkelte borgere kan genkendes, så del ikke tallene uden for enheden."
    )


def _area(code: str) -> str:
    try:
        return Area(code).label
    except ValueError:
        return code


def staff_names(overview: Overview) -> dict[int, str]:
    """The responsible staff the overview knows by name (for a filter on responsible staff)."""
    names: dict[int, str] = {}
    table = overview.outcomes.get(Dimension.RESPONSIBLE)
    for row in table.rows if table else ():
        for fact in row.facts:
            if fact.responsible_id is not None and fact.responsible_name:
                names[fact.responsible_id] = fact.responsible_name
    return names


def about_rows(overview: Overview) -> list[tuple[str, str]]:
    return [
        ("Enhed", overview.unit_name),
        *filter_words(overview.filter, staff_names(overview)),
        ("Udarbejdet", format_date(overview.made_on)),
        ("Små grupper", suppression_words(overview.filter)),
    ]


def comparison_about(comparison: Comparison) -> list[tuple[str, str]]:
    return [
        ("Enheder", ", ".join(comparison.units)),
        *filter_words(comparison.filter),
        ("Udarbejdet", format_date(comparison.made_on)),
        ("Små grupper", suppression_words(comparison.filter)),
    ]


def comparison_figures(comparison: Comparison) -> tuple[list[tuple[str, Figure]], list[tuple[str, Figure]]]:
    """(area name, figure) per domain: one row per unit (Figure 8), one row per year (Figure 9)."""
    every = outcome_figure(comparison.all_by_unit, key="Alle", title="Alle områder pr. enhed", group="Enhed")
    by_unit = [("Alle områder", every)]
    by_year: list[tuple[str, Figure]] = []
    for key, label in comparison.domains:
        if key in comparison.by_unit:
            table = comparison.by_unit[key]
            by_unit.append(
                (label, outcome_figure(table, key=label, title=f"{label} pr. enhed", group="Enhed"))
            )
        if key in comparison.by_year:
            table = comparison.by_year[key]
            by_year.append((label, outcome_figure(table, key=label, title=f"{label} pr. år", group="År")))
    return by_unit, by_year


#: The careful reading the seed asks leaders to promise (KL's evaluation of the Århus schemas,
#: §2.4 and the end of §2): printed on the report's cover and in the XLSX's first sheet.
CAREFUL_READING = (
    "Tallene viser, hvordan målene er scoret, ikke hvad indsatsen har bevirket: de er ikke et bevis "
    "for effekt. Forhold uden for tilbuddet (fx at en forælder er kommet i behandling) er hverken "
    "kortlagt eller kontrolleret og kan forklare en ændring. Små grupper svinger meget fra periode "
    "til periode. Brug tallene som afsæt for en faglig drøftelse, ikke som en dom over en borger "
    "eller en medarbejder, og aftal på forhånd, hvor ofte de tages frem, på hvilket niveau de "
    "offentliggøres, og hvad der sker, hvis et område ikke viser resultater."
)
