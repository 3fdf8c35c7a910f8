"""What the window says about an error nobody foresaw: the kind, the consequence, the log.

Never the exception's own text: a database error's text holds the SQL statement, and any
other may quote what a user typed about a citizen. The scrubbed traceback goes to the
private log for the developers (``fko_desktop.logs``).
"""

from __future__ import annotations

from fko_desktop.logs import log_unexpected
from fko_desktop.ui.i18n import tr

DESKTOP_LOG = "fko-desktop.log"


def unexpected_failure(error: BaseException, consequence: str) -> str:
    """Log ``error`` and return the Danish message to show, e.g. "… Intet er gemt."."""
    log_file = log_unexpected(error, DESKTOP_LOG)
    message = tr("Der skete en uventet fejl ({kind}). {consequence}").format(
        kind=type(error).__name__, consequence=consequence
    )
    if log_file is not None:
        message += " " + tr("Detaljer står i {log}.").format(log=log_file)
    return message
