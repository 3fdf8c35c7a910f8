"""Every error path of ``fko`` we can provoke: one line, no traceback, no personal data.

Each case runs the command, in this process (``main`` with capsys) and for some also as a
real process, and then greps the terminal output and every file in the log folder for the
unit's CPR number, its note texts and SQLAlchemy's ``[SQL: …]`` / ``[parameters: …]``.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from fko_desktop.cli import casework as cli
from fko_desktop.cli import main
from tests.conftest import UNIT_FACTS
from tests.logins import login_as, password_file
from tests.storage.util import one_line

CPR = UNIT_FACTS["cpr"]
NOTES = [text for _, text, _ in UNIT_FACTS["notes"]]
NAME = UNIT_FACTS["citizen_name"]
#: What must never show: the CPR number in both its forms, the note texts, the SQL parts.
SECRETS = [CPR, CPR.replace("-", ""), *NOTES, "[parameters", "[SQL:", "INSERT INTO"]


def database_error(message: str = "unable to open database file") -> OperationalError:
    """A SQLAlchemy error as a failed write raises it: statement, parameters, driver error."""
    return OperationalError(
        "INSERT INTO journal_note (citizen_cpr, citizen_name, text) VALUES (?, ?, ?)",
        (CPR, NAME, NOTES[0]),
        sqlite3.OperationalError(message),
    )


@pytest.fixture
def log_dir(tmp_path, monkeypatch) -> Path:
    """This test's own data folder, so the logs it greps are only its own."""
    data = tmp_path / "data"
    monkeypatch.setenv("FKO_DATA_DIR", str(data))
    return data / "logs"


def secret_file(path: Path, text: str) -> Path:
    """A passphrase file as fko accepts it: readable by its owner only."""
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    return path


def assert_clean(text: str, *, where: str, extra: tuple[str, ...] = ()) -> None:
    for secret in (*SECRETS, *extra):
        assert secret not in text, f"{secret!r} in {where}: {text!r}"


def assert_logs_clean(log_dir: Path, *, extra: tuple[str, ...] = ()) -> list[Path]:
    """Every log file is clean and private; the files found."""
    found = [path for path in log_dir.rglob("*") if path.is_file()] if log_dir.exists() else []
    for path in found:
        assert_clean(path.read_text(encoding="utf-8", errors="replace"), where=str(path), extra=extra)
        if os.name == "posix":
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    if found and os.name == "posix":
        assert stat.S_IMODE(log_dir.stat().st_mode) == 0o700
    return found


def fails(capsys, code: int, *argv: object) -> str:
    """Run ``fko`` in this process; it must fail with ``code``, print nothing on stdout and
    one clean line (no traceback) on stderr. The line."""
    result = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert (result, out) == (code, ""), err
    line = one_line(err)  # also: no "Traceback"
    assert_clean(err, where="stderr")
    return line


def fko_process(*argv: object, data_dir: Path, prelude: str = "") -> subprocess.CompletedProcess:
    """``fko`` as its own process (``python -m fko_desktop.cli``), or via ``-c`` after
    ``prelude`` (Python that patches something first)."""
    env = {**os.environ, "FKO_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8"}
    if prelude:
        code = prelude + "\nimport sys\nfrom fko_desktop.cli import main\nsys.exit(main(sys.argv[1:]))\n"
        command = [sys.executable, "-c", code, *map(str, argv)]
    else:
        command = [sys.executable, "-m", "fko_desktop.cli", *map(str, argv)]
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=120, env=env)


# -- bad arguments ---------------------------------------------------------------------------


def test_bad_arguments(unit_path, log_dir, tmp_path, capsys):
    out = tmp_path / "r.pdf"
    passphrase = secret_file(tmp_path / "frase.txt", "en god frase\n")
    cases = [
        (1, "report", "status", unit_path, "--citizen", "²", "--out", out),
        (1, "report", "status", unit_path, "--citizen", "𝟏", "--out", out),
        (1, "report", "status", unit_path, "--citizen", "999", "--out", out),
        (1, "bundle", "export", unit_path, "--kind", "transfer", "--citizen", "²",
         "--out", tmp_path / "b.fkob", "--passphrase-file", passphrase, *login_as()),
        (2, "deadlines", unit_path, "--today", "9999-12-31"),
        (2, "deadlines", unit_path, "--today", "31.12.9999"),
        (2, "deadlines", unit_path, "--today", "2026-13-45"),
        (2, "report", "journal", unit_path, "--citizen", "1", "--out", out, "--from", "0001-01-01"),
        (2, "report", "status", unit_path, "--citizen", "1", "--out", out, "--today", "9999-12-31"),
        (2, "report", "status", unit_path, "--citizen", "1", "--out", out, "--to", "2101-01-01"),
        (2, "demo", tmp_path / "demo.fko", "--today", "0001-01-01"),
        (1, "demo", tmp_path / "demo.fko", "--today", "2099-06-01", "--citizens", "1", "--years", "1"),
        (2, "search", unit_path, "x", "--limit", "-1"),
        (2, "tøj"),
        (2, "info"),
    ]  # fmt: skip
    for code, *argv in cases:
        line = fails(capsys, code, *argv)
        assert "uventet fejl" not in line, (argv, line)
    assert not out.exists() and not (tmp_path / "demo.fko").exists()
    assert assert_logs_clean(log_dir) == []  # none of these is unexpected


