"""An Århus factor between two assessments is not a goal: the goal figures do not count it, the
Århus figures do; and two catalogs' domains of the same name are told apart where they meet.
The facts are written by hand here."""

from __future__ import annotations

import datetime as dt

from fko_desktop.overview import figures
from fko_desktop.overview.labels import Labels
from fko_desktop.overview.model import Dimension, FactKind, GoalFact, OverviewFilter, StatusPoint

ON = dt.date(2026, 3, 1)


def fact(kind: FactKind, catalog: str, code: str, citizen: str) -> GoalFact:
    return GoalFact(
        kind=kind, unit_name="Enheden", citizen_key=citizen, department="Huset", area="children",
        catalog=catalog, domain_code=code, domain_group=f"{catalog}:{code}", goal_type=None,
        baseline=3, target=1, statuses=(StatusPoint(ON, 1),), start_date=dt.date(2025, 1, 1),
        end_date=None,
    )  # fmt: skip


GOAL, FACTOR = FactKind.GOAL, FactKind.AARHUS_FACTOR
FACTS = [
    *(fact(GOAL, "ics", "udvikling_og_adfaerd", f"c{n}") for n in range(6)),
    *(fact(FACTOR, "aarhus", "udvikling_og_adfaerd", f"c{n}") for n in range(6)),
    *(fact(FACTOR, "aarhus", "skoleforhold", f"c{n}") for n in range(6)),
]


def build():
    open_filter = OverviewFilter(suppress_small_groups=False)
    return figures.build_overview(FACTS, open_filter, unit_name="Enheden", made_on=ON, labels=Labels())


def test_the_goal_figures_count_the_six_goals_only() -> None:
    overview = build()
    by_domain = overview.outcomes[Dimension.DOMAIN]
    assert [(row.label, row.goals) for row in by_domain.rows] == [("Udvikling og adfærd", 6)]
    assert by_domain.total.goals == 6 and overview.changes.total.goals == 6


def test_the_aarhus_figures_count_the_twelve_factor_outcomes() -> None:
    in_2026 = build().factors_by_year["2026"]
    rows = [(row.label, row.goals) for row in in_2026.rows]
    assert rows == [("Udvikling og adfærd", 6), ("Skoleforhold", 6)]


def test_names_two_catalogs_share_get_their_catalog_where_they_meet() -> None:
    labels = Labels()
    shown = labels.domains(["ics:udvikling_og_adfaerd", "aarhus:udvikling_og_adfaerd", "aarhus:skoleforhold"])
    assert shown == {
        "ics:udvikling_og_adfaerd": "Udvikling og adfærd (ICS)",
        "aarhus:udvikling_og_adfaerd": "Udvikling og adfærd (Århus)",
        "aarhus:skoleforhold": "Skoleforhold",
    }
    assert labels.domains(["ics:udvikling_og_adfaerd"]) == {"ics:udvikling_og_adfaerd": "Udvikling og adfærd"}
