"""The weekly performance pack: the scorecard of a scope as a workbook and as a printable PDF.

Both are built from the same cards as the scorecard page (``pages.scorecard``), so every figure
in them is the screen's. The pack holds aggregates only: it names no child (the children behind
a figure are listed, and audited, on screen), so it is not an audited export.
"""

from __future__ import annotations

import io

import xlsxwriter
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from sightline.access.sar.pdf import _latin1
from sightline.performance.cards import Card, long_date
from sightline.performance.figures import Figures
from sightline.performance.pages import scorecard
from sightline.performance.scopes import Scope
from sightline.standards.indicators import Measure

__all__ = ["PACK_COLUMNS", "pack_pdf", "pack_sections", "pack_xlsx"]

PACK_COLUMNS = (
    "Indicator ID",
    "Indicator",
    "Value",
    "Numerator",
    "Denominator",
    "Target",
    "England",
    "Status",
    "3-month change",
    "12-month change",
    "Period",
)

WORSE_SHEET = "What got worse"
SUMMARY_SHEET = "Summary"
TRENDS_SHEET = "Trends"


def _sheet_name(area) -> str:
    # Excel sheet names: at most 31 characters, none of []:*?/\
    name = str(area).replace("(", "").replace(")", "")
    for character in "[]:*?/\\":
        name = name.replace(character, " ")
    return name[:31]


def pack_sections(scope: Scope, figures: Figures) -> dict:
    """The pack's sections: the scorecard page's context (areas, what got worse)."""
    return scorecard(scope, figures)


def _row(card: Card) -> list:
    indicator = card.indicator
    return [
        indicator.id,
        indicator.title,
        card.value,
        card.numerator,
        card.denominator if indicator.measure is not Measure.COUNT else None,
        indicator.target,
        indicator.england.value if indicator.england else None,
        card.rag_label,
        card.three_months.change,
        card.twelve_months.change,
        str(indicator.period),
    ]


def pack_xlsx(figures: Figures, scope: Scope) -> bytes:
    """The pack as an xlsx workbook: a summary, "what got worse", a sheet per area, trends."""
    context = pack_sections(scope, figures)
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False})
    bold = book.add_format({"bold": True, "bg_color": "#DEE0E2", "border": 1, "text_wrap": True})
    one_place = book.add_format({"num_format": "0.0"})
    whole = book.add_format({"num_format": "#,##0"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})

    summary = book.add_worksheet(SUMMARY_SHEET)
    unit = context["unit"]
    summary.set_column(0, 0, 22)
    summary.set_column(1, 1, 90)
    facts = [
        ("Scope", unit.name),
        ("As at", long_date(figures.as_at)),
        ("Computed", figures.computed_at.strftime("%H:%M on %d %B %Y")),
        ("Trend from", long_date(figures.points[0])),
        (
            "Counting",
            "Events in the 12 months to the as-at date (adoption: 3 years); children on the "
            "date. Each month end as known on that date. Aggregates only: no child is named.",
        ),
        ("Off target", str(context["red_count"])),
    ]
    for n, (key, value) in enumerate(facts):
        summary.write(n, 0, key, bold)
        summary.write(n, 1, value, wrap)

    worse = book.add_worksheet(WORSE_SHEET)
    worse.write_row(0, 0, ("Indicator ID", "Indicator", "Where", "Change", "Status"), bold)
    worse.freeze_panes(1, 0)
    worse.set_column(0, 0, 18)
    worse.set_column(1, 1, 48)
    worse.set_column(2, 3, 40)
    for n, row in enumerate(context["worse"], start=1):
        item = row["item"]
        worse.write_row(
            n,
            0,
            (
                item.card.indicator.id,
                item.card.indicator.title,
                item.card.unit.name,
                item.text,
                item.card.rag_label,
            ),
        )

    for area in context["areas"]:
        sheet = book.add_worksheet(_sheet_name(area["area"]))
        sheet.write_row(0, 0, PACK_COLUMNS, bold)
        sheet.freeze_panes(1, 2)
        sheet.set_column(0, 0, 20)
        sheet.set_column(1, 1, 48)
        sheet.set_column(2, 2, 10, one_place)
        sheet.set_column(3, 4, 12, whole)
        sheet.set_column(5, 6, 10, one_place)
        sheet.set_column(7, 7, 14)
        sheet.set_column(8, 9, 14, one_place)
        sheet.set_column(10, 10, 28)
        for n, item in enumerate(area["cards"], start=1):
            sheet.write_row(n, 0, ["" if v is None else v for v in _row(item["card"])])

    trends = book.add_worksheet(TRENDS_SHEET)
    trends.write_row(0, 0, ["Indicator ID"] + [p.isoformat() for p in figures.points], bold)
    trends.freeze_panes(1, 1)
    trends.set_column(0, 0, 20)
    trends.set_column(1, len(figures.points), 11, one_place)
    n = 1
    for area in context["areas"]:
        for item in area["cards"]:
            card = item["card"]
            trends.write_row(
                n, 0, [card.indicator.id] + ["" if v is None else v for v in card.trend]
            )
            n += 1
    book.close()
    return out.getvalue()