# -- files that are missing, foreign, corrupt or read-only -----------------------------------


def test_missing_foreign_and_corrupt_files(unit_path, log_dir, tmp_path, capsys):
    missing = tmp_path / "findes-ikke.fko"
    noise = tmp_path / "støj.fko"
    noise.write_bytes(os.urandom(8192))
    # A foreign SQLite database that holds the very data: it must be refused, not quoted.
    foreign = tmp_path / "fremmed.fko"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE borger (cpr TEXT, notat TEXT)")
        db.execute("INSERT INTO borger VALUES (?, ?)", (CPR, NOTES[0]))
    db.close()
    corrupt = tmp_path / "skadet.fko"
    data = bytearray(unit_path.read_bytes())
    data[5 * 4096 : 6 * 4096] = os.urandom(4096)
    corrupt.write_bytes(bytes(data))
    text_file = tmp_path / "notat.txt"
    text_file.write_text(f"{CPR} {NOTES[0]}\n", encoding="utf-8")

    for path in (missing, noise, foreign, corrupt, text_file, tmp_path):
        for argv in (["info", path], ["check", path], ["search", path, "Mads"], ["deadlines", path, "--json"],
                     ["citizens", path], ["backup", path, "--out", tmp_path / "kopier", *login_as()],
                     ["report", "status", path, "--citizen", "1", "--out", tmp_path / "r.pdf"]):  # fmt: skip
            fails(capsys, 1, *argv)
    # A "bundle" that is the note in plain text, and one that does not exist.
    passphrase = secret_file(tmp_path / "frase.txt", "en god frase\n")
    for bundle in (text_file, foreign, tmp_path / "intet.fkob"):
        fails(capsys, 1, "bundle", "inspect", bundle, "--passphrase-file", passphrase)
        fails(capsys, 1, "bundle", "import", bundle, unit_path, "--passphrase-file", passphrase, *login_as())
    fails(capsys, 1, "bundle", "inspect", text_file, "--passphrase-file", tmp_path / "ingen-frase.txt")
    assert assert_logs_clean(log_dir) == []


def test_a_wrong_passphrase_is_not_echoed(unit_path, log_dir, tmp_path, capsys):
    right = secret_file(tmp_path / "rigtig.txt", "den rigtige frase\n")
    wrong = secret_file(tmp_path / "forkert.txt", f"{CPR} {NOTES[1]}\n")  # a secret that looks like data
    bundle = tmp_path / "b.fkob"
    code = main(["bundle", "export", str(unit_path), "--kind", "transfer", "--citizen", "1",
                 "--out", str(bundle), "--passphrase-file", str(right), "--no-pdf", *login_as()])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    capsys.readouterr()
    fails(capsys, 1, "bundle", "inspect", bundle, "--passphrase-file", wrong)
    fails(capsys, 1, "bundle", "import", bundle, unit_path, "--passphrase-file", wrong, *login_as())
    assert_logs_clean(log_dir)


def test_a_read_only_unit(tmp_path, log_dir, capsys, monkeypatch):
    """A unit in a folder made read-only. Tests run as root, where chmod does not stop a
    write, so the database's own refusal is simulated as well: the flush raises the
    OperationalError SQLite gives for a read-only file, with the row's data as parameters."""
    from fko_desktop.demo import builder

    folder = tmp_path / "skrivebeskyttet"
    unit = folder / "enhed.fko"
    assert (
        main(
            [
                "init",
                str(unit),
                "--unit-name",
                "Egely",
                "--staff-name",
                "Lone Berg",
                "--staff-initials",
                "LB",
                "--adgangskode-fil",
                str(password_file()),
            ]  # fmt: skip
        )
        == 0
    )
    capsys.readouterr()
    real_build = builder.build

    def refused(*args, **kwargs):
        raise database_error("attempt to write a readonly database")

    def build_in_read_only_file(*args, **kwargs):
        monkeypatch.setattr(Session, "flush", refused)
        return real_build(*args, **kwargs)

    monkeypatch.setattr(builder, "build", build_in_read_only_file)
    unit.chmod(0o444)
    folder.chmod(0o555)
    try:
        line = fails(
            capsys,
            1,
            "demo",
            unit,
            "--citizens",
            "1",
            "--years",
            "1",
            "--today",
            "2026-11-23",
            *login_as("LB"),
        )
    finally:
        folder.chmod(0o755)
        unit.chmod(0o644)
    assert "uventet fejl" not in line and "skrivebeskyttet" in line
    assert_logs_clean(log_dir)


