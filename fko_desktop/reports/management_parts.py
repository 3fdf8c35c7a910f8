"""The building blocks of the management report and the comparison report.

A chart is a table, one row per group: the group's name (a paragraph, so a long domain name
wraps instead of being cut), a stacked bar drawn with reportlab graphics, and how many goals
the bar is made of. Being a table, a long chart (twenty quarters) may run onto the next page
with its header row repeated. The same colours as the window (``models.graph_style``) and
best first, so "better" is always the left, green end of a bar.

Every table prints the cells of ``overview.tables`` (the "< 5" rule applied there), so the
report and the exports can never disagree about a suppressed group.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from fko_desktop.models.graph_style import CHANGE_COLOURS, OUTCOME_COLOURS
from fko_desktop.models.outcome import Outcome
from fko_desktop.overview.model import (
    CHANGE_STEPS,
    OUTCOME_ORDER,
    ChangeTable,
    OutcomeRow,
    OutcomeTable,
    PracticeTable,
)
from fko_desktop.overview.suppression import mark, reason
from fko_desktop.overview.tables import (
    TOTAL_LABEL,
    Cell,
    Figure,
    change_figure,
    outcome_figure,
    practice_figure,
    step_label,
)
from fko_desktop.overview.tables import (
    percent_text as percent,
)
from fko_desktop.reports.common import (
    CONTENT_WIDTH,
    FONT,
    GREY,
    INK,
    NAVY,
    RULE,
    SHADE,
    markup,
    styles,
)
from fko_desktop.reports.graph import _rect

LABEL_WIDTH = 50 * mm
COUNT_WIDTH = 24 * mm
BAR_WIDTH = CONTENT_WIDTH - LABEL_WIDTH - COUNT_WIDTH
BAR_HEIGHT = 11.0
BAR_FONT_SIZE = 7.0
TABLE_FONT_SIZE = 7.4


#: The categories' names broken by hand for the narrow columns of the number tables: DejaVu
#: is wide, and reportlab would otherwise break "Progressionsmål" wherever it runs out of room.
HEADER_WORDS = {
    Outcome.PROGRESSION_GOAL_MET: "Progres-<br/>sionsmål<br/>opfyldt",
    Outcome.MAINTENANCE_GOAL_MET: "Fasthol-<br/>delsesmål<br/>opfyldt",
    Outcome.UNPROBLEMATIC: "Uproble-<br/>matisk",
    Outcome.PROGRESSION: "Progres-<br/>sion",
    Outcome.NO_PROGRESSION: "Ingen<br/>progres-<br/>sion",
    Outcome.NEGATIVE_PROGRESSION: "Negativ<br/>progres-<br/>sion",
}


@dataclass(frozen=True)
class Bar:
    label: str
    segments: tuple[tuple[int, str], ...]  # (goals, hex colour), left to right
    count_text: str
    suppressed: bool = False
    total: bool = False
    why: str = ""  # what a hidden bar says instead (suppression.reason)


# -- styles --------------------------------------------------------------------------------


def _style(name: str, *, bold: bool = False, size: float = TABLE_FONT_SIZE, colour: colors.Color = INK,
           align: Literal[0, 1, 2, 4] = 0) -> ParagraphStyle:  # fmt: skip
    base = styles().cell_bold if bold else styles().cell
    return ParagraphStyle(name, parent=base, fontSize=size, leading=size * 1.28, textColor=colour,
                          alignment=align)  # fmt: skip


def _dark(hex_colour: str) -> bool:
    colour = colors.HexColor(hex_colour)
    return 0.299 * colour.red + 0.587 * colour.green + 0.114 * colour.blue < 0.55


# -- charts --------------------------------------------------------------------------------


def bar_drawing(bar: Bar, width: float = BAR_WIDTH) -> Drawing:
    """One stacked bar scaled to 100 %; a share is printed inside its part when it fits."""
    drawing = Drawing(width, BAR_HEIGHT)
    total = sum(n for n, _ in bar.segments)
    if bar.suppressed or total == 0:
        text = bar.why if bar.suppressed else "ingen opgjorte mål"
        drawing.add(String(3, 3, text, fontName=FONT, fontSize=BAR_FONT_SIZE, fillColor=GREY))
        return drawing
    for tick in (0.25, 0.5, 0.75):
        drawing.add(Line(width * tick, 0, width * tick, BAR_HEIGHT, strokeColor=RULE, strokeWidth=0.4))
    x = 0.0
    for count, hex_colour in bar.segments:
        if count == 0:
            continue
        part = width * count / total
        drawing.add(_rect(x, 0, part, BAR_HEIGHT, fillColor=colors.HexColor(hex_colour),
                         strokeColor=colors.white, strokeWidth=0.5))  # fmt: skip
        text = percent(count / total)
        if stringWidth(text, FONT, BAR_FONT_SIZE) + 3 <= part:
            ink = colors.white if _dark(hex_colour) else INK
            drawing.add(String(x + part / 2, 3, text, fontName=FONT, fontSize=BAR_FONT_SIZE, fillColor=ink,
                               textAnchor="middle"))  # fmt: skip
        x += part
    return drawing


def _axis() -> Drawing:
    drawing = Drawing(BAR_WIDTH, 9)
    for tick in (0, 0.25, 0.5, 0.75, 1):
        anchor: Literal["start", "middle", "end"] = "start" if tick == 0 else "end" if tick == 1 else "middle"
        drawing.add(String(BAR_WIDTH * tick, 1, percent(tick), fontName=FONT, fontSize=6.5,
                           fillColor=GREY, textAnchor=anchor))  # fmt: skip
    return drawing


def bar_chart(bars: Sequence[Bar], group_title: str) -> Table:
    """The chart as a table: name, bar, goals; the total row last, ruled off and bold."""
    head = _style("chart-head", bold=True, colour=GREY)
    label, label_bold = _style("chart-label"), _style("chart-label-bold", bold=True)
    count = _style("chart-count", align=2)
    data: list[list[object]] = [
        [Paragraph(escape(group_title), head), _axis(), Paragraph("Antal mål", _style("h", bold=True,
                                                                   colour=GREY, align=2))],
    ]  # fmt: skip
    for bar in bars:
        name = Paragraph(escape(bar.label), label_bold if bar.total else label)
        data.append([name, bar_drawing(bar), Paragraph(escape(bar.count_text), count)])
    table = Table(data, colWidths=[LABEL_WIDTH, BAR_WIDTH, COUNT_WIDTH], repeatRows=1, hAlign="LEFT")
    commands: list[Any] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, NAVY),
    ]
    for index, bar in enumerate(bars, start=1):
        if bar.total:
            commands.append(("LINEABOVE", (0, index), (-1, index), 0.6, NAVY))
    table.setStyle(TableStyle(commands))
    return table


def legend(items: Sequence[tuple[str, str]]) -> Paragraph:
    """Coloured squares and names in one paragraph, wrapping like text."""
    parts = [f'<font color="{colour}">■</font>&nbsp;{escape(name)}' for name, colour in items]
    return markup("&nbsp;&nbsp;&nbsp; ".join(parts), _style("legend", size=7.6))


def outcome_legend() -> Paragraph:
    return legend([(o.label, OUTCOME_COLOURS[o.value]) for o in OUTCOME_ORDER])


def change_legend() -> Paragraph:
    items = [(step_label(s), CHANGE_COLOURS[s]) for s in CHANGE_STEPS]
    return legend([("forværring " + items[0][0], items[0][1]), *items[1:-1], ("forbedring " + items[-1][0],
                   items[-1][1])])  # fmt: skip


def outcome_bars(table: OutcomeTable) -> list[Bar]:
    def bar(row: OutcomeRow, total: bool) -> Bar:
        segments = tuple((row.counts.get(o, 0), OUTCOME_COLOURS[o.value]) for o in OUTCOME_ORDER)
        text = mark(row) if row.suppressed else f"{row.categorised}"
        if not row.suppressed and row.uncategorised:
            text += f" (+{row.uncategorised})"
        return Bar(TOTAL_LABEL if total else row.label, segments, text, row.suppressed, total, reason(row))

    return [*(bar(r, False) for r in table.rows), bar(table.total, True)]


def change_bars(table: ChangeTable) -> list[Bar]:
    bars = []
    for row in (*table.rows, table.total):
        total = row is table.total
        segments = tuple((row.counts.get(s, 0), CHANGE_COLOURS[s]) for s in CHANGE_STEPS)
        text = mark(row) if row.suppressed else str(row.goals)
        label = TOTAL_LABEL if total else row.label
        bars.append(Bar(label, segments, text, row.suppressed, total, reason(row)))
    return bars


# -- number tables -------------------------------------------------------------------------


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    return str(value)


def number_table(header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
                 *, suppressed: Sequence[str], hide_from: int) -> Table:  # fmt: skip
    """A ruled table in small type; a suppressed row says once, across its hidden cells, why
    they are empty; the last row (the total) is bold."""
    head = _style("num-head", size=6.6)
    head_right = _style("num-head-right", size=6.6, align=2)
    body, bold = _style("num", align=2), _style("num-bold", bold=True, align=2)
    first, first_bold = _style("num-first"), _style("num-first-bold", bold=True)
    note = _style("num-note", size=6.8, colour=GREY)
    data: list[list[object]] = [[markup(h, head if i == 0 else head_right) for i, h in enumerate(header)]]
    last = len(rows) - 1
    for index, row in enumerate(rows):
        strong = index == last
        cells: list[object] = [markup(row[0], first_bold if strong else first)]
        cells += [markup(cell, bold if strong else body) for cell in row[1:]]
        if suppressed[index]:
            cells[hide_from] = Paragraph(suppressed[index], note)
        data.append(cells)
    table = Table(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    commands: list[Any] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, NAVY),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
        ("LINEABOVE", (0, last + 1), (-1, last + 1), 0.6, NAVY),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]
    for index, hidden in enumerate(suppressed, start=1):
        if hidden:
            commands.append(("SPAN", (hide_from, index), (-1, index)))
    table.setStyle(TableStyle(commands))
    return table


def _share_line(count: Cell, share: Cell) -> str:
    if count is None or count == "":
        return ""
    if not isinstance(share, float):
        return escape(str(count))  # no share: nothing categorised, or a suppressed group
    return f'{escape(str(count))}<br/><font color="#5f6368" size="6.4">{percent(float(share))}</font>'


def outcome_numbers(figure: Figure) -> Table:
    """Group, citizens, goals, then count and share per category, and the uncategorised."""
    swatch = '<font color="{}">■</font> {}'
    header = [escape(figure.header[0]), "Borgere", "Mål"]
    header += [swatch.format(OUTCOME_COLOURS[o.value], HEADER_WORDS[o]) for o in OUTCOME_ORDER]
    header.append("Ikke<br/>opgjort")
    rows = []
    for row in figure.rows:
        cells = [escape(str(row[0])), _text(row[1]), _text(row[2])]
        cells += [_share_line(row[4 + 2 * i], row[5 + 2 * i]) for i in range(len(OUTCOME_ORDER))]
        cells.append(_text(row[-1]))
        rows.append(cells)
    rest = (CONTENT_WIDTH - 40 * mm - 12 * mm - 10 * mm) / (len(OUTCOME_ORDER) + 1)
    widths = [40 * mm, 12 * mm, 10 * mm, *([rest] * (len(OUTCOME_ORDER) + 1))]
    return number_table(header, rows, widths, suppressed=figure.suppressed, hide_from=2)


def change_numbers(figure: Figure) -> Table:
    header = [escape(h) for h in figure.header]
    rows = [[escape(str(row[0])), *(_text(c) for c in row[1:])] for row in figure.rows]
    rest = (CONTENT_WIDTH - 38 * mm - 12 * mm - 10 * mm) / len(CHANGE_STEPS)
    widths = [38 * mm, 12 * mm, 10 * mm, *([rest] * len(CHANGE_STEPS))]
    return number_table(header, rows, widths, suppressed=figure.suppressed, hide_from=2)


def practice_numbers(table: PracticeTable) -> list[Flowable]:
    """Two tables, as one would not fit the page's width: deadlines, then notes."""
    figure = practice_figure(table)
    quiet = table.quiet_days

    def of(done: Cell, due: Cell, share: Cell) -> str:
        if due is None or isinstance(due, str):
            return _text(due)  # "< 5" of a small group
        if due == 0:
            return "–"  # nothing fell due: "0 af 0" would read as a failure
        return _share_line(f"{done} af {due}", share)

    deadlines, notes = [], []
    for r in figure.rows:
        name, citizens = escape(str(r[0])), _text(r[1])
        deadlines.append(
            [name, citizens, of(r[3], r[2], r[4]), _text(r[5]), _text(r[6]), of(r[8], r[7], None)]
        )
        notes.append([name, citizens, _text(r[9]), _text(r[12]), _share_line(r[10], r[11]), _text(r[13]),
                      _text(r[14])])  # fmt: skip
    group = escape(figure.header[0])
    first = [group, "Borgere", "Målstatus til tiden", "Målstatus overskredet nu",
             "Statusrapporter overskredet nu", "Opfølgninger afholdt"]  # fmt: skip
    second = [group, "Borgere", "Notater", "Notater pr. borger pr. uge", "Notater med score",
              f"Borgere uden notat i {quiet} dage", f"Delmål uden notat i {quiet} dage"]  # fmt: skip
    w1 = [46 * mm, 14 * mm, *([(CONTENT_WIDTH - 60 * mm) / 4] * 4)]
    w2 = [46 * mm, 14 * mm, *([(CONTENT_WIDTH - 60 * mm) / 5] * 5)]
    s = styles()
    return [
        markup("Frister", s.h3),
        number_table(first, deadlines, w1, suppressed=figure.suppressed, hide_from=2),
        Spacer(1, 3 * mm),
        markup("Notater", s.h3),
        number_table(second, notes, w2, suppressed=figure.suppressed, hide_from=2),
    ]


