"""The guided start: a new unit is made with its first staff member, or a file or the demo is
chosen; a refusal says why and leaves nothing on disk."""

from __future__ import annotations

import gc
import json
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton

from fko_desktop.ui.overview.comparison import ComparisonDialog
from fko_desktop.ui.start_dialog import StartDialog
from tests.stats import helpers


@pytest.fixture(autouse=True)
def _comparisons_closed(qapp):  # type: ignore[no-untyped-def]
    """A comparison left open holds pyqtgraph charts; left for the interpreter's exit, they
    were torn down in no order and crashed the process after every test had passed."""
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ComparisonDialog):
            widget.close()
            widget.deleteLater()
    QApplication.processEvents()
    gc.collect()


@pytest.fixture
def start(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("FKO_DATA_DIR", str(tmp_path / "data"))
    dialog = StartDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _fill(qtbot, dialog, *, initials="lb", password="lones-gode-kode", again=None):
    dialog.show_new_unit()
    qtbot.keyClicks(dialog.unit_name, "Bostedet Egely")
    qtbot.keyClicks(dialog.departments, "Afd. Nord")
    dialog.adults_area.setChecked(True)
    qtbot.keyClicks(dialog.staff_name, "Lone Berg")
    qtbot.keyClicks(dialog.staff_initials, initials)
    qtbot.keyClicks(dialog.staff_title, "Afdelingsleder")
    qtbot.keyClicks(dialog.staff_password, password)
    qtbot.keyClicks(dialog.staff_password_again, again if again is not None else password)


def test_a_new_unit_is_made_with_its_first_staff_member(qtbot, start, tmp_path):
    _fill(qtbot, start)
    # The file goes in the data folder under the unit's name unless the user chooses a place.
    assert start.path.text() == str(tmp_path / "data" / "Bostedet Egely.fko")
    unit = start.create_unit()
    assert unit is not None and start.result() == StartDialog.DialogCode.Accepted
    try:
        assert (unit.name, unit.record.departments, unit.record.areas) == (
            "Bostedet Egely",
            ("Afd. Nord",),
            ("children", "adults"),
        )
        (member,) = unit.staff.list()
        assert (member.name, member.initials, member.role.value) == ("Lone Berg", "LB", "administrator")
        assert unit.actor is not None and unit.actor.staff_id == member.id  # ready to write
        assert not unit.readonly
        assert unit.accounts.has_password(member.id)
    finally:
        unit.close()
    from fko_desktop.unit import Unit

    with Unit.open_as(tmp_path / "data" / "Bostedet Egely.fko", "LB", "lones-gode-kode") as again:
        assert again.actor is not None and again.actor.name == "Lone Berg (LB)"


def test_the_first_password_is_asked_twice_and_must_be_good(qtbot, start, tmp_path):
    _fill(qtbot, start, again="en-anden-kode")
    assert start.create_unit() is None
    assert start.message.text() == "De to adgangskoder er ikke ens."
    start.staff_password.setText("kort")
    start.staff_password_again.setText("kort")
    assert start.create_unit() is None
    assert start.message.text() == "Adgangskoden skal have mindst 10 tegn."
    assert list((tmp_path / "data").glob("*.fko*")) == []


def test_a_refused_unit_leaves_the_form_and_no_file(qtbot, start, tmp_path):
    _fill(qtbot, start, initials="l b")
    assert start.create_unit() is None
    assert start.message.text().startswith("»L B« kan ikke bruges som initialer")
    assert start.staff_name.text() == "Lone Berg"  # kept for the correction
    assert not (tmp_path / "data" / "Bostedet Egely.fko").exists()
    start.children_area.setChecked(False)
    start.adults_area.setChecked(False)
    start.staff_initials.setText("LB")
    assert start.create_unit() is None
    assert start.message.text() == "Vælg mindst ét område: børn og unge eller voksne."
    assert list((tmp_path / "data").glob("*.fko*")) == []


def test_an_existing_file_or_the_demo_can_be_chosen(start, tmp_path):
    start.choose_existing(str(tmp_path / "enhed.fko"))
    assert start.chosen_path == tmp_path / "enhed.fko" and start.created is None
    start.choose_demo()
    assert start.chosen_path == "demo"


# -- comparing units without a unit file (issue 14) ------------------------------------------------


def _statistics_files(folder: Path, units: int) -> list[str]:
    """``units`` units' statistics files, written as another unit's program would; unit n has
    n + 5 citizens, each with one school goal met (3 → 1): no group is small."""
    paths = []
    for n in range(units):
        goals = [helpers.goal(100 * n + c, [("2025-03-01", 2), ("2025-09-01", 1)]) for c in range(n + 5)]
        document = helpers.document(f"Enhed {n:02d}", helpers.key(0xE000 + n), goals)
        paths.append(str(helpers.write(folder / f"enhed-{n:02d}.json", document)))
    return paths


def _the_button(dialog: StartDialog, text: str) -> QPushButton:
    (button,) = [b for b in dialog.findChildren(QPushButton) if b.text() == text]
    return button


def test_the_start_compares_statistics_files_without_any_unit(qtbot, start, tmp_path, monkeypatch):
    button = _the_button(start, "Sammenlign statistik fra flere enheder …")
    assert button.isVisible()
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (_statistics_files(tmp_path, 2), ""))
    button.click()
    dialog = start.comparison
    assert isinstance(dialog, ComparisonDialog) and dialog.isVisible()
    dialog.choose_button.click()  # the file dialog above answers
    qtbot.waitUntil(lambda: dialog.comparison is not None and dialog.task is None, timeout=20_000)
    rows = {cells[0]: cells for cells in dialog.by_unit.cells()}
    assert rows["Enhed 00"][-2:] == ["5", "5"] and rows["Enhed 01"][-2:] == ["6", "6"]
    assert rows["Enhed 01"][1].startswith("6 (100")  # every goal met
    assert "2 enheder: Enhed 00, Enhed 01" in dialog.status.text()
    # No unit was opened or chosen: the start screen is still there to choose one.
    assert start.created is None and start.chosen_path is None and start.isVisible()


