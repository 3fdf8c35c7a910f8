"""What every printed document shares: fonts, styles, the A4 page with its header and footer,
and small builders for headings, facts tables and texts.

Every page carries the citizen's name and CPR number at the top (a loose page must still say
whose it is) and the unit, the print date and "Side X af Y" at the bottom.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from fko_desktop.errors import FkoError
from fko_desktop.models.formatting import format_date
from fko_desktop.models.scores import Score, ScoreStyle, display_score, score_label, score_text  # noqa: F401 - the layouts show every score through the report header's ScoreStyle

FONT_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"

FONT = "FKOSans"
FONT_BOLD = "FKOSans-Bold"
FONT_ITALIC = "FKOSans-Oblique"
_FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
}

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 24 * mm  # room for the running header
MARGIN_BOTTOM = 22 * mm  # room for the footer
CONTENT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT

INK = colors.HexColor("#1a1a1a")
NAVY = colors.HexColor("#1f3a5f")
GREY = colors.HexColor("#5f6368")
RULE = colors.HexColor("#b8c2cc")
SHADE = colors.HexColor("#eef2f6")
FAVOURABLE = colors.HexColor("#2e7d32")
UNFAVOURABLE = colors.HexColor("#b23c17")

NONE_TEXT = "–"
#: Characters above which a text leaves a table cell and is printed under the table, where
#: it can break across pages (a table row cannot, and would overflow the page).
LONG_CELL = 900


# -- fonts ---------------------------------------------------------------------------------


@cache
def register_fonts() -> None:
    """Register the embedded TTF family once per process.

    DejaVu Sans ships in ``resources/fonts`` because the PDF base fonts (Helvetica …) are not
    embedded and cover Latin-1 only; an embedded TTF keeps æ, ø, å, », «, – and ↑ intact on
    any reader and printer.
    """
    from reportlab.lib.fonts import addMapping

    for name, filename in _FONT_FILES.items():
        path = FONT_DIR / filename
        if not path.is_file():
            raise FkoError(f"Skrifttypen {filename} mangler i {FONT_DIR}; installationen er ufuldstændig.")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    # <b> and <i> in paragraphs pick the bold and oblique faces through this mapping.
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT_ITALIC)
    addMapping(FONT, 1, 1, FONT_BOLD)


# -- styles --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    label: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    note: ParagraphStyle
    quote: ParagraphStyle


@cache
def styles() -> Styles:
    register_fonts()
    body = ParagraphStyle(
        "body", fontName=FONT, fontSize=9.5, leading=13.2, textColor=INK, alignment=TA_LEFT,
        spaceAfter=4,
    )  # fmt: skip
    return Styles(
        title=ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=18, leading=22,
                             textColor=NAVY, spaceAfter=2),
        subtitle=ParagraphStyle("subtitle", parent=body, fontSize=10.5, leading=14, textColor=GREY,
                                spaceAfter=10),
        h1=ParagraphStyle("h1", parent=body, fontName=FONT_BOLD, fontSize=13, leading=16, textColor=NAVY,
                          spaceBefore=12, spaceAfter=3, keepWithNext=1),
        h2=ParagraphStyle("h2", parent=body, fontName=FONT_BOLD, fontSize=11, leading=14, textColor=NAVY,
                          spaceBefore=9, spaceAfter=3, keepWithNext=1),
        h3=ParagraphStyle("h3", parent=body, fontName=FONT_BOLD, fontSize=9.5, leading=13,
                          spaceBefore=6, spaceAfter=2, keepWithNext=1),
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8, leading=10.5, textColor=GREY, spaceAfter=2),
        label=ParagraphStyle("label", parent=body, fontName=FONT_BOLD, fontSize=8.5, leading=11.5,
                             textColor=GREY, spaceAfter=0),
        cell=ParagraphStyle("cell", parent=body, fontSize=8.8, leading=11.8, spaceAfter=0),
        cell_bold=ParagraphStyle("cell_bold", parent=body, fontName=FONT_BOLD, fontSize=8.8, leading=11.8,
                                 spaceAfter=0),
        note=ParagraphStyle("note", parent=body, fontName=FONT_ITALIC, textColor=GREY),
        # Top, right, bottom, left: reportlab takes a tuple (normalizeTRBL); its stubs say float.
        quote=ParagraphStyle("quote", parent=body, leftIndent=10,
                             borderPadding=(2, 0, 2, 6)),  # type: ignore[arg-type]
    )  # fmt: skip


# -- text helpers --------------------------------------------------------------------------


def esc(text: object) -> str:
    """User text made safe for reportlab's paragraph markup; line breaks kept."""
    if text is None:
        return ""
    lines = escape(str(text).strip()).split("\n")
    return "<br/>".join(line.rstrip() for line in lines)


