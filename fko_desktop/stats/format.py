"""The statistics file's fixed parts: its name and version, its bounds, how a score is written.

One place for what the writer (``export``) and the reader (``read``) must agree on, so the
two cannot drift apart. docs/statistics.md describes the format field by field.
"""

from __future__ import annotations

from fko_desktop.models.scores import NOT_ASSESSED, NotAssessed, Score

FORMAT = "fko-statistik"
VERSION = 1

#: A key in the file: 16 lowercase hex digits (64 bits of an HMAC or a hash).
KEY_CHARS = 16

#: How large a file the reader takes. A 60-citizen unit over five years is about 1 MB; a
#: hundred times that is still a unit, anything larger is not a statistics file of ours.
MAX_FILE_BYTES = 128 * 1024 * 1024
MAX_GOALS = 500_000
#: Målstatus of one goal: one a quarter for a century is 400.
MAX_STATUSES = 1_000
#: One line of text (a unit or department name), as the unit file's own line fields.
MAX_LINE_CHARS = 300
#: Catalog codes (``InterventionGoal.domain_code`` is String(64)).
MAX_CODE_CHARS = 64
#: A domain group is "catalog:code" (``overview.labels.domain_key``).
MAX_GROUP_CHARS = 32 + 1 + MAX_CODE_CHARS

#: "Ikke vurderet" in the file: a word, never a number, so no tool averages it with the levels.
NOT_ASSESSED_WORD = "ikke_vurderet"

KINDS = ("goal", "aarhus_factor")
AREAS = ("children", "adults")


def score_to_file(score: Score | None) -> int | str | None:
    if isinstance(score, NotAssessed):
        return NOT_ASSESSED_WORD
    return score


def score_from_file(value: object) -> Score | None:
    """The score a file's value stands for; ``ValueError`` for anything else (the reader
    turns that into a message naming the file)."""
    if value is None:
        return None
    if value == NOT_ASSESSED_WORD:
        return NOT_ASSESSED
    # bool is an int in Python: ``true`` must not become the score 1.
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 4:
        return value
    raise ValueError(value)