def test_twenty_files_are_read_off_the_gui_thread(qtbot, start, tmp_path, monkeypatch):
    from fko_desktop.stats import merge

    threads: list[int] = []
    real = merge.compare

    def counted(paths, filt):  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        return real(paths, filt)

    monkeypatch.setattr(merge, "compare", counted)
    dialog = start.compare_units(_statistics_files(tmp_path, 20))
    qtbot.waitUntil(lambda: dialog.comparison is not None and dialog.task is None, timeout=20_000)
    assert threads and threads[0] != threading.get_ident()
    assert len(dialog.comparison.units) == 20 and len(dialog.by_unit.cells()) == 21  # and the total


def test_a_bad_file_is_the_app_s_danish_message_and_the_runner_has_no_unit(
    qtbot, start, tmp_path, monkeypatch
):
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: messages.append(text))
    broken = tmp_path / "noget.json"
    broken.write_text(json.dumps({"format": "noget andet"}), encoding="utf-8")
    dialog = start.compare_units([*_statistics_files(tmp_path, 1), str(broken)])
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20_000)
    assert messages and "Traceback" not in messages[0] and "noget.json" in messages[0]
    assert dialog.status.text() == messages[0]
    # The start screen's runner reads files only; work on a unit is refused in words.
    failures = []
    assert start.runner is not None
    task = start.runner.query(start, lambda unit, _p: unit.name).failure(failures.append).run()
    qtbot.waitUntil(lambda: task.done)
    assert [f.message for f in failures] == ["Ingen enhedsfil er åben."]
    # Closing the start screen stops its runner.
    start.reject()
    assert start.runner is None


def test_fko_desktop_compare_shows_only_the_comparison(qtbot, tmp_path, monkeypatch):
    from fko_desktop.ui.app import parse_args
    from fko_desktop.ui.overview import run_comparison

    paths = _statistics_files(tmp_path, 2)
    assert parse_args(["--compare", *paths]).compare == paths
    seen: list[list[list[str]]] = []

    def shown(dialog: ComparisonDialog) -> int:
        qtbot.waitUntil(lambda: dialog.comparison is not None and dialog.task is None, timeout=20_000)
        seen.append(dialog.by_unit.cells())
        return 0

    monkeypatch.setattr(ComparisonDialog, "exec", shown)
    assert run_comparison(paths) == 0
    ((first, second, total),) = seen
    assert (first[0], second[0], total[-2:]) == ("Enhed 00", "Enhed 01", ["11", "11"])
