"""Issue 9, case 3 in the window: an unforeseen failure shows its kind, never SQL or a CPR number."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from fko_desktop.ui.runner import Runner

from .conftest import finish

CPR = "010215-4321"
NOTE = "Mads græd hele aftenen"


def _database_failure(*_args, **_kwargs):
    raise OperationalError(
        "SELECT * FROM citizen WHERE cpr = ?", (CPR, NOTE), Exception("unable to open database file")
    )


def _logs() -> str:
    folder = Path(os.environ["FKO_DATA_DIR"]) / "logs"
    return "".join(p.read_text(encoding="utf-8") for p in folder.glob("*.log")) if folder.is_dir() else ""


@pytest.fixture
def runner(ui_world):
    made = Runner(ui_world.facade)
    yield made
    made.close()


def test_a_failed_write_says_what_kind_and_keeps_sql_and_cpr_out(qtbot, runner):
    messages = []
    task = (
        runner.op(None, lambda _unit, _p: _database_failure())
        .failure(lambda f: messages.append(f.message))
        .run()
    )
    assert finish(qtbot, task).result is None
    (message,) = messages
    assert "OperationalError" in message and "Intet er gemt" in message
    for secret in (CPR, NOTE, "SELECT", "[parameters"):
        assert secret not in message
    # The log keeps the frames (source lines of the code, like the raise above) but no values.
    for secret in (CPR, NOTE, "[parameters", "[SQL"):
        assert secret not in _logs()
    assert "Traceback" in _logs()


def test_failed_background_work_says_what_kind_and_keeps_sql_and_cpr_out(qtbot, runner):
    refused = []
    finish(
        qtbot,
        runner.query(None, lambda _unit, _p: _database_failure())
        .failure(lambda f: refused.append(f.message))
        .run(),
    )
    (message,) = refused
    assert "OperationalError" in message and "Intet er ændret" in message
    for secret in (CPR, NOTE, "SELECT"):
        assert secret not in message
    for secret in (CPR, NOTE, "[SQL"):
        assert secret not in _logs()
