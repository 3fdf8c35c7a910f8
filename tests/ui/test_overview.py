"""The "Overblik" window (issue 14): the numbers it shows for goals made in the test, the
filters, the drill-down to the goals and citizens behind a bar, who gets it, print and export,
and the comparison of statistics files.

The expected counts are written out by hand from the table of goals below, not computed by
the overview's own code."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import hashlib
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QMessageBox

from fko_desktop.models import Actor
from fko_desktop.models.audit_vocabulary import AuditKind
from fko_desktop.models.enums import StaffRole
from fko_desktop.models.outcome import Outcome
from fko_desktop.ops import citizens, goal_status, orders, staff, unit_settings
from fko_desktop.ops.audit import AuditFilter
from fko_desktop.overview.model import OUTCOME_ORDER
from fko_desktop.stats.export import document_bytes, statistics_document
from fko_desktop.ui.main_window import MainWindow
from fko_desktop.ui.overview import show_comparison, show_overview
from fko_desktop.ui.overview.drill import DrillView
from fko_desktop.ui.overview.view import TAB_CHANGE, TAB_PRACTICE, OverviewWindow
from fko_desktop.unit import Unit

from .conftest import finish

START = dt.date(2025, 1, 15)
M1, M2 = dt.date(2025, 4, 10), dt.date(2025, 7, 10)
SCHOOL, LEISURE = "skole_og_laering", "fritid_og_venskaber"

#: (citizen, department, domain, baseline, target, M1 score, M2 score or None)
GOALS = (
    ("Alma Andersen", "Huset", SCHOOL, 3, 1, 2, 1),  # M1 progression, M2 goal met
    ("Bent Bech", "Huset", SCHOOL, 3, 1, 3, None),  # no progression
    ("Carla Dahl", "Huset", SCHOOL, 3, 1, 2, None),  # progression
    ("Dan Ebbesen", "Huset", SCHOOL, 3, 1, 4, None),  # negative
    ("Eva Friis", "Huset", LEISURE, 2, 2, 2, None),  # maintenance goal met
    ("Frode Gram", "Huset", LEISURE, 2, 2, 3, None),  # negative
    ("Gitte Holm", "Villaen", SCHOOL, 3, 1, 1, None),  # goal met
    ("Hans Iversen", "Villaen", LEISURE, 2, 2, 2, None),  # maintenance goal met
)


@dataclasses.dataclass
class Team:
    unit: object
    leder: Actor
    bo: Actor  # medarbejder in Huset
    goals: dict[str, tuple[int, int]]  # citizen name → (goal id, citizen id)


@pytest.fixture
def team(ui_unit) -> Team:  # type: ignore[no-untyped-def]
    system = Actor(None, "test")
    lene = staff.add_staff(ui_unit, system, name="Lene Leder", initials="LL", role=StaffRole.LEADER).value
    leder = staff.actor_for(lene)
    unit_settings.set_unit_settings(
        ui_unit, Actor(None, "test", system=True), departments=["Huset", "Villaen"]
    )
    bo = staff.add_staff(
        ui_unit, leder, name="Bo Berg", initials="BB", department="Huset", role=StaffRole.EMPLOYEE
    ).value
    made: dict[str, tuple[int, int]] = {}
    for number, (name, department, domain, baseline, target, first, second) in enumerate(GOALS, 1):
        citizen = citizens.create_citizen(
            ui_unit,
            leder,
            name=name,
            cpr=f"{number:02d}0215-43{number:02d}",
            area="children",
            department=department,
            intake_date=dt.date(2025, 1, 5),
        ).value
        order = orders.create_order(
            ui_unit,
            leder,
            citizen.id,
            meeting_date=dt.date(2025, 1, 2),
            received_date=dt.date(2025, 1, 10),
            intervention_purpose=f"At {name} trives.",
            goals=[
                orders.GoalInput(f"{name.split()[0]}s mål", domain, START, baseline=baseline, target=target)
            ],
        ).value
        goal = order.goals[0]
        goal_status.record_goal_status(ui_unit, leder, goal.id, score=first, summary="M1.", assessed_on=M1)
        if second is not None:
            goal_status.record_goal_status(
                ui_unit, leder, goal.id, score=second, summary="M2.", assessed_on=M2
            )
        made[name] = (goal.id, citizen.id)
    return Team(ui_unit, leder, staff.actor_for(bo), made)


_windows: list[MainWindow] = []


def _window(qtbot, team: Team, actor: Actor | None) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(Unit(team.unit, actor))  # type: ignore[arg-type]
    _windows.append(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: window.today.heading.text() != "")
    return window


@pytest.fixture(autouse=True)
def _close_windows():  # type: ignore[no-untyped-def]
    yield
    while _windows:
        window = _windows.pop()
        window.close()
        window.deleteLater()
    QApplication.processEvents()
    gc.collect()


def _action(window: MainWindow, text: str):  # type: ignore[no-untyped-def]
    found = {a for menu in window.menuBar().actions() for a in menu.menu().actions() if a.text() == text}
    (action,) = found
    return action


def _open(qtbot, window: MainWindow) -> OverviewWindow:  # type: ignore[no-untyped-def]
    _action(window, "Overblik").trigger()
    view = window.overview_window
    assert isinstance(view, OverviewWindow)
    qtbot.waitUntil(lambda: view.overview is not None and view.task is None, timeout=20_000)
    return view


def _wait(qtbot, view: OverviewWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: view.task is None, timeout=20_000)


def _row(view: OverviewWindow, label_start: str) -> list[str]:
    (row,) = [cells for cells in view.results.shown_cells() if cells[0].startswith(label_start)]
    return row


def _counts(cells: list[str]) -> dict[Outcome, int]:
    """The six outcome columns as numbers ("2 (40 %)" → 2)."""
    return {outcome: int(cells[1 + n].split()[0]) for n, outcome in enumerate(OUTCOME_ORDER)}


def test_the_leder_sees_the_counts_of_every_goal_by_domain(qtbot, team) -> None:  # type: ignore[no-untyped-def]
    view = _open(qtbot, _window(qtbot, team, team.leder))
    assert view.isVisible() and view.width() <= 1366 and view.height() <= 768
    school = _counts(_row(view, "Skole"))
    # The latest målstatus counts: Alma's M2 (1) met her goal; Gitte's M1 did too.
    assert school == {
        Outcome.PROGRESSION_GOAL_MET: 2,
        Outcome.MAINTENANCE_GOAL_MET: 0,
        Outcome.UNPROBLEMATIC: 0,
        Outcome.PROGRESSION: 1,
        Outcome.NO_PROGRESSION: 1,
        Outcome.NEGATIVE_PROGRESSION: 1,
    }
    assert _row(view, "Skole")[1] == "2 (40 %)"
    # Goals, citizens; marked "skjult" for the prints: with Fritid the only other domain and
    # small, the total minus Skole would give Fritid's numbers away.
    assert _row(view, "Skole")[-2:] == ["5", "5 (skjult)"]
    leisure = _counts(_row(view, "Fritid"))
    assert leisure[Outcome.MAINTENANCE_GOAL_MET] == 2 and leisure[Outcome.NEGATIVE_PROGRESSION] == 1
    # Three citizens: fewer than five, so marked for the prints; the window still shows the numbers.
    assert _row(view, "Fritid")[-1] == "3 (< 5)"
    total = view.results.shown_cells()[-1]
    assert total[-2:] == ["8", "8"]
    assert "8 mål for 8 borgere" in view.status.text()
    # The bars are the same numbers as shares: the school bar's first segment is 2 of 5.
    (bar,) = [b for b in view.results.chart.bars if b.label.startswith("Skole")]
    assert bar.segments[0].key is Outcome.PROGRESSION_GOAL_MET
    assert bar.segments[0].width == pytest.approx(0.4)


def test_filters_change_the_counts(qtbot, team) -> None:  # type: ignore[no-untyped-def]
    view = _open(qtbot, _window(qtbot, team, team.leder))
    bar = view.filters
    bar.choose(bar.department_combo, "Villaen")
    _wait(qtbot, view)
    assert view.results.shown_cells()[-1][-2:] == ["2", "2 (< 5)"]
    assert _counts(_row(view, "Skole"))[Outcome.PROGRESSION_GOAL_MET] == 1
    bar.choose(bar.department_combo, None)
    _wait(qtbot, view)
    # Up to the end of May only M1 counts: Alma is in progression, not yet at her goal.
    bar.set_period(dt.date(2025, 1, 1), dt.date(2025, 5, 31))
    _wait(qtbot, view)
    school = _counts(_row(view, "Skole"))
    assert school[Outcome.PROGRESSION_GOAL_MET] == 1 and school[Outcome.PROGRESSION] == 2
    # Grouped by department instead: Huset 6 goals, Villaen 2 (marked).
    bar.choose(bar.group_combo, bar.group_combo.itemData(1))
    _wait(qtbot, view)
    rows = {cells[0]: cells for cells in view.results.shown_cells()}
    assert rows["Huset"][-2:] == ["6", "6 (skjult)"] and rows["Villaen"][-1] == "2 (< 5)"


def test_clicking_a_bar_lists_the_goals_and_citizens_behind_it(qtbot, team) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, team, team.leder)
    view = _open(qtbot, window)
    panel = view.results
    row = next(n for n, b in enumerate(panel.chart.bars) if b.label.startswith("Skole"))
    segment = next(s for s in panel.chart.bars[row].segments if s.key is Outcome.PROGRESSION_GOAL_MET)
    panel.chart.click_at(segment.x0 + segment.width / 2, row)
    drill: DrillView = panel.drill_view
    assert drill.names() == ["Alma Andersen", "Gitte Holm"]
    assert "2 mål, 2 borgere" in drill.heading.text()
    alma = drill.model.index(0, 3).data()
    assert alma == "3 → 1"
    assert drill.model.index(0, 4).data() == "Progressionsmål opfyldt"
    # A row of the table: every goal of the group.
    panel.drill(row)
    assert drill.names() == ["Alma Andersen", "Bent Bech", "Carla Dahl", "Dan Ebbesen", "Gitte Holm"]
    # Double-click opens the goal in the main window.
    drill.table.doubleClicked.emit(drill.model.index(1, 0))
    goal_id, citizen_id = team.goals["Bent Bech"]
    assert window._current == ("goal", goal_id, citizen_id)


def test_the_change_tab_counts_steps_towards_better(qtbot, team) -> None:  # type: ignore[no-untyped-def]
    view = _open(qtbot, _window(qtbot, team, team.leder))
    view.tabs.setCurrentIndex(TAB_CHANGE)
    cells = {row[0]: row for row in view.change.shown_cells()}
    school = next(row for label, row in cells.items() if label.startswith("Skole"))
    # Steps −4 … +4 in columns 1 … 9: school goals moved +2 (Alma, Gitte), +1 (Carla), 0 (Bent), −1 (Dan).
    assert school[1:10] == ["0", "0", "0", "1", "1", "1", "2", "0", "0"]
    leisure = next(row for label, row in cells.items() if label.startswith("Fritid"))
    assert leisure[1:10] == ["0", "0", "0", "1", "2", "0", "0", "0", "0"]
    better = next(b for b in view.change.chart.bars if b.label.startswith("Skole"))
    assert all(s.x0 >= 0 for s in better.segments if isinstance(s.key, int) and s.key > 0)
    assert all(s.x0 < 0 for s in better.segments if isinstance(s.key, int) and s.key < 0)


def test_the_practice_tab_shows_departments_and_changes_its_days(qtbot, team) -> None:  # type: ignore[no-untyped-def]
    view = _open(qtbot, _window(qtbot, team, team.leder))
    view.tabs.setCurrentIndex(TAB_PRACTICE)
    departments = {row[0]: row for row in view.practice.cells(view.practice.by_department)}
    assert departments["Huset"][1] == "6 (skjult)" and departments["Villaen"][1] == "2 (< 5)"
    view.practice.days_combo.setCurrentIndex(2)
    _wait(qtbot, view)
    header = view.practice.by_department.headerData(7, Qt.Orientation.Horizontal)
    assert "30 dage" in header and view.practice.by_department.quiet_days == 30


def test_a_medarbejder_sees_only_their_own_department(qtbot, team) -> None:  # type: ignore[no-untyped-def]
    view = _open(qtbot, _window(qtbot, team, team.bo))
    combo = view.filters.department_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["Alle afdelinger", "Huset"]
    assert view.results.shown_cells()[-1][-2:] == ["6", "6"]
    panel = view.results
    panel.drill(len(panel.rows))  # the total row
    assert "Gitte Holm" not in panel.drill_view.names() and len(panel.drill_view.names()) == 6


def test_nobody_logged_in_gets_the_overview_greyed_out(qtbot, team) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, team, None)
    action = _action(window, "Overblik")
    assert not action.isEnabled()
    assert "Log ind" in action.toolTip()
    assert show_overview(window) is None
    # A medarbejder without a department has no overview either (the core refuses it).
    loner = staff.actor_for(staff.add_staff(team.unit, team.leder, name="Ulla Uden", initials="UU").value)
    assert not _action(_window(qtbot, team, loner), "Overblik").isEnabled()


def test_print_and_export_suppress_small_groups(qtbot, team, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    view = _open(qtbot, _window(qtbot, team, team.leder))
    target = tmp_path / "overblik.csv"
    finish(qtbot, view.export("csv", str(target)))
    text = target.read_text(encoding="utf-8-sig")
    assert "< 5" in text and "Alma" not in text
    assert str(target) in view.status.text()
    finish(qtbot, view.export("xlsx", str(tmp_path / "overblik.xlsx")))
    assert (tmp_path / "overblik.xlsx").stat().st_size > 0
    finish(qtbot, view.print_report())
    assert view.preview.document.pageCount() >= 1
    saved = view.preview.save_pdf(str(tmp_path / "rapport.pdf"))
    assert saved is not None and saved.read_bytes().startswith(b"%PDF")


def test_exports_and_saved_or_printed_reports_are_in_the_audit_trail(qtbot, team, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, team, team.leder)
    view = _open(qtbot, window)
    view.filters.choose(view.filters.department_combo, "Huset")
    _wait(qtbot, view)
    finish(qtbot, view.export("csv", str(tmp_path / "tal.csv")))
    finish(qtbot, view.export("xlsx", str(tmp_path / "tal.xlsx")))
    # Only looking at the report leaves nothing; saving and printing it do.
    finish(qtbot, view.print_report())
    exports = AuditFilter(kinds=frozenset({AuditKind.EXPORT}))
    assert len(window.unit.audit.events(exports).rows) == 2
    assert view.preview.save_pdf(str(tmp_path / "rapport.pdf")) is not None
    finish(qtbot, view.recording)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printer.pdf"))
    assert view.preview.print_pdf(printer)
    finish(qtbot, view.recording)
    rows = window.unit.audit.events(exports).rows
    assert {row.actor_name for row in rows} == {"Lene Leder (LL)"}
    assert [row.description for row in reversed(rows)] == [
        f"Eksporterede ledelsesinformationens tal som {kind} (pr. område, {rest}; hele perioden; Huset; "
        f"små grupper som »< 5«){file}"
        for kind, rest, file in (
            ("CSV", GROUPED, " – tal.csv"),
            ("Excel", GROUPED, " – tal.xlsx"),
        )
    ] + [
        f"{verb} (pr. område, {GROUPED}; hele perioden; Huset; små grupper som »< 5«){file}"
        for verb, file in (
            ("Gemte ledelsesrapporten som PDF", " – rapport.pdf"),
            ("Udskrev ledelsesrapporten", ""),
        )
    ]
    text = window.unit.audit.events(exports).rows[0].description
    assert all(name not in text for name, *_ in GOALS)


#: The other groupings the report and the exports hold after the one on screen.
GROUPED = "afdeling, målgruppe, måltype, ansvarlig, kvartal, år, enhed"


def test_the_overview_opens_again_after_it_was_closed(qtbot, team) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, team, team.leder)
    first = _open(qtbot, window)
    first.close()
    QApplication.processEvents()
    gc.collect()
    again = _open(qtbot, window)
    assert again is not first and again.isVisible()


def _stats_file(path: Path, facts, name: str, uid: str) -> str:  # type: ignore[no-untyped-def]
    def key_of(fact) -> str:  # type: ignore[no-untyped-def]
        return hashlib.sha256(fact.citizen_key.encode()).hexdigest()[:16]

    document = statistics_document(
        facts, unit_name=name, unit_uid=uid, key_of=key_of, made_on=dt.date(2025, 12, 1)
    )
    path.write_bytes(document_bytes(document))
    return str(path)


def test_the_comparison_shows_units_side_by_side_and_refuses_a_broken_file(
    qtbot, team, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, team, team.leder)
    facts = window.unit.overview.facts()
    first = _stats_file(tmp_path / "egely.json", facts, "Egely", "uid-egely-0001")
    second = _stats_file(tmp_path / "solhjem.json", facts[:3], "Solhjem", "uid-solhjem-02")
    dialog = show_comparison(window)
    finish(qtbot, dialog.compare([first, second]))
    assert dialog.comparison is not None
    rows = {cells[0]: cells for cells in dialog.by_unit.cells()}
    # Solhjem's three citizens are a small group: "< 5" on screen too, the figures leave the unit;
    # Egely, the only other unit, is hidden with it, or the total would give Solhjem away.
    assert rows["Solhjem"][1] == "< 5"
    assert rows["Egely"][1] == "skjult"
    assert rows["I alt"][-2:] == ["11", "11"]  # each unit's citizens are its own
    key = next(k for k, label in dialog.comparison.domains if label.startswith("Skole"))
    dialog.choose_domain(key)
    years = {cells[0]: cells for cells in dialog.by_year.cells()}
    assert "2025" in years
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"format": "noget andet"}), encoding="utf-8")
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: messages.append(text))
    finish(qtbot, dialog.compare([first, str(broken)]))
    assert messages and "Traceback" not in messages[0] and dialog.status.text() == messages[0]
