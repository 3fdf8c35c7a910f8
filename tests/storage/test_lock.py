"""The write lock across processes: one writer, readers alongside, no stale lock after a crash."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from fko_desktop.errors import UnitFileError, UnitFileLocked
from fko_desktop.storage.lock import lock_path_for, read_holder
from fko_desktop.storage.unitfile import UnitFile

# Exit codes of the helper scripts, so a failure says what happened in the other process.
OPENED, LOCKED = 0, 3

TRY_WRITE = """
import sys
from fko_desktop.errors import UnitFileLocked
from fko_desktop.storage.unitfile import UnitFile
try:
    unit = UnitFile.open(sys.argv[1])
except UnitFileLocked as error:
    print(error)
    sys.exit(3)
unit.close()
print("åbnet")
"""

READ = """
import json, sys
from fko_desktop.ops.info import unit_info
from fko_desktop.storage.unitfile import UnitFile
with UnitFile.open(sys.argv[1], readonly=True) as unit:
    info = unit_info(unit)
print(json.dumps({"name": info["unit_name"], "counts": info["counts"], "readonly": info["readonly"]}))
"""

HOLD = """
import sys
from fko_desktop.storage.unitfile import UnitFile
unit = UnitFile.open(sys.argv[1])
unit.set_lock_holder("Bo Bøgh")
print("holder", flush=True)
sys.stdin.readline()
unit.close()
"""

CRASH = """
import os, sys
from fko_desktop.storage.unitfile import UnitFile
unit = UnitFile.open(sys.argv[1])
unit.set_lock_holder("Kim Krak")
print("holder", flush=True)
os._exit(1)  # no close, no release: as if the PC lost power
"""


def run(script: str, *args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), *map(str, args)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_second_writer_in_another_process_is_told_who_has_it(unit_path):
    with UnitFile.open(unit_path) as unit:
        unit.set_lock_holder("Anna Hansen")
        result = run(TRY_WRITE, unit_path)
        assert result.returncode == LOCKED, result.stderr
        message = result.stdout.strip()
        assert message.startswith(f"Enhedsfilen {unit_path.name} er åbnet af Anna Hansen på ")
        assert " siden " in message and "kl." in message and "skrivebeskyttet" in message
        holder = read_holder(unit_path)
        assert holder["staff"] == "Anna Hansen" and holder["pid"] > 0
    # Closed: the other process gets it now.
    result = run(TRY_WRITE, unit_path)
    assert (result.returncode, result.stdout.strip()) == (OPENED, "åbnet"), result.stderr


def test_reader_in_another_process_works_while_the_file_is_open_for_writing(unit_path, unit_facts):
    with UnitFile.open(unit_path):
        result = run(READ, unit_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "name": unit_facts["unit_name"], "counts": unit_facts["counts"], "readonly": True,
    }  # fmt: skip


def test_holder_in_another_process_locks_this_one_out_until_it_closes(unit_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(unit_path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "holder", holder.stderr.read()
        with pytest.raises(UnitFileLocked) as locked:
            UnitFile.open(unit_path)
        assert "Bo Bøgh" in str(locked.value) and "siden" in str(locked.value)
        with UnitFile.open(unit_path, readonly=True) as reader:  # reading still works
            assert reader.unit().name == "Bostedet Egely"
    finally:
        holder.communicate("\n", timeout=60)
    assert holder.returncode == 0
    with UnitFile.open(unit_path) as unit:
        assert not unit.readonly


def test_a_crashed_holder_leaves_no_stale_lock(unit_path):
    result = run(CRASH, unit_path)
    assert (result.returncode, result.stdout.strip()) == (1, "holder"), result.stderr
    # The sidecar still names the crashed holder, but the OS released the lock with the process.
    assert read_holder(unit_path)["staff"] == "Kim Krak"
    with UnitFile.open(unit_path) as unit:
        assert unit.unit().name == "Bostedet Egely"
        assert read_holder(unit_path).get("staff") is None  # the new holder's info replaced it


def test_the_same_process_cannot_open_twice_for_writing(unit_path):
    with UnitFile.open(unit_path) as first:
        with pytest.raises(UnitFileLocked, match="siden"):
            UnitFile.open(unit_path)
        assert first.unit().name == "Bostedet Egely"  # the refused open did not disturb the first
    UnitFile.open(unit_path).close()
    assert lock_path_for(unit_path).exists()  # the sidecar stays; only the OS lock matters


def test_a_readonly_open_takes_no_lock(unit_path):
    with UnitFile.open(unit_path, readonly=True), UnitFile.open(unit_path) as writer:
        assert not writer.readonly


def test_a_lock_that_cannot_be_written_is_a_clear_refusal(unit_path):
    # Stands in for a read-only folder or medium: the lock sidecar cannot be created.
    lock_path_for(unit_path).mkdir()
    with pytest.raises(UnitFileError) as refused:
        UnitFile.open(unit_path)
    assert not isinstance(refused.value, UnitFileLocked)
    assert str(refused.value).startswith(f"Enhedsfilen {unit_path.name} kan ikke åbnes til skrivning her (")
    assert str(refused.value).endswith("den kan kun åbnes skrivebeskyttet.")
    with UnitFile.open(unit_path, readonly=True) as reader:
        assert reader.unit().name == "Bostedet Egely"
