"""The overview's figures against counts computed here from the inputs (tests/overview/conftest.py)
in plain Python: every dimension, the change distribution, quarters and years, each filter, the
"< 5" suppression, the medarbejder's department, and the documentation practice."""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from collections import Counter

import pytest

from fko_desktop.errors import PermissionDenied
from fko_desktop.models.outcome import Outcome
from fko_desktop.overview.model import OUTCOME_ORDER, Dimension, GoalState, OverviewFilter
from fko_desktop.overview.suppression import SUPPRESSED, shown
from fko_desktop.unit import Unit
from tests.overview.conftest import (
    CITIZENS,
    FOLLOW_UPS,
    GOALS,
    ICS,
    NOTES,
    PRACTICE_FROM,
    PRACTICE_TO,
    SUB_GOALS,
    THEME,
    TODAY,
    Built,
    Spec,
)

OPEN = OverviewFilter(suppress_small_groups=False)


def add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def latest(spec: Spec, since: dt.date | None = None, until: dt.date | None = None):
    kept = [s for s in spec.statuses if until is None or s[0] <= until]
    if not kept or (since is not None and kept[-1][0] < since):
        return None
    return kept[-1]


def owes(spec: Spec, since: dt.date | None, until: dt.date) -> bool:
    last = min(until, spec.end) if spec.end else until
    dues = [add_months(spec.start, 3 * k) for k in range(1, 20)]
    return any(due <= last and (since is None or due >= since) for due in dues)


def expected(since=None, until=None, specs=GOALS):
    """(spec, outcome or None) for every counted goal."""
    found = []
    for spec in specs:
        point = latest(spec, since, until)
        if point is not None:
            found.append((spec, point[3]))
        elif owes(spec, since, until or TODAY):
            found.append((spec, None))
    return found


def group_label(spec: Spec, by: Dimension) -> str:
    name, _cpr, area, department = CITIZENS[spec.citizen]
    if by is Dimension.DOMAIN:
        return ICS.get(spec.domain) or THEME[spec.domain]
    if by is Dimension.DEPARTMENT:
        return department
    if by is Dimension.AREA:
        return {"children": "Børn og unge", "adults": "Voksne"}[area]
    if by is Dimension.RESPONSIBLE:
        who = spec.responsible or {"c6": "mia"}.get(spec.citizen)
        return {"mia": "Mia Madsen", "lis": "Lis Leder", None: "Ingen ansvarlig"}[who]
    raise AssertionError(by)


def tallies(rows):
    return {row.label: (dict(row.counts), row.uncategorised, row.goals, row.citizens) for row in rows}


def expected_tallies(found, label_of):
    groups: dict[str, list] = {}
    for spec, outcome in found:
        groups.setdefault(label_of(spec), []).append((spec, outcome))
    result = {}
    for label, members in groups.items():
        counts = Counter(outcome for _, outcome in members if outcome is not None)
        result[label] = (
            {outcome: counts[outcome] for outcome in OUTCOME_ORDER},
            sum(1 for _, outcome in members if outcome is None),
            len(members),
            len({spec.citizen for spec, _ in members}),
        )
    return result


@pytest.fixture(scope="module")
def whole(overview_unit: Unit):
    return overview_unit.overview.build(OPEN, today=TODAY)


def test_every_category_is_there_and_the_total_counts_each_goal_once(whole) -> None:
    found = expected()
    total = whole.outcomes[Dimension.DOMAIN].total
    assert set(o for _, o in found if o) == set(Outcome)
    assert tallies([total])["I alt"] == expected_tallies(found, lambda s: "I alt")["I alt"]
    # g6 is too new to owe a målstatus: not counted at all; g8 owes and has none.
    names = {fact.goal_id for fact in total.facts}
    assert len(names) == len(found) == len(GOALS) - 1


@pytest.mark.parametrize(
    "by", [Dimension.DOMAIN, Dimension.DEPARTMENT, Dimension.AREA, Dimension.RESPONSIBLE]
)
def test_each_dimension_against_the_inputs(whole, by: Dimension) -> None:
    table = whole.outcomes[by]
    assert tallies(table.rows) == expected_tallies(expected(), lambda s: group_label(s, by))
    assert sum(row.goals for row in table.rows) == table.total.goals


