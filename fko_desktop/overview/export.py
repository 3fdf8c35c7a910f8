"""The overview's figures as files: CSV for Danish Excel, XLSX (openpyxl) and JSON.

The cells come from ``overview.tables`` (the "< 5" rule applied there). What is written goes
to the file the user chose, privately and atomically (``storage.files``), never over an
existing file unless the user asked for that; the target is checked before the work is done.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fko_desktop.overview.model import (
    CHANGE_STEPS,
    OUTCOME_ORDER,
    ChangeRow,
    Comparison,
    Dimension,
    OutcomeRow,
    OutcomeTable,
    Overview,
    OverviewFilter,
    PracticeRow,
    PracticeTable,
)
from fko_desktop.overview.suppression import mark
from fko_desktop.overview.tables import (
    CAREFUL_READING,
    TOTAL_LABEL,
    Cell,
    Figure,
    Kind,
    about_rows,
    comparison_about,
    comparison_figures,
    figures,
    practice_cells,
    practice_columns,
)
from fko_desktop.storage import csv_text, files

# -- CSV -----------------------------------------------------------------------------------


def _csv_value(value: Cell, kind: Kind) -> Cell:
    if value is None or isinstance(value, str):
        return value
    if kind == "share":
        # Danish Excel reads a decimal comma; a share is written as a percentage.
        return f"{value * 100:.1f}".replace(".", ",")
    if kind == "number":
        return f"{value:.2f}".replace(".", ",")
    return value


def csv_data(overview: Overview, groupings: Sequence[Dimension] | None = None) -> bytes:
    """One CSV: each figure's header row (with "Figur" first), its rows, a blank line."""
    lines: list[Sequence[Cell]] = []
    for figure in figures(overview, groupings):
        lines.append(("Figur", *(f"{n} (%)" if k == "share" else n for n, k in figure.columns)))
        for row in figure.rows:
            lines.append(
                (figure.title, *(_csv_value(v, k) for v, (_, k) in zip(row, figure.columns, strict=True)))
            )
        lines.append(())
    return csv_text.csv_bytes(lines)


def write_csv(overview: Overview, path: Path | str, *, replace: bool = False,
              groupings: Sequence[Dimension] | None = None) -> Path:  # fmt: skip
    return files.write_file(Path(path), csv_data(overview, groupings), replace=replace)


# -- XLSX ----------------------------------------------------------------------------------

_SHEET_FORBIDDEN = str.maketrans({c: "-" for c in "[]:*?/\\"})


def _sheet_name(name: str, taken: set[str]) -> str:
    base = name.translate(_SHEET_FORBIDDEN)[:31]
    candidate, number = base, 2
    while candidate.lower() in taken:
        suffix = f" {number}"
        candidate, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(candidate.lower())
    return candidate


def _workbook_bytes(about: Sequence[tuple[str, str]], sheets: Sequence[tuple[str, str, Figure | None,
                    Sequence[tuple[str, Figure]]]]) -> bytes:  # fmt: skip
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    bold = Font(bold=True)
    info = book.active
    assert info is not None  # a new workbook always has its first sheet
    info.title = "Om tallene"
    for label, words in about:
        info.append([label, words])
        info.cell(info.max_row, 1).font = bold
    info.append([])
    info.append(["Sådan læses tallene", CAREFUL_READING])
    info.cell(info.max_row, 1).font = bold
    info.column_dimensions["A"].width = 22
    info.column_dimensions["B"].width = 100
    for line in info.iter_rows():
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    taken = {"om tallene"}
    for name, _title, figure, parts in sheets:
        sheet = book.create_sheet(_sheet_name(name, taken))
        blocks = [("", figure)] if figure is not None else list(parts)
        lead = bool(parts)
        first = blocks[0][1]
        header = ["Område", *first.header] if lead else list(first.header)
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for lead_name, block in blocks:
            for row in block.rows:
                values: list[Cell] = [lead_name, *row] if lead else list(row)
                sheet.append(values)
                offset = 1 if lead else 0
                for index, (_, kind) in enumerate(block.columns):
                    cell = sheet.cell(sheet.max_row, index + 1 + offset)
                    if kind == "share" and isinstance(cell.value, float):
                        cell.number_format = "0.0%"
                    elif kind == "number" and isinstance(cell.value, float):
                        cell.number_format = "0.00"
                if row[0] == TOTAL_LABEL:
                    for cell in sheet[sheet.max_row]:
                        cell.font = bold
        sheet.freeze_panes = "B2" if not lead else "C2"
        sheet.column_dimensions["A"].width = 28
        if lead:
            sheet.column_dimensions["B"].width = 24
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_data(overview: Overview, groupings: Sequence[Dimension] | None = None) -> bytes:
    """One sheet per figure after "Om tallene"; numbers as numbers, shares in percent format."""
    return _workbook_bytes(
        about_rows(overview), [(f.key, f.title, f, ()) for f in figures(overview, groupings)]
    )


