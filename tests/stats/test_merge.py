"""``compare``: units side by side and over the years, counted here by hand from files written
by hand (``helpers``), not by the code that counts them."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from fko_desktop.models.outcome import Outcome
from fko_desktop.overview.model import Dimension, OverviewFilter
from fko_desktop.stats.merge import compare, comparison_json, load
from fko_desktop.stats.read import StatisticsFileError, read_statistics
from tests.stats.helpers import document, goal, key, write

MET, MAINTAINED, FINE = Outcome.PROGRESSION_GOAL_MET, Outcome.MAINTENANCE_GOAL_MET, Outcome.UNPROBLEMATIC
PROGRESS, STILL, WORSE = Outcome.PROGRESSION, Outcome.NO_PROGRESSION, Outcome.NEGATIVE_PROGRESSION
SCHOOL, LEISURE = "ics:skole_og_laering", "ics:fritid_og_venskaber"
#: Goals that began late in 2025 owe no målstatus before 2026 (the first falls due after
#: three months), so a figure for 2025 does not count them as missing one.
LATE = "2025-12-01"


def _leisure(citizen: int, statuses, baseline: int, target: int):
    return goal(
        citizen,
        statuses,
        domain="fritid_og_venskaber",
        domain_group=LEISURE,
        baseline=baseline,
        target=target,
    )


@pytest.fixture
def files(tmp_path):
    solbakken = [
        goal(1, [("2025-03-01", 2), ("2026-03-01", 1)]),  # 2025: progression; 2026: met
        goal(2, [("2025-06-01", 3)]),  # no progression
        goal(3, [("2025-09-01", 4)]),  # negative
        goal(4, [("2026-02-01", 1)], start=LATE),  # met
        goal(5, [("2026-05-01", 2)], start=LATE),  # progression
        _leisure(6, [("2026-01-01", 2)], 2, 2),  # maintenance goal met (2026)
        _leisure(1, [("2025-05-01", 0)], 0, 0),  # unproblematic (2025)
    ]
    egebakken = [
        goal(11, [("2025-04-01", 1)]),  # met
        goal(12, [("2025-04-01", 1)]),  # met
        goal(13, [("2026-04-01", 3)], start=LATE),  # no progression
        goal(14, [("2026-04-01", 1)], start=LATE),  # met
        goal(15, [("2026-01-01", "ikke_vurderet")], start=LATE),  # no category
    ]
    lillebo = [goal(21, [("2025-05-01", 1)]), goal(22, [("2025-05-01", 1)])]  # met, met
    return [
        write(tmp_path / "solbakken.json", document("Solbakken", key(0xA1), solbakken)),
        write(tmp_path / "egebakken.json", document("Egebakken", key(0xB2), egebakken)),
        write(tmp_path / "lillebo.json", document("Lillebo", key(0xC3), lillebo)),
    ]


def _counts(row) -> dict[Outcome, int]:
    return {outcome: n for outcome, n in row.counts.items() if n}


def test_units_are_counted_each_on_their_own(files):
    comparison = compare(files, made_on=dt.date(2026, 12, 1))
    assert comparison.units == ("Solbakken", "Egebakken", "Lillebo")
    table = comparison.all_by_unit
    assert table.dimension is Dimension.UNIT
    solbakken, egebakken, lillebo = table.rows
    assert [row.label for row in table.rows] == ["Solbakken", "Egebakken", "Lillebo"]
    assert (solbakken.goals, solbakken.citizens, solbakken.uncategorised) == (7, 6, 0)
    assert _counts(solbakken) == {MET: 2, PROGRESS: 1, STILL: 1, WORSE: 1, MAINTAINED: 1, FINE: 1}
    assert (egebakken.goals, egebakken.citizens, egebakken.uncategorised) == (5, 5, 1)
    assert _counts(egebakken) == {MET: 3, STILL: 1}
    # Two citizens: "< 5", whatever is asked; and the next smallest unit is hidden with it, or
    # the total minus Solbakken and Egebakken would give Lillebo's numbers back.
    assert (lillebo.goals, lillebo.citizens, lillebo.suppressed) == (2, 2, True)
    assert not solbakken.suppressed and egebakken.suppressed and egebakken.complementary
    assert (table.total.goals, table.total.citizens, table.total.suppressed) == (14, 13, False)


def test_each_domain_by_unit_and_by_year(files):
    comparison = compare(files)
    # In the ICS catalog's own order, with its names.
    assert [key for key, _ in comparison.domains] == [SCHOOL, LEISURE]
    assert dict(comparison.domains)[SCHOOL].startswith("Skole")
    school = comparison.by_unit[SCHOOL]
    assert [(row.label, row.goals, row.suppressed) for row in school.rows] == [
        ("Solbakken", 5, False),
        ("Egebakken", 5, True),  # hidden with Lillebo
        ("Lillebo", 2, True),
    ]
    assert _counts(school.rows[0]) == {MET: 2, PROGRESS: 1, STILL: 1, WORSE: 1}
    leisure = comparison.by_unit[LEISURE]
    assert [(row.label, row.goals, row.citizens, row.suppressed) for row in leisure.rows] == [
        ("Solbakken", 2, 2, True)
    ]
    # Figure 9: the year of each goal's latest målstatus, across the units.
    years = comparison.by_year[SCHOOL]
    assert [row.key for row in years.rows] == ["2025", "2026"]
    in_2025, in_2026 = years.rows
    assert (in_2025.goals, in_2025.citizens) == (6, 6)
    assert _counts(in_2025) == {MET: 4, STILL: 1, WORSE: 1}
    assert (in_2026.goals, in_2026.citizens, in_2026.uncategorised) == (6, 6, 1)
    assert _counts(in_2026) == {MET: 3, PROGRESS: 1, STILL: 1}


def test_a_period_counts_the_status_of_its_own_time(files):
    comparison = compare(files, OverviewFilter(date_to=dt.date(2025, 12, 31), suppress_small_groups=False))
    assert comparison.filter.suppress_small_groups  # always on in a comparison
    years = comparison.by_year[SCHOOL]
    assert [row.key for row in years.rows] == ["2025"]
    # Citizen 1's goal counts with its 2025 score (progression), not its 2026 one.
    assert (years.rows[0].goals, _counts(years.rows[0])) == (7, {MET: 4, PROGRESS: 1, STILL: 1, WORSE: 1})
    solbakken = comparison.all_by_unit.rows[0]
    # Citizen 6's leisure goal owed a målstatus in 2025 and has none: counted, without a category.
    assert (solbakken.goals, solbakken.uncategorised) == (5, 1)
    assert _counts(solbakken) == {PROGRESS: 1, STILL: 1, WORSE: 1, FINE: 1}


def test_the_units_filter_keeps_the_chosen_units(files):
    comparison = compare(files, OverviewFilter(units=frozenset({"Egebakken"})))
    assert [row.label for row in comparison.all_by_unit.rows] == ["Egebakken"]


def test_the_json_shows_small_groups_as_less_than_five(files):
    data = comparison_json(compare(files, made_on=dt.date(2026, 12, 1)))
    json.dumps(data)  # plain JSON all through
    rows = {row["label"]: row for row in data["all_by_unit"]["rows"]}
    assert rows["Lillebo"] == {"key": "Lillebo", "label": "Lillebo", "suppressed": True, "citizens": "< 5"}
    assert rows["Egebakken"] == {
        "key": "Egebakken",
        "label": "Egebakken",
        "suppressed": True,
        "citizens": "skjult",
    }
    assert rows["Solbakken"]["counts"]["progression_goal_met"] == 2
    assert rows["Solbakken"]["uncategorised"] == 0
    assert [domain["key"] for domain in data["domains"]] == [SCHOOL, LEISURE]
    assert data["units"] == ["Solbakken", "Egebakken", "Lillebo"] and data["made_on"] == "2026-12-01"


def test_the_same_unit_twice_is_refused_naming_both_files(files, tmp_path):
    again = tmp_path / "solbakken-igen.json"
    again.write_bytes(files[0].read_bytes())
    with pytest.raises(StatisticsFileError) as refused:
        compare([files[0], files[1], again])
    assert "»solbakken.json« og »solbakken-igen.json«" in refused.value.message
    assert "samme enhed (Solbakken)" in refused.value.message


def test_two_units_of_one_name_are_told_apart(files, tmp_path):
    namesake = write(
        tmp_path / "solbakken-vest.json", document("Solbakken", key(0xD4), [goal(31, [("2025-01-01", 1)])])
    )
    loaded = load([files[0], namesake])
    assert [item.unit_name for item in loaded] == ["Solbakken", f"Solbakken ({key(0xD4)[:6]})"]
    comparison = compare([files[0], namesake])
    assert [row.goals for row in comparison.all_by_unit.rows] == [7, 1]


def test_fact_lists_and_read_files_can_be_mixed(files):
    facts = read_statistics(files[1]).facts
    comparison = compare([files[0], list(facts)])
    assert comparison.units == ("Solbakken", "Egebakken")
    assert [row.goals for row in comparison.all_by_unit.rows] == [7, 5]


def test_nothing_to_compare_is_refused():
    with pytest.raises(StatisticsFileError, match="mindst én"):
        compare([])
