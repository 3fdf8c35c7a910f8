"""``fko stats export`` and ``fko stats merge`` end to end, with the login ``fko`` asks for."""

from __future__ import annotations

import json
import shutil

import pytest

from fko_desktop.cli import main
from tests.logins import demo_login_of, ensure_login, login_as
from tests.storage.util import one_line


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def two_exports(unit_path, demo_path, tmp_path, capsys):
    """Egely (the ``unit_path`` unit) and the demo unit, each exported by the command."""
    demo = tmp_path / "demo.fko"
    shutil.copyfile(demo_path, demo)
    egely_out, demo_out = tmp_path / "egely.json", tmp_path / "solbakken.json"
    code, out, err = run(capsys, "stats", "export", unit_path, "--out", egely_out, *login_as("AH"))
    assert (code, err) == (0, ""), err
    assert f"skrevet til {egely_out}" in out and "uden navne, CPR-numre og fritekst" in out
    code, out, err = run(capsys, "stats", "export", demo, "--out", demo_out, *demo_login_of(demo))
    assert (code, err) == (0, ""), err
    return egely_out, demo_out


def test_export_writes_a_file_without_the_units_names(two_exports, unit_facts):
    egely, _demo = two_exports
    data = egely.read_bytes()
    document = json.loads(data)
    assert document["unit"]["name"] == unit_facts["unit_name"]
    assert len(document["goals"]) == 2
    cpr = unit_facts["cpr"]
    for secret in [unit_facts["citizen_name"], unit_facts["staff_name"], cpr, cpr.replace("-", "")]:
        assert secret.encode() not in data
    for text in unit_facts["goal_texts"] + [note for _, note, _ in unit_facts["notes"]]:
        assert text.encode() not in data


def test_merge_json_compares_the_units(two_exports, capsys):
    egely, demo = two_exports
    code, out, err = run(capsys, "stats", "merge", egely, demo, "--json")
    assert (code, err) == (0, ""), err
    data = json.loads(out)
    assert data["units"] == ["Bostedet Egely", "Bostedet Solbakken (demo)"]
    rows = {row["label"]: row for row in data["all_by_unit"]["rows"]}
    # Egely has one child: shown as "< 5", never with its numbers.
    assert rows["Bostedet Egely"] == {
        "key": "Bostedet Egely", "label": "Bostedet Egely", "suppressed": True, "citizens": "< 5",
    }  # fmt: skip
    # With only two units, the other is hidden too: the total minus it would give Egely away.
    assert rows["Bostedet Solbakken (demo)"]["citizens"] == "skjult"
    assert data["all_by_unit"]["total"]["citizens"] >= 5
    assert all("by_year" in domain for domain in data["domains"])


def test_merge_writes_xlsx_and_pdf(two_exports, tmp_path, capsys):
    egely, demo = two_exports
    xlsx, pdf = tmp_path / "sammenligning.xlsx", tmp_path / "sammenligning.pdf"
    code, out, err = run(capsys, "stats", "merge", egely, demo, "--xlsx", xlsx)
    assert (code, out.strip(), err) == (0, str(xlsx), ""), err
    from openpyxl import load_workbook

    sheets = load_workbook(xlsx).sheetnames
    assert "Pr. enhed" in sheets
    code, out, err = run(capsys, "stats", "merge", egely, demo, "--pdf", pdf)
    assert (code, out.strip(), err) == (0, str(pdf), ""), err
    assert pdf.read_bytes().startswith(b"%PDF")
    # An existing file is not replaced without --force.
    code, out, err = run(capsys, "stats", "merge", egely, demo, "--pdf", pdf)
    assert (code, out) == (1, "") and "findes allerede" in one_line(err)
    code, out, err = run(capsys, "stats", "merge", egely, demo, "--pdf", pdf, "--force")
    assert code == 0, err


def test_export_needs_a_leder_and_refuses_an_existing_file(unit_path, tmp_path, capsys):
    from fko_desktop.ops import accounts, staff
    from fko_desktop.storage.unitfile import UnitFile
    from tests.logins import TEST_PASSWORD

    with UnitFile.open(unit_path) as unit:
        leder = staff.actor_for(unit.staff()[0])
        member = staff.add_staff(unit, leder, name="Carl Ansat", initials="CA", role="medarbejder").value
        accounts.reset_password(unit, leder, member.id, "engangs-kode-123")
        accounts.set_own_password(unit, "CA", "engangs-kode-123", TEST_PASSWORD)
    out = tmp_path / "s.json"
    code, stdout, err = run(capsys, "stats", "export", unit_path, "--out", out, *login_as("CA"))
    assert (code, stdout) == (1, "") and "Kun en leder" in one_line(err)
    assert not out.exists()
    code, stdout, err = run(capsys, "stats", "export", unit_path, "--out", out)
    assert code == 2 and "--som" in err  # no login: a usage error
    out.write_text("min egen fil")
    code, stdout, err = run(capsys, "stats", "export", unit_path, "--out", out, *ensure_login(unit_path))
    assert (code, stdout) == (1, "") and "findes allerede" in one_line(err)
    assert out.read_text() == "min egen fil"
    code, stdout, err = run(capsys, "stats", "export", unit_path, "--out", unit_path, "--force", *login_as())
    assert code == 1 and "enhedsfil" in err


def test_export_with_a_period(unit_path, tmp_path, capsys):
    out = tmp_path / "2025.json"
    argv = ["stats", "export", unit_path, "--out", out, "--from", "2025-01-01", "--to", "31.12.2025"]
    code, _out, err = run(capsys, *argv, *login_as())
    assert code == 0, err
    assert json.loads(out.read_bytes())["period"] == {"from": "2025-01-01", "to": "2025-12-31"}
    code, _out, err = run(capsys, "stats", "export", unit_path, "--out", tmp_path / "x.json",
                          "--from", "2026-01-01", "--to", "2025-01-01", *login_as())  # fmt: skip
    assert code == 1 and "ligger efter" in err


def test_merge_refuses_bad_files_on_one_line(two_exports, tmp_path, capsys):
    egely, _demo = two_exports
    code, out, err = run(capsys, "stats", "merge", egely, egely, "--json")
    assert (code, out) == (1, "") and "samme enhed" in one_line(err)
    broken = tmp_path / "brudt.json"
    broken.write_text('{"format": "fko-statistik", "version": 7}')
    code, out, err = run(capsys, "stats", "merge", egely, broken, "--json")
    assert (code, out) == (1, "") and "»brudt.json«" in err and "nyere udgave" in err
    assert err.count("\n") == 1
    code, out, err = run(capsys, "stats", "merge", egely)
    assert code == 2  # one of --pdf, --xlsx, --json is required


def test_stats_has_danish_help(capsys):
    for argv in (["stats", "--help"], ["stats", "export", "--help"], ["stats", "merge", "--help"]):
        with pytest.raises(SystemExit) as done:
            main(argv)
        assert done.value.code == 0
        out = " ".join(capsys.readouterr().out.split())
        assert "statistik" in out.lower()
