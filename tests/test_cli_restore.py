"""``fko restore BACKUP UNITFILE``: what it prints, and the refusals that leave the file as it was."""

from __future__ import annotations

import json
from pathlib import Path

from fko_desktop.models import Actor
from fko_desktop.ops import accounts
from fko_desktop.storage.unitfile import UnitFile
from tests.logins import TEST_PASSWORD, login_as
from tests.storage.util import file_state
from tests.test_cli import fails, run


def _backup(unit_path: Path, out: Path, capsys) -> Path:  # type: ignore[no-untyped-def]
    code, printed, _ = run(capsys, "backup", unit_path, "--out", out, *login_as())
    assert code == 0
    return Path(printed.strip())


def test_restore_puts_the_backup_back_and_says_so(unit_path, unit_facts, tmp_path, capsys):
    backup = _backup(unit_path, tmp_path / "kopier", capsys)
    assert (
        run(capsys, "staff", "add", unit_path, "--name", "Bo Berg", "--initials", "bb", *login_as())[0] == 0
    )
    assert json.loads(run(capsys, "info", unit_path, "--json")[1])["counts"]["staff"] == 2
    code, out, err = run(capsys, "restore", backup, unit_path, *login_as())
    assert (code, err) == (0, ""), err
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Den hidtidige enhedsfil er gemt som ")
    assert lines[1] == f"{unit_path}: gendannet fra {backup} (enheden »{unit_facts['unit_name']}«)."
    previous = Path(lines[0].removeprefix("Den hidtidige enhedsfil er gemt som ").rstrip("."))
    assert previous.is_file() and "før-gendannelse" in previous.name
    counts = json.loads(run(capsys, "info", unit_path, "--json")[1])["counts"]
    assert counts == unit_facts["counts"]


def test_restore_refuses_another_units_backup(unit_path, tmp_path, capsys):
    with UnitFile.create(tmp_path / "anden.fko", "Bostedet Lyngly") as other:
        foreign = other.backup(tmp_path / "kopier")
    state = file_state(unit_path)
    message = fails(capsys, 1, "restore", foreign, unit_path, *login_as())
    assert message.startswith("fko: Sikkerhedskopien ") and "Bostedet Lyngly" in message
    assert file_state(unit_path) == state


def test_restore_refuses_a_damaged_backup(unit_path, tmp_path, capsys):
    backup = _backup(unit_path, tmp_path / "kopier", capsys)
    backup.write_bytes(backup.read_bytes()[:5000])
    state = file_state(unit_path)
    assert backup.name in fails(capsys, 1, "restore", backup, unit_path, *login_as())
    assert file_state(unit_path) == state


def test_restore_refuses_a_file_open_in_a_program(unit_path, tmp_path, capsys):
    backup = _backup(unit_path, tmp_path / "kopier", capsys)
    with UnitFile.open(unit_path):
        state = file_state(unit_path)
        message = fails(capsys, 1, "restore", backup, unit_path, *login_as())
        assert "kan ikke gendannes, mens den er åben" in message
        assert file_state(unit_path) == state


def test_restore_needs_both_files(unit_path, capsys):
    assert "UNITFILE" in fails(capsys, 2, "restore", unit_path)


def test_only_an_administrator_restores_and_a_wrong_password_restores_nothing(unit_path, tmp_path, capsys):
    backup = _backup(unit_path, tmp_path / "kopier", capsys)
    add = ("staff", "add", unit_path, "--name", "Bo Berg", "--initials", "bb", *login_as())
    assert run(capsys, *add)[0] == 0
    with UnitFile.open(unit_path) as unit:  # Bo, a medarbejder, gets a password of his own
        admin = next(m for m in unit.staff() if m.initials == "AH")
        bb = next(m for m in unit.staff() if m.initials == "BB")
        accounts.reset_password(unit, Actor(admin.id, admin.name), bb.id, "engangs-kode-123")
        accounts.set_own_password(unit, "BB", "engangs-kode-123", TEST_PASSWORD)
    bo = login_as("BB")
    counts = json.loads(run(capsys, "info", unit_path, "--json")[1])["counts"]
    message = fails(capsys, 1, "restore", backup, unit_path, *bo)
    assert "Kun en administrator kan gendanne en sikkerhedskopi." in message
    message = fails(capsys, 1, "restore", backup, unit_path, *login_as("AH", "forkert-kode-123"))
    assert "Forkerte initialer eller adgangskode." in message
    # Not restored: Bo is still there (the backup is from before him); only the failed login
    # was counted, as every wrong password is.
    assert json.loads(run(capsys, "info", unit_path, "--json")[1])["counts"] == counts
