"""Small python-docx helpers for the wild corpus: what Word users do that python-docx has no call for.

Bold-only headings, Wingdings boxes (w:sym), tracked changes left on (w:ins / w:del), a table in the
page header, a repeated header row, a landscape section, vertical merges — written as Word writes
them, so the reader meets the same XML it would meet in an office's file.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx_builders import xml

WINGDINGS_CHECKED = "F0FE"  # Word's "ticked box" in Wingdings
WINGDINGS_EMPTY = "F0A8"  # Word's "empty box" in Wingdings
_DATE = "2026-03-10T08:00:00Z"


def new(margins_mm: float = 20) -> DocxDocument:
    """An A4 document with the margins offices use."""
    d = docx.Document()
    section = d.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(margins_mm))
    return d


def landscape(d: DocxDocument) -> None:
    """Turn the (only) section to A4 landscape, as wide objectives tables are printed."""
    section = d.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)


def grid(d: DocxDocument | _Cell, rows: list[list[str]], style: str | None = "Table Grid") -> Table:
    """A table of texts (lines split at "\\n" become paragraphs, as typed with Enter)."""
    width = max(len(r) for r in rows)
    table = d.add_table(rows=len(rows), cols=width)
    if style:
        table.style = style
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            set_text(table.cell(r, c), text)
    return table


def set_text(cell: _Cell, text: str, bold: bool = False) -> None:
    """A cell's text, one paragraph per line."""
    lines = text.split("\n")
    first = cell.paragraphs[0]
    for p in cell.paragraphs[1:]:
        p._p.getparent().remove(p._p)
    first.text = ""
    first.add_run(lines[0]).bold = bold
    for line in lines[1:]:
        cell.add_paragraph().add_run(line).bold = bold


def merge(table: Table, r0: int, c0: int, r1: int, c1: int) -> _Cell:
    """Merge a rectangle keeping the first cell's text (python-docx would join all texts)."""
    keep = table.cell(r0, c0).text
    merged = table.cell(r0, c0).merge(table.cell(r1, c1))
    set_text(merged, keep)
    return merged


def bold_paragraph(d: DocxDocument, text: str) -> None:
    """A heading set only in bold, in the Normal style (no heading style, no colon)."""
    d.add_paragraph().add_run(text).bold = True


def raw_paragraph(d: DocxDocument, inner: str) -> None:
    """Append a paragraph whose runs are raw WordprocessingML."""
    body = d.element.body
    body.find(qn("w:sectPr")).addprevious(xml(f"<w:p>{inner}</w:p>"))


def set_runs(paragraph: Paragraph, *runs: str) -> None:
    """Replace a paragraph's runs (of a cell, say) by raw WordprocessingML runs."""
    for old in paragraph._p.findall(qn("w:r")):
        paragraph._p.remove(old)
    for run in runs:
        paragraph._p.append(xml(run))


def r(text: str, bold: bool = False) -> str:
    """One run of text."""
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def wingdings_box(checked: bool) -> str:
    """A tick box inserted with Insert → Symbol → Wingdings."""
    char = WINGDINGS_CHECKED if checked else WINGDINGS_EMPTY
    return f'<w:r><w:sym w:font="Wingdings" w:char="{char}"/></w:r>'


def inserted(text: str, author: str = "Chuyên viên QLCL", rid: int = 1) -> str:
    """A tracked insertion (Review → Track Changes left on)."""
    return (f'<w:ins w:id="{rid}" w:author="{escape(author)}" w:date="{_DATE}">'
            f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:ins>')


def deleted(text: str, author: str = "Chuyên viên QLCL", rid: int = 2) -> str:
    """A tracked deletion: still in the file, no longer part of the text."""
    return (f'<w:del w:id="{rid}" w:author="{escape(author)}" w:date="{_DATE}">'
            f'<w:r><w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>')


def header_table(d: DocxDocument, rows: list[list[str]], widths_mm: list[float]) -> Table:
    """A table in the first section's page header (logo | title | code block), ruled."""
    header = d.sections[0].header
    table = header.add_table(rows=len(rows), cols=len(widths_mm), width=Mm(sum(widths_mm)))
    table.style = "Table Grid"
    for r_, row in enumerate(rows):
        for c, text in enumerate(row):
            set_text(table.cell(r_, c), text, bold=c == 1)
    for row in table.rows:
        for c, cell in enumerate(row.cells):
            cell.width = Mm(widths_mm[c])
    return table


def repeat_header_row(table: Table, rows: int = 1) -> None:
    """Mark the first rows as "Repeat as header row at the top of each page" (w:tblHeader)."""
    for row in table.rows[:rows]:
        tr_pr = row._tr.get_or_add_trPr()
        flag = OxmlElement("w:tblHeader")
        tr_pr.append(flag)


def save(d: DocxDocument, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    return path