class _Pack(FPDF):
    def __init__(self, title: str):
        super().__init__(orientation="L", format="A4")
        self.pack_title = title
        self.set_auto_page_break(auto=True, margin=15)
        self.set_margins(12, 12, 12)

    def header(self) -> None:
        self.set_font("helvetica", "", 8)
        self.cell(0, 5, _latin1(self.pack_title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font("helvetica", "", 8)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")


_WIDTHS = (24, 80, 26, 26, 24, 30, 24, 39)


def _spark(pdf: FPDF, values, x: float, y: float, w: float, h: float) -> None:
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return
    low, high = min(known), max(known)
    span = (high - low) or 1.0
    step = w / max(1, len(values) - 1)
    pdf.set_draw_color(29, 112, 184)
    previous = None
    for n, value in enumerate(values):
        if value is None:
            previous = None
            continue
        point = (x + n * step, y + h - (value - low) / span * h)
        if previous is not None:
            pdf.line(*previous, *point)
        previous = point
    pdf.set_draw_color(0, 0, 0)


def pack_pdf(figures: Figures, scope: Scope) -> bytes:
    """The pack as a landscape A4 PDF: summary, what got worse, then each area's table."""
    context = pack_sections(scope, figures)
    unit = context["unit"]
    title = f"Weekly performance pack - {unit.name} - as at {long_date(figures.as_at)}"
    pdf = _Pack(title)
    pdf.add_page()
    pdf.set_font("helvetica", "B", 18)
    pdf.cell(0, 10, "Weekly performance pack", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("helvetica", "", 11)
    pdf.multi_cell(
        0,
        6,
        _latin1(
            f"{unit.name}. Figures as at {long_date(figures.as_at)}, computed "
            f"{figures.computed_at:%H:%M on %d %B %Y}: events in the 12 months to that date "
            "(adoption: 3 years), children on that date; trends over 24 month ends, each as "
            f"known on that date. {context['red_count']} indicators off target. Aggregates only."
        ),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(3)
    pdf.set_font("helvetica", "B", 14)
    pdf.cell(0, 8, "What got worse", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("helvetica", "", 9)
    if not context["worse"]:
        pdf.cell(0, 6, "Nothing moved the wrong way beyond its tolerance.", new_x=XPos.LMARGIN,
                 new_y=YPos.NEXT)  # fmt: skip
    for row in context["worse"]:
        item = row["item"]
        pdf.multi_cell(
            0,
            5,
            _latin1(
                f"{item.card.indicator.id} {item.card.indicator.title} - {item.card.unit.name}: "
                f"{item.text} ({item.card.rag_label})"
            ),
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
    headings = ("ID", "Indicator", "Value", "Counted", "Target", "England", "Status", "24 months")
    for area in context["areas"]:
        pdf.add_page()
        pdf.set_font("helvetica", "B", 14)
        pdf.cell(0, 8, _latin1(str(area["area"])), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font("helvetica", "B", 8)
        for width, heading in zip(_WIDTHS, headings, strict=True):
            pdf.cell(width, 6, heading, border=1)
        pdf.ln()
        pdf.set_font("helvetica", "", 8)
        for item in area["cards"]:
            card = item["card"]
            if pdf.will_page_break(7):
                pdf.add_page()
            cells = (
                card.indicator.id,
                card.indicator.title,
                card.value_text,
                card.counts_text,
                card.target_text,
                card.england_text,
                card.rag_label,
            )
            y = pdf.get_y()
            for width, text in zip(_WIDTHS, cells, strict=False):
                pdf.cell(width, 7, _latin1(text)[: int(width * 0.6)], border=1)
            x = pdf.get_x()
            pdf.cell(_WIDTHS[-1], 7, "", border=1)
            _spark(pdf, card.trend, x + 2, y + 1.2, _WIDTHS[-1] - 4, 4.6)
            pdf.ln()
    return bytes(pdf.output())
