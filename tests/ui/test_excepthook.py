"""The window's last line of defence: an unexpected error is logged and shown without data."""

from __future__ import annotations

import os
import sqlite3
import stat
import sys

from sqlalchemy.exc import OperationalError

from fko_desktop.ui import app
from tests.conftest import UNIT_FACTS

CPR = UNIT_FACTS["cpr"]
NOTE = UNIT_FACTS["notes"][0][1]


def test_unexpected_error_dialog_and_log_hold_no_data(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("FKO_DATA_DIR", str(tmp_path / "data"))
    shown = []
    monkeypatch.setattr(app.QMessageBox, "critical", lambda parent, title, text: shown.append((title, text)))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    app._install_excepthook()
    try:
        raise OperationalError(
            "UPDATE journal_note SET text = ? WHERE cpr = ?",
            (NOTE, CPR),
            sqlite3.OperationalError("disk I/O error"),
        )
    except OperationalError as error:
        sys.excepthook(type(error), error, error.__traceback__)

    log = tmp_path / "data" / "logs" / "fko-desktop.log"
    [(title, text)] = shown
    assert title == "Uventet fejl"
    assert text == (
        "Der skete en uventet fejl (disk I/O error). Det, der allerede er gemt, er i behold; "
        f"detaljer står i {log}."
    )
    logged = log.read_text(encoding="utf-8")
    assert "Traceback" in logged and "test_unexpected_error_dialog_and_log_hold_no_data" in logged
    for where in (text, logged):
        for secret in (CPR, NOTE, "[SQL:", "[parameters", "UPDATE journal_note"):
            assert secret not in where
    if os.name == "posix":
        assert stat.S_IMODE(log.stat().st_mode) == 0o600
        assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700


def test_the_dialog_without_a_log(qapp, tmp_path, monkeypatch):
    blocker = tmp_path / "fil"
    blocker.write_text("")
    monkeypatch.setenv("FKO_DATA_DIR", str(blocker))  # no log folder can be made inside a file
    shown = []
    monkeypatch.setattr(app.QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    app._install_excepthook()
    error = KeyError(CPR)
    sys.excepthook(KeyError, error, None)
    assert shown == ["Der skete en uventet fejl ('XXXXXX-XXXX'). Det, der allerede er gemt, er i behold."]
