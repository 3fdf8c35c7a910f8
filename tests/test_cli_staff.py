"""``fko staff``: staff managed on the command line; every refusal is one line and changes nothing."""

from __future__ import annotations

import json

from tests.test_cli import FIRST_STAFF, fails, run
from tests.unit_rows import file_state


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
                       "--department", "Afd. Nord")  # fmt: skip
    assert (code, out) == (0, "Tilføjet: AH  Anna Hansen  Medarbejder  Afd. Nord\n")
    code, out, _ = run(capsys, "staff", "edit", path, "AH", "--title", "Pædagog", "--role", "leder")
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
        assert fails(capsys, 1, "staff", *argv) == message
    with UnitFile.open(path, readonly=True) as unit:
        assert file_state(unit, ("staff_member", "unit")) == before

    assert run(capsys, "staff", "deactivate", path, "AH")[1] == (
        "Deaktiveret: Anna Hansen (AH); notaterne beholder forfatteren.\n"
    )
    assert _staff(capsys, path) == [
        ("AH", "Anna Hansen", "leder", "Afd. Nord", False),
        ("LB", "Lone Berg", "administrator", None, True),
    ]
    assert run(capsys, "staff", "reactivate", path, "1")[0] == 1  # id 1 is Lone Berg, already active
    capsys.readouterr()
    assert run(capsys, "staff", "reactivate", path, "2")[1] == "Aktiv igen: Anna Hansen (AH).\n"
