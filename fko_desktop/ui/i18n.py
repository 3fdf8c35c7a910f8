"""User-facing text goes through Qt's translation system: Danish source strings, so the app
speaks Danish with no translation file loaded, and an English .qm can be added later.

Qt's own texts (standard buttons, the file and input dialogs, context menus) and its dates and
calendars follow a translator and a locale; ``install_danish`` makes both Danish whatever the
PC's language, since the users read Danish.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

DANISH = QLocale(QLocale.Language.Danish, QLocale.Country.Denmark)
#: The object name of the installed translator, so a second call finds it instead of stacking another.
QT_TRANSLATOR_NAME = "fko-qtbase-da"


def tr(text: str, context: str = "FKO") -> str:
    return QCoreApplication.translate(context, text)


def install_danish(app: QCoreApplication) -> bool:
    """Danish dates, calendars (Monday first) and numbers, and Qt's own Danish texts
    ("Annuller", "Ja", "Nej" …), for every entry point and the tests alike. Call it before
    the first widget is made: a widget takes the default locale when it is created.

    False when Qt's translation is not where Qt keeps it; the app still works, with Qt's
    standard buttons in English."""
    QLocale.setDefault(DANISH)
    if app.findChild(QTranslator, QT_TRANSLATOR_NAME) is not None:
        return True
    translator = QTranslator(app)  # owned by the app, so it lives as long as the app
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(DANISH, "qtbase", "_", folder):
        log.warning("Qt's Danish translation (qtbase_da.qm) was not found in %s", folder)
        translator.deleteLater()
        return False
    translator.setObjectName(QT_TRANSLATOR_NAME)
    app.installTranslator(translator)
    return True
