"""The hits of a free-text search over every note, in a window of their own."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from fko_desktop.models.formatting import format_datetime
from fko_desktop.ui.i18n import tr
from fko_desktop.unit.rows import SearchHit


def hits_window(
    parent: QWidget, text: str, hits: list[SearchHit], open_citizen: Callable[[int], None]
) -> QListWidget:
    """One line per hit (time, citizen, journal or diary, author, the words around the match);
    activating a line opens the citizen."""
    results = QListWidget()
    results.setAccessibleName(tr("Søgeresultater"))
    for hit in hits:
        kind = tr("delmål") if hit.kind == "journal" else tr("dagbog")
        when = format_datetime(hit.observed_at)
        item = QListWidgetItem(f"{when} · {hit.citizen_name} ({kind}, {hit.author}): {hit.snippet}")
        item.setData(Qt.ItemDataRole.UserRole, hit.citizen_id)
        results.addItem(item)
    if not hits:
        results.addItem(tr("Ingen notater matcher »{text}«.").format(text=text))
    results.itemActivated.connect(
        lambda item: (
            None
            if item.data(Qt.ItemDataRole.UserRole) is None
            else open_citizen(item.data(Qt.ItemDataRole.UserRole))
        )
    )
    results.setWindowTitle(tr("Søgning: {text}").format(text=text))
    results.resize(900, 500)
    results.setParent(parent, Qt.WindowType.Window)
    results.show()
    return results