# -- unexpected errors -----------------------------------------------------------------------


def test_an_unexpected_database_error_in_process(unit_path, log_dir, capsys, monkeypatch):
    def broken(args):
        try:
            raise KeyError(CPR)  # the context: a message that holds a CPR number
        except KeyError as cause:  # the cause chain is logged (scrubbed) too
            raise database_error() from cause

    monkeypatch.setattr(cli, "cmd_search", broken)
    line = fails(capsys, 1, "search", unit_path, "Mads")
    log = log_dir / "fko-cli.log"
    assert line == f"fko: uventet fejl (OperationalError); detaljer i {log}"
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last):" in text and "in broken" in text
    assert "sqlalchemy.exc.OperationalError: unable to open database file" in text
    assert "KeyError: 'XXXXXX-XXXX'" in text
    assert assert_logs_clean(log_dir, extra=(NAME,)) == [log]


def test_an_unexpected_database_error_in_a_process(unit_path, tmp_path):
    data = tmp_path / "data"
    prelude = textwrap.dedent(f"""
        import sqlite3
        from sqlalchemy.exc import OperationalError
        import fko_desktop.cli.unit as cli

        def broken(args):
            raise OperationalError("SELECT * FROM citizen WHERE cpr = ? AND text = ?",
                                   ({CPR!r}, {NOTES[0]!r}),
                                   sqlite3.OperationalError("unable to open database file"))

        cli.cmd_info = broken
    """)
    done = fko_process("info", unit_path, data_dir=data, prelude=prelude)
    assert (done.returncode, done.stdout) == (1, ""), done.stderr
    log = data / "logs" / "fko-cli.log"
    assert one_line(done.stderr) == f"fko: uventet fejl (OperationalError); detaljer i {log}"
    assert_clean(done.stderr, where="stderr")
    assert len(assert_logs_clean(data / "logs")) == 1


def test_logging_output_is_scrubbed(unit_path, tmp_path):
    """Python's logging goes to stderr through the scrubbing formatter."""
    data = tmp_path / "data"
    prelude = textwrap.dedent(f"""
        import logging, sqlite3
        from sqlalchemy.exc import OperationalError
        import fko_desktop.cli.unit as cli

        real = cli.cmd_info

        def noisy(args):
            log = logging.getLogger("fko_desktop.test")
            log.warning("kunne ikke læse %s: %s", {CPR!r}, {NOTES[1]!r}[:10])
            try:
                raise OperationalError("SELECT ?", ({CPR!r}, {NOTES[0]!r}),
                                       sqlite3.OperationalError("disk I/O error"))
            except OperationalError:
                log.exception("læsning fejlede")
            return real(args)

        cli.cmd_info = noisy
    """)
    done = fko_process("info", unit_path, "--json", data_dir=data, prelude=prelude)
    assert done.returncode == 0, done.stderr
    assert "WARNING:fko_desktop.test:kunne ikke læse XXXXXX-XXXX" in done.stderr
    assert "ERROR:fko_desktop.test:læsning fejlede" in done.stderr
    assert "sqlalchemy.exc.OperationalError: disk I/O error" in done.stderr
    assert_clean(done.stderr, where="stderr")


def test_interrupted_and_usage_errors_in_a_process(unit_path, tmp_path):
    data = tmp_path / "data"
    prelude = (
        "import fko_desktop.cli.unit as cli\n"
        "def stop(args):\n    raise KeyboardInterrupt\n"
        "cli.cmd_info = stop\n"
    )
    done = fko_process("info", unit_path, data_dir=data, prelude=prelude)
    assert (done.returncode, done.stdout, done.stderr) == (130, "", "fko: afbrudt.\n")
    bad = [
        ["deadlines", unit_path, "--today", "9999-12-31"],
        ["report", "status", unit_path, "--citizen", "²", "--out", tmp_path / "r.pdf"],
        ["demo", tmp_path / "d.fko", "--today", "0001-01-01"],
    ]
    for argv in bad:
        done = fko_process(*argv, data_dir=data)
        assert done.returncode in (1, 2) and done.stdout == "", done.stderr
        assert "uventet fejl" not in one_line(done.stderr)
        assert_clean(done.stderr, where="stderr")
    assert assert_logs_clean(data / "logs") == []
