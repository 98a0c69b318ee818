"""Text on a Decree-30 page: constants, dates, placeholders, paragraphs and "Label: value" lines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

FONT = "Times New Roman"
AGENCY_PARENT = "UBND TỈNH KHÁNH HÒA"
AGENCY = "BAN DÂN TỘC"
PLACE = "Khánh Hòa"
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_SUB = "Độc lập - Tự do - Hạnh phúc"
DOTS = "………………………"  # the placeholder of a blank form field
CHECKED, UNCHECKED = "☒", "☐"
SIGN_NOTE = "(Ký, ghi rõ họ tên)"

ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def dots(n: int = 1) -> str:
    """A dotted placeholder, `n` times the standard length."""
    return DOTS * n


def dot_line(width_mm: float = 155, size: float = 13) -> str:
    """A dotted line that fills `width_mm` of a line ("…" is one em wide in Times New Roman)."""
    return "…" * max(int(width_mm / (size * 0.3528)) - 1, 1)


def vn_date(day: dt.date | None, place: str | None = None) -> str:
    """ "ngày 05 tháng 01 năm 2026" (Decree 30: leading zero for days < 10 and months 1–2 only).

    None gives the blank-form "ngày … tháng … năm 20…". With `place`, prefixes "Khánh Hòa, ".
    """
    if day is None:
        text = "ngày …… tháng …… năm 20……"
    else:
        month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
        text = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place}, {text}" if place else text


def short_date(day: dt.date | None) -> str:
    """dd/mm/yyyy, or the blank "…/…/20…" placeholder."""
    return day.strftime("%d/%m/%Y") if day else "…/…/20…"


def value_or_dots(value: Any, n: int = 1) -> str:
    """Render a field value: dates as dd/mm/yyyy, None/"" as the dotted placeholder."""
    if value is None or value == "":
        return dots(n)
    if isinstance(value, dt.date):
        return short_date(value)
    return str(value)


def checkbox_text(
    options: Sequence[str], selected: str | Sequence[str] | None = None, sep: str = "   "
) -> str:
    """ "☒ Khắc phục   ☐ Cải tiến": one glyph per option, checked when selected."""
    chosen = {selected} if isinstance(selected, str) else set(selected or ())
    return sep.join(f"{CHECKED if o in chosen else UNCHECKED} {o}" for o in options)



def para(
    container: Any,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: float | None = None,
    align: str = "left",
    before: float = 0,
    after: float = 3,
    first_indent: float | None = None,
    keep_next: bool = False,
) -> Paragraph:
    """Add one paragraph (lines split on \n become line breaks in the same paragraph)."""
    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.alignment = ALIGN[align]
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if first_indent is not None:
        fmt.first_line_indent = Mm(first_indent)
    fmt.keep_with_next = keep_next
    if text:
        add_run(p, text, bold=bold, italic=italic, underline=underline, size=size)
    return p


def add_run(
    p: Paragraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: float | None = None,
) -> Run:
    """Append text to a paragraph; "\n" becomes a line break."""
    run = p.add_run()
    for i, line in enumerate(text.split("\n")):
        if i:
            run.add_break()
        run.add_text(line)
    run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
    if size:
        run.font.size = Pt(size)
    return run


def labelled(container: Any, label: str, value: str, *, bold_label: bool = True, **kw: Any) -> Paragraph:
    """ "Label: value" in one paragraph, label in bold."""
    p = para(container, **kw)
    add_run(p, f"{label}: ", bold=bold_label)
    add_run(p, value)
    return p


def checkbox_line(
    container: Any, label: str, options: Sequence[str], selected: str | Sequence[str] | None = None, **kw: Any
) -> Paragraph:
    """ "Label: ☒ A   ☐ B" in one paragraph."""
    return labelled(container, label, checkbox_text(options, selected), **kw)


def title(container: Any, text: str, *, sub: str | None = None, size: float = 14, before: float = 12) -> None:
    """Document title: bold caps, centred; optional italic subtitle line."""
    para(container, text, bold=True, size=size, align="center", before=before, after=2 if sub else 9)
    if sub:
        para(container, sub, italic=True, align="center", after=9)


def place_date(container: Any, day: dt.date | None, *, place: str = PLACE, align: str = "right") -> Paragraph:
    """The italic "Khánh Hòa, ngày 05 tháng 01 năm 2026" line (dotted when day is None)."""
    return para(container, vn_date(day, place), italic=True, align=align, before=6, after=3)