def test_goal_types_and_units(whole) -> None:
    names = {
        "udvikling": "Udviklingsmål", "fastholdelse": "Fastholdelsesmål",
        "d41c8072-52f8-42b5-9375-ddbea454d27f": "Udvikle funktionsevne",
        "10752a63-00b4-4958-b7f4-9f3a18f74266": "Fastholde funktionsevne",
        "e47c22bd-d88d-48ab-882b-419923e1f44e": "Begrænse tab af funktionsevne",
    }  # fmt: skip
    table = whole.outcomes[Dimension.GOAL_TYPE]
    assert tallies(table.rows) == expected_tallies(expected(), lambda s: names[s.goal_type])
    assert [row.label for row in whole.outcomes[Dimension.UNIT].rows] == ["Bostedet Prøven"]


def test_domains_in_catalog_order_and_people_by_name(whole) -> None:
    assert [row.label for row in whole.outcomes[Dimension.DOMAIN].rows] == [
        "Sundhed", "Skole og læring", "Fritidsforhold og venskaber", "Familieforhold",
        "Egenomsorg", "Praktiske opgaver", "Mobilitet",
    ]  # fmt: skip
    assert [row.label for row in whole.outcomes[Dimension.RESPONSIBLE].rows] == [
        "Lis Leder", "Mia Madsen", "Ingen ansvarlig",
    ]  # fmt: skip
    assert [row.label for row in whole.outcomes[Dimension.AREA].rows] == ["Børn og unge", "Voksne"]


def test_quarters_and_years_of_the_latest_status(whole) -> None:
    def quarter(spec: Spec) -> str:
        point = latest(spec)
        return f"{point[0].year}-K{(point[0].month - 1) // 3 + 1}" if point else "Ingen målstatus i perioden"

    def year(spec: Spec) -> str:
        point = latest(spec)
        return str(point[0].year) if point else "Ingen målstatus i perioden"

    quarters = whole.outcomes[Dimension.QUARTER]
    assert tallies(quarters.rows) == expected_tallies(expected(), quarter)
    assert [row.key for row in quarters.rows] == ["2025-K4", "2026-K1", "2026-K2", ""]
    assert tallies(whole.outcomes[Dimension.YEAR].rows) == expected_tallies(expected(), year)


def test_the_change_distribution_per_domain(whole) -> None:
    want: dict[str, Counter] = {}
    for spec in GOALS:
        point = latest(spec)
        if point is None or not isinstance(point[1], int) or not isinstance(spec.baseline, int):
            continue
        label = ICS.get(spec.domain) or THEME[spec.domain]
        want.setdefault(label, Counter())[spec.baseline - point[1]] += 1
    got = {row.label: {k: v for k, v in row.counts.items() if v} for row in whole.changes.rows}
    assert got == {label: dict(counts) for label, counts in want.items()}
    assert whole.changes.total.goals == sum(sum(c.values()) for c in want.values())
    assert "Egenomsorg" in got and got["Egenomsorg"] == {2: 1}  # g5 "Ikke vurderet" is left out


def test_a_period_counts_the_latest_status_in_it_and_what_was_owed(overview_unit: Unit) -> None:
    since, until = dt.date(2026, 1, 1), dt.date(2026, 3, 31)
    filt = dataclasses.replace(OPEN, date_from=since, date_to=until)
    table = overview_unit.overview.build(filt, today=TODAY).outcomes[Dimension.DEPARTMENT]
    assert tallies(table.rows) == expected_tallies(
        expected(since, until), lambda s: group_label(s, Dimension.DEPARTMENT)
    )


@pytest.mark.parametrize(
    ("field", "value", "keep"),
    [
        ("departments", frozenset({"Syd"}), lambda s: CITIZENS[s.citizen][3] == "Syd"),
        ("areas", frozenset({"adults"}), lambda s: CITIZENS[s.citizen][2] == "adults"),
        ("catalogs", frozenset({"ics"}), lambda s: s.domain in ICS),
        ("goal_state", GoalState.ENDED, lambda s: s.end is not None),
        ("goal_state", GoalState.ACTIVE, lambda s: s.end is None),
        ("units", frozenset({"Bostedet Prøven"}), lambda s: True),
        ("units", frozenset({"Et andet sted"}), lambda s: False),
    ],
)
def test_each_filter_field(overview_unit: Unit, field: str, value, keep) -> None:
    filt = dataclasses.replace(OPEN, **{field: value})
    table = overview_unit.overview.build(filt, today=TODAY).outcomes[Dimension.DOMAIN]
    found = expected(specs=[spec for spec in GOALS if keep(spec)])
    assert table.total.goals == len(found)
    if found:
        assert tallies([table.total]) == expected_tallies(found, lambda s: "I alt")