def write_xlsx(overview: Overview, path: Path | str, *, replace: bool = False,
               groupings: Sequence[Dimension] | None = None) -> Path:  # fmt: skip
    target = Path(path)
    files.check_target(target, replace=replace)  # before the work: nothing is made for nothing
    return files.write_file(target, xlsx_data(overview, groupings), replace=replace)


def comparison_xlsx_data(comparison: Comparison) -> bytes:
    by_unit, by_year = comparison_figures(comparison)
    sheets: list[tuple[str, str, Figure | None, Sequence[tuple[str, Figure]]]] = [
        ("Pr. enhed", "Målopfyldelse pr. enhed og område", None, by_unit)
    ]
    if by_year:
        sheets.append(("Pr. år", "Målopfyldelse pr. år og område", None, by_year))
    return _workbook_bytes(comparison_about(comparison), sheets)


def write_comparison_xlsx(comparison: Comparison, path: Path | str, *, replace: bool = False) -> Path:
    target = Path(path)
    files.check_target(target, replace=replace)
    return files.write_file(target, comparison_xlsx_data(comparison), replace=replace)


# -- JSON ----------------------------------------------------------------------------------


def outcome_row_json(row: OutcomeRow) -> dict[str, Any]:
    data: dict[str, Any] = {"key": row.key, "label": row.label, "suppressed": row.suppressed}
    if row.suppressed:
        return {**data, "citizens": mark(row)}
    return {
        **data,
        "citizens": row.citizens,
        "goals": row.goals,
        "categorised": row.categorised,
        "uncategorised": row.uncategorised,
        "counts": {outcome.value: row.counts.get(outcome, 0) for outcome in OUTCOME_ORDER},
    }


def outcome_table_json(table: OutcomeTable) -> dict[str, Any]:
    return {"rows": [outcome_row_json(r) for r in table.rows], "total": outcome_row_json(table.total)}


def _change_json(row: ChangeRow) -> dict[str, Any]:
    data: dict[str, Any] = {"key": row.key, "label": row.label, "suppressed": row.suppressed}
    if row.suppressed:
        return {**data, "citizens": mark(row)}
    counts = {str(step): row.counts.get(step, 0) for step in CHANGE_STEPS}
    return {**data, "citizens": row.citizens, "goals": row.goals, "counts": counts}


def _practice_json(table: PracticeTable | None) -> dict[str, Any] | None:
    if table is None:
        return None
    names = [name for name, _ in practice_columns(table)]
    fields = (
        "citizens", "statuses_due", "statuses_on_time", "on_time_share", "statuses_overdue",
        "reports_overdue", "follow_ups_due", "follow_ups_held", "notes", "notes_with_score",
        "scored_share", "notes_per_citizen_week", "citizens_without_note", "sub_goals_without_note",
    )  # fmt: skip
    assert len(fields) == len(names) - 1

    def row_json(row: PracticeRow) -> dict[str, Any]:
        data: dict[str, Any] = {"key": row.key, "label": row.label, "suppressed": row.suppressed}
        if row.suppressed:
            return {**data, "citizens": mark(row)}
        return {**data, **dict(zip(fields, practice_cells(row, row.label)[1:], strict=True))}

    return {
        "quiet_days": table.quiet_days,
        "rows": [row_json(r) for r in table.rows],
        "total": row_json(table.total),
    }


def _filter_json(filt: OverviewFilter) -> dict[str, Any]:
    def day(value: dt.date | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "from": day(filt.date_from),
        "to": day(filt.date_to),
        "departments": sorted(filt.departments),
        "areas": sorted(filt.areas),
        "catalogs": sorted(filt.catalogs),
        "responsible_ids": sorted(filt.responsible_ids),
        "goals": filt.goal_state.value,
        "suppress_small_groups": filt.suppress_small_groups,
    }


def overview_json(overview: Overview) -> dict[str, Any]:
    """What ``fko overview --json`` prints; suppressed groups carry ``"citizens": "< 5"`` only."""
    return {
        "unit": overview.unit_name,
        "made_on": overview.made_on.isoformat(),
        "filter": _filter_json(overview.filter),
        "outcome_categories": {outcome.value: outcome.label for outcome in OUTCOME_ORDER},
        "outcomes": {dim.value: outcome_table_json(t) for dim, t in overview.outcomes.items()},
        "changes": {
            "by": overview.changes.dimension.value,
            "rows": [_change_json(r) for r in overview.changes.rows],
            "total": _change_json(overview.changes.total),
        },
        "factors_by_year": {
            year: outcome_table_json(t) for year, t in sorted(overview.factors_by_year.items())
        },
        "practice_by_department": _practice_json(overview.practice_by_department),
        "practice_by_responsible": _practice_json(overview.practice_by_responsible),
    }
