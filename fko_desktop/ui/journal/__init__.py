"""The sub-goal journal (delmålsdagbog) in the window: model, note cards, dialogs and panel.

- ``model``: the lazily loaded list model over the core's journal queries, and its roles.
- ``delegate``: paints each note as a card.
- ``dialogs``: "Ret notat", a note's history, and the score combo they share with the panel.
- ``panel``: the journal list with the quick "Nyt notat" box (Ctrl+Enter, drafts).

Other modules import from here; the submodules import each other by their own names, never
this package, so importing any one of them cannot come back round to this file.
"""

from fko_desktop.ui.journal.delegate import CHIP_COLOURS, NoteCardDelegate
from fko_desktop.ui.journal.dialogs import (
    ERROR_STYLE,
    NoteEditDialog,
    NoteHistoryDialog,
    make_score_combo,
    set_combo_score,
)
from fko_desktop.ui.journal.model import (
    PAGE_SIZE,
    AuthorRole,
    JournalModel,
    NoteIdRole,
    NoteRole,
    ScoreLabelRole,
    TimeRole,
    score_chip_text,
)
from fko_desktop.ui.journal.panel import JournalPanel

__all__ = [
    "CHIP_COLOURS",
    "ERROR_STYLE",
    "PAGE_SIZE",
    "AuthorRole",
    "JournalModel",
    "JournalPanel",
    "NoteCardDelegate",
    "NoteEditDialog",
    "NoteHistoryDialog",
    "NoteIdRole",
    "NoteRole",
    "ScoreLabelRole",
    "TimeRole",
    "make_score_combo",
    "score_chip_text",
    "set_combo_score",
]
