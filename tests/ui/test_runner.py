"""The one runner: unit work off the GUI thread on one worker, callbacks per call, one broadcast."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from fko_desktop.errors import ValidationError
from fko_desktop.ui import runner as runner_module
from fko_desktop.ui.runner import Failure, Runner
from fko_desktop.unit import RecordKind, Unit


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def runner(ui_world, parent):
    unit = Unit(ui_world.unit, ui_world.actor)
    made = Runner(unit, parent)
    yield made
    made.close()


def test_a_write_runs_off_the_gui_thread_and_is_broadcast_once_with_the_core_changes(
    qtbot, runner, parent, ui_world
):
    gui = threading.get_ident()
    seen: dict[str, object] = {}
    heard = []
    runner.changed.connect(lambda changes, initiator: heard.append((changes, initiator)))

    def work(unit, _progress):
        seen["thread"] = threading.get_ident()
        return unit.journal.add(ui_world.sub_goal.id, text="Mads stod selv op.", score=2)

    task = (
        runner.op(parent, work).success(lambda result: seen.update(result=result.value)).run(initiator=parent)
    )
    qtbot.waitUntil(lambda: task.done)
    assert seen["thread"] != gui and isinstance(seen["result"], int)
    [(changes, initiator)] = heard
    assert initiator is parent
    assert changes.kinds == {RecordKind.JOURNAL_NOTE}
    assert changes.citizen_ids == {ui_world.citizen.id} and changes.sub_goal_ids == {ui_world.sub_goal.id}


def test_a_refusal_reaches_only_this_calls_failure_and_nothing_is_broadcast(qtbot, runner, parent, ui_world):
    heard, failures = [], []
    runner.changed.connect(lambda *args: heard.append(args))
    task = (
        runner.op(parent, lambda unit, _p: unit.journal.add(ui_world.sub_goal.id, text="  "))
        .success(lambda _r: pytest.fail("refused work has no success"))
        .failure(failures.append)
        .run()
    )
    qtbot.waitUntil(lambda: task.done)
    [failure] = failures
    assert failure == Failure("Skriv en observation.", "text")
    assert heard == []


def test_unit_work_runs_one_at_a_time_and_unit_free_work_does_not_wait_for_it(qtbot, runner, parent):
    release = threading.Event()
    order: list[str] = []

    def slow(_unit, _progress):
        release.wait(10)
        order.append("slow")

    first = runner.query(parent, slow).run()
    second = runner.query(parent, lambda _unit, _p: order.append("queued")).run()
    free = runner.compute(parent, lambda _p: order.append("free")).run()
    qtbot.waitUntil(lambda: free.done)
    assert order == ["free"] and not first.done and not second.done
    release.set()
    qtbot.waitUntil(lambda: second.done)
    assert order == ["free", "slow", "queued"]


def test_an_unexpected_error_is_shown_without_its_text(qtbot, runner, parent, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text: shown.append((title, text)))

    def broken(_unit, _progress):
        raise RuntimeError("SELECT * FROM citizen WHERE cpr='010215-4321'")

    task = runner.query(parent, broken).with_progress("Søg").run()
    qtbot.waitUntil(lambda: task.done)
    [(title, text)] = shown
    assert title == "Søg" and "uventet fejl (RuntimeError)" in text and "010215" not in text


def test_progress_shows_after_a_delay_and_cancel_stops_the_work(qtbot, runner, parent, monkeypatch):
    monkeypatch.setattr(runner_module, "SHOW_DIALOG_AFTER_MS", 0)
    failures = []

    def long(_unit, progress):
        for step in range(100_000):
            progress.report(step, 100_000, "Tæller …")
            threading.Event().wait(0.001)

    task = runner.query(parent, long).with_progress("Test", cancellable=True).failure(failures.append).run()
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible() and task.dialog.value() > 0)
    assert task.dialog.labelText() == "Tæller …"
    [button] = task.dialog.findChildren(QPushButton)
    assert button.text() == "Afbryd"
    button.click()
    qtbot.waitUntil(lambda: task.done)
    [failure] = failures
    assert failure.cancelled and failure.message == "Afbrudt – intet er ændret."


def test_a_refusal_without_a_failure_callback_is_shown_in_a_dialog(qtbot, runner, parent, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text: shown.append((title, text)))

    def refuse(_unit, _progress):
        raise ValidationError("Mappen findes ikke.")

    task = runner.query(parent, refuse).with_progress("Sikkerhedskopi").run()
    qtbot.waitUntil(lambda: task.done)
    assert shown == [("Sikkerhedskopi", "Mappen findes ikke.")]


def test_work_that_ends_at_once_is_still_delivered_after_run_returned(qtbot, runner, parent):
    # A refusal in the first millisecond must not reach its callback before the caller has the
    # Task (a direct call from add_done_callback on the GUI thread would do just that).
    order = []
    for _attempt in range(20):
        task = runner.query(parent, lambda _unit, _p: 1).success(lambda _r: order.append("callback")).run()
        order.append("returned")
        qtbot.waitUntil(lambda task=task: task.done)
    assert order == ["returned", "callback"] * 20
