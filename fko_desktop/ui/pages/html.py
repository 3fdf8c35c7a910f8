"""The small pieces of HTML the pages lay their facts out with (a QLabel's rich text).

Everything staff typed is escaped here: a page shows what was written, never interprets it as
markup. Only Qt's rich-text subset is used (tables, headings, paragraphs, inline styles).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

DASH = "–"
#: The grey of labels and of what is not filled in: readable, but quieter than the content.
MUTED = "#555"


def rows(pairs: Sequence[tuple[str, str | None]]) -> str:
    """Label–value pairs as a two-column table; a missing value shows as a dash."""
    cells = "".join(
        f"<tr><td style='color:{MUTED}; padding:2px 16px 2px 0'>{escape(label)}</td>"
        f"<td style='padding:2px 0'>{escape(value or DASH)}</td></tr>"
        for label, value in pairs
    )
    return f"<table>{cells}</table>"


def section(title: str, body: str) -> str:
    return f"<h3 style='margin:14px 0 4px 0'>{escape(title)}</h3>{body}"


def muted(text: str) -> str:
    return f"<span style='color:{MUTED}'><i>{escape(text)}</i></span>"


def lines(text: str) -> str:
    """Typed text with its line breaks kept (a plan's sections are written as paragraphs)."""
    return "<br>".join(escape(line) for line in text.strip().splitlines())


def text_block(value: str | None, empty: str) -> str:
    """A paragraph of typed text, or ``empty`` in grey when nothing is written."""
    body = lines(value) if value and value.strip() else muted(empty)
    return f"<p style='margin:0 0 8px 0'>{body}</p>"


def labelled_text(label: str, value: str | None, empty: str) -> str:
    """A field of a section: its name in bold above its text (names too long for a column)."""
    return f"<p style='margin:6px 0 2px 0'><b>{escape(label)}</b></p>" + text_block(value, empty)


def text_rows(pairs: Sequence[tuple[str, str | None]], empty: str) -> str:
    """Label–text pairs as a table whose texts keep their line breaks and wrap in their own
    column; a field nobody wrote shows ``empty`` in grey, so a gap is seen, not skipped."""
    cells = "".join(
        f"<tr><td style='color:{MUTED}; padding:2px 16px 4px 0; vertical-align:top'>{escape(label)}</td>"
        f"<td style='padding:2px 0 4px 0; vertical-align:top'>"
        f"{lines(value) if value and value.strip() else muted(empty)}</td></tr>"
        for label, value in pairs
    )
    return f"<table>{cells}</table>"


def subheading(title: str) -> str:
    return f"<h4 style='margin:12px 0 2px 0'>{escape(title)}</h4>"
