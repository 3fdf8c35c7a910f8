"""``fko stats merge``: several units' statistics side by side (seed 003 Figures 8 and 9).

The figures are the overview's own (``overview.figures.outcome_table``), counted over the
goals of every file, grouped by unit and by year, for all domains together and for each
domain. Groups of fewer than five citizens are always shown as "< 5" here, whatever the
filter asks: a comparison goes to people outside the units.

The same unit given twice (two files with the same unit key, say this quarter's and last
quarter's) is refused, naming both files: counting its goals twice would be wrong, and
silently keeping one of them would hide that the user gave the wrong files. Two different
units of the same name are both kept; the second is shown with its key beside the name.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fko_desktop.overview.export import outcome_table_json
from fko_desktop.overview.model import (
    OUTCOME_ORDER,
    Comparison,
    Dimension,
    FactKind,
    GoalFact,
    OutcomeTable,
    OverviewFilter,
)
from fko_desktop.stats.read import StatisticsFile, StatisticsFileError, read_statistics

if TYPE_CHECKING:
    from fko_desktop.overview.labels import Labels

Source = StatisticsFile | Path | str | Sequence[GoalFact]


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while the files are read: the reader makes tens of
    thousands of small objects without a single cycle, and the collector's passes over them
    cost a third of the reading time. It is switched back on as it was, whatever happens."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def load(sources: Iterable[Source]) -> list[StatisticsFile]:
    """Read every file (paths are read, files and fact lists taken as they are), refusing
    the same unit twice; the unit names made unique, in the order given."""
    loaded: list[StatisticsFile] = []
    with _collector_paused():
        for number, source in enumerate(sources, 1):
            if isinstance(source, StatisticsFile):
                loaded.append(source)
            elif isinstance(source, str | Path):
                loaded.append(read_statistics(source))
            else:
                loaded.append(_of_facts(tuple(source), number))
    if not loaded:
        raise StatisticsFileError("Angiv mindst én statistikfil.")
    seen: dict[str, StatisticsFile] = {}
    for item in loaded:
        earlier = seen.get(item.unit_key)
        if earlier is not None:
            raise StatisticsFileError(
                f"»{earlier.source}« og »{item.source}« er statistik fra samme enhed ({item.unit_name}); "
                "vælg én af dem, så enhedens mål ikke tælles to gange."
            )
        seen[item.unit_key] = item
    return _unique_names(loaded)


def _of_facts(facts: tuple[GoalFact, ...], number: int) -> StatisticsFile:
    """A fact list (a unit's own facts, or a test's) as if it were a file of that unit."""
    names = {fact.unit_name for fact in facts}
    name = names.pop() if len(names) == 1 else f"Enhed {number}"
    return StatisticsFile(f"enhed {number}", name, f"facts:{name}", dt.date.today(), None, None, facts)


def _unique_names(loaded: list[StatisticsFile]) -> list[StatisticsFile]:
    taken: set[str] = set()
    result = []
    for item in loaded:
        name = item.unit_name
        if name in taken:
            name = f"{name} ({item.unit_key[:6]})"
        taken.add(name)
        if name != item.unit_name:
            facts = tuple(dataclasses.replace(fact, unit_name=name) for fact in item.facts)
            item = dataclasses.replace(item, unit_name=name, facts=facts)
        result.append(item)
    return result


def _in_unit_order(table: OutcomeTable, units: Sequence[str]) -> OutcomeTable:
    """A by-unit table with its rows in the order the files were given (the reader's own
    order: the units they asked about, as they listed them)."""
    rank = {name: index for index, name in enumerate(units)}
    rows = sorted(table.rows, key=lambda row: (rank.get(row.label, rank.get(row.key, len(rank))), row.key))
    return dataclasses.replace(table, rows=tuple(rows))


def compare(
    sources: Iterable[Source],
    filt: OverviewFilter | None = None,
    *,
    labels: Labels | None = None,
    made_on: dt.date | None = None,
) -> Comparison:
    """The units of ``sources`` compared, all domains and each domain, by unit and by year."""
    from fko_desktop.overview import figures
    from fko_desktop.overview.labels import Labels

    with _collector_paused():  # reading and counting alike make no cycles
        loaded = load(sources)
        units = tuple(item.unit_name for item in loaded)
        # Always on: a comparison leaves the units, so no group may point at a single citizen.
        filt = dataclasses.replace(filt or OverviewFilter(), suppress_small_groups=True)
        labels = labels or Labels()
        chosen = figures.select([fact for item in loaded for fact in item.facts], filt)
        goals = [fact for fact in chosen if fact.kind is FactKind.GOAL]
        memo = figures.outcome_memo(filt)  # every table below asks for the same facts' outcomes

        def table(facts: list[GoalFact], by: Dimension) -> OutcomeTable:
            return figures.outcome_table(facts, by, filt, labels, memo=memo)

        by_domain: dict[str, list[GoalFact]] = {}
        for fact in chosen:
            # A fact's domain group is already its key, "catalog:code" (``overview.labels``).
            by_domain.setdefault(fact.domain_group, []).append(fact)
        # The domains in the overview's own order and wording (catalog order).
        names = labels.domains(by_domain)
        domains = tuple((key, names[key]) for key in sorted(by_domain, key=labels.domain_sort))
        return Comparison(
            filter=filt,
            made_on=made_on or dt.date.today(),
            units=units,
            domains=domains,
            # All domains together means the goals: an Århus factor between two assessments is
            # not a goal, and is compared domain by domain only.
            all_by_unit=_in_unit_order(table(goals, Dimension.UNIT), units),
            by_unit={
                key: _in_unit_order(table(by_domain[key], Dimension.UNIT), units) for key, _label in domains
            },
            by_year={key: table(by_domain[key], Dimension.YEAR) for key, _label in domains},
        )


# -- JSON (``fko stats merge --json``) ---------------------------------------------------------


def comparison_json(comparison: Comparison) -> dict[str, Any]:
    """What ``fko stats merge --json`` prints."""
    filt = comparison.filter
    return {
        "units": list(comparison.units),
        "made_on": comparison.made_on.isoformat(),
        "period": {
            "from": filt.date_from.isoformat() if filt.date_from else None,
            "to": filt.date_to.isoformat() if filt.date_to else None,
        },
        "outcome_categories": {outcome.value: outcome.label for outcome in OUTCOME_ORDER},
        "all_by_unit": outcome_table_json(comparison.all_by_unit),
        "domains": [
            {
                "key": key,
                "label": label,
                "by_unit": outcome_table_json(comparison.by_unit[key]),
                "by_year": outcome_table_json(comparison.by_year[key]),
            }
            for key, label in comparison.domains
        ],
    }
