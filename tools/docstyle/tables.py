"""Tables: fixed widths, borders Word and LibreOffice both honour, merged box rows.

Two tables in a row need a paragraph between them, else Word and LibreOffice merge them into one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from tools.docstyle.text import ALIGN, add_run


def cell_text(cell: _Cell, text: str, **kw: Any) -> Paragraph:
    """Replace a cell's text: fill its first (empty) paragraph, keep python-docx's single paragraph."""
    p = cell.paragraphs[0]
    fmt = p.paragraph_format
    fmt.alignment = ALIGN[kw.pop("align", "left")]
    fmt.space_before, fmt.space_after = Pt(kw.pop("before", 1)), Pt(kw.pop("after", 1))
    if text:
        add_run(p, text, **kw)
    return p


def set_col_widths(table: Table, widths_mm: Sequence[float]) -> None:
    """Fixed column widths (Word honours the cell widths, LibreOffice the grid: set both)."""
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=False):
        col.set(qn("w:w"), str(int(Mm(width).twips)))
    for row in table.rows:
        for i, cell in enumerate(row.cells):
            if i < len(widths_mm):
                cell.width = Mm(widths_mm[i])


def set_borders(table: Table, on: bool = True) -> None:
    """Single 0.5 pt borders around and inside every cell, or none at all."""
    tbl_pr = table._tbl.tblPr
    old = tbl_pr.find(qn("w:tblBorders"))
    if old is not None:
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single" if on else "nil")
        if on:
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    after = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")
    successor = next((c for c in tbl_pr if c.tag in {qn(t) for t in after}), None)
    if successor is not None:
        successor.addprevious(borders)  # schema order matters to Word and LibreOffice
    else:
        tbl_pr.append(borders)


def new_table(
    container: Any, rows: int, cols: int, widths_mm: Sequence[float], *, borders: bool = True
) -> Table:
    """An empty table of fixed widths, bordered or not, centred on the page."""
    if isinstance(container, (_Cell, DocxDocument)):
        table = container.add_table(rows=rows, cols=cols)
    else:  # header/footer need a width
        table = container.add_table(rows, cols, Mm(sum(widths_mm)))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_borders(table, borders)
    set_col_widths(table, widths_mm)
    return table


def bordered_table(
    container: Any,
    rows: Sequence[Sequence[str]],
    widths_mm: Sequence[float],
    *,
    header_rows: int = 1,
    size: float | None = None,
    center_cols: Sequence[int] = (),
) -> Table:
    """A bordered grid of text; the first `header_rows` rows bold and centred, repeated on new pages."""
    table = new_table(container, len(rows), len(widths_mm), widths_mm)
    for r, values in enumerate(rows):
        head = r < header_rows
        for c, value in enumerate(values):
            align = "center" if head or c in center_cols else "left"
            cell_text(table.cell(r, c), value, bold=head, size=size, align=align)
        if head:
            tr_pr = table.rows[r]._tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:tblHeader"))
    return table


def tidy_cell(cell: _Cell) -> None:
    """Drop the empty first paragraph python-docx leaves in a cell filled with `para` calls."""
    paragraphs = cell.paragraphs
    if len(paragraphs) > 1 and not paragraphs[0].text and not paragraphs[0]._p.xpath(".//w:sdt"):
        paragraphs[0]._p.getparent().remove(paragraphs[0]._p)


def merge_row(table: Table, r: int, text: str = "", **kw: Any) -> _Cell:
    """Merge a whole row into one cell (a box heading) and set its text."""
    cell = table.cell(r, 0).merge(table.cell(r, len(table.columns) - 1))
    for p in cell.paragraphs[1:]:
        p._p.getparent().remove(p._p)
    if text:
        cell_text(cell, text, **kw)
    return cell
