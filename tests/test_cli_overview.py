"""``fko overview``: the table in the terminal, the JSON, the three files, and bad input.

The unit is the small one of tests/reports/test_management.py (six children in Egely, two in
Lyngbo, five in Solsikken; counts written down there by hand), with a leder and a medarbejder to log in as.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fko_desktop.cli import main
from fko_desktop.models import Actor
from fko_desktop.ops import accounts, staff
from fko_desktop.storage.unitfile import UnitFile
from tests.logins import TEST_PASSWORD, login_as
from tests.reports.conftest import read_pdf
from tests.reports.test_management import build_small_unit

TODAY = ("--today", "2026-06-01")


@pytest.fixture(scope="module")
def unit_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-overview") / "kloeverly.fko"
    build_small_unit(path)
    with UnitFile.open(path) as unit:
        admin_id = 1  # Lone Berg (LB), the administrator build_small_unit adds first
        accounts.set_first_password(unit, admin_id, TEST_PASSWORD)
        admin = Actor(admin_id, "Lone Berg (LB)")
        for name, initials, role, department in (
            ("Lis Leder", "LL", "leder", None),
            ("Mette Medarbejder", "MM", "medarbejder", "Lyngbo"),
        ):
            member = staff.add_staff(
                unit, admin, name=name, initials=initials, role=role, department=department
            ).value
            # A colleague gets a one-time password and chooses their own, as in the window.
            accounts.reset_password(unit, admin, member.id, "engangskode-9876")
            accounts.set_own_password(unit, initials, "engangskode-9876", TEST_PASSWORD)
    return path


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_terminal_table_has_danish_headers_and_hides_small_groups(unit_path, capsys):
    code, out, err = run(capsys, "overview", unit_path, *login_as("LL"), *TODAY, "--by", "department")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("Bostedet Kløverly · Målopfyldelse pr. afdeling")
    assert lines[1].split() == [
        "Afdeling", "Borgere", "Mål", "Opfyldt", "Fastholdt", "Uproblem.", "Progression",
        "Ingen", "progr.", "Negativ", "progr.", "Ikke", "opgjort",
    ]  # fmt: skip
    egely = next(line for line in lines if line.startswith("Egely"))
    assert egely.split() == ["Egely", "6", "6", "2", "(33", "%)", "0", "(0", "%)", "0", "(0", "%)",
                             "2", "(33", "%)", "1", "(17", "%)", "1", "(17", "%)", "0"]  # fmt: skip
    lyngbo = next(line for line in lines if line.startswith("Lyngbo"))
    assert lyngbo.split()[:3] == ["Lyngbo", "<", "5"] and "(" not in lyngbo
    assert "Grupper med færre end 5 borgere vises som < 5." in out


def test_json_and_the_medarbejder_sees_only_their_department(unit_path, capsys):
    code, out, _ = run(capsys, "overview", unit_path, *login_as("LL"), *TODAY, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["outcomes"]["domain"]["total"]["goals"] == 13
    code, out, _ = run(capsys, "overview", unit_path, *login_as("MM"), *TODAY, "--json")
    assert code == 0
    data = json.loads(out)
    assert [r["label"] for r in data["outcomes"]["department"]["rows"]] == ["Lyngbo"]
    assert data["outcomes"]["department"]["total"]["citizens"] == "< 5"


def test_filters_reach_the_figures(unit_path, capsys):
    code, out, _ = run(capsys, "overview", unit_path, *login_as("LL"), *TODAY, "--json",
                       "--department", "Egely", "--from", "2025-04-01", "--to", "2025-04-30")  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert data["outcomes"]["domain"]["total"]["goals"] == 6
    assert data["filter"]["from"] == "2025-04-01" and data["filter"]["departments"] == ["Egely"]
    code, out, _ = run(capsys, "overview", unit_path, *login_as("LL"), *TODAY, "--json", "--to", "2025-03-01")
    total = json.loads(out)["outcomes"]["domain"]["total"]
    assert total.get("categorised", 0) == 0  # no målstatus before the first one was recorded


def test_the_three_files(unit_path, tmp_path, capsys):
    for option, name in (("--csv", "tal.csv"), ("--xlsx", "tal.xlsx"), ("--pdf", "rapport.pdf")):
        out = tmp_path / name
        code, printed, err = run(capsys, "overview", unit_path, *login_as("LL"), *TODAY, option, out)
        assert code == 0, err
        assert printed.strip() == str(out)
        assert out.stat().st_mode & 0o077 == 0  # private
    assert "Egely" in (tmp_path / "tal.csv").read_bytes().decode("utf-8-sig")
    assert load_workbook(tmp_path / "tal.xlsx")["Afdeling"].cell(2, 2).value == 6
    pdf = read_pdf((tmp_path / "rapport.pdf").read_bytes())
    assert "Udskrevet 01.06.2026 af Lis Leder (LL)" in pdf.pages[0]
    assert "Egely 6 6 2 33 %" in pdf.text


def test_one_grouping_in_the_pdf(unit_path, tmp_path, capsys):
    out = tmp_path / "r.pdf"
    assert run(capsys, "overview", unit_path, *login_as("LL"), *TODAY, "--pdf", out, "--by", "area")[0] == 0
    text = read_pdf(out.read_bytes()).text
    assert "Målopfyldelse pr. målgruppe" in text and "Målopfyldelse pr. afdeling" not in text


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["--by", "farve"], 2, "ukendt gruppering »farve«"),
        (["--from", "31.02.2026"], 2, "argument --from"),
        (["--from", "2026-05-01", "--to", "2026-04-01"], 1, "fko: Til-dato ligger før fra-dato."),
        (["--area", "pets"], 2, "argument --area"),
        (["--goals", "some"], 2, "argument --goals"),
        (["--json", "--csv", "x.csv"], 2, "not allowed with argument"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(unit_path, tmp_path, capsys, argv, code, message):
    before = set(tmp_path.iterdir())
    got, out, err = run(capsys, "overview", unit_path, *login_as("LL"), *TODAY, *argv)
    assert got == code
    assert message in err and err.count("\n") == 1
    assert set(tmp_path.iterdir()) == before


def test_an_existing_file_is_kept_unless_forced(unit_path, tmp_path, capsys):
    out = tmp_path / "findes.xlsx"
    out.write_bytes(b"mit eget regneark")
    code, _, err = run(capsys, "overview", unit_path, *login_as("LL"), *TODAY, "--xlsx", out)
    assert code == 1 and "findes allerede" in err and "--force" in err
    assert out.read_bytes() == b"mit eget regneark"
    code, _, _ = run(capsys, "overview", unit_path, *login_as("LL"), *TODAY, "--xlsx", out, "--force")
    assert code == 0 and out.read_bytes().startswith(b"PK")


def test_the_unit_file_itself_is_never_an_output(unit_path, capsys):
    size = unit_path.stat().st_size
    code, _, err = run(capsys, "overview", unit_path, *login_as("LL"), *TODAY, "--pdf", unit_path, "--force")
    assert code == 1 and "enhedsfil" in err
    assert unit_path.stat().st_size == size


def test_no_login_no_overview(unit_path, capsys):
    code, _, err = run(capsys, "overview", unit_path)
    assert code == 2 and "--som" in err
    code, _, err = run(capsys, "overview", unit_path, *login_as("LL", "forkert-kode"))
    assert code == 1 and err.startswith("fko: ")
