"""``fko`` with hostile notes and out-of-range arguments: visible escapes, one clear line.

Issue 9: notes from other units printed ESC and right-to-left overrides raw to the
terminal; "²" as a citizen id and dates like 9999-12-31 ended as "uventet fejl".
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest

from fko_desktop.errors import FkoError, ValidationError
from fko_desktop.models.formatting import parse_date
from fko_desktop.ops import citizens, journal, staff
from fko_desktop.storage.unitfile import UnitFile
from tests.logins import login_as
from tests.test_cli import fails as cli_fails
from tests.test_cli import run

HOSTILE = "Farlig \x1b]0;hacket\x07\x1b[2J note \u202eteg.exe\u202c slut\x7f\x9b"


def fails(capsys, expected_code: int, *argv: object) -> str:
    line = cli_fails(capsys, expected_code, *argv)
    assert "uventet fejl" not in line
    return line


def raw_controls(text: str) -> list[str]:
    return [ch for ch in text if ch in "\x1b\x07\x7f\x9b\u202e\u202c"]


@pytest.fixture
def hostile_unit(unit_path):
    """The test unit with a note (as an imported one could be) full of terminal controls."""
    with UnitFile.open(unit_path) as unit:
        actor = staff.actor_for(unit.staff()[0])
        journal.add_note(unit, actor, 1, text=HOSTILE, observed_at=dt.datetime(2025, 5, 1, 12, tzinfo=dt.UTC))
        citizens.update_citizen(unit, actor, 1, name="Mads \u202eTestesen")
    return unit_path


# -- terminal safety -------------------------------------------------------------------------


def test_search_shows_controls_as_escapes(hostile_unit, capsys):
    code, out, err = run(capsys, "search", hostile_unit, "Farlig")
    assert (code, err) == (0, "")
    assert raw_controls(out) == []
    assert "\\x1b]0;hacket\\x07\\x1b[2J note \\u202eteg.exe\\u202c slut\\x7f\\x9b" in out
    assert "Mads \\u202eTestesen" in out


def test_search_json_stays_valid_json(hostile_unit, capsys):
    code, out, err = run(capsys, "search", hostile_unit, "Farlig", "--json")
    assert (code, err) == (0, "")
    assert raw_controls(out) == []
    [hit] = json.loads(out)
    assert "\x1b]0;hacket\x07\x1b[2J note \u202eteg.exe\u202c slut\x7f\x9b" in hit["snippet"]
    assert hit["citizen_name"] == "Mads \u202eTestesen"
    rows = json.loads(run(capsys, "citizens", hostile_unit, "--json")[1])
    assert rows[0]["name"] == "Mads \u202eTestesen"


def test_plain_output_of_other_commands_is_safe(hostile_unit, capsys):
    for argv in (["citizens", hostile_unit], ["deadlines", hostile_unit, "--today", "2025-08-01"]):
        code, out, _ = run(capsys, *argv)
        assert code == 0 and "Mads \\u202eTestesen" in out and raw_controls(out) == []


def test_an_echoed_argument_is_safe_on_stderr(unit_path, capsys):
    line = fails(capsys, 2, "deadlines", unit_path, "--today", "\x1b[31m2025\u202e")
    assert "»\\x1b[31m2025\\u202e«" in line and raw_controls(line) == []


def test_search_as_a_process(hostile_unit, tmp_path):
    env = {**os.environ, "FKO_DATA_DIR": str(tmp_path / "data")}
    for extra in ([], ["--json"]):
        done = subprocess.run(
            [sys.executable, "-m", "fko_desktop.cli", "search", str(hostile_unit), "Farlig", *extra],
            capture_output=True, timeout=120, env=env,
        )  # fmt: skip
        assert (done.returncode, done.stderr) == (0, b"")
        stdout = done.stdout.decode("utf-8")
        assert raw_controls(stdout) == [] and "teg.exe" in stdout
        if extra:
            assert "\x1b" in json.loads(stdout)[0]["snippet"]


# -- bad arguments: one clear line -----------------------------------------------------------


@pytest.mark.parametrize("reference", ["²", "𝟏", "١٢", "1\u202e"])
def test_a_citizen_id_of_non_ascii_digits(unit_path, tmp_path, reference, capsys):
    line = fails(
        capsys, 1, "report", "status", unit_path, "--citizen", reference, "--out", tmp_path / "r.pdf"
    )
    shown = reference.replace("\u202e", "\\u202e")
    assert line == f"fko: »{shown}« er hverken et borger-id eller et gyldigt CPR-nummer."
    assert not (tmp_path / "r.pdf").exists()


def test_citizens_search_with_a_superscript_digit(unit_path, capsys):
    assert run(capsys, "citizens", unit_path, "--search", "²") == (0, "", "")


def test_bundle_export_with_a_superscript_digit(unit_path, tmp_path, capsys):
    passphrase = tmp_path / "frase.txt"
    passphrase.write_text("en god frase\n")
    passphrase.chmod(0o600)
    line = fails(capsys, 1, "bundle", "export", unit_path, "--kind", "transfer", "--citizen", "²",
                 "--out", tmp_path / "b.fkob", "--passphrase-file", passphrase, *login_as())  # fmt: skip
    assert line == "fko: »²« er hverken et borger-id eller et gyldigt CPR-nummer."


OUT_OF_RANGE = "ligger uden for det tilladte interval (1900–2100)."


@pytest.mark.parametrize("today", ["9999-12-31", "31.12.9999", "1899-12-31", "2101-01-01", "0001-01-01"])
def test_deadlines_refuses_dates_outside_1900_2100(unit_path, today, capsys):
    line = fails(capsys, 2, "deadlines", unit_path, "--today", today)
    assert line.startswith("fko deadlines: argument --today: Datoen ") and OUT_OF_RANGE in line


@pytest.mark.parametrize("today", ["1900-01-01", "2100-12-31"])
def test_deadlines_accepts_the_bounds(unit_path, today, capsys):
    code, out, err = run(capsys, "deadlines", unit_path, "--today", today, "--json")
    assert (code, err) == (0, "") and json.loads(out)["today"] == today


@pytest.mark.parametrize(
    ("kind", "option", "value"),
    [
        ("journal", "--from", "0001-01-01"),
        ("journal", "--to", "9999-12-31"),
        ("status", "--today", "9999-12-31"),
        ("status", "--from", "1899-12-31"),
        ("citizen", "--today", "01.01.0001"),
    ],
)
def test_report_refuses_dates_outside_1900_2100(unit_path, tmp_path, kind, option, value, capsys):
    out = tmp_path / "r.pdf"
    line = fails(capsys, 2, "report", kind, unit_path, "--citizen", "1", "--out", out, option, value)
    assert line.startswith(f"fko report: argument {option}: Datoen ") and OUT_OF_RANGE in line
    assert not out.exists()


def test_demo_refuses_dates_it_cannot_build(tmp_path, capsys):
    path = tmp_path / "demo.fko"
    line = fails(capsys, 2, "demo", path, "--today", "0001-01-01")
    assert line.startswith("fko demo: argument --today: Datoen 0001-01-01 ") and OUT_OF_RANGE in line
    # Within 1900–2100 but beyond what CPR numbers can encode for invented births.
    for today in ("1905-06-01", "2099-06-01"):
        line = fails(capsys, 1, "demo", path, "--today", today, "--citizens", "1", "--years", "1")
        assert line == f"fko: Demodata kan kun ende mellem 1970 og 2060 (fik {today})."
    assert list(tmp_path.iterdir()) == []


# -- the core entry points -------------------------------------------------------------------


def test_parse_date_refuses_years_outside_1900_2100():
    assert parse_date("01.01.1900") == dt.date(1900, 1, 1)
    assert parse_date("2100-12-31") == dt.date(2100, 12, 31)
    for text in ("9999-12-31", "0001-01-01", "31/12/1899"):
        with pytest.raises(ValidationError, match="uden for det tilladte interval"):
            parse_date(text)


def test_core_entry_points_refuse_dates_outside_1900_2100(unit_path):
    from fko_desktop.demo import build_demo
    from fko_desktop.ops.deadlines import unit_deadlines
    from fko_desktop.reports import ReportOptions, render_report

    far = dt.date(9999, 12, 31)
    with UnitFile.open(unit_path) as unit:
        with pytest.raises(ValidationError, match="uden for det tilladte interval"):
            unit_deadlines(unit, far)
        with unit.read() as session:
            for options in (ReportOptions(today=far), ReportOptions(period_from=dt.date(1, 1, 1)),
                            ReportOptions(period_to=far)):  # fmt: skip
                with pytest.raises(ValidationError, match="uden for det tilladte interval"):
                    render_report(session, "journal", 1, options)
        with pytest.raises(FkoError):
            citizens.find_citizen(unit, "²")
    empty = UnitFile.create(unit_path.with_name("tom.fko"), "Tom")
    try:
        with pytest.raises(ValidationError, match="uden for det tilladte interval"):
            build_demo(empty, citizens=1, years=1, today=dt.date(1, 1, 1))
        with pytest.raises(FkoError, match="Demodata kan kun ende"):
            build_demo(empty, citizens=1, years=1, today=dt.date(2100, 1, 1))
    finally:
        empty.close()
