"""fko_desktop.logs (scrubbed logs) and fko_desktop.terminal (terminal-safe text), as units."""

from __future__ import annotations

import io
import json
import logging
import os
import sqlite3
import stat
import sys

import pytest
from sqlalchemy.exc import OperationalError

from fko_desktop.logs import (
    CPR_MASK,
    MESSAGE_LIMIT,
    ScrubbingFormatter,
    describe,
    error_message,
    format_exception,
    log_unexpected,
    scrub,
)
from fko_desktop.terminal import SafeStream, safe_json, safe_output, safe_text
from tests.conftest import UNIT_FACTS

CPR = UNIT_FACTS["cpr"]
NOTE = UNIT_FACTS["notes"][0][1]


def database_error(*, note: str = NOTE) -> OperationalError:
    """What SQLAlchemy raises for a failed statement: its text holds the SQL and parameters."""
    return OperationalError(
        "INSERT INTO journal_note (text, cpr) VALUES (?, ?)",
        (note, CPR),
        sqlite3.OperationalError("unable to open database file"),
    )


def raised(error: BaseException) -> BaseException:
    """``error`` with a traceback, as a handler would see it."""
    try:
        raise error
    except BaseException as caught:  # noqa: BLE001
        return caught


# -- terminal ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[2J", "\\x1b[2J"),
        ("a\x00b\x07c\x08", "a\\x00b\\x07c\\x08"),
        ("linje\rover", "linje\\x0dover"),
        ("\x7f", "\\x7f"),
        ("\x85\x9b31m", "\\x85\\x9b31m"),
        ("abc\u202edef", "abc\\u202edef"),
        ("\u202a\u202b\u202c\u202d", "\\u202a\\u202b\\u202c\\u202d"),
        ("\u2066\u2067\u2068\u2069", "\\u2066\\u2067\\u2068\\u2069"),
        ("\u200e\u200f\u061c", "\\u200e\\u200f\\u061c"),
    ],
)
def test_safe_text_shows_controls(raw, shown):
    assert safe_text(raw) == shown


def test_safe_text_keeps_ordinary_text():
    text = "Mads var glad 😀\n\tÆblegrød, ørred og ålekvabbe – «citat» … مرحبا שלום\u00a0x"
    assert safe_text(text) == text


def test_safe_json_stays_valid_and_loads_back():
    data = {"note": "a\x1b[31mb\u202ec\x7fd\x85e\nf"}
    text = safe_json(json.dumps(data, ensure_ascii=False))
    assert json.loads(text) == data
    assert all(ch not in text for ch in "\x1b\u202e\x7f\x85")


def test_safe_stream_and_safe_output_restore_the_streams(capsys):
    target = io.StringIO()
    stream = SafeStream(target)
    assert stream.write("x\x1by") == 3
    assert target.getvalue() == "x\\x1by"
    before = sys.stdout, sys.stderr
    with safe_output():
        assert isinstance(sys.stdout, SafeStream) and isinstance(sys.stderr, SafeStream)
        print("ud\u202e")
        print("fejl\x1b", file=sys.stderr)
    assert (sys.stdout, sys.stderr) == before
    assert capsys.readouterr() == ("ud\\u202e\n", "fejl\\x1b\n")


# -- scrub ---------------------------------------------------------------------------------


def test_scrub_removes_sql_and_parameters_even_with_brackets_in_them():
    text = str(database_error(note="Mads] [SQL: sagde ] noget"))
    assert "[SQL:" in text and "[parameters:" in text and CPR in text  # what SQLAlchemy gives
    clean = scrub(text)
    assert clean == "(sqlite3.OperationalError) unable to open database file [SQL og parametre udeladt]"


@pytest.mark.parametrize(
    "cpr", ["010215-4321", "0102154321", "010215 4321", "010215\u20134321", "010215\u20114321"]
)
def test_scrub_masks_cpr_like_numbers(cpr):
    assert scrub(f"borger {cpr}, igen:{cpr}.") == f"borger {CPR_MASK}, igen:{CPR_MASK}."


def test_scrub_leaves_other_numbers():
    text = "side 12345, id 12345678901, kl. 2025-03-01 10:00:00"
    assert scrub(text) == text


def test_scrub_is_one_short_line():
    assert scrub("a\n  b\tc") == "a b c"
    long = scrub("x" * 5000)
    assert len(long) == MESSAGE_LIMIT and long.endswith("…")
    assert len(scrub("y" * 5000, limit=None)) == 5000


def test_scrub_removes_the_background_link():
    assert scrub("fejl (Background on this error at: https://sqlalche.me/e/20/e3q8) slut") == "fejl slut"