def test_the_responsible_filter(overview_unit: Unit, built: Built) -> None:
    filt = dataclasses.replace(OPEN, responsible_ids=frozenset({built.staff_ids["lis"]}))
    total = overview_unit.overview.build(filt, today=TODAY).outcomes[Dimension.DOMAIN].total
    assert total.goals == len([s for s in expected() if s[0].responsible == "lis"])


def test_small_groups_are_shown_as_less_than_five(overview_unit: Unit) -> None:
    assert overview_unit.overview.default_filter().suppress_small_groups  # on by default
    suppressed = overview_unit.overview.build(today=TODAY)
    by_department = suppressed.outcomes[Dimension.DEPARTMENT]
    # Three citizens in each department: both rows are small; the six of the total are not.
    assert [row.suppressed for row in by_department.rows] == [True, True]
    assert not by_department.total.suppressed
    row = by_department.rows[0]
    assert shown(row.goals, row) == SUPPRESSED and shown(row.share(Outcome.PROGRESSION), row) == ""
    assert shown(by_department.total.goals, by_department.total) == by_department.total.goals
    opened = overview_unit.overview.build(OPEN, today=TODAY).outcomes[Dimension.DEPARTMENT]
    assert not any(row.suppressed for row in opened.rows)


def test_the_setting_is_the_administrators(built: Built, tmp_path) -> None:
    import shutil

    copy = tmp_path / "kopi.fko"
    shutil.copyfile(built.path, copy)
    with Unit.open(copy) as unit:
        unit.act_as(unit.staff.get(built.staff_ids["lis"]))
        with pytest.raises(PermissionDenied, match="administrator"):
            unit.overview.set_suppression(False)
        unit.act_as(unit.staff.get(built.staff_ids["ada"]))
        unit.overview.set_suppression(False)
        assert not unit.overview.default_filter().suppress_small_groups


def test_a_medarbejder_sees_only_their_own_department(overview_unit: Unit, built: Built) -> None:
    unit = overview_unit
    try:
        unit.act_as(unit.staff.get(built.staff_ids["mia"]))
        asked_for_syd = dataclasses.replace(OPEN, departments=frozenset({"Syd"}))
        view = unit.overview.build(asked_for_syd, today=TODAY)
        nord = [(s, o) for s, o in expected() if CITIZENS[s.citizen][3] == "Nord"]
        assert [row.label for row in view.outcomes[Dimension.DEPARTMENT].rows] == ["Nord"]
        assert view.outcomes[Dimension.DOMAIN].total.goals == len(nord)
        assert {f.department for f in unit.overview.facts()} == {"Nord"}
        assert unit.overview.options().departments == ("Nord",)
        unit.act_as(unit.staff.get(built.staff_ids["bo"]))
        with pytest.raises(PermissionDenied, match="afdeling"):
            unit.overview.build(today=TODAY)
        unit.act_as(None)
        with pytest.raises(PermissionDenied, match="Log ind"):
            unit.overview.build(today=TODAY)
        assert not unit.overview.may_view()
    finally:
        unit.act_as(unit.staff.get(built.staff_ids["ada"]))


# -- documentation practice -------------------------------------------------------------------


def _practice(overview_unit: Unit, **changes):
    filt = dataclasses.replace(OPEN, date_from=PRACTICE_FROM, date_to=PRACTICE_TO, **changes)
    return overview_unit.overview.build(filt, today=TODAY)


def test_statuses_due_in_the_period_and_on_time(overview_unit: Unit) -> None:
    due: Counter = Counter()
    on_time: Counter = Counter()
    for spec in GOALS:
        recorded = {period: on for on, _score, period, _o in spec.statuses}
        for period in range(1, 20):
            day = add_months(spec.start, 3 * period)
            if PRACTICE_FROM <= day <= PRACTICE_TO and (spec.end is None or day <= spec.end):
                department = CITIZENS[spec.citizen][3]
                due[department] += 1
                on_time[department] += period in recorded and recorded[period] <= day
    table = _practice(overview_unit).practice_by_department
    assert {row.label: (row.statuses_due, row.statuses_on_time) for row in table.rows} == {
        d: (due[d], on_time[d]) for d in due
    }
    assert table.total.on_time_share == sum(on_time.values()) / sum(due.values())


