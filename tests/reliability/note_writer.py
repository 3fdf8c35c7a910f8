"""A pædagog saving journal notes, as a separate process the kill suite can kill.

Run as ``python note_writer.py UNITFILE SUB_GOAL_ID STAFF_ID COUNT``. Each note is its own
transaction (``ops.journal.add_note``); its id is printed and flushed only after the commit
returned, so every id on stdout is a note the user was told is saved.
"""

from __future__ import annotations

import sys


def note_text(number: int) -> str:
    # Long enough that a note spans several pages of the WAL now and then.
    return " ".join([f"Notat {number}: Mads hjalp til ved morgenbordet og ryddede selv op efter sig."] * 12)


def main(argv: list[str]) -> int:
    from fko_desktop.models import Actor
    from fko_desktop.ops.journal import add_note
    from fko_desktop.storage.unitfile import UnitFile

    path, sub_goal_id, staff_id, count = argv[0], int(argv[1]), int(argv[2]), int(argv[3])
    unit = UnitFile.open(path)
    actor = Actor(staff_id, "Anna Hansen (AH)")
    try:
        for number in range(count):
            note = add_note(unit, actor, sub_goal_id, text=note_text(number), score=number % 5).value
            sys.stdout.write(f"{note.id}\n")
            sys.stdout.flush()
    finally:
        unit.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