# -- format_exception ----------------------------------------------------------------------


def test_format_exception_keeps_frames_and_type_without_data():
    def save_note():
        raise database_error()

    def handler():
        try:
            save_note()
        except OperationalError as error:
            raise RuntimeError(f"gem fejlede for {CPR}") from error

    with pytest.raises(RuntimeError) as caught:
        handler()
    text = format_exception(caught.value)
    assert text.count("Traceback (most recent call last):") == 2
    assert "in save_note" in text and "in handler" in text and __file__ in text
    assert "sqlalchemy.exc.OperationalError: unable to open database file" in text
    assert "The above exception was the direct cause of the following exception:" in text
    assert f"RuntimeError: gem fejlede for {CPR_MASK}" in text
    for secret in (CPR, NOTE, "[SQL:", "[parameters", "INSERT INTO"):
        assert secret not in text


def test_format_exception_follows_the_context_and_survives_odd_errors():
    class Unprintable(Exception):
        def __str__(self):
            raise ValueError("no")

    try:
        try:
            raise KeyError(CPR)
        except KeyError:
            # Not "from": the implicit context ("During handling of …") is what is formatted here.
            raise Unprintable()  # noqa: B904
    except Unprintable as error:
        text = format_exception(error)
    assert "During handling of the above exception, another exception occurred:" in text
    assert f"KeyError: '{CPR_MASK}'" in text and "(meddelelsen kan ikke vises)" in text

    cycle = ValueError("a")
    cycle.__context__ = ValueError("b")
    cycle.__context__.__context__ = cycle
    assert format_exception(cycle).count("ValueError") == 2

    group = ExceptionGroup("flere", [raised(database_error()), raised(KeyError(CPR))])
    text = format_exception(group)
    assert "unable to open database file" in text and CPR_MASK in text
    assert CPR not in text and NOTE not in text


def test_describe_and_error_message():
    assert describe(KeyError("counts")) == "KeyError: 'counts'"
    assert describe(database_error()) == "sqlalchemy.exc.OperationalError: unable to open database file"
    assert error_message(database_error()) == "unable to open database file"
    assert describe(RuntimeError()) == "RuntimeError"


# -- log_unexpected ------------------------------------------------------------------------


def test_log_unexpected_appends_privately(tmp_path, monkeypatch):
    monkeypatch.setenv("FKO_DATA_DIR", str(tmp_path / "data"))
    first = log_unexpected(raised(database_error()), "test.log")
    second = log_unexpected(raised(KeyError(CPR)), "test.log")
    assert first == second == tmp_path / "data" / "logs" / "test.log"
    text = first.read_text(encoding="utf-8")
    assert text.count("--- ") == 2 and "OperationalError" in text and "KeyError" in text
    for secret in (CPR, NOTE, "[SQL:", "[parameters"):
        assert secret not in text
    if os.name == "posix":
        assert stat.S_IMODE(first.stat().st_mode) == 0o600
        assert stat.S_IMODE(first.parent.stat().st_mode) == 0o700


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_log_unexpected_tightens_an_old_log_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("FKO_DATA_DIR", str(tmp_path / "data"))
    old = tmp_path / "data" / "logs"
    old.mkdir(parents=True)
    old.chmod(0o755)
    (old / "fko-cli.log").write_text("gammel\n")
    (old / "fko-cli.log").chmod(0o644)
    path = log_unexpected(raised(KeyError("x")), "fko-cli.log")
    assert stat.S_IMODE(old.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text().startswith("gammel\n")


def test_log_unexpected_gives_none_when_it_cannot_write(tmp_path, monkeypatch):
    blocker = tmp_path / "en-fil"
    blocker.write_text("")
    monkeypatch.setenv("FKO_DATA_DIR", str(blocker))  # the log folder would be inside a file
    assert log_unexpected(raised(KeyError("x")), "fko-cli.log") is None


# -- logging -------------------------------------------------------------------------------


def test_the_scrubbing_formatter():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(ScrubbingFormatter("%(levelname)s:%(name)s:%(message)s"))
    logger = logging.getLogger("fko_desktop.test_scrub")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("kunne ikke gemme %s: %s", CPR, database_error())
        try:
            raise database_error()
        except OperationalError:
            logger.exception("uventet")
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
    text = stream.getvalue()
    assert f"WARNING:fko_desktop.test_scrub:kunne ikke gemme {CPR_MASK}:" in text
    assert "ERROR:fko_desktop.test_scrub:uventet" in text and "Traceback" in text
    for secret in (CPR, NOTE, "[SQL:", "[parameters"):
        assert secret not in text