def test_overdue_today(overview_unit: Unit) -> None:
    overdue: Counter = Counter()
    for spec in GOALS:
        recorded = {period for _on, _score, period, _o in spec.statuses}
        for period in range(1, 20):
            day = add_months(spec.start, 3 * period)
            if day < TODAY and period not in recorded and (spec.end is None or day <= spec.end):
                overdue[CITIZENS[spec.citizen][3]] += 1
    reports = Counter(
        CITIZENS[c][3] for c, meeting, held, _ in FOLLOW_UPS if not held and meeting >= TODAY
        and meeting - dt.timedelta(days=14) < TODAY
    )  # fmt: skip
    rows = {row.label: row for row in _practice(overview_unit).practice_by_department.rows}
    assert {d: rows[d].statuses_overdue for d in rows} == {d: overdue[d] for d in rows}
    assert {d: rows[d].reports_overdue for d in rows} == {d: reports[d] for d in rows}


def test_follow_ups_notes_and_quiet_citizens(overview_unit: Unit) -> None:
    table = _practice(overview_unit).practice_by_department
    rows = {row.label: row for row in table.rows}
    # Meetings in the period, and c6's first follow-up (3 months after 15.1.) nobody planned.
    held = Counter(
        CITIZENS[c][3] for c, meeting, h, _ in FOLLOW_UPS if h and PRACTICE_FROM <= meeting <= TODAY
    )
    due = Counter(CITIZENS[c][3] for c, meeting, _, _ in FOLLOW_UPS if PRACTICE_FROM <= meeting <= TODAY)
    due["Syd"] += 1
    assert {d: (rows[d].follow_ups_due, rows[d].follow_ups_held) for d in rows} == {
        d: (due[d], held[d]) for d in rows
    }
    goal_citizen = {spec.name: spec.citizen for spec in GOALS}
    kept = [
        (CITIZENS[goal_citizen[SUB_GOALS[sub][0]]][3], score)
        for sub, day, score, withdrawn in NOTES
        if not withdrawn and PRACTICE_FROM <= day <= PRACTICE_TO
    ]
    weeks = ((PRACTICE_TO - PRACTICE_FROM).days + 1) / 7
    for department in rows:
        notes = [score for d, score in kept if d == department]
        assert rows[department].notes == len(notes)
        assert rows[department].notes_with_score == sum(isinstance(s, int) for s in notes)
        assert rows[department].notes_per_citizen_week == pytest.approx(len(notes) / (3 * weeks))
    # No note in the last 14 days: s3 (Bent, last 1.5.) and s8 (Dora, never); s10 is too new.
    cutoff = TODAY - dt.timedelta(days=14)
    noted = {sub for sub, day, _s, withdrawn in NOTES if not withdrawn and day >= cutoff}
    quiet = [sub for sub, (goal, start) in SUB_GOALS.items() if sub not in noted and start <= cutoff]
    assert sorted(quiet) == ["s3", "s8"]
    assert table.total.sub_goals_without_note == len(quiet)
    assert table.total.citizens_without_note == 2
    assert (rows["Nord"].citizens_without_note, rows["Syd"].citizens_without_note) == (1, 1)


def test_practice_per_responsible(overview_unit: Unit, built: Built) -> None:
    table = _practice(overview_unit).practice_by_responsible
    rows = {row.label: row for row in table.rows}
    # Lis answers for g3, g4, g9, g10: M3 (1.4.) of each is due in the period, all on time.
    assert (rows["Lis Leder"].statuses_due, rows["Lis Leder"].statuses_on_time) == (4, 4)
    # Mia: g1 (M3 missing), g2 (on time), g8 (missing), and Frida's g11/g12 through her plan.
    assert (rows["Mia Madsen"].statuses_due, rows["Mia Madsen"].statuses_on_time) == (5, 2)
    assert rows["Ingen ansvarlig"].statuses_due == 1  # Carl's g5
    lis_only = _practice(overview_unit, responsible_ids=frozenset({built.staff_ids["lis"]}))
    assert lis_only.practice_by_department.total.statuses_due == 4
