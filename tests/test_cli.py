"""The ``fko`` command: every subcommand, what it prints, and one clear line for every error."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fko_desktop.cli import build_parser, main
from fko_desktop.storage.integrity import check_unit_file
from fko_desktop.storage.schema import head_revision
from fko_desktop.storage.unitfile import UnitFile
from tests.logins import login_as, password_file
from tests.storage.util import file_state, one_line

HEAD = head_revision()  # the schema a new or migrated file has

COMMANDS = {
    "init": "Opret en ny, tom enhedsfil.",
    "demo": "Opret en enhedsfil med realistiske, opdigtede demodata.",
    "info": "Vis enhedens navn, skemaversion og antal poster.",
    "citizens": "Vis enhedens borgere.",
    "check": "Kontrollér at filen er en hel og sund enhedsfil (ændrer intet).",
    "backup": "Skriv en konsistent sikkerhedskopi; udskriver kopiens sti.",
    "restore": (
        "Gendan en enhedsfil fra en sikkerhedskopi; den nuværende fil gemmes først som sikkerhedskopi."
    ),
    "encrypt": "Kryptér en ukrypteret enhedsfil (administrator); viser gendannelsesnøglen én gang.",
    "recover": (
        "Giv en administrator en ny adgangskode til en krypteret enhed med gendannelsesnøglen "
        "(når adgangskoden er glemt, eller nøglefilen er væk)."
    ),
    "deadlines": "Vis målstatusser og statusrapporter der forfalder eller er overskredet.",
    "search": "Fritekstsøgning i delmåls- og dagbogsnotater, nyeste først.",
    "report": (
        "Skriv en rapport som PDF: bestilling, plan, status til myndighed, borgerens visning "
        "eller journaludtræk."
    ),
    "audit": "Vis revisionssporet (hvem har set og ændret hvad), filtreret, eller eksportér det til CSV.",
    "overview": (
        "Vis ledelsesinformation (målopfyldelse og dokumentationspraksis), eller skriv den som CSV, "
        "XLSX eller PDF."
    ),
    "indsigt": "Udtræk til en borgers indsigt: alt om borgeren som PDF og JSON (leder eller administrator).",
    "slet": "Slet alt om en fraflyttet borger efter opbevaringsperioden (administrator; logges).",
    "slet-liste": "Vis de fraflyttede borgere, hvis opbevaringsperiode er udløbet.",
}
COUNT_KEYS = {
    "citizens", "orders", "plans", "intervention_goals", "sub_goals", "journal_notes", "goal_statuses",
    "follow_ups",
}  # fmt: skip


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def fails(capsys, expected_code: int, *argv: object) -> str:
    """Run a command that must fail: the exit code, nothing on stdout, one line on stderr."""
    code, out, err = run(capsys, *argv)
    assert (code, out) == (expected_code, ""), err
    return one_line(err)


def fko_script() -> Path:
    found = shutil.which("fko", path=str(Path(sys.executable).parent))
    assert found, "the fko console script is not installed beside this Python"
    return Path(found)


# -- help ----------------------------------------------------------------------------------


def test_every_subcommand_is_known():
    subparsers = next(a for a in build_parser()._actions if a.dest == "command")
    # bundle, keys, staff and stats have sub-subcommands and no UNITFILE of their own
    # (tests/exchange, tests/test_cli_staff.py, tests/stats).
    assert set(subparsers.choices) == set(COMMANDS) | {"bundle", "keys", "staff", "stats"}


@pytest.mark.parametrize("command", COMMANDS)
def test_every_subcommand_has_danish_help(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: fko {command} ")
    assert COMMANDS[command] in " ".join(out.split())  # argparse may wrap the description
    assert "UNITFILE" in out and "enhedsfilen (*.fko)" in out


def test_top_level_help_and_version(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    out = capsys.readouterr().out
    assert done.value.code == 0
    assert "FKO Desktop på kommandolinjen" in out
    assert all(command in out for command in COMMANDS)
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert (done.value.code, capsys.readouterr().out) == (0, "fko 0.1.0\n")


# -- init ----------------------------------------------------------------------------------


FIRST_STAFF = (
    "--staff-name", "Lone Berg", "--staff-initials", "lb", "--staff-title", "Afdelingsleder",
    "--adgangskode-fil", str(password_file()),
)  # fmt: skip


def test_init_creates_an_empty_unit_with_its_first_staff_member(tmp_path, capsys):
    path = tmp_path / "ny" / "egely.fko"
    code, out, err = run(capsys, "init", path, "--unit-name", "Bostedet Egely", *FIRST_STAFF)
    assert (code, err) == (0, "")
    first, _, recovery_page = out.partition("\n")
    assert first == f"{path.resolve()}: Bostedet Egely, første medarbejder Lone Berg (LB, administrator)."
    # A new unit is encrypted: its recovery key is shown this once (tests/storage/test_encryption.py).
    assert "Gendannelsesnøgle" in recovery_page and "fko recover egely.fko" in recovery_page
    assert check_unit_file(path, full=True) == HEAD
    code, out, _ = run(capsys, "info", path, "--json")
    info = json.loads(out)
    assert info["unit_name"] == "Bostedet Egely"
    assert {key for key, count in info["counts"].items() if count} == {"staff"}
    code, out, _ = run(capsys, "staff", "list", path, "--json")
    assert json.loads(out) == [
        {
            "id": 1,
            "initials": "LB",
            "name": "Lone Berg",
            "title": "Afdelingsleder",
            "department": None,
            "role": "administrator",
            "active": True,
        }
    ]


def test_init_refuses_bad_first_staff_before_any_file_exists(tmp_path, capsys):
    for name, initials, message in (
        (" ", "lb", "fko: Udfyld »Navn«."),
        (
            "Lone Berg",
            "l b",
            "fko: »L B« kan ikke bruges som initialer: højst 12 bogstaver eller cifre, uden mellemrum.",
        ),
    ):
        line = fails(capsys, 1, "init", tmp_path / "a.fko", "--unit-name", "Egely",
                     "--staff-name", name, "--staff-initials", initials)  # fmt: skip
        assert line == message
    line = fails(capsys, 1, "init", tmp_path / "a.fko", "--unit-name", "Egely", *FIRST_STAFF,
                 "--areas", "children,elderly")  # fmt: skip
    assert line == "fko: »elderly« er ikke et område (vælg children eller adults)."
    assert list(tmp_path.iterdir()) == []


def test_init_refuses_an_existing_path_and_leaves_it(unit_path, capsys):
    before = file_state(unit_path)
    line = fails(capsys, 1, "init", unit_path, "--unit-name", "Ny", *FIRST_STAFF)
    assert line == f"fko: Filen {unit_path} findes allerede; vælg et andet navn."
    assert file_state(unit_path) == before


def test_init_needs_a_name(tmp_path, capsys):
    assert "--unit-name" in fails(capsys, 2, "init", tmp_path / "a.fko", *FIRST_STAFF)
    assert "--staff-name" in fails(capsys, 2, "init", tmp_path / "a.fko", "--unit-name", "Egely")
    line = fails(capsys, 1, "init", tmp_path / "a.fko", "--unit-name", "  ", *FIRST_STAFF)
    assert line == "fko: Enheden skal have et navn."
    assert list(tmp_path.iterdir()) == []


# -- demo ------------------------------------------------------------------------------------


def test_demo_builds_a_whole_unit(demo_path, capsys):
    code, out, _ = run(capsys, "info", demo_path, "--json")
    counts = json.loads(out)["counts"]
    assert code == 0 and counts["citizens"] == 6
    assert all(counts[key] > 0 for key in COUNT_KEYS), counts
    assert counts["journal_notes"] > 1000  # two years of daily notes
    assert run(capsys, "check", demo_path)[0] == 0
    rows = json.loads(run(capsys, "citizens", demo_path, "--json")[1])
    assert len(rows) == 6 and {r["area"] for r in rows} == {"children", "adults"}
    assert all(set(r) == {"id", "name", "cpr", "area", "active"} for r in rows)
    assert all(re.fullmatch(r"\d{6}-XXXX", r["cpr"]) and isinstance(r["active"], bool) for r in rows)
    assert [r["name"].lower() for r in rows] == sorted(r["name"].lower() for r in rows)


def test_demo_prints_what_it_wrote(tmp_path, capsys):
    path = tmp_path / "lille.fko"
    code, out, err = run(
        capsys, "demo", path, "--citizens", "1", "--years", "1", "--seed", "2", "--today", "2026-11-23"
    )
    assert (code, err) == (0, "")
    counts = json.loads(run(capsys, "info", path, "--json")[1])["counts"]
    assert out == f"Demoenhed skrevet til {path}: 1 borgere, {counts['journal_notes']} notater.\n"
    assert counts["citizens"] == 1 and counts["journal_notes"] > 0


def test_demo_refuses_bad_counts_and_leaves_nothing(tmp_path, capsys):
    path = tmp_path / "demo.fko"
    assert "»0« skal være mindst 1" in fails(capsys, 2, "demo", path, "--citizens", "0")
    assert "er ikke et helt tal" in fails(capsys, 2, "demo", path, "--years", "to")
    line = fails(capsys, 1, "demo", path, "--citizens", "501")
    assert line == "fko: Antallet af borgere skal være fra 1 til 500 (fik 501)."
    assert list(tmp_path.iterdir()) == []  # the half-made file and its lock are removed


def test_demo_refuses_a_unit_that_has_citizens(unit_path, unit_facts, capsys):
    assert (
        fails(capsys, 1, "demo", unit_path, "--citizens", "2", *login_as())
        == "fko: Demodata kan kun lægges i en tom enhedsfil."
    )
    assert json.loads(run(capsys, "info", unit_path, "--json")[1])["counts"] == unit_facts["counts"]


def test_demo_deadlines_and_search(demo_path, capsys):
    data = json.loads(run(capsys, "deadlines", demo_path, "--today", "2026-11-23", "--json")[1])
    overdue = [d for d in data["deadlines"] if d["state"] == "overdue"]
    assert overdue, data
    states = [d["state"] for d in data["deadlines"]]
    assert states == sorted(states, key=["overdue", "due", "upcoming", "done"].index)
    for item in overdue:
        assert dt.date.fromisoformat(item["due"]) < dt.date(2026, 11, 23)
        assert item["citizen"] and item["citizen_id"]
        if item["kind"] == "goal_status":
            assert item["goal"] and item["goal_id"] and item["period"] >= 1

    hits = json.loads(run(capsys, "search", demo_path, "fødselsdag", "--json", "--limit", "20")[1])
    assert 1 < len(hits) <= 20
    stamps = [dt.datetime.fromisoformat(h["observed_at"]) for h in hits]
    assert stamps == sorted(stamps, reverse=True)
    assert all("[fødselsdag" in h["snippet"].lower() for h in hits)


# -- info, citizens, check, backup ----------------------------------------------------------


def test_info_json_counts_what_was_created(unit_path, unit_facts, capsys):
    code, out, err = run(capsys, "info", unit_path, "--json")
    assert (code, err) == (0, "")
    info = json.loads(out)
    assert {"schema_version", "unit_name", "counts"} <= set(info)
    assert (info["schema_version"], info["unit_name"], info["readonly"]) == (HEAD, "Bostedet Egely", True)
    assert set(info["counts"]) >= COUNT_KEYS
    assert info["counts"] == unit_facts["counts"]


def test_info_as_text(unit_path, capsys):
    code, out, _ = run(capsys, "info", unit_path)
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == "Enhed:        Bostedet Egely"
    assert lines[2] == f"Skemaversion: {HEAD}"
    assert (
        "Borgere:              1" in lines
        and "Delmålsnotater:       3" in lines
        and "Indsatsmål:           2" in lines
    )


def test_citizens_json_and_text(unit_path, capsys):
    code, out, _ = run(capsys, "citizens", unit_path, "--json")
    assert code == 0
    # Masked unless asked for in full (issue 13): a terminal is read over shoulders too.
    assert json.loads(out) == [
        {"id": 1, "name": "Mads Testesen", "cpr": "010215-XXXX", "area": "children", "active": True}
    ]
    assert run(capsys, "citizens", unit_path)[1] == "    1  010215-XXXX  børn    Mads Testesen\n"
    assert run(capsys, "citizens", unit_path, "--vis-cpr")[1] == "    1  010215-4321  børn    Mads Testesen\n"
    assert json.loads(run(capsys, "citizens", unit_path, "--json", "--area", "adults")[1]) == []
    assert [
        c["name"] for c in json.loads(run(capsys, "citizens", unit_path, "--json", "--search", "010215")[1])
    ] == ["Mads Testesen"]
    assert "--area" in fails(capsys, 2, "citizens", unit_path, "--area", "seniors")


def test_check_a_sound_file(unit_path, capsys):
    before = file_state(unit_path)
    assert run(capsys, "check", unit_path) == (0, f"{unit_path}: i orden (skema {HEAD}).\n", "")
    assert file_state(unit_path) == before


def test_check_a_damaged_file(demo_path, tmp_path, capsys):
    damaged = tmp_path / "skadet.fko"
    data = bytearray(demo_path.read_bytes())
    middle = len(data) // 4096 // 2 * 4096
    data[middle : middle + 4096] = os.urandom(4096)
    damaged.write_bytes(bytes(data))
    before = file_state(damaged)
    line = fails(capsys, 1, "check", damaged)
    assert line.startswith("fko: skadet.fko er beskadiget (") and line.endswith(
        "åbn en sikkerhedskopi i stedet."
    )
    # `check` runs the full integrity_check, `info` the quick_check on open: SQLite's detail
    # may differ, the refusal may not.
    info_line = fails(capsys, 1, "info", damaged)
    assert info_line.startswith("fko: skadet.fko er beskadiget (") and info_line.endswith("i stedet.")
    assert file_state(damaged) == before


def test_backup_prints_the_copy(unit_path, unit_facts, tmp_path, capsys):
    code, out, err = run(capsys, "backup", unit_path, "--out", tmp_path / "kopier", *login_as())
    copy = Path(out.strip())
    assert (code, err, out.count("\n")) == (0, "", 1)
    assert copy.is_file() and copy.parent == tmp_path / "kopier" and copy.name.startswith("egely-")
    assert json.loads(run(capsys, "info", copy, "--json")[1])["counts"] == unit_facts["counts"]


def test_backup_of_a_unit_open_for_writing(unit_path, tmp_path, capsys):
    with UnitFile.open(unit_path):
        code, out, _ = run(capsys, "backup", unit_path, "--out", tmp_path / "kopier", *login_as())
    assert code == 0 and check_unit_file(Path(out.strip()), full=True) == HEAD


def test_backup_needs_out_and_refuses_a_non_unit(tmp_path, capsys):
    (tmp_path / "x.fko").write_text("ikke en enhed")
    assert "--out" in fails(capsys, 2, "backup", tmp_path / "x.fko")
    assert "ikke en FKO-enhedsfil" in fails(
        capsys, 1, "backup", tmp_path / "x.fko", "--out", tmp_path / "k", *login_as()
    )
    assert not (tmp_path / "k").exists()


# -- deadlines -------------------------------------------------------------------------------


def test_deadlines_json_lists_overdue_goal_statuses(unit_path, capsys):
    code, out, _ = run(capsys, "deadlines", unit_path, "--today", "2025-08-01", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["today"] == "2025-08-01"
    found = [
        (d["kind"], d["state"], d["citizen"], d["goal"], d["period"], d["due"]) for d in data["deadlines"]
    ]
    assert found == [
        ("goal_status", "overdue", "Mads Testesen", "Mads har en fast ven.", 1, "2025-04-15"),
        # The first follow-up, three months after the measure started, was never held or planned.
        ("follow_up_due", "overdue", "Mads Testesen", None, None, "2025-04-15"),
        ("goal_status", "overdue", "Mads Testesen", "Mads går i skole fire dage om ugen.", 2, "2025-07-15"),
        ("goal_status", "overdue", "Mads Testesen", "Mads har en fast ven.", 2, "2025-07-15"),
    ]  # M1 of the school goal is recorded; M3 (15.10.2025) is more than two weeks away
    statuses = [d for d in data["deadlines"] if d["kind"] == "goal_status"]
    assert all(d["label"] == f"Målstatus M{d['period']}" and d["citizen_id"] == 1 for d in statuses)


def test_deadlines_as_text_with_a_danish_date(unit_path, capsys):
    code, out, _ = run(capsys, "deadlines", unit_path, "--today", "01.10.2025")
    assert code == 0
    assert (
        out.splitlines()[0] == "Overskredet  15.04.2025  Mads Testesen: Målstatus M1 – Mads har en fast ven."
    )
    assert "Snart        15.10.2025  Mads Testesen: Målstatus M3 – Mads går i skole fire dage om ugen." in out
    assert (
        run(capsys, "deadlines", unit_path, "--today", "2025-02-01")[1] == "Intet forfalder pr. 01.02.2025.\n"
    )


def test_deadlines_refuses_a_bad_date(unit_path, capsys):
    line = fails(capsys, 2, "deadlines", unit_path, "--today", "2026-13-45")
    assert "Ugyldig dato »2026-13-45«" in line and line.startswith("fko deadlines: ")


# -- search ----------------------------------------------------------------------------------


def test_search_prints_newest_first(unit_path, capsys):
    code, out, _ = run(capsys, "search", unit_path, "Mads")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 3
    stamps = [dt.datetime.strptime(line[:19], "%d.%m.%Y kl. %H.%M") for line in lines]
    assert stamps == sorted(stamps, reverse=True)
    assert "Mads Testesen (delmål, AH): [Mads] spillede fodbold" in lines[0]
    assert lines[2].endswith("[Mads] holdt sin fødselsdag i klassen og var glad.")


def test_search_danish_words_and_json(unit_path, capsys):
    code, out, _ = run(capsys, "search", unit_path, "må", "--json")
    [hit] = json.loads(out)
    assert code == 0
    assert (hit["kind"], hit["citizen_name"], hit["author"], hit["score"]) == (
        "journal",
        "Mads Testesen",
        "AH",
        "Ikke vurderet",
    )
    assert hit["snippet"] == "Mads [må] gerne gå alene hjem fra skole nu."
    assert dt.datetime.fromisoformat(hit["observed_at"]) == dt.datetime(2025, 3, 10, 13, 30, tzinfo=dt.UTC)
    assert [h["score"] for h in json.loads(run(capsys, "search", unit_path, "fødselsdag", "--json")[1])] == [
        "2"
    ]
    assert run(capsys, "search", unit_path, "ar")[1] == "Ingen notater matcher.\n"
    assert len(run(capsys, "search", unit_path, "Mads", "--limit", "1")[1].splitlines()) == 1


def test_search_refuses_a_query_without_words(unit_path, capsys):
    assert fails(capsys, 1, "search", unit_path, '"*"') == "fko: Skriv mindst ét ord at søge efter."
    assert "TEXT" in fails(capsys, 2, "search", unit_path)


# -- bad input -------------------------------------------------------------------------------


def test_usage_errors_exit_2_on_one_line(tmp_path, capsys):
    assert "KOMMANDO" in fails(capsys, 2)
    assert "tøj" in fails(capsys, 2, "tøj", tmp_path / "a.fko")
    for command in COMMANDS:
        assert "UNITFILE" in fails(capsys, 2, command)
    assert "--sludder" in fails(capsys, 2, "info", tmp_path / "a.fko", "--sludder")
    assert "»mange« er ikke et helt tal" in fails(
        capsys, 2, "search", tmp_path / "a.fko", "x", "--limit", "mange"
    )
    for bad in ("0", "-1"):  # -1 used to reach SQL as "no limit" and then cut off the last hit
        assert f"»{bad}« skal være mindst 1" in fails(
            capsys, 2, "search", tmp_path / "a.fko", "x", f"--limit={bad}"
        )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["info", "citizens", "check", "deadlines", "search"])
def test_missing_and_random_files_exit_1_on_one_line(command, tmp_path, capsys):
    extra = ["ord"] if command == "search" else []
    missing = tmp_path / "findes-ikke.fko"
    assert fails(capsys, 1, command, missing, *extra) == f"fko: Filen {missing} findes ikke."
    noise = tmp_path / "støj.fko"
    noise.write_bytes(os.urandom(8192))
    before = file_state(noise)
    assert "ikke en FKO-enhedsfil" in fails(capsys, 1, command, noise, *extra)
    assert file_state(noise) == before
    assert not missing.exists()


def test_an_unexpected_failure_is_one_line_with_the_log(unit_path, capsys, monkeypatch):
    from fko_desktop.ops import info as info_module

    def broken(unit):
        raise KeyError("counts")

    monkeypatch.setattr(info_module, "unit_info", broken)
    line = fails(capsys, 1, "info", unit_path)
    log = Path(os.environ["FKO_DATA_DIR"]) / "logs" / "fko-cli.log"
    # Only the type reaches the terminal: a message may hold SQL parameters or typed text.
    assert line == f"fko: uventet fejl (KeyError); detaljer i {log}"
    assert "Traceback" in log.read_text(encoding="utf-8")


# -- the installed command -------------------------------------------------------------------


def test_installed_fko_command(unit_path, unit_facts, tmp_path):
    fko = fko_script()
    done = subprocess.run([fko, "info", unit_path, "--json"], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout)["counts"] == unit_facts["counts"]

    done = subprocess.run(
        [fko, "search", unit_path, "fødselsdag"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and "[fødselsdag]" in done.stdout

    for argv, code in [
        ([], 2),
        (["info", tmp_path / "findes-ikke.fko"], 1),
        (["deadlines", unit_path, "--today", "x"], 2),
    ]:
        done = subprocess.run([fko, *map(str, argv)], capture_output=True, text=True, timeout=60)
        assert (done.returncode, done.stdout) == (code, ""), done.stderr
        one_line(done.stderr)