def para(text: object, style: ParagraphStyle | None = None) -> Paragraph:
    return Paragraph(esc(text), style or styles().body)


def markup(text: str, style: ParagraphStyle | None = None) -> Paragraph:
    """A paragraph whose text is already markup (built by this package, never user text)."""
    return Paragraph(text, style or styles().body)


def labelled(label: str, text: object, style: ParagraphStyle | None = None) -> Paragraph:
    """ "Label: text" as one paragraph, so a long text can break across pages."""
    return Paragraph(f"<b>{escape(label)}:</b> {esc(text) or NONE_TEXT}", style or styles().body)


def text_block(label: str, text: str | None, *, empty: str | None = None) -> list[Flowable]:
    """A small heading and the text under it; nothing (or *empty*) when the text is blank."""
    s = styles()
    if not text or not text.strip():
        return [markup(f"<b>{escape(label)}</b>", s.h3), para(empty, s.note)] if empty else []
    paragraphs = [p for p in text.strip().split("\n\n") if p.strip()]
    return [markup(escape(label), s.h3), *(para(p) for p in paragraphs)]


def heading(text: str, level: int = 1, *, keep_with_next: bool = True) -> list[Flowable]:
    """A section heading; level 1 is ruled and starts a new page when little room is left.

    ``keep_with_next=False`` is for a heading placed inside a KeepTogether by the caller:
    reportlab wraps a keep-with-next heading and its follower in a KeepTogether of its own,
    and a KeepTogether inside another one always asks for a page break.
    """
    s = styles()
    style = {1: s.h1, 2: s.h2}.get(level, s.h3)
    if not keep_with_next:
        style = ParagraphStyle(f"{style.name}-loose", parent=style, keepWithNext=0)
    title = markup(escape(text), style)
    if level == 1:
        return [
            CondPageBreak(40 * mm),
            title,
            HRFlowable(width="100%", thickness=0.8, color=NAVY, spaceBefore=0, spaceAfter=5),
        ]
    return [title]


def date_text(value: dt.date | None) -> str:
    return format_date(value) if value is not None else NONE_TEXT


def datetime_text(value: dt.datetime | None) -> str:
    """Local date and time as Danish forms write it: 23.11.2026 kl. 14.05."""
    if value is None:
        return NONE_TEXT
    local = value.astimezone() if value.tzinfo else value
    return local.strftime("%d.%m.%Y kl. %H.%M")


def period_text(start: dt.date | None, end: dt.date | None) -> str:
    return f"{date_text(start)} – {date_text(end)}"


def scale_note(style: ScoreStyle) -> str:
    """The one-line key to the score scale printed near every score table."""
    best, worst = style.best, style.worst
    words = "funktionsniveau" if style.words == "ffb" else "problemets omfang"
    return (
        f"Scoreskala {best}–{worst} ({words}): {best} er bedst, {worst} er sværest. "
        "»Ikke vurderet« er ikke et tal og indgår ikke i grafer."
    )


# -- tables --------------------------------------------------------------------------------


