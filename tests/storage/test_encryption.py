"""Encryption at rest (issue 13 point 6): an encrypted unit file, its WAL and its backups hold
no readable personal data; only a staff password (through the key file) or the recovery key
opens them."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
from pathlib import Path

import pytest

from fko_desktop.cli.entry import main
from fko_desktop.errors import LoginRefused, UnitFileError, ValidationError
from fko_desktop.ops import accounts, journal, staff
from fko_desktop.storage import cipher, keyfile
from fko_desktop.storage.integrity import inspect_unit_file
from fko_desktop.storage.unitfile import UnitFile
from fko_desktop.unit import Unit
from tests.world import World, build_world

PASSWORD = "Solbakken-2025!"
NOTE = "Mads fortalte om sin mormor i Vejle og græd lidt"
CPR_FORMS = (b"010215-4321", b"0102154321")
STAFF_NAME = b"Anna Hansen"
SECRETS = (NOTE.encode(), *CPR_FORMS, STAFF_NAME, b"Mads Testesen")


@pytest.fixture(autouse=True)
def _new_process():
    """Each test starts, and each `cipher.forget_all()` inside one acts, like a fresh start of
    the program: no key is remembered."""
    cipher.forget_all()
    yield
    cipher.forget_all()


def _encrypted_world(path: Path) -> World:
    world = build_world(UnitFile.create(path, "Egely", encrypted=True))
    accounts.set_first_password(world.unit, world.staff_id, PASSWORD)
    journal.add_note(world.unit, world.actor, world.sub_goals[0].id, text=NOTE, score=2)
    return world


def _bytes_hold_secret(*paths: Path) -> list[tuple[str, bytes]]:
    found = []
    for path in paths:
        data = path.read_bytes()
        found += [(path.name, secret) for secret in SECRETS if secret in data]
    return found


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_file_its_wal_and_its_backup_hold_no_cpr_note_or_name(tmp_path):
    path = tmp_path / "egely.fko"
    world = _encrypted_world(path)
    wal = Path(f"{path}-wal")
    assert wal.stat().st_size > 0  # the note went through the WAL, so the WAL is checked too
    backup = world.unit.backup(tmp_path / "kopier")
    assert _bytes_hold_secret(path, wal, backup) == []
    world.unit.close()
    assert _bytes_hold_secret(path) == []
    assert not path.read_bytes().startswith(cipher.SQLITE_HEADER)
    keys = cipher.key_path_for(path)
    assert _bytes_hold_secret(keys) == [] and PASSWORD.encode() not in keys.read_bytes()
    assert stat.S_IMODE(keys.stat().st_mode) == 0o600
    # The backup carries its key file, so it opens with the password of the day it was made.
    assert cipher.key_path_for(backup).exists()

    # The same test's control: the plain file does hold them, so the grep would see them.
    plain = tmp_path / "plain.fko"
    plain_world = build_world(UnitFile.create(plain, "Egely"))
    journal.add_note(plain_world.unit, plain_world.actor, plain_world.sub_goals[0].id, text=NOTE, score=2)
    plain_world.unit.close()
    assert (plain.name, NOTE.encode()) in _bytes_hold_secret(plain)


def test_before_the_login_an_encrypted_file_is_named_from_its_key_file_only(tmp_path):
    path = tmp_path / "egely.fko"
    _encrypted_world(path).unit.close()
    cipher.forget_all()
    inspection = Unit.inspect(path)
    assert (inspection.encrypted, inspection.needs_key, inspection.unit_name) == (True, True, "Egely")
    with pytest.raises(UnitFileError, match="krypteret enhedsfil .*log ind"):
        UnitFile.open(path)
    copied = tmp_path / "kopi.fko"
    copied.write_bytes(path.read_bytes())  # copied without its key file
    with pytest.raises(
        UnitFileError, match="nøglefilen kopi.fko.keys ved siden af; den åbnes da med gendannelsesnøglen"
    ):
        Unit.inspect(copied)


def test_a_wrong_password_opens_nothing_changes_nothing_and_is_counted(tmp_path):
    path = tmp_path / "egely.fko"
    _encrypted_world(path).unit.close()
    cipher.forget_all()
    before = _digest(path)
    with pytest.raises(LoginRefused, match="Forkerte initialer eller adgangskode"):
        Unit.open_as(path, "AH", "forkert-kode-123")
    with pytest.raises(LoginRefused, match="Forkerte initialer eller adgangskode"):
        Unit.open_as(path, "XX", PASSWORD)  # unknown initials: the same refusal
    assert _digest(path) == before
    assert not Path(f"{path}-wal").exists()
    assert cipher.remembered(json.loads(cipher.key_path_for(path).read_text())["key_check"]) is None
    (slot,) = json.loads(cipher.key_path_for(path).read_text())["slots"]
    assert slot["failed_logins"] == 1

    now = dt.datetime.now(dt.UTC)
    for _ in range(keyfile.MAX_FAILED_LOGINS - 2):
        assert keyfile.unlock(path, "AH", "forkert-kode-123", now=now) is None
    with pytest.raises(LoginRefused, match="låst") as locked:
        keyfile.unlock(path, "AH", "forkert-kode-123", now=now)
    assert locked.value.locked_until is not None
    with pytest.raises(LoginRefused, match="låst"):
        keyfile.unlock(path, "AH", PASSWORD, now=now)  # even the right password, while locked
    later = now + dt.timedelta(minutes=keyfile.LOCK_MINUTES + 1)
    assert keyfile.unlock(path, "AH", PASSWORD, now=later) is not None
    assert _digest(path) == before


def test_the_right_password_opens_it_and_a_reset_password_gets_its_own_slot(tmp_path):
    path = tmp_path / "egely.fko"
    world = _encrypted_world(path)
    colleague = staff.add_staff(world.unit, world.actor, name="Bo Nielsen", initials="BN").value
    accounts.reset_password(world.unit, world.actor, colleague.id, "Engangskode-777")
    world.unit.close()
    cipher.forget_all()

    with Unit.open_as(path, "ah", PASSWORD) as unit:
        assert unit.is_encrypted and unit.actor is not None and "Anna Hansen" in unit.actor.name
        assert unit.name == "Egely"
    # Read-only (another program has it, a read-only medium) reads it with the same key.
    with Unit.open_as(path, "ah", PASSWORD, readonly=True) as unit:
        assert unit.readonly and [hit.note_id for hit in unit.search.notes("mormor")]
    cipher.forget_all()
    assert keyfile.unlock(path, "BN", "Engangskode-777") is not None
    cipher.forget_all()
    with Unit.open(path, key=keyfile.unlock(path, "BN", "Engangskode-777")) as unit:
        accounts.reset_password(unit._file, world.actor, colleague.id, "Nyere-kode-888")
    cipher.forget_all()
    assert keyfile.unlock(path, "BN", "Engangskode-777") is None  # the old slot is gone
    assert keyfile.unlock(path, "BN", "Nyere-kode-888") is not None


def test_the_recovery_key_opens_a_file_whose_admin_password_is_lost(tmp_path):
    path = tmp_path / "egely.fko"
    with Unit.create_with_first_staff(
        path, "Bostedet Egely", staff_name="Karla Jensen", staff_initials="KJ", staff_password=PASSWORD
    ) as unit:
        assert unit.is_encrypted
        recovery = unit.recovery_key
        assert recovery is not None and recovery in unit.recovery_text()
        sheet = unit.write_recovery_sheet(tmp_path / "gendannelsesnøgle.pdf")
    assert sheet.read_bytes().startswith(b"%PDF")
    cipher.forget_all()
    with pytest.raises(ValidationError, match="ikke skrevet rigtigt"):
        Unit.recover(
            path,
            recovery.replace(recovery[:4], "AAAA" if recovery[:4] != "AAAA" else "BBBB"),
            "KJ",
            "Ny-adgang-2026",
        )
    # Typed in lower case with spaces instead of dashes: still the key.
    member = Unit.recover(path, recovery.lower().replace("-", " "), "KJ", "Ny-adgang-2026")
    assert member.initials == "KJ"
    cipher.forget_all()
    with pytest.raises(LoginRefused):
        Unit.open_as(path, "KJ", PASSWORD)
    with Unit.open_as(path, "KJ", "Ny-adgang-2026") as unit:
        assert unit.name == "Bostedet Egely"

    # Even without its key file (a file copied alone), the recovery key opens it.
    cipher.key_path_for(path).unlink()
    cipher.forget_all()
    Unit.recover(path, recovery, "KJ", "Tredje-kode-2027")
    cipher.forget_all()
    with Unit.open_as(path, "KJ", "Tredje-kode-2027") as unit:
        assert unit.name == "Bostedet Egely"


def test_a_backup_is_read_with_the_current_password_and_restores_whole(tmp_path):
    path = tmp_path / "egely.fko"
    world = _encrypted_world(path)
    backup = world.unit.backup(tmp_path / "kopier")
    journal.add_note(world.unit, world.actor, world.sub_goals[0].id, text="En note efter kopien", score=2)
    # The password changes after the backup was made; the unit secret does not.
    accounts.set_own_password(world.unit, "AH", PASSWORD, "Nyt-kodeord-2026")
    world.unit.close()
    cipher.forget_all()

    before = path.read_bytes()
    with pytest.raises(LoginRefused):  # the backup's day's password: nothing read, nothing changed
        Unit.restore_backup(backup, path, initials="AH", password=PASSWORD)
    assert path.read_bytes() == before
    # Today's password logs in to the unit file and reads the backup too.
    result = Unit.restore_backup(backup, path, initials="AH", password="Nyt-kodeord-2026")
    assert inspect_unit_file(backup).revision
    assert result.unit_name == "Egely" and result.previous_copy is not None
    assert _bytes_hold_secret(path, result.previous_copy) == []
    cipher.forget_all()
    # The restored file is the unit as it was, passwords included (its key file came along).
    with Unit.open_as(path, "AH", PASSWORD) as unit, unit._file.engine.connect() as connection:
        assert unit.is_encrypted
        notes = connection.exec_driver_sql("SELECT text FROM journal_note").scalars().all()
    assert NOTE in notes and "En note efter kopien" not in notes


def test_a_plain_unit_keeps_working(tmp_path):
    path = tmp_path / "egely.fko"
    world = build_world(UnitFile.create(path, "Egely"))
    assert not world.unit.is_encrypted and world.unit.recovery_key is None
    world.unit.password_changed(world.staff_id, "AH", PASSWORD)  # nothing to wrap
    world.unit.close()
    assert path.read_bytes().startswith(cipher.SQLITE_HEADER)
    assert not cipher.key_path_for(path).exists()
    inspection = inspect_unit_file(path)
    assert not inspection.encrypted and inspection.revision
    with UnitFile.open(path) as unit:
        assert unit.unit().name == "Egely"


def test_fko_init_encrypts_and_prints_the_recovery_key_and_fko_recover_uses_it(tmp_path, capsys, monkeypatch):
    path = tmp_path / "ny.fko"
    password_file = tmp_path / "kode.txt"
    password_file.write_text(PASSWORD + "\n")
    os.chmod(password_file, 0o600)
    sheet = tmp_path / "ark.pdf"
    code = main(
        [
            "init",
            str(path),
            "--unit-name",
            "Bostedet Ny",
            "--staff-name",
            "Eva Berg",
            "--staff-initials",
            "EB",
            "--adgangskode-fil",
            str(password_file),
            "--gendannelsesark",
            str(sheet),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0 and "Gendannelsesnøgle" in out and sheet.exists()
    recovery = next(line.strip() for line in out.splitlines() if line.strip().count("-") == 13)
    assert not path.read_bytes().startswith(cipher.SQLITE_HEADER)
    cipher.forget_all()

    new_file = tmp_path / "ny-kode.txt"
    new_file.write_text("Gendannet-kode-99\n")
    os.chmod(new_file, 0o600)
    monkeypatch.setattr("fko_desktop.cli.recover.prompt_password", lambda _prompt: recovery)
    assert main(["recover", str(path), "--som", "EB", "--adgangskode-fil", str(new_file)]) == 0
    assert "ny adgangskode" in capsys.readouterr().out
    cipher.forget_all()
    with Unit.open_as(path, "EB", "Gendannet-kode-99") as unit:
        assert unit.name == "Bostedet Ny"
    monkeypatch.setattr("fko_desktop.cli.recover.prompt_password", lambda _prompt: "AAAA-BBBB")
    assert main(["recover", str(path), "--som", "EB", "--adgangskode-fil", str(new_file)]) == 1
    assert "Gendannelsesnøglen er ikke skrevet rigtigt" in capsys.readouterr().err


def test_a_deactivated_member_no_longer_opens_an_encrypted_file(tmp_path):
    path = tmp_path / "egely.fko"
    world = _encrypted_world(path)
    colleague = staff.add_staff(world.unit, world.actor, name="Bo Nielsen", initials="BN").value
    accounts.reset_password(world.unit, world.actor, colleague.id, "Engangskode-777")
    assert keyfile.unlock(path, "BN", "Engangskode-777") is not None
    staff.deactivate_staff(world.unit, world.actor, colleague.id)
    world.unit.close()
    cipher.forget_all()
    assert keyfile.unlock(path, "BN", "Engangskode-777") is None
    slots = json.loads(cipher.key_path_for(path).read_text())["slots"]
    assert [slot["initials"] for slot in slots] == ["AH"]


def test_fko_check_and_fko_restore_unlock_an_encrypted_unit_with_a_login(tmp_path, capsys):
    path = tmp_path / "egely.fko"
    world = _encrypted_world(path)
    backup = world.unit.backup(tmp_path / "kopier")
    world.unit.close()
    cipher.forget_all()
    password_file = tmp_path / "kode.txt"
    password_file.write_text(PASSWORD + "\n")
    os.chmod(password_file, 0o600)

    assert main(["check", str(path)]) == 1
    assert "krypteret" in capsys.readouterr().err
    assert main(["check", str(path), "--som", "AH", "--adgangskode-fil", str(password_file)]) == 0
    assert "i orden" in capsys.readouterr().out
    cipher.forget_all()
    assert main(["restore", str(backup), str(path)]) == 2  # only an administrator restores
    assert "--som" in capsys.readouterr().err
    code = main(["restore", str(backup), str(path), "--som", "AH", "--adgangskode-fil", str(password_file)])
    assert code == 0, capsys.readouterr().err
    assert "gendannet" in capsys.readouterr().out
    assert _bytes_hold_secret(path) == []


def test_an_encrypted_file_on_a_share_is_read_from_a_private_copy_that_stays_encrypted(tmp_path):
    from fko_desktop.storage.access import Placement, ReadSource

    path = tmp_path / "egely.fko"
    world = _encrypted_world(path)  # still open: the last note may be in the WAL only
    key = cipher.key_for(path)
    with ReadSource(path, Placement(False, "netværksdrev", shared=True), key=key) as source:
        assert source.path != path and source.immutable
        assert _bytes_hold_secret(source.path) == []
        connection = source.connect()
        try:
            texts = [row[0] for row in connection.execute("SELECT text FROM journal_note")]
        finally:
            connection.close()
    assert NOTE in texts
    world.unit.close()


def test_fko_encrypt_turns_a_plain_unit_into_an_encrypted_one(tmp_path, capsys):
    path = tmp_path / "egely.fko"
    world = build_world(UnitFile.create(path, "Egely"))
    accounts.set_first_password(world.unit, world.staff_id, PASSWORD)
    journal.add_note(world.unit, world.actor, world.sub_goals[0].id, text=NOTE, score=2)
    colleague = staff.add_staff(world.unit, world.actor, name="Bo Nielsen", initials="BN").value
    world.unit.close()
    assert (path.name, NOTE.encode()) in _bytes_hold_secret(path)
    password_file = tmp_path / "kode.txt"
    password_file.write_text(PASSWORD + "\n")
    os.chmod(password_file, 0o600)

    assert main(["encrypt", str(path), "--som", "AH", "--adgangskode-fil", str(password_file)]) == 0
    out = capsys.readouterr().out
    assert "er nu krypteret" in out and "Gendannelsesnøgle" in out and colleague.name in out
    assert _bytes_hold_secret(path) == [] and not Path(f"{path}-wal").exists()
    cipher.forget_all()
    with Unit.open_as(path, "AH", PASSWORD) as unit, unit._file.engine.connect() as connection:
        assert unit.is_encrypted
        assert NOTE in connection.exec_driver_sql("SELECT text FROM journal_note").scalars().all()
    assert main(["encrypt", str(path), "--som", "AH", "--adgangskode-fil", str(password_file)]) == 1
    assert "allerede krypteret" in capsys.readouterr().err


def test_the_drafts_of_an_encrypted_unit_are_encrypted_too(tmp_path, monkeypatch):
    monkeypatch.setenv("FKO_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "egely.fko"
    world = _encrypted_world(path)
    unit = Unit(world.unit, world.actor)
    typed = {"text": NOTE + " (ikke gemt endnu)", "cpr": "010215-4321"}
    unit.drafts().save("journal_note", "sub_goal:1", typed)
    [written] = list((tmp_path / "data" / "drafts").rglob("*.json"))
    assert _bytes_hold_secret(written) == []
    assert unit.drafts().load("journal_note", "sub_goal:1") == typed
    assert [d["fields"] for d in unit.drafts().pending()] == [typed]
    # Without the unit's key (another unit, or a plain store) the draft reads as none.
    from fko_desktop.storage.drafts import DraftStore

    assert DraftStore(world.unit.unit().uid).load("journal_note", "sub_goal:1") is None
    world.unit.close()
