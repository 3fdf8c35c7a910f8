"""``fko`` (or a plain open for writing) that notes when its writes begin and end, for the kill suite.

Run as ``python traced_fko.py TRACEFILE fko ARGS...`` for the real ``fko`` command, or
``python traced_fko.py TRACEFILE open UNITFILE`` to open a unit file for writing (and so
back it up and migrate it, if it is older) and close it again. Write transactions
(``UnitFile.write``), backups and migrations append ``begin TIME`` and ``end TIME`` lines
(outermost only) to TRACEFILE.

The trace serves two purposes only: to aim half of the kills at the window where the
writing happens (start-up and checks take most of a run), and to say in the figures where a
kill fell. Every assertion is on what is stored in the files.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import time


def main(argv: list[str]) -> int:
    from fko_desktop.storage import unitfile

    trace = os.open(argv[0], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    depth = 0

    def note(event: str) -> None:
        os.write(trace, f"{event} {time.time():.6f}\n".encode())

    @contextlib.contextmanager
    def traced():
        nonlocal depth
        depth += 1
        if depth == 1:
            note("begin")
        try:
            yield
        finally:
            depth -= 1
        # Only reached when the block succeeded: a commit returned, a backup was renamed.
        if depth == 0:
            note("end")

    def wrap(function):
        @functools.wraps(function)
        def wrapped(*args, **kwargs):
            with traced():
                return function(*args, **kwargs)

        return wrapped

    original_write = unitfile.UnitFile.write

    @contextlib.contextmanager
    def write(self, actor):
        with traced(), original_write(self, actor) as session:
            yield session

    unitfile.UnitFile.write = write
    # Looked up where they are called; missing ones (renamed since) are simply not traced.
    if hasattr(unitfile, "write_backup"):
        unitfile.write_backup = wrap(unitfile.write_backup)
    migrate = unitfile.UnitFile.__dict__.get("_migrate")
    if isinstance(migrate, staticmethod):
        unitfile.UnitFile._migrate = staticmethod(wrap(migrate.__func__))

    if argv[1] == "open":
        unitfile.UnitFile.open(argv[2]).close()
        return 0
    from fko_desktop.cli import main as fko

    return fko(argv[2:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