# -- sections ------------------------------------------------------------------------------


def outcome_section(
    table: OutcomeTable, *, title: str, group: str, note: str | None = None
) -> list[Flowable]:
    """Heading, legend, chart and the numbers behind it, for one table of outcome categories."""
    s = styles()
    figure = outcome_figure(table, key=title, title=title, group=group)
    intro = [markup(f"<b>{escape(title)}</b>", s.h2), outcome_legend(), Spacer(1, 2 * mm)]
    chart = bar_chart(outcome_bars(table), group)
    after: list[Flowable] = [markup(escape(note), s.small)] if note else []
    numbers = [Spacer(1, 2 * mm), markup("Tallene bag figuren", s.h3), outcome_numbers(figure)]
    # The heading never stays alone at the foot of a page; a short chart stays whole.
    block = [*intro, chart] if len(table.rows) <= 25 else intro
    rest = [] if len(table.rows) <= 25 else [chart]
    return [KeepTogether(block), *rest, *after, *numbers, Spacer(1, 4 * mm)]


def change_section(table: ChangeTable, title: str) -> list[Flowable]:
    s = styles()
    figure = change_figure(table)
    intro = [markup(f"<b>{escape(title)}</b>", s.h2), change_legend(), Spacer(1, 2 * mm)]
    explain = (
        "Ændringen er udgangspunktet minus den seneste målstatus, så et positivt tal er en forbedring: "
        "udgangspunkt 3 og seneste målstatus 1 er +2. Søjlerne viser andelen af målene; antal mål til højre."
    )
    return [
        KeepTogether([*intro, bar_chart(change_bars(table), table.dimension.label)]),
        markup(escape(explain), s.small),
        Spacer(1, 2 * mm),
        markup("Tallene bag figuren", s.h3),
        change_numbers(figure),
        Spacer(1, 4 * mm),
    ]


#: Said once, under the heading of the outcome figures, rather than under every chart.
BARS_EXPLAINED = (
    "Hver søjle viser, hvordan gruppens opgjorte mål fordeler sig på de seks kategorier (andele, "
    "bedst til venstre); antal opgjorte mål står til højre, i parentes mål uden opgjort "
    "målopfyldelse. Tallene bag hver figur står i tabellen under den."
)
