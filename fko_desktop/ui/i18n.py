"""User-facing text goes through Qt's translation system: Danish source strings, so the app
speaks Danish with no translation file loaded, and an English .qm can be added later."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def tr(text: str, context: str = "FKO") -> str:
    return QCoreApplication.translate(context, text)