def facts_table(rows: Sequence[tuple[str, object]], *, label_width: float = 48 * mm) -> Table:
    """Two columns, label and value; a missing value prints as a dash, not as a blank."""
    s = styles()
    data = [
        [markup(escape(label), s.label), para(value if value not in (None, "") else NONE_TEXT, s.cell)]
        for label, value in rows
    ]
    table = Table(data, colWidths=[label_width, CONTENT_WIDTH - label_width], hAlign="LEFT", spaceAfter=5)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def grid_table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
) -> Table:
    """A ruled table with a shaded header row repeated on each page.

    Rows do not split (reportlab's ``splitInRow`` repeats the header mid-page); callers move
    a text longer than ``LONG_CELL`` out of the table instead (see ``status.py``)."""
    s = styles()
    data: list[list[object]] = [[markup(escape(h), s.cell_bold) for h in header]]
    for row in rows:
        data.append([cell if isinstance(cell, Flowable) else para(cell, s.cell) for cell in row])
    table = Table(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, NAVY),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def signature_block(parties: Sequence[tuple[str, str | None]]) -> KeepTogether:
    """Lines for date and signature, one column per party (role, name if known)."""
    s = styles()
    width = CONTENT_WIDTH / len(parties)
    cells = []
    for role, name in parties:
        cells.append(
            [
                markup(f"<b>{escape(role)}</b>", s.cell),
                Spacer(1, 16 * mm),
                HRFlowable(width="90%", thickness=0.6, color=INK, spaceAfter=2, hAlign="LEFT"),
                para("Dato og underskrift", s.small),
                para(name or "Navn: ____________________________", s.cell),
            ]
        )
    table = Table([cells], colWidths=[width] * len(parties), hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return KeepTogether([*heading("Underskrift", 2), table])


# -- the document --------------------------------------------------------------------------


@dataclass(frozen=True)
class PageInfo:
    """What the running header and footer print, and the PDF's metadata."""

    title: str  # the document type, right in the header
    citizen_name: str
    cpr: str
    unit_name: str
    printed_on: dt.date
    printed_by: str | None
    subject: str
    #: The header's left line; a citizen's name and CPR number unless a report about no one
    #: citizen (the management report) says what it is about instead.
    header: str | None = None
    notice: str = "Fortroligt: indeholder personoplysninger."


def _decorate(canvas: Canvas, page: int, pages: int, info: PageInfo) -> None:
    canvas.saveState()
    top = PAGE_HEIGHT - 13 * mm
    canvas.setFont(FONT_BOLD, 9)
    canvas.setFillColor(INK)
    canvas.drawString(MARGIN_LEFT, top, info.header or f"{info.citizen_name}  ·  CPR {info.cpr}")
    canvas.setFont(FONT, 8.5)
    canvas.setFillColor(GREY)
    canvas.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, top, info.title)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN_LEFT, top - 3.5 * mm, PAGE_WIDTH - MARGIN_RIGHT, top - 3.5 * mm)

    bottom = 12 * mm
    canvas.line(MARGIN_LEFT, bottom + 4.5 * mm, PAGE_WIDTH - MARGIN_RIGHT, bottom + 4.5 * mm)
    canvas.setFont(FONT, 8)
    canvas.setFillColor(GREY)
    printed = f"Udskrevet {format_date(info.printed_on)}"
    if info.printed_by:
        printed += f" af {info.printed_by}"
    canvas.drawString(MARGIN_LEFT, bottom, info.unit_name)
    canvas.drawCentredString(PAGE_WIDTH / 2, bottom, printed)
    canvas.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, bottom, f"Side {page} af {pages}")
    canvas.setFont(FONT, 6.5)
    canvas.drawCentredString(PAGE_WIDTH / 2, bottom - 3.6 * mm, info.notice)
    canvas.restoreState()


def _numbered_canvas(info: PageInfo) -> Callable[..., Canvas]:
    """A canvas that holds back each page until the total is known, so one layout pass can
    print "Side X af Y" (the usual reportlab recipe; a second pass would double the time)."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, object]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            # reportlab's own page start without writing the page: private, so not in the stubs.
            self._startPage()  # type: ignore[attr-defined]

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                _decorate(self, self.getPageNumber(), total, info)
                super().showPage()
            super().save()

    return NumberedCanvas


def build_pdf(story: list[Flowable], info: PageInfo, *, author: str) -> bytes:
    """Lay out *story* on A4 pages with the running header and footer; return the PDF."""
    register_fonts()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=f"{info.title} – {info.citizen_name}",
        author=author,
        subject=info.subject,
        creator="FKO Desktop",
        lang="da-DK",
        # Start every page in the embedded font, so the PDF does not reference a Helvetica
        # it never uses (and that a reader would have to substitute).
        initialFontName=FONT,
    )
    frame = Frame(
        MARGIN_LEFT, MARGIN_BOTTOM, CONTENT_WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="content",
    )  # fmt: skip
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=_numbered_canvas(info))
    return buffer.getvalue()


def title_block(title: str, subtitle: str) -> list[Flowable]:
    s = styles()
    return [markup(escape(title), s.title), markup(subtitle, s.subtitle)]
