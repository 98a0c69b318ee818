"""Render controlled-document content (blocks of headings, dash lists, tables) with docstyle.

Content lives in YAML next to this module; a cell or paragraph is plain text with light markup:
"**bold**", "*italic*", and the "- " / "+ " dash bullets Vietnamese offices type by hand (kept
as text, laid out with a hanging indent, one paragraph per item as in the agency's files).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.oxml import OxmlElement
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from tools import docstyle as ds

AGENCY_PARENT_OLD = "UBND TỈNH KHÁNH HOÀ"  # the seed's spelling (old tone-mark placement)
BODY_WIDTH = 165.0  # mm: A4 minus Decree-30 margins (30 + 15)
STEPS_HEAD = ["TT", "Hoạt động", "Trách nhiệm", "Yêu cầu", "Biểu mẫu"]
_MARKUP = re.compile(r"(\*\*.+?\*\*|\*.+?\*)")

Cell = str | Sequence[str]


def rich(p: Paragraph, text: str, size: float | None = None, bold: bool = False) -> Paragraph:
    """Append marked-up text to a paragraph ("**bold**", "*italic*")."""
    for part in _MARKUP.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            ds.add_run(p, part[2:-2], bold=True, size=size)
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            ds.add_run(p, part[1:-1], italic=True, bold=bold, size=size)
        else:
            ds.add_run(p, part, bold=bold, size=size)
    return p


def _hang(p: Paragraph, text: str) -> None:
    """Dash/plus bullets hang: the text wraps under itself, not under the dash."""
    if text[:2] in ("- ", "+ "):
        fmt = p.paragraph_format
        fmt.left_indent, fmt.first_line_indent = Mm(4), Mm(-4)


def text_para(container: Any, text: str, *, size: float | None = None, align: str = "justify",
              after: float = 3, first_indent: float | None = None) -> Paragraph:
    """A body paragraph with markup; dash bullets hang."""
    p = ds.para(container, align=align, after=after, first_indent=first_indent)
    rich(p, text, size=size)
    _hang(p, text)
    return p


def fill_cell(cell: _Cell, value: Cell, *, size: float = 12, align: str = "left", bold: bool = False) -> None:
    """Put one string or a list of paragraphs into a cell (first paragraph reused)."""
    lines = [value] if isinstance(value, str) else list(value)
    for i, line in enumerate(lines):
        if i == 0:
            p = ds.cell_text(cell, "", align=align)
        else:
            p = ds.para(cell, align=align, before=1, after=1)
        rich(p, line, size=size, bold=bold)
        _hang(p, line)


def grid(container: Any, rows: Sequence[Sequence[Cell]], widths: Sequence[float], *,
         head: Sequence[str] | None = None, size: float = 12, center_cols: Sequence[int] = (0,)) -> Table:
    """A bordered table; `head` (bold, centred, repeated on each page) above the rows."""
    all_rows = ([list(head)] if head else []) + [list(r) for r in rows]
    table = ds.new_table(container, len(all_rows), len(widths), widths)
    for r, values in enumerate(all_rows):
        is_head = bool(head) and r == 0
        for c, value in enumerate(values):
            align = "center" if is_head or c in center_cols else "left"
            fill_cell(table.cell(r, c), value, size=size, align=align, bold=is_head)
    if head:
        table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    return table


def heading(container: Any, text: str, *, level: int = 1, center: bool = False) -> Paragraph:
    """A section heading ("1. MỤC ĐÍCH"): bold, level 2 bold italic."""
    p = ds.para(container, align="center" if center else "left", before=6, after=3, keep_next=True)
    ds.add_run(p, text, bold=True, italic=level > 1)
    return p


def page_break(container: Any) -> None:
    """Start a new page with a tiny empty paragraph (a break at the end of a full page would
    leave a blank page, as Word's own "page break before" does not)."""
    p = ds.para(container, "", after=0)
    p.paragraph_format.page_break_before = True
    p.paragraph_format.line_spacing = Pt(1)


def approval_table(container: Any, head: Sequence[str], rows: Sequence[Sequence[str]],
                   *, sign_height_mm: float = 18) -> Table:
    """The approval block: a role row then Họ tên / Chữ ký / Chức vụ rows (the signature row tall)."""
    widths = [30.0] + [(BODY_WIDTH - 30.0) / (len(head) - 1)] * (len(head) - 1)
    table = grid(container, rows, widths, head=head, size=13, center_cols=range(len(head)))
    for r, row in enumerate(rows, start=1):
        if not any(str(v).strip() for v in row[1:]):  # the signature row
            table.rows[r].height = Mm(sign_height_mm)
    return table


def _merge_col(table: Table, col: int, text_lines: Sequence[tuple[str, bool]], size: float) -> None:
    """Merge a header column vertically and write its lines (text, bold)."""
    cell = table.cell(0, col).merge(table.cell(len(table.rows) - 1, col))
    for extra in cell.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    for i, (line, bold) in enumerate(text_lines):
        if i == 0:
            ds.cell_text(cell, line, bold=bold, size=size, align="center", after=0)
        else:
            ds.para(cell, line, bold=bold, size=size, align="center", after=0)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def body_header(container: Any, variant: str, *, title_lines: Sequence[str], code: str, revision: str,
                issued: str, parent: str = AGENCY_PARENT_OLD) -> Table:
    """The header tables the agency pastes at the top of pages (QT.03.CTCL's four real layouts).

    cover: agency | whole title | "Mã hiệu: X" / "Lần ban hành 03" / "Ngày ban hành: d/m/yyyy"
    split: agency | title line per row | label | value   (the code in its own cell)
    plain: agency | title line per row | "Mã hiệu: X" …
    wide:  like plain with an empty spacer column before the code block
    """
    size = 12
    values = [f"Mã hiệu: {code}", f"Lần ban hành {revision}", f"Ngày ban hành: {issued}"]
    widths = {"cover": [48, 72, 45], "split": [45, 62, 30, 28], "plain": [45, 72, 48],
              "wide": [45, 62, 10, 48]}[variant]
    table = ds.new_table(container, 3, len(widths), widths)
    _merge_col(table, 0, [(parent, False), (ds.AGENCY, True)], size)
    if variant == "cover":
        _merge_col(table, 1, [(" ".join(title_lines), True)], size)
    else:
        for r, line in enumerate(title_lines):
            ds.cell_text(table.cell(r, 1), line, bold=True, size=size, align="center")
    if variant == "split":
        labels = ["Mã hiệu:", "Lần ban hành", "Ngày ban hành:"]
        for r, (label, value) in enumerate(zip(labels, [code, revision, issued], strict=True)):
            ds.cell_text(table.cell(r, 2), label, size=size)
            ds.cell_text(table.cell(r, 3), value, size=size)
    else:
        col = len(widths) - 1
        for r, value in enumerate(values):
            ds.cell_text(table.cell(r, col), value, size=size)
    ds.para(container, "", after=3)
    return table


def render_blocks(doc: Any, blocks: Sequence[dict[str, Any]], meta: dict[str, Any]) -> None:
    """Render a document body from blocks (see doc_qt03.yaml for the block kinds)."""
    for block in blocks:
        if "header" in block:
            variant = block["header"]
            code = meta["code"] if variant == "cover" else meta.get("body_code", meta["code"])
            body_header(doc, variant, title_lines=meta["title_lines"], code=code,
                        revision=meta["revision"], issued=meta["issued"])
        elif "heading" in block:
            heading(doc, block["heading"], level=block.get("level", 1), center=block.get("center", False))
        elif "para" in block:
            text_para(doc, block["para"], first_indent=10, after=2)
        elif "bullets" in block:
            for item in block["bullets"]:
                text_para(doc, f"- {item}", after=0)
        elif "space" in block:
            for _ in range(block["space"]):
                ds.para(doc, "", after=0)
        elif "approval" in block:
            approval = meta["approval"]
            approval_table(doc, approval["head"], approval["rows"])
        elif "pagebreak" in block:
            page_break(doc)
        elif "steps" in block:
            steps = block["steps"]
            grid(doc, steps["rows"], meta["steps_widths"], head=STEPS_HEAD if steps.get("head") else None,
                 size=11)
        elif "table" in block:
            spec = block["table"]
            grid(doc, spec["rows"], spec["widths"], head=spec.get("head"))
        else:
            raise ValueError(f"unknown block {block!r}")
