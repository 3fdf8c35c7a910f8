"""File names the window suggests in its save dialogs and folders.

One place for the rule, shared by the print dialog and the bundle dialogs (which used to
import it from each other). Writing the file itself goes through ``fko_desktop.storage.files``.
"""

from __future__ import annotations

import re


def safe_file_name(text: str) -> str:
    """A file name every OS accepts, keeping Danish letters."""
    return re.sub(r'[\\/:*?"<>|]+', "-", text).strip(" .")
