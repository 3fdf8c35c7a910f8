"""``fko restore BACKUP UNITFILE``: what it prints, and the refusals that leave the file as it was."""

from __future__ import annotations

import json
from pathlib import Path

from fko_desktop.storage.unitfile import UnitFile
from tests.storage.util import file_state
from tests.test_cli import fails, run


def _backup(unit_path: Path, out: Path, capsys) -> Path:  # type: ignore[no-untyped-def]
    code, printed, _ = run(capsys, "backup", unit_path, "--out", out)
    assert code == 0
    return Path(printed.strip())


def test_restore_puts_the_backup_back_and_says_so(unit_path, unit_facts, tmp_path, capsys):
    backup = _backup(unit_path, tmp_path / "kopier", capsys)
    assert run(capsys, "staff", "add", unit_path, "--name", "Bo Berg", "--initials", "bb")[0] == 0
    assert json.loads(run(capsys, "info", unit_path, "--json")[1])["counts"]["staff"] == 2
    code, out, err = run(capsys, "restore", backup, unit_path)
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
    message = fails(capsys, 1, "restore", foreign, unit_path)
    assert message.startswith("fko: Sikkerhedskopien ") and "Bostedet Lyngly" in message
    assert file_state(unit_path) == state


def test_restore_refuses_a_damaged_backup(unit_path, tmp_path, capsys):
    backup = _backup(unit_path, tmp_path / "kopier", capsys)
    backup.write_bytes(backup.read_bytes()[:5000])
    state = file_state(unit_path)
    assert backup.name in fails(capsys, 1, "restore", backup, unit_path)
    assert file_state(unit_path) == state


def test_restore_refuses_a_file_open_in_a_program(unit_path, tmp_path, capsys):
    backup = _backup(unit_path, tmp_path / "kopier", capsys)
    with UnitFile.open(unit_path):
        state = file_state(unit_path)
        message = fails(capsys, 1, "restore", backup, unit_path)
        assert "kan ikke gendannes, mens den er åben" in message
        assert file_state(unit_path) == state


def test_restore_needs_both_files(unit_path, capsys):
    assert "UNITFILE" in fails(capsys, 2, "restore", unit_path)
