"""``fko staff``: staff managed on the command line; every refusal is one line and changes nothing."""

from __future__ import annotations

import json

from fko_desktop.storage.unitfile import UnitFile
from tests.logins import login_as, password_file
from tests.test_cli import FIRST_STAFF, fails, run
from tests.unit_rows import file_state

LB = login_as("LB")


def _staff(capsys, path):
    code, out, _ = run(capsys, "staff", "list", path, "--all", "--json")
    assert code == 0
    return [(m["initials"], m["name"], m["role"], m["department"], m["active"]) for m in json.loads(out)]


def test_staff_on_the_command_line(tmp_path, capsys):
    path = tmp_path / "egely.fko"
    assert (
        run(capsys, "init", path, "--unit-name", "Egely", *FIRST_STAFF, "--department", "Afd. Nord")[0] == 0
    )
    code, out, _ = run(capsys, "staff", "add", path, "--name", "Anna Hansen", "--initials", "ah",
                       "--department", "Afd. Nord", *LB)  # fmt: skip
    assert (code, out) == (0, "Tilføjet: AH  Anna Hansen  Medarbejder  Afd. Nord\n")
    code, out, _ = run(capsys, "staff", "edit", path, "AH", "--title", "Pædagog", "--role", "leder", *LB)
    assert (code, out) == (0, "Gemt: AH  Anna Hansen  Leder  Pædagog  Afd. Nord\n")

    from fko_desktop.storage.unitfile import UnitFile

    with UnitFile.open(path, readonly=True) as unit:
        before = file_state(unit, ("staff_member", "unit"))
    refusals = [
        (("add", path, "--name", "Anders Holm", "--initials", "AH"),
         "fko: Initialerne AH bruges allerede af Anna Hansen."),
        (("add", path, "--name", "", "--initials", "XY"), "fko: Udfyld »Navn«."),
        (("add", path, "--name", "X", "--initials", "XY", "--department", "Afd. Øst"),
         "fko: Enheden har ingen afdeling »Afd. Øst« (den har Afd. Nord)."),
        (("deactivate", path, "LB"),
         "fko: Du kan ikke deaktivere Lone Berg: enheden skal have mindst én aktiv administrator."),
        (("reactivate", path, "AH"), "fko: Anna Hansen er allerede aktiv."),
        (("edit", path, "ZZ", "--title", "x"), "fko: Ingen medarbejder med id eller initialer »ZZ«."),
    ]  # fmt: skip
    for argv, message in refusals:
        assert fails(capsys, 1, "staff", *argv, *LB) == message
    with UnitFile.open(path, readonly=True) as unit:
        assert file_state(unit, ("staff_member", "unit")) == before

    assert run(capsys, "staff", "deactivate", path, "AH", *LB)[1] == (
        "Deaktiveret: Anna Hansen (AH); notaterne beholder forfatteren.\n"
    )
    assert _staff(capsys, path) == [
        ("AH", "Anna Hansen", "leder", "Afd. Nord", False),
        ("LB", "Lone Berg", "administrator", None, True),
    ]
    assert run(capsys, "staff", "reactivate", path, "1", *LB)[0] == 1  # id 1 is Lone Berg, already active
    capsys.readouterr()
    assert run(capsys, "staff", "reactivate", path, "2", *LB)[1] == "Aktiv igen: Anna Hansen (AH).\n"


def _audit(path, action):
    from sqlalchemy import select

    from fko_desktop.models.history import AuditEvent

    with UnitFile.open(path, readonly=True) as unit, unit.read() as session:
        return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_writing_commands_log_in_with_a_password_file(tmp_path, capsys, monkeypatch):
    path = tmp_path / "egely.fko"
    assert run(capsys, "init", path, "--unit-name", "Egely", *FIRST_STAFF)[0] == 0
    wrong = login_as("LB", "ikke-den-rigtige")
    add = ("staff", "add", path, "--name", "Anna Hansen", "--initials", "ah")
    assert fails(capsys, 1, *add, *wrong) == "fko: Forkerte initialer eller adgangskode."
    assert fails(capsys, 1, *add, *login_as("XX")) == "fko: Forkerte initialer eller adgangskode."
    assert "--som" in fails(capsys, 2, *add)
    # Nothing was added; the failures are counted (in the unit file, or for an encrypted one
    # in its key file: tests/ops/test_accounts.py and the encryption tests check the counts).
    assert _staff(capsys, path) == [("LB", "Lone Berg", "administrator", None, True)]

    # A password file others can read is refused before anything is checked.
    shared = tmp_path / "delt.txt"
    shared.write_text("test-adgangskode-1\n")
    shared.chmod(0o644)
    line = fails(capsys, 1, *add, "--som", "LB", "--adgangskode-fil", shared)
    assert line.endswith("kan læses af andre; ret rettighederne til 0600 (chmod 600).")

    # The environment names the file for scripts.
    monkeypatch.setenv("FKO_PASSWORD_FILE", str(password_file()))
    assert run(capsys, *add, "--som", "lb")[1] == "Tilføjet: AH  Anna Hansen  Medarbejder\n"
    monkeypatch.delenv("FKO_PASSWORD_FILE")
    author = [e for e in _audit(path, "create") if e.record_type == "staff_member"][-1]
    assert author.actor_name == "Lone Berg (LB)"


def test_staff_password_one_time_and_own(tmp_path, capsys):
    path = tmp_path / "egely.fko"
    assert run(capsys, "init", path, "--unit-name", "Egely", *FIRST_STAFF)[0] == 0
    run(capsys, "staff", "add", path, "--name", "Anna Hansen", "--initials", "ah", *LB)
    one_time = password_file("engangskode-til-anna")
    own = password_file("annas-egen-kode-1")
    # Anna has no password yet: she cannot write.
    assert fails(capsys, 1, "backup", path, "--out", tmp_path / "k", *login_as("AH", "engangskode-til-anna"))
    code, out, _ = run(capsys, "staff", "password", "AH", path, *LB, "--ny-adgangskode-fil", one_time)
    assert (code, out) == (
        0,
        "Engangskode givet til Anna Hansen (AH); vedkommende vælger sin egen ved næste login.\n",
    )
    (reset,) = _audit(path, "password-reset")
    assert "engangskode" not in str(reset.details) and reset.actor_name == "Lone Berg (LB)"
    # With the one-time password a writing command is refused until she has chosen her own.
    line = fails(capsys, 1, "backup", path, "--out", tmp_path / "k", *login_as("AH", "engangskode-til-anna"))
    assert "engangskode" in line and "fko staff password AH" in line
    # A medarbejder cannot give Lone a one-time password.
    code, out, _ = run(capsys, "staff", "password", "AH", path, "--adgangskode-fil", one_time,
                       "--ny-adgangskode-fil", own)  # fmt: skip
    assert (code, out) == (0, "Ny adgangskode gemt for Anna Hansen (AH).\n")
    line = fails(capsys, 1, "staff", "password", "LB", path, *login_as("AH", "annas-egen-kode-1"),
                 "--ny-adgangskode-fil", one_time)  # fmt: skip
    assert line == "fko: Kun en leder eller administrator kan give en medarbejder en ny adgangskode."
    assert run(capsys, "backup", path, "--out", tmp_path / "k", *login_as("AH", "annas-egen-kode-1"))[0] == 0
