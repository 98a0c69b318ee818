"""Decree-30 blocks: agency block and national motto, form header table, signatures, recipients."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.table import Table
from docx.text.paragraph import Paragraph

from tools.docstyle.tables import cell_text, new_table
from tools.docstyle.text import (
    AGENCY,
    AGENCY_PARENT,
    ALIGN,
    MOTTO,
    MOTTO_SUB,
    SIGN_NOTE,
    add_run,
    dots,
    para,
)


@dataclass(frozen=True)
class Signature:
    """One signature block: authority line(s) in bold caps, a note, room to sign, then the name."""

    title: str  # e.g. "TRƯỞNG BAN" or "PHÊ DUYỆT\nTRƯỞNG BAN" (lines split on \n)
    name: str | None = None  # None → dotted placeholder; "" → left blank (unsigned)
    note: str = SIGN_NOTE
    date_line: str | None = None  # e.g. "Ngày 10/02/2026", shown under the title



def agency_header(
    container: Any,
    *,
    width_mm: float | None = None,
    number: str | None = None,
    date_line: str | None = None,
    parent: str = AGENCY_PARENT,
    agency: str = AGENCY,
    motto: bool = True,
    widths_mm: Sequence[float] = (62, 103),
) -> Table:
    """The borderless two-column block: agency (left) and national motto (right).

    number: adds "Số: 215/BC-BDT" under the agency (None: no line). date_line: e.g.
    vn_date(day, PLACE), printed italic under the motto (None: no line).
    """
    if width_mm:  # stretch to a wider (landscape) page, keeping the proportions
        widths_mm = [w * width_mm / sum(widths_mm) for w in widths_mm]
    table = new_table(container, 1, 2, widths_mm, borders=False)
    left, right = table.cell(0, 0), table.cell(0, 1)
    cell_text(left, parent, size=13, align="center", after=0)
    para(left, agency, bold=True, size=13, align="center", after=0)
    para(left, "―――――", size=8, align="center", after=2)
    if number is not None:
        para(left, f"Số: {number}", size=13, align="center")
    if motto:
        cell_text(right, MOTTO, bold=True, size=13, align="center", after=0)
        para(right, MOTTO_SUB, bold=True, size=14, align="center", after=0)
        para(right, "―――――――――――", size=8, align="center", after=2)
    if date_line is not None:
        para(right, date_line, italic=True, size=14, align="center")
    return table


def form_header(
    container: Any,
    *,
    doc_title: str,
    code: str,
    revision: str = "03",
    issued: str = "20/7/2023",
    parent: str = AGENCY_PARENT,
    agency: str = AGENCY,
    widths_mm: Sequence[float] = (50, 68, 47),
) -> Table:
    """The controlled-document header table: agency | title | Mã hiệu / Lần ban hành / Ngày ban hành."""
    table = new_table(container, 3, 3, widths_mm)
    left = table.cell(0, 0).merge(table.cell(2, 0))
    middle = table.cell(0, 1).merge(table.cell(2, 1))
    for cell in (left, middle):
        for p in cell.paragraphs[1:]:
            p._p.getparent().remove(p._p)
    cell_text(left, f"{parent}\n", size=11, align="center")
    add_run(left.paragraphs[0], agency, bold=True, size=11)
    cell_text(middle, doc_title, bold=True, size=12, align="center")
    for r, text in enumerate((f"Mã hiệu: {code}", f"Lần ban hành: {revision}", f"Ngày ban hành: {issued}")):
        cell_text(table.cell(r, 2), text, size=11)
    for cell in (left, middle):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    return table


def page_header_text(doc: DocxDocument, text: str, *, align: str = "right", italic: bool = True) -> None:
    """A short line in every page header (e.g. "Mẫu BM.CTCL.01")."""
    for section in doc.sections:
        header = section.header
        p = header.paragraphs[0]
        p.paragraph_format.alignment = ALIGN[align]
        add_run(p, text, italic=italic, size=11)


def signature_blocks(
    container: Any, blocks: Sequence[Signature], *, width_mm: float = 165, gap_lines: int = 3
) -> Table:
    """Side-by-side signature blocks (borderless table, one column per block)."""
    n = max(len(blocks), 1)
    table = new_table(container, 1, n, [width_mm / n] * n, borders=False)
    for i, block in enumerate(blocks):
        cell = table.cell(0, i)
        cell_text(cell, block.title, bold=True, size=13, align="center", before=6, after=0)
        if block.date_line:
            para(cell, block.date_line, italic=True, align="center", after=0)
        if block.note:
            para(cell, block.note, italic=True, size=12, align="center", after=0)
        for _ in range(gap_lines):
            para(cell, "", after=0)
        name = dots() if block.name is None else block.name
        para(cell, name, bold=bool(block.name), align="center")
    return table


def recipients(container: Any, lines: Sequence[str]) -> Paragraph:
    """The "Nơi nhận:" block at the bottom left (bold italic heading, 11 pt lines)."""
    p = para(container, "Nơi nhận:", bold=True, italic=True, size=12, after=0, before=6)
    for line in lines:
        para(container, f"- {line}", size=11, after=0)
    return p
