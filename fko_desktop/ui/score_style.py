"""The window's side of "one scale everywhere": the citizen's ScoreStyle, and score combos
whose items read in it (the editors' ``ScoreCombo``, the journal's box).

The decision itself (which words, 0–4 or 1–5) is the core's ``ScoreStyle.for_area``; this
module only fetches the citizen's area and puts the style's texts on widgets, so every chip,
combo and editor reads like the print of the same citizen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QWidget

from fko_desktop.models.scores import NOT_ASSESSED, SCORE_VALUES, Score, ScoreStyle
from fko_desktop.ui.i18n import tr

if TYPE_CHECKING:
    from fko_desktop.unit import Unit


def citizen_style(unit: Unit, citizen_id: int | None, *, one_based: bool = False) -> ScoreStyle:
    """The style of ``citizen_id``'s scores; with no citizen (nothing chosen yet) FFB words."""
    if citizen_id is None:
        return ScoreStyle(one_based=one_based)
    return ScoreStyle.for_area(unit.orders.citizen_area(citizen_id), one_based=one_based)


def level_item_text(style: ScoreStyle, level: int) -> str:
    """A combo item for a level: "2 – Moderat problem" (the words through the translator)."""
    return f"{style.number(level)} – {tr(style.label(level))}"


def add_level_items(combo: QComboBox, style: ScoreStyle) -> None:
    """Append the items 0–4 (item data: the stored level, whatever the display)."""
    for level in SCORE_VALUES:
        combo.addItem(level_item_text(style, level), level)


def restyle_levels(combo: QComboBox, style: ScoreStyle) -> None:
    """Relabel the level items in place: the choice and the stored values stay as they are."""
    for index in range(combo.count()):
        level = combo.itemData(index)
        if isinstance(level, int) and not isinstance(level, bool) and level in SCORE_VALUES:
            combo.setItemText(index, level_item_text(style, level))


def score_range_tip(style: ScoreStyle) -> str:
    """The combo's tooltip, in the numbers the user sees."""
    return tr("{best} er bedst, {worst} er dårligst. En score kræver en skriftlig observation.").format(
        best=style.best, worst=style.worst
    )


class ScoreCombo(QComboBox):
    """A score 0–4 in the citizen's words and numbers (``set_style``), "Ikke vurderet", or no
    score ("–"). Until the editor knows the citizen it reads in FFB words, 0–4."""

    def __init__(self, parent: QWidget | None = None, *, style: ScoreStyle | None = None) -> None:
        super().__init__(parent)
        self.addItem(tr("–"), None)
        add_level_items(self, style or ScoreStyle())
        self.addItem(tr("Ikke vurderet"), "iv")

    def set_style(self, style: ScoreStyle) -> None:
        restyle_levels(self, style)

    def value(self) -> Score | None:
        data = self.currentData()
        if data == "iv":
            return NOT_ASSESSED
        return data

    def set_value(self, score: Score | None) -> None:
        if score is None:
            self.setCurrentIndex(0)
        elif score is NOT_ASSESSED:
            self.setCurrentIndex(self.count() - 1)
        else:
            self.setCurrentIndex(int(score) + 1)  # type: ignore[arg-type]
